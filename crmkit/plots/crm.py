"""Charts of chapter 12: the sales funnel, the weighted forecast against orders, and service level by agents."""

from __future__ import annotations

import numpy as np

from ..i18n import labels
from ..i18n import plot_text as T
from . import BAD, GOOD, NEUTRAL, PALETTE, get_ax, style

__all__ = ["pipeline_funnel_chart", "forecast_chart", "service_level_chart"]


def _stage(name: str) -> str:
    key = f"crm.stage.{name}"
    return T(key) if key in labels() else str(name)


def pipeline_funnel_chart(conversion, ax=None):
    """Horizontal bars of the opportunities reaching each stage (from ``crm.stage_conversion``),
    then those won; beside each open stage, its conversion to the next."""
    ax = get_ax(ax)
    stages = [_stage(s) for s in conversion.index] + [_stage("won")]
    reached = np.append(conversion["reached"].to_numpy(dtype=float), float(conversion["advanced"].iloc[-1]))
    conv = np.append(conversion["conversion"].to_numpy(dtype=float), np.nan)
    y = np.arange(len(stages))[::-1]
    top = reached.max() if len(reached) and reached.max() > 0 else 1.0
    colours = [PALETTE[0]] * (len(stages) - 1) + [GOOD]
    ax.barh(y, reached, left=(top - reached) / 2, color=colours, height=0.7)
    for yi, r, c in zip(y, reached, conv):
        ax.text(top / 2, yi, f"{r:,.0f}", ha="center", va="center", color="white", fontsize=9, fontweight="bold")
        if not np.isnan(c):
            ax.text((top + r) / 2 + top * 0.02, yi - 0.5, f"↓ {c:.0%} {T('crm.conversion')}", ha="left", va="center",
                    color=NEUTRAL, fontsize=8)
    ax.set_yticks(y, stages)
    ax.set_xticks([])
    ax.set_xlim(0, top * 1.25)
    style(ax, T("crm.funnel_title"), T("crm.opportunities"), None)
    ax.grid(False)
    return ax


def forecast_chart(track, ax=None):
    """The weighted pipeline at each date against the actual orders that followed (a table with
    columns ``weighted`` and ``actual``, indexed by the forecast date)."""
    ax = get_ax(ax)
    x = np.arange(len(track))
    ax.bar(x - 0.2, track["weighted"], width=0.4, color=PALETTE[0], label=T("crm.weighted"))
    ax.bar(x + 0.2, track["actual"], width=0.4, color=PALETTE[2], label=T("crm.actual"))
    ax.set_xticks(x, [getattr(d, "strftime", lambda f: str(d))("%m-%d") for d in track.index])
    ax.yaxis.set_major_formatter(lambda v, _: f"{v / 1000:,.0f}k")
    ax.legend(frameon=False, fontsize=9)
    return style(ax, T("crm.forecast_title"), T("crm.month_end"), T("crm.yuan"))


def service_level_chart(curve, agents=None, goal=0.8, ax=None):
    """Service level by number of agents (from ``crm.service_level_curve``), the goal as a line
    and the chosen staffing as a point."""
    ax = get_ax(ax, figsize=(6, 3.5))
    ax.plot(curve.index, curve["service_level"], color=PALETTE[0], lw=2, marker="o", ms=3)
    ax.axhline(goal, color=NEUTRAL, ls="--", lw=1, label=T("crm.goal_line"))
    if agents is not None and agents in curve.index:
        sl = curve.loc[agents, "service_level"]
        ax.plot([agents], [sl], "o", ms=9, color=GOOD if sl >= goal else BAD, label=T("crm.chosen"))
    ax.set_ylim(0, 1.02)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.legend(frameon=False, fontsize=9, loc="lower right")
    return style(ax, T("crm.curve_title"), T("crm.agents_axis"), T("crm.sl_axis"))
