"""Charts of chapters 07-09: the satisfaction-loyalty curve, switching costs, survival, retention economics."""

from __future__ import annotations

import numpy as np

from ..i18n import plot_text as T
from . import BAD, GOOD, NEUTRAL, PALETTE, get_ax, keep, rescale, reuse, style, use_fonts

__all__ = ["loyalty_curve_chart", "switching_chart", "survival_curves_chart", "retention_chart",
           "acsi_scores_chart", "satisfaction_loyalty_chart", "survival_by_segment_chart"]


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


_ACSI_BARS = ("expectations", "quality", "value", "satisfaction", "loyalty")


def acsi_scores_chart(view, ax=None):
    """Bars of the construct scores of a ``SatisfactionView`` (1-10), the survey's means as ticks."""
    ax = get_ax(ax, figsize=(4, 3.2))
    vals = [0.0 if np.isnan(getattr(view, k)) else float(getattr(view, k)) for k in _ACSI_BARS]
    means = [float(view.fitted.means.get(k, np.nan)) for k in _ACSI_BARS]
    kept = reuse(ax, "acsi_scores_chart")
    if kept:
        for bar, h in zip(kept["bars"], vals):
            bar.set_height(h)
        kept["means"].set_data(np.arange(len(means)), means)
        for note, h in zip(kept["notes"], vals):
            note.set_y(h + 0.15)
            note.set_text(f"{h:.1f}" if h else "")
        return ax
    x = np.arange(len(vals))
    bars = ax.bar(x, vals, color=[PALETTE[0]] * 3 + [PALETTE[3], GOOD], width=0.65)
    (avg,) = ax.plot(x, means, ls="none", marker="_", ms=22, mew=2.5, color="black", label=T("loyalty.sim_survey"))
    notes = [ax.text(i, h + 0.15, f"{h:.1f}" if h else "", ha="center", fontsize=8) for i, h in zip(x, vals)]
    ax.set_xticks(x, [T(f"loyalty.sim_short_{k}") for k in _ACSI_BARS], fontsize=8)
    ax.set_ylim(0, 12.5)
    ax.set_yticks([0, 5, 10])  # few tick labels: a widget redraws them on every change
    ax.legend(frameon=False, fontsize=8, loc="upper right")
    keep(ax, "acsi_scores_chart", bars=bars, means=avg, notes=notes)
    return style(ax, T("loyalty.sim_scores"), None, T("loyalty.sim_scale"))


def satisfaction_loyalty_chart(view, ax=None):
    """Loyalty predicted by the fitted paths over satisfaction 1-10 (complaints at their fitted
    propensity), the survey's mean loyalty at each satisfaction level, and the current point."""
    ax = get_ax(ax, figsize=(4, 3.2))
    f = view.fitted
    s = np.linspace(1, 10, 46)
    c, lq = f.equation("complaints"), f.equation("loyalty")
    p = np.clip(c["const"] + c["satisfaction"] * s, 0, 1)
    line = np.clip(lq["const"] + lq["satisfaction"] * s + lq["complaints"] * p, 1, 10)
    dots = f.curve[f.curve["n"] >= 5]
    kept = reuse(ax, "satisfaction_loyalty_chart")
    if kept:
        kept["line"].set_ydata(line)
        kept["dots"].set_data(dots.index.to_numpy(), dots["loyalty"].to_numpy())
        kept["point"].set_data([view.satisfaction], [view.loyalty])
        return ax
    ax.axvspan(4.5, 8.5, color=NEUTRAL, alpha=0.12, lw=0)
    (ln,) = ax.plot(s, line, color=PALETTE[0], lw=2, label=T("loyalty.sim_paths"))
    (dt,) = ax.plot(dots.index.to_numpy(), dots["loyalty"].to_numpy(), ls="none", marker="o", ms=4, color=NEUTRAL,
                    label=T("loyalty.sim_survey"))
    (pt,) = ax.plot([view.satisfaction], [view.loyalty], ls="none", marker="o", ms=10, color=BAD)
    ax.set_xlim(1, 10)
    ax.set_ylim(1, 10)
    ax.set_xticks([1, 4, 7, 10])
    ax.set_yticks([1, 4, 7, 10])
    ax.legend(frameon=False, fontsize=8, loc="upper left")
    keep(ax, "satisfaction_loyalty_chart", line=ln, dots=dt, point=pt)
    return style(ax, T("loyalty.sim_curve"), T("loyalty.satisfaction"), T("loyalty.sim_loyalty_axis"))


def survival_by_segment_chart(curves: dict, ax=None):
    """Kaplan-Meier curves by number of integrations, one panel per segment: ``curves`` maps a
    segment to ``{group label: kaplan_meier table}``. ``ax`` is a sequence of axes, one per segment."""
    if ax is None:
        import matplotlib.pyplot as plt

        use_fonts()
        _, ax = plt.subplots(1, len(curves), figsize=(3.3 * len(curves), 3.4), sharey=True, layout="constrained")
    axes = np.atleast_1d(ax)
    for a, (segment, groups) in zip(axes, curves.items()):
        for i, (name, km) in enumerate(groups.items()):
            x = np.concatenate([[0], km.index.to_numpy()])
            y = np.concatenate([[1], km["survival"].to_numpy()])
            a.step(x, y, where="post", lw=2, color=PALETTE[i % len(PALETTE)], label=str(name))
        a.set_ylim(0, 1.02)
        a.yaxis.set_major_formatter(lambda val, _: f"{val:.0%}")
        style(a, str(segment), T("loyalty.months"), None)
    axes[0].legend(frameon=False, fontsize=8, loc="lower left")
    return axes
