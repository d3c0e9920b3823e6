"""Charts of chapter 05: cumulative value, survival, CLV against retention, P(alive) heat map,
lifecycle profit curve."""

from __future__ import annotations

import numpy as np

from ..i18n import plot_text as T
from . import BAD, GOOD, NEUTRAL, PALETTE, get_ax, style

__all__ = ["cumulative_value_chart", "survival_chart", "retention_sweep_chart", "p_alive_heatmap",
           "expected_purchases_heatmap", "calibration_chart", "lifecycle_chart"]


def cumulative_value_chart(curve, ax=None):
    """Cumulative discounted value per customer (a ``RetentionCurve`` from ``retention_value_curve``),
    with the break-even period."""
    ax = get_ax(ax)
    table, be = curve.table, curve.break_even_period
    ax.plot(table["period"], table["cumulative"], marker="o", ms=3, color=PALETTE[0], lw=2)
    ax.axhline(0, color="black", lw=0.8)
    if be is not None:
        y = float(table.loc[table["period"] == be, "cumulative"].iloc[0])
        ax.plot([be], [y], marker="o", ms=9, mfc="none", mec=GOOD, mew=2)
        ax.annotate(f"{T('clv.break_even')}: {be}", (be, y), xytext=(6, -14), textcoords="offset points",
                    fontsize=9, color=GOOD)
    return style(ax, T("clv.cum_title"), T("clv.period_axis"), T("clv.value_axis"))


def survival_chart(alive, ax=None, label=None):
    """Share of a cohort still active, period by period (a Series or a column ``alive``)."""
    ax = get_ax(ax)
    y = alive["alive"] if hasattr(alive, "columns") else alive
    x = alive["period"] if hasattr(alive, "columns") else y.index
    ax.step(x, y, where="post", color=PALETTE[3], lw=2, label=label)
    ax.set_ylim(0, 1.02)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    if label:
        ax.legend(frameon=False, fontsize=9)
    return style(ax, T("clv.surv_title"), T("clv.period_axis"), T("clv.share_axis"))


def retention_sweep_chart(sweep, current=None, ax=None):
    """CLV for a range of retention rates (columns ``retention``, ``clv``), the current rate marked."""
    ax = get_ax(ax)
    ax.plot(sweep["retention"], sweep["clv"], color=PALETTE[0], lw=2)
    if current is not None:
        r, v = current
        ax.plot([r], [v], "o", color=BAD, ms=7)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    return style(ax, T("clv.sweep_title"), T("clv.retention"), T("clv.value_axis"))


def p_alive_heatmap(model, T_weeks: float, max_frequency: int = 20, ax=None, point=None):
    """P(alive) of a customer observed ``T_weeks`` for each frequency and recency (BG/NBD)."""
    ax = get_ax(ax, figsize=(5.5, 4.2))
    x = np.arange(0, max_frequency + 1)
    tx = np.linspace(0, T_weeks, 40)
    X, TX = np.meshgrid(x, tx)
    P = model.probability_alive(X.ravel(), np.where(X.ravel() > 0, TX.ravel(), 0.0), T_weeks).reshape(X.shape)
    im = ax.imshow(P, origin="lower", aspect="auto", cmap="RdYlGn", vmin=0, vmax=1,
                   extent=(-0.5, max_frequency + 0.5, 0, T_weeks))
    if point is not None:
        ax.plot([point[0]], [point[1]], marker="*", ms=14, color="black")
    ax.figure.colorbar(im, ax=ax, label=T("clv.p_alive"), shrink=0.85)
    ax = style(ax, T("clv.heat_title"), T("clv.frequency"), T("clv.recency"))
    ax.grid(False)
    return ax


def expected_purchases_heatmap(model, T_weeks: float, t: float = 52, max_frequency: int = 20, ax=None):
    """Expected purchases in the next ``t`` periods for each frequency and recency (BG/NBD)."""
    ax = get_ax(ax, figsize=(5.5, 4.2))
    x = np.arange(0, max_frequency + 1)
    tx = np.linspace(0, T_weeks, 40)
    X, TX = np.meshgrid(x, tx)
    E = model.conditional_expected_purchases(t, X.ravel(), np.where(X.ravel() > 0, TX.ravel(), 0.0), T_weeks)
    im = ax.imshow(E.reshape(X.shape), origin="lower", aspect="auto", cmap="Blues",
                   extent=(-0.5, max_frequency + 0.5, 0, T_weeks))
    ax.figure.colorbar(im, ax=ax, label=T("clv.expected_next", weeks=int(t)), shrink=0.85)
    ax = style(ax, T("clv.heat_expected_title"), T("clv.frequency"), T("clv.recency"))
    ax.grid(False)
    return ax


def calibration_chart(holdout, predicted, by: str = "frequency", cap: int = 7, ax=None):
    """Calibration against holdout: mean purchases predicted and observed in the holdout period, by the
    number of repeat purchases in the calibration period (the last group is cap and more)."""
    ax = get_ax(ax)
    group = holdout[by].clip(upper=cap)
    means = holdout.assign(predicted=np.asarray(predicted)).groupby(group)[["predicted", "frequency_holdout"]].mean()
    ax.plot(means.index, means["frequency_holdout"], marker="o", lw=2, color=PALETTE[0], label=T("clv.observed"))
    ax.plot(means.index, means["predicted"], marker="s", lw=2, ls="--", color=BAD, label=T("clv.predicted"))
    ax.set_xticks(means.index, [str(i) if i < cap else f"{cap}+" for i in means.index])
    ax.legend(frameon=False, fontsize=9)
    return style(ax, T("clv.calibration_title"), T("clv.frequency"), T("clv.holdout_axis"))


def lifecycle_chart(stage_profit, ax=None):
    """Profit by lifecycle stage (exploration, formation, stable, decline ...) as bars."""
    ax = get_ax(ax)
    names = [str(i) for i in stage_profit.index]
    vals = np.asarray(stage_profit, dtype=float)
    ax.bar(names, vals, color=[GOOD if v >= 0 else BAD for v in vals])
    ax.plot(names, vals, color=NEUTRAL, lw=1, marker="o")
    return style(ax, None, None, T("clv.value_axis"))
