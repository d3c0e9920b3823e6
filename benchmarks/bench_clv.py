"""Chapter 05: BG/NBD fitting speed (against lifetimes 0.11.3 where it is installed), fitting a
million customers, and summarize() against a bare pandas groupby."""

from __future__ import annotations

import time
import warnings

import numpy as np
import pandas as pd
from _util import best_of, line

from crmkit import clv
from crmkit.data import load


def bare_summary(df: pd.DataFrame, end: pd.Timestamp) -> pd.DataFrame:
    """The same columns with plain pandas: one row per customer and day, then first/last/count/sums."""
    occ = df.groupby(["customer_id", df["date"].dt.normalize()], sort=True)["amount"].sum().reset_index()
    g = occ.groupby("customer_id")
    first, last, n = g["date"].min(), g["date"].max(), g.size()
    total, first_amount = g["amount"].sum(), g["amount"].first()
    return pd.DataFrame({"frequency": n - 1, "recency": (last - first).dt.days / 7, "T": (end - first).dt.days / 7,
                         "monetary_value": np.where(n > 1, (total - first_amount) / (n - 1).clip(lower=1), 0.0)})


def main() -> None:
    s = clv.summarize(load("cdnow_sample"), amount="dollar_value", asof="1997-09-30")
    ours = best_of(lambda: clv.BGNBD().fit(s), 5)
    line("BG/NBD fit, CDNOW sample (2,357 customers)", f"{ours * 1000:.0f} ms")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from lifetimes import BetaGeoFitter

            t0 = time.perf_counter()
            BetaGeoFitter().fit(s["frequency"], s["recency"], s["T"])
            peer = time.perf_counter() - t0
            peer = min(peer, best_of(lambda: BetaGeoFitter().fit(s["frequency"], s["recency"], s["T"]), 2))
        line("  lifetimes 0.11.3 BetaGeoFitter, same data, same process", f"{peer * 1000:.0f} ms",
             f"speed-up {peer / ours:.0f}x (target >= 10x)")
    except Exception as exc:  # not installed, or broken with this pandas/scipy
        line("  lifetimes BetaGeoFitter", "skipped", f"({type(exc).__name__}: not importable here)")

    rng = np.random.default_rng(0)
    for n in (10_000, 100_000, 1_000_000):
        sim = clv.simulate_bgnbd(n, np.floor(rng.uniform(10, 104, n) * 7) / 7, r=0.6, alpha=5.0, a=0.8, b=3.0, seed=1)
        sim["recency"] = np.floor(sim["recency"] * 7) / 7  # purchases are dated by the day, as in real logs
        t = best_of(lambda: clv.BGNBD().fit(sim), 1)
        rows = len(sim.drop_duplicates())
        line(f"BG/NBD fit, {n:>9,} simulated customers ({rows:,} unique rows)", f"{t:.2f} s",
             "target < 10 s" if n == 1_000_000 else "")

    for rows in (10_000, 100_000, 1_000_000):
        df = pd.DataFrame({
            "customer_id": pd.Series(rng.integers(0, rows // 10, rows)).map("C{:06d}".format),
            "date": pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, 700, rows), "D"),
            "amount": rng.gamma(2.0, 50.0, rows).round(2),
        })
        end = df["date"].max()
        a = best_of(lambda: clv.summarize(df, asof=end), 3)
        b = best_of(lambda: bare_summary(df, end), 3)
        line(f"summarize, {rows:>9,} rows", f"{a * 1000:.0f} ms",
             f"bare groupby {b * 1000:.0f} ms, ratio {a / b:.2f}" + (" (target <= 1.5x)" if rows == 1_000_000 else ""))

    from crmkit.widgets.clv import CLVCalculator

    w = CLVCalculator()
    values = iter(np.round(np.linspace(0.5, 0.95, 40), 2))

    def move():
        w.controls["retention"].value = float(next(values))

    line("CLVCalculator: one control change", f"{best_of(move, 10) * 1000:.0f} ms", "target < 100 ms")

    from crmkit.widgets.clv import AliveExplorer

    a = AliveExplorer()
    customers = iter([c for _, c in a.controls["customer"].options] * 2)

    def pick():
        a.controls["customer"].value = next(customers)

    line("AliveExplorer: pick another customer", f"{best_of(pick, 10) * 1000:.0f} ms", "target < 100 ms")


if __name__ == "__main__":
    main()
