"""Charts of chapters 01-02: the customer-state funnel, the customer ladder, a relationship against
one transaction, the comb and wheat parables, and customer delivered value.

:func:`funnel_chart` and :func:`delivered_value_chart` update their own bars and labels when called
again on the same ``Axes`` (the widgets redraw without rebuilding the figure).
"""

from __future__ import annotations

import numpy as np

from ..i18n import plot_text as T
from . import BAD, GOOD, NEUTRAL, PALETTE, get_ax, style

__all__ = ["funnel_chart", "state_flow_chart", "relationship_value_chart", "combs_chart", "wheat_chart",
           "delivered_value_chart"]

_FUNNEL_COLOURS = {"lost": BAD, "actual after one year": GOOD}


def funnel_chart(funnel, ax=None):
    """The customer-state funnel (from ``foundations.customer_funnel``): one centred bar per state,
    its width the number of customers, labelled with the count."""
    ax = get_ax(ax, figsize=(6, 3.5))
    table = funnel.table
    counts = table["customers"].to_numpy(dtype=float)
    handles = getattr(ax, "_crmkit_funnel", None)
    if handles is None:
        y = np.arange(len(table))
        colours = [_FUNNEL_COLOURS.get(s, PALETTE[0]) for s in table["stage"]]
        bars = ax.barh(y, counts, left=-counts / 2, color=colours, height=0.72)
        texts = [ax.text(0, yi, "", va="center", fontsize=9) for yi in y]
        ax.set_yticks(y, [T(f"foundations.state.{s}") for s in table["stage"]])
        ax.invert_yaxis()
        ax.set_xticks([])
        style(ax, T("foundations.funnel_chart"))
        ax.grid(False)
        ax.spines["bottom"].set_visible(False)
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
        ax._crmkit_funnel = handles = (bars, texts)
    bars, texts = handles
    top = max(float(counts.max()), 1.0)
    for bar, c, txt in zip(bars, counts, texts):
        bar.set_width(c)
        bar.set_x(-c / 2)
        txt.set_text(f"{c:,.0f}")
        if c > 0.18 * top:  # wide enough: the count inside, in white
            txt.set_position((0, txt.get_position()[1]))
            txt.set_ha("center")
            txt.set_color("white")
        else:
            txt.set_position((c / 2 + 0.02 * top, txt.get_position()[1]))
            txt.set_ha("left")
            txt.set_color("black")
    ax.set_xlim(-0.55 * top, 0.55 * top)
    return ax


def state_flow_chart(flow, ax=None):
    """Customers in each state of the ladder, period by period (from ``foundations.state_flow``)."""
    ax = get_ax(ax, figsize=(6, 3.5))
    colours = {"prospect": NEUTRAL, "first_time": PALETTE[2], "repeat": PALETTE[3], "loyal": GOOD, "lost": BAD}
    for i, state in enumerate(flow.columns):
        label = T(f"foundations.ladder.{state}") if state in colours else str(state)
        ax.plot(flow.index, flow[state], marker="o", ms=3, lw=2, color=colours.get(state, PALETTE[i % len(PALETTE)]),
                label=label)
    ax.legend(frameon=False, fontsize=8, ncol=2)
    return style(ax, T("foundations.flow_chart"), T("foundations.period"), T("foundations.customers"))


def relationship_value_chart(value, ax=None):
    """Present value of each year of a relationship and its running total, against one transaction
    (from ``foundations.relationship_vs_transaction``)."""
    ax = get_ax(ax, figsize=(6, 3.5))
    by = value.by_year
    ax.bar(by["year"], by["present_value"], color=PALETTE[0], alpha=0.35, width=0.7)
    ax.plot(by["year"], by["cumulative"], marker="o", ms=3, lw=2, color=PALETTE[0], label=T("foundations.cum_pv"))
    ax.axhline(value.transaction, color=BAD, lw=1.5, ls="--", label=T("foundations.one_transaction"))
    ax.set_ylim(0, max(value.relationship, value.transaction) * 1.15)
    ax.legend(frameon=False, fontsize=9, loc="center right")
    return style(ax, T("foundations.rv_chart"), T("foundations.year"), T("foundations.yuan"))


def combs_chart(combs, ax=None):
    """Combs sold by the three salesmen (from ``foundations.combs_to_monks``), on a log scale."""
    ax = get_ax(ax, figsize=(6, 3))
    sold = combs["combs_sold"].to_numpy(dtype=float)
    bars = ax.bar([str(i) for i in combs.index], sold, color=[NEUTRAL, PALETTE[2], GOOD])
    ax.set_yscale("log")
    ax.set_ylim(0.5, sold.max() * 4)
    for b, s in zip(bars, sold):
        ax.annotate(f"{s:,.0f}", (b.get_x() + b.get_width() / 2, s), xytext=(0, 3), textcoords="offset points",
                    ha="center", fontsize=9)
    return style(ax, T("foundations.combs_chart"), T("foundations.salesman"), T("foundations.combs_axis"))


def wheat_chart(wheat, ax=None):
    """Cumulative grains eaten when the grain is sown (from ``foundations.grain_of_wheat``) against
    eating it at once."""
    ax = get_ax(ax, figsize=(6, 3))
    ax.plot(wheat.index, wheat["cumulative_eaten"], marker="o", ms=4, lw=2, color=GOOD)
    ax.axhline(1, color=BAD, lw=1.5, ls="--", label=T("foundations.eat_now"))
    ax.set_yscale("log")
    ax.set_xticks(list(wheat.index))
    ax.legend(frameon=False, fontsize=9, loc="upper left")
    return style(ax, T("foundations.wheat_chart"), T("foundations.season"), T("foundations.grains_eaten"))


def delivered_value_chart(comparison, ax=None):
    """Total value, total cost and delivered value of each offer (from ``foundations.compare_offers``);
    the chosen offer's delivered-value bar in green."""
    ax = get_ax(ax, figsize=(6, 3.5))
    table = comparison.table
    measures = ["total_value", "total_cost", "delivered_value"]
    n = len(table)
    handles = getattr(ax, "_crmkit_dv", None)
    if handles is None or len(handles[0]) != n:
        ax.clear()
        width = 0.8 / n
        groups, texts = [], []
        for i, name in enumerate(table.index):
            x = np.arange(3) + (i - (n - 1) / 2) * width
            bars = ax.bar(x, np.zeros(3), width=width * 0.95, color=PALETTE[i % len(PALETTE)], label=str(name))
            groups.append(bars)
            texts.append([ax.text(xi, 0, "", ha="center", va="bottom", fontsize=8) for xi in x])
        ax.axhline(0, color="black", lw=0.8)
        ax.set_xticks(range(3), [T(f"foundations.{m}") for m in measures])
        ax.legend(frameon=False, fontsize=9, loc="upper right")
        style(ax, T("foundations.dv_chart"), None, T("foundations.yuan"))
        ax._crmkit_dv = handles = (groups, texts)
    groups, texts = handles
    values = table[measures].to_numpy(dtype=float)
    for i, (bars, labels) in enumerate(zip(groups, texts)):
        for j, (bar, txt) in enumerate(zip(bars, labels)):
            val = values[i, j]
            bar.set_height(val)
            if j == 2:
                bar.set_edgecolor(GOOD if bool(table["chosen"].iloc[i]) else "none")
                bar.set_linewidth(2.5 if bool(table["chosen"].iloc[i]) else 0)
            txt.set_text(f"{val:,.0f}")
            txt.set_position((txt.get_position()[0], max(val, 0)))
    lo, hi = min(values.min(), 0.0), max(values.max(), 1.0)
    ax.set_ylim(lo * 1.15, hi * 1.2)
    return ax
