"""Charts of chapters 07-09: the satisfaction-loyalty curve, switching costs, survival, retention economics."""

from __future__ import annotations

import numpy as np

from ..i18n import plot_text as T
from . import BAD, GOOD, NEUTRAL, PALETTE, get_ax, keep, rescale, reuse, style

__all__ = ["loyalty_curve_chart", "switching_chart", "survival_curves_chart", "retention_chart"]


def loyalty_curve_chart(curve, ax=None):
    """Mean loyalty by satisfaction level, one line per segment, the zone of indifference shaded."""
    ax = get_ax(ax)
    ax.axvspan(4.5, 8.5, color=NEUTRAL, alpha=0.12, lw=0)
    ax.text(6.5, 0.02, T("loyalty.indifference"), transform=ax.get_xaxis_transform(), ha="center", fontsize=9,
            color=NEUTRAL)
    groups = curve.groupby("segment", observed=True) if "segment" in curve.columns else [(None, curve)]
    for i, (name, g) in enumerate(groups):
        g = g[g["n"] >= 5]
        ax.plot(g["level"], g["loyalty"], marker="o", ms=4, lw=2, color=PALETTE[i % len(PALETTE)], label=name)
    if "segment" in curve.columns:
        ax.legend(frameon=False, fontsize=9)
    return style(ax, T("loyalty.curve_title"), T("loyalty.satisfaction"), T("loyalty.loyalty_axis"))


def _term(name):
    """A component's name in the chart's language (Chinese only when a CJK font can draw it)."""
    from .. import i18n

    if i18n.get_language() == "zh" and i18n.cjk_font() is not None:
        return i18n.term("class", name)
    return str(name)


def switching_chart(components: dict, advantage_pv: float, ax=None):
    """Stacked switching-cost components against the present value of the competitor's advantage."""
    ax = get_ax(ax)
    names, values = list(components), [float(v) for v in components.values()]
    bottoms = np.concatenate([[0.0], np.cumsum(values)[:-1]])
    total = float(sum(values))
    colour = BAD if advantage_pv > total else GOOD
    kept = reuse(ax, "switching_chart")
    if kept and kept["names"] == names:
        for bar, b, v in zip(kept["parts"], bottoms, values):
            bar.set_y(b)
            bar.set_height(v)
        kept["advantage"].set_height(advantage_pv)
        kept["advantage"].set_facecolor(colour)
        kept["total"].set_ydata([total, total])
    else:
        parts = [ax.bar([0], [v], bottom=b, color=PALETTE[i], label=_term(name), width=0.6)[0]
                 for i, (name, b, v) in enumerate(zip(names, bottoms, values))]
        advantage = ax.bar([1], [advantage_pv], color=colour, width=0.6)[0]
        line = ax.axhline(total, color="black", lw=0.8, ls="--")
        ax.set_xticks([0, 1], [T("loyalty.total_cost"), T("loyalty.pv_adv")])
        ax.legend(frameon=False, fontsize=8, loc="upper left", ncol=3)
        keep(ax, "switching_chart", names=names, parts=parts, advantage=advantage, total=line)
        style(ax, T("loyalty.cost_bars"), None, "¥")
    ax.set_ylim(0, max(total, advantage_pv, 1) * 1.35)
    return ax


def survival_curves_chart(curves: dict, ax=None):
    """Kaplan-Meier curves (tables from ``kaplan_meier``), one per group, as steps."""
    ax = get_ax(ax)
    for i, (name, km) in enumerate(curves.items()):
        x = np.concatenate([[0], km.index.to_numpy()])
        y = np.concatenate([[1], km["survival"].to_numpy()])
        ax.step(x, y, where="post", lw=2, color=PALETTE[i % len(PALETTE)], label=str(name))
    ax.set_ylim(0, 1.02)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.legend(frameon=False, fontsize=9)
    return style(ax, T("loyalty.km_title"), T("loyalty.months"), None)


def retention_chart(base, better=None, ax=None):
    """Customers per year (from ``retention_economics``), optionally against a higher retention."""
    ax = get_ax(ax)
    x = base.index.to_numpy()
    kept = reuse(ax, "retention_chart")
    if kept and (better is None) == (kept["better"] is None):
        kept["base"].set_data(x, base["customers"].to_numpy())
        if better is not None:
            kept["better"].set_data(better.index.to_numpy(), better["customers"].to_numpy())
        rescale(ax)
        return ax
    (now,) = ax.plot(x, base["customers"].to_numpy(), marker="o", ms=3, lw=2, color=PALETTE[0], label=T("loyalty.now"))
    more = None
    if better is not None:
        (more,) = ax.plot(better.index.to_numpy(), better["customers"].to_numpy(), marker="o", ms=3, lw=2, ls="--",
                          color=GOOD, label=T("loyalty.plus5"))
    ax.legend(frameon=False, fontsize=9)
    keep(ax, "retention_chart", base=now, better=more)
    return style(ax, T("loyalty.ret_title"), T("loyalty.year"), T("loyalty.customers"))
