"""Questions of chapter 02: CRM versus traditional marketing; delivered value and relationship levels
(客户关系管理与传统营销).

Recall (Q1, Q5, Q9 from the seeds' question bank) -> compute (Q2, Q6) -> interpret (Q3, Q4) -> rank (Q7) -> design (Q8). The
solutions live in ``solutions/ch02_crm_vs_marketing.ipynb``.
"""

from __future__ import annotations

from .. import foundations as f
from ._core import ChoiceQuestion, MappingQuestion, NumberQuestion, SequenceQuestion

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
    "(Seed [002]) \"Shortly after the sale the salesperson calls the customer to check whether the product meets "
    "his expectations, and asks for suggestions.\" Which relationship level is this? Answer one of 'basic', "
    "'reactive', 'accountable', 'proactive', 'partnership', e.g. 'basic'.",
    expected=lambda: f.RELATIONSHIP_LEVELS.index[
        f.RELATIONSHIP_LEVELS["description"].str.startswith("Shortly after the sale")][0],
    choices=LEVELS,
    aliases=LEVEL_ALIASES,
    hints=["The salesperson acts once, right after the sale, to check: neither waiting for a call nor calling "
           "regularly about new uses."],
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
