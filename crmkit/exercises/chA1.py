"""Questions of appendix A1: your own data, from a messy export to RFM, CLV and churn at any size (你自己的数据).

Recall (Q1, Q3, Q5) and compute (Q2, Q4) on the course's messy export (``datasets/messy_export.csv``). Expected
values come from ``crmkit.owndata`` and ``crmkit.segment`` on the export cleaned as the appendix cleans it.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .. import data, owndata, segment
from ..synth import messy
from ._core import ChoiceQuestion, NumberQuestion

COLUMNS = {"customer": "cust", "date": "order_date", "amount": "total", "currency": "ccy"}


@lru_cache(maxsize=1)
def clean() -> pd.DataFrame:
    """The messy export with each planted problem fixed as the appendix fixes it."""
    raw = data.load("messy_export")
    p = messy.PLANTED
    fixed = raw[~raw["order_no"].isin([p["missing_id"], p["bad_date"], p["orphan_return"]])].copy()
    fixed["cust"] = fixed["cust"].str.strip().str.upper()
    fixed.loc[fixed["order_no"] == p["future_date"], "order_date"] = "2024-11-20"
    fixed.loc[fixed["order_no"] == p["bad_amount"], "total"] = "1280"
    return owndata.read_transactions(fixed, **COLUMNS, asof=messy.ASOF, dayfirst=True, timezone="Asia/Shanghai",
                                     rates={"USD": messy.USD_RATE}, duplicates="drop")


q1 = ChoiceQuestion(
    "Q1",
    "The contract check reports '05/06/2024' in the column order_date. Which problem is it, the one that "
    "dayfirst=True settles? Answer one of 'ambiguous_date', 'bad_date', 'mixed_time_zones', 'future_date', "
    "'duplicate_row' (e.g. 'bad_date').",
    expected=lambda: "ambiguous_date",
    choices=["ambiguous_date", "bad_date", "mixed_time_zones", "future_date", "duplicate_row"],
    aliases={"日期歧义": "ambiguous_date", "ambiguous": "ambiguous_date"},
    hints=["Is it 5 June or May 6? The values of the column do not settle it (no day above 12 in that form).",
           "bad_date is a date that cannot exist (2024-02-30); ambiguous_date is one that can be read two ways."],
)

q2 = NumberQuestion(
    "Q2",
    "Clean the messy export as the appendix does (drop the rows without id, with the impossible date and the "
    "stray return; write ids one way; correct 2025-11-20 to 2024-11-20 and '¥1,280' to 1280; then "
    "read_transactions with dayfirst=True, timezone='Asia/Shanghai', rates={'USD': 7.1}, duplicates='drop'). "
    "What is the net amount of all its transactions in CNY (purchases minus returns)? Answer in yuan to "
    "2 decimals, e.g. 12345.67.",
    expected=lambda: float(clean()["amount"].sum()),
    hints=["clean['amount'] is already in CNY: the USD orders were multiplied by 7.1.",
           "Returns are negative amounts: a plain sum nets them."],
    unit="¥",
    decimals=2,
    rel_tol=0,
    abs_tol=0.01,
)

q3 = ChoiceQuestion(
    "Q3",
    "segment.rfm_table('transactions.parquet', ...) computes in DuckDB. What does it bring into pandas (into the "
    "notebook's memory)? Answer one of 'the whole file', 'one row group at a time', 'only the per-customer result', "
    "'nothing at all' (e.g. 'the whole file').",
    expected=lambda: "only the per-customer result",
    choices=["the whole file", "one row group at a time", "only the per-customer result", "nothing at all"],
    aliases={"只有每位客户的结果": "only the per-customer result", "the result": "only the per-customer result"},
    hints=["DuckDB reads the file in chunks and aggregates as it goes (out of core, 核外计算).",
           "What comes back is a table with one row per customer: recency, frequency, monetary."],
)

q4 = NumberQuestion(
    "Q4",
    "On the cleaned export (see Q2), compute segment.rfm_table(clean, asof='2025-01-01'). What is the monetary "
    "value of customer C006, whose id was also written 'c006 '? Answer in yuan to 2 decimals, e.g. 1234.56.",
    expected=lambda: float(segment.rfm_table(clean(), asof="2025-01-01").loc["C006", "monetary"]),
    hints=["After .str.strip().str.upper(), 'c006 ' and 'C006' are one customer: its purchases are added up.",
           "rfm_table(...).loc['C006', 'monetary']"],
    unit="¥",
    decimals=2,
    rel_tol=0,
    abs_tol=0.01,
)

q5 = ChoiceQuestion(
    "Q5",
    "A row of -45.00 by a customer who bought the same item a week earlier: how does the kit treat it? Answer one "
    "of 'a return, kept and netted in monetary', 'an error, the row must be dropped', 'a purchase occasion', "
    "'a duplicate' (e.g. 'a duplicate').",
    expected=lambda: "a return, kept and netted in monetary",
    choices=["a return, kept and netted in monetary", "an error, the row must be dropped", "a purchase occasion",
             "a duplicate"],
    aliases={"退货": "a return, kept and netted in monetary", "a return": "a return, kept and netted in monetary",
             "return": "a return, kept and netted in monetary"},
    hints=["Negative amounts are returns (退货). Only a return by a customer who never bought is a problem.",
           "rfm_table: returns reduce monetary but are not purchase occasions."],
)
