"""The opening case: how does a taxi driver choose his passengers? (出租车司机如何挑选乘客)

The seed's numbers (SYLLABUS B.17, textbook material [003]): the driver pays ¥380 rent a day
to the company and about ¥210 for fuel, and works 17 hours. "Cost cannot be counted by the
kilometre, only by time" (成本是不能按公里算的,只能按时间算): so every passenger is judged by
what he earns *per hour of the driver's time*, including the empty time before the next one.

Everything else here -- the fare rule, the four waiting strategies with their trip lengths,
speeds and empty times -- is the course's own illustration (**[added]**, not in the seeds),
chosen so that the seed's worked numbers come out: a ¥10 trip of 10 minutes followed by 20
minutes empty loses ¥14.5 an hour; a ¥100 airport trip of 60 minutes plus 30 empty earns
¥32.17 an hour above cost.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import _validate as _v
from ..errors import DataError, ParameterError, describe_rows

__all__ = [
    "SEED_RENT",
    "SEED_FUEL",
    "SEED_HOURS",
    "HourlyCost",
    "FareRule",
    "Strategy",
    "STRATEGIES",
    "hourly_cost",
    "TimeDistanceCost",
    "cost_split",
    "trip_cost",
    "fare",
    "trip_profit_per_hour",
    "break_even_trips_per_hour",
    "strategy_economics",
    "compare_strategies",
    "ShiftResult",
    "shift_simulation",
    "observed_profit_per_hour",
]

#: The seed's figures: rent per day (每天要交), fuel per day (油费大概), working hours (一天).
SEED_RENT, SEED_FUEL, SEED_HOURS = 380.0, 210.0, 17.0


# Constraints declared once per function (@_v.params); the bad-input harness derives its cases from them.
MONEY = _v.Number(low=0, kind="money")  # ¥ a day, a trip or an hour: 0 or more
COST_PER_HOUR = _v.Number(low=0, optional=True, kind="money")  # None: the seed's exact cost per hour
HOURS = _v.Number(low=0, low_open=True, high=24, kind="size")  # working hours a day
MINUTES = _v.Number(low=0, kind="size")
KM = _v.Number(low=0, kind="size")
TRIP_KM = _v.Number(low=0, low_open=True, optional=True, kind="size")  # None: the strategy's own
EMPTY_MIN = _v.Number(low=0, optional=True, kind="size")
SPEED_KMH = _v.Number(low=0, low_open=True, optional=True, kind="size")


@dataclass(frozen=True)
class HourlyCost:
    """The driver's cost per hour of work (每小时成本), split into rent and fuel."""

    rent_per_hour: float
    fuel_per_hour: float
    rounding: str

    @property
    def total(self) -> float:
        return self.rent_per_hour + self.fuel_per_hour


@_v.params(rent=MONEY, fuel=MONEY, hours=HOURS, rounding=_v.Options("exact", "seed"))
def hourly_cost(rent: float = SEED_RENT, fuel: float = SEED_FUEL, hours: float = SEED_HOURS,
                rounding: str = "exact") -> HourlyCost:
    """Cost per hour from the daily rent and fuel spread over the working hours.

    ``rounding="exact"`` gives 380/17 = 22.35 + 210/17 = 12.35 = ¥34.71/h. ``rounding="seed"``
    reproduces the seed's own rounding -- rent per hour down to the whole yuan (22), fuel per
    hour up to the next half yuan (12.5) -- which gives the seed's ¥34.5/h.
    """
    r, f = rent / hours, fuel / hours
    _v.finite("The cost per hour", [r, f], change=f"hours = {hours!r} is too small; give the working hours, e.g. 17")
    if rounding == "seed":
        r, f = math.floor(r + 1e-9), math.ceil(f * 2 - 1e-9) / 2
    return HourlyCost(r, f, rounding)


#: Kilometres a city taxi drives in a 17-hour day, loaded and empty: the course's assumption **[added]**.
SEED_KM_PER_DAY = 350.0


@dataclass(frozen=True)
class TimeDistanceCost:
    """The driver's cost split into what time costs and what distance costs."""

    per_hour: float  # rent: paid whether the car moves or not
    per_km: float  # fuel: paid per kilometre driven, loaded or empty


@_v.params(rent=MONEY, fuel=MONEY, hours=HOURS, km_per_day=_v.Number(low=0, low_open=True, kind="size"))
def cost_split(rent: float = SEED_RENT, fuel: float = SEED_FUEL, hours: float = SEED_HOURS,
               km_per_day: float = SEED_KM_PER_DAY) -> TimeDistanceCost:
    """Split the day's cost into a time part (rent / hours) and a distance part (fuel / km).

    The driver's saying "cost is counted by time, not by kilometre" is true of the rent; fuel does
    follow kilometres. 380 / 17 = ¥22.35 an hour and 210 / 350 = ¥0.60 a km (the 350 km are the
    course's assumption [added]).
    """
    split = TimeDistanceCost(rent / hours, fuel / km_per_day)
    _v.finite("The cost per hour or per km", [split.per_hour, split.per_km],
              change="give working hours (e.g. 17) and kilometres a day (e.g. 350) that are not tiny")
    return split


def _split(name, split) -> TimeDistanceCost:
    """A TimeDistanceCost; None is the seed's (``cost_split()``)."""
    if split is None:
        return cost_split()
    if not isinstance(split, TimeDistanceCost):
        raise ParameterError(f"{name} must be a TimeDistanceCost from cost_split(); got {_v._shown(split)}.")
    return split


@_v.params(minutes=MINUTES, km=KM, split=_v.Custom(_split, "a TimeDistanceCost from cost_split() (None: the seed's)"))
def trip_cost(minutes: float, km: float, split: TimeDistanceCost | None = None) -> float:
    """Cost of a trip that takes ``minutes`` of the driver's time (empty return included) and ``km``
    kilometres (empty ones included): time part + distance part."""
    return minutes / 60 * split.per_hour + km * split.per_km


@dataclass(frozen=True)
class FareRule:
    """A metered fare: a flag fall that covers the first kilometres, then a price per km.

    The default (¥10 for the first 3 km, ¥2 per km after) is the course's assumption **[added]**,
    in the style of Chinese city fares before 2013.
    """

    flag_fall: float = 10.0
    included_km: float = 3.0
    per_km: float = 2.0


def _distances(name, distance_km) -> np.ndarray:
    """Kilometres of 0 or more: one number, or an array of them (its shape kept)."""
    if np.ndim(distance_km) == 0:
        return np.asarray(_v.number(name, distance_km, low=0))
    return _v.sequence(name, np.ravel(distance_km), low=0, min_length=0).reshape(np.shape(distance_km))


def _rule(name, rule) -> FareRule:
    if not isinstance(rule, FareRule):
        raise ParameterError(f"{name} must be a FareRule, e.g. FareRule(flag_fall=10, included_km=3, per_km=2); "
                             f"got {_v._shown(rule)}.")
    return rule


_RULE = _v.Custom(_rule, "a FareRule (flag fall, km it covers, price per km after)")


@_v.params(distance_km=_v.Custom(_distances, "kilometres of 0 or more: a number or an array"), rule=_RULE)
def fare(distance_km, rule: FareRule = FareRule()):
    """The fare of a trip of ``distance_km`` (a number or an array) under ``rule``."""
    d = distance_km
    out = rule.flag_fall + rule.per_km * np.maximum(d - rule.included_km, 0.0)
    return float(out) if out.ndim == 0 else out


@_v.params(fare=MONEY, ride_min=_v.Number(low=0, low_open=True, kind="size"), empty_min=MINUTES,
           cost_per_hour=MONEY)
def trip_profit_per_hour(fare: float, ride_min: float, empty_min: float, cost_per_hour: float) -> float:
    """Profit per hour of the driver's time of one kind of trip (每小时利润).

    The trip occupies ``ride_min`` with the passenger plus ``empty_min`` without one (waiting,
    queueing, driving back); it earns ``fare``. Profit per hour = fare / hours used - cost per hour.
    Seed example: ¥10, 10 + 20 min, cost ¥34.5/h -> 10 / 0.5 - 34.5 = -¥14.5/h.
    """
    return fare / ((ride_min + empty_min) / 60.0) - cost_per_hour


@_v.params(fare=_v.Number(low=0, low_open=True, kind="money"), cost_per_hour=MONEY)
def break_even_trips_per_hour(fare: float, cost_per_hour: float) -> int:
    """How many trips of ``fare`` an hour cover the cost per hour (rounded up to whole trips).

    ¥10 trips against ¥34.5/h: 3.45 trips are not enough, so 4.
    """
    cost = cost_per_hour
    trips = cost / fare
    if trips > _v.MAX_MAGNITUDE:
        raise ParameterError(f"A fare of {fare!r} against a cost of {cost!r} an hour needs more trips than anyone can "
                             "drive: give the fare of a trip in yuan, e.g. 10.")
    return int(math.ceil(trips - 1e-12))


@dataclass(frozen=True)
class Strategy:
    """Where and how the driver waits for passengers **[added]**: typical trip and empty time."""

    name: str
    trip_km: float  # mean length of a trip
    speed_kmh: float  # mean speed with a passenger
    empty_min: float  # mean minutes without a passenger before the next one
    zone: str


#: The simulator's four strategies (the course's assumptions, not the seed's numbers).
STRATEGIES = {
    "metro_queue": Strategy("metro_queue", trip_km=3.0, speed_kmh=18.0, empty_min=25.0, zone="metro exit"),
    "cruise": Strategy("cruise", trip_km=7.0, speed_kmh=22.0, empty_min=9.0, zone="downtown"),
    "hotel": Strategy("hotel", trip_km=15.0, speed_kmh=28.0, empty_min=18.0, zone="hotels"),
    "airport": Strategy("airport", trip_km=45.0, speed_kmh=45.0, empty_min=30.0, zone="airport"),
}


def _strategy(name, strategy) -> Strategy:
    """One of STRATEGIES by name, or a Strategy of one's own (its trip length, speed and empty time checked)."""
    if isinstance(strategy, Strategy):
        _v.number(f"{name}.trip_km", strategy.trip_km, low=0, low_open=True)
        _v.number(f"{name}.speed_kmh", strategy.speed_kmh, low=0, low_open=True)
        _v.number(f"{name}.empty_min", strategy.empty_min, low=0)
        return strategy
    if not isinstance(strategy, str) or strategy not in STRATEGIES:
        raise ParameterError(f"{name} must be one of {sorted(STRATEGIES)}, or a Strategy; got {_v._shown(strategy)}.")
    return STRATEGIES[strategy]


_STRATEGY = _v.Custom(_strategy, "one of STRATEGIES' names, or a Strategy")


@_v.params(strategy=_STRATEGY, cost_per_hour=COST_PER_HOUR, rule=_RULE, trip_km=TRIP_KM, empty_min=EMPTY_MIN,
           speed_kmh=SPEED_KMH)
def strategy_economics(strategy="cruise", cost_per_hour: float | None = None, rule: FareRule = FareRule(),
                       trip_km: float | None = None, empty_min: float | None = None,
                       speed_kmh: float | None = None) -> dict:
    """The average economics of a strategy: mean fare, minutes per trip, revenue and profit per hour.

    Trip lengths vary as in :func:`shift_simulation`; the mean fare accounts for that.
    """
    s = strategy
    km = float(s.trip_km) if trip_km is None else trip_km
    empty = float(s.empty_min) if empty_min is None else empty_min
    speed = float(s.speed_kmh) if speed_kmh is None else speed_kmh
    cost = hourly_cost().total if cost_per_hour is None else cost_per_hour
    f, mean_km = _expected_fare_and_km(km, rule)
    ride = mean_km / speed * 60.0
    cycle = ride + empty
    return {
        "strategy": s.name,
        "fare": f,
        "ride_min": ride,
        "empty_min": empty,
        "trips_per_hour": 60.0 / cycle,
        "revenue_per_hour": f * 60.0 / cycle,
        "profit_per_hour": trip_profit_per_hour(f, ride, empty, cost),
        "busy_share": ride / cycle,
    }


TRIP_SHAPE = 3.0  # trip lengths are Gamma(3, mean/3) distributed, at least 1 km
MIN_KM = 1.0


def _expected_fare_and_km(mean_km: float, rule: FareRule) -> tuple[float, float]:
    """Mean fare and mean length of trips K = max(Gamma(shape 3, mean mean_km), 1 km).

    The fare is convex in the distance (a flag fall covers the first km), so the mean fare is
    above the fare of the mean trip: E[max(K - c, 0)] = E[K] (1 - F_{k+1}(c)) - c (1 - F_k(c)).
    """
    from scipy.stats import gamma

    k, theta = TRIP_SHAPE, mean_km / TRIP_SHAPE
    c = max(rule.included_km, MIN_KM)
    excess = mean_km * gamma.sf(c, k + 1, scale=theta) - c * gamma.sf(c, k, scale=theta)
    if rule.included_km < MIN_KM:  # trips are never shorter than MIN_KM
        excess += (MIN_KM - rule.included_km) * gamma.cdf(MIN_KM, k, scale=theta)
    shortfall = MIN_KM * gamma.cdf(MIN_KM, k, scale=theta) - mean_km * gamma.cdf(MIN_KM, k + 1, scale=theta)
    return rule.flag_fall + rule.per_km * excess, mean_km + shortfall


_OVERRIDABLE = ("trip_km", "empty_min", "speed_kmh")


def _overrides(name, overrides) -> dict:
    """Strategy name -> keyword overrides of strategy_economics (``cruise={"empty_min": 5}``); each value is
    checked there. None given (``**overrides`` empty): {}."""
    overrides = {} if overrides is inspect.Parameter.empty else overrides
    for key, change in overrides.items():
        if key not in STRATEGIES:
            raise ParameterError(f"compare_strategies takes overrides by strategy, one of {sorted(STRATEGIES)}; "
                                 f"got {key}=...")
        unknown = [k for k in change if k not in _OVERRIDABLE] if isinstance(change, Mapping) else None
        if unknown is None or unknown:
            raise ParameterError(f"{key} must map some of {', '.join(map(repr, _OVERRIDABLE))} to numbers, "
                                 f"e.g. {key}={{'empty_min': 5}}; got "
                                 f"{_v._shown(change) if unknown is None else 'unknown ' + repr(unknown)}.")
    return dict(overrides)


@_v.params(cost_per_hour=COST_PER_HOUR, rule=_RULE,
           overrides=_v.Custom(_overrides, "strategy name -> overrides of trip_km, empty_min, speed_kmh"))
def compare_strategies(cost_per_hour: float | None = None, rule: FareRule = FareRule(), **overrides) -> pd.DataFrame:
    """The four strategies side by side (average economics), best profit per hour first.

    ``overrides`` maps a strategy name to keyword overrides, e.g. ``cruise={"empty_min": 5}``.
    """
    rows = [strategy_economics(name, cost_per_hour, rule, **overrides.get(name, {})) for name in STRATEGIES]
    return pd.DataFrame(rows).sort_values("profit_per_hour", ascending=False, ignore_index=True)


@dataclass(frozen=True)
class ShiftResult:
    """One simulated shift: the trips, and revenue against cost over the hours worked."""

    strategy: str
    hours: float
    cost_per_hour: float
    trips: pd.DataFrame = field(repr=False)
    timeline: pd.DataFrame = field(repr=False)  # hour, cumulative revenue, cumulative cost

    @property
    def revenue(self) -> float:
        return float(self.trips["fare"].sum())

    @property
    def cost(self) -> float:
        return self.cost_per_hour * self.hours

    @property
    def profit(self) -> float:
        return self.revenue - self.cost

    @property
    def profit_per_hour(self) -> float:
        return self.profit / self.hours

    @property
    def n_trips(self) -> int:
        return len(self.trips)

    @property
    def busy_share(self) -> float:
        return float(self.trips["ride_minutes"].sum()) / (self.hours * 60.0)


@_v.params(strategy=_STRATEGY, hours=HOURS, cost_per_hour=COST_PER_HOUR, seed=_v.Number(low=0, integer=True),
           rule=_RULE, trip_km=TRIP_KM, empty_min=EMPTY_MIN, speed_kmh=SPEED_KMH,
           start_hour=_v.Number(low=0, high=24))
def shift_simulation(strategy="cruise", hours: float = SEED_HOURS, cost_per_hour: float | None = None,
                     seed: int = 0, rule: FareRule = FareRule(), trip_km: float | None = None,
                     empty_min: float | None = None, speed_kmh: float | None = None,
                     start_hour: float = 6.0) -> ShiftResult:
    """Simulate one shift of a driver who follows ``strategy`` (seeded, so repeatable).

    Empty time before each passenger is exponential around the strategy's mean; trip length is
    gamma-distributed (shape 3) around its mean, at least 1 km; ride time = length / speed. The
    driver stops when the next trip would end after the shift. ``cost_per_hour`` defaults to the
    seed's exact figure (¥34.71/h).
    """
    s = strategy
    cost = hourly_cost().total if cost_per_hour is None else cost_per_hour
    km_mean = float(s.trip_km) if trip_km is None else trip_km
    empty_mean = float(s.empty_min) if empty_min is None else empty_min
    speed = float(s.speed_kmh) if speed_kmh is None else speed_kmh

    rng = np.random.default_rng(seed)
    n = int(hours * 60 / max(km_mean / speed * 60 * 0.2 + empty_mean * 0.2, 0.5)) + 50  # more than can fit
    empty = rng.exponential(empty_mean, n) if empty_mean > 0 else np.zeros(n)
    km = np.maximum(rng.gamma(TRIP_SHAPE, km_mean / TRIP_SHAPE, n), MIN_KM).round(1)
    ride = km / speed * 60.0
    end = np.cumsum(empty + ride)
    k = int(np.searchsorted(end, hours * 60.0, side="right"))
    empty, km, ride, end = empty[:k], km[:k], ride[:k], end[:k]
    fares = np.round(fare(km, rule), 1)
    pickup = end - ride
    trips = pd.DataFrame({
        "trip": np.arange(1, k + 1),
        "pickup_hour": start_hour + pickup / 60.0,
        "empty_minutes_before": empty.round(1),
        "ride_minutes": ride.round(1),
        "distance_km": km,
        "fare": fares,
    })
    # Revenue arrives at the end of each trip; cost accrues with every hour of the shift.
    t = np.concatenate([[0.0], end / 60.0, [hours]])
    cum = np.cumsum(fares)
    rev = np.concatenate([[0.0], cum, cum[-1:] if k else [0.0]])
    timeline = pd.DataFrame({"hour": t, "revenue": rev, "cost": cost * t})
    return ShiftResult(s.name, hours, cost, trips, timeline)


@_v.params(trips=_v.Table("trip table", columns=("strategy", "shift_id", "fare")), cost_per_hour=COST_PER_HOUR,
           hours=HOURS)
def observed_profit_per_hour(trips: pd.DataFrame, cost_per_hour: float | None = None,
                             hours: float = SEED_HOURS) -> pd.Series:
    """Profit per hour of each strategy in a trip log such as ``load("taxi_trips")``.

    Revenue of all the strategy's shifts / (number of shifts x hours per shift) - cost per hour.
    """
    trips = trips.assign(fare=_v.numeric_column(trips, "fare", "trip table", allow_negative=False))
    _v.ids(trips, "shift_id", "trip table")
    if trips["strategy"].isna().any():
        raise DataError(f"The column 'strategy' of the trip table has missing values in "
                        f"{describe_rows(trips.index[trips['strategy'].isna()])}.")
    cost = hourly_cost().total if cost_per_hour is None else cost_per_hour
    g = trips.groupby("strategy", observed=True)
    per_hour = g["fare"].sum() / (g["shift_id"].nunique() * hours) - cost
    return per_hour.rename("profit_per_hour").sort_values(ascending=False)
