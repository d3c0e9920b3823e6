"""crmkit.i18n: one table of labels, two languages, and charts that survive a missing CJK font."""

from __future__ import annotations

import pytest

from crmkit import i18n
from crmkit.errors import ParameterError


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language("en")


def test_every_label_has_both_languages():
    table = i18n.labels()
    assert table
    for key, (en, zh) in table.items():
        assert en.strip() and zh.strip(), key
        assert "." in key, f"label keys are namespaced: {key}"
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), f"{key}: the Chinese label has no Chinese"


def test_switching_language():
    assert i18n.t("taxi.strategy") == "Strategy"
    i18n.set_language("zh")
    assert i18n.get_language() == "zh"
    assert i18n.t("taxi.strategy") == "候客方式"
    assert i18n.t("taxi.strategy", lang="en") == "Strategy"
    assert i18n.both("taxi.strategy") == "Strategy (候客方式)"


def test_bad_language_and_unknown_key():
    with pytest.raises(ParameterError, match="'fr'"):
        i18n.set_language("fr")
    with pytest.raises(KeyError, match="no label"):
        i18n.t("nope.nothing")


def test_charts_fall_back_to_english_without_a_cjk_font(monkeypatch):
    monkeypatch.setattr(i18n, "cjk_font", lambda: None)
    with pytest.warns(i18n.CJKFontWarning, match="apt-get install fonts-noto-cjk"):
        i18n.set_language("zh")
    assert i18n.plot_text("taxi.strategy") == "Strategy"
    assert i18n.t("taxi.strategy") == "候客方式"  # widgets (HTML) still speak Chinese


def test_an_installed_cjk_font_is_put_first(monkeypatch):
    import matplotlib

    monkeypatch.setattr(i18n, "cjk_font", lambda: "Noto Sans CJK SC")
    monkeypatch.setitem(matplotlib.rcParams, "font.sans-serif", ["DejaVu Sans"])
    i18n.set_language("zh")
    assert matplotlib.rcParams["font.sans-serif"][0] == "Noto Sans CJK SC"
    assert i18n.plot_text("taxi.strategy") == "候客方式"


def test_a_chinese_chart_draws_without_errors():
    from matplotlib.figure import Figure

    from crmkit.cases import taxi
    from crmkit.plots.taxi import strategy_chart

    i18n.set_language("zh")
    fig = Figure()
    ax = strategy_chart(taxi.compare_strategies(), ax=fig.add_subplot())
    fig.canvas.draw()  # renders; with no CJK font the labels are English, so no missing glyphs
    expected = "平均每小时利润" if i18n.cjk_font() else "Average profit per hour"
    assert ax.get_title(loc="left") == expected


def test_the_kit_font_is_used_without_any_system_font():
    assert i18n.cjk_font() == i18n.BUNDLED_FAMILY  # shipped with the kit, registered on demand
    i18n.set_language("zh")
    import matplotlib

    assert matplotlib.rcParams["font.sans-serif"][0] == i18n.BUNDLED_FAMILY
    i18n.set_language("en")  # English charts: Latin fonts first, the Chinese font as a fallback
    assert matplotlib.rcParams["font.sans-serif"][0] != i18n.BUNDLED_FAMILY
    assert i18n.BUNDLED_FAMILY in matplotlib.rcParams["font.family"]


def test_money_is_written_one_way():
    assert i18n.money(34.70588) == "¥34.71"
    assert i18n.money(-0.39) == "\u2212¥0.39"  # a minus sign before the currency, not "¥-0.39"
    assert i18n.money(12.345, sign=True) == "+¥12.35" and i18n.money(-12.3, sign=True) == "\u2212¥12.30"
    assert i18n.money(1234567.891, 0) == "¥1,234,568"
    assert i18n.money(-0.004) == "¥0.00" and i18n.money(-0.004, sign=True) == "¥0.00"  # no "−¥0.00"
    assert i18n.money(-5, 0, currency="$") == "\u2212$5"


def test_rounded_parts_add_up_to_the_rounded_total():
    rent, fuel = 380 / 17, 210 / 17  # 22.3529 + 12.3529 = 34.7059: rounded alone 22.35 + 12.35 = 34.70
    parts = i18n.rounded_parts([rent, fuel])
    assert parts == [22.36, 12.35] and round(sum(parts), 2) == round(rent + fuel, 2) == 34.71
    assert i18n.rounded_parts([0.29, 0.29, 0.42]) == [0.29, 0.29, 0.42]  # exact cents stay as they are
    assert i18n.rounded_parts([1 / 3, 1 / 3, 1 / 3]) == [0.34, 0.33, 0.33]
    assert i18n.rounded_parts([10.005, -3.333], 1) == [10.0, -3.3]
