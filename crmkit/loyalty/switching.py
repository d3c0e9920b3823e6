"""Switching costs (转移成本): their components, the stay-or-switch decision, the share of a population
that stays, and the course's catalogue of 17 ways to raise them (chapter 08)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import _validate as v
from .. import money

# Constraints declared once per function (@v.params); the harness derives its cases from them.
COST = v.Number(low=0, kind="money")
ADVANTAGE = v.Number(kind="money")
PERIODS_AHEAD = v.Number(low=1, integer=True, kind="size")


@v.params(procedural=COST, financial=COST, relational=COST)
def switching_cost(procedural: float = 0.0, financial: float = 0.0, relational: float = 0.0) -> float:
    """Total switching cost (转移成本) of one customer, by the components of Burnham, Frels and Mahajan
    (2003): procedural (time, effort, learning, set-up, risk), financial (lost benefits and money),
    relational (lost personal and brand relationships), each in ¥."""
    return procedural + financial + relational


@dataclass(frozen=True)
class SwitchingDecision:
    """Whether a customer switches: the competitor's advantage in present value against the cost."""

    decision: str  # "stay" or "switch"
    advantage_pv: float
    switching_cost: float
    margin_of_safety: float  # switching cost - advantage: how much more advantage the competitor needs
    break_even_advantage: float  # advantage per period at which the customer is indifferent


@v.params(advantage_per_period=ADVANTAGE, switching_cost=COST, horizon=PERIODS_AHEAD, discount=money.RATE)
def switching_decision(advantage_per_period: float, switching_cost: float, horizon: int = 1,
                       discount: float = 0.0) -> SwitchingDecision:
    """Stay or switch? A rational customer switches when the present value of what the competitor
    saves him each period (received at each period's end, over ``horizon`` periods) exceeds his
    switching cost; at equality he stays (inertia).

    650 switching cost against ¥400 a year: 1 year -> stay (margin ¥250); 3 years -> switch
    (¥1,200); 3 years at 10 % -> PV ¥994.74, switch.
    """
    adv, cost = advantage_per_period, switching_cost
    af = money.present_value_factor(discount=discount, horizon=horizon)
    pv = v.finite("The advantage's present value", adv * af, change="use a smaller advantage or a shorter horizon")
    return SwitchingDecision("switch" if pv > cost + 1e-9 else "stay", pv, cost, cost - pv, cost / af)


@v.params(switching_costs=v.Numbers(low=0), advantage_per_period=ADVANTAGE, horizon=PERIODS_AHEAD,
          discount=money.RATE)
def share_staying(switching_costs, advantage_per_period: float, horizon: int = 1, discount: float = 0.0) -> float:
    """Share of a population of customers (their switching costs, ¥) who stay against an offer."""
    pv = advantage_per_period * money.present_value_factor(discount=discount, horizon=horizon)
    return float((switching_costs >= pv - 1e-9).mean())


def _ways() -> pd.DataFrame:
    from ..i18n import labels

    found = labels()  # the text of each way has one home, the ``loyalty.way.<no>`` labels (English and Chinese)
    rows = [(no, found[f"loyalty.way.{no}"][0], component, cost, raises) for no, component, cost, raises in (
        (1, "financial", 30, 120),
        (2, "financial, relational", 40, 150),
        (3, "financial", 50, 200),
        (4, "financial", 10, 100),
        (5, "financial", 5, 250),
        (6, "procedural", 20, 150),
        (7, "procedural", 25, 100),
        (8, "procedural", 80, 300),
        (9, "procedural, financial", 15, 120),
        (10, "procedural", 60, 180),
        (11, "procedural", 10, 80),
        (12, "procedural", 35, 90),
        (13, "relational", 90, 200),
        (14, "relational", 30, 80),
        (15, "relational, financial", 150, 400),
        (16, "relational", 20, 60),
        (17, "relational, procedural", 70, 160),
    )]
    return pd.DataFrame(rows, columns=["no", "way", "component", "cost", "raises"]).set_index("no")


#: The course's catalogue of 17 ways to raise switching costs (seed 000 announces "17 methods"
#: without listing them; this list is the course's own, mapped to Burnham-Frels-Mahajan components).
#: ``cost`` is the course's illustrative cost per customer and year, ``raises`` the switching cost it
#: adds for a typical customer (both ¥, assumptions for the widget, not data).
SWITCHING_WAYS = _ways()
