"""The CLV calculator and the P(alive) explorer, driven through their controls."""

from __future__ import annotations

import pytest

from crmkit import clv
from crmkit.clv import cdnow_model
from crmkit.widgets.clv import AliveExplorer, CLVCalculator


@pytest.fixture
def w():
    return CLVCalculator()


def test_clv_shown_is_the_formula(w):
    assert w.result.clv == pytest.approx(clv.retention_clv(100, 0.8, 0.1, 10, 150))
    assert f"¥{w.result.clv:,.2f}" in w.summary.value
    w.controls["retention"].value = 0.9
    w.controls["margin"].value = 250
    w.controls["discount"].value = 0.05
    w.controls["horizon"].value = 20
    w.controls["acquisition_cost"].value = 400
    expected = clv.retention_clv(250, 0.9, 0.05, 20, 400)
    assert w.result.clv == pytest.approx(expected)
    assert f"¥{expected:,.2f}" in w.summary.value
    assert w.fig.axes[0].lines[0].get_ydata()[-1] == pytest.approx(expected)


def test_break_even_and_survival_follow_the_controls(w):
    w.controls["acquisition_cost"].value = 250
    assert "Break-even period: <b>4</b>" in w.summary.value  # 100 + 72.7 + 52.9 + 38.5 > 250
    w.controls["acquisition_cost"].value = 2000
    assert "not within the horizon" in w.summary.value
    surv = w.fig.axes[1].lines[0].get_ydata()
    assert surv[0] == 1 and surv[2] == pytest.approx(0.64)


def test_the_five_point_lesson(w):
    w.controls["retention"].value = 0.8
    base = clv.retention_clv(100, 0.8, 0.1, 10)
    gain = (clv.retention_clv(100, 0.85, 0.1, 10) - base) / base
    assert w.result.gain_5_points == pytest.approx(gain)
    assert f"by {gain:.0%}" in w.summary.value
    sweep = w.fig.axes[2].lines[0].get_ydata()
    assert all(b > a for a, b in zip(sweep, sweep[1:]))  # more retention, more value


def test_alive_explorer_shows_the_models_numbers():
    a = AliveExplorer()
    fit = cdnow_model()
    model, summary = fit.model, fit.summary
    c = a.controls["customer"].options[-1][1]  # the heaviest buyer
    a.controls["customer"].value = c
    row = summary.loc[c]
    p = model.probability_alive(row["frequency"], row["recency"], row["T"])
    assert a.result.p_alive == pytest.approx(p)
    assert f"{p:.1%}" in a.summary.value
    a.controls["weeks"].value = 20
    e = model.conditional_expected_purchases(20, row["frequency"], row["recency"], row["T"])
    assert f"{e:.2f}" in a.summary.value and "next 20 weeks" in a.summary.value
    star = a.fig.axes[0].lines[0]
    assert star.get_xdata()[0] == row["frequency"]


def test_each_customer_is_listed_once_in_the_alive_explorer():
    """Chapter 05b's dropdown listed the heaviest buyer twice (first among the spread, then again as
    the last pick). Every option is a different customer, and picking any shows that customer."""
    from crmkit.clv import example_customers

    w = AliveExplorer()
    options = w.controls["customer"].options
    values = [v for _, v in options]
    labels = [label for label, _ in options]
    assert len(set(values)) == len(values) and len(set(labels)) == len(labels)
    fit = cdnow_model()
    summary = fit.summary
    assert values[-1] == summary["frequency"].idxmax() and values == example_customers()
    for c in (values[0], values[-1]):
        w.controls["customer"].value = c
        assert w.result.customer == c and w.result.frequency == int(summary.loc[c, "frequency"])
    for n in (3, 10, 200):
        picks = example_customers(n)
        assert len(picks) == len(set(picks)) <= n
