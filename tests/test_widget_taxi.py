"""The taxi-shift simulator, driven through its controls as a user would (no browser)."""

from __future__ import annotations

import pytest

from crmkit import i18n
from crmkit.cases import taxi
from crmkit.widgets import TaxiShift


@pytest.fixture
def w():
    return TaxiShift()


def test_opens_on_the_seed_costs(w):
    assert w.result.cost.total == pytest.approx(590 / 17)
    assert "¥34.71" in w.summary.value
    assert w.image.value[:4] == b"\x89PNG"
    assert "<table" in w.table.value


def test_choosing_a_strategy_loads_its_trip_pattern_and_updates_the_numbers(w):
    w.controls["strategy"].value = "airport"
    assert w.controls["trip_km"].value == taxi.STRATEGIES["airport"].trip_km
    assert w.controls["empty_min"].value == taxi.STRATEGIES["airport"].empty_min
    expected = taxi.shift_simulation("airport", seed=1)
    assert w.result.shift.n_trips == expected.n_trips
    assert i18n.money(expected.profit_per_hour, sign=True) in w.summary.value  # "+¥12.35" or "−¥0.39"
    assert f"<b>{expected.n_trips}</b>" in w.summary.value


def test_the_cost_line_follows_rent_and_fuel(w):
    w.controls["rent"].value = 500
    w.controls["fuel"].value = 300
    assert w.result.cost.total == pytest.approx(800 / 17)
    ax = w.fig.axes[0]
    hours, cost = ax.lines[1].get_xdata(), ax.lines[1].get_ydata()
    assert cost[-1] == pytest.approx(800 / 17 * hours[-1])
    assert "¥47.06" in w.summary.value


def test_revenue_line_is_the_shift_shown(w):
    w.controls["day"].value = 7
    rev = w.fig.axes[0].lines[0].get_ydata()
    assert rev[-1] == pytest.approx(w.result.shift.revenue)
    assert w.result.shift.trips.equals(taxi.shift_simulation("cruise", seed=7).trips)


def test_moving_the_empty_time_changes_profit_the_right_way(w):
    w.controls["strategy"].value = "metro_queue"
    before = w.result.average["profit_per_hour"]
    w.controls["empty_min"].value = 5
    after = w.result.average["profit_per_hour"]
    assert after > before
    bars = w.fig.axes[1].patches
    assert len(bars) == 4


def test_shorter_shift_means_fewer_trips(w):
    n17 = w.result.shift.n_trips
    w.controls["hours"].value = 8
    assert w.result.shift.n_trips < n17
    assert w.result.shift.hours == 8


def test_labels_follow_the_language():
    try:
        i18n.set_language("zh")
        w = TaxiShift()
        assert "每小时成本" in w.summary.value
        assert w.controls["strategy"].description == "候客方式"
    finally:
        i18n.set_language("en")


def test_plain_text_repr_is_deterministic(w):
    bundle = w._repr_mimebundle_()
    assert bundle["text/plain"].startswith("TaxiShift: an interactive widget")
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_the_widget_and_chapter_00_text_show_the_same_hourly_costs():
    """Chapter 00's text says the rent costs ¥22.35 an hour (380/17, rounded half up); the widget said
    ¥22.36 (adjusted so the parts added up). The widget now rounds each part as the text does."""
    import json
    import re
    from pathlib import Path

    from crmkit import i18n

    w = TaxiShift()
    rent, fuel, total = (i18n.money(x) for x in (380 / 17, 210 / 17, 590 / 17))
    assert f"<b>{total}</b> ({rent} + {fuel})" in w.summary.value
    nb = json.loads((Path(__file__).resolve().parents[1] / "notebooks" / "00_taxi_driver.ipynb").read_text("utf-8"))
    text = " ".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    said = set(re.findall(r"¥(\d+\.\d\d)\b", text))
    assert {rent[1:], fuel[1:], total[1:]} <= said, f"chapter 00's text says {sorted(said)}"
