"""Questions of chapter 08: controlling customers and switching costs (全面掌控客户与提高转移成本)."""

from __future__ import annotations

from .. import loyalty
from ._core import ChoiceQuestion, MappingQuestion, NumberQuestion

COST = dict(procedural=200, financial=300, relational=150)

q1 = MappingQuestion(
    "Q1",
    "A customer's switching costs: procedural ¥200, financial ¥300, relational ¥150. A competitor would save him "
    "¥400 a year. Over a 1-year horizon: the total switching cost, his decision ('stay' or 'switch') and the margin "
    "of safety (switching cost - advantage). {'total': ..., 'decision': ..., 'margin': ...}",
    expected=lambda: {"total": loyalty.switching_cost(**COST),
                      "decision": loyalty.switching_decision(400, loyalty.switching_cost(**COST), 1).decision,
                      "margin": loyalty.switching_decision(400, loyalty.switching_cost(**COST), 1).margin_of_safety},
    hints=["Add the three components.", "He switches only if the advantage exceeds the switching cost."],
    solution="total = 200 + 300 + 150\none_year = {'total': total, 'decision': 'stay', 'margin': total - 400}",
)

q2 = ChoiceQuestion(
    "Q2",
    "Same customer, but he looks 3 years ahead (no discounting): 'stay' or 'switch'?",
    expected=lambda: loyalty.switching_decision(400, 650, horizon=3).decision,
    choices=["stay", "switch"],
    aliases={"留下": "stay", "转移": "switch"},
    hints=["3 x ¥400 against ¥650."],
    solution="three_years = 'switch'   # 1,200 > 650",
)

q3 = NumberQuestion(
    "Q3",
    "3 years, discount rate 10 %, the saving received at the end of each year: what is the present value of the "
    "competitor's advantage?",
    expected=lambda: loyalty.switching_decision(400, 650, horizon=3, discount=0.10).advantage_pv,
    hints=["400 / 1.1 + 400 / 1.1 ** 2 + 400 / 1.1 ** 3"],
    solution="pv = sum(400 / 1.1 ** t for t in (1, 2, 3))   # 994.74 > 650: he switches",
    unit="¥",
)

q4 = NumberQuestion(
    "Q4",
    "What yearly advantage would exactly offset ¥650 of switching cost over 2 years, undiscounted?",
    expected=lambda: loyalty.switching_decision(0, 650, horizon=2).break_even_advantage,
    hints=["advantage x 2 = 650"],
    solution="break_even = 650 / 2",
    unit="¥/yr",
)

q5 = MappingQuestion(
    "Q5",
    "Which control lever is each case? (a) 'Dealers pay an annual deposit in advance' (Wahaha); (b) 'the franchisor "
    "runs the stores' staff, goods and information system' (Heilan Home). Answer 'substitute functions', 'capital' "
    "or 'management and information': {'deposit': ..., 'franchisor': ...}.",
    expected=lambda: {"deposit": "capital", "franchisor": "management and information"},
    hints=["Money paid in advance ties the dealer to Wahaha.", "Running the stores means controlling how they are managed."],
    solution="levers = {'deposit': 'capital', 'franchisor': 'management and information'}",
)
