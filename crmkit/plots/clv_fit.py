"""Charts of chapter 05b (fitted models): how well BG/NBD fits the repeat-purchase counts, and
P(alive) along one customer's history -- the two checks of lifetimes' quickstart [added].

The two ``*_table`` functions compute what the charts draw (from a fitted :class:`crmkit.clv.BGNBD`),
so a notebook or a test can read the numbers; the ``*_chart`` functions only draw them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import DataError, ParameterError
from ..i18n import plot_text as T
from . import BAD, PALETTE, get_ax, style

__all__ = ["repeat_purchase_fit_table", "repeat_purchase_fit_chart", "p_alive_history_table",
           "p_alive_history_chart", "two_customer_chart"]


def repeat_purchase_fit_table(model, summary: pd.DataFrame, max_frequency: int = 7, copies: int = 10,
                              seed: int = 0) -> pd.DataFrame:
    """Customers by number of repeat purchases (0, 1, ... ``max_frequency`` and more): observed in
    ``summary`` and expected by the fitted BG/NBD ``model``, simulated for customers with the same
    observation times T (``copies`` simulations per customer, averaged)."""
    if not isinstance(max_frequency, (int, np.integer)) or isinstance(max_frequency, bool) or not 1 <= max_frequency <= 50:
        raise ParameterError("max_frequency must be a whole number from 1 to 50, e.g. 7.")
    if not isinstance(copies, (int, np.integer)) or isinstance(copies, bool) or not 1 <= copies <= 100:
        raise ParameterError("copies must be a whole number from 1 to 100, e.g. 10.")
    if not isinstance(summary, pd.DataFrame) or not {"frequency", "T"} <= set(summary.columns) or summary.empty:
        raise DataError("summary must be the table of crmkit.clv.summarize() (columns frequency, recency, T).")
    T_all = np.tile(summary["T"].to_numpy(dtype=float), copies)
    sim = model.simulate(len(T_all), T_all, seed=seed)
    bins = np.arange(max_frequency + 1)
    observed = summary["frequency"].clip(upper=max_frequency).value_counts().reindex(bins, fill_value=0)
    expected = sim["frequency"].clip(upper=max_frequency).value_counts().reindex(bins, fill_value=0) / copies
    out = pd.DataFrame({"observed": observed.astype(float), "model": expected.astype(float)})
    out.index = pd.Index([str(i) if i < max_frequency else f"{max_frequency}+" for i in bins], name="repeat purchases")
    return out


def repeat_purchase_fit_chart(table: pd.DataFrame, ax=None):
    """Bars: customers by number of repeat purchases, observed against the model."""
    ax = get_ax(ax, figsize=(6, 3.5))
    x = np.arange(len(table))
    ax.bar(x - 0.2, table["observed"], width=0.4, color=PALETTE[0], label=T("clv.observed"))
    ax.bar(x + 0.2, table["model"], width=0.4, color=BAD, alpha=0.8, label=T("clv.fit_model"))
    ax.set_xticks(x, list(table.index))
    ax.legend(frameon=False, fontsize=9)
    return style(ax, T("clv.fit_title"), T("clv.fit_x"), T("clv.fit_y"))


def p_alive_history_table(model, transactions: pd.DataFrame, customer, asof, *, customer_col: str = "customer_id",
                          date: str = "date", step_days: int = 1) -> pd.DataFrame:
    """P(alive) of one customer at each ``step_days`` from his first purchase to ``asof``, as the
    model would have computed it with the history known on that day (times in weeks). Returns
    ``week`` (since the first purchase), ``date``, ``p_alive`` and the purchase weeks in ``purchase``."""
    if not isinstance(transactions, pd.DataFrame) or not {customer_col, date} <= set(transactions.columns):
        raise DataError(f"transactions must be a DataFrame with the columns {customer_col!r} and {date!r}.")
    end = pd.Timestamp(asof)
    rows = transactions[(transactions[customer_col] == customer) & (transactions[date] <= end)]
    if "amount" in rows.columns:
        rows = rows[rows["amount"] >= 0]
    if rows.empty:
        raise DataError(f"No purchase of customer {customer!r} up to {end.date()}.")
    days = np.sort(rows[date].dt.normalize().unique())
    first = days[0]
    bought = (pd.DatetimeIndex(days) - first).days.to_numpy() / 7.0
    grid = np.arange(0, (end - first).days + 1, step_days) / 7.0
    x = np.searchsorted(bought, grid, side="right") - 1  # repeat purchases known at each time
    tx = bought[np.searchsorted(bought, grid, side="right") - 1]
    p = model.probability_alive(x, np.where(x > 0, tx, 0.0), grid)
    return pd.DataFrame({"week": grid, "date": first + pd.to_timedelta(grid * 7, unit="D"), "p_alive": p,
                         "purchase": np.isin(np.round(grid, 6), np.round(bought, 6))})


def p_alive_history_chart(history: pd.DataFrame, ax=None, purchases=None):
    """P(alive) along one customer's history; his purchases as vertical lines."""
    ax = get_ax(ax, figsize=(6, 3.5))
    ax.plot(history["week"], history["p_alive"], lw=2, color=PALETTE[0], label=T("clv.p_alive"))
    for i, w in enumerate([] if purchases is None else purchases):
        ax.axvline(w, color=BAD, ls=":", lw=1, label=T("clv.purchase") if i == 0 else None)
    ax.set_ylim(0, 1.05)
    ax.legend(frameon=False, fontsize=9, loc="lower left")
    return style(ax, T("clv.history_title"), T("clv.history_x"), T("clv.p_alive"))


def two_customer_chart(table: pd.DataFrame, ax=None):
    """Grouped bars: the CLV of customers A and B (columns) under each textbook model (rows).
    On a widget's axes the bars are updated in place."""
    from . import keep, rescale, reuse

    ax = get_ax(ax, figsize=(6, 3.5))
    kept = reuse(ax, "two_customer_chart")
    if kept:
        for col, bars in kept["bars"].items():
            for bar, h in zip(bars, table[col]):
                bar.set_height(float(h))
        rescale(ax, x=False)
        return ax
    x = np.arange(len(table))
    bars = {}
    for i, col in enumerate(table.columns):
        bars[col] = ax.bar(x + (i - 0.5) * 0.4, table[col].to_numpy(dtype=float), width=0.4,
                           color=PALETTE[i], label=str(col))
    ax.set_xticks(x, [str(i) for i in table.index])
    ax.axhline(0, color="black", lw=0.8)
    ax.legend(frameon=False, fontsize=9)
    keep(ax, "two_customer_chart", bars=bars)
    return style(ax, T("clv.sel_title"), None, T("clv.sel_value"))
