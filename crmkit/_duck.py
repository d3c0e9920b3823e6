"""Out-of-core tables in DuckDB (核外计算): the kit's per-customer tables on a Parquet/CSV file or a DuckDB relation.

:func:`crmkit.segment.rfm_table`, :func:`crmkit.segment.abc_classes`, :func:`crmkit.clv.summarize` and
:func:`crmkit.loyalty.cohort_table` take a path (``.parquet``, ``.csv``) or a DuckDB relation in place of a
DataFrame and compute here, in DuckDB, which reads the file in chunks and in parallel: the table of transactions is
never loaded into pandas, only the per-customer result is. The checks are those of the pandas path, done as counts
in one query over the whole table before the table itself (a missing id, an unreadable date or amount, a date in
the future) and named in a :class:`~crmkit.errors.DataError`. What does not fit in memory spills to a temporary
folder the kit makes and removes (:class:`_Connection`), never to the working directory. Results equal the pandas
path's (``tests/test_owndata_duckdb.py`` checks it on random data).

Progress: DuckDB's own bar when the process has a terminal (a script, ``make bench-owndata``); under the notebook
cell, a bar for a file of ``PROGRESS_BYTES`` or more; nothing in tests and on small files.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

from . import _validate as v
from .errors import DataError, ParameterError

__all__ = ["Source", "out_of_core", "rfm_table", "customer_values", "summarize", "cohort_table"]

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


# A file at least this large shows a progress bar under the notebook cell (10^7 rows of Parquet: about 150 MiB,
# 2-3 s; 10^8 rows: 1.5 GiB, 30-40 s). Decided by the file's size, not by a clock, so a notebook's outputs are the
# same on a fast machine and a slow one.
PROGRESS_BYTES = 256 * 2**20


def _in_notebook() -> bool:
    ip = sys.modules.get("IPython")
    shell = ip.get_ipython() if ip is not None else None
    return shell is not None and getattr(shell, "kernel", None) is not None


class _Connection:
    """A DuckDB connection of the kit's own, spilling to a temporary folder the kit makes and removes, and showing
    its progress on a large file.

    DuckDB spills to disk what does not fit in memory (a hash table over 10^8 rows); an in-memory connection's
    default spill folder is ``.tmp`` in the working directory, which in a notebook is the user's own folder. The
    kit's goes under the system's temporary folder instead, and only that folder is removed at the end.

    Progress: in a terminal, DuckDB's own bar (on work over 2 s). In a notebook, on a file of at least
    ``PROGRESS_BYTES``, a bar under the cell, fed by DuckDB's ``query_progress`` from a second thread; each query
    names its step (:meth:`step`)."""

    def __init__(self):
        import duckdb

        self.tmp = tempfile.mkdtemp(prefix="crmkit-duckdb-")
        try:
            self.con = duckdb.connect(config={"temp_directory": self.tmp})
        except Exception:
            shutil.rmtree(self.tmp, ignore_errors=True)
            raise
        self._bar = self._stop = self._thread = None
        self.name = ""
        terminal = sys.stderr.isatty() and not _in_notebook()
        self.con.execute(f"SET enable_progress_bar = {str(terminal).lower()}")

    def show_progress(self, name: str) -> None:
        """A bar under the notebook cell for the work on the file ``name``, until :meth:`close`."""
        import threading

        import ipywidgets as W
        from IPython.display import display

        from . import i18n

        self.name = name
        self.con.execute("SET enable_progress_bar = true")  # DuckDB measures its progress only with its bar on;
        self.con.execute("SET enable_progress_bar_print = false")  # ... printed, it would go to the kernel's log
        self._bar = W.FloatProgress(value=0.0, min=0.0, max=100.0, description=i18n.t("owndata.progress"))
        self._label = W.Label(value="")
        display(W.HBox([self._bar, self._label]))
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, name="crmkit-duckdb-progress", daemon=True)
        self._thread.start()

    def _poll(self) -> None:
        while not self._stop.wait(0.25):
            done = self.con.query_progress()  # -1 between queries
            if done >= 0:
                self._bar.value = float(min(done, 100.0))

    def step(self, key: str) -> None:
        """Name the next query's step on the bar (nothing without one)."""
        if self._bar is not None:
            from . import i18n

            self._bar.value = 0.0
            self._label.value = i18n.t(key, name=self.name)

    def close(self, ok: bool = True):
        """Close the connection and remove the spill folder; the bar ends "done", or "stopped" when the work
        ended in an error (``ok=False``)."""
        try:
            if self._thread is not None:
                self._stop.set()
                self._thread.join()
                from . import i18n

                if ok:
                    self._bar.value = 100.0
                self._bar.bar_style = "success" if ok else "danger"
                self._label.value = i18n.t("owndata.progress_done" if ok else "owndata.progress_failed", name=self.name)
            self.con.close()
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)


@contextmanager
def _opened(source, what):
    """``with _opened(source, what) as (rel, con)``: the relation to query and the kit's connection (None for a
    relation the user passed), closed at the end, its progress bar marked stopped if the block raised."""
    rel, con = _relation(source, what)
    if con is None:
        yield rel, None
        return
    try:
        yield rel, con
    except BaseException:
        con.close(ok=False)
        raise
    con.close()


def _relation(source, what):
    """(relation, connection to close or None)."""
    if type(source).__name__ == "DuckDBPyRelation":
        return source, None
    con = _Connection()
    p = str(source)
    try:
        rel = con.con.read_parquet(p) if Path(p).suffix.lower() in (".parquet", ".pq") else con.con.read_csv(p)
    except Exception as exc:  # noqa: BLE001 - a file DuckDB cannot read is named, never a traceback
        con.close()
        detail = str(exc).splitlines()[0][:200]
        raise DataError(f"The {what} {Path(p).name} could not be read ({detail}).") from None
    if _in_notebook() and Path(p).stat().st_size >= PROGRESS_BYTES:
        con.show_progress(Path(p).name)
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


def _run(rel, sql, con=None, step=None):
    """A query on the relation (named ``tx``), as a DataFrame; a DuckDB error is named, never a traceback.

    Through Arrow: DuckDB's ``df()`` built 10^6 customer ids as Python strings first, 0.5 s of a 10^7-row RFM table
    (``make bench-owndata``); an Arrow table becomes Arrow-backed columns without that. Dates come back as
    ``datetime64``, as from ``df()``."""
    if con is not None and step is not None:
        con.step(step)
    try:
        return rel.query("tx", sql).to_arrow_table().to_pandas(date_as_object=False)
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
    idx = pd.Index(values, copy=False)
    idx.name = name
    return idx


def rfm_table(source, *, customer, date, amount, asof):
    """:func:`crmkit.segment.rfm_table` in DuckDB: the checks as counts over the whole file, then the table.

    Two passes over the file: the checks (no grouping, about a tenth of the time), then the table in two levels
    (customer and day, then customer) rather than ``count(DISTINCT day)``, whose distinct aggregate over 10^6
    customers took 1.5 times as long (``make bench-owndata``)."""
    g = _per_customer(source, customer, date, amount, asof, lambda base, asof: f"""WITH t AS ({base}),
        days AS (SELECT c, CAST(d AS DATE) AS day, sum(a) AS money, bool_or(a > 0) AS bought
                 FROM t WHERE d < TIMESTAMP '{asof}' GROUP BY c, day)
        SELECT c, date_diff('day', max(day) FILTER (WHERE bought), DATE '{asof.date()}') AS recency,
               count(*) FILTER (WHERE bought) AS frequency, sum(money) AS monetary
        FROM days GROUP BY c HAVING frequency > 0 AND monetary >= 0 ORDER BY c""")
    out = pd.DataFrame({"recency": g["recency"].to_numpy().astype("int64"),
                        "frequency": g["frequency"].to_numpy().astype("int64"),
                        "monetary": g["monetary"].to_numpy(dtype=float)}, index=_index(g["c"], customer))
    out["mean_spend"] = out["monetary"] / out["frequency"]  # in the order of ORDER BY c, the pandas path's order
    return out


def customer_values(source, *, customer, date, amount, asof):
    """Each customer's net spend before ``asof``, as :func:`crmkit.segment.abc_classes` classifies it: the
    ``monetary`` column of :func:`rfm_table` (customers with a purchase and a net spend not negative), in one
    grouping, without the purchase occasions."""
    g = _per_customer(source, customer, date, amount, asof, lambda base, asof: f"""WITH t AS ({base})
        SELECT c, sum(a) AS value FROM t WHERE d < TIMESTAMP '{asof}' GROUP BY c
        HAVING count(*) FILTER (WHERE a > 0) > 0 AND sum(a) >= 0 ORDER BY c""")
    return pd.Series(g["value"].to_numpy(dtype=float), index=_index(g["c"], customer), name="value")


def _per_customer(source, customer, date, amount, asof, table_sql):
    """Open the source, check it, and run ``table_sql(base, asof)``: one row per customer with a purchase before
    the as-of date (a DataError when there is none)."""
    what = "transaction table"
    with _opened(source, what) as (rel, con):
        types = _columns(rel, what, [customer, date, amount])
        base = _base(customer, date, amount, types, what)
        asof = _checked_asof(rel, base, con, what, customer, date, amount, asof)
        g = _run(rel, table_sql(base, asof), con, "owndata.progress_table")
        if g.empty:
            raise DataError("No customer has a purchase before the as-of date.")
    return g


def _checked_asof(rel, base, con, what, customer, date, amount, asof):
    """The checks over the whole table (a DataError naming every problem), then the as-of date: the given one,
    which must be after the first transaction, or the day after the last."""
    stats = _stats(rel, base, con)
    _checked(stats, what, customer, date, amount, pd.Timestamp.today().normalize() + pd.Timedelta(days=1))
    first, last = stats["first"], stats["last"]
    if asof is None:
        return last.normalize() + pd.Timedelta(days=1)
    if asof <= first:
        raise ParameterError(f"The as-of date {asof} is not after the first purchase ({first.date()}): "
                             "there is no history to describe yet.")
    return asof


def _stats(rel, base, con=None):
    """The data contract as counts over the whole table, one row: rows, no_id, bad_date, bad_amount, first, last."""
    return _run(rel, f"""WITH t AS ({base}) SELECT count(*) AS rows, count(*) FILTER (WHERE c IS NULL) AS no_id,
        count(*) FILTER (WHERE d IS NULL) AS bad_date, count(*) FILTER (WHERE {_BAD_A}) AS bad_amount,
        min(d) AS first, max(d) AS last FROM t""", con, "owndata.progress_checks").iloc[0].to_dict()


def summarize(source, *, customer, date, amount, asof, unit):
    """:func:`crmkit.clv.summarize` in DuckDB: the checks and the end of observation, then the purchase occasions."""
    what = "transaction table"
    with _opened(source, what) as (rel, con):
        types = _columns(rel, what, [customer, date, amount])
        base = _base(customer, date, amount, types, what)
        stats = _stats(rel, base, con)
        _checked(stats, what, customer, date, amount, pd.Timestamp.today().normalize() + pd.Timedelta(days=1))
        end = stats["last"].normalize() if asof is None else asof
        if end < stats["first"]:
            raise ParameterError(f"asof {end.date()} is before the first transaction ({stats['first'].date()}).")
        buy = "a >= 0 AND " if amount is not None else ""
        g = _run(rel, f"""WITH t AS ({base}),
            occ AS (SELECT c, CAST(d AS DATE) AS day, sum(a) AS amt FROM t WHERE {buy} d <= TIMESTAMP '{end}'
                    GROUP BY c, day)
            SELECT c, count(*) AS n, min(day) AS first, max(day) AS last, sum(amt) AS total,
                   arg_min(amt, day) AS first_amount FROM occ GROUP BY c ORDER BY c""", con, "owndata.progress_table")
    if g.empty:
        raise DataError("No purchase (positive amount) before the end of the observation period.")
    first = pd.to_datetime(g["first"]).to_numpy().astype("datetime64[D]").astype(np.int64)
    last = pd.to_datetime(g["last"]).to_numpy().astype("datetime64[D]").astype(np.int64)
    end_day = (end - pd.Timestamp("1970-01-01")).days  # floor, as (end - first).dt.days with first at midnight
    freq = (g["n"].to_numpy() - 1).astype("int64")
    out = pd.DataFrame({"frequency": freq, "recency": (last - first) / unit, "T": (end_day - first) / unit},
                       index=_index(g["c"], customer))
    if amount is not None:
        total, fa = g["total"].to_numpy(dtype=float), g["first_amount"].to_numpy(dtype=float)
        out["monetary_value"] = np.where(freq > 0, (total - fa) / np.clip(freq, 1, None), 0.0)
    out.index.name = customer
    return out


def cohort_table(source, *, start, end, periods, asof, freq, days_per_month):
    """:func:`crmkit.loyalty.cohort_table` in DuckDB: the contract checks as counts, then one pass that counts, per
    cohort, the contracts still active k months after their start, for every k."""
    what = "contract table"
    with _opened(source, what) as (rel, con):
        types = _columns(rel, what, [start, end])
        base = (f"SELECT {_date_expr(start, types[start], what)} AS s, {_date_expr(end, types[end], what)} AS e, "
                f"{_q(end)} IS NULL AS open FROM tx")
        st = _run(rel, f"""WITH t AS ({base}) SELECT count(*) AS rows, count(*) FILTER (WHERE s IS NULL) AS bad_start,
            count(*) FILTER (WHERE e IS NULL AND NOT open) AS bad_end, count(*) FILTER (WHERE e < s) AS reversed,
            max(s) AS last_start, max(e) AS last_end, min(s) AS first FROM t""", con, "owndata.progress_checks").iloc[0].to_dict()
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
            WHERE s > TIMESTAMP '{asof}' OR e > TIMESTAMP '{asof}'""", con, "owndata.progress_checks").iloc[0, 0]
        if late:
            raise DataError(f"{late} contract(s) start or end after the as-of date {asof.date()}. Pass a later asof, "
                            "or drop them.")
        life = f"floor(epoch(coalesce(e, TIMESTAMP '{asof}') - s) / 86400) / {days_per_month!r}"
        alive = ", ".join(f"count(*) FILTER (WHERE e IS NULL OR {life} > {k}) AS a{k}" for k in range(periods + 1))
        label = "strftime(s, '%Y-%m')" if freq == "M" else "CAST(year(s) AS VARCHAR) || 'Q' || CAST(quarter(s) AS VARCHAR)"
        g = _run(rel, f"""WITH t AS ({base}) SELECT {label} AS cohort, count(*) AS customers,
            floor(epoch(TIMESTAMP '{asof}' - max(s)) / 86400) / {days_per_month!r} AS observable, {alive}
            FROM t GROUP BY cohort ORDER BY cohort""", con, "owndata.progress_table")
    size = g["customers"].to_numpy()
    active = g[[f"a{k}" for k in range(periods + 1)]].to_numpy(dtype=float)
    ok = g["observable"].to_numpy()[:, None] >= np.arange(periods + 1)[None, :]
    table = np.where(ok, active / size[:, None], np.nan)
    out = pd.DataFrame(table, index=pd.Index(g["cohort"].astype(str).to_numpy(), name="cohort"),
                       columns=pd.RangeIndex(0, periods + 1, name="month"))
    out.insert(0, "customers", size.astype(np.int64))
    return out
