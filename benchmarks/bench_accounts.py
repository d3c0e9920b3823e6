"""Chapter 11: the scorecard on many accounts, power-map gaps on many contacts, and the widget's speed."""

from __future__ import annotations

import numpy as np
import pandas as pd
from _util import best_of, line

from crmkit import accounts


def key_accounts(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    out = pd.DataFrame({c: rng.integers(1, 6, n) for c in accounts.DEFAULT_WEIGHTS})
    out.insert(0, "account_id", [f"A{i}" for i in range(n)])
    return out


def contacts(n_accounts: int, per: int = 6, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = n_accounts * per
    return pd.DataFrame({
        "account_id": np.repeat([f"A{i}" for i in range(n_accounts)], per),
        "name": [f"P{i}" for i in range(n)],
        "role": rng.choice(accounts.ROLES, n),
        "influence": rng.integers(1, 6, n),
        "attitude": rng.integers(-2, 3, n),
        "relationship": rng.integers(1, 5, n),
    })


def main() -> None:
    for n in (30, 10_000, 100_000):
        t = key_accounts(n)
        s = best_of(lambda: accounts.scorecard(t, accounts.DEFAULT_WEIGHTS), 3)
        line(f"scorecard, {n:>9,} accounts", f"{s * 1000:.1f} ms", "target < 1 s" if n == 100_000 else "")
    for n in (30, 1_000):
        c = contacts(n)
        s = best_of(lambda: accounts.power_map_gaps(c, account="account_id"), 3)
        line(f"power_map_gaps, {n:>6,} accounts x 6 contacts", f"{s * 1000:.1f} ms", "target < 1 s" if n == 1_000 else "")

    from crmkit.widgets.accounts import KeyAccountScorecard

    w = KeyAccountScorecard()
    vals = iter(np.round(np.linspace(0.0, 1.0, 41), 3).tolist() * 2)

    def move():
        w.controls["growth_potential"].value = next(vals)

    line("KeyAccountScorecard: move a weight slider", f"{best_of(move, 15) * 1000:.0f} ms", "target < 100 ms")
    ids = iter([f"KA{i:02d}" for i in range(1, 31)] * 2)

    def pick():
        w.controls["account"].value = next(ids)

    line("KeyAccountScorecard: pick another account", f"{best_of(pick, 15) * 1000:.0f} ms", "target < 100 ms")


if __name__ == "__main__":
    main()
