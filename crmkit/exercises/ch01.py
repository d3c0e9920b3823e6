"""Questions of chapter 01: what CRM is (客户关系管理认知).

Recall (Q1-Q3, Q9 from the seeds' question bank) -> compute (Q4, Q6) -> interpret (Q5, Q7) -> design (Q8); on the
retail chain's data: compute the customer states at a date (Q10) -> rank the acquisition channels by cost per
customer kept (Q11) -> interpret what decides that ranking (Q12); finding and qualifying customers: the methods of
finding them (Q13), the MAN qualification of the key accounts (Q14, on the data), the kinds of customer
information (Q15). The chapter works the funnel on assumed rates and
never touches the data, so it prints none of these answers. The solutions live in
``solutions/ch01_what_is_crm.ipynb``.
"""

from __future__ import annotations

import pandas as pd

from .. import foundations as f
from ._core import ChoiceQuestion, MappingQuestion, NumberQuestion, OpenQuestion, SequenceQuestion

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
    "keep more old customers.\" Which goal of CRM does this describe: 'raise efficiency', 'expand the market', "
    "'retain customers' or 'build the brand'? Answer one option as text, e.g. 'raise efficiency'.",
    expected=lambda: f.CRM_GOALS.set_index("goal").loc[GOAL].name,
    choices=f.CRM_GOALS["goal"].tolist() + ["build the brand"],  # a plausible goal that is not one of the three
    aliases={"提高效率": "raise efficiency", "拓展市场": "expand the market", "保留客户": "retain customers",
             "树立品牌": "build the brand"},
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
    computed=True,  # which reading holds is computed from the data
    hints=["groupby('acquisition_channel')['acquisition_cost'].mean().sort_values() gives the second ranking.",
           "Look also at the share of each channel's buyers still actual: how far apart are the channels?"],
)


# --- finding and qualifying customers; customer information (Q13-Q15) -----------------------------------

#: Q13: four situations of finding customers, each one method of foundations.PROSPECTING_METHODS.
SITUATIONS = {
    "a": "A new salesperson takes over the 40 customers of a colleague who has resigned.",
    "b": "A seller of farm machines first wins over the head of the village co-operative, who then persuades "
         "the other farmers.",
    "c": "Every satisfied buyer is asked for the names of three people who might buy, and each of them in turn.",
    "d": "A seller of office water visits every company in a new office building, floor by floor.",
}
_SITUATION_METHOD = {"a": "adopting orphans", "b": "centre of influence", "c": "referral", "d": "canvassing"}
#: Q14: the key accounts qualified as prospects for a new service -- need: growth potential at least this score;
#: ability to pay: relationship/credit score at least this; authority: the account's power map holds its decider.
NEED_FROM, MONEY_FROM = 2, 3
#: Q15: five things a salesperson learned, each one kind of foundations.CUSTOMER_INFORMATION.
FACTS = {
    "a": ("individual", "His daughter starts university this autumn."),
    "b": ("individual", "He plays golf every Saturday morning."),
    "c": ("individual", "He decides fast and cannot stand long presentations."),
    "d": ("individual", "He is vice-chairman of the city's chamber of commerce and old classmates with our CEO."),
    "e": ("business", "The company paid its last three invoices 40 days late."),
}
_FACT_KIND = {"a": "family", "b": "life", "c": "personality", "d": "social relations", "e": "transaction status"}


def _methods() -> dict:
    known = set(f.PROSPECTING_METHODS["method"])
    assert set(_SITUATION_METHOD.values()) <= known  # the answers are methods of the kit's table
    return dict(_SITUATION_METHOD)


def _key_account_prospects() -> pd.DataFrame:
    from ..data import load

    ka = load("key_accounts").set_index("account_id")
    contacts = load("account_contacts")
    deciders = set(contacts.loc[contacts["role"].astype(str) == "decider", "account_id"])
    return ka.assign(need=ka["growth_potential"] >= NEED_FROM, money=ka["relationship_credit"] >= MONEY_FROM,
                     authority=ka.index.isin(deciders))


def _verdicts() -> dict:
    counts = f.qualify_prospects(_key_account_prospects())["verdict"].value_counts()
    return {k: int(n) for k, n in counts.items()}


def _kinds() -> dict:
    table = f.CUSTOMER_INFORMATION
    for k, kind in _FACT_KIND.items():
        assert ((table["customer"] == FACTS[k][0]) & (table["kind"] == kind)).any()
    return dict(_FACT_KIND)


q13 = MappingQuestion(
    "Q13",
    "Which method of finding customers (寻找客户的方法) is each? (a) A new salesperson takes over the 40 customers of "
    "a colleague who has resigned. (b) A seller of farm machines first wins over the head of the village "
    "co-operative, who then persuades the other farmers. (c) Every satisfied buyer is asked for the names of three "
    "people who might buy, and each of them in turn. (d) A seller of office water visits every company in a new "
    "office building, floor by floor. Answer a dict with method names of foundations.PROSPECTING_METHODS "
    "(column `method`: 'canvassing', 'advertising', 'referral', 'records', 'buying lists', 'industry ranking', "
    "'trade fairs', 'consulting', 'company events', 'adopting orphans', 'centre of influence', 'bird-dog', "
    "'online search'), e.g. `{'a': 'trade fairs', 'b': 'advertising', 'c': 'records', 'd': 'buying lists'}`.",
    expected=_methods,
    hints=["One of the four takes over what a departed colleague left behind: 收养孤儿法.",
           "Winning one influential person who brings a whole group is 中心开花法; asking each customer for new "
           "names, link by link, is 连锁介绍法 (the referral method); visiting everyone in an area is 逐户访问法."],
)

q14 = MappingQuestion(
    "Q14",
    "Qualify the key accounts as prospects for a new service with the MAN rule (MAN法则). Need: `growth_potential` "
    f"of `data.load(\"key_accounts\")` at least {NEED_FROM}; ability to pay: `relationship_credit` at least "
    f"{MONEY_FROM}; authority: the account's power map (`data.load(\"account_contacts\")`) holds a person whose "
    "`role` is 'decider'. How many accounts get each verdict of foundations.qualify_prospects? Answer a dict "
    "{verdict: number of accounts} with every verdict that occurs, e.g. `{'qualified prospect': 10, "
    "'develop the need': 5, 'not a prospect': 2, ...}`.",
    expected=_verdicts,
    hints=["Build a table indexed by account_id with three True/False columns need, money and authority; "
           "accounts.index.isin(set of account_ids with a decider) gives the authority column.",
           "foundations.qualify_prospects(table)['verdict'].value_counts()"],
    abs_tol=0,
    rel_tol=0,
)

q15 = MappingQuestion(
    "Q15",
    "Which kind of customer information (客户信息的类型) is each fact a salesperson learned? (a) His daughter starts "
    "university this autumn. (b) He plays golf every Saturday morning. (c) He decides fast and cannot stand long "
    "presentations. (d) He is vice-chairman of the city's chamber of commerce and old classmates with our CEO. "
    "(e) The company paid its last three invoices 40 days late. Answer a dict with kinds of "
    "foundations.CUSTOMER_INFORMATION (column `kind`: 'basic information', 'consumption', 'education', 'career', "
    "'family', 'life', 'personality', 'social relations', 'characteristics', 'business status', "
    "'transaction status', 'person in charge'), e.g. `{'a': 'education', 'b': 'consumption', "
    "'c': 'career', 'd': 'basic information', 'e': 'business status'}`.",
    expected=_kinds,
    hints=["Facts (a)-(d) are about a person: eight kinds (家庭、生活、个性、人际 ...); (e) is about a company: five kinds.",
           "Hobbies and sports belong to his life (生活情况); how he decides is his personality (个性情况); whom he "
           "knows, his social relations (人际情况); paying our invoices, the company's transactions with us."],
)

q16 = OpenQuestion(
    "Q16",
    "The sales manager of an office-furniture company asks how his team should find and choose next year's "
    "customers. Write him a short plan in 80-200 words: two methods of finding customers that fit his market "
    "and why; how the team qualifies each lead (the three checks of the MAN rule, with one concrete sign for "
    "each); what customer information the team records about a business customer; and which customer state "
    "(section 3) the plan moves people into, with one number to follow. Answer as a text (a Python str).",
    rubric=[("Two methods of finding customers, named and fitted to the market (who buys office furniture, "
             "where they are), not a list of all methods", 2),
            ("The three MAN checks, each with a concrete sign the team can observe (e.g. a move or expansion for "
             "need, payment record or approved budget for money, who signs for authority)", 3),
            ("The customer information to record, by the kinds of a business customer (basic information, "
             "characteristics, business status, transactions, person in charge)", 2),
            ("Links the plan to the customer states (potential -> target -> actual) and names one measure to "
             "follow, e.g. the share of leads that pass the checks or become buyers", 2)],
    model_answer=(
        "Office furniture is bought by companies that move, grow or open branches, so two methods fit: the "
        "records method (资料查阅寻找法) — new company registrations, office leases and building permits in the "
        "city — and the centre-of-influence method (中心开花法): win the property managers and office designers "
        "who advise many tenants, and let them bring us in. Each lead is qualified with the MAN rule before a "
        "salesperson spends a visit: need — a move, a new floor or furniture older than eight years; money — the "
        "budget is approved and the company pays its suppliers on time (ask the landlord or a credit report); "
        "authority — we know who signs the order, usually the office or facilities manager together with the "
        "finance director. For each business customer the team records basic information, its characteristics "
        "(industry, size, growth), its business status, every quotation and order with us (transactions), and "
        "the person in charge with his role and style. The plan turns potential customers into target "
        "customers: only leads that pass all three checks become targets. Measure: the share of leads that "
        "pass the checks each month, and how many targets buy within six months."),
    hints=["Start from who buys office furniture and when: which methods reach those companies first?",
           "For each MAN check, say what the salesperson sees or asks, not only the word.",
           "Section 5.3 lists five kinds of information for a business customer."],
    min_words=60,
)
