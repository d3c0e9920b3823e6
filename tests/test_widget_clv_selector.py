"""The textbook-model selector (chapter 05a): two customers ranked under models one, two, three."""

import pytest

from crmkit import i18n
from crmkit.widgets.clv_selector import CLVModelSelector, selector_view


def test_exercise_four_numbers_and_the_flip():
    # the chapter's exercise 4: A ¥500 a year at ¥200 service, B ¥550 at ¥300, 8 %, 10 years
    # annuity factor 6.710081; model one: 500 x 6.710081 = 3355.04, 550 x 6.710081 = 3690.54;
    # model three: 300 x 6.710081 = 2013.02, 250 x 6.710081 = 1677.52
    view = selector_view()
    assert view.table.loc["one", "A"] == pytest.approx(3355.04, abs=0.01)
    assert view.table.loc["one", "B"] == pytest.approx(3690.54, abs=0.01)
    assert view.table.loc["three", "A"] == pytest.approx(2013.02, abs=0.01)
    assert view.table.loc["three", "B"] == pytest.approx(1677.52, abs=0.01)
    assert view.first == "A" and view.flips


def test_widget_follows_its_controls_and_keeps_its_figure():
    w = CLVModelSelector()
    fig, ax = w.fig, w._axes["bars"]
    assert w.result.first == "A"
    w.controls["model"].value = "one"
    assert w.result.first == "B" and "B" in w.summary.value
    heights = [b.get_height() for b in ax.patches]
    w.controls["b_cs"].value = 100  # B's service cost drops: B is now better under model three too
    w.controls["model"].value = "three"
    assert w.result.first == "B" and not w.result.flips
    assert w.result.table.loc["three", "B"] == pytest.approx(450 * 6.710081, abs=0.01)
    assert w.fig is fig and w._axes["bars"] is ax and len(ax.patches) == len(heights)
    assert max(b.get_height() for b in ax.patches) == pytest.approx(3690.54, abs=0.01)


def test_chinese_labels():
    try:
        i18n.set_language("zh")
        w = CLVModelSelector()
        assert "贴现率" in w.controls["r"].description
    finally:
        i18n.set_language("en")


def test_the_figure_and_its_bars_are_kept_between_updates():
    # the rule of tests/test_widget_base.py, for this widget: one figure, the same axes and bars, one draw per change
    w = CLVModelSelector()
    fig, axes, bar = w.fig, list(w.fig.axes), w.fig.axes[0].patches[0]
    before = w.draws
    for v in (300.0, 400.0):
        w.controls["a_cs"].value = v
    assert w.fig is fig and list(w.fig.axes) == axes and w.fig.axes[0].patches[0] is bar
    assert w.draws == before + 2 and w.image.value[:4] == b"\x89PNG"
    assert bar.get_height() == pytest.approx(w.result.table.loc["one", "A"])  # model one, customer A
    assert w.fig.axes[0].patches[2].get_height() == pytest.approx((500 - 400) * 6.710081, abs=0.01)  # A under model three
