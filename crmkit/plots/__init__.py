"""The course's charts, one look (图表).

Each chapter's charts live in a submodule (``crmkit.plots.taxi``, ``crmkit.plots.segment`` ...),
and every chart function is also reachable here by name: ``crmkit.plots.shift_chart(...)``.
A chart function takes the result of an analytic function (never recomputes it), draws on
``ax`` when given (widgets pass their own) or on a new figure, labels everything through
:mod:`crmkit.i18n`, and returns the ``Axes``.

Widgets keep one figure and its axes between updates (a control change must cost < 100 ms): the
axes a :class:`~crmkit.widgets.CaseWidget` makes are *live*, and a chart function called again on
a live axes updates the artists it drew there the first time (``set_data``, new heights, new texts)
instead of drawing new ones: :func:`reuse` gives it those artists, :func:`keep` stores them. On an
ordinary axes (a notebook cell) every call draws, as usual, so charts can be overlaid.
"""

from __future__ import annotations

import importlib
import pkgutil

# One look for the whole course: a small qualitative palette, readable on a projector, and the colours
# of the roles charts and widgets give them (every chart and widget takes its colours from here).
PALETTE = ["#1f4e9a", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d6a9f", "#2e4057", "#f28f3b"]
COLOURS = {
    "good": "#1a7f37",  # a gain, a kept customer, a goal met
    "bad": "#b42318",  # a loss, a warning, a goal missed
    "muted": "#6b7280",  # notes, reference lines
    "warn": "#8a6d00",  # something still to do (an open question)
    "grey": "#8e9aaf",  # a quantity shown for comparison (a limit, a population)
    "light": "#c0c4cc",  # outlines of light cells
    "line": "#9aa1ab",  # connectors
    "ink": "#1f2937",  # marker edges
    "pale_bad": "#f4a6a0",
    "pale": "#d0d4db",
    "pale_good": "#9fd3ad",
    "gold": "#d4a017",
    "lead": "#3f3f46",
    "wine": "#8b1e3f",
}
GOOD, BAD, NEUTRAL, COST = COLOURS["good"], COLOURS["bad"], COLOURS["muted"], COLOURS["bad"]


def get_ax(ax=None, figsize=(7, 3.8)):
    """``ax`` if given, else the axes of a new pyplot figure (shown inline in a notebook)."""
    use_fonts()
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def live(ax) -> None:
    """Mark ``ax`` as a widget's axes, kept between updates (see :func:`reuse`)."""
    ax._crmkit_chart = {}
    return ax


def reuse(ax, chart: str) -> dict | None:
    """On a live axes where ``chart`` drew before: the artists it kept (a dict), to update in place.
    None on an ordinary axes and on the first call; when another chart drew there before, its
    artists (and its colorbar) are removed first and None is returned."""
    state = getattr(ax, "_crmkit_chart", None)
    if not state:
        return None
    if state["chart"] == chart:
        return state
    for extra in state.get("extra_axes", ()):
        extra.remove()
    if "position" in state:
        ax.set_position(state["position"])
    restart(ax)
    state.clear()
    return None


def restart(ax) -> None:
    """Clear a live axes for a different chart (the widget places its title and label anew)."""
    ax.clear()
    ax._crmkit_frozen = False
    for axis in (ax.xaxis, ax.yaxis):  # clear() keeps label places fixed by set_label_coords: free them
        if hasattr(axis, "_autolabelpos"):
            axis._autolabelpos = True


def keep(ax, chart: str, **artists) -> None:
    """Store the artists ``chart`` drew on a live axes, for the next call (no-op on ordinary axes)."""
    state = getattr(ax, "_crmkit_chart", None)
    if state is not None:
        state.clear()
        state.update(chart=chart, **artists)


def drop(artists) -> None:
    """Remove artists from their axes (texts, patches ... that are cheaper to redraw than to move)."""
    for a in artists:
        a.remove()


def rescale(ax, x=True, y=True) -> None:
    """Autoscale a live axes to its updated lines and patches."""
    ax.relim()
    ax.autoscale_view(scalex=x, scaley=y)


def use_fonts() -> None:
    """Chinese in charts: the CJK font first in Chinese mode, else as a fallback after the Latin
    fonts (class names such as 重要价值客户 draw in English mode too). Cheap after the first call."""
    from .. import i18n

    if i18n.cjk_font() is None:
        return
    if i18n.get_language() == "zh":
        i18n.use_cjk_font()
    else:
        i18n.add_cjk_fallback()


def style(ax, title=None, xlabel=None, ylabel=None):
    """The course's look: light grid, no top/right spines, titles and labels as given."""
    if title:
        # On a widget's axes the title's place is fixed (where matplotlib would put it: nothing is
        # drawn above these charts), which spares measuring every tick label on every draw.
        fixed = {"y": 1.0} if hasattr(ax, "_crmkit_chart") else {}
        ax.set_title(title, loc="left", fontsize=11, fontweight="bold", **fixed)
    if xlabel:
        ax.set_xlabel(xlabel)
    if ylabel:
        ax.set_ylabel(ylabel)
    ax.grid(True, alpha=0.3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax


def _submodules():
    return [m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")]


def __getattr__(name):
    if name.startswith("_"):
        raise AttributeError(name)
    for sub in _submodules():
        mod = importlib.import_module(f"{__name__}.{sub}")
        if name in getattr(mod, "__all__", ()):
            return getattr(mod, name)
    raise AttributeError(f"crmkit.plots has no chart {name!r}")
