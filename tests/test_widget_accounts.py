"""The key-account scorecard widget, driven through its controls."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmkit import accounts, data, i18n
from crmkit.widgets.accounts import TOP, KeyAccountScorecard


@pytest.fixture(scope="module")
def ka():
    return data.load("key_accounts")


@pytest.fixture
def w():
    yield KeyAccountScorecard()
    i18n.set_language("en")


def bar_widths(w):
    """The widths of the bars drawn for each criterion (rows), top account first (columns)."""
    verts = np.array([p.vertices[:4] for p in w._bars.get_paths()])
    return (verts[:, 1, 0] - verts[:, 0, 0]).reshape(len(accounts.DEFAULT_WEIGHTS), TOP)


def test_opens_on_the_course_weights_and_the_best_account_with_a_gap(w, ka):
    expected = accounts.scorecard(ka, accounts.DEFAULT_WEIGHTS)
    assert w.result.weights.to_dict() == pytest.approx(accounts.DEFAULT_WEIGHTS)
    pd.testing.assert_frame_equal(w.result.card, expected)
    # KA22 (1st) has no gap; KA04 (2nd) has no contact with its decider
    assert w.controls["account"].value == "KA04" == w.result.account == expected.index[1]
    assert "no contact (decider)" in w.summary.value
    assert f"<b>{expected.index[0]}</b> ({expected['score'].iloc[0]:.2f})" in w.summary.value
    assert w.table.value.count("<tr>") == 1 + len(ka)  # header + every account
    assert w.image.value[:4] == b"\x89PNG"


def test_moving_a_weight_reranks_and_redraws_the_bars(w, ka):
    w.controls["purchase_volume"].value = 0.0  # the others keep .25 .20 .15 .10 -> divided by .7
    norm = {k: (0.0 if k == "purchase_volume" else x / 0.7) for k, x in accounts.DEFAULT_WEIGHTS.items()}
    assert w.result.weights.to_dict() == pytest.approx(norm)
    expected = accounts.scorecard(ka, norm)
    pd.testing.assert_frame_equal(w.result.card, expected)
    top = expected.head(TOP)
    widths = bar_widths(w)
    for i, c in enumerate(accounts.DEFAULT_WEIGHTS):
        assert widths[i] == pytest.approx(top[f"{c}_points"].to_numpy())
    assert widths[0] == pytest.approx(0.0)  # no purchase-volume points any more
    assert [t.get_text() for t in w._labels] == [f"{r}. {a}" for r, a in zip(top["rank"], top.index)]
    before = accounts.scorecard(ka)
    assert list(expected.index[:TOP]) != list(before.index[:TOP])  # the ranking did change


def test_kinds_change_with_the_weights(w, ka):
    before = w.result.card["segment"].copy()
    w.controls["profit_contribution"].value = 0.0
    w.controls["purchase_volume"].value = 1.0  # current value = purchase volume alone
    after = w.result.card["segment"]
    assert (before.reindex(after.index) != after).any()
    cur = ka.set_index("account_id")["purchase_volume"].reindex(after.index)
    assert np.allclose(w.result.card["current_value"], cur)
    assert "core" in w.table.value or "growth" in w.table.value


def test_picking_an_account_shows_its_power_map_gaps_level_and_next_step(w, ka):
    w.controls["account"].value = "KA16"
    r = w.result
    ct = data.load("account_contacts")
    pm = accounts.power_map(ct[ct["account_id"] == "KA16"], title="title", hidden="hidden")
    nodes = w._ax_map.collections[0].get_offsets()
    assert np.allclose(nodes, pm[["x", "y"]].to_numpy())
    gaps = accounts.power_map_gaps(ct[ct["account_id"] == "KA16"])
    assert r.gaps["contact"].tolist() == gaps["contact"].tolist() and len(gaps) > 0
    for name in gaps["contact"]:
        assert name in w.summary.value
    row = ka.set_index("account_id").loc["KA16", list(accounts.SHEET_POINTS)]
    lv = accounts.relationship_level(row)
    assert r.level == lv
    assert f"({lv.score:g}/20)" in w.summary.value
    step = accounts.pdca_plan(lv.level, weakest=lv.weakest)
    assert r.step == step and i18n.describe(step)["plan"] in w.summary.value.replace("&#x27;", "'")
    texts = [t.get_text() for t in w._ax_map.texts]
    assert any(t.startswith(pm["name"].iloc[0]) for t in texts)


def test_all_weights_at_zero_is_a_message_not_a_crash(w):
    for k in accounts.DEFAULT_WEIGHTS:
        w.controls[k].value = 0.0
    assert w.result.card is None and "All weights are 0" in w.summary.value
    w.controls["strategic_fit"].value = 0.5  # one weight alone becomes 1
    assert w.result.weights["strategic_fit"] == 1.0


def test_the_widget_speaks_chinese():
    i18n.set_language("zh")
    try:
        w = KeyAccountScorecard()
        assert w.controls["purchase_volume"].description == "采购量"
        assert "大客户记分卡" in w.title.value and "关系层级" in w.summary.value
    finally:
        i18n.set_language("en")


def test_picking_an_account_shows_its_behaviour_calendar_and_broad_based_coverage(w, ka):
    w.controls["account"].value = "KA03"
    plan = accounts.annual_plan(ka)
    cov = accounts.broad_coverage(data.load("account_contacts"))
    assert w.result.behaviours == plan.loc["KA03", "behaviours"]
    assert (w.result.covered, w.result.contacts) == tuple(cov.loc["KA03", ["covered", "contacts"]])
    assert f"{w.result.behaviours} behaviours this year" in w.summary.value
    assert f"{w.result.covered} of {w.result.contacts} contacts" in w.summary.value
    w.controls["account"].value = "KA22"  # a partner account plans more behaviours than an initial one
    assert w.result.behaviours > plan.loc["KA03", "behaviours"]
    i18n.set_language("zh")
    w.controls["account"].value = "KA03"
    assert "关键业务行为日历" in w.summary.value and "普遍客户关系覆盖" in w.summary.value
