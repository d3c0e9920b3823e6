"""The complaint-iceberg panel (投诉冰山, chapter 09).

Complaints received are the visible tip; divided by the share of dissatisfied customers who complain
they give the whole iceberg (:func:`crmkit.loyalty.complaint_iceberg`). The panel then follows the three
groups (complaint resolved, complaint not resolved, silent) to the customers lost and the people told,
with the rates observed in the ``complaints`` dataset as defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import ipywidgets as W
import pandas as pd

from .. import _validate as v
from .. import i18n, loyalty
from ..errors import DataError
from ..plots.complaints import iceberg_chart, outcome_chart
from .base import CaseWidget

OUTCOMES = ("resolved", "unresolved", "silent")


@dataclass(frozen=True)
class ComplaintRates:
    """What dissatisfied customers did, as observed in a complaints table (e.g. ``data.load("complaints")``)."""

    share_complaining: float  # share of the dissatisfied who voiced the problem (formally or to frontline staff)
    resolution_rate: float  # share of voiced complaints resolved to the customer's satisfaction
    outcomes: pd.DataFrame = field(repr=False)  # per outcome: customers, repurchase (share), people_told (mean)


def observed_rates(complaints: pd.DataFrame, *, voice: str = "voice", resolved: str = "resolved",
                   repurchased: str = "repurchased_12m", told: str = "people_told") -> ComplaintRates:
    """The panel's default rates, read from a table of dissatisfied customers (one row each)."""
    what = "complaints table"
    v.table(complaints, [voice, resolved, repurchased, told], what)
    spoke = complaints[voice].astype(str).ne("silent").to_numpy()
    if not spoke.any() or spoke.all():
        raise DataError("The table needs both silent and complaining customers to read the iceberg's rates.")
    res = v.flag_column(complaints, resolved, what).to_numpy().astype(bool)
    buy = v.flag_column(complaints, repurchased, what).to_numpy().astype(bool)
    n_told = v.numeric_column(complaints, told, what, allow_negative=False).to_numpy()
    outcome = pd.Series(["silent"] * len(complaints), index=complaints.index)
    outcome[spoke & res] = "resolved"
    outcome[spoke & ~res] = "unresolved"
    frame = pd.DataFrame({"outcome": outcome.to_numpy(), "repurchase": buy, "people_told": n_told})
    g = frame.groupby("outcome")
    table = pd.DataFrame({"customers": g.size(), "repurchase": g["repurchase"].mean(),
                          "people_told": g["people_told"].mean()}).reindex(list(OUTCOMES))
    if table.isna().any().any():
        raise DataError("Every outcome (resolved, unresolved, silent) needs at least one customer.")
    return ComplaintRates(float(spoke.mean()), float(res[spoke].mean()), table)


@dataclass(frozen=True)
class IcebergPanel:
    """The iceberg and what follows from it for one set of assumptions."""

    iceberg: loyalty.ComplaintIceberg
    resolution_rate: float
    groups: pd.DataFrame = field(repr=False)  # per outcome: customers, repurchase, lost, people_told, reach
    lost: float  # customers who do not buy again within 12 months
    reach: float  # people told about the experience (word of mouth, good and bad)
    negative_reach: float  # people told by unresolved and silent customers


def iceberg_panel(complaints: float = 120, share_complaining: float | None = None,
                  resolution_rate: float | None = None, rates: ComplaintRates | None = None) -> IcebergPanel:
    """The pure function behind the panel. ``rates`` (default: observed in the ``complaints`` dataset)
    give the repurchase share and the people told per outcome, and the defaults of the two shares."""
    rates = rates or default_rates()
    share = rates.share_complaining if share_complaining is None else share_complaining
    res = v.probability("resolution_rate", rates.resolution_rate if resolution_rate is None else resolution_rate)
    berg = loyalty.complaint_iceberg(complaints, share)
    n = pd.Series({"resolved": berg.complaints * res, "unresolved": berg.complaints * (1 - res),
                   "silent": berg.silent})
    g = rates.outcomes[["repurchase", "people_told"]].copy()
    g.insert(0, "customers", n)
    g["lost"] = g["customers"] * (1 - g["repurchase"])
    g["reach"] = g["customers"] * g["people_told"]
    return IcebergPanel(berg, res, g, float(g["lost"].sum()), float(g["reach"].sum()),
                        float(g.loc[["unresolved", "silent"], "reach"].sum()))


_DEFAULT: list = []


def default_rates() -> ComplaintRates:
    """The rates observed in the course's ``complaints`` dataset (read once)."""
    if not _DEFAULT:
        from ..data import load

        _DEFAULT.append(observed_rates(load("complaints")))
    return _DEFAULT[0]


class ComplaintIcebergPanel(CaseWidget):
    """Complaints received, the share of dissatisfied customers who complain and the resolution rate ->
    the iceberg (visible complaints vs silent dissatisfied), customers lost and word-of-mouth reach."""

    title_key = "complaints.title"
    figsize = (7, 3.4)
    fig_layout = {}

    def build_controls(self):
        t, style = i18n.t, {"description_width": "210px"}
        r = default_rates()
        return {
            "complaints": W.IntSlider(value=120, min=0, max=1000, step=10, description=t("complaints.received"),
                                      style=style),
            "share_complaining": W.FloatSlider(value=round(r.share_complaining, 2), min=0.02, max=1.0, step=0.01,
                                               description=t("complaints.share"), style=style),
            "resolution_rate": W.FloatSlider(value=round(r.resolution_rate, 2), min=0.0, max=1.0, step=0.01,
                                             description=t("complaints.resolution"), style=style),
        }

    def compute(self, **v):
        return iceberg_panel(**v)

    def render(self, p: IcebergPanel):
        t = i18n.t
        b = p.iceberg
        self.summary.value = (
            f"<div style='font-size:14px;line-height:1.6'>{t('complaints.visible')}: <b>{b.complaints:,.0f}</b> "
            f"&nbsp; {t('complaints.silent')}: <b>{b.silent:,.0f}</b> &nbsp; {t('complaints.dissatisfied')}: "
            f"<b>{b.dissatisfied:,.0f}</b><br>{t('complaints.lost')}: <b>{p.lost:,.0f}</b> &nbsp; "
            f"{t('complaints.reach')}: <b>{p.reach:,.0f}</b> ({t('complaints.negative')}: "
            f"<b>{p.negative_reach:,.0f}</b>)<br><span style='color:#6b7280'>{t('complaints.note')}</span></div>"
        )
        iceberg_chart(p, ax=self.axes("iceberg", (0.13, 0.15, 0.28, 0.74)))
        outcome_chart(p, ax=self.axes("outcomes", (0.58, 0.15, 0.39, 0.74)))
