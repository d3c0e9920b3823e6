"""The CLV calculator (chapter 05), and a second view: P(alive) of a CDNOW customer. The analytics are
:func:`crmkit.clv.clv_view` and :func:`crmkit.clv.alive_view`."""

from __future__ import annotations

import ipywidgets as W
import numpy as np

from .. import i18n
from ..clv.views import AliveView, CLVView, alive_view, cdnow_model, clv_view, example_customers
from ..plots.clv import cumulative_value_chart, p_alive_heatmap, retention_sweep_chart, survival_chart
from .base import CaseWidget


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
        colour = self.colour("good" if v.clv >= 0 else "bad")
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

class AliveExplorer(CaseWidget):
    """Pick a CDNOW customer: see P(alive), expected purchases ahead, and where the customer sits on
    the P(alive) map of the fitted BG/NBD model."""

    title_key = "clv.alive_title"
    figsize = (6.5, 3.8)
    fig_layout = {}

    def build_controls(self):
        t, style = i18n.t, {"description_width": "150px"}
        s = cdnow_model().summary
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
        model = cdnow_model().model
        ax = self.axes("map", (0.12, 0.14, 0.62, 0.74))
        p_alive_heatmap(model, v.T, max_frequency=max(20, v.frequency), ax=ax, point=(v.frequency, v.recency))
        self._shown = v.customer
