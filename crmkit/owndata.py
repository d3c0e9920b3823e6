"""Your own data (你自己的数据): a company's transaction export read, mapped and checked in one call.

The course's datasets are clean; a real export is not. :func:`read_transactions` reads a CSV, Excel,
Parquet, SQLite or DuckDB file (or a DataFrame), maps the user's column names to the kit's
(``customer_id``, ``date``, ``amount``) and checks the data contract:

* customer ids: none missing, no two that differ only in spaces or capitals (``'C001 '`` and ``'c001'``);
* dates: readable, in several formats (``2024-03-05``, ``2024/3/5``, ``20240305``, with times), day-first
  or month-first settled (``dayfirst=``), time zones converted to one (``timezone=``), none in the future;
* amounts: numbers (not ``'¥1,234'`` or ``'n/a'``); negative amounts are returns (退货), kept, but a
  return by a customer who never bought is a problem;
* duplicates: the same row twice (an export run twice, a join gone wrong);
* currencies: one currency, or the exchange ``rates`` to convert the others.

It reports **every** problem it finds at once, each with a count, row examples and a fix, in one
:class:`~crmkit.errors.DataError` (:func:`check_transactions` returns the same report as a table).
Nothing is modified on disk: files and databases are opened read-only. Rows are named by their line in
a CSV or Excel file (the header is line 1), by their position (from 0) otherwise.

For files too large for memory, :func:`crmkit.segment.rfm_table`, :func:`crmkit.clv.summarize` and
:func:`crmkit.loyalty.cohort_table` take the path itself and compute in DuckDB (:mod:`crmkit._duck`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from . import _validate as v
from .errors import DataError, ParameterError

__all__ = ["read_transactions", "check_transactions", "SUFFIXES"]

#: The kinds of files read, by suffix.
SUFFIXES = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".xlsx": "excel", ".xlsm": "excel", ".parquet": "parquet",
            ".pq": "parquet", ".sqlite": "sqlite", ".sqlite3": "sqlite", ".db": "sqlite", ".duckdb": "duckdb"}

#: The problems the contract check knows, in the order they are reported, with the fix it proposes.
PROBLEMS = {
    "missing_column": "Pass the right name (customer=..., date=..., amount=...) or rename the column.",
    "missing_id": "Fill in the customer id, or drop these rows (a purchase nobody made cannot be analysed).",
    "inconsistent_id": "Write each id one way: ids.str.strip().str.upper() (here, {same} are one customer?).",
    "mixed_id_kinds": "Read the ids as text (dtype=str) so that 7 and '007' are not two kinds of id.",
    "bad_date": "Correct these dates or drop the rows; write dates as 2024-03-31.",
    "ambiguous_date": "Say how to read them: dayfirst=True (03/04/2024 = 3 April) or dayfirst=False (= March 4).",
    "mixed_time_zones": "Pass timezone='Asia/Shanghai' (or the zone of the shop): every time is converted to it.",
    "future_date": "Dates after the as-of date cannot have happened yet: correct them, or pass a later asof.",
    "bad_amount": "Write amounts as plain numbers (1234.5): no currency signs, no text; drop rows with none.",
    "orphan_return": "A return (negative amount) by a customer with no purchase: drop it, or load the purchase too.",
    "duplicate_row": "Drop the copies (duplicates='drop', or table.drop_duplicates()) if the export repeated rows.",
    "several_currencies": "Pass rates={{'USD': 7.1, ...}}: amounts are converted to {base} at these rates.",
    "unknown_currency": "Give a rate for each currency in rates= (or correct the code).",
}


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def _source(name, source):
    """A DataFrame, a DuckDB relation, or the path of a file of a kind in SUFFIXES (checked to exist)."""
    if isinstance(source, pd.DataFrame):
        return source
    if type(source).__name__ == "DuckDBPyRelation":
        return source
    if not isinstance(source, (str, os.PathLike)):
        raise DataError(f"{name} must be a file name (CSV, Excel, Parquet, SQLite, DuckDB), a DataFrame or a "
                             f"DuckDB relation, not {type(source).__name__}.")
    p = Path(source)
    if p.suffix.lower() not in SUFFIXES:
        raise ParameterError(f"{name}: the kit reads files ending in {', '.join(sorted(SUFFIXES))}; "
                             f"{p.name!r} is none of these. Export the table as CSV or Excel.")
    if not p.is_file():
        raise DataError(f"There is no file {p.name!r} in {p.parent.name or '.'}/. Check the name and the folder.")
    return p


def _table_name(name, value):
    if value is not None and (not isinstance(value, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value)):
        raise ParameterError(f"{name} must be the name of a table in the database (letters, digits, _), "
                             f"not {value!r}.")
    return value


def _sheet(name, value):
    if value is None or (isinstance(value, str) and value) or (isinstance(value, int) and not isinstance(value, bool)
                                                               and 0 <= value < 1000):
        return value
    raise ParameterError(f"{name} must be a sheet's name or its position (0 = the first), not {value!r}.")


def _db_table(tables: list, table, path: Path) -> str:
    if table is None:
        if len(tables) == 1:
            return tables[0]
        raise ParameterError(f"{path.name} holds {len(tables)} tables ({', '.join(tables) or 'none'}): "
                             "say which with table='...'.")
    if table not in tables:
        raise DataError(f"{path.name} has no table {table!r}; its tables are: {', '.join(tables) or 'none'}.")
    return table


def _read(source, *, table=None, sheet=None) -> tuple[pd.DataFrame, str]:
    """The raw table (never written back) and how its rows are named ("line" or "row")."""
    if isinstance(source, pd.DataFrame):
        return source, "row"
    if type(source).__name__ == "DuckDBPyRelation":
        return source.df(), "row"
    p = source
    kind = SUFFIXES[p.suffix.lower()]
    try:
        if kind == "csv":
            from .data import _read_text_table

            df = _read_text_table(p, encoding=None, sep="\t" if p.suffix.lower() == ".tsv" else None)
            df.index = pd.RangeIndex(2, len(df) + 2)
            return df, "line"
        if kind == "excel":
            df = pd.read_excel(p, sheet_name=0 if sheet is None else sheet, dtype=object)
            df.index = pd.RangeIndex(2, len(df) + 2)
            return df, "line"
        if kind == "parquet":
            return pd.read_parquet(p), "row"
        if kind == "sqlite":
            import sqlite3

            con = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True)
            try:
                names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                                                   "ORDER BY name")]
                t = _db_table(names, table, p)
                return pd.read_sql_query(f'SELECT * FROM "{t}"', con), "row"
            finally:
                con.close()
        import duckdb

        con = duckdb.connect(str(p), read_only=True)
        try:
            names = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()]
            t = _db_table(names, table, p)
            return con.execute(f'SELECT * FROM "{t}"').df(), "row"
        finally:
            con.close()
    except (DataError, ParameterError):
        raise
    except Exception as exc:  # noqa: BLE001 - a file the reader cannot open is named, never a traceback
        detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise DataError(f"{p.name} could not be read as a {kind} file ({detail}). Open it in its program and "
                        "export it again (CSV UTF-8 is the safest).") from None


# --------------------------------------------------------------------------------------------
# The contract
# --------------------------------------------------------------------------------------------


def _examples(values, limit: int = 3) -> str:
    vals = list(dict.fromkeys(repr(x) for x in values))
    return ", ".join(vals[:limit])


def _rows(labels, word: str, limit: int = 5) -> str:
    labels = list(labels)
    shown = ", ".join(str(x) for x in labels[:limit])
    more = f" (and {len(labels) - limit} more)" if len(labels) > limit else ""
    return f"{word}{'s' if len(labels) > 1 else ''} {shown}{more}"


def _blank(col: pd.Series) -> np.ndarray:
    isna = col.isna().to_numpy()
    if col.dtype == object or pd.api.types.is_string_dtype(col):
        text = col.astype("string").str.strip()
        isna = isna | (text == "").fillna(True).to_numpy(dtype=bool)
    return isna


_ZONE = re.compile(r"(?:[+-]\d{2}:?\d{2}|Z|UTC)$")


def _parse_dates(col: pd.Series, *, dayfirst, timezone):
    """Parsed naive dates (NaT where unreadable) and the problems: unreadable, ambiguous, mixed zones."""
    problems = []
    if isinstance(col.dtype, pd.DatetimeTZDtype):
        out = col.dt.tz_convert(timezone) if timezone else col
        return out.dt.tz_localize(None).astype("datetime64[ns]"), problems
    if pd.api.types.is_datetime64_any_dtype(col):
        arr = col.to_numpy()
        unit = np.datetime_data(arr.dtype)[0]
        with np.errstate(invalid="ignore"):
            out_of_range = (arr < np.datetime64("1900-01-01", unit)) | (arr > np.datetime64("2200-01-01", unit))
        arr = np.where(out_of_range, np.datetime64("NaT", unit), arr)  # named as unreadable dates below
        return pd.Series(arr.astype("datetime64[ns]"), index=col.index), problems
    raw = col.astype(object)
    uniq = pd.unique(raw[raw.notna()])
    texts = [str(u).strip() for u in uniq]
    if dayfirst is None and v._ambiguous_day_month(texts):
        problems.append(("ambiguous_date", [t for t in texts if re.match(r"^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}", t)]))
    order = v._day_month_order(texts) if dayfirst is None else dayfirst
    zones = {m.group(0).replace(":", "") for t in texts if (m := _ZONE.search(t)) and (" " in t or "T" in t)}
    naive_with_time = [t for t in texts if not _ZONE.search(t) and re.search(r"\d:\d\d", t)]
    if (len(zones) > 1 or (zones and naive_with_time)) and not timezone:
        zone_of = {t: m.group(0).replace(":", "") for t in texts if (m := _ZONE.search(t))}
        counts = pd.Series(list(zone_of.values())).value_counts()
        common = counts.index[0] if not naive_with_time else None  # the rows in other zones are named
        problems.append(("mixed_time_zones", [t for t, z in zone_of.items() if z != common] + naive_with_time))
    parsed = {}
    for u, t in zip(uniq, texts):
        ts = pd.NaT
        try:
            if isinstance(u, (bool, np.bool_)):
                raise ValueError
            if hasattr(u, "year"):
                ts = pd.Timestamp(u)
            elif re.fullmatch(r"\d{8}", t):
                ts = pd.to_datetime(t, format="%Y%m%d")
            else:
                short = re.match(r"^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}", t)  # the only form day-first can change
                ts = pd.to_datetime(t.replace("UTC", "+00:00"), dayfirst=bool(order and short))
            if ts.tzinfo is not None:
                ts = ts.tz_convert(timezone) if timezone else ts
                ts = ts.tz_localize(None)
            if not (pd.Timestamp("1900-01-01") <= ts <= pd.Timestamp("2200-01-01")):
                raise ValueError
        except (ValueError, TypeError, OverflowError, pd.errors.OutOfBoundsDatetime):
            ts = pd.NaT
        parsed[u] = ts
    out = pd.Series(pd.NaT, index=col.index, dtype="datetime64[ns]")
    known = raw.notna().to_numpy()
    out[known] = pd.to_datetime(raw[known].map(parsed), errors="coerce").astype("datetime64[ns]").to_numpy()
    return out, problems


def _parse_amounts(col: pd.Series) -> pd.Series:
    """Numbers (NaN where the value is not a plain number: '¥12', 'n/a', '1,234' are not guessed)."""
    if pd.api.types.is_bool_dtype(col):
        return pd.Series(np.nan, index=col.index)
    if pd.api.types.is_numeric_dtype(col):
        return col.astype("float64")
    raw = col.astype(object)
    uniq = pd.unique(raw[raw.notna()])
    values = {}
    for u in uniq:
        if isinstance(u, (bool, np.bool_)):
            values[u] = np.nan
        elif v._is_number(u):
            values[u] = float(u)
        else:
            t = str(u).strip()
            values[u] = float(t) if re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", t) else np.nan
    return pd.to_numeric(raw.map(values), errors="coerce").astype("float64")


def _rates(name, rates):
    if rates is None:
        return None
    if not isinstance(rates, dict) or not rates:
        raise ParameterError(f"{name} must be a dict of exchange rates to the base currency, e.g. "
                             "{'USD': 7.1, 'EUR': 7.7}, not " + repr(rates)[:80] + ".")
    out = {}
    for k, x in rates.items():
        if not isinstance(k, str):
            raise ParameterError(f"{name}: currency codes are text such as 'USD', not {k!r}.")
        out[k.strip().upper()] = v.number(f"{name}[{k!r}]", x, low=0, low_open=True)
    return out


def _timezone(name, value):
    if value is None:
        return None
    if not isinstance(value, str):
        raise ParameterError(f"{name} must be a time zone's name such as 'Asia/Shanghai', not {value!r}.")
    try:
        pd.Timestamp("2024-01-01", tz=value)
    except Exception:  # noqa: BLE001 - any unknown zone is the same mistake
        raise ParameterError(f"{name}: {value!r} is not a time zone; use a name such as 'Asia/Shanghai' "
                             "or 'Europe/Berlin'.") from None
    return value


def _dayfirst(name, value):
    if value is None or isinstance(value, (bool, np.bool_)):
        return None if value is None else bool(value)
    raise ParameterError(f"{name} must be True, False or None (settled by the values), not {value!r}.")


def _base(name, value):
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z]{3}", value.strip()):
        raise ParameterError(f"{name} must be a three-letter currency code such as 'CNY', not {value!r}.")
    return value.strip().upper()


def _contract(df, word, *, customer, date, amount, currency, dayfirst, timezone, rates, base, duplicates, asof):
    """(report rows, the clean table or None)."""
    report = []

    def add(code, column, mask_or_labels, examples, **fmt):
        labels = df.index[mask_or_labels] if isinstance(mask_or_labels, np.ndarray) else list(mask_or_labels)
        report.append({"problem": code, "column": column, "rows": len(labels),
                       "where": _rows(labels, word) if len(labels) else "",
                       "examples": _examples(examples), "fix": PROBLEMS[code].format(**fmt)})

    names = {"customer": customer, "date": date, "amount": amount, "currency": currency}
    missing = [f"{k}={c!r}" for k, c in names.items() if c is not None and c not in df.columns]
    if missing:
        have = ", ".join(map(str, df.columns)) or "none"
        report.append({"problem": "missing_column", "column": ", ".join(missing), "rows": 0, "where": "",
                       "examples": f"the columns are: {have}", "fix": PROBLEMS["missing_column"]})
        return report, None
    if df.columns.duplicated().any():
        raise DataError(f"The table has duplicate column names {df.columns[df.columns.duplicated()].tolist()}: "
                        "rename or drop the copies.")
    if len(df) == 0:
        raise DataError("The table is empty: it has no rows to analyse. Export it again with its rows.")

    ids = df[customer]
    no_id = _blank(ids)
    if no_id.any():
        add("missing_id", customer, no_id, ids[no_id].head(3).tolist())
    present = ids[~no_id]
    kinds = pd.Series([type(x).__name__ if not v._is_number(x) else "number" for x in pd.unique(present.astype(object))])
    if kinds.nunique() > 1:
        add("mixed_id_kinds", customer, np.zeros(len(df), bool), kinds.unique().tolist())
    text_ids = present.astype(str)
    norm = text_ids.str.strip().str.upper()
    variants = pd.DataFrame({"n": norm, "t": text_ids}).drop_duplicates().groupby("n")["t"].nunique()
    clash = variants[variants > 1].index
    if len(clash):
        mask = np.zeros(len(df), bool)
        mask[~no_id] = (norm.isin(clash) & (norm != text_ids)).to_numpy()
        add("inconsistent_id", customer, mask, text_ids[mask[~no_id]].head(3).tolist(),
            same=_examples(text_ids[norm.isin(clash).to_numpy()].unique()[:2]))

    dates, date_problems = _parse_dates(df[date], dayfirst=dayfirst, timezone=timezone)
    raw_date = df[date]
    for code, examples in date_problems:
        shown = set(examples)
        mask = raw_date.astype(object).map(lambda x: str(x).strip() in shown).to_numpy(dtype=bool) if shown else \
            np.zeros(len(df), bool)
        add(code, date, mask, examples)
    bad_date = (dates.isna() & ~pd.Series(_blank(raw_date), index=df.index)).to_numpy() | _blank(raw_date)
    if bad_date.any():
        add("bad_date", date, bad_date, raw_date[bad_date].head(3).tolist())
    limit = asof if asof is not None else pd.Timestamp.today().normalize() + pd.Timedelta(days=1)
    future = (dates > limit).to_numpy()
    if future.any():
        add("future_date", date, future, raw_date[future].head(3).tolist())

    raw_amount = df[amount]
    amounts = _parse_amounts(raw_amount)
    bad_amount = (amounts.isna() | ~np.isfinite(amounts.fillna(0)) | (amounts.abs() > v.MAX_MAGNITUDE)).to_numpy()
    if bad_amount.any():
        add("bad_amount", amount, bad_amount, raw_amount[bad_amount].head(3).tolist())

    if currency is not None:
        cur = df[currency].astype("string").str.strip().str.upper().fillna("")
        codes = sorted(set(cur.unique()) - {""})
        if rates is None and len(codes) > 1:
            others = cur.ne(base).to_numpy() if base in codes else cur.ne(codes[0]).to_numpy()
            add("several_currencies", currency, others, codes, base=base)
        elif rates is not None:
            unknown = (~cur.isin(list(rates) + [base])).to_numpy()
            if unknown.any():
                add("unknown_currency", currency, unknown, df[currency][unknown].head(3).tolist())
            amounts = amounts * cur.map({**rates, base: 1.0}).astype("float64").to_numpy()

    key = [c for c in dict.fromkeys(c for c in (customer, date, amount, currency) if c is not None)]
    dup = df.duplicated(subset=key, keep="first").to_numpy()
    if dup.any() and duplicates == "report":
        add("duplicate_row", ", ".join(key), dup, [tuple(r) for r in df.loc[dup, key].head(2).itertuples(index=False)])

    ok_rows = ~(no_id | bad_date | bad_amount)
    returns = ok_rows & (amounts < 0).to_numpy()
    if returns.any():
        buyers = set(norm[(ok_rows[~no_id]) & (amounts[~no_id] > 0).to_numpy()])
        orphan = np.zeros(len(df), bool)
        orphan[returns] = ~df[customer][returns].astype(str).str.strip().str.upper().isin(buyers).to_numpy()
        if orphan.any():
            add("orphan_return", amount, orphan, raw_amount[orphan].head(3).tolist())
    if report:
        return report, None
    clean = pd.DataFrame({"customer_id": ids.to_numpy(), "date": dates.to_numpy(), "amount": amounts.to_numpy()})
    if currency is not None:
        clean["currency"] = df[currency].astype("string").str.strip().str.upper().to_numpy()
    if duplicates == "drop":
        clean = clean[~dup]
    return report, clean.reset_index(drop=True)


def _message(report, source) -> str:
    name = source.name if isinstance(source, Path) else "the table"
    lines = [f"{name} breaks the data contract in {len(report)} way{'s' if len(report) > 1 else ''} "
             "(nothing was changed on disk; fix each and read it again):"]
    for i, r in enumerate(report, 1):
        where = f" in {r['where']}" if r["where"] else ""
        lines.append(f"  {i}. [{r['problem']}] column {r['column']!r}: {r['rows']} row(s){where} "
                     f"(e.g. {r['examples']}). Fix: {r['fix']}")
    return "\n".join(lines)


_DECLARED = dict(
    source=v.Custom(_source, "a file name (CSV, Excel, Parquet, SQLite, DuckDB), a DataFrame or a DuckDB relation"),
    customer=v.Column(), date=v.Column(), amount=v.Column(), currency=v.Column(optional=True),
    dayfirst=v.Custom(_dayfirst, "True, False or None (settled by the values)"),
    timezone=v.Custom(_timezone, "a time zone's name such as 'Asia/Shanghai', or None"),
    rates=v.Custom(_rates, "exchange rates to the base currency, e.g. {'USD': 7.1}", optional=True),
    base=v.Custom(_base, "the currency the amounts are converted to, e.g. 'CNY'"),
    duplicates=v.Options("report", "drop"), asof=v.Date(optional=True),
    table=v.Custom(_table_name, "a table's name in a SQLite or DuckDB file, or None"),
    sheet=v.Custom(_sheet, "an Excel sheet's name or position, or None"),
)


@v.params(**_DECLARED)
def check_transactions(source, *, customer: str = "customer_id", date: str = "date", amount: str = "amount",
                       currency: str | None = None, dayfirst=None, timezone=None, rates=None, base: str = "CNY",
                       duplicates: str = "report", asof=None, table=None, sheet=None) -> pd.DataFrame:
    """The data contract's report: one row per problem found (``problem``, ``column``, ``rows`` affected,
    ``where``, ``examples``, ``fix``); an empty table when the data keep the contract. Options as in
    :func:`read_transactions`."""
    df, word = _read(source, table=table, sheet=sheet)
    report, _ = _contract(df, word, customer=customer, date=date, amount=amount, currency=currency, dayfirst=dayfirst,
                          timezone=timezone, rates=rates, base=base, duplicates=duplicates, asof=asof)
    return pd.DataFrame(report, columns=["problem", "column", "rows", "where", "examples", "fix"])


@v.params(**_DECLARED)
def read_transactions(source, *, customer: str = "customer_id", date: str = "date", amount: str = "amount",
                      currency: str | None = None, dayfirst=None, timezone=None, rates=None, base: str = "CNY",
                      duplicates: str = "report", asof=None, table=None, sheet=None) -> pd.DataFrame:
    """Read a transaction export and return it in the kit's shape: ``customer_id``, ``date`` (naive, in
    ``timezone`` when the file has zones), ``amount`` (in ``base`` currency; negative = a return), plus
    ``currency`` (the original code) when a ``currency`` column is named.

    ``source``: a CSV / Excel / Parquet / SQLite / DuckDB file (``table=`` names the table of a database,
    ``sheet=`` the sheet of a workbook), a DataFrame or a DuckDB relation. ``customer``, ``date``,
    ``amount``, ``currency``: the names of those columns in *your* table. ``dayfirst``: how to read
    ``03/04/2024``; ``timezone``: the zone every time is converted to; ``rates``: exchange rates to
    ``base``; ``duplicates="drop"`` drops repeated rows instead of reporting them; ``asof``: no date after it.

    Every problem is reported at once, in one DataError (see the module's docstring); the file is only read.
    """
    df, word = _read(source, table=table, sheet=sheet)
    report, clean = _contract(df, word, customer=customer, date=date, amount=amount, currency=currency,
                              dayfirst=dayfirst, timezone=timezone, rates=rates, base=base, duplicates=duplicates,
                              asof=asof)
    if report:
        raise DataError(_message(report, source))
    return clean
