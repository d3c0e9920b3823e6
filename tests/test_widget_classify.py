"""The classification explorer, driven through its controls."""

from __future__ import annotations

import pytest

from crmkit import segment
from crmkit.data import load
from crmkit.widgets.classify import ClassifyExplorer


@pytest.fixture(scope="module")
def rfm():
    return segment.rfm_table(load("retail_transactions"))


@pytest.fixture
def w():
    return ClassifyExplorer()


def test_opens_on_abc_by_value(w, rfm):
    counts = w.result.summary["customers"].to_dict()
    assert counts == segment.abc_classes(rfm["monetary"])["segment"].value_counts().to_dict()
    assert "The top 20% of customers bring" in w.summary.value
    assert w.image.value[:4] == b"\x89PNG"


def test_cut_offs_move_the_class_counts(w, rfm):
    w.controls["cut1"].value = 0.5
    expected = segment.abc_classes(rfm["monetary"], cutoffs=(0.5, 0.95))["segment"].value_counts()
    assert w.result.summary["customers"].to_dict() == expected.to_dict()
    assert f"{int(expected['A']):,} customers" in w.summary.value
    w.controls["cut2"].value = 0.4  # below cut1: cut1 follows so the cut-offs stay ordered
    assert w.controls["cut1"].value < 0.4


def test_count_method_uses_the_seed_shares(w, rfm):
    w.controls["method"].value = "abc_count"
    assert (w.controls["cut1"].value, w.controls["cut2"].value) == (0.15, 0.40)
    n = len(rfm)
    assert w.result.summary.loc["A", "customers"] == round(0.15 * n)
    assert w.result.summary.loc["B", "customers"] == round(0.40 * n) - round(0.15 * n)


def test_rfm_eight_classes_and_the_class_picker(w, rfm):
    w.controls["method"].value = "rfm_cn8"
    expected = segment.rfm_segments(rfm, scheme="cn8")["segment"].value_counts()
    assert w.result.summary["customers"].to_dict() == expected.to_dict()
    assert [value for _, value in w.controls["show"].options] == [v[0] for v in segment.CN8.values()]
    assert w.controls["cut1"].disabled
    w.controls["show"].value = "重要保持客户"
    assert f"<b>重要保持客户</b>: {int(expected['重要保持客户']):,}" in w.summary.value
    assert "contact them now" in w.summary.value
    # the heat map counts every customer
    texts = [int(t.get_text()) for t in w.fig.axes[0].texts]
    assert sum(texts) == len(rfm)


def test_pyramid_and_tiers(w, rfm):
    w.controls["method"].value = "pyramid"
    assert list(w.result.summary.index) == ["platinum", "gold", "iron", "lead"]
    w.controls["show"].value = "lead"
    assert "cost more than they bring" in w.summary.value
    assert not w.controls["cost"].disabled
    # the cost to serve makes the lead class real: profit = gross margin - cost x purchases
    tx = load("retail_transactions")
    margin = tx.groupby("customer_id")["gross_margin"].sum().reindex(rfm.index)
    for cost in (0.0, 30.0):
        w.controls["cost"].value = cost
        losing = int((margin - cost * rfm["frequency"] < 0).sum())
        assert f"<b>{losing:,}</b> customers lose money" in w.summary.value
        lead = w.result.classes.loc[w.result.classes["segment"] == "lead"].index
        assert set(margin.index[margin - cost * rfm["frequency"] < 0]) <= set(lead)
    assert losing > 1000 and w.result.summary.loc["lead", "customers"] >= losing
    w.controls["method"].value = "tiers"
    n = len(rfm)  # tiers of 1 %, 4 %, 15 % and the rest
    assert w.result.summary["customers"].tolist() == [round(0.01 * n), round(0.05 * n) - round(0.01 * n),
                                                      round(0.20 * n) - round(0.05 * n), n - round(0.20 * n)]


def test_as_of_date_and_dataset(w):
    w.controls["asof"].value = "2023-01-01"
    n_early = w.result.summary["customers"].sum()
    tx = load("retail_transactions")
    assert n_early == tx.loc[(tx["date"] < "2023-01-01") & ~tx["is_return"], "customer_id"].nunique()
    w.controls["source"].value = "cdnow"
    assert w.controls["asof"].value == "1998-07-01"  # the day after CDNOW's last purchase
    assert w.result.summary["customers"].sum() == 23570 - 68  # 68 customers whose only purchases are $0 have no purchase occasion


def test_datasets_and_rfm_tables_are_cached_with_a_bound(w):
    """The view's tables are kept per (dataset, as-of date) in a bounded cache: a control change
    reuses them, and the cache never holds more than its bound, however many dates are tried."""
    segment._view_base.cache_clear()
    w.controls["method"].value = "rfm_cn8"
    misses = segment._view_base.cache_info().misses
    w.controls["method"].value = "pyramid"
    w.controls["method"].value = "rfm_cn8"
    assert segment._view_base.cache_info().misses == misses  # no recomputation
    dates = segment.view_dates("retail")[-20:]
    for d in dates[:2]:  # the date control goes through the cache too ...
        w.controls["asof"].value = d
    assert segment._view_base.cache_info().misses == misses + 2
    for d in dates[2:]:  # ... and the view's cache stays bounded (through the view itself: no chart to draw)
        segment.classification_view(method="rfm_cn8", asof=d)
    info = segment._view_base.cache_info()
    assert info.currsize <= info.maxsize < 20 and info.misses == misses + 20


def test_the_pure_function_refuses_unknown_choices():
    from crmkit.errors import ParameterError

    with pytest.raises(ParameterError, match="method must be one of 'abc_value'"):
        segment.classification_view(method="kmeans")
    with pytest.raises(ParameterError, match="source must be one of 'retail', 'cdnow'"):
        segment.classification_view(source="taxi_trips")
    with pytest.raises(ParameterError, match="asof"):
        segment.classification_view(asof="garbage")
    with pytest.raises(ParameterError, match="cut1 must be below cut2"):
        segment.classification_view(cut1=0.9, cut2=0.5)
    v = segment.classification_view(method="tiers")
    assert v.summary["customers"].sum() == len(v.classes) and v.summary["value_share"].sum() == pytest.approx(1)


def test_picking_a_class_updates_the_text_and_table_without_redrawing(w):
    w.controls["method"].value = "rfm_cn8"
    drawn, png = w.draws, w.image.value
    w.controls["show"].value = "重要挽留客户"
    assert w.draws == drawn and w.image.value == png  # the charts do not depend on the class shown
    assert "<b>重要挽留客户</b>" in w.summary.value and "(重要挽留客户)" in w.table.value
    w.controls["cost"].value = 25.0  # the RFM charts ignore the cost to serve too
    assert w.draws == drawn
    w.controls["method"].value = "pyramid"
    assert w.draws == drawn + 1
    w.controls["cost"].value = 40.0  # ... the pyramid does not
    assert w.draws == drawn + 2


def test_recommended_actions_have_one_home():
    """The treatment of each class is written once, in the i18n labels (both languages); the analytics'
    ACTIONS are their English text. They had drifted: the "D" class taught two different things."""
    from crmkit import i18n

    assert set(segment.ACTIONS) == set(segment.ACTION_CLASSES)
    for c in segment.ACTION_CLASSES:
        assert segment.ACTIONS[c] == i18n.t(f"action.{c}", lang="en")
    en, zh = i18n.t("action.D", lang="en"), i18n.t("action.D", lang="zh")
    assert "not attended to for now" in en and "暂不关注" in en and "暂不关注" in zh


def test_the_explorer_shows_the_classes_action_in_the_current_language(w):
    from crmkit import i18n

    w.controls["method"].value = "tiers"
    w.controls["show"].value = "big"
    assert segment.ACTIONS["big"] in w.summary.value
    old = i18n.get_language()
    i18n.set_language("zh")
    try:
        w.update()
        assert i18n.t("action.big", lang="zh") in w.summary.value
    finally:
        i18n.set_language(old)
