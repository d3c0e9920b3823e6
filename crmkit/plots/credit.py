"""Charts of chapter 10: receivables ageing, receivables against limits, scores by grade."""

from __future__ import annotations

import numpy as np

from ..i18n import plot_text as T
from . import BAD, COLOURS, GOOD, NEUTRAL, PALETTE, get_ax, style

__all__ = ["ageing_chart", "limit_chart", "score_chart", "bucket_text", "money_ticks", "AGE_COLOURS"]

#: From not yet due (green) to over 90 days (red).
AGE_COLOURS = [PALETTE[4], PALETTE[2], PALETTE[7], PALETTE[1], COLOURS["wine"]]


def bucket_text(label: str) -> str:
    """A bucket name for a chart: 'not yet due', '1-30 days', ..."""
    return T("credit.current") if label == "current" else T("credit.days", label=label)


def money_ticks(v, _pos=None) -> str:
    """An axis label for an amount in ¥: 500k, 1.5m."""
    return f"{v / 1e6:,.3g}m" if abs(v) >= 1e6 else f"{v / 1e3:,.0f}k"


def _colours(n):
    idx = np.round(np.linspace(0, len(AGE_COLOURS) - 1, n)).astype(int) if n > 1 else [0]
    return [AGE_COLOURS[i] for i in idx]


def ageing_chart(ageing, bad_debt=None, ax=None, legend: bool = True):
    """Bars of the amount outstanding by ageing bucket (from ``credit.ageing``), with the expected bad
    debt (from ``credit.expected_bad_debt``) drawn as a dark part of each bar when given.

    The first container of ``ax.containers`` holds the amount bars, the second (if any) the bad-debt bars.
    """
    ax = get_ax(ax)
    labels = [str(b) for b in ageing.index]
    x = np.arange(len(labels))
    amounts = ageing["amount"].to_numpy(dtype=float)
    ax.bar(x, amounts, color=_colours(len(labels)), width=0.7)
    if bad_debt is not None:
        ax.bar(x, bad_debt["expected_bad_debt"].to_numpy(dtype=float), color="black", alpha=0.35, width=0.7,
               hatch="//", label=T("credit.expected_loss"))
        if legend:
            ax.legend(frameon=False, fontsize=8, loc="upper right")
    ax.set_xticks(x, [bucket_text(b) for b in labels], fontsize=8)
    ax.set_ylim(0, max(amounts.max() if len(amounts) else 0, 1) * 1.15)
    ax.yaxis.set_major_formatter(money_ticks)
    return style(ax, T("credit.ageing_title"), T("credit.days_past_due"), T("credit.amount"))


def limit_chart(warnings, top: int = 12, ax=None):
    """Horizontal bars of receivables for the ``top`` customers of ``credit.limit_warnings`` (worst
    excess first), each with a tick at its credit limit; bars over the limit in red."""
    ax = get_ax(ax)
    w = warnings.head(top).iloc[::-1]
    y = np.arange(len(w))
    colours = np.where(w["warning"].to_numpy(), BAD, GOOD)
    ax.barh(y, w["receivables"].to_numpy(dtype=float), color=colours, height=0.6)
    ax.scatter(w["credit_limit"].to_numpy(dtype=float), y, marker="|", s=300, color="black", zorder=3,
               label=T("credit.limit"))
    ax.set_yticks(y, [str(i) for i in w.index], fontsize=8)
    ax.xaxis.set_major_formatter(money_ticks)
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    return style(ax, T("credit.limit_title"), T("credit.amount"), None)


def score_chart(scores, bands=None, ax=None):
    """A histogram of 5C scores (the ``score`` column of ``credit.credit_score``) with the grade bands."""
    from ..credit import DEFAULT_BANDS

    ax = get_ax(ax)
    bands = DEFAULT_BANDS if bands is None else bands
    ax.hist(scores["score"].to_numpy(dtype=float), bins=np.arange(0, 102.5, 2.5), color=PALETTE[0])
    for grade, low in bands.items():
        if low > 0:
            ax.axvline(low, color=NEUTRAL, lw=1, ls="--")
        ax.text(low + 1, 0.97, grade, transform=ax.get_xaxis_transform(), va="top", fontsize=9, color=NEUTRAL)
    ax.set_xlim(0, 100)
    return style(ax, T("credit.scores_title"), T("credit.score_axis"), T("credit.customers_axis"))
