"""crmkit.cases (the taxi case) in the bad-input harness."""

from __future__ import annotations

import pandas as pd

from crmkit.cases import taxi

from .harness import Table, Target


def _trips():
    return pd.DataFrame({"strategy": ["cruise", "cruise", "airport"], "shift_id": ["s1", "s1", "s2"],
                         "fare": [12.0, 30.0, 100.0]})


TARGETS = [
    Target("cases.taxi.hourly_cost", taxi.hourly_cost, lambda: {"rent": 380, "fuel": 210, "hours": 17},
           numbers=("rent", "fuel", "hours"), nonnegative=("rent", "fuel", "hours"), huge=("rent", "hours")),
    Target("cases.taxi.fare", taxi.fare, lambda: {"distance_km": 5.0},
           numbers=("distance_km",), nonnegative=("distance_km",), huge=("distance_km",)),
    Target("cases.taxi.trip_profit_per_hour", taxi.trip_profit_per_hour,
           lambda: {"fare": 10, "ride_min": 10, "empty_min": 20, "cost_per_hour": 34.5},
           numbers=("fare", "ride_min", "empty_min", "cost_per_hour"),
           nonnegative=("fare", "ride_min", "empty_min", "cost_per_hour"), huge=("fare", "ride_min")),
    Target("cases.taxi.break_even_trips_per_hour", taxi.break_even_trips_per_hour,
           lambda: {"fare": 10, "cost_per_hour": 34.5}, numbers=("fare", "cost_per_hour"),
           nonnegative=("fare", "cost_per_hour"), huge=("cost_per_hour",)),
    Target("cases.taxi.strategy_economics", taxi.strategy_economics, lambda: {"strategy": "cruise"},
           options=("strategy",)),
    Target("cases.taxi.shift_simulation", taxi.shift_simulation, lambda: {"strategy": "airport", "seed": 1},
           numbers=("hours",), nonnegative=("hours",), options=("strategy",), skip=("none:hours",)),
    Target("cases.taxi.observed_profit_per_hour", taxi.observed_profit_per_hour, lambda: {"trips": _trips()},
           tables={"trips": Table(ids=("shift_id",), nonnegative=("fare",), required=("strategy", "shift_id", "fare"))},
           numbers=("hours",), skip=("none:hours",)),
]

TARGETS += [
    Target("cases.taxi.cost_split", taxi.cost_split, lambda: {"rent": 380, "fuel": 210, "hours": 17, "km_per_day": 350},
           numbers=("rent", "fuel", "hours", "km_per_day"), nonnegative=("rent", "fuel", "hours", "km_per_day"),
           huge=("km_per_day",)),
    Target("cases.taxi.trip_cost", taxi.trip_cost, lambda: {"minutes": 90, "km": 60},
           numbers=("minutes", "km"), nonnegative=("minutes", "km"), huge=("km",)),
]
