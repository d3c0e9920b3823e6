"""One widget per case study (互动演示), thin: controls + one pure function + a view.

Every widget subclasses :class:`CaseWidget`: it builds its controls, calls one pure function of
the kit with their values (``compute``), and shows the result (``render``): an HTML summary, a
chart and a table. Tests drive a widget without a browser by setting ``w.controls[name].value``
and asserting on ``w.result`` (what the function returned), ``w.summary.value`` (the text the
user reads) and ``w.fig`` (the chart's data).
"""

from __future__ import annotations

from .base import CaseWidget  # noqa: F401

__all__ = ["CaseWidget", "TaxiShift"]


def __getattr__(name):  # lazy: importing one widget must not import every chapter's code
    if name == "TaxiShift":
        from .taxi import TaxiShift

        return TaxiShift
    raise AttributeError(name)
