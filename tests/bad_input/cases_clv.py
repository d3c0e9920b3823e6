"""crmkit.clv in the bad-input harness."""

from __future__ import annotations

import functools

import pandas as pd

from crmkit import clv

from .harness import Table, Target, declared


def _tx():
    return pd.DataFrame({
        "customer_id": ["a", "a", "a", "b", "b", "c", "d", "d"],
        "date": ["2024-01-01", "2024-01-20", "2024-03-01", "2024-01-05", "2024-02-10", "2024-01-07",
                 "2024-01-09", "2024-03-20"],
        "amount": [10.0, 12.0, 9.0, 40.0, 35.0, 7.0, 20.0, 22.0],
    })


@functools.lru_cache(maxsize=1)
def _fitted():
    s = clv.simulate_bgnbd(400, 52.0, r=0.5, alpha=5.0, a=0.8, b=2.5, seed=3)
    s["monetary_value"] = 20.0 + (s.index % 7) * 3.0
    return clv.BGNBD().fit(s), clv.GammaGamma().fit(s), s


def _summary():
    return _fitted()[2].head(30).copy()


def _bg_method(name):
    def call(**kw):
        return getattr(_fitted()[0], name)(**kw)
    return call


SUMMARY = Table(numbers=("frequency", "recency", "T"), nonnegative=("frequency", "recency", "T"))
SUMMARY_GG = Table(numbers=("frequency", "monetary_value"), nonnegative=("frequency", "monetary_value"),
                   required=("frequency", "monetary_value"))

TARGETS = [
    Target("clv.annuity_factor", clv.annuity_factor, lambda: {"r": 0.08, "n": 10},
           numbers=("r", "n"), nonnegative=("n",), huge=("n",)),
    # clv.formulas declares its constraints (@_validate.params): these targets are derived from them
    declared("clv.clv_model_one", clv.clv_model_one, lambda: {"In": 1000, "r": 0.08, "n": 10}),
    declared("clv.clv_model_two", clv.clv_model_two, lambda: {"Po": 3000, "Co": 500, "In": 1000, "r": 0.08, "n": 10}),
    declared("clv.clv_model_three", clv.clv_model_three,
             lambda: {"Po": 3000, "Co": 500, "In": 1000, "Cs": 100, "r": 0.08, "n": 10}),
    declared("clv.ltv", clv.ltv, lambda: {"profits": [100, 120, 90], "d": 0.1}),
    Target("clv.ltv (400 periods)", clv.ltv, lambda: {"profits": [100.0] * 400, "d": 0.1}, rates=("d",)),
    declared("clv.retention_clv", clv.retention_clv,
             lambda: {"margin": 100, "retention": 0.8, "discount": 0.1, "horizon": 5}),
    declared("clv.retention_value_curve", clv.retention_value_curve,
             lambda: {"margin": 100, "retention": 0.8, "discount": 0.1, "horizon": 5}),
    declared("clv.customer_event_clv", clv.customer_event_clv, lambda: {"n_customers": 50, "periods": 5}),
    declared("clv.summarize", clv.summarize, lambda: {"transactions": _tx(), "asof": "2024-06-30"},
             tables={"transactions": Table(ids=("customer_id",), dates=("date",), numbers=("amount",))}),
    declared("clv.calibration_holdout", clv.calibration_holdout,
             lambda: {"transactions": _tx(), "calibration_end": "2024-02-15", "asof": "2024-06-30"},
             tables={"transactions": Table(ids=("customer_id",), dates=("date",), numbers=("amount",))}),
    Target("clv.BGNBD.fit", lambda **kw: clv.BGNBD().fit(**kw), lambda: {"summary": _fitted()[2].copy()},
           tables={"summary": SUMMARY}, fit=True),
    Target("clv.GammaGamma.fit", lambda **kw: clv.GammaGamma().fit(**kw), lambda: {"summary": _fitted()[2].copy()},
           tables={"summary": SUMMARY_GG}, fit=True),
    Target("clv.ShiftedBetaGeometric.fit", lambda **kw: clv.ShiftedBetaGeometric().fit(**kw),
           lambda: {"survivors": [1000, 631, 468, 382, 326]}, fit=True),
    Target("clv.BGNBD.probability_alive", _bg_method("probability_alive"),
           lambda: {"frequency": 2, "recency": 10.0, "T": 30.0},
           numbers=("frequency", "recency", "T"), nonnegative=("frequency", "recency", "T"), huge=("T",)),
    Target("clv.BGNBD.conditional_expected_purchases", _bg_method("conditional_expected_purchases"),
           lambda: {"t": 10, "frequency": 2, "recency": 10.0, "T": 30.0},
           numbers=("t", "frequency", "recency", "T"), nonnegative=("t", "frequency", "recency", "T"), huge=("t", "T")),
    Target("clv.BGNBD.expected_purchases_new_customer", _bg_method("expected_purchases_new_customer"),
           lambda: {"t": 10}, numbers=("t",), nonnegative=("t",), huge=("t",)),
    Target("clv.BGNBD.log_likelihood", _bg_method("log_likelihood"),
           lambda: {"frequency": 2, "recency": 10.0, "T": 30.0},
           numbers=("frequency", "recency", "T"), nonnegative=("frequency", "recency", "T"), huge=("T",)),
    Target("clv.BGNBD.probability_alive(summary)", lambda summary: _fitted()[0].probability_alive(summary),
           lambda: {"summary": _summary()}, tables={"summary": SUMMARY}),
    Target("clv.BGNBD.conditional_expected_purchases(t, summary)",
           lambda t, summary: _fitted()[0].conditional_expected_purchases(t, summary),
           lambda: {"t": 10, "summary": _summary()}, tables={"summary": SUMMARY},
           numbers=("t",), nonnegative=("t",), huge=("t",)),
    Target("clv.BGNBD.log_likelihood(summary)", lambda summary: _fitted()[0].log_likelihood(summary),
           lambda: {"summary": _summary()}, tables={"summary": SUMMARY}),
    Target("clv.GammaGamma.expected_spend", lambda **kw: _fitted()[1].expected_spend(**kw),
           lambda: {"frequency": 2, "monetary_value": 30.0},
           numbers=("frequency", "monetary_value"), nonnegative=("frequency", "monetary_value"),
           huge=("frequency", "monetary_value")),
    Target("clv.GammaGamma.expected_spend(summary)", lambda summary: _fitted()[1].expected_spend(summary),
           lambda: {"summary": _summary()}, tables={"summary": SUMMARY_GG}),
    Target("clv.clv_bgnbd_gg", lambda **kw: clv.clv_bgnbd_gg(_fitted()[0], _fitted()[1], **kw),
           lambda: {"summary": _summary(), "horizon": 12, "discount": 0.01},
           tables={"summary": Table(numbers=("frequency", "recency", "T", "monetary_value"),
                                    nonnegative=("frequency", "recency", "T", "monetary_value"))},
           numbers=("horizon", "discount", "margin", "step"), nonnegative=("horizon", "step"), huge=("horizon",),
           rates=("discount",)),  # the models are fitted once: the targets call through a lambda, roles by hand
    declared("clv.simulate_bgnbd", clv.simulate_bgnbd,
             lambda: {"n": 20, "T": 10.0, "r": 0.5, "alpha": 5.0, "a": 0.8, "b": 2.5},
             numbers=("T",), nonnegative=("T",), huge=("T",),
             tiny=("alpha", "a")),  # a tiny alpha and a made the simulation run for ever
]

TARGETS += [
    # declared with Custom checks (one to six numbers; a list or a dict of numbers): the roles by hand
    Target("clv.clv_components", lambda **kw: clv.clv_components(*kw.values()),
           lambda: {"c1": 100.0, "c2": 50.0, "c3": 20.0}, numbers=("c1", "c2", "c3"), huge=("c1",)),
    Target("clv.clv_components (six)", lambda **kw: clv.clv_components(*kw.values()),
           lambda: {f"c{i}": 100.0 for i in range(1, 7)}, numbers=("c6",), bad=(("seventh", "c7", 1.0),)),
    Target("clv.clv_lifecycle", clv.clv_lifecycle,
           lambda: {"clr": [100, 300, 500, 200], "costs": {"Ca": 300, "Cp": 150}}, sequences=("clr",),
           bad=(("empty", "clr", []), ("negative_cost", "costs", {"Ca": -300}), ("text_cost", "costs", {"Ca": "300"}),
                ("bare_number", "costs", 300), ("dict_text", "clr", {"考察期": "a"}))),
    Target("clv.clv_lifecycle (lists)", clv.clv_lifecycle,
           lambda: {"clr": {"考察期": 100, "形成期": 300}, "costs": [300, 150]}, sequences=("costs",)),
]

TARGETS += [
    Target("clv.iso_value", lambda **kw: clv.iso_value(_fitted()[0], **kw),
           lambda: {"T": 39.0, "frequencies": [0, 1, 5], "recencies": [0, 10, 39], "horizon": 12},
           numbers=("T", "horizon", "discount", "step", "spend"), nonnegative=("T", "horizon", "step", "spend"),
           huge=("horizon", "T"), rates=("discount",)),
]
