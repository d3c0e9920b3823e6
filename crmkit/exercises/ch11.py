"""Questions of chapter 11: key account relationship management (大客户关系管理与价值提升).

Recall (Q1-Q3) -> compute (Q4-Q7) -> interpret (Q8) -> the datasets (Q9-Q10) -> design (Q11); then seed 004's
sections 2.IV to 6 (Q12-Q17: the broad-based process, the iceberg, the behaviour calendar, laws and customs, key
persons' needs, broad-based coverage in the data) and an open question graded by hand with a rubric (Q18, a
customer key-expansion card); Q19 sizes the annual plan's workload on the data.
Every expected value comes from :mod:`crmkit.accounts`; the solutions live in
``solutions/ch11_key_accounts.ipynb``.
"""

from __future__ import annotations

import pandas as pd

from .. import accounts
from ..data import load
from ._core import (
    ChoiceQuestion,
    MappingQuestion,
    NumberQuestion,
    OpenQuestion,
    SequenceQuestion,
    WeightsDesignQuestion,
)

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
    graded_hints=1,  # the last hint spells out the computation: practice only
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


#: Q13: one key account's needs, explicit or hidden, weighted 1-5.
NEEDS = pd.DataFrame({
    "need": ["unit price", "delivery on time", "lower total cost", "a new export market", "less stock in the plant"],
    "explicit": [True, True, False, False, False],
    "weight": [4, 5, 5, 3, 2],
})

q12 = SequenceQuestion(
    "Q12",
    "Seed 004 manages broad-based customer relationships (普遍客户关系) with a six-step process. Put the steps in "
    "order: 'evaluate broad-based relationships regularly', 'close the PDCA loop', 'analyse the current state of "
    "broad-based relationships', 'set targets and measures (into the KPIs)', 'appraise and correct quarterly or "
    "half-yearly', 'allocate the responsibility matrix'. Answer a list of the six texts, first step first, e.g. "
    "['a', 'b', ...].",
    expected=lambda: list(accounts.BROAD_PROCESS),
    aliases={"分析普遍客户关系管理现状": "analyse the current state of broad-based relationships",
             "分配客户关系建立责任矩阵": "allocate the responsibility matrix",
             "制定目标与措施(纳入KPI)": "set targets and measures (into the KPIs)",
             "定期普遍客户关系评估": "evaluate broad-based relationships regularly",
             "季度或半年考核与修正": "appraise and correct quarterly or half-yearly",
             "形成PDCA闭环管理系统": "close the PDCA loop"},
    hints=["You cannot assign responsibilities before you know where the relationships stand.",
           "Targets come before their evaluation; the loop closes last."],
)

q13 = NumberQuestion(
    "Q13",
    "The iceberg model of key account needs (大客户需求的冰山模型). A key account's needs with their importance "
    "(1-5): unit price 4 (explicit), delivery on time 5 (explicit), lower total cost 5 (hidden), a new export "
    "market 3 (hidden), less stock in the plant 2 (hidden). What share of the total importance lies below the "
    "waterline? Answer a share between 0 and 1 to 2 decimals, e.g. 0.35.",
    expected=lambda: float(accounts.needs_iceberg(NEEDS).loc["hidden", "share"]),
    hints=["Below the waterline are the hidden needs (隐性需求).",
           "accounts.needs_iceberg(table) weighs both parts; or add the hidden weights and divide by all."],
    decimals=2,
)

q14 = NumberQuestion(
    "Q14",
    "The key business behaviour calendar (关键业务行为日历): with the course's frequencies "
    "(accounts.CALENDAR_FREQUENCY), how many key business behaviours does the calendar plan in a year for a "
    "strategic-cooperation account whose weakest key point is alliance (the modes that strengthen alliance get the "
    "frequency of the level above)? Answer a whole number, e.g. 20.",
    expected=lambda: int(accounts.behaviour_calendar("strategic", weakest="alliance")["total"].sum()),
    hints=["accounts.behaviour_calendar(level, weakest=...) gives the calendar; add its 'total' column.",
           "Alliance is strengthened by business interaction and team building and by top-management meetings "
           "(accounts.KEY_POINT_MODES)."],
)

q15 = ChoiceQuestion(
    "Q15",
    "Seed 004 asks to avoid breaking laws, regulations and local customs (各种法规、乡土习俗的避免). Which of these "
    "is commercial bribery (商业贿赂) under the Anti-Unfair Competition Law: 'a cash gift to the buyer to win the "
    "order', 'a volume discount written into the contract and booked by both sides', 'a technical seminar for the "
    "customer's engineers', 'a quarterly planning meeting with the customer'? Answer one of the four as text, e.g. "
    "'a quarterly planning meeting with the customer'.",
    expected=lambda: "a cash gift to the buyer to win the order",
    choices=["a cash gift to the buyer to win the order",
             "a volume discount written into the contract and booked by both sides",
             "a technical seminar for the customer's engineers", "a quarterly planning meeting with the customer"],
    hints=["A discount is lawful when it is stated openly and booked.",
           "Which one pays a person, not the company, to influence the deal?"],
)

q16 = ChoiceQuestion(
    "Q16",
    "The key-person needs analysis model (关键人需求分析模式) sorts a key person's needs into four cells. The "
    "customer's production director never mentions it, but he hopes this project will earn him a promotion. In "
    "which cell is that need: 'organisational explicit', 'organisational hidden', 'personal explicit' or 'personal "
    "hidden'? Answer one of the four as text, e.g. 'organisational explicit'.",
    expected=lambda: "personal hidden",
    choices=["organisational explicit", "organisational hidden", "personal explicit", "personal hidden"],
    aliases={"组织显性": "organisational explicit", "组织隐性": "organisational hidden",
             "个人显性": "personal explicit", "个人隐性": "personal hidden"},
    hints=["Whose need is a promotion: the company's or his own?", "Does he say it?"],
)

q17 = NumberQuestion(
    "Q17",
    "Broad-based relationships in the data: load('account_contacts'). Over all the accounts' contacts together, "
    "what share of the contacts have a relationship with us of 3 or more (on the 1-4 scale)? Answer a share between "
    "0 and 1 to 2 decimals, e.g. 0.35.",
    expected=lambda: float((lambda c: c["covered"].sum() / c["contacts"].sum())(
        accounts.broad_coverage(load("account_contacts"), min_level=3))),
    hints=["accounts.broad_coverage(contacts, min_level=3) counts, per account, the contacts and the covered ones.",
           "Add the covered contacts of all accounts and divide by all their contacts."],
    decimals=2,
)

q18 = OpenQuestion(
    "Q18",
    "Design, graded by hand: draft a customer key-expansion card (客户关键拓展卡片) for Wang Ming, KA16's technical "
    "director (influencer, influence 4, attitude -1, relationship 2; chapter 11, sections 7 and 8). Say who owns him "
    "on our side, the relationship level to reach this year, his explicit and likely hidden needs, the first two "
    "actions (which communication modes, when), and one thing you will not do (a law or a local custom). Answer as "
    "a text (a Python str) of 80-200 words.",
    rubric=[("names an owner on our side and a target relationship level one step up (3 of 4) with a date", 2),
            ("separates explicit from hidden needs, with at least one plausible hidden personal need", 2),
            ("two concrete actions tied to communication modes that fit an influential opponent "
             "(technical exchange, top-management meeting)", 2),
            ("names a legal or customs limit (no commercial bribery, the customer's gift rules, a local taboo)", 1),
            ("says how progress will be checked (re-scored relationship, behaviours held)", 1)],
    model_answer=(
        "Card: Wang Ming, technical director, influencer (influence 4), attitude -1, relationship 2 of 4. Owner: "
        "Dr Qian, our solution expert, supported by the account manager; because he is an influential opponent our "
        "executive sponsor also meets him once. Target: relationship 3 by the end of September. Explicit needs: "
        "fewer line stoppages, reliable service. Hidden needs: he chose the incumbent supplier and does not want to "
        "be proved wrong; he would like recognition in the industry. Actions: (1) in March, a technical exchange in "
        "his plant where our engineers analyse his stoppage data and share the credit for the fix with his team; "
        "(2) in May, invite him to speak with us at an industry conference, costs paid openly by the organiser. "
        "Not done: no gifts or private trips (commercial bribery, and his company's gift rules); no clock as a "
        "present. Check: re-score his relationship and attitude at the quarterly review and count the behaviours "
        "held against the calendar."),
    hints=["Start from the power map: role, influence, attitude, relationship; who on our side meets an influencer?",
           "Hidden needs of a technical director who chose the incumbent: being right, being recognised."],
    min_words=60,
)


q19 = NumberQuestion(
    "Q19",
    "The key account relationship improvement annual plan (大客户关系提升年度规划书) on the data: run "
    "accounts.annual_plan on load('key_accounts'). How many key business behaviours do the calendars of all the "
    "accounts hold together for the year (the account team's workload)? Answer a whole number, e.g. 500.",
    expected=lambda: int(accounts.annual_plan(load("key_accounts"))["behaviours"].sum()),
    hints=["The plan has one row per account and a column 'behaviours'.",
           "Add the column over all the accounts; then ask yourself how many account managers that takes."],
)
