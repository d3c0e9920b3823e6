"""Questions of chapter 13, the capstone project (综合实训): a full CRM analysis of one company, the course's
retail chain (``retail_transactions``), as it stood on 2024-10-01 (its data up to 2024-09-30).

The steps join the chapters: classify the customers (ABC, chapter 03; RFM, chapter 04), value them (BG/NBD
and Gamma-Gamma CLV, chapter 05b), predict who is lapsing (P(alive)) and check the prediction on the next
quarter (chapter 09), price a retention campaign, pick the key accounts (chapter 11), then write two plans
that the instructor grades by hand against their rubrics. The computed steps are checked by ``check()``. [added]
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .. import clv, segment
from ._core import MappingQuestion, NumberQuestion, OpenQuestion, SequenceQuestion

#: The company's as-of date: the analysis sees the transactions before it (up to 2024-09-30).
ASOF = "2024-10-01"
LAST_DAY = "2024-09-30"
#: The twelve months of revenue the ABC classes are made from.
YEAR_START = "2023-10-01"
#: The quarter after the as-of date, on which the churn prediction is checked.
NEXT_QUARTER_END = "2024-12-31"
MARGIN = 0.25
YEARLY_DISCOUNT = 0.10
HORIZON_WEEKS = 52
AT_RISK = 0.5  # P(alive) below this: lapsing
OFFER_COST = 50.0  # ¥ per customer contacted
WIN_RATE = 0.20  # share of the contacted customers the offer keeps


@lru_cache(maxsize=1)
def _tx() -> pd.DataFrame:
    from ..data import load

    return load("retail_transactions")


@lru_cache(maxsize=1)
def _abc() -> pd.DataFrame:
    tx = _tx()
    year = tx[(tx["date"] >= YEAR_START) & (tx["date"] < ASOF)]
    net = year.groupby("customer_id")["amount"].sum()
    return segment.abc_classes(net[net > 0])


def _a_customers() -> pd.Index:
    abc = _abc()
    return abc.index[abc["segment"] == "A"]


@lru_cache(maxsize=1)
def _models():
    s = clv.summarize(_tx(), asof=LAST_DAY)
    return clv.BGNBD().fit(s), clv.GammaGamma().fit(s), s


@lru_cache(maxsize=1)
def _clv() -> pd.Series:
    bg, gg, s = _models()
    weekly = (1 + YEARLY_DISCOUNT) ** (1 / 52) - 1
    return clv.clv_bgnbd_gg(bg, gg, s, horizon=HORIZON_WEEKS, discount=weekly, margin=MARGIN)


@lru_cache(maxsize=1)
def _p_alive() -> pd.Series:
    bg, _, s = _models()
    return pd.Series(bg.probability_alive(s["frequency"], s["recency"], s["T"]), index=s.index)


def _at_risk() -> pd.Series:
    """True for an A customer whose P(alive) is below AT_RISK, indexed by the A customers."""
    return _p_alive().reindex(_a_customers()) < AT_RISK


def _rfm_counts() -> dict:
    classes = segment.rfm_segments(segment.rfm_table(_tx(), asof=ASOF), scheme="cn8")["segment"].astype(str)
    counts = classes.value_counts()
    return {name: int(counts.get(name, 0)) for name in ("重要价值客户", "重要保持客户")}


def _came_back() -> dict:
    tx = _tx()
    after = tx[(tx["date"] >= ASOF) & (tx["date"] <= NEXT_QUARTER_END) & (tx["amount"] > 0)]
    risk = _at_risk()
    bought = pd.Series(risk.index.isin(after["customer_id"]), index=risk.index)
    return {"at risk": float(bought[risk].mean()), "not at risk": float(bought[~risk].mean())}


def _campaign() -> float:
    risk = _at_risk()
    n = int(risk.sum())
    kept_value = _clv().reindex(risk.index[~risk]).mean()
    return float(WIN_RATE * n * kept_value - OFFER_COST * n)


def _top5() -> list[str]:
    return [str(c) for c in _clv().sort_values(ascending=False, kind="mergesort").index[:5]]


q1 = NumberQuestion(
    "Q1",
    "Classify (ABC, chapter 03): take the net spend (`amount`, returns included) of each customer in the twelve "
    "months 2023-10-01 to 2024-09-30 of `data.load(\"retail_transactions\")`, keep the customers with a positive "
    "net spend, and classify them with `segment.abc_classes` (the Pareto cut-offs 80 % / 95 %). How many customers "
    "are in class A? Answer a whole number, e.g. `1234`.",
    expected=lambda: int((_abc()["segment"] == "A").sum()),
    hints=["year = tx[(tx['date'] >= '2023-10-01') & (tx['date'] < '2024-10-01')]",
           "net = year.groupby('customer_id')['amount'].sum(); abc = segment.abc_classes(net[net > 0])",
           "(abc['segment'] == 'A').sum()"],
    abs_tol=0,
    rel_tol=0,
)

q2 = MappingQuestion(
    "Q2",
    "Classify (RFM, chapter 04): build the RFM table of all customers as of 2024-10-01 (`segment.rfm_table(tx, "
    "asof='2024-10-01')`) and name the Chinese eight classes (`segment.rfm_segments(..., scheme='cn8')`, M = total "
    "net spend). How many customers are 重要价值客户 and how many 重要保持客户? Answer a dict of whole numbers, e.g. "
    "`{'重要价值客户': 123, '重要保持客户': 45}`.",
    expected=_rfm_counts,
    hints=["rfm = segment.rfm_table(tx, asof='2024-10-01'); classes = segment.rfm_segments(rfm, scheme='cn8')",
           "classes['segment'].value_counts()"],
    abs_tol=0,
    rel_tol=0,
)

q3 = NumberQuestion(
    "Q3",
    "Value (CLV, chapter 05b): summarise the transactions up to 2024-09-30 (`clv.summarize(tx, "
    "asof='2024-09-30')`, weeks), fit `clv.BGNBD` and `clv.GammaGamma` on the summary, and compute every "
    "customer's CLV over the next 52 weeks with a margin of 25 % and a discount rate of 10 % a year as a weekly "
    "rate (1.10^(1/52) − 1). What is the total CLV of the class-A customers of Q1? Answer a number in ¥, to 0 "
    "decimals, e.g. `123456`.",
    expected=lambda: float(_clv().reindex(_a_customers()).sum()),
    hints=["values = clv.clv_bgnbd_gg(bg, gg, s, horizon=52, discount=1.10 ** (1 / 52) - 1, margin=0.25)",
           "a = abc.index[abc['segment'] == 'A']; values.reindex(a).sum()"],
    unit="¥",
    abs_tol=0.5,
)

q4 = NumberQuestion(
    "Q4",
    "Predict churn (chapters 05b and 09): with the BG/NBD of Q3, the probability that each customer is still "
    "alive on 2024-09-30. How many class-A customers are lapsing, with P(alive) below 0.5? Answer a whole number, "
    "e.g. `123`.",
    expected=lambda: int(_at_risk().sum()),
    hints=["p = pd.Series(bg.probability_alive(s['frequency'], s['recency'], s['T']), index=s.index)",
           "(p.reindex(a) < 0.5).sum()"],
    abs_tol=0,
    rel_tol=0,
)

q5 = MappingQuestion(
    "Q5",
    "Check the prediction on the next quarter: of the class-A customers at risk (Q4) and of the other class-A "
    "customers, what share bought again (a row with a positive `amount`) from 2024-10-01 to 2024-12-31? Answer "
    "a dict of fractions, to 3 decimals, e.g. `{'at risk': 0.123, 'not at risk': 0.456}`.",
    expected=_came_back,
    hints=["after = tx[(tx['date'] >= '2024-10-01') & (tx['date'] <= '2024-12-31') & (tx['amount'] > 0)]",
           "risk = p.reindex(a) < 0.5; bought = pd.Series(risk.index.isin(after['customer_id']), index=risk.index)",
           "bought[risk].mean() and bought[~risk].mean()"],
    abs_tol=0.001,
)

q6 = NumberQuestion(
    "Q6",
    "Plan retention (chapter 09): a retention offer costs ¥50 per customer contacted. Contact every class-A "
    "customer at risk (Q4); suppose the offer keeps 20 % of them, and that each customer kept is worth the mean "
    "52-week CLV of the class-A customers not at risk (Q3). What is the campaign's net value (value of the "
    "customers kept minus the cost of the offers)? Answer a number in ¥, to 0 decimals, e.g. `-1234`.",
    expected=_campaign,
    hints=["n = risk.sum(); kept_value = values.reindex(risk.index[~risk]).mean()",
           "0.20 * n * kept_value - 50 * n"],
    unit="¥",
    abs_tol=0.5,
)

q7 = OpenQuestion(
    "Q7",
    "Write the retention plan for the class-A customers at risk (Q4-Q6), in 120-300 words: who is targeted and "
    "why, what you offer them and through which channel, what it costs against the value at stake, the target "
    "you set and how you will know in three months whether it worked. Answer as a text (a Python str).",
    rubric=[("Targets the at-risk class-A customers with the numbers of Q4-Q5 (how many, how likely to lapse, "
             "the evidence from the next quarter)", 3),
            ("The offer and the channel fit these customers (their value, their purchase history), not a "
             "discount for everyone", 2),
            ("The economics: cost against the value kept (Q6), the break-even keep rate, a budget", 3),
            ("A measurable target and a check against a control group or the next quarter's purchases", 2)],
    model_answer=(
        "Target: the 264 class-A customers (about a fifth of class A) whose P(alive) on 2024-09-30 is below 0.5. "
        "They brought 80 % of the revenue with the rest of class A, but the model expects most of them to have "
        "lapsed, and the next quarter confirms it: only about 19 % of them bought again, against 64 % of the other "
        "class-A customers. Offer: a personal call or app message from the store they used most, with a "
        "voucher on their usual category valid for six weeks and an invitation to the member day; no blanket "
        "discount, because the customers not at risk would take it anyway. Economics: ¥50 per contact, "
        "¥13,200 in all; a kept customer is worth about ¥260 over 52 weeks, so the campaign breaks even when it "
        "keeps 50 / 260 = 19 % of them, and at the assumed 20 % it gains only about ¥500: too thin to run as "
        "planned. Contact first the at-risk customers with the highest CLV (for them the break-even keep rate is "
        "lower) and use the cheaper app message for the rest. Target and check: hold "
        "out a random 20 % of the at-risk customers as a control group; after three months compare the share "
        "who bought again and their spend; continue only if the contacted group beats the control by at least "
        "five percentage points."),
    hints=["Use your own numbers from Q4-Q6: how many, what they are worth, what the offer costs.",
           "The break-even keep rate is the cost per contact divided by the value of a kept customer.",
           "A control group that gets no offer tells you what the offer changed."],
    min_words=100,
)

q8 = SequenceQuestion(
    "Q8",
    "Pick the key accounts (chapter 11): the five customers with the highest 52-week CLV of Q3 (all customers, "
    "not only class A), highest first. Answer a list of customer ids, e.g. `['C01234', 'C00042', 'C03100', "
    "'C00007', 'C02222']`.",
    expected=_top5,
    hints=["values.sort_values(ascending=False).index[:5]", "list(...) of the ids, as text"],
)

q9 = OpenQuestion(
    "Q9",
    "Write a key-account plan (大客户管理计划) for the first customer of Q8, in 120-300 words: what the data say "
    "about this customer (value, frequency, what and where they buy: look them up in `tx`), the objective for the "
    "next year, the relationship and service you offer, the resources and their cost against the customer's CLV, "
    "and the risks you watch. Answer as a text (a Python str).",
    rubric=[("Describes the customer from the data: CLV, purchases, categories and channel", 2),
            ("A measurable objective for the year (spend, share of wallet or frequency)", 2),
            ("Relationship and service actions that fit a key account: a named contact, tailored offers, "
             "privileges, regular reviews", 3),
            ("Resources and cost kept below a stated share of the customer's CLV", 2),
            ("Risks and early warnings (P(alive), a fall in frequency, complaints) with what to do", 1)],
    model_answer=(
        "The customer with the highest 52-week CLV (about ¥2,500 of margin, discounted) buys more often than "
        "almost anyone in the chain and spends well above the mean per purchase; the transaction log shows "
        "which categories and channel dominate, and the plan follows them. Objective: keep the customer active "
        "every month of the next year and raise the yearly spend by 10 %, measured in the log. Relationship: "
        "a named member-service manager at the store the customer uses most, who calls once a quarter; "
        "platinum privileges (priority delivery, early access to the 618 and Double 11 offers in the customer's "
        "main categories); an invitation to a yearly customer panel. Resources: about two hours of the manager's "
        "time a quarter and ¥300 of privileges a year, under 15 % of the customer's CLV, reviewed if the CLV "
        "falls. Risks: watch P(alive) and the days since the last purchase every month; a gap twice the "
        "customer's usual interval, a complaint or a return triggers a call within a week. The same plan, "
        "scaled down, serves the other four customers of Q8."),
    hints=["tx[tx['customer_id'] == top5[0]] shows the purchases: count them, sum them, group by category and "
           "channel.",
           "Keep the cost of the plan below a share of the customer's CLV that you state."],
    min_words=100,
)
