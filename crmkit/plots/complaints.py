"""Charts of chapter 09's complaint iceberg (投诉冰山)."""

from __future__ import annotations

import numpy as np

from ..i18n import plot_text as T
from . import BAD, GOOD, NEUTRAL, PALETTE, get_ax, keep, reuse, style

__all__ = ["iceberg_chart", "outcome_chart"]

_OUTCOMES = ("resolved", "unresolved", "silent")
_COLOURS = {"resolved": GOOD, "unresolved": BAD, "silent": PALETTE[0]}


def iceberg_chart(panel, ax=None):
    """The iceberg: complaints above the waterline (resolved, unresolved), silent dissatisfied below it.
    ``panel`` is a :class:`crmkit.loyalty.IcebergPanel`."""
    ax = get_ax(ax, figsize=(4, 3.8))
    n = panel.groups["customers"]
    res, unres, silent = float(n["resolved"]), float(n["unresolved"]), float(n["silent"])
    kept = reuse(ax, "iceberg_chart")
    if kept:
        bars, notes = kept["bars"], kept["notes"]
    else:
        bars = {"resolved": ax.bar(0, 1, bottom=0, width=0.6, color=_COLOURS["resolved"])[0],
                "unresolved": ax.bar(0, 1, bottom=0, width=0.6, color=_COLOURS["unresolved"])[0],
                "silent": ax.bar(0, 1, bottom=0, width=0.9, color=_COLOURS["silent"], alpha=0.75)[0]}
        ax.axhline(0, color=NEUTRAL, lw=1.5, ls="--")
        notes = {k: ax.text(0.55, 0, "", fontsize=9, va="center") for k in _OUTCOMES}
        ax.set_xlim(-0.6, 1.6)
        ax.set_xticks([])
        ax.yaxis.set_major_formatter(lambda y, _: f"{abs(y):,.0f}")  # counts below the waterline too
        style(ax, T("complaints.chart_iceberg"), None, T("complaints.customers"))
        keep(ax, "iceberg_chart", bars=bars, notes=notes)
    bars["resolved"].set_y(0)
    bars["resolved"].set_height(res)
    bars["unresolved"].set_y(res)
    bars["unresolved"].set_height(unres)
    bars["silent"].set_y(-silent)
    bars["silent"].set_height(silent)
    top, bottom = max(res + unres, 0.15 * silent, 1.0), max(silent, 1.0)
    gap = 0.11 * (top * 1.15 + bottom * 1.08)  # the least distance between two labels, in data units
    y_res = res / 2
    y_unres = max(res + unres / 2, y_res + gap)
    top = max(top, (y_unres + gap / 2) / 1.15)
    for key, y, count in (("resolved", y_res, res), ("unresolved", y_unres, unres), ("silent", -silent / 2, silent)):
        notes[key].set_position((0.55, y))
        notes[key].set_text(f"{T('complaints.' + key)} {count:,.0f}")
    ax.set_ylim(-bottom * 1.08, top * 1.15)
    return ax


def outcome_chart(panel, ax=None):
    """Customers lost (not buying again within 12 months) by outcome, with the people each group tells."""
    ax = get_ax(ax, figsize=(5, 3.8))
    g = panel.groups
    lost = g.loc[list(_OUTCOMES), "lost"].to_numpy(dtype=float)
    reach = g.loc[list(_OUTCOMES), "reach"].to_numpy(dtype=float)
    kept = reuse(ax, "outcome_chart")
    if kept:
        bars, notes = kept["bars"], kept["notes"]
        for b, h in zip(bars, lost):
            b.set_width(h)
    else:
        bars = ax.barh([T("complaints." + k) for k in _OUTCOMES], lost, color=[_COLOURS[k] for k in _OUTCOMES])
        ax.invert_yaxis()
        notes = [ax.annotate("", (0, 0), xytext=(3, 0), textcoords="offset points", va="center", fontsize=9)
                 for _ in bars]
        style(ax, T("complaints.chart_lost"), T("complaints.lost_axis"))
        keep(ax, "outcome_chart", bars=bars, notes=notes)
    for b, h, r, note in zip(bars, lost, reach, notes):
        note.xy = (h, b.get_y() + b.get_height() / 2)
        note.set_text(f"{h:,.0f} · {T('complaints.told')} {r:,.0f}")
    ax.set_xlim(0, max(float(np.max(lost)), 1.0) * 1.7)
    return ax
