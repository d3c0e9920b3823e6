"""Questions of chapter 05: customer lifecycle and lifetime value (客户生命周期与CLV分析法)."""

from __future__ import annotations

from .. import clv
from ._core import ChoiceQuestion, MappingQuestion, NumberQuestion

RETAIL_END = "2024-12-31"
RETAIL_CUSTOMER = "C00001"


def _retail_alive():
    from ..data import load

    s = clv.summarize(load("retail_transactions"), asof=RETAIL_END)
    m = clv.BGNBD().fit(s)
    row = s.loc[RETAIL_CUSTOMER]
    return float(m.probability_alive(row["frequency"], row["recency"], row["T"]))


q1 = MappingQuestion(
    "Q1",
    "Textbook exercise 3: n = 10 years, Co = ¥500, Po = ¥3000, In = ¥1000 a year, r = 8 %, Cs = ¥100 a year. "
    "Compute model one (sum of In/(1+r)^t, t = 1..n) and model three ((Po - Co) + sum of (In - Cs)/(1+r)^t): "
    "{'model_one': ..., 'model_three': ...}.",
    expected=lambda: {"model_one": clv.clv_model_one(1000, 0.08, 10),
                      "model_three": clv.clv_model_three(3000, 500, 1000, 100, 0.08, 10)},
    hints=["The annuity factor: sum(1.08 ** -t for t in range(1, 11)) = 6.7101.",
           "model one = 1000 x 6.7101; model three = 3000 - 500 + (1000 - 100) x 6.7101."],
    solution=("af = sum(1.08 ** -t for t in range(1, 11))\n"
              "exercise3 = {'model_one': 1000 * af, 'model_three': 3000 - 500 + (1000 - 100) * af}"),
)

q2 = MappingQuestion(
    "Q2",
    "Textbook exercise 4 (r = 8 % assumed, 10 years, no first purchase or acquisition cost): customer A brings "
    "In = ¥500 a year at a service cost of ¥200; B brings ¥550 at ¥300. Give both models' values: "
    "{'A_one': ..., 'B_one': ..., 'A_three': ..., 'B_three': ...}.",
    expected=lambda: {"A_one": clv.clv_model_one(500, 0.08, 10), "B_one": clv.clv_model_one(550, 0.08, 10),
                      "A_three": clv.clv_model_three(0, 0, 500, 200, 0.08, 10),
                      "B_three": clv.clv_model_three(0, 0, 550, 300, 0.08, 10)},
    hints=["Same annuity factor as Q1.", "Model three uses In - Cs: 300 for A, 250 for B. Which ranking flips?"],
    solution=("af = sum(1.08 ** -t for t in range(1, 11))\n"
              "exercise4 = {'A_one': 500 * af, 'B_one': 550 * af, 'A_three': 300 * af, 'B_three': 250 * af}"),
)

q3 = NumberQuestion(
    "Q3",
    "Dwyer's retention model ('lost for good'): margin ¥100 received at the start of each year while the customer "
    "stays, retention 80 %, discount 10 %, 5 years (t = 0..4). What is the CLV?",
    expected=lambda: clv.retention_clv(100, 0.8, 0.1, horizon=5),
    hints=["Year t contributes 100 x 0.8^t / 1.1^t.", "sum(100 * 0.8 ** t / 1.1 ** t for t in range(5))"],
    solution="retention_value = sum(100 * 0.8 ** t / 1.1 ** t for t in range(5))   # 292.06",
    unit="¥",
)

q4 = MappingQuestion(
    "Q4",
    "Dwyer's migration model ('always a share'): purchase probabilities by recency state 1-4 are 0.30, 0.20, 0.15, "
    "0.05 (a buyer returns to state 1, a non-buyer moves one state on, state 4 keeps non-buyers). A customer has "
    "just bought (state 1 in period 1). Give the probability of a purchase in period 2, and the expected value of "
    "periods 1-5 with ¥50 per purchase discounted at 10 % a period (1/1.1^t): {'p_period_2': ..., 'value_5': ...}.",
    expected=lambda: {"p_period_2": float(clv.MigrationModel((0.3, 0.2, 0.15, 0.05)).purchase_probabilities(2).iloc[1]),
                      "value_5": clv.MigrationModel((0.3, 0.2, 0.15, 0.05)).expected_value(50, 0.1, horizon=5)},
    hints=["Period 2: either he bought in period 1 (0.3, back to state 1) or not (0.7, state 2): 0.3 x 0.3 + 0.7 x 0.2.",
           "Carry the distribution over states forward period by period; value = sum of 50 x P(buy in t) / 1.1^t."],
    solution=("p = [0.30, 0.20, 0.15, 0.05]\ndist = [1, 0, 0, 0]\nprobs = []\nfor t in range(5):\n"
              "    buy = sum(d * q for d, q in zip(dist, p))\n    probs.append(buy)\n"
              "    dist = [buy] + [dist[0] * 0.7, dist[1] * 0.8, dist[2] * 0.85 + dist[3] * 0.95]\n"
              "migration = {'p_period_2': probs[1], 'value_5': sum(50 * b / 1.1 ** (t + 1) for t, b in enumerate(probs))}"),
)

q5 = MappingQuestion(
    "Q5",
    "Three textbook forms: lifecycle CLV with stage revenues CLR = 200, 800, 1500, 400 and costs Ca = 300, Cp = 150, "
    "Cs = 400, Cm = 250; the contribution sum CLV1..CLV6 = 1000, 2500, 800, 300, 600, 200; and LTV = sum of "
    "profit_i/1.1^i for profits 100, 120, 150. {'lifecycle': ..., 'components': ..., 'ltv': ...}.",
    expected=lambda: {"lifecycle": clv.clv_lifecycle([200, 800, 1500, 400], [300, 150, 400, 250]),
                      "components": clv.clv_components(1000, 2500, 800, 300, 600, 200),
                      "ltv": clv.ltv([100, 120, 150], 0.1)},
    hints=["Lifecycle: add the stage revenues, subtract the four costs.",
           "LTV: 100/1.1 + 120/1.1**2 + 150/1.1**3."],
    solution=("three_forms = {'lifecycle': 200 + 800 + 1500 + 400 - 300 - 150 - 400 - 250,\n"
              "               'components': 1000 + 2500 + 800 + 300 + 600 + 200,\n"
              "               'ltv': 100 / 1.1 + 120 / 1.1 ** 2 + 150 / 1.1 ** 3}"),
)

q6 = NumberQuestion(
    "Q6",
    f"The fitting method: summarise load('retail_transactions') up to {RETAIL_END} with clv.summarize (weeks), fit "
    f"clv.BGNBD, and give the probability that customer {RETAIL_CUSTOMER} is still alive.",
    expected=_retail_alive,
    hints=["s = clv.summarize(tx, asof='2024-12-31'); model = clv.BGNBD().fit(s)",
           "row = s.loc['C00001']; model.probability_alive(row['frequency'], row['recency'], row['T']) -- "
           "write row['T'], not row.T, which is pandas' transpose."],
    solution=("s = clv.summarize(tx, asof='2024-12-31')\nmodel = clv.BGNBD().fit(s)\n"
              "row = s.loc['C00001']\np_alive = model.probability_alive(row['frequency'], row['recency'], row['T'])"),
    abs_tol=0.001,
)

q7 = ChoiceQuestion(
    "Q7",
    "Which of the three CLV methods needs each customer's purchase history to estimate its model, but then "
    "predicts for every customer individually: 'dwyer', 'event' or 'fitting'?",
    expected=lambda: "fitting",
    choices=["dwyer", "event", "fitting"],
    aliases={"拟合法": "fitting", "德怀尔预测法": "dwyer", "客户事件法": "event", "customer event": "event",
             "fitting method": "fitting", "dwyer method": "dwyer"},
    hints=["Dwyer's method works on group averages (a retention rate, migration probabilities).",
           "The event method needs assumptions about every future event; the other one learns from history."],
    solution="method = 'fitting'   # 拟合法: BG/NBD and Gamma-Gamma fitted to the purchase histories",
)
