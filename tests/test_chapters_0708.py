"""The corrected claims of chapters 07 and 08 (issue 9), held on the course's data: what the notebooks
now say, as numbers that would fail if the data or the kit changed under them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmkit import data, loyalty
from crmkit.synth.contracts import INTEGRATION_FACTOR
from crmkit.synth.survey import TRUE_PATHS
from crmkit.widgets.satisfaction import SCSB_PATHS

ASOF = pd.Timestamp("2024-12-31")


@pytest.fixture(scope="module")
def survey():
    return data.load("survey")


@pytest.fixture(scope="module")
def contracts():
    c = data.load("contracts")
    c["months"] = (c["end_date"].fillna(ASOF) - c["start_date"]).dt.days / loyalty.DAYS_PER_MONTH
    c["churned"] = c["end_date"].notna()
    return c


# -- chapter 07 ----------------------------------------------------------------------------------
def test_complaints_gap_is_sampling_error_and_quality_gap_is_bias(survey):
    p = loyalty.satisfaction_index(survey).paths.set_index(["source", "target"])

    def inside(source, target):
        row = p.loc[(source, target)]
        lo, hi = row["coefficient"] - 1.96 * row["standard_error"], row["coefficient"] + 1.96 * row["standard_error"]
        return lo <= TRUE_PATHS[target][source] <= hi

    assert inside("complaints", "loyalty")  # -0.80 inside (-0.80, -0.62): luck, not attenuation
    assert not inside("quality", "value")  # 0.75 above (0.66, 0.73): attenuation by noisy items
    assert p.loc[("quality", "value"), "coefficient"] < TRUE_PATHS["value"]["quality"]


def test_swedish_quality_coefficient_is_the_acsi_total_effect(survey):
    # omitted-variable algebra: dropping value folds quality -> value -> satisfaction into quality's path
    a = loyalty.satisfaction_index(survey).coefficient
    s = loyalty.satisfaction_index(survey, paths=SCSB_PATHS).coefficient
    total = a("quality", "satisfaction") + a("value", "satisfaction") * a("quality", "value")
    assert s("quality", "satisfaction") == pytest.approx(total, rel=1e-9)
    assert s("quality", "satisfaction") == pytest.approx(0.679, abs=0.001)


def test_loyalty_rises_slowly_over_the_zone_of_indifference_not_flat(survey):
    c = loyalty.loyalty_curve(survey, satisfaction="sat_1", loyalty="nps_score", by=None).set_index("level")["loyalty"]
    assert c[8] - c[5] > 1.0  # 6.39 -> 7.76: not "barely moves"
    assert (c[10] - c[8]) / 2 > 1.5 * (c[8] - c[5]) / 3  # but twice as steep above 8


def test_nps_standard_error_by_hand():
    # 40 % promoters, 30 % detractors, n = 100: sqrt((0.4 + 0.3 - 0.1^2) / 100) = 0.0831 -> 8.31 points
    s = pd.Series([10] * 40 + [8] * 30 + [3] * 30)
    p, d = (s >= 9).mean(), (s <= 6).mean()
    assert 100 * np.sqrt((p + d - (p - d) ** 2) / len(s)) == pytest.approx(8.3066, abs=1e-4)
    assert loyalty.nps(s) == pytest.approx(10.0)


# -- chapter 08 ----------------------------------------------------------------------------------
def _survival(c, mask, t=24):
    return loyalty.survival_at(loyalty.kaplan_meier(c.loc[mask, "months"], c.loc[mask, "churned"]), t)


def test_integrations_are_confounded_with_segment(contracts):
    c = contracts
    share_3plus = (c["integrations"] >= 3).groupby(c["segment"], observed=True).mean()
    assert share_3plus["enterprise"] > 0.6 and share_3plus["consumer"] < 0.01
    pooled_gap = _survival(c, c["integrations"] >= 3) - _survival(c, c["integrations"] == 0)
    consumer = c["segment"] == "consumer"
    consumer_gap = _survival(c, consumer & c["integrations"].between(1, 2)) - _survival(c, consumer & (c["integrations"] == 0))
    assert pooled_gap > 0.25  # 0.756 - 0.482
    assert abs(consumer_gap) < 0.05  # 0.491 - 0.464: flat within consumers


def _rate_ratio(X, y, exposure):
    b = np.zeros(X.shape[1])
    for _ in range(30):
        mu = exposure * np.exp(X @ b)
        b += np.linalg.solve(X.T @ (X * mu[:, None]), X.T @ (y - mu))
    return float(np.exp(b[-1]))


def test_stratifying_by_segment_recovers_most_of_the_true_integration_effect(contracts):
    c = contracts
    y, e, n = c["churned"].to_numpy(float), c["months"].to_numpy(), c["integrations"].to_numpy(float)
    pooled = _rate_ratio(np.column_stack([np.ones(len(c)), n]), y, e)
    within = _rate_ratio(np.column_stack([pd.get_dummies(c["segment"]).to_numpy(float), n]), y, e)
    assert pooled < 0.80 < INTEGRATION_FACTOR < within < 0.92
    assert abs(within - INTEGRATION_FACTOR) < 0.6 * abs(pooled - INTEGRATION_FACTOR)  # 0.041 vs 0.077


def test_lockin_postpones_churn_and_hostages_leave_faster_once_free(contracts):
    c = contracts
    consumer = c["segment"] == "consumer"
    s = {m: (_survival(c, consumer & (c["lockin_months"] == m), 12), _survival(c, consumer & (c["lockin_months"] == m), 24))
         for m in (0, 12)}
    assert s[12][0] > s[0][0] + 0.2  # held during the lock-in: 0.824 vs 0.559
    lost_after = {m: 1 - b / a for m, (a, b) in s.items()}
    assert lost_after[12] > lost_after[0]  # 39 % vs 32 % of those left at 12 months


def test_survival_by_segment_chart_draws_one_panel_per_segment():
    from matplotlib.figure import Figure

    from crmkit import plots

    km_a = loyalty.kaplan_meier([1, 2, 3, 4], [1, 0, 1, 1])
    km_b = loyalty.kaplan_meier([2, 5, 6], [1, 1, 0])
    fig = Figure()
    axes = fig.subplots(1, 2)
    out = plots.survival_by_segment_chart({"consumer": {"none": km_a, "1-2": km_b}, "enterprise": {"none": km_b}}, ax=axes)
    assert len(out) == 2 and out[0].get_title(loc="left") == "consumer"
    assert len(out[0].lines) == 2 and len(out[1].lines) == 1
    x, y = out[0].lines[0].get_data()
    assert list(x) == [0, 1, 2, 3, 4] and y[-1] == pytest.approx(0.0)  # 1 * 3/4 * 1 * 1/2 * 0
    assert y[1] == pytest.approx(0.75) and y[3] == pytest.approx(0.375)
