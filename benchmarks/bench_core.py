"""Foundation figures: import time, dataset loading, the taxi simulator and widget."""

from __future__ import annotations

import subprocess
import sys
import time

from _util import best_of, line


def _import_seconds(stmt: str, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", stmt], check=True)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    base = _import_seconds("pass")
    line("python start-up (baseline)", f"{base * 1000:.0f} ms")
    line("import crmkit (over baseline)", f"{(_import_seconds('import crmkit') - base) * 1000:.0f} ms", "target < 100 ms")
    line("import crmkit.data + pandas (over baseline)",
         f"{(_import_seconds('import crmkit.data') - base) * 1000:.0f} ms", "(pandas dominates)")
    line("import crmkit.widgets.taxi (over baseline)",
         f"{(_import_seconds('import crmkit.widgets.taxi') - base) * 1000:.0f} ms")

    from crmkit import data

    for name in sorted(data.list_datasets()["name"]):
        rows = len(data.load(name))
        line(f"load({name!r}) [{rows:,} rows]", f"{best_of(lambda: data.load(name)) * 1000:.0f} ms", "target < 1 s")

    from crmkit.cases import taxi

    line("taxi.shift_simulation (17 h shift)", f"{best_of(lambda: taxi.shift_simulation('cruise', seed=1), 20) * 1000:.2f} ms")

    from crmkit.widgets import TaxiShift

    w = TaxiShift()
    values = iter(range(2, 10_000))

    def move():
        w.controls["day"].value = next(values)

    line("TaxiShift: one control change (compute + draw)", f"{best_of(move, 10) * 1000:.0f} ms", "target < 100 ms")

    def switch():
        w.controls["strategy"].value = "airport" if w.controls["strategy"].value != "airport" else "hotel"

    line("TaxiShift: change of strategy (resets 2 sliders)", f"{best_of(switch, 10) * 1000:.0f} ms", "target < 100 ms")


if __name__ == "__main__":
    main()
