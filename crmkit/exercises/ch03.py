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
    "Count-based ABC (the seed's rule): A = the top 15 % of the 20 customers by revenue, B = the next 25 %, "
    "C = the rest. What share of total revenue does each class bring? Answer a dict {'A': ..., 'B': ..., 'C': ...} "
    "of fractions (0.5 for 50 %).",
    expected=lambda: segment.class_summary(segment.abc_classes(REVENUE, by="count", shares=(0.15, 0.25)))
    ["value_share"].to_dict(),
    hints=["15 % of 20 customers is 3, 25 % is 5: A = the 3 largest, B = the next 5, C = the other 12.",
           "revenue.sort_values(ascending=False) then .iloc[:3].sum() / revenue.sum() for A, and so on."],
    solution=("r = revenue.sort_values(ascending=False)\n"
              "abc_shares = {'A': r.iloc[:3].sum() / r.sum(), 'B': r.iloc[3:8].sum() / r.sum(), "
              "'C': r.iloc[8:].sum() / r.sum()}"),
    abs_tol=0.001,
)

q2 = NumberQuestion(
    "Q2",
    "What share of total revenue do the top 20 % of these customers bring (a fraction)? Is this base as "
    "concentrated as the '80/20 rule' says?",
    expected=lambda: segment.concentration(REVENUE, 0.20),
    hints=["20 % of 20 customers is 4.", "revenue.nlargest(4).sum() / revenue.sum()"],
    solution="top20_share = revenue.nlargest(4).sum() / revenue.sum()   # 0.6458: less than 80 %",
    abs_tol=0.001,
)

q3 = MappingQuestion(
    "Q3",
    "Value-based ABC: a customer is A if the cumulative revenue share *before* it is below 80 %, B if below 95 %, "
    "else C. How many customers are in each class? Answer {'A': ..., 'B': ..., 'C': ...}.",
    expected=lambda: segment.abc_classes(REVENUE)["segment"].value_counts().sort_index().astype(int).to_dict(),
    hints=["Sort by revenue, largest first, and take the cumulative sum.",
           "The share before a customer is (cumsum - revenue) / total; compare it with 0.80 and 0.95.",
           "pd.cut(before, [-1, 0.8, 0.95, 2], right=False, labels=list('ABC')) ... careful with the edges: "
           "'below 80 %' means strictly less."],
    solution=("r = revenue.sort_values(ascending=False)\n"
              "before = (r.cumsum() - r) / r.sum()\n"
              "classes = before.map(lambda s: 'A' if s < 0.80 else ('B' if s < 0.95 else 'C'))\n"
              "abc_counts = classes.value_counts().to_dict()   # {'A': 8, 'B': 5, 'C': 7}"),
    abs_tol=0,
)

q4 = MappingQuestion(
    "Q4",
    "Chase's tiers: blue if comprehensive benefit >= US$5 m or fee income >= US$3 m; green if >= 3 m or >= 1 m; "
    "otherwise 'lower tier'. Classify P (4.2, 0.8), Q (2.0, 3.5) and R (1.0, 0.5): {'P': ..., 'Q': ..., 'R': ...}.",
    expected=lambda: segment.rule_tier(CHASE, CHASE_RULES, default="lower tier").to_dict(),
    hints=["Check the blue rule first; only customers who fail it can be green.",
           "Either condition is enough ('or')."],
    solution="chase_tiers = {'P': 'green', 'Q': 'blue', 'R': 'lower tier'}",
)

q5 = ChoiceQuestion(
    "Q5",
    "In the expected-value matrix, a customer with high historical value but low expected future value is ...?",
    expected=lambda: segment.value_matrix(pd.Series([10.0, 1.0]), pd.Series([1.0, 10.0]), thresholds=(5, 5))
    ["segment"].iloc[0],
    choices=["high-end customers", "uneconomic customers", "expectant customers", "bad customers"],
    aliases={"非经济客户": "uneconomic customers", "uneconomic": "uneconomic customers", "高端客户": "high-end customers",
             "期望客户": "expectant customers", "不良客户": "bad customers"},
    hints=["What the customer brought in the past is high; what it will bring is low.",
           "Serving it as before would cost more than it will bring: 非……客户."],
    solution="value_class = 'uneconomic customers'   # 非经济客户",
)

q6 = ChoiceQuestion(
    "Q6",
    "In Reinartz and Kumar's loyalty matrix, a highly profitable customer with a short relationship is a ...?",
    expected=lambda: segment.loyalty_matrix(pd.Series([10.0, 1.0]), pd.Series([1.0, 10.0]), thresholds=(5, 5))
    ["segment"].iloc[0],
    choices=["true friends", "butterflies", "barnacles", "strangers"],
    aliases={"butterfly": "butterflies", "蝴蝶型": "butterflies", "朋友型": "true friends", "葫芦型": "barnacles",
             "路人型": "strangers", "true friend": "true friends", "barnacle": "barnacles", "stranger": "strangers"},
    hints=["Profitable, but it will not stay long: enjoy it while it lasts (享受).",
           "Which animal flies from flower to flower?"],
    solution="loyalty_class = 'butterflies'   # 蝴蝶型: enjoy them while they last",
)
