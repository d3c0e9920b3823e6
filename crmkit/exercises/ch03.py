"""Questions of chapter 03: ABC analysis, tiering, pyramid and value matrices (ABC分析法与客户分级)."""

from __future__ import annotations

import pandas as pd

from .. import segment
from ._core import ChoiceQuestion, MappingQuestion, NumberQuestion

#: Revenue (¥ thousand) of 20 customers, the exercise's data.
REVENUE = pd.Series([520, 310, 260, 150, 120, 95, 80, 70, 60, 55, 40, 35, 30, 25, 20, 15, 12, 10, 8, 5],
                    index=[f"C{i:02d}" for i in range(1, 21)], dtype=float, name="revenue")
#: Chase example: comprehensive benefit and fee income, US$ million a year.
CHASE = pd.DataFrame({"benefit": [4.2, 2.0, 1.0], "fee": [0.8, 3.5, 0.5]}, index=["P", "Q", "R"])
CHASE_RULES = [("blue", {"benefit": 5, "fee": 3}), ("green", {"benefit": 3, "fee": 1})]

q1 = MappingQuestion(
    "Q1",
    "Count-based ABC (the seed's rule): A = the top 15 % of the 20 customers by revenue, B = the next 25 "
    "%, C = the rest. What share of total revenue does each class bring? Answer a dict of fractions (0.5 "
    "for 50 %), e.g. `{'A': 0.5, 'B': 0.3, 'C': 0.2}`.",
    expected=lambda: segment.class_summary(segment.abc_classes(REVENUE, by="count", shares=(0.15, 0.25)))
    ["value_share"].to_dict(),
    hints=["15 % of 20 customers is 3, 25 % is 5: A = the 3 largest, B = the next 5, C = the other 12.",
           "revenue.sort_values(ascending=False) then .iloc[:3].sum() / revenue.sum() for A, and so on."],
    abs_tol=0.001,
)

q2 = NumberQuestion(
    "Q2",
    "The chapter finds what the top 20 % bring. What share of total revenue do the top 30 % of these "
    "customers bring? Do they reach the 80 % of the '80/20 rule'? Answer a fraction to 2 decimals, e.g. "
    "`0.42` for 42 %.",
    expected=lambda: segment.concentration(REVENUE, 0.30),
    hints=["30 % of 20 customers is 6.", "revenue.nlargest(6).sum() / revenue.sum()"],
    abs_tol=0.001,
    decimals=2,  # the text asks for 2 decimals: 0.76 is accepted for 0.7578
)

q3 = MappingQuestion(
    "Q3",
    "Value-based ABC: a customer is A if the cumulative revenue share *before* it is below 80 %, B if "
    "below 95 %, else C. How many customers are in each class? Answer a dict of whole numbers, e.g. "
    "`{'A': 10, 'B': 6, 'C': 4}`.",
    expected=lambda: segment.abc_classes(REVENUE)["segment"].value_counts().sort_index().astype(int).to_dict(),
    hints=["Sort by revenue, largest first, and take the cumulative sum.",
           "The share before a customer is (cumsum - revenue) / total; compare it with 0.80 and 0.95.",
           "pd.cut(before, [-1, 0.8, 0.95, 2], right=False, labels=list('ABC')) ... careful with the edges: "
           "'below 80 %' means strictly less."],
    abs_tol=0,
)

q4 = MappingQuestion(
    "Q4",
    "Chase's tiers: blue if comprehensive benefit ≥ US$5 m **or** fee income ≥ US$3 m; green if ≥ 3 m or "
    "≥ 1 m; otherwise `'lower tier'`. Classify P (4.2, 0.8), Q (2.0, 3.5) and R (1.0, 0.5). Answer a dict"
    " of tiers as text, e.g. `{'P': 'blue', 'Q': 'lower tier', 'R': 'green'}`.",
    expected=lambda: segment.rule_tier(CHASE, CHASE_RULES, default="lower tier").to_dict(),
    hints=["Check the blue rule first; only customers who fail it can be green.",
           "Either condition is enough ('or')."],
)

q5 = ChoiceQuestion(
    "Q5",
    "In the expected-value matrix, a customer with high historical value but low expected future value is"
    " …? Answer one option as text: `'high-end customers'`, `'uneconomic customers'`, `'expectant "
    "customers'` or `'bad customers'` (the Chinese term works too), e.g. `'bad customers'`.",
    expected=lambda: segment.value_matrix(pd.Series([10.0, 1.0]), pd.Series([1.0, 10.0]), thresholds=(5, 5))
    ["segment"].iloc[0],
    choices=["high-end customers", "uneconomic customers", "expectant customers", "bad customers"],
    hints=["What the customer brought in the past is high; what it will bring is low.",
           "Serving it as before would cost more than it will bring: 非……客户."],
)

q6 = ChoiceQuestion(
    "Q6",
    "In Reinartz and Kumar's loyalty matrix, a highly profitable customer with a short relationship is …?"
    " Answer one option as text: `'true friends'`, `'butterflies'`, `'barnacles'` or `'strangers'` (the "
    "Chinese term works too), e.g. `'strangers'`.",
    expected=lambda: segment.loyalty_matrix(pd.Series([10.0, 1.0]), pd.Series([1.0, 10.0]), thresholds=(5, 5))
    ["segment"].iloc[0],
    choices=["true friends", "butterflies", "barnacles", "strangers"],
    hints=["Profitable, but it will not stay long: enjoy it while it lasts (享受).",
           "Which animal flies from flower to flower?"],
)
