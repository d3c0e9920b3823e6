"""Charts of chapter 05: cumulative value, survival, CLV against retention, P(alive) heat map,
lifecycle profit curve."""

from __future__ import annotations

import numpy as np

from ..i18n import plot_text as T
from . import BAD, GOOD, NEUTRAL, PALETTE, get_ax, keep, rescale, reuse, style

__all__ = ["cumulative_value_chart", "survival_chart", "retention_sweep_chart", "p_alive_heatmap",
           "expected_purchases_heatmap", "calibration_chart", "lifecycle_chart"]


def cumulative_value_chart(curve, ax=None):
    """Cumulative discounted value per customer (a ``RetentionCurve`` from ``retention_value_curve``),
    with the break-even period."""
    ax = get_ax(ax)
    table, be = curve.table, curve.break_even_period
    x, y = table["period"].to_numpy(), table["cumulative"].to_numpy()
    kept = reuse(ax, "cumulative_value_chart")
    if kept:
        kept["line"].set_data(x, y)
        marker, note = kept["marker"], kept["note"]
    else:
        (line,) = ax.plot(x, y, marker="o", ms=3, color=PALETTE[0], lw=2)
        ax.axhline(0, color="black", lw=0.8)
        (marker,) = ax.plot([], [], marker="o", ms=9, mfc="none", mec=GOOD, mew=2, ls="none")
        note = ax.annotate("", (0, 0), xytext=(6, -14), textcoords="offset points", fontsize=9, color=GOOD)
        keep(ax, "cumulative_value_chart", line=line, marker=marker, note=note)
        style(ax, T("clv.cum_title"), T("clv.period_axis"), T("clv.value_axis"))
    if be is not None:
        at = float(table.loc[table["period"] == be, "cumulative"].iloc[0])
        marker.set_data([be], [at])
        note.xy = (be, at)
        note.set_text(f"{T('clv.break_even')}: {be}")
    else:
        marker.set_data([], [])
        note.set_text("")
    note.set_visible(be is not None)
    if kept:
        rescale(ax)
    return ax


def survival_chart(alive, ax=None, label=None):
    """Share of a cohort still active, period by period (a Series or a column ``alive``)."""
    ax = get_ax(ax)
    y = alive["alive"] if hasattr(alive, "columns") else alive
    x = alive["period"] if hasattr(alive, "columns") else y.index
    x, y = np.asarray(x), np.asarray(y)
    kept = reuse(ax, "survival_chart")
    if kept:
        kept["line"].set_data(x, y)
        rescale(ax, y=False)
        return ax
    (line,) = ax.step(x, y, where="post", color=PALETTE[3], lw=2, label=label)
    keep(ax, "survival_chart", line=line)
    ax.set_ylim(0, 1.02)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    if label:
        ax.legend(frameon=False, fontsize=9)
    return style(ax, T("clv.surv_title"), T("clv.period_axis"), T("clv.share_axis"))


def retention_sweep_chart(sweep, current=None, ax=None):
    """CLV for a range of retention rates (columns ``retention``, ``clv``), the current rate marked."""
    ax = get_ax(ax)
    x, y = sweep["retention"].to_numpy(), sweep["clv"].to_numpy()
    kept = reuse(ax, "retention_sweep_chart")
    if kept:
        kept["line"].set_data(x, y)
        kept["point"].set_data([current[0]] if current else [], [current[1]] if current else [])
        rescale(ax)
        return ax
    (line,) = ax.plot(x, y, color=PALETTE[0], lw=2)
    (point,) = ax.plot([current[0]] if current else [], [current[1]] if current else [], "o", color=BAD, ms=7)
    keep(ax, "retention_sweep_chart", line=line, point=point)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    return style(ax, T("clv.sweep_title"), T("clv.retention"), T("clv.value_axis"))


def _p_alive_grid(model, T_weeks, max_frequency):
    x = np.arange(0, max_frequency + 1)
    tx = np.linspace(0, T_weeks, 40)
    X, TX = np.meshgrid(x, tx)
    return model.probability_alive(X.ravel(), np.where(X.ravel() > 0, TX.ravel(), 0.0), T_weeks).reshape(X.shape)


def p_alive_heatmap(model, T_weeks: float, max_frequency: int = 20, ax=None, point=None):
    """P(alive) of a customer observed ``T_weeks`` for each frequency and recency (BG/NBD)."""
    ax = get_ax(ax, figsize=(5.5, 4.2))
    key = (id(model), float(T_weeks), int(max_frequency))
    extent = (-0.5, max_frequency + 0.5, 0, T_weeks)
    kept = reuse(ax, "p_alive_heatmap")
    if kept:
        if kept["key"] != key:  # the map depends on the customer's T only: the same T, the same map
            kept["image"].set_data(_p_alive_grid(model, T_weeks, max_frequency))
            kept["image"].set_extent(extent)
            kept["key"] = key
        kept["star"].set_data([point[0]] if point else [], [point[1]] if point else [])
        return ax
    im = ax.imshow(_p_alive_grid(model, T_weeks, max_frequency), origin="lower", aspect="auto", cmap="RdYlGn",
                   vmin=0, vmax=1, extent=extent)
    (star,) = ax.plot([point[0]] if point else [], [point[1]] if point else [], marker="*", ms=14, color="black",
                      ls="none")
    position = ax.get_position()
    cbar = ax.figure.colorbar(im, ax=ax, label=T("clv.p_alive"), shrink=0.85)
    keep(ax, "p_alive_heatmap", key=key, image=im, star=star, extra_axes=[cbar.ax], position=position)
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
