"""Questions of chapter 05: customer lifecycle and lifetime value (客户生命周期与CLV分析法)."""

from __future__ import annotations

from .. import clv
from ._core import ChoiceQuestion, MappingQuestion, NumberQuestion

RETAIL_END = "2024-12-31"
RETAIL_CUSTOMER = "C00001"
MIGRATION = (0.40, 0.25, 0.15, 0.05)


def _retail_alive():
    from ..data import load

    s = clv.summarize(load("retail_transactions"), asof=RETAIL_END)
    m = clv.BGNBD().fit(s)
    row = s.loc[RETAIL_CUSTOMER]
    return float(m.probability_alive(row["frequency"], row["recency"], row["T"]))


#: The exercises use their own numbers: the chapter works the textbook's exercises 3 and 4 and its
#: Dwyer examples in full, so the exercises practise the same methods on other customers.
q1 = MappingQuestion(
    "Q1",
    "Like textbook exercise 3 (which the chapter works), for another customer: n = 8 years, Co = ¥400, "
    "Po = ¥2500, In = ¥1200 a year, r = 10 %, Cs = ¥150 a year. Compute model one (Σ In/(1+r)^t, "
    "t = 1..n) and model three ((Po − Co) + Σ (In − Cs)/(1+r)^t). Answer a dict of amounts in ¥, to 2 "
    "decimals, e.g. `{'model_one': 1234.56, 'model_three': 2345.67}`.",
    expected=lambda: {"model_one": clv.clv_model_one(1200, 0.10, 8),
                      "model_three": clv.clv_model_three(2500, 400, 1200, 150, 0.10, 8)},
    hints=["The annuity factor: sum(1.10 ** -t for t in range(1, 9)) = 5.3349.",
           "model one = 1200 x 5.3349; model three = 2500 - 400 + (1200 - 150) x 5.3349."],
)

q2 = MappingQuestion(
    "Q2",
    "Like textbook exercise 4 (r = 8 %, 10 years, no first purchase or acquisition cost), for two other "
    "customers: A brings In = ¥600 a year at a service cost of ¥250; B brings ¥700 at ¥420. Which customer "
    "ranks first under each model? Answer a dict of both models' values in ¥, to 2 decimals, e.g. "
    "`{'A_one': 1234.56, 'B_one': ..., 'A_three': ..., 'B_three': ...}`.",
    expected=lambda: {"A_one": clv.clv_model_one(600, 0.08, 10), "B_one": clv.clv_model_one(700, 0.08, 10),
                      "A_three": clv.clv_model_three(0, 0, 600, 250, 0.08, 10),
                      "B_three": clv.clv_model_three(0, 0, 700, 420, 0.08, 10)},
    hints=["The annuity factor at 8 % over 10 years: sum(1.08 ** -t for t in range(1, 11)) = 6.7101.",
           "Model three uses In - Cs: 350 for A, 280 for B. Which ranking flips?"],
)

q3 = NumberQuestion(
    "Q3",
    "Dwyer's retention model ('lost for good'): margin ¥100 received at the start of each year while the "
    "customer stays, retention 75 %, discount 10 %, 6 years (t = 0..5). What is the CLV? Answer a number "
    "in ¥, to 2 decimals, e.g. `123.45`.",
    expected=lambda: clv.retention_clv(100, 0.75, 0.1, horizon=6),
    hints=["Year t contributes 100 x 0.75^t / 1.1^t.", "sum(100 * 0.75 ** t / 1.1 ** t for t in range(6))"],
    unit="¥",
)

q4 = MappingQuestion(
    "Q4",
    "Dwyer's migration model ('always a share'): purchase probabilities by recency state 1–4 are 0.40, "
    "0.25, 0.15, 0.05 (a buyer returns to state 1, a non-buyer moves one state on, state 4 keeps "
    "non-buyers). A customer has just bought (state 1 in period 1). Give the probability of a purchase in"
    " period 2 (a fraction), and the expected value of periods 1–5 with ¥60 per purchase discounted by "
    "1/1.1^t (in ¥). Answer a dict, e.g. `{'p_period_2': 0.123, 'value_5': 45.67}`.",
    expected=lambda: {"p_period_2": float(clv.MigrationModel(MIGRATION).purchase_probabilities(2).iloc[1]),
                      "value_5": clv.MigrationModel(MIGRATION).expected_value(60, 0.1, horizon=5)},
    hints=["Period 2: either he bought in period 1 (0.4, back to state 1) or not (0.6, state 2): "
           "0.4 x 0.4 + 0.6 x 0.25.",
           "Carry the distribution over states forward period by period; value = sum of 60 x P(buy in t) / 1.1^t."],
)

q5 = MappingQuestion(
    "Q5",
    "Three textbook forms, with the exercise's own numbers: lifecycle CLV with stage revenues CLR = 300, "
    "900, 1200, 500 and costs Ca = 350, Cp = 200, Cs = 300, Cm = 150; the contribution sum CLV1..CLV6 = "
    "1200, 2000, 600, 400, 500, 300; and LTV = Σ profit_i/1.1^i for profits 120, 150, 180. Answer a dict of "
    "amounts in ¥, e.g. `{'lifecycle': 1000, 'components': 2000, 'ltv': 123.45}`.",
    expected=lambda: {"lifecycle": clv.clv_lifecycle([300, 900, 1200, 500], [350, 200, 300, 150]),
                      "components": clv.clv_components(1200, 2000, 600, 400, 500, 300),
                      "ltv": clv.ltv([120, 150, 180], 0.1)},
    hints=["Lifecycle: add the stage revenues, subtract the four costs.",
           "LTV: 120/1.1 + 150/1.1**2 + 180/1.1**3."],
)

q6 = NumberQuestion(
    "Q6",
    "The fitting method: summarise `data.load(\"retail_transactions\")` up to 2024-12-31 with "
    "`clv.summarize` (weeks), fit `clv.BGNBD`, and give the probability that customer C00001 is still "
    "alive. Answer a fraction between 0 and 1, to 3 decimals, e.g. `0.512`.",
    expected=_retail_alive,
    hints=["s = clv.summarize(tx, asof='2024-12-31'); model = clv.BGNBD().fit(s)",
           "row = s.loc['C00001']; model.probability_alive(row['frequency'], row['recency'], row['T']) -- "
           "write row['T'], not row.T, which is pandas' transpose."],
    abs_tol=0.001,
)

q7 = ChoiceQuestion(
    "Q7",
    "Which of the three CLV methods needs each customer's purchase history to estimate its model, but "
    "then predicts for every customer individually? Answer one option as text: `'dwyer'`, `'event'` or "
    "`'fitting'` (the Chinese term works too), e.g. `'event'`.",
    expected=lambda: "fitting",
    choices=["dwyer", "event", "fitting"],
    hints=["Dwyer's method works on group averages (a retention rate, migration probabilities).",
           "The event method needs assumptions about every future event; the other one learns from history."],
)
