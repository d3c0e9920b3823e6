"""Chapters 01-02: the two widgets' cost per control change, and the ladder over many periods."""

from __future__ import annotations

from _util import best_of, line

from crmkit import foundations


def main() -> None:
    from crmkit.widgets.foundations import FunnelExplorer, ValueLevelChooser

    w = FunnelExplorer()
    rates = iter([round(0.01 * i, 2) for i in range(1, 100)])

    def move():
        w.controls["churn_rate"].value = next(rates)

    line("FunnelExplorer: one control change", f"{best_of(move, 10) * 1000:.0f} ms", "target < 100 ms")
    c = ValueLevelChooser()
    money = iter(range(200, 1000, 10))

    def move2():
        c.controls["A_money"].value = next(money)

    line("ValueLevelChooser: one slider change", f"{best_of(move2, 10) * 1000:.0f} ms", "target < 100 ms")
    levels = iter(["few", "medium", "many"] * 10)

    def move3():
        c.controls["customers"].value = next(levels)

    line("ValueLevelChooser: one dropdown change", f"{best_of(move3, 6) * 1000:.0f} ms", "target < 100 ms")
    m = foundations.ladder_transitions()
    t = best_of(lambda: foundations.state_flow({"prospect": 1e6}, m, periods=120_000), 1)
    line("state_flow, 120,000 periods (the bound)", f"{t * 1000:.0f} ms", "target < 2 s")
    t = best_of(lambda: foundations.relationship_vs_transaction(100, 120_000, 0.9, 0.1), 3)
    line("relationship_vs_transaction, 120,000 years (the bound)", f"{t * 1000:.1f} ms", "")


if __name__ == "__main__":
    main()
