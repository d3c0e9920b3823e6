"""Questions of chapter 01: what CRM is (客户关系管理认知).

Recall (Q1-Q3, Q9 from the seeds' question bank) -> compute (Q4, Q6) -> interpret (Q5, Q7) -> design (Q8). The solutions live in
``solutions/ch01_what_is_crm.ipynb``.
"""

from __future__ import annotations

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
