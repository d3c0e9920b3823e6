"""crmkit.accounts in the bad-input harness."""

from __future__ import annotations

import pandas as pd

from crmkit import accounts

from .harness import Table, declared

CRIT = tuple(accounts.DEFAULT_WEIGHTS)


def _accounts():
    from crmkit.exercises import ch11

    return ch11.XYZ.assign(**{
        "our_sales": [2.0e6, 3.0e6, 1.0e6],
        "annual_purchases": [8.0e6, 5.0e6, 9.0e6],
        "margin": [0.2, 0.25, 0.3],
        "communication": [4, 2, 3],
        "matching": [3, 2, 3],
        "alliance": [4, 1, 3],
        "identification": [3, 1, 3],
    })


def _contacts():
    return pd.DataFrame({
        "account_id": ["K1", "K1", "K1", "K1"],
        "name": ["Li", "Wang", "Zhao", "Chen"],
        "role": ["decider", "influencer", "buyer", "user"],
        "influence": [5, 4, 3, 2],
        "attitude": [0, -1, 1, 2],
        "relationship": [1, 2, 3, 4],
        "reports_to": ["", "Li", "Li", "Wang"],
    })


def _grid():
    return pd.DataFrame({"score": [3.85, 3.65, 2.0], "relationship_score": [14.0, 8.0, 16.0]}, index=list("XYZ"))


SCORES = Table(ids=("account_id",), numbers=CRIT, nonnegative=CRIT)
WALLET = Table(ids=("account_id",), numbers=("our_sales", "annual_purchases", "margin"),
               nonnegative=("our_sales", "annual_purchases", "margin"))
SHEETS = Table(ids=("account_id",), numbers=accounts.SHEET_POINTS, nonnegative=accounts.SHEET_POINTS)
GRID = Table(numbers=("score", "relationship_score"))
PEOPLE = Table(ids=("name",), numbers=("influence", "attitude", "relationship"),
               nonnegative=("influence", "relationship"), required=("name", "role", "influence", "attitude",
                                                                    "relationship"))
PEOPLE_BY_ACCOUNT = Table(ids=("name", "account_id"), numbers=("influence", "attitude", "relationship"),
                          nonnegative=("influence", "relationship"))
MAP = Table(ids=("name",), numbers=("influence", "attitude", "relationship"), nonnegative=("influence", "relationship"),
            required=("name", "role", "influence", "attitude", "relationship", "reports_to"))

TARGETS = [
    declared("accounts.scorecard", accounts.scorecard,
             lambda: {"accounts": _accounts(), "weights": dict(accounts.DEFAULT_WEIGHTS), "cut": 3.0},
             tables={"accounts": SCORES}, numbers=("cut",), nonnegative=("cut",)),
    declared("accounts.reweight", accounts.reweight,
             lambda: {"weights": dict(accounts.DEFAULT_WEIGHTS), "criterion": "strategic_fit", "value": 0.4},
             numbers=("value",), nonnegative=("value",), options=("criterion",)),
    declared("accounts.weight_sensitivity", accounts.weight_sensitivity,
             lambda: {"accounts": _accounts(), "weights": None, "criterion": "growth_potential", "steps": 5},
             tables={"accounts": SCORES}, numbers=("steps",), nonnegative=("steps",), huge=("steps",),
             options=("criterion",)),
    declared("accounts.ka_quadrant", accounts.ka_quadrant,
             lambda: {"current": [4.0, 2.0, 3.5], "potential": [4.0, 4.0, 1.0], "current_cut": 3.0, "potential_cut": 3.0},
             numbers=("current_cut", "potential_cut")),
    declared("accounts.share_of_wallet", accounts.share_of_wallet,
             lambda: {"our_sales": 2.0e6, "category_spend": 8.0e6},
             numbers=("our_sales", "category_spend"), nonnegative=("our_sales", "category_spend"),
             huge=("our_sales", "category_spend")),
    declared("accounts.wallet_table", accounts.wallet_table,
             lambda: {"accounts": _accounts(), "target_share": 0.5},
             tables={"accounts": WALLET}, numbers=("target_share",), nonnegative=("target_share",)),
    declared("accounts.relationship_level", accounts.relationship_level,
             lambda: {"sheet": {"communication": 4, "matching": 3, "alliance": 4, "identification": 3}}),
    declared("accounts.relationship_levels", accounts.relationship_levels,
             lambda: {"answers": _accounts()}, tables={"answers": SHEETS}),
    declared("accounts.assessment_grid", accounts.assessment_grid,
             lambda: {"table": _grid(), "value_cut": 3.0, "relationship_cut": 12.5},
             tables={"table": GRID}, numbers=("value_cut", "relationship_cut")),
    declared("accounts.pdca_plan", accounts.pdca_plan, lambda: {"level": "ordinary", "weakest": "alliance"},
             options=("level", "weakest")),
    declared("accounts.power_map_gaps", accounts.power_map_gaps,
             lambda: {"contacts": _contacts(), "influence_cut": 4, "weak": 2},
             tables={"contacts": PEOPLE}, numbers=("influence_cut", "weak"), nonnegative=("influence_cut", "weak")),
    declared("accounts.power_map_gaps[by account]", accounts.power_map_gaps,
             lambda: {"contacts": _contacts(), "account": "account_id"}, tables={"contacts": PEOPLE_BY_ACCOUNT}),
    declared("accounts.power_map", accounts.power_map,
             lambda: {"contacts": _contacts(), "influence_cut": 4, "weak": 2},
             tables={"contacts": MAP}, numbers=("influence_cut", "weak"), nonnegative=("influence_cut", "weak")),
    declared("accounts.responsibility_matrix", accounts.responsibility_matrix,
             lambda: {"contacts": _contacts(), "staff": {"executive sponsor": "Mr Sun"}},
             tables={"contacts": PEOPLE}),
]


def _needs():
    return pd.DataFrame({
        "person": ["Li", "Li", "Wang", "Wang"],
        "need": ["on-time delivery", "recognition by the board", "lower failure rate", "a conference talk"],
        "kind": ["organisational", "personal", "organisational", "personal"],
        "explicit": [True, False, True, False],
        "weight": [5, 4, 3, 2],
    })


NEEDS = Table(ids=("person",), numbers=("weight",), nonnegative=("weight",),
              required=("person", "need", "kind", "explicit", "weight"))
ICEBERG = Table(numbers=("weight",), nonnegative=("weight",), required=("explicit", "weight"))
PEOPLE_ONE = Table(ids=("name",), numbers=("influence", "attitude", "relationship"),
                   nonnegative=("influence", "relationship"),
                   required=("name", "role", "influence", "attitude", "relationship"))

TARGETS += [
    declared("accounts.behaviour_calendar", accounts.behaviour_calendar,
             lambda: {"level": "ordinary", "weakest": "matching"}, options=("level", "weakest")),
    declared("accounts.key_person_needs", accounts.key_person_needs, lambda: {"needs": _needs()},
             tables={"needs": NEEDS}),
    declared("accounts.needs_iceberg", accounts.needs_iceberg, lambda: {"needs": _needs()},
             tables={"needs": ICEBERG}),
    declared("accounts.expansion_card", accounts.expansion_card,
             lambda: {"contacts": _contacts(), "person": "Li", "needs": _needs()},
             tables={"contacts": PEOPLE_ONE}, options=("person",)),
    declared("accounts.broad_coverage", accounts.broad_coverage,
             lambda: {"contacts": _contacts(), "min_level": 2},
             tables={"contacts": PEOPLE_BY_ACCOUNT}, numbers=("min_level",), nonnegative=("min_level",)),
    declared("accounts.annual_plan", accounts.annual_plan, lambda: {"answers": _accounts()},
             tables={"answers": SHEETS}),
]
