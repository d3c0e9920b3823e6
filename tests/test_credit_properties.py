"""Property tests of crmkit.credit over random invoice ledgers, against a slow row-by-row reference."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmkit import credit

START = pd.Timestamp("2024-01-01")


@st.composite
def ledgers(draw):
    n = draw(st.integers(1, 40))
    issue = draw(st.lists(st.integers(0, 360), min_size=n, max_size=n))
    terms = draw(st.lists(st.sampled_from([0, 15, 30, 60]), min_size=n, max_size=n))
    paid_after = draw(st.lists(st.one_of(st.none(), st.integers(0, 200)), min_size=n, max_size=n))
    amounts = draw(st.lists(st.floats(0, 1e6, allow_nan=False), min_size=n, max_size=n))
    customers = draw(st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=n, max_size=n))
    issue_d = START + pd.to_timedelta(issue, "D")
    paid = [pd.NaT if p is None else d + pd.Timedelta(days=p) for d, p in zip(issue_d, paid_after)]
    inv = pd.DataFrame({"customer_id": customers, "issue_date": issue_d,
                        "due_date": issue_d + pd.to_timedelta(terms, "D"), "paid_date": pd.to_datetime(paid),
                        "amount": amounts})
    asof = START + pd.Timedelta(days=draw(st.integers(min(issue), 500)))
    return inv, asof


def reference(inv, asof, edges=(0, 30, 60, 90)):
    """Row by row, as a clerk would age the ledger."""
    out = dict.fromkeys(credit.bucket_labels(edges), 0.0)
    for _, r in inv.iterrows():
        if r.issue_date > asof or (pd.notna(r.paid_date) and r.paid_date <= asof):
            continue
        late = (asof - r.due_date).days
        if late <= 0:
            out["current"] += r.amount
            continue
        for lo, hi in zip(edges[:-1], edges[1:]):
            if lo < late <= hi:
                out[f"{lo + 1}-{hi}"] += r.amount
                break
        else:
            out[f">{edges[-1]}"] += r.amount
    return out


@settings(max_examples=60, deadline=None)  # 60 random ledgers: the suite stays under 5 min
@given(ledgers())
def test_ageing_matches_the_clerk(data):
    inv, asof = data
    got = credit.ageing(inv, asof)
    want = reference(inv, asof)
    assert got["amount"].to_numpy() == pytest.approx(list(want.values()), abs=1e-6)
    total = sum(want.values())
    if total > 0:
        assert got["share"].sum() == pytest.approx(1.0)
    by = credit.ageing(inv, asof, by_customer=True)
    assert by["total"].sum() == pytest.approx(total, abs=1e-6)
    assert set(by.index) == set(inv.loc[inv.issue_date <= asof, "customer_id"])


@settings(max_examples=100, deadline=None)
@given(ledgers(), st.sampled_from([(0,), (0, 45), (0, 10, 20, 40, 80, 160)]))
def test_own_buckets_match_the_clerk(data, edges):
    inv, asof = data
    got = credit.ageing(inv, asof, buckets=edges)
    assert got["amount"].to_numpy() == pytest.approx(list(reference(inv, asof, edges).values()), abs=1e-6)


@settings(max_examples=100, deadline=None)
@given(ledgers())
def test_dso_and_bad_debt_are_consistent(data):
    inv, asof = data
    age = credit.ageing(inv, asof)
    bad = credit.expected_bad_debt(age)
    assert (bad["expected_bad_debt"] <= bad["amount"] + 1e-9).all()
    sold = inv.loc[(inv.issue_date > asof - pd.Timedelta(days=365)) & (inv.issue_date <= asof), "amount"].sum()
    if sold > 0:
        assert credit.ledger_dso(inv, asof).dso == pytest.approx(age["amount"].sum() / sold * 365)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.floats(0, 100, allow_nan=False), min_size=5, max_size=5),
       st.lists(st.floats(0.01, 1, allow_nan=False), min_size=5, max_size=5))
def test_score_is_a_weighted_mean_within_the_scores(scores, raw):
    w = np.array(raw) / sum(raw)
    w[-1] = 1 - w[:-1].sum()
    if w[-1] < 0:
        return
    s = credit.five_c_score(scores, list(w))
    assert min(scores) - 1e-9 <= s <= max(scores) + 1e-9
    grade = credit.rating(min(max(s, 0), 100))
    assert grade in credit.GRADES
