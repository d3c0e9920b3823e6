"""Questions of chapter 00: the taxi driver who chooses his passengers (出租车司机如何挑选乘客)."""

from __future__ import annotations

from ..cases import taxi
from ._core import ChoiceQuestion, FrameQuestion, NumberQuestion

SEED_COST = lambda: taxi.hourly_cost(rounding="seed").total  # noqa: E731  (¥34.5/h, the seed's figure)
#: The exercises' own day (rent, fuel, hours): the chapter works the seed's ¥380 + ¥210 over 17 hours,
#: so the exercises use dearer fuel and other fares, and the chapter never prints their answers.
NEW_DAY = (380, 250, 17)

q1 = NumberQuestion(
    "Q1",
    "Fuel prices rise: the driver now pays ¥380 rent and about ¥250 fuel a day, and still works 17 hours. "
    "What is his exact cost per hour (每小时成本) now? Answer a number in ¥ per hour, to 2 decimals, e.g. "
    "`12.34`.",
    expected=lambda: taxi.hourly_cost(*NEW_DAY).total,
    hints=["Add up everything he pays in a day.", "Divide the daily total by the hours he works: (380 + 250) / 17."],
    unit="¥/h",
)

q2 = NumberQuestion(
    "Q2",
    "A ¥12 passenger takes 10 minutes, then the driver is empty for 20 minutes before the next one. With "
    "the seed's cost of ¥34.5 an hour, what is his profit per hour on such trips? Answer a number in ¥ "
    "per hour, negative for a loss, to 2 decimals, e.g. `-3.25`.",
    expected=lambda: taxi.trip_profit_per_hour(12, 10, 20, SEED_COST()),
    hints=["How much time does one such trip really use, counting the empty minutes?",
           "30 minutes is half an hour: revenue per hour = 12 / 0.5. Then subtract the cost per hour."],
    unit="¥/h",
)

q3 = NumberQuestion(
    "Q3",
    "A ¥90 airport passenger takes 50 minutes, and the drive back empty takes 40 minutes. At ¥34.5 an "
    "hour, what is the profit per hour? Answer a number in ¥ per hour, to 2 decimals, e.g. `12.34`.",
    expected=lambda: taxi.trip_profit_per_hour(90, 50, 40, SEED_COST()),
    hints=["The trip uses 90 minutes of the driver's time.", "90 / 1.5 - 34.5"],
    unit="¥/h",
)

q4 = NumberQuestion(
    "Q4",
    "How many ¥12 trips an hour does the driver need just to cover ¥34.5 an hour? Answer a whole number, "
    "e.g. `7`.",
    expected=lambda: taxi.break_even_trips_per_hour(12, SEED_COST()),
    hints=["34.5 / 12 = 2.875 trips; can he make 0.875 of a trip?", "Round up: math.ceil(34.5 / 12)."],
    abs_tol=0,
    rel_tol=0,
)

q5 = ChoiceQuestion(
    "Q5",
    "By what does the driver say cost must be counted? Answer one option as text: `'kilometres'`, "
    "`'time'`, `'fuel'` or `'passengers'`, e.g. `'fuel'`.",
    expected=lambda: "time",
    choices=["kilometres", "time", "fuel", "passengers"],
    hints=["Reread the first saying (司机师傅语录 1).",
           "成本是不能按公里算的,只能按______算。"],
)

q6 = FrameQuestion(
    "Q6",
    "The trip log `data.load(\"taxi_trips\")` holds 20 shifts of 17 hours for each strategy. Compute the "
    "profit per hour of each strategy at the new cost per hour of Q1 (rent ¥380, fuel ¥250). Answer a "
    "pandas Series indexed by strategy, in ¥ per hour, e.g. `pd.Series({'airport': 12.3, 'short': -4.5, "
    "...})`.",
    expected=lambda: taxi.observed_profit_per_hour(_trips(), cost_per_hour=taxi.hourly_cost(*NEW_DAY).total),
    hints=["Group the trips by 'strategy' and add up the 'fare'.",
           "Revenue per hour = total fare / (number of shifts x 17); count shifts with "
           "trips.groupby('strategy')['shift_id'].nunique().",
           "Then subtract (380 + 250) / 17."],
    rel_tol=1e-3,
    abs_tol=0.05,
)


def _trips():
    from ..data import load

    return load("taxi_trips")
