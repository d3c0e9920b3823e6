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

    survey = load("survey")
    # the chapter prints the index of all respondents; the exercise asks for those who complained
    return loyalty.satisfaction_index(survey[survey["complained"]]).index


q1 = NumberQuestion(
    "Q1",
    "A weighted satisfaction index: weights 0.30, 0.25, 0.20, 0.15, 0.10 for five attributes scored 80, "
    "70, 90, 60, 85. What is the index? Answer a number on the 0–100 scale, to 2 decimals, e.g. `65.25`.",
    expected=lambda: loyalty.weighted_csi([80, 70, 90, 60, 85], [0.30, 0.25, 0.20, 0.15, 0.10]),
    hints=["Multiply each score by its weight and add up.", "0.30 x 80 + 0.25 x 70 + ..."],
)

q2 = ChoiceQuestion(
    "Q2",
    "Which one is explicit (外显, you can observe it) and strongly affected by competitors? Answer one "
    "option as text: `'satisfaction'` or `'loyalty'` (the Chinese term works too), e.g. `'satisfaction'`.",
    expected=lambda: "loyalty",
    choices=["satisfaction", "loyalty"],
    hints=["Satisfaction is a feeling (心理感受); loyalty is a behavioural choice (行为选择)."],
)

q3 = MappingQuestion(
    "Q3",
    "Classify each statement of `ch07.LOYALTY_STATEMENTS` as `'behavioural'`, `'affective'`, "
    "`'cognitive'` or `'intentional'` loyalty. Answer a dict keyed like `ch07.LOYALTY_STATEMENTS`, e.g. "
    "`{'first_brand': 'affective', ...}`.",
    expected=lambda: {k: _TYPES[k] for k in LOYALTY_STATEMENTS},
    hints=["Behavioural = what the customer did; intentional = what he says he will do.",
           "Cognitive = what comes to mind first; affective = feelings."],
)

q4 = ChoiceQuestion(
    "Q4",
    "In the ACSI structure, which variables are outcomes (consequences) of satisfaction? Answer one "
    "option as text: `'expectations and quality'`, `'quality and value'`, `'complaints and loyalty'` or "
    "`'value and loyalty'`, e.g. `'quality and value'`.",
    expected=lambda: "complaints and loyalty" if set(t for t, s in loyalty.ACSI_PATHS.items() if "satisfaction" in s)
    == {"complaints", "loyalty"} else "value and loyalty",
    choices=["expectations and quality", "quality and value", "complaints and loyalty", "value and loyalty"],
    hints=["Follow the arrows that leave satisfaction.", "loyalty.ACSI_PATHS lists, for each variable, what explains it."],
)

q5 = MappingQuestion(
    "Q5",
    "Two rules of thumb. (a) The seed: '+1.5 % satisfaction → +5 % profit'. With a profit of ¥8 m, by how"
    " many million ¥ would profit rise? (b) The NPS (on −100..100) of the ten answers 10, 9, 9, 8, 7, 6, "
    "10, 3, 9, 5. Answer a dict, e.g. `{'profit_gain_m': 1.2, 'nps': -10.0}`.",
    expected=lambda: {"profit_gain_m": 8.0 * loyalty.SEED_CLAIMS["satisfaction_profit_gain"],
                      "nps": loyalty.nps(NPS_ANSWERS)},
    hints=["5 % of 8 million.", "NPS = % of 9-10 answers minus % of 0-6 answers."],
)

q6 = NumberQuestion(
    "Q6",
    "The survey (`data.load(\"survey\")`): compute the satisfaction index on 0–100 of the respondents who "
    "complained (`complained` is True): the mean over them of the mean of `sat_1`, `sat_2`, `sat_3`, "
    "rescaled from the 1–10 scale ((score − 1) / 9 × 100). Answer a number on the 0–100 scale, to 2 "
    "decimals, e.g. `65.25`.",
    expected=_survey_index,
    hints=["Keep survey[survey['complained']]; then .loc[:, ['sat_1', 'sat_2', 'sat_3']].mean(axis=1) gives "
           "each respondent's score.",
           "Take the mean, subtract 1, divide by 9, multiply by 100."],
)
