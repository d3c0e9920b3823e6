"""Questions of chapter 07: satisfaction and loyalty (提升客户价值,培育客户忠诚)."""

from __future__ import annotations

from .. import loyalty
from ._core import ChoiceQuestion, MappingQuestion, NumberQuestion

NPS_ANSWERS = [10, 9, 9, 8, 7, 6, 10, 3, 9, 5]
LOYALTY_STATEMENTS = {
    "first_brand": "This brand is the first that comes to mind",
    "buy_next_year": "I will buy it again next year",
    "bought_8_times": "I bought it 8 times last year",
    "attached": "I feel attached to this company",
}
_TYPES = {"first_brand": "cognitive", "buy_next_year": "intentional", "bought_8_times": "behavioural",
          "attached": "affective"}


def _survey_index():
    from ..data import load

    return loyalty.satisfaction_index(load("survey")).index


q1 = NumberQuestion(
    "Q1",
    "A weighted satisfaction index: weights 0.30, 0.25, 0.20, 0.15, 0.10 for five attributes scored 80, 70, 90, 60, 85. "
    "What is the index?",
    expected=lambda: loyalty.weighted_csi([80, 70, 90, 60, 85], [0.30, 0.25, 0.20, 0.15, 0.10]),
    hints=["Multiply each score by its weight and add up.", "0.30 x 80 + 0.25 x 70 + ..."],
    solution="csi = 0.30 * 80 + 0.25 * 70 + 0.20 * 90 + 0.15 * 60 + 0.10 * 85   # 77.0",
)

q2 = ChoiceQuestion(
    "Q2",
    "Which one is explicit (外显, you can observe it) and strongly affected by competitors: 'satisfaction' or 'loyalty'?",
    expected=lambda: "loyalty",
    choices=["satisfaction", "loyalty"],
    aliases={"客户忠诚": "loyalty", "忠诚": "loyalty", "客户满意": "satisfaction", "满意": "satisfaction"},
    hints=["Satisfaction is a feeling (心理感受); loyalty is a behavioural choice (行为选择)."],
    solution="explicit_one = 'loyalty'",
)

q3 = MappingQuestion(
    "Q3",
    "Classify each statement as 'behavioural', 'affective', 'cognitive' or 'intentional' loyalty: "
    + "; ".join(f"{k}: '{v}'" for k, v in LOYALTY_STATEMENTS.items()) + ".",
    expected=lambda: {k: _TYPES[k] for k in LOYALTY_STATEMENTS},
    hints=["Behavioural = what the customer did; intentional = what he says he will do.",
           "Cognitive = what comes to mind first; affective = feelings."],
    solution=("loyalty_types = {'first_brand': 'cognitive', 'buy_next_year': 'intentional',\n"
              "                 'bought_8_times': 'behavioural', 'attached': 'affective'}"),
)

q4 = ChoiceQuestion(
    "Q4",
    "In the ACSI structure, which variables are outcomes (consequences) of satisfaction? 'expectations and quality', "
    "'quality and value', 'complaints and loyalty', or 'value and loyalty'.",
    expected=lambda: "complaints and loyalty" if set(t for t, s in loyalty.ACSI_PATHS.items() if "satisfaction" in s)
    == {"complaints", "loyalty"} else "value and loyalty",
    choices=["expectations and quality", "quality and value", "complaints and loyalty", "value and loyalty"],
    hints=["Follow the arrows that leave satisfaction.", "loyalty.ACSI_PATHS lists, for each variable, what explains it."],
    solution="outcomes = 'complaints and loyalty'",
)

q5 = MappingQuestion(
    "Q5",
    "Two rules of thumb. (a) The seed: '+1.5 % satisfaction -> +5 % profit'. With a profit of ¥8 m, by how many "
    "million ¥ would profit rise? (b) The NPS of ten answers 10, 9, 9, 8, 7, 6, 10, 3, 9, 5. "
    "{'profit_gain_m': ..., 'nps': ...}",
    expected=lambda: {"profit_gain_m": 8.0 * loyalty.SEED_CLAIMS["satisfaction_profit_gain"],
                      "nps": loyalty.nps(NPS_ANSWERS)},
    hints=["5 % of 8 million.", "NPS = % of 9-10 answers minus % of 0-6 answers."],
    solution=("answers = [10, 9, 9, 8, 7, 6, 10, 3, 9, 5]\n"
              "promoters = sum(a >= 9 for a in answers) / len(answers)\n"
              "detractors = sum(a <= 6 for a in answers) / len(answers)\n"
              "rules = {'profit_gain_m': 8 * 0.05, 'nps': (promoters - detractors) * 100}"),
)

q6 = NumberQuestion(
    "Q6",
    "The survey (load('survey')): compute the satisfaction index on 0-100: the mean over respondents of the mean of "
    "sat_1, sat_2, sat_3, rescaled from the 1-10 scale ((score - 1) / 9 x 100).",
    expected=_survey_index,
    hints=["survey[['sat_1', 'sat_2', 'sat_3']].mean(axis=1) gives each respondent's score.",
           "Take the mean, subtract 1, divide by 9, multiply by 100."],
    solution="score = survey[['sat_1', 'sat_2', 'sat_3']].mean(axis=1).mean()\nindex = (score - 1) / 9 * 100",
)
