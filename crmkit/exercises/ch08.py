"""Questions of chapter 08: controlling customers and switching costs (全面掌控客户与提高转移成本)."""

from __future__ import annotations

from .. import loyalty
from ._core import ChoiceQuestion, MappingQuestion, NumberQuestion

COST = dict(procedural=200, financial=300, relational=150)

q1 = MappingQuestion(
    "Q1",
    "A customer's switching costs: procedural ¥200, financial ¥300, relational ¥150. A competitor would "
    "save him ¥400 a year. Over a 1-year horizon: the total switching cost (¥), his decision (`'stay'` or"
    " `'switch'`) and the margin of safety (switching cost − advantage, ¥). Answer a dict, e.g. "
    "`{'total': 500, 'decision': 'switch', 'margin': -100}`.",
    expected=lambda: {"total": loyalty.switching_cost(**COST),
                      "decision": loyalty.switching_decision(400, loyalty.switching_cost(**COST), 1).decision,
                      "margin": loyalty.switching_decision(400, loyalty.switching_cost(**COST), 1).margin_of_safety},
    hints=["Add the three components.", "He switches only if the advantage exceeds the switching cost."],
)

q2 = ChoiceQuestion(
    "Q2",
    "Same customer, but he looks 3 years ahead (no discounting). Answer one option as text: `'stay'` or "
    "`'switch'`, e.g. `'stay'`.",
    expected=lambda: loyalty.switching_decision(400, 650, horizon=3).decision,
    choices=["stay", "switch"],
    hints=["3 x ¥400 against ¥650."],
)

q3 = NumberQuestion(
    "Q3",
    "3 years, discount rate 10 %, the saving received at the end of each year: what is the present value "
    "of the competitor's advantage? Answer a number in ¥, to 2 decimals, e.g. `123.45`.",
    expected=lambda: loyalty.switching_decision(400, 650, horizon=3, discount=0.10).advantage_pv,
    hints=["400 / 1.1 + 400 / 1.1 ** 2 + 400 / 1.1 ** 3"],
    unit="¥",
)

q4 = NumberQuestion(
    "Q4",
    "What yearly advantage would exactly offset ¥650 of switching cost over 2 years, undiscounted? Answer"
    " a number in ¥ a year, to 2 decimals, e.g. `123.45`.",
    expected=lambda: loyalty.switching_decision(0, 650, horizon=2).break_even_advantage,
    hints=["advantage x 2 = 650"],
    unit="¥/yr",
)

q5 = MappingQuestion(
    "Q5",
    "Which control lever is each case? (a) 'Dealers pay an annual deposit in advance' (Wahaha); (b) 'the "
    "franchisor runs the stores' staff, goods and information system' (Heilan Home). Answer a dict of "
    "levers as text — `'substitute functions'`, `'capital'` or `'management and information'` — e.g. "
    "`{'deposit': 'substitute functions', 'franchisor': 'capital'}`.",
    expected=lambda: {"deposit": "capital", "franchisor": "management and information"},
    hints=["Money paid in advance ties the dealer to Wahaha.", "Running the stores means controlling how they are managed."],
)
