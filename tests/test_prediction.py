"""Segmentation by k-means and the churn model: tested on data with known structure."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score

from crmkit import data, loyalty, segment
from crmkit.errors import DataError, ParameterError


def _three_groups(n=300, seed=0):
    rng = np.random.default_rng(seed)
    centers = [(5, 20, 5000), (60, 3, 500), (300, 1, 80)]  # champions, regulars, one-off buyers
    parts = [np.column_stack([rng.lognormal(np.log(r), 0.2, n), np.maximum(1, np.round(rng.lognormal(np.log(f), 0.15, n))),
                              rng.lognormal(np.log(m), 0.2, n)]) for r, f, m in centers]
    df = pd.DataFrame(np.vstack(parts), columns=["recency", "frequency", "monetary"])
    return df, np.repeat([0, 1, 2], n)


def test_kmeans_recovers_known_segments_and_picks_k_by_silhouette():
    df, truth = _three_groups()
    res = segment.kmeans_segments(df, seed=1)
    assert res.k == 3
    assert res.silhouette.idxmax() == 3 and res.silhouette[3] > 0.7
    assert adjusted_rand_score(truth, res.table["segment"]) > 0.95
    # numbered by monetary, highest first: segment 0 is the champions
    assert res.centers.loc[0, "monetary"] > res.centers.loc[1, "monetary"] > res.centers.loc[2, "monetary"]
    assert res.centers["customers"].sum() == len(df)


def test_kmeans_with_a_fixed_k_and_on_the_course_data():
    rfm = segment.rfm_table(data.load("retail_transactions"), asof="2025-01-01")
    res = segment.kmeans_segments(rfm, k=4)
    assert res.k == 4 and set(res.table["segment"]) == {0, 1, 2, 3}
    assert list(res.silhouette.index) == [4]


def test_kmeans_bad_input():
    df, _ = _three_groups(n=5)
    with pytest.raises(ParameterError, match="k_range"):
        segment.kmeans_segments(df, k_range=(5, 2))
    with pytest.raises(DataError, match="distinct"):
        segment.kmeans_segments(df.iloc[:2], k=3)


def _simulated_churn(n=4000, seed=0):
    rng = np.random.default_rng(seed)
    tenure = rng.uniform(1, 60, n)
    integrations = rng.poisson(1.5, n)
    plan = rng.choice(["basic", "pro"], n)
    logit = 0.5 - 0.04 * tenure - 0.6 * integrations + 0.8 * (plan == "basic")
    churned = rng.random(n) < 1 / (1 + np.exp(-logit))
    return pd.DataFrame({"tenure": tenure, "integrations": integrations, "plan": plan, "churned": churned})


def test_churn_model_finds_the_known_effects_and_beats_chance():
    m = loyalty.churn_model(_simulated_churn(), seed=2)
    assert m.auc > 0.75  # chance is 0.5
    assert m.coefficients["tenure"] < 0 and m.coefficients["integrations"] < 0
    assert m.coefficients["plan_basic"] > m.coefficients["plan_pro"]
    g = m.gains
    assert g["captured"].iloc[-1] == pytest.approx(1.0) and g["lift"].iloc[0] > 1.5
    assert g["captured"].is_monotonic_increasing


def test_gains_table_by_hand():
    g = loyalty.gains_table([1, 0, 1, 0, 0, 0, 0, 0, 0, 0], [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0],
                            groups=5)
    assert g["captured"].tolist() == [0.5, 1.0, 1.0, 1.0, 1.0]
    assert g["lift"].iloc[0] == pytest.approx(2.5)


def test_churn_model_bad_input():
    df = _simulated_churn(200)
    with pytest.raises(DataError, match="yes/no"):
        loyalty.churn_model(df.assign(churned="maybe"))
    with pytest.raises(DataError, match="smaller class"):
        loyalty.churn_model(df.assign(churned=False))
    with pytest.raises(ParameterError, match="features"):
        loyalty.churn_model(df, features=[])
