"""One widget per case study (互动演示), thin: controls + one pure function + a view.

Every widget subclasses :class:`CaseWidget`: it builds its controls, calls one pure function of
the kit with their values (``compute``), and shows the result (``render``): an HTML summary, a
chart and a table. Tests drive a widget without a browser by setting ``w.controls[name].value``
and asserting on ``w.result`` (what the function returned), ``w.summary.value`` (the text the
user reads) and ``w.fig`` (the chart's data).
"""

from __future__ import annotations

from .base import CaseWidget

__all__ = ["CaseWidget", "TaxiShift", "catalogue"]


def catalogue() -> list[type]:
    """Every widget class of the course, found by discovery (a new chapter's widget module is
    included without editing this file): for the tests, the benchmarks and the browser suite."""
    import importlib
    import inspect
    import pkgutil

    found = []
    for m in pkgutil.iter_modules(__path__):
        if m.name == "base":
            continue
        mod = importlib.import_module(f"{__name__}.{m.name}")
        for obj in vars(mod).values():
            if (inspect.isclass(obj) and issubclass(obj, CaseWidget) and obj.__module__ == mod.__name__
                    and not obj.__name__.startswith("_")):
                found.append(obj)
    return sorted(found, key=lambda c: c.__name__)


def __getattr__(name):  # lazy: importing one widget must not import every chapter's code
    if name == "TaxiShift":
        from .taxi import TaxiShift

        return TaxiShift
    raise AttributeError(name)
