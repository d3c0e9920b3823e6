"""The complaint-iceberg panel (投诉冰山, chapter 09): three sliders, :func:`crmkit.loyalty.iceberg_panel`
(the analytics, in :mod:`crmkit.loyalty.complaints`) and its two charts."""

from __future__ import annotations

import ipywidgets as W

from .. import i18n
from ..loyalty.complaints import IcebergPanel, default_rates, iceberg_panel
from ..plots.complaints import iceberg_chart, outcome_chart
from .base import CaseWidget


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
            f"<b>{p.negative_reach:,.0f}</b>)<br><span style='color:{self.colour('muted')}'>{t('complaints.note')}</span></div>"
        )
        iceberg_chart(p, ax=self.axes("iceberg", (0.13, 0.15, 0.28, 0.74)))
        outcome_chart(p, ax=self.axes("outcomes", (0.58, 0.15, 0.39, 0.74)))
