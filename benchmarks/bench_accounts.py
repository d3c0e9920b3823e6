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


def org(n: int, *, chain: bool = False, seed: int = 0) -> pd.DataFrame:
    """One organisation of ``n`` people: a single reporting chain (``chain=True``, the deepest case), or a
    random tree (each person reports to someone hired before them)."""
    rng = np.random.default_rng(seed)
    names = [f"P{i}" for i in range(n)]
    boss = [""] + ([names[i - 1] for i in range(1, n)] if chain else
                   [names[int(rng.integers(0, i))] for i in range(1, n)])
    return pd.DataFrame({
        "name": names, "role": rng.choice(accounts.ROLES, n), "influence": rng.integers(1, 6, n),
        "attitude": rng.integers(-2, 3, n), "relationship": rng.integers(1, 5, n), "reports_to": boss,
    })


def main() -> None:
    # issue 22: no recursion, near-linear (before: RecursionError at a 1,200-person chain, > 240 s at 5,000)
    for n, chain in ((1_200, True), (5_000, True), (100_000, True), (100_000, False)):
        o = org(n, chain=chain)
        s = best_of(lambda: accounts.power_map(o), 1)
        line(f"power_map, {n:>7,} people ({'one chain' if chain else 'random tree'})", f"{s:.2f} s",
             "target: seconds" if n == 100_000 else "")
    for n in (10_000, 100_000):
        o = org(n)
        s = best_of(lambda: accounts.responsibility_matrix(o), 1)
        line(f"responsibility_matrix, {n:>7,} contacts", f"{s:.2f} s", "target: seconds" if n == 100_000 else "")
    for n, steps in ((100_000, 11), (100_000, 101)):
        t = key_accounts(n)
        s = best_of(lambda: accounts.weight_sensitivity(t, steps=steps), 1)
        line(f"weight_sensitivity, {n:>7,} accounts x {steps} steps", f"{s:.2f} s",
             "target: seconds" if steps == 11 else "")
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
