"""Credit customers and their invoices (synthetic, chapter 10: customer credit management)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import credit
from ..data import Column, DatasetSpec

SEED = 1010
#: Enough customers for a scoring model to be checked against their defaults (about 55 of them).
N = 500
START, END = pd.Timestamp("2023-01-01"), pd.Timestamp("2024-12-31")
#: Each 5C score = MEAN + SD x (LOADING x z + sqrt(1 - LOADING^2) x e), z the customer's latent
#: creditworthiness and e noise, both standard normal; rounded, clipped to 5..100.
MEAN = {"character": 68, "capacity": 66, "capital": 64, "collateral": 62, "conditions": 66}
SD, LOADING = 13.0, 0.75
#: Median annual credit sales (CNY), lognormal spread on the log scale, and the tilt towards
#: creditworthy customers (x exp(TILT x z)).
SALES_MEDIAN, SALES_SIGMA, SALES_TILT = 1_500_000, 0.7, 0.25
INVOICES_PER_YEAR = 12  # Poisson mean; an invoice's amount = sales / 12 x Gamma(4, 1/4)
#: Payment terms (信用条件) in days by grade.
TERMS = {"AAA": 60, "AA": 45, "A": 30, "B": 30, "C": 30}
#: Payment behaviour by grade: the probability of paying on time (0-10 days before the due
#: date), the mean days late of a late payment (1 + exponential), and the probability that an
#: invoice is never paid (bad debt, 坏账).
P_ON_TIME = {"AAA": 0.85, "AA": 0.75, "A": 0.60, "B": 0.45, "C": 0.30}
LATE_MEAN = {"AAA": 5.0, "AA": 8.0, "A": 15.0, "B": 25.0, "C": 45.0}
P_NEVER = {"AAA": 0.0, "AA": 0.002, "A": 0.005, "B": 0.015, "C": 0.05}
#: The TRUE default model (a logistic regression of the 5C scores): the probability that a customer
#: defaults in the following year (2025) is
#:     p = 1 / (1 + exp(-(INTERCEPT + sum_c BETA[c] x (score_c - CENTRE) / SCALE)))
#: i.e. BETA[c] is the change in the log-odds of default per 10 points of criterion c above 60. The
#: weights differ from the course's 5C weights on purpose: capacity matters most, collateral hardly
#: (collateral lowers the loss when a customer defaults, not the chance that he does). About 11 % of
#: the customers default. Chapter 10 fits a logistic regression to the data and compares it with these.
INTERCEPT = -2.0
BETA = {"character": -0.45, "capacity": -0.55, "capital": -0.25, "collateral": -0.05, "conditions": -0.20}
CENTRE, SCALE = 60.0, 10.0


def default_probability(scores) -> np.ndarray:
    """The true probability of default of customers with these 5C scores (an array, one row per customer,
    columns in the order of credit.CRITERIA)."""
    x = (np.asarray(scores, dtype=float) - CENTRE) / SCALE
    return 1.0 / (1.0 + np.exp(-(INTERCEPT + x @ np.array([BETA[c] for c in credit.CRITERIA]))))


def simulate_scores_and_defaults(n: int, rng) -> tuple[np.ndarray, np.ndarray]:
    """n customers drawn as the dataset draws them: their 5C scores (n x 5) and whether they default.
    For tests: a large sample shows that a fitted model recovers INTERCEPT and BETA."""
    z = rng.standard_normal(n)
    scores = np.column_stack([_score(c, z, rng.standard_normal(n)) for c in credit.CRITERIA])
    return scores, rng.random(n) < default_probability(scores)


def _score(c: str, z: np.ndarray, e: np.ndarray) -> np.ndarray:
    return np.clip(np.round(MEAN[c] + SD * (LOADING * z + np.sqrt(1 - LOADING ** 2) * e)), 5, 100).astype(int)


def _customers(rng) -> tuple[pd.DataFrame, np.ndarray]:
    z = rng.standard_normal(N)
    cols = {}
    for c in credit.CRITERIA:
        cols[c] = _score(c, z, rng.standard_normal(N))
    df = pd.DataFrame({"customer_id": [f"D{i:03d}" for i in range(1, N + 1)], **cols})
    scored = credit.credit_score(df)
    df["rating"] = scored["rating"].astype(str).to_numpy()
    sales = SALES_MEDIAN * np.exp(SALES_SIGMA * rng.standard_normal(N) + SALES_TILT * z)
    df["annual_credit_sales"] = np.round(sales, -3)
    df["loyalty_score"] = np.clip(np.round(6 + 1.6 * (0.35 * z + rng.standard_normal(N))), 1, 10).astype(int)
    pd_ = default_probability(df[list(credit.CRITERIA)].to_numpy())
    df["defaulted_next_year"] = rng.random(N) < pd_
    return df, z


def _invoices(rng, cust: pd.DataFrame) -> pd.DataFrame:
    days = (END - START).days + 1
    years = days / 365.0
    n = rng.poisson(INVOICES_PER_YEAR * years, N)
    who = np.repeat(np.arange(N), n)
    m = len(who)
    issue = START + pd.to_timedelta(rng.integers(0, days, m), "D")
    sales = cust["annual_credit_sales"].to_numpy()[who]
    amount = np.round(sales / INVOICES_PER_YEAR * rng.gamma(4.0, 0.25, m), 0)
    grade = cust["rating"].to_numpy()[who]
    terms = np.array([TERMS[g] for g in grade])
    due = issue + pd.to_timedelta(terms, "D")
    on_time = rng.random(m) < np.array([P_ON_TIME[g] for g in grade])
    late = 1 + np.floor(rng.exponential(np.array([LATE_MEAN[g] for g in grade]) - 1 + 1e-9)).astype(int)
    early = -rng.integers(0, 11, m)
    delay = np.where(on_time, early, late)
    never = rng.random(m) < np.array([P_NEVER[g] for g in grade])
    paid = pd.Series(due + pd.to_timedelta(delay, "D"))
    paid = paid.where(~never & (paid <= END))
    out = pd.DataFrame({"customer_id": cust["customer_id"].to_numpy()[who], "issue_date": issue, "due_date": due,
                        "paid_date": paid.to_numpy(), "amount": amount})
    out = out.sort_values(["issue_date", "customer_id", "amount"], ignore_index=True, kind="stable")
    out.insert(0, "invoice_id", [f"INV{i:05d}" for i in range(1, len(out) + 1)])
    return out


def _build_both() -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(SEED)
    cust, _ = _customers(rng)
    inv = _invoices(rng, cust)
    rec = credit.ageing(inv, END, by_customer=True)["total"]
    cust["receivables"] = cust["customer_id"].map(rec).fillna(0.0).to_numpy()
    cust["credit_limit"] = [credit.credit_limit(g, s) for g, s in zip(cust["rating"], cust["annual_credit_sales"])]
    return cust, inv


_CACHE: dict = {}


def _cached():
    if "both" not in _CACHE:
        _CACHE["both"] = _build_both()
    return _CACHE["both"]


def build_applicants() -> pd.DataFrame:
    return _cached()[0].copy()


def build_invoices() -> pd.DataFrame:
    return _cached()[1].copy()


_PARAMS = {
    "5C score = MEAN + SD x (LOADING x z + sqrt(1 - LOADING^2) x e), clipped 5..100": MEAN,
    "SD, LOADING": (SD, LOADING),
    "rating": "credit.rating of the 5C score with weights 0.30/0.25/0.20/0.15/0.10 and bands >= 85 AAA, "
              ">= 75 AA, >= 65 A, >= 50 B, else C",
    "annual credit sales: median, log-sd, tilt to z": (SALES_MEDIAN, SALES_SIGMA, SALES_TILT),
    "invoices per year (Poisson mean)": INVOICES_PER_YEAR,
    "payment terms in days by grade": TERMS,
    "P(paid on time, 0-10 days before due) by grade": P_ON_TIME,
    "mean days late when late (1 + exponential) by grade": LATE_MEAN,
    "P(invoice never paid) by grade": P_NEVER,
    "P(default in 2025) = 1 / (1 + exp(-(INTERCEPT + sum BETA[c] x (score_c - 60) / 10))): INTERCEPT":
        INTERCEPT,
    "BETA (log-odds of default per 10 points of each 5C score above 60)": BETA,
    "seed": SEED,
}

DATASETS = [
    DatasetSpec(
        name="invoices",
        title="Invoices of credit customers, 2023-2024 (synthetic)",
        description=f"""\
Credit sales (赊销) of a distributor to its {N} business customers from {START.date()} to {END.date()}: one row
per invoice, observed to {END.date()} (an empty `paid_date` means unpaid at that date: not yet paid, or never
to be paid). Generated with seed {SEED} together with `credit_applicants`: each customer's invoices arrive as a
Poisson process ({INVOICES_PER_YEAR} a year), fall due after the payment terms of his credit grade, and are paid
early or on time, late, or never, with probabilities that depend on the grade (true parameters below). Each
invoice is paid in full. Use it for receivables ageing (账龄分析), DSO and expected bad debt (chapter 10).
""",
        columns={
            "invoice_id": Column("str", "invoice number, in order of issue"),
            "customer_id": Column("str", "customer id (as in `credit_applicants`)"),
            "issue_date": Column("date", "date the invoice was issued (the credit sale)"),
            "due_date": Column("date", "date payment falls due (issue date + payment terms)"),
            "paid_date": Column("date", f"date paid in full; empty = unpaid at {END.date()}"),
            "amount": Column("float", "invoice amount", "CNY"),
        },
        build=build_invoices,
        true_parameters=_PARAMS,
        chapters=("10",),
    ),
    DatasetSpec(
        name="credit_applicants",
        title="Credit customers: 5C evaluation, limits and receivables (synthetic)",
        description=f"""\
The {N} business customers of `invoices`, with the credit department's 5C evaluation (each criterion scored
0-100: character 品质, capacity 偿付能力, capital 资本, collateral 抵押, conditions 经营环境), the grade it gives
with the course's default weights and bands, the expected annual credit sales, the receivables outstanding at
{END.date()} (from `invoices`), the credit limit of the course's rule (share of annual credit sales by grade:
{credit.LIMIT_SHARES}), a loyalty score and whether the customer defaulted in the next year.
The five scores share one latent creditworthiness (loading {LOADING}), so they correlate. Defaults follow a
known logistic model of the five scores (INTERCEPT and BETA below), so a scoring model fitted to the data can
be checked against the truth. Generated with seed {SEED}.
""",
        columns={
            "customer_id": Column("str", "customer id"),
            **{c: Column("int", f"5C score: {c}", "0-100") for c in credit.CRITERIA},
            "annual_credit_sales": Column("float", "expected annual credit sales", "CNY"),
            "receivables": Column("float", f"amount outstanding at {END.date()}", "CNY"),
            "credit_limit": Column("float", "credit limit (授信额度) of the course's rule", "CNY"),
            "rating": Column("category", "credit grade (信用等级) of the 5C score", categories=credit.GRADES,
                             ordered=True),
            "loyalty_score": Column("int", "loyalty score", "1-10"),
            "defaulted_next_year": Column("bool", "defaulted in 2025 (the year after the data)"),
        },
        build=build_applicants,
        true_parameters=_PARAMS,
        chapters=("10",),
    ),
]
