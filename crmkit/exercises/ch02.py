"""Questions of chapter 02: CRM versus traditional marketing; delivered value and relationship levels
(客户关系管理与传统营销).

Recall (Q1, Q5, Q9 from the seeds' question bank) -> compute (Q2, Q6) -> interpret (Q3, Q4) -> rank (Q7) -> design (Q8);
on the retail chain's data: compute the share of revenue from repeat purchases (Q10) and the drivers of revenue from
one year to the next (Q11) -> interpret which path moved revenue (Q12) -> design a relationship level for each
member level (Q13). The chapter works delivered value and Kotler's matrix on invented offers and companies, so it
prints none of these answers. The solutions live in ``solutions/ch02_crm_vs_marketing.ipynb``.
"""

from __future__ import annotations

import math

from .. import foundations as f
from ._core import ChoiceQuestion, MappingQuestion, NumberQuestion, OpenQuestion, SequenceQuestion

#: The two offers of the syllabus's exercise (C.3). Costs: money, time, energy (体力) and psychic (精神).
OFFERS = {
    "X": dict(product=500, service=200, personnel=100, image=100, money=600, time=50, energy=20, psychic=30),
    "Y": dict(product=450, service=300, personnel=150, image=50, money=650, time=20, energy=10, psychic=20),
}
#: Three offers to rank (Q7).
RANKED = {
    "P": dict(product=600, service=100, personnel=50, image=50, money=500, time=40, energy=30, psychic=30),
    "Q": dict(product=400, service=250, personnel=100, image=100, money=550, time=30, energy=20, psychic=20),
    "R": dict(product=700, service=50, personnel=30, image=20, money=520, time=60, energy=40, psychic=40),
}
CELLS = {"many customers, low margin": ("many", "low"), "few customers, high margin": ("few", "high"),
         "medium number, medium margin": ("medium", "medium")}
TOOLS = ("frequent-buyer points", "customer club", "strategic alliance")
#: Q3: the seed's description of one level [002], quoted in the question.
QUOTED_LEVEL = "accountable"
LEVELS = f.RELATIONSHIP_LEVELS.index.tolist()
LEVEL_ALIASES = dict(zip(f.RELATIONSHIP_LEVELS["level_zh"], LEVELS))
#: Q11-Q12: the two years compared, and the three drivers of revenue (revenue = their product).
YEARS = (2023, 2024)
DRIVERS = ("customers", "purchases per customer", "spend per purchase")
#: Q13: the course's classes for the retail chain ([added]): a member level with at least MANY_FROM buyers has
#: "many" customers, with fewer than FEW_BELOW "few"; a gross margin per customer over the log below LOW_BELOW (¥)
#: is "low", from HIGH_FROM on "high".
MEMBER_LEVELS = ("regular", "silver", "gold", "platinum")
MANY_FROM, FEW_BELOW = 1_000, 300
LOW_BELOW, HIGH_FROM = 150, 600


def _retail():
    from ..data import load

    return load("retail_transactions")


def _repeat_share() -> float:
    tx = _retail()
    buys = tx[~tx["is_return"]]
    first = buys.groupby("customer_id")["transaction_id"].transform("min") == buys["transaction_id"]
    return float(buys.loc[~first, "amount"].sum() / buys["amount"].sum())


def _drivers(year: int) -> dict:
    tx = _retail()
    buys = tx[~tx["is_return"] & (tx["date"].dt.year == year)]
    customers = buys["customer_id"].nunique()
    return {"customers": customers, "purchases per customer": len(buys) / customers,
            "spend per purchase": buys["amount"].sum() / len(buys)}


def _driver_ratios() -> dict:
    before, after = (_drivers(y) for y in YEARS)
    return {k: float(after[k] / before[k]) for k in DRIVERS}


def _main_driver() -> str:
    ratios = _driver_ratios()
    return max(DRIVERS, key=lambda k: abs(math.log(ratios[k])))


def _member_levels() -> dict:
    from ..data import load

    tx = _retail()
    members = load("retail_customers").set_index("customer_id")["member_level"]
    margin = tx.groupby("customer_id")["gross_margin"].sum()  # buyers only: prospects have no rows
    level = members.reindex(margin.index).astype(str)
    out = {}
    for name in MEMBER_LEVELS:
        m = margin[level == name]
        n = len(m)
        if n == 0:
            continue
        per = float(m.mean())
        customers = "many" if n >= MANY_FROM else ("few" if n < FEW_BELOW else "medium")
        margin_class = "low" if per < LOW_BELOW else ("high" if per >= HIGH_FROM else "medium")
        out[name] = f.relationship_level(customers, margin_class).level
    return out


def _hours():
    t = f.selling_time(40)
    return {"key_account_relationship": float(t.loc["building the relationship", "key_account_hours"]),
            "traditional_closing": float(t.loc["closing", "traditional_hours"]),
            "traditional_relationship": float(t.loc["building the relationship", "traditional_hours"])}


q1 = ChoiceQuestion(
    "Q1",
    "\"Traditional marketing counts sales volume and market share; CRM counts share of wallet, retention and "
    "lifetime value.\" Which of the seven differences is this? Answer one of 'focus / philosophy', 'centre of "
    "gravity of the work', 'goals', 'techniques', 'means', 'path to the goals', 'other characteristics', e.g. 'means'.",
    expected=lambda: f.SEVEN_DIFFERENCES.loc[3, "dimension"],
    choices=f.SEVEN_DIFFERENCES["dimension"].tolist(),
    aliases=dict(zip(f.SEVEN_DIFFERENCES["dimension_zh"], f.SEVEN_DIFFERENCES["dimension"])),
    hints=["What is being counted is what the work aims at."],
)

q2 = MappingQuestion(
    "Q2",
    "Offer X: product value 500, service 200, personnel 100, image 100; money cost 600, time 50, energy (体力) 20, "
    "psychic (精神) 30. Offer Y: 450, 300, 150, 50; money 650, time 20, energy 10, psychic 20. The delivered value of "
    "each and the offer the customer chooses. Answer {'X': ..., 'Y': ..., 'chosen': ...}, e.g. "
    "{'X': 100, 'Y': 90, 'chosen': 'X'}.",
    expected=lambda: {**f.compare_offers(OFFERS).table["delivered_value"].to_dict(),
                      "chosen": f.compare_offers(OFFERS).chosen},
    hints=["Delivered value = (product + service + personnel + image) - (money + time + energy + psychic).",
           "The customer takes the offer with the larger delivered value, not the cheaper one."],
)

q3 = MappingQuestion(
    "Q3",
    "Kotler's matrix: which relationship level fits each case? Where the matrix names two levels, give the first. "
    "Answer {'many customers, low margin': ..., 'few customers, high margin': ..., 'medium number, medium margin': "
    "...} with values among 'basic', 'reactive', 'accountable', 'proactive', 'partnership', e.g. {..., 'few customers, high margin': 'basic', ...}.",
    expected=lambda: {k: f.relationship_level(*cell).level for k, cell in CELLS.items()},
    hints=["The more customers and the thinner the margin, the less each relationship can cost.",
           "The diagonal from 'many, high' to 'few, low' is the middle level."],
)

q4 = ChoiceQuestion(
    "Q4",
    "(Seed [002], a new case) A week after a customer's first service, the car dealer's service adviser phones "
    "him: does the car run well, and what could the workshop have done better? Nothing more follows until the "
    "next service is due. Which of Kotler's relationship levels is this? Answer one of 'basic', 'reactive', "
    "'accountable', 'proactive', 'partnership', e.g. 'basic'.",
    expected=lambda: f.RELATIONSHIP_LEVELS.index[
        f.RELATIONSHIP_LEVELS["description"].str.startswith("Shortly after the sale")][0],
    choices=LEVELS,
    aliases=LEVEL_ALIASES,
    hints=["The adviser acts once, right after the sale, to check: neither waiting for the customer's call nor "
           "calling regularly about new uses.", "Compare with the chapter's table of the five levels: which one checks "
           "back shortly after the sale?"],
)

q5 = MappingQuestion(
    "Q5",
    "Which level of relationship marketing does each tool build: 'financial', 'social' or 'structural'? Answer "
    "{'frequent-buyer points': ..., 'customer club': ..., 'strategic alliance': ...}, e.g. {'frequent-buyer points': 'social', ...}.",
    expected=lambda: {tool: f.bond_level(tool).level for tool in TOOLS},
    hints=["Price incentives are the shallowest bond; a partnership built into both companies' processes the "
           "deepest."],
)

q6 = MappingQuestion(
    "Q6",
    "A 40-hour selling week over four steps (building the relationship, probing needs, presenting benefits, "
    "closing); the seed's split [inferred]: traditional salesperson 10/20/30/40 %, key-account salesperson "
    "40/30/20/10 %. How many hours? Answer {'key_account_relationship': ..., 'traditional_closing': ..., "
    "'traditional_relationship': ...}, e.g. {'key_account_relationship': 10.0, ...}.",
    expected=_hours,
    hints=["Hours = share x 40."],
)

q7 = SequenceQuestion(
    "Q7",
    "Rank offers P, Q and R by customer delivered value, best first. P: 600, 100, 50, 50 (value) and 500, 40, 30, 30 "
    "(cost); Q: 400, 250, 100, 100 and 550, 30, 20, 20; R: 700, 50, 30, 20 and 520, 60, 40, 40 (components in the "
    "order product, service, personnel, image; money, time, energy, psychic). Answer a list, e.g. ['R', 'P', 'Q'].",
    expected=lambda: f.compare_offers(RANKED).table["delivered_value"].sort_values(ascending=False).index.tolist(),
    hints=["Compute value - cost for each offer.", "R has the best product, but does it deliver the most value?"],
)

q8 = NumberQuestion(
    "Q8",
    "Design: in Q2, by how much (¥) must offer X at least cut its price (money cost) to draw level with Y, every "
    "other component unchanged? Answer a number in ¥, e.g. 35.",
    expected=lambda: float(f.compare_offers(OFFERS).table["delivered_value"].pipe(lambda d: d["Y"] - d["X"])),
    hints=["A ¥1 cut in the price raises X's delivered value by ¥1.", "Close the gap between the two delivered values."],
    unit="¥",
)

q9 = SequenceQuestion(
    "Q9",
    "(Seed question bank [001]: \"Kotler's five relationship types are basic and ...\") Order the five levels from "
    "the least to the most intense relationship: 'accountable', 'basic', 'partnership', 'proactive', 'reactive'. "
    "Answer a list, e.g. ['reactive', 'basic', ...].",
    expected=lambda: f.RELATIONSHIP_LEVELS.sort_values("intensity").index.tolist(),
    aliases={**LEVEL_ALIASES, "passive": "reactive", "responsible": "accountable", "active": "proactive",
             "partner": "partnership", "被动型": "reactive", "负责型": "accountable", "能动型": "proactive",
             "伙伴型": "partnership"},
    hints=["Who makes the contact, how often, and how deep does the cooperation go?",
           "After the sale: nobody calls; the customer may call; the salesperson calls once; the company calls "
           "regularly; the two companies work together."],
)

q10 = NumberQuestion(
    "Q10",
    "Traditional marketing counts sales; CRM asks where they come from. In the retail chain's data "
    "(`data.load(\"retail_transactions\")`), take the purchases (rows with `is_return` False) over the whole log. "
    "What share of their amount comes from repeat purchases, i.e. every purchase except each customer's first "
    "(the first row of each customer: transaction ids are in date order)? Answer a fraction (0.5 for 50 %), "
    "e.g. `0.425`.",
    expected=_repeat_share,
    hints=["buys = tx[~tx['is_return']]; a row is a first purchase when its transaction_id is the smallest of its "
           "customer: buys.groupby('customer_id')['transaction_id'].transform('min') == buys['transaction_id'].",
           "1 - (amount of the first purchases) / (amount of all purchases)."],
    abs_tol=0.001,
)

q11 = MappingQuestion(
    "Q11",
    "Revenue = customers x purchases per customer x spend per purchase. For the purchases (rows with `is_return` "
    "False) of 2023 and of 2024, count the customers who bought in the year, the purchases (rows) per such customer "
    "and the amount per purchase. By what factor did each change from 2023 to 2024 (the 2024 value divided by the "
    "2023 value)? Answer a dict of ratios to 3 decimals, e.g. `{'customers': 1.052, 'purchases per customer': "
    "0.987, 'spend per purchase': 1.003}`.",
    expected=_driver_ratios,
    hints=["year = buys[buys['date'].dt.year == 2023]: customers = year['customer_id'].nunique(), purchases = "
           "len(year), amount = year['amount'].sum().",
           "Check: the product of the three ratios is the ratio of the two years' purchase amounts."],
    abs_tol=0.0005,  # "to 3 decimals": a ratio of 0.9995 answered as 1 is not precise enough
    rel_tol=1e-4,
)

q12 = ChoiceQuestion(
    "Q12",
    "Which driver of Q11 moved revenue the most from 2023 to 2024, i.e. whose ratio is farthest from 1 (compare "
    "|log(ratio)|, so that halving and doubling count alike)? The chapter's comparison of CRM with traditional "
    "marketing names two paths to more revenue: acquisition (more customers, traditional marketing's path) and "
    "retention and development (more purchases per customer, CRM's path). Readings: `'customers'`, `'purchases per customer'` or `'spend per purchase'`. Answer one option "
    "as text, e.g. `'spend per purchase'`.",
    expected=_main_driver,
    choices=DRIVERS,
    computed=True,  # the three drivers of Q11: which moved revenue most is computed from the data
    hints=["abs(math.log(ratio)) for each of the three ratios of Q11; take the largest.",
           "Then read both numbers together: did the customers who kept buying buy less or more, and what happened "
           "to the number of customers?"],
)

q13 = MappingQuestion(
    "Q13",
    "Design a relationship level for each member level of the chain with Kotler's matrix "
    "(`foundations.relationship_level(customers, margin)`). For each `member_level` of `data.load(\"retail_customers\")`, "
    "count its buyers (customers with at least one row in retail_transactions) and their mean gross margin per "
    "customer over the whole log (the sum of `gross_margin`, returns included). The course's classes for this "
    "chain [added]: 'many' customers from 1,000 buyers, 'few' below 300, else 'medium'; margin 'low' below ¥150 per "
    "customer, 'high' from ¥600, else 'medium'. Answer {'regular': ..., 'silver': ..., 'gold': ..., 'platinum': "
    "...} with values among 'basic', 'reactive', 'accountable', 'proactive', 'partnership', e.g. "
    "{'regular': 'accountable', ...}.",
    expected=_member_levels,
    hints=["margin = tx.groupby('customer_id')['gross_margin'].sum() has one row per buyer; map each buyer's "
           "member_level onto it.",
           "For each member level: n = number of buyers, m = margin.mean(); class n and m with the cut-offs, then "
           "foundations.relationship_level(customers, margin).level."],
)

q14 = OpenQuestion(
    "Q14",
    "Open question: the retail chain's board must choose where next year's extra marketing money goes: "
    "acquisition (more customers, traditional marketing's path) or retention and development (more purchases "
    "per customer, CRM's path). Using the chapter's numbers (delivered value, the relationship levels, the "
    "survivors at 80 %, 90 % and 95 % retention) and your answers to Q10-Q13, write your recommendation. "
    "Answer as a text (a Python str) of 80-200 words.",
    rubric=[("takes a side and bases it on the chain's own figures (repeat revenue, the drivers of revenue)", 2),
            ("uses the retention arithmetic: a few points of retention change how many relationships last", 1),
            ("chooses a relationship level or bond fitting the number of customers and the margin (Kotler's "
             "matrix), not the closest one for everybody", 1),
            ("says what would show, a year later, that the choice was right (a measurable check)", 1)],
    model_answer="Retention and development first. Most of the chain's revenue comes from customers who buy again, "
                 "so a point of retention is worth more than a point of acquisition, and the chapter's arithmetic "
                 "shows why: of 1,000 customers, 3.8 are still there after 25 years at 80 % retention but 71.8 at "
                 "90 % and 277.4 at 95 %. Acquisition is not abandoned: the customers who leave must be "
                 "replaced. The means must fit the relationship: "
                 "with thousands of regular members and thin margins Kotler's matrix gives a reactive or "
                 "accountable level, so financial and social bonds (points, a members' club), not a key-account "
                 "manager per customer; the few high-margin platinum members can get a proactive one. Raising "
                 "delivered value need not mean a price cut: service and staff add value at lower cost. The check "
                 "next year: the retention rate of the members and their purchases per customer, against the "
                 "same figures of this year.",
    hints=["Which of the three drivers of Q11 did CRM's path act on?",
           "Kotler's matrix depends on the number of customers and the margin: it differs by member level."],
    min_words=60,
)
