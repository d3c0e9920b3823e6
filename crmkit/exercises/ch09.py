"""Questions of chapter 09: retention, churn and complaints (客户挽留、流失及其修复)."""

from __future__ import annotations

from .. import loyalty
from ._core import MappingQuestion, NumberQuestion, SequenceQuestion


def _consumer_survival_12m():
    from ..data import load

    return loyalty.churn_by_segment(load("contracts"), asof="2024-12-31").loc["consumer", "survival_12m"]


q1 = MappingQuestion(
    "Q1",
    "A cohort of 1,000 customers, retention 80 % a year: how many are left after 5 years, and what is the"
    " expected lifetime of a customer in years? Answer a dict, e.g. `{'after_5_years': 123.4, "
    "'expected_lifetime': 2.5}`.",
    expected=lambda: {"after_5_years": loyalty.cohort_survivors(1000, 0.8, 5),
                      "expected_lifetime": loyalty.expected_lifetime(0.8)},
    hints=["1000 x 0.8 ** 5", "Expected lifetime = 1 / (1 - retention)."],
)

q2 = NumberQuestion(
    "Q2",
    "'Profit almost doubles in 5 years': what yearly growth rate does that imply? Answer a fraction to 3 "
    "decimals, e.g. `0.082` for 8.2 %.",
    expected=lambda: loyalty.implied_growth(2, 5),
    hints=["(1 + g) ** 5 = 2", "g = 2 ** (1 / 5) - 1"],
    abs_tol=0.0005,
)

q3 = MappingQuestion(
    "Q3",
    "Keeping a customer costs ¥80. By the seeds' '5–10 times' rule, what does winning a new one cost? "
    "Answer a dict of amounts in ¥, e.g. `{'low': 100, 'high': 200}`.",
    expected=lambda: dict(zip(("low", "high"), loyalty.acquisition_cost_range(80))),
    hints=["5 x 80 and 10 x 80."],
)

q4 = NumberQuestion(
    "Q4",
    "Coca-Cola's survey: of 1,000 complainants, more than 12 % told 20 or more people about the company's"
    " response. At least how many retellings is that? Answer a whole number, e.g. `150`.",
    expected=lambda: loyalty.retellings_lower_bound(1000, 0.12, 20),
    hints=["12 % of 1,000 people, each telling at least 20."],
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
    "customers still subscribed 12 months after they start (months of 365.25/12 days; an empty `end_date`"
    " is censored). Use `loyalty.kaplan_meier(durations, churned)`. Answer a fraction between 0 and 1, to"
    " 3 decimals, e.g. `0.512`.",
    expected=_consumer_survival_12m,
    hints=["Keep the consumer rows; duration = (end_date, or 2024-12-31 if empty, - start_date) in days / (365.25 / 12).",
           "loyalty.kaplan_meier(durations, churned) where churned = end_date is not empty; read the survival at "
           "the last time <= 12."],
    abs_tol=0.001,
)
