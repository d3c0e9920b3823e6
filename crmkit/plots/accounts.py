"""Charts of chapter 11: the key-account scorecard, the relationship assessment grid, the power map,
and the sensitivity of ranks to a weight. Matplotlib only (the power map is laid out by
:func:`crmkit.accounts.power_map`, no graph library needed)."""

from __future__ import annotations

import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from ..i18n import plot_text as T
from . import BAD, COLOURS, GOOD, NEUTRAL, PALETTE, get_ax, style

__all__ = ["scorecard_chart", "scorecard_bars", "scorecard_handles", "assessment_grid_chart", "power_map_chart", "power_map_handles",
           "sensitivity_chart", "ATTITUDE_COLOURS"]

#: Attitude to us, -2 .. +2, as colours: red (opponent) through grey to green (supporter).
ATTITUDE_COLOURS = {-2: COLOURS["bad"], -1: COLOURS["pale_bad"], 0: COLOURS["pale"], 1: COLOURS["pale_good"], 2: COLOURS["good"]}
KIND_COLOURS = {"core": PALETTE[0], "growth": PALETTE[4], "maintain": PALETTE[2], "reconsider": NEUTRAL}


def _criteria(card):
    return [c[: -len("_points")] for c in card.columns if c.endswith("_points")]


def scorecard_bars(card, top: int = 10) -> tuple[np.ndarray, list]:
    """The rectangles of :func:`scorecard_chart`: an array (criteria × accounts, 4 corners, x/y) and
    their colours; the best account at the top (y = top - 1), one bar segment per criterion."""
    shown = card.head(top)
    crit = _criteria(card)
    pts = shown[[f"{c}_points" for c in crit]].to_numpy(dtype=float).T  # criteria x accounts
    right = np.cumsum(pts, axis=0)
    left = right - pts
    y = np.arange(len(shown))[::-1].astype(float)
    y0, y1 = np.broadcast_to(y - 0.35, pts.shape), np.broadcast_to(y + 0.35, pts.shape)
    verts = np.stack([np.stack([left, y0], -1), np.stack([right, y0], -1), np.stack([right, y1], -1),
                      np.stack([left, y1], -1)], axis=2).reshape(-1, 4, 2)
    colours = [PALETTE[i % len(PALETTE)] for i in range(len(crit)) for _ in range(len(shown))]
    return verts, colours


def scorecard_chart(card, top: int = 10, ax=None, legend: bool = True):
    """Horizontal bars of the ``top`` accounts of a :func:`~crmkit.accounts.scorecard`, best at the
    top, each bar split into the points every criterion contributes (weight × score). The bars are
    one ``PolyCollection`` (``ax.collections[0]``), so a widget can move them with ``set_verts``."""
    ax = get_ax(ax, figsize=(7, 3.8))
    shown = card.head(top)
    verts, colours = scorecard_bars(card, top)
    ax.add_collection(PolyCollection(verts, facecolors=colours, edgecolors="none"))
    y = np.arange(len(shown))[::-1]
    ax.set_yticks(y, [f"{r}. {a}" for r, a in zip(shown["rank"], shown.index)])
    ax.set_xlim(0, 5)
    ax.set_ylim(-0.6, max(len(shown), 1) - 0.4)
    handles = [Patch(color=PALETTE[i % len(PALETTE)], label=T(f"accounts.crit.{c}"))
               for i, c in enumerate(_criteria(card))]
    if legend:
        ax.legend(handles=handles, frameon=False, fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=3)
    style(ax, T("accounts.scorecard_title"), None, None)
    ax.grid(False, axis="y")
    ax.set_axisbelow(True)
    return ax


def scorecard_handles(card):
    """Legend entries of the scorecard chart, one per criterion."""
    return [Patch(color=PALETTE[i % len(PALETTE)], label=T(f"accounts.crit.{c}")) for i, c in enumerate(_criteria(card))]


def assessment_grid_chart(grid, value_cut: float = 3.0, relationship_cut: float = 12.5, ax=None, label: bool = True):
    """The relationship assessment grid (大客户关系测评坐标): each account at (value, relationship),
    the cuts as lines, the quadrants named in their corners."""
    ax = get_ax(ax, figsize=(6, 4.2))
    colours = {"consolidate": GOOD, "breakthrough": BAD, "grow value": PALETTE[2], "maintain": NEUTRAL}
    ax.scatter(grid["value"], grid["relationship"], c=[colours[s] for s in grid["segment"]], s=36, zorder=3)
    if label:
        for name, x, y in zip(grid.index, grid["value"], grid["relationship"]):
            ax.annotate(str(name), (x, y), xytext=(3, 3), textcoords="offset points", fontsize=7)
    ax.axvline(value_cut, color="black", lw=0.8, ls="--")
    ax.axhline(relationship_cut, color="black", lw=0.8, ls="--")
    ax.set_xlim(1, 5)
    ax.set_ylim(4, 20)
    corners = {"consolidate": (0.98, 0.97, "right", "top"), "breakthrough": (0.98, 0.03, "right", "bottom"),
               "grow value": (0.02, 0.97, "left", "top"), "maintain": (0.02, 0.03, "left", "bottom")}
    for q, (x, y, ha, va) in corners.items():
        ax.text(x, y, T(f"accounts.grid.{q}"), transform=ax.transAxes, ha=ha, va=va, fontsize=9,
                color=colours[q], fontweight="bold")
    return style(ax, T("accounts.grid_title"), T("accounts.value_axis"), T("accounts.relationship_axis"))


def power_map_chart(pm, ax=None, show_legend: bool = True):
    """The organisational power map (组织权力地图) from :func:`~crmkit.accounts.power_map`: an org
    chart whose nodes are coloured by attitude to us, sized by influence, with a border as thick as
    our relationship (1-4), dashed for a hidden key person; a person with a gap is circled in red."""
    ax = get_ax(ax, figsize=(6.5, 4))
    pos = dict(zip(pm["name"], zip(pm["x"], pm["y"])))
    for n, b in zip(pm["name"], pm["boss"]):
        if b:
            (x0, y0), (x1, y1) = pos[b], pos[n]
            ax.plot([x0, x0, x1, x1], [y0 - 0.08, (y0 + y1) / 2, (y0 + y1) / 2, y1 + 0.08], color=COLOURS["line"],
                    lw=0.9, zorder=1)
    colours = [ATTITUDE_COLOURS[int(round(a))] for a in pm["attitude"]]
    sizes = 40 + 40 * pm["influence"].to_numpy()
    widths = 0.6 + 0.8 * (pm["relationship"].to_numpy() - 1)
    ax.scatter(pm["x"], pm["y"], s=sizes, c=colours, edgecolors=COLOURS["ink"], linewidths=widths, zorder=3)
    hidden = pm[pm["hidden"].astype(bool)]
    if len(hidden):
        ax.scatter(hidden["x"], hidden["y"], s=sizes[pm["hidden"].astype(bool).to_numpy()] * 1.8, facecolors="none",
                   edgecolors=COLOURS["ink"], linewidths=0.8, linestyles="--", zorder=2)
    flagged = pm[pm["gap"] != ""]
    if len(flagged):
        ax.scatter(flagged["x"], flagged["y"], s=sizes[(pm["gap"] != "").to_numpy()] * 2.2, facecolors="none",
                   edgecolors=BAD, linewidths=1.6, zorder=2)
    for n, r, x, y in zip(pm["name"], pm["role"], pm["x"], pm["y"]):
        ax.annotate(f"{n}\n{T(f'accounts.role.{r}')}", (x, y), xytext=(0, -11), textcoords="offset points",
                    ha="center", va="top", fontsize=7, zorder=4, linespacing=1.0,
                    bbox=dict(boxstyle="square,pad=0.1", fc="white", ec="none"))
    xs = pm["x"].to_numpy()
    ax.set_xlim(xs.min() - 0.8, xs.max() + 0.8)
    ax.set_ylim(pm["y"].min() - 0.7, 0.35)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.set_title(T("accounts.power_map"), loc="left", fontsize=11, fontweight="bold")
    if show_legend:
        ax.legend(handles=power_map_handles(), frameon=False, fontsize=7, loc="lower right", ncol=2)
    return ax


def power_map_handles():
    """Legend entries of the power map: attitude colours and the gap ring."""
    handles = [Line2D([], [], marker="o", ls="", markersize=7, markerfacecolor=ATTITUDE_COLOURS[a],
                      markeredgecolor=COLOURS["ink"], label=T(k))
               for a, k in ((-2, "accounts.opponent"), (0, "accounts.neutral"), (2, "accounts.supporter"))]
    handles.append(Line2D([], [], marker="o", ls="", markersize=9, markerfacecolor="none", markeredgecolor=BAD,
                          label=T("accounts.gaps")))
    return handles


def sensitivity_chart(sens, account: str = "account_id", criterion: str = "", accounts=None, ax=None):
    """Rank of each account (from :func:`~crmkit.accounts.weight_sensitivity`) as one weight
    moves from 0 to 1: where lines cross, the ranking depends on the weight."""
    ax = get_ax(ax, figsize=(6.5, 3.6))
    names = list(dict.fromkeys(sens[account])) if accounts is None else list(accounts)
    for i, a in enumerate(names):
        s = sens[sens[account] == a]
        ax.plot(s["weight"], s["rank"], marker="o", ms=3, lw=1.8, color=PALETTE[i % len(PALETTE)], label=str(a))
    ax.invert_yaxis()
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    label = T(f"accounts.crit.{criterion}") if criterion else ""
    return style(ax, T("accounts.sensitivity_title"), T("accounts.weight_of", criterion=label), T("accounts.rank"))
