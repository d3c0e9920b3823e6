"""Questions of chapter 05b: fitted CLV models (拟合法): BG/NBD, Gamma-Gamma, holdout checks, CLV with a
margin and a discount rate, grouping by CLV -- on the course's retail data (the chapter works CDNOW)."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .. import clv
from ._core import ChoiceQuestion, MappingQuestion, NumberQuestion, OpenQuestion, SequenceQuestion

CAL_END = "2024-06-30"
END = "2024-12-31"
CUSTOMER = "C00002"
YEARLY = 0.12  # discount rate a year in Q6


@lru_cache(maxsize=1)
def _retail():
    from ..data import load

    return load("retail_transactions")


@lru_cache(maxsize=2)
def _fit(asof: str):
    s = clv.summarize(_retail(), asof=asof)
    return clv.BGNBD().fit(s), s


def _p_alive() -> float:
    m, s = _fit(CAL_END)
    row = s.loc[CUSTOMER]
    return float(m.probability_alive(row["frequency"], row["recency"], row["T"]))


def _holdout_error() -> float:
    m, _ = _fit(CAL_END)
    ch = clv.calibration_holdout(_retail(), calibration_end=CAL_END, asof=END)
    weeks = (pd.Timestamp(END) - pd.Timestamp(CAL_END)).days / 7
    predicted = m.conditional_expected_purchases(weeks, ch["frequency"], ch["recency"], ch["T"]).sum()
    return float(100 * (predicted / ch["frequency_holdout"].sum() - 1))


def _top5() -> list[str]:
    m, s = _fit(END)
    pred = pd.Series(m.conditional_expected_purchases(26, s["frequency"], s["recency"], s["T"]), index=s.index)
    return [str(c) for c in pred.sort_values(ascending=False, kind="mergesort").index[:5]]


def _correlation() -> float:
    _, s = _fit(END)
    r = s[s["frequency"] > 0]
    return float(r["frequency"].corr(r["monetary_value"]))


@lru_cache(maxsize=1)
def _clv() -> pd.Series:
    m, s = _fit(END)
    gg = clv.GammaGamma().fit(s)
    return clv.clv_bgnbd_gg(m, gg, s, horizon=104, discount=(1 + YEARLY) ** (1 / 52) - 1, margin=0.25)


def _top_share() -> float:
    v = _clv().sort_values(ascending=False)
    n = int(round(0.2 * len(v)))
    return float(v.iloc[:n].sum() / v.sum())


q1 = ChoiceQuestion(
    "Q1",
    "Recall: BG/NBD gives P(alive) = 1 to every customer who bought only once, however long ago. Why? Answer one "
    "option as text: `'still buying'` (one-time buyers do come back), `'dropout after purchase'` (the model lets a "
    "customer leave only right after a repeat purchase), `'time since purchase ignored'` (the model never "
    "looks at how long ago a customer last bought) or `'too little data'` (the fit failed for them), e.g. "
    "`'too little data'`.",
    expected=lambda: "dropout after purchase",
    choices=["still buying", "dropout after purchase", "time since purchase ignored", "too little data"],
    hints=["When, in the BG/NBD story, does a customer get the chance to drop out?"],
)

q2 = NumberQuestion(
    "Q2",
    "Compute on the data: summarise `data.load(\"retail_transactions\")` up to 2024-06-30 with `clv.summarize` "
    "(weeks), fit `clv.BGNBD`, and give the probability that customer C00002 is still alive on that date. Answer "
    "a fraction between 0 and 1, to 3 decimals, e.g. `0.512`.",
    expected=_p_alive,
    hints=["s = clv.summarize(tx, asof='2024-06-30'); model = clv.BGNBD().fit(s)",
           "row = s.loc['C00002']; model.probability_alive(row['frequency'], row['recency'], row['T']) -- write "
           "row['T'], not row.T (pandas' transpose)."],
    abs_tol=0.001,
)

q3 = NumberQuestion(
    "Q3",
    "Check the model on a holdout period: with the model of Q2 (calibration up to 2024-06-30), predict each "
    "customer's purchases from 2024-07-01 to 2024-12-31 (the holdout: (2024-12-31 − 2024-06-30) in weeks) and "
    "compare the total with the purchases they made (`clv.calibration_holdout(tx, calibration_end='2024-06-30', "
    "asof='2024-12-31')`, column `frequency_holdout`). By how many % is the prediction off (negative = too "
    "low)? Answer a number in %, to 1 decimal, e.g. `-4.2`.",
    expected=_holdout_error,
    hints=["weeks = (pd.Timestamp('2024-12-31') - pd.Timestamp('2024-06-30')).days / 7",
           "pred = model.conditional_expected_purchases(weeks, ch.frequency, ch.recency, ch['T']); "
           "100 * (pred.sum() / ch.frequency_holdout.sum() - 1)"],
    abs_tol=0.05,
)

q4 = SequenceQuestion(
    "Q4",
    "Rank on the data: fit BG/NBD on the retail summary up to 2024-12-31 and rank the customers by expected "
    "purchases in the next 26 weeks. Give the five customer ids with the most, most first. Answer a list, e.g. "
    "['C01234', 'C00042', 'C03100', 'C00007', 'C02222'].",
    expected=_top5,
    hints=["model.conditional_expected_purchases(26, s.frequency, s.recency, s['T']) as a Series with s.index.",
           "sort_values(ascending=False).index[:5]"],
)

q5 = NumberQuestion(
    "Q5",
    "Check an assumption: Gamma-Gamma needs spend per purchase independent of purchase frequency. In the retail "
    "summary up to 2024-12-31, what is the correlation between `frequency` and `monetary_value` of the repeat "
    "buyers (frequency > 0)? Answer a number between -1 and 1, to 3 decimals, e.g. `0.205`.",
    expected=_correlation,
    hints=["r = s[s.frequency > 0]; r.frequency.corr(r.monetary_value)"],
    abs_tol=0.001,
)

q6 = NumberQuestion(
    "Q6",
    "Compute a CLV with margin and discount rate: with the BG/NBD of Q4 and a `clv.GammaGamma` fitted on the same "
    "summary, the CLV of every customer over 104 weeks, a margin of 25 % and a discount rate (贴现率) of 12 % a "
    "year, as a weekly rate (1.12^(1/52) − 1). What is the mean CLV per customer? Answer a number in ¥, to 2 "
    "decimals, e.g. `45.67`.",
    expected=lambda: float(_clv().mean()),
    hints=["weekly = 1.12 ** (1 / 52) - 1",
           "clv.clv_bgnbd_gg(model, gg, s, horizon=104, discount=weekly, margin=0.25).mean()"],
    unit="¥",
)

q7 = NumberQuestion(
    "Q7",
    "Group by CLV: with the CLVs of Q6, what share of the total CLV do the top 20 % of customers hold (the "
    "round(0.2 × number of customers) customers with the highest CLV)? Answer a fraction, to 3 decimals, e.g. "
    "`0.555`.",
    expected=_top_share,
    hints=["v = values.sort_values(ascending=False); n = round(0.2 * len(v))", "v.iloc[:n].sum() / v.sum()"],
    abs_tol=0.001,
)


def _budget() -> dict:
    v = _clv()
    group = pd.cut(v.rank(pct=True, method="first"), [0, 0.5, 0.8, 1.0], labels=["low", "middle", "top"])
    return {str(k): float(0.10 * x) for k, x in v.groupby(group, observed=True).mean().items()}


q8 = MappingQuestion(
    "Q8",
    "Design a retention budget by CLV group: group the customers of Q6 by CLV into 'top' (the highest 20 %), "
    "'middle' (the next 30 %) and 'low' (the bottom 50 %), ranking with `values.rank(pct=True, "
    "method='first')` and cutting at 0.5 and 0.8. A campaign is expected to raise a customer's CLV by 10 %. "
    "What is the most it may cost per customer in each group without losing money? Answer a dict in ¥, to 2 "
    "decimals, e.g. `{'top': 12.34, 'middle': 5.67, 'low': 0.89}`.",
    expected=_budget,
    hints=["pd.cut(values.rank(pct=True, method='first'), [0, 0.5, 0.8, 1.0], labels=['low', 'middle', 'top'])",
           "The break-even cost is 10 % of the group's mean CLV."],
)

q9 = OpenQuestion(
    "Q9",
    "Open question: the music shop of the CDNOW data plans a retention campaign and can afford to contact 20 % of "
    "its customers. Using the chapter's numbers (the top fifth's share of the total CLV, the holdout error of "
    "the BG/NBD forecast, P(alive) and the one-time buyers' quirk), say whom you would contact and how far you "
    "trust the model's ranking. Answer as a text (a Python str) of 80-200 words.",
    rubric=[("targets by the model's value (CLV or expected purchases and P(alive)), citing the top fifth's share", 2),
            ("explains a limit of the model that changes the choice (one-time buyers' P(alive) of 1, no "
             "covariates, the holdout error)", 2),
            ("separates customers who will buy anyway from those a contact can change (value at risk, not value "
             "alone)", 1),
            ("proposes a check (a control group, or the next period's purchases against the forecast)", 1)],
    model_answer="Contact a fifth chosen by the model, not by past spend alone: the top 20 % by CLV hold about 69 % "
                 "of the total value, while the bottom half hold 16 %. But within that fifth I would favour "
                 "customers whose P(alive) is falling (frequent buyers who have gone quiet), because those who buy "
                 "every few weeks will probably buy without a contact; value at risk matters, not value alone. I "
                 "trust the ranking more than the totals: the forecast of total purchases in the holdout weeks was "
                 "12 % too low, and the model gives every one-time buyer a P(alive) of 1 however long ago he "
                 "bought, so the model cannot rank the one-time buyers among themselves; I would rank those by "
                 "how recently they bought. The check: keep a random tenth of the chosen customers uncontacted "
                 "and compare their purchases over the next quarter.",
    hints=["What share of the total CLV do the top 20 % hold in the chapter?",
           "Which customers would the model rank wrongly, and why?"],
    min_words=60,
)
