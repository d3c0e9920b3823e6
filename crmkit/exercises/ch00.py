"""Questions of chapter 00: the taxi driver who chooses his passengers (出租车司机如何挑选乘客).

Graded recall -> compute -> interpret -> design. The exercises' own day is dearer than the seed's
(the chapter works ¥380 rent + ¥210 fuel over 17 hours and 350 km): ¥400 rent, ¥270 fuel, 17 hours
(the trip log's shift length) and 300 km a day, so the chapter never prints their answers.
"""

from __future__ import annotations

from ..cases import taxi
from ._core import ChoiceQuestion, FrameQuestion, MappingQuestion, NumberQuestion, OpenQuestion, SequenceQuestion

#: The exercises' own day: rent, fuel, hours, kilometres driven (loaded and empty).
RENT, FUEL, HOURS, KM = 400, 270, 17, 300
#: Two offers for the interpretation question: (fare ¥, minutes of the driver's time, km loaded + empty).
OFFERS = {"suburb": (60, 50, 40), "hotel": (45, 40, 10)}


def _split():
    return taxi.cost_split(RENT, FUEL, HOURS, KM)


def _time_cost():
    return taxi.hourly_cost(RENT, FUEL, HOURS).total


def _trips():
    from ..data import load

    return load("taxi_trips")


def _per_hour_split(fare, minutes, km):
    return (fare - taxi.trip_cost(minutes, km, _split())) / (minutes / 60)


q1 = ChoiceQuestion(
    "Q1",
    "By what does the driver say cost must be counted? Answer one option as text: `'kilometres'`, "
    "`'time'`, `'fuel'` or `'passengers'`, e.g. `'fuel'`.",
    expected=lambda: "time",
    choices=["kilometres", "time", "fuel", "passengers"],
    hints=["Reread the first saying (司机师傅语录 1).",
           "成本是不能按公里算的,只能按______算。"],
)

q2 = NumberQuestion(
    "Q2",
    "A dearer day: rent ¥400, fuel ¥270, 17 hours, 300 km driven (loaded and empty). Counting ALL of "
    "it by time, as the driver does, what is his cost per hour (每小时成本)? Answer a number in ¥ per "
    "hour, to 2 decimals, e.g. `12.34`.",
    expected=_time_cost,
    hints=["Add up everything he pays in a day, then divide by the hours he works.",
           "(400 + 270) / 17"],
    unit="¥/h",
    graded_hints=1,  # the last hint spells out the computation: practice only
)

q3 = NumberQuestion(
    "Q3",
    "Same day, now split: rent is a time cost (¥ per hour), fuel a distance cost (¥ per km over the "
    "300 km). What does a trip cost that takes 75 minutes of his time (ride and empty return) and 48 km "
    "(loaded and empty)? Answer a number in ¥, to 2 decimals, e.g. `56.78`.",
    expected=lambda: taxi.trip_cost(75, 48, _split()),
    hints=["Time part: 400 / 17 per hour; distance part: 270 / 300 per km.",
           "75 / 60 x (400 / 17) + 48 x (270 / 300); or taxi.trip_cost(75, 48, taxi.cost_split(400, 270, 17, 300))."],
    unit="¥",
    graded_hints=1,  # the last hint spells out the computation: practice only
)

q4 = ChoiceQuestion(
    "Q4",
    "Two passengers wave at once. 'suburb': ¥60, 50 minutes of his time, 40 km; 'hotel': ¥45, 40 minutes,"
    " 10 km. Counted by time only (Q2's cost per hour), the suburb trip earns more per hour. With the "
    "split cost of Q3 (rent per hour, fuel per km), which trip earns more per hour of his time? Answer "
    "one option as text: `'suburb'` or `'hotel'`, e.g. `'suburb'`.",
    expected=lambda: max(OFFERS, key=lambda k: _per_hour_split(*OFFERS[k])),
    choices=list(OFFERS),
    computed=True,  # two offers: which earns more per hour is computed from fares, times and the split cost
    hints=["For each trip: (fare - trip cost) / hours of his time, with trip cost = time part + distance part.",
           "suburb: (60 - (50/60 x 400/17 + 40 x 0.9)) / (50/60); hotel: (45 - (40/60 x 400/17 + 10 x 0.9)) / (40/60).",
           "Kilometres cost fuel: a long fast trip uses more of it per hour than counting by time assumes."],
)

q5 = FrameQuestion(
    "Q5",
    "The trip log `data.load(\"taxi_trips\")` holds 20 shifts of 17 hours for each strategy. Compute the "
    "profit per hour of each strategy at the dearer day's cost per hour of Q2 (counted by time). Answer a "
    "pandas Series indexed by strategy, in ¥ per hour, e.g. `pd.Series({'airport': 12.3, 'metro_queue': -4.5, "
    "...})`.",
    expected=lambda: taxi.observed_profit_per_hour(_trips(), cost_per_hour=_time_cost()),
    hints=["Group the trips by 'strategy' and add up the 'fare'.",
           "Revenue per hour = total fare / (number of shifts x 17); count shifts with "
           "trips.groupby('strategy')['shift_id'].nunique().",
           "Then subtract (400 + 270) / 17."],
    rel_tol=1e-3,
    abs_tol=0.05,
)

q6 = NumberQuestion(
    "Q6",
    "In the trip log, what share of the metro-queue driver's working time is spent with a passenger "
    "(ride minutes over all of his 20 shifts of 17 hours)? Answer a fraction to 3 decimals, e.g. `0.123`"
    " for 12.3 %.",
    expected=lambda: float(_trips().query("strategy == 'metro_queue'")["ride_minutes"].sum() / (20 * 17 * 60)),
    hints=["Select the rows with strategy 'metro_queue' and add up 'ride_minutes'.",
           "Divide by the minutes of 20 shifts: 20 x 17 x 60."],
    abs_tol=0.001,
)

q7 = SequenceQuestion(
    "Q7",
    "Luck or statistics? In the trip log, compute each shift's revenue (sum of fares per shift_id), then "
    "the standard deviation of shift revenue for each strategy. Rank the four strategies from the most "
    "variable to the least. Answer a list of strategy names, e.g. `['cruise', 'hotel', 'airport', "
    "'metro_queue']`.",
    expected=lambda: list(_trips().groupby(["strategy", "shift_id"])["fare"].sum()
                          .groupby("strategy").std().sort_values(ascending=False).index),
    hints=["trips.groupby(['strategy', 'shift_id'])['fare'].sum() gives one revenue per shift.",
           "Then .groupby('strategy').std().sort_values(ascending=False).index"],
)

q8 = MappingQuestion(
    "Q8",
    "Design the driver's rule for the dearer day: for each strategy of the trip log, `'take'` it if its "
    "profit per hour in Q5 is above zero, else `'avoid'`. Answer a dict of strategy -> `'take'` or "
    "`'avoid'`, e.g. `{'airport': 'avoid', 'hotel': 'take', 'cruise': 'take', 'metro_queue': 'avoid'}`.",
    expected=lambda: {k: ("take" if x > 0 else "avoid") for k, x in
                      taxi.observed_profit_per_hour(_trips(), cost_per_hour=_time_cost()).items()},
    hints=["Use your Series of Q5.", "{k: 'take' if x > 0 else 'avoid' for k, x in profit.items()}"],
)

q9 = OpenQuestion(
    "Q9",
    "Open question: a new driver asks you which strategy to follow for his first month. Using the chapter's "
    "numbers (the profit per hour of each strategy in the trip log, and how much one shift varies), advise him, "
    "and say what the same reasoning tells a company about choosing its customers. Answer as a text (a Python "
    "str) of 80-200 words.",
    rubric=[("uses the trip log's profit per hour of at least two strategies, with the cost counted", 2),
            ("weighs the average against the variation between shifts (one shift is luck, twenty are statistics)", 1),
            ("names a condition under which another strategy would be better (rent, fuel, empty time, the day)", 1),
            ("draws the lesson for a company: customers differ in profit per unit of the scarce resource, "
             "so choose and serve them accordingly", 2)],
    model_answer="Wait at the airport. Over 20 shifts per strategy the trip log gives the airport about ¥23 an hour "
                 "above the full cost of ¥34.71 an hour, the hotel rank about ¥4, cruising about ¥2, and the metro "
                 "queue loses about ¥15 an hour: many ¥10 fares each come with twenty minutes of waiting. Any "
                 "single shift can be poor, so judge the strategy on a month of shifts, not on one day, as "
                 "the driver says: statistics, not luck. The advice holds at today's rent and fuel; if fuel rose "
                 "sharply, the long airport runs would lose part of their lead, and a metro exit with short queues "
                 "could break even. For a company the lesson is the same: the scarce resource (the driver's hours, "
                 "a salesperson's time) should go to the customers who bring the most profit per unit of it, and "
                 "the cheapest way to serve the others must be found, or they must be declined.",
    hints=["Start from the table of profit per hour by strategy in the trip log (section 4).",
           "What is the driver's scarce resource, and what is a company's?"],
    min_words=60,
)
