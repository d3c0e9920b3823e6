"""Questions of chapter 09: retention, churn and complaints (客户挽留、流失及其修复).

Graded recall -> compute -> interpret -> design. The chapter works other numbers (80/85/90 %
retention, a 50-year horizon, churn 4-10 % without discounting, the segment survival table at 6, 12
and 24 months, 120 complaints in the panel), so it never prints these answers.
"""

from __future__ import annotations

import pandas as pd

from .. import loyalty
from ._core import ChoiceQuestion, FrameQuestion, MappingQuestion, NumberQuestion, OpenQuestion, SequenceQuestion

ASOF = "2024-12-31"
#: Q6: the months at which the lock-in groups are compared; Q7: the months of the offer's horizon.
SURVIVAL_MONTHS = 18
OFFER_MONTHS = 12
OFFER_COST = 50.0  # ¥ per customer contacted
OFFER_SAVES = 0.20  # share of would-be leavers the offer keeps


def _contracts():
    from ..data import load

    return load("contracts")


def _lockin_ranking():
    c = _contracts()
    c = c[c["segment"] == "consumer"]
    table = loyalty.churn_by_segment(c.assign(segment=c["lockin_months"]), asof=ASOF, months=(SURVIVAL_MONTHS,))
    return [int(x) for x in table.sort_values(f"survival_{SURVIVAL_MONTHS}m").index]


def _auc_model():
    c = _contracts()
    started = c[c["start_date"] <= "2023-06-30"].copy()
    life = (started["end_date"] - started["start_date"]).dt.days / loyalty.DAYS_PER_MONTH
    started["churned_18m"] = life.le(18).fillna(False)
    return loyalty.churn_model(started, target="churned_18m", features=["plan", "monthly_fee", "integrations"], seed=3)


#: Q5's readings of an AUC.
AUC_READINGS = {
    "accuracy": "the model classifies that share of the holdout customers correctly",
    "ranking": "a churner picked at random gets a higher risk score than a stayer picked at random that often",
    "cause": "integrations and the plan cause churn, so adding integrations will keep customers",
    "chance": "the model ranks customers no better than a coin toss",
}


def _auc_reading():
    auc = _auc_model().auc
    return "ranking" if auc > 0.55 else "chance"


def _iceberg_150():
    from ..loyalty import iceberg_panel

    p = iceberg_panel(150)
    return {"dissatisfied": p.iceberg.dissatisfied, "lost": p.lost}


def _offer_table():
    c = _contracts()
    km = loyalty.churn_by_segment(c, asof=ASOF, months=(OFFER_MONTHS,))
    churn = 1 - km[f"survival_{OFFER_MONTHS}m"]
    fee = c.groupby("segment", observed=True)["monthly_fee"].mean()
    saved = OFFER_SAVES * churn * OFFER_MONTHS * fee.reindex(churn.index)
    return pd.DataFrame({"churn_12m": churn, "saved_per_customer": saved, "offer": saved > OFFER_COST})


q1 = ChoiceQuestion(
    "Q1",
    "Service has a procedural side (程序特性: methods and procedures) and a personal side (个人特性: attitude,"
    " behaviour, language). A telecom hotline fixes every fault fast by a strict script, but its agents are curt"
    " and never greet the caller. Which of the four types of service (四种类型的服务) is it: `'quality'` (优质型),"
    " `'friendly'` (友好型), `'production-line'` (生产型) or `'cold'` (冷淡型)? Answer one of the four as text,"
    " e.g. `'cold'`.",
    expected=lambda: "production-line",
    choices=["quality", "friendly", "production-line", "cold"],
    hints=["Strong procedure, weak personal side.", "Quality service needs both sides strong."],
)

q2 = SequenceQuestion(
    "Q2",
    "Put the six steps of resolving a complaint in order: `'apologise'`, `'thank'`, `'listen'`, `'explain"
    " the corrective action'`, `'repeat and confirm'`, `'acknowledge feelings'`. Answer a list of the six"
    " steps as text, first step first, e.g. `['thank', 'listen', ...]`.",
    expected=lambda: list(loyalty.COMPLAINT_STEPS),
    hints=["First you must know what the complaint is.", "The last step is a word of gratitude."],
)

q3 = MappingQuestion(
    "Q3",
    "The '+25–85 %' retention lift depends on assumptions. Retention rises from 75 % to 80 % a year, margins"
    " grow 8 % a year with tenure, the discount rate (贴现率) is 10 %, margins come at the start of each year."
    " By how much does a customer's value rise with a 20-year horizon, and with a 50-year horizon? Use"
    " `loyalty.retention_lift`. Answer a dict of fractions to 3 decimals, e.g. `{'horizon_20': 0.123,"
    " 'horizon_50': 0.456}`.",
    expected=lambda: {"horizon_20": loyalty.retention_lift(0.75, 0.05, margin_growth=0.08, discount=0.10, horizon=20),
                      "horizon_50": loyalty.retention_lift(0.75, 0.05, margin_growth=0.08, discount=0.10, horizon=50)},
    hints=["loyalty.retention_lift(0.75, 0.05, margin_growth=0.08, discount=0.10, horizon=20)",
           "Then the same with horizon=50: the longer horizon adds little when retention is only 75-80 %."],
    abs_tol=0.001,
)

q4 = NumberQuestion(
    "Q4",
    "'Cutting churn by 2 % is like cutting costs by 10 %': a business loses 8 % of its customers a year, its"
    " costs are 85 % of revenue and it discounts at 5 % a year. Which cut in costs (a share of costs) raises a"
    " customer's value as much as cutting churn from 8 % to 6 %? Use `loyalty.churn_cost_equivalence`. Answer a"
    " fraction to 3 decimals, e.g. `0.104` for 10.4 %.",
    expected=lambda: loyalty.churn_cost_equivalence(0.08, churn_cut=0.02, cost_ratio=0.85, discount=0.05)
    .equivalent_cost_cut,
    hints=["loyalty.churn_cost_equivalence(0.08, churn_cut=0.02, cost_ratio=0.85, discount=0.05)",
           "Read its equivalent_cost_cut."],
    abs_tol=0.001,
)

q5 = MappingQuestion(
    "Q5",
    "A shop received 150 complaints this year. Take the rates observed in `data.load(\"complaints\")`: the share"
    " of dissatisfied customers who voiced a complaint (formally or to frontline staff), the share of voiced"
    " complaints resolved, and per outcome (resolved, unresolved, silent) the share who bought again within 12"
    " months. How many dissatisfied customers does that stand for in all, and how many of them are lost (did not"
    " buy again)? `crmkit.loyalty.iceberg_panel(150)` does it with those rates. Answer a dict of"
    " customer counts to 1 decimal, e.g. `{'dissatisfied': 512.3, 'lost': 301.4}`.",
    expected=_iceberg_150,
    hints=["dissatisfied = 150 / (share who voiced); resolved = 150 x resolution rate; silent = dissatisfied - 150.",
           "lost = resolved x (1 - their repurchase share) + unresolved x (...) + silent x (...)."],
    abs_tol=0.1,
)

q6 = SequenceQuestion(
    "Q6",
    "From `data.load(\"contracts\")` (observed to 2024-12-31), keep the `'consumer'` customers and group them"
    f" by `lockin_months` (0, 12, 24). Rank the groups by their Kaplan–Meier survival at {SURVIVAL_MONTHS} months"
    " (months of 365.25/12 days; an empty `end_date` is censored), lowest survival (riskiest) first. Hint:"
    " `loyalty.churn_by_segment(table, segment=..., months=(18,), asof=...)`. Answer a list of lock-in months,"
    " e.g. `[24, 0, 12]`.",
    expected=_lockin_ranking,
    hints=["Within one segment the comparison is not confounded by the segment (chapter 08).",
           "Pass segment='lockin_months' (or a copy of the column named 'segment')."],
    abs_tol=0,
)

q7 = ChoiceQuestion(
    "Q7",
    "Fit `loyalty.churn_model` on the contracts that started by 2023-06-30, target: churned within 18 months"
    " (months of 365.25/12 days), features `['plan', 'monthly_fee', 'integrations']`, `seed=3`. Read its holdout"
    " `auc`. Which reading of that AUC is right? `'accuracy'`: " + AUC_READINGS["accuracy"] + "; `'ranking'`: "
    + AUC_READINGS["ranking"] + "; `'cause'`: " + AUC_READINGS["cause"] + "; `'chance'`: " + AUC_READINGS["chance"]
    + ". Answer one of the four as text, e.g. `'accuracy'`.",
    expected=_auc_reading,
    choices=list(AUC_READINGS),
    hints=["The AUC compares pairs: one churner, one stayer.",
           "A model finds who will leave, not why."],
)

q8 = FrameQuestion(
    "Q8",
    f"Design a retention offer. It costs ¥{OFFER_COST:.0f} per customer contacted and keeps {OFFER_SAVES:.0%} of"
    f" those who would otherwise leave within {OFFER_MONTHS} months; a customer kept pays his segment's mean"
    f" `monthly_fee` for {OFFER_MONTHS} months. From `data.load(\"contracts\")` (as of 2024-12-31) build a table"
    " indexed by `segment` with columns `churn_12m` (1 − Kaplan–Meier survival at 12 months), `saved_per_customer`"
    f" ({OFFER_SAVES} × churn_12m × {OFFER_MONTHS} × mean monthly fee, in ¥) and `offer` (True where"
    f" saved_per_customer exceeds ¥{OFFER_COST:.0f}). Answer a DataFrame to 2 decimals, e.g."
    " `pd.DataFrame({'churn_12m': [0.45, ...], 'saved_per_customer': [12.5, ...], 'offer': [True, ...]},"
    " index=['enterprise', ...])`.",
    expected=_offer_table,
    hints=["loyalty.churn_by_segment(contracts, asof='2024-12-31', months=(12,)) gives survival_12m.",
           "contracts.groupby('segment')['monthly_fee'].mean() gives the fee; compare the saving with the cost."],
)

q9 = OpenQuestion(
    "Q9",
    "Open question: you have ¥20,000 for the next quarter. Option 1 is the chapter's win-back campaign (1,000 "
    "lost customers at ¥20 each, 10 % won back). Option 2 is a retention offer to the customers the churn model "
    "ranks most at risk. Using the chapter's numbers (the value of a won-back customer at his own retention "
    "against one never lost, the break-even won-back retention, the churn model's AUC and top-decile lift), "
    "choose and justify. Answer as a text (a Python str) of 80-200 words.",
    rubric=[("values a won-back customer at a won-back retention, not at the retention of customers never lost, "
             "and uses the break-even", 2),
            ("uses the churn model's figures (AUC, top-decile lift) for what they support, and says what they "
             "cannot promise about the offer's effect", 2),
            ("compares the two options on the same basis (value kept or regained per ¥ spent) and states the "
             "assumptions", 1),
            ("proposes a test: a control group or a pilot before spending it all", 1)],
    model_answer="I would spend most of it on retention, with a pilot of win-back. Valued at the retention of a "
                 "customer never lost (80 %), a won-back customer is worth ¥366.67 and the campaign nets "
                 "¥16,666.67; at a won-back retention of 60 % he is worth ¥220.00 and it nets ¥2,000.00, and below "
                 "55 % it loses money; with the margin at the end of the year it loses at 60 %. We do not know our "
                 "won-back retention, so I would run the win-back on 200 customers and track them. The churn model "
                 "finds the customers at risk: its top tenth holds 1.81 times the average churn (AUC 0.679). A "
                 "retention offer there keeps customers whose retention is the normal 80 %, if it works at all: "
                 "the model does not say whether an offer will keep them, so half of the at-risk group gets the "
                 "offer and half is the control. Judge both on value kept per ¥ spent.",
    hints=["What is a won-back customer worth at 60 % retention, and where is the break-even?",
           "What does a lift of 1.81 in the top tenth promise, and what does it not?"],
    min_words=60,
)
