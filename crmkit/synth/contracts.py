"""Subscription contracts for churn and switching costs (synthetic, chapters 08-09)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..data import Column, DatasetSpec

SEED = 909
N = 12000
START, END = pd.Timestamp("2022-01-01"), pd.Timestamp("2024-12-31")
SEGMENTS = ("consumer", "small business", "enterprise")
PLANS = ("basic", "standard", "premium")
FEES = {"basic": 49.0, "standard": 99.0, "premium": 199.0}
#: Monthly churn probability theta ~ Beta(alpha, beta) by segment (a shifted-beta-geometric process).
THETA = {"consumer": (1.2, 18.0), "small business": (1.0, 22.0), "enterprise": (1.0, 40.0)}
LOCKIN_FACTOR = 0.3  # churn during a lock-in period is this share of the usual
INTEGRATION_FACTOR = 0.85  # each integration with the customer's systems multiplies churn by this
REASONS = ("natural", "competitive", "malicious", "negligent")
REASON_P = (0.35, 0.40, 0.05, 0.20)


def _build() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    seg = rng.choice(3, N, p=(0.6, 0.3, 0.1))
    plan = np.where(seg == 2, rng.choice(3, N, p=(0.1, 0.3, 0.6)), rng.choice(3, N, p=(0.5, 0.35, 0.15)))
    start = START + pd.to_timedelta(rng.integers(0, (END - START).days - 30, N), "D")
    lockin = rng.choice([0, 12, 24], N, p=(0.5, 0.35, 0.15))
    integrations = np.where(seg == 0, rng.poisson(0.3, N), rng.poisson(np.where(seg == 1, 1.5, 3.5)))
    a = np.array([THETA[s][0] for s in SEGMENTS])[seg]
    b = np.array([THETA[s][1] for s in SEGMENTS])[seg]
    theta = rng.beta(a, b) * INTEGRATION_FACTOR ** integrations
    months_max = ((END - start).days / (365.25 / 12)).astype(int) + 1
    life = np.full(N, np.inf)
    alive = np.ones(N, dtype=bool)
    for m in range(1, months_max.max() + 1):
        p = np.where(m <= lockin, theta * LOCKIN_FACTOR, theta)
        churn = alive & (m <= months_max) & (rng.random(N) < p)
        life[churn] = m - rng.random(churn.sum())  # churn somewhere in month m
        alive &= ~churn
    end = start + pd.to_timedelta(np.where(np.isfinite(life), life * 365.25 / 12, 0), "D").floor("D")
    end = pd.Series(end).where(np.isfinite(life) & (end <= END))
    churned = end.notna().to_numpy()
    tenure = ((end.fillna(END) - start).dt.days / 30).to_numpy()
    reason = np.where(churned, np.array(REASONS)[rng.choice(4, N, p=REASON_P)], "")
    return pd.DataFrame({
        "customer_id": [f"K{i:05d}" for i in range(1, N + 1)],
        "segment": np.array(SEGMENTS)[seg],
        "plan": np.array(PLANS)[plan],
        "start_date": start,
        "end_date": end,
        "monthly_fee": np.array([FEES[p] for p in PLANS])[plan],
        "lockin_months": lockin,
        "loyalty_points": np.round(tenure * np.array([FEES[p] for p in PLANS])[plan] * rng.uniform(0.5, 1.5, N)).astype(int),
        "integrations": integrations,
        "churn_reason": reason,
    }).sort_values(["start_date", "customer_id"], ignore_index=True)


DATASETS = [
    DatasetSpec(
        name="contracts",
        title="Subscription contracts and churn (synthetic)",
        description=f"""\
{N:,} subscription contracts started between {START.date()} and {END.date()}, observed to {END.date()}
(an empty `end_date` means still active: censored). Generated with seed {SEED}: each customer churns in a month
with probability theta ~ Beta(alpha, beta) of the segment (a shifted-beta-geometric process), multiplied by
{LOCKIN_FACTOR} during a lock-in period and by {INTEGRATION_FACTOR} per integration with the customer's systems --
switching costs at work (chapter 08). Churn reasons follow the textbook's four forms of churn: natural (自然流失),
competitive (竞争流失), malicious (恶意流失), negligent (过失流失).
""",
        columns={
            "customer_id": Column("str", "customer id"),
            "segment": Column("category", "customer segment", categories=SEGMENTS),
            "plan": Column("category", "subscription plan", categories=PLANS, ordered=True),
            "start_date": Column("date", "start of the contract"),
            "end_date": Column("date", "end of the contract; empty = still active (censored)"),
            "monthly_fee": Column("float", "monthly fee", "CNY"),
            "lockin_months": Column("int", "minimum term (0 = none)", "months"),
            "loyalty_points": Column("int", "loyalty points accumulated", "points"),
            "integrations": Column("int", "integrations with the customer's systems"),
            "churn_reason": Column("str", "form of churn for churned customers; empty if active"),
        },
        build=_build,
        true_parameters={
            "theta ~ Beta(alpha, beta) by segment": THETA,
            "churn multiplier in lock-in": LOCKIN_FACTOR,
            "churn multiplier per integration": INTEGRATION_FACTOR,
            "churn reason shares": dict(zip(REASONS, REASON_P)),
            "seed": SEED,
        },
        chapters=("08", "09"),
    )
]
