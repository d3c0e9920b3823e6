"""Questions of chapter 04: RFM analysis (RFM分析法)."""

from __future__ import annotations

import pandas as pd

from .. import segment
from ._core import ChoiceQuestion, FrameQuestion, MappingQuestion, NumberQuestion

#: Six customers of the exercise.
RFM = pd.DataFrame({"recency": [12, 45, 200, 20, 95, 60], "frequency": [14, 6, 15, 2, 3, 10],
                    "monetary": [8200, 2300, 9100, 600, 1200, 4999]},
                   index=pd.Index(["R1", "R2", "R3", "R4", "R5", "R6"], name="customer_id"))
RETAIL_ASOF = "2024-07-01"


def _retail():
    from ..data import load

    return load("retail_transactions")


q1 = MappingQuestion(
    "Q1",
    "Score the customers with the thresholds R: ≤ 30 days → 3, 31–90 → 2, > 90 → 1; F: ≥ 10 → 3, 4–9 → 2,"
    " ≤ 3 → 1; M: ≥ ¥5,000 → 3, ¥1,000–4,999 → 2, < ¥1,000 → 1. Answer a dict of each customer's RFM code"
    " as text, e.g. `{'R1': '213', 'R2': '121', ...}`.",
    expected=lambda: segment.rfm_threshold_scores(RFM)["RFM"].to_dict(),
    hints=["Recency is better when *smaller*: 12 days scores 3.",
           "Write three small functions, e.g. r_score = lambda d: 3 if d <= 30 else (2 if d <= 90 else 1).",
           "Join the three digits as text: f'{r}{f}{m}'."],
)

q2 = ChoiceQuestion(
    "Q2",
    "Which customer has the highest total score R + F + M? Answer the customer id as text, e.g. `'R5'`.",
    expected=lambda: str(segment.rfm_threshold_scores(RFM)["score"].idxmax()),
    choices=list(RFM.index),
    hints=["Add the three digits of each code from Q1."],
)

q3 = MappingQuestion(
    "Q3",
    "The Chinese eight-class scheme: R is high when recency is *below* its mean (a recent buyer), F and M"
    " when *above* their means. Give each customer's class. Answer a dict of class names in Chinese, e.g."
    " `{'R1': '一般发展客户', ...}`.",
    expected=lambda: segment.rfm_segments(RFM, scheme="cn8")["segment"].astype(str).to_dict(),
    hints=["The means are: recency 72 days, frequency 8.33, monetary ¥4,399.83.",
           "R↑F↑M↑ = 重要价值客户; R↓F↑M↑ = 重要保持客户; R↑F↓M↓ = 一般发展客户; R↓F↓M↓ = 一般挽留客户.",
           "rfm.recency < rfm.recency.mean() gives R high for each customer."],
)

q4 = ChoiceQuestion(
    "Q4",
    "R3 is big and frequent but has been silent for 200 days. What should the company do? Answer one "
    "option as text: `'retention contact'`, `'welcome programme'`, `'upsell'` or `'do nothing'`, e.g. "
    "`'upsell'`.",
    expected=lambda: "retention contact" if segment.rfm_segments(RFM, scheme="cn8").loc["R3", "segment_en"]
    == "important retention" else "upsell",
    choices=["retention contact", "welcome programme", "upsell", "do nothing"],
    hints=["Which of the eight classes is R3 in (Q3)?", "重要保持客户: an important customer to keep -- before it is lost."],
)

q5 = FrameQuestion(
    "Q5",
    "From `data.load(\"retail_transactions\")`, build the RFM table as of 2024-07-01 with pandas: one row "
    "per customer (index `customer_id`) with `recency` (days from the last purchase to the as-of date), "
    "`frequency` (number of distinct days with a purchase) and `monetary` (net spend: purchases minus "
    "returns). Use only transactions before the as-of date; returns (negative amounts) are not purchases."
    " Answer a pandas DataFrame with these three columns, e.g. `pd.DataFrame({'recency': ..., "
    "'frequency': ..., 'monetary': ...})`.",
    expected=lambda: segment.rfm_table(_retail(), asof=RETAIL_ASOF)[["recency", "frequency", "monetary"]],
    hints=["Keep tx[tx.date < asof]; purchases are the rows with amount > 0.",
           "recency: (asof - purchases.groupby('customer_id').date.max()).dt.days; frequency: "
           "purchases.groupby('customer_id').date.nunique().",
           "monetary: the sum of *all* amounts per customer (returns included), for the customers who bought."],
)

q6 = NumberQuestion(
    "Q6",
    "On the CDNOW sample (`data.load(\"cdnow_sample\")`, amounts in `dollar_value`) as of 1998-07-01, how "
    "many customers get the top R score (5) with crmkit's quintile scores? Answer a whole number, e.g. "
    "`120`.",
    expected=lambda: int((segment.rfm_scores(segment.rfm_table(_cdnow(), amount="dollar_value",
                                                                 asof="1998-07-01"))["R"] == 5).sum()),
    hints=["segment.rfm_table(cd, amount='dollar_value', asof='1998-07-01') then segment.rfm_scores(...).",
           "Count the rows whose R column equals 5."],
    abs_tol=0,
    rel_tol=0,
)


def _cdnow():
    from ..data import load

    return load("cdnow_sample")
