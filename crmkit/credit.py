"""Customer credit management (客户信用管理): 5C scores, ratings, credit limits, ageing, DSO, bad debt.

Chapter 10 of the course (SYLLABUS B.14, C.11). The seeds define credit management as "identifying,
analysing and evaluating customer credit risk, and on that basis controlling it by the most economical
means"; its goals are fewer bad debts (坏账) and a lower DSO. The computable methods are the course's
own ([added]: standard credit-management practice, not in the seeds):

* Credit evaluation (客户信用评价) on the **5C** -- character (品质), capacity (偿付能力),
  capital (资本), collateral (抵押/担保), conditions (经营环境): :func:`five_c_score` (one customer),
  :func:`credit_score` (a table), :func:`rating` (AAA/AA/A/B/C, 信用等级).
* Credit limits (授信额度) and the receivables warning (外欠款预警) of the seeds:
  :func:`credit_limit`, :func:`limit_warnings`.
* Receivables (应收账款): :func:`open_items`, :func:`ageing` (账龄分析), :func:`dso`,
  :func:`ledger_dso` (days sales outstanding, 应收账款周转天数), :func:`expected_bad_debt`.
* The credit grade x loyalty model of seed [003]: :func:`credit_loyalty_grid`.

Worked numbers (SYLLABUS C.11), each held by a test::

    >>> five_c_score([80, 70, 60, 90, 50])            # weights 0.30, 0.25, 0.20, 0.15, 0.10
    72.0
    >>> rating(72.0)
    'A'
    >>> dso(1_350_000, 9_000_000, days=365)
    54.75
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from . import _validate as v
from .errors import DataError, ParameterError, describe_rows

__all__ = [
    "CRITERIA",
    "DEFAULT_WEIGHTS",
    "DEFAULT_BANDS",
    "GRADES",
    "LIMIT_SHARES",
    "DEFAULT_BUCKETS",
    "BAD_DEBT_RATES",
    "METHODS",
    "PARTS",
    "GRID_CELLS",
    "five_c_score",
    "credit_score",
    "rating",
    "credit_limit",
    "limit_warnings",
    "LimitWarning",
    "limit_warning",
    "open_items",
    "ageing",
    "bucket_labels",
    "dso",
    "ledger_dso",
    "DSOResult",
    "expected_bad_debt",
    "credit_loyalty_grid",
    "grid_segment",
]

#: The 5C of credit ([added]), in the order the course weights them.
CRITERIA = ("character", "capacity", "capital", "collateral", "conditions")
#: The course's default weights (SYLLABUS C.11, exercise 3): they sum to 1.
DEFAULT_WEIGHTS = {"character": 0.30, "capacity": 0.25, "capital": 0.20, "collateral": 0.15, "conditions": 0.10}
#: Credit grades (信用等级), best first, each with the lowest 0-100 score it takes (C.11): >= 85 AAA,
#: >= 75 AA, >= 65 A, >= 50 B, else C.
DEFAULT_BANDS = {"AAA": 85.0, "AA": 75.0, "A": 65.0, "B": 50.0, "C": 0.0}
#: The grades, worst first (the order of an ordered categorical).
GRADES = ("C", "B", "A", "AA", "AAA")
#: [added] The course's credit-limit rule: the limit (授信额度) is this share of the customer's expected
#: annual credit sales -- about 110, 91, 73 and 55 days of sales for AAA .. B; C buys for cash only.
LIMIT_SHARES = {"AAA": 0.30, "AA": 0.25, "A": 0.20, "B": 0.15, "C": 0.0}
#: Ageing buckets (账龄) in days past due: not yet due, 1-30, 31-60, 61-90, over 90 (C.11).
DEFAULT_BUCKETS = (0, 30, 60, 90)
#: [added] Illustrative expected bad-debt rates (坏账率) by bucket, rising with age, as used in
#: provisioning by ageing (账龄分析法); a company sets its own from its history.
BAD_DEBT_RATES = {"current": 0.01, "1-30": 0.03, "31-60": 0.10, "61-90": 0.25, ">90": 0.50}
#: The six methods of customer credit management in China, in the seed's order ([001], B.14).
METHODS = (
    "build a credit-management system under information asymmetry",  # 在信息不对称的情况下建立信用管理体系
    "set up a credit-management organisation",  # 建立合理的信用管理组织机构
    "build a customer credit evaluation system",  # 建立客户信用评估体系
    "set credit standards",  # 确定客户的信用标准
    "choose credit terms",  # 选择客户的信用条件
    "set collection measures",  # 制定收账措施
)
#: The three parts of credit work ([001], B.14).
PARTS = (
    "credit information management and credit evaluation",  # 客户的信用信息管理和信用评估
    "formulating and executing credit policy",  # 客户信用策略的制定和执行
    "receivables management and collection of overdue accounts",  # 应收账款管理和逾期账款追收
)
#: The credit grade x loyalty order model of seed [003] (figure 2.3). Only cells 3 and 4 survive in the
#: seed; cells 1 and 2 (the low-grade cells) are [inferred].
GRID_CELLS = {
    "high credit, high loyalty": 3,
    "high credit, low loyalty": 4,
    "low credit, high loyalty": 1,  # [inferred]
    "low credit, low loyalty": 2,  # [inferred]
}

MAX_BUCKETS = 12
MAX_DAYS = 3660  # ten years: the longest period a DSO or an ageing edge is computed over


# ============================================================================================
# 5C scores, ratings and limits
# ============================================================================================


def _weights(weights) -> pd.Series:
    if weights is None:
        weights = DEFAULT_WEIGHTS
    if not isinstance(weights, Mapping) and not isinstance(weights, pd.Series):
        arr = v.sequence("weights", weights, length=len(CRITERIA))
        weights = dict(zip(CRITERIA, arr))
    return v.weights("weights", weights, keys=CRITERIA)


def _bands(bands) -> tuple[list[str], np.ndarray]:
    """Validated bands as (grades best first, lowest scores); the last grade starts at 0."""
    if bands is None:
        bands = DEFAULT_BANDS
    if not isinstance(bands, Mapping) or not bands:
        raise ParameterError("bands must be a mapping of grade -> lowest score, best grade first, "
                             "e.g. {'AAA': 85, 'AA': 75, 'A': 65, 'B': 50, 'C': 0}.")
    grades = [str(g) for g in bands]
    lows = np.array([v.number(f"bands[{g!r}]", x, low=0, high=100) for g, x in bands.items()])
    if np.any(np.diff(lows) >= 0):
        raise ParameterError(f"bands must list grades best first with falling lowest scores; got {dict(bands)}.")
    if lows[-1] != 0:
        raise ParameterError(f"The last grade ({grades[-1]!r}) must start at 0, so that every score has a grade; "
                             f"got {lows[-1]:g}.")
    return grades, lows


def _scores(name, scores) -> np.ndarray:
    if isinstance(scores, (Mapping, pd.Series)):
        missing = [c for c in CRITERIA if c not in scores]
        extra = [c for c in scores.keys() if c not in CRITERIA]
        if missing or extra:
            raise ParameterError(f"scores must have one value for each of {list(CRITERIA)}; "
                                 f"missing {missing}, unknown {extra}.")
        return np.array([v.number(f"scores[{c!r}]", scores[c], low=0, high=100) for c in CRITERIA])
    return v.sequence("scores", scores, low=0, high=100, length=len(CRITERIA))


#: Declarations of the parameters several functions share (``v.params``).
_WEIGHTS = v.Custom(lambda name, w: _weights(w), "five weights summing to 1 (default DEFAULT_WEIGHTS)")
_BANDS = v.Custom(lambda name, b: _bands(b), "grade -> lowest score, best grade first (default DEFAULT_BANDS)")
_EDGES = v.Custom(lambda name, b: _edges(b), "the edges of the ageing buckets in days, from 0")
_MONEY = v.Number(low=0, kind="money")


def _grade_of(scores: np.ndarray, grades, lows) -> np.ndarray:
    # the first band (best first) whose lowest score the score reaches
    idx = (scores[:, None] < lows[None, :]).sum(axis=1)
    return np.asarray(grades, dtype=object)[idx]


@v.params(weights=_WEIGHTS, scores=v.Custom(_scores, "five scores 0-100, a list or a mapping by criterion"))
def five_c_score(scores, weights=None) -> float:
    """The 5C credit score of one customer: sum of weight x criterion score (0-100).

    ``scores``: a mapping ``{'character': 80, ...}`` or five numbers in the order of
    :data:`CRITERIA` (character, capacity, capital, collateral, conditions). ``weights``: the same
    shapes, non-negative and summing to 1 (ParameterError otherwise; the message says how to
    normalise); default :data:`DEFAULT_WEIGHTS` (0.30, 0.25, 0.20, 0.15, 0.10).

    >>> five_c_score({'character': 80, 'capacity': 70, 'capital': 60, 'collateral': 90, 'conditions': 50})
    72.0
    """
    return round(float(scores @ weights.to_numpy()), 10)


@v.params(score=v.Number(low=0, high=100), bands=_BANDS)
def rating(score, bands=None) -> str:
    """The credit grade (信用等级) of a 0-100 score: the best grade whose lowest score it reaches.

    ``bands``: grade -> lowest score, best first, the last grade starting at 0; default
    :data:`DEFAULT_BANDS` (>= 85 AAA, >= 75 AA, >= 65 A, >= 50 B, else C).

    >>> rating(72.0), rating(85), rating(49.9)
    ('A', 'AAA', 'C')
    """
    grades, lows = bands
    return str(_grade_of(np.array([score]), grades, lows)[0])


def _criteria(name, criteria) -> list:
    criteria = list(criteria) if isinstance(criteria, (list, tuple)) else [criteria]
    if len(criteria) != len(CRITERIA) or not all(isinstance(c, str) for c in criteria):
        raise ParameterError(f"criteria must name {len(CRITERIA)} columns ({', '.join(CRITERIA)}); got {criteria}.")
    return criteria


@v.params(criteria=v.Custom(_criteria, "the five columns of the 5C scores"), weights=_WEIGHTS, bands=_BANDS,
          customer=v.Column(), applicants=v.Table("applicants table", columns=("customer", "criteria")))
def credit_score(applicants: pd.DataFrame, weights=None, *, bands=None, customer: str = "customer_id",
                 criteria: Sequence[str] = CRITERIA) -> pd.DataFrame:
    """5C scores and grades of a table of customers (one row each, criteria scored 0-100).

    ``criteria``: the names of the five columns, in the order character, capacity, capital,
    collateral, conditions (rename them here if your table calls them otherwise). Returns a table
    indexed by customer with ``score`` (0-100) and ``rating`` (an ordered categorical, C < ... < AAA).
    """
    w, (grades, lows), df = weights, bands, applicants
    ids = v.ids(df, customer, "applicants table")
    dup = ids.duplicated(keep=False)
    if dup.any():
        raise DataError(f"The applicants table has customers listed more than once in {describe_rows(df.index[dup])} "
                        f"(e.g. {ids[dup].iloc[0]!r}): give one row per customer.")
    mat = np.column_stack([v.numeric_column(df, c, "applicants table", low=0, high=100).to_numpy() for c in criteria])
    score = np.round(mat @ w.to_numpy(), 10)
    out = pd.DataFrame({"score": score}, index=pd.Index(ids.to_numpy(), name=customer))
    cats = list(reversed(grades))
    out["rating"] = pd.Categorical(_grade_of(score, grades, lows), categories=cats, ordered=True)
    return out


def _limit_shares(name, shares):
    shares = LIMIT_SHARES if shares is None else shares
    if not isinstance(shares, Mapping) or not shares:
        raise ParameterError("shares must be a mapping of grade -> share of annual credit sales, e.g. {'A': 0.15}.")
    return shares


@v.params(shares=v.Custom(_limit_shares, "grade -> share of annual credit sales (default LIMIT_SHARES)"),
          rating=v.Free("one of the grades of shares: checked against them in the function"),
          annual_credit_sales=_MONEY)
def credit_limit(rating: str, annual_credit_sales, *, shares=None) -> float:
    """The course's credit-limit rule ([added]): limit = share of the grade x expected annual credit sales.

    ``shares``: grade -> share of annual credit sales; default :data:`LIMIT_SHARES` (AAA 0.30,
    AA 0.25, A 0.20, B 0.15, C 0 = cash only). A share of 0.20 lets a customer owe about 73 days
    (0.20 x 365) of his purchases: his payment terms plus a margin for late payment.

    >>> credit_limit("A", 1_200_000)
    240000.0
    """
    grade = v.choice("rating", rating, list(shares))
    share = v.number(f"shares[{grade!r}]", shares[grade], low=0, high=1)
    return float(share * annual_credit_sales)


@dataclass(frozen=True)
class LimitWarning:
    """The receivables warning (外欠款预警) of one customer."""

    receivables: float
    credit_limit: float
    warning: bool  # receivables exceed the limit
    excess: float  # receivables - limit when positive, else 0
    headroom: float  # limit - receivables when positive, else 0


@v.params(receivables=_MONEY, credit_limit=_MONEY)
def limit_warning(receivables, credit_limit) -> LimitWarning:
    """Warn when a customer's receivables exceed his credit limit (the seeds' 外欠款预警).

    >>> w = limit_warning(1_350_000, 1_200_000)
    >>> w.warning, w.excess
    (True, 150000.0)
    """
    r, lim = receivables, credit_limit
    return LimitWarning(r, lim, bool(r > lim), max(r - lim, 0.0), max(lim - r, 0.0))


@v.params(customers=v.Table("customers table", columns=("customer", "receivables", "limit")), customer=v.Column(),
          receivables=v.Column(), limit=v.Column())
def limit_warnings(customers: pd.DataFrame, *, customer: str = "customer_id", receivables: str = "receivables",
                   limit: str = "credit_limit") -> pd.DataFrame:
    """The receivables warning for a table of customers, worst excess first.

    Returns a table indexed by customer: ``receivables``, ``credit_limit``, ``excess`` (amount over
    the limit, else 0), ``headroom`` (amount still free under the limit, else 0) and ``warning``
    (True when receivables exceed the limit).
    """
    df = customers
    ids = v.ids(df, customer, "customers table")
    r = v.numeric_column(df, receivables, "customers table", allow_negative=False).to_numpy()
    lim = v.numeric_column(df, limit, "customers table", allow_negative=False).to_numpy()
    out = pd.DataFrame({"receivables": r, "credit_limit": lim, "excess": np.maximum(r - lim, 0.0),
                        "headroom": np.maximum(lim - r, 0.0), "warning": r > lim},
                       index=pd.Index(ids.to_numpy(), name=customer))
    return out.sort_values(["excess", "receivables"], ascending=False, kind="stable")


# ============================================================================================
# Receivables: open items, ageing, DSO, expected bad debt
# ============================================================================================


def _edges(buckets) -> np.ndarray:
    e = v.sequence("buckets", buckets, low=0, high=MAX_DAYS, increasing=True)
    if len(e) > MAX_BUCKETS:
        raise ParameterError(f"buckets may have at most {MAX_BUCKETS} edges; got {len(e)}.")
    if np.any(e != np.round(e)):
        raise ParameterError(f"buckets must be whole numbers of days; got {list(buckets)}.")
    if e[0] != 0:
        raise ParameterError(f"buckets must start at 0 (not yet due = 0 or fewer days past due); got {list(buckets)}.")
    return e.astype(int)


@v.params(buckets=_EDGES)
def bucket_labels(buckets=DEFAULT_BUCKETS) -> list[str]:
    """The names of the ageing buckets for edges ``buckets`` (days past due).

    >>> bucket_labels((0, 30, 60, 90))
    ['current', '1-30', '31-60', '61-90', '>90']
    """
    e = buckets
    return _labels(e)


def _labels(e) -> list[str]:
    return ["current"] + [f"{a + 1}-{b}" for a, b in zip(e[:-1], e[1:])] + [f">{e[-1]}"]


def _ledger(invoices, asof, customer, issue, due, paid, amount):
    """Validated invoice columns (dates at day precision) and the as-of date."""
    what = "invoices table"
    df = invoices  # checked by the declaration of the public function
    ids = v.ids(df, customer, what)
    amt = v.numeric_column(df, amount, what, allow_negative=False)
    d_issue = v.date_column(df, issue, what).dt.normalize()
    d_due = v.date_column(df, due, what).dt.normalize()
    d_paid = v.date_column(df, paid, what, allow_missing=True).dt.normalize()
    bad = d_due < d_issue
    if bad.any():
        raise DataError(f"The invoices table has due dates before the issue date in {describe_rows(df.index[bad])}: "
                        f"an invoice falls due on or after the day it is issued.")
    bad = d_paid.notna() & (d_paid < d_issue)
    if bad.any():
        raise DataError(f"The invoices table has paid dates before the issue date in {describe_rows(df.index[bad])}: "
                        f"an invoice cannot be paid before it exists. Check the dates (or the column order).")
    t = asof.normalize()
    first = d_issue.min()
    if t < first:
        raise ParameterError(f"asof {t.date()} is before the first invoice of the table (issued {first.date()}): "
                             f"nothing was outstanding yet. Check the year of asof.")
    return df, ids, amt, d_issue, d_due, d_paid, t


def _open(invoices, asof, buckets, customer, issue, due, paid, amount):
    """The validated ledger and, for each invoice, whether it is open at ``asof`` and its bucket."""
    e = buckets
    df, ids, amt, d_issue, d_due, d_paid, t = _ledger(invoices, asof, customer, issue, due, paid, amount)
    issued = (d_issue <= t).to_numpy()
    is_open = issued & (d_paid.isna() | (d_paid > t)).to_numpy()
    days = (t - d_due).dt.days.to_numpy().astype("int64")
    codes = np.searchsorted(e, days, side="left")
    return dict(df=df, ids=ids, amt=amt.to_numpy(), issue=d_issue, t=t, issued=issued, open=is_open, days=days,
                codes=codes, labels=_labels(e))


@v.params(invoices=v.Table("invoices table", columns=("customer", "issue", "due", "paid", "amount")), asof=v.Date(),
          buckets=_EDGES, customer=v.Column(), issue=v.Column(), due=v.Column(), paid=v.Column(), amount=v.Column())
def open_items(invoices: pd.DataFrame, asof, *, buckets=DEFAULT_BUCKETS, customer: str = "customer_id",
               issue: str = "issue_date", due: str = "due_date", paid: str = "paid_date",
               amount: str = "amount") -> pd.DataFrame:
    """The invoices outstanding (未收回) at ``asof``, with days past due and ageing bucket.

    An invoice is outstanding at ``asof`` when it was issued on or before ``asof`` and is unpaid
    (empty ``paid_date``) or was paid after ``asof``. Each invoice is paid in full on its paid date
    (no partial payments); amounts must be 0 or more (credit notes are not handled).

    **As-of dates inside the ledger.** Invoices issued after ``asof`` are left out, not refused: they
    did not exist yet, and ageing a whole ledger at each past month-end is the normal use. An
    ``asof`` before *every* issue date, though, is refused (ParameterError): nothing can be
    outstanding then, so it is almost surely a typo in the year. Refused as well (DataError, rows
    named): missing columns, missing or unreadable issue or due dates, due or paid dates before the
    issue date, negative, missing (NaN) or infinite amounts, missing customer ids.

    Returns the outstanding rows of ``invoices`` (all their columns) plus ``days_past_due``
    (``asof - due_date`` in days; 0 or less = not yet due) and ``bucket`` (an ordered categorical
    of :func:`bucket_labels`).
    """
    o = _open(invoices, asof, buckets, customer, issue, due, paid, amount)
    m = o["open"]
    out = o["df"].loc[m].copy()
    out[amount] = o["amt"][m]
    out["days_past_due"] = o["days"][m]
    out["bucket"] = pd.Categorical.from_codes(o["codes"][m], categories=o["labels"], ordered=True)
    return out


@v.params(invoices=v.Table("invoices table", columns=("customer", "issue", "due", "paid", "amount")), asof=v.Date(),
          buckets=_EDGES, customer=v.Column(), issue=v.Column(), due=v.Column(), paid=v.Column(), amount=v.Column(), by_customer=v.Flag())
def ageing(invoices: pd.DataFrame, asof, *, buckets=DEFAULT_BUCKETS, by_customer: bool = False,
           customer: str = "customer_id", issue: str = "issue_date", due: str = "due_date",
           paid: str = "paid_date", amount: str = "amount") -> pd.DataFrame:
    """Receivables ageing (账龄分析): the amount outstanding at ``asof`` by days past due.

    ``buckets``: edges in days past due, starting at 0; the default ``(0, 30, 60, 90)`` gives the
    buckets not yet due ('current'), 1-30, 31-60, 61-90 and over 90 days ('>90'). Which invoices
    count as outstanding, and which inputs are refused, is said in :func:`open_items`.

    Returns, by default, one row per bucket (index ``bucket``, in age order, empty buckets kept as
    0): ``amount`` (¥), ``invoices`` (count) and ``share`` of the total (0 when nothing is
    outstanding). With ``by_customer=True``: one row per customer invoiced by ``asof`` (sorted), one
    column of amounts per bucket and a ``total``.

    The C.11 example: at 2024-12-31, unpaid invoices of ¥100k due 2024-11-20, ¥50k due 2025-01-15,
    ¥80k due 2024-09-15 and ¥30k due 2024-12-10 age into current ¥50k, 1-30 ¥30k, 31-60 ¥100k,
    61-90 ¥0 and >90 ¥80k.
    """
    o = _open(invoices, asof, buckets, customer, issue, due, paid, amount)
    labels, m, k = o["labels"], o["open"], len(o["labels"])
    if by_customer:
        codes, uniques = pd.factorize(o["ids"].to_numpy()[o["issued"]], sort=True)
        cust_of_open = codes[m[o["issued"]]]
        mat = np.zeros((len(uniques), k))
        np.add.at(mat, (cust_of_open, o["codes"][m]), o["amt"][m])
        out = pd.DataFrame(mat, index=pd.Index(uniques, name=customer), columns=pd.Index(labels, name="bucket"))
        out["total"] = mat.sum(axis=1)
        return out
    amount_ = np.bincount(o["codes"][m], weights=o["amt"][m], minlength=k).astype(float)
    count = np.bincount(o["codes"][m], minlength=k).astype("int64")
    total = amount_.sum()
    share = amount_ / total if total > 0 else np.zeros(k)
    return pd.DataFrame({"amount": amount_, "invoices": count, "share": share},
                        index=pd.CategoricalIndex(labels, categories=labels, ordered=True, name="bucket"))


@v.params(receivables=_MONEY, credit_sales=v.Number(low=0, low_open=True, kind="money"),
          days=v.Number(low=0, low_open=True, high=MAX_DAYS, kind="size"))
def dso(receivables, credit_sales, days=365) -> float:
    """Days sales outstanding (应收账款周转天数, DSO [added]): receivables / credit sales x days.

    ``credit_sales``: the credit sales (赊销) of the period of ``days`` days (365 for a year, 90 for
    a quarter); it must be more than 0. Receivables of ¥1.35 m against annual credit sales of
    ¥9.0 m: 1.35 / 9.0 x 365 = 54.75 days -- customers take about 55 days to pay.

    >>> dso(1_350_000, 9_000_000)
    54.75
    """
    out = receivables / credit_sales * days
    if not np.isfinite(out):
        raise ParameterError(f"DSO is too large to compute: receivables {receivables!r} against credit sales "
                             f"{credit_sales!r}.")
    return float(f"{out:.12g}")  # 12 significant digits: 54.75, not 54.749999999999993


@dataclass(frozen=True)
class DSOResult:
    """DSO of a ledger at a date: the receivables, the credit sales of the period and the days."""

    asof: pd.Timestamp
    days: float
    receivables: float
    credit_sales: float
    dso: float


@v.params(invoices=v.Table("invoices table", columns=("customer", "issue", "due", "paid", "amount")), asof=v.Date(),
          days=v.Number(low=1, high=MAX_DAYS, integer=True, kind="size"), customer=v.Column(), issue=v.Column(),
          due=v.Column(), paid=v.Column(), amount=v.Column())
def ledger_dso(invoices: pd.DataFrame, asof, *, days=365, customer: str = "customer_id",
               issue: str = "issue_date", due: str = "due_date", paid: str = "paid_date",
               amount: str = "amount") -> DSOResult:
    """DSO of an invoice ledger at ``asof``: outstanding at ``asof`` / invoiced in the ``days`` days up
    to ``asof`` (issue date after ``asof - days`` and on or before ``asof``) x ``days``.

    Inputs are checked as in :func:`open_items`. A period with no credit sales is refused
    (DataError): DSO is then undefined, not infinite.
    """
    d = days
    o = _open(invoices, asof, _edges(DEFAULT_BUCKETS), customer, issue, due, paid, amount)
    t = o["t"]
    window = ((o["issue"] > t - pd.Timedelta(days=d)) & (o["issue"] <= t)).to_numpy()
    sales = float(o["amt"][window].sum())
    if sales <= 0:
        raise DataError(f"The invoices table has no credit sales in the {d} days up to {t.date()}: "
                        f"DSO is undefined. Choose another asof or a longer period (days=).")
    rec = float(o["amt"][o["open"]].sum())
    return DSOResult(t, float(d), rec, sales, dso(rec, sales, d))


def _rates(name, rates):
    rates = BAD_DEBT_RATES if rates is None else rates
    if not isinstance(rates, (Mapping, pd.Series)):
        raise ParameterError("rates must be a mapping of bucket -> bad-debt rate, e.g. {'current': 0.01, '>90': 0.5}.")
    return rates


@v.params(ageing_table=v.Table("ageing table", columns=("amount",)),
          rates=v.Custom(_rates, "bucket -> bad-debt rate (default BAD_DEBT_RATES); one per bucket of the table"))
def expected_bad_debt(ageing_table: pd.DataFrame, rates=None) -> pd.DataFrame:
    """Expected bad debt (预计坏账) by ageing bucket: amount x the bucket's bad-debt rate.

    ``ageing_table``: the result of :func:`ageing` (index = bucket, column ``amount``).
    ``rates``: bucket -> rate between 0 and 1, one for each bucket of the table; default
    :data:`BAD_DEBT_RATES` ([added], illustrative: 1 %, 3 %, 10 %, 25 %, 50 %). Returns the table's
    ``amount`` with ``rate`` and ``expected_bad_debt`` per bucket; their sum is the provision.
    """
    df = ageing_table
    amt = v.numeric_column(df, "amount", "ageing table", allow_negative=False)
    labels = [str(b) for b in df.index]
    missing = [b for b in labels if b not in rates]
    if missing:
        raise ParameterError(f"rates has no rate for the bucket(s) {missing}; it has {list(rates)}. "
                             f"Give one rate per bucket of the ageing table.")
    r = np.array([v.probability(f"rates[{b!r}]", rates[b]) for b in labels])
    out = pd.DataFrame({"amount": amt.to_numpy(), "rate": r, "expected_bad_debt": amt.to_numpy() * r},
                       index=df.index)
    return out


# ============================================================================================
# Credit grade x loyalty (seed [003], figure 2.3)
# ============================================================================================


@v.params(rating=v.Options(*GRADES), loyalty_score=v.Number(low=1, high=10), loyalty_cut=v.Number(low=1, high=10),
          high_grades=v.Custom(lambda name, g: _high_grades(g), "a list of grades, e.g. ('AAA', 'AA', 'A')"))
def grid_segment(rating: str, loyalty_score, *, high_grades: Sequence[str] = ("AAA", "AA", "A"),
                 loyalty_cut=6.0) -> str:
    """The cell of one customer in the credit grade x loyalty grid, e.g. 'high credit, low loyalty'
    (see :func:`credit_loyalty_grid`; :data:`GRID_CELLS` gives the seed's number of each cell).

    >>> grid_segment("AA", 3)
    'high credit, low loyalty'
    """
    grade, loy, cut, high = rating, loyalty_score, loyalty_cut, high_grades
    return f"{'high' if grade in high else 'low'} credit, {'high' if loy >= cut else 'low'} loyalty"


def _high_grades(high_grades) -> list:
    if isinstance(high_grades, str) or not isinstance(high_grades, Sequence) or not high_grades:
        raise ParameterError(f"high_grades must be a list of grades, e.g. ('AAA', 'AA', 'A'); got {high_grades!r}.")
    return [v.choice("high_grades", g, GRADES) for g in high_grades]


@v.params(loyalty_cut=v.Number(low=1, high=10), high_grades=v.Custom(lambda name, g: _high_grades(g), "a list of grades"),
          customers=v.Table("customers table", columns=("customer", "rating", "loyalty")), customer=v.Column(),
          rating=v.Column(), loyalty=v.Column())
def credit_loyalty_grid(customers: pd.DataFrame, *, customer: str = "customer_id", rating: str = "rating",
                        loyalty: str = "loyalty_score", high_grades: Sequence[str] = ("AAA", "AA", "A"),
                        loyalty_cut=6.0) -> pd.DataFrame:
    """Place customers in the credit grade x loyalty grid (按客户信用等级—忠诚度分类).

    High credit = a grade in ``high_grades``; high loyalty = ``loyalty_score`` (1-10) at least
    ``loyalty_cut``. Returns a table indexed by customer with ``segment`` (e.g. 'high credit, low
    loyalty') and ``cell``: the seed's number (3 = high credit-high loyalty, 4 = high credit-low
    loyalty; 1 and 2 for the low-credit cells are [inferred], the seed lost them).
    """
    cut, df = loyalty_cut, customers
    ids = v.ids(df, customer, "customers table")
    grades = df[rating].astype(object)
    bad = ~grades.isin(GRADES)
    if bad.any():
        raise DataError(f"The column {rating!r} of the customers table must hold the grades {list(GRADES)}; "
                        f"{describe_rows(df.index[bad])} do not (e.g. {grades[bad].iloc[0]!r}).")
    loy = v.numeric_column(df, loyalty, "customers table", low=1, high=10)
    high_c = grades.isin(list(high_grades)).to_numpy()
    high_l = (loy >= cut).to_numpy()
    seg = np.where(high_c, np.where(high_l, "high credit, high loyalty", "high credit, low loyalty"),
                   np.where(high_l, "low credit, high loyalty", "low credit, low loyalty"))
    out = pd.DataFrame({"rating": pd.Categorical(grades.to_numpy(), categories=GRADES, ordered=True),
                        "loyalty_score": loy.to_numpy(), "segment": seg},
                       index=pd.Index(ids.to_numpy(), name=customer))
    out["cell"] = out["segment"].map(GRID_CELLS).astype("int64")
    return out


# --------------------------------------------------------------------------------------------
# One customer at one date: what the credit explorer (chapter 10) shows.
# --------------------------------------------------------------------------------------------

def _raw_weights(name, raw) -> dict:
    if not isinstance(raw, Mapping) or any(c not in raw for c in CRITERIA):
        raise ParameterError(f"weights must map each of {list(CRITERIA)} to a number; got {raw!r}.")
    return {c: v.number(f"weights[{c!r}]", raw[c], low=0) for c in CRITERIA}


_RAW_WEIGHTS = v.Custom(_raw_weights, "criterion -> a weight of 0 or more (normalised to sum to 1)")


@v.params(raw=_RAW_WEIGHTS)
def normalised_weights(raw) -> tuple[dict, float]:
    """Raw 5C weights (any non-negative numbers, e.g. slider values) divided by their sum (equal weights
    when all are 0), and that sum."""
    return _normalised(raw)


def _normalised(raw: dict) -> tuple[dict, float]:
    total = float(sum(raw.values()))
    if total <= 0:
        return {c: 1 / len(raw) for c in raw}, 0.0
    return {c: w / total for c, w in raw.items()}, total


@dataclass(frozen=True)
class ReceivablesView:
    """What one customer owes at one date: the ageing, its expected bad debt and the DSO."""

    ageing: pd.DataFrame
    bad_debt: pd.DataFrame
    dso: float | None

    def __repr__(self) -> str:
        return f"ReceivablesView(owed={float(self.ageing['amount'].sum()):.2f}, dso={self.dso})"


@v.params(invoices=v.Table("invoice table", columns=("issue_date",)), asof=v.Date())
def receivables_view(invoices: pd.DataFrame, asof) -> ReceivablesView:
    """Ageing, expected bad debt (the course's rates) and 365-day DSO of one customer's invoices at ``asof``
    (DSO is None when he bought nothing on credit in those 365 days)."""
    if asof < v.date_column(invoices, "issue_date", "invoice table").min():
        # the customer's first invoice comes later: nothing owed yet (ageing refuses such an asof for a
        # whole ledger, where it is almost surely a wrong year; for one customer it is a normal month)
        age = None
    else:
        age = ageing(invoices, asof)
    if age is None:
        labels = bucket_labels()
        age = pd.DataFrame({"amount": 0.0, "invoices": 0, "share": 0.0},
                           index=pd.CategoricalIndex(labels, categories=labels, ordered=True, name="bucket"))
        return ReceivablesView(age, expected_bad_debt(age), None)
    try:
        d = ledger_dso(invoices, asof).dso
    except DataError:  # no credit sales in the 365 days up to asof: DSO is undefined
        d = None
    return ReceivablesView(age, expected_bad_debt(age), d)


@dataclass(frozen=True)
class CreditView:
    """Everything the credit explorer shows for one customer at one date."""

    customer: str
    asof: pd.Timestamp
    scores: pd.Series  # the five 0-100 scores
    weights: pd.Series  # the weights used (summing to 1)
    weights_total: float  # the sum of the raw weights before normalising
    score: float
    rating: str
    rule_limit: float  # the course's rule
    credit_limit: float  # rule x policy
    warning: LimitWarning
    ageing: pd.DataFrame
    bad_debt: pd.DataFrame
    dso: float | None  # None when the customer had no credit sales in the 365 days to asof
    loyalty_score: float
    segment: str  # the cell of the credit grade x loyalty grid, e.g. 'high credit, low loyalty'
    cell: int

    def __repr__(self) -> str:
        return (f"CreditView(customer={self.customer!r}, asof={self.asof.date()}, score={self.score:.1f}, "
                f"rating={self.rating!r}, credit_limit={self.credit_limit:.0f}, segment={self.segment!r})")


def _applicant(name, applicant):
    need = ["customer_id", *CRITERIA, "annual_credit_sales", "loyalty_score"]
    if not isinstance(applicant, (pd.Series, Mapping)) or any(k not in applicant for k in need):
        raise DataError(f"applicant must be one row of the applicants table (a Series) with {need}; "
                        f"got {type(applicant).__name__}.")
    return applicant


def _receivables(name, receivables):
    if not isinstance(receivables, ReceivablesView):
        raise ParameterError(f"receivables must be a ReceivablesView, not {type(receivables).__name__}.")
    return receivables


@v.params(applicant=v.Custom(_applicant, "one row of the applicants table"),
          receivables=v.Custom(_receivables, "the customer's ReceivablesView (None: computed)", optional=True),
          weights=_RAW_WEIGHTS, limit_scale=v.Number(low=0), asof=v.Date(),
          invoices=v.Free("the customer's invoices: checked by receivables_view when it is called"))
def credit_view(applicant, invoices: pd.DataFrame, weights, asof, limit_scale: float = 1.0,
                receivables: ReceivablesView | None = None) -> CreditView:
    """One customer (a row of ``credit_applicants``: ``customer_id``, the 5C scores, ``annual_credit_sales``,
    ``loyalty_score``), his invoices, raw 5C weights (normalised here), the as-of date and the policy
    multiplier of the limit rule -> score, grade, limit, warning, ageing, bad debt, DSO and grid cell.
    ``receivables``: :func:`receivables_view` of the same invoices and date, when already computed."""
    w, total = _normalised(weights)
    score = five_c_score({c: applicant[c] for c in CRITERIA}, w)  # checks the scores
    scores = pd.Series({c: float(applicant[c]) for c in CRITERIA})
    grade = rating(score)
    rule = credit_limit(grade, applicant["annual_credit_sales"])
    limit = rule * limit_scale
    when = asof
    rv = receivables_view(invoices, when) if receivables is None else receivables
    warn = limit_warning(float(rv.ageing["amount"].sum()), limit)
    cell = grid_segment(grade, applicant["loyalty_score"])
    return CreditView(str(applicant["customer_id"]), when, scores, pd.Series(w), total, score, grade,
                      rule, limit, warn, rv.ageing, rv.bad_debt, rv.dso, float(applicant["loyalty_score"]), cell,
                      GRID_CELLS[cell])


__all__ += ["normalised_weights", "receivables_view", "ReceivablesView", "credit_view", "CreditView"]


# ============================================================================================
# Credit policy (信用政策): credit standards, credit terms with a cash discount, collection policy
# ============================================================================================
#
# The textbook method of Chinese financial management (e.g. 荆新、王化成、刘俊彦《财务管理学》, and the CPA
# textbook 《财务成本管理》, both in their chapter on receivables management, 应收账款管理): a change of
# credit policy is worth making when the margin it adds exceeds what it adds to the cost of credit:
#
#     incremental profit = change in margin (边际贡献) - change in the carrying cost of receivables
#                          (应收账款机会成本) - change in bad debts (坏账损失) - change in collection cost
#                          (收账费用) - change in the cost of the cash discount (现金折扣成本)
#
#     carrying cost = annual credit sales / days x average collection days x variable-cost ratio x cost of capital
#     (receivables = daily sales x collection days; the money tied up in them = receivables x variable-cost ratio)
#     cash-discount cost = annual credit sales x share of sales paid within the discount period x discount rate
#
# The textbooks count a year as 360 days in these decisions (DAYS_IN_YEAR); pass days=365 to count otherwise.

#: The textbook's year in credit-policy decisions.
DAYS_IN_YEAR = 360
#: The lines of a credit policy's calculation, in the order they are shown (see :func:`policy_lines`).
POLICY_LINES = ("sales", "margin", "receivables", "capital_tied_up", "carrying_cost", "bad_debt",
                "collection_cost", "discount_cost", "net_profit")


@dataclass(frozen=True)
class CreditPolicy:
    """A credit policy's annual figures: what the textbook's comparison needs (see :func:`credit_policy`)."""

    sales: float  # annual credit sales (年赊销额), ¥
    collection_days: float  # average collection period (平均收账天数), days
    bad_debt_rate: float = 0.0  # bad debts as a share of credit sales (坏账损失率)
    collection_cost: float = 0.0  # annual collection cost (收账费用), ¥
    discount_rate: float = 0.0  # cash discount (现金折扣率), e.g. 0.02 for "2/10, n/30"
    discount_share: float = 0.0  # share of sales paid within the discount period (享受折扣的销售比例)


_DAYS = v.Number(low=0, high=MAX_DAYS, kind="size")
_YEAR = v.Number(low=1, high=MAX_DAYS, kind="size")
_RATE = v.Share()


@v.params(sales=_MONEY, collection_days=_DAYS, bad_debt_rate=_RATE, collection_cost=_MONEY, discount_rate=_RATE,
          discount_share=_RATE)
def credit_policy(sales, collection_days, *, bad_debt_rate=0.0, collection_cost=0.0, discount_rate=0.0,
                  discount_share=0.0) -> CreditPolicy:
    """A credit policy described by its annual figures (a :class:`CreditPolicy`).

    ``sales``: annual credit sales (¥); ``collection_days``: the average collection period in days (平均收账天数:
    how long customers take to pay, on average over the sales); ``bad_debt_rate``: bad debts as a share of
    sales (0-1); ``collection_cost``: the annual collection cost (¥); ``discount_rate`` and ``discount_share``:
    the cash discount (0.02 for "2/10, n/30") and the share of sales paid within the discount period.

    >>> credit_policy(7_200_000, 60, bad_debt_rate=0.03, collection_cost=50_000)
    CreditPolicy(sales=7200000.0, collection_days=60.0, bad_debt_rate=0.03, collection_cost=50000.0, discount_rate=0.0, discount_share=0.0)
    """
    return CreditPolicy(sales, collection_days, bad_debt_rate, collection_cost, discount_rate, discount_share)


def _policy(name, p) -> CreditPolicy:
    if not isinstance(p, CreditPolicy):
        raise ParameterError(f"{name} must be a CreditPolicy (made by credit.credit_policy(...)), "
                             f"not {type(p).__name__}.")
    # a CreditPolicy made by hand is checked as credit_policy checks its figures
    return credit_policy(p.sales, p.collection_days, bad_debt_rate=p.bad_debt_rate, collection_cost=p.collection_cost,
                         discount_rate=p.discount_rate, discount_share=p.discount_share)


_POLICY = v.Custom(_policy, "a CreditPolicy (credit.credit_policy)")
_COSTS = {"variable_cost_ratio": v.Share(), "cost_of_capital": v.Number(low=0, high=1, kind="rate"), "days": _YEAR}


def _lines(p: CreditPolicy, vcr: float, k: float, days: float) -> np.ndarray:
    receivables = p.sales / days * p.collection_days
    tied = receivables * vcr
    carrying = tied * k
    bad = p.sales * p.bad_debt_rate
    discount = p.sales * p.discount_share * p.discount_rate
    margin = p.sales * (1 - vcr)
    net = margin - carrying - bad - p.collection_cost - discount
    return np.array([p.sales, margin, receivables, tied, carrying, bad, p.collection_cost, discount, net])


@v.params(policy=_POLICY, **_COSTS)
def policy_lines(policy: CreditPolicy, *, variable_cost_ratio, cost_of_capital, days=DAYS_IN_YEAR) -> pd.Series:
    """Each line of the textbook's calculation for one policy (a Series indexed by :data:`POLICY_LINES`):

    sales; margin = sales x (1 - variable-cost ratio) (边际贡献); receivables = sales / days x collection days
    (应收账款平均余额); capital tied up = receivables x variable-cost ratio (维持赊销业务所需资金); carrying cost =
    capital tied up x cost of capital (应收账款机会成本); bad debt = sales x bad-debt rate (坏账损失); collection
    cost (收账费用); discount cost = sales x discount share x discount rate (现金折扣成本); net profit = margin
    minus the four costs (扣除信用成本后的收益).

    >>> float(policy_lines(credit_policy(7_200_000, 60), variable_cost_ratio=0.6, cost_of_capital=0.1)["carrying_cost"])
    72000.0
    """
    out = _lines(policy, variable_cost_ratio, cost_of_capital, days)
    return pd.Series(v.finite("the policy's figures", out, change="smaller sales"), index=pd.Index(POLICY_LINES, name="line"),
                     name="amount")


@v.params(current=_POLICY, proposed=_POLICY, **_COSTS)
def compare_policies(current: CreditPolicy, proposed: CreditPolicy, *, variable_cost_ratio, cost_of_capital,
                     days=DAYS_IN_YEAR) -> pd.DataFrame:
    """The textbook's table of two credit policies: each line of :func:`policy_lines` for the ``current`` and the
    ``proposed`` policy and the ``change`` (proposed - current). The change of ``net_profit`` is the incremental
    profit of the proposal: positive, adopt it; negative, keep the current policy.

    ``variable_cost_ratio``: variable costs as a share of sales (变动成本率, 0-1); ``cost_of_capital``: the
    firm's required return on the money tied up in receivables (资本成本率, a yearly rate 0-1); ``days``: the
    days of a year (:data:`DAYS_IN_YEAR` = 360, the textbook's).
    """
    a = _lines(current, variable_cost_ratio, cost_of_capital, days)
    b = _lines(proposed, variable_cost_ratio, cost_of_capital, days)
    v.finite("the policies' figures", np.concatenate([a, b]), change="smaller sales")
    return pd.DataFrame({"current": a, "proposed": b, "change": b - a}, index=pd.Index(POLICY_LINES, name="line"))


@v.params(current=_POLICY, discount_rate=_RATE, discount_days=_DAYS, discount_share=_RATE,
          sales_growth=v.Number(low=-1, high=10, kind="rate"), bad_debt_rate=v.Share(optional=True),
          collection_cost=v.Number(low=0, optional=True, kind="money"), **_COSTS)
def cash_discount(current: CreditPolicy, *, discount_rate, discount_days, discount_share, variable_cost_ratio,
                  cost_of_capital, sales_growth=0.0, bad_debt_rate=None, collection_cost=None,
                  days=DAYS_IN_YEAR) -> pd.DataFrame:
    """Offer a cash discount (现金折扣), e.g. "2/10, n/30": ``discount_rate`` 0.02 for payment within
    ``discount_days`` 10. The table of :func:`compare_policies` for the current policy against the proposal.

    The proposal: sales grow by ``sales_growth`` (a share, e.g. 0.05; default 0); a share ``discount_share`` of
    the sales is paid on day ``discount_days`` and takes the discount; the rest is paid as now, after
    ``current.collection_days`` days, so the new collection period is
    ``discount_share x discount_days + (1 - discount_share) x current.collection_days``; bad debts become
    ``bad_debt_rate`` of sales and the collection cost ``collection_cost`` (defaults: as now).

    >>> t = cash_discount(credit_policy(7_200_000, 60), discount_rate=0.02, discount_days=10, discount_share=0.5,
    ...                   variable_cost_ratio=0.6, cost_of_capital=0.1)
    >>> float(round(t.loc["net_profit", "change"], 2))      # 30,000 saved on carrying cost, 72,000 of discounts
    -42000.0
    """
    p = current
    share = discount_share
    proposed = CreditPolicy(
        sales=p.sales * (1 + sales_growth),
        collection_days=share * discount_days + (1 - share) * p.collection_days,
        bad_debt_rate=p.bad_debt_rate if bad_debt_rate is None else bad_debt_rate,
        collection_cost=p.collection_cost if collection_cost is None else collection_cost,
        discount_rate=discount_rate,
        discount_share=share,
    )
    return compare_policies(p, proposed, variable_cost_ratio=variable_cost_ratio, cost_of_capital=cost_of_capital,
                            days=days)


@v.params(current=_POLICY, added_sales=v.Number(kind="money"), added_collection_days=_DAYS,
          added_bad_debt_rate=_RATE, added_collection_cost=v.Number(kind="money"), **_COSTS)
def credit_standard(current: CreditPolicy, *, added_sales, added_collection_days, added_bad_debt_rate,
                    variable_cost_ratio, cost_of_capital, added_collection_cost=0.0,
                    days=DAYS_IN_YEAR) -> pd.DataFrame:
    """Relax or tighten the credit standard (信用标准): the table of :func:`compare_policies`.

    Relaxing it (``added_sales`` > 0) sells on credit to customers who were refused: their sales
    ``added_sales``, paid after ``added_collection_days`` on average, of which ``added_bad_debt_rate`` is
    never paid, at ``added_collection_cost`` more a year. Tightening it (``added_sales`` < 0) loses the
    sales of the customers now refused, with their collection days and bad-debt rate (and saves their
    collection cost: ``added_collection_cost`` < 0). Then, as the textbook writes it,

    incremental profit = added sales x (1 - variable-cost ratio) - added sales / days x added collection days
    x variable-cost ratio x cost of capital - added sales x added bad-debt rate - added collection cost.

    >>> t = credit_standard(credit_policy(7_200_000, 60, bad_debt_rate=0.02), added_sales=1_800_000,
    ...                     added_collection_days=90, added_bad_debt_rate=0.08, variable_cost_ratio=0.6,
    ...                     cost_of_capital=0.1)
    >>> float(round(t.loc["net_profit", "change"], 2))      # 720,000 - 27,000 - 144,000
    549000.0
    """
    p = current
    sales = p.sales + added_sales
    if sales < -1e-9 * p.sales:
        raise ParameterError(f"added_sales ({added_sales:,.2f}) would lose more than the current sales "
                             f"({p.sales:,.2f}): a tighter standard can lose at most all of them.")
    sales = max(sales, 0.0) if sales > 1e-9 * p.sales else 0.0
    rec = p.sales * p.collection_days + added_sales * added_collection_days
    bad = p.sales * p.bad_debt_rate + added_sales * added_bad_debt_rate
    cost = p.collection_cost + added_collection_cost
    for what, x in (("receivables", rec), ("bad debts", bad), ("collection cost", cost)):
        if x < -1e-9 * max(1.0, p.sales * max(p.collection_days, 1.0)):
            raise ParameterError(f"The customers lost by the tighter standard would take away more {what} than the "
                                 f"current policy has: check added_sales, added_collection_days, "
                                 f"added_bad_debt_rate and added_collection_cost against the current policy.")
    proposed = CreditPolicy(
        sales=sales,
        collection_days=max(rec, 0.0) / sales if sales > 0 else 0.0,
        bad_debt_rate=min(max(bad, 0.0) / sales, 1.0) if sales > 0 else 0.0,
        collection_cost=max(cost, 0.0),
        discount_rate=p.discount_rate,
        discount_share=p.discount_share,
    )
    return compare_policies(p, proposed, variable_cost_ratio=variable_cost_ratio, cost_of_capital=cost_of_capital,
                            days=days)


@v.params(current=_POLICY, collection_cost=_MONEY, collection_days=_DAYS, bad_debt_rate=_RATE, **_COSTS)
def collection_effort(current: CreditPolicy, *, collection_cost, collection_days, bad_debt_rate, variable_cost_ratio,
                      cost_of_capital, days=DAYS_IN_YEAR) -> pd.DataFrame:
    """Spend more (or less) on collection (收账政策): the table of :func:`compare_policies` for the current policy
    against one whose annual ``collection_cost`` is the new spending and whose customers pay after
    ``collection_days`` with ``bad_debt_rate`` of sales never paid (the estimates of what the new spending
    achieves). Sales stay as they are (a firmer collection that loses customers is a change of sales too:
    model it with :func:`compare_policies`).

    >>> t = collection_effort(credit_policy(7_200_000, 60, bad_debt_rate=0.03, collection_cost=50_000),
    ...                       collection_cost=110_000, collection_days=45, bad_debt_rate=0.02,
    ...                       variable_cost_ratio=0.6, cost_of_capital=0.1)
    >>> float(round(t.loc["net_profit", "change"], 2))      # 18,000 carrying + 72,000 bad debt - 60,000 spent
    30000.0
    """
    p = current
    proposed = CreditPolicy(p.sales, collection_days, bad_debt_rate, collection_cost, p.discount_rate,
                            p.discount_share)
    return compare_policies(p, proposed, variable_cost_ratio=variable_cost_ratio, cost_of_capital=cost_of_capital,
                            days=days)


@v.params(applicants=v.Table("applicants table", columns=("customer", "sales", "receivables", "defaulted",
                                                          "criteria")),
          cutoff=v.Number(low=0, high=100), weights=_WEIGHTS, cost_per_customer=_MONEY, days=_YEAR,
          customer=v.Column(), sales=v.Column(), receivables=v.Column(), defaulted=v.Column(),
          criteria=v.Custom(_criteria, "the five columns of the 5C scores"))
def standard_policy(applicants: pd.DataFrame, cutoff, *, weights=None, cost_per_customer=0.0, days=DAYS_IN_YEAR,
                    customer: str = "customer_id", sales: str = "annual_credit_sales",
                    receivables: str = "receivables", defaulted: str = "defaulted_next_year",
                    criteria: Sequence[str] = CRITERIA) -> CreditPolicy:
    """The credit policy of a credit standard on a table of customers: credit to those whose 5C score (the
    ``weights``, default :data:`DEFAULT_WEIGHTS`) is at least ``cutoff``, none to the others.

    From the customers given credit: sales = their annual credit sales; collection days = their receivables /
    their sales x ``days`` (their DSO); bad-debt rate = the receivables of those who defaulted (``defaulted``
    True: what they owed is lost) / their sales; collection cost = ``cost_per_customer`` x their number.
    Compare two standards with :func:`compare_policies` (the customers between the two cut-offs make the
    difference). No customer at or above the cut-off: a policy with no sales.
    """
    df = applicants
    ids = v.ids(df, customer, "applicants table")
    if ids.duplicated().any():
        raise DataError(f"The applicants table lists customers more than once (e.g. {ids[ids.duplicated()].iloc[0]!r}): "
                        f"give one row per customer.")
    mat = np.column_stack([v.numeric_column(df, c, "applicants table", low=0, high=100).to_numpy() for c in criteria])
    score = np.round(mat @ weights.to_numpy(), 10)
    s = v.numeric_column(df, sales, "applicants table", allow_negative=False).to_numpy()
    rec = v.numeric_column(df, receivables, "applicants table", allow_negative=False).to_numpy()
    dflt = v.flag_column(df, defaulted, "applicants table").to_numpy(dtype=bool)
    ok = score >= cutoff
    total = float(s[ok].sum())
    if total <= 0:
        return CreditPolicy(0.0, 0.0, 0.0, float(cost_per_customer * ok.sum()))
    owed = float(rec[ok].sum())
    lost = float(rec[ok & dflt].sum())
    return CreditPolicy(total, owed / total * days, min(lost / total, 1.0), float(cost_per_customer * ok.sum()))


__all__ += ["DAYS_IN_YEAR", "POLICY_LINES", "CreditPolicy", "credit_policy", "policy_lines", "compare_policies",
            "cash_discount", "credit_standard", "collection_effort", "standard_policy"]
