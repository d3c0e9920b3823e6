"""Charts of chapter 00, the taxi driver case."""

from __future__ import annotations

from ..i18n import plot_text as T
from . import BAD, COST, GOOD, PALETTE, drop, get_ax, keep, rescale, restart, reuse, style

__all__ = ["shift_chart", "strategy_chart"]


def _cost_label(shift) -> str:
    return f"{T('taxi.cum_cost')} ({shift.cost_per_hour:.2f} {T('taxi.yuan')}/h)"


def _fill(ax, tl, shift):
    return ax.fill_between(tl["hour"], tl["revenue"], tl["cost"], step=None, alpha=0.08,
                           color=GOOD if shift.profit >= 0 else BAD)


def shift_chart(shift, ax=None):
    """Cumulative revenue of a simulated shift (steps at each fare) against the cost line."""
    ax = get_ax(ax)
    tl = shift.timeline
    kept = reuse(ax, "shift_chart")
    if kept:  # a widget's axes: move the lines, redraw the shading
        kept["revenue"].set_data(tl["hour"].to_numpy(), tl["revenue"].to_numpy())
        kept["cost"].set_data(tl["hour"].to_numpy(), tl["cost"].to_numpy())
        drop([kept["fill"]])
        kept["fill"] = _fill(ax, tl, shift)
        ax.get_legend().get_texts()[1].set_text(_cost_label(shift))
        rescale(ax)
        return ax
    (revenue,) = ax.step(tl["hour"], tl["revenue"], where="post", color=PALETTE[0], lw=2, label=T("taxi.cum_revenue"))
    (cost,) = ax.plot(tl["hour"], tl["cost"], color=COST, lw=1.5, ls="--", label=_cost_label(shift))
    fill = _fill(ax, tl, shift)
    ax.legend(loc="upper left", frameon=False, fontsize=9)
    keep(ax, "shift_chart", revenue=revenue, cost=cost, fill=fill)
    return style(ax, T("taxi.chart_shift"), T("taxi.hour_of_shift"), T("common.revenue"))


def strategy_chart(comparison, highlight=None, ax=None):
    """Bars of the average profit per hour of each strategy (from ``compare_strategies``)."""
    ax = get_ax(ax)
    names = list(comparison["strategy"])
    vals = comparison["profit_per_hour"].to_numpy()
    colors = [GOOD if v >= 0 else BAD for v in vals]
    kept = reuse(ax, "strategy_chart")
    if kept and kept["names"] == names:
        bars, notes = kept["bars"], kept["notes"]
        for b, v, c in zip(bars, vals, colors):
            b.set_width(v)
            b.set_facecolor(c)
    else:
        if kept:
            restart(ax)
        bars = ax.barh([T(f"taxi.{n}") for n in names], vals, color=colors)
        ax.axvline(0, color="black", lw=0.8)
        ax.invert_yaxis()
        notes = [ax.annotate("", (0, 0), xytext=(3, 0), textcoords="offset points", ha="left", va="center",
                             fontsize=9) for _ in bars]
        style(ax, T("taxi.chart_compare"), T("taxi.profit_axis"))
        keep(ax, "strategy_chart", names=names, bars=bars, notes=notes)
    for b, n in zip(bars, names):
        b.set_alpha(1.0 if (highlight is None or n == highlight) else 0.4)
    for b, v, note in zip(bars, vals, notes):
        note.xy = (max(v, 0), b.get_y() + b.get_height() / 2)
        note.set_text(f"{v:+.1f}")
    lo, hi = min(vals.min(), 0), max(vals.max(), 0)
    ax.set_xlim(lo - 0.05 * (hi - lo), hi + 0.2 * (hi - lo))
    return ax
