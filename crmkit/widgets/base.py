"""The base class of the course widgets."""

from __future__ import annotations

import io

import ipywidgets as W
from matplotlib.figure import Figure

from .. import i18n


class CaseWidget:
    """Controls + one pure function + a view. Subclasses define:

    * ``title_key``: the i18n key of the widget's title;
    * ``build_controls()``: a dict ``{name: ipywidgets control}`` (insertion order = layout);
    * ``compute(**values)``: calls the kit's pure function, returns the result object;
    * ``render(result)``: fills ``self.summary.value`` (HTML), draws on ``self.fig``, and
      optionally fills ``self.table.value`` (HTML).

    A change of any control calls :meth:`update`; so does ``update()`` called by hand.
    The chart is a matplotlib ``Figure`` (no pyplot: nothing leaks into the notebook) rendered
    to PNG in an ``ipywidgets.Image``.
    """

    title_key = ""
    figsize = (7.5, 3.6)
    #: "constrained" lays the chart out automatically (two draws per update); a dict of
    #: ``subplots_adjust`` margins fixes it instead, which halves the drawing time.
    fig_layout: str | dict = "constrained"

    def __init__(self):
        self.controls: dict[str, W.ValueWidget] = self.build_controls()
        self.title = W.HTML()
        self.summary = W.HTML()
        self.table = W.HTML()
        self.image = W.Image(format="png")
        fixed = isinstance(self.fig_layout, dict)
        self.fig = Figure(figsize=self.figsize, dpi=90, layout=None if fixed else self.fig_layout)
        if fixed:
            self.fig.subplots_adjust(**self.fig_layout)
        self.result = None
        self._updating = False
        for c in self.controls.values():
            if c.layout.width is None:  # room for a long description and a usable slider
                c.layout.width = "400px"
            c.observe(self._on_change, names="value")
        self.update()

    # -- to override ------------------------------------------------------------------
    def build_controls(self) -> dict:
        raise NotImplementedError

    def compute(self, **values):
        raise NotImplementedError

    def render(self, result) -> None:
        raise NotImplementedError

    # -- machinery --------------------------------------------------------------------
    def values(self) -> dict:
        return {k: c.value for k, c in self.controls.items()}

    def _on_change(self, change=None):
        if not self._updating:
            self.update()

    def update(self):
        """Recompute from the controls' values and redraw."""
        self._updating = True
        try:
            self.title.value = f"<h4 style='margin:4px 0'>{i18n.t(self.title_key)}</h4>" if self.title_key else ""
            self.result = self.compute(**self.values())
            self.fig.clear()
            self.render(self.result)
            self._draw()
        finally:
            self._updating = False
        return self.result

    def _draw(self):
        if self.fig.axes:
            buf = io.BytesIO()
            self.fig.savefig(buf, format="png")
            self.image.value = buf.getvalue()
        else:
            self.image.value = b""

    def layout(self) -> W.Widget:
        """The arrangement of the parts; override for a different layout."""
        controls = W.VBox(list(self.controls.values()), layout=W.Layout(min_width="320px"))
        right = W.VBox([self.summary, self.image])
        return W.VBox([self.title, W.HBox([controls, right]), self.table])

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
