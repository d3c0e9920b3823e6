"""Textbook CLV formulas, Dwyer's models and the customer-event method (SYLLABUS B.5, C.6 oracles)."""

from __future__ import annotations

import numpy as np
import pytest

from crmkit import clv, loyalty, money
from crmkit.errors import ParameterError


def test_textbook_exercise_3():
    assert money.annuity_factor(0.08, 10) == pytest.approx(6.710081, abs=1e-6)
    assert clv.clv_model_one(1000, 0.08, 10) == pytest.approx(6710.08, abs=0.01)
    assert clv.clv_model_two(3000, 500, 1000, 0.08, 10) == pytest.approx(9210.08, abs=0.01)
    assert clv.clv_model_three(3000, 500, 1000, 100, 0.08, 10) == pytest.approx(8539.07, abs=0.01)
    assert clv.clv_model_three(3000, 500, 1000, 100, 0, 10) == pytest.approx(11500)


def test_textbook_exercise_4_rankings_flip():
    a1, b1 = clv.clv_model_one(500, 0.08, 10), clv.clv_model_one(550, 0.08, 10)
    a3, b3 = clv.clv_model_three(0, 0, 500, 200, 0.08, 10), clv.clv_model_three(0, 0, 550, 300, 0.08, 10)
    assert (round(a1, 2), round(b1, 2), round(a3, 2), round(b3, 2)) == (3355.04, 3690.54, 2013.02, 1677.52)
    assert b1 > a1 and a3 > b3


def test_components_lifecycle_and_ltv():
    assert clv.clv_lifecycle([200, 800, 1500, 400], {"Ca": 300, "Cp": 150, "Cs": 400, "Cm": 250}) == 1800
    assert clv.clv_components(1000, 2500, 800, 300, 600, 200) == 5400
    assert clv.ltv([100, 120, 150], 0.1) == pytest.approx(302.78, abs=0.01)
    with pytest.raises(ParameterError):
        clv.clv_components(*range(7))


@pytest.mark.parametrize("call, match", [
    (lambda: clv.clv_components(), "CLV1 .. CLV6 .* not 0"),
    (lambda: clv.clv_components(1000, "2500"), "CLV2 must be a number"),
    (lambda: clv.clv_lifecycle([200, float("nan")], [300]), r"clr\[1\] must be a finite number"),
    (lambda: clv.clv_lifecycle([200, 800], {"Ca": 300, "Cp": -150}), r"costs\['Cp'\] must be at least 0"),
    (lambda: clv.clv_lifecycle({}, [300]), "clr is empty"),
    (lambda: clv.customer_event_clv(p_churn=15), "p_churn must be a share between 0 and 1"),
    (lambda: clv.customer_event_clv(n_customers=100_000, periods=1000), "n_customers x periods"),
])
def test_declared_checks_name_the_parameter(call, match):
    with pytest.raises(ParameterError, match=match):
        call()


def test_lifecycle_takes_lists_or_dicts_alike():
    by_stage = clv.clv_lifecycle({"考察期": 200, "形成期": 800}, [300, 150])
    assert by_stage == clv.clv_lifecycle([200, 800], {"Ca": 300, "Cp": 150}) == 550


def test_retention_model():
    assert clv.retention_clv(100, 0.8, 0.1, horizon=5) == pytest.approx(292.06, abs=0.01)
    assert clv.retention_clv(100, 0.8, 0.1) == pytest.approx(366.67, abs=0.01)
    assert clv.retention_clv(100, 0.8, 0.1, horizon=400) == pytest.approx(clv.retention_clv(100, 0.8, 0.1))
    assert clv.retention_clv(100, 1.0, 0.0, horizon=3) == 300  # no decay, finite horizon
    curve = clv.retention_value_curve(100, 0.8, 0.1, 10, acquisition_cost=250)
    assert curve.table["cumulative"].iloc[-1] == pytest.approx(clv.retention_clv(100, 0.8, 0.1, 10) - 250)
    assert curve.break_even_period == 4  # 100 + 72.7 + 52.9 = 225.6 < 250; + 38.5 = 264.1
    assert curve.table["alive"].iloc[2] == pytest.approx(0.64)


@pytest.mark.parametrize("call, match", [
    (lambda: clv.retention_clv(100, 1.0, 0.0), "infinite"),
    (lambda: clv.retention_clv(100, 0.9, -0.2), "infinite"),
    (lambda: clv.retention_clv(100, 1.2, 0.1), "retention must be a share between 0 and 1"),
    (lambda: clv.clv_model_one(1000, -1, 10), "more than -1"),
    (lambda: clv.clv_model_one(1000, -1.5, 10), "more than -1"),
    (lambda: clv.clv_model_one(1000, 0.08, 2.5), "whole number"),
    (lambda: clv.clv_model_one("1000", 0.08, 10), "must be a number"),
    (lambda: clv.clv_model_one(float("nan"), 0.08, 10), "finite"),
    (lambda: clv.MigrationModel((0.3, 1.2)), "at most 1"),
    (lambda: clv.MigrationModel(()), "empty"),
])
def test_bad_parameters(call, match):
    with pytest.raises(ParameterError, match=match):
        call()


def test_migration_model():
    mm = clv.MigrationModel((0.30, 0.20, 0.15, 0.05))
    P = mm.transition_matrix.to_numpy()
    assert np.allclose(P.sum(axis=1), 1)
    assert P[3, 3] == pytest.approx(0.95) and P[3, 0] == pytest.approx(0.05)  # the last state keeps non-buyers
    assert mm.purchase_probabilities(2).round(10).tolist() == [0.3, 0.23]
    assert mm.expected_value(50, 0.10, horizon=5) == pytest.approx(38.91, abs=0.01)
    assert mm.expected_value(50, 0.10, horizon=2000) == pytest.approx(mm.expected_value(50, 0.10), rel=1e-9)
    # a lapsed customer is worth less than one who just bought
    assert mm.expected_value(50, 0.1, start=4) < mm.expected_value(50, 0.1, start=1)


def test_customer_event_method_is_seeded_and_agrees_with_its_expectation():
    a = clv.customer_event_clv(n_customers=20000, periods=5, margin=100, p_purchase=0.6, p_upgrade=0.0,
                               p_churn=0.2, service_cost=10, discount=0.1, seed=1)
    b = clv.customer_event_clv(n_customers=20000, periods=5, margin=100, p_purchase=0.6, p_upgrade=0.0,
                               p_churn=0.2, service_cost=10, discount=0.1, seed=1)
    assert a.equals(b)
    # without upgrades: E[CLV] = sum_t 0.8^t (0.6 x 100 - 10) / 1.1^t
    expected = sum(0.8 ** t * 50 / 1.1 ** t for t in range(1, 6))
    assert a["clv"].mean() == pytest.approx(expected, rel=0.02)
    assert (a["periods_active"] <= 5).all()
    up = clv.customer_event_clv(n_customers=5000, p_upgrade=0.3, seed=2)["clv"].mean()
    assert up > clv.customer_event_clv(n_customers=5000, p_upgrade=0.0, seed=2)["clv"].mean()


# --- issue 23 item 8: one public home per formula, one name per meaning -----------------------------------

def test_clv_annuity_factor_is_a_deprecated_alias_of_money_annuity_factor():
    with pytest.warns(DeprecationWarning, match="money.annuity_factor"):
        assert clv.annuity_factor(0.08, 10) == money.annuity_factor(0.08, 10)
    assert "annuity_factor" not in clv.__all__ and "annuity_factor" in money.__all__


def test_periods_is_the_old_name_of_a_valuation_horizon():
    with pytest.warns(DeprecationWarning, match="horizon"):
        old = money.present_value(100, discount=0.1, periods=5)
    assert old == money.present_value(100, discount=0.1, horizon=5)
    with pytest.warns(DeprecationWarning):
        assert money.annuity_factor(0.08, periods=10) == money.annuity_factor(0.08, horizon=10)
    with pytest.raises(ParameterError, match="horizon= only"):
        money.present_value_factor(discount=0.1, horizon=5, periods=5)


def test_retention_lift_margin_cancels_out_and_is_deprecated():
    base = loyalty.retention_lift(0.8, 0.05, margin_growth=0.05)
    with pytest.warns(DeprecationWarning, match="cancels out"):
        assert loyalty.retention_lift(0.8, 0.05, margin=250.0, margin_growth=0.05) == base
    assert base == money.retention_lift(0.8, 0.05, margin_growth=0.05)
