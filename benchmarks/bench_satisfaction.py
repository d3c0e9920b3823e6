"""The satisfaction-index simulator (chapter 07): ms per control change, target < 100 ms."""

from __future__ import annotations

from _util import line
from bench_widgets import measure


def main() -> None:
    from crmkit.widgets.satisfaction import SatisfactionSimulator

    w = SatisfactionSimulator()
    for name in w.controls:
        med, best, cpu = measure(w, name)
        line(f"SatisfactionSimulator: {name}", f"{med:.0f} ms", f"best {best:.0f} ms, cpu {cpu:.0f} ms; target < 100 ms")


if __name__ == "__main__":
    main()
