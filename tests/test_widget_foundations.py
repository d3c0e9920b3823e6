"""The funnel explorer (chapter 01) and the delivered-value and relationship-level chooser (chapter 02),
driven through their controls."""

from __future__ import annotations

import pytest

from crmkit import foundations, i18n
from crmkit.widgets.foundations import OFFER_START, FunnelExplorer, ValueLevelChooser


@pytest.fixture
def funnel():
    return FunnelExplorer()


def _bar_widths(w):
    return [round(b.get_width(), 6) for b in w.fig.axes[0].patches]


def test_funnel_opens_on_its_own_numbers(funnel):
    # 8,000 x 25 % = 2,000; x 50 % = 1,000; x 30 % = 300 buy; 15 % lost = 45; 255 kept
    assert (funnel.result.bought, funnel.result.lost, funnel.result.kept) == (300, 45, 255)
    assert _bar_widths(funnel) == [8000, 2000, 1000, 300, 45, 255]
    assert "<b>300</b>" in funnel.summary.value and "255" in funnel.summary.value
    assert "3.19%" in funnel.summary.value  # 255 / 8,000


def test_funnel_reproduces_the_c2_exercise_when_driven(funnel):
    c = funnel.controls
    c["population"].value = 10_000
    c["potential_rate"].value = 0.20
    c["target_rate"].value = 0.40
    c["purchase_rate"].value = 0.25
    c["churn_rate"].value = 0.10
    assert funnel.result.kept == pytest.approx(180)
    assert _bar_widths(funnel) == pytest.approx([10_000, 2_000, 800, 200, 20, 180])
    texts = [t.get_text() for t in funnel.fig.axes[0].texts]
    assert texts == ["10,000", "2,000", "800", "200", "20", "180"]
    assert "<td>180</td>" in funnel.table.value


def test_funnel_keeps_one_figure_and_its_bars(funnel):
    ax, bars = funnel.fig.axes[0], list(funnel.fig.axes[0].patches)
    funnel.controls["churn_rate"].value = 0.5
    assert funnel.fig.axes == [ax] and list(ax.patches) == bars  # updated, not rebuilt
    assert funnel.result.lost == pytest.approx(150) and bars[-1].get_width() == pytest.approx(150)


def test_funnel_speaks_chinese():
    i18n.set_language("zh")
    try:
        w = FunnelExplorer()
        assert "一年后的现实客户" in w.summary.value and w.controls["churn_rate"].description == "一年内流失比例"
    finally:
        i18n.set_language("en")


@pytest.fixture
def chooser():
    return ValueLevelChooser()


def test_chooser_opens_on_its_own_offers(chooser):
    # A: 730 - 580 = 150; B: 780 - 560 = 220 -> B
    c = chooser.result.comparison
    assert c.table["delivered_value"].tolist() == [150, 220] and c.chosen == "B"
    assert "Offer B" in chooser.summary.value and "220" in chooser.summary.value
    assert chooser.result.level.level == "reactive" and "reactive" in chooser.summary.value
    heights = [round(b.get_height()) for b in chooser.fig.axes[0].patches]
    assert heights == [730, 580, 150, 780, 560, 220]


def test_chooser_reproduces_the_c3_exercise_when_driven(chooser):
    x = dict(product=500, service=200, personnel=100, image=100, money=600, time=50, energy=20, psychic=30)
    y = dict(product=450, service=300, personnel=150, image=50, money=650, time=20, energy=10, psychic=20)
    for name, comps in (("A", x), ("B", y)):
        for comp, val in comps.items():
            chooser.controls[f"{name}_{comp}"].value = val
    assert chooser.result.comparison.table["delivered_value"].tolist() == [200, 250]
    assert chooser.result.comparison.chosen == "B"
    assert chooser.fig.axes[0].patches[5].get_height() == 250


def test_cutting_the_price_switches_the_choice_and_a_tie_is_shown(chooser):
    chooser.controls["A_money"].value = 380  # A: 730 - 510 = 220 = B
    assert chooser.result.comparison.chosen is None and "tie" in chooser.summary.value
    chooser.controls["A_money"].value = 370
    assert chooser.result.comparison.chosen == "A"
    assert chooser.fig.axes[0].patches[2].get_linewidth() > 0  # A's delivered-value bar is outlined


@pytest.mark.parametrize("customers, margin", [("few", "high"), ("many", "low"), ("medium", "medium")])
def test_chooser_level_follows_the_dropdowns(chooser, customers, margin):
    chooser.controls["customers"].value = customers
    chooser.controls["margin"].value = margin
    want = foundations.relationship_level(customers, margin)
    assert chooser.result.level == want
    assert want.description in chooser.summary.value
    if want.alternative:
        assert f"or <b>{want.alternative}</b>" in chooser.summary.value


def test_chooser_has_sixteen_sliders_and_two_dropdowns(chooser):
    assert len(chooser.controls) == 2 * 8 + 2 and set(OFFER_START) == {"A", "B"}
    assert chooser.ui is not None


def test_chooser_speaks_chinese():
    i18n.set_language("zh")
    try:
        w = ValueLevelChooser()
        assert "反应型" in w.summary.value and "推销员售出产品" in w.summary.value  # the seed's own words
        assert w.controls["A_money"].description == "货币成本"
        assert [lab for lab, _ in w.controls["customers"].options] == ["多", "中", "少"]
    finally:
        i18n.set_language("en")
