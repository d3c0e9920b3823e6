"""k-means segmentation and the churn model on 10^6 customers (chapters 04 and 09)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from _util import best_of, line

from crmkit import loyalty, segment


def rfm(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    group = rng.integers(0, 3, n)
    centers = np.array([(5, 20, 5000), (60, 3, 500), (300, 1, 80)], dtype=float)[group]
    noise = rng.lognormal(0, 0.2, (n, 3))
    return pd.DataFrame(centers * noise, columns=["recency", "frequency", "monetary"])


def churners(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    tenure, integ = rng.uniform(1, 60, n), rng.poisson(1.5, n)
    plan = rng.choice(["basic", "pro"], n)
    logit = 0.5 - 0.04 * tenure - 0.6 * integ + 0.8 * (plan == "basic")
    return pd.DataFrame({"tenure": tenure, "integrations": integ, "plan": plan,
                         "churned": rng.random(n) < 1 / (1 + np.exp(-logit))})


def main() -> None:
    for n in (10_000, 1_000_000):
        df = rfm(n)
        t = best_of(lambda: segment.kmeans_segments(df, k_range=(2, 5)), 1)
        line(f"kmeans_segments, {n:>9,} customers, k = 2..5", f"{t:.2f} s", "target < 60 s" if n == 1_000_000 else "")
        c = churners(n)
        t = best_of(lambda: loyalty.churn_model(c), 1)
        line(f"churn_model, {n:>9,} customers", f"{t:.2f} s", "target < 30 s" if n == 1_000_000 else "")
        res = loyalty.churn_model(c)
        line(f"  its holdout AUC ({n:,})", f"{res.auc:.3f}", "chance 0.5")


if __name__ == "__main__":
    main()
