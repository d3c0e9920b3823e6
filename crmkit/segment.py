"""Finding the most valuable customers (寻找最有价值的客户): ABC, tiers, RFM, pyramid, value matrices.

Chapters 03 and 04 of the course (syllabus topic 3, section 1, methods 1 and 2). Every function
takes a table or a Series of per-customer values and returns a tidy DataFrame indexed by
customer, with a ``class`` (or ``segment``) column and, where the course gives one, the
recommended treatment.

* :func:`abc_classes` -- ABC / Pareto analysis (ABC分类法), by cumulative share of value
  (80/15/5) or by share of customers (the seed's A ≈ 10-15 %, B ≈ 15-25 %);
  :func:`pareto_curve`, :func:`concentration`, :func:`class_summary`.
* :func:`tiers` -- high-end / big / medium / small customers (高端/大/中等/小客户);
  :func:`pyramid` -- platinum / gold / iron / lead (白金/黄金/铁/铅);
  :func:`rule_tier` -- threshold rules such as Chase's blue / green tiers.
* :func:`value_matrix` -- historical × expected future value (非经济/高端/不良/期望客户);
  :func:`loyalty_matrix` -- profitability × relationship length (路人/蝴蝶/葫芦/朋友型), the length projected
  by :func:`projected_duration`.
* :func:`rfm_table`, :func:`rfm_scores`, :func:`rfm_threshold_scores`, :func:`rfm_segments`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from . import _duck
from . import _validate as v
from .data import validate_transactions
from .errors import DataError, ParameterError, describe_rows

__all__ = [
    "abc_classes",
    "pareto_curve",
    "gini",
    "concentration",
    "class_summary",
    "tiers",
    "pyramid",
    "rule_tier",
    "customer_profit",
    "TELECOM_RULES",
    "value_matrix",
    "loyalty_matrix",
    "projected_duration",
    "rfm_table",
    "rfm_scores",
    "rfm_threshold_scores",
    "rfm_segments",
    "kmeans_segments",
    "KMeansSegments",
    "ACTIONS",
    "CN8",
    "EN_SEGMENTS",
]

# --------------------------------------------------------------------------------------------
# Recommended treatments (what to offer each class), from the syllabus (B.6, B.7) and, where
# marked, the course's own additions.
# --------------------------------------------------------------------------------------------

#: The classes that have a recommended treatment. The text itself (English and Chinese) has one home, the
#: ``action.<class>`` labels of :mod:`crmkit.i18n.labels_terms`; ``ACTIONS`` is their English text.
ACTION_CLASSES = (
    "A", "B", "D", "C",  # ABC (B.7.2) and the ABCD variant
    "high-end", "big", "medium", "small",  # four tiers (B.7.1, seed 000 method 1)
    "platinum", "gold", "iron", "lead",  # pyramid (B.6.2, Zeithaml, Rust and Lemon 2001)
    "high-end customers", "uneconomic customers", "expectant customers", "bad customers",  # value matrix (B.6.1)
    "true friends", "butterflies", "barnacles", "strangers",  # loyalty matrix (B.6.3, Reinartz and Kumar 2002)
)


def _actions() -> dict:
    from .i18n import labels

    found = labels()
    return {c: found[f"action.{c}"][0] for c in ACTION_CLASSES}


ACTIONS = _actions()

#: The Chinese eight-class RFM scheme: (R high, F high, M high) -> (class, English name, action).
#: R "high" means a recency (days) *below* the mean: a recent buyer.
CN8 = {
    (True, True, True): ("重要价值客户", "important value", "Recent, frequent, big: the best customers; keep them with VIP treatment."),
    (True, False, True): ("重要发展客户", "important development", "Recent and big but not yet frequent: raise their purchase frequency."),
    (False, True, True): ("重要保持客户", "important retention", "Frequent and big but silent lately: contact them now to keep them."),
    (False, False, True): ("重要挽留客户", "important win-back", "Big but neither recent nor frequent: win them back before they are lost."),
    (True, True, False): ("一般价值客户", "general value", "Recent and frequent but small baskets: raise the basket (cross-/up-sell)."),
    (True, False, False): ("一般发展客户", "general development", "Recent but infrequent and small: develop them at low cost."),
    (False, True, False): ("一般保持客户", "general retention", "Frequent, small, silent lately: low-cost reminders."),
    (False, False, False): ("一般挽留客户", "general win-back", "Low on all three: little investment; automated win-back at most."),
}

#: The English score-based scheme on the R x F score grid (scores 1-5), first match wins.
EN_SEGMENTS = [
    ("champions", lambda r, f: (r >= 4) & (f >= 4), "Reward them; early access, ask for reviews and referrals."),
    ("loyal customers", lambda r, f: (r == 3) & (f >= 4), "Up-sell, loyalty programme, ask for feedback."),
    ("potential loyalists", lambda r, f: (r >= 4) & (f >= 2) & (f <= 3), "Membership, personal recommendations."),
    ("new customers", lambda r, f: (r == 5) & (f == 1), "Onboarding, a good first experience, a second-purchase offer."),
    ("promising", lambda r, f: (r == 4) & (f == 1), "Build the relationship: offers on the next purchase."),
    ("need attention", lambda r, f: (r == 3) & (f >= 2) & (f <= 3), "Time-limited, personalised offers."),
    ("about to sleep", lambda r, f: (r == 3) & (f == 1), "Reactivate with relevant products and discounts."),
    ("can't lose them", lambda r, f: (r == 1) & (f >= 4), "Win them back personally: call, ask what went wrong."),
    ("at risk", lambda r, f: (r <= 2) & (f >= 3), "Personal reactivation campaign, service check."),
    ("hibernating", lambda r, f: (r <= 2) & (f <= 2), "Low-cost reactivation only; accept some loss."),
]

# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _values(values, name="values", allow_negative=False) -> pd.Series:
    """A clean numeric Series of per-customer values, or a DataError naming the problem."""
    if isinstance(values, pd.DataFrame):
        if values.shape[1] != 1:
            raise DataError(f"Expected one column of {name} per customer (a Series), got a table with "
                            f"{values.shape[1]} columns; pick one, e.g. table['revenue'].")
        values = values.iloc[:, 0]
    if not isinstance(values, pd.Series):
        try:
            values = pd.Series(values)
        except Exception:
            raise DataError(f"Expected the {name} as a pandas Series indexed by customer.") from None
    if len(values) == 0:
        raise DataError(f"The {name} are empty: there are no customers to classify.")
    if pd.api.types.is_complex_dtype(values) or pd.api.types.is_bool_dtype(values) or (
            values.dtype == object and values.map(lambda x: isinstance(x, (bool, complex, np.bool_))).any()):
        raise DataError(f"The {name} must be real numbers, not True/False or complex numbers.")
    if not pd.api.types.is_numeric_dtype(values):
        num = pd.to_numeric(values, errors="coerce")
        bad = num.isna() & values.notna()
        if bad.any():
            raise DataError(f"The {name} must be numbers; {describe_rows(values.index[bad])} are not.")
        values = num
    values = values.astype(float)
    bad = values.isna() | ~np.isfinite(values.to_numpy())
    if bad.any():
        raise DataError(f"The {name} have missing (NaN) or infinite values for {describe_rows(values.index[bad])}.")
    if not allow_negative and (values < 0).any():
        raise DataError(f"The {name} must not be negative; {describe_rows(values.index[values < 0])} are. "
                        "Net returns first, or classify profit with pyramid(), which allows losses.")
    if values.index.has_duplicates:
        dup = values.index[values.index.duplicated()].unique()
        raise DataError(f"Each customer must appear once; {describe_rows(dup)} appear more than once. "
                        "Sum per customer first (groupby).")
    return values


def _scaled(values: pd.Series) -> np.ndarray:
    """The values divided by the largest absolute value: shares and ranks are unchanged, and sums of
    huge values (1e308) cannot overflow into inf/NaN."""
    x = values.to_numpy(dtype=float)
    top = np.abs(x).max() if len(x) else 0.0
    return x / top if top > 1e150 else x


def _shares(shares, name="shares"):
    s = [float(x) for x in shares]  # checked as numbers by the declaration
    if any(not 0 < x < 1 for x in s) or sum(s) >= 1 + 1e-12:
        raise ParameterError(f"{name} must be fractions between 0 and 1 that add up to less than 1; got {tuple(s)}.")
    return s


#: Declarations of the parameters the functions below share (``v.params``).
_VALUES = v.Custom(lambda name, x: _values(x), "values: one number per customer (a Series indexed by customer)")
_FILE = _duck.Source("transaction table")


def _values_or_file(name, x):
    return _FILE.check(name, x) if _duck.out_of_core(x) else _values(x)


_VALUES_OR_FILE = v.Custom(_values_or_file, "values: one number per customer (a Series indexed by customer), or a "
                           "Parquet/CSV path or DuckDB relation of transactions")
_PROFITS = v.Custom(lambda name, x: _values(x, "profits", allow_negative=True), "profits per customer (losses allowed)")
_RFM = v.Custom(lambda name, x: _rfm_columns(x), "an RFM table (recency, frequency, monetary)")


def _rank_order(values: pd.Series) -> np.ndarray:
    """Positions of customers from the highest value down; ties keep their original order."""
    return np.argsort(-values.to_numpy(), kind="stable")


def _classes_by_count(values: pd.Series, shares, labels) -> pd.Series:
    """The top shares[0] of customers get labels[0], the next shares[1] labels[1] ... the rest the last."""
    n = len(values)
    bounds = np.floor(np.cumsum(shares) * n + 0.5).astype(int)
    rank = np.empty(n, dtype=int)
    rank[_rank_order(values)] = np.arange(n)
    idx = np.searchsorted(bounds, rank, side="right")
    return pd.Series(np.asarray(labels, dtype=object)[idx], index=values.index)


def _with_ranks(values: pd.Series) -> pd.DataFrame:
    order = _rank_order(values)
    x = _scaled(values)
    n, total = len(values), x.sum()
    out = pd.DataFrame({"value": values.to_numpy()}, index=values.index)
    rank = np.empty(n, dtype=int)
    rank[order] = np.arange(1, n + 1)
    out["rank"] = rank
    cum = np.empty(n)
    cum[order] = np.cumsum(x[order])
    out["share"] = x / total if total else 0.0
    out["cum_share"] = cum / total if total else 0.0
    out["customer_share"] = rank / n
    return out


# --------------------------------------------------------------------------------------------
# ABC / Pareto
# --------------------------------------------------------------------------------------------


@v.params(values=_VALUES_OR_FILE, by=v.Options("value", "count"), cutoffs=v.Numbers(), shares=v.Numbers(),
          customer=v.Column(optional=True), date=v.Column(optional=True), amount=v.Column(optional=True),
          asof=v.Date(optional=True))
def abc_classes(values, by: str = "value", cutoffs=(0.80, 0.95), shares=(0.15, 0.25), *, customer=None, date=None,
                amount=None, asof=None) -> pd.DataFrame:
    """ABC classes of customers (ABC分类法, Pareto analysis).

    ``values``: a Series of value per customer (revenue, profit ...; not negative), indexed by customer. Or a
    file of transactions too large for memory: a Parquet/CSV path or a DuckDB relation, with the names of its
    ``customer``, ``date`` and ``amount`` columns (default ``customer_id``, ``date``, ``amount``) and ``asof``;
    each customer's value is then its net spend before ``asof`` computed in DuckDB, out of core, as the
    ``monetary`` column of :func:`rfm_table` (the same classes as ``abc_classes(rfm_table(...)["monetary"])``).

    * ``by="value"`` (the Pareto convention): rank customers by value; a customer is **A** if the
      cumulative share of value *before* it is below ``cutoffs[0]`` (80 %), **B** if below
      ``cutoffs[1]`` (95 %), else **C**. So A brings about 80 % of the value, B the next 15 %, C the
      last 5 %; the first customer is always A.
    * ``by="count"`` (the seed's rule): the top ``shares[0]`` of customers (15 %) are A, the next
      ``shares[1]`` (25 %) B, the rest C; counts are rounded to the nearest whole customer.

    Ties are ranked in their original order, so equal values can fall in different classes at a
    boundary. Returns one row per customer: value, rank, share, cum_share (of value, this customer
    included), customer_share (share of customers up to this one), class, action.
    """
    if _duck.out_of_core(values):
        values = _duck.customer_values(values, customer=customer or "customer_id", date=date or "date",
                                       amount=amount or "amount", asof=asof)
    elif any(x is not None for x in (customer, date, amount, asof)):
        raise ParameterError("customer, date, amount and asof name the columns of a file of transactions; "
                             "values here is already one number per customer. Leave them out, or pass the file's "
                             "path instead of the values.")
    vals = values
    out = _with_ranks(vals)
    if by == "value":
        c = [float(x) for x in cutoffs]
        if len(c) not in (2, 3) or not (0 < c[0] and all(a < b for a, b in zip(c, c[1:])) and c[-1] <= 1):
            raise ParameterError(f"cutoffs must be two (ABC) or three (ABCD) increasing fractions such as (0.80, 0.95), "
                                 f"not {tuple(c)!r}.")
        labels = list("ABCD"[: len(c) + 1])
        if not (vals > 0).any():
            raise DataError("All values are zero: there is no value to classify by. Use by='count'.")
        before = (out["cum_share"] - out["share"]).to_numpy()
        idx = np.searchsorted(np.asarray(c) - 1e-12, before, side="right")
        out["segment"] = np.asarray(labels, dtype=object)[idx]
    else:
        s_ = _shares(shares)
        if len(s_) not in (2, 3):
            raise ParameterError(f"shares must give the sizes of A and B (ABC), or of A, B and C (ABCD), e.g. "
                                 f"(0.15, 0.25), not {tuple(s_)!r}.")
        labels = list("ABCD"[: len(s_) + 1])
        out["segment"] = _classes_by_count(vals, s_, labels)
    out["segment"] = pd.Categorical(out["segment"], categories=labels)
    out["action"] = out["segment"].map(ACTIONS).astype(object)
    return out


@v.params(classes=v.Table("classified table", columns=("column", "value")), column=v.Column(), value=v.Column())
def class_summary(classes: pd.DataFrame, *, column: str = "segment", value: str = "value") -> pd.DataFrame:
    """Per class: number of customers, share of customers, total value and share of value."""
    classes = classes.assign(**{value: v.numeric_column(classes, value, "classified table")})
    g = classes.groupby(column, observed=False)[value]
    out = pd.DataFrame({"customers": g.size(), "value": g.sum()})
    out["customer_share"] = out["customers"] / out["customers"].sum()
    total = out["value"].sum()
    out["value_share"] = out["value"] / total if total else 0.0
    return out[["customers", "customer_share", "value", "value_share"]]


@v.params(values=_VALUES)
def pareto_curve(values) -> pd.DataFrame:
    """The Pareto (Lorenz) curve: share of customers (best first) against share of value.

    Starts at (0, 0) and ends at (1, 1); :func:`gini` gives the concentration in one number.
    """
    return _pareto(values)


def _pareto(values: pd.Series) -> pd.DataFrame:
    x = _scaled(values)
    x = np.sort(x)[::-1]
    total = x.sum()
    if total == 0:
        raise DataError("All values are zero: the Pareto curve is not defined.")
    cy = np.concatenate([[0.0], np.cumsum(x) / total])
    cx = np.arange(len(x) + 1) / len(x)
    return pd.DataFrame({"customer_share": cx, "value_share": cy})


@v.params(values=_VALUES)
def gini(values) -> float:
    """The Gini coefficient of concentration (基尼系数): 0 when all customers bring the same value,
    towards 1 when one customer brings everything; twice the area between the Pareto curve and the
    diagonal."""
    curve = _pareto(values)
    cx, cy = curve["customer_share"].to_numpy(), curve["value_share"].to_numpy()
    area = np.trapezoid(cy, cx) if hasattr(np, "trapezoid") else np.trapz(cy, cx)
    return float(2 * area - 1)


@v.params(values=_VALUES, top=v.Number(low=0, high=1, low_open=True))
def concentration(values, top: float = 0.20) -> float:
    """Share of value brought by the top ``top`` share of customers ("the top 20 % bring y %").

    The number of top customers is ``top`` x customers rounded to the nearest whole customer.
    """
    vals = values
    k = int(np.floor(top * len(vals) + 0.5))
    x = np.sort(_scaled(vals))[::-1]
    return float(x[:k].sum() / x.sum()) if x.sum() else 0.0


# --------------------------------------------------------------------------------------------
# Tiers, pyramid, rules
# --------------------------------------------------------------------------------------------

TIERS = ("high-end", "big", "medium", "small")
PYRAMID = ("platinum", "gold", "iron", "lead")


@v.params(values=_VALUES, shares=v.Numbers())
def tiers(values, shares=(0.01, 0.04, 0.15)) -> pd.DataFrame:
    """Four tiers by value rank: high-end, big, medium, small customers (高端/大/中等/小客户).

    Default shares are the customer pyramid of Chinese textbooks **[added]**: VIP / high-end the top
    1 %, big the next 4 %, medium the next 15 %, small the last 80 % (high-end + big = key customers).
    """
    vals = values
    s = _shares(shares)
    if len(s) != 3:
        raise ParameterError("shares must give the sizes of the first three tiers, e.g. (0.01, 0.04, 0.15).")
    out = _with_ranks(vals)
    out["segment"] = pd.Categorical(_classes_by_count(vals, s, TIERS), categories=TIERS)
    out["action"] = out["segment"].map(ACTIONS).astype(object)
    return out


@v.params(profit=_PROFITS, shares=v.Numbers())
def pyramid(profit, shares=(0.05, 0.20, 0.45)) -> pd.DataFrame:
    """The customer pyramid (Zeithaml, Rust and Lemon 2001): platinum, gold, iron, lead (白金/黄金/铁/铅).

    Customers are ranked by ``profit`` (losses allowed): the top ``shares[0]`` are platinum, the next
    ``shares[1]`` gold, the next ``shares[2]`` iron, the rest lead; a customer who loses money is
    lead whatever its rank ("costs more than it brings"). Default shares are the course's choice.
    """
    vals = profit
    s = _shares(shares)
    if len(s) != 3:
        raise ParameterError("shares must give the sizes of platinum, gold and iron, e.g. (0.05, 0.20, 0.45).")
    out = pd.DataFrame({"value": vals})
    order = _rank_order(vals)
    rank = np.empty(len(vals), dtype=int)
    rank[order] = np.arange(1, len(vals) + 1)
    out["rank"] = rank
    cls = _classes_by_count(vals, s, PYRAMID).where(vals >= 0, "lead")
    out["segment"] = pd.Categorical(cls, categories=PYRAMID)
    out["action"] = out["segment"].map(ACTIONS).astype(object)
    return out


def _rules(name, rules) -> list:
    if isinstance(rules, (str, bytes)) or not hasattr(rules, "__iter__") or not list(rules):
        raise ParameterError("rules must be a non-empty list of (label, {column: minimum}) rules.")
    rules = list(rules)
    for rule in rules:
        if not (isinstance(rule, (tuple, list)) and len(rule) == 2 and isinstance(rule[1], dict) and rule[1]):
            raise ParameterError(f"Each rule is (label, {{column: minimum}}), e.g. ('blue', {{'benefit': 5e6}}); got {rule!r}.")
        for c, m in rule[1].items():
            v.number(f"the minimum of {c!r}", m)
    return rules


@v.params(rules=v.Custom(_rules, "a list of (label, {column: minimum}) rules"), how=v.Options("any", "all"),
          default=v.Free("the label of customers who meet no rule: any value"), table=v.Table("table"))
def rule_tier(table: pd.DataFrame, rules, default: str = "other", how: str = "any") -> pd.Series:
    """Tiers from threshold rules, checked in order; the first rule a customer meets wins.

    ``rules``: a list of ``(label, {column: minimum, ...})``. With ``how="any"`` a customer meets a
    rule when *any* column reaches its minimum (Chase: blue if benefit >= 5 m **or** fee income >= 3 m),
    with ``how="all"`` when all do. Customers meeting no rule get ``default``.
    """
    cols = sorted({c for _, cond in rules for c in cond})
    v.table(table, cols, "table")  # the columns the rules name (the declaration checked the table itself)
    table = table.assign(**{c: v.numeric_column(table, c, "table") for c in cols})
    out = pd.Series(default, index=table.index, dtype=object)
    done = pd.Series(False, index=table.index)
    for label, cond in rules:
        tests = [table[c] >= m for c, m in cond.items()]
        hit = np.logical_or.reduce(tests) if how == "any" else np.logical_and.reduce(tests)
        new = pd.Series(hit, index=table.index) & ~done
        out[new] = label
        done |= new
    return out


#: Telecom tiering by ARPU (average revenue per user, ¥/month), tenure (months) and credit score, as
#: Chinese operators describe it (B.7.1); the thresholds are the course's illustration **[added]**.
#: Use with ``rule_tier(table, TELECOM_RULES, default="ordinary", how="all")``.
TELECOM_RULES = [
    ("diamond", {"arpu": 300, "tenure_months": 60, "credit": 90}),
    ("gold", {"arpu": 150, "tenure_months": 36, "credit": 80}),
    ("silver", {"arpu": 80, "tenure_months": 12, "credit": 60}),
]


def _cost_to_serve(name, cost):
    if isinstance(cost, (pd.Series, pd.DataFrame, list, tuple, np.ndarray)):
        return _values(cost, "costs to serve")
    return v.number(name, cost, low=0)


@v.params(revenue=v.Custom(lambda name, x: _values(x, "revenues"), "revenue per customer"),
          margin_rate=v.Number(low=0, high=1), cost_to_serve=v.Custom(_cost_to_serve, "a number or a Series by customer"))
def customer_profit(revenue, *, margin_rate, cost_to_serve) -> pd.Series:
    """Profit per customer = revenue x margin rate - cost to serve (客户服务成本), by customer.

    The pyramid's lead customers "cost more than they bring" only once the cost to serve is counted:
    a small customer who calls the service line every week can lose money on every sale.
    ``cost_to_serve``: a number for everyone, or a Series by customer.
    """
    rev, rate = revenue, margin_rate
    if isinstance(cost_to_serve, pd.Series):
        cost = cost_to_serve
        if not cost.index.equals(rev.index):
            cost = cost.reindex(rev.index)
            if cost.isna().any():
                raise DataError("cost_to_serve must be given for the same customers as revenue.")
    else:
        cost = pd.Series(cost_to_serve, index=rev.index)
    return (rev * rate - cost).rename("profit")


def _either_sign(what):
    return v.Custom(lambda name, x: _values(x, what, allow_negative=True), f"{what}: one number per customer")


def _two_by_two(xs, ys, thresholds, names, labels, xname, yname):
    if not xs.index.equals(ys.index):
        ys = ys.reindex(xs.index)
        if ys.isna().any():
            raise DataError(f"The {names[0]} and the {names[1]} must be given for the same customers.")
    if thresholds is None:
        tx, ty = float(xs.median()), float(ys.median())
    else:
        tx, ty = (float(t) for t in thresholds)
    hx, hy = xs >= tx, ys >= ty
    cls = np.select([hx & hy, hx & ~hy, ~hx & hy], labels[:3], labels[3])
    out = pd.DataFrame({xname: xs, yname: ys, f"high_{xname}": hx, f"high_{yname}": hy})
    out["segment"] = pd.Categorical(cls, categories=list(labels))
    out["action"] = out["segment"].map(ACTIONS).astype(object)
    return out


@v.params(historical=_either_sign("historical values"), future=_either_sign("future values"),
          thresholds=v.Numbers(length=2, optional=True))
def value_matrix(historical, future, thresholds=None) -> pd.DataFrame:
    """The expected-value matrix (按预期价值分类): historical value x expected future value.

    High historical & high future: high-end customers (高端客户); high historical & low future:
    uneconomic (非经济客户); low historical & high future: expectant (期望客户); low & low: bad (不良客户).
    "High" means at or above the threshold (default: the median of each).
    """
    return _two_by_two(historical, future, thresholds, ("historical values", "future values"),
                       ["high-end customers", "uneconomic customers", "expectant customers", "bad customers"],
                       "historical", "future")


@v.params(profit=_either_sign("profits"), duration=_either_sign("durations"),
          thresholds=v.Numbers(length=2, optional=True))
def loyalty_matrix(profit, duration, thresholds=None) -> pd.DataFrame:
    """Reinartz and Kumar's loyalty matrix: profitability x length of the relationship.

    True friends (朋友型, profitable and long-term), butterflies (蝴蝶型, profitable, short-term),
    barnacles (葫芦型, long-term, not profitable), strangers (路人型, neither). "High" means at or
    above the threshold (default: the median of each). ``duration`` is the framework's *projected*
    duration (e.g. :func:`projected_duration`), not past tenure: a long-known customer who has gone
    quiet is not long-term.
    """
    return _two_by_two(profit, duration, thresholds, ("profits", "durations"),
                       ["true friends", "butterflies", "barnacles", "strangers"], "profit", "duration")


def _fitted_bgnbd(name, model):
    from .clv.models import BGNBD

    if not isinstance(model, BGNBD):
        raise ParameterError("projected_duration(bgnbd, summary): pass a fitted clv.BGNBD model.")
    model._check_fitted()
    return model


def _duration_summary(name, summary):
    from .clv.models import _histories

    if not isinstance(summary, pd.DataFrame):
        raise DataError("projected_duration(bgnbd, summary): pass the customer summary table from clv.summarize() "
                        "(one row per customer with frequency, recency and T).")
    x, tx, T, _ = _histories(summary, None, None)
    return summary, x, tx, T


@v.params(bgnbd=v.Custom(_fitted_bgnbd, "a fitted clv.BGNBD"),
          summary=v.Custom(_duration_summary, "the customer summary from clv.summarize()"),
          horizon=v.Number(low=0, low_open=True, high=1e5))
def projected_duration(bgnbd, summary, *, horizon: float = 156.0) -> pd.Series:
    """Projected (expected future) duration of each customer's relationship: the expected number of
    periods, of the next ``horizon``, in which the customer is still alive (the unit of the summary, e.g.
    weeks) -- the duration axis of Reinartz and Kumar's loyalty matrix, which their papers project with a
    P(alive) model rather than read from past tenure.

    Under BG/NBD a customer alive today drops out at a later purchase with probability p, so with purchase
    rate lambda his remaining life is exponential with rate lambda * p; given his history and that he is
    alive, lambda ~ Gamma(r + x, alpha + T) and p ~ Beta(a, b + x). Hence

        duration = P(alive) x integral over s in [0, horizon] of E[((alpha+T) / (alpha+T+p s))^(r+x)] ds,

    integrated in s in closed form and over p by Gauss-Jacobi quadrature. A customer long known but
    silent (low P(alive)) has a short projected duration whatever his past tenure.
    """
    from scipy.special import roots_jacobi

    summary, x, _, T = summary
    r, alpha, a, b = (float(bgnbd.params_[k]) for k in ("r", "alpha", "a", "b"))
    alive = np.asarray(bgnbd.probability_alive(summary), dtype=float)
    c, k = alpha + T, r + x
    out = np.empty(len(x))
    for freq in np.unique(x):  # the Beta(a, b + x) weights depend on the frequency only
        rows = x == freq
        nodes, weights = roots_jacobi(48, b + freq - 1, a - 1)  # weight (1-u)^(b+x-1) (1+u)^(a-1) on [-1, 1]
        p = (1 + nodes) / 2
        weights = weights / weights.sum()  # the Beta density's normalising constant
        cc, kk = c[rows][:, None], k[rows][:, None]
        L = np.log1p(p[None, :] * horizon / cc)
        km1 = kk - 1
        shape = np.where(np.abs(km1) < 1e-9, L, -np.expm1(-km1 * L) / np.where(np.abs(km1) < 1e-9, 1, km1))
        out[rows] = (cc / p[None, :] * shape) @ weights
    out = np.minimum(out, horizon) * alive
    if not np.all(np.isfinite(out)):
        raise ParameterError("The projected duration is not a finite number: the summary's frequencies or T are "
                             "too large for the model.")
    return pd.Series(out, index=summary.index, name="projected_duration")


# --------------------------------------------------------------------------------------------
# RFM
# --------------------------------------------------------------------------------------------


@v.params(transactions=_duck.Source("transaction table", columns=("customer", "date", "amount")), customer=v.Column(),
          date=v.Column(), amount=v.Column(), asof=v.Date(optional=True))
def rfm_table(transactions: pd.DataFrame, *, customer: str = "customer_id", date: str = "date",
              amount: str = "amount", asof=None) -> pd.DataFrame:
    """Recency, frequency and monetary value per customer (RFM分析), as seen at the ``asof`` date.

    * **recency**: days from the customer's last purchase to ``asof``;
    * **frequency**: purchase occasions -- days with a purchase (several purchases on one day are
      one occasion);
    * **monetary**: net spend (purchases minus returns); **mean_spend**: monetary / frequency.

    ``asof`` defaults to the day after the last transaction. Transactions on or after ``asof`` are
    left out: the table describes customers as they were known at that date. **Returns**: rows with
    a negative amount are returns (退货); they reduce monetary but are not purchase occasions and do
    not change recency. Rows of amount 0 are not purchase occasions either. A customer with no
    purchase of a positive amount, or whose net spend is negative, is dropped.

    ``transactions`` may also be a Parquet/CSV path or a DuckDB relation: the table is then computed in
    DuckDB, out of core (:mod:`crmkit._duck`), with the same result.
    """
    if _duck.out_of_core(transactions):
        return _duck.rfm_table(transactions, customer=customer, date=date, amount=amount, asof=asof)
    df = validate_transactions(transactions, customer=customer, date=date, amount=amount, allow_negative=True)
    first, last = df[date].min(), df[date].max()
    if asof is None:
        asof = last.normalize() + pd.Timedelta(days=1)
    else:
        if asof <= first:
            raise ParameterError(f"The as-of date {asof} is not after the first purchase ({first.date()}): "
                                 "there is no history to describe yet.")
        df = df[df[date] < asof]
    # One factorisation of the ids, then numpy: this keeps rfm_table close to a bare groupby.
    codes, ids = pd.factorize(df[customer], sort=False)
    k = len(ids)
    days = df[date].to_numpy().astype("datetime64[D]").astype(np.int64)
    amt = df[amount].to_numpy(dtype=float)
    buy = amt > 0
    money = np.bincount(codes, weights=amt, minlength=k)
    last = np.full(k, np.iinfo(np.int64).min)
    np.maximum.at(last, codes[buy], days[buy])
    if buy.any():
        lo = days[buy].min()
        span = int(days[buy].max() - lo) + 1
        key = np.sort(codes[buy].astype(np.int64) * span + (days[buy] - lo))  # (customer, day) pairs
        occasions = key[np.concatenate(([True], key[1:] != key[:-1]))]  # distinct ones (faster than np.unique)
        freq = np.bincount(occasions // span, minlength=k)
    else:
        freq = np.zeros(k, dtype=np.int64)
    keep = (freq > 0) & (money >= 0)
    if not keep.any():
        raise DataError("No customer has a purchase before the as-of date.")
    asof_day = np.datetime64(asof.normalize(), "D").astype(np.int64)
    out = pd.DataFrame({
        "recency": (asof_day - last[keep]).astype("int64"),
        "frequency": freq[keep].astype("int64"),
        "monetary": money[keep],
    }, index=pd.Index(ids[keep]))
    out["mean_spend"] = out["monetary"] / out["frequency"]
    out = out.sort_index()
    out.index.name = customer
    out = out[["recency", "frequency", "monetary", "mean_spend"]]
    return out


def _rfm_columns(rfm) -> pd.DataFrame:
    """The RFM table checked, with R, F and M as numbers (numbers written as text are parsed, never ranked
    as text: '1000' is 1000, so the ¥1000 customer is not ranked below the ¥200 one)."""
    v.table(rfm, ["recency", "frequency", "monetary"], "RFM table")
    parsed = {c: v.numeric_column(rfm, c, "RFM table", allow_negative=(c == "monetary"))
              for c in ("recency", "frequency", "monetary")}
    return rfm.assign(**{c: s for c, s in parsed.items() if not pd.api.types.is_numeric_dtype(rfm[c])})


@v.params(rfm=_RFM, bins=v.Number(low=2, high=10, integer=True, kind="size"))
def rfm_scores(rfm: pd.DataFrame, bins: int = 5) -> pd.DataFrame:
    """Quantile scores 1..``bins`` for R, F and M (higher is better; a recent buyer has a high R).

    A customer's score is ``ceil(bins x p)`` where ``p = (rank - 0.5) / n`` is its mid-rank
    percentile (``rank``: the average rank of its ties, 1 = worst; ``n``: customers). So **equal
    values always get equal scores**, the quintiles are as equal as the ties allow, and the scale
    is centred: when all customers are equal (or there is only one) they all get the middle score
    (3 of 5). A group of ties whose ``p`` falls exactly on a boundary gets the lower score. With
    fewer distinct values than bins some scores are not used (e.g. when 60 % of customers bought
    once, they all share one F score). Adds columns R, F, M, RFM (a code such as "543") and score
    (R + F + M).
    """
    out = rfm.copy()
    for col, src, sign in (("R", "recency", -1), ("F", "frequency", 1), ("M", "monetary", 1)):
        p = ((sign * out[src]).rank(method="average").to_numpy() - 0.5) / len(out)
        out[col] = np.clip(np.ceil(p * bins - 1e-9), 1, bins).astype("int64")
    out["RFM"] = out["R"].astype(str) + out["F"].astype(str) + out["M"].astype(str)
    out["score"] = out["R"] + out["F"] + out["M"]
    return out


@v.params(rfm=_RFM, r_edges=v.Numbers(increasing=True), f_edges=v.Numbers(increasing=True),
          m_edges=v.Numbers(increasing=True))
def rfm_threshold_scores(rfm: pd.DataFrame, r_edges=(30, 90), f_edges=(4, 10), m_edges=(1000, 5000)) -> pd.DataFrame:
    """Scores from fixed thresholds instead of quantiles (as in the textbook exercise).

    R: recency <= r_edges[0] days scores highest, ... above the last edge scores 1. F and M: at or
    above the last edge scores highest, below the first edge scores 1. With two edges the scores
    are 1..3; the defaults are the course's exercise (R <=30 / 31-90 / >90 days, F >=10 / 4-9 / <=3,
    M >= ¥5,000 / ¥1,000-4,999 / < ¥1,000).
    """
    out = rfm.copy()
    edges = {"r_edges": r_edges, "f_edges": f_edges, "m_edges": m_edges}
    n_r = len(edges["r_edges"]) + 1
    out["R"] = n_r - np.searchsorted(edges["r_edges"], out["recency"].to_numpy(), side="left")
    out["F"] = 1 + np.searchsorted(edges["f_edges"], out["frequency"].to_numpy(), side="right")
    out["M"] = 1 + np.searchsorted(edges["m_edges"], out["monetary"].to_numpy(), side="right")
    for c in "RFM":
        out[c] = out[c].astype("int64")
    out["RFM"] = out["R"].astype(str) + out["F"].astype(str) + out["M"].astype(str)
    out["score"] = out["R"] + out["F"] + out["M"]
    return out


@v.params(rfm=_RFM, scheme=v.Options("cn8", "en"), bins=v.Number(low=2, high=10, integer=True),
          split=v.Options("mean", "median"))
def rfm_segments(rfm: pd.DataFrame, scheme: str = "cn8", bins: int = 5, *, split: str = "mean") -> pd.DataFrame:
    """Named RFM segments with the recommended action.

    * ``scheme="cn8"`` -- the Chinese eight classes. Each of R, F, M is *high* or *low* against its
      mean over the customers: R is high when recency (days) is **below** the mean recency (a recent
      buyer), F and M are high when **above** their means (equal to the mean counts as low). Recent +
      frequent + big = 重要价值客户 (important value); silent + frequent + big = 重要保持客户
      (important retention: contact them now), and so on (see ``CN8``).
    * ``scheme="en"`` -- score-based English names on the R x F grid of :func:`rfm_scores`
      (champions, loyal customers, potential loyalists, new customers, promising, need attention,
      about to sleep, can't lose them, at risk, hibernating; see ``EN_SEGMENTS``).

    ``split="median"`` compares with the medians instead of the means (the textbooks use the mean; RFM
    values are skewed, so the two give very different classes -- chapter 04 shows how different).

    Adds ``segment`` (and for cn8 ``segment_en``), and ``action``.
    """
    centre = split
    if scheme == "cn8":
        out = rfm.copy()
        r_hi = (out["recency"] < getattr(out["recency"], centre)()).to_numpy()
        f_hi = (out["frequency"] > getattr(out["frequency"], centre)()).to_numpy()
        m_hi = (out["monetary"] > getattr(out["monetary"], centre)()).to_numpy()
        out["R_high"], out["F_high"], out["M_high"] = r_hi, f_hi, m_hi
        position = {k: i for i, k in enumerate(CN8)}  # (r, f, m) -> position in CN8
        by_bits = np.array([position[(r, f, m)] for r in (False, True) for f in (False, True) for m in (False, True)])
        idx = by_bits[r_hi.astype(int) * 4 + f_hi.astype(int) * 2 + m_hi.astype(int)]
        names = np.array([v[0] for v in CN8.values()], dtype=object)
        out["segment"] = pd.Categorical.from_codes(idx, categories=list(names))
        out["segment_en"] = np.array([v[1] for v in CN8.values()], dtype=object)[idx]
        out["action"] = np.array([v[2] for v in CN8.values()], dtype=object)[idx]
        return out
    if scheme == "en":
        out = rfm if {"R", "F"} <= set(rfm.columns) else rfm_scores(rfm, bins=bins)
        out = out.copy()
        if bins != 5 or out["R"].max() > 5 or out["F"].max() > 5:
            raise ParameterError("The English scheme is defined on 1-5 scores: use bins=5.")
        r, f = out["R"].to_numpy(), out["F"].to_numpy()
        names = [n for n, _, _ in EN_SEGMENTS]
        conds = [rule(r, f) for _, rule, _ in EN_SEGMENTS]
        seg = np.select(conds, names, default="other")
        out["segment"] = pd.Categorical(seg, categories=names)
        out["action"] = pd.Series(seg, index=out.index).map({n: a for n, _, a in EN_SEGMENTS}).to_numpy()
        return out
    raise ParameterError(f"scheme must be 'cn8' or 'en', not {scheme!r}.")


# --------------------------------------------------------------------------------------------
# Segmentation by clustering (聚类细分)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KMeansSegments:
    """k-means segments of customers on log-scaled RFM, with the silhouette of each k tried."""

    k: int  # the number of segments chosen (the best silhouette, or the k asked for)
    table: pd.DataFrame  # the input rows with a 'segment' column (0..k-1, ordered by mean monetary, highest first)
    centers: pd.DataFrame  # per segment: customers and the mean of each feature in its own units
    silhouette: pd.Series  # silhouette score by k (higher is better: -1..1)


def _columns(name, columns) -> list:
    cols = [columns] if isinstance(columns, str) else list(columns) if isinstance(columns, (list, tuple)) else []
    if not cols or not all(isinstance(c, str) for c in cols):
        raise ParameterError(f"columns must name the RFM columns to cluster on, e.g. {('recency', 'frequency', 'monetary')}.")
    return cols


def _k_range(name, k_range) -> list:
    lo, hi = (v.integer("k_range[0]", k_range[0], low=2, high=50), v.integer("k_range[1]", k_range[1], low=2, high=50)) \
        if isinstance(k_range, (tuple, list)) and len(k_range) == 2 else (None, None)
    if lo is None or hi < lo:
        raise ParameterError(f"k_range must be two whole numbers (low, high) with 2 <= low <= high, not {k_range!r}.")
    return list(range(lo, hi + 1))


@v.params(columns=v.Custom(_columns, "the names of the columns to cluster on"),
          rfm=v.Table("RFM table", columns=("columns",)), k=v.Number(low=2, high=50, integer=True, optional=True, kind="size"),
          k_range=v.Custom(_k_range, "two whole numbers (low, high)"), seed=v.Number(low=0, integer=True),
          sample=v.Number(low=100, high=100_000, integer=True))
def kmeans_segments(rfm: pd.DataFrame, *, k=None, k_range=(2, 8), columns=("recency", "frequency", "monetary"),
                    seed: int = 0, sample: int = 5000) -> KMeansSegments:
    """Segment customers with k-means (scikit-learn) on log-scaled, standardised RFM.

    Each feature is ``log(1 + x)`` (RFM values are skewed: a few customers spend a hundred times the
    median) and then standardised, so each weighs the same. Without ``k``, every k in ``k_range``
    (inclusive) is fitted and the one with the best silhouette (轮廓系数) wins; the silhouette is
    computed on a seeded sample of at most ``sample`` customers, so 10^6 customers stay fast.
    Segments are numbered by their mean of the last column (monetary), highest first. Unlike the
    rule-based RFM classes, the segments have no names: reading the centres is the analyst's job.
    """
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    cols = columns
    parsed = {c: v.numeric_column(rfm, c, "RFM table", allow_negative=False) for c in cols}
    feats = np.column_stack([parsed[c].to_numpy() for c in cols])
    rfm = rfm.assign(**{c: s for c, s in parsed.items() if not pd.api.types.is_numeric_dtype(rfm[c])})
    n = len(rfm)
    ks = [k] if k is not None else k_range
    distinct = len(np.unique(feats, axis=0)) if n <= 200_000 else n
    if ks[0] >= n or ks[0] > distinct:
        raise DataError(f"k-means needs more distinct customers ({distinct}) than segments (k = {ks[0]}).")
    ks = [kk for kk in ks if kk <= min(n - 1, distinct)]
    x = np.log1p(feats)
    sd = x.std(axis=0)
    sd[sd == 0] = 1.0
    z = (x - x.mean(axis=0)) / sd
    rng = np.random.default_rng(seed)
    idx = rng.choice(n, size=min(sample, n), replace=False)
    scores, fits = {}, {}
    for kk in ks:
        model = KMeans(n_clusters=kk, n_init=4, random_state=seed).fit(z)
        labels = model.labels_
        if len(np.unique(labels[idx])) < 2:
            scores[kk] = -1.0
        else:
            scores[kk] = float(silhouette_score(z[idx], labels[idx]))
        fits[kk] = labels
    best = max(scores, key=lambda kk: (scores[kk], -kk))
    labels = fits[best]
    means = pd.DataFrame(feats, columns=cols).groupby(labels).mean()
    order = means[cols[-1]].sort_values(ascending=False).index
    relabel = {old: new for new, old in enumerate(order)}
    seg = np.vectorize(relabel.get)(labels)
    table = rfm.copy()
    table["segment"] = seg
    centers = pd.DataFrame(feats, columns=cols).groupby(seg).mean()
    centers.insert(0, "customers", np.bincount(seg, minlength=best))
    centers.index.name = "segment"
    return KMeansSegments(best, table, centers, pd.Series(scores, name="silhouette").rename_axis("k"))


# --------------------------------------------------------------------------------------------
# The classification explorer's view (chapters 03-04): the same customers of a course dataset,
# classified by ABC, four tiers, the customer pyramid or RFM.
# --------------------------------------------------------------------------------------------

#: The datasets the classification view offers: how to read their columns.
VIEW_SOURCES = {
    "retail": {"name": "retail_transactions", "amount": "amount", "profit": "gross_margin", "currency": "¥"},
    "cdnow": {"name": "cdnow", "amount": "dollar_value", "profit": None, "currency": "$"},
}
VIEW_METHODS = ("abc_value", "abc_count", "tiers", "pyramid", "rfm_cn8", "rfm_en")
#: The cut-offs each ABC method starts from.
VIEW_CUTS = {"abc_value": (0.80, 0.95), "abc_count": (0.15, 0.40)}
#: The pyramid's default cost to serve per purchase (handling, delivery, service calls), in the data's
#: currency: the course's illustration [added]. Profit = gross margin - cost to serve x purchases.
DEFAULT_COST_TO_SERVE = 10.0


@dataclass(frozen=True)
class ClassificationView:
    """What the classification explorer shows: every customer's class, the class summary and chart data."""

    method: str
    classes: pd.DataFrame  # one row per customer, with 'segment' and 'value'
    summary: pd.DataFrame  # per class: customers, shares, value
    curve: pd.DataFrame | None = None
    scores: pd.DataFrame | None = None
    concentration: float = 0.0
    currency: str = "¥"
    losing: int = 0  # pyramid: customers whose profit after the cost to serve is below zero

    def __repr__(self) -> str:
        return f"ClassificationView(method={self.method!r}, customers={len(self.classes)}, currency={self.currency!r})"


def _view_source(source) -> dict:
    return VIEW_SOURCES[source]  # checked by the declaration


@lru_cache(maxsize=2)
def _view_transactions(source: str) -> pd.DataFrame:
    from .data import load

    return load(VIEW_SOURCES[source]["name"])


def _view_asof(source: str, asof) -> pd.Timestamp:
    """``asof`` (checked by the declaration), or the day after the dataset's last purchase."""
    if asof is None:
        return _view_transactions(source)["date"].max().normalize() + pd.Timedelta(days=1)
    return asof


@lru_cache(maxsize=16)
def _view_base(source: str, asof: pd.Timestamp):
    """What depends only on the dataset and the as-of date (computed once for each, 16 kept):
    the RFM table with profit, the Pareto curve, the top-20 % concentration, the tiers, the RFM scores."""
    s = VIEW_SOURCES[source]
    tx = _view_transactions(source)
    rfm = rfm_table(tx, amount=s["amount"], asof=asof)
    if s["profit"]:
        kept = tx[tx["date"] < asof]
        rfm["profit"] = kept.groupby("customer_id")[s["profit"]].sum().reindex(rfm.index).to_numpy()
    else:
        rfm["profit"] = rfm["monetary"]
    value = rfm["monetary"]
    return {"rfm": rfm, "curve": pareto_curve(value), "top20": concentration(value, 0.20),
            "tiers": tiers(value), "scores": rfm_scores(rfm)}


@v.params(source=v.Options(*VIEW_SOURCES))
def view_dates(source: str = "retail") -> list:
    """The as-of dates the classification view offers for ``source`` (text, ``YYYY-MM-DD``): the first
    of each month from the third month of the data on, and the day after the last purchase (the default)."""
    _view_source(source)
    tx = _view_transactions(source)
    start, end = tx["date"].min(), tx["date"].max()
    months = pd.date_range(start + pd.offsets.MonthBegin(3), end, freq="MS")
    return [d.strftime("%Y-%m-%d") for d in months] + [(end.normalize() + pd.Timedelta(days=1)).strftime("%Y-%m-%d")]


@v.params(source=v.Options(*VIEW_SOURCES), method=v.Options(*VIEW_METHODS),
          cut1=v.Share(low_open=True, high_open=True), cut2=v.Share(low_open=True, high_open=True),
          asof=v.Date(optional=True), cost_to_serve=v.Number(low=0, kind="money"))
def classification_view(source: str = "retail", method: str = "abc_value", cut1: float = 0.80, cut2: float = 0.95,
                        asof=None, cost_to_serve: float = DEFAULT_COST_TO_SERVE) -> ClassificationView:
    """The customers of a course dataset (``source``: ``"retail"`` or ``"cdnow"``) at ``asof`` (default:
    the day after the last purchase), classified by ``method`` (ABC by value or by count with the cut-offs
    ``cut1`` < ``cut2``, four tiers, the pyramid, or an RFM scheme), with the class summary and chart data.

    ``cost_to_serve`` (per purchase) is used by the pyramid only: a customer's profit is the gross
    margin (the revenue where the data have no margin) less the cost to serve each of his purchases,
    so the lead class is the customers who really cost more than they bring."""
    cost, s, c1, c2 = cost_to_serve, _view_source(source), cut1, cut2
    if method in VIEW_CUTS and not c1 < c2:
        raise ParameterError(f"cut1 must be below cut2; got cut1={c1:g}, cut2={c2:g}.")
    base = _view_base(source, _view_asof(source, asof))
    rfm = base["rfm"]
    value = rfm["monetary"]
    curve = scores = None
    losing = 0
    if method == "abc_value":
        classes = abc_classes(value, by="value", cutoffs=(c1, c2))
        curve = base["curve"]
    elif method == "abc_count":
        classes = abc_classes(value, by="count", shares=(c1, c2 - c1))
        curve = base["curve"]
    elif method == "tiers":
        classes = base["tiers"].copy()
        curve = base["curve"]
    elif method == "pyramid":
        profit = rfm["profit"] - cost * rfm["frequency"]
        losing = int((profit < 0).sum())
        classes = pyramid(profit)
        classes["value"] = value  # revenue shares in the summary; the pyramid ranks by profit
    else:
        scores = base["scores"]
        classes = rfm_segments(scores, scheme=method[4:])
        classes["value"] = value
    return ClassificationView(method, classes, class_summary(classes), curve, scores, base["top20"],
                              s["currency"], losing)


__all__ += ["classification_view", "view_dates", "ClassificationView", "VIEW_SOURCES", "VIEW_METHODS",
            "VIEW_CUTS", "DEFAULT_COST_TO_SERVE"]
