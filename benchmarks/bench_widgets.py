"""Every widget, every control: the time of one control change (compute + update the chart's
artists + draw + PNG), target < 100 ms. Each control is moved through a spread of its values;
the figure is the median and the best of those changes (wall clock) and the median CPU time of
this process (less disturbed by other work on a shared machine)."""

from __future__ import annotations

import time

import numpy as np
from _util import line


def _values(c):
    import ipywidgets as W

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
    return np.median(walls) * 1000, np.min(walls) * 1000, np.median(cpus) * 1000


def main() -> None:
    from crmkit.widgets import catalogue
    from crmkit.widgets.classify import ClassifyExplorer

    for cls in catalogue():  # every widget of the course, new chapters included
        w = cls()
        if cls is ClassifyExplorer:  # the first visit of each method builds its charts: warm them
            for m in ("abc_count", "rfm_cn8", "pyramid", "tiers", "rfm_en", "abc_value"):
                w.controls["method"].value = m
        for name in w.controls:
            if name in ("source", "dataset"):  # loads and summarises another dataset: not a control change to time
                continue
            med, best, cpu = measure(w, name)
            line(f"{cls.__name__}: {name}", f"{med:.0f} ms", f"best {best:.0f} ms, cpu {cpu:.0f} ms; target < 100 ms")


if __name__ == "__main__":
    main()
