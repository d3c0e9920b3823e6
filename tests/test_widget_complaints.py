"""The complaint-iceberg panel (chapter 09) and the churn gains chart: hand-computed numbers, the
figure kept between updates, and the dataset's observed rates as defaults."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmkit import data, loyalty, plots
from crmkit.errors import CrmkitError
from crmkit.loyalty import ComplaintRates, iceberg_panel, observed_rates
from crmkit.widgets.complaints import ComplaintIcebergPanel


def _rates():
    """Hand-made rates: resolved customers buy again 80 %, unresolved 20 %, silent 40 %; they tell 2, 10, 5."""
    out = pd.DataFrame({"customers": [1, 1, 1], "repurchase": [0.8, 0.2, 0.4], "people_told": [2.0, 10.0, 5.0]},
                       index=pd.Index(["resolved", "unresolved", "silent"], name="outcome"))
    return ComplaintRates(0.25, 0.5, out)


def test_panel_by_hand():
    # 100 complaints, 25 % complain -> 400 dissatisfied, 300 silent; 60 % resolved -> 60 / 40
    p = iceberg_panel(100, 0.25, 0.6, rates=_rates())
    assert p.iceberg.dissatisfied == pytest.approx(400) and p.iceberg.silent == pytest.approx(300)
    assert p.groups["customers"].tolist() == pytest.approx([60, 40, 300])
    # lost: 60*0.2 + 40*0.8 + 300*0.6 = 12 + 32 + 180 = 224
    assert p.lost == pytest.approx(224)
    # told: 60*2 + 40*10 + 300*5 = 120 + 400 + 1500 = 2020; by the unresolved and silent 1900
    assert p.reach == pytest.approx(2020) and p.negative_reach == pytest.approx(1900)
    # the rates' own shares are the defaults
    q = iceberg_panel(100, rates=_rates())
    assert q.iceberg.dissatisfied == pytest.approx(400) and q.resolution_rate == 0.5


def test_resolving_more_complaints_loses_fewer_customers():
    lost = [iceberg_panel(100, 0.3, r, rates=_rates()).lost for r in (0.0, 0.5, 1.0)]
    assert lost == pytest.approx([200 / 0.3 * 0 + 100 * 0.8 + (100 / 0.3 - 100) * 0.6,
                                  50 * 0.2 + 50 * 0.8 + (100 / 0.3 - 100) * 0.6,
                                  100 * 0.2 + (100 / 0.3 - 100) * 0.6])
    assert lost[0] > lost[1] > lost[2]


def test_observed_rates_read_the_dataset():
    c = data.load("complaints")
    r = observed_rates(c)
    voiced = c["voice"].astype(str) != "silent"
    assert r.share_complaining == pytest.approx(voiced.mean())
    assert r.resolution_rate == pytest.approx(c.loc[voiced, "resolved"].mean())
    assert r.outcomes.loc["silent", "customers"] == (~voiced).sum()
    assert r.outcomes.loc["resolved", "repurchase"] > r.outcomes.loc["silent", "repurchase"] \
        > r.outcomes.loc["unresolved", "repurchase"]  # the lesson the data carry
    # the dataset's [added] assumption: about 31 % of the dissatisfied voice at severity 3 (5 % + 26 %)
    assert 0.25 < r.share_complaining < 0.36


def test_observed_rates_refuse_bad_tables():
    c = data.load("complaints")
    with pytest.raises(CrmkitError):
        observed_rates(c.drop(columns="resolved"))
    with pytest.raises(CrmkitError):
        observed_rates(c[c["voice"] != "silent"])
    with pytest.raises(CrmkitError):
        iceberg_panel(100, 0.0)
    with pytest.raises(CrmkitError):
        iceberg_panel(100, 0.3, 1.5)


def test_widget_is_driven_by_its_controls_and_keeps_its_figure():
    w = ComplaintIcebergPanel()
    fig, axes = w.fig, list(w.fig.axes)
    silent_bar = axes[0].patches[2]
    assert w.controls["share_complaining"].value == pytest.approx(observed_rates(data.load("complaints")).share_complaining, abs=0.005)
    w.controls["complaints"].value = 200
    w.controls["share_complaining"].value = 0.25
    w.controls["resolution_rate"].value = 0.5
    p = w.result
    assert p.iceberg.dissatisfied == pytest.approx(800) and p.iceberg.silent == pytest.approx(600)
    assert w.fig is fig and list(w.fig.axes) == axes and axes[0].patches[2] is silent_bar
    assert silent_bar.get_height() == pytest.approx(600) and silent_bar.get_y() == pytest.approx(-600)
    assert axes[0].patches[0].get_height() == pytest.approx(100)  # resolved, above the waterline
    assert [b.get_width() for b in axes[1].patches] == pytest.approx(p.groups["lost"].tolist())
    assert "800" in w.summary.value and f"{p.lost:,.0f}" in w.summary.value
    assert w.image.value[:4] == b"\x89PNG"


def test_gains_chart_draws_the_table_and_updates_in_place():
    from matplotlib.figure import Figure

    from crmkit.plots import live

    g = loyalty.gains_table([1, 0, 1, 0, 0, 1, 0, 0, 0, 0], np.arange(10)[::-1], groups=5)
    # hand: churners at ranks 1, 3, 6 -> top 20 % holds 1 of 3, top 40 % 2, top 60 % 3
    assert g["captured"].tolist() == pytest.approx([1 / 3, 2 / 3, 1, 1, 1])
    ax = live(Figure().add_subplot())
    plots.gains_chart(g, ax=ax)
    line = ax.lines[0]
    assert line.get_ydata().tolist() == pytest.approx([0, 1 / 3, 2 / 3, 1, 1, 1])
    g2 = loyalty.gains_table([1, 1, 0, 0, 0, 1, 0, 0, 0, 0], np.arange(10)[::-1], groups=5)
    plots.gains_chart(g2, ax=ax)
    assert ax.lines[0] is line and line.get_ydata()[1] == pytest.approx(2 / 3)
    assert ax.texts[0].get_text() == "×3.33"
