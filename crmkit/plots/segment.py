"""Charts of chapters 03-04: Pareto curve with ABC bands, class shares, RFM heat map, pyramid."""

from __future__ import annotations

import numpy as np

from ..i18n import plot_text as T
from ..i18n import t
from . import COLOURS, NEUTRAL, PALETTE, drop, get_ax, keep, restart, reuse, style

__all__ = ["pareto_chart", "class_share_chart", "rfm_heatmap", "pyramid_chart"]

_BAND = {"A": PALETTE[0], "B": PALETTE[3], "C": PALETTE[2]}


def _name(label) -> str:
    """A class name fit for the chart: the Chinese RFM classes in English when no CJK font can draw them."""
    from .. import i18n
    from ..segment import CN8

    label = str(label)
    if i18n.cjk_font() is None:
        english = {cn: en for cn, en, _ in CN8.values()}
        return english.get(label, label)
    return i18n.term("class", label) if i18n.get_language() == "zh" else label


def _abc_bands(ax, classes):
    """The A, B, C bands along the customer axis: shaded spans and their letters."""
    artists = []
    counts = classes["segment"].value_counts().reindex(["A", "B", "C"]).fillna(0).to_numpy()
    edges = np.concatenate([[0], np.cumsum(counts)]) / counts.sum()
    for (lo, hi), name in zip(zip(edges[:-1], edges[1:]), ["A", "B", "C"]):
        if hi > lo:
            artists.append(ax.axvspan(lo, hi, color=_BAND[name], alpha=0.12, lw=0))
            artists.append(ax.text((lo + hi) / 2, 0.04, name, ha="center", fontsize=12, fontweight="bold",
                                   color=_BAND[name]))
    return artists


def _width(text: str) -> int:
    """Width of a label in Latin letters: a Chinese character is about two."""
    return sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in text)


def pareto_chart(curve, classes=None, ax=None):
    """The Pareto (Lorenz) curve from :func:`crmkit.segment.pareto_curve`; with ``classes`` (from
    :func:`~crmkit.segment.abc_classes`) the A, B, C bands are shaded along the customer axis."""
    ax = get_ax(ax, figsize=(6, 4))
    x, y = curve["customer_share"].to_numpy(), curve["value_share"].to_numpy()
    kept = reuse(ax, "pareto_chart")
    if kept:
        drop(kept["bands"])
        kept["bands"] = _abc_bands(ax, classes) if classes is not None else []
        kept["curve"].set_data(x, y)
        return ax
    bands = _abc_bands(ax, classes) if classes is not None else []
    (line,) = ax.plot(x, y, color=PALETTE[0], lw=2.2)
    ax.plot([0, 1], [0, 1], color=NEUTRAL, ls=":", lw=1, label=T("segment.equality"))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.legend(loc="center right", frameon=False, fontsize=9)
    keep(ax, "pareto_chart", curve=line, bands=bands)
    return style(ax, T("segment.pareto_title"), T("segment.cust_axis"), T("segment.value_axis"))


def _share_marks(ax, summary, pos):
    """Say "no customers" over a class that has none, instead of leaving a silent gap."""
    return [ax.text(p, 0.01, T("plots.no_customers"), rotation=90, ha="center", va="bottom", fontsize=8,
                    color=NEUTRAL, transform=ax.get_xaxis_transform())
            for p, n in zip(pos, summary["customer_share"]) if n == 0]


def class_share_chart(summary, ax=None):
    """Side-by-side bars of the share of customers and of revenue per class (from ``class_summary``);
    a class with no customers is marked "no customers"."""
    ax = get_ax(ax, figsize=(6, 3.6))
    names = [_name(i) for i in summary.index]
    pos = np.arange(len(names))
    kept = reuse(ax, "class_share_chart")
    if kept and kept["names"] == names:
        for bar, h in zip(kept["customers"], summary["customer_share"]):
            bar.set_height(h)
        for bar, h in zip(kept["revenue"], summary["value_share"]):
            bar.set_height(h)
        drop(kept["marks"])
        kept["marks"] = _share_marks(ax, summary, pos)
        ax.relim()
        ax.autoscale_view(scalex=False)
        return ax
    if kept:
        restart(ax)
    customers = ax.bar(pos - 0.2, summary["customer_share"], 0.4, color=PALETTE[6], label=T("segment.customer_share"))
    revenue = ax.bar(pos + 0.2, summary["value_share"], 0.4, color=PALETTE[0], label=T("segment.revenue_share"))
    long = max(map(_width, names)) > 6
    ax.set_xticks(pos, names, rotation=30 if long else 0, ha="right" if long else "center")
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.legend(frameon=False, fontsize=9)
    keep(ax, "class_share_chart", names=names, customers=list(customers), revenue=list(revenue),
         marks=_share_marks(ax, summary, pos))
    return style(ax, T("segment.sizes_title"))


def _rfm_grid(scores):
    bins = int(max(scores["R"].max(), scores["F"].max()))
    count = np.zeros((bins, bins))
    mean_m = np.full((bins, bins), np.nan)
    g = scores.groupby(["F", "R"])["monetary"]
    for (f, r), n in g.size().items():
        count[f - 1, r - 1] = n
    for (f, r), m in g.mean().items():
        mean_m[f - 1, r - 1] = m
    return bins, count, mean_m


def _rfm_cells(ax, count, mean_m):
    """The count in every cell; an empty cell is hatched and shows 0 (no customers has this R and F)."""
    from matplotlib.patches import Rectangle

    bins = len(count)
    top = np.nanmax(mean_m) if np.isfinite(mean_m).any() else 1
    artists = []
    for f in range(bins):
        for r in range(bins):
            if count[f, r]:
                dark = np.isfinite(mean_m[f, r]) and mean_m[f, r] > 0.6 * top
                artists.append(ax.text(r + 1, f + 1, f"{int(count[f, r])}", ha="center", va="center", fontsize=9,
                                       color="white" if dark else "black"))
            else:
                artists.append(ax.add_patch(Rectangle((r + 0.5, f + 0.5), 1, 1, fill=False, hatch="///",
                                                      edgecolor=COLOURS["light"], lw=0)))
                artists.append(ax.text(r + 1, f + 1, "0", ha="center", va="center", fontsize=8, color=NEUTRAL,
                                       style="italic"))
    sep = "；" if T("segment.r_axis") != t("segment.r_axis", lang="en") else "; "
    ax.set_xlabel(T("segment.r_axis") + (f"{sep}{T('plots.hatched_empty')}" if (count == 0).any() else ""))
    return artists


def rfm_heatmap(scores, ax=None):
    """Number of customers in each R x F score cell, coloured by their mean monetary value. An empty
    cell (no customer has that R and F score) is hatched and shows 0, and the axis label says so."""
    ax = get_ax(ax, figsize=(5.5, 4.2))
    bins, count, mean_m = _rfm_grid(scores)
    kept = reuse(ax, "rfm_heatmap")
    if kept and kept["bins"] == bins:
        kept["image"].set_data(mean_m)
        kept["image"].autoscale()
        drop(kept["cells"])
        kept["cells"] = _rfm_cells(ax, count, mean_m)
        return ax
    if kept:
        restart(ax)
    im = ax.imshow(mean_m, origin="lower", cmap="Blues", aspect="auto",
                   extent=(0.5, bins + 0.5, 0.5, bins + 0.5))
    cells = _rfm_cells(ax, count, mean_m)
    ax.set_xticks(range(1, bins + 1))
    ax.set_yticks(range(1, bins + 1))
    position = ax.get_position()
    cbar = ax.figure.colorbar(im, ax=ax, label=T("segment.mean_m"), shrink=0.85)
    keep(ax, "rfm_heatmap", bins=bins, image=im, cells=cells, extra_axes=[cbar.ax], position=position)
    ax = style(ax, T("segment.heatmap_title"), None, T("segment.f_axis"))
    ax.grid(False)
    return ax


def pyramid_chart(summary, ax=None):
    """The customer pyramid: one band per class (top = most valuable), width = share of customers,
    labelled with the share of revenue."""
    ax = get_ax(ax, figsize=(6, 3.8))
    kept = reuse(ax, "pyramid_chart")
    if kept:
        drop(kept["bands"])
        kept["bands"] = _pyramid_bands(ax, summary)
        return ax
    bands = _pyramid_bands(ax, summary)
    ax.axis("off")
    ax.set_title(T("segment.pyramid_title"), loc="left", fontsize=11, fontweight="bold")
    ax.text(0, -0.02, f"{T('segment.customer_share')} / {T('segment.revenue_share')}", transform=ax.transAxes,
            fontsize=9, va="top")
    keep(ax, "pyramid_chart", bands=bands)
    return ax


def _pyramid_bands(ax, summary):
    names = [_name(i) for i in summary.index]
    n = len(names)
    colors = [COLOURS["grey"], COLOURS["gold"], COLOURS["muted"], COLOURS["lead"]][:n] if n == 4 else PALETTE[:n]
    artists = []
    for i, name in enumerate(names):  # i = 0 is the top
        y = n - 1 - i
        half = (0.45 + 0.55 * (i + 1) / n) / 2
        artists += ax.fill([0.5 - half, 0.5 + half, 0.5 + half, 0.5 - half], [y, y, y + 0.92, y + 0.92], color=colors[i])
        row = summary.loc[summary.index[i]]
        artists.append(ax.text(0.5, y + 0.46, f"{name}: {row['customer_share']:.0%} / {row['value_share']:.0%}",
                               ha="center", va="center", color="white", fontsize=10, fontweight="bold"))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, n)
    return artists
