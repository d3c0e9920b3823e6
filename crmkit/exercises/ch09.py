"""Questions of chapter 09: retention, churn and complaints (客户挽留、流失及其修复)."""

from __future__ import annotations

from .. import loyalty
from ._core import MappingQuestion, NumberQuestion, SequenceQuestion


def _consumer_survival_12m():
    from ..data import load

    return loyalty.churn_by_segment(load("contracts"), asof="2024-12-31").loc["consumer", "survival_12m"]


q1 = MappingQuestion(
    "Q1",
    "A cohort of 1,000 customers, retention 80 % a year: how many are left after 5 years, and what is the expected "
    "lifetime of a customer in years? {'after_5_years': ..., 'expected_lifetime': ...}",
    expected=lambda: {"after_5_years": loyalty.cohort_survivors(1000, 0.8, 5),
                      "expected_lifetime": loyalty.expected_lifetime(0.8)},
    hints=["1000 x 0.8 ** 5", "Expected lifetime = 1 / (1 - retention)."],
    solution="cohort = {'after_5_years': 1000 * 0.8 ** 5, 'expected_lifetime': 1 / (1 - 0.8)}",
)

q2 = NumberQuestion(
    "Q2",
    "'Profit almost doubles in 5 years': what yearly growth rate does that imply (a fraction)?",
    expected=lambda: loyalty.implied_growth(2, 5),
    hints=["(1 + g) ** 5 = 2", "g = 2 ** (1 / 5) - 1"],
    solution="growth = 2 ** (1 / 5) - 1   # 0.1487",
    abs_tol=0.0005,
)

q3 = MappingQuestion(
    "Q3",
    "Keeping a customer costs ¥80. By the seeds' '5-10 times' rule, what does winning a new one cost? "
    "{'low': ..., 'high': ...}",
    expected=lambda: vars(loyalty.acquisition_cost_range(80)),
    hints=["5 x 80 and 10 x 80."],
    solution="acquisition = {'low': 5 * 80, 'high': 10 * 80}",
)

q4 = NumberQuestion(
    "Q4",
    "Coca-Cola's survey: of 1,000 complainants, more than 12 % told 20 or more people about the company's response. "
    "At least how many retellings is that?",
    expected=lambda: loyalty.retellings_lower_bound(1000, 0.12, 20),
    hints=["12 % of 1,000 people, each telling at least 20."],
    solution="retellings = 1000 * 0.12 * 20",
)

q5 = SequenceQuestion(
    "Q5",
    "Put the six steps of resolving a complaint in order: 'apologise', 'thank', 'listen', 'explain the corrective "
    "action', 'repeat and confirm', 'acknowledge feelings'.",
    expected=lambda: list(loyalty.COMPLAINT_STEPS),
    aliases={"apologize": "apologise", "倾听": "listen", "致歉": "apologise", "感谢": "thank"},
    hints=["First you must know what the complaint is.", "The last step is a word of gratitude."],
    solution=("steps = ['listen', 'repeat and confirm', 'apologise', 'acknowledge feelings',\n"
              "         'explain the corrective action', 'thank']"),
)

q6 = NumberQuestion(
    "Q6",
    "From load('contracts') (observed to 2024-12-31): the Kaplan-Meier share of 'consumer' customers still "
    "subscribed 12 months after they start. Durations in months of 365.25/12 days; an empty end_date is censored.",
    expected=_consumer_survival_12m,
    hints=["Keep the consumer rows; duration = (end_date, or 2024-12-31 if empty, - start_date) in days / (365.25 / 12).",
           "loyalty.kaplan_meier(durations, churned) where churned = end_date is not empty; read the survival at "
           "the last time <= 12."],
    solution=("c = contracts[contracts.segment == 'consumer']\n"
              "end = c.end_date.fillna(pd.Timestamp('2024-12-31'))\n"
              "months = (end - c.start_date).dt.days / (365.25 / 12)\n"
              "km = loyalty.kaplan_meier(months, c.end_date.notna())\n"
              "survival_12m = km.loc[km.index <= 12, 'survival'].iloc[-1]"),
    abs_tol=0.001,
)
