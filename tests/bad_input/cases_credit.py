"""crmkit.credit in the bad-input harness."""

from __future__ import annotations

import pandas as pd

from crmkit import credit

from .harness import Table, Target, declared


def _invoices():
    return pd.DataFrame({
        "customer_id": ["K1", "K1", "K2", "K2", "K3"],
        "issue_date": ["2024-10-21", "2024-12-16", "2024-08-16", "2024-11-10", "2024-03-01"],
        "due_date": ["2024-11-20", "2025-01-15", "2024-09-15", "2024-12-10", "2024-03-31"],
        "paid_date": [None, None, None, "2025-01-05", "2024-04-01"],
        "amount": [100_000.0, 50_000.0, 80_000.0, 30_000.0, 140_000.0],
    })


def _applicants():
    return pd.DataFrame({"customer_id": ["K1", "K2", "K3"], "character": [80, 90, 40], "capacity": [70, 90, 55],
                         "capital": [60, 80, 30], "collateral": [90, 80, 20], "conditions": [50, 70, 60]})


def _customers():
    return pd.DataFrame({"customer_id": ["K1", "K2", "K3"], "receivables": [150_000.0, 110_000.0, 0.0],
                         "credit_limit": [180_000.0, 100_000.0, 0.0], "rating": ["A", "AA", "C"],
                         "loyalty_score": [7.0, 3.0, 5.0]})


def _applicant():
    row = _applicants().iloc[0].copy()
    row["annual_credit_sales"] = 1_200_000.0
    row["loyalty_score"] = 7
    return row


INV = Table(ids=("customer_id",), dates=("issue_date", "due_date", "paid_date"), nonnegative=("amount",))
APPS = Table(ids=("customer_id",), numbers=("character", "capacity", "capital", "collateral", "conditions"))
CUST = Table(ids=("customer_id",), nonnegative=("receivables", "credit_limit"))
GRID = Table(ids=("customer_id",), numbers=("loyalty_score",), required=("customer_id", "rating", "loyalty_score"))
AGE = Table(nonnegative=("amount",))


def _ageing():
    return credit.ageing(_invoices(), "2024-12-31")


TARGETS = [
    declared("credit.five_c_score", credit.five_c_score,
             lambda: {"scores": [80, 70, 60, 90, 50], "weights": [0.3, 0.25, 0.2, 0.15, 0.1]},
             numbers=("scores", "weights"), nonnegative=("scores", "weights"),
             skip=("none:weights",)),  # weights=None means the default weights (a Custom check: roles given here)
    declared("credit.rating", credit.rating, lambda: {"score": 72.0}),
    declared("credit.credit_score", credit.credit_score, lambda: {"applicants": _applicants()}, tables={"applicants": APPS}),
    declared("credit.credit_limit", credit.credit_limit, lambda: {"rating": "A", "annual_credit_sales": 1_200_000.0},
             options=("rating",)),  # rating: one of the grades of shares, checked in the function
    declared("credit.limit_warning", credit.limit_warning, lambda: {"receivables": 1_350_000.0, "credit_limit": 1_200_000.0},
),
    declared("credit.limit_warnings", credit.limit_warnings, lambda: {"customers": _customers()},
             tables={"customers": CUST}),
    declared("credit.bucket_labels", credit.bucket_labels, lambda: {"buckets": (0, 30, 60, 90)},
             numbers=("buckets",), nonnegative=("buckets",)),
    declared("credit.open_items", credit.open_items, lambda: {"invoices": _invoices(), "asof": "2024-12-31"},
             tables={"invoices": INV}),
    declared("credit.ageing", credit.ageing, lambda: {"invoices": _invoices(), "asof": "2024-12-31"},
             tables={"invoices": INV}),
    Target("credit.ageing_by_customer", lambda **kw: credit.ageing(by_customer=True, **kw),
           lambda: {"invoices": _invoices(), "asof": "2024-12-31", "buckets": (0, 45)},
           tables={"invoices": INV}, dates=("asof",), numbers=("buckets",), nonnegative=("buckets",)),
    declared("credit.dso", credit.dso, lambda: {"receivables": 1_350_000.0, "credit_sales": 9_000_000.0, "days": 365},
),
    declared("credit.ledger_dso", credit.ledger_dso, lambda: {"invoices": _invoices(), "asof": "2024-12-31", "days": 365},
             tables={"invoices": INV}),
    declared("credit.expected_bad_debt", credit.expected_bad_debt, lambda: {"ageing_table": _ageing()},
             tables={"ageing_table": AGE}),
    declared("credit.credit_loyalty_grid", credit.credit_loyalty_grid,
             lambda: {"customers": _customers(), "loyalty_cut": 6.0},
             tables={"customers": GRID}),
    declared("credit.normalised_weights", credit.normalised_weights, lambda: {"raw": dict(credit.DEFAULT_WEIGHTS)},
             numbers=("raw",), nonnegative=("raw",)),
    declared("credit.receivables_view", credit.receivables_view,
             lambda: {"invoices": _invoices(), "asof": "2024-12-31"}, tables={"invoices": INV}),
    declared("credit.credit_view", credit.credit_view,
             lambda: {"applicant": _applicant(), "invoices": _invoices(), "asof": "2024-12-31", "limit_scale": 1.5,
                    "weights": dict(credit.DEFAULT_WEIGHTS)},
             tables={"invoices": INV}, dates=("asof",), numbers=("weights",), nonnegative=("weights",),
             huge=("limit_scale",)),
    declared("credit.grid_segment", credit.grid_segment, lambda: {"rating": "AA", "loyalty_score": 3, "loyalty_cut": 6}),
]


# -- credit policy (信用政策) ------------------------------------------------------------------------

def _policy():
    return credit.credit_policy(7_200_000, 60, bad_debt_rate=0.03, collection_cost=50_000)


COSTS = {"variable_cost_ratio": 0.6, "cost_of_capital": 0.1}
POLICY_APPS = Table(ids=("customer_id",), numbers=("character", "capacity", "capital", "collateral", "conditions"),
                    nonnegative=("annual_credit_sales", "receivables"))


def _policy_applicants():
    df = _applicants()
    df["annual_credit_sales"] = [1_200_000.0, 2_500_000.0, 800_000.0]
    df["receivables"] = [150_000.0, 110_000.0, 90_000.0]
    df["defaulted_next_year"] = [False, False, True]
    return df


TARGETS += [
    declared("credit.credit_policy", credit.credit_policy,
             lambda: {"sales": 7_200_000.0, "collection_days": 60, "bad_debt_rate": 0.03, "collection_cost": 50_000.0,
                      "discount_rate": 0.02, "discount_share": 0.5}),
    declared("credit.policy_lines", credit.policy_lines, lambda: {"policy": _policy(), **COSTS, "days": 360}),
    declared("credit.compare_policies", credit.compare_policies,
             lambda: {"current": _policy(), "proposed": credit.credit_policy(8_000_000, 75, bad_debt_rate=0.05),
                      **COSTS, "days": 360}),
    declared("credit.cash_discount", credit.cash_discount,
             lambda: {"current": _policy(), "discount_rate": 0.02, "discount_days": 10, "discount_share": 0.5,
                      "sales_growth": 0.05, "bad_debt_rate": 0.025, "collection_cost": 40_000.0, **COSTS}),
    declared("credit.credit_standard", credit.credit_standard,
             lambda: {"current": _policy(), "added_sales": 1_800_000.0, "added_collection_days": 90,
                      "added_bad_debt_rate": 0.08, "added_collection_cost": 20_000.0, **COSTS}),
    declared("credit.collection_effort", credit.collection_effort,
             lambda: {"current": _policy(), "collection_cost": 110_000.0, "collection_days": 45, "bad_debt_rate": 0.02,
                      **COSTS}),
    declared("credit.standard_policy", credit.standard_policy,
             lambda: {"applicants": _policy_applicants(), "cutoff": 50, "cost_per_customer": 1_000.0},
             tables={"applicants": POLICY_APPS}),
]
