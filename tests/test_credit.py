"""crmkit.credit: every calculation against numbers worked by hand (SYLLABUS C.11 and the course's own)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmkit import credit
from crmkit.errors import DataError, ParameterError

ASOF = "2024-12-31"


def c11_invoices() -> pd.DataFrame:
    """The C.11 example: four unpaid invoices (amount, due date); issued 30 days before they fall due."""
    inv = pd.DataFrame({
        "invoice_id": ["I1", "I2", "I3", "I4"],
        "customer_id": ["K1", "K1", "K2", "K2"],
        "due_date": pd.to_datetime(["2024-11-20", "2025-01-15", "2024-09-15", "2024-12-10"]),
        "amount": [100_000.0, 50_000.0, 80_000.0, 30_000.0],
    })
    inv["issue_date"] = inv["due_date"] - pd.Timedelta(days=30)
    inv["paid_date"] = pd.NaT
    return inv


def with_history() -> pd.DataFrame:
    """C.11's invoices plus three more: paid after the as-of date, paid on it, and issued after it."""
    extra = pd.DataFrame({
        "invoice_id": ["I5", "I6", "I7", "I8"],
        "customer_id": ["K3", "K3", "K1", "K2"],
        "issue_date": pd.to_datetime(["2024-03-01", "2024-11-20", "2024-12-01", "2025-01-05"]),
        "due_date": pd.to_datetime(["2024-03-31", "2024-12-20", "2024-12-31", "2025-02-04"]),
        "paid_date": pd.to_datetime(["2024-04-01", "2025-01-10", "2024-12-31", pd.NaT]),
        "amount": [140_000.0, 20_000.0, 10_000.0, 99_000.0],
    })
    return pd.concat([c11_invoices(), extra], ignore_index=True)


# --------------------------------------------------------------------------------------------
# 5C, ratings, limits
# --------------------------------------------------------------------------------------------


def test_five_c_score_of_the_syllabus():
    # 0.30*80 + 0.25*70 + 0.20*60 + 0.15*90 + 0.10*50 = 24 + 17.5 + 12 + 13.5 + 5 = 72.0
    assert credit.five_c_score([80, 70, 60, 90, 50]) == 72.0
    scores = dict(zip(credit.CRITERIA, [80, 70, 60, 90, 50]))
    assert credit.five_c_score(scores, credit.DEFAULT_WEIGHTS) == 72.0
    assert credit.rating(72.0) == "A"
    # equal weights: (80 + 70 + 60 + 90 + 50) / 5 = 70.0
    assert credit.five_c_score(scores, [0.2] * 5) == pytest.approx(70.0)
    # all weight on collateral: 90
    assert credit.five_c_score(scores, {"character": 0, "capacity": 0, "capital": 0, "collateral": 1,
                                        "conditions": 0}) == 90.0


@pytest.mark.parametrize("weights", [[0.3, 0.3, 0.2, 0.15, 0.1], [0.3, 0.25, 0.2, 0.15], [0.5, 0.5, 0.2, 0.1, -0.3],
                                     {"character": 1.0}, [30, 25, 20, 15, 10]])
def test_weights_must_be_five_nonnegative_and_sum_to_1(weights):
    with pytest.raises(ParameterError):
        credit.five_c_score([80, 70, 60, 90, 50], weights)


def test_weights_not_summing_to_1_say_how_to_fix():
    with pytest.raises(ParameterError, match=r"sum to 1; they sum to 1\.05.*Divide"):
        credit.five_c_score([80, 70, 60, 90, 50], [0.3, 0.3, 0.2, 0.15, 0.1])


def test_scores_are_0_to_100_and_complete():
    with pytest.raises(ParameterError, match="at most 100"):
        credit.five_c_score([80, 70, 60, 190, 50])
    with pytest.raises(ParameterError, match="missing \\['conditions'\\]"):
        credit.five_c_score({"character": 80, "capacity": 70, "capital": 60, "collateral": 90})
    with pytest.raises(ParameterError):
        credit.five_c_score([80, 70, float("nan"), 90, 50])


@pytest.mark.parametrize("score, grade", [(100, "AAA"), (85, "AAA"), (84.99, "AA"), (75, "AA"), (74.9, "A"),
                                          (65, "A"), (64.9, "B"), (50, "B"), (49.9, "C"), (0, "C")])
def test_rating_bands_of_the_syllabus(score, grade):
    assert credit.rating(score) == grade


def test_own_bands_are_checked():
    assert credit.rating(72, {"good": 70, "bad": 0}) == "good"
    assert credit.rating(69.9, {"good": 70, "bad": 0}) == "bad"
    with pytest.raises(ParameterError, match="start at 0"):
        credit.rating(72, {"good": 70, "bad": 10})
    with pytest.raises(ParameterError, match="best first"):
        credit.rating(72, {"bad": 0, "good": 70})
    with pytest.raises(ParameterError, match="at most 100"):
        credit.rating(120)


def test_credit_score_of_a_table():
    apps = pd.DataFrame({"customer_id": ["K1", "K2"], "character": [80, 90], "capacity": [70, 90],
                         "capital": [60, 80], "collateral": [90, 80], "conditions": [50, 70]})
    out = credit.credit_score(apps)
    # K2: 27 + 22.5 + 16 + 12 + 7 = 84.5 -> AA
    assert out["score"].tolist() == [72.0, 84.5]
    assert out["rating"].tolist() == ["A", "AA"]
    assert out["rating"].cat.ordered and out["rating"].iloc[1] > out["rating"].iloc[0]
    renamed = apps.rename(columns={"character": "品质"})
    crit = ("品质",) + credit.CRITERIA[1:]
    assert credit.credit_score(renamed, criteria=crit)["score"].tolist() == [72.0, 84.5]


def test_credit_score_refuses_bad_tables():
    apps = pd.DataFrame({"customer_id": ["K1", "K1"], "character": [80, 90], "capacity": [70, 90],
                         "capital": [60, 80], "collateral": [90, 80], "conditions": [50, 70]})
    with pytest.raises(DataError, match="more than once"):
        credit.credit_score(apps)
    apps["customer_id"] = ["K1", "K2"]
    apps.loc[1, "capital"] = 180
    with pytest.raises(DataError, match="above 100 in row 1"):
        credit.credit_score(apps)
    with pytest.raises(DataError, match="no column 'conditions'"):
        credit.credit_score(apps.drop(columns="conditions"))
    apps.loc[1, "capital"] = np.nan
    with pytest.raises(DataError, match="missing \\(NaN\\)"):
        credit.credit_score(apps)


def test_credit_limit_rule():
    assert credit.credit_limit("A", 1_200_000) == pytest.approx(240_000)  # 0.20 x 1.2 m
    assert credit.credit_limit("AAA", 2_000_000) == pytest.approx(600_000)  # 0.30 x 2.0 m
    assert credit.credit_limit("B", 800_000) == pytest.approx(120_000)  # 0.15 x 0.8 m
    assert credit.credit_limit("C", 5_000_000) == 0.0  # cash only
    assert credit.credit_limit("gold", 100, shares={"gold": 0.5}) == 50.0
    with pytest.raises(ParameterError, match="one of"):
        credit.credit_limit("AAAA", 1_000)
    with pytest.raises(ParameterError, match="at least 0"):
        credit.credit_limit("A", -1)


def test_receivables_warning_of_the_syllabus():
    w = credit.limit_warning(1_350_000, 1_200_000)
    assert (w.warning, w.excess, w.headroom) == (True, pytest.approx(150_000), 0.0)
    ok = credit.limit_warning(900_000, 1_200_000)
    assert (ok.warning, ok.excess, ok.headroom) == (False, 0.0, pytest.approx(300_000))
    assert credit.limit_warning(1_200_000, 1_200_000).warning is False  # at the limit, not over it


def test_limit_warnings_of_a_table_worst_first():
    t = pd.DataFrame({"customer_id": ["a", "b", "c"], "receivables": [100.0, 500.0, 300.0],
                      "credit_limit": [200.0, 350.0, 250.0]})
    out = credit.limit_warnings(t)
    assert out.index.tolist() == ["b", "c", "a"]
    assert out["excess"].tolist() == [150.0, 50.0, 0.0]
    assert out["headroom"].tolist() == [0.0, 0.0, 100.0]
    assert out["warning"].tolist() == [True, True, False]
    t.loc[0, "receivables"] = -5
    with pytest.raises(DataError, match="negative"):
        credit.limit_warnings(t)


# --------------------------------------------------------------------------------------------
# Ageing, DSO, bad debt
# --------------------------------------------------------------------------------------------


def test_ageing_of_the_syllabus():
    out = credit.ageing(c11_invoices(), ASOF)
    assert out.index.tolist() == ["current", "1-30", "31-60", "61-90", ">90"]
    # I2 due 2025-01-15 not yet due; I4 21 days; I1 41 days; I3 107 days past due
    assert out["amount"].tolist() == [50_000, 30_000, 100_000, 0, 80_000]
    assert out["invoices"].tolist() == [1, 1, 1, 0, 1]
    assert out["share"].tolist() == pytest.approx([50 / 260, 30 / 260, 100 / 260, 0, 80 / 260])


def test_open_items_days_past_due():
    items = credit.open_items(c11_invoices(), ASOF).set_index("invoice_id")
    assert items["days_past_due"].to_dict() == {"I1": 41, "I2": -15, "I3": 107, "I4": 21}
    assert items["bucket"].astype(str).to_dict() == {"I1": "31-60", "I2": "current", "I3": ">90", "I4": "1-30"}


def test_bucket_edges_are_inclusive_at_the_top():
    inv = c11_invoices().iloc[:1].copy()
    for due, bucket in [("2024-12-31", "current"), ("2024-12-30", "1-30"), ("2024-12-01", "1-30"),
                        ("2024-11-30", "31-60"), ("2024-10-02", "61-90"), ("2024-10-01", ">90")]:
        inv["due_date"] = pd.Timestamp(due)
        inv["issue_date"] = pd.Timestamp("2024-09-01")
        got = credit.ageing(inv, ASOF)
        assert got.loc[bucket, "amount"] == 100_000, (due, bucket)


def test_paid_later_counts_paid_on_the_day_does_not_issued_later_is_left_out():
    out = credit.ageing(with_history(), ASOF)
    # I6 (¥20k, due 2024-12-20, paid 2025-01-10) is 11 days past due at 2024-12-31; I5 and I7 are paid;
    # I8 is issued in 2025
    assert out["amount"].tolist() == [50_000, 50_000, 100_000, 0, 80_000]
    later = credit.ageing(with_history(), "2025-01-06")  # I8 now exists, I2 still not due
    assert later.loc["current", "amount"] == 50_000 + 99_000


def test_ageing_by_customer():
    out = credit.ageing(with_history(), ASOF, by_customer=True)
    assert out.index.tolist() == ["K1", "K2", "K3"]
    assert out.loc["K1"].tolist() == [50_000, 0, 100_000, 0, 0, 150_000]
    assert out.loc["K2"].tolist() == [0, 30_000, 0, 0, 80_000, 110_000]
    assert out.loc["K3"].tolist() == [0, 20_000, 0, 0, 0, 20_000]
    assert out["total"].sum() == credit.ageing(with_history(), ASOF)["amount"].sum()


def test_own_buckets():
    assert credit.bucket_labels((0, 45)) == ["current", "1-45", ">45"]
    out = credit.ageing(c11_invoices(), ASOF, buckets=(0, 45))
    assert out["amount"].tolist() == [50_000, 130_000, 80_000]
    for bad in [(30, 60), (0, 60, 30), (0, 30.5), (0, -1), "0,30"]:
        with pytest.raises(ParameterError):
            credit.ageing(c11_invoices(), ASOF, buckets=bad)


def test_nothing_outstanding_gives_zero_shares():
    inv = c11_invoices()
    inv["paid_date"] = inv["due_date"]
    out = credit.ageing(inv, "2025-06-30")
    assert out["amount"].sum() == 0 and out["share"].tolist() == [0.0] * 5


def test_dso_of_the_syllabus():
    assert credit.dso(1_350_000, 9_000_000, days=365) == 54.75
    assert credit.dso(1_350_000, 9_000_000) == 54.75
    assert credit.dso(300, 900, days=90) == pytest.approx(30.0)
    with pytest.raises(ParameterError, match="more than 0"):
        credit.dso(1_000, 0)
    with pytest.raises(ParameterError, match="at least 0"):
        credit.dso(-1_000, 9_000)


def test_dso_of_a_ledger():
    # 365 days to 2024-12-31: every invoice issued in 2024 = 260k + 140k + 20k + 10k = 430k sold;
    # outstanding 260k (C.11) + 20k (I6, paid in 2025) = 280k -> 280 / 430 x 365
    r = credit.ledger_dso(with_history(), ASOF)
    assert (r.receivables, r.credit_sales, r.days) == (280_000, 430_000, 365)
    assert r.dso == pytest.approx(280 / 430 * 365)
    # 90 days (2024-10-03 .. 2024-12-31): I1 (issued 10-21) 100k, I2 (12-16) 50k, I4 (11-10) 30k,
    # I6 (11-20) 20k, I7 (12-01) 10k = 210k -> 280 / 210 x 90 = 120
    assert credit.ledger_dso(with_history(), ASOF, days=90).dso == pytest.approx(120.0)
    with pytest.raises(DataError, match="no credit sales"):
        credit.ledger_dso(with_history().iloc[[4]], "2025-12-31")


def test_expected_bad_debt_by_bucket():
    out = credit.expected_bad_debt(credit.ageing(c11_invoices(), ASOF))
    # 50k x 1 % + 30k x 3 % + 100k x 10 % + 0 x 25 % + 80k x 50 % = 500 + 900 + 10,000 + 0 + 40,000
    assert out["expected_bad_debt"].tolist() == pytest.approx([500, 900, 10_000, 0, 40_000])
    assert out["expected_bad_debt"].sum() == pytest.approx(51_400)
    mine = {"current": 0.0, "1-30": 0.1, "31-60": 0.2, "61-90": 0.3, ">90": 1.0}
    assert credit.expected_bad_debt(credit.ageing(c11_invoices(), ASOF), mine)["expected_bad_debt"].sum() == \
        pytest.approx(3_000 + 20_000 + 80_000)
    with pytest.raises(ParameterError, match="between 0 and 1; got 50"):
        credit.expected_bad_debt(credit.ageing(c11_invoices(), ASOF), {**mine, ">90": 50})
    with pytest.raises(ParameterError, match="no rate for the bucket"):
        credit.expected_bad_debt(credit.ageing(c11_invoices(), ASOF, buckets=(0, 45)))


# --------------------------------------------------------------------------------------------
# Bad ledgers
# --------------------------------------------------------------------------------------------


def test_paid_before_issued_is_refused_with_the_row():
    inv = c11_invoices()
    inv.loc[2, "paid_date"] = pd.Timestamp("2024-01-01")
    with pytest.raises(DataError, match="paid dates before the issue date in row 2"):
        credit.ageing(inv, ASOF)


def test_due_before_issued_is_refused():
    inv = c11_invoices()
    inv.loc[1, "due_date"] = pd.Timestamp("2024-01-01")
    with pytest.raises(DataError, match="due dates before the issue date in row 1"):
        credit.open_items(inv, ASOF)


@pytest.mark.parametrize("value, message", [(-5.0, "negative"), (np.nan, "missing \\(NaN\\)"),
                                            (np.inf, "infinite"), ("abc", "must hold numbers")])
def test_bad_amounts_are_refused(value, message):
    inv = c11_invoices()
    inv["amount"] = inv["amount"].astype(object)
    inv.loc[0, "amount"] = value
    with pytest.raises(DataError, match=message):
        credit.ageing(inv, ASOF)


def test_missing_columns_and_dates():
    with pytest.raises(DataError, match="no column 'paid_date'"):
        credit.ageing(c11_invoices().drop(columns="paid_date"), ASOF)
    inv = c11_invoices()
    inv.loc[0, "due_date"] = pd.NaT
    with pytest.raises(DataError, match="missing dates in row 0"):
        credit.ageing(inv, ASOF)
    renamed = c11_invoices().rename(columns={"amount": "金额"})
    assert credit.ageing(renamed, ASOF, amount="金额")["amount"].sum() == 260_000


def test_asof_before_every_invoice_is_refused():
    with pytest.raises(ParameterError, match="before the first invoice"):
        credit.ageing(c11_invoices(), "2014-12-31")
    with pytest.raises(ParameterError, match="date"):
        credit.ageing(c11_invoices(), "31/31/2024")


# --------------------------------------------------------------------------------------------
# Credit grade x loyalty
# --------------------------------------------------------------------------------------------


def test_credit_loyalty_grid():
    t = pd.DataFrame({"customer_id": ["a", "b", "c", "d"], "rating": ["AAA", "A", "B", "C"],
                      "loyalty_score": [9, 3, 6, 2]})
    out = credit.credit_loyalty_grid(t)
    assert out["segment"].tolist() == ["high credit, high loyalty", "high credit, low loyalty",
                                       "low credit, high loyalty", "low credit, low loyalty"]
    assert out["cell"].tolist() == [3, 4, 1, 2]
    strict = credit.credit_loyalty_grid(t, high_grades=("AAA",), loyalty_cut=7)
    assert strict["segment"].tolist()[:3] == ["high credit, high loyalty", "low credit, low loyalty",
                                              "low credit, low loyalty"]
    t.loc[0, "rating"] = "A+"
    with pytest.raises(DataError, match="grades"):
        credit.credit_loyalty_grid(t)


def test_grid_segment_of_one_customer():
    assert credit.grid_segment("AA", 3) == "high credit, low loyalty"
    assert credit.grid_segment("A", 6) == "high credit, high loyalty"  # the cut is inclusive
    assert credit.grid_segment("B", 9) == "low credit, high loyalty"
    assert credit.GRID_CELLS[credit.grid_segment("C", 1)] == 2
    with pytest.raises(ParameterError):
        credit.grid_segment("AA", 11)
    with pytest.raises(ParameterError, match="one of"):
        credit.grid_segment("D", 5)


def test_every_public_function_is_in_the_bad_input_harness():
    import inspect

    from tests.bad_input import cases_credit

    names = {t.name for t in cases_credit.TARGETS}
    public = [n for n in credit.__all__ if inspect.isfunction(getattr(credit, n))]
    missing = [n for n in public if f"credit.{n}" not in names]
    assert not missing, f"add these to tests/bad_input/cases_credit.py: {missing}"
