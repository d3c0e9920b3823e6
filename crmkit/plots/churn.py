"""Charts of chapter 09's churn model (客户流失预测)."""

from __future__ import annotations

import numpy as np

from ..i18n import plot_text as T
from . import NEUTRAL, PALETTE, get_ax, keep, rescale, reuse, style

__all__ = ["gains_chart"]


def gains_chart(gains, ax=None):
    """Cumulative gains of a churn model (from :func:`crmkit.loyalty.gains_table` or ``ChurnModel.gains``):
    the share of all churners found (y) when the riskiest share of customers (x) is contacted, against
    random contact (the diagonal); the lift of each group is written beside its point."""
    ax = get_ax(ax, figsize=(6, 3.5))
    x = np.concatenate([[0.0], gains["customer_share"].to_numpy(dtype=float)])
    y = np.concatenate([[0.0], gains["captured"].to_numpy(dtype=float)])
    lift = gains["lift"].to_numpy(dtype=float)
    kept = reuse(ax, "gains_chart")
    if kept and len(kept["notes"]) == len(lift):
        kept["model"].set_data(x, y)
        notes = kept["notes"]
    else:
        (model,) = ax.plot(x, y, marker="o", color=PALETTE[1], lw=2, label=T("churn.model"))
        ax.plot([0, 1], [0, 1], color=NEUTRAL, ls="--", lw=1, label=T("churn.random"))
        notes = [ax.annotate("", (0, 0), xytext=(4, -10), textcoords="offset points", fontsize=8, color=PALETTE[1])
                 for _ in lift]
        ax.legend(loc="lower right", frameon=False, fontsize=9)
        ax.set_xlim(0, 1.02)
        ax.set_ylim(0, 1.05)
        style(ax, T("churn.gains_title"), T("churn.share_contacted"), T("churn.share_found"))
        keep(ax, "gains_chart", model=model, notes=notes)
    for i, (note, times) in enumerate(zip(notes, lift)):
        note.xy = (x[i + 1], y[i + 1])
        note.set_text(f"×{times:.2f}" if i < 3 else "")
    rescale(ax, x=False, y=False)
    ax.xaxis.set_major_formatter("{x:.0%}")
    ax.yaxis.set_major_formatter("{x:.0%}")
    return ax
