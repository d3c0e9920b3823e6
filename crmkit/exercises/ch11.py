"""Questions of chapter 11: key account relationship management (大客户关系管理与价值提升).

Recall (Q1-Q3) -> compute (Q4-Q7) -> interpret (Q8) -> the datasets (Q9-Q10) -> design (Q11).
Every expected value comes from :mod:`crmkit.accounts`; the solutions live in
``solutions/ch11_key_accounts.ipynb``.
"""

from __future__ import annotations

import pandas as pd

from .. import accounts
from ..data import load
from ._core import ChoiceQuestion, MappingQuestion, NumberQuestion, SequenceQuestion, WeightsDesignQuestion

#: Syllabus C.12, exercise 2: three key accounts scored 1-5 on the five criteria.
XYZ = pd.DataFrame({
    "account_id": ["X", "Y", "Z"],
    "purchase_volume": [5, 4, 3],
    "profit_contribution": [3, 4, 5],
    "growth_potential": [4, 3, 5],
    "strategic_fit": [4, 3, 2],
    "relationship_credit": [2, 4, 3],
})
#: Syllabus C.12, exercise 5: the customer's organisation.
ORG = pd.DataFrame({
    "name": ["Li", "Wang", "Zhao", "Chen"],
    "title": ["general manager", "CTO", "purchasing manager", "engineer"],
    "role": ["decider", "influencer", "buyer", "user"],
    "influence": [5, 4, 3, 2],
    "attitude": [0, -1, 1, 2],
    "relationship": [1, 2, 3, 4],
})
SHEET = {"communication": 4, "matching": 3, "alliance": 4, "identification": 3}
#: Q8's "profit and relationship" weights (no ties among the first six accounts of the dataset).
PROFIT_VIEW = {"purchase_volume": 0.15, "profit_contribution": 0.35, "growth_potential": 0.15, "strategic_fit": 0.10,
               "relationship_credit": 0.25}
MIN_WEIGHT = 0.05


def _xyz_card(weights=None):
    return accounts.scorecard(XYZ, accounts.DEFAULT_WEIGHTS if weights is None else weights)


q1 = ChoiceQuestion(
    "Q1",
    "(Seed question bank) Compared with the many ordinary customers, a small group of customers brings about "
    "80 % of a company's total profit. What are they called: 'key customers', 'ordinary customers', 'small "
    "customers' or 'potential customers'? Answer one of the four as text, e.g. 'small customers'.",
    expected=lambda: "key customers",  # B.18, Shanghai Open University Q5 (no key in the seed; inferred)
    choices=["key customers", "ordinary customers", "small customers", "potential customers"],
    aliases={"关键客户": "key customers", "大客户": "key customers", "普通客户": "ordinary customers",
             "小客户": "small customers", "潜在客户": "potential customers"},
    hints=["The Pareto rule: a few customers make most of the profit.", "This chapter is about them."],
)

q2 = ChoiceQuestion(
    "Q2",
    "(Seed question bank) Which of these is NOT a role on the customer's side in the buying decision process: "
    "'manager', 'initiator', 'gatekeeper' or 'user'? Answer one of the four as text, e.g. 'user'.",
    expected=lambda: next(c for c in ("manager", "initiator", "gatekeeper", "user") if c not in accounts.ROLES),
    choices=["manager", "initiator", "gatekeeper", "user"],
    aliases={"管理者": "manager", "发起者": "initiator", "把关者": "gatekeeper", "使用者": "user"},
    hints=["The buying centre has initiators, users, influencers, deciders, buyers and gatekeepers.",
           "Which title is a job, not a role in the decision?"],
)

q3 = SequenceQuestion(
    "Q3",
    "Seed 004 expands a relationship through meeting services in six steps. Put them in order: 'share', "
    "'listen', 'execution plan', 'discuss', 'action plan', 'distinguish'. Answer a list of the six texts, "
    "first step first, e.g. ['a', 'b', ...].",
    expected=lambda: list(accounts.MEETING_STEPS),
    aliases={"倾听": "listen", "区分": "distinguish", "研讨": "discuss", "分享": "share", "行动计划": "action plan",
             "执行计划": "execution plan"},
    hints=["You cannot tell what matters before you have heard the customer out.",
           "Plans come last: first the action plan, then the execution plan."],
)

q4 = NumberQuestion(
    "Q4",
    "A key account spends ¥8.0 m a year in our category; we sell it ¥2.0 m. What is our share of wallet? "
    "Answer a share between 0 and 1, e.g. 0.4.",
    expected=lambda: accounts.share_of_wallet(2.0e6, 8.0e6),
    hints=["Share of wallet = our sales to the customer / the customer's total spend in the category."],
    rel_tol=1e-3, abs_tol=1e-4,
)

q5 = MappingQuestion(
    "Q5",
    "The scorecard weights purchase volume 0.30, profit contribution 0.25, growth potential 0.20, strategic fit "
    "0.15, relationship and credit 0.10. Scores (1-5, in that order): X (5, 3, 4, 4, 2), Y (4, 4, 3, 3, 4), "
    "Z (3, 5, 5, 2, 3). Compute each account's weighted score. Answer a dict, e.g. {'X': 3.1, 'Y': 2.9, 'Z': 4.0}.",
    expected=lambda: {k: float(x) for k, x in _xyz_card()["score"].items()},
    hints=["Score = sum of weight x score over the five criteria.",
           "X: 0.30 x 5 + 0.25 x 3 + 0.20 x 4 + 0.15 x 4 + 0.10 x 2."],
    rel_tol=1e-6, abs_tol=1e-6,
)

q6 = SequenceQuestion(
    "Q6",
    "Rank X, Y and Z of Q5 by their scores. Answer a list of the account ids, best first, e.g. ['Y', 'X', 'Z'].",
    expected=lambda: list(_xyz_card().index),
    hints=["Sort the three scores of Q5 from high to low."],
)

q7 = MappingQuestion(
    "Q7",
    "A key account's relationship score sheet: communication 4, matching 3, alliance 4, identification 3 "
    "(each 1-5). Totals 4-8 are initial, 9-12 ordinary, 13-16 strategic, 17-20 partner cooperation. Give the "
    "total and the level. Answer a dict, e.g. {'total': 10, 'level': 'ordinary'}.",
    expected=lambda: {"total": accounts.relationship_level(SHEET).score,
                      "level": accounts.relationship_level(SHEET).level},
    hints=["Add the four scores.", "Find the band the total falls in."],
)

q8 = MappingQuestion(
    "Q8",
    "The customer's power map: Li (general manager, decider, influence 5, attitude 0, relationship 1), Wang (CTO, "
    "influencer, 4, -1, 2), Zhao (purchasing manager, buyer, 3, +1, 3), Chen (engineer, user, 2, +2, 4). Influence "
    "is 1-5, attitude -2..+2, relationship 1-4. Who is the influential opponent (influence 4 or more, attitude "
    "below 0), and which decider do we hardly know (relationship 2 or less)? Answer a dict of names, e.g. "
    "{'influential_opponent': 'Zhao', 'weak_decider': 'Chen'}.",
    expected=lambda: {
        "influential_opponent": accounts.power_map_gaps(ORG).query("gap == 'influential opponent'")["contact"].iloc[0],
        "weak_decider": accounts.power_map_gaps(ORG).query("gap == 'weak decider'")["contact"].iloc[0],
    },
    hints=["Look for a negative attitude among the people with influence 4 or 5.",
           "Then look at the decider's relationship with us."],
)

q9 = SequenceQuestion(
    "Q9",
    "Load the key_accounts dataset (crmkit.data.load('key_accounts')). The finance director wants a profit and "
    "relationship view: purchase volume 0.15, profit contribution 0.35, growth potential 0.15, strategic fit 0.10, "
    "relationship and credit 0.25. Which five accounts score highest under these weights? Answer a list of five "
    "account ids, best first, e.g. ['KA01', 'KA02', 'KA03', 'KA04', 'KA05'].",
    expected=lambda: list(accounts.scorecard(load("key_accounts"), PROFIT_VIEW).index[:5]),
    hints=["accounts.scorecard(table, weights) returns the accounts best first.",
           "Pass the weights as a dict {'purchase_volume': 0.15, ...} and take the first five ids of the index."],
)

q10 = SequenceQuestion(
    "Q10",
    "In the account_contacts dataset, which key accounts have no contact with the decider at all? Answer a list "
    "of account ids in ascending order, e.g. ['KA05', 'KA17'].",
    expected=lambda: sorted(
        g[(g["gap"] == "no contact") & (g["role"] == "decider")]["account_id"].tolist()
        for g in [accounts.power_map_gaps(load("account_contacts"), account="account_id")])[0],
    hints=["accounts.power_map_gaps(contacts, account='account_id') lists every gap of every account.",
           "Keep the rows whose gap is 'no contact' and whose role is 'decider'."],
)


def _a_design_that_works() -> dict:
    """The reference answer: give one criterion 0.8 and the others the minimum, trying each in turn."""
    for c in accounts.DEFAULT_WEIGHTS:
        w = {k: (1 - 4 * MIN_WEIGHT if k == c else MIN_WEIGHT) for k in accounts.DEFAULT_WEIGHTS}
        card = accounts.scorecard(XYZ, w)
        if card.index[0] == "Y" and (card["rank"] == 1).sum() == 1:
            return w
    raise AssertionError("no single-criterion design puts Y first")


q11 = WeightsDesignQuestion(
    "Q11",
    "Design: the sales director wants Y of Q5 to rank first. Choose weights for the five criteria, each at least "
    "0.05 and summing to 1, under which Y scores strictly highest. Answer a dict, e.g. {'purchase_volume': 0.2, "
    "'profit_contribution': 0.2, 'growth_potential': 0.2, 'strategic_fit': 0.2, 'relationship_credit': 0.2}. "
    "Then ask yourself: is a ranking that moves with the weights a finding or a choice?",
    expected=_a_design_that_works,
    table=XYZ, target="Y", min_weight=MIN_WEIGHT,
    hints=["Which criteria does Y score higher on than X and Z?",
           "Y has the best relationship-and-credit score: give that criterion most of the weight."],
)
