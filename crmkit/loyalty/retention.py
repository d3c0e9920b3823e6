"""Retention economics (客户保持): cohort survivors, expected lifetime, the retention lift, complaint
iceberg and word of mouth, and the seeds' claims (chapter 09)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import _validate as v
from .. import money
from ..errors import ParameterError

# Constraints declared once per function (@v.params); the harness derives its cases from them.
COUNT = v.Number(low=0, kind="size")  # customers, complaints ...
MONEY = v.Number(kind="money")
COST = v.Number(low=0, kind="money")
SHARE = v.Share()

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





@v.params(n0=COUNT, retention=SHARE, years=v.Number(low=0, integer=True, kind="size"))
def cohort_survivors(n0: float, retention: float, years: int) -> float:
    """Customers left of a cohort of ``n0`` after ``years`` at a constant ``retention`` rate (1000 x 0.8^5 = 327.68)."""
    return n0 * float(money.survival(retention, 1, first=years)[0])


@v.params(retention=SHARE)
def expected_lifetime(retention: float) -> float:
    """Expected number of periods a customer stays when each period he is kept with probability
    ``retention``: 1 / (1 - retention) (80 % -> 5 periods). See :func:`crmkit.money.expected_lifetime`."""
    return money.expected_lifetime(retention)


@v.params(multiple=v.Number(low=0, low_open=True, kind="size"), years=v.Number(low=0, low_open=True, kind="size"))
def implied_growth(multiple: float = 2.0, years: int = 5) -> float:
    """The yearly growth rate that multiplies a quantity by ``multiple`` in ``years`` (2x in 5 years: 14.87 %)."""
    m, n = multiple, years
    try:
        return m ** (1 / n) - 1
    except OverflowError:
        raise ParameterError(f"A {multiple!r}-fold change in {years!r} years is too steep to compute.") from None


@dataclass(frozen=True)
class AcquisitionCostRange:
    """What winning a new customer costs by the seeds' rule (5-10x keeping one)."""

    low: float
    high: float


@v.params(retention_cost=COST, low=v.Number(low=0), high=v.Number(low=0))
def acquisition_cost_range(retention_cost: float, low: float = 5, high: float = 10) -> AcquisitionCostRange:
    """The cost of winning a new customer by the seeds' rule, 5 to 10 times that of keeping one."""
    c, lo, hi = retention_cost, low, high
    if hi < lo:
        raise ParameterError(f"high ({high!r}) must be at least low ({low!r}).")
    return AcquisitionCostRange(c * lo, c * hi)


@v.params(retention=SHARE, increase=v.Number(low=0), margin_growth=money.GROWTH, discount=money.RATE,
          horizon=money.HORIZON)
def retention_lift(retention: float, increase: float = 0.05, margin=None, margin_growth: float = 0.0,
                   discount: float = 0.10, horizon: int = 50) -> float:
    """Relative increase of a customer's value when retention rises by ``increase`` (5 points).

    Value = sum of margin (1+g)^t rho^t / (1+d)^t, t = 0..horizon-1, with margins growing ``margin_growth``
    a year as customers buy more and cost less to serve (Reichheld's argument). This is how the
    course tests the seeds' "5 % more loyalty -> 25-85 % more profit". Computed by
    :func:`crmkit.money.retention_lift`. **Deprecated**: ``margin`` cancels out of the ratio, so it changes
    nothing; passing it warns (DeprecationWarning) and it will be removed.
    """
    if margin is not None:
        import warnings

        warnings.warn("loyalty.retention_lift(margin=...) is deprecated: the margin cancels out of the lift and "
                      "is ignored; leave it out.", DeprecationWarning, stacklevel=2)
    return money.retention_lift(retention, increase, margin_growth=margin_growth, discount=discount, horizon=horizon)


@v.params(n0=COUNT, retention=SHARE, margin=MONEY, retention_cost=COST, acquisition_cost=COST, new_per_year=COUNT,
          years=v.Number(low=1, high=1000, integer=True, kind="size"))
def retention_economics(n0: int = 1000, retention: float = 0.8, margin: float = 200.0, retention_cost: float = 20.0,
                        acquisition_cost: float = 150.0, new_per_year: int = 0, years: int = 10) -> pd.DataFrame:
    """A customer base year by year: customers at the start, kept, lost, acquired, and profit
    (margin - retention cost on every customer served, minus acquisition cost of new ones)."""
    n, r, T, new = n0, retention, years, new_per_year
    m, rc, ac = margin, retention_cost, acquisition_cost
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


@dataclass(frozen=True)
class ComplaintIceberg:
    """The visible tip (complaints) and the hidden mass (silent dissatisfied customers)."""

    complaints: float
    dissatisfied: float
    silent: float


@v.params(complaints=COUNT, share_complaining=v.Share(low_open=True))
def complaint_iceberg(complaints: float, share_complaining: float) -> ComplaintIceberg:
    """The complaint iceberg (投诉冰山): complaints received are the visible tip; with only
    ``share_complaining`` of dissatisfied customers complaining, the dissatisfied are complaints / share."""
    c, s = complaints, share_complaining
    total = v.finite("The number of dissatisfied customers", c / s,
                     change=f"share_complaining = {share_complaining!r} is too small; give a share such as 0.04 (4 %)")
    return ComplaintIceberg(c, total, total - c)


@v.params(satisfied=COUNT, rate=v.Number(low=0))
def word_of_mouth(satisfied: float, rate: float = 0.25) -> float:
    """New customers brought by satisfied ones: 100 satisfied customers bring 25 (the seed's rate)."""
    return satisfied * rate


@v.params(complainants=COUNT, share=v.Number(low=0, high=1, kind="share"), people=COUNT)
def retellings_lower_bound(complainants: float, share: float, people: float) -> float:
    """At least how many retellings when ``share`` of ``complainants`` told ``people`` or more each
    (1,000 complainants, 12 % told 20 or more -> at least 2,400)."""
    return complainants * share * people


@dataclass(frozen=True)
class ChurnCostEquivalence:
    """The seeds' claim "cutting churn by 2 % is like cutting costs by 10 %", as a model with its assumptions."""

    churn: float  # churn rate per period before the cut
    churn_cut: float  # points of churn removed (0.02 = 2 points)
    cost_ratio: float  # cost to serve / revenue per customer and period
    discount: float
    value_before: float  # value of a customer paying ¥1 of revenue a period, before
    value_after_churn_cut: float
    equivalent_cost_cut: float  # the cut in costs (share of costs) that raises customer value as much
    claim_holds: bool  # within 1 point of the seeds' 10 %


@v.params(churn=v.Share(low_open=True), churn_cut=v.Number(low=0, low_open=True),
          cost_ratio=v.Number(low=0, high=1, high_open=True), discount=v.Number(low=0, kind="rate"))
def churn_cost_equivalence(churn: float, *, churn_cut: float = 0.02, cost_ratio: float = 0.8,
                           discount: float = 0.10) -> ChurnCostEquivalence:
    """How much cost would have to fall to match a cut in churn, for the value of a customer.

    A customer brings revenue 1 and costs ``cost_ratio`` a period while he stays; he stays from one
    period to the next with probability 1 - churn; value is the discounted margin with the margin at the
    start of each period (:func:`crmkit.money.present_value`). The equivalent cost cut x solves
    value(churn - cut, cost) = value(churn, cost (1 - x)). It is large when margins are thin (a high
    ``cost_ratio``) and churn is low: the seeds' "2 % ≈ 10 %" holds only for such businesses.

    >>> round(churn_cost_equivalence(0.05, cost_ratio=0.9, discount=0.0).equivalent_cost_cut, 3)
    0.074
    """
    c, cut, ratio, d = churn, churn_cut, cost_ratio, discount
    if cut >= c:
        raise ParameterError(f"churn_cut ({cut:g}) must be below the churn rate ({c:g}).")
    if d == 0 and c - cut <= 0:
        raise ParameterError("With no discounting and no churn the value is infinite.")
    margin = 1 - ratio
    before = money.present_value(margin, retention=1 - c, discount=d, timing="start")
    after = money.present_value(margin, retention=1 - c + cut, discount=d, timing="start")
    factor = money.present_value_factor(retention=1 - c, discount=d, timing="start")
    # after = (1 - ratio (1 - x)) factor  =>  x = (after / factor - margin) / ratio
    x = (after / factor - margin) / ratio if ratio > 0 else float("inf")
    if not np.isfinite(x):
        raise ParameterError("With no costs (cost_ratio = 0) no cost cut can match a churn cut.")
    return ChurnCostEquivalence(c, cut, ratio, d, before, after, float(x), bool(abs(x - 0.10) <= 0.01))
