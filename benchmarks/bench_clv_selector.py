"""The textbook-model selector of chapter 05a: one control change (target < 100 ms)."""

from __future__ import annotations

import itertools

from _util import best_of, line


def main() -> None:
    from crmkit.widgets.clv_selector import CLVModelSelector

    w = CLVModelSelector()
    costs = itertools.cycle(range(100, 500, 10))
    models = itertools.cycle(["one", "two", "three"])

    def move():
        w.controls["b_cs"].value = float(next(costs))

    def pick():
        w.controls["model"].value = next(models)

    line("CLVModelSelector: move a slider", f"{best_of(move, 10) * 1000:.0f} ms", "target < 100 ms")
    line("CLVModelSelector: choose another model", f"{best_of(pick, 10) * 1000:.0f} ms", "target < 100 ms")


if __name__ == "__main__":
    main()
