"""Charts of chapter 06: the social-style map (four birds on two axes) and the buying centre."""

from __future__ import annotations

import numpy as np

from ..i18n import plot_text as T
from . import BAD, GOOD, NEUTRAL, PALETTE, get_ax, style

__all__ = ["style_map", "move_style_point", "buying_centre_chart", "STYLE_COLOURS"]

#: One colour per bird, used by the map and the widget.
STYLE_COLOURS = {"eagle": PALETTE[1], "peacock": PALETTE[2], "owl": PALETTE[0], "dove": PALETTE[4]}
# (x, y) of each quadrant's label: eagle tells & controls, peacock tells & emotes, owl asks & controls, dove asks & emotes
_CORNERS = {"eagle": (1, -1), "peacock": (1, 1), "owl": (-1, -1), "dove": (-1, 1)}
_POINT_GID = "social-style-point"


def style_map(result=None, ax=None, others=None):
    """The four social styles as quadrants of assertiveness (x) and responsiveness (y), each -2..+2.

    ``result``: a :class:`crmkit.people.SocialStyle` to mark (or None for the empty map);
    ``others``: optional {label: SocialStyle} drawn as small grey points (e.g. a buying centre).
    The customer's point is one artist (gid ``'social-style-point'``) that :func:`move_style_point`
    moves, so a widget can update the chart without redrawing it.
    """
    ax = get_ax(ax, figsize=(5.2, 4.2))
    for bird, (sx, sy) in _CORNERS.items():
        ax.fill_between([0, 2 * sx], 0, 2 * sy, color=STYLE_COLOURS[bird], alpha=0.13, lw=0)
        ax.text(sx, 1.88 * sy, T(f"people.{bird}"), ha="center", va="top" if sy > 0 else "bottom", fontsize=9,
                fontweight="bold", color=STYLE_COLOURS[bird])
    ax.axhline(0, color=NEUTRAL, lw=1)
    ax.axvline(0, color=NEUTRAL, lw=1)
    ax.set_xlim(-2, 2)
    ax.set_ylim(-2, 2)
    ax.set_xticks([-2, -1, 0, 1, 2])
    ax.set_yticks([-2, -1, 0, 1, 2])
    ax.set_aspect("equal", adjustable="box")
    for label, r in (others or {}).items():
        ax.scatter([r.assertiveness], [r.responsiveness], s=25, color=NEUTRAL, zorder=3)
        ax.annotate(str(label), (r.assertiveness, r.responsiveness), xytext=(4, 3), textcoords="offset points",
                    fontsize=8, color=NEUTRAL)
    point = ax.scatter([0], [0], s=140, color="black", edgecolor="white", linewidth=1.5, zorder=5)
    point.set_gid(_POINT_GID)
    move_style_point(ax, result)
    style(ax, T("people.chart_title"), T("people.assertiveness"), T("people.responsiveness"))
    ax.grid(False)
    return ax


def _point(ax):
    return next(c for c in ax.collections if c.get_gid() == _POINT_GID)


def move_style_point(ax, result) -> None:
    """Move the customer's point on a :func:`style_map` to ``result`` (hide it when None)."""
    point = _point(ax)
    if result is None:
        point.set_visible(False)
        return
    point.set_offsets(np.array([[result.assertiveness, result.responsiveness]]))
    point.set_facecolor(STYLE_COLOURS[result.style])
    point.set_visible(True)


def buying_centre_chart(centre, ax=None):
    """The buying centre (from :func:`crmkit.people.buying_centre`): the highest influence in each role,
    labelled with the contact (and how many contacts hold the role), coloured by his attitude to us
    (green supporter, grey neutral, red opponent); the roles nobody covers are marked in red."""
    ax = get_ax(ax, figsize=(6, 3.2))
    roles = list(centre.index)[::-1]
    vals = centre["top_influence"].reindex(roles).to_numpy(dtype=float)
    covered = centre["covered"].reindex(roles).to_numpy(dtype=bool)
    y = np.arange(len(roles))
    att = centre["top_attitude"].reindex(roles).to_numpy(dtype=float)
    ax.barh(y, vals, color=[GOOD if a > 0 else BAD if a < 0 else NEUTRAL for a in att], height=0.6)
    for yi, role, val, ok in zip(y, roles, vals, covered):
        text = f"{centre.loc[role, 'top_contact']} ({int(centre.loc[role, 'contacts'])})" if ok else T("people.no_contact")
        ax.text(val + 0.08 if ok else 0.08, yi, text, va="center", fontsize=9, color="black" if ok else BAD)
    ax.set_yticks(y, [T(f"people.role.{r}") for r in roles])
    ax.set_xlim(0, 5.9)
    return style(ax, T("people.centre_title"), T("people.influence"), None)
