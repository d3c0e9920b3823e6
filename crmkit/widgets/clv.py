"""The CLV calculator (chapter 05), and a second view: P(alive) of a CDNOW customer."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import ipywidgets as W
import numpy as np
import pandas as pd

from .. import money
from .. import clv, i18n
from ..data import load
from ..plots.clv import cumulative_value_chart, p_alive_heatmap, retention_sweep_chart, survival_chart
from .base import CaseWidget


@dataclass(frozen=True)
class CLVView:
    """What the calculator shows."""

    clv: float
    curve: clv.RetentionCurve = field(repr=False)
    sweep: pd.DataFrame = field(repr=False)
    gain_5_points: float = 0.0
    expected_life: float = 0.0


def clv_view(margin=100.0, retention=0.8, discount=0.1, acquisition_cost=0.0, horizon=10) -> CLVView:
    """The pure function behind the calculator: Dwyer's retention model over ``horizon`` periods,
    its period-by-period curve, CLV for retention 50-98 %, and the gain of 5 more points."""
    value = clv.retention_clv(margin, retention, discount, horizon, acquisition_cost)
    curve = clv.retention_value_curve(margin, retention, discount, horizon, acquisition_cost)
    rates = np.round(np.arange(0.50, 0.985, 0.01), 2)
    sweep = pd.DataFrame({"retention": rates,
                          "clv": [clv.retention_clv(margin, r, discount, horizon, acquisition_cost) for r in rates]})
    gain = money.retention_lift(retention, min(0.05, 1.0 - retention), discount=discount, horizon=horizon)
    life = money.expected_lifetime(retention) if retention < 1 else float("inf")
    return CLVView(value, curve, sweep, gain, life)


class CLVCalculator(CaseWidget):
    """Margin, retention, discount, acquisition cost and horizon -> CLV, the cumulative value with
    its break-even period, the survival curve and CLV against retention (the 5 % lesson)."""

    title_key = "clv.title"
    figsize = (11, 3.4)
    fig_layout = {}

    def build_controls(self):
        t, style = i18n.t, {"description_width": "150px"}
        return {
            "margin": W.FloatSlider(value=100, min=0, max=1000, step=10, description=t("clv.margin"), style=style),
            "retention": W.FloatSlider(value=0.80, min=0.0, max=0.99, step=0.01, description=t("clv.retention"),
                                       style=style),
            "discount": W.FloatSlider(value=0.10, min=0.0, max=0.30, step=0.01, description=t("clv.discount"),
                                      style=style),
            "acquisition_cost": W.FloatSlider(value=150, min=0, max=2000, step=10, description=t("clv.acquisition"),
                                              style=style),
            "horizon": W.IntSlider(value=10, min=1, max=30, description=t("clv.horizon"), style=style),
        }

    def compute(self, margin, retention, discount, acquisition_cost, horizon):
        return clv_view(margin, retention, discount, acquisition_cost, horizon)

    def render(self, v: CLVView):
        t = i18n.t
        be = v.curve.break_even_period
        colour = "#1a7f37" if v.clv >= 0 else "#b42318"
        life = "∞" if not np.isfinite(v.expected_life) else f"{v.expected_life:.1f}"
        self.summary.value = (
            f"<div style='font-size:14px;line-height:1.6'>{t('clv.clv')}: <b style='color:{colour}'>{i18n.money(v.clv)}</b>"
            f" &nbsp; {t('clv.break_even')}: <b>{be if be is not None else t('clv.never')}</b>"
            f" &nbsp; {t('clv.expected_life')}: <b>{life}</b> {t('clv.periods')}<br>"
            f"<i>{t('clv.lesson', gain=v.gain_5_points)}</i></div>"
        )
        cumulative_value_chart(v.curve, ax=self.axes("cumulative", (0.06, 0.16, 0.26, 0.72)))
        survival_chart(v.curve.table, ax=self.axes("survival", (0.40, 0.16, 0.25, 0.72)))
        r = self.controls["retention"].value
        retention_sweep_chart(v.sweep, current=(r, v.clv), ax=self.axes("sweep", (0.73, 0.16, 0.25, 0.72)))


# --------------------------------------------------------------------------------------------
# Second view: P(alive) of a customer from the data
# --------------------------------------------------------------------------------------------

CAL_END = "1997-09-30"


@lru_cache(maxsize=1)
def cdnow_model():
    """BG/NBD fitted once on the CDNOW sample's 39-week calibration period, and its summary."""
    summary = clv.summarize(load("cdnow_sample"), amount="dollar_value", asof=CAL_END)
    return clv.BGNBD().fit(summary), summary


@dataclass(frozen=True)
class AliveView:
    customer: str
    frequency: int
    recency: float
    T: float
    p_alive: float
    expected: float
    weeks: int


def alive_view(customer: str, weeks: int = 52) -> AliveView:
    """P(alive) and expected purchases in the next ``weeks`` of one CDNOW customer."""
    model, summary = cdnow_model()
    row = summary.loc[customer]
    x, tx, T = int(row["frequency"]), float(row["recency"]), float(row["T"])
    return AliveView(customer, x, tx, T, model.probability_alive(x, tx, T),
                     model.conditional_expected_purchases(weeks, x, tx, T), weeks)


def example_customers(n: int = 40) -> list[str]:
    """A spread of CDNOW customers: from one-off buyers to heavy buyers, recent and silent."""
    _, s = cdnow_model()
    rep = s[s["frequency"] > 0].sort_values(["frequency", "recency"])
    picks = rep.iloc[np.linspace(0, len(rep) - 1, n - 2).astype(int)].index.tolist()
    return [s.index[0]] + sorted(set(picks), key=lambda c: (s.loc[c, "frequency"], s.loc[c, "recency"])) + [
        s["frequency"].idxmax()]


class AliveExplorer(CaseWidget):
    """Pick a CDNOW customer: see P(alive), expected purchases ahead, and where the customer sits on
    the P(alive) map of the fitted BG/NBD model."""

    title_key = "clv.alive_title"
    figsize = (6.5, 3.8)
    fig_layout = {}

    def build_controls(self):
        t, style = i18n.t, {"description_width": "150px"}
        _, s = cdnow_model()
        opts = [(f"{c}  (x={int(s.loc[c, 'frequency'])}, t_x={s.loc[c, 'recency']:.1f})", c) for c in example_customers()]
        return {
            "customer": W.Dropdown(options=opts, value=opts[len(opts) // 2][1], description=t("clv.customer"), style=style),
            "weeks": W.IntSlider(value=52, min=4, max=104, step=4, description=t("clv.weeks_ahead"),
                                 style=style),
        }

    def compute(self, customer, weeks):
        return alive_view(customer, weeks)

    def render(self, v: AliveView):
        t = i18n.t
        self.summary.value = (
            f"<div style='font-size:14px;line-height:1.6'>{t('clv.frequency')}: <b>{v.frequency}</b>, "
            f"{t('clv.recency')}: <b>{v.recency:.1f}</b>, {t('clv.T')}: <b>{v.T:.1f}</b><br>"
            f"{t('clv.p_alive')}: <b>{v.p_alive:.1%}</b> &nbsp; "
            f"{t('clv.expected_next', weeks=v.weeks)}: <b>{v.expected:.2f}</b></div>"
        )
        if getattr(self, "_shown", None) == v.customer:
            return False  # only the number of weeks ahead changed: the map and the star stay as they are
        model, _ = cdnow_model()
        ax = self.axes("map", (0.12, 0.14, 0.62, 0.74))
        p_alive_heatmap(model, v.T, max_frequency=max(20, v.frequency), ax=ax, point=(v.frequency, v.recency))
        self._shown = v.customer
