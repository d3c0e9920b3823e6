"""The invoices and credit_applicants datasets follow their documented process and agree with each other."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmkit import credit, data
from crmkit.synth import credit as gen


@pytest.fixture(scope="module")
def inv():
    return data.load("invoices")


@pytest.fixture(scope="module")
def apps():
    return data.load("credit_applicants")


def test_shapes_and_types(inv, apps):
    assert len(apps) == gen.N and apps["customer_id"].is_unique
    assert set(inv["customer_id"]) <= set(apps["customer_id"])
    assert inv["invoice_id"].is_unique and (inv["amount"] > 0).all()
    assert inv["issue_date"].min() >= gen.START and inv["issue_date"].max() <= gen.END
    assert (inv["paid_date"].dropna() <= gen.END).all()
    assert (inv["paid_date"].dropna() >= inv.loc[inv["paid_date"].notna(), "issue_date"]).all()
    assert apps["rating"].cat.ordered and list(apps["rating"].cat.categories) == list(credit.GRADES)
    assert apps["defaulted_next_year"].dtype == bool


def test_ratings_and_limits_follow_the_course_rules(apps):
    scored = credit.credit_score(apps)
    assert (scored["rating"].astype(str).to_numpy() == apps["rating"].astype(str).to_numpy()).all()
    limits = [credit.credit_limit(g, s) for g, s in zip(apps["rating"].astype(str), apps["annual_credit_sales"])]
    assert np.allclose(apps["credit_limit"], limits)
    assert set(apps["rating"].astype(str)) == set(credit.GRADES)  # every grade occurs


def test_receivables_are_the_ledger_at_the_end(inv, apps):
    by_cust = credit.ageing(inv, "2024-12-31", by_customer=True)["total"]
    rec = apps.set_index("customer_id")["receivables"]
    assert np.allclose(rec.reindex(by_cust.index), by_cust)
    assert rec.sum() == pytest.approx(credit.ageing(inv, "2024-12-31")["amount"].sum())


def test_terms_and_payment_behaviour_by_grade(inv, apps):
    grade = inv["customer_id"].map(apps.set_index("customer_id")["rating"].astype(str))
    terms = (inv["due_date"] - inv["issue_date"]).dt.days
    assert (terms == grade.map(gen.TERMS)).all()
    paid = inv["paid_date"].notna() & (inv["due_date"] <= pd.Timestamp("2024-06-30"))  # long since due
    late_days = (inv.loc[paid, "paid_date"] - inv.loc[paid, "due_date"]).dt.days
    g = grade[paid]
    share_late = (late_days > 0).groupby(g).mean()
    # the share paid late falls as the grade rises (1 - P_ON_TIME: C 0.70, B 0.55, A 0.40, AA 0.25, AAA 0.15)
    assert list(share_late.loc[list(credit.GRADES)]) == sorted(share_late, reverse=True)
    for grade_, p in gen.P_ON_TIME.items():
        assert share_late[grade_] == pytest.approx(1 - p, abs=0.08), grade_
    mean_late = late_days[late_days > 0].groupby(g[late_days > 0]).mean()
    for grade_ in ("A", "B", "C"):  # enough late payments to recover the means
        assert mean_late[grade_] == pytest.approx(gen.LATE_MEAN[grade_], rel=0.2), grade_


def test_worse_grades_owe_older_money(inv, apps):
    items = credit.open_items(inv, "2024-12-31")
    items["rating"] = items["customer_id"].map(apps.set_index("customer_id")["rating"].astype(str))
    old = items[items["days_past_due"] > 90].groupby("rating")["amount"].sum()
    assert old.get("C", 0) > old.get("AA", 0) + old.get("AAA", 0)
    assert (credit.limit_warnings(apps).join(apps.set_index("customer_id")["rating"])
            .groupby("rating", observed=True)["warning"].mean()["C"]) == 1.0  # cash-only customers who owe
