"""Questions of appendix A1: your own data, from a messy export to RFM, CLV and churn at any size (你自己的数据).

Recall (Q1, Q3, Q5) and compute (Q2, Q4) on the course's messy export, and an open question (Q6) graded by a rubric, (``datasets/messy_export.csv``). Expected
values come from ``crmkit.owndata`` and ``crmkit.segment`` on the export cleaned as the appendix cleans it.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .. import data, owndata, segment
from ..synth import messy
from ._core import ChoiceQuestion, NumberQuestion, OpenQuestion

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


q6 = OpenQuestion(
    "Q6",
    "Your company's analyst sends you last year's order export (2 million rows, from the shop system and the "
    "web shop) and asks you to run the course's RFM classes on it next week. Write her a short plan in 80-200 "
    "words: what you check before any analysis (name at least three problems of the kind the appendix's contract "
    "report finds, and how you would fix or decide each), what you never do to her file, how you map her "
    "columns to the kit's, and whether you would compute on a pandas table or through DuckDB, and why. Answer "
    "as a text (a Python str).",
    rubric=[("names at least three concrete data problems of the contract (ids written two ways, unreadable or "
             "future dates, day/month order, several currencies, duplicates, returns without a purchase) and a "
             "fix or a decision for each", 2),
            ("keeps the source file as it is: cleaning happens in a copy or in code, with each fix written down", 1),
            ("maps her column names to customer, date and amount (and currency) explicitly", 1),
            ("chooses pandas or DuckDB for a stated reason (size against memory, a file read out of core, the same "
             "results either way)", 1)],
    model_answer=(
        "First I run owndata.check_transactions on her export with her column names mapped: order customer id to "
        "customer, order date to date, total to amount and currency to currency. I expect what the appendix "
        "found: ids written two ways ('c006 ' and 'C006'), which I normalise; dates with day and month in "
        "either order, which I settle with her (dayfirst) before reading; a future date, which I check against "
        "the shop system rather than guess; orders in USD, which I convert at the month's rate; and exact "
        "duplicate rows from the double export, which I drop after counting them. A return without a purchase I "
        "set aside and ask about. I never edit her file: every fix is a line of code on a copy, so she can see "
        "and repeat it. Two million rows fit in memory, so pandas would do, but I would read the Parquet file "
        "through DuckDB with segment.rfm_table(path): the same table, and it keeps working when next year's "
        "file is ten times larger."),
    hints=["The appendix's contract report lists the kinds of problem: start from them.",
           "Think of the file as evidence: the fixes belong in code that anyone can rerun."],
    min_words=60,
)
