"""Questions of chapter 05a: the customer lifecycle and the textbook CLV formulas (客户生命周期与CLV分析法):
the steps of a CLV analysis, the textbook models, Dwyer's method and the customer-event method."""

from __future__ import annotations

import numpy as np

from .. import clv, money
from ._core import ChoiceQuestion, MappingQuestion, NumberQuestion, OpenQuestion, SequenceQuestion

#: The five steps of a CLV analysis (SYLLABUS B.5.1, seeds [001] and [003]), in order.
STEPS = ["collect data", "compute CLV", "investment and profit", "grouping", "strategies"]
#: Three customers of Q4: yearly income In and service cost Cs (¥), 10 years at 8 %.
THREE = {"A": (600, 250), "B": (700, 420), "C": (520, 150)}
MIGRATION = (0.40, 0.25, 0.15, 0.05)
EVENT = dict(p_churn=0.20, p_purchase=0.5, margin=80.0, p_upgrade=0.0, upgrade_gain=0.0, service_cost=5.0,
             discount=0.10, periods=8)


def _retail():
    from ..data import load

    return load("retail_transactions")


def _retail_retention() -> float:
    tx = _retail()
    buy = tx[tx["amount"] > 0]
    y23 = set(buy.loc[buy["date"].dt.year == 2023, "customer_id"])
    y24 = set(buy.loc[buy["date"].dt.year == 2024, "customer_id"])
    return len(y23 & y24) / len(y23)


def _retail_margin_2024() -> float:
    tx = _retail()
    t24 = tx[tx["date"].dt.year == 2024]
    buyers = t24.loc[t24["amount"] > 0, "customer_id"].unique()
    return float(t24[t24["customer_id"].isin(buyers)].groupby("customer_id")["gross_margin"].sum().mean())


def _event_mean() -> float:
    e = EVENT
    t = np.arange(1, e["periods"] + 1)
    alive = money.survival(1 - e["p_churn"], e["periods"], first=1)
    cash = e["p_purchase"] * e["margin"] * (1 + e["p_upgrade"] * e["upgrade_gain"]) ** t - e["service_cost"]
    return float(np.sum(alive * cash * money.discount_factors(e["discount"], e["periods"])))


q1 = SequenceQuestion(
    "Q1",
    "Recall: put the five steps of a CLV analysis in order, first step first: 'grouping', 'strategies', "
    "'collect data', 'investment and profit', 'compute CLV'. Answer a list, e.g. ['strategies', 'grouping', ...].",
    expected=lambda: list(STEPS),
    aliases={"收集客户资料": "collect data", "客户分组": "grouping", "制定营销策略": "strategies",
             "定义和计算终身价值": "compute CLV", "客户投资与利润分析": "investment and profit"},
    hints=["You cannot compute anything before you have data.",
           "Customers are grouped by a value you have computed; each group then gets its strategy."],
)

q2 = MappingQuestion(
    "Q2",
    "Compute: like textbook exercise 3 (which the chapter works), for another customer: n = 8 years, Co = ¥400, "
    "Po = ¥2500, In = ¥1200 a year, r = 10 %, Cs = ¥150 a year. Compute model one (Σ In/(1+r)^t, t = 1..n) and "
    "model three ((Po − Co) + Σ (In − Cs)/(1+r)^t). Answer a dict of amounts in ¥, to 2 decimals, e.g. "
    "`{'model_one': 1234.56, 'model_three': 2345.67}`.",
    expected=lambda: {"model_one": clv.clv_model_one(1200, 0.10, 8),
                      "model_three": clv.clv_model_three(2500, 400, 1200, 150, 0.10, 8)},
    hints=["The annuity factor: sum(1.10 ** -t for t in range(1, 9)) = 5.3349.",
           "model one = 1200 x 5.3349; model three = 2500 - 400 + (1200 - 150) x 5.3349."],
    graded_hints=1,  # the last hint spells out the computation: practice only
)

q3 = MappingQuestion(
    "Q3",
    "Compute, both timing conventions: a customer brings a margin of ¥120 a year while he stays; retention 70 %, "
    "discount rate (贴现率) 12 %, for ever. Give the CLV when the first margin comes at t = 0 (start of each year) "
    "and when it comes at the end of year one. Answer a dict in ¥, to 2 decimals, e.g. "
    "`{'start': 321.09, 'end': 234.56}`.",
    expected=lambda: {"start": money.present_value(120, retention=0.7, discount=0.12, timing="start"),
                      "end": money.present_value(120, retention=0.7, discount=0.12, timing="end")},
    hints=["Start of the year: m (1 + d) / (1 + d - ρ). End of the year: m ρ / (1 + d - ρ).",
           "Check: start / end = (1 + d) / ρ = 1.12 / 0.7."],
)

q4 = SequenceQuestion(
    "Q4",
    "Interpret a ranking: three customers stay 10 years at r = 8 % (no first purchase, no acquisition cost): A "
    "brings In = ¥600 a year at a service cost Cs = ¥250, B ¥700 at ¥420, C ¥520 at ¥150. Rank them by model "
    "three (with service cost), best first. Answer a list, e.g. ['B', 'A', 'C'].",
    expected=lambda: sorted(THREE, key=lambda k: -clv.clv_model_three(0, 0, *THREE[k], 0.08, 10)),
    hints=["With the same n and r, model three ranks by In - Cs.",
           "Model one would rank by In alone: B first. Does it here?"],
)

q5 = MappingQuestion(
    "Q5",
    "Compute, Dwyer's migration model ('always a share'): purchase probabilities by recency state 1–4 are 0.40, "
    "0.25, 0.15, 0.05 (a buyer returns to state 1, a non-buyer moves one state on, state 4 keeps non-buyers). A "
    "customer has just bought (state 1 in period 1). Give the probability of a purchase in period 2 (a fraction), "
    "and the expected value of periods 1–5 with ¥60 per purchase discounted by 1/1.1^t (in ¥). Answer a dict, "
    "e.g. `{'p_period_2': 0.123, 'value_5': 45.67}`.",
    expected=lambda: {"p_period_2": float(clv.MigrationModel(MIGRATION).purchase_probabilities(2).iloc[1]),
                      "value_5": clv.MigrationModel(MIGRATION).expected_value(60, 0.1, horizon=5)},
    hints=["Period 2: either he bought in period 1 (0.4, back to state 1) or not (0.6, state 2): "
           "0.4 x 0.4 + 0.6 x 0.25.",
           "Carry the distribution over states forward period by period; value = sum of 60 x P(buy in t) / 1.1^t."],
)

q6 = NumberQuestion(
    "Q6",
    "Compute the customer-event method's mean without simulating: every year t = 1..8 a customer churns with "
    "probability 20 % (then no more events); if still there he buys with probability 50 % at a margin of ¥80 and "
    "costs ¥5 to serve; no upgrades; cash flows discounted at 10 % at the end of each year. What is the expected "
    "CLV? Answer a number in ¥, to 2 decimals, e.g. `98.76`.",
    expected=_event_mean,
    hints=["Still there in year t: 0.8 ** t. Expected cash then: 0.5 x 80 - 5.",
           "sum(0.8 ** t * (0.5 * 80 - 5) / 1.1 ** t for t in range(1, 9))"],
    unit="¥",
)

q7 = ChoiceQuestion(
    "Q7",
    "Interpret: a customer-event simulation of 1,000 customers with the same probabilities gives CLVs from ¥−40 to "
    "¥690. What does the spread show? Answer one option as text: `'different customers'` (some customers are "
    "worth more than others), `'chance'` (identical customers, different luck), `'discounting'` (later years "
    "count for less, which spreads the values) or `'model error'` (the simulation is wrong), e.g. `'model error'`.",
    expected=lambda: "chance",
    choices=["different customers", "chance", "discounting", "model error"],
    hints=["Which input of the simulation differs between the customers?"],
)

q8 = NumberQuestion(
    "Q8",
    "On the data: from `data.load(\"retail_transactions\")`, of the customers who made a purchase (amount > 0) in "
    "2023, what share also made one in 2024? This is a yearly retention rate. Answer a fraction, to 3 decimals, "
    "e.g. `0.712`.",
    expected=_retail_retention,
    hints=["buy = tx[tx.amount > 0]; the sets of customer ids with buy.date.dt.year == 2023 and == 2024.",
           "len(both) / len(set_2023)"],
    abs_tol=0.001,
)

q9 = NumberQuestion(
    "Q9",
    "Design a CLV from the data: take the retention of Q8, and as the yearly margin m the mean over the customers "
    "who made a purchase in 2024 of the sum of their 2024 `gross_margin` (all their 2024 rows, returns included). "
    "With a discount rate of 10 % and the margin at the end of each year, for ever: what is a retained customer's "
    "CLV? Answer a number in ¥, to 2 decimals, e.g. `1234.56`.",
    expected=lambda: money.present_value(_retail_margin_2024(), retention=_retail_retention(), discount=0.10,
                                         timing="end"),
    hints=["m: t24 = tx[tx.date.dt.year == 2024]; the buyers of 2024; t24 of those buyers grouped by customer, "
           "gross_margin summed, then the mean.",
           "End-of-year convention: m ρ / (1 + d - ρ)."],
    rel_tol=1e-3,
    unit="¥",
)

q10 = OpenQuestion(
    "Q10",
    "Open question: a sales director wants one number, 'what a customer is worth', to set how much the company "
    "may spend to win one. The chapter gives several: the textbook's models one to three (¥6,710, ¥9,210 and "
    "¥8,539 for the same customer), the retention model (¥366.67 with the margin at the start of each year, "
    "¥266.67 at the end, ¥440 to ¥733 at 85 % to 95 % retention). Which would you give him, and with what warning? Answer as a text (a Python str) of 80-200 "
    "words.",
    rubric=[("chooses a model and says why it fits the decision (costs counted, retention, discounting)", 2),
            ("states the assumptions the number rests on (timing of the first margin, retention, horizon, "
             "discount rate) and how much the number moves with them", 2),
            ("says that the value is a mean over many customers: it prices a group of new customers, not one", 1),
            ("turns the value into a spending limit below it (acquisition cost must leave a margin)", 1)],
    model_answer="I would give him a retention-model value with its costs counted, not model one: model one counts "
                 "revenue only and model three shows that the service cost takes about ¥670 of the ¥9,210 of "
                 "model two. The retention model also says that a customer may leave, which the textbook's fixed "
                 "lifetime hides. The warning: the number rests on its assumptions. Taking the first margin at "
                 "the start or at the end of the year moves it from ¥366.67 to ¥266.67, 38 % more; retention from "
                 "80 % to 90 % raises it by half. And it is a mean over many customers: it prices a group of new "
                 "customers, not the next one. "
                 "The spending limit should sit well below the value, e.g. the end-of-year figure less a margin "
                 "of safety, and be checked against the retention the new customers actually show.",
    hints=["Which models count the cost of serving a customer, and which let him leave?",
           "How far does the value move between the two timing conventions, and with retention?"],
    min_words=60,
)
