"""The widgets' drawing surface: matplotlib's Agg canvas, with the text it has drawn remembered.

A widget redraws its chart on every control change, and most of what it draws again is the same
text at the same place: tick labels, titles, legends. matplotlib lays out and rasterises every
glyph of every text on every draw, which is half of a widget's drawing time (about 1 ms a text
here). :class:`TextCachingCanvas` keeps, per text, the glyph bitmaps the first draw produced and
replays them afterwards: the same pixels (``tests/test_widget_base.py`` compares both canvases pixel
for pixel, in English and in Chinese), without the layout.

Everything that changes a text's pixels decides whether it is drawn again: the string, its font
properties, the angle, the dpi, antialiasing and the sub-pixel position are the key of each text; the
font settings of matplotlib's ``rcParams`` that resolve a family to a font file, and the fonts
matplotlib knows (:func:`font_state`), are the key of the whole renderer: when they change
(``set_language("zh")`` puts the Chinese font first) the canvas starts a new renderer, so a title drawn
in English before is laid out and drawn again in the new font.

Replaying relies on how matplotlib's Agg renderer draws text (``RendererAgg._draw_text_glyphs_and_boxes``
calling ``draw_text_image`` once per glyph), which is not public API. So the cache is used only with the
matplotlib versions it was tested with (:data:`TESTED`, see :func:`glyph_cache_supported`); with any
other version, or with :data:`GLYPH_CACHE` set to False, the canvas is a plain ``FigureCanvasAgg`` that
draws as matplotlib does (the fallback, tested too). Widgets that draw only part of their chart do it
through matplotlib's public blitting API (``copy_from_bbox``, ``restore_region``, ``draw_artist``).
"""

from __future__ import annotations

from collections import OrderedDict

import matplotlib
import numpy as np
from matplotlib import font_manager, rcParams
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg

MAX_TEXTS = 4096  # remembered texts per canvas (a few hundred bytes each)
#: The matplotlib versions (major, minor), first and last, whose Agg text drawing the cache was tested with.
TESTED = ((3, 9), (3, 11))


def glyph_cache_supported(version: str | None = None) -> bool:
    """Whether the glyph cache may be used with matplotlib ``version`` (default: the one installed):
    a tested version whose Agg renderer still draws text the way the cache replays it."""
    text = matplotlib.__version__ if version is None else version
    try:
        major, minor = (int(p) for p in text.split(".")[:2])
    except ValueError:
        return False
    return (TESTED[0] <= (major, minor) <= TESTED[1]
            and callable(getattr(RendererAgg, "_draw_text_glyphs_and_boxes", None)))


#: Use the glyph cache (a tested matplotlib); set to False to draw every text as matplotlib does.
GLYPH_CACHE = glyph_cache_supported()

_FONT_SETTINGS = tuple(sorted(k for k in rcParams if k.startswith(("font.", "text."))))


def font_state() -> tuple:
    """Everything outside a text's own properties that decides which font file draws it and how:
    the ``font.*`` and ``text.*`` settings and the fonts matplotlib knows."""
    return (tuple(repr(rcParams[k]) for k in _FONT_SETTINGS), len(font_manager.fontManager.ttflist))


class _Recorder:
    """Stands in for the C++ renderer while one text is drawn: passes every glyph on, and keeps it."""

    def __init__(self, real):
        self.real, self.glyphs = real, []

    def draw_text_image(self, image, x, y, angle, gc):
        self.glyphs.append((np.array(image, copy=True), x, y, angle))
        self.real.draw_text_image(image, x, y, angle, gc)

    def __getattr__(self, name):  # anything else goes to the real renderer
        return getattr(self.real, name)


class TextCachingRenderer(RendererAgg):
    def __init__(self, width, height, dpi):
        super().__init__(width, height, dpi)
        self._texts: OrderedDict = OrderedDict()
        self._caching = GLYPH_CACHE and hasattr(self, "_renderer")

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if not self._caching or ismath or (mtext is not None and (
                getattr(mtext, "get_fontfeatures", lambda: None)() is not None
                or getattr(mtext, "get_language", lambda: None)() is not None)):
            return super().draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
        ix, iy = int(np.floor(x)), int(np.floor(y))
        key = (s, hash(prop), float(angle), self.dpi, bool(gc.get_antialiased()),
               float(x - ix), float(y - iy))  # exact: a text drawn again sits at the same place
        glyphs = self._texts.get(key)
        if glyphs is not None:
            self._texts.move_to_end(key)
            for image, gx, gy, gangle in glyphs:
                self._renderer.draw_text_image(image, gx + ix, gy + iy, gangle, gc)
            return None
        real = self._renderer
        self._renderer = recorder = _Recorder(real)
        try:
            super().draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
        finally:
            self._renderer = real
        # Glyph positions are kept relative to the text's whole-pixel anchor (both grow downwards).
        self._texts[key] = [(image, gx - ix, gy - iy, gangle) for image, gx, gy, gangle in recorder.glyphs]
        if len(self._texts) > MAX_TEXTS:
            self._texts.popitem(last=False)
        return None


class TextCachingCanvas(FigureCanvasAgg):
    """``FigureCanvasAgg`` whose renderer remembers the texts it drew (see the module's docstring);
    matplotlib's own ``RendererAgg`` when :data:`GLYPH_CACHE` is off.

    On both paths the renderer is made anew when the font settings change (``set_language``): a
    renderer keeps the text sizes it measured, keyed on the text's font properties only, so a renderer
    kept across a change of font would lay texts out with the old font's sizes."""

    def get_renderer(self):
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi, font_state(), GLYPH_CACHE
        if getattr(self, "_crmkit_key", None) != key:
            self.renderer = (TextCachingRenderer if GLYPH_CACHE else RendererAgg)(w, h, self.figure.dpi)
            self._crmkit_key = key
        return self.renderer
