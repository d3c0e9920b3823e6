"""The course's charts draw the numbers they are given (checked on the artists, no image comparison)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from crmkit import clv, i18n, loyalty, plots, segment


@pytest.fixture
def ax():
    return Figure().add_subplot()


def test_every_chart_is_reachable_by_name():
    for name in ("shift_chart", "pareto_chart", "rfm_heatmap", "pyramid_chart", "cumulative_value_chart",
                 "calibration_chart", "loyalty_curve_chart", "survival_curves_chart", "switching_chart"):
        assert callable(getattr(plots, name))
    with pytest.raises(AttributeError):
        plots.no_such_chart


def test_pareto_chart_draws_the_curve_and_bands(ax):
    v = pd.Series([50.0, 30, 10, 5, 5], index=list("abcde"))
    curve = segment.pareto_curve(v)
    plots.pareto_chart(curve, segment.abc_classes(v), ax=ax)
    assert np.allclose(ax.lines[0].get_ydata(), curve["value_share"])
    labels = {t.get_text() for t in ax.texts}
    assert "A" in labels and labels <= {"A", "B", "C"}


def test_rfm_heatmap_counts_every_customer(ax):
    rfm = pd.DataFrame({"recency": [1, 5, 9, 20, 40, 3], "frequency": [5, 1, 2, 1, 1, 4], "monetary": [9.0, 1, 2, 1, 1, 7]})
    plots.rfm_heatmap(segment.rfm_scores(rfm, bins=3), ax=ax)
    assert sum(int(t.get_text()) for t in ax.texts) == 6


def test_calibration_and_survival_charts(ax):
    h = pd.DataFrame({"frequency": [0, 0, 1, 2, 9], "frequency_holdout": [0, 1, 1, 3, 8]})
    plots.calibration_chart(h, [0.2, 0.2, 1.0, 2.0, 7.0], cap=2, ax=ax)
    assert list(ax.lines[0].get_ydata()) == [0.5, 1.0, 5.5]
    ax2 = Figure().add_subplot()
    km = loyalty.kaplan_meier([1, 2, 3], [True, True, False])
    plots.survival_curves_chart({"all": km}, ax=ax2)
    assert list(ax2.lines[0].get_ydata()) == pytest.approx([1, 2 / 3, 1 / 3, 1 / 3])


def test_cumulative_value_chart_marks_break_even(ax):
    curve = clv.retention_value_curve(100, 0.8, 0.1, 10, acquisition_cost=250)
    plots.cumulative_value_chart(curve, ax=ax)
    assert any("4" in t.get_text() for t in ax.texts)


def test_charts_use_the_language(ax, monkeypatch):
    monkeypatch.setattr(i18n, "cjk_font", lambda: "Noto Sans CJK SC")
    try:
        i18n.set_language("zh")
        plots.loyalty_curve_chart(pd.DataFrame({"level": [5, 6], "loyalty": [5.0, 6.0], "n": [10, 10]}), ax=ax)
        assert ax.get_title(loc="left") == "不同满意度水平下的忠诚度"
    finally:
        i18n.set_language("en")


def test_no_chart_name_is_defined_twice():
    """crmkit.plots finds a chart by name across its modules, so a name may be defined only once."""
    import importlib

    from crmkit import plots

    seen = {}
    for sub in plots._submodules():
        for name in getattr(importlib.import_module(f"crmkit.plots.{sub}"), "__all__", ()):
            assert name not in seen, f"chart {name!r} is defined in plots.{seen[name]} and plots.{sub}"
            seen[name] = sub
