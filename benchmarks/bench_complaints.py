"""Chapter 09: the complaint-iceberg panel's speed, and the churn gains table on a million customers."""

from __future__ import annotations

import numpy as np
from _util import best_of, line

from crmkit import loyalty


def main() -> None:
    rng = np.random.default_rng(9)
    n = 1_000_000
    score = rng.random(n)
    churned = rng.random(n) < 0.1 + 0.3 * score  # risk rises with the score
    t = best_of(lambda: loyalty.gains_table(churned, score), 3)
    line(f"gains_table, {n:,} customers, 10 groups", f"{t * 1000:.0f} ms", "target < 2 s")

    from crmkit.widgets.complaints import ComplaintIcebergPanel

    w = ComplaintIcebergPanel()
    values = iter(range(100, 1000, 10))

    def move():
        w.controls["complaints"].value = next(values)

    line("ComplaintIcebergPanel: one control change", f"{best_of(move, 10) * 1000:.0f} ms", "target < 100 ms")
    shares = iter(np.round(np.arange(0.05, 0.95, 0.01), 2))

    def move2():
        w.controls["share_complaining"].value = float(next(shares))

    line("ComplaintIcebergPanel: share complaining", f"{best_of(move2, 10) * 1000:.0f} ms", "target < 100 ms")


if __name__ == "__main__":
    main()
