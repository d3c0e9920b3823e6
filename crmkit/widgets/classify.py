"""The customer classification explorer (chapters 03-04): the same customers, classified by ABC,
four tiers, the customer pyramid, or RFM, with the class sizes, their revenue and what to offer them.
The analytics are :func:`crmkit.segment.classification_view`; this module lays out, calls and draws."""

from __future__ import annotations

import html

import ipywidgets as W

from .. import i18n, segment
from ..plots.segment import class_share_chart, pareto_chart, pyramid_chart, rfm_heatmap
from ..segment import DEFAULT_COST_TO_SERVE, ClassificationView, classification_view
from .base import CaseWidget

METHODS = segment.VIEW_METHODS
DEFAULT_CUTS = segment.VIEW_CUTS


def _asof_options(source: str):
    return [(d, d) for d in segment.view_dates(source)]


class ClassifyExplorer(CaseWidget):
    """Pick a dataset and a method, move the cut-offs and the as-of date; see class sizes, revenue
    shares, the chart, and the customers and treatment of one class.
    Drive it from code: ``w.controls["method"].value = "rfm_cn8"``."""

    title_key = "segment.title"
    figsize = (10.5, 3.9)
    fig_layout = {}

    def build_controls(self):
        style = {"description_width": "110px"}
        t = i18n.t
        opts = _asof_options("retail")
        return {
            "source": W.Dropdown(options=[(t("segment.retail"), "retail"), (t("segment.cdnow"), "cdnow")],
                                 value="retail", description=t("common.dataset"), style=style),
            "method": W.Dropdown(options=[(t(f"segment.{m}"), m) for m in METHODS], value="abc_value",
                                 description=t("segment.method"), style=style),
            "cut1": W.FloatSlider(value=0.80, min=0.01, max=0.98, step=0.01, description=t("segment.cut1"), style=style),
            "cut2": W.FloatSlider(value=0.95, min=0.02, max=0.99, step=0.01, description=t("segment.cut2"), style=style),
            "asof": W.SelectionSlider(options=opts, value=opts[-1][1], description=t("segment.asof"), style=style),
            "cost": W.FloatSlider(value=DEFAULT_COST_TO_SERVE, min=0.0, max=60.0, step=1.0,
                                  description=t("segment.cost_to_serve"), style=style, disabled=True,
                                  tooltip=t("segment.cost_to_serve_tip")),
            "show": W.Dropdown(options=["A", "B", "C"], value="A", description=t("segment.show_class"), style=style),
        }

    def follow(self, name, value):
        c = self.controls
        if name == "source":
            opts = _asof_options(value)
            c["asof"].options = opts
            c["asof"].value = opts[-1][1]
        if name == "method" and value in DEFAULT_CUTS:
            c["cut2"].value, c["cut1"].value = DEFAULT_CUTS[value][1], DEFAULT_CUTS[value][0]
        if name == "cut1" and c["cut2"].value <= c["cut1"].value:
            c["cut2"].value = min(c["cut1"].value + 0.01, 0.99)
        if name == "cut2" and c["cut1"].value >= c["cut2"].value:
            c["cut1"].value = max(c["cut2"].value - 0.01, 0.01)

    def compute(self, source, method, cut1, cut2, asof, show, cost):
        return classification_view(source, method, cut1, cut2, asof, cost)

    def render(self, v: ClassificationView):
        t, c = i18n.t, self.controls
        for k in ("cut1", "cut2"):
            c[k].disabled = v.method not in DEFAULT_CUTS
        c["cost"].disabled = v.method != "pyramid"
        names = [str(x) for x in v.summary.index]
        # the class picker follows the method's classes (set while updating: no second update)
        shown = [o[1] if isinstance(o, tuple) else o for o in c["show"].options]
        if shown != names:
            c["show"].options = [(i18n.term("class", n), n) for n in names]
        if c["show"].value not in names:
            c["show"].value = next((n for n in names if v.summary.loc[n, "customers"] > 0), names[0])
        chosen = c["show"].value
        row = v.summary.loc[chosen]
        members = v.classes[v.classes["segment"].astype(str) == chosen]
        action = members["action"].iloc[0] if len(members) else segment.ACTIONS.get(chosen, "")
        action = i18n.term("action", chosen, default=action)
        self.summary.value = (
            f"<div style='font-size:14px;line-height:1.55'>"
            f"{t('segment.concentration', top=0.2, share=v.concentration)}<br>"
            f"<b>{i18n.term('class', chosen)}</b>: {int(row['customers']):,} {t('segment.customers').lower()} "
            f"({row['customer_share']:.1%}), {t('segment.revenue_share').lower()} <b>{row['value_share']:.1%}</b><br>"
            f"<i>{t('segment.treatment')}: {action}</i>"
            + (f"<br>{t('segment.losing', n=v.losing, cost=i18n.money(c['cost'].value, 0, currency=v.currency))}"
               if v.method == "pyramid" else "")
            + "</div>"
        )
        # Picking another class (or moving a control the method ignores) changes the text and the
        # table, not the charts: then nothing is redrawn.
        chart_key = (i18n.get_language(), c["source"].value, v.method, str(c["asof"].value),
                     (c["cut1"].value, c["cut2"].value) if v.method in DEFAULT_CUTS else None,
                     c["cost"].value if v.method == "pyramid" else None)
        redraw = chart_key != getattr(self, "_chart_key", None) or not self.fig.axes
        self._chart_key = chart_key
        if redraw:
            self._draw_charts(v)
        self._fill_table(v, members, chosen)
        return None if redraw else False

    def _draw_charts(self, v: ClassificationView):
        # One axes per kind of chart, kept: switching back to a method only updates its charts.
        kind = "pareto" if v.curve is not None else "heatmap" if v.scores is not None else "pyramid"
        left = self.axes(f"left:{kind}", (0.08, 0.14, 0.38, 0.74))
        right = self.axes(f"right:{v.method}", (0.58, 0.30, 0.40, 0.58))
        if v.curve is not None:
            pareto_chart(v.curve, v.classes if v.method.startswith("abc") else None, ax=left)
        elif v.scores is not None:
            rfm_heatmap(v.scores, ax=left)
        else:
            pyramid_chart(v.summary, ax=left)
        class_share_chart(v.summary, ax=right)
        self.arrange([f"left:{kind}", f"right:{v.method}"])

    def _fill_table(self, v: ClassificationView, members, chosen):
        t = i18n.t
        table = v.summary.copy()
        for col in ("customer_share", "value_share"):
            table[col] = table[col].map("{:.1%}".format)
        table["value"] = table["value"].map(lambda x: i18n.money(x, 0, currency=v.currency))
        top = members.sort_values("value", ascending=False).head(8)
        cols = [x for x in ("value", "recency", "frequency", "monetary", "RFM") if x in top.columns]
        heads = {"segment": "segment.class", "customers": "segment.customers",
                 "customer_share": "segment.customer_share", **{c: f"segment.col.{c}" for c in (
                     "value", "value_share", "customer_id", "recency", "frequency", "monetary", "RFM")}}
        top = top[cols].rename_axis(top.index.name or "customer_id")
        self.table.value = (
            i18n.table(table, heads, values="class").to_html()
            + f"<b>{t('segment.top_customers')} ({html.escape(i18n.term('class', chosen))})</b>"
            + i18n.table(top, heads).to_html(float_format=lambda x: f"{x:,.1f}")
        )
