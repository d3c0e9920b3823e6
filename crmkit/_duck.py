"""Out-of-core tables in DuckDB (核外计算): the kit's per-customer tables on a Parquet/CSV file or a DuckDB relation.

:func:`crmkit.segment.rfm_table`, :func:`crmkit.clv.summarize` and :func:`crmkit.loyalty.cohort_table` take a
path (``.parquet``, ``.csv``) or a DuckDB relation in place of a DataFrame and compute here, in DuckDB, which
reads the file in chunks and in parallel: the table of transactions is never loaded into pandas, only the
per-customer result is. The checks are those of the pandas path, done as counts in the same query (a missing
id, an unreadable date or amount, a date in the future) and named in a :class:`~crmkit.errors.DataError`.
Results equal the pandas path's (``tests/test_owndata_duckdb.py`` checks it on random data).

Long work shows DuckDB's progress bar when the process has a terminal (a script, ``make bench-owndata``);
notebooks and tests show nothing.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from . import _validate as v
from .errors import DataError, ParameterError

__all__ = ["Source", "out_of_core", "rfm_table", "summarize", "cohort_table"]

SUFFIXES = (".parquet", ".pq", ".csv")


def out_of_core(x) -> bool:
    """True for what DuckDB computes on: a Parquet/CSV path or a DuckDB relation."""
    return isinstance(x, (str, os.PathLike)) or type(x).__name__ == "DuckDBPyRelation"


class Source(v.Table):
    """A DataFrame (checked as :class:`crmkit._validate.Table`), or a Parquet/CSV path or a DuckDB relation
    (checked when read, in DuckDB)."""

    def check(self, name, value, columns=(), what=None):
        if isinstance(value, (str, os.PathLike)):
            p = Path(value)
            if p.suffix.lower() not in SUFFIXES:
                raise ParameterError(f"{name}: DuckDB reads files ending in .parquet or .csv; {p.name!r} is neither. "
                                     "Pass a DataFrame, or read the file with crmkit.owndata.read_transactions.")
            if not p.is_file():
                raise DataError(f"There is no file {p.name!r} in {p.parent.name or '.'}/. Check the name and the folder.")
            return p
        if type(value).__name__ == "DuckDBPyRelation":
            return value
        return super().check(name, value, columns, what)


def _connect():
    import duckdb

    con = duckdb.connect()
    progress = sys.stderr.isatty()  # a terminal: DuckDB's own bar on work over 2 s; never in notebooks or tests
    con.execute(f"SET enable_progress_bar = {str(progress).lower()}")
    return con


def _relation(source, what):
    """(relation, connection to close or None)."""
    if type(source).__name__ == "DuckDBPyRelation":
        return source, None
    con = _connect()
    p = str(source)
    try:
        rel = con.read_parquet(p) if Path(p).suffix.lower() in (".parquet", ".pq") else con.read_csv(p)
    except Exception as exc:  # noqa: BLE001 - a file DuckDB cannot read is named, never a traceback
        con.close()
        detail = str(exc).splitlines()[0][:200]
        raise DataError(f"The {what} {Path(p).name} could not be read ({detail}).") from None
    return rel, con


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _columns(rel, what, names):
    types = dict(zip(rel.columns, (str(t) for t in rel.types)))
    missing = [c for c in names if c is not None and c not in types]
    if missing:
        raise DataError(f"The {what} has no column {', '.join(map(repr, missing))}. Its columns are: "
                        f"{', '.join(types) or 'none'}. Pass the right name (e.g. customer='cust_id') or rename it.")
    return types


def _date_expr(col, typ, what):
    if typ.startswith("TIMESTAMP WITH TIME ZONE") or typ == "TIMESTAMPTZ":
        raise DataError(f"The column {col!r} of the {what} has time zones: convert it to one zone first "
                        "(crmkit.owndata.read_transactions(..., timezone='Asia/Shanghai')).")
    if typ.startswith("TIMESTAMP") or typ == "DATE":
        return f"CAST({_q(col)} AS TIMESTAMP)"
    return f"TRY_CAST({_q(col)} AS TIMESTAMP)"


def _amount_expr(col, typ):
    if typ in ("BOOLEAN",):
        return "CAST(NULL AS DOUBLE)"
    return f"TRY_CAST({_q(col)} AS DOUBLE)"


def _run(rel, sql):
    """A query on the relation (named ``tx``), as a DataFrame; a DuckDB error is named, never a traceback."""
    try:
        return rel.query("tx", sql).df()
    except Exception as exc:  # noqa: BLE001
        if type(exc).__module__.startswith("duckdb"):
            raise DataError(f"DuckDB could not compute the table ({str(exc).splitlines()[0][:200]}).") from None
        raise


def _checked(stats, what, customer, date, amount, not_after):
    """Raise a DataError naming what the counts show is wrong (all of it at once)."""
    problems = []
    if stats["rows"] == 0:
        raise DataError(f"The {what} is empty: it has no rows to analyse.")
    if stats["no_id"]:
        problems.append(f"{stats['no_id']} row(s) have no customer id in {customer!r}")
    if stats["bad_date"]:
        problems.append(f"{stats['bad_date']} row(s) have a missing or unreadable date in {date!r} "
                        "(write dates as 2024-03-31)")
    if amount is not None and stats["bad_amount"]:
        problems.append(f"{stats['bad_amount']} row(s) have a missing, unreadable, infinite or absurdly large amount "
                        f"in {amount!r}")
    lo, hi = stats["first"], stats["last"]
    if pd.notna(lo) and (lo < pd.Timestamp("1677-09-22") or hi > pd.Timestamp("2262-04-11")):
        problems.append(f"dates outside the years the kit can compute with (1677-2262), e.g. {lo.date()} .. {hi.date()}")
    elif pd.notna(hi) and hi > not_after:
        problems.append(f"dates after {not_after.date()} (the latest is {hi.date()}): nothing can happen after the "
                        "as-of date")
    if problems:
        raise DataError(f"The {what} cannot be used: " + "; ".join(problems) + ". Check and clean it with "
                        "crmkit.owndata.check_transactions, which names the rows.")


def _base(customer, date, amount, types, what):
    a = _amount_expr(amount, types[amount]) if amount is not None else "0.0"
    return (f"SELECT {_q(customer)} AS c, {_date_expr(date, types[date], what)} AS d, {a} AS a "
            "FROM tx")


_BAD_A = "(a IS NULL OR isnan(a) OR isinf(a) OR abs(a) > 1e15)"


def _index(values, name):
    idx = pd.Index(values)
    idx.name = name
    return idx


def rfm_table(source, *, customer, date, amount, asof):
    """:func:`crmkit.segment.rfm_table` in DuckDB: one pass over the file, the checks as counts in the same query."""
    what = "transaction table"
    rel, con = _relation(source, what)
    try:
        types = _columns(rel, what, [customer, date, amount])
        keep = f"d < TIMESTAMP '{asof}'" if asof is not None else "TRUE"
        base = _base(customer, date, amount, types, what)
        # the checks as plain aggregates (a NaN or infinite amount makes max(abs(a)) NaN or inf); the rows are
        # counted exactly only when something is wrong, in a second query
        sql = f"""WITH t AS ({base})
        SELECT c, count(*) AS rows, count(d) AS dated, count(a) AS valued, max(abs(a)) AS top,
               min(d) AS first, max(d) AS last_any, sum(a) FILTER (WHERE {keep}) AS money,
               max(CAST(d AS DATE)) FILTER (WHERE a > 0 AND {keep}) AS last_buy,
               count(DISTINCT CAST(d AS DATE)) FILTER (WHERE a > 0 AND {keep}) AS freq
        FROM t GROUP BY c"""
        g = _run(rel, sql)
        top = g["top"].to_numpy(dtype=float)
        suspect = (g["c"].isna().any() or (g["dated"] < g["rows"]).any() or (g["valued"] < g["rows"]).any()
                   or not np.isfinite(top).all() or (np.abs(top) > 1e15).any())
        if suspect:
            stats = _run(rel, f"""WITH t AS ({base}) SELECT count(*) AS rows, count(*) FILTER (WHERE c IS NULL) AS no_id,
                count(*) FILTER (WHERE d IS NULL) AS bad_date, count(*) FILTER (WHERE {_BAD_A}) AS bad_amount,
                min(d) AS first, max(d) AS last FROM t""").iloc[0].to_dict()
    finally:
        if con is not None:
            con.close()
    if not suspect:
        stats = {"rows": int(g["rows"].sum()), "no_id": 0, "bad_date": 0, "bad_amount": 0,
                 "first": g["first"].min(), "last": g["last_any"].max()}
    _checked(stats, what, customer, date, amount, pd.Timestamp.today().normalize() + pd.Timedelta(days=1))
    first, last = stats["first"], stats["last"]
    if asof is None:
        asof = last.normalize() + pd.Timedelta(days=1)
    elif asof <= first:
        raise ParameterError(f"The as-of date {asof} is not after the first purchase ({first.date()}): "
                             "there is no history to describe yet.")
    ok = (g["freq"] > 0) & (g["money"].fillna(0.0) >= 0)
    g = g[ok]
    if g.empty:
        raise DataError("No customer has a purchase before the as-of date.")
    asof_day = np.datetime64(asof.normalize(), "D").astype(np.int64)
    last_day = pd.to_datetime(g["last_buy"]).to_numpy().astype("datetime64[D]").astype(np.int64)
    out = pd.DataFrame({"recency": (asof_day - last_day).astype("int64"),
                        "frequency": g["freq"].to_numpy().astype("int64"),
                        "monetary": g["money"].to_numpy(dtype=float)}, index=_index(g["c"].to_numpy(), customer))
    out["mean_spend"] = out["monetary"] / out["frequency"]
    out = out.sort_index()
    out.index.name = customer
    return out


def summarize(source, *, customer, date, amount, asof, unit):
    """:func:`crmkit.clv.summarize` in DuckDB: the checks and the end of observation, then the purchase occasions."""
    what = "transaction table"
    rel, con = _relation(source, what)
    try:
        types = _columns(rel, what, [customer, date, amount])
        base = _base(customer, date, amount, types, what)
        stats = _run(rel, f"""WITH t AS ({base}) SELECT count(*) AS rows, count(*) FILTER (WHERE c IS NULL) AS no_id,
            count(*) FILTER (WHERE d IS NULL) AS bad_date, count(*) FILTER (WHERE {_BAD_A}) AS bad_amount,
            min(d) AS first, max(d) AS last FROM t""").iloc[0].to_dict()
        _checked(stats, what, customer, date, amount, pd.Timestamp.today().normalize() + pd.Timedelta(days=1))
        end = stats["last"].normalize() if asof is None else asof
        if end < stats["first"]:
            raise ParameterError(f"asof {end.date()} is before the first transaction ({stats['first'].date()}).")
        buy = "a >= 0 AND " if amount is not None else ""
        g = _run(rel, f"""WITH t AS ({base}),
            occ AS (SELECT c, CAST(d AS DATE) AS day, sum(a) AS amt FROM t WHERE {buy} d <= TIMESTAMP '{end}'
                    GROUP BY c, day)
            SELECT c, count(*) AS n, min(day) AS first, max(day) AS last, sum(amt) AS total,
                   arg_min(amt, day) AS first_amount FROM occ GROUP BY c ORDER BY c""")
    finally:
        if con is not None:
            con.close()
    if g.empty:
        raise DataError("No purchase (positive amount) before the end of the observation period.")
    first = pd.to_datetime(g["first"]).to_numpy().astype("datetime64[D]").astype(np.int64)
    last = pd.to_datetime(g["last"]).to_numpy().astype("datetime64[D]").astype(np.int64)
    end_day = (end - pd.Timestamp("1970-01-01")).days  # floor, as (end - first).dt.days with first at midnight
    freq = (g["n"].to_numpy() - 1).astype("int64")
    out = pd.DataFrame({"frequency": freq, "recency": (last - first) / unit, "T": (end_day - first) / unit},
                       index=_index(g["c"].to_numpy(), customer))
    if amount is not None:
        total, fa = g["total"].to_numpy(dtype=float), g["first_amount"].to_numpy(dtype=float)
        out["monetary_value"] = np.where(freq > 0, (total - fa) / np.clip(freq, 1, None), 0.0)
    out.index.name = customer
    return out


def cohort_table(source, *, start, end, periods, asof, freq, days_per_month):
    """:func:`crmkit.loyalty.cohort_table` in DuckDB: the contract checks as counts, then one pass that counts, per
    cohort, the contracts still active k months after their start, for every k."""
    what = "contract table"
    rel, con = _relation(source, what)
    try:
        types = _columns(rel, what, [start, end])
        base = (f"SELECT {_date_expr(start, types[start], what)} AS s, {_date_expr(end, types[end], what)} AS e, "
                f"{_q(end)} IS NULL AS open FROM tx")
        st = _run(rel, f"""WITH t AS ({base}) SELECT count(*) AS rows, count(*) FILTER (WHERE s IS NULL) AS bad_start,
            count(*) FILTER (WHERE e IS NULL AND NOT open) AS bad_end, count(*) FILTER (WHERE e < s) AS reversed,
            max(s) AS last_start, max(e) AS last_end, min(s) AS first FROM t""").iloc[0].to_dict()
        problems = []
        if st["rows"] == 0:
            raise DataError(f"The {what} is empty: it has no rows to analyse.")
        if st["bad_start"]:
            problems.append(f"{st['bad_start']} row(s) have a missing or unreadable start date in {start!r}")
        if st["bad_end"]:
            problems.append(f"{st['bad_end']} row(s) have an unreadable end date in {end!r} (leave it empty for an "
                            "active contract)")
        if st["reversed"]:
            problems.append(f"{st['reversed']} contract(s) end before they start")
        if pd.notna(st["first"]) and st["first"] < pd.Timestamp("1677-09-22"):
            problems.append("dates before 1677, which the kit cannot compute with")
        if problems:
            raise DataError(f"The {what} cannot be used: " + "; ".join(problems) + ".")
        latest = max(st["last_start"], st["last_end"]) if pd.notna(st["last_end"]) else st["last_start"]
        asof = latest if asof is None else asof
        late = _run(rel, f"""WITH t AS ({base}) SELECT count(*) AS n FROM t
            WHERE s > TIMESTAMP '{asof}' OR e > TIMESTAMP '{asof}'""").iloc[0, 0]
        if late:
            raise DataError(f"{late} contract(s) start or end after the as-of date {asof.date()}. Pass a later asof, "
                            "or drop them.")
        life = f"floor(epoch(coalesce(e, TIMESTAMP '{asof}') - s) / 86400) / {days_per_month!r}"
        alive = ", ".join(f"count(*) FILTER (WHERE e IS NULL OR {life} > {k}) AS a{k}" for k in range(periods + 1))
        label = "strftime(s, '%Y-%m')" if freq == "M" else "CAST(year(s) AS VARCHAR) || 'Q' || CAST(quarter(s) AS VARCHAR)"
        g = _run(rel, f"""WITH t AS ({base}) SELECT {label} AS cohort, count(*) AS customers,
            floor(epoch(TIMESTAMP '{asof}' - max(s)) / 86400) / {days_per_month!r} AS observable, {alive}
            FROM t GROUP BY cohort ORDER BY cohort""")
    finally:
        if con is not None:
            con.close()
    size = g["customers"].to_numpy()
    active = g[[f"a{k}" for k in range(periods + 1)]].to_numpy(dtype=float)
    ok = g["observable"].to_numpy()[:, None] >= np.arange(periods + 1)[None, :]
    table = np.where(ok, active / size[:, None], np.nan)
    out = pd.DataFrame(table, index=pd.Index(g["cohort"].astype(str).to_numpy(), name="cohort"),
                       columns=pd.RangeIndex(0, periods + 1, name="month"))
    out.insert(0, "customers", size.astype(np.int64))
    return out
