"""Small timing helpers shared by the benchmarks."""

from __future__ import annotations

import time
import tracemalloc


def best_of(fn, repeat: int = 3) -> float:
    """The best wall-clock time of ``repeat`` calls, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def peak_memory(fn) -> float:
    """Peak memory allocated by Python objects during one call, in MiB (tracemalloc)."""
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def line(label: str, value: str, target: str = "") -> None:
    print(f"  {label:<58} {value:>12}  {target}", flush=True)
