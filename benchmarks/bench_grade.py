"""``crmkit grade``: N honest chapter-00 submissions (the solutions' answers), graded with and without
the bubblewrap sandbox, and the sandbox's cost per notebook.

    .venv/bin/python benchmarks/run.py grade            (GRADE_N=8 GRADE_JOBS=2 by default)
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import nbformat
from _util import line

from crmkit import _sandbox
from crmkit import grade as g

ROOT = Path(__file__).resolve().parents[1]


def _submissions(folder: Path, n: int) -> None:
    nb = nbformat.read(str(ROOT / "solutions" / "ch00_taxi.ipynb"), as_version=4)
    for c in nb.cells:
        if c.cell_type == "code":
            c.source = "\n".join(ln for ln in c.source.splitlines() if "SOLUTION" not in ln)
    for i in range(n):
        nbformat.write(nb, str(folder / f"student{i:02d}.ipynb"))


def main() -> None:
    n, jobs = int(os.environ.get("GRADE_N", "8")), int(os.environ.get("GRADE_JOBS", "2"))
    with tempfile.TemporaryDirectory() as tmp:
        subs = Path(tmp) / "subs"
        subs.mkdir()
        _submissions(subs, n)
        modes = ["bwrap", "none"] if _sandbox.probe_bwrap() is None else ["none"]
        times = {}
        for mode in modes:
            t0 = time.perf_counter()
            rows = g.grade(subs, Path(tmp) / f"out-{mode}", timeout=120, jobs=jobs, sandbox=mode,
                           progress=lambda *_: None)
            times[mode] = time.perf_counter() - t0
            right = sum(r["total"] == 8 for r in rows)
            line(f"grade {n} notebooks, --sandbox {mode}, --jobs {jobs}", f"{times[mode]:.1f} s",
                 f"({times[mode] / n:.2f} s per notebook; {right}/{n} graded 8/8)")
        if len(times) == 2:
            line("sandbox cost per notebook", f"{(times['bwrap'] - times['none']) / n:+.2f} s")
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        line("machine load (1-min average) at the end", f"{load:.1f}", f"on {os.cpu_count()} core(s)")
