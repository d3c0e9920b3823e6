"""crmkit.segment in the bad-input harness."""

from __future__ import annotations

import pandas as pd

from crmkit import segment

from .harness import Table, Target, declared


def _tx():
    return pd.DataFrame({
        "customer_id": ["a", "a", "b", "c", "c", "c"],
        "date": ["2024-01-05", "2024-02-01", "2024-01-20", "2024-01-02", "2024-02-10", "2024-03-01"],
        "amount": [100.0, 50.0, 80.0, 20.0, 30.0, 40.0],
    })


def _bgnbd():
    from crmkit import clv

    m = clv.BGNBD()
    m.params_ = {"r": 0.55, "alpha": 6.16, "a": 0.63, "b": 3.28}
    return m


def _bg_summary():
    return pd.DataFrame({"frequency": [0.0, 1.0, 3.0, 12.0], "recency": [0.0, 11.3, 18.3, 40.0],
                         "T": [10.0, 49.0, 71.7, 156.0]}, index=["a", "b", "c", "d"])


_SUMMARY = Table(numbers=("frequency", "recency", "T"), nonnegative=("frequency", "recency", "T"))


def _values():
    return pd.Series([500.0, 300.0, 100.0, 60.0, 40.0], index=list("abcde"))


def _rfm():
    return segment.rfm_table(_tx(), asof="2024-03-31")


TX = Table(ids=("customer_id",), dates=("date",), numbers=("amount",))
RFM = Table(numbers=("recency", "frequency", "monetary"), nonnegative=("recency", "frequency"))

TARGETS = [
    declared("segment.rfm_table", segment.rfm_table, lambda: {"transactions": _tx(), "asof": "2024-03-31"},
             tables={"transactions": TX}),
    declared("segment.rfm_scores", segment.rfm_scores, lambda: {"rfm": _rfm(), "bins": 3},
             tables={"rfm": RFM}),
    declared("segment.rfm_threshold_scores", segment.rfm_threshold_scores, lambda: {"rfm": _rfm()},
             tables={"rfm": RFM}),
    declared("segment.rfm_segments", segment.rfm_segments, lambda: {"rfm": _rfm(), "scheme": "cn8"},
             tables={"rfm": RFM}),
]


def _values_table():
    return pd.DataFrame({"benefit": [6e6, 1e6, 2e6], "fee": [1e6, 4e6, 0.5e6]}, index=list("abc"))


TARGETS += [
    declared("segment.abc_classes", segment.abc_classes, lambda: {"values": _values()}),
    declared("segment.pareto_curve", segment.pareto_curve, lambda: {"values": _values()}),
    declared("segment.gini", segment.gini, lambda: {"values": _values()}),
    declared("segment.concentration", segment.concentration, lambda: {"values": _values(), "top": 0.2}),
    declared("segment.tiers", segment.tiers, lambda: {"values": _values()}),
    declared("segment.pyramid", segment.pyramid, lambda: {"profit": _values()}),
    declared("segment.value_matrix", segment.value_matrix, lambda: {"historical": _values(), "future": _values()[::-1]}),
    declared("segment.loyalty_matrix", segment.loyalty_matrix, lambda: {"profit": _values(), "duration": _values()}),
    Target("segment.projected_duration", lambda **kw: segment.projected_duration(_bgnbd(), **kw),
           lambda: {"summary": _bg_summary(), "horizon": 52}, tables={"summary": _SUMMARY},
           numbers=("horizon",), nonnegative=("horizon",), huge=("horizon",)),
    declared("segment.projected_duration (the model)", segment.projected_duration,
             lambda: {"bgnbd": _bgnbd(), "summary": _bg_summary()}),
    declared("segment.class_summary", segment.class_summary,
             lambda: {"classes": segment.abc_classes(_values())},
             tables={"classes": Table(numbers=("value",), required=("segment", "value"))}),
    declared("segment.rule_tier", segment.rule_tier,
             lambda: {"table": _values_table(), "rules": [("blue", {"benefit": 5e6, "fee": 3e6})]},
             tables={"table": Table(numbers=("benefit", "fee"))}),
]


def _rfm_big():
    import numpy as np

    rng = np.random.default_rng(0)
    return pd.DataFrame({"recency": rng.integers(1, 300, 60), "frequency": rng.integers(1, 20, 60),
                         "monetary": rng.uniform(10, 5000, 60)})


TARGETS += [
    declared("segment.kmeans_segments", segment.kmeans_segments, lambda: {"rfm": _rfm_big(), "k_range": (2, 4)},
             tables={"rfm": Table(nonnegative=("recency", "frequency", "monetary"))}),
]

TARGETS += [
    declared("segment.customer_profit", segment.customer_profit,
             lambda: {"revenue": _values(), "margin_rate": 0.3, "cost_to_serve": 20.0},
             numbers=("cost_to_serve",), nonnegative=("cost_to_serve",), huge=("cost_to_serve",)),  # a number or a Series
]
