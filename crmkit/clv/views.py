"""What the chapter 05 widgets show, as functions of their inputs: the CLV calculator's view
(Dwyer's retention model, its curve and the 5-point lesson) and P(alive) of a CDNOW customer under
the BG/NBD model fitted on the sample's calibration period."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from .. import _validate as v
from .. import money
from ..errors import ParameterError
from .formulas import RetentionCurve, retention_clv, retention_value_curve

__all__ = ["CLVView", "clv_view", "CDNOW_CAL_END", "CdnowFit", "cdnow_model", "AliveView", "alive_view", "example_customers"]


@dataclass(frozen=True)
class CLVView:
    """What the CLV calculator shows."""

    clv: float
    curve: RetentionCurve
    sweep: pd.DataFrame  # CLV for retention 50-98 %
    gain_5_points: float = 0.0
    expected_life: float = 0.0

    def __repr__(self) -> str:
        return f"CLVView(clv={self.clv:.2f}, gain_5_points={self.gain_5_points:.4f}, expected_life={self.expected_life})"


def clv_view(margin=100.0, retention=0.8, discount=0.1, acquisition_cost=0.0, horizon=10) -> CLVView:
    """Dwyer's retention model over ``horizon`` periods: CLV, its period-by-period curve, CLV for
    retention 50-98 %, the gain of 5 more points of retention and the expected lifetime."""
    value = retention_clv(margin, retention, discount, horizon, acquisition_cost)  # checks every input
    curve = retention_value_curve(margin, retention, discount, horizon, acquisition_cost)
    r = float(retention)
    rates = np.round(np.arange(0.50, 0.985, 0.01), 2)
    sweep = pd.DataFrame({"retention": rates,
                          "clv": [retention_clv(margin, x, discount, horizon, acquisition_cost) for x in rates]})
    gain = money.retention_lift(r, min(0.05, 1.0 - r), discount=discount, horizon=horizon)
    life = money.expected_lifetime(r) if r < 1 else float("inf")
    return CLVView(value, curve, sweep, gain, life)


#: The end of the CDNOW sample's calibration period (39 weeks).
CDNOW_CAL_END = "1997-09-30"


@dataclass(frozen=True)
class CdnowFit:
    """The BG/NBD model fitted on the CDNOW sample's calibration period, and the summary it was fitted on."""

    model: object  # a fitted crmkit.clv.BGNBD
    summary: pd.DataFrame  # frequency, recency, T (weeks) per customer

    def __repr__(self) -> str:
        return f"CdnowFit(model={self.model!r}, customers={len(self.summary)})"


@lru_cache(maxsize=1)
def cdnow_model() -> CdnowFit:
    """BG/NBD fitted once on the CDNOW sample's 39-week calibration period, and its summary."""
    from ..data import load
    from .models import BGNBD, summarize

    summary = summarize(load("cdnow_sample"), amount="dollar_value", asof=CDNOW_CAL_END)
    return CdnowFit(BGNBD().fit(summary), summary)


@dataclass(frozen=True)
class AliveView:
    """One CDNOW customer under the fitted BG/NBD: his history, P(alive) and purchases expected ahead."""

    customer: str
    frequency: int
    recency: float
    T: float
    p_alive: float
    expected: float
    weeks: int


def alive_view(customer: str, weeks: int = 52) -> AliveView:
    """P(alive) and expected purchases in the next ``weeks`` of one CDNOW customer."""
    fit = cdnow_model()
    model, summary = fit.model, fit.summary
    if not isinstance(customer, str) or customer not in summary.index:
        raise ParameterError(f"customer must be the id of a CDNOW sample customer (e.g. {summary.index[0]!r}); "
                             f"got {customer!r}.")
    w = v.integer("weeks", weeks, low=0, high=v.MAX_PERIODS)
    row = summary.loc[customer]
    x, tx, T = int(row["frequency"]), float(row["recency"]), float(row["T"])
    return AliveView(customer, x, tx, T, float(model.probability_alive(x, tx, T)),
                     float(model.conditional_expected_purchases(w, x, tx, T)), w)


def example_customers(n: int = 40) -> list[str]:
    """About ``n`` CDNOW customers, each once, from one-off buyers to heavy buyers, recent and silent,
    ordered by frequency then recency."""
    k = v.integer("n", n, low=3, high=500)
    s = cdnow_model().summary
    rep = s[s["frequency"] > 0].sort_values(["frequency", "recency"])
    picks = rep.iloc[np.linspace(0, len(rep) - 1, k - 2).astype(int)].index.tolist()
    first, heaviest = s.index[0], s["frequency"].idxmax()
    middle = sorted(set(picks) - {first, heaviest}, key=lambda c: (s.loc[c, "frequency"], s.loc[c, "recency"]))
    return [first, *middle, heaviest]
