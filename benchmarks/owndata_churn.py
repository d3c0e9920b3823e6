"""The churn model's overhead over the bare scikit-learn pipeline it wraps, at 10^6 customers (issue 24: at most 1.2x).

Both fit the same pipeline (StandardScaler + OneHotEncoder + LogisticRegression on a seeded stratified split) and
score the same holdout; the difference is the kit's input checks and its result (gains table, coefficients).
Run: ``python benchmarks/owndata_churn.py [customers]`` (part of ``make bench-owndata``).
"""

from __future__ import annotations

import os
import sys
import time

import numpy as np
import pandas as pd

from crmkit import loyalty


def churners(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    tenure, integ = rng.uniform(1, 60, n), rng.poisson(1.5, n)
    plan = rng.choice(["basic", "pro", "team"], n)
    logit = 0.5 - 0.04 * tenure - 0.6 * integ + 0.8 * (plan == "basic")
    return pd.DataFrame({"tenure": tenure, "integrations": integ, "plan": plan,
                         "churned": rng.random(n) < 1 / (1 + np.exp(-logit))})


def bare(table: pd.DataFrame) -> float:
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import train_test_split
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    X, y = table[["tenure", "integrations", "plan"]], table["churned"].astype(int).to_numpy()
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)
    pre = ColumnTransformer([("num", StandardScaler(), ["tenure", "integrations"]),
                             ("cat", OneHotEncoder(handle_unknown="ignore", sparse_output=False), ["plan"])])
    pipe = Pipeline([("prep", pre), ("model", LogisticRegression(max_iter=1000))]).fit(X_tr, y_tr)
    return float(roc_auc_score(y_te, pipe.predict_proba(X_te)[:, 1]))


def timed(fn, repeat: int = 3) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main(n: int = 1_000_000) -> list[tuple]:
    table = churners(n)
    rows = []
    bare(table.head(1000))  # imports scikit-learn outside the timings
    # alternate the two so that a change of the machine's load falls on both alike; the best of three each
    t_bare = t_kit = float("inf")
    for _ in range(3):
        t, auc_bare = timed(lambda: bare(table), 1)
        t_bare = min(t_bare, t)
        t, res = timed(lambda: loyalty.churn_model(table), 1)
        t_kit = min(t_kit, t)
    load = os.getloadavg()[0]
    rows.append(("churn model", f"{n:,} customers", "bare scikit-learn", t_bare, None, load, f"AUC {auc_bare:.4f}"))
    rows.append(("churn model", f"{n:,} customers", "crmkit churn_model", t_kit, None, load,
                 f"AUC {res.auc:.4f}; {t_kit / t_bare:.2f}x bare (target <= 1.2x)"))
    return rows


if __name__ == "__main__":
    for r in main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000):
        print(r)
