"""The widget layer in the bad-input harness: the analytics moved out of the widgets (now in
crmkit.loyalty, crmkit.segment, crmkit.credit and crmkit.clv), the pure functions each widget calls,
and the widgets' constructors. A widget is driven with values its controls cannot produce (a notebook
calls these functions by hand too), and must answer with a CrmkitError, never a raw pandas error."""

from __future__ import annotations

import pandas as pd

from crmkit import clv, loyalty, people, segment
from crmkit.widgets import accounts as w_accounts
from crmkit.widgets import clv_selector as w_selector
from crmkit.widgets import crm as w_crm
from crmkit.widgets import people as w_people
from crmkit.widgets import satisfaction as w_satisfaction
from crmkit.widgets import switching as w_switching
from crmkit.widgets import taxi as w_taxi
from crmkit.widgets.credit import CreditExplorer, CreditPolicyExplorer

from .harness import Table, Target, declared


def _complaints():
    return pd.DataFrame({
        "voice": ["formal", "frontline", "silent", "formal", "silent", "frontline"],
        "resolved": [True, False, False, "yes", False, "no"],
        "repurchased_12m": [1, 0, 0, 1, 1, 0],
        "people_told": [3, 9, 5, 2, 4, 11],
    })


COMPLAINTS = Table(numbers=("people_told",), nonnegative=("people_told",),
                   required=("voice", "resolved", "repurchased_12m", "people_told"))


def _applicants():
    return pd.DataFrame({"customer_id": ["K1", "K2"], "character": [80, 40], "capacity": [70, 50],
                         "capital": [60, 30], "collateral": [50, 20], "conditions": [70, 60],
                         "annual_credit_sales": [1_000_000.0, 300_000.0], "loyalty_score": [7.0, 3.0]})


def _invoices():
    return pd.DataFrame({
        "customer_id": ["K1", "K1", "K2", "K2"],
        "issue_date": ["2024-10-21", "2024-12-16", "2024-08-16", "2024-11-10"],
        "due_date": ["2024-11-20", "2025-01-15", "2024-09-15", "2024-12-10"],
        "paid_date": [None, None, None, "2025-01-05"],
        "amount": [100_000.0, 50_000.0, 80_000.0, 30_000.0],
    })


APPLICANTS = Table(ids=("customer_id",), numbers=("character", "capacity", "annual_credit_sales", "loyalty_score"),
                   nonnegative=("annual_credit_sales",),
                   required=("customer_id", "character", "capacity", "capital", "collateral", "conditions",
                             "annual_credit_sales", "loyalty_score"))
POLICY_APPLICANTS = Table(ids=("customer_id",), numbers=("character", "conditions", "annual_credit_sales", "receivables"),
                          nonnegative=("annual_credit_sales", "receivables"),
                          required=("customer_id", "character", "capacity", "capital", "collateral", "conditions",
                                    "annual_credit_sales", "receivables", "defaulted_next_year"))
INVOICES = Table(ids=("customer_id",), dates=("issue_date",), numbers=("amount",), nonnegative=("amount",),
                 required=("customer_id", "issue_date", "amount"))

_ANSWERS = {q.id: 3 for q in people.QUIZ}

TARGETS = [
    # -- analytics moved out of the widgets -------------------------------------------------
    declared("loyalty.observed_rates", loyalty.observed_rates, lambda: {"complaints": _complaints()},
             tables={"complaints": COMPLAINTS}),
    declared("loyalty.iceberg_panel", loyalty.iceberg_panel,
             lambda: {"complaints": 120, "share_complaining": 0.3, "resolution_rate": 0.6}),  # None: the observed rate
    Target("loyalty.default_rates", loyalty.default_rates, dict),
    declared("segment.classification_view", segment.classification_view,
             lambda: {"source": "retail", "method": "abc_value", "cut1": 0.8, "cut2": 0.95, "asof": "2024-06-01",
                      "cost_to_serve": 10.0}),
    declared("segment.view_dates", segment.view_dates, lambda: {"source": "cdnow"}),
    Target("clv.clv_view", clv.clv_view,
           lambda: {"margin": 100.0, "retention": 0.8, "discount": 0.1, "acquisition_cost": 150.0, "horizon": 10},
           numbers=("margin", "retention", "discount", "acquisition_cost", "horizon"),
           nonnegative=("retention", "horizon"), huge=("margin", "acquisition_cost", "horizon")),
    Target("clv.alive_view", clv.alive_view, lambda: {"customer": clv.example_customers()[5], "weeks": 52},
           numbers=("weeks",), nonnegative=("weeks",), huge=("weeks",), options=("customer",)),
    Target("clv.example_customers", clv.example_customers, lambda: {"n": 40},
           numbers=("n",), nonnegative=("n",), huge=("n",)),
    Target("clv.cdnow_model", clv.cdnow_model, dict),
    # -- the pure functions the widgets call ----------------------------------------------
    Target("widgets.clv_selector.selector_view", w_selector.selector_view,
           lambda: {"model": "three", "r": 0.08, "n": 10, "a_in": 500.0, "a_cs": 200.0, "b_in": 550.0, "b_cs": 300.0},
           numbers=("r", "n", "a_in", "a_cs", "b_in", "b_cs"), nonnegative=("n",), huge=("n", "a_in"),
           options=("model",)),
    Target("widgets.crm.centre_view", w_crm.centre_view,
           lambda: {"calls_per_hour": 300, "handling_time_s": 240, "agents": 22, "target_s": 20, "goal": 0.8},
           numbers=("calls_per_hour", "handling_time_s", "agents", "target_s", "goal"),
           nonnegative=("calls_per_hour", "handling_time_s", "agents", "target_s", "goal"),
           huge=("calls_per_hour", "agents")),
    Target("widgets.satisfaction.satisfaction_view", w_satisfaction.satisfaction_view,
           lambda: {"expectations": 7.0, "quality": 8.0, "value": 7.0, "model": "acsi"},
           numbers=("expectations", "quality", "value"), nonnegative=("expectations", "quality", "value"),
           options=("model",)),
    Target("widgets.satisfaction.fitted_paths", w_satisfaction.fitted_paths, lambda: {"model": "scsb"},
           options=("model",)),
    Target("widgets.switching.switching_view", w_switching.switching_view,
           lambda: {"procedural": 200.0, "financial": 300.0, "relational": 150.0, "price_advantage": 300.0,
                    "quality_advantage": 100.0, "horizon": 2, "discount": 0.1},
           numbers=("procedural", "financial", "relational", "price_advantage", "quality_advantage", "horizon",
                    "discount"),
           nonnegative=("procedural", "financial", "relational", "horizon"), huge=("procedural", "horizon")),
    Target("widgets.switching.retention_view", w_switching.retention_view,
           lambda: {"retention": 0.8, "margin": 200.0, "retention_cost": 20.0, "acquisition_cost": 150.0,
                    "new_per_year": 100, "years": 10},
           numbers=("retention", "margin", "retention_cost", "acquisition_cost", "new_per_year", "years"),
           nonnegative=("retention", "new_per_year", "years"), huge=("margin", "years", "new_per_year")),
    Target("widgets.taxi.shift_view", w_taxi.shift_view,
           lambda: {"strategy": "airport", "rent": 300.0, "fuel": 200.0, "hours": 10, "trip_km": 20.0,
                    "empty_min": 30.0, "day": 3},
           numbers=("rent", "fuel", "hours", "trip_km", "empty_min", "day"),
           nonnegative=("rent", "fuel", "hours", "trip_km", "empty_min"), options=("strategy",),
           skip=("none:trip_km", "none:empty_min")),  # None: the strategy's typical value
    Target("widgets.people.quiz_view", w_people.quiz_view, lambda: dict(_ANSWERS),
           numbers=tuple(_ANSWERS), nonnegative=tuple(_ANSWERS), skip=tuple(f"none:{k}" for k in _ANSWERS)),
    Target("widgets.accounts.scorecard_view", w_accounts.scorecard_view,
           lambda: {"account": "KA16", "purchase_volume": 0.5},
           numbers=("purchase_volume",), nonnegative=("purchase_volume",), huge=("purchase_volume",),
           options=("account",)),
    # -- widgets made with arguments --------------------------------------------------------
    Target("widgets.credit.CreditExplorer", CreditExplorer,
           lambda: {"applicants": _applicants(), "invoices": _invoices(), "customer": "K2"},
           tables={"applicants": APPLICANTS, "invoices": INVOICES}, options=("customer",)),
    Target("widgets.credit.CreditPolicyExplorer", CreditPolicyExplorer,
           lambda: {"applicants": _applicants().assign(receivables=[150_000.0, 90_000.0],
                                                       defaulted_next_year=[False, True])},
           tables={"applicants": POLICY_APPLICANTS},
           skip=("none_table:applicants",)),  # applicants=None means the course's credit customers
    Target("widgets.people.SocialStyleQuiz", w_people.SocialStyleQuiz, lambda: {"answers": dict(_ANSWERS)}),
]
