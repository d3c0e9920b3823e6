"""Questions of chapter 04: RFM analysis (RFM分析法).

The six customers R1-R6 and their thresholds are the course's own exercise ([added]); the chapter works
six other customers (S1-S6), so the exercises practise the same steps on new numbers."""

from __future__ import annotations

import pandas as pd

from .. import segment
from ._core import ChoiceQuestion, FrameQuestion, MappingQuestion, NumberQuestion, OpenQuestion, SequenceQuestion

#: Six customers of the exercise.
RFM = pd.DataFrame({"recency": [12, 45, 200, 20, 95, 60], "frequency": [14, 6, 15, 2, 3, 10],
                    "monetary": [8200, 2300, 9100, 600, 1200, 4999]},
                   index=pd.Index(["R1", "R2", "R3", "R4", "R5", "R6"], name="customer_id"))
RETAIL_ASOF = "2024-07-01"
MEAN_ASOF = "2023-10-01"  # Q8: the chapter counts classes at 2024-07-01 and 2024-01-01
HOLDOUT_ASOF, HOLDOUT_UNTIL = "2023-07-01", "2024-01-01"  # Q9: the chapter checks 2024-01-01 .. 2024-07-01


def _retail():
    from ..data import load

    return load("retail_transactions")


def _cdnow():
    from ..data import load

    return load("cdnow_sample")


def _mean_spend_classes(asof):
    rfm = segment.rfm_table(_retail(), asof=asof)
    return segment.rfm_segments(rfm.assign(monetary=rfm["mean_spend"]))["segment"]


def _holdout_share() -> float:
    tx = _retail()
    classes = _mean_spend_classes(HOLDOUT_ASOF)
    after = tx[(tx["date"] >= HOLDOUT_ASOF) & (tx["date"] < HOLDOUT_UNTIL) & (tx["amount"] > 0)]
    members = classes.index[classes == "重要挽留客户"]
    return float(members.isin(after["customer_id"]).mean())


q1 = ChoiceQuestion(
    "Q1",
    "Recall: why does the chapter take M as the mean spend per purchase rather than the total spend? Answer one "
    "option as text: `'repeats frequency'` (total spend = frequency x spend per purchase, so it mostly repeats F), "
    "`'robust to outliers'` (a mean is less affected by one huge purchase), `'independent of recency'` (total spend "
    "falls when a customer has not bought lately, so it repeats R) or `'easier to compute'`, e.g. "
    "`'easier to compute'`.",
    expected=lambda: "repeats frequency",
    choices=["repeats frequency", "robust to outliers", "independent of recency", "easier to compute"],
    hints=["Write total spend as a product of two things.",
           "The chapter's rank correlation of frequency with total spend is 0.83; with mean spend, 0.07."],
)

q2 = MappingQuestion(
    "Q2",
    "Score the customers R1–R6 (`ch04.RFM`) with the thresholds R: ≤ 30 days → 3, 31–90 → 2, > 90 → 1; F: ≥ 10 → 3, "
    "4–9 → 2, ≤ 3 → 1; M: ≥ ¥5,000 → 3, ¥1,000–4,999 → 2, < ¥1,000 → 1. Answer a dict of each customer's RFM "
    "code as text, e.g. `{'R1': '213', 'R2': '121', ...}`.",
    expected=lambda: segment.rfm_threshold_scores(RFM)["RFM"].to_dict(),
    hints=["Recency is better when *smaller*: 12 days scores 3.",
           "Write three small functions, e.g. r_score = lambda d: 3 if d <= 30 else (2 if d <= 90 else 1).",
           "Join the three digits as text: f'{r}{f}{m}'."],
)

q3 = MappingQuestion(
    "Q3",
    "The Chinese eight-class scheme: R is high when recency is *below* its mean (a recent buyer), F and M when "
    "*above* their means (here M is the total spend of `ch04.RFM`). Give each customer's class. Answer a dict of "
    "class names in Chinese, e.g. `{'R1': '一般发展客户', ...}`.",
    expected=lambda: segment.rfm_segments(RFM, scheme="cn8")["segment"].astype(str).to_dict(),
    hints=["The means are: recency 72 days, frequency 8.33, monetary ¥4,399.83.",
           "R↑F↑M↑ = 重要价值客户; R↓F↑M↑ = 重要保持客户; R↑F↓M↓ = 一般发展客户; R↓F↓M↓ = 一般挽留客户.",
           "rfm.recency < rfm.recency.mean() gives R high for each customer."],
)

q4 = SequenceQuestion(
    "Q4",
    "Rank the six customers by their total score R + F + M from Q2, highest first; break ties by monetary value "
    "(higher first). Answer a list of customer ids, e.g. ['R5', 'R2', 'R1', 'R3', 'R6', 'R4'].",
    expected=lambda: segment.rfm_threshold_scores(RFM).sort_values(["score", "monetary"], ascending=False)
    .index.tolist(),
    hints=["Add the three digits of each code from Q2.", "Two customers score 7: which spent more?"],
)

q5 = ChoiceQuestion(
    "Q5",
    "Interpret: R3 is big and frequent but has been silent for 200 days. What should the company do? Answer one "
    "option as text: `'retention contact'`, `'welcome programme'`, `'upsell'` or `'do nothing'`, e.g. `'upsell'`.",
    expected=lambda: "retention contact" if segment.rfm_segments(RFM, scheme="cn8").loc["R3", "segment_en"]
    == "important retention" else "upsell",
    choices=["retention contact", "welcome programme", "upsell", "do nothing"],
    hints=["Which of the eight classes is R3 in (Q3)?", "重要保持客户: an important customer to keep -- before it is lost."],
)

q6 = FrameQuestion(
    "Q6",
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

q7 = NumberQuestion(
    "Q7",
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

q8 = NumberQuestion(
    "Q8",
    "M as mean spend: build the retail RFM table as of 2023-10-01 with `segment.rfm_table`, replace `monetary` by "
    "`mean_spend`, and classify with `segment.rfm_segments` (eight classes, split at the mean). How many "
    "customers are 重要价值客户? Answer a whole number, e.g. `250`.",
    expected=lambda: int((_mean_spend_classes(MEAN_ASOF) == "重要价值客户").sum()),
    hints=["rfm = segment.rfm_table(tx, asof='2023-10-01'); rfm.assign(monetary=rfm['mean_spend'])",
           "(segment.rfm_segments(...)['segment'] == '重要价值客户').sum()"],
    abs_tol=0,
    rel_tol=0,
)

q9 = NumberQuestion(
    "Q9",
    "Check the classes on a later period: classify as in Q8 but as of 2023-07-01. Of the 重要挽留客户 (important "
    "win-back) of that day, what share made a purchase (amount > 0) from 2023-07-01 up to, not including, "
    "2024-01-01? Answer a fraction, to 3 decimals, e.g. `0.345`.",
    expected=_holdout_share,
    hints=["after = tx[(tx.date >= '2023-07-01') & (tx.date < '2024-01-01') & (tx.amount > 0)]",
           "members = classes.index[classes == '重要挽留客户']; members.isin(after.customer_id).mean()"],
    abs_tol=0.001,
)

WINBACK_BUDGET = 30_000  # Q10: ¥ for a win-back campaign
WINBACK_CLASSES = ("重要保持客户", "重要挽留客户", "一般发展客户")


def _winback_budget() -> dict:
    """Q10: the budget split in proportion to the customers each class is expected to bring back: the class
    size as of 2024-01-01 times the share of the class of Q9's date who came back in Q9's period."""
    tx = _retail()
    past = _mean_spend_classes(HOLDOUT_ASOF)
    after = tx[(tx["date"] >= HOLDOUT_ASOF) & (tx["date"] < HOLDOUT_UNTIL) & (tx["amount"] > 0)]
    came_back = pd.Series(past.index.isin(after["customer_id"]), index=past.index).groupby(past).mean()
    now = _mean_spend_classes(HOLDOUT_UNTIL).value_counts()
    expected_back = {c: float(now.get(c, 0) * came_back.get(c, 0.0)) for c in WINBACK_CLASSES}
    total = sum(expected_back.values())
    return {c: round(WINBACK_BUDGET * n / total, 2) for c, n in expected_back.items()}


q10 = MappingQuestion(
    "Q10",
    "Design a win-back budget: ¥30,000 is to be split over 重要保持客户, 重要挽留客户 and 一般发展客户 in proportion to "
    "the number of customers each class is expected to bring back in the next six months. Classify as in Q8 as of "
    "2024-01-01 for the class sizes; for each class's come-back rate, use the classes as of 2023-07-01 and the "
    "share of each class who bought from 2023-07-01 up to 2024-01-01 (as in Q9). Expected customers back = class "
    "size x come-back rate. Answer a dict of ¥ amounts, to 2 decimals, e.g. `{'重要保持客户': 1234.56, "
    "'重要挽留客户': 12345.67, '一般发展客户': 16419.77}`.",
    expected=_winback_budget,
    hints=["rates: past = classes as of 2023-07-01; bought = past.index.isin(after.customer_id); "
           "pd.Series(bought, index=past.index).groupby(past).mean()",
           "sizes: the classes as of 2024-01-01, value_counts().",
           "weights = size x rate for the three classes; each budget = 30,000 x weight / sum of weights."],
)

q11 = OpenQuestion(
    "Q11",
    "Open question: you have ¥50,000 for one six-month campaign. Which two RFM classes would you target, and "
    "why? Use the chapter's numbers (the class sizes and the holdout check: the share of each class who bought "
    "again and its mean net spend in the next six months), say what you offer each class and what it costs per "
    "customer, and how you would measure the result. Answer as a text (a Python str) of 80-200 words.",
    rubric=[("compares classes with the holdout figures (who bought again, spend after), not by their names alone", 2),
            ("fits the budget to the class sizes: a cost per customer times the customers reached", 1),
            ("argues the choice: money spent where it changes behaviour, not on customers who buy anyway; an "
             "action suited to each class", 2),
            ("a control group (customers of the class left out) to measure the campaign's lift", 1)],
    model_answer="I would not spend the budget on the 重要价值客户 or the 一般价值客户: in the holdout check 65 % of "
                 "them bought again without any campaign, so most of the money would pay for purchases that happen "
                 "anyway. I target 重要发展客户 (462 customers in the check; 38 % bought again, ¥256 each in six "
                 "months): recent and big, not yet frequent, so a second-purchase offer worth about ¥50 each "
                 "(¥23,100) can make them regular. And 重要挽留客户 (438; only 14 % bought again, ¥48): big "
                 "spenders gone quiet, worth a personal call and a voucher of about ¥60 (¥26,280) to win some of "
                 "them back before they are lost. Total about ¥49,400. In each class I keep 10 % out of the "
                 "campaign as a control group; the campaign pays if the extra spend of the contacted customers, "
                 "times a margin of about 26 %, exceeds its cost.",
    hints=["The holdout table shows what each class did without any campaign.",
           "Budget = customers reached x cost per customer: how many can ¥50,000 reach at your offer?"],
    min_words=60,
)
