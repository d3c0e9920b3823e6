"""Questions of chapter 09: retention, churn and complaints (客户挽留、流失及其修复)."""

from __future__ import annotations

from .. import loyalty
from ._core import MappingQuestion, NumberQuestion, SequenceQuestion


#: The chapter works the seeds' own numbers (1,000 customers at 80 %, ¥80, 1,000 complainants) and prints
#: the survival table at 6, 12 and 24 months; the exercises use other numbers and 18 months, so the
#: chapter never prints their answers.
SURVIVAL_MONTHS = 18


def _consumer_survival():
    from ..data import load

    return float(loyalty.churn_by_segment(load("contracts"), asof="2024-12-31", months=(6, SURVIVAL_MONTHS))
                 .loc["consumer", f"survival_{SURVIVAL_MONTHS}m"])


q1 = MappingQuestion(
    "Q1",
    "A cohort of 2,000 customers, retention 75 % a year: how many are left after 4 years, and what is the"
    " expected lifetime of a customer in years? Answer a dict, e.g. `{'after_4_years': 123.4, "
    "'expected_lifetime': 2.5}`.",
    expected=lambda: {"after_4_years": loyalty.cohort_survivors(2000, 0.75, 4),
                      "expected_lifetime": loyalty.expected_lifetime(0.75)},
    hints=["2000 x 0.75 ** 4", "Expected lifetime = 1 / (1 - retention)."],
)

q2 = NumberQuestion(
    "Q2",
    "'Profit rises by half (×1.5) in 4 years': what yearly growth rate does that imply? Answer a fraction "
    "to 3 decimals, e.g. `0.082` for 8.2 %.",
    expected=lambda: loyalty.implied_growth(1.5, 4),
    hints=["(1 + g) ** 4 = 1.5", "g = 1.5 ** (1 / 4) - 1"],
    abs_tol=0.0005,
)

q3 = MappingQuestion(
    "Q3",
    "Keeping a customer costs ¥120. By the seeds' '5–10 times' rule, what does winning a new one cost? "
    "Answer a dict of amounts in ¥, e.g. `{'low': 100, 'high': 200}`.",
    expected=lambda: vars(loyalty.acquisition_cost_range(120)),
    hints=["5 x 120 and 10 x 120."],
)

q4 = NumberQuestion(
    "Q4",
    "Coca-Cola's survey found that more than 12 % of complainants told 20 or more people about the "
    "company's response. A company has 2,500 complainants this year: if the same holds, at least how many "
    "retellings is that? Answer a whole number, e.g. `150`.",
    expected=lambda: loyalty.retellings_lower_bound(2500, 0.12, 20),
    hints=["12 % of 2,500 people, each telling at least 20."],
    decimals=0,
)

q5 = SequenceQuestion(
    "Q5",
    "Put the six steps of resolving a complaint in order: `'apologise'`, `'thank'`, `'listen'`, `'explain"
    " the corrective action'`, `'repeat and confirm'`, `'acknowledge feelings'`. Answer a list of the six"
    " steps as text, first step first, e.g. `['thank', 'listen', ...]`.",
    expected=lambda: list(loyalty.COMPLAINT_STEPS),
    hints=["First you must know what the complaint is.", "The last step is a word of gratitude."],
)

q6 = NumberQuestion(
    "Q6",
    "From `data.load(\"contracts\")` (observed to 2024-12-31): the Kaplan–Meier share of `'consumer'` "
    "customers still subscribed 18 months after they start (months of 365.25/12 days; an empty `end_date`"
    " is censored). Use `loyalty.kaplan_meier(durations, churned)`. Answer a fraction between 0 and 1, to"
    " 3 decimals, e.g. `0.512`.",
    expected=_consumer_survival,
    hints=["Keep the consumer rows; duration = (end_date, or 2024-12-31 if empty, - start_date) in days / (365.25 / 12).",
           "loyalty.kaplan_meier(durations, churned) where churned = end_date is not empty; read the survival at "
           "the last time <= 18."],
    abs_tol=0.001,
)
