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
    # D155 scores 69, 56, 61, 77, 60: 20.7 + 14 + 12.2 + 11.55 + 6 = 64.45 -> B (>= 50, < 65)
    assert (r.customer, r.score, r.rating) == ("D155", pytest.approx(64.45), "B")
    assert r.credit_limit == pytest.approx(0.15 * 1_634_000)  # 245,100
    assert r.warning.receivables == pytest.approx(338_262)  # the dataset's receivables at 2024-12-31
    assert r.warning.warning and r.warning.excess == pytest.approx(338_262 - 245_100)
    assert (r.segment, r.cell) == ("low credit, high loyalty", 1)
    for text in ("64.5", "<b>B</b>", "¥245,100", "¥338,262", "WARNING", "¥93,162", "①"):
        assert text in w.summary.value, text
    assert w.table.value.count("<tr>") == 7  # header, five criteria, total


def test_more_weight_on_collateral_makes_d155_an_a(w):
    w.controls["collateral"].value = 0.5
    r = w.result
    # weights 0.30, 0.25, 0.20, 0.50, 0.10 sum to 1.35: (20.7 + 14 + 12.2 + 38.5 + 6) / 1.35 = 67.70 -> A
    assert r.weights_total == pytest.approx(1.35)
    assert r.weights.sum() == pytest.approx(1.0)
    assert r.score == pytest.approx(91.4 / 1.35) and r.rating == "A"
    assert r.credit_limit == pytest.approx(0.20 * 1_634_000)
    assert (r.segment, r.cell) == ("high credit, high loyalty", 3)
    assert "1.35" in w.summary.value and "③" in w.summary.value
    heights = [b.get_height() for b in w.fig.axes[1].containers[0]]
    assert heights == pytest.approx([338_262, 326_800])


def test_all_weights_zero_means_equal_weights(w):
    for c in credit.CRITERIA:
        w.controls[c].value = 0.0
    assert w.result.score == pytest.approx((69 + 56 + 61 + 77 + 60) / 5)
    assert "equal weights" in w.summary.value


def test_the_policy_scales_the_limit(w):
    w.controls["limit_scale"].value = 2.0
    r = w.result
    assert r.credit_limit == pytest.approx(2 * 245_100)
    assert not r.warning.warning and r.warning.headroom == pytest.approx(490_200 - 338_262)
    w.controls["customer"].value = "D457"  # B, receivables 2,148,619 against 2 x 0.15 x 4,939,000 = 1,481,700
    r = w.result
    assert r.rating == "B" and r.warning.warning
    assert r.warning.excess == pytest.approx(2_148_619 - 1_481_700)
    assert "¥666,919" in w.summary.value


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


# -- the credit-policy calculator (信用政策决策) ------------------------------------------------------

@pytest.fixture(scope="module")
def policy():
    from crmkit.widgets.credit import CreditPolicyExplorer

    return CreditPolicyExplorer()


def _shown_change(w, line):
    """The change of a line as the widget's table shows it (¥, with sign) -> a float."""
    import re

    label = i18n.t(f"credit.line.{line}")
    row = re.search(rf"<th>{re.escape(label)}</th>\s*<td>[^<]*</td>\s*<td>[^<]*</td>\s*<td>([^<]*)</td>", w.table.value)
    return float(row.group(1).replace("¥", "").replace(",", "").replace("\u2212", "-").replace("+", ""))


def test_the_cash_discount_moves_the_table_and_the_bars(policy):
    from crmkit.widgets import credit as wc

    w = policy
    w.controls["decision"].value = "discount"
    base = credit.standard_policy(data.load("credit_applicants"), wc.CURRENT_CUTOFF,
                                  cost_per_customer=wc.COST_PER_CUSTOMER)
    for rate, share in ((0.02, 0.5), (0.01, 0.8)):
        w.controls["discount_rate"].value, w.controls["discount_share"].value = rate, share
        costs = dict(variable_cost_ratio=w.controls["variable_cost_ratio"].value,
                     cost_of_capital=w.controls["cost_of_capital"].value)
        want = credit.cash_discount(base, discount_rate=rate, discount_days=w.controls["discount_days"].value,
                                    discount_share=share, **costs)
        gain = want.loc["net_profit", "change"]
        assert w.result.incremental_profit == pytest.approx(gain)
        assert _shown_change(w, "net_profit") == pytest.approx(gain, abs=1)
        assert _shown_change(w, "discount_cost") == pytest.approx(base.sales * share * rate, abs=1)
        widths = [b.get_width() for b in w.fig.axes[0].patches]
        assert widths[-1] == pytest.approx(gain / 1e6) and widths[-2] == pytest.approx(-base.sales * share * rate / 1e6)
        verdict = i18n.t("credit.adopt") if gain > 0 else i18n.t("credit.keep")
        assert verdict in w.summary.value
    # only the discount's sliders are shown
    assert w.controls["discount_rate"].layout.display is None and w.controls["cutoff"].layout.display == "none"


def test_relaxing_and_tightening_the_standard(policy):
    w = policy
    w.controls["decision"].value = "standard"
    assert w.controls["cutoff"].layout.display is None and w.controls["discount_rate"].layout.display == "none"
    w.controls["cutoff"].value = 50  # the current standard: no change
    assert w.result.incremental_profit == pytest.approx(0)
    gains = {}
    for vcr in (0.8, 0.95):
        w.controls["variable_cost_ratio"].value = vcr
        for cut in (40, 60):
            w.controls["cutoff"].value = cut
            gains[vcr, cut] = w.result.incremental_profit
            assert _shown_change(w, "net_profit") == pytest.approx(gains[vcr, cut], abs=1)
    # with a 20 % margin, lending to the customers between 40 and 50 pays, refusing those between 50 and 60 does not;
    # with a 5 % margin the margin they bring no longer covers their bad debts and carrying cost
    assert gains[0.8, 40] > 0 > gains[0.8, 60]
    assert gains[0.95, 40] < 0 < gains[0.95, 60]
    scores = credit.credit_score(data.load("credit_applicants"))["score"]
    assert f"{int((scores >= 60).sum())} then" in w.summary.value


def test_more_collection_effort(policy):
    w = policy
    w.controls["decision"].value = "collection"
    w.controls["variable_cost_ratio"].value, w.controls["cost_of_capital"].value = 0.8, 0.1
    base = w.result.table["current"]
    w.controls["collection_cost"].value = 1.5
    w.controls["collection_days"].value = 40
    w.controls["bad_debt_rate"].value = 0.005
    t = w.result.table
    assert t.loc["collection_cost", "proposed"] == pytest.approx(1_500_000)
    assert t.loc["carrying_cost", "proposed"] == pytest.approx(base["sales"] / 360 * 40 * 0.8 * 0.1)
    want = ((base["carrying_cost"] - t.loc["carrying_cost", "proposed"]) + (base["bad_debt"] - base["sales"] * 0.005)
            - (1_500_000 - base["collection_cost"]))
    assert w.result.incremental_profit == pytest.approx(want)


def test_the_policy_calculator_speaks_chinese():
    from crmkit.widgets.credit import CreditPolicyExplorer

    try:
        i18n.set_language("zh")
        z = CreditPolicyExplorer()
        assert "信用政策" in z.title.value and "增量收益" in z.summary.value
        assert "应收账款机会成本" in z.table.value and "现金折扣成本" in z.table.value
        assert z.controls["cutoff"].description == "赊销的最低5C评分"
    finally:
        i18n.set_language("en")
