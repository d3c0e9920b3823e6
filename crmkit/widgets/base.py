"""The base class of the course widgets."""

from __future__ import annotations

import html
import io
from contextlib import contextmanager

import ipywidgets as W
from matplotlib.figure import Figure

from .. import i18n
from ..plots import COLOURS, live, use_fonts
from ._canvas import TextCachingCanvas

#: Width of one control (description + slider + readout), and of the controls column. Chosen so
#: that at 1280x720 and 1366x768 with JupyterLab's sidebar open (a notebook about 850-1000 px
#: wide) the controls keep their full width and readouts, and the chart wraps below them.
CONTROL_WIDTH = 400
COLUMN_WIDTH = CONTROL_WIDTH + 16
#: The narrowest the summary and chart column may get beside the controls; with less room it wraps
#: below them and takes the full width (the chart image then shrinks only if the notebook is narrower).
OUTPUT_MIN_WIDTH = 620


class CaseWidget:
    """Controls + one pure function + a view. Subclasses define:

    * ``title_key``: the i18n key of the widget's title;
    * ``build_controls()``: a dict ``{name: ipywidgets control}`` (insertion order = layout);
    * ``compute(**values)``: calls the kit's pure function, returns the result object;
    * ``render(result)``: fills ``self.summary.value`` (HTML), draws on axes from
      :meth:`axes` (kept between updates: chart functions update their artists there), and
      optionally fills ``self.table.value`` (HTML). It may return False when the chart did not
      change, which skips drawing it.

    and may define:

    * ``follow(name, value)``: when control ``name`` changes, set the controls that follow it (a new
      strategy brings its trip length); nothing it sets triggers another update;
    * ``paint()``: how the chart is drawn after ``render``; the default draws the whole figure. A widget
      that blits (draws only what moved on a kept background) overrides it, with matplotlib's public
      API on ``self.canvas``: ``copy_from_bbox``, ``restore_region``, ``draw_artist``.

    The base owns the rest, and widgets do not override it: the update cycle (:meth:`update`, called on a
    change of any control, or by hand), the one canvas (``self.canvas``, a
    :class:`~crmkit.widgets._canvas.TextCachingCanvas`), the PNG shown, money in the kit's format
    (:meth:`money`) and the colours (:meth:`colour`, from :data:`crmkit.plots.COLOURS`). To set a
    control from code without an update, use ``with self.quietly():``.

    The chart is one matplotlib ``Figure`` kept for the widget's life (no pyplot: nothing leaks into
    the notebook), drawn with Agg and shown as a PNG in an ``ipywidgets.Image``.

    Layout: the controls column has a fixed minimum width, so slider readouts and dropdowns are
    never covered; the summary and chart sit beside it when there is room (a wide screen) and wrap
    below it otherwise (a flex box: at 1280x720 or 1366x768 with the sidebar open), and the chart
    image shrinks to the width it is given.
    """

    title_key = ""
    figsize = (7.5, 3.6)
    #: "constrained" lays the chart out automatically (two draws per update); a dict of
    #: ``subplots_adjust`` margins fixes it instead, which halves the drawing time.
    fig_layout: str | dict = "constrained"
    dpi = 90

    def __init__(self):
        use_fonts()
        self.controls: dict[str, W.ValueWidget] = self.build_controls()
        self.title = W.HTML()
        self.summary = W.HTML()
        self.table = W.HTML()
        self.image = W.Image(format="png")
        fixed = isinstance(self.fig_layout, dict)
        self.fig = Figure(figsize=self.figsize, dpi=self.dpi, layout=None if fixed else self.fig_layout)
        if fixed:
            self.fig.subplots_adjust(**self.fig_layout)
        # the one canvas: it remembers the texts it drew (same pixels, a third of the time)
        self.canvas = TextCachingCanvas(self.fig)
        # The chart at its own size (one image pixel a screen pixel), narrower only when the notebook is:
        # a flex column stretches its children, which showed small charts 1.6 times too large (and taller
        # than a 768 px screen); ``align_self`` keeps it at its width, ``height: auto`` keeps its shape.
        width, _ = self.canvas.get_width_height()
        self.image.layout = W.Layout(width=f"{width}px", max_width="100%", height="auto", align_self="flex-start")
        self._axes: dict = {}
        self.result = None
        self.draws = 0  # how many times the chart was drawn (tests, benchmarks)
        self._quiet = 0
        self._names = {id(c): k for k, c in self.controls.items()}
        for c in self.controls.values():
            if c.layout.width is None:  # room for a long description, a usable slider and its readout
                c.layout.width = f"{CONTROL_WIDTH}px"
            if c.layout.min_width is None:
                c.layout.min_width = c.layout.width
            c.observe(self._control_changed, names="value")
        self.update()

    # -- to override ------------------------------------------------------------------
    def build_controls(self) -> dict:
        raise NotImplementedError

    def compute(self, **values):
        raise NotImplementedError

    def render(self, result):
        raise NotImplementedError

    def follow(self, name: str, value) -> None:
        """Control ``name`` was set to ``value`` by the user: set the controls that follow it."""

    def paint(self) -> None:
        """Draw the chart on ``self.canvas`` after ``render``: the whole figure, by default."""
        self.canvas.draw()
        self._fix_places()

    # -- shared by every widget -----------------------------------------------------------
    #: An amount in the kit's money format: :func:`crmkit.i18n.money` (``self.money(1234.5, 0)`` -> ``¥1,235``).
    money = staticmethod(i18n.money)

    @staticmethod
    def colour(name: str) -> str:
        """A colour of the course's palette by its role (:data:`crmkit.plots.COLOURS`): good, bad, muted ..."""
        return COLOURS[name]

    def coloured(self, text: str, name: str, *, bold: bool = True) -> str:
        """``text`` (escaped) in the palette's colour ``name``, as HTML."""
        tag = "b" if bold else "span"
        return f"<{tag} style='color:{COLOURS[name]}'>{html.escape(str(text))}</{tag}>"

    @contextmanager
    def quietly(self):
        """Set controls from code without updating for each change."""
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1

    # -- machinery --------------------------------------------------------------------
    def values(self) -> dict:
        return {k: c.value for k, c in self.controls.items()}

    def axes(self, key: str, rect):
        """The axes ``key`` of the chart, made at ``rect`` (figure fractions) on first use and
        kept afterwards: chart functions update what they drew on it."""
        ax = self._axes.get(key)
        if ax is None:
            ax = self._axes[key] = live(self.fig.add_axes(rect))
        return ax

    def arrange(self, keys) -> None:
        """Show exactly the axes ``keys`` (in this order, each with its colorbar): a widget that
        switches between charts keeps one axes per chart and swaps them in and out of the figure,
        instead of clearing and redrawing."""
        wanted = []
        for key in keys:
            ax = self._axes[key]
            wanted += [ax, *getattr(ax, "_crmkit_chart", {}).get("extra_axes", ())]
        if list(self.fig.axes) != wanted:
            for ax in list(self.fig.axes):
                self.fig.delaxes(ax)
            for ax in wanted:
                self.fig.add_axes(ax)

    def _control_changed(self, change):
        if self._quiet:
            return
        with self.quietly():
            self.follow(self._names.get(id(change["owner"]), ""), change["new"])
        self.update()

    def update(self):
        """Recompute from the controls' values and redraw (what a control change does)."""
        with self.quietly():  # controls set while rendering (a picker that follows the method) update nothing
            self.title.value = f"<h4 style='margin:4px 0'>{i18n.t(self.title_key)}</h4>" if self.title_key else ""
            self.result = self.compute(**self.values())
            if self.render(self.result) is not False:
                self._show()
        return self.result

    def _show(self):
        if not self.fig.axes:
            self.image.value = b""
            return
        self.paint()
        self.image.value = _png(self.canvas)
        self.draws += 1

    def _fix_places(self) -> None:
        """After an axes' first draw, keep its title and x-axis label where matplotlib put them.

        matplotlib places them anew on every draw by measuring every tick label again, a good part
        of the drawing time; nothing moves them here (nothing is drawn above the charts, and the
        height of the x tick labels does not change). y-axis labels stay automatic: the width of
        the y tick labels changes with the numbers.
        """
        shown = set(map(id, self.fig.axes))
        for ax in self._axes.values():
            if getattr(ax, "_crmkit_frozen", False) or id(ax) not in shown or not ax.axison:
                continue
            title = ax.get_title(loc="left")
            if title:
                ax.set_title(title, loc="left", fontsize=11, fontweight="bold", y=ax.title.get_position()[1])
            label = ax.xaxis.label
            if label.get_text():
                where = label.get_transform().transform(label.get_position())
                ax.xaxis.set_label_coords(*ax.transAxes.inverted().transform(where))
            ax._crmkit_frozen = True

    def layout(self) -> W.Widget:
        """The arrangement of the parts; override for a different layout."""
        controls = W.VBox(list(self.controls.values()),
                          layout=W.Layout(min_width=f"{COLUMN_WIDTH}px", flex="0 0 auto", margin="0 12px 8px 0"))
        right = W.VBox([self.summary, self.image],
                       layout=W.Layout(flex=f"1 1 {OUTPUT_MIN_WIDTH}px", min_width=f"min({OUTPUT_MIN_WIDTH}px, 100%)"))
        body = W.HBox([controls, right], layout=W.Layout(flex_flow="row wrap", align_items="flex-start",
                                                         width="100%"))
        return W.VBox([self.title, body, self.table], layout=W.Layout(width="100%"))

    @property
    def ui(self) -> W.Widget:
        if not hasattr(self, "_ui"):
            self._ui = self.layout()
        return self._ui

    def _repr_mimebundle_(self, **kwargs):
        data = self.ui._repr_mimebundle_(**kwargs)
        # A short, deterministic plain-text form (nbval compares it; a widget repr is not).
        data["text/plain"] = f"{type(self).__name__}: an interactive widget (it shows in a running Jupyter kernel)"
        return data


def _png(canvas) -> bytes:
    """The canvas as PNG bytes, with fast compression (the chart is redrawn on every change)."""
    buf = io.BytesIO()
    try:
        from PIL import Image  # a dependency of matplotlib
    except ImportError:  # pragma: no cover
        canvas.print_png(buf)
    else:
        Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1).save(
            buf, format="png", compress_level=1)
    return buf.getvalue()
