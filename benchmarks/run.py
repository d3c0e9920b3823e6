"""Run every benchmark of the kit and print its figures: ``make bench``.

Each ``benchmarks/bench_*.py`` defines ``main()`` which prints its own lines. Timings are
wall-clock on this machine (best of a few runs); targets are stated next to each figure.
Pass names to run only some: ``python benchmarks/run.py core segment``.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv=None) -> int:
    wanted = set(argv if argv is not None else sys.argv[1:])
    if hasattr(os, "getloadavg"):  # timings on a busy machine are not comparable with a quiet one's
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"load average {load} (1, 5, 15 min) on {os.cpu_count()} cores", flush=True)
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if wanted and name not in wanted:
            continue
        print(f"== {name} ({path.name})", flush=True)
        spec = importlib.util.spec_from_file_location(path.stem, path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        mod.main()
        print(flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
