"""Money over time (货币时间价值): the one home of discounting in the kit.

Every chapter that values a stream of margins -- textbook CLV (chapter 05), Dwyer's retention
model, switching decisions (08), retention economics and win-back (09), credit -- calls these
functions; nothing re-derives them.

A stream pays ``margin`` per period; a customer is kept from one period to the next with
probability ``retention``; margins grow by ``growth`` a period; money is discounted at
``discount`` (贴现率) a period. With the per-period factor ``q = retention (1 + growth) / (1 + discount)``
the present value of 1 per period is a geometric sum, computed in closed form (so a horizon of
10**9 periods costs the same as one of 10):

* ``timing="end"``: the first payment at the end of period 1, t = 1..n  (Σ q^t)
* ``timing="start"``: the first payment now, t = 0..n-1               (Σ q^t)

>>> round(annuity_factor(0.08, 10), 4)          # ¥1 a year for 10 years at 8 %
6.7101
>>> round(present_value(100, retention=0.8, discount=0.1, timing="start"), 2)  # Dwyer, margin first at t=0
366.67
>>> round(present_value(100, retention=0.8, discount=0.1, timing="end"), 2)    # textbook, first at end of year 1
266.67
"""

from __future__ import annotations

import math

import numpy as np

from . import _validate as v
from .errors import ParameterError

__all__ = [
    "TIMINGS",
    "per_period_factor",
    "present_value_factor",
    "present_value",
    "annuity_factor",
    "perpetuity",
    "discount_factors",
    "survival",
    "expected_lifetime",
    "retention_lift",
]

TIMINGS = ("end", "start")

# The constraints of this module's parameters, declared once (CONTRIBUTING, convention 1): each public
# function names its own in @v.params; the checks at the call and the bad-input harness's cases
# (tests/bad_input/cases_money.py) are both derived from them.
RATE = v.Number(low=-1, low_open=True, kind="rate")  # a discount rate per period, above -100 %
POSITIVE_RATE = v.Number(low=0, low_open=True, kind="rate")
GROWTH = v.Number(low=-1, low_open=True)
MARGIN = v.Number(kind="money")
HORIZON = v.Number(low=0, integer=True, optional=True, kind="size")  # None: for ever (closed forms)
PERIODS = v.Number(low=0, high=v.MAX_PERIODS, integer=True, kind="size")  # entries of an array
RETENTION = v.Share()
TIMING = v.Options(*TIMINGS)


@v.params(discount=RATE, retention=RETENTION, growth=GROWTH)
def per_period_factor(*, discount: float = 0.0, retention: float = 1.0, growth: float = 0.0) -> float:
    """q = retention x (1 + growth) / (1 + discount): what ¥1 of this period is worth one period on."""
    return retention * (1 + growth) / (1 + discount)


def _geometric(q: float, first: int, n) -> float:
    """Σ q^t for t = first .. first + n - 1 (n None: forever), in closed form."""
    if n is None:
        if q >= 1:
            raise ParameterError(
                "The value never stops growing (an infinite sum): with these retention, growth and discount "
                "rates each period is worth at least as much as the last. Use a finite horizon, a higher "
                "discount rate or a retention below 1."
            )
        return q**first / (1 - q)
    if n == 0:
        return 0.0
    if q == 1:
        return float(n)
    # q^n may under- or overflow for huge n: the limit is then exact (q < 1) or infinite (q > 1)
    try:
        qn = q**n
    except OverflowError:
        qn = math.inf
    if not math.isfinite(qn):
        raise ParameterError(f"The value over {n} periods is too large to compute (it grows without bound); "
                             "use a shorter horizon.")
    total = q**first * (1 - qn) / (1 - q)
    if not math.isfinite(total):
        raise ParameterError(f"The value over {n} periods is too large to compute; use a shorter horizon.")
    return float(total)


_UNSET = object()


def _horizon(horizon, periods=_UNSET, *, where: str):
    """The ``horizon`` of a valuation; ``periods=`` is its old name (CONTRIBUTING, names: ``periods`` counts the
    entries of an array, ``horizon`` how far a value looks ahead), accepted with a DeprecationWarning."""
    if periods is not _UNSET:
        import warnings

        if horizon is not None:
            raise ParameterError(f"{where}: give horizon= only (periods= is its old name).")
        warnings.warn(f"{where}(periods=...) is now {where}(horizon=...); periods= will be removed.",
                      DeprecationWarning, stacklevel=4)  # past the @v.params wrapper
        horizon = periods
    if horizon is None:
        return None
    return v.integer("horizon", horizon, low=0)


@v.params(discount=RATE, horizon=HORIZON, retention=RETENTION, growth=GROWTH, timing=TIMING)
def present_value_factor(*, discount: float = 0.0, horizon=None, retention: float = 1.0, growth: float = 0.0,
                         timing: str = "end", periods=_UNSET) -> float:
    """Present value of ¥1 per period (kept with ``retention``, growing by ``growth``), over ``horizon``
    periods (None: forever), paid at the end or the start of each period (``timing``)."""
    n = _horizon(horizon, periods, where="present_value_factor")
    q = retention * (1 + growth) / (1 + discount)
    return _geometric(q, 1 if timing == "end" else 0, n)


@v.params(margin=MARGIN, discount=RATE, horizon=HORIZON, retention=RETENTION, growth=GROWTH, timing=TIMING)
def present_value(margin: float, *, discount: float = 0.0, horizon=None, retention: float = 1.0,
                  growth: float = 0.0, timing: str = "end", periods=_UNSET) -> float:
    """Present value of a stream of ``margin`` per period over ``horizon`` periods (None: forever; see
    :func:`present_value_factor`)."""
    n = _horizon(horizon, periods, where="present_value")
    value = margin * present_value_factor(discount=discount, horizon=n, retention=retention, growth=growth,
                                     timing=timing)
    return v.finite("The present value", value, change="use a smaller margin, a shorter horizon or a higher discount rate")


@v.params(discount=RATE, horizon=HORIZON)
def annuity_factor(discount: float, horizon: int = None, *, periods=_UNSET) -> float:
    """Σ 1 / (1 + discount)^t, t = 1..horizon: the present value of ¥1 a period, paid at period ends.

    The one home of the annuity factor (``clv.annuity_factor(r, n)`` is a deprecated alias)."""
    n = _horizon(horizon, periods, where="annuity_factor")
    if n is None:
        raise ParameterError("annuity_factor needs a horizon: the number of periods, e.g. annuity_factor(0.08, 10).")
    return present_value_factor(discount=discount, horizon=n, timing="end")


@v.params(margin=MARGIN, discount=POSITIVE_RATE, timing=TIMING)
def perpetuity(margin: float, discount: float, *, timing: str = "end") -> float:
    """¥``margin`` a period for ever: margin / discount (end) or margin (1 + discount) / discount (start)."""
    return present_value(margin, discount=discount, timing=timing)


@v.params(discount=RATE, periods=PERIODS, timing=TIMING)
def discount_factors(discount: float, periods: int, *, timing: str = "end") -> np.ndarray:
    """The factors 1 / (1 + discount)^t of periods 1..n (``end``) or 0..n-1 (``start``), as an array."""
    n = periods
    first = 1 if timing == "end" else 0
    with np.errstate(over="ignore"):
        factors = (1 + discount) ** -np.arange(first, first + n, dtype=float)
    return v.finite("A discount factor", factors,
                    change=f"with discount = {discount!r} money grows without bound; use a discount rate nearer 0 "
                           f"(above -1) or fewer periods than {n}")


@v.params(retention=RETENTION, periods=PERIODS, first=v.Number(low=0, integer=True, kind="size"))
def survival(retention: float, periods: int, *, first: int = 0) -> np.ndarray:
    """Share of customers still there at t = first .. first + periods - 1 under a constant retention."""
    return retention ** np.arange(first, first + periods, dtype=float)


@v.params(retention=RETENTION)
def expected_lifetime(retention: float) -> float:
    """Expected number of periods a customer stays (预期留存期): 1 / (1 - retention) (80 % -> 5 periods)."""
    if retention >= 1:
        raise ParameterError("With a retention of 1 customers stay for ever: the expected lifetime is infinite.")
    return 1 / (1 - retention)


@v.params(retention=RETENTION, increase=v.Number(low=0), margin_growth=GROWTH, discount=RATE, horizon=HORIZON)
def retention_lift(retention: float, increase: float = 0.05, *, margin_growth: float = 0.0, discount: float = 0.10,
                   horizon=50) -> float:
    """Relative increase of a customer's value when retention rises by ``increase`` (5 points).

    Value = Σ margin (1+g)^t ρ^t / (1+d)^t, t = 0..horizon-1 (margin at each period's start; the margin
    itself cancels out). This is how the course tests the seeds' "5 % more loyalty -> 25-85 % more profit":
    it holds only with high retention and margins that grow with tenure.
    """
    rho, inc = retention, increase
    if rho + inc > 1:
        raise ParameterError(f"retention + increase = {rho + inc:.2f} is above 1.")
    kw = dict(discount=discount, horizon=horizon, growth=margin_growth, timing="start")
    base = present_value_factor(retention=rho, **kw)
    if base == 0:
        raise ParameterError("With a retention of 0 and no periods the base value is zero: no lift can be computed.")
    return present_value_factor(retention=rho + inc, **kw) / base - 1
