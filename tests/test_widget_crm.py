"""The service-centre widget, driven through its controls."""

from __future__ import annotations

import numpy as np
import pytest

from crmkit import crm
from crmkit.widgets.crm import ServiceCentre, centre_view


@pytest.fixture
def w():
    return ServiceCentre()


def test_opens_with_numbers_from_erlang_c(w):
    r = crm.erlang_c(300, 240, 22)                       # 20 erlangs on 22 agents
    assert w.result.result == r
    assert w.result.needed == crm.agents_needed(300, 240) == 25
    assert f"{r.service_level:.1%}" in w.summary.value and f"{r.asa_s:,.1f} s" in w.summary.value
    assert "20.00 erlangs" in w.summary.value
    assert w.image.value[:4] == b"\x89PNG"


def test_more_agents_raise_the_service_level_and_turn_the_point_green(w):
    w.controls["agents"].value = 25
    r = w.result.result
    assert r.service_level >= 0.8 and "#1a7f37" in w.summary.value
    assert tuple(w._point.get_data()[0]) == (25,)
    assert w._point.get_data()[1][0] == pytest.approx(r.service_level)
    x, y = w._line.get_data()
    assert np.allclose(y, crm.service_level_curve(300, 240, extra_agents=len(x) - 1)["service_level"])


def test_too_few_agents_is_shown_as_unstable_not_as_a_number(w):
    w.controls["agents"].value = 20                      # = the traffic
    assert w.result.result is None and "Unstable" in w.summary.value
    assert len(w._point.get_data()[0]) == 0


def test_goal_and_target_move_the_needed_agents(w):
    w.controls["goal"].value = 0.9
    assert w.result.needed == crm.agents_needed(300, 240, service_level=0.9)
    assert w._goal.get_ydata()[0] == pytest.approx(0.9)
    assert w._needed.get_xdata()[0] == w.result.needed
    w.controls["target_s"].value = 60
    assert w.result.needed == crm.agents_needed(300, 240, service_level=0.9, target_s=60)


def test_a_large_centre_works(w):
    w.controls["calls_per_hour"].value = 3000
    w.controls["handling_time_s"].value = 900            # 750 erlangs
    assert w.result.needed == crm.agents_needed(3000, 900)
    assert w.result.result is None                      # 22 agents for 750 erlangs
    w.controls["agents"].value = 800
    assert w.result.result == crm.erlang_c(3000, 900, 800) and w.result.result.service_level > 0.98


def test_pure_function():
    v = centre_view(200, 180, 14, 20, 0.8)
    assert v.needed == 14 and v.result.service_level == pytest.approx(crm.erlang_c(200, 180, 14).service_level)
