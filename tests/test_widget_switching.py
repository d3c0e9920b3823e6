"""The switching-cost calculator and the retention-economics view, driven through their controls."""

from __future__ import annotations

import numpy as np
import pytest

from crmkit import loyalty
from crmkit.widgets.switching import RetentionEconomics, SwitchingCalculator


@pytest.fixture
def w():
    return SwitchingCalculator()


def test_opens_on_the_exercise(w):
    d = w.result.decision
    assert (d.decision, d.switching_cost, d.advantage_pv, d.margin_of_safety) == ("stay", 650, 400, 250)
    assert "stays" in w.summary.value and "¥250.00" in w.summary.value
    assert "<table" in w.table.value and w.table.value.count("<tr>") == 18  # header + 17 ways


def test_a_longer_horizon_makes_the_customer_switch(w):
    w.controls["horizon"].value = 3
    assert w.result.decision.decision == "switch" and "switches" in w.summary.value
    w.controls["discount"].value = 0.10
    assert w.result.decision.advantage_pv == pytest.approx(994.74, abs=0.01)
    bars = w.fig.axes[0].patches
    assert bars[-1].get_height() == pytest.approx(994.74, abs=0.01)  # the advantage bar


def test_raising_a_component_keeps_more_customers(w):
    before = w.result.share_staying
    w.controls["relational"].value = 600
    after = w.result.share_staying
    assert after > before
    expected = loyalty.share_staying(w.result.population, 400, 1, 0.0)
    assert after == pytest.approx(expected) and f"{after:.1%}" in w.summary.value
    assert w.result.population.mean() == pytest.approx(1100, rel=0.05)


def test_retention_view_numbers():
    r = RetentionEconomics()
    r.controls["retention"].value = 0.9
    r.controls["new_per_year"].value = 0
    base = loyalty.retention_economics(n0=1000, retention=0.9, margin=200, retention_cost=20, acquisition_cost=150,
                                       new_per_year=0, years=10)
    assert r.result.base["customers"].tolist() == pytest.approx(base["customers"].tolist())
    assert f"{base['customers'].iloc[-1]:,.0f}" in r.summary.value
    line = r.fig.axes[0].lines[0].get_ydata()
    assert np.allclose(line, base["customers"])
    assert r.result.lift > 0
