"""Credit policy (信用政策): cash discount, credit standard and collection effort as incremental profit.

Every figure below is worked by hand from the textbook's formulas (荆新等《财务管理学》; the CPA textbook
《财务成本管理》): carrying cost = sales / 360 x collection days x variable-cost ratio x cost of capital.
"""

from __future__ import annotations

import pandas as pd
import pytest

from crmkit import credit
from crmkit.errors import DataError, ParameterError

COSTS = {"variable_cost_ratio": 0.6, "cost_of_capital": 0.1}


@pytest.fixture
def now():
    return credit.credit_policy(7_200_000, 60, bad_debt_rate=0.03, collection_cost=50_000)


def test_the_lines_of_one_policy(now):
    s = credit.policy_lines(now, **COSTS)
    assert list(s.index) == list(credit.POLICY_LINES)
    assert s["margin"] == pytest.approx(2_880_000)  # 7.2 m x 0.4
    assert s["receivables"] == pytest.approx(1_200_000)  # 20,000 a day x 60 days
    assert s["capital_tied_up"] == pytest.approx(720_000)
    assert s["carrying_cost"] == pytest.approx(72_000)
    assert s["bad_debt"] == pytest.approx(216_000)
    assert s["net_profit"] == pytest.approx(2_880_000 - 72_000 - 216_000 - 50_000)
    # a 365-day year: fewer receivables for the same collection days
    assert credit.policy_lines(now, **COSTS, days=365)["receivables"] == pytest.approx(7_200_000 / 365 * 60)


def test_a_cash_discount_2_10_net_60(now):
    t = credit.cash_discount(now, discount_rate=0.02, discount_days=10, discount_share=0.5, sales_growth=0.1,
                             bad_debt_rate=0.025, **COSTS)
    sales = 7_920_000
    days = 0.5 * 10 + 0.5 * 60  # 35
    carrying = sales / 360 * days * 0.6 * 0.1  # 46,200
    expected = (sales - 7_200_000) * 0.4 - (carrying - 72_000) - (sales * 0.025 - 216_000) - sales * 0.5 * 0.02
    assert t.loc["collection_cost", "change"] == 0  # unchanged when not given
    assert t.loc["discount_cost", "proposed"] == pytest.approx(79_200)
    assert t.loc["net_profit", "change"] == pytest.approx(expected)
    assert list(t.columns) == ["current", "proposed", "change"]
    assert (t["change"] == t["proposed"] - t["current"]).all()


def test_relaxing_the_standard_is_the_textbook_formula(now):
    t = credit.credit_standard(now, added_sales=1_800_000, added_collection_days=90, added_bad_debt_rate=0.08,
                               added_collection_cost=15_000, **COSTS)
    expected = 1_800_000 * 0.4 - 1_800_000 / 360 * 90 * 0.6 * 0.1 - 1_800_000 * 0.08 - 15_000
    assert t.loc["net_profit", "change"] == pytest.approx(expected)  # 720,000 - 27,000 - 144,000 - 15,000
    assert t.loc["carrying_cost", "change"] == pytest.approx(27_000)


def test_tightening_undoes_relaxing(now):
    relaxed = credit.credit_standard(now, added_sales=1_800_000, added_collection_days=90, added_bad_debt_rate=0.08,
                                     **COSTS)
    wider = credit.credit_policy(9_000_000, (7_200_000 * 60 + 1_800_000 * 90) / 9_000_000,
                                 bad_debt_rate=(216_000 + 144_000) / 9_000_000, collection_cost=50_000)
    back = credit.credit_standard(wider, added_sales=-1_800_000, added_collection_days=90, added_bad_debt_rate=0.08,
                                  **COSTS)
    assert back.loc["net_profit", "change"] == pytest.approx(-relaxed.loc["net_profit", "change"])
    assert back.loc["bad_debt", "proposed"] == pytest.approx(216_000)


def test_a_tighter_standard_cannot_lose_more_than_there_is(now):
    with pytest.raises(ParameterError, match="lose more than the current sales"):
        credit.credit_standard(now, added_sales=-8_000_000, added_collection_days=60, added_bad_debt_rate=0.03,
                               **COSTS)
    with pytest.raises(ParameterError, match="more receivables"):  # the lost customers owe more than everyone
        credit.credit_standard(now, added_sales=-7_000_000, added_collection_days=400, added_bad_debt_rate=0.0,
                               **COSTS)


def test_collection_effort(now):
    t = credit.collection_effort(now, collection_cost=110_000, collection_days=45, bad_debt_rate=0.02, **COSTS)
    # carrying 72,000 -> 54,000; bad debt 216,000 -> 144,000; collection 50,000 -> 110,000
    assert t.loc["net_profit", "change"] == pytest.approx(18_000 + 72_000 - 60_000)
    assert t.loc["sales", "change"] == 0 and t.loc["margin", "change"] == 0


def test_standard_policy_of_a_table():
    apps = pd.DataFrame({"customer_id": ["a", "b", "c"], "character": [80, 60, 30], "capacity": [80, 60, 30],
                         "capital": [80, 60, 30], "collateral": [80, 60, 30], "conditions": [80, 60, 30],
                         "annual_credit_sales": [3_600_000.0, 1_800_000.0, 720_000.0],
                         "receivables": [300_000.0, 250_000.0, 200_000.0],
                         "defaulted_next_year": [False, True, True]})
    p = credit.standard_policy(apps, 50, cost_per_customer=1_000)  # a and b (scores 80, 60) get credit
    assert p.sales == pytest.approx(5_400_000)
    assert p.collection_days == pytest.approx(550_000 / 5_400_000 * 360)
    assert p.bad_debt_rate == pytest.approx(250_000 / 5_400_000)  # b defaulted: what he owed is lost
    assert p.collection_cost == 2_000
    # relaxing the cut-off to 25 adds c: the same as credit_standard with c's figures
    t = credit.compare_policies(p, credit.standard_policy(apps, 25, cost_per_customer=1_000), **COSTS)
    by_formula = credit.credit_standard(p, added_sales=720_000, added_collection_days=200_000 / 720_000 * 360,
                                        added_bad_debt_rate=200_000 / 720_000, added_collection_cost=1_000, **COSTS)
    assert t.loc["net_profit", "change"] == pytest.approx(by_formula.loc["net_profit", "change"])
    assert credit.standard_policy(apps, 95).sales == 0  # nobody that good
    with pytest.raises(DataError, match="defaulted_next_year"):
        credit.standard_policy(apps.assign(defaulted_next_year="maybe"), 50)


def test_a_policy_must_be_a_credit_policy(now):
    with pytest.raises(ParameterError, match="CreditPolicy"):
        credit.compare_policies({"sales": 1}, now, **COSTS)
    with pytest.raises(ParameterError, match="bad_debt_rate"):
        credit.compare_policies(credit.CreditPolicy(1e6, 30, bad_debt_rate=3), now, **COSTS)  # 3, not 0.03
