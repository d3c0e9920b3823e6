"""Chapters 07-09: cohort table and Kaplan-Meier on a million contracts, and the widgets' speed."""

from __future__ import annotations

import numpy as np
import pandas as pd
from _util import best_of, line

from crmkit import loyalty


def contracts(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2021-01-01") + pd.to_timedelta(rng.integers(0, 1400, n), "D")
    life = pd.to_timedelta(np.minimum(rng.geometric(rng.beta(1.0, 20.0, n)), 200) * 30, "D")
    end = (start + life).where(start + life <= pd.Timestamp("2024-12-31"))
    return pd.DataFrame({"start_date": start, "end_date": end})


def main() -> None:
    for n in (10_000, 100_000, 1_000_000):
        c = contracts(n)
        t = best_of(lambda: loyalty.cohort_table(c, periods=24, asof="2024-12-31"), 3)
        line(f"cohort_table, {n:>9,} contracts, 24 months", f"{t * 1000:.0f} ms", "target < 2 s" if n == 1_000_000 else "")
        dur = ((c["end_date"].fillna(pd.Timestamp("2024-12-31")) - c["start_date"]).dt.days / 30.44).round(2).to_numpy()
        churned = c["end_date"].notna().to_numpy()
        t = best_of(lambda: loyalty.kaplan_meier(dur, churned), 3)
        line(f"kaplan_meier, {n:>9,} contracts", f"{t * 1000:.0f} ms", "target < 2 s" if n == 1_000_000 else "")

    from crmkit.widgets.switching import RetentionEconomics, SwitchingCalculator

    w = SwitchingCalculator()
    vals = iter(range(100, 1000, 10))

    def move():
        w.controls["relational"].value = next(vals)

    line("SwitchingCalculator: one control change", f"{best_of(move, 10) * 1000:.0f} ms", "target < 100 ms")
    r = RetentionEconomics()
    rates = iter(np.round(np.arange(0.5, 0.95, 0.01), 2))

    def move2():
        r.controls["retention"].value = float(next(rates))

    line("RetentionEconomics: one control change", f"{best_of(move2, 10) * 1000:.0f} ms", "target < 100 ms")


if __name__ == "__main__":
    main()
