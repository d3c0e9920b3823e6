"""Questions of chapter 08: controlling customers and switching costs (全面掌控客户与提高转移成本).

Graded recall -> compute -> interpret -> design. The chapter works ¥200 + ¥300 + ¥150 against ¥400 a
year, survival at 24 months, lock-in among consumers; the exercises use other customers, other months,
another segment and the loyalty points the chapter does not analyse."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import loyalty
from ._core import ChoiceQuestion, MappingQuestion, OpenQuestion, SequenceQuestion

#: Q1: four practices, one lever of control each (掌控什么?).
CONTROL_PRACTICES = {
    "stock": "The supplier manages the customer's stock and reorders for him; the customer closes his purchasing desk.",
    "prepay": "Distributors prepay next year's quota and earn interest on it until they order.",
    "pos": "The brand installs and runs its franchisees' point-of-sale and stock system and sets their prices.",
    "stake": "The manufacturer buys a 20 % stake in its largest distributor.",
}
_LEVERS = {"stock": "substitute functions", "prepay": "capital", "pos": "management and information", "stake": "capital"}

#: Q2: four things a customer would lose by leaving, one component each.
LOSSES = {
    "software": "Learning the new supplier's ordering software",
    "points": "8,000 loyalty points that lapse when he cancels",
    "manager": "The account manager he has worked with for ten years",
    "fee": "An early-termination fee of ¥300",
}
_COMPONENTS = {"software": "procedural", "points": "financial", "manager": "relational", "fee": "financial"}

#: Q3: the exercises' customer (the chapter's is ¥200 + ¥300 + ¥150 against ¥400 a year).
COST = dict(procedural=180, financial=420, relational=120)
SAVING, HORIZON, DISCOUNT = 300, 3, 0.08

#: Q6: four of the course's 17 ways (numbers of ``loyalty.SWITCHING_WAYS``).
WAYS = [1, 5, 8, 13]

#: Q8: six practices to judge.
PRACTICES = {
    "renewal": "Contracts renew automatically for another year, without a reminder before the date.",
    "export": "A leaving customer cannot download his order history and settings.",
    "tenure_discount": "The price falls by 2 % for each year the customer stays.",
    "training": "Free training for the customer's staff on the product.",
    "cancel_in_person": "Sign-up takes one minute online; cancelling needs a visit to a branch.",
    "subsidy_fee": "An early-termination fee equal to the unrecovered part of a handset subsidy, stated at sign-up.",
}
_JUDGEMENT = {"renewal": "hostage", "export": "hostage", "tenure_discount": "value", "training": "value",
              "cancel_in_person": "hostage", "subsidy_fee": "value"}

ASOF = pd.Timestamp("2024-12-31")


def _contracts():
    from ..data import load

    c = load("contracts")
    months = (c["end_date"].fillna(ASOF) - c["start_date"]).dt.days / loyalty.DAYS_PER_MONTH
    return c, months, c["end_date"].notna()


def _survival_gap():
    c, months, churned = _contracts()
    out = {}
    for key, rows in (("pooled", c.index), ("small_business", c.index[c["segment"] == "small business"])):
        many = rows[c.loc[rows, "integrations"] >= 3]
        none = rows[c.loc[rows, "integrations"] == 0]
        s = [loyalty.survival_at(loyalty.kaplan_meier(months[r], churned[r]), 18) for r in (many, none)]
        out[key] = s[0] - s[1]
    return out


def _window_rate(months, churned, a, b):
    """Churn per customer-month in months (a, b]: churns in the window / months at risk in it."""
    at_risk = (np.clip(months, a, b) - a)[months > a].sum()
    events = (churned & (months > a) & (months <= b)).sum()
    return float(events / at_risk)


def _lockin_rates():
    c, months, churned = _contracts()
    m = (c["segment"] == "small business") & (c["lockin_months"] == 12)
    return {"during": _window_rate(months[m], churned[m], 0, 12), "after": _window_rate(months[m], churned[m], 12, 24)}


def _cheapest():
    w = loyalty.SWITCHING_WAYS.loc[WAYS]
    return list((w["cost"] / w["raises"]).sort_values(kind="stable").index)


def _points_reading():
    c, months, churned = _contracts()
    r = np.corrcoef(c["loyalty_points"], months)[0, 1]
    return ("points grow with tenure: the comparison cannot show that points keep customers" if r > 0.5
            else "points keep customers")


q1 = MappingQuestion(
    "Q1",
    "Recall: which lever of control (掌控什么?) is each practice of `ch08.CONTROL_PRACTICES`? Answer a dict "
    "keyed like `ch08.CONTROL_PRACTICES`, with values among `'substitute functions'`, `'capital'`, "
    "`'management and information'`, e.g. `{'stock': 'capital', ...}`.",
    expected=lambda: {k: _LEVERS[k] for k in CONTROL_PRACTICES},
    hints=["Substitute functions: we do a job the customer used to do himself, so he can no longer do without us.",
           "Money tied up with us is capital (Wahaha's deposits); running the partner's systems is management "
           "and information (Heilan Home)."],
)

q2 = MappingQuestion(
    "Q2",
    "Recall: the component (Burnham, Frels and Mahajan) of each loss in `ch08.LOSSES`. Answer a dict keyed "
    "like `ch08.LOSSES` with values among `'procedural'`, `'financial'`, `'relational'`, e.g. "
    "`{'software': 'financial', ...}`.",
    expected=lambda: {k: _COMPONENTS[k] for k in LOSSES},
    hints=["Procedural: time, effort, learning, set-up, risk. Financial: lost benefits and money. "
           "Relational: lost personal and brand relationships."],
)

q3 = MappingQuestion(
    "Q3",
    "Compute: a customer's switching costs are procedural ¥180, financial ¥420, relational ¥120. A competitor "
    "would save him ¥300 a year; he looks 3 years ahead and discounts at 8 %, the saving received at each "
    "year's end. The present value of the competitor's advantage (¥), his decision (`'stay'` or `'switch'`) "
    "and the yearly advantage that would leave him indifferent (¥). Answer a dict, to 2 decimals, e.g. "
    "`{'advantage_pv': 650.25, 'decision': 'stay', 'break_even': 250.5}`.",
    expected=lambda: (lambda d: {"advantage_pv": d.advantage_pv, "decision": d.decision,
                                 "break_even": d.break_even_advantage})(
        loyalty.switching_decision(SAVING, loyalty.switching_cost(**COST), horizon=HORIZON, discount=DISCOUNT)),
    hints=["Total switching cost: 180 + 420 + 120.",
           "PV = 300/1.08 + 300/1.08**2 + 300/1.08**3; break-even = switching cost / (that sum divided by 300)."],
)

q4 = MappingQuestion(
    "Q4",
    "Compute on `data.load(\"contracts\")` (as-of 2024-12-31; months = days / (365.25 / 12); an empty "
    "`end_date` is censored): the Kaplan–Meier share still subscribed 18 months after the start for "
    "customers with 3 or more integrations minus the share for customers with none — (a) over all "
    "customers, (b) among small-business customers only. Answer a dict of two differences as fractions, to "
    "3 decimals, e.g. `{'pooled': 0.123, 'small_business': 0.045}`.",
    expected=_survival_gap,
    hints=["`loyalty.kaplan_meier(months[rows], churned[rows])` then `loyalty.survival_at(km, 18)`.",
           "Do the same twice: once on every row, once on the rows with segment == 'small business'."],
    abs_tol=0.001,
)

q5 = MappingQuestion(
    "Q5",
    "Compute on the contracts: for small-business customers with a 12-month lock-in, the churn rate per "
    "customer-month *during* the lock-in (months 0–12) and in the year *after* it (months 12–24): the "
    "customers who churn in the window divided by the customer-months they were at risk in it (a customer "
    "observed 15 months contributes 12 months to the first window and 3 to the second). Answer a dict of "
    "monthly rates as fractions, to 4 decimals, e.g. `{'during': 0.0456, 'after': 0.0789}`.",
    expected=_lockin_rates,
    hints=["Months at risk in (a, b]: np.clip(months, a, b) - a, summed over the customers with months > a.",
           "Churns in (a, b]: churned & (months > a) & (months <= b)."],
    abs_tol=0.0001,
    rel_tol=1e-3,
)

q6 = SequenceQuestion(
    "Q6",
    "Rank the ways 1, 5, 8 and 13 of `loyalty.SWITCHING_WAYS` by their cost per ¥1 of switching cost they "
    "raise (`cost` / `raises`), cheapest first. Answer a list of way numbers, e.g. `[13, 8, 5, 1]`.",
    expected=_cheapest,
    hints=["loyalty.SWITCHING_WAYS.loc[[1, 5, 8, 13]] has the two columns.",
           "Sort by cost / raises, ascending."],
)

q7 = ChoiceQuestion(
    "Q7",
    "Interpret on the contracts: customers who churned hold far fewer `loyalty_points` on average than those "
    "still subscribed. Look at how the points relate to each customer's months subscribed, then choose the "
    "reading the data support. Answer one option as text: `'points keep customers'`, `'points grow with "
    "tenure: the comparison cannot show that points keep customers'`, e.g. `'points keep customers'`.",
    expected=_points_reading,
    choices=["points keep customers", "points grow with tenure: the comparison cannot show that points keep customers"],
    computed=True,  # the reading follows the correlation of points with months subscribed, computed from the data
    hints=["np.corrcoef(contracts['loyalty_points'], months)", "Who has had more time to collect points?"],
)

q8 = MappingQuestion(
    "Q8",
    "Design a policy: for each practice of `ch08.PRACTICES`, say whether it keeps customers by giving them "
    "`'value'` (a benefit or a cost they knowingly accept) or holds them `'hostage'` (an exit barrier they did "
    "not choose, which breeds resentment and, under China's consumer and personal-information laws, may be "
    "unlawful). Answer a dict keyed like `ch08.PRACTICES`, e.g. `{'renewal': 'value', ...}`.",
    expected=lambda: {k: _JUDGEMENT[k] for k in PRACTICES},
    hints=["Ask: did the customer knowingly accept the cost in return for something, and can he leave as easily "
           "as he joined?",
           "Standard terms that restrict the consumer's rights are void (消费者权益保护法 art. 26); a person may "
           "ask for a copy of his personal information (个人信息保护法 art. 45)."],
)

q9 = OpenQuestion(
    "Q9",
    "Open question: the subscription business of the `contracts` data considers making a 24-month lock-in the "
    "default for every new customer. Using the chapter's numbers (the survival with no lock-in, a 12-month and "
    "a 24-month lock-in, and the effect of integrations) and its distinction between value and hostage, write "
    "your recommendation. Answer as a text (a Python str) of 80-200 words.",
    rubric=[("reads the survival figures correctly: a lock-in delays churn, and churn rises when it ends", 2),
            ("weighs the lock-in against switching costs that give the customer value, such as integrations "
             "(value or hostage, in the chapter's terms)", 2),
            ("considers resentment and the law (consumer and personal-information rules)", 1),
            ("proposes what to measure after the change (churn after the lock-in ends, complaints)", 1)],
    model_answer="I would not make it the default. In the chapter, 32 % of customers without a lock-in are still "
                 "subscribed after 30 months, 41 % with a 12-month and 56 % with a 24-month lock-in; but the "
                 "curves fall fast as soon as the lock-in ends: it postpones churn more than it prevents it, and "
                 "the customers held only by the contract leave resentful and talk. Integrations keep customers "
                 "by value instead: 76 % of customers with three or more are still there after 24 months, 48 % "
                 "of those with none, and within each segment each integration still lowers churn. I would offer "
                 "the 24-month contract as a choice with a real price advantage, invest in integrations for small "
                 "business and enterprise customers, and make leaving as easy as joining, as Chinese consumer law "
                 "expects of standard terms. Then watch the churn in the months after each lock-in ends, and the "
                 "complaints.",
    hints=["Compare the survival curves before and after the lock-in ends.",
           "Which switching costs did the customer choose, and which were imposed?"],
    min_words=60,
)
