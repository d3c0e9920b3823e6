"""The taxi-shift simulator (chapter 00): where and how should the driver wait for passengers?"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as W
import pandas as pd

from .. import _validate as v
from .. import i18n
from ..cases import taxi
from ..plots.taxi import shift_chart, strategy_chart
from .base import CaseWidget


@dataclass(frozen=True)
class ShiftView:
    """What the widget shows: one simulated shift and the four strategies on average."""

    cost: taxi.HourlyCost
    shift: taxi.ShiftResult
    comparison: pd.DataFrame
    average: dict


def shift_view(strategy="cruise", rent=taxi.SEED_RENT, fuel=taxi.SEED_FUEL, hours=taxi.SEED_HOURS,
               trip_km=None, empty_min=None, day=1) -> ShiftView:
    """The pure function behind the widget: the hourly cost, a shift and the comparison."""
    day = v.integer("day", day, low=1, high=10_000)
    cost = taxi.hourly_cost(rent, fuel, hours)
    shift = taxi.shift_simulation(strategy, hours=hours, cost_per_hour=cost.total, seed=day,
                                  trip_km=trip_km, empty_min=empty_min)
    overrides = {strategy: {k: v for k, v in (("trip_km", trip_km), ("empty_min", empty_min)) if v is not None}}
    comparison = taxi.compare_strategies(cost.total, **overrides)
    average = comparison.set_index("strategy").loc[strategy].to_dict()
    return ShiftView(cost, shift, comparison, average)


class TaxiShift(CaseWidget):
    """Choose a strategy, move the costs and the trip pattern, and see profit per hour and over
    the shift against the cost line. Drive it from code: ``w.controls["strategy"].value = "airport"``."""

    title_key = "taxi.title"
    figsize = (10, 3.6)
    fig_layout = {}  # fixed: the two axes are placed by hand in render() (one draw per update)

    def build_controls(self):
        style = {"description_width": "150px"}
        s = taxi.STRATEGIES["cruise"]
        return {
            "strategy": W.Dropdown(options=[(i18n.t(f"taxi.{n}"), n) for n in taxi.STRATEGIES], value="cruise",
                                   description=i18n.t("taxi.strategy"), style=style),
            "rent": W.IntSlider(value=int(taxi.SEED_RENT), min=0, max=800, step=10,
                                description=i18n.t("taxi.rent"), style=style),
            "fuel": W.IntSlider(value=int(taxi.SEED_FUEL), min=0, max=500, step=10,
                                description=i18n.t("taxi.fuel"), style=style),
            "hours": W.IntSlider(value=int(taxi.SEED_HOURS), min=6, max=20, description=i18n.t("taxi.hours"), style=style),
            "trip_km": W.FloatSlider(value=s.trip_km, min=1, max=60, step=0.5,
                                     description=i18n.t("taxi.trip_km"), style=style),
            "empty_min": W.FloatSlider(value=s.empty_min, min=0, max=60, step=1,
                                       description=i18n.t("taxi.empty_min"), style=style),
            "day": W.IntSlider(value=1, min=1, max=30, description=i18n.t("taxi.day"), style=style),
        }

    def follow(self, name, value):
        # A new strategy brings its own typical trip length and empty time.
        if name == "strategy":
            s = taxi.STRATEGIES[value]
            self.controls["trip_km"].value = s.trip_km
            self.controls["empty_min"].value = s.empty_min

    def compute(self, strategy, rent, fuel, hours, trip_km, empty_min, day):
        return shift_view(strategy, rent, fuel, hours, trip_km, empty_min, day)

    def render(self, v: ShiftView):
        t, m, sh, avg = i18n.t, i18n.money, v.shift, v.average
        colour = self.colour("good" if sh.profit >= 0 else "bad")
        be = taxi.break_even_trips_per_hour(avg["fare"], v.cost.total) if avg["fare"] > 0 else "-"
        # each part rounded on its own, as the chapter's text and table round them (380/17 = ¥22.35,
        # 210/17 = ¥12.35, total ¥34.71): the shown parts may differ from the total by a cent
        rent, fuel = v.cost.rent_per_hour, v.cost.fuel_per_hour
        self.summary.value = (
            f"<div style='font-size:14px;line-height:1.6'>"
            f"{t('taxi.cost_per_hour')}: <b>{m(v.cost.total)}</b> ({m(rent)} + {m(fuel)})<br>"
            f"{t('taxi.profit_per_hour')}: <b style='color:{colour}'>{m(sh.profit_per_hour, sign=True)}</b> &nbsp; "
            f"{t('taxi.shift_profit')}: <b style='color:{colour}'>{m(sh.profit, 0, sign=True)}</b><br>"
            f"{t('taxi.trips')}: <b>{sh.n_trips}</b> &nbsp; {t('taxi.revenue')}: <b>{m(sh.revenue, 0)}</b> &nbsp; "
            f"{t('taxi.busy_share')}: <b>{sh.busy_share:.0%}</b><br>"
            f"{t('taxi.break_even')} ({m(avg['fare'], 0)}): <b>{be}</b><br>"
            f"<i>{t('common.lesson')}: {t('taxi.lesson')}</i></div>"
        )
        shift_chart(sh, ax=self.axes("shift", (0.07, 0.15, 0.45, 0.76)))
        strategy_chart(v.comparison, highlight=sh.strategy, ax=self.axes("strategies", (0.72, 0.15, 0.26, 0.76)))
        trips = sh.trips.head(8)
        if getattr(self, "_trips", None) is None or not self._trips.equals(trips):  # rent and fuel leave it as it is
            self._trips = trips
            shown = trips.copy()
            shown["pickup_hour"] = shown["pickup_hour"].map(lambda h: f"{int(h):02d}:{int(round(h % 1 * 60)) % 60:02d}")
            heads = {c: f"taxi.col.{c}" for c in shown.columns}
            self.table.value = f"<b>{t('taxi.trip_table')}</b>" + i18n.table(shown, heads).to_html(
                index=False, float_format="%.1f")
