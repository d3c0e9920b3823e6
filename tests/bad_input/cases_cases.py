"""crmkit.cases (the taxi case) in the bad-input harness: the targets are derived from the functions'
declarations (@_validate.params); what a declaration cannot say (a number inside a Custom check, a table's
columns) is added by hand."""

from __future__ import annotations

import pandas as pd

from crmkit.cases import taxi

from .harness import Table, Target, declared


def _trips():
    return pd.DataFrame({"strategy": ["cruise", "cruise", "airport"], "shift_id": ["s1", "s1", "s2"],
                         "fare": [12.0, 30.0, 100.0]})


TARGETS = [
    declared("cases.taxi.hourly_cost", taxi.hourly_cost, lambda: {"rent": 380, "fuel": 210, "hours": 17}),
    declared("cases.taxi.fare", taxi.fare, lambda: {"distance_km": 5.0},  # a number or an array: a Custom check
             numbers=("distance_km",), nonnegative=("distance_km",), huge=("distance_km",)),
    Target("cases.taxi.fare (array)", taxi.fare, lambda: {"distance_km": [1.0, 5.0, 48.0]},
           sequences=("distance_km",), bad=(("bad_rule", "rule", None),)),
    declared("cases.taxi.trip_profit_per_hour", taxi.trip_profit_per_hour,
             lambda: {"fare": 10, "ride_min": 10, "empty_min": 20, "cost_per_hour": 34.5}),
    declared("cases.taxi.break_even_trips_per_hour", taxi.break_even_trips_per_hour,
             lambda: {"fare": 10, "cost_per_hour": 34.5}),
    declared("cases.taxi.strategy_economics", taxi.strategy_economics, lambda: {"strategy": "cruise"},
             options=("strategy",)),  # a name or a Strategy: a Custom check
    declared("cases.taxi.compare_strategies", taxi.compare_strategies,
             lambda: {"cost_per_hour": 34.5, "cruise": {"empty_min": 5}},
             bad=(("bad_option", "crusie", {"empty_min": 5}), ("bad_override", "cruise", {"empty": 5}),
                  ("bad_override", "hotel", 5))),
    declared("cases.taxi.shift_simulation", taxi.shift_simulation, lambda: {"strategy": "airport", "seed": 1},
             options=("strategy",)),
    declared("cases.taxi.observed_profit_per_hour", taxi.observed_profit_per_hour, lambda: {"trips": _trips()},
             tables={"trips": Table(ids=("shift_id",), nonnegative=("fare",), required=("strategy", "shift_id", "fare"))}),
    declared("cases.taxi.cost_split", taxi.cost_split,
             lambda: {"rent": 380, "fuel": 210, "hours": 17, "km_per_day": 350}),
    declared("cases.taxi.trip_cost", taxi.trip_cost, lambda: {"minutes": 90, "km": 60},
             bad=(("bad_split", "split", "cost_split()"),)),
]
