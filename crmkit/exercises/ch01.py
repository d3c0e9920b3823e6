"""Questions of chapter 01: what CRM is (客户关系管理认知).

Recall (Q1-Q3, Q9 from the seeds' question bank) -> compute (Q4, Q6) -> interpret (Q5, Q7) -> design (Q8); on the
retail chain's data: compute the customer states at a date (Q10) -> rank the acquisition channels by cost per
customer kept (Q11) -> interpret what decides that ranking (Q12). The chapter works the funnel on assumed rates and
never touches the data, so it prints none of these answers. The solutions live in
``solutions/ch01_what_is_crm.ipynb``.
"""

from __future__ import annotations

import pandas as pd

from .. import foundations as f
from ._core import ChoiceQuestion, MappingQuestion, NumberQuestion, SequenceQuestion

#: The funnel of the syllabus's exercise (C.2): 10,000 non-customers, 20 % -> potential,
#: 40 % -> target, 25 % buy, 10 % of buyers lost within the year.
FUNNEL = dict(population=10_000, potential_rate=0.20, target_rate=0.40, purchase_rate=0.25, churn_rate=0.10)
RATES = ("potential_rate", "target_rate", "purchase_rate", "churn_rate")
#: The three features of Q3.
FEATURES = ("sales-opportunity stage tracking", "purchase-propensity prediction model", "call-centre ACD routing")
#: Q6's customer: ¥200 margin a year, 70 % retention, 10 % discount rate, a 5-year relationship.
RELATIONSHIP = dict(margin=200, years=5, retention=0.7, discount=0.10)
GOAL = "retain customers"  # Q5: the goal whose description the question quotes (CRM_GOALS, seed [002])
#: Q10-Q12: the date at which the retail chain's customer states are read, and the window of an actual customer.
#: (The dataset's own `state` column is read at the end of the log, 2024-12-31.)
STATES_ASOF = "2023-12-31"
ACTUAL_MONTHS = 12  # a calendar window: the 12 months to 2024-12-31 are 366 days (2024 is a leap year)
#: Q12: the two readings of the ranking of Q11.
READINGS = ("price decides", "retention decides")


def _retail():
    from ..data import load

    return load("retail_transactions"), load("retail_customers")


def _customer_states(transactions: pd.DataFrame, asof=STATES_ASOF, months: int = ACTUAL_MONTHS) -> pd.Series:
    """The state of every customer who had bought by ``asof``: 'actual' if he bought in the ``months`` calendar
    months up to and including ``asof``, else 'lost'. Purchases are the rows with ``is_return`` False; later rows are ignored.

    At the end of the log (2024-12-31) this is the ``state`` column of ``retail_customers`` for its buyers.
    """
    asof = pd.Timestamp(asof)
    buys = transactions[~transactions["is_return"] & (transactions["date"] <= asof)]
    last = buys.groupby("customer_id")["date"].max()
    actual = last > asof - pd.DateOffset(months=months)
    return actual.map({True: "actual", False: "lost"}).rename("state")


def _state_counts() -> dict:
    tx, _ = _retail()
    counts = _customer_states(tx).value_counts()
    return {s: int(counts.get(s, 0)) for s in ("actual", "lost")}


def _channel_table() -> pd.DataFrame:
    """Per acquisition channel: buyers by STATES_ASOF, how many are actual, their acquisition cost."""
    tx, customers = _retail()
    states = _customer_states(tx)
    c = customers.set_index("customer_id").loc[states.index].assign(state=states)
    g = c.groupby("acquisition_channel", observed=True)
    out = pd.DataFrame({"buyers": g.size(), "actual": g["state"].apply(lambda s: int((s == "actual").sum())),
                        "cost": g["acquisition_cost"].sum(), "mean_cost": g["acquisition_cost"].mean()})
    out["cost_per_actual"] = out["cost"] / out["actual"]
    return out


def _cost_ranking() -> list:
    return _channel_table()["cost_per_actual"].sort_values(kind="stable").index.astype(str).tolist()


def _what_decides() -> str:
    t = _channel_table()
    by_price = t["mean_cost"].sort_values(kind="stable").index.astype(str).tolist()
    return READINGS[0] if by_price == _cost_ranking() else READINGS[1]


def _best_rate_to_raise(points: float = 0.05) -> str:
    """The rate of FUNNEL which, moved 5 points in the good direction, adds most customers after a year."""
    base = f.customer_funnel(**FUNNEL).kept
    gains = {}
    for rate in RATES:
        kw = dict(FUNNEL)
        kw[rate] = kw[rate] - points if rate == "churn_rate" else kw[rate] + points
        gains[rate] = f.customer_funnel(**kw).kept - base
    return max(gains, key=gains.get)


q1 = SequenceQuestion(
    "Q1",
    "Put the five customer states of the seed's answer key in order, from the first to the last: 'actual', 'lost', "
    "'non-customer', 'potential', 'target'. Answer a list, e.g. ['target', 'lost', ...].",
    expected=lambda: f.CUSTOMER_STATES["state"].tolist(),
    aliases={"非客户": "non-customer", "潜在客户": "potential", "目标客户": "target", "现实客户": "actual",
             "流失客户": "lost", "non customer": "non-customer"},
    hints=["Before someone can be chosen as a target, he must have the need and the means to buy.",
           "A customer can only be lost after he has bought."],
)

q2 = ChoiceQuestion(
    "Q2",
    "(Seed quiz [001]) Which of these is NOT a function of CRM? 'customer information management', 'marketing "
    "management', 'sales management', 'HR management'. Answer one option as text, e.g. 'sales management'.",
    expected=lambda: f.CRM_FUNCTIONS.loc[~f.CRM_FUNCTIONS["is_crm_function"], "function"].iloc[0],
    choices=["customer information management", "marketing management", "sales management", "HR management"],
    aliases={"人事管理": "HR management", "hr": "HR management", "human resources management": "HR management"},
    hints=["CRM's four functions all face the customer: information, marketing, sales and the measurement of "
           "customer quality.", "Which option manages the company's own staff?"],
)

q3 = MappingQuestion(
    "Q3",
    "Classify each feature of a CRM system as 'operational', 'analytical' or 'collaborative' CRM. Answer a dict "
    "{'sales-opportunity stage tracking': ..., 'purchase-propensity prediction model': ..., "
    "'call-centre ACD routing': ...}, e.g. values like 'operational'.",
    expected=lambda: f.CRM_SYSTEM_FEATURES.set_index("feature").loc[list(FEATURES), "system_type"].to_dict(),
    hints=["Operational CRM runs the daily front-office work of sales, marketing and service staff.",
           "Analytical CRM mines the data for patterns; collaborative CRM runs the channels where company and "
           "customer meet (call centre, web, e-mail)."],
)

q4 = NumberQuestion(
    "Q4",
    "10,000 non-customers; 20 % become potential customers, 40 % of those become target customers, 25 % of the "
    "targets buy; 10 % of the buyers are lost within the first year. How many actual customers are there after "
    "one year? Answer a number of customers, e.g. 123.",
    expected=lambda: f.customer_funnel(**FUNNEL).kept,
    hints=["Multiply down the funnel: 10,000 x 0.20 x ...", "Then keep 90 % of the buyers."],
    unit="customers",
    abs_tol=0.5,
)

q5 = ChoiceQuestion(
    "Q5",
    "\"Customers can choose how to contact us and get information and better service, so satisfaction rises and we "
    "keep more old customers.\" Which of the three goals of CRM does this describe: 'raise efficiency', 'expand the "
    "market' or 'retain customers'? Answer one option as text, e.g. 'raise efficiency'.",
    expected=lambda: f.CRM_GOALS.set_index("goal").loc[GOAL].name,
    choices=f.CRM_GOALS["goal"].tolist(),
    aliases={"提高效率": "raise efficiency", "拓展市场": "expand the market", "保留客户": "retain customers"},
    hints=["The sentence ends with what happens to old customers."],
)

q6 = NumberQuestion(
    "Q6",
    "A customer brings a margin of ¥200 a year. Each year 70 % of customers stay; the discount rate is 10 %; the "
    "first purchase (year 0) is certain and not discounted. What is the expected present value of a 5-year "
    "relationship (years 0 to 4)? Answer in ¥, e.g. 123.45.",
    expected=lambda: f.relationship_vs_transaction(**RELATIONSHIP).relationship,
    hints=["Year t is worth 200 x 0.7**t / 1.1**t.", "Add up the five years t = 0, 1, 2, 3, 4."],
    unit="¥",
)

q7 = ChoiceQuestion(
    "Q7",
    "Back to the funnel of Q4. You can improve ONE rate by 5 percentage points (a conversion rate up, or the churn "
    "rate down from 10 % to 5 %). Which one adds the most customers after one year? Answer 'potential_rate', "
    "'target_rate', 'purchase_rate' or 'churn_rate'. Answer its name as text, e.g. 'churn_rate'.",
    expected=_best_rate_to_raise,
    choices=list(RATES),
    hints=["The funnel is a product: kept = N x p1 x p2 x p3 x (1 - churn).",
           "5 points is a larger *relative* change on a small rate: compare 0.25/0.20, 0.45/0.40, 0.30/0.25 and "
           "0.95/0.90."],
)

q8 = NumberQuestion(
    "Q8",
    "Design: your manager wants 300 actual customers after one year from the same 10,000 non-customers, with the "
    "other rates of Q4 unchanged. What share of target customers must buy? Answer a share between 0 and 1, "
    "e.g. 0.35.",
    expected=lambda: 300 / f.customer_funnel(**{**FUNNEL, "purchase_rate": 1.0}).kept,
    hints=["With every target buying, the funnel would keep 10,000 x 0.2 x 0.4 x 0.9 customers.",
           "The purchase rate needed is 300 divided by that number."],
    abs_tol=0.001,
)

q9 = ChoiceQuestion(
    "Q9",
    "(Seed question bank [001], Shanghai Open University) A person has the need, the motive and the means to buy "
    "our product but has not bought yet. Which customer state is he in: 'non-customer', 'potential', 'target', "
    "'actual' or 'lost'? Answer one option as text, e.g. 'lost'.",
    expected=lambda: f.CUSTOMER_STATES.loc[f.CUSTOMER_STATES["meaning"].str.contains("has not bought yet"),
                                           "state"].iloc[0],
    choices=f.CUSTOMER_STATES["state"].tolist(),
    aliases=dict(zip(f.CUSTOMER_STATES["state_zh"], f.CUSTOMER_STATES["state"])),
    hints=["A target customer is one the company has *chosen* to develop; nobody has chosen him yet."],
)

q10 = MappingQuestion(
    "Q10",
    "The retail chain's data (`data.load(\"retail_transactions\")`): read the customer states at 2023-12-31 "
    "yourself. Count only customers who had bought (a row with `is_return` False) by 2023-12-31; a customer is "
    "'actual' (现实客户) if he bought in the 12 months up to and including 2023-12-31 (i.e. in 2023), else 'lost' "
    "(流失客户). How many customers are in each state? Answer a dict of whole numbers, e.g. "
    "`{'actual': 1234, 'lost': 567}`.",
    expected=_state_counts,
    hints=["Keep the purchases up to the date: tx[~tx['is_return'] & (tx['date'] <= '2023-12-31')].",
           "Each customer's last purchase: groupby('customer_id')['date'].max(); actual if it is after "
           "2022-12-31.",
           "Check your rule at 2024-12-31: the 12 months to 2024-12-31 are 2024-01-01 .. 2024-12-31 (366 days, a leap "
           "year); it must give the `state` column of retail_customers for the buyers."],
    abs_tol=0,
    rel_tol=0,
)

q11 = SequenceQuestion(
    "Q11",
    "Join your states of Q10 to `data.load(\"retail_customers\")` (columns `acquisition_channel` and "
    "`acquisition_cost`). For each acquisition channel, divide the acquisition cost of all its customers of Q10 by "
    "the number of them still actual at 2023-12-31: what did one customer still kept cost to win? Rank the five "
    "channels, cheapest first. Answer a list of channel names, e.g. `['app', 'store', 'referral', 'online ads', "
    "'social media']`.",
    expected=_cost_ranking,
    hints=["customers.set_index('customer_id').loc[states.index] gives the buyers of Q10 in the same order.",
           "groupby('acquisition_channel'): the sum of acquisition_cost, and the number whose state is 'actual'.",
           "Divide, then sort_values() and take the index."],
)

q12 = ChoiceQuestion(
    "Q12",
    "What decides the ranking of Q11? Compare it with the ranking of the channels by their mean acquisition cost "
    "per customer won. Readings: `'price decides'` (the two rankings are the same: the channels keep similar shares "
    "of their buyers, so the cheapest to win is the cheapest per customer kept) or `'retention decides'` (the "
    "rankings differ: a channel keeps so much larger or smaller a share of its buyers that it moves up or down). "
    "Answer one option as text, e.g. `'retention decides'`.",
    expected=_what_decides,
    choices=READINGS,
    hints=["groupby('acquisition_channel')['acquisition_cost'].mean().sort_values() gives the second ranking.",
           "Look also at the share of each channel's buyers still actual: how far apart are the channels?"],
)
