"""Charts of chapter 00, the taxi driver case."""

from __future__ import annotations

from ..i18n import plot_text as T
from . import BAD, COST, GOOD, PALETTE, get_ax, style

__all__ = ["shift_chart", "strategy_chart"]


def shift_chart(shift, ax=None):
    """Cumulative revenue of a simulated shift (steps at each fare) against the cost line."""
    ax = get_ax(ax)
    tl = shift.timeline
    ax.step(tl["hour"], tl["revenue"], where="post", color=PALETTE[0], lw=2, label=T("taxi.cum_revenue"))
    ax.plot(tl["hour"], tl["cost"], color=COST, lw=1.5, ls="--",
            label=f"{T('taxi.cum_cost')} ({shift.cost_per_hour:.2f} {T('taxi.yuan')}/h)")
    ax.fill_between(tl["hour"], tl["revenue"], tl["cost"], step=None, alpha=0.08,
                    color=GOOD if shift.profit >= 0 else BAD)
    ax.legend(loc="upper left", frameon=False, fontsize=9)
    return style(ax, T("taxi.chart_shift"), T("taxi.hour_of_shift"), T("common.revenue"))


def strategy_chart(comparison, highlight=None, ax=None):
    """Bars of the average profit per hour of each strategy (from ``compare_strategies``)."""
    ax = get_ax(ax)
    names = list(comparison["strategy"])
    vals = comparison["profit_per_hour"].to_numpy()
    colors = [GOOD if v >= 0 else BAD for v in vals]
    bars = ax.barh([T(f"taxi.{n}") for n in names], vals, color=colors)
    for b, n in zip(bars, names):
        b.set_alpha(1.0 if (highlight is None or n == highlight) else 0.4)
    ax.axvline(0, color="black", lw=0.8)
    ax.invert_yaxis()
    for b, v in zip(bars, vals):
        ax.annotate(f"{v:+.1f}", (max(v, 0), b.get_y() + b.get_height() / 2), xytext=(3, 0),
                    textcoords="offset points", ha="left", va="center", fontsize=9)
    lo, hi = min(vals.min(), 0), max(vals.max(), 0)
    ax.set_xlim(lo - 0.05 * (hi - lo), hi + 0.2 * (hi - lo))
    return style(ax, T("taxi.chart_compare"), T("taxi.profit_axis"))
