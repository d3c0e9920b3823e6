"""crmkit.loyalty in the bad-input harness."""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit import loyalty

from .harness import Table, declared


def _contracts():
    return pd.DataFrame({
        "start_date": ["2023-01-01", "2023-01-15", "2023-02-01", "2023-03-01", "2023-03-10", "2023-04-01"],
        "end_date": ["2023-06-01", None, "2023-08-01", None, "2023-05-01", None],
        "segment": ["a", "a", "b", "b", "a", "b"],
        "monthly_fee": [10.0, 20.0, 30.0, 40.0, 50.0, 60.0],
    })


CONTRACTS = Table(dates=("start_date",), required=("start_date", "end_date"))

TARGETS = [
    declared("loyalty.weighted_csi", loyalty.weighted_csi,
             lambda: {"scores": [80, 70, 90], "weights": [0.5, 0.3, 0.2]}),
    declared("loyalty.nps", loyalty.nps, lambda: {"scores": [10, 9, 8, 3]}, sequences=("scores",)),
    declared("loyalty.switching_cost", loyalty.switching_cost, lambda: {"procedural": 100, "financial": 50}),
    declared("loyalty.switching_decision", loyalty.switching_decision,
             lambda: {"advantage_per_period": 400, "switching_cost": 650, "horizon": 3, "discount": 0.1}),
    declared("loyalty.share_staying", loyalty.share_staying,
             lambda: {"switching_costs": [100, 500, 900], "advantage_per_period": 400}),
    # loyalty.retention declares its constraints (@_validate.params): these targets are derived from them
    declared("loyalty.cohort_survivors", loyalty.cohort_survivors, lambda: {"n0": 1000, "retention": 0.8, "years": 5}),
    declared("loyalty.expected_lifetime", loyalty.expected_lifetime, lambda: {"retention": 0.8}),
    declared("loyalty.implied_growth", loyalty.implied_growth, lambda: {"multiple": 2.0, "years": 5}),
    declared("loyalty.acquisition_cost_range", loyalty.acquisition_cost_range, lambda: {"retention_cost": 80}),
    declared("loyalty.retention_lift", loyalty.retention_lift, lambda: {"retention": 0.8}),
    declared("loyalty.retention_economics", loyalty.retention_economics, lambda: {"years": 5}),
    declared("loyalty.complaint_iceberg", loyalty.complaint_iceberg,
             lambda: {"complaints": 40, "share_complaining": 0.04}),
    declared("loyalty.word_of_mouth", loyalty.word_of_mouth, lambda: {"satisfied": 100}),
    declared("loyalty.retellings_lower_bound", loyalty.retellings_lower_bound,
             lambda: {"complainants": 1000, "share": 0.12, "people": 20}),
    declared("loyalty.kaplan_meier", loyalty.kaplan_meier,
             lambda: {"durations": [1, 2, 2, 5], "churned": [1, 0, 1, "no"]}),
    declared("loyalty.cohort_table", loyalty.cohort_table, lambda: {"contracts": _contracts(), "periods": 6},
             tables={"contracts": CONTRACTS}, nan_ok=True),
    declared("loyalty.churn_rate", loyalty.churn_rate,
             lambda: {"contracts": _contracts(), "period_start": "2023-04-01", "period_end": "2023-10-01"},
             tables={"contracts": CONTRACTS}),
    declared("loyalty.churn_by_segment", loyalty.churn_by_segment, lambda: {"contracts": _contracts()},
             tables={"contracts": Table(dates=("start_date",), required=("start_date", "end_date", "segment"))}),
    declared("loyalty.winback_value", loyalty.winback_value,
             lambda: {"lost_customers": 1000, "win_rate": 0.1, "margin": 100, "retention": 0.8, "discount": 0.1,
                      "cost_per_attempt": 20}),
    declared("loyalty.winback_value (won back at their own retention)", loyalty.winback_value,
             lambda: {"lost_customers": 1000, "win_rate": 0.1, "margin": 100, "retention": 0.8, "discount": 0.1,
                      "cost_per_attempt": 20, "won_back_retention": 0.6}),
]


def _survey():
    from crmkit import data

    return data.load("survey").head(300).reset_index(drop=True)


TARGETS += [
    declared("loyalty.satisfaction_index", loyalty.satisfaction_index, lambda: {"survey": _survey()},
             tables={"survey": Table(numbers=("sat_1", "pq_1"), required=("sat_1", "exp_1", "complained"))}),
    declared("loyalty.loyalty_curve", loyalty.loyalty_curve, lambda: {"survey": _survey()},
             tables={"survey": Table(numbers=("sat_1", "nps_score"), required=("sat_1", "nps_score", "segment"))}),
    declared("loyalty.survival_at", loyalty.survival_at,
             lambda: {"km": loyalty.kaplan_meier([1, 2, 3], [1, 0, 1]), "t": 2.5},
             tables={"km": Table(numbers=("survival",))}, huge=("t",)),
]


def _churn_table():
    rng = np.random.default_rng(0)
    n = 120
    return pd.DataFrame({"tenure": rng.uniform(1, 40, n), "plan": rng.choice(["a", "b"], n),
                         "churned": rng.random(n) < 0.4})


TARGETS += [
    declared("loyalty.churn_model", loyalty.churn_model,
             lambda: {"table": _churn_table(), "features": ["tenure", "plan"]},
             tables={"table": Table(numbers=("tenure",), required=("tenure", "plan", "churned"))}),
    declared("loyalty.gains_table", loyalty.gains_table,
             lambda: {"churned": [1, 0, 1, 0, 0, 1], "score": [0.9, 0.2, 0.8, 0.1, 0.3, 0.5], "groups": 3}),
]

TARGETS += [
    declared("loyalty.churn_cost_equivalence", loyalty.churn_cost_equivalence,
             lambda: {"churn": 0.05, "cost_ratio": 0.9, "discount": 0.0}),
]
