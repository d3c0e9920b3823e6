"""The switching-cost calculator (chapter 08) and the retention-economics view (chapter 09)."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import ipywidgets as W
import numpy as np
import pandas as pd

from .. import _validate as v
from .. import i18n, loyalty
from ..plots.loyalty import retention_chart, switching_chart
from .base import CaseWidget

POPULATION_SIZE = 2000
POPULATION_SEED = 8


@dataclass(frozen=True)
class SwitchingView:
    decision: loyalty.SwitchingDecision
    components: dict
    share_staying: float
    population: np.ndarray = field(repr=False)
    ways: pd.DataFrame = field(repr=False)


def switching_view(procedural=200.0, financial=300.0, relational=150.0, price_advantage=300.0,
                   quality_advantage=100.0, horizon=1, discount=0.0) -> SwitchingView:
    """The pure function behind the calculator: the typical customer's decision, and a population
    whose switching costs vary around his (lognormal, sd 0.5 on the log scale, seeded)."""
    price_advantage = v.number("price_advantage", price_advantage)
    quality_advantage = v.number("quality_advantage", quality_advantage)
    comps = {"procedural": procedural, "financial": financial, "relational": relational}
    total = loyalty.switching_cost(**comps)
    decision = loyalty.switching_decision(price_advantage + quality_advantage, total, horizon, discount)
    rng = np.random.default_rng(POPULATION_SEED)
    population = total * rng.lognormal(-0.125, 0.5, POPULATION_SIZE)  # mean = total
    share = loyalty.share_staying(population, price_advantage + quality_advantage, horizon, discount)
    ways = loyalty.SWITCHING_WAYS.copy()
    ways["cost_per_raise"] = ways["cost"] / ways["raises"]
    return SwitchingView(decision, comps, share, population, ways.sort_values("cost_per_raise"))


class SwitchingCalculator(CaseWidget):
    """Switching-cost components and the competitor's advantage -> stay or switch, the margin of safety,
    the share of a customer population that stays, and the 17 ways ranked by cost per ¥ of switching cost."""

    title_key = "loyalty.switch_title"
    figsize = (10, 3.4)
    fig_layout = {}

    def build_controls(self):
        t, style = i18n.t, {"description_width": "190px"}
        s = lambda key, v, hi, step=10: W.FloatSlider(value=v, min=0, max=hi, step=step,  # noqa: E731
                                                      description=t(key), style=style)
        return {
            "procedural": s("loyalty.procedural", 200, 1000),
            "financial": s("loyalty.financial", 300, 1000),
            "relational": s("loyalty.relational", 150, 1000),
            "price_advantage": s("loyalty.price_adv", 300, 1000),
            "quality_advantage": s("loyalty.quality_adv", 100, 1000),
            "horizon": W.IntSlider(value=1, min=1, max=10, description=t("loyalty.horizon"), style=style),
            "discount": W.FloatSlider(value=0.0, min=0, max=0.3, step=0.01, description=t("loyalty.discount"),
                                      style=style),
        }

    def compute(self, **v):
        return switching_view(**v)

    def render(self, v: SwitchingView):
        t, m, d = i18n.t, i18n.money, v.decision
        colour = self.colour("good" if d.decision == "stay" else "bad")
        self.summary.value = (
            f"<div style='font-size:14px;line-height:1.6'>{t('loyalty.typical')}: "
            f"<b style='color:{colour}'>{t('loyalty.' + d.decision)}</b> "
            f"({m(d.switching_cost, 0)} vs {m(d.advantage_pv)})<br>"
            f"{t('loyalty.margin')}: <b>{m(d.margin_of_safety)}</b> &nbsp; "
            f"{t('loyalty.break_even')}: <b>{m(d.break_even_advantage)}</b><br>"
            f"{t('loyalty.share_staying')}: <b>{v.share_staying:.1%}</b></div>"
        )
        switching_chart(v.components, d.advantage_pv, ax=self.axes("costs", (0.07, 0.14, 0.38, 0.74)))
        self._population(v, self.axes("population", (0.57, 0.14, 0.40, 0.74)))
        if not self.table.value:  # the 17 ways do not depend on the controls
            top = v.ways.head(17)[["way", "component", "cost", "raises"]].copy()
            top["way"] = [t(f"loyalty.way.{no}") for no in top.index]
            sep = "、" if i18n.get_language() == "zh" else ", "
            top["component"] = [sep.join(i18n.term("class", c.strip()) for c in x.split(",")) for x in top["component"]]
            heads = {"no": "loyalty.col.no", "way": "loyalty.col.way", "component": "loyalty.component",
                     "cost": "loyalty.col.cost", "raises": "loyalty.col.raises"}
            self.table.value = (f"<b>{t('loyalty.ways')}</b> ({html.escape(t('loyalty.ways_note'))})"
                                + i18n.table(top, heads).to_html())

    def _population(self, v: SwitchingView, ax):
        """The population's switching costs against the advantage. The population is the typical
        customer's total times one fixed sample, so its histogram is computed once and rescaled."""
        total = sum(v.components.values())
        if not hasattr(self, "_hist"):
            unit = v.population / total if total else switching_view().population / 650.0
            self._hist = np.histogram(unit, bins=40)
            counts, edges = self._hist
            self._stairs = ax.stairs(counts, edges * total, fill=True, color=self.colour("grey"))
            self._advantage = ax.axvline(v.decision.advantage_pv, color=self.colour("bad"), lw=2)
            ax.set_title(i18n.plot_text("loyalty.population"), loc="left", fontsize=11, fontweight="bold")
        counts, edges = self._hist
        self._stairs.set_data(counts, edges * max(total, 1e-9))
        self._advantage.set_xdata([v.decision.advantage_pv] * 2)
        lo, hi = min(edges[0] * total, v.decision.advantage_pv), max(edges[-1] * total, v.decision.advantage_pv)
        pad = 0.05 * (hi - lo) or 1.0  # matplotlib's default margin
        ax.set_xlim(lo - pad, hi + pad)
        ax.set_ylim(0, counts.max() * 1.05)


@dataclass(frozen=True)
class RetentionView:
    base: pd.DataFrame = field(repr=False)
    better: pd.DataFrame = field(repr=False)
    lift: float = 0.0


def retention_view(retention=0.8, margin=200.0, retention_cost=20.0, acquisition_cost=150.0,
                   new_per_year=100, years=10) -> RetentionView:
    """The pure function behind the retention view: the base as it is, and with 5 more points of retention."""
    kw = dict(n0=1000, margin=margin, retention_cost=retention_cost, acquisition_cost=acquisition_cost,
              new_per_year=new_per_year, years=years)
    base = loyalty.retention_economics(retention=retention, **kw)
    better = loyalty.retention_economics(retention=min(retention + 0.05, 1.0), **kw)
    total = base["profit"].sum()
    lift = (better["profit"].sum() - total) / abs(total) if total else 0.0
    return RetentionView(base, better, lift)


class RetentionEconomics(CaseWidget):
    """Retention rate, margin and costs -> customers and profit over the years, and what 5 more
    points of retention would change (the seeds' retention claims, in numbers you can move)."""

    title_key = "loyalty.ret_title"
    figsize = (7, 3.4)
    fig_layout = {}

    def build_controls(self):
        t, style = i18n.t, {"description_width": "210px"}
        return {
            "retention": W.FloatSlider(value=0.80, min=0.3, max=0.95, step=0.01, description=t("loyalty.retention"),
                                       style=style),
            "margin": W.FloatSlider(value=200, min=0, max=1000, step=10, description=t("loyalty.margin_cust"), style=style),
            "retention_cost": W.FloatSlider(value=20, min=0, max=300, step=5, description=t("loyalty.ret_cost"), style=style),
            "acquisition_cost": W.FloatSlider(value=150, min=0, max=2000, step=10, description=t("loyalty.acq_cost"),
                                              style=style),
            "new_per_year": W.IntSlider(value=100, min=0, max=500, step=10, description=t("loyalty.new"), style=style),
            "years": W.IntSlider(value=10, min=2, max=20, description=t("loyalty.years"), style=style),
        }

    def compute(self, **v):
        return retention_view(**v)

    def render(self, v: RetentionView):
        t, m = i18n.t, i18n.money
        end = v.base["customers"].iloc[-1]
        self.summary.value = (
            f"<div style='font-size:14px;line-height:1.6'>{t('loyalty.customers')} ({t('loyalty.year')} "
            f"{v.base.index[-1]}): <b>{end:,.0f}</b> &nbsp; {t('loyalty.total_profit')}: "
            f"<b>{m(v.base['profit'].sum(), 0)}</b><br>{t('loyalty.plus5')}: <b>{v.better['customers'].iloc[-1]:,.0f}</b>, "
            f"{m(v.better['profit'].sum(), 0)} (<b>{v.lift:+.1%}</b>)</div>"
        )
        retention_chart(v.base, v.better, ax=self.axes("customers", (0.11, 0.15, 0.85, 0.73)))
