"""Satisfaction, loyalty, switching costs, retention and churn (客户满意、忠诚、转移成本与客户挽留).

Chapters 07-09 (syllabus topic 4, levels 1-4).

* Satisfaction (客户满意): :func:`weighted_csi`, :func:`satisfaction_index` (ACSI structure,
  path coefficients by least squares on item means), :func:`nps`, :func:`loyalty_curve`.
* Switching costs (转移成本): :func:`switching_cost`, :func:`switching_decision`,
  :func:`share_staying`, :data:`SWITCHING_WAYS` (the course's catalogue of 17 ways).
* Retention economics (客户保持): :func:`retention_economics`, :func:`cohort_survivors`,
  :func:`expected_lifetime`, :func:`implied_growth`, :func:`acquisition_cost_range`,
  :func:`retention_lift`, :func:`complaint_iceberg`, :func:`word_of_mouth`.
* Churn (客户流失): :func:`cohort_table`, :func:`churn_rate`, :func:`kaplan_meier`,
  :func:`churn_by_segment`, :func:`winback_value`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._checks import number as _num
from .data import require_columns
from .errors import DataError, ParameterError, describe_rows

__all__ = [
    "SEED_CLAIMS", "COMPLAINT_STEPS",
    "weighted_csi", "satisfaction_index", "SatisfactionIndex", "ACSI_PATHS", "nps", "loyalty_curve",
    "switching_cost", "switching_decision", "SwitchingDecision", "share_staying", "SWITCHING_WAYS",
    "retention_economics", "cohort_survivors", "expected_lifetime", "implied_growth", "acquisition_cost_range",
    "retention_lift", "complaint_iceberg", "word_of_mouth", "retellings_lower_bound",
    "cohort_table", "churn_rate", "kaplan_meier", "survival_at", "churn_by_segment", "winback_value",
]


#: The numbers the seeds state (SYLLABUS B.11.1), for the notebooks to test against models.
SEED_CLAIMS = {
    "satisfaction_up": 0.015,  # "if customer satisfaction rises by 1.5 % ...
    "satisfaction_profit_gain": 0.05,  # ... profit rises by 5 %"
    "loyalty_profit_gain": (0.25, 0.85),  # keeping customers loyal raises their profit by 25-85 %
    "acquisition_multiple": (5, 10),  # a new customer costs 5-10 times as much as keeping one
    "churn_cut": 0.02,  # cutting churn by 2 % ...
    "cost_cut_equivalent": 0.10,  # ... is like cutting costs by 10 %
    "referrals_per_satisfied": 0.25,  # 100 satisfied customers bring 25 new ones
}
#: The six steps of handling a complaint (SYLLABUS B.12).
COMPLAINT_STEPS = ("listen", "repeat and confirm", "apologise", "acknowledge feelings",
                   "explain the corrective action", "thank")


# ============================================================================================
# Satisfaction
# ============================================================================================


def weighted_csi(scores, weights) -> float:
    """A weighted customer satisfaction index: sum of weight x attribute score (weights add up to 1).

    Weights 0.30, 0.25, 0.20, 0.15, 0.10 and scores 80, 70, 90, 60, 85 -> 77.0.
    """
    s = np.asarray([_num("score", x) for x in scores])
    w = np.asarray([_num("weight", x, low=0) for x in weights])
    if len(s) != len(w) or len(s) == 0:
        raise ParameterError(f"Give one weight per score: {len(s)} scores, {len(w)} weights.")
    if not math.isclose(w.sum(), 1.0, abs_tol=1e-6):
        raise ParameterError(f"The weights must add up to 1; they add up to {w.sum():.4g}.")
    return float(s @ w)


#: The ACSI structure (Fornell et al. 1996): each construct and the constructs that explain it.
ACSI_PATHS = {
    "quality": ["expectations"],
    "value": ["expectations", "quality"],
    "satisfaction": ["expectations", "quality", "value"],
    "complaints": ["satisfaction"],
    "loyalty": ["satisfaction", "complaints"],
}
#: Survey items of each construct (columns of the `survey` dataset).
ACSI_ITEMS = {
    "expectations": ["exp_1", "exp_2", "exp_3"],
    "quality": ["pq_1", "pq_2", "pq_3"],
    "value": ["pv_1", "pv_2"],
    "satisfaction": ["sat_1", "sat_2", "sat_3"],
    "complaints": ["complained"],
    "loyalty": ["loy_repurchase", "loy_recommend", "loy_price_tolerance"],
}


@dataclass(frozen=True)
class SatisfactionIndex:
    """An estimated satisfaction index: the path coefficients and the index on a 0-100 scale."""

    paths: pd.DataFrame  # one row per arrow: source, target, coefficient, standard_error
    r_squared: dict
    index: float  # mean satisfaction on 0-100
    scores: pd.DataFrame  # construct scores per respondent

    def coefficient(self, source: str, target: str) -> float:
        row = self.paths[(self.paths["source"] == source) & (self.paths["target"] == target)]
        if row.empty:
            raise ParameterError(f"There is no path {source} -> {target} in the model.")
        return float(row["coefficient"].iloc[0])


def _ols(y, X):
    X1 = np.column_stack([np.ones(len(y)), X])
    beta, *_ = np.linalg.lstsq(X1, y, rcond=None)
    resid = y - X1 @ beta
    dof = max(len(y) - X1.shape[1], 1)
    sigma2 = resid @ resid / dof
    cov = sigma2 * np.linalg.pinv(X1.T @ X1)
    r2 = 1 - (resid @ resid) / max(((y - y.mean()) ** 2).sum(), 1e-300)
    return beta[1:], np.sqrt(np.diag(cov))[1:], float(r2)


def satisfaction_index(survey: pd.DataFrame, items: dict | None = None, paths: dict | None = None,
                       scale=(1, 10)) -> SatisfactionIndex:
    """Estimate an ACSI-structured satisfaction index from survey answers.

    **Method** (documented, simple, and transparent for a classroom): each construct's score is the
    mean of its items (the complaint construct is the 0/1 answer); each structural equation of
    ``paths`` (default :data:`ACSI_PATHS`) is estimated by ordinary least squares on those scores;
    the index is mean satisfaction rescaled to 0-100, (score - low) / (high - low) x 100. The official
    ACSI weights items by PLS; equal item weights are the course's simplification.
    """
    items = ACSI_ITEMS if items is None else items
    paths = ACSI_PATHS if paths is None else paths
    cols = [c for group in items.values() for c in group]
    require_columns(survey, cols, "survey")
    lo, hi = scale
    scores = {}
    for construct, group in items.items():
        block = survey[group]
        if block.isna().any().any():
            bad = block.index[block.isna().any(axis=1)]
            raise DataError(f"The survey has missing answers for {construct} ({group}) in {describe_rows(bad)}.")
        if construct == "complaints":
            scores[construct] = block.iloc[:, 0].astype(float).to_numpy()
            continue
        vals = block.to_numpy(dtype=float)
        bad = (vals < lo) | (vals > hi)
        if bad.any():
            rows = block.index[bad.any(axis=1)]
            raise DataError(f"Answers outside the {lo}-{hi} scale for {construct} ({group}) in {describe_rows(rows)}.")
        scores[construct] = vals.mean(axis=1)
    rows, r2 = [], {}
    for target, sources in paths.items():
        coef, se, r2[target] = _ols(scores[target], np.column_stack([scores[s] for s in sources]))
        rows += [{"source": s, "target": target, "coefficient": c, "standard_error": e}
                 for s, c, e in zip(sources, coef, se)]
    index = float((scores["satisfaction"].mean() - lo) / (hi - lo) * 100)
    return SatisfactionIndex(pd.DataFrame(rows), r2, index, pd.DataFrame(scores, index=survey.index))


def nps(scores) -> float:
    """Net Promoter Score: % promoters (9-10) minus % detractors (0-6) of 0-10 answers, from -100 to 100.

    Scores 10, 9, 9, 8, 7, 6, 10, 3, 9, 5 -> 50 % - 30 % = 20.
    """
    s = pd.Series(scores, dtype="float64") if not isinstance(scores, pd.Series) else scores.astype("float64")
    if len(s) == 0:
        raise DataError("nps() needs at least one answer.")
    bad = s.isna() | (s < 0) | (s > 10) | (s != s.round())
    if bad.any():
        raise DataError(f"NPS answers must be whole numbers from 0 to 10; {describe_rows(s.index[bad])} are not.")
    return float(((s >= 9).mean() - (s <= 6).mean()) * 100)


def loyalty_curve(survey: pd.DataFrame, satisfaction: str = "sat_1", loyalty: str = "nps_score",
                  by: str | None = "segment") -> pd.DataFrame:
    """Mean loyalty at each satisfaction level (1-10), per segment, with the zone of each level:
    defection (1-4), indifference (5-8) or affection (9-10) -- the zones of Jones and Sasser (1995).

    The "satisfaction trap" (顾客满意陷阱) shows where satisfied customers (7-8) are hardly more
    loyal than lukewarm ones: only the very satisfied are loyal.
    """
    cols = [satisfaction, loyalty] + ([by] if by else [])
    require_columns(survey, cols, "survey")
    df = survey[cols].dropna().copy()
    df["level"] = df[satisfaction].round().clip(1, 10).astype(int)
    keys = ([by] if by else []) + ["level"]
    out = df.groupby(keys, observed=True)[loyalty].agg(["mean", "size"]).rename(columns={"mean": "loyalty", "size": "n"})
    out = out.reset_index()
    out["zone"] = pd.cut(out["level"], [0, 4, 8, 10], labels=["defection", "indifference", "affection"])
    return out


# ============================================================================================
# Switching costs
# ============================================================================================


def switching_cost(procedural: float = 0.0, financial: float = 0.0, relational: float = 0.0) -> float:
    """Total switching cost (转移成本) of one customer, by the components of Burnham, Frels and Mahajan
    (2003): procedural (time, effort, learning, set-up, risk), financial (lost benefits and money),
    relational (lost personal and brand relationships), each in ¥."""
    return (_num("procedural", procedural, low=0) + _num("financial", financial, low=0)
            + _num("relational", relational, low=0))


@dataclass(frozen=True)
class SwitchingDecision:
    """Whether a customer switches: the competitor's advantage in present value against the cost."""

    decision: str  # "stay" or "switch"
    advantage_pv: float
    switching_cost: float
    margin_of_safety: float  # switching cost - advantage: how much more advantage the competitor needs
    break_even_advantage: float  # advantage per period at which the customer is indifferent


def _annuity(horizon, discount):
    return sum((1 + discount) ** -t for t in range(1, horizon + 1))


def switching_decision(advantage_per_period: float, switching_cost: float, horizon: int = 1,
                       discount: float = 0.0) -> SwitchingDecision:
    """Stay or switch? A rational customer switches when the present value of what the competitor
    saves him each period (received at each period's end, over ``horizon`` periods) exceeds his
    switching cost; at equality he stays (inertia).

    650 switching cost against ¥400 a year: 1 year -> stay (margin ¥250); 3 years -> switch
    (¥1,200); 3 years at 10 % -> PV ¥994.74, switch.
    """
    adv = _num("advantage_per_period", advantage_per_period)
    cost = _num("switching_cost", switching_cost, low=0)
    n = _num("horizon", horizon, low=1, integer=True)
    d = _num("discount", discount, low=-1, low_open=True)
    af = _annuity(n, d)
    pv = adv * af
    return SwitchingDecision("switch" if pv > cost + 1e-9 else "stay", pv, cost, cost - pv, cost / af)


def share_staying(switching_costs, advantage_per_period: float, horizon: int = 1, discount: float = 0.0) -> float:
    """Share of a population of customers (their switching costs, ¥) who stay against an offer."""
    c = np.asarray(switching_costs, dtype=float)
    if c.size == 0 or np.any(~np.isfinite(c)) or np.any(c < 0):
        raise DataError("switching_costs must be a non-empty list of costs, 0 or more.")
    pv = _num("advantage_per_period", advantage_per_period) * _annuity(_num("horizon", horizon, low=1, integer=True),
                                                                      _num("discount", discount, low=-1, low_open=True))
    return float((c >= pv - 1e-9).mean())


#: The course's catalogue of 17 ways to raise switching costs (seed 000 announces "17 methods"
#: without listing them; this list is the course's own, mapped to Burnham-Frels-Mahajan components).
#: ``cost`` is the course's illustrative cost per customer and year, ``raises`` the switching cost it
#: adds for a typical customer (both ¥, assumptions for the widget, not data).
SWITCHING_WAYS = pd.DataFrame([
    (1, "Loyalty points and accumulated rewards lost on leaving", "financial", 30, 120),
    (2, "Membership tiers / VIP status earned over time", "financial, relational", 40, 150),
    (3, "Volume or tenure rebates paid at the end of the period", "financial", 50, 200),
    (4, "Deposits, prepaid cards and stored value", "financial", 10, 100),
    (5, "Term contracts with early-termination fees", "financial", 5, 250),
    (6, "Bundles and cross-selling: leaving means replacing several products", "procedural", 20, 150),
    (7, "Personalisation that learns the customer's preferences", "procedural", 25, 100),
    (8, "Integration with the customer's systems and processes", "procedural", 80, 300),
    (9, "Proprietary standards, compatible consumables and accessories", "procedural, financial", 15, 120),
    (10, "Training the customer's staff on our product", "procedural", 60, 180),
    (11, "Keeping the customer's records, history and configurations", "procedural", 10, 80),
    (12, "Service guarantees and time-limit promises (the Zhejiang hotel)", "procedural", 35, 90),
    (13, "A dedicated account manager and personal relationships", "relational", 90, 200),
    (14, "Customer clubs and communities", "relational", 30, 80),
    (15, "Joint development, joint investment, strategic alliances", "relational, financial", 150, 400),
    (16, "Shared values and brand identification", "relational", 20, 60),
    (17, "Business support: management training, information, market support", "relational, procedural", 70, 160),
], columns=["no", "way", "component", "cost", "raises"]).set_index("no")


# ============================================================================================
# Retention economics
# ============================================================================================


def cohort_survivors(n0: float, retention: float, years: int) -> float:
    """Customers left of a cohort of ``n0`` after ``years`` at a constant ``retention`` rate (1000 x 0.8^5 = 327.68)."""
    return _num("n0", n0, low=0) * _num("retention", retention, low=0, high=1) ** _num("years", years, low=0, integer=True)


def expected_lifetime(retention: float) -> float:
    """Expected number of periods a customer stays when each period he is kept with probability
    ``retention``: 1 / (1 - retention) (80 % -> 5 periods)."""
    r = _num("retention", retention, low=0, high=1)
    if r >= 1:
        raise ParameterError("With a retention of 1 customers stay for ever: the expected lifetime is infinite.")
    return 1 / (1 - r)


def implied_growth(multiple: float = 2.0, years: int = 5) -> float:
    """The yearly growth rate that multiplies a quantity by ``multiple`` in ``years`` (2x in 5 years: 14.87 %)."""
    m = _num("multiple", multiple, low=0, low_open=True)
    n = _num("years", years, low=0, low_open=True)
    return m ** (1 / n) - 1


def acquisition_cost_range(retention_cost: float, low: float = 5, high: float = 10) -> tuple:
    """The cost of winning a new customer by the seeds' rule, 5 to 10 times that of keeping one."""
    c = _num("retention_cost", retention_cost, low=0)
    return (c * _num("low", low, low=0), c * _num("high", high, low=0))


def retention_lift(retention: float, increase: float = 0.05, margin: float = 100.0, margin_growth: float = 0.0,
                   discount: float = 0.10, horizon: int = 50) -> float:
    """Relative increase of a customer's value when retention rises by ``increase`` (5 points).

    Value = sum of margin (1+g)^t rho^t / (1+d)^t, t = 0..horizon-1, with margins growing ``margin_growth``
    a year as customers buy more and cost less to serve (Reichheld's argument). This is how the
    course tests the seeds' "5 % more loyalty -> 25-85 % more profit".
    """
    rho = _num("retention", retention, low=0, high=1)
    inc = _num("increase", increase, low=0)
    if rho + inc > 1:
        raise ParameterError(f"retention + increase = {rho + inc:.2f} is above 1.")
    g, d = _num("margin_growth", margin_growth, low=-1, low_open=True), _num("discount", discount, low=-1, low_open=True)
    n = _num("horizon", horizon, low=1, integer=True)
    t = np.arange(n)

    def value(r):
        return float((margin * ((1 + g) * r / (1 + d)) ** t).sum())

    return value(rho + inc) / value(rho) - 1


def retention_economics(n0: int = 1000, retention: float = 0.8, margin: float = 200.0, retention_cost: float = 20.0,
                        acquisition_cost: float = 150.0, new_per_year: int = 0, years: int = 10) -> pd.DataFrame:
    """A customer base year by year: customers at the start, kept, lost, acquired, and profit
    (margin - retention cost on every customer served, minus acquisition cost of new ones)."""
    n = _num("n0", n0, low=0)
    r = _num("retention", retention, low=0, high=1)
    T = _num("years", years, low=1, integer=True)
    new = _num("new_per_year", new_per_year, low=0)
    m, rc, ac = _num("margin", margin), _num("retention_cost", retention_cost, low=0), _num("acquisition_cost", acquisition_cost, low=0)
    rows = []
    customers = n
    cumulative = 0.0
    for year in range(1, T + 1):
        profit = customers * (m - rc) - new * ac
        cumulative += profit
        kept = customers * r
        rows.append({"year": year, "customers": customers, "kept": kept, "lost": customers - kept, "acquired": new,
                     "profit": profit, "cumulative_profit": cumulative})
        customers = kept + new
    return pd.DataFrame(rows).set_index("year")


def complaint_iceberg(complaints: float, share_complaining: float) -> dict:
    """The complaint iceberg (投诉冰山): complaints received are the visible tip; with only
    ``share_complaining`` of dissatisfied customers complaining, the dissatisfied are complaints / share."""
    c = _num("complaints", complaints, low=0)
    s = _num("share_complaining", share_complaining, low=0, high=1, low_open=True)
    total = c / s
    return {"complaints": c, "dissatisfied": total, "silent": total - c}


def word_of_mouth(satisfied: float, rate: float = 0.25) -> float:
    """New customers brought by satisfied ones: 100 satisfied customers bring 25 (the seed's rate)."""
    return _num("satisfied", satisfied, low=0) * _num("rate", rate, low=0)


def retellings_lower_bound(complainants: float, share: float, people: float) -> float:
    """At least how many retellings when ``share`` of ``complainants`` told ``people`` or more each
    (1,000 complainants, 12 % told 20 or more -> at least 2,400)."""
    return _num("complainants", complainants, low=0) * _num("share", share, low=0, high=1) * _num("people", people, low=0)


# ============================================================================================
# Churn and survival
# ============================================================================================

DAYS_PER_MONTH = 365.25 / 12


def _contracts(df, start, end, fee=None, asof=None):
    cols = [start, end] + ([fee] if fee else [])
    require_columns(df, cols, "contract table")
    s = pd.to_datetime(df[start], errors="coerce")
    e = pd.to_datetime(df[end], errors="coerce")
    bad = s.isna()
    if bad.any():
        raise DataError(f"The column {start!r} has missing or unparsable dates in {describe_rows(df.index[bad])}.")
    maybe = e.isna() & df[end].notna()
    bad_end = maybe.copy()
    if maybe.any():  # an empty string means "still active"; anything else that did not parse is an error
        bad_end[maybe] = df.loc[maybe, end].astype(str).str.strip() != ""
    if bad_end.any():
        raise DataError(f"The column {end!r} has unparsable dates in {describe_rows(df.index[bad_end])}.")
    bad = e < s
    if bad.any():
        raise DataError(f"Contracts cannot end before they start: {describe_rows(df.index[bad])}.")
    if fee:
        f = pd.to_numeric(df[fee], errors="coerce")
        bad = f.isna() | (f < 0)
        if bad.any():
            raise DataError(f"The column {fee!r} must hold fees of 0 or more; {describe_rows(df.index[bad])} do not.")
    asof = (e.max() if e.notna().any() else s.max()) if asof is None else pd.Timestamp(asof)
    if pd.isna(asof):
        asof = s.max()
    if (e > asof).any() or (s > asof).any():
        raise DataError(f"Some contracts start or end after the as-of date {pd.Timestamp(asof).date()}.")
    return s, e, pd.Timestamp(asof)


def kaplan_meier(durations, churned) -> pd.DataFrame:
    """The Kaplan-Meier survival curve (a small vectorised implementation, not a dependency).

    ``durations``: time each customer was observed (to churn, or to the end of observation);
    ``churned``: True if the customer churned at that time, False if still active (censored).
    Returns one row per distinct time: at_risk, churned, censored, survival S(t) (share still
    active just after t). Ties: churn at t is counted before censoring at t, as usual.
    """
    d = np.asarray(durations, dtype=float)
    c = np.asarray(churned)
    if d.shape != c.shape:
        raise DataError("durations and churned must have the same length.")
    if d.size == 0:
        raise DataError("kaplan_meier() needs at least one customer.")
    if np.any(~np.isfinite(d)) or np.any(d < 0):
        raise DataError(f"durations must be finite and not negative; {describe_rows(np.flatnonzero(~np.isfinite(d) | (d < 0)))} are not.")
    c = c.astype(bool)
    order = np.argsort(d, kind="stable")
    ds, cs = d[order], c[order]
    times, first, counts = np.unique(ds, return_index=True, return_counts=True)
    events = np.add.reduceat(cs.astype(np.int64), first)
    censored = counts - events
    at_risk = len(d) - np.concatenate([[0], np.cumsum(counts)[:-1]])
    survival = np.cumprod(1 - events / at_risk)
    return pd.DataFrame({"at_risk": at_risk, "churned": events, "censored": censored, "survival": survival},
                        index=pd.Index(times, name="time"))


def survival_at(km: pd.DataFrame, t: float) -> float:
    """The survival S(t) read from a ``kaplan_meier`` table: the last value at or before ``t``."""
    idx = np.searchsorted(km.index.to_numpy(), t, side="right") - 1
    return 1.0 if idx < 0 else float(km["survival"].iloc[idx])


def cohort_table(contracts: pd.DataFrame, start: str = "start_date", end: str = "end_date", periods: int = 12,
                 asof=None, freq: str = "M") -> pd.DataFrame:
    """Cohort retention (同期群留存表): rows = cohorts by start month (or quarter, ``freq="Q"``),
    columns = months since start 0..periods, values = share of the cohort still active.

    Censoring: a month k is shown for a cohort only when every contract of the cohort could be
    observed that long before ``asof`` (default: the last date in the table); otherwise NaN.
    """
    s, e, asof = _contracts(contracts, start, end, asof=asof)
    if freq not in ("M", "Q"):
        raise ParameterError(f"freq must be 'M' or 'Q', not {freq!r}.")
    K = _num("periods", periods, low=1, integer=True)
    if len(s) == 0:
        raise DataError("The contract table is empty: there is no cohort to follow.")
    life = ((e.fillna(asof) - s).dt.days.to_numpy() / DAYS_PER_MONTH)
    ended = e.notna().to_numpy()
    alive_months = np.where(ended, life, np.inf)  # active k months after the start if the life is longer
    cohort = s.dt.to_period(freq)
    codes, uniq = pd.factorize(cohort, sort=True)
    n_c = len(uniq)
    size = np.bincount(codes, minlength=n_c)
    table = np.full((n_c, K + 1), np.nan)
    last_start = s.groupby(codes).max().reindex(range(n_c))
    observable = ((asof - last_start).dt.days.to_numpy() / DAYS_PER_MONTH)
    for k in range(K + 1):
        active = np.bincount(codes, weights=(alive_months > k).astype(float), minlength=n_c)
        ok = observable >= k
        table[ok, k] = active[ok] / size[ok]
    out = pd.DataFrame(table, index=pd.Index(uniq.astype(str), name="cohort"), columns=pd.RangeIndex(0, K + 1, name="month"))
    out.insert(0, "customers", size)
    return out


def churn_rate(contracts: pd.DataFrame, period_start, period_end, start: str = "start_date",
               end: str = "end_date") -> float:
    """Share of the customers active at ``period_start`` who churned by ``period_end``."""
    s, e, _ = _contracts(contracts, start, end, asof=period_end if contracts[end].notna().sum() == 0 else None)
    a, b = pd.Timestamp(period_start), pd.Timestamp(period_end)
    if b <= a:
        raise ParameterError("period_end must be after period_start.")
    active = (s <= a) & (e.isna() | (e > a))
    if not active.any():
        raise DataError(f"No customer was active on {a.date()}: the churn rate is not defined (an empty cohort).")
    lost = active & e.notna() & (e <= b)
    return float(lost.sum() / active.sum())


def churn_by_segment(contracts: pd.DataFrame, segment: str = "segment", start: str = "start_date",
                     end: str = "end_date", asof=None, months=(6, 12, 24)) -> pd.DataFrame:
    """Per segment: customers, churned, and Kaplan-Meier survival at 6, 12 and 24 months; riskiest first."""
    require_columns(contracts, [segment], "contract table")
    s, e, asof = _contracts(contracts, start, end, asof=asof)
    dur = (e.fillna(asof) - s).dt.days.to_numpy() / DAYS_PER_MONTH
    churned = e.notna().to_numpy()
    rows = []
    for name, idx in contracts.groupby(segment, observed=True).indices.items():
        km = kaplan_meier(dur[idx], churned[idx])
        row = {"segment": name, "customers": len(idx), "churned": int(churned[idx].sum())}
        row.update({f"survival_{m}m": survival_at(km, m) for m in months})
        rows.append(row)
    return pd.DataFrame(rows).set_index("segment").sort_values(f"survival_{months[1]}m")


def winback_value(lost_customers: float, win_rate: float, margin: float, retention: float, discount: float,
                  cost_per_attempt: float) -> dict:
    """Value of a win-back campaign (挽回流失客户): customers won back x their remaining value
    (a retention model, margin at the start of each period) minus the cost of contacting all of them."""
    n = _num("lost_customers", lost_customers, low=0)
    w = _num("win_rate", win_rate, low=0, high=1)
    r = _num("retention", retention, low=0, high=1)
    d = _num("discount", discount, low=0, low_open=True)
    value_each = _num("margin", margin) * (1 + d) / (1 + d - r)
    cost = n * _num("cost_per_attempt", cost_per_attempt, low=0)
    won = n * w
    return {"won_back": won, "value_per_customer": value_each, "cost": cost, "net_value": won * value_each - cost}
