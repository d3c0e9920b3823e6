"""Chapter 10: ageing and DSO of a large ledger, and the credit explorer's speed per control change."""

from __future__ import annotations

import numpy as np
import pandas as pd
from _util import best_of, line

from crmkit import credit


def ledger(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    issue = pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 730, n), "D")
    due = issue + pd.to_timedelta(rng.choice([30, 45, 60], n), "D")
    paid = (due + pd.to_timedelta(rng.integers(-10, 90, n), "D")).where(rng.random(n) > 0.05)
    return pd.DataFrame({"customer_id": [f"C{i}" for i in rng.integers(0, max(n // 40, 1), n)], "issue_date": issue,
                         "due_date": due, "paid_date": paid, "amount": rng.gamma(4.0, 5000.0, n).round(0)})


def main() -> None:
    import os

    line("load average (1 min) on this machine", f"{os.getloadavg()[0]:.1f}", f"{os.cpu_count()} cores")
    for n in (10_000, 100_000, 1_000_000):
        inv = ledger(n)
        t = best_of(lambda: credit.ageing(inv, "2024-06-30"), 3)
        line(f"ageing, {n:>9,} invoices", f"{t * 1000:.0f} ms", "target < 2 s" if n == 1_000_000 else "")
        t = best_of(lambda: credit.ageing(inv, "2024-06-30", by_customer=True), 3)
        line(f"ageing by customer, {n:>9,} invoices", f"{t * 1000:.0f} ms", "target < 2 s" if n == 1_000_000 else "")
        t = best_of(lambda: credit.ledger_dso(inv, "2024-06-30"), 3)
        line(f"ledger_dso, {n:>9,} invoices", f"{t * 1000:.0f} ms", "target < 2 s" if n == 1_000_000 else "")

    from crmkit.widgets.credit import MONTH_ENDS, CreditExplorer

    w = CreditExplorer()
    weights = iter(np.round(np.arange(0.0, 1.0, 0.05), 2).tolist() * 3)

    def move_weight():
        w.controls["character"].value = next(weights)

    line("CreditExplorer: a 5C weight", f"{best_of(move_weight, 10) * 1000:.0f} ms", "target < 100 ms")
    months = iter(MONTH_ENDS * 3)

    def move_asof():
        w.controls["asof"].value = next(months)

    line("CreditExplorer: the as-of date (new ageing)", f"{best_of(move_asof, 10) * 1000:.0f} ms", "target < 100 ms")
    ids = iter(list(w.controls["customer"].options)[:40])

    def move_customer():
        w.controls["customer"].value = next(ids)

    line("CreditExplorer: another customer (new ageing)", f"{best_of(move_customer, 10) * 1000:.0f} ms",
         "target < 100 ms")
    scales = iter(np.round(np.arange(0.5, 2.0, 0.1), 1).tolist() * 2)

    def move_policy():
        w.controls["limit_scale"].value = next(scales)

    line("CreditExplorer: the limit policy", f"{best_of(move_policy, 10) * 1000:.0f} ms", "target < 100 ms")
    scales2 = iter(np.round(np.arange(0.5, 2.0, 0.1), 1).tolist() * 2)

    def full_redraw():  # the first time a scale is needed, its background is drawn in full
        w._backgrounds.clear()
        w.controls["limit_scale"].value = next(scales2)

    line("CreditExplorer: a change needing a new scale (full draw)", f"{best_of(full_redraw, 10) * 1000:.0f} ms",
         "target < 100 ms")

    from crmkit.widgets.credit import CreditPolicyExplorer

    p = CreditPolicyExplorer()
    p.controls["decision"].value = "standard"
    cuts = iter(list(range(30, 81)) * 2)

    def move_cutoff():  # re-scores the applicants' policy at the new cut-off, redraws the table and the bars
        p.controls["cutoff"].value = next(cuts)

    line("CreditPolicyExplorer: the credit standard's cut-off", f"{best_of(move_cutoff, 10) * 1000:.0f} ms",
         "target < 100 ms")
    p.controls["decision"].value = "discount"
    rates = iter(np.round(np.arange(0.0, 0.05, 0.005), 3).tolist() * 3)

    def move_discount():
        p.controls["discount_rate"].value = next(rates)

    line("CreditPolicyExplorer: the cash discount", f"{best_of(move_discount, 10) * 1000:.0f} ms", "target < 100 ms")


if __name__ == "__main__":
    main()
