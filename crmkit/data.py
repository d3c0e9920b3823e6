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
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

import numpy as np
import pandas as pd

from . import _validate as _v
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
    "read_csv",
    "connect",
    "database_path",
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
    generator: str = ""  # the module that declares it (crmkit.synth.<name>), named, never imported by load()

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"


def _registry() -> dict[str, DatasetSpec]:
    """Every dataset as the data layer knows it (``crmkit/_catalog.py``, written by ``make datasets``):
    file, title, source, chapters, columns and the generator's module name. No generator is imported."""
    from . import _catalog

    return {name: DatasetSpec(name=name, title=d["title"], description="",
                              columns={c: Column(t[0], t[1], t[2], tuple(t[3]), t[4]) for c, t in d["columns"].items()},
                              source=d["source"], chapters=tuple(d["chapters"]), generator=d["generator"])
            for name, d in _catalog.DATASETS.items()}


def _dataset(name, value) -> str:
    if not isinstance(value, str):
        raise ParameterError(f"{name} must be a dataset name as a string, e.g. load('taxi_trips'), not {type(value).__name__}.")
    reg = _registry()
    if value not in reg:
        raise DataError(
            f"There is no dataset called {value!r}. Available datasets: {', '.join(sorted(reg))}."
        )
    return value


_DATASET = _v.Custom(_dataset, "the name of a course dataset (list_datasets())")


@_v.params(name=_DATASET)
def spec(name: str) -> DatasetSpec:
    """The :class:`DatasetSpec` of a dataset as the data layer knows it (file, columns, provenance, the
    generator's module name), with a friendly error for unknown names. The generator's own spec, with the
    description, true parameters and ``build``, is ``crmkit.synth.registry()[name]``."""
    return _registry()[name]


@_v.params()
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


@_v.params()
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


class _Fallback(Exception):
    """The fast reader met something Excel or an editor wrote; the careful reader takes over."""


def _read_typed_fast(path: Path, s: DatasetSpec) -> pd.DataFrame:
    """The course's own files as ``make datasets`` writes them: UTF-8, commas, ISO dates."""
    cols = s.columns
    dtypes = {c: str for c, col in cols.items() if col.dtype in ("str", "category")}
    try:
        df = pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_values=[""], encoding="utf-8")
    except (UnicodeDecodeError, ValueError, pd.errors.ParserError, pd.errors.EmptyDataError):
        raise _Fallback() from None
    if any(c not in df.columns for c in cols):
        raise _Fallback()
    for c, col in cols.items():
        if col.dtype in ("date", "datetime"):
            fmt = "%Y-%m-%d" if col.dtype == "date" else "%Y-%m-%d %H:%M:%S"
            try:
                df[c] = pd.to_datetime(df[c], format=fmt)
            except (ValueError, TypeError):
                raise _Fallback() from None
        elif col.dtype in ("int", "float") and not pd.api.types.is_numeric_dtype(df[c]):
            raise _Fallback()
    return df


def _path(name, path) -> Path:
    if not isinstance(path, (str, os.PathLike)):
        raise ParameterError(f"{name} must be a file name, not {type(path).__name__}.")
    return Path(path)


def _spec(name, s):
    if not isinstance(s, DatasetSpec):
        raise ParameterError(f"{name} must be a DatasetSpec (data.spec(name)), not {type(s).__name__}.")
    return s


@_v.params(path=_v.Custom(_path, "a file name"), s=_v.Custom(_spec, "the DatasetSpec of the file"))
def read_typed(path: Path, s: DatasetSpec) -> pd.DataFrame:
    """Read a dataset file with the types its spec declares.

    The course's files are read directly; a file that was opened and saved again (in Excel, WPS, an
    editor) is read with :func:`read_csv`'s care: UTF-16 / GBK, ``;`` separators, dates such as
    ``1997/1/1`` or ``1997.1.1`` (with or without times), thousands separators (``1,234.5``). Whatever
    cannot be read is named (file, column, rows) in a :class:`DataError`, never a raw pandas error.
    """
    cols = s.columns
    restore = (f"If you edited the course's copy, restore it (git checkout datasets/{path.name}) or rebuild it "
               f"with `make datasets`.")
    try:
        df = _read_typed_fast(path, s)
    except _Fallback:
        df = _read_text_table(path, encoding=None, sep=None)
        missing = [c for c in cols if c not in df.columns]
        if missing:
            raise DataError(f"{path.name} lacks the column(s) {missing}. {restore}") from None
        what = f"file {path.name}"
        for c, col in cols.items():
            if col.dtype in ("date", "datetime"):
                df[c] = _v.date_column(df, c, what, allow_missing=True)
            elif col.dtype in ("int", "float"):
                num = _numbers(df[c].astype(object).where(df[c].notna(), None))
                if num is None:
                    bad = pd.to_numeric(df[c], errors="coerce").isna() & df[c].notna()
                    raise DataError(f"{path.name}: the column {c!r} should hold numbers; "
                                    f"{describe_rows(df.index[bad.to_numpy()])} do not (e.g. "
                                    f"{df.loc[bad.to_numpy(), c].head(3).tolist()}). {restore}")
                df[c] = num
    for c, col in cols.items():
        if col.dtype == "category":
            cats = list(col.categories) or sorted(df[c].dropna().unique())
            df[c] = pd.Categorical(df[c], categories=cats, ordered=col.ordered)
        elif col.dtype == "int":
            num = pd.to_numeric(df[c], errors="coerce")
            if (num.dropna() != num.dropna().round()).any() or (num.isna() & df[c].notna()).any():
                raise DataError(f"{path.name}: the column {c!r} should hold whole numbers; some are not "
                                f"(e.g. {df.loc[(num != num.round()) & num.notna(), c].head(3).tolist()}).")
            df[c] = num.astype("int64" if num.notna().all() else "Int64")
        elif col.dtype == "bool":
            if df[c].notna().all():
                df[c] = _v.flag_column(df, c, path.name)
            else:
                df[c] = df[c].map(lambda x: pd.NA if x is None or x != x else str(x).strip().lower() in _v._TRUE).astype("boolean")
        elif col.dtype == "float":
            df[c] = df[c].astype("float64")
    return df[list(cols)]


@_v.params(name=_DATASET)
def load(name: str) -> pd.DataFrame:
    """Load a course dataset by name, with typed columns.

    ``load("retail_transactions")``, ``load("cdnow_sample")``, ``load("taxi_trips")`` ...;
    ``list_datasets()`` shows them all and ``datasets/README.md`` documents every column.
    """
    s = _registry()[name]
    path = datasets_dir() / s.filename
    if not path.is_file():
        raise DataError(f"The file {s.filename} is missing from datasets/; rebuild it with `make datasets`.")
    return read_typed(path, s)


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------


def _text(name, value) -> str:
    if not isinstance(value, str):
        raise ParameterError(f"{name} must be text, not {type(value).__name__}.")
    return value


def _column_names(name, columns) -> list:
    if isinstance(columns, str) or not isinstance(columns, (list, tuple)):
        raise ParameterError(f"{name} must be a list of column names, not {columns!r}.")
    return list(columns)


@_v.params(columns=_v.Custom(_column_names, "a list of column names"), what=_v.Custom(_text, "the table's name"),
           df=_v.Table(columns=("columns",), what_from="what"))
def require_columns(df, columns, what: str = "table") -> None:
    """Raise :class:`DataError` unless ``df`` is a non-empty DataFrame holding ``columns``
    (with unique column names). See :func:`crmkit._validate.table`."""


def _dayfirst(name, value):
    return None if value is None else _v.flag(name, value)


@_v.params(customer=_v.Column(), date=_v.Column(), amount=_v.Column(optional=True), allow_negative=_v.Flag(),
           asof=_v.Date(optional=True), dayfirst=_v.Custom(_dayfirst, "True, False or None (settled by the values)"),
           what=_v.Custom(_text, "the table's name in messages"),
           df=_v.Table(columns=("customer", "date", "amount"), what_from="what"))
def validate_transactions(
    df,
    *,
    customer: str = "customer_id",
    date: str = "date",
    amount: str | None = "amount",
    allow_negative: bool = False,
    asof=None,
    dayfirst: bool | None = None,
    what: str = "transaction table",
) -> pd.DataFrame:
    """Check a transaction log and return a copy with parsed dates and numeric amounts.

    Raises :class:`DataError` naming the problem for: a missing or duplicate column, an empty table,
    missing or mixed-kind customer ids, unparsable, ambiguous (day-first or month-first?  pass
    ``dayfirst``), out-of-range or mixed-zone dates, dates after ``asof`` (default: today),
    non-numeric, NaN or infinite amounts, and negative amounts unless ``allow_negative=True``
    (returns / 退货).
    """
    out = df.copy()
    _v.ids(out, customer, what)
    limit = pd.Timestamp.today().normalize() + pd.Timedelta(days=1) if asof is None else asof
    out[date] = _v.date_column(out, date, what, dayfirst=dayfirst, not_after=limit)
    if amount is not None:
        out[amount] = _v.numeric_column(out, amount, what, allow_negative=True)
        bad = out[amount] < 0
        if bad.any() and not allow_negative:
            raise DataError(
                f"The column {amount!r} has negative amounts in {describe_rows(out.index[bad])}. "
                "If these are returns (退货), drop them or net them against purchases first, "
                "or use a function that documents how it treats returns."
            )
    return out


_ENCODINGS = ("utf-8-sig", "gb18030")
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def _decode(raw: bytes, name: str, encoding: str | None) -> str:
    """The text of a file: the encoding given, else by its byte-order mark (UTF-8, UTF-16, UTF-32 as Excel's
    "Unicode text" writes), else UTF-16 without a mark (every other byte 0), else UTF-8, else GBK/GB18030."""
    if encoding is not None:
        tried = [encoding]
    else:
        tried = [enc for bom, enc in _BOMS if raw.startswith(bom)][:1]
        half = len(raw) // 2
        if not tried and len(raw) >= 4 and raw[1::2].count(0) > 0.4 * half:
            tried = ["utf-16-le"]
        elif not tried and len(raw) >= 4 and raw[0::2].count(0) > 0.4 * half:
            tried = ["utf-16-be"]
        tried += list(_ENCODINGS)
    for enc in tried:
        try:
            text = raw.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if "\x00" in text:  # binary, or a wrong guess
            continue
        return text
    raise DataError(f"The file {name} is not text in UTF-8, UTF-16 or GBK/GB18030 (a spreadsheet saved as .xlsx? "
                    f"a picture?). Save it from Excel as 'CSV UTF-8', or pass encoding='...'.")


def _read_text_table(path, *, encoding, sep) -> pd.DataFrame:
    """Every cell of a CSV file as text, with the encoding and separator detected; errors name the file."""
    import csv
    import io

    p = Path(path)
    if not p.is_file():
        raise DataError(f"There is no file {str(path)!r}. Check the name and the folder (the notebook runs in "
                        f"{Path.cwd().name}/).")
    text = _decode(p.read_bytes(), p.name, encoding)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise DataError(f"The file {p.name} is empty: it has no header and no rows. Export the table again, "
                        f"with its header row.")
    first = next(line for line in text.splitlines() if line.strip())
    if sep is None:
        counts = {c: first.count(c) for c in (",", ";", "\t", "|")}
        sep = max(counts, key=counts.get) if max(counts.values()) > 0 else ","
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            df = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_values=[""],
                             skip_blank_lines=True, index_col=False)
        if any(issubclass(w.category, pd.errors.ParserWarning) for w in caught):
            raise pd.errors.ParserError("some row has more cells than the header")
        return df
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError, csv.Error) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DataError(f"The file {p.name} is not a regular table ({detail}): every row needs as many cells "
                        "as the header.") from None


_PLAIN = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_US = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")  # 1,234.5
_EU = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$|^[+-]?\d+,\d+$")  # 1.234,5 or 12,5


def _numbers(col: pd.Series) -> pd.Series | None:
    """A text column as numbers when every value is one: plain (``1234.5``), with thousands separators
    (``1,234.5``) or with a decimal comma (``1.234,5``, ``12,5``); None when some value is not a number or
    the column mixes the two styles (which would be read wrong)."""
    vals = col.dropna().astype(str).str.strip().str.replace("\u00a0", "", regex=False)
    vals = vals[vals != ""]
    if vals.empty:
        return None
    plain = vals.str.match(_PLAIN)
    if plain.all():
        cleaned = vals
    else:
        us_ok = (plain | vals.str.match(_US)).all()
        eu_ok = (vals.str.match(_EU) | (plain & ~vals.str.contains(".", regex=False))).all()
        if us_ok == eu_ok:  # neither, or both ('1,234' alone is 1234 or 1.234): not guessed
            return None
        cleaned = vals.str.replace(",", "", regex=False) if us_ok else \
            vals.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    out = pd.Series(np.nan, index=col.index, dtype="float64")
    out[cleaned.index] = pd.to_numeric(cleaned).astype("float64").to_numpy()
    return out


def _sep(name, sep):
    if sep is not None and (not isinstance(sep, str) or len(sep) != 1 or sep in "\"\n\r"):
        raise ParameterError(f"sep must be one character such as ',' or ';', not {sep!r}.")
    return sep


def _encoding(name, encoding):
    if encoding is not None and not isinstance(encoding, str):
        raise ParameterError(f"encoding must be a name such as 'gbk' or 'utf-16', not {encoding!r}.")
    return encoding


def _date_columns(name, date_columns) -> list:
    if isinstance(date_columns, str):
        date_columns = [date_columns]
    if not isinstance(date_columns, (list, tuple)) or not all(isinstance(c, str) for c in date_columns):
        raise ParameterError(f"date_columns must be a list of column names, not {date_columns!r}.")
    return list(date_columns)


def _csv_path(name, path) -> Path:
    if not isinstance(path, (str, os.PathLike)):
        raise ParameterError(f"read_csv() takes a file name, not {type(path).__name__}.")
    return Path(path)


@_v.params(sep=_v.Custom(_sep, "one character, or None (detected)"),
           encoding=_v.Custom(_encoding, "an encoding's name, or None (detected)"),
           dayfirst=_v.Custom(_dayfirst, "True, False or None (settled by the values)"),
           date_columns=_v.Custom(_date_columns, "a list of column names"), path=_v.Custom(_csv_path, "a file name"))
def read_csv(path, *, dayfirst: bool | None = None, date_columns=(), sep: str | None = None,
             encoding: str | None = None) -> pd.DataFrame:
    """Read a learner's own CSV file (e.g. exported from Excel or WPS) into a DataFrame.

    * Encoding: UTF-8 (with or without the BOM Excel writes), UTF-16 (Excel's "Unicode text", with its
      byte-order mark or without) or GBK/GB18030 (Chinese Excel), detected; pass ``encoding=`` to choose.
    * Separator: ``,`` ``;`` a tab or ``|``, detected from the first line; pass ``sep=`` to choose.
    * Numbers: a column whose every value is a number becomes numbers (whole numbers stay whole), also with
      thousands separators (``1,234.5``) or a decimal comma (``1.234,5``, ``12,5``); a column mixing the two
      styles, one whose values could be either (only ``1,234``-like values), or holding ``¥1000``, stays
      text (the analytics then name the rows).
    * ``date_columns``: parsed as dates (``2024-01-05``, ``2024/1/5``, ``2024.1.5``, ``20240105``, with or
      without a time); day-first vs month-first is never guessed: when the values do not settle it, a
      :class:`DataError` asks for ``dayfirst=True`` or ``False``.
    * Yes/no columns (yes/no, true/false, 是/否) become True/False.
    An empty file, a binary file, a ragged table: a :class:`DataError` that names the file (never a raw
    pandas error); other errors name the file, the column and the rows.
    """
    p = path
    df = _read_text_table(p, encoding=encoding, sep=sep)
    what = f"file {p.name}"
    _v.table(df, [], what, allow_empty=True)
    for c in df.columns:
        col = df[c].dropna().str.strip()
        if len(col) == 0:
            continue
        low = set(col.str.lower())
        if low <= (_v._TRUE | _v._FALSE) and not low <= {"0", "1"}:
            df[c] = _v.flag_column(df.assign(**{c: df[c].fillna("missing")}), c, what) if df[c].notna().all() \
                else df[c].map(lambda x: None if x is None or x != x else x.strip().lower() in _v._TRUE)
            continue
        if c in date_columns:
            continue
        full = _numbers(df[c])
        if full is not None:
            known = full.dropna()
            whole = (known == known.round()).all() and known.abs().max() < 2**53
            df[c] = full.astype("Int64") if whole else full
    for c in date_columns:
        _v.table(df, [c], what)
        df[c] = _v.date_column(df, c, what, dayfirst=dayfirst, allow_missing=True)
    return df


# --------------------------------------------------------------------------------------------
# The course database (课程数据库): read-only by default
# --------------------------------------------------------------------------------------------

_READONLY_HELP = (
    "The course database is read-only (只读), so that no query can damage the course copy: your {verb} "
    "was refused and nothing changed. To practise changes, work on your own copy: "
    "con = data.connect(writable_copy='my_crm.sqlite')."
)

#: Written into the header of every copy ``connect(writable_copy=...)`` makes (``PRAGMA application_id``,
#: "CRMK"), so that an existing file is reopened only when the kit made it.
COPY_MARK = 0x43524D4B

#: Pragmas that only read: allowed with any argument (a table or index name).
_READ_PRAGMAS = frozenset({
    "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo", "foreign_key_list",
    "foreign_key_check", "integrity_check", "quick_check", "collation_list", "function_list", "module_list",
    "pragma_list", "database_list", "compile_options",
})
#: Pragmas that read a setting when given no value, and change it when given one (refused then).
_SETTING_PRAGMAS = frozenset({
    "page_count", "page_size", "encoding", "freelist_count", "schema_version", "user_version", "application_id",
    "data_version", "foreign_keys", "journal_mode", "query_only", "auto_vacuum", "cache_size", "max_page_count",
})


def _authorizer(state: dict):
    """An ``sqlite3`` authorizer that refuses every action that could write, attach or lift the protection."""
    import sqlite3

    names = {getattr(sqlite3, f"SQLITE_{n}"): n for n in _ACTION_NAMES}
    # reading, and transactions (which change nothing on a file opened read-only)
    allowed = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_TRANSACTION, sqlite3.SQLITE_SAVEPOINT,
               sqlite3.SQLITE_RECURSIVE}

    def check(action, arg1, arg2, db, trigger):
        if action in allowed:
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_FUNCTION:
            if str(arg2).lower() in ("load_extension", "writefile", "edit"):
                state["refused"] = f"call of {arg2}()"
                return sqlite3.SQLITE_DENY
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_PRAGMA:
            name = str(arg1).lower()
            if name in _READ_PRAGMAS or (name in _SETTING_PRAGMAS and arg2 is None):
                return sqlite3.SQLITE_OK
            state["refused"] = f"PRAGMA {arg1}" + (f" = {arg2}" if arg2 is not None else "")
            return sqlite3.SQLITE_DENY
        if action == sqlite3.SQLITE_UPDATE and str(arg1).lower() in ("sqlite_master", "sqlite_schema") \
                and trigger is None:
            # SQLite reports reading the schema for a table-valued pragma (pragma_table_info(...)) this way;
            # writing it needs PRAGMA writable_schema, which is refused above, on a file opened read-only.
            return sqlite3.SQLITE_OK
        what = names.get(action, f"action {action}").replace("_", " ")
        state["refused"] = what + (f" {arg1}" if isinstance(arg1, str) and arg1 and action != sqlite3.SQLITE_ATTACH
                                   else "")
        return sqlite3.SQLITE_DENY

    return check


_ACTION_NAMES = frozenset({
    "CREATE_INDEX", "CREATE_TABLE", "CREATE_TEMP_INDEX", "CREATE_TEMP_TABLE", "CREATE_TEMP_TRIGGER",
    "CREATE_TEMP_VIEW", "CREATE_TRIGGER", "CREATE_VIEW", "DELETE", "DROP_INDEX", "DROP_TABLE", "DROP_TEMP_INDEX",
    "DROP_TEMP_TABLE", "DROP_TEMP_TRIGGER", "DROP_TEMP_VIEW", "DROP_TRIGGER", "DROP_VIEW", "INSERT", "PRAGMA",
    "UPDATE", "ATTACH", "DETACH", "ALTER_TABLE", "REINDEX", "ANALYZE", "CREATE_VTABLE", "DROP_VTABLE", "FUNCTION",
})


def _refused(sql, state=None) -> Exception:
    from .errors import CrmkitError

    verb = str(sql).strip().split(None, 1)[0].upper() if isinstance(sql, str) and sql.strip() else "change"
    what = (state or {}).pop("refused", None)
    if what and what.split()[0].upper() != verb:
        verb = f"{verb} ({what})"  # e.g. VACUUM (ATTACH): the statement needed something refused
    elif what and verb == "PRAGMA":
        verb = what  # which pragma, and the value it would have set
    return CrmkitError(_READONLY_HELP.format(verb=verb))


def _is_write_refusal(exc: Exception) -> bool:
    import sqlite3

    text = str(exc).lower()
    return isinstance(exc, sqlite3.DatabaseError) and (
        "readonly" in text or "read-only" in text or "not authorized" in text or "authorization denied" in text
        or "attached databases" in text
        or "prohibited" in text)


def _readonly_classes():
    import sqlite3

    class ReadOnlyCursor(sqlite3.Cursor):
        """A cursor whose refused writes raise a CrmkitError that says what to do."""

        def _run(self, method, sql, *args):
            state = getattr(self.connection, "_crmkit_state", {})
            try:
                return method(sql, *args)
            except sqlite3.DatabaseError as exc:
                if _is_write_refusal(exc):
                    raise _refused(sql, state) from None
                raise

        def execute(self, sql, *args):
            return self._run(super().execute, sql, *args)

        def executemany(self, sql, *args):
            return self._run(super().executemany, sql, *args)

        def executescript(self, script):
            return self._run(super().executescript, script)

    def _locked(what):
        def refuse(self, *args, **kwargs):
            from .errors import CrmkitError

            raise CrmkitError(_READONLY_HELP.format(verb=what))

        return refuse

    class ReadOnlyConnection(sqlite3.Connection):
        """The course database opened read-only: ``mode=ro``, ``PRAGMA query_only``, an authorizer that
        refuses every write, ATTACH, VACUUM and protection-lifting pragma, and no attached databases."""

        def cursor(self, factory=ReadOnlyCursor):
            return super().cursor(factory)

        def execute(self, sql, *args):
            return self.cursor().execute(sql, *args)

        def executemany(self, sql, *args):
            return self.cursor().executemany(sql, *args)

        def executescript(self, script):
            return self.cursor().executescript(script)

        set_authorizer = _locked("set_authorizer()")
        setlimit = _locked("setlimit()")
        enable_load_extension = _locked("enable_load_extension()")
        load_extension = _locked("load_extension()")
        deserialize = _locked("deserialize()")

    return ReadOnlyConnection


def _open_readonly(path: Path):
    """The course file opened so that no statement can change it (see :func:`connect`)."""
    import sqlite3

    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, factory=_readonly_classes())
    con.execute("PRAGMA query_only = ON")
    state: dict = {}
    con._crmkit_state = state
    sqlite3.Connection.set_authorizer(con, _authorizer(state))
    sqlite3.Connection.setlimit(con, sqlite3.SQLITE_LIMIT_ATTACHED, 0)
    return con


def _database(name, value) -> str:
    from . import _catalog

    dbs = _catalog.DATABASES
    if not isinstance(value, str) or value not in dbs:
        raise ParameterError(f"name must be one of the course databases {sorted(dbs)}; got {value!r}.")
    return value


_DATABASE = _v.Custom(_database, "the name of a course database")


@_v.params(name=_DATABASE)
def database_path(name: str = "crm") -> Path:
    """The file of a course database (``crm`` -> ``datasets/crm.sqlite``)."""
    from . import _catalog

    filename = _catalog.DATABASES[name]["file"]
    path = datasets_dir() / filename
    if not path.is_file():
        raise DataError(f"The file {filename} is missing from datasets/; rebuild it with `make datasets`.")
    return path


def _writable_copy(name, value):
    if value is not None and (not isinstance(value, (str, os.PathLike)) or not str(value).strip()):
        raise ParameterError(f"writable_copy must be a file name such as 'my_crm.sqlite', not {value!r}.")
    return value


@_v.params(name=_DATABASE, writable_copy=_v.Custom(_writable_copy, "a file name, ':memory:' or None (read-only)"),
           force=_v.Flag())
def connect(name: str = "crm", *, writable_copy=None, force: bool = False):
    """Open a course database (``crm``: the CRM system of chapter 12) as an ``sqlite3`` connection.

    By default the course copy is opened **read-only**, at the level of the connection: ``SELECT``
    works (also through ``pandas.read_sql``), while ``INSERT``, ``UPDATE``, ``DELETE``, ``DROP``,
    ``ATTACH``, ``VACUUM`` (``INTO`` too) and the pragmas that would lift the protection
    (``query_only``, ``writable_schema``, ``journal_mode`` ...) raise a
    :class:`~crmkit.errors.CrmkitError` and change nothing.

    ``writable_copy="my_crm.sqlite"`` copies the course database to that file and opens the copy for
    reading and writing, with foreign keys enforced. An existing file is reopened (so your changes survive
    a restart) only when it is a copy the kit made (marked in its header); any other existing file (an empty
    one, another database, a link to the course file) is refused unless ``force=True``, which opens an
    existing database as it is or fills an empty file with a copy; the course file itself (by any name or
    link) is always refused. ``writable_copy=":memory:"`` gives a full copy in memory::

        con = data.connect()                                  # read-only course copy
        pd.read_sql("SELECT * FROM accounts LIMIT 5", con)
        mine = data.connect(writable_copy="my_crm.sqlite")    # yours to change
    """
    import sqlite3

    path = database_path(name)
    if writable_copy is None:
        return _open_readonly(path)
    if isinstance(writable_copy, str) and writable_copy.strip() == ":memory:":
        con = sqlite3.connect(":memory:")
        _copy_into(path, con)
        con.execute("PRAGMA foreign_keys = ON")
        return con
    target = Path(writable_copy)
    if "\x00" in str(target):
        raise ParameterError("writable_copy must be a file name such as 'my_crm.sqlite'.")
    if target.exists() and not target.is_file():
        raise ParameterError(f"writable_copy {str(target)!r} is a folder; give a file name such as 'my_crm.sqlite'.")
    if target.exists() and _same_file(target, path):
        raise ParameterError("writable_copy must be a new file, not the course database itself (nor a link to it): "
                             "give a new name such as 'my_crm.sqlite'.")
    if target.exists():
        size = target.stat().st_size
        kind = _copy_kind(target) if size else "empty"
        if kind == "kit copy":
            pass
        elif not force:
            raise ParameterError(
                f"{str(target)!r} already exists and is {'an empty file' if kind == 'empty' else kind}, not a copy "
                f"the kit made: choose a new name, or pass force=True to "
                f"{'fill it with a copy' if kind == 'empty' else 'open it as it is'}.")
        elif kind == "not a database":
            raise DataError(f"{str(target)!r} exists but is not a database; choose another name.")
        elif kind == "empty":
            _write_copy(path, target)
    else:
        if not target.parent.is_dir():
            raise ParameterError(f"The folder of writable_copy {str(target)!r} does not exist.")
        _write_copy(path, target)
    try:
        con = sqlite3.connect(target)
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DataError(f"{str(target)!r} exists but is not a database ({exc}); choose another name.") from None
    return con


def _same_file(a: Path, b: Path) -> bool:
    """True when two names lead to one file (the same path, a symbolic or a hard link: same device and inode)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _copy_kind(target: Path) -> str:
    """'kit copy' for a database the kit copied, else 'another database' or 'not a database'."""
    import sqlite3

    try:
        con = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)
        try:
            mark = con.execute("PRAGMA application_id").fetchone()[0]
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return "not a database"
    return "kit copy" if mark == COPY_MARK else "another database"


def _copy_into(path: Path, dst) -> None:
    """Copy every page of the course database into the connection ``dst`` (SQLite's backup API), marked."""
    import sqlite3

    src = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        src.backup(dst)
    finally:
        src.close()
    dst.execute(f"PRAGMA application_id = {COPY_MARK}")
    dst.commit()


def _write_copy(path: Path, target: Path) -> None:
    """A full, marked copy of the course database at ``target``, written beside it and renamed into place."""
    import sqlite3
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=".crmkit-copy-", suffix=".sqlite", dir=target.parent)
    os.close(fd)
    try:
        dst = sqlite3.connect(tmp)
        try:
            _copy_into(path, dst)
        finally:
            dst.close()
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
