"""Textbook CLV formulas, the Dwyer retention and migration models, and the customer-event method.

Conventions (the sources never show their formula images, so the course states them):
a cash flow in year t is divided by (1 + r)^t, t = 1..n (end of period); the first purchase and
the acquisition cost happen at t = 0 and are not discounted. Where a model's form is
reconstructed from its symbols, the docstring says **[inferred]**.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import _validate as v
from .. import money
from ..errors import ParameterError

_num = v.number

__all__ = [
    "RetentionCurve",
    "clv_model_one",
    "clv_model_two",
    "clv_model_three",
    "clv_components",
    "clv_lifecycle",
    "ltv",
    "retention_clv",
    "retention_value_curve",
    "MigrationModel",
    "customer_event_clv",
]


# Constraints declared once per function (@v.params); the harness derives its cases from them.
AMOUNT = money.MARGIN  # ¥ per year or per purchase
YEARS = v.Number(low=0, integer=True, kind="size")


def _rate(r, name="r"):
    return _num(name, r, low=-1, low_open=True)


def _annuity(r, n) -> float:
    """Σ 1 / (1 + r)^t, t = 1..n, in the textbook's symbols, by :func:`crmkit.money.annuity_factor`."""
    return money.annuity_factor(_rate(r), _num("n", n, low=0, integer=True))


def _finite(value: float) -> float:
    return v.finite("The CLV", value, change="use smaller amounts, fewer years n or a discount rate r nearer 0")


def annuity_factor(r: float, n: int) -> float:
    """Deprecated: use :func:`crmkit.money.annuity_factor` (the one home of the annuity factor)."""
    import warnings

    warnings.warn("clv.annuity_factor(r, n) is deprecated: use crmkit.money.annuity_factor(discount, horizon).",
                  DeprecationWarning, stacklevel=2)
    return _annuity(r, n)


@v.params(In=AMOUNT, r=money.RATE, n=YEARS)
def clv_model_one(In: float, r: float, n: int) -> float:
    """Revenue-based CLV (基于收入的客户终身价值模型): sum of In / (1 + r)^t, t = 1..n.

    The textbook defines In (yearly income from the customer), r (discount rate) and n (years of
    loyalty) but does not show the formula; this is the standard form **[inferred]**.
    Exercise 3: In = 1000, r = 8 %, n = 10 -> ¥6,710.08.
    """
    return _finite(In * money.annuity_factor(r, n))


@v.params(Po=AMOUNT, Co=AMOUNT, In=AMOUNT, r=money.RATE, n=YEARS)
def clv_model_two(Po: float, Co: float, In: float, r: float, n: int) -> float:
    """Model two **[inferred]**: first purchase Po minus acquisition cost Co at t = 0, plus model one."""
    return _finite(Po - Co + clv_model_one(In, r, n))


@v.params(Po=AMOUNT, Co=AMOUNT, In=AMOUNT, Cs=AMOUNT, r=money.RATE, n=YEARS)
def clv_model_three(Po: float, Co: float, In: float, Cs: float, r: float, n: int) -> float:
    """Model three **[inferred]**: (Po - Co) + sum of (In - Cs) / (1 + r)^t, t = 1..n (Cs: yearly service cost).

    Exercise 3: Po = 3000, Co = 500, In = 1000, Cs = 100, r = 8 %, n = 10 -> ¥8,539.07.
    """
    return _finite(Po - Co + (In - Cs) * money.annuity_factor(r, n))


def _components(name, parts) -> list:
    """CLV1 .. CLV6: one to six numbers, each named by its place (``CLV2 must be a number``)."""
    parts = () if parts is inspect.Parameter.empty else tuple(parts)  # *parts not given: none
    if not 1 <= len(parts) <= 6:
        raise ParameterError(f"give the CLV components CLV1 .. CLV6 (one to six numbers), not {len(parts)}.")
    return [_num(f"CLV{i + 1}", p) for i, p in enumerate(parts)]


@v.params(parts=v.Custom(_components, "one to six numbers, CLV1 .. CLV6"))
def clv_components(*parts: float) -> float:
    """CLV = CLV1 + ... + CLV6 (基于客户价值贡献): first purchase, repeat purchases and share of
    spending, cross-selling, lower cost of long cooperation, referrals, price premium."""
    return float(sum(parts))


def _amounts(name, values, *, low=None) -> list:
    """A list, or a dict such as {"Ca": 300, "Cp": 150}, of numbers, each named by its place or key
    (``costs['Cp'] must be at least 0``); None or a bare number is a DataError naming ``name``."""
    if isinstance(values, Mapping):
        return [_num(f"{name}[{k!r}]", x, low=low) for k, x in values.items()]
    return [_num(f"{name}[{i}]", x, low=low) for i, x in enumerate(v.values(name, values))]


def _stages(name, clr) -> list:
    stages = _amounts(name, clr)
    if not stages:
        raise ParameterError("clr is empty: give the revenue of each lifecycle stage.")
    return stages


@v.params(clr=v.Custom(_stages, "the revenue of each lifecycle stage: a list, or a dict by stage"),
          costs=v.Custom(lambda name, c: _amounts(name, c, low=0), "costs of 0 or more: a list, or a dict such as "
                         "{'Ca': 300, 'Cp': 150}"))
def clv_lifecycle(clr, costs) -> float:
    """Lifecycle-based CLV (基于生命周期): CLR1 + CLR2 + CLR3 + CLR4 - Ca - Cp - Cs - Cm.

    ``clr``: revenue (or gross profit) of each lifecycle stage -- exploration 考察期, formation 形成期,
    stable 稳定期, decline 退化期; ``costs``: the costs the textbook subtracts (a list, or a dict
    such as {"Ca": 300, "Cp": 150, "Cs": 400, "Cm": 250}). The source does not define Cp and Cm;
    Ca is acquisition and Cs service cost **[inferred]**.
    """
    return float(sum(clr) - sum(costs))


@v.params(profits=v.Numbers(), d=money.RATE)
def ltv(profits, d: float) -> float:
    """LTV = sum of profit_i / (1 + d)^i, i = 1, 2, ... (profits of periods 1, 2, ...)."""
    with np.errstate(over="ignore", invalid="ignore"):
        value = float(profits @ money.discount_factors(d, len(profits), timing="end"))
    return v.finite("The LTV", value, change="use smaller profits, fewer periods or a discount rate d nearer 0")


@v.params(margin=AMOUNT, retention=money.RETENTION, discount=money.RATE, horizon=money.HORIZON,
          acquisition_cost=AMOUNT)
def retention_clv(margin: float, retention: float, discount: float, horizon=None,
                  acquisition_cost: float = 0.0) -> float:
    """Dwyer's "lost for good" retention model (永久流失型): sum of m rho^t / (1 + d)^t, t = 0..T-1.

    ``margin`` is received at the start of each period while the customer stays; the customer is
    kept from one period to the next with probability ``retention`` (rho); ``horizon`` periods
    (None = forever: m (1 + d) / (1 + d - rho)); ``acquisition_cost`` is subtracted.
    Margin ¥100, rho = 0.8, d = 10 %: 5 years -> ¥292.06, forever -> ¥366.67.
    """
    value = money.present_value(margin, discount=discount, retention=retention, timing="start", horizon=horizon)
    return float(value - acquisition_cost)


@dataclass(frozen=True)
class RetentionCurve:
    """Period by period value of a retained customer, and when it pays back."""

    table: pd.DataFrame  # period, alive, discounted_margin, cumulative
    break_even_period: int | None  # first period whose cumulative value is >= 0; None: not within the horizon


@v.params(margin=AMOUNT, retention=money.RETENTION, discount=money.RATE,
          horizon=v.Number(low=1, high=v.MAX_PERIODS, integer=True, kind="size"), acquisition_cost=AMOUNT)
def retention_value_curve(margin: float, retention: float, discount: float, horizon: int,
                          acquisition_cost: float = 0.0) -> RetentionCurve:
    """Period by period: share of customers still there, discounted margin, cumulative value
    (acquisition cost at the start), and the first period where the cumulative value turns positive."""
    n, m = horizon, margin
    alive = money.survival(retention, n)
    value = m * alive * money.discount_factors(discount, n, timing="start")
    out = pd.DataFrame({"period": np.arange(1, n + 1), "alive": alive, "discounted_margin": value,
                        "cumulative": np.cumsum(value) - acquisition_cost})
    positive = out.index[out["cumulative"] >= 0]
    return RetentionCurve(out, int(out.loc[positive[0], "period"]) if len(positive) else None)


@dataclass(frozen=True)
class MigrationModel:
    """Dwyer's "always a share" customer migration model (暂时流失型): a Markov chain over recency.

    ``p_by_recency[k-1]`` is the probability that a customer whose last purchase was k periods ago
    buys in the period; a buyer moves to recency 1, a non-buyer to k + 1; the last state keeps
    those who do not buy. A customer who has just bought starts in state 1.
    """

    p_by_recency: tuple = field(default=())

    def __post_init__(self):
        p = tuple(float(_num("purchase probability", x, low=0, high=1))
                  for x in v.values("p_by_recency", self.p_by_recency))
        if not p:
            raise ParameterError("p_by_recency is empty: give the purchase probability of each recency state.")
        object.__setattr__(self, "p_by_recency", p)

    @property
    def transition_matrix(self) -> pd.DataFrame:
        """P[i, j]: probability of moving from recency state i to state j in one period."""
        p = np.array(self.p_by_recency)
        k = len(p)
        m = np.zeros((k, k))
        m[:, 0] = p
        for i in range(k):
            m[i, min(i + 1, k - 1)] += 1 - p[i]
        states = [f"recency {i + 1}" for i in range(k)]
        return pd.DataFrame(m, index=states, columns=states)

    def state_distribution(self, periods: int, start: int = 1) -> pd.DataFrame:
        """Probability of each recency state at the start of periods 1..``periods``."""
        n = _num("periods", periods, low=1, integer=True, high=v.MAX_PERIODS)
        k = len(self.p_by_recency)
        start = _num("start", start, low=1, high=k, integer=True)
        m = self.transition_matrix.to_numpy()
        dist = np.zeros(k)
        dist[start - 1] = 1
        rows = []
        for _ in range(n):
            rows.append(dist)
            dist = dist @ m
        return pd.DataFrame(rows, index=pd.RangeIndex(1, n + 1, name="period"), columns=self.transition_matrix.columns)

    def purchase_probabilities(self, periods: int, start: int = 1) -> pd.Series:
        """Probability of a purchase in each of periods 1..``periods``."""
        dist = self.state_distribution(periods, start)
        return pd.Series(dist.to_numpy() @ np.array(self.p_by_recency), index=dist.index, name="p_buy")

    def expected_value(self, margin: float, discount: float, horizon=None, start: int = 1) -> float:
        """Expected discounted value: sum of margin P(buy in t) / (1 + d)^t, t = 1..horizon.

        ``horizon=None``: the limit as the horizon grows, (I - P/(1+d))^-1 solved exactly.
        """
        m = _num("margin", margin)
        d = _num("discount", discount, low=0, low_open=True) if horizon is None else _rate(discount, "discount")
        if horizon is not None:
            p = self.purchase_probabilities(horizon, start)
            return float(m * p.to_numpy() @ money.discount_factors(d, len(p), timing="end"))
        k = len(self.p_by_recency)
        P = self.transition_matrix.to_numpy()
        v = np.linalg.solve(np.eye(k) - P / (1 + d), m * np.array(self.p_by_recency) / (1 + d))
        return float(v[_num("start", start, low=1, high=k, integer=True) - 1])


_PROBABILITY = v.Share()


@v.params(n_customers=v.Number(low=1, high=1_000_000, integer=True, kind="size"),
          periods=v.Number(low=1, high=1000, integer=True, kind="size"), margin=AMOUNT, p_purchase=_PROBABILITY,
          p_upgrade=_PROBABILITY, upgrade_gain=v.Number(low=-1), p_churn=_PROBABILITY, service_cost=AMOUNT,
          discount=money.RATE, seed=v.Number(low=0, integer=True))
def customer_event_clv(n_customers: int = 1000, periods: int = 10, margin: float = 100.0,
                       p_purchase: float = 0.6, p_upgrade: float = 0.1, upgrade_gain: float = 0.2,
                       p_churn: float = 0.15, service_cost: float = 10.0, discount: float = 0.1,
                       seed: int = 0) -> pd.DataFrame:
    """The customer-event method (客户事件法): simulate each customer's future events and cash flows.

    In each period an active customer may churn (probability ``p_churn``, then no more events),
    else buys with probability ``p_purchase`` (cash: margin), may upgrade (probability
    ``p_upgrade``: margin grows by ``upgrade_gain`` for the rest of the life) and costs
    ``service_cost``. Cash flows are discounted at (1 + d)^t, t = 1..periods. Seeded; returns one
    row per simulated customer: purchases, upgrades, periods active, CLV.
    """
    n, T, d, gain = n_customers, periods, discount, upgrade_gain
    if n * T > 20_000_000:
        raise ParameterError(f"n_customers x periods = {n * T:,} is more than this simulation draws in one call "
                             "(20,000,000); use fewer customers or periods.")
    factors = money.discount_factors(d, T, timing="end")
    rng = np.random.default_rng(seed)
    alive = np.ones(n, dtype=bool)
    m = np.full(n, margin)
    clv = np.zeros(n)
    buys = np.zeros(n, dtype=int)
    ups = np.zeros(n, dtype=int)
    active = np.zeros(n, dtype=int)
    for t in range(1, T + 1):
        alive &= rng.random(n) >= p_churn
        buy = alive & (rng.random(n) < p_purchase)
        up = alive & (rng.random(n) < p_upgrade)
        m = np.where(up, m * (1 + gain), m)
        cash = np.where(buy, m, 0.0) - np.where(alive, service_cost, 0.0)
        clv += cash * factors[t - 1]
        buys += buy
        ups += up
        active += alive
    return pd.DataFrame({"purchases": buys, "upgrades": ups, "periods_active": active, "clv": clv},
                        index=pd.RangeIndex(1, n + 1, name="customer"))
