"""Questions of chapter 08: controlling customers and switching costs (全面掌控客户与提高转移成本)."""

from __future__ import annotations

from .. import loyalty
from ._core import ChoiceQuestion, MappingQuestion, NumberQuestion

#: The exercises' customer (the chapter works ¥200 + ¥300 + ¥150 against ¥400 a year, so the exercises use
#: other numbers and the chapter never prints their answers).
COST = dict(procedural=250, financial=350, relational=100)
SAVING = 320

q1 = MappingQuestion(
    "Q1",
    "A customer's switching costs: procedural ¥250, financial ¥350, relational ¥100. A competitor would "
    "save him ¥320 a year. Over a 1-year horizon: the total switching cost (¥), his decision (`'stay'` or"
    " `'switch'`) and the margin of safety (switching cost − advantage, ¥). Answer a dict, e.g. "
    "`{'total': 500, 'decision': 'switch', 'margin': -100}`.",
    expected=lambda: {"total": loyalty.switching_cost(**COST),
                      "decision": loyalty.switching_decision(SAVING, loyalty.switching_cost(**COST), 1).decision,
                      "margin": loyalty.switching_decision(SAVING, loyalty.switching_cost(**COST), 1).margin_of_safety},
    hints=["Add the three components.", "He switches only if the advantage exceeds the switching cost."],
)

q2 = ChoiceQuestion(
    "Q2",
    "Same customer, but he looks 3 years ahead (no discounting). Answer one option as text: `'stay'` or "
    "`'switch'`, e.g. `'stay'`.",
    expected=lambda: loyalty.switching_decision(SAVING, loyalty.switching_cost(**COST), horizon=3).decision,
    choices=["stay", "switch"],
    hints=["3 x ¥320 against ¥700."],
)

q3 = NumberQuestion(
    "Q3",
    "3 years, discount rate 10 %, the saving received at the end of each year: what is the present value "
    "of the competitor's advantage? Answer a number in ¥, to 2 decimals, e.g. `123.45`.",
    expected=lambda: loyalty.switching_decision(SAVING, loyalty.switching_cost(**COST), horizon=3,
                                                discount=0.10).advantage_pv,
    hints=["320 / 1.1 + 320 / 1.1 ** 2 + 320 / 1.1 ** 3"],
    unit="¥",
)

q4 = NumberQuestion(
    "Q4",
    "What yearly advantage would exactly offset ¥700 of switching cost over 2 years, undiscounted? Answer"
    " a number in ¥ a year, to 2 decimals, e.g. `123.45`.",
    expected=lambda: loyalty.switching_decision(0, loyalty.switching_cost(**COST), horizon=2).break_even_advantage,
    hints=["advantage x 2 = 700"],
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
