"""Churn and survival (客户流失): cohort tables, churn rates, Kaplan-Meier survival, churn by segment and
the value of win-back (chapter 09)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import _duck, money
from .. import _validate as v
from ..errors import DataError, ParameterError, describe_rows

DAYS_PER_MONTH = 365.25 / 12


def _contracts(df, start, end, fee=None, asof=None):
    """Checked start and end dates (an empty end: still active) and the as-of date.

    ``asof`` defaults to the latest date in the table, start or end: a table whose newest event is
    a new, still-active contract is valid.
    """
    what = "contract table"  # the table, its column names and asof are checked by the public function's declaration
    s = v.date_column(df, start, what)
    e = v.date_column(df, end, what, allow_missing=True)
    bad = e < s
    if bad.any():
        raise DataError(f"Contracts cannot end before they start: {describe_rows(df.index[bad])}.")
    if fee:
        v.numeric_column(df, fee, what, allow_negative=False)
    latest = max(s.max(), e.max()) if e.notna().any() else s.max()
    asof = latest if asof is None else asof
    if (e > asof).any() or (s > asof).any():
        raise DataError(f"Some contracts start or end after the as-of date {asof.date()}: "
                        f"{describe_rows(df.index[(e > asof) | (s > asof)])}. Pass a later asof, or drop them.")
    return s, e, asof


_LIST = v.Custom(lambda name, x: v.values(name, x), "one value per customer (a list, an array or a Series)")
_CONTRACTS = v.Table("contract table", columns=("start", "end"))


@v.params(durations=_LIST, churned=_LIST)
def kaplan_meier(durations, churned) -> pd.DataFrame:
    """The Kaplan-Meier survival curve (a small vectorised implementation, not a dependency).

    ``durations``: time each customer was observed (to churn, or to the end of observation);
    ``churned``: True if the customer churned at that time, False if still active (censored).
    Returns one row per distinct time: at_risk, churned, censored, survival S(t) (share still
    active just after t). Ties: churn at t is counted before censoring at t, as usual.
    """
    frame = pd.DataFrame({"durations": pd.Series(durations, dtype=object)})
    flags = pd.Series(churned, dtype=object)
    if len(flags) != len(frame):
        raise DataError(f"durations and churned must have the same length; got {len(frame)} and {len(flags)}.")
    if len(frame) == 0:
        raise DataError("kaplan_meier() needs at least one customer.")
    frame["churned"] = flags.to_numpy()
    d = v.numeric_column(frame, "durations", "survival data", allow_negative=False).to_numpy()
    c = v.flag_column(frame, "churned", "survival data").to_numpy()
    order = np.argsort(d, kind="stable")
    ds, cs = d[order], c[order]
    times, first, counts = np.unique(ds, return_index=True, return_counts=True)
    events = np.add.reduceat(cs.astype(np.int64), first)
    censored = counts - events
    at_risk = len(d) - np.concatenate([[0], np.cumsum(counts)[:-1]])
    survival = np.cumprod(1 - events / at_risk)
    return pd.DataFrame({"at_risk": at_risk, "churned": events, "censored": censored, "survival": survival},
                        index=pd.Index(times, name="time"))


@v.params(km=v.Table("Kaplan-Meier table", columns=("survival",)), t=v.Number())
def survival_at(km: pd.DataFrame, t: float) -> float:
    """The survival S(t) read from a ``kaplan_meier`` table: the last value at or before ``t``."""
    survival = v.numeric_column(km, "survival", "Kaplan-Meier table", low=0, high=1).to_numpy()
    idx = np.searchsorted(km.index.to_numpy(), t, side="right") - 1
    return 1.0 if idx < 0 else float(survival[idx])


@v.params(contracts=_duck.Source("contract table", columns=("start", "end")), start=v.Column(), end=v.Column(),
          periods=v.Number(low=1, high=1200, integer=True, kind="size"), asof=v.Date(optional=True),
          freq=v.Options("M", "Q"))
def cohort_table(contracts: pd.DataFrame, *, start: str = "start_date", end: str = "end_date", periods: int = 12,
                 asof=None, freq: str = "M") -> pd.DataFrame:
    """Cohort retention (同期群留存表): rows = cohorts by start month (or quarter, ``freq="Q"``),
    columns = months since start 0..periods, values = share of the cohort still active.

    Censoring: a month k is shown for a cohort only when every contract of the cohort could be
    observed that long before ``asof`` (default: the last date in the table); otherwise NaN.

    ``contracts`` may also be a Parquet/CSV path or a DuckDB relation: computed in DuckDB, out of core.
    """
    if _duck.out_of_core(contracts):
        return _duck.cohort_table(contracts, start=start, end=end, periods=periods, asof=asof, freq=freq,
                                  days_per_month=DAYS_PER_MONTH)
    s, e, asof = _contracts(contracts, start, end, asof=asof)
    K = periods
    life = ((e.fillna(asof) - s).dt.days.to_numpy() / DAYS_PER_MONTH)
    ended = e.notna().to_numpy()
    alive_months = np.where(ended, life, np.inf)  # active k months after the start if the life is longer
    cohort = s.dt.to_period(freq)
    codes, uniq = pd.factorize(cohort, sort=True)
    n_c = len(uniq)
    size = np.bincount(codes, minlength=n_c)
    table = np.full((n_c, K + 1), np.nan)
    last_start = s.groupby(codes).max().reindex(range(n_c))
    observable = ((asof - last_start).dt.days.to_numpy() / DAYS_PER_MONTH)
    for k in range(K + 1):
        active = np.bincount(codes, weights=(alive_months > k).astype(float), minlength=n_c)
        ok = observable >= k
        table[ok, k] = active[ok] / size[ok]
    out = pd.DataFrame(table, index=pd.Index(uniq.astype(str), name="cohort"), columns=pd.RangeIndex(0, K + 1, name="month"))
    out.insert(0, "customers", size)
    return out


@v.params(period_start=v.Date(), period_end=v.Date(), contracts=_CONTRACTS, start=v.Column(), end=v.Column())
def churn_rate(contracts: pd.DataFrame, period_start, period_end, *, start: str = "start_date",
               end: str = "end_date") -> float:
    """Share of the customers active at ``period_start`` who churned by ``period_end``."""
    a, b = period_start, period_end
    s, e, _ = _contracts(contracts, start, end)
    if b <= a:
        raise ParameterError("period_end must be after period_start.")
    active = (s <= a) & (e.isna() | (e > a))
    if not active.any():
        raise DataError(f"No customer was active on {a.date()}: the churn rate is not defined (an empty cohort).")
    lost = active & e.notna() & (e <= b)
    return float(lost.sum() / active.sum())


@v.params(contracts=v.Table("contract table", columns=("segment", "start", "end")), segment=v.Column(),
          start=v.Column(), end=v.Column(), asof=v.Date(optional=True), months=v.Numbers(low=0))
def churn_by_segment(contracts: pd.DataFrame, *, segment: str = "segment", start: str = "start_date",
                     end: str = "end_date", asof=None, months=(6, 12, 24)) -> pd.DataFrame:
    """Per segment: customers, churned, and Kaplan-Meier survival at 6, 12 and 24 months (``months``);
    riskiest first (by the second horizon, or the only one)."""
    s, e, asof = _contracts(contracts, start, end, asof=asof)
    if contracts[segment].isna().any():
        raise DataError(f"The column {segment!r} has missing segments in "
                        f"{describe_rows(contracts.index[contracts[segment].isna()])}.")
    dur = (e.fillna(asof) - s).dt.days.to_numpy() / DAYS_PER_MONTH
    churned = e.notna().to_numpy()
    rows = []
    for name, idx in contracts.groupby(segment, observed=True).indices.items():
        km = kaplan_meier(dur[idx], churned[idx])
        row = {"segment": name, "customers": len(idx), "churned": int(churned[idx].sum())}
        row.update({f"survival_{m:g}m": survival_at(km, m) for m in months})
        rows.append(row)
    return pd.DataFrame(rows).set_index("segment").sort_values(f"survival_{months[min(1, len(months) - 1)]:g}m")


@dataclass(frozen=True)
class WinbackValue:
    """The economics of a win-back campaign.

    ``value_per_customer`` is a won-back customer's value at the won-back retention (his second
    lifetime); ``value_if_never_lost`` is the same customer's value at the retention of customers who
    never left, for contrast; ``retention`` and ``won_back_retention`` are the two rates used.
    """

    won_back: float
    value_per_customer: float
    cost: float
    net_value: float
    value_if_never_lost: float = float("nan")
    retention: float = float("nan")
    won_back_retention: float = float("nan")


@v.params(lost_customers=v.Number(low=0, kind="size"), win_rate=v.Number(low=0, high=1),
          margin=money.present_value.__crmkit_params__["margin"], retention=money.present_value.__crmkit_params__["retention"],
          discount=v.Number(low=0, low_open=True), cost_per_attempt=v.Number(low=0),
          won_back_retention=v.Share(optional=True))
def winback_value(lost_customers: float, win_rate: float, margin: float, retention: float, discount: float,
                  cost_per_attempt: float, *, won_back_retention: float | None = None) -> WinbackValue:
    """Value of a win-back campaign (挽回流失客户): customers won back x their remaining value
    (a retention model, margin at the start of each period) minus the cost of contacting all of them.

    A customer won back starts a *second lifetime* whose retention is his own, usually lower than
    that of customers who never left (Thomas, Blattberg and Fox 2004, "Recapturing Lost Customers",
    Journal of Marketing Research 41(1); Kumar, Bhagwat and Zhang 2015, Journal of Marketing 79(4)):
    he has left once and may leave again. ``won_back_retention`` is that rate; a won-back customer is
    valued with it. Left out (None), he is valued at ``retention``, the optimistic assumption that a
    customer won back is as loyal as one never lost.
    """
    n, w = lost_customers, win_rate
    again = retention if won_back_retention is None else won_back_retention
    value_each = money.present_value(margin, retention=again, timing="start", discount=discount)
    never_lost = money.present_value(margin, retention=retention, timing="start", discount=discount)
    cost = n * cost_per_attempt
    won = n * w
    return WinbackValue(won, value_each, cost, won * value_each - cost, never_lost, retention, again)
