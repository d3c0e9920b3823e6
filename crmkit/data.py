"""The course data (课程数据): ``load(name)``, ``list_datasets()`` and table validation.

Every dataset of the course is a CSV file in the repository's ``datasets/`` folder, built by
:mod:`crmkit.synth` (synthetic data with known true parameters) or converted from public data
(CDNOW). ``load`` gives it typed columns: dates parsed, categories as ordered categoricals,
ids as strings::

    >>> from crmkit import data
    >>> tx = data.load("retail_transactions")            # doctest: +SKIP
    >>> data.list_datasets()                              # doctest: +SKIP

``validate_transactions`` is the one gate every analytic function of the kit uses for a
transaction log; its messages name the column and the rows at fault.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

import numpy as np
import pandas as pd

from .errors import DataError, ParameterError, describe_rows

__all__ = [
    "DatasetSpec",
    "Column",
    "datasets_dir",
    "list_datasets",
    "load",
    "spec",
    "validate_transactions",
    "require_columns",
]


@dataclass(frozen=True)
class Column:
    """One column of a dataset: its type, unit and meaning (for the data dictionary)."""

    dtype: str  # "str", "int", "float", "bool", "date", "datetime", "category"
    description: str
    unit: str = ""
    categories: tuple = ()  # for dtype "category": the allowed values, in order
    ordered: bool = False  # for dtype "category": whether the order means something (levels, bands)


@dataclass(frozen=True)
class DatasetSpec:
    """A dataset of the course: file, columns, provenance and how to rebuild it."""

    name: str
    title: str
    description: str
    columns: Mapping[str, Column]
    build: Callable[[], pd.DataFrame] | None = None  # None: converted from public data
    source: str = "synthetic"
    true_parameters: Mapping[str, object] = field(default_factory=dict)
    chapters: tuple = ()

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"


def _registry() -> dict[str, DatasetSpec]:
    from . import synth  # local import: synth imports this module

    return synth.registry()


def spec(name: str) -> DatasetSpec:
    """The :class:`DatasetSpec` of a dataset, with a friendly error for unknown names."""
    reg = _registry()
    if name not in reg:
        raise DataError(
            f"There is no dataset called {name!r}. Available datasets: {', '.join(sorted(reg))}."
        )
    return reg[name]


def datasets_dir() -> Path:
    """The folder that holds the course's CSV files.

    Looked up in this order: the ``CRMKIT_DATASETS`` environment variable; ``datasets/`` beside
    the package (a clone, an editable install, Binder); ``datasets/`` in the current folder or
    one of its parents (a notebook started inside ``notebooks/``).
    """
    env = os.environ.get("CRMKIT_DATASETS")
    candidates = [Path(env)] if env else []
    candidates.append(Path(__file__).resolve().parent.parent / "datasets")
    here = Path.cwd().resolve()
    candidates += [p / "datasets" for p in (here, *here.parents)]
    for c in candidates:
        if (c / "README.md").is_file():
            return c
    raise DataError(
        "Could not find the course's datasets/ folder. Run from a clone of the course, or set "
        "the CRMKIT_DATASETS environment variable to the folder that holds the CSV files."
    )


def list_datasets() -> pd.DataFrame:
    """A table of the course's datasets: name, title, rows, source, chapters."""
    rows = []
    folder = datasets_dir()
    for name, s in sorted(_registry().items()):
        path = folder / s.filename
        rows.append(
            {
                "name": name,
                "title": s.title,
                "source": s.source,
                "columns": len(s.columns),
                "chapters": ", ".join(s.chapters),
                "file": s.filename if path.is_file() else f"{s.filename} (missing)",
            }
        )
    return pd.DataFrame(rows)


def read_typed(path: Path, s: DatasetSpec) -> pd.DataFrame:
    """Read a dataset file with the types its spec declares."""
    cols = s.columns
    dtypes = {c: str for c, col in cols.items() if col.dtype in ("str", "category")}
    df = pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_values=[""])
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise DataError(f"{path.name} lacks the column(s) {missing}; rebuild it with `make datasets`.")
    for c, col in cols.items():
        if col.dtype in ("date", "datetime"):
            fmt = "%Y-%m-%d" if col.dtype == "date" else "%Y-%m-%d %H:%M:%S"
            df[c] = pd.to_datetime(df[c], format=fmt)
        elif col.dtype == "category":
            cats = list(col.categories) or sorted(df[c].dropna().unique())
            df[c] = pd.Categorical(df[c], categories=cats, ordered=col.ordered)
        elif col.dtype == "int":
            df[c] = df[c].astype("int64" if df[c].notna().all() else "Int64")
        elif col.dtype == "bool":
            df[c] = df[c].astype(bool) if df[c].notna().all() else df[c].astype("boolean")
        elif col.dtype == "float":
            df[c] = df[c].astype("float64")
    return df[list(cols)]


def load(name: str) -> pd.DataFrame:
    """Load a course dataset by name, with typed columns.

    ``load("retail_transactions")``, ``load("cdnow_sample")``, ``load("taxi_trips")`` ...;
    ``list_datasets()`` shows them all and ``datasets/README.md`` documents every column.
    """
    if not isinstance(name, str):
        raise ParameterError(f"load() takes a dataset name as a string, not {type(name).__name__}.")
    s = spec(name)
    path = datasets_dir() / s.filename
    if not path.is_file():
        raise DataError(f"The file {s.filename} is missing from datasets/; rebuild it with `make datasets`.")
    return read_typed(path, s)


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------


def require_columns(df, columns, what: str = "table") -> None:
    """Raise :class:`DataError` unless ``df`` is a non-empty DataFrame holding ``columns``."""
    if not isinstance(df, pd.DataFrame):
        raise DataError(f"Expected the {what} as a pandas DataFrame, got {type(df).__name__}.")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        have = ", ".join(map(str, df.columns)) or "none"
        raise DataError(
            f"The {what} has no column {', '.join(map(repr, missing))}. Its columns are: {have}. "
            f"Pass the right name (e.g. customer='cust_id') or rename the column."
        )
    if len(df) == 0:
        raise DataError(f"The {what} is empty: it has no rows to analyse.")


def _parse_dates(raw: pd.Series) -> pd.Series:
    """Dates from datetimes, date strings, or 8-digit numbers such as 20240131 (YYYYMMDD).

    Other numbers are not dates (pandas would read 20240131 as nanoseconds after 1970): they
    become NaT here, so the caller reports them instead of computing with 1970 dates.
    """
    if pd.api.types.is_datetime64_any_dtype(raw):
        return raw

    def one(v):
        if isinstance(v, (bool, np.bool_)):
            return None
        if isinstance(v, (int, np.integer, float, np.floating)):
            if v == v and float(v).is_integer() and 10000101 <= v <= 99991231:
                return str(int(v))
            return None
        return v

    values = raw.map(one) if not pd.api.types.is_string_dtype(raw) else raw
    values = values.astype(object).where(values.notna(), None)
    return pd.to_datetime(values, errors="coerce", format="mixed")


def validate_transactions(
    df,
    customer: str = "customer_id",
    date: str = "date",
    amount: str | None = "amount",
    *,
    allow_negative: bool = False,
    not_after=None,
    what: str = "transaction table",
) -> pd.DataFrame:
    """Check a transaction log and return a copy with parsed dates and numeric amounts.

    Raises :class:`DataError` naming the problem for: a missing column, an empty table,
    NaN customer ids, unparsable or missing dates, dates after ``not_after`` (default: today),
    non-numeric or NaN amounts, and negative amounts unless ``allow_negative=True``
    (returns / 退货).
    """
    cols = [customer, date] + ([amount] if amount is not None else [])
    require_columns(df, cols, what)
    out = df.copy()

    ids = out[customer]
    bad = ids.isna()
    if bad.any():
        raise DataError(
            f"The column {customer!r} has missing customer ids in {describe_rows(out.index[bad])}. "
            "Every transaction needs a customer."
        )

    raw = out[date]
    parsed = _parse_dates(raw)
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_localize(None)
    bad = parsed.isna()
    if bad.any():
        examples = ", ".join(repr(v) for v in raw[bad].head(3).tolist())
        raise DataError(
            f"The column {date!r} has missing or unparsable dates in {describe_rows(out.index[bad])} "
            f"(e.g. {examples}). Use dates like '2024-03-31'."
        )
    limit = pd.Timestamp.today().normalize() + pd.Timedelta(days=1) if not_after is None else pd.Timestamp(not_after)
    bad = parsed > limit
    if bad.any():
        raise DataError(
            f"The column {date!r} has dates in the future (after {limit.date()}) in "
            f"{describe_rows(out.index[bad])}: transactions cannot happen after the as-of date."
        )
    out[date] = parsed.astype("datetime64[ns]")

    if amount is not None:
        vals = out[amount]
        if not pd.api.types.is_numeric_dtype(vals) or pd.api.types.is_bool_dtype(vals):
            num = pd.to_numeric(vals, errors="coerce")
            bad = num.isna() & vals.notna()
            if bad.any():
                examples = ", ".join(repr(v) for v in vals[bad].head(3).tolist())
                raise DataError(
                    f"The column {amount!r} must hold numbers; {describe_rows(out.index[bad])} do not "
                    f"(e.g. {examples})."
                )
            vals = num
        vals = vals.astype("float64")
        bad = vals.isna() | ~np.isfinite(vals.to_numpy())
        if bad.any():
            raise DataError(f"The column {amount!r} has missing (NaN) or infinite amounts in {describe_rows(out.index[bad])}.")
        bad = vals < 0
        if bad.any() and not allow_negative:
            raise DataError(
                f"The column {amount!r} has negative amounts in {describe_rows(out.index[bad])}. "
                "If these are returns (退货), drop them or net them against purchases first, "
                "or use a function that documents how it treats returns."
            )
        out[amount] = vals
    return out


# --------------------------------------------------------------------------------------------
# The course database (课程数据库): read-only by default
# --------------------------------------------------------------------------------------------

_READONLY_HELP = (
    "The course database is read-only (只读), so that no query can damage the course copy: your {verb} "
    "was refused and nothing changed. To practise changes, work on your own copy: "
    "con = data.connect(writable_copy='my_crm.sqlite')."
)


class _ReadOnlyRefused(Exception):
    pass


def _refused(exc: Exception, sql) -> Exception:
    from .errors import CrmkitError

    verb = str(sql).strip().split(None, 1)[0].upper() if isinstance(sql, str) and sql.strip() else "change"
    return CrmkitError(_READONLY_HELP.format(verb=verb))


def _is_write_refusal(exc: Exception) -> bool:
    import sqlite3

    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("readonly" in text or "read-only" in text)


def _readonly_classes():
    import sqlite3

    class ReadOnlyCursor(sqlite3.Cursor):
        """A cursor whose refused writes raise a CrmkitError that says what to do."""

        def execute(self, sql, *args):
            try:
                return super().execute(sql, *args)
            except sqlite3.OperationalError as exc:
                if _is_write_refusal(exc):
                    raise _refused(exc, sql) from None
                raise

        def executemany(self, sql, *args):
            try:
                return super().executemany(sql, *args)
            except sqlite3.OperationalError as exc:
                if _is_write_refusal(exc):
                    raise _refused(exc, sql) from None
                raise

        def executescript(self, script):
            try:
                return super().executescript(script)
            except sqlite3.OperationalError as exc:
                if _is_write_refusal(exc):
                    raise _refused(exc, script) from None
                raise

    class ReadOnlyConnection(sqlite3.Connection):
        """The course database opened read-only (``mode=ro`` and ``PRAGMA query_only``)."""

        def cursor(self, factory=ReadOnlyCursor):
            return super().cursor(factory)

        def execute(self, sql, *args):
            return self.cursor().execute(sql, *args)

        def executemany(self, sql, *args):
            return self.cursor().executemany(sql, *args)

        def executescript(self, script):
            return self.cursor().executescript(script)

    return ReadOnlyConnection


def database_path(name: str = "crm") -> Path:
    """The file of a course database (``crm`` -> ``datasets/crm.sqlite``)."""
    from . import synth

    dbs = synth.database_registry()
    if not isinstance(name, str) or name not in dbs:
        raise ParameterError(f"name must be one of the course databases {sorted(dbs)}; got {name!r}.")
    path = datasets_dir() / dbs[name].filename
    if not path.is_file():
        raise DataError(f"The file {dbs[name].filename} is missing from datasets/; rebuild it with `make datasets`.")
    return path


def connect(name: str = "crm", *, writable_copy=None):
    """Open a course database (``crm``: the CRM system of chapter 12) as an ``sqlite3`` connection.

    By default the course copy is opened **read-only**: ``SELECT`` works (also through
    ``pandas.read_sql``), while ``INSERT``, ``UPDATE``, ``DELETE``, ``DROP`` ... raise a
    :class:`~crmkit.errors.CrmkitError` and change nothing. ``writable_copy="my_crm.sqlite"``
    copies the course database to that file (only if the file does not exist yet, so your changes
    survive a restart) and opens the copy for reading and writing, with foreign keys enforced::

        con = data.connect()                                  # read-only course copy
        pd.read_sql("SELECT * FROM accounts LIMIT 5", con)
        mine = data.connect(writable_copy="my_crm.sqlite")    # yours to change
    """
    import sqlite3

    path = database_path(name)
    if writable_copy is None:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, factory=_readonly_classes())
        con.execute("PRAGMA query_only = ON")
        return con
    if not isinstance(writable_copy, (str, os.PathLike)) or not str(writable_copy).strip():
        raise ParameterError(f"writable_copy must be a file name such as 'my_crm.sqlite', not {writable_copy!r}.")
    target = Path(writable_copy)
    if target.exists() and target.resolve() == path.resolve():
        raise ParameterError("writable_copy must be a new file, not the course database itself.")
    if target.exists() and not target.is_file():
        raise ParameterError(f"writable_copy {str(target)!r} is a folder; give a file name such as 'my_crm.sqlite'.")
    if not target.exists():
        if not target.parent.is_dir():
            raise ParameterError(f"The folder of writable_copy {str(target)!r} does not exist.")
        src = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
    try:
        con = sqlite3.connect(target)
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DataError(f"{str(target)!r} exists but is not a database ({exc}); delete it or choose another name.") from None
    return con
