"""crmkit.loyalty against hand-computed values and the syllabus's oracles (C.8-C.10)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmkit import data, loyalty
from crmkit.errors import DataError, ParameterError
from crmkit.synth import survey as survey_spec

# --- satisfaction ---------------------------------------------------------------------------

def test_weighted_csi_and_nps():
    assert loyalty.weighted_csi([80, 70, 90, 60, 85], [0.30, 0.25, 0.20, 0.15, 0.10]) == pytest.approx(77.0)
    assert loyalty.nps([10, 9, 9, 8, 7, 6, 10, 3, 9, 5]) == pytest.approx(20.0)
    assert loyalty.nps([10, 10]) == 100 and loyalty.nps([0, 6]) == -100 and loyalty.nps([7, 8]) == 0
    with pytest.raises(ParameterError, match="add up to 1"):
        loyalty.weighted_csi([80, 70], [0.5, 0.6])
    with pytest.raises(DataError, match="0 to 10"):
        loyalty.nps([10, 11])
    with pytest.raises(DataError, match="0 to 10"):
        loyalty.nps([9.5])
    with pytest.raises(DataError, match="at least one"):
        loyalty.nps([])


def test_satisfaction_index_recovers_the_true_paths():
    sv = data.load("survey")
    si = loyalty.satisfaction_index(sv)
    for target, eq in survey_spec.TRUE_PATHS.items():
        for source, value in eq.items():
            if source == "const":
                continue
            # item noise and rounding attenuate slopes a little: within 0.1 of the truth
            assert si.coefficient(source, target) == pytest.approx(value, abs=0.1), (source, target)
    assert si.coefficient("satisfaction", "complaints") < 0  # more satisfied, fewer complaints
    assert 0 <= si.index <= 100
    sat = sv[["sat_1", "sat_2", "sat_3"]].mean(axis=1).mean()
    assert si.index == pytest.approx((sat - 1) / 9 * 100)


def test_satisfaction_index_on_a_small_exact_table():
    # loyalty = 2 x satisfaction exactly: OLS finds slope 2
    df = pd.DataFrame({c: [5, 6, 7, 8, 9, 4] for c in ["exp_1", "exp_2", "exp_3", "pq_1", "pq_2", "pq_3",
                                                        "pv_1", "pv_2"]})
    df["sat_1"] = df["sat_2"] = df["sat_3"] = [3, 4, 5, 4, 3, 2]
    df["complained"] = [0, 1, 0, 0, 1, 0]
    df["loy_repurchase"] = df["loy_recommend"] = df["loy_price_tolerance"] = [6, 8, 10, 8, 6, 4]
    si = loyalty.satisfaction_index(df, paths={"loyalty": ["satisfaction"]})
    assert si.coefficient("satisfaction", "loyalty") == pytest.approx(2.0)
    assert si.index == pytest.approx((np.mean([3, 4, 5, 4, 3, 2]) - 1) / 9 * 100)


def test_survey_bad_input():
    sv = data.load("survey").head(50).copy()
    bad = sv.copy()
    bad.loc[3, "pq_2"] = 12
    with pytest.raises(DataError, match="outside the 1-10 scale for quality .* row 3"):
        loyalty.satisfaction_index(bad)
    with pytest.raises(DataError, match="no column 'sat_3'"):
        loyalty.satisfaction_index(sv.drop(columns="sat_3"))
    bad = sv.astype({"exp_1": float})
    bad.loc[7, "exp_1"] = np.nan
    with pytest.raises(DataError, match="missing answers for expectations"):
        loyalty.satisfaction_index(bad)


def test_loyalty_curve_shows_the_zone_of_indifference_and_the_trap():
    curve = loyalty.loyalty_curve(data.load("survey"))
    everyone = loyalty.loyalty_curve(data.load("survey"), by=None).set_index("level")["loyalty"]
    assert (everyone[10] - everyone[8]) > 1.5 * (everyone[8] - everyone[6])  # steep only at the top
    q = curve[curve["segment"] == "quality-seeking"].set_index("level")["loyalty"]
    p = curve[curve["segment"] == "price-sensitive"].set_index("level")["loyalty"]
    assert p[8] < q[8] - 1  # satisfied but less loyal
    assert set(curve["zone"].astype(str)) <= {"defection", "indifference", "affection"}


# --- switching costs ------------------------------------------------------------------------

def test_switching_decisions_match_the_exercises():
    cost = loyalty.switching_cost(200, 300, 150)
    assert cost == 650
    one = loyalty.switching_decision(400, cost, horizon=1)
    assert (one.decision, one.margin_of_safety) == ("stay", 250)
    three = loyalty.switching_decision(400, cost, horizon=3)
    assert three.decision == "switch" and three.advantage_pv == 1200
    disc = loyalty.switching_decision(400, cost, horizon=3, discount=0.10)
    assert disc.advantage_pv == pytest.approx(994.74, abs=0.005) and disc.decision == "switch"
    assert loyalty.switching_decision(1, cost, horizon=2).break_even_advantage == 325
    assert loyalty.switching_decision(325, cost, horizon=2).decision == "stay"  # indifferent: inertia


def test_share_staying_and_catalogue():
    costs = np.array([100, 300, 500, 700, 900])
    assert loyalty.share_staying(costs, 500) == 0.6
    assert loyalty.share_staying(costs, 250, horizon=2) == 0.6
    assert loyalty.share_staying(costs, 0) == 1.0
    ways = loyalty.SWITCHING_WAYS
    assert len(ways) == 17 and ways.index.tolist() == list(range(1, 18))
    for comp in ("procedural", "financial", "relational"):
        assert ways["component"].str.contains(comp).sum() >= 4
    with pytest.raises(ParameterError, match="procedural"):
        loyalty.switching_cost(-1, 0, 0)
    with pytest.raises(ParameterError):
        loyalty.share_staying([], 100)


# --- retention economics --------------------------------------------------------------------

def test_retention_numbers_of_the_seeds():
    assert loyalty.cohort_survivors(1000, 0.8, 5) == pytest.approx(327.68)
    assert loyalty.expected_lifetime(0.8) == pytest.approx(5)
    assert loyalty.implied_growth(2, 5) == pytest.approx(0.1487, abs=1e-4)
    assert loyalty.acquisition_cost_range(80) == loyalty.AcquisitionCostRange(400, 800)
    assert loyalty.retellings_lower_bound(1000, 0.12, 20) == pytest.approx(2400)
    assert loyalty.word_of_mouth(2000) == 500
    ice = loyalty.complaint_iceberg(40, 0.04)
    assert ice.dissatisfied == pytest.approx(1000) and ice.silent == pytest.approx(960)
    with pytest.raises(ParameterError, match="infinite"):
        loyalty.expected_lifetime(1.0)


def test_retention_lift_qualifies_the_25_to_85_percent_claim():
    flat = loyalty.retention_lift(0.80, 0.05, margin_growth=0.0, discount=0.10)
    growing = loyalty.retention_lift(0.80, 0.05, margin_growth=0.10, discount=0.10)
    assert 0.15 < flat < 0.25  # constant margins: about +20 %
    assert 0.25 < growing < 0.85 and growing > flat  # with margins that grow with tenure: in the range
    with pytest.raises(ParameterError, match="above 1"):
        loyalty.retention_lift(0.98, 0.05)


def test_retention_economics_table():
    t = loyalty.retention_economics(n0=1000, retention=0.8, margin=200, retention_cost=20, acquisition_cost=150,
                                    new_per_year=100, years=3)
    assert t["customers"].tolist() == pytest.approx([1000, 900, 820])
    assert t.loc[1, "profit"] == pytest.approx(1000 * 180 - 100 * 150)
    assert t["cumulative_profit"].iloc[-1] == pytest.approx(t["profit"].sum())


# --- churn ----------------------------------------------------------------------------------

def test_kaplan_meier_by_hand_with_censoring_and_ties():
    # times 1, 2, 2 (one churn, one censored), 3, 5+ (censored)
    km = loyalty.kaplan_meier([1, 2, 2, 3, 5], [True, True, False, True, False])
    assert km.index.tolist() == [1, 2, 3, 5]
    assert km["at_risk"].tolist() == [5, 4, 2, 1]
    assert km["churned"].tolist() == [1, 1, 1, 0] and km["censored"].tolist() == [0, 1, 0, 1]
    assert km["survival"].tolist() == pytest.approx([0.8, 0.6, 0.3, 0.3])
    no_censoring = loyalty.kaplan_meier([1, 2, 3, 4], [True] * 4)
    assert no_censoring["survival"].tolist() == pytest.approx([0.75, 0.5, 0.25, 0.0])  # the empirical share
    assert loyalty.kaplan_meier([4, 4], [False, False])["survival"].tolist() == [1.0]
    with pytest.raises(DataError, match="negative values"):
        loyalty.kaplan_meier([1, -2], [True, True])
    with pytest.raises(DataError, match="at least one"):
        loyalty.kaplan_meier([], [])


def contracts():
    return pd.DataFrame({
        "start_date": ["2024-01-01", "2024-01-15", "2024-01-20", "2024-02-01", "2024-02-10"],
        "end_date": ["2024-02-20", None, "2024-05-01", "2024-02-15", None],
        "segment": ["a", "a", "b", "b", "b"],
        "monthly_fee": [10, 20, 30, 40, 50],
    })


def test_cohort_table_by_hand():
    t = loyalty.cohort_table(contracts(), periods=3, asof="2024-06-30")
    assert t["customers"].tolist() == [3, 2]
    jan, feb = t.loc["2024-01"], t.loc["2024-02"]
    assert jan[0] == 1 and jan[1] == pytest.approx(1.0) and jan[2] == pytest.approx(2 / 3)  # the first ends on 20 Feb
    assert feb[1] == pytest.approx(0.5)  # one of two left within its first month
    t2 = loyalty.cohort_table(contracts(), periods=6, asof="2024-06-30")
    assert np.isnan(t2.loc["2024-02", 5])  # not observable yet: censored, not counted as churn


def test_churn_rate_and_segments():
    c = contracts()
    assert loyalty.churn_rate(c, "2024-02-12", "2024-03-31") == pytest.approx(2 / 5)
    with pytest.raises(DataError, match="empty cohort"):
        loyalty.churn_rate(c, "2023-01-01", "2023-06-30")
    seg = loyalty.churn_by_segment(data.load("contracts"))
    assert seg.index[0] == "consumer" and seg.index[-1] == "enterprise"  # riskiest first
    assert (seg["survival_6m"] >= seg["survival_12m"]).all()


@pytest.mark.parametrize("mutate, match", [
    (lambda c: c.assign(end_date=["2023-12-01", None, None, None, None]), "end before they start"),
    (lambda c: c.assign(monthly_fee=[10, -5, 30, 40, 50]), "must be 0 or more"),
    (lambda c: c.assign(start_date=["2024-01-01", "soon", "2024-01-20", "2024-02-01", "2024-02-10"]), "cannot be read"),
    (lambda c: c.drop(columns="end_date"), "no column 'end_date'"),
    (lambda c: c.iloc[:0], "empty"),
])
def test_contract_bad_input(mutate, match):
    with pytest.raises(DataError, match=match):
        if match == "must be 0 or more":  # the fee column: only the helper reads one
            loyalty.churn._contracts(mutate(contracts()), "start_date", "end_date", fee="monthly_fee")
        else:  # through a public function: its declaration checks the table, the helper the rows
            loyalty.cohort_table(mutate(contracts()))


def test_winback_value():
    w = loyalty.winback_value(lost_customers=1000, win_rate=0.1, margin=100, retention=0.8, discount=0.1,
                              cost_per_attempt=20)
    assert w.won_back == 100 and w.value_per_customer == pytest.approx(366.67, abs=0.01)
    assert w.net_value == pytest.approx(100 * 366.666667 - 20000, abs=0.1)
    assert w.won_back_retention == w.retention == 0.8  # left out: as loyal as a customer never lost


def test_a_won_back_customer_is_valued_at_the_won_back_retention():
    # second lifetime at 60 %: 100 x 1.1 / (1.1 - 0.6) = 220 each, against 100 x 1.1 / 0.3 = 366.67 never lost
    w = loyalty.winback_value(1000, 0.1, 100, 0.8, 0.1, 20, won_back_retention=0.6)
    assert w.value_per_customer == pytest.approx(220.0) and w.value_if_never_lost == pytest.approx(1100 / 3)
    assert w.net_value == pytest.approx(100 * 220.0 - 20000) and w.won_back_retention == 0.6
    # the won-back rate drives the value: it falls when that rate falls, and the never-lost one does not move it
    nets = [loyalty.winback_value(1000, 0.1, 100, 0.8, 0.1, 20, won_back_retention=r).net_value for r in (0.8, 0.7, 0.6, 0.5)]
    assert nets == sorted(nets, reverse=True) and nets[-1] < 0 < nets[-2]  # break-even at 55 %
    assert loyalty.winback_value(1000, 0.1, 100, 0.9, 0.1, 20, won_back_retention=0.6).net_value == pytest.approx(nets[2])
    with pytest.raises(ParameterError, match="won_back_retention"):
        loyalty.winback_value(1000, 0.1, 100, 0.8, 0.1, 20, won_back_retention=60)


def test_churn_cut_against_cost_cut_by_hand():
    # churn 5 %, costs 90 % of revenue, no discounting: value 0.1 / 0.05 = 2 before, 0.1 / 0.03 = 3.33 after;
    # a cost cut x gives (1 - 0.9 (1 - x)) / 0.05 = 3.33  =>  x = (0.1667 - 0.1) / 0.9 = 7.41 %
    e = loyalty.churn_cost_equivalence(0.05, cost_ratio=0.9, discount=0.0)
    assert e.value_before == pytest.approx(2.0) and e.value_after_churn_cut == pytest.approx(10 / 3)
    assert e.equivalent_cost_cut == pytest.approx(0.0741, abs=1e-4) and not e.claim_holds
    # the seeds' "2 % ~ 10 %" needs thin margins and low churn: 3 % churn, costs 95 % of revenue -> 10.5 %
    assert loyalty.churn_cost_equivalence(0.03, cost_ratio=0.95, discount=0.0).claim_holds
    with pytest.raises(ParameterError, match="below the churn rate"):
        loyalty.churn_cost_equivalence(0.02, churn_cut=0.02)
