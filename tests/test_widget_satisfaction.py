"""The satisfaction-index simulator (chapter 07), driven through its controls as a user would."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from crmkit import data, loyalty
from crmkit.errors import ParameterError
from crmkit.widgets.satisfaction import SCSB_PATHS, SatisfactionSimulator, fitted_paths, satisfaction_view


@pytest.fixture(scope="module")
def survey():
    return data.load("survey")


@pytest.fixture
def w():
    return SatisfactionSimulator()


def _scores(survey):
    return loyalty.satisfaction_index(survey).scores


def test_intercepts_make_each_equation_pass_through_the_means(survey):
    f = fitted_paths("acsi")
    s = _scores(survey)
    for target in ("quality", "value", "satisfaction", "complaints", "loyalty"):
        eq = f.equation(target)
        at_means = eq["const"] + sum(b * s[k].mean() for k, b in eq.items() if k != "const")
        assert at_means == pytest.approx(s[target].mean(), abs=1e-9)


def test_hand_computed_prediction_from_the_fitted_equations(survey):
    # refit the three equations by hand with numpy and predict for E=6, Q=8, V=7
    s = _scores(survey)

    def ols(y, cols):
        X = np.column_stack([np.ones(len(s))] + [s[c] for c in cols])
        return np.linalg.lstsq(X, s[y], rcond=None)[0]

    bs = ols("satisfaction", ["expectations", "quality", "value"])
    bc = ols("complaints", ["satisfaction"])
    bl = ols("loyalty", ["satisfaction", "complaints"])
    sat = bs @ [1, 6, 8, 7]
    p = bc @ [1, sat]
    loy = bl @ [1, sat, p]
    r = satisfaction_view(6, 8, 7)
    assert r.satisfaction == pytest.approx(sat)
    assert r.complaint_probability == pytest.approx(p)
    assert r.loyalty == pytest.approx(loy)
    assert r.index == pytest.approx((sat - 1) / 9 * 100)
    bv = ols("value", ["expectations", "quality"])
    assert r.quality_effect == pytest.approx(bs[2] + bs[3] * bv[2])


def test_opens_at_the_survey_means_and_reproduces_the_survey(w, survey):
    s = _scores(survey)
    r = w.result
    assert r.model == "acsi"
    assert r.satisfaction == pytest.approx(s["satisfaction"].mean(), abs=0.05)  # sliders rounded to 0.1
    assert r.loyalty == pytest.approx(s["loyalty"].mean(), abs=0.05)
    assert f"{(s['satisfaction'].mean() - 1) / 9 * 100:.1f}" in w.summary.value  # the survey's index, 63.8
    assert w.image.value[:4] == b"\x89PNG"


def test_more_quality_more_satisfaction_fewer_complaints_more_loyalty(w):
    before = w.result
    w.controls["quality"].value = 9.0
    after = w.result
    assert after.satisfaction > before.satisfaction
    assert after.complaint_probability < before.complaint_probability
    assert after.loyalty > before.loyalty
    f = fitted_paths("acsi")
    # value held fixed: only the direct path moves satisfaction
    assert after.satisfaction - before.satisfaction == pytest.approx(
        f.equation("satisfaction")["quality"] * (9.0 - before.quality))
    assert f"<b>{after.satisfaction:.2f}</b>" in w.summary.value
    assert f"<b>{after.complaint_probability:.1%}</b>" in w.summary.value


def test_the_chart_shows_the_numbers(w):
    w.controls["value"].value = 8.5
    bars = w.fig.axes[0].patches
    assert [b.get_height() for b in bars] == pytest.approx(
        [w.result.expectations, w.result.quality, w.result.value, w.result.satisfaction, w.result.loyalty])
    point = w.fig.axes[1].lines[2]
    assert point.get_xdata()[0] == pytest.approx(w.result.satisfaction)
    assert point.get_ydata()[0] == pytest.approx(w.result.loyalty)


def test_swedish_model_has_no_perceived_value(w):
    w.controls["model"].value = "scsb"
    assert w.controls["value"].disabled
    assert np.isnan(w.result.value)
    before = w.result.satisfaction
    w.controls["value"].value = 2.0  # ignored by SCSB
    assert w.result.satisfaction == pytest.approx(before)
    assert set(fitted_paths("scsb").paths["target"]) == set(SCSB_PATHS)
    assert w.fig.axes[0].patches[2].get_height() == 0
    w.controls["model"].value = "acsi"
    assert not w.controls["value"].disabled


def test_figure_and_artists_are_kept(w):
    fig, axes = w.fig, list(w.fig.axes)
    line, bar = w.fig.axes[1].lines[0], w.fig.axes[0].patches[0]
    before = w.draws
    for q in (5.0, 6.0, 7.0):
        w.controls["quality"].value = q
    w.controls["model"].value = "scsb"
    assert w.fig is fig and isinstance(fig, Figure)
    assert list(w.fig.axes) == axes
    assert w.fig.axes[1].lines[0] is line and w.fig.axes[0].patches[0] is bar
    assert w.draws == before + 4


@pytest.mark.parametrize("bad", [0, 11, float("nan"), "7", True, None])
def test_bad_scores_are_refused(bad):
    with pytest.raises(ParameterError):
        satisfaction_view(bad, 7, 7)
    with pytest.raises(ParameterError):
        satisfaction_view(7, 7, 7, model="pls")


def test_chinese_labels():
    from crmkit import i18n

    before = i18n.get_language()
    i18n.set_language("zh")
    try:
        w = SatisfactionSimulator()
        assert "满意度指数模拟器" in w.title.value
        assert "顾客满意度" in w.summary.value and "抱怨倾向" in w.summary.value
        assert w.controls["quality"].description == "感知质量（1-10）"
    finally:
        i18n.set_language(before)
