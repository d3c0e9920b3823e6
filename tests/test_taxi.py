"""crmkit.cases.taxi: the opening case's economics (SYLLABUS B.17 and C.1 oracles)."""

from __future__ import annotations

import numpy as np
import pytest

from crmkit import data
from crmkit.cases import taxi
from crmkit.errors import DataError, ParameterError


def test_hourly_cost_exact_and_as_the_seed_rounds_it():
    exact = taxi.hourly_cost(380, 210, 17)
    assert exact.rent_per_hour == pytest.approx(22.3529, abs=1e-4)
    assert exact.fuel_per_hour == pytest.approx(12.3529, abs=1e-4)
    assert exact.total == pytest.approx(34.71, abs=0.005)
    seed = taxi.hourly_cost(rounding="seed")
    assert (seed.rent_per_hour, seed.fuel_per_hour, seed.total) == (22, 12.5, 34.5)


def test_trip_profit_per_hour_matches_the_worked_examples():
    assert taxi.trip_profit_per_hour(10, 10, 20, 34.5) == pytest.approx(-14.5)
    assert taxi.trip_profit_per_hour(100, 60, 30, 34.5) == pytest.approx(32.1667, abs=1e-4)
    assert taxi.trip_profit_per_hour(0, 10, 0, 0) == 0


def test_break_even_trips_round_up_but_not_past_exact():
    assert taxi.break_even_trips_per_hour(10, 34.5) == 4
    assert taxi.break_even_trips_per_hour(10, 30) == 3  # exactly 3 is enough
    assert taxi.break_even_trips_per_hour(10, 0) == 0


def test_fare_rule():
    assert taxi.fare(2) == 10 and taxi.fare(3) == 10 and taxi.fare(10) == 24
    assert taxi.fare(np.array([1, 48])).tolist() == [10, 100]
    with pytest.raises(ParameterError):
        taxi.fare(-1)


@pytest.mark.parametrize("call, match", [
    (lambda: taxi.hourly_cost(hours=0), "hours must be more than 0"),
    (lambda: taxi.hourly_cost(hours=30), "at most 24"),
    (lambda: taxi.hourly_cost(rent=-5), "rent must be at least 0"),
    (lambda: taxi.hourly_cost(rent="a lot"), "rent must be a number"),
    (lambda: taxi.hourly_cost(rounding="up"), "rounding must be"),
    (lambda: taxi.trip_profit_per_hour(10, 0, 20, 34.5), "ride_min"),
    (lambda: taxi.trip_profit_per_hour(float("nan"), 10, 20, 34.5), "fare"),
    (lambda: taxi.break_even_trips_per_hour(0, 34.5), "fare must be more than 0"),
    (lambda: taxi.shift_simulation("bus"), "strategy must be one of"),
    (lambda: taxi.shift_simulation(seed=-1), "seed"),
    (lambda: taxi.shift_simulation(start_hour="six"), "start_hour must be a number"),
    (lambda: taxi.strategy_economics(taxi.Strategy("own", 0, 20, 5, "x")), r"strategy\.trip_km must be more than 0"),
    (lambda: taxi.compare_strategies(crusie={"empty_min": 5}), "overrides by strategy, one of"),
    (lambda: taxi.compare_strategies(cruise={"empty": 5}), r"cruise must map .*unknown \['empty'\]"),
    (lambda: taxi.compare_strategies(cruise={"empty_min": -5}), "empty_min must be at least 0"),
    (lambda: taxi.fare(5, rule={"flag_fall": 10}), "rule must be a FareRule"),
    (lambda: taxi.trip_cost(90, 60, split=22.35), "split must be a TimeDistanceCost"),
])
def test_bad_parameters_are_named(call, match):
    with pytest.raises(ParameterError, match=match):
        call()


def test_strategy_economics_reproduce_the_formula():
    e = taxi.strategy_economics("airport", cost_per_hour=34.5)
    assert e["fare"] == pytest.approx(94, abs=0.05)  # 10 + 2 x (45 - 3): long trips never fall under 3 km
    assert e["ride_min"] == pytest.approx(60, abs=0.01)
    assert e["profit_per_hour"] == pytest.approx(e["fare"] / 1.5 - 34.5)
    short = taxi.strategy_economics("metro_queue")  # mean 3 km: the flag fall makes the mean fare > fare(3 km)
    assert short["fare"] > taxi.fare(3)
    table = taxi.compare_strategies(34.5)
    assert list(table["profit_per_hour"]) == sorted(table["profit_per_hour"], reverse=True)
    assert table.iloc[-1]["strategy"] == "metro_queue" and table.iloc[-1]["profit_per_hour"] < 0


@pytest.mark.parametrize("strategy", list(taxi.STRATEGIES))
def test_a_shift_is_consistent_and_repeatable(strategy):
    a = taxi.shift_simulation(strategy, hours=12, seed=5)
    b = taxi.shift_simulation(strategy, hours=12, seed=5)
    assert a.trips.equals(b.trips)
    t = a.trips
    assert a.n_trips > 0
    end = (t["pickup_hour"] - 6) * 60 + t["ride_minutes"]
    assert end.max() <= 12 * 60 + 0.1  # every trip ends within the shift
    assert (t["distance_km"] >= 1).all()
    assert a.revenue == pytest.approx(t["fare"].sum())
    assert a.profit == pytest.approx(a.revenue - a.cost_per_hour * 12)
    assert np.all(np.diff(a.timeline["revenue"]) >= 0) and np.all(np.diff(a.timeline["hour"]) >= 0)
    assert a.timeline["revenue"].iloc[-1] == pytest.approx(a.revenue)
    assert not taxi.shift_simulation(strategy, hours=12, seed=6).trips.equals(t)


@pytest.mark.parametrize("strategy", ["airport", "metro_queue"])
def test_long_run_average_approaches_the_strategy_economics(strategy):
    # Over 200 simulated shifts, fares per hour of trip cycles (ride + empty) approach the analytic
    # figure; a whole shift earns a little less, as the time after the last trip earns nothing.
    shifts = [taxi.shift_simulation(strategy, seed=s) for s in range(200)]
    fares = sum(s.revenue for s in shifts)
    minutes = sum((s.trips["ride_minutes"] + s.trips["empty_minutes_before"]).sum() for s in shifts)
    analytic = taxi.strategy_economics(strategy)
    assert fares / minutes * 60 == pytest.approx(analytic["revenue_per_hour"], rel=0.03)
    assert np.mean([s.profit_per_hour for s in shifts]) < analytic["profit_per_hour"]


def test_observed_profit_per_hour_from_the_trip_log():
    trips = data.load("taxi_trips")
    got = taxi.observed_profit_per_hour(trips)
    airport = trips[trips["strategy"] == "airport"]
    assert got["airport"] == pytest.approx(airport["fare"].sum() / (20 * 17) - 590 / 17)
    assert got.index[0] == "airport" and got.index[-1] == "metro_queue"
    with pytest.raises(DataError, match="no column 'fare'"):
        taxi.observed_profit_per_hour(trips.drop(columns="fare"))


def test_cost_split_into_time_and_distance():
    s = taxi.cost_split(380, 210, 17, 350)
    assert s.per_hour == pytest.approx(22.3529, abs=1e-4) and s.per_km == pytest.approx(0.6)
    # a 60-minute airport trip of 30 km plus 30 minutes and 30 km back empty
    assert taxi.trip_cost(90, 60, s) == pytest.approx(1.5 * 22.3529 + 36, abs=1e-3)
    with pytest.raises(ParameterError, match="km_per_day"):
        taxi.cost_split(km_per_day=0)


# --- chapter 00 (issue 9): the cost split the chapter shows ---------------------------------


def test_chapter_cost_split_example_keeps_the_ranking():
    s = taxi.cost_split(380, 210, 17, 350)
    short, airport = taxi.trip_cost(30, 4, s), taxi.trip_cost(90, 55, s)
    assert short == pytest.approx(0.5 * 380 / 17 + 4 * 0.6, abs=1e-9)  # 11.18 + 2.40 = 13.58
    assert airport == pytest.approx(1.5 * 380 / 17 + 55 * 0.6, abs=1e-9)  # 33.53 + 33.00 = 66.53
    per_hour_short, per_hour_airport = (10 - short) / 0.5, (100 - airport) / 1.5
    assert per_hour_short == pytest.approx(-7.153, abs=1e-3)
    assert per_hour_airport == pytest.approx(22.314, abs=1e-3)
    # by time only: -14.71 and +31.96; fuel per km narrows the gap but keeps the order
    exact = taxi.hourly_cost().total
    assert 10 / 0.5 - exact < per_hour_short < 0 < per_hour_airport < 100 / 1.5 - exact


def test_exercise_day_split_flips_a_ranking():
    # ¥400 rent, ¥270 fuel, 17 h, 300 km: 23.53 ¥/h and 0.90 ¥/km
    s = taxi.cost_split(400, 270, 17, 300)
    assert s.per_km == pytest.approx(0.9) and s.per_hour == pytest.approx(23.5294, abs=1e-4)
    by_time = {k: f / (m / 60) - 670 / 17 for k, (f, m) in {"suburb": (60, 50), "hotel": (45, 40)}.items()}
    split = {k: (f - taxi.trip_cost(m, km, s)) / (m / 60)
             for k, (f, m, km) in {"suburb": (60, 50, 40), "hotel": (45, 40, 10)}.items()}
    assert by_time["suburb"] > by_time["hotel"]  # 32.59 > 28.09
    assert split["hotel"] > split["suburb"]  # 30.47 > 5.27
    assert split["suburb"] == pytest.approx((60 - 50 / 60 * 400 / 17 - 36) / (50 / 60))


def test_every_public_function_declares_its_constraints_and_the_declaration_checks():
    """One declaration per function (issue 23): the checks at the call come from it, and a Strategy of one's
    own or a compare_strategies override still computes as before."""
    import inspect

    for name in taxi.__all__:
        fn = getattr(taxi, name)
        if inspect.isfunction(fn):
            assert set(fn.__crmkit_params__) == set(inspect.signature(fn).parameters), name
    own = taxi.Strategy("own", trip_km=7.0, speed_kmh=22.0, empty_min=5.0, zone="downtown")
    assert taxi.strategy_economics(own, 34.5)["profit_per_hour"] == pytest.approx(
        taxi.compare_strategies(34.5, cruise={"empty_min": 5}).set_index("strategy").loc["cruise", "profit_per_hour"])
