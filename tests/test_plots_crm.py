"""Chapter 12's charts draw the numbers they are given."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from crmkit import crm, i18n, plots
from tests.crm_handmade import ASOF, build


@pytest.fixture
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


def test_pipeline_funnel_chart_bars_are_the_reached_counts_then_won(ax):
    conv = crm.stage_conversion(build(), ASOF)
    plots.pipeline_funnel_chart(conv, ax=ax)
    widths = [p.get_width() for p in ax.patches]
    assert widths == [6, 5, 3, 2, 1]                         # hand-made database: reached ..., then O1 won
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["prospecting", "qualification", "proposal", "negotiation", "won"]
    assert any("75%" in t.get_text() for t in ax.texts)       # qualification -> proposal: 3 / 4


def test_forecast_chart_bars(ax):
    track = pd.DataFrame({"weighted": [100.0, 200.0], "actual": [90.0, 260.0]},
                         index=pd.to_datetime(["2024-01-31", "2024-02-29"]))
    plots.forecast_chart(track, ax=ax)
    assert [p.get_height() for p in ax.patches] == [100, 200, 90, 260]


def test_service_level_chart_marks_the_staffing(ax):
    curve = crm.service_level_curve(200, 180, extra_agents=5)
    plots.service_level_chart(curve, agents=14, goal=0.8, ax=ax)
    x, y = ax.lines[0].get_data()
    assert list(x) == list(range(11, 17)) and y[3] == pytest.approx(crm.erlang_c(200, 180, 14).service_level)
    assert ax.lines[-1].get_data()[0][0] == 14


def test_labels_switch_to_chinese(monkeypatch):
    monkeypatch.setattr(i18n, "use_cjk_font", lambda: "Noto Sans CJK SC")
    i18n.set_language("zh")
    try:
        assert i18n.plot_text("crm.funnel_title").startswith("销售漏斗")
        assert i18n.t("crm.stage.won") == "赢单"
    finally:
        i18n.set_language("en")
