"""Questions of chapter 03: ABC analysis, tiering, pyramid and value matrices (ABC分析法与客户分级).

Graded recall -> compute -> interpret -> design. The chapter works the retail chain with its own
cut-offs and costs; the exercises use 20 customers of their own, other ABCD cut-offs, other
subscribers, another cost to serve and another horizon, so the chapter never prints their answers.
"""

from __future__ import annotations

import pandas as pd

from .. import clv, segment
from ._core import ChoiceQuestion, MappingQuestion, NumberQuestion, OpenQuestion, SequenceQuestion

#: Revenue (¥ thousand) of 20 customers, the exercise's data.
REVENUE = pd.Series([520, 310, 260, 150, 120, 95, 80, 70, 60, 55, 40, 35, 30, 25, 20, 15, 12, 10, 8, 5],
                    index=[f"C{i:02d}" for i in range(1, 21)], dtype=float, name="revenue")
#: Five mobile subscribers: ARPU (¥/month), tenure on the network (months), credit score.
SUBSCRIBERS = pd.DataFrame({"arpu": [350, 160, 320, 70, 210], "tenure_months": [72, 40, 24, 50, 80],
                            "credit": [92, 82, 95, 90, 75]}, index=["U1", "U2", "U3", "U4", "U5"])
#: The exercises' cost to serve: ¥60 per customer, ¥4 per order, ¥25 per return; margin rate 25 %.
COST_FIXED, COST_ORDER, COST_RETURN, MARGIN = 60, 4, 25, 0.25
#: The pyramid classes and the treatments the design question offers.
TREATMENTS = ["reward and keep", "grow share of wallet", "serve efficiently", "reprice or let go"]


def _tx():
    from ..data import load

    return load("retail_transactions")


def _loss_makers() -> int:
    tx = _tx()
    revenue = segment.rfm_table(tx, asof="2025-01-01")["monetary"]
    orders = tx[~tx["is_return"]].groupby("customer_id").size().reindex(revenue.index, fill_value=0)
    returns = tx[tx["is_return"]].groupby("customer_id").size().reindex(revenue.index, fill_value=0)
    profit = segment.customer_profit(revenue, margin_rate=MARGIN,
                                     cost_to_serve=COST_FIXED + COST_ORDER * orders + COST_RETURN * returns)
    return int((profit < 0).sum())


def _top_future(n: int = 5) -> list:
    tx = _tx()
    summary = clv.summarize(tx[tx["date"] < "2024-01-01"], asof="2023-12-31")
    bgnbd = clv.BGNBD().fit(summary)
    gg = clv.GammaGamma().fit(summary[summary["frequency"] > 0])
    value = clv.clv_bgnbd_gg(bgnbd, gg, summary, horizon=52, margin=MARGIN)
    return list(value.sort_values(ascending=False).index[:n])


q1 = ChoiceQuestion(
    "Q1",
    "The seed classes customers by value and by attitude: its A customers 'recognise our products, are highly "
    "satisfied and come to us first'; its B customers are 'fairly satisfied but have objections'; its C "
    "customers 'wait and compare us with competitors, leaning towards them'. A customer is among the top 5 % "
    "by revenue; his account manager reports that he is fairly satisfied with us but has raised objections to "
    "our delivery times, and he has asked no competitor for a quote. Which class of the seed's ABC is he? "
    "Answer one option as text: `'A'`, `'B'`, `'C'` or `'D'` (the ABCD variant's class not attended to for "
    "now), e.g. `'C'`.",
    expected=lambda: "B",
    choices=["A", "B", "C", "D"],
    hints=["Value alone would make him an A customer. Does his attitude match the seed's A description?",
           "Fairly satisfied, with objections, not yet leaning towards a competitor: which description is that?"],
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
    "Count-based ABC (the seed's rule): A = the top 15 % of the 20 customers by revenue, B = the next 25 "
    "%, C = the rest. What share of total revenue does each class bring? Answer a dict of fractions (0.5 "
    "for 50 %), e.g. `{'A': 0.5, 'B': 0.3, 'C': 0.2}`.",
    expected=lambda: segment.class_summary(segment.abc_classes(REVENUE, by="count", shares=(0.15, 0.25)))
    ["value_share"].to_dict(),
    hints=["15 % of 20 customers is 3, 25 % is 5: A = the 3 largest, B = the next 5, C = the other 12.",
           "revenue.sort_values(ascending=False) then .iloc[:3].sum() / revenue.sum() for A, and so on."],
    abs_tol=0.001,
)

q4 = MappingQuestion(
    "Q4",
    "The ABCD variant by value: a customer is A if the cumulative revenue share *before* it is below 70 %, "
    "B if below 90 %, C if below 97 %, else D. How many of the 20 customers are in each class? Answer a "
    "dict of whole numbers, e.g. `{'A': 8, 'B': 5, 'C': 4, 'D': 3}`.",
    expected=lambda: segment.abc_classes(REVENUE, cutoffs=(0.70, 0.90, 0.97))["segment"]
    .value_counts().sort_index().astype(int).to_dict(),
    hints=["Sort by revenue, largest first; the share before a customer is (cumsum - revenue) / total.",
           "'below 70 %' means strictly less; or segment.abc_classes(revenue, cutoffs=(0.70, 0.90, 0.97))."],
    abs_tol=0,
)

q5 = MappingQuestion(
    "Q5",
    "Telecom tiering with `segment.TELECOM_RULES` (diamond: ARPU ≥ 300, tenure ≥ 60 months, credit ≥ 90; "
    "gold: 150, 36, 80; silver: 80, 12, 60), where a subscriber must meet ALL three minimums of a tier, "
    "best tier first, else `'ordinary'`. Classify U1 (ARPU 350, tenure 72, credit 92), U2 (160, 40, 82), "
    "U3 (320, 24, 95), U4 (70, 50, 90) and U5 (210, 80, 75). Answer a dict of `'diamond'`, `'gold'`, "
    "`'silver'` or `'ordinary'`, e.g. `{'U1': 'gold', 'U2': 'ordinary', 'U3': 'diamond', 'U4': 'silver', "
    "'U5': 'silver'}`.",
    expected=lambda: segment.rule_tier(SUBSCRIBERS, segment.TELECOM_RULES, default="ordinary", how="all").to_dict(),
    hints=["Check diamond first; a subscriber who misses one of its three minimums tries gold, then silver.",
           "segment.rule_tier(table, segment.TELECOM_RULES, default='ordinary', how='all')"],
)

q6 = NumberQuestion(
    "Q6",
    "On the retail data (`data.load(\"retail_transactions\")`, net revenue per customer as of 2025-01-01 as"
    " in the chapter), count profit as revenue x 25 % margin minus a cost to serve of ¥60 per customer, ¥4"
    " per order (a row with `is_return` False) and ¥25 per return. How many customers lose money? Answer a"
    " whole number, e.g. `1234`.",
    expected=_loss_makers,
    hints=["revenue = segment.rfm_table(tx, asof='2025-01-01')['monetary']; count orders and returns per "
           "customer with groupby('customer_id').size(), reindexed to all customers with fill_value=0.",
           "segment.customer_profit(revenue, margin_rate=0.25, cost_to_serve=60 + 4 * orders + 25 * returns)",
           "(profit < 0).sum()"],
    abs_tol=0,
    rel_tol=0,
)

q7 = SequenceQuestion(
    "Q7",
    "Stand at the end of 2023: fit BG/NBD and Gamma-Gamma (`crmkit.clv`) on the retail transactions "
    "before 2024-01-01 (`clv.summarize(..., asof=\"2023-12-31\")`, Gamma-Gamma on the repeat buyers), and "
    "take each customer's expected margin over the next 52 weeks (margin 0.25, no discount). Which five "
    "customers have the highest expected future value? Answer a list of customer ids, best first, e.g. "
    "`['C00001', 'C00002', 'C00003', 'C00004', 'C00005']`.",
    expected=_top_future,
    hints=["summary = clv.summarize(history, asof='2023-12-31'); bgnbd = clv.BGNBD().fit(summary); "
           "gg = clv.GammaGamma().fit(summary[summary['frequency'] > 0])",
           "clv.clv_bgnbd_gg(bgnbd, gg, summary, horizon=52, margin=0.25), then sort_values(ascending=False)",
           "Compare with the five largest spenders of 2022-2023: are they the same, in the same order?"],
)

q8 = ChoiceQuestion(
    "Q8",
    "An earlier version of the chapter drew the expected-value matrix with each customer's actual spend "
    "in the following year as 'future value'. What is wrong with that? Readings: `'hindsight'` (it is not"
    " known when the customers are classified), `'not discounted'` (a year is too short to discount), "
    "`'too noisy'` (one year of spend varies too much) or `'wrong unit'` (spend is not value). Answer one "
    "option as text, e.g. `'too noisy'`.",
    expected=lambda: "hindsight",
    choices=["hindsight", "not discounted", "too noisy", "wrong unit"],
    hints=["When is the matrix drawn, and when is next year's spend known?",
           "A future value must be an expectation at decision time: the chapter takes it from a model."],
)

q9 = ChoiceQuestion(
    "Q9",
    "In the chapter's value matrix, some customers spent a lot in 2022-2023 but the model expects little "
    "from them (they have gone quiet). In which quadrant are they? Answer one option as text: `'high-end "
    "customers'`, `'uneconomic customers'`, `'expectant customers'` or `'bad customers'` (the Chinese term"
    " works too), e.g. `'bad customers'`.",
    expected=lambda: segment.value_matrix(pd.Series([10.0, 1.0]), pd.Series([1.0, 10.0]), thresholds=(5, 5))
    ["segment"].iloc[0],
    choices=["high-end customers", "uneconomic customers", "expectant customers", "bad customers"],
    hints=["What the customer brought in the past is high; what it is expected to bring is low.",
           "Serving it as before would cost more than it will bring: 非……客户."],
)

q10 = MappingQuestion(
    "Q10",
    "Design the service policy for the customer pyramid: give each class one treatment, each treatment "
    "once: `'reward and keep'`, `'grow share of wallet'`, `'serve efficiently'`, `'reprice or let go'`. "
    "Answer a dict class -> treatment, e.g. `{'platinum': 'serve efficiently', 'gold': 'reprice or let go', "
    "'iron': 'reward and keep', 'lead': 'grow share of wallet'}`.",
    expected=lambda: dict(zip(segment.PYRAMID, TREATMENTS)),
    hints=["Platinum: the most profitable, not price-sensitive. Lead: cost more than they bring.",
           "Gold customers also buy elsewhere; iron customers fill capacity at low profit. "
           "See segment.ACTIONS['gold'] and ['iron']."],
)

q11 = OpenQuestion(
    "Q11",
    "Open question: the chain's new finance director reads the chapter's pyramid (the lead customers lose money "
    "once the cost to serve is counted) and proposes to stop serving every lead customer. Using the chapter's "
    "numbers (the pyramid, the expected-value matrix and the relationship matrix on projected duration), write "
    "your reply. Answer as a text (a Python str) of 80-200 words.",
    rubric=[("uses the chapter's figures: how many lead customers there are and what they cost in total", 1),
            ("separates the lead customers by their expected future (the value matrix or the projected duration) "
             "instead of treating them as one block", 2),
            ("proposes cheaper service or repricing before dropping customers, and names the risks of dropping "
             "them (fixed costs, word of mouth, customers who would grow)", 2),
            ("notes that the cost to serve is the course's assumption and must be measured before acting", 1)],
    model_answer="Not every lead customer should go. The chapter's lead class, more than a third of the base, costs "
                 "the chain about ¥75,000 over three years, but only with the course's assumed cost to serve (¥80 "
                 "per account, ¥5 per order, ¥30 per return); that cost must be measured first. Then the lead "
                 "customers differ: some have a high expected future value in the model (the expectant customers "
                 "of the value matrix, and recent buyers with a long projected duration in the relationship "
                 "matrix) and should be developed, not dropped. For the rest, serve them more cheaply before "
                 "letting them go: no mailings, online service only, a fee on frequent returns. Dropping them all "
                 "would leave the fixed costs of the account system to fewer customers and could cost word of "
                 "mouth. I would drop only those who lose money, are projected to stay short, and do not respond "
                 "to cheaper service within a year.",
    hints=["Who among the lead customers does the model expect to buy more?",
           "Which of the chapter's costs are measured, and which are assumed?"],
    min_words=60,
)
