"""The credit-limit and receivables explorer, driven through its controls."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmkit import credit, data, i18n
from crmkit.widgets.credit import MONTH_ENDS, CreditExplorer


@pytest.fixture(scope="module")
def invoices():
    return data.load("invoices")


@pytest.fixture
def w():
    return CreditExplorer()


def test_opens_on_d155_with_the_course_weights(w):
    r = w.result
    # D155 scores 60, 69, 57, 75, 56: 18 + 17.25 + 11.4 + 11.25 + 5.6 = 63.5 -> B (>= 50, < 65)
    assert (r.customer, r.score, r.rating) == ("D155", pytest.approx(63.5), "B")
    assert r.credit_limit == pytest.approx(0.15 * 2_078_000)  # 311,700
    assert r.warning.receivables == pytest.approx(744_684)  # the dataset's receivables at 2024-12-31
    assert r.warning.warning and r.warning.excess == pytest.approx(744_684 - 311_700)
    assert (r.segment, r.cell) == ("low credit, low loyalty", 2)
    for text in ("63.5", "<b>B</b>", "¥311,700", "¥744,684", "WARNING", "¥432,984", "②"):
        assert text in w.summary.value, text
    assert w.table.value.count("<tr>") == 7  # header, five criteria, total


def test_more_weight_on_collateral_makes_d155_an_a(w):
    w.controls["collateral"].value = 0.5
    r = w.result
    # weights 0.30, 0.25, 0.20, 0.50, 0.10 sum to 1.35: (18 + 17.25 + 11.4 + 37.5 + 5.6) / 1.35 = 66.48 -> A
    assert r.weights_total == pytest.approx(1.35)
    assert r.weights.sum() == pytest.approx(1.0)
    assert r.score == pytest.approx(89.75 / 1.35) and r.rating == "A"
    assert r.credit_limit == pytest.approx(0.20 * 2_078_000)
    assert (r.segment, r.cell) == ("high credit, low loyalty", 4)
    assert "1.35" in w.summary.value and "④" in w.summary.value
    heights = [b.get_height() for b in w.fig.axes[1].containers[0]]
    assert heights == pytest.approx([744_684, 415_600])


def test_all_weights_zero_means_equal_weights(w):
    for c in credit.CRITERIA:
        w.controls[c].value = 0.0
    assert w.result.score == pytest.approx((60 + 69 + 57 + 75 + 56) / 5)
    assert "equal weights" in w.summary.value


def test_the_policy_scales_the_limit(w):
    w.controls["limit_scale"].value = 2.0
    r = w.result
    assert r.credit_limit == pytest.approx(2 * 311_700)
    assert r.warning.excess == pytest.approx(744_684 - 623_400)
    w.controls["customer"].value = "D034"  # A, receivables 550,023 against 2 x 0.20 x 1,516,000 = 606,400
    r = w.result
    assert r.rating == "A" and not r.warning.warning
    assert r.warning.headroom == pytest.approx(606_400 - 550_023)
    assert "¥56,377" in w.summary.value


def test_the_ageing_bars_follow_the_date(w, invoices):
    for asof in ("2024-06-30", "2023-03-31", "2024-12-31"):
        w.controls["asof"].value = asof
        mine = invoices[invoices["customer_id"] == "D155"]
        age = credit.ageing(mine, asof)
        heights = [b.get_height() for b in w.fig.axes[0].containers[0]]
        assert heights == pytest.approx(age["amount"].tolist())
        losses = [b.get_height() for b in w.fig.axes[0].containers[1]]
        assert losses == pytest.approx(credit.expected_bad_debt(age)["expected_bad_debt"].tolist())
        recent = mine[(mine["issue_date"] > pd.Timestamp(asof) - pd.Timedelta(days=365))
                      & (mine["issue_date"] <= pd.Timestamp(asof))]
        assert w.result.dso == pytest.approx(age["amount"].sum() / recent["amount"].sum() * 365)
        assert w.fig.axes[0].get_ylim()[1] >= age["amount"].max()
    assert w.image.value[:4] == b"\x89PNG"


def test_the_syllabus_ledger_in_the_explorer():
    """One customer holding the four C.11 invoices: ageing 50k / 30k / 100k / 0 / 80k, bad debt 51,400."""
    due = pd.to_datetime(["2024-11-20", "2025-01-15", "2024-09-15", "2024-12-10"])
    inv = pd.DataFrame({"customer_id": "K", "issue_date": due - pd.Timedelta(days=30), "due_date": due,
                        "paid_date": pd.NaT, "amount": [100_000.0, 50_000.0, 80_000.0, 30_000.0]})
    apps = pd.DataFrame({"customer_id": ["K"], "character": [80], "capacity": [70], "capital": [60],
                         "collateral": [90], "conditions": [50], "annual_credit_sales": [1_200_000.0],
                         "loyalty_score": [8]})
    k = CreditExplorer(apps, inv)
    assert k.result.score == 72.0 and k.result.rating == "A"
    assert k.result.credit_limit == pytest.approx(240_000)
    assert [b.get_height() for b in k.fig.axes[0].containers[0]] == [50_000, 30_000, 100_000, 0, 80_000]
    assert "¥51,400" in k.summary.value and "¥260,000" in k.summary.value and "③" in k.summary.value
    assert k.result.dso == pytest.approx(365.0)  # everything sold in the year is still owed


def test_speaks_chinese():
    try:
        i18n.set_language("zh")
        z = CreditExplorer()
        assert "授信额度" in z.title.value and "信用等级" in z.summary.value
        assert z.controls["collateral"].description == "权重：抵押/担保"
    finally:
        i18n.set_language("en")


def test_month_ends_cover_the_data():
    assert MONTH_ENDS[0] == "2023-01-31" and MONTH_ENDS[-1] == "2024-12-31" and len(MONTH_ENDS) == 24
    assert np.all(pd.to_datetime(MONTH_ENDS).is_month_end)


def test_own_tables_are_checked():
    from crmkit.errors import DataError

    with pytest.raises(DataError, match="loyalty_score"):
        CreditExplorer(data.load("credit_applicants").drop(columns="loyalty_score"))
    with pytest.raises(DataError, match="customer_id"):
        CreditExplorer(invoices=data.load("invoices").rename(columns={"customer_id": "client"}))


def test_a_month_before_the_customers_first_invoice_shows_nothing_owed():
    from crmkit import data
    from crmkit.widgets.credit import CreditExplorer

    inv = data.load("invoices")
    late = inv.groupby("customer_id")["issue_date"].min().idxmax()  # the customer who started last
    w = CreditExplorer()
    w.controls["customer"].value = late
    w.controls["asof"].value = MONTH_ENDS[0]
    assert w.result.ageing["amount"].sum() == 0 and w.result.dso is None
