"""crmkit.owndata and the out-of-core paths (a Parquet file, a DuckDB relation) in the bad-input harness."""

from __future__ import annotations

import atexit
import os
import tempfile
from pathlib import Path

import pandas as pd

from crmkit import clv, loyalty, owndata, segment

from .harness import Table, Target, declared


def _tx():
    return pd.DataFrame({"customer_id": ["a", "b", "a"], "date": ["2024-01-05", "2024-01-06", "2024-02-01"],
                         "amount": [10.0, 20.0, 5.0]})


TX = Table(ids=("customer_id",), dates=("date",), numbers=("amount",))
#: check_transactions answers a broken row with a report row (its purpose), not an error: those classes are
#: tried on read_transactions, which raises the same report
_REPORTED = tuple(f"{k}:source.{c}" for k, c in (
    ("text_cell", "amount"), ("bool_cell", "amount"), ("mixed_ids", "customer_id"), ("bad_date_cell", "date"),
    ("before_1677", "date"), ("mixed_zones", "date"), ("dt64s_range", "date"), ("missing_column", "customer_id"),
    ("missing_column", "date"), ("missing_column", "amount"), ("nan_cell", "amount"), ("inf_cell", "amount"),
    ("span_1677_2262", "date")))
_BAD = (("bad_rates", "rates", {"USD": -1}), ("rates_text", "rates", "USD=7"), ("bad_zone", "timezone", "Mars/Olympus"),
        ("bad_dayfirst", "dayfirst", "yes"), ("bad_base", "base", "yuan"), ("bad_table", "table", "x; DROP"),
        ("bad_sheet", "sheet", -1), ("bad_source", "source", "orders.pdf"), ("no_file", "source", "none.csv"),
        ("bad_source_kind", "source", 42))


def _contracts_parquet():
    """Three contracts (one still active) as a Parquet file (written once per session, deleted at exit)."""
    path = Path(tempfile.gettempdir()) / f"crmkit-harness-contracts-{os.getpid()}.parquet"
    if not path.is_file():
        atexit.register(path.unlink, missing_ok=True)
        pd.DataFrame({"start_date": pd.to_datetime(["2024-01-05", "2024-02-01", "2024-03-10"]),
                      "end_date": pd.to_datetime(["2024-05-01", None, "2024-06-01"])}).to_parquet(path)
    return path


def _parquet():
    """The valid transactions as a Parquet file (written once per session, deleted at exit)."""
    path = Path(tempfile.gettempdir()) / f"crmkit-harness-owndata-{os.getpid()}.parquet"
    if not path.is_file():
        atexit.register(path.unlink, missing_ok=True)
        tx = _tx()
        tx["date"] = pd.to_datetime(tx["date"])
        tx.to_parquet(path)
    return path


_PATH_BAD = (("bad_suffix", "transactions", "tx.xlsx"), ("no_file", "transactions", "none.parquet"),
             ("bad_kind", "transactions", 42))

TARGETS = [
    declared("owndata.read_transactions", owndata.read_transactions,
             lambda: {"source": _tx(), "asof": "2024-12-31", "currency": None}, tables={"source": TX}, bad=_BAD),
    declared("owndata.check_transactions", owndata.check_transactions, lambda: {"source": _tx(), "asof": "2024-12-31"},
             tables={"source": TX}, bad=_BAD, skip=_REPORTED),
    # the out-of-core paths: a Parquet file in place of the DataFrame (asof and the column names as declared)
    declared("segment.rfm_table (Parquet path)", segment.rfm_table,
             lambda: {"transactions": _parquet(), "asof": "2024-03-31"}, bad=_PATH_BAD),
    declared("segment.abc_classes (Parquet path)", segment.abc_classes,
             lambda: {"values": _parquet(), "asof": "2024-03-31"},
             bad=tuple(("bad_" + k, "values", x) for k, _, x in _PATH_BAD)),
    declared("clv.summarize (Parquet path)", clv.summarize, lambda: {"transactions": _parquet(), "asof": "2024-06-30"},
             bad=_PATH_BAD),
    declared("loyalty.cohort_table (Parquet path)", loyalty.cohort_table,
             lambda: {"contracts": _contracts_parquet(), "periods": 6, "asof": "2024-12-31"},
             bad=tuple(("bad_" + k, "contracts", x) for k, _, x in _PATH_BAD)),
    Target("segment.rfm_table (DuckDB relation)",
           lambda **kw: segment.rfm_table(__import__("duckdb").from_df(kw.pop("tx")), **kw),
           lambda: {"tx": _tx().assign(date=lambda d: pd.to_datetime(d["date"])), "asof": "2024-03-31"},
           dates=("asof",), tables={"tx": Table(ids=("customer_id",), numbers=("amount",), required=())},
           skip=("not_a_table", "none_table", "text_numbers", "bool_cell", "mixed_ids")),
]
