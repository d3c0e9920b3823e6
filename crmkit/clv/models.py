"""The fitting method (拟合法): customer-base models fitted by maximum likelihood.

* :func:`summarize` and :func:`calibration_holdout` turn a transaction log into the per-customer
  summary the models use (frequency, recency, T, monetary_value), in the conventions of the
  literature: time in weeks (days / 7), several purchases on one day are one occasion, the first
  purchase is not a repeat purchase.
* :class:`BGNBD` -- the beta-geometric/NBD model (Fader, Hardie and Lee 2005): r, alpha, a, b.
* :class:`GammaGamma` -- spend per transaction (Fader, Hardie and Lee 2005b): p, q, gamma.
* :class:`ShiftedBetaGeometric` -- contract retention (Fader and Hardie 2007): alpha, beta.

Models follow scikit-learn: ``fit()`` returns ``self``; fitted values end in ``_``
(``params_``, ``log_likelihood_``, ``standard_errors_``). Likelihoods are vectorised numpy/scipy
with analytic gradients, optimised on the log scale, over unique data rows with weights.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import optimize
from scipy.special import betaln, digamma, expit, gammaln, hyp2f1

from .. import _duck, money
from .. import _validate as v
from .._threads import small_blas
from ..data import validate_transactions
from ..errors import DataError, FitWarning, NotFittedError, ParameterError, describe_rows

__all__ = ["summarize", "calibration_holdout", "BGNBD", "GammaGamma", "ShiftedBetaGeometric", "clv_bgnbd_gg",
           "simulate_bgnbd", "Params", "iso_value"]

#: The longest horizon (in periods) that the period-by-period CLV sums accept.
MAX_HORIZON = 100_000

_UNITS = {"D": 1.0, "W": 7.0}


def _unit(freq):
    return _UNITS[freq]  # checked by the declaration


_TX = v.Table("transaction table", columns=("customer", "date", "amount"))


class Params(Mapping):
    """Fitted parameters: a read-only mapping of names to plain floats, in the papers' order.

    ``model.params_["r"]``, ``model.params_.r``, ``dict(model.params_)`` and ``**model.params_`` all
    work; values are Python floats, so they print as ``0.243``, not ``np.float64(0.243)``.
    """

    def __init__(self, names, values):
        object.__setattr__(self, "_d", {str(k): float(x) for k, x in zip(names, values)})

    def __getitem__(self, key):
        return self._d[key]

    def __iter__(self):
        return iter(self._d)

    def __len__(self):
        return len(self._d)

    def __getattr__(self, name):
        try:
            return self.__dict__["_d"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name, value):
        raise AttributeError("fitted parameters are read-only")

    def __repr__(self):
        return "Params(" + ", ".join(f"{k}={x:.6g}" for k, x in self._d.items()) + ")"

    def to_series(self) -> pd.Series:
        return pd.Series(self._d, dtype=float)


def _occasions(df, customer, date, amount):
    """One row per (customer, day) with the day's total amount; returns (negative rows) left out.
    A purchase of amount 0 (a free item) is a purchase occasion, as in the literature's CDNOW data."""
    buy = df[df[amount] >= 0] if amount is not None else df
    day = buy[date].dt.normalize()
    keys = pd.DataFrame({"customer": buy[customer].to_numpy(), "day": day.to_numpy()})
    if amount is not None:
        keys["amount"] = buy[amount].to_numpy()
        return keys.groupby(["customer", "day"], sort=True, as_index=False)["amount"].sum()
    return keys.drop_duplicates().sort_values(["customer", "day"], ignore_index=True)


@v.params(transactions=_duck.Source("transaction table", columns=("customer", "date", "amount")), customer=v.Column(),
          date=v.Column(), amount=v.Column(optional=True), asof=v.Date(optional=True), freq=v.Options(*_UNITS))
def summarize(transactions: pd.DataFrame, *, customer: str = "customer_id", date: str = "date",
              amount: str | None = "amount", asof=None, freq: str = "W") -> pd.DataFrame:
    """Per customer: ``frequency`` (repeat purchase occasions), ``recency`` (time from the first to the
    last purchase), ``T`` (time from the first purchase to ``asof``, the end of observation), ``monetary_value``
    (mean value of the repeat occasions; 0 without repeats), in weeks (``freq="W"``) or days ("D").

    Purchases after ``asof`` (default: the last transaction date) are left out, as are
    returns (negative amounts: not purchase occasions). Amounts of a day are added up.

    ``transactions`` may also be a Parquet/CSV path or a DuckDB relation: computed in DuckDB, out of core.
    """
    unit = _unit(freq)
    if _duck.out_of_core(transactions):
        return _duck.summarize(transactions, customer=customer, date=date, amount=amount, asof=asof, unit=unit)
    df = validate_transactions(transactions, customer=customer, date=date, amount=amount, allow_negative=True)
    end = df[date].max().normalize() if asof is None else asof
    if end < df[date].min():
        raise ParameterError(f"asof {end.date()} is before the first transaction ({df[date].min().date()}).")
    df = df[df[date] <= end]
    occ = _occasions(df, customer, date, amount)
    if occ.empty:
        raise DataError("No purchase (positive amount) before the end of the observation period.")
    g = occ.groupby("customer", sort=True)
    first, last, n = g["day"].min(), g["day"].max(), g.size()
    out = pd.DataFrame({
        "frequency": (n - 1).astype("int64"),
        "recency": (last - first).dt.days / unit,
        "T": (end - first).dt.days / unit,
    })
    if amount is not None:
        total = g["amount"].sum()
        first_amount = g["amount"].first()
        out["monetary_value"] = np.where(out["frequency"] > 0, (total - first_amount) / out["frequency"].clip(lower=1), 0.0)
    out.index.name = customer
    return out


@v.params(transactions=_TX, calibration_end=v.Date(), asof=v.Date(optional=True), customer=v.Column(), date=v.Column(),
          amount=v.Column(optional=True), freq=v.Options(*_UNITS))
def calibration_holdout(transactions: pd.DataFrame, calibration_end, asof=None, *,
                        customer: str = "customer_id", date: str = "date", amount: str | None = "amount",
                        freq: str = "W") -> pd.DataFrame:
    """The summary over the calibration period plus, for the same customers, the holdout period:
    ``frequency_holdout`` (purchase occasions after ``calibration_end`` up to ``asof``),
    ``monetary_value_holdout`` and ``duration_holdout`` (length of the holdout period)."""
    unit = _unit(freq)
    df = validate_transactions(transactions, customer=customer, date=date, amount=amount, allow_negative=True)
    cal_end = calibration_end
    end = df[date].max().normalize() if asof is None else asof
    if end <= cal_end:
        raise ParameterError("asof (the end of the holdout) must be after calibration_end.")
    cal = summarize(df, customer=customer, date=date, amount=amount, asof=cal_end, freq=freq)
    hold = df[(df[date] > cal_end) & (df[date] <= end)]
    out = cal.copy()
    if len(hold):
        occ = _occasions(hold, customer, date, amount)
        g = occ.groupby("customer")
        out["frequency_holdout"] = g.size().reindex(out.index).fillna(0).astype("int64")
        if amount is not None:
            out["monetary_value_holdout"] = g["amount"].mean().reindex(out.index).fillna(0.0)
    else:
        out["frequency_holdout"] = 0
        if amount is not None:
            out["monetary_value_holdout"] = 0.0
    out["duration_holdout"] = (end - cal_end).days / unit
    return out


# --------------------------------------------------------------------------------------------
# Inputs of the models: the summary table, or its columns as numbers, lists, arrays or Series
# --------------------------------------------------------------------------------------------

_SUMMARY = "customer summary (from crmkit.clv.summarize())"


def _numbers(name, value, *, high=None):
    """One input as floats through the one validator: a number (-> 0-d array) or a flat list, array
    or Series of numbers, none negative."""
    if isinstance(value, pd.DataFrame):
        raise ParameterError(f"{name} must be a number or a column of numbers, not a table; pass the whole "
                             f"{_SUMMARY} as the first argument instead.")
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, (Sequence, np.ndarray, pd.Series, pd.Index)) and not isinstance(value, (str, bytes)):
        return v.sequence(name, value, low=0, high=high)
    return np.asarray(v.number(name, value, low=0, high=high))


def _customers(*values):
    """The index of the Series among the inputs (they must agree), or None: the customers a result is for."""
    indexes = [x.index for x in values if isinstance(x, pd.Series)]
    for other in indexes[1:]:
        if not other.equals(indexes[0]):
            raise DataError("The columns given are Series with different indexes (customers); pass the "
                            f"{_SUMMARY} itself, or columns of one table.")
    return indexes[0] if indexes else None


def _broadcast(names, arrays, index):
    try:
        out = np.broadcast_arrays(*arrays)
    except ValueError:
        raise DataError(f"{', '.join(names[:-1])} and {names[-1]} must have the same length; got "
                        f"{', '.join(str(a.size) for a in arrays)}.") from None
    if index is not None and out[0].shape != (len(index),):
        raise DataError(f"{', '.join(names)} must have one value per customer ({len(index)}); got {out[0].size}.")
    return out


def _summary_table(summary, columns):
    """The columns of the summary table as float arrays: numbers, finite, not negative (rows named)."""
    v.table(summary, columns, _SUMMARY)
    out = []
    for c in columns:
        col = v.numeric_column(summary, c, _SUMMARY).to_numpy()
        bad = col < 0
        if bad.any():
            raise DataError(f"The column {c!r} of the {_SUMMARY} must be finite and not negative; "
                            f"{describe_rows(summary.index[bad])} are not.")
        out.append(col)
    return out


def _rows(bad, index):
    flat = np.flatnonzero(np.ravel(bad))
    return describe_rows(index[flat] if index is not None else flat)


def _history(x, tx, TT, index):
    """The rules every (frequency, recency, T) obeys, with the offending customers named."""
    if np.any(x != np.round(x)):
        raise DataError("frequency counts repeat purchases: it must hold whole numbers; "
                        f"{_rows(x != np.round(x), index)} do not.")
    bad = tx > TT + 1e-9
    if bad.any():
        raise DataError(f"recency cannot exceed T (the last purchase cannot be after the end of observation); "
                        f"{_rows(bad, index)} do.")
    bad = (x == 0) & (tx > 0)
    if bad.any():
        raise DataError(f"A customer without repeat purchases has recency 0; {_rows(bad, index)} "
                        "have frequency 0 but recency > 0.")
    return x, tx, TT


def _histories(frequency, recency, T):
    """(x, recency, T, index): from the summary table (``frequency`` is the table, recency and T are
    None) or from three numbers / columns. ``index`` is the customers (None for plain numbers/arrays)."""
    if frequency is None and recency is None and T is None:
        raise DataError("No customers given (None): pass the summary table (one row per customer with "
                        "frequency, recency and T, e.g. from clv.rfm_summary) or the three columns.")
    if isinstance(frequency, pd.DataFrame):
        if recency is not None or T is not None:
            raise ParameterError("Pass either the summary table alone or frequency, recency and T, not both.")
        x, tx, TT = _summary_table(frequency, ("frequency", "recency", "T"))
        return (*_history(x, tx, TT, frequency.index), frequency.index)
    index = _customers(frequency, recency, T)
    names = ("frequency", "recency", "T")
    arrays = [_numbers(n, a) for n, a in zip(names, (frequency, recency, T))]
    x, tx, TT = _broadcast(names, arrays, index)
    return (*_history(x, tx, TT, index), index)


def _result(values, index, name, what, inputs):
    """A prediction as a float (plain numbers in), an array (arrays in) or a Series indexed by customer
    (the summary table or Series in); a non-finite value is refused, naming the inputs that gave it."""
    values = np.asarray(values, dtype=float)
    bad = ~np.isfinite(values)
    if bad.any():
        where = "" if values.ndim == 0 else f" for {_rows(bad, index)}"
        raise ParameterError(f"The {what} is not a finite number{where}: the inputs ({inputs}) are too large "
                             "for the model's formula. Use values on the scale of the fitted data.")
    if index is not None:
        return pd.Series(values, index=index, name=name)
    return float(values) if values.ndim == 0 else values


def _compress(*cols):
    """Unique rows of the columns with their counts (the likelihood is a weighted sum)."""
    cols = [np.asarray(c, dtype=float).ravel() for c in cols]
    order = np.lexsort(cols[::-1])
    sorted_cols = [c[order] for c in cols]
    new = np.ones(len(order), dtype=bool)
    new[1:] = np.logical_or.reduce([c[1:] != c[:-1] for c in sorted_cols])
    starts = np.flatnonzero(new)
    counts = np.diff(np.append(starts, len(order))).astype(float)
    return [c[starts] for c in sorted_cols], counts


def _fit_log(negll_grad, starts, names, what_helps="More customers, or a longer observation period, would help."):
    """Minimise over log-parameters; the next start value is tried only when a fit fails to converge."""
    best = None
    for s in starts:
        with small_blas():
            res = optimize.minimize(negll_grad, np.log(s), jac=True, method="L-BFGS-B",
                                    bounds=[(-12, 12)] * len(s), options={"maxiter": 2000})
        if np.isfinite(res.fun) and (best is None or res.fun < best.fun):
            best = res
        if best is not None and best.success and np.all(np.abs(best.x) < 11.9):
            break
    if best is None:
        raise ParameterError("The model could not be fitted: the likelihood is not finite at any start value.")
    at_bound = [n for n, x in zip(names, best.x) if abs(x) >= 11.9]
    if at_bound:
        warnings.warn(FitWarning(
            f"The fit stopped at the optimiser's bound for {', '.join(at_bound)} (= {', '.join(f'{np.exp(x):.3g}' for n, x in zip(names, best.x) if n in at_bound)}): "
            f"the data cannot identify {'this parameter' if len(at_bound) == 1 else 'these parameters'}. "
            f"{what_helps}"), stacklevel=3)
    elif not best.success:
        warnings.warn(FitWarning(f"The optimiser did not converge ({best.message}). {what_helps}"), stacklevel=3)
    return Params(names, np.exp(best.x)), -float(best.fun), best


def _standard_errors(negll_grad, params: dict):
    """Standard errors from the inverse Hessian of the negative log-likelihood (natural scale),
    by central differences of the analytic gradient."""
    theta = np.array(list(params.values()))
    k = len(theta)
    H = np.zeros((k, k))

    def grad_nat(th):  # gradient wrt natural parameters = gradient wrt logs / theta
        return negll_grad(np.log(th))[1] / th

    with small_blas():
        for i in range(k):
            h = 1e-5 * theta[i]
            e = np.zeros(k)
            e[i] = h
            H[:, i] = (grad_nat(theta + e) - grad_nat(theta - e)) / (2 * h)
        H = (H + H.T) / 2
        try:
            cov = np.linalg.inv(H)
            se = np.sqrt(np.where(np.diag(cov) > 0, np.diag(cov), np.nan))
        except np.linalg.LinAlgError:
            se = np.full(k, np.nan)
    return Params(params, se)


class _Fitted:
    """Shared by the fitted models: ``params_`` and ``standard_errors_`` are :class:`Params`."""

    @property
    def standard_errors_(self) -> Params:
        """Standard errors of the estimates (inverse Hessian), computed on first use."""
        self._check_fitted()
        if getattr(self, "_se", None) is None:
            self._se = _standard_errors(self._negll, self.params_)
        return self._se

    @property
    def params_(self) -> Params:
        """The fitted parameters (plain floats); a NotFittedError (also an AttributeError) before fit()."""
        p = self.__dict__.get("_params")
        if p is None:
            raise NotFittedError(f"{type(self).__name__} is not fitted yet: call fit(...) first.")
        return p

    @params_.setter
    def params_(self, value):
        self._params = value if isinstance(value, Params) else Params(self.names, [value[k] for k in self.names])
        self._se = None
        if not hasattr(self, "log_likelihood_"):
            self.log_likelihood_ = float("nan")

    def _check_fitted(self):
        self.params_  # noqa: B018 - raises NotFittedError before fit()

    def __repr__(self):
        if "_params" not in self.__dict__:
            return f"{type(self).__name__}() (not fitted)"
        ps = ", ".join(f"{k}={v:.4g}" for k, v in self.params_.items())
        return f"{type(self).__name__}({ps}; log-likelihood {self.log_likelihood_:.2f})"

    def summary(self) -> pd.DataFrame:
        """Estimates with standard errors."""
        self._check_fitted()
        return pd.DataFrame({"estimate": self.params_.to_series(), "standard_error": self.standard_errors_.to_series()})


# --------------------------------------------------------------------------------------------
# BG/NBD
# --------------------------------------------------------------------------------------------


class BGNBD(_Fitted):
    """The BG/NBD model (Fader, Hardie and Lee 2005, "Counting your customers the easy way").

    While alive, a customer buys as a Poisson process with rate lambda ~ Gamma(r, alpha); after
    each purchase the customer dies with probability p ~ Beta(a, b).

    >>> model = BGNBD().fit(summary)             # doctest: +SKIP
    >>> model.params_                            # {'r': ..., 'alpha': ..., 'a': ..., 'b': ...}
    >>> model.probability_alive(summary)          # a Series indexed by customer
    >>> model.probability_alive(frequency, recency, T)   # numbers or arrays: the same back
    """

    names = ("r", "alpha", "a", "b")

    @staticmethod
    def _negll_grad(logp, x, tx, T, w, xu=None, xi=None):
        """Negative log-likelihood and its gradient wrt the log-parameters.

        Terms that depend on the parameters and x only are computed once per distinct x
        (``xu``, with ``xi`` mapping rows to it): there are few distinct frequencies."""
        r, alpha, a, b = np.exp(logp)
        if xu is None:
            xu, xi = np.unique(x, return_inverse=True)
        has_u = xu > 0
        bx1 = np.where(has_u, b + xu - 1, 1.0)
        lbab = betaln(a, b)
        # per distinct x
        A1u = gammaln(r + xu) - gammaln(r) + r * np.log(alpha)
        B2u = betaln(a, b + xu) - lbab
        B3u = np.where(has_u, betaln(a + 1, bx1) - lbab, -np.inf)
        dab, da, db = digamma(a + b), digamma(a), digamma(b)
        dabx = digamma(a + b + xu)
        g1r = digamma(r + xu) - digamma(r) + np.log(alpha)
        g2a, g2b = dab - dabx, digamma(b + xu) - dabx - db + dab
        g3a = digamma(a + 1) - dabx - da + dab
        g3b = np.where(has_u, digamma(bx1), 0.0) - dabx - db + dab
        # per row
        rx = r + x
        lT, lt = np.log(alpha + T), np.log(alpha + tx)
        A2 = B2u[xi] - rx * lT
        A3 = B3u[xi] - rx * lt
        L = np.logaddexp(A2, A3)
        w2, w3 = np.exp(A2 - L), np.exp(A3 - L)
        ll = A1u[xi] + L
        g_r = g1r[xi] - w2 * lT - w3 * lt
        g_alpha = r / alpha - rx * (w2 / (alpha + T) + w3 / (alpha + tx))
        g_a = w2 * g2a[xi] + w3 * g3a[xi]
        g_b = w2 * g2b[xi] + w3 * g3b[xi]
        grad = np.array([w @ g_r, w @ g_alpha, w @ g_a, w @ g_b]) * np.array([r, alpha, a, b])
        return -float(w @ ll), -grad

    def log_likelihood(self, frequency, recency=None, T=None):
        """Each customer's log-likelihood under the fitted parameters: ``log_likelihood(summary)`` gives a
        Series indexed by customer; ``log_likelihood(frequency, recency, T)`` numbers or arrays."""
        self._check_fitted()
        x, tx, TT, index = _histories(frequency, recency, T)
        r, alpha, a, b = self.params_.values()
        A1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
        A2 = betaln(a, b + x) - betaln(a, b) - (r + x) * np.log(alpha + TT)
        A3 = np.where(x > 0, betaln(a + 1, np.maximum(b + x - 1, 1e-300)) - betaln(a, b) - (r + x) * np.log(alpha + tx), -np.inf)
        return _result(A1 + np.logaddexp(A2, A3), index, "log_likelihood", "log-likelihood", "frequency, recency, T")

    def fit(self, summary: pd.DataFrame, starts=None):
        """Fit by maximum likelihood to a summary with columns frequency, recency, T."""
        x, tx, T, _ = _histories(summary, None, None)
        if not (x > 0).any():
            raise DataError("No customer has a repeat purchase: the BG/NBD model cannot be identified. "
                            "Use a longer observation period.")
        (x, tx, T), w = _compress(x, tx, T)
        xu, xi = np.unique(x, return_inverse=True)
        f = lambda lp: self._negll_grad(lp, x, tx, T, w, xu, xi)  # noqa: E731
        if starts is None:
            rate = float(np.average(x / np.maximum(T, 1e-9), weights=w)) or 0.1
            starts = [(1.0, 1.0 / rate, 1.0, 1.0), (0.5, 0.5 / rate, 0.7, 2.0), (1.0, float(np.average(T, weights=w)), 1.0, 3.0)]
        if len(np.unique(np.column_stack([x, tx, T]), axis=0)) < 2:
            warnings.warn(FitWarning(
                "All customers have the same frequency, recency and T: the four BG/NBD parameters cannot be "
                "told apart from one kind of customer. Fit on customers with different histories."), stacklevel=2)
        params, self.log_likelihood_, self._opt = _fit_log(f, starts, self.names)
        self.params_ = params
        self._negll, self._se = f, None
        self.n_customers_ = int(w.sum())
        return self

    def expected_purchases_new_customer(self, t):
        """Expected number of purchases of a *new* customer in a period of length t: E[X(t)]
        (the unconditional expectation; pymc-marketing's name). For a known customer's next t
        periods use :meth:`conditional_expected_purchases`. ``t`` a number (a float back) or a list,
        array or Series of lengths (the same back)."""
        self._check_fitted()
        r, alpha, a, b = self.params_.values()
        tt = _numbers("t", t)
        z = tt / (alpha + tt)
        # (alpha/(alpha+t))^r 2F1(r, b; a+b-1; z) = (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b-1; z)  (Euler)
        with np.errstate(all="ignore"):
            h = (1 - z) ** (a - 1) * hyp2f1(a + b - 1 - r, a - 1, a + b - 1, z)
            out = (a + b - 1) / (a - 1) * (1 - h)
        return _result(out, _customers(t), "expected_purchases", "expected number of purchases", "t")

    def _p_alive(self, x, tx, TT):
        r, alpha, a, b = self.params_.values()
        log_odds = np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) + (r + x) * (np.log(alpha + TT) - np.log(alpha + tx))
        return np.where(x > 0, expit(-log_odds), 1.0)

    def _conditional(self, t, x, tx, TT):
        r, alpha, a, b = self.params_.values()
        z = t / (alpha + TT + t)
        # ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; z) by Euler's transformation:
        # (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z) -- small first parameters, stable for heavy buyers.
        with np.errstate(all="ignore"):
            h = (1 - z) ** (a - 1) * hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z)
            num = (a + b + x - 1) / (a - 1) * (1 - h)
        return num * self._p_alive(x, tx, TT)

    def probability_alive(self, frequency, recency=None, T=None):
        """P(alive | frequency, recency, T). Stable for heavy buyers (computed in log space).

        ``probability_alive(summary)`` with the summary table (columns frequency, recency, T) gives a
        Series indexed by customer, as do columns given as Series; numbers give a float, arrays an array."""
        self._check_fitted()
        x, tx, TT, index = _histories(frequency, recency, T)
        return _result(self._p_alive(x, tx, TT), index, "probability_alive", "probability of being alive",
                       "frequency, recency, T")

    def conditional_expected_purchases(self, t, frequency, recency=None, T=None):
        """Expected purchases in the next t periods of a customer with (frequency, recency, T):
        ``conditional_expected_purchases(t, summary)`` gives a Series indexed by customer, as do
        columns given as Series; numbers give a float, arrays an array."""
        self._check_fitted()
        x, tx, TT, index = _histories(frequency, recency, T)
        tt = _numbers("t", t)
        x, tx, TT, tt = _broadcast(("frequency", "recency", "T", "t"), (x, tx, TT, tt), index)
        return _result(self._conditional(tt, x, tx, TT), index, "expected_purchases",
                       "expected number of purchases", "t, frequency, recency, T")

    def simulate(self, n: int, T, seed: int = 0) -> pd.DataFrame:
        """Simulate ``n`` customers observed for ``T`` periods (scalar or array): frequency, recency, T."""
        self._check_fitted()
        return simulate_bgnbd(n, T, seed=seed, **self.params_)


#: The most purchases per customer, on average, that :func:`simulate_bgnbd` simulates.
MAX_SIMULATED_PURCHASES = 10_000


_PARAM = v.Number(low=0, low_open=True, high=1e6)  # a parameter of the models: more than 0


@v.params(n=v.Number(low=1, high=v.MAX_SIMULATED, integer=True, kind="size"),
          T=v.Custom(lambda name, x: _numbers(name, x, high=1e5), "one number or one per customer, 0 to 1e5"),
          r=_PARAM, alpha=_PARAM, a=_PARAM, b=_PARAM, seed=v.Number(low=0, integer=True))
def simulate_bgnbd(n: int, T, r: float, alpha: float, a: float, b: float, seed: int = 0) -> pd.DataFrame:
    """Data from the BG/NBD generative process (for recovery tests and teaching)."""
    Tarr = T
    if Tarr.ndim and len(Tarr) != n:
        raise ParameterError(f"T must be one number or one per customer ({n:,}); got {len(Tarr):,}.")
    rng = np.random.default_rng(seed)
    TT = np.broadcast_to(Tarr, (n,)).copy()
    mean_purchases = float(r) / float(alpha) * float(TT.max())  # purchases of a customer who never drops out
    if not mean_purchases <= MAX_SIMULATED_PURCHASES:
        raise ParameterError(
            f"r / alpha x T = {mean_purchases:.3g} purchases per customer on average: too many to simulate "
            f"(at most {MAX_SIMULATED_PURCHASES:,}). Give a larger alpha (a lower purchase rate) or a shorter T.")
    lam = rng.gamma(r, 1 / alpha, n)
    p = rng.beta(a, b, n)
    x = np.zeros(n)
    tx = np.zeros(n)
    t = np.zeros(n)
    alive = np.ones(n, dtype=bool)
    steps = 0
    while alive.any():
        steps += 1
        if steps > 50 * MAX_SIMULATED_PURCHASES:  # a rate drawn far above its mean: stop with a message
            raise ParameterError("The simulation did not end: some customers' drawn purchase rates are extreme "
                                 "(r small, alpha small). Give a larger alpha or r, or a shorter T.")
        idx = np.flatnonzero(alive)
        t[idx] += rng.exponential(1 / lam[idx])
        bought = t[idx] < TT[idx]
        got = idx[bought]
        x[got] += 1
        tx[got] = t[got]
        alive[idx[~bought]] = False
        dies = rng.random(len(got)) < p[got]
        alive[got[dies]] = False
    return pd.DataFrame({"frequency": x.astype("int64"), "recency": tx, "T": TT})


# --------------------------------------------------------------------------------------------
# Gamma-Gamma
# --------------------------------------------------------------------------------------------


class GammaGamma(_Fitted):
    """Spend per transaction (Fader, Hardie and Lee 2005b; Fader and Hardie's note on the
    Gamma-Gamma model): z ~ Gamma(p, nu), nu ~ Gamma(q, gamma); fitted on the repeat buyers'
    ``frequency`` and ``monetary_value`` (the mean of their repeat transactions)."""

    names = ("p", "q", "gamma")

    @staticmethod
    def _negll_grad(logp, x, m, w):
        p, q, g = np.exp(logp)
        px = p * x
        ll = (gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(g) + (px - 1) * np.log(m)
              + px * np.log(x) - (px + q) * np.log(g + m * x))
        dpq = digamma(px + q)
        g_p = x * (dpq - digamma(px) + np.log(m) + np.log(x) - np.log(g + m * x))
        g_q = dpq - digamma(q) + np.log(g) - np.log(g + m * x)
        g_g = q / g - (px + q) / (g + m * x)
        grad = np.array([(w * v).sum() for v in (g_p, g_q, g_g)]) * np.array([p, q, g])
        return -float((w * ll).sum()), -grad

    @staticmethod
    def _data(frequency, monetary_value):
        """(x, m, index) from the summary table (``frequency`` is the table, ``monetary_value`` None) or
        from two numbers / columns; ``index`` is the customers (None for plain numbers/arrays)."""
        if frequency is None and monetary_value is None:
            raise DataError("No customers given (None): pass the summary table (one row per customer with "
                            "frequency and monetary_value) or the two columns.")
        if isinstance(frequency, pd.DataFrame):
            if monetary_value is not None:
                raise ParameterError("Pass either the summary table alone or frequency and monetary_value, not both.")
            x, m = _summary_table(frequency, ("frequency", "monetary_value"))
            return x, m, frequency.index
        index = _customers(frequency, monetary_value)
        names = ("frequency", "monetary_value")
        x, m = _broadcast(names, [_numbers(n, a) for n, a in zip(names, (frequency, monetary_value))], index)
        return x, m, index

    def fit(self, summary: pd.DataFrame, starts=None):
        """Fit on the customers with at least one repeat purchase and a positive monetary_value."""
        v.table(summary, ("frequency", "monetary_value"), _SUMMARY)
        x, m, _ = self._data(summary, None)
        keep = (x > 0) & (m > 0)
        if keep.sum() < 3:
            raise DataError(f"Only {int(keep.sum())} customers have repeat purchases with a positive value: "
                            "too few to fit the Gamma-Gamma model.")
        (x, m), w = _compress(x[keep], m[keep])
        f = lambda lp: self._negll_grad(lp, x, m, w)  # noqa: E731
        mean = float(np.average(m, weights=w))
        starts = starts or [(1.0, 1.0, mean), (5.0, 3.0, mean), (2.0, 5.0, 2 * mean)]
        if np.ptp(m) == 0:
            warnings.warn(FitWarning(
                "Every customer's mean spend is the same: the Gamma-Gamma model cannot separate the spread "
                "within customers from the spread between them (p and q are not identified). Fit on customers "
                "whose spends differ."), stacklevel=2)
        params, self.log_likelihood_, self._opt = _fit_log(
            f, starts, self.names, "More repeat buyers, with spends that differ, would help.")
        self.params_ = params
        self._negll, self._se = f, None
        self.n_customers_ = int(w.sum())
        return self

    def expected_spend(self, frequency, monetary_value=None):
        """E[spend per transaction | x, m]: a weighted mean of the population mean and the customer's.
        ``expected_spend(summary)`` (columns frequency, monetary_value) gives a Series indexed by
        customer, as do columns given as Series; numbers give a float, arrays an array."""
        self._check_fitted()
        p, q, g = self.params_.values()
        x, m, index = self._data(frequency, monetary_value)
        if q <= 1:
            raise ParameterError(f"The fitted q = {q:.3g} is at most 1: the mean spend is infinite.")
        with np.errstate(all="ignore"):
            out = (p * (g + x * m)) / (p * x + q - 1)
        return _result(out, index, "expected_spend", "expected spend", "frequency, monetary_value")

    @property
    def population_mean_spend(self) -> float:
        self._check_fitted()
        p, q, g = self.params_.values()
        return p * g / (q - 1) if q > 1 else float("inf")


def _discounted_purchases(bgnbd, x, tx, T, horizon, step, discount):
    """Σ_k [E(purchases by t_k) - E(purchases by t_(k-1))] / (1 + discount)^k over t_k = step, 2 step, ... horizon."""
    ts = np.arange(step, horizon + step / 2, step)
    factors = money.discount_factors(discount, len(ts), timing="end")
    prev = np.zeros(np.shape(x))
    value = np.zeros(np.shape(x))
    for k, t in enumerate(ts):
        cum = bgnbd._conditional(t, x, tx, T)
        value = value + (cum - prev) * factors[k]
        prev = cum
    return value


def _horizon_steps(horizon, step):
    """``horizon`` and ``step`` (each checked by the declaration) when they make at most MAX_HORIZON periods."""
    if horizon / step > MAX_HORIZON:
        raise ParameterError(f"horizon / step = {horizon / step:,.0f} periods is more than the {MAX_HORIZON:,} this sum "
                             "accepts; use a shorter horizon or a longer step.")
    return horizon, step


def _fitted_model(cls, message):
    def check(name, model):
        if not isinstance(model, cls):
            raise ParameterError(message)
        model._check_fitted()
        return model
    return check


def _frequencies(name, frequencies) -> np.ndarray:
    freqs = v.sequence(name, list(frequencies) if isinstance(frequencies, range) else frequencies, low=0)
    if np.any(freqs != np.round(freqs)):
        raise ParameterError("frequencies must be whole numbers of repeat purchases.")
    if len(freqs) > 200:
        raise ParameterError("Give at most 200 frequencies.")
    return freqs


_POSITIVE = v.Number(low=0, low_open=True)
_DISCOUNT = money.discount_factors.__crmkit_params__["discount"]  # the one declaration of a discount rate


@v.params(bgnbd=v.Custom(_fitted_model(BGNBD, "iso_value(bgnbd, T, ...): pass a fitted BGNBD model."), "a fitted BGNBD"),
          T=v.Number(low=0, low_open=True, high=1e5), frequencies=v.Custom(_frequencies, "whole numbers, at most 200"),
          recencies=v.Numbers(low=0, optional=True), horizon=_POSITIVE, discount=_DISCOUNT, step=_POSITIVE,
          spend=v.Number(low=0))
def iso_value(bgnbd: BGNBD, T: float, *, frequencies=range(0, 15), recencies=None, horizon: float = 52.0,
              discount: float = 0.0, step: float = 1.0, spend: float = 1.0) -> pd.DataFrame:
    """Iso-value table (等价值曲线, Fader, Hardie and Lee 2005): the expected residual value of a customer
    observed for ``T`` periods, by frequency (rows) and recency (columns).

    Value = discounted expected purchases over the next ``horizon`` periods (DERT over a finite horizon,
    summed period by period) x ``spend`` (e.g. a Gamma-Gamma expected spend times a margin). Customers
    on one contour are worth the same: a frequent buyer who has been silent long can be worth less than
    a rare buyer seen recently -- the join between RFM (chapter 04) and CLV (chapter 05).
    A customer with frequency 0 has recency 0 by definition; those cells are filled with its value.
    """
    horizon, step = _horizon_steps(horizon, step)
    freqs = frequencies
    recs = np.linspace(0, T, 27) if recencies is None else v.sequence("recencies", recencies, high=T)  # at most T
    if len(recs) > 200:
        raise ParameterError("Give at most 200 recencies.")
    X, R = np.meshgrid(freqs, recs, indexing="ij")
    R = np.where(X == 0, 0.0, R)
    value = _discounted_purchases(bgnbd, X.ravel(), R.ravel(), np.full(X.size, T), horizon, step, discount)
    out = pd.DataFrame((value * spend).reshape(X.shape), index=pd.Index(freqs.astype(int), name="frequency"),
                       columns=pd.Index(np.round(recs, 4), name="recency"))
    return out


_PAIR = "clv_bgnbd_gg(bgnbd, gg, summary): pass a fitted BGNBD and a fitted GammaGamma model."


@v.params(bgnbd=v.Custom(_fitted_model(BGNBD, _PAIR), "a fitted BGNBD"),
          gg=v.Custom(_fitted_model(GammaGamma, _PAIR), "a fitted GammaGamma"),
          summary=v.Table(_SUMMARY, columns=("frequency", "recency", "T", "monetary_value")), horizon=_POSITIVE,
          discount=_DISCOUNT, margin=v.Number(), step=_POSITIVE)
def clv_bgnbd_gg(bgnbd: BGNBD, gg: GammaGamma, summary: pd.DataFrame, horizon: int = 52,
                 discount: float = 0.0, margin: float = 1.0, step: float = 1.0) -> pd.Series:
    """CLV of each customer over ``horizon`` periods: expected purchases in each period (BG/NBD) x
    expected spend (Gamma-Gamma) x margin, discounted at ``discount`` per period (purchases of
    period k discounted k periods: the end-of-period convention of :mod:`crmkit.money`).

    ``horizon / step`` periods are summed one by one, so at most ``MAX_HORIZON`` of them."""
    horizon, step = _horizon_steps(horizon, step)
    x, tx, T, _ = _histories(summary, None, None)
    spend = gg.expected_spend(summary).to_numpy()
    value = _discounted_purchases(bgnbd, x, tx, T, horizon, step, discount)
    return _result(value * spend * margin, summary.index, "clv", "customer lifetime value",
                   "horizon, margin, the summary's monetary_value")


# --------------------------------------------------------------------------------------------
# shifted beta-geometric
# --------------------------------------------------------------------------------------------


class ShiftedBetaGeometric(_Fitted):
    """Contract retention (Fader and Hardie 2007, "How to project customer retention"): each customer
    churns at the end of a period with probability theta ~ Beta(alpha, beta)."""

    names = ("alpha", "beta")

    def fit(self, survivors):
        """``survivors``: customers still active at the start of each period, cohort size first
        (e.g. 1000, 631, 468, 382, ...)."""
        s = v.sequence("survivors", survivors)
        if len(s) < 2:
            raise DataError("survivors must be a list of at least two counts: the cohort size, then the "
                            "number still active after each period.")
        if np.any(~np.isfinite(s)) or np.any(s < 0) or s[0] <= 0:
            raise DataError("survivors must be counts that are not negative, with a cohort size above 0.")
        if np.any(np.diff(s) > 0):
            raise DataError(f"survivors cannot increase over time; they do after period "
                            f"{int(np.flatnonzero(np.diff(s) > 0)[0])}.")
        lost = -np.diff(s)
        t = np.arange(1, len(s))
        end = s[-1]
        if lost.sum() == 0:
            raise DataError("Nobody churned in the data: the retention model cannot be identified.")
        if len(s) == 2:
            warnings.warn(FitWarning(
                "One period of data gives one retention rate: alpha and beta (how churn rates differ between "
                "customers) cannot both be identified. Give the survivors of three or more periods."), stacklevel=2)
        if end == 0:
            warnings.warn(FitWarning(
                "The whole cohort is gone by the last period: the model cannot tell how long the most loyal "
                "customers would have stayed. Use a cohort observed while some customers are still active."),
                stacklevel=2)

        def negll_grad(logp):
            al, be = np.exp(logp)
            lp = betaln(al + 1, be + t - 1) - betaln(al, be)
            ls = betaln(al, be + t[-1]) - betaln(al, be)
            ll = (lost * lp).sum() + end * ls
            # gradients (digamma form)
            d_ab = digamma(al + be)
            gp_a = digamma(al + 1) - digamma(al + be + t) - digamma(al) + d_ab
            gp_b = digamma(be + t - 1) - digamma(al + be + t) - digamma(be) + d_ab
            gs_a = digamma(al) - digamma(al + be + t[-1]) - digamma(al) + d_ab
            gs_b = digamma(be + t[-1]) - digamma(al + be + t[-1]) - digamma(be) + d_ab
            g = np.array([(lost * gp_a).sum() + end * gs_a, (lost * gp_b).sum() + end * gs_b]) * np.array([al, be])
            return -float(ll), -g

        params, self.log_likelihood_, self._opt = _fit_log(
            negll_grad, [(1.0, 1.0), (0.5, 3.0), (2.0, 10.0)], self.names,
            "More periods of survivors, with some customers still active, would help.")
        self.params_ = params
        self._negll, self._se = negll_grad, None
        self.n_customers_ = int(s[0])
        return self

    def survival(self, periods) -> pd.Series:
        """S(t): share of the cohort still active after t = 0..periods periods."""
        self._check_fitted()
        al, be = self.params_.values()
        t = np.arange(0, v.integer("periods", periods, low=0, high=v.MAX_PERIODS) + 1)
        return pd.Series(np.exp(betaln(al, be + t) - betaln(al, be)), index=pd.Index(t, name="period"), name="survival")

    def retention_rates(self, periods) -> pd.Series:
        """r(t) = (beta + t - 1) / (alpha + beta + t - 1): the share of period t-1's survivors kept in t."""
        self._check_fitted()
        al, be = self.params_.values()
        t = np.arange(1, v.integer("periods", periods, low=1, high=v.MAX_PERIODS) + 1)
        return pd.Series((be + t - 1) / (al + be + t - 1), index=pd.Index(t, name="period"), name="retention")

    def expected_value(self, margin: float, discount: float, horizon: int = 200) -> float:
        """Expected discounted value of a new customer paying ``margin`` at the start of each period
        while active: sum of m S(t) / (1 + d)^t, t = 0..horizon-1."""
        horizon = v.integer("horizon", horizon, low=1, high=v.MAX_PERIODS)
        s = self.survival(horizon - 1).to_numpy()
        return float(v.number("margin", margin) * s @ money.discount_factors(discount, horizon, timing="start"))
