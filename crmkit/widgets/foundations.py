"""The customer-state funnel explorer (chapter 01) and the delivered-value and relationship-level
chooser (chapter 02).

Both keep one figure and update its bars and labels on a control change (no rebuild), so a change
costs one computation and one PNG render (``benchmarks/bench_foundations.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as W

from .. import foundations, i18n
from ..plots.foundations import delivered_value_chart, funnel_chart
from .base import CaseWidget

# The widgets open on numbers of their own, not on the exercises' numbers.
FUNNEL_START = dict(population=8_000, potential_rate=0.25, target_rate=0.50, purchase_rate=0.30, churn_rate=0.15)
OFFER_START = {
    "A": dict(product=400, service=150, personnel=100, image=80, money=450, time=60, energy=30, psychic=40),
    "B": dict(product=350, service=250, personnel=120, image=60, money=500, time=20, energy=20, psychic=20),
}
LEVEL_START = dict(customers="many", margin="medium")
COMPONENTS = list(foundations.VALUE_COMPONENTS) + list(foundations.COST_COMPONENTS)


class _KeepFigure(CaseWidget):
    """A CaseWidget whose ``render`` updates the artists already on ``self.fig`` instead of
    drawing on a cleared figure."""

    fig_layout = {"left": 0.24, "right": 0.97, "top": 0.88, "bottom": 0.1}

    @property
    def ax(self):
        """The chart's one axes, made on first use and kept."""
        if not self.fig.axes:
            self.fig.add_subplot(1, 1, 1)
        return self.fig.axes[0]


# ============================================================================================
# Chapter 01: the customer-state funnel explorer
# ============================================================================================


def funnel_view(population=FUNNEL_START["population"], potential_rate=FUNNEL_START["potential_rate"],
                target_rate=FUNNEL_START["target_rate"], purchase_rate=FUNNEL_START["purchase_rate"],
                churn_rate=FUNNEL_START["churn_rate"]) -> foundations.Funnel:
    """The pure function behind the funnel explorer."""
    return foundations.customer_funnel(population, potential_rate, target_rate, purchase_rate, churn_rate)


class FunnelExplorer(_KeepFigure):
    """Conversion rates non-customer -> potential -> target -> actual and the yearly churn rate ->
    the customers in each state, and the customers lost and kept after one year.
    Drive it from code: ``w.controls["churn_rate"].value = 0.2``."""

    title_key = "foundations.funnel_title"
    figsize = (6, 3.5)
    fig_layout = {"left": 0.31, "right": 0.97, "top": 0.88, "bottom": 0.04}

    def build_controls(self):
        t, style, lay = i18n.t, {"description_width": "170px"}, W.Layout(width="380px")

        def rate(key):
            return W.FloatSlider(value=FUNNEL_START[key], min=0, max=1, step=0.01, description=t(f"foundations.{key}"),
                                 style=style, layout=lay, readout_format=".0%")

        return {
            "population": W.IntSlider(value=FUNNEL_START["population"], min=1_000, max=100_000, step=1_000,
                                      description=t("foundations.population"), style=style, layout=lay),
            "potential_rate": rate("potential_rate"),
            "target_rate": rate("target_rate"),
            "purchase_rate": rate("purchase_rate"),
            "churn_rate": rate("churn_rate"),
        }

    def compute(self, **v):
        return funnel_view(**v)

    def render(self, f: foundations.Funnel):
        t = i18n.t
        n = f.table["customers"].iloc[0]
        share = f.kept / n if n else 0.0
        self.summary.value = (
            f"<div style='font-size:14px;line-height:1.6'>{t('foundations.bought')}: <b>{f.bought:,.0f}</b><br>"
            f"{t('foundations.lost')}: <b style='color:{self.colour('bad')}'>{f.lost:,.0f}</b><br>"
            f"{t('foundations.kept')}: <b style='color:{self.colour('good')}'>{f.kept:,.0f}</b> "
            f"({share:.2%} {t('foundations.of_population')})<br>"
            f"<i>{t('foundations.funnel_question')}</i></div>"
        )
        funnel_chart(f, ax=self.ax)
        shown = f.table.assign(stage=[t(f"foundations.state.{s}") for s in f.table["stage"]])
        shown = shown[["stage", "customers", "rate"]].rename(columns={
            "stage": t("foundations.stage"), "customers": t("foundations.customers"), "rate": t("foundations.rate")})
        self.table.value = shown.to_html(index=False, formatters={t("foundations.customers"): "{:,.0f}".format,
                                                                  t("foundations.rate"): "{:.0%}".format})

    def layout(self):
        controls = W.VBox(list(self.controls.values()), layout=W.Layout(min_width="390px"))
        return W.VBox([self.title, W.HBox([controls, W.VBox([self.summary, self.table])]), self.image])


# ============================================================================================
# Chapter 02: the delivered-value and relationship-level chooser
# ============================================================================================


@dataclass(frozen=True)
class ChooserView:
    """What the chooser shows: the two offers compared, and Kotler's level for the customer base."""

    comparison: foundations.OfferComparison
    level: foundations.RelationshipLevel


def chooser_view(offers=None, customers=LEVEL_START["customers"], margin=LEVEL_START["margin"]) -> ChooserView:
    """The pure function behind the chooser: :func:`foundations.compare_offers` and
    :func:`foundations.relationship_level`."""
    offers = OFFER_START if offers is None else offers
    return ChooserView(foundations.compare_offers(offers), foundations.relationship_level(customers, margin))


class ValueLevelChooser(_KeepFigure):
    """Two offers side by side (four value and four cost components each) -> total value, total
    cost, delivered value and the customer's predicted choice; below, the number of customers and
    the margin -> Kotler's recommended relationship level with the seed's description.
    Controls are named ``A_product`` ... ``B_psychic``, ``customers`` and ``margin``."""

    title_key = "foundations.chooser_title"
    figsize = (6, 3.5)
    fig_layout = {"left": 0.12, "right": 0.97, "top": 0.88, "bottom": 0.1}

    def build_controls(self):
        t = i18n.t
        style, lay = {"description_width": "120px"}, W.Layout(width="320px")
        controls = {}
        for name, comps in OFFER_START.items():
            for comp in COMPONENTS:
                controls[f"{name}_{comp}"] = W.IntSlider(value=comps[comp], min=0, max=1000, step=10,
                                                         description=t(f"foundations.{comp}"), style=style, layout=lay)
        dd = {"description_width": "150px"}
        controls["customers"] = W.Dropdown(options=[(t(f"foundations.{k}"), k) for k in foundations.CUSTOMER_COUNTS],
                                           value=LEVEL_START["customers"], description=t("foundations.customers_n"),
                                           style=dd, layout=W.Layout(width="300px"))
        controls["margin"] = W.Dropdown(options=[(t(f"foundations.{k}"), k) for k in foundations.MARGINS],
                                        value=LEVEL_START["margin"], description=t("foundations.margin"),
                                        style=dd, layout=W.Layout(width="300px"))
        return controls

    def compute(self, customers, margin, **sliders):
        offers = {name: {c: sliders[f"{name}_{c}"] for c in COMPONENTS} for name in OFFER_START}
        return chooser_view(offers, customers, margin)

    def render(self, v: ChooserView):
        t, zh = i18n.t, i18n.get_language() == "zh"
        c, lv = v.comparison, v.level
        dv = c.table["delivered_value"]
        if c.chosen is None:
            choice = f"<b>{t('foundations.tie')}</b>"
        else:
            others = ", ".join(f"{n}: {x:,.0f}" for n, x in dv.items() if n != c.chosen)
            choice = f"<b style='color:{self.colour('good')}'>{t('foundations.offer', name=c.chosen)}</b> ({dv[c.chosen]:,.0f} vs {others})"
        level = f"<b>{t('foundations.level.' + lv.level)}</b>"
        if lv.alternative:
            level += f" {t('foundations.or')} <b>{t('foundations.level.' + lv.alternative)}</b>"
        self.summary.value = (
            f"<div style='font-size:14px;line-height:1.6'>{t('foundations.chooses')}: {choice}<br>"
            f"{t('foundations.level')}: {level}<br>"
            f"<span style='font-size:13px'>{lv.description_zh if zh else lv.description}</span><br>"
            f"<i>{t('foundations.chooser_question')}</i></div>"
        )
        delivered_value_chart(c, ax=self.ax)
        table = i18n.table(c.table[["total_value", "total_cost", "delivered_value"]],
                           {"offer": "foundations.col.offer",
                            **{k: f"foundations.{k}" for k in ("total_value", "total_cost", "delivered_value")}})
        self.table.value = table.to_html(float_format="{:,.0f}".format)

    def layout(self):
        t = i18n.t
        cols = []
        for name in OFFER_START:
            head = W.HTML(f"<b>{t('foundations.offer', name=name)}</b>")
            cols.append(W.VBox([head] + [self.controls[f"{name}_{c}"] for c in COMPONENTS],
                               layout=W.Layout(min_width="330px")))
        right = W.VBox([self.controls["customers"], self.controls["margin"], self.summary],
                       layout=W.Layout(min_width="300px", max_width="420px"))
        return W.VBox([self.title, W.HBox(cols), W.HBox([self.image, W.VBox([right, self.table])])])
