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


# -- the default model: enough defaults, from a known logistic model of the 5C scores ------------------

def _fit(scores, defaulted):
    """Maximum-likelihood logistic regression by Newton's method (what scikit-learn's unpenalised
    LogisticRegression computes; numpy keeps the test free of scikit-learn's import time)."""
    x = np.column_stack([np.ones(len(scores)), (scores - gen.CENTRE) / gen.SCALE])
    y = np.asarray(defaulted, dtype=float)
    b = np.zeros(x.shape[1])
    for _ in range(25):
        p = 1 / (1 + np.exp(-x @ b))
        step = np.linalg.solve(x.T @ (x * (p * (1 - p))[:, None]), x.T @ (y - p))
        b += step
        if np.abs(step).max() < 1e-10:
            break
    return float(b[0]), dict(zip(credit.CRITERIA, b[1:]))


def test_enough_defaults_at_a_realistic_rate(apps):
    n = int(apps["defaulted_next_year"].sum())
    assert len(apps) >= 400 and n >= 40, n
    assert 0.08 <= n / len(apps) <= 0.15
    # the true probabilities of the file's customers average what the file shows, within sampling error
    p = gen.default_probability(apps[list(credit.CRITERIA)].to_numpy())
    assert n == pytest.approx(p.sum(), abs=3 * np.sqrt((p * (1 - p)).sum()))


def test_a_logistic_fit_recovers_the_true_default_model():
    """On a large sample drawn as the dataset is drawn, the fitted weights are the generator's true ones."""
    scores, defaulted = gen.simulate_scores_and_defaults(40_000, np.random.default_rng(7))
    intercept, beta = _fit(scores, defaulted)
    assert intercept == pytest.approx(gen.INTERCEPT, abs=0.1)
    for c in credit.CRITERIA:
        assert beta[c] == pytest.approx(gen.BETA[c], abs=0.08), c
    # and the fit on a sample drawn from OTHER weights does not pass for the truth (the check can fail)
    flat = {c: -0.3 for c in credit.CRITERIA}
    p = 1 / (1 + np.exp(-(gen.INTERCEPT + ((scores - 60) / 10) @ np.array(list(flat.values())))))
    _, other = _fit(scores, np.random.default_rng(8).random(len(p)) < p)
    assert max(abs(other[c] - gen.BETA[c]) for c in credit.CRITERIA) > 0.15


def test_the_files_are_what_the_seeded_generator_makes():
    """The CSV files are the generator's output byte for byte, and a second build is the same (seeded)."""
    from crmkit.synth import registry, render_csv

    specs = registry()
    gen._CACHE.clear()  # build anew in this process: the committed files were built in another one
    for name in ("credit_applicants", "invoices"):
        s = specs[name]
        assert (data.datasets_dir() / s.filename).read_bytes() == render_csv(s.build(), s), name
