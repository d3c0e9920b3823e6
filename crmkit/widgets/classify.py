"""The customer classification explorer (chapters 03-04): the same customers, classified by ABC,
four tiers, the customer pyramid, or RFM, with the class sizes, their revenue and what to offer them."""

from __future__ import annotations

from dataclasses import dataclass, field

import ipywidgets as W
import pandas as pd

from .. import _validate
from .. import i18n, segment
from ..data import load
from ..errors import ParameterError
from ..plots.segment import class_share_chart, pareto_chart, pyramid_chart, rfm_heatmap
from .base import CaseWidget

#: The datasets the explorer offers: how to read their columns.
SOURCES = {
    "retail": {"name": "retail_transactions", "amount": "amount", "profit": "gross_margin", "currency": "¥"},
    "cdnow": {"name": "cdnow", "amount": "dollar_value", "profit": None, "currency": "$"},
}
METHODS = ("abc_value", "abc_count", "tiers", "pyramid", "rfm_cn8", "rfm_en")
DEFAULT_CUTS = {"abc_value": (0.80, 0.95), "abc_count": (0.15, 0.40)}
#: The pyramid's default cost to serve per purchase (handling, delivery, service calls), in the data's
#: currency: the course's illustration [added]. Profit = gross margin - cost to serve x purchases.
DEFAULT_COST_TO_SERVE = 10.0


@dataclass(frozen=True)
class ClassificationView:
    """What the explorer shows: every customer's class, the class summary and chart data."""

    method: str
    classes: pd.DataFrame = field(repr=False)  # one row per customer, with 'segment' and 'value'
    summary: pd.DataFrame = field(repr=False)  # per class: customers, shares, value
    curve: pd.DataFrame | None = field(default=None, repr=False)
    scores: pd.DataFrame | None = field(default=None, repr=False)
    concentration: float = 0.0
    currency: str = "¥"
    losing: int = 0  # pyramid: customers whose profit after the cost to serve is below zero


_cache: dict = {}


def _transactions(source: str) -> pd.DataFrame:
    key = ("tx", source)
    if key not in _cache:
        _cache[key] = load(SOURCES[source]["name"])
    return _cache[key]


def _memo(key, make):
    """A result that depends only on the dataset and the as-of date, computed once."""
    if key not in _cache:
        _cache[key] = make()
    return _cache[key]


def _rfm(source: str, asof) -> pd.DataFrame:
    key = ("rfm", source, str(asof))
    if key not in _cache:
        s = SOURCES[source]
        tx = _transactions(source)
        cutoff = pd.Timestamp(asof) if asof is not None else tx["date"].max().normalize() + pd.Timedelta(days=1)
        rfm = segment.rfm_table(tx, amount=s["amount"], asof=cutoff)
        if s["profit"]:
            kept = tx[tx["date"] < cutoff]
            rfm["profit"] = kept.groupby("customer_id")[s["profit"]].sum().reindex(rfm.index).to_numpy()
        else:
            rfm["profit"] = rfm["monetary"]
        _cache[key] = rfm
    return _cache[key]


def _scores(source: str, asof) -> pd.DataFrame:
    return _memo(("scores", source, str(asof)), lambda: segment.rfm_scores(_rfm(source, asof)))


def classification_view(source="retail", method="abc_value", cut1=0.80, cut2=0.95, asof=None,
                        cost_to_serve=DEFAULT_COST_TO_SERVE) -> ClassificationView:
    """The pure function behind the explorer (results are cached per dataset and as-of date).

    ``cost_to_serve`` (per purchase) is used by the pyramid only: a customer's profit is the gross
    margin (the revenue where the data have no margin) less the cost to serve each of his purchases,
    so the lead class is the customers who really cost more than they bring."""
    cost = _validate.number("cost_to_serve", cost_to_serve, low=0)
    if source not in SOURCES:
        raise ParameterError(f"source must be one of {', '.join(SOURCES)}, not {source!r}.")
    if method not in METHODS:
        raise ParameterError(f"method must be one of {', '.join(METHODS)}, not {method!r}.")
    rfm = _rfm(source, asof)
    value = rfm["monetary"]
    curve = scores = None
    losing = 0
    if method in ("abc_value", "abc_count"):
        classes = (segment.abc_classes(value, by="value", cutoffs=(cut1, cut2)) if method == "abc_value"
                   else segment.abc_classes(value, by="count", shares=(cut1, cut2 - cut1)))
        curve = _memo(("curve", source, str(asof)), lambda: segment.pareto_curve(value))
    elif method == "tiers":
        classes = _memo(("tiers", source, str(asof)), lambda: segment.tiers(value))
        curve = _memo(("curve", source, str(asof)), lambda: segment.pareto_curve(value))
    elif method == "pyramid":
        profit = rfm["profit"] - cost * rfm["frequency"]
        losing = int((profit < 0).sum())
        classes = segment.pyramid(profit)
        classes["value"] = value  # revenue shares in the summary; the pyramid ranks by profit
    elif method in ("rfm_cn8", "rfm_en"):
        scores = _scores(source, asof)
        classes = segment.rfm_segments(scores, scheme=method[4:])
        classes["value"] = value
    else:
        raise ParameterError(f"method must be one of {', '.join(METHODS)}, not {method!r}.")
    summary = segment.class_summary(classes)
    return ClassificationView(method, classes, summary, curve, scores,
                              _memo(("top20", source, str(asof)), lambda: segment.concentration(value, 0.20)),
                              SOURCES[source]["currency"], losing)


def _asof_options(source: str):
    tx = _transactions(source)
    start, end = tx["date"].min(), tx["date"].max()
    months = pd.date_range(start + pd.offsets.MonthBegin(3), end, freq="MS")
    opts = [(d.strftime("%Y-%m-%d"), d.strftime("%Y-%m-%d")) for d in months]
    last = (end.normalize() + pd.Timedelta(days=1)).strftime("%Y-%m-%d")
    return opts + [(last, last)]


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

    def _on_change(self, change=None):
        if change is not None and not self._updating:
            owner, c = change.get("owner"), self.controls
            self._updating = True
            try:
                if owner is c["source"]:
                    opts = _asof_options(change["new"])
                    c["asof"].options = opts
                    c["asof"].value = opts[-1][1]
                if owner is c["method"] and change["new"] in DEFAULT_CUTS:
                    c["cut2"].value, c["cut1"].value = DEFAULT_CUTS[change["new"]][1], DEFAULT_CUTS[change["new"]][0]
                if owner is c["cut1"] and c["cut2"].value <= c["cut1"].value:
                    c["cut2"].value = min(c["cut1"].value + 0.01, 0.99)
                if owner is c["cut2"] and c["cut1"].value >= c["cut2"].value:
                    c["cut1"].value = max(c["cut2"].value - 0.01, 0.01)
            finally:
                self._updating = False
        super()._on_change(change)

    def compute(self, source, method, cut1, cut2, asof, show, cost):
        return classification_view(source, method, cut1, cut2, asof, cost)

    def render(self, v: ClassificationView):
        t, c = i18n.t, self.controls
        for k in ("cut1", "cut2"):
            c[k].disabled = v.method not in DEFAULT_CUTS
        c["cost"].disabled = v.method != "pyramid"
        names = [str(x) for x in v.summary.index]
        self._updating = True
        try:  # the class picker follows the method's classes
            shown = [o[1] if isinstance(o, tuple) else o for o in c["show"].options]
            if shown != names:
                c["show"].options = [(i18n.term("class", n), n) for n in names]
            if c["show"].value not in names:
                c["show"].value = next((n for n in names if v.summary.loc[n, "customers"] > 0), names[0])
        finally:
            self._updating = False
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
        self.table.value = (
            table.to_html() + f"<b>{t('segment.top_customers')} ({chosen})</b>"
            + top[cols].to_html(float_format=lambda x: f"{x:,.1f}")
        )
