"""crmkit.foundations: the numeric models of chapters 01-02, against hand-computed values."""

from __future__ import annotations

import doctest

import numpy as np
import pandas as pd
import pytest

from crmkit import foundations as f
from crmkit.errors import CrmkitError, DataError, ParameterError

X = dict(product=500, service=200, personnel=100, image=100, money=600, time=50, energy=20, psychic=30)
Y = dict(product=450, service=300, personnel=150, image=50, money=650, time=20, energy=10, psychic=20)


def test_doctests():
    res = doctest.testmod(f)
    assert res.attempted >= 5 and res.failed == 0


# --- chapter 01: the funnel -----------------------------------------------------------------

def test_funnel_c2_exercise_180_customers_after_one_year():
    # 10,000 x 20 % = 2,000 potential; x 40 % = 800 targets; x 25 % = 200 buy; 10 % of 200 = 20 lost.
    fu = f.customer_funnel(10_000, 0.20, 0.40, 0.25, 0.10)
    assert (fu.bought, fu.lost, fu.kept) == (200.0, 20.0, 180.0)
    assert fu.table["customers"].tolist() == [10_000, 2_000, 800, 200, 20, 180]
    assert fu.table["stage"].tolist()[:5] == f.CUSTOMER_STATES["state"].tolist()
    assert fu.table["share_of_population"].iloc[-1] == pytest.approx(0.018)


def test_funnel_other_numbers_and_edges():
    fu = f.customer_funnel(5_000, 0.30, 0.50, 0.20, 0.15)  # 1500, 750, 150, 22.5 lost, 127.5 kept
    assert fu.kept == pytest.approx(127.5) and fu.lost == pytest.approx(22.5)
    assert f.customer_funnel(0).kept == 0 and f.customer_funnel(100, 1, 1, 1, 0).kept == 100


@pytest.mark.parametrize("kw, msg", [({"population": -1}, "at least 0"), ({"churn_rate": 10}, "did you mean|If you meant"),
                                     ({"target_rate": 1.5}, "between 0 and 1"), ({"purchase_rate": "0.2"}, "must be a number")])
def test_funnel_bad_input(kw, msg):
    with pytest.raises(ParameterError, match=msg):
        f.customer_funnel(**kw)


# --- chapter 01: the ladder over periods ----------------------------------------------------

def test_ladder_matrix_rows_sum_to_one():
    m = f.ladder_transitions(0.1, 0.4, 0.3, 0.2, 0.05)
    assert list(m.index) == list(f.LADDER_STATES) == list(m.columns)
    assert np.allclose(m.sum(axis=1), 1)
    assert m.loc["repeat", "repeat"] == pytest.approx(0.5)
    with pytest.raises(ParameterError, match="loyal \\+ churn"):
        f.ladder_transitions(loyal=0.7, churn=0.4)


def test_state_flow_by_hand():
    # 1000 prospects, 10 % buy each period; 40 % of first-timers repeat; repeaters: 30 % loyal, 20 % lost.
    flow = f.state_flow({"prospect": 1000}, f.ladder_transitions(0.1, 0.4, 0.3, 0.2, 0.05), periods=3)
    assert flow.loc[1].tolist() == pytest.approx([900, 100, 0, 0, 0])
    assert flow.loc[2].tolist() == pytest.approx([810, 90, 40, 0, 60])
    # period 3: repeat = 90*0.4 + 40*0.5 = 56; loyal = 40*0.3 = 12; lost = 60 + 90*0.6 + 40*0.2 = 122
    assert flow.loc[3].tolist() == pytest.approx([729, 81, 56, 12, 122])
    assert np.allclose(flow.sum(axis=1), 1000)


def test_state_flow_rejects_bad_matrices():
    m = f.ladder_transitions()
    bad = m.copy()
    bad.loc["prospect", "prospect"] = 0.5  # row sums to 0.6
    with pytest.raises(DataError, match="must sum to 1"):
        f.state_flow({"prospect": 10}, bad)
    with pytest.raises(DataError, match="one column per state"):
        f.state_flow({"prospect": 10}, m.drop(columns=["lost"]))
    with pytest.raises(ParameterError, match="start state"):
        f.state_flow({"customer": 10}, m)
    with pytest.raises(ParameterError, match="periods"):
        f.state_flow({"prospect": 10}, m, periods=10**9)
    neg = m.copy()
    neg.loc["lost", "lost"] = -1
    with pytest.raises(DataError, match="negative"):
        f.state_flow({"prospect": 10}, neg)


# --- chapter 01: relationship vs transaction, combs, wheat ----------------------------------

def test_relationship_value_by_hand():
    r = f.relationship_vs_transaction(margin=100, years=3, retention=0.8, discount=0.10)
    # 100 + 100*0.8/1.1 + 100*0.64/1.21 = 100 + 72.7273 + 52.8926
    assert r.relationship == pytest.approx(225.6198, abs=1e-4)
    assert r.transaction == 100 and r.multiple == pytest.approx(2.256198, abs=1e-6)
    assert r.by_year["still_customer"].tolist() == pytest.approx([1, 0.8, 0.64])
    assert r.by_year["cumulative"].iloc[-1] == pytest.approx(r.relationship)
    with_wom = f.relationship_vs_transaction(100, 3, 0.8, 0.10, referral_rate=0.25)
    assert with_wom.relationship == pytest.approx(225.6198 * 1.25, abs=1e-4)
    one = f.relationship_vs_transaction(100, 1, 0.8, 0.10)
    assert one.multiple == 1.0


def test_relationship_value_long_run_closed_form():
    # an infinite relationship is worth m / (1 - r / (1 + d)); 500 years is close enough
    r = f.relationship_vs_transaction(200, 500, 0.7, 0.10)
    assert r.relationship == pytest.approx(200 / (1 - 0.7 / 1.1))


def test_combs_to_monks():
    df = f.combs_to_monks(price=10, unit_cost=4)
    assert df["combs_sold"].tolist() == [1, 10, 1000]
    assert df["revenue"].tolist() == [10, 100, 10_000] and df["margin"].tolist() == [6, 60, 6_000]
    assert df["multiple_of_first"].tolist() == [1, 10, 1000]


def test_grain_of_wheat_by_hand():
    g = f.grain_of_wheat(3, 30, 0.5)
    assert g["harvested"].tolist() == [30, 450, 6750]
    assert g["eaten"].tolist() == [15, 225, 3375] and g["cumulative_eaten"].iloc[-1] == 3615
    assert f.grain_of_wheat(1, 30, 0)["cumulative_eaten"].iloc[0] == 30  # eat the whole first harvest
    with pytest.raises(ParameterError, match="largest number"):
        f.grain_of_wheat(200, 1e9, 0.99)


# --- chapter 02: delivered value ------------------------------------------------------------

def test_delivered_value_c3_exercise():
    x, y = f.delivered_value(**X), f.delivered_value(**Y)
    assert (x.total_value, x.total_cost, x.delivered_value) == (900, 700, 200)
    assert (y.total_value, y.total_cost, y.delivered_value) == (950, 700, 250)
    assert x.value_cost_ratio == pytest.approx(900 / 700)
    c = f.compare_offers({"X": X, "Y": Y})
    assert c.chosen == "Y" and c.tied == ("Y",)
    assert c.table["delivered_value"].tolist() == [200, 250] and c.table["chosen"].tolist() == [False, True]


def test_compare_offers_table_and_tie():
    table = pd.DataFrame([X, X], index=["A", "B"])
    c = f.compare_offers(table)
    assert c.chosen is None and c.tied == ("A", "B") and not c.table["chosen"].any()
    assert f.delivered_value(*[0] * 8).value_cost_ratio is None


def test_delivered_value_bad_input():
    with pytest.raises(ParameterError, match="money must be at least 0"):
        f.delivered_value(**{**X, "money": -5})
    with pytest.raises(DataError, match="no column 'psychic'"):
        f.compare_offers(pd.DataFrame([X]).drop(columns=["psychic"]))
    with pytest.raises(DataError, match="unknown column"):
        f.compare_offers(pd.DataFrame([{**X, "fun": 3}]))
    with pytest.raises(ParameterError, match="empty"):
        f.compare_offers({})


# --- chapter 02: Kotler's matrix, bonds, selling time ----------------------------------------

KOTLER = {
    ("many", "high"): ("accountable", None), ("many", "medium"): ("reactive", None),
    ("many", "low"): ("basic", "reactive"),
    ("medium", "high"): ("proactive", None), ("medium", "medium"): ("accountable", None),
    ("medium", "low"): ("reactive", None),
    ("few", "high"): ("partnership", None), ("few", "medium"): ("proactive", None),
    ("few", "low"): ("accountable", None),
}


@pytest.mark.parametrize("cell", sorted(KOTLER))
def test_kotler_matrix_every_cell(cell):
    r = f.relationship_level(*cell)
    assert (r.level, r.alternative) == KOTLER[cell]
    assert r.level_zh == f.RELATIONSHIP_LEVELS.loc[r.level, "level_zh"]


def test_relationship_level_descriptions_and_counts():
    assert f.relationship_level("few", "high").level_zh == "合伙型"
    assert "calls the customer" in f.relationship_level("few", "low").description
    assert f.relationship_level_from_counts(20, 0.40).level == "partnership"
    assert f.relationship_level_from_counts(1_000_000, 0.05).level == "basic"
    assert f.relationship_level_from_counts(500, 0.20).level == "accountable"
    assert f.relationship_level_from_counts(50, 0.30).level == "partnership"  # both boundaries inclusive
    with pytest.raises(ParameterError, match="customers must be one of"):
        f.relationship_level("lots", "high")
    with pytest.raises(ParameterError, match="must be larger"):
        f.relationship_level_from_counts(10, 0.2, few_up_to=100, many_from=50)


def test_bonds_and_selling_time():
    assert [f.bond_level(t).level for t in ("frequent-buyer points", "customer club", "strategic alliance")] == \
        ["financial", "social", "structural"]
    assert f.bond_level("customer club").level_zh == "社交层次"
    with pytest.raises(ParameterError, match="tool must be one of"):
        f.bond_level("free lunch")
    t = f.selling_time(40)
    assert t.loc["building the relationship", "key_account_hours"] == 16
    assert t.loc["closing", "traditional_hours"] == 16 and t.loc["building the relationship", "traditional_hours"] == 4
    assert t["traditional"].sum() == pytest.approx(1) and t["key_account"].sum() == pytest.approx(1)


def test_data_tables():
    assert len(f.SEVEN_DIFFERENCES) == 7 and f.SEVEN_DIFFERENCES["dimension_zh"].iloc[0] == "关注理念的差别"
    assert f.CRM_FUNCTIONS.set_index("function").loc["HR management", "is_crm_function"] is np.False_ or \
        not f.CRM_FUNCTIONS.set_index("function").loc["HR management", "is_crm_function"]
    assert set(f.CRM_SYSTEM_FEATURES["system_type"]) == {"operational", "analytical", "collaborative"}
    assert len(f.CUSTOMER_VALUES) == 5 and len(f.CRM_GOALS) == 3 and len(f.CRM_DRIVERS) == 4
    assert issubclass(ParameterError, CrmkitError)


def test_every_public_function_is_in_the_bad_input_harness():
    import inspect

    from tests.bad_input import cases_foundations

    names = {t.name for t in cases_foundations.TARGETS}
    public = [n for n in f.__all__ if inspect.isfunction(getattr(f, n))]
    assert len(public) == 13 and not [n for n in public if f"foundations.{n}" not in names]


# --- charts -----------------------------------------------------------------------------------

def test_charts_draw_the_numbers_they_are_given():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    from crmkit.plots import foundations as pf

    ax = Figure().add_subplot()
    pf.delivered_value_chart(f.compare_offers({"X": X, "Y": Y}), ax=ax)
    assert [round(b.get_height()) for b in ax.patches] == [900, 700, 200, 950, 700, 250]
    pf.delivered_value_chart(f.compare_offers({"X": {**X, "money": 500}, "Y": Y}), ax=ax)  # updated in place
    assert [round(b.get_height()) for b in ax.patches] == [900, 600, 300, 950, 700, 250]
    ax = Figure().add_subplot()
    flow = f.state_flow({"prospect": 1000}, f.ladder_transitions(), periods=3)
    pf.state_flow_chart(flow, ax=ax)
    assert list(ax.lines[4].get_ydata()) == pytest.approx([0, 0, 60, 122])  # the lost
    ax = Figure().add_subplot()
    pf.relationship_value_chart(f.relationship_vs_transaction(100, 3, 0.8, 0.1), ax=ax)
    assert ax.lines[0].get_ydata()[-1] == pytest.approx(225.6198, abs=1e-4)
    ax = Figure().add_subplot()
    pf.combs_chart(f.combs_to_monks(), ax=ax)
    assert [b.get_height() for b in ax.patches] == [1, 10, 1000]
    ax = Figure().add_subplot()
    pf.wheat_chart(f.grain_of_wheat(3, 30, 0.5), ax=ax)
    assert list(ax.lines[0].get_ydata()) == [15, 240, 3615]


def test_kotler_accepts_the_chinese_options():
    assert f.relationship_level("少", "高").level == "partnership"
    assert f.relationship_level("多", "低").alternative == "reactive"
    with pytest.raises(ParameterError):
        f.relationship_level(3, "高")


def test_qualify_prospects_reads_the_man_rule():
    p = pd.DataFrame({"need": [True, True, "否", 0, 1], "money": [1, 0, "yes", 0, 1],
                      "authority": ["是", "yes", False, 0, 0]}, index=list("abcde"))
    out = f.qualify_prospects(p)
    assert out["code"].tolist() == ["MAN", "mAN", "Man", "man", "MaN"]
    assert out["qualified"].tolist() == [True, False, False, False, False]
    assert out.loc["e", "verdict"] == "find the decider" and out.loc["d", "verdict"] == "not a prospect"
    # the rule covers each of the eight combinations once
    assert sorted(f.MAN_RULE["code"]) == sorted({m + a + n for m in "Mm" for a in "Aa" for n in "Nn"})
    with pytest.raises(DataError, match="yes/no"):
        f.qualify_prospects(p.assign(need=[1, 2, 0, 0, 1]))


def test_prospecting_methods_and_customer_information_follow_the_seeds():
    m = f.PROSPECTING_METHODS
    assert (m["source"] == "[003]").sum() == 10  # the textbook's ten methods
    assert {"收养孤儿法", "中心开花法"} <= set(m["method_zh"])
    info = f.CUSTOMER_INFORMATION.groupby("customer").size()
    assert info.to_dict() == {"business": 5, "individual": 8}
