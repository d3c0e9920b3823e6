"""The widgets' drawing surface: matplotlib's Agg canvas, with the text it has drawn remembered.

A widget redraws its chart on every control change, and most of what it draws again is the same
text at the same place: tick labels, titles, legends. matplotlib lays out and rasterises every
glyph of every text on every draw, which is half of a widget's drawing time (about 1 ms a text
here). :class:`TextCachingCanvas` keeps, per text, font, size, angle, dpi and sub-pixel position,
the glyph bitmaps the first draw produced, and replays them afterwards: the same pixels
(``tests/test_widget_base.py`` compares both canvases pixel for pixel), without the layout.

It relies on how matplotlib's Agg renderer draws text (``_draw_text_glyphs_and_boxes`` calling
``draw_text_image`` once per glyph). When that changes in a later matplotlib, the canvas notices
and draws as matplotlib does, only without the cache.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg

MAX_TEXTS = 4096  # remembered texts per canvas (a few hundred bytes each)


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
        self._caching = hasattr(self, "_draw_text_glyphs_and_boxes") and hasattr(self, "_renderer")

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
    """``FigureCanvasAgg`` whose renderer remembers the texts it drew (see the module's docstring)."""

    def get_renderer(self):
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if getattr(self, "_lastKey", None) != key or not isinstance(getattr(self, "renderer", None),
                                                                      TextCachingRenderer):
            self.renderer = TextCachingRenderer(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer
