"""Every widget, every control: the time of one control change (compute + update the chart's
artists + draw + PNG), target < 100 ms. Each control is moved through a spread of its values;
the figures are the median, the worst and the best of those changes (wall clock) and the median
CPU time of this process (less disturbed by other work on a shared machine). The last lines give
the slowest control (by median and by worst change) over every widget.

``python benchmarks/bench_widgets.py --fallback`` times the drawing path used when the glyph cache is
off (a matplotlib outside the tested versions): matplotlib's own text drawing."""

from __future__ import annotations

import time

import numpy as np
from _util import line


def _values(c):

    if hasattr(c, "options"):
        return [o[1] if isinstance(o, tuple) else o for o in c.options]
    if isinstance(c.value, bool):
        return [not c.value, c.value]
    n = int(round((c.max - c.min) / c.step))
    return [type(c.value)(round(c.min + i * c.step, 6)) for i in np.linspace(0, n, 7).round().astype(int)]


def measure(w, name, rounds=2):
    c = w.controls[name]
    start = c.value
    walls, cpus = [], []
    for _ in range(rounds):
        for v in [v for v in _values(c) if v != start][:6] + [start]:
            if c.value == v:
                continue
            t0, p0 = time.perf_counter(), time.process_time()
            c.value = v
            walls.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - p0)
    return np.median(walls) * 1000, np.max(walls) * 1000, np.min(walls) * 1000, np.median(cpus) * 1000


def main(fallback: bool = False) -> None:
    import sys

    from crmkit.widgets import catalogue
    from crmkit.widgets.classify import ClassifyExplorer

    if fallback or "--fallback" in sys.argv:
        from crmkit.widgets import _canvas

        _canvas.GLYPH_CACHE = False
        line("drawing path", "fallback: matplotlib's own text drawing (no glyph cache)")
    worst_median, worst_change, worst_cpu, over = (0.0, ""), (0.0, ""), (0.0, ""), 0

    for cls in catalogue():  # every widget of the course, new chapters included
        w = cls()
        if cls is ClassifyExplorer:  # the first visit of each method builds its charts: warm them
            for m in ("abc_count", "rfm_cn8", "pyramid", "tiers", "rfm_en", "abc_value"):
                w.controls["method"].value = m
        for name in w.controls:
            if name in ("source", "dataset"):  # loads and summarises another dataset: not a control change to time
                continue
            med, worst, best, cpu = measure(w, name)
            label = f"{cls.__name__}: {name}"
            line(label, f"{med:.0f} ms", f"worst {worst:.0f} ms, best {best:.0f} ms, cpu {cpu:.0f} ms; target < 100 ms")
            worst_median = max(worst_median, (med, label))
            worst_change = max(worst_change, (worst, label))
            worst_cpu = max(worst_cpu, (cpu, label))
            over += med >= 100
    line("slowest control (median)", f"{worst_median[0]:.0f} ms", worst_median[1])
    line("slowest single change", f"{worst_change[0]:.0f} ms", worst_change[1])
    line("slowest control (median cpu)", f"{worst_cpu[0]:.0f} ms", worst_cpu[1])
    line("controls with a median >= 100 ms", str(over), "target 0")


if __name__ == "__main__":
    main()
