"""The fitting method: summaries, BG/NBD, Gamma-Gamma and sBG against the literature, against
simulated data with known parameters, and against slow direct likelihoods."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from crmkit import clv, money
from crmkit.data import load
from crmkit.errors import DataError, ParameterError


@pytest.fixture(scope="module")
def cdnow_summary():
    return clv.summarize(load("cdnow_sample"), amount="dollar_value", asof="1997-09-30")


# --- summaries ----------------------------------------------------------------------------

def test_summary_by_hand():
    tx = pd.DataFrame({"customer_id": ["a", "a", "a", "a", "b"],
                       "date": ["2024-01-01", "2024-01-01", "2024-01-15", "2024-02-12", "2024-02-05"],
                       "amount": [10.0, 5.0, 20.0, 40.0, 7.0]})
    s = clv.summarize(tx, asof="2024-02-26")
    assert s.loc["a"].tolist() == [2, 6.0, 8.0, 30.0]  # same-day rows are one occasion; repeats 20, 40
    assert s.loc["b"].tolist() == [0, 0.0, 3.0, 0.0]
    d = clv.summarize(tx, asof="2024-02-26", freq="D")
    assert d.loc["a", "recency"] == 42 and d.loc["a", "T"] == 56
    with pytest.raises(ParameterError, match="freq"):
        clv.summarize(tx, freq="M")


def test_calibration_holdout():
    tx = pd.DataFrame({"customer_id": ["a", "a", "a", "b", "c"],
                       "date": ["2024-01-01", "2024-01-20", "2024-03-05", "2024-01-10", "2024-03-01"],
                       "amount": [1.0, 2.0, 3.0, 4.0, 5.0]})
    ch = clv.calibration_holdout(tx, "2024-01-31", "2024-03-31", freq="D")
    assert list(ch.index) == ["a", "b"]  # c was not a customer at the end of calibration
    assert ch.loc["a", "frequency"] == 1 and ch.loc["a", "frequency_holdout"] == 1
    assert ch.loc["b", "frequency_holdout"] == 0 and ch["duration_holdout"].iloc[0] == 60


def test_cdnow_summary_is_the_published_one(cdnow_summary):
    s = cdnow_summary
    assert len(s) == 2357
    assert (s["frequency"] > 0).sum() == 946  # repeat buyers in calibration
    assert s["T"].max() == pytest.approx(272 / 7)


# --- BG/NBD -------------------------------------------------------------------------------

def test_bgnbd_reproduces_fader_hardie_lee_2005_on_cdnow(cdnow_summary):
    m = clv.BGNBD().fit(cdnow_summary)
    published = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    for k, v in published.items():
        assert m.params_[k] == pytest.approx(v, abs=0.001 if k != "alpha" else 0.005), k
    assert m.log_likelihood_ == pytest.approx(-9582.4, abs=0.1)
    # the closed form E[X(t)] agrees with the model's own generative process
    sim = clv.simulate_bgnbd(200_000, 78.0, seed=1, **m.params_)
    assert m.expected_purchases_new_customer(78) == pytest.approx(sim["frequency"].mean(), rel=0.02)


def _slow_bgnbd_ll(r, alpha, a, b, x, tx, T):
    """Equation (6) of Fader, Hardie and Lee (2005), with math.lgamma, one customer at a time."""
    B = lambda p, q: math.exp(math.lgamma(p) + math.lgamma(q) - math.lgamma(p + q))  # noqa: E731
    g = math.exp(math.lgamma(r + x) - math.lgamma(r)) * alpha ** r
    term = B(a, b + x) / B(a, b) * g / (alpha + T) ** (r + x)
    if x > 0:
        term += B(a + 1, b + x - 1) / B(a, b) * g / (alpha + tx) ** (r + x)
    return math.log(term)


def test_bgnbd_likelihood_matches_the_direct_formula():
    m = clv.BGNBD()
    m.params_ = {"r": 0.7, "alpha": 3.2, "a": 0.9, "b": 2.1}
    x = np.array([0, 1, 2, 5, 9])
    tx = np.array([0, 3.5, 10.0, 20.0, 30.5])
    T = np.array([12.0, 20.0, 30.0, 35.0, 40.0])
    fast = m.log_likelihood(x, tx, T)
    slow = [_slow_bgnbd_ll(0.7, 3.2, 0.9, 2.1, *row) for row in zip(x, tx, T)]
    assert np.allclose(fast, slow, rtol=1e-10)
    # the analytic gradient agrees with finite differences
    logp = np.log([0.7, 3.2, 0.9, 2.1])
    w = np.ones(5)
    _, grad = clv.BGNBD._negll_grad(logp, x.astype(float), tx, T, w)
    for i in range(4):
        e = np.zeros(4)
        e[i] = 1e-6
        num = (clv.BGNBD._negll_grad(logp + e, x.astype(float), tx, T, w)[0]
               - clv.BGNBD._negll_grad(logp - e, x.astype(float), tx, T, w)[0]) / 2e-6
        assert grad[i] == pytest.approx(num, rel=1e-5, abs=1e-6)


def test_bgnbd_recovers_simulated_parameters():
    true = {"r": 0.6, "alpha": 5.0, "a": 0.8, "b": 3.0}
    rng = np.random.default_rng(7)
    data = clv.simulate_bgnbd(8000, rng.uniform(20, 60, 8000), seed=11, **true)
    m = clv.BGNBD().fit(data)
    for k, v in true.items():
        assert abs(m.params_[k] - v) < 3 * m.standard_errors_[k], (k, m.params_[k], m.standard_errors_[k])


def test_bgnbd_predictions_are_consistent(cdnow_summary):
    m = clv.BGNBD().fit(cdnow_summary)
    # a new customer (x = 0, recency = 0, T = 0) expects what the unconditional formula says
    assert m.conditional_expected_purchases(10, 0, 0, 0) == pytest.approx(m.expected_purchases_new_customer(10), rel=1e-8)
    # P(alive) falls as the silence after the last purchase grows
    p = m.probability_alive(5, np.array([30.0, 20.0, 10.0]), 38.0)
    assert np.all(np.diff(p) < 0) and np.all((p > 0) & (p < 1))
    assert m.probability_alive(0, 0, 38) == 1.0
    # customers the model expects to buy more in the holdout period do buy more
    ch = clv.calibration_holdout(load("cdnow_sample"), "1997-09-30", "1998-06-30", amount="dollar_value")
    pred = pd.Series(m.conditional_expected_purchases(39, ch["frequency"], ch["recency"], ch["T"]), index=ch.index)
    assert pred.corr(ch["frequency_holdout"], method="spearman") > 0.3
    top, rest = pred >= pred.quantile(0.9), pred < pred.quantile(0.5)
    assert ch.loc[top, "frequency_holdout"].mean() > 5 * ch.loc[rest, "frequency_holdout"].mean()


def test_bgnbd_is_finite_for_heavy_buyers_and_long_histories(cdnow_summary):
    m = clv.BGNBD().fit(cdnow_summary)
    x = np.array([300, 800, 1000])
    T = np.array([3000.0, 5000.0, 2000.0])
    for tx in (T, T * 0.5):
        p = m.probability_alive(x, tx, T)
        e = m.conditional_expected_purchases(52, x, tx, T)
        assert np.all(np.isfinite(p)) and np.all((p >= 0) & (p <= 1))
        assert np.all(np.isfinite(e)) and np.all(e >= 0)
    # buying at rate x/T until now, an alive heavy buyer expects about that rate ahead
    assert m.conditional_expected_purchases(52, 1000, 2000.0, 2000.0) == pytest.approx(52 * 1000 / 2000, rel=0.05)


@pytest.mark.parametrize("frame, match", [
    (pd.DataFrame({"frequency": [-1, 2], "recency": [0, 3], "T": [5, 5]}), "not negative"),
    (pd.DataFrame({"frequency": [np.nan, 2], "recency": [0, 3], "T": [5, 5]}), "finite"),
    (pd.DataFrame({"frequency": [1, 2], "recency": [6, 3], "T": [5, 5]}), "recency cannot exceed T"),
    (pd.DataFrame({"frequency": [0, 0], "recency": [0, 0], "T": [5, 5]}), "No customer has a repeat"),
    (pd.DataFrame({"frequency": [], "recency": [], "T": []}), "empty"),
    (pd.DataFrame({"frequency": [1.5], "recency": [1], "T": [5]}), "whole numbers"),
    (pd.DataFrame({"frequency": [1]}), "no column"),
])
def test_bgnbd_bad_input(frame, match):
    with pytest.raises(DataError, match=match):
        clv.BGNBD().fit(frame)


def test_unfitted_model_says_so():
    from crmkit.errors import CrmkitError, NotFittedError

    with pytest.raises(NotFittedError, match="not fitted"):
        clv.BGNBD().probability_alive(1, 1, 2)
    assert issubclass(NotFittedError, CrmkitError) and issubclass(NotFittedError, AttributeError)
    assert not hasattr(clv.BGNBD(), "params_")  # as in scikit-learn: hasattr works before fit()
    assert "not fitted" in repr(clv.GammaGamma())


def test_fitted_parameters_are_plain_floats(cdnow_summary):
    m = clv.BGNBD().fit(cdnow_summary)
    assert all(type(x) is float for x in m.params_.values())
    assert all(type(x) is float for x in m.standard_errors_.values())
    assert m.params_.r == m.params_["r"] and dict(m.params_).keys() == {"r", "alpha", "a", "b"}
    assert repr(round(m.params_["r"], 3)) == "0.243"  # not np.float64(0.243)
    with pytest.raises(AttributeError):
        m.params_.r = 1.0


def test_fits_that_cannot_identify_their_parameters_warn():
    from crmkit.errors import FitWarning

    same = pd.DataFrame({"frequency": [2] * 50, "recency": [10.0] * 50, "T": [20.0] * 50, "monetary_value": [30.0] * 50})
    with pytest.warns(FitWarning, match="same frequency"):
        clv.BGNBD().fit(same)
    with pytest.warns(FitWarning) as caught:  # the spread cannot be identified, and the fit hits a bound
        clv.GammaGamma().fit(same)
    assert any("same" in str(w.message) for w in caught) and any("bound" in str(w.message) for w in caught)
    with pytest.warns(FitWarning, match="One period"):
        clv.ShiftedBetaGeometric().fit([1000, 600])
    with pytest.warns(FitWarning, match="whole cohort is gone"):
        clv.ShiftedBetaGeometric().fit([1000, 500, 200, 0])


def test_huge_horizons_are_refused_quickly(cdnow_summary):
    m = clv.BGNBD().fit(cdnow_summary)
    g = clv.GammaGamma().fit(cdnow_summary)
    with pytest.raises(ParameterError, match="periods"):
        clv.clv_bgnbd_gg(m, g, cdnow_summary, horizon=10**7)
    # closed forms: any horizon costs the same, and tends to the perpetuity 1 / 0.1
    assert money.annuity_factor(0.1, 10**9) == pytest.approx(10.0)
    with pytest.raises(ParameterError, match="too large"):  # once a hang: a loop over 1e308 periods
        money.annuity_factor(0.1, 1e308)
    with pytest.raises(ParameterError, match="too large"):
        money.annuity_factor(-0.5, 10**9)


# --- Gamma-Gamma --------------------------------------------------------------------------

def test_gamma_gamma_reproduces_the_published_cdnow_estimates(cdnow_summary):
    g = clv.GammaGamma().fit(cdnow_summary)
    assert g.n_customers_ == 946
    assert g.params_["p"] == pytest.approx(6.25, abs=0.01)
    assert g.params_["q"] == pytest.approx(3.74, abs=0.01)
    assert g.params_["gamma"] == pytest.approx(15.44, abs=0.02)
    # expected spend shrinks a customer's own mean towards the population mean
    pop = g.population_mean_spend
    repeat = cdnow_summary[cdnow_summary["frequency"] > 0]
    assert pop == pytest.approx(repeat["monetary_value"].mean(), rel=0.05)
    assert pop < g.expected_spend(2, 100.0) < 100.0 and 5.0 < g.expected_spend(2, 5.0) < pop
    assert abs(g.expected_spend(50, 100.0) - 100) < abs(g.expected_spend(2, 100.0) - 100)  # more data, less shrinkage


def test_gamma_gamma_recovers_simulated_parameters():
    rng = np.random.default_rng(3)
    p, q, gamma = 4.0, 5.0, 220.0
    n = 6000
    x = rng.integers(1, 12, n)
    nu = rng.gamma(q, 1 / gamma, n)
    m = np.array([rng.gamma(p, 1 / v, k).mean() for v, k in zip(nu, x)])
    g = clv.GammaGamma().fit(pd.DataFrame({"frequency": x, "monetary_value": m}))
    for k, v in {"p": p, "q": q, "gamma": gamma}.items():
        assert abs(g.params_[k] - v) < 3 * g.standard_errors_[k], (k, g.params_[k])


def test_gamma_gamma_bad_input():
    with pytest.raises(DataError, match="too few"):
        clv.GammaGamma().fit(pd.DataFrame({"frequency": [0, 0, 1], "monetary_value": [0, 0, 5.0]}))
    with pytest.raises(DataError, match="not negative"):
        clv.GammaGamma().fit(pd.DataFrame({"frequency": [1, 2, 3, 1], "monetary_value": [-5.0, 3, 4, 5]}))
    with pytest.raises(DataError, match="monetary_value"):
        clv.GammaGamma().fit(pd.DataFrame({"frequency": [1, 2]}))


# --- shifted beta-geometric ----------------------------------------------------------------

def test_sbg_reproduces_fader_hardie_2007():
    regular = clv.ShiftedBetaGeometric().fit([1000, 631, 468, 382, 326, 289, 262, 241])
    assert regular.params_["alpha"] == pytest.approx(0.704, abs=0.002)
    assert regular.params_["beta"] == pytest.approx(1.182, abs=0.005)
    high_end = clv.ShiftedBetaGeometric().fit([1000, 869, 743, 653, 593, 551, 517, 491])
    assert high_end.params_["alpha"] == pytest.approx(0.668, abs=0.002)
    assert high_end.params_["beta"] == pytest.approx(3.806, abs=0.01)
    s = high_end.survival(12)
    assert s.iloc[0] == 1 and np.all(np.diff(s) < 0)
    r = high_end.retention_rates(12)
    assert np.all(np.diff(r) > 0)  # retention rises with tenure: the survivors are the loyal ones
    assert np.allclose(s.iloc[1:].to_numpy() / s.iloc[:-1].to_numpy(), r.to_numpy())


def test_sbg_projects_the_papers_held_out_years():
    """Fader and Hardie (2007), Table 1: years 8-12 of both cohorts were kept out of the fit. Seven years
    project the next five within 5 % (chapter 05b shows the high-end table), and the error grows with
    the distance."""
    held_out = {"regular": ([1000, 631, 468, 382, 326, 289, 262, 241], [223, 207, 194, 183, 173]),
                "high end": ([1000, 869, 743, 653, 593, 551, 517, 491], [468, 445, 427, 409, 394])}
    for name, (calibration, actual) in held_out.items():
        projected = 1000 * clv.ShiftedBetaGeometric().fit(calibration).survival(12).loc[8:12].to_numpy()
        error = projected / np.array(actual) - 1
        assert np.all(np.abs(error) < 0.05), (name, error)
        assert abs(error[-1]) > abs(error[0]), (name, error)


def test_sbg_recovers_a_simulated_cohort():
    rng = np.random.default_rng(5)
    theta = rng.beta(1.5, 4.0, 20000)
    life = rng.geometric(theta)  # periods until churn
    survivors = [int((life > t).sum()) for t in range(0, 10)]
    m = clv.ShiftedBetaGeometric().fit(survivors)
    assert abs(m.params_["alpha"] - 1.5) < 3 * m.standard_errors_["alpha"]
    assert abs(m.params_["beta"] - 4.0) < 3 * m.standard_errors_["beta"]


@pytest.mark.parametrize("data, match", [
    ([1000], "at least two"),
    ([1000, 1100], "cannot increase"),
    ([1000, 1000, 1000], "Nobody churned"),
    ([0, 0], "cohort size above 0"),
    ([1000, -5], "not negative"),
])
def test_sbg_bad_input(data, match):
    with pytest.raises(DataError, match=match):
        clv.ShiftedBetaGeometric().fit(data)


def test_customer_clv_from_the_fitted_models(cdnow_summary):
    m = clv.BGNBD().fit(cdnow_summary)
    g = clv.GammaGamma().fit(cdnow_summary)
    value = clv.clv_bgnbd_gg(m, g, cdnow_summary, horizon=52, discount=0.0)
    spend = g.expected_spend(cdnow_summary["frequency"], cdnow_summary["monetary_value"])
    undiscounted = m.conditional_expected_purchases(52, cdnow_summary["frequency"], cdnow_summary["recency"],
                                                    cdnow_summary["T"]) * spend
    assert np.allclose(value, undiscounted)
    assert (clv.clv_bgnbd_gg(m, g, cdnow_summary, horizon=52, discount=0.01) < value + 1e-12).all()
    with pytest.raises(ParameterError):
        clv.clv_bgnbd_gg(m, g, cdnow_summary, discount=-1)


def test_the_course_retail_data_give_back_their_true_parameters():
    """datasets/README.md lists the generating parameters; seasonality is not in the models, so the
    fit is checked within two standard errors."""
    s = clv.summarize(load("retail_transactions"), asof="2024-12-31")
    m = clv.BGNBD().fit(s)
    for k, v in {"r": 0.55, "alpha": 6.0, "a": 0.7, "b": 3.5}.items():
        assert abs(m.params_[k] - v) < 2 * m.standard_errors_[k], (k, m.params_[k], m.standard_errors_[k])
    g = clv.GammaGamma().fit(s)
    for k, v in {"p": 4.0, "q": 5.0, "gamma": 220.0}.items():
        assert abs(g.params_[k] - v) < 2 * g.standard_errors_[k], (k, g.params_[k], g.standard_errors_[k])


def _slow_gg_ll(p, q, gamma, x, m):
    """The density of a customer's mean spend m over x transactions (Fader, Hardie and Lee's note, eq. 5)."""
    lg = math.lgamma
    return (lg(p * x + q) - lg(p * x) - lg(q) + q * math.log(gamma) + (p * x - 1) * math.log(m)
            + p * x * math.log(x) - (p * x + q) * math.log(gamma + m * x))


def test_gamma_gamma_likelihood_and_gradient_match_the_direct_formula():
    x = np.array([1.0, 2.0, 5.0, 12.0])
    m = np.array([10.0, 35.5, 22.0, 80.0])
    logp = np.log([6.25, 3.74, 15.44])
    w = np.ones(4)
    nll, grad = clv.GammaGamma._negll_grad(logp, x, m, w)
    assert -nll == pytest.approx(sum(_slow_gg_ll(6.25, 3.74, 15.44, a, b) for a, b in zip(x, m)), rel=1e-12)
    for i in range(3):
        e = np.zeros(3)
        e[i] = 1e-6
        num = (clv.GammaGamma._negll_grad(logp + e, x, m, w)[0] - clv.GammaGamma._negll_grad(logp - e, x, m, w)[0]) / 2e-6
        assert grad[i] == pytest.approx(num, rel=1e-5)


def test_sbg_survival_matches_the_recursion():
    m = clv.ShiftedBetaGeometric()
    m.params_ = {"alpha": 0.7, "beta": 1.2}
    # P(T = 1) = alpha / (alpha + beta); P(T = t) = P(T = t-1) (beta + t - 2) / (alpha + beta + t - 1)
    p = [0.7 / 1.9]
    for t in range(2, 9):
        p.append(p[-1] * (1.2 + t - 2) / (0.7 + 1.2 + t - 1))
    s = 1 - np.cumsum(p)
    assert m.survival(8).iloc[1:].to_numpy() == pytest.approx(s, rel=1e-10)
    # and the fitted log-likelihood is the sum over the churn counts and the survivors
    fit = clv.ShiftedBetaGeometric().fit([1000, 631, 468, 382, 326, 289, 262, 241])
    a, b = fit.params_["alpha"], fit.params_["beta"]
    pt = [a / (a + b)]
    for t in range(2, 8):
        pt.append(pt[-1] * (b + t - 2) / (a + b + t - 1))
    lost = -np.diff([1000, 631, 468, 382, 326, 289, 262, 241])
    ll = float((lost * np.log(pt)).sum() + 241 * np.log(1 - sum(pt)))
    assert fit.log_likelihood_ == pytest.approx(ll, rel=1e-10)


def test_iso_value_joins_rfm_and_clv(cdnow_summary):
    """Fader-Hardie-Lee's lesson: with the same T, a frequent buyer silent for long is worth less than
    the same buyer seen recently, and can be worth less than a rare buyer seen recently."""
    m = clv.BGNBD().fit(cdnow_summary)
    g = clv.iso_value(m, 39, frequencies=[0, 1, 5, 10], recencies=[0, 10, 39], horizon=52)
    assert (g.loc[10].diff().dropna() > 0).all()  # recent is worth more, for a repeat buyer
    assert g.loc[10, 10.0] < g.loc[1, 39.0]  # frequent but long silent < rare but recent
    # a column at recency = T is the conditional expectation itself, summed period by period
    direct = m.conditional_expected_purchases(52, 5, 39.0, 39.0)
    assert g.loc[5, 39.0] == pytest.approx(direct, rel=1e-9)
    assert (g.loc[0] == g.loc[0].iloc[0]).all()  # no repeat purchase: recency does not apply


# --- chapter 05a/05b corrections (issue 9) -------------------------------------------------

def test_the_two_timing_conventions_side_by_side():
    from crmkit import money

    # margin 100, retention 0.8, discount 0.1: start of year 100 x 1.1 / 0.3, end of year 100 x 0.8 / 0.3
    start = money.present_value(100, retention=0.8, discount=0.10, timing="start")
    end = money.present_value(100, retention=0.8, discount=0.10, timing="end")
    assert start == pytest.approx(366.67, abs=0.005) and end == pytest.approx(266.67, abs=0.005)
    assert start / end == pytest.approx(1.1 / 0.8)
    assert clv.retention_clv(100, 0.8, 0.10) == pytest.approx(start)  # the kit's Dwyer model: start of year


def test_customer_event_mean_is_the_analytic_one():
    # everyone has the same probabilities: the simulated mean estimates one closed-form number
    # E = sum_t 0.85^t (0.6 x 100 x 1.02^t - 10) / 1.1^t, t = 1..10  (= 171.18 by hand)
    t = np.arange(1, 11)
    analytic = float(np.sum(0.85**t * (0.6 * 100 * 1.02**t - 10) / 1.1**t))
    assert analytic == pytest.approx(171.18, abs=0.01)
    big = clv.customer_event_clv(n_customers=200_000, periods=10, margin=100, p_purchase=0.6, p_upgrade=0.1,
                                 upgrade_gain=0.2, p_churn=0.15, service_cost=10, discount=0.10, seed=5)
    se = big["clv"].std() / math.sqrt(len(big))
    assert abs(big["clv"].mean() - analytic) < 4 * se
    # no churn, no upgrade, one period: 0.5 x 80 - 5 = 35 at the end of the year
    one = clv.customer_event_clv(n_customers=100_000, periods=1, margin=80, p_purchase=0.5, p_upgrade=0.0,
                                 p_churn=0.0, service_cost=5, discount=0.0, seed=1)
    assert one["clv"].mean() == pytest.approx(35, abs=0.5)


def test_repeat_purchase_fit_table(cdnow_summary):
    from crmkit.plots import clv_fit

    m = clv.BGNBD().fit(cdnow_summary)
    table = clv_fit.repeat_purchase_fit_table(m, cdnow_summary, max_frequency=7, copies=10, seed=0)
    assert table["observed"].sum() == 2357 and table.loc["0", "observed"] == 1411  # the published cohort
    assert table["model"].sum() == pytest.approx(2357)
    assert np.all(np.abs(table["model"] - table["observed"]) < 0.15 * table["observed"] + 10)
    with pytest.raises(ParameterError):
        clv_fit.repeat_purchase_fit_table(m, cdnow_summary, max_frequency=0)


def test_p_alive_history_by_hand():
    from crmkit.plots import clv_fit

    tx = pd.DataFrame({"customer_id": ["a"] * 3 + ["b"] * 4, "amount": 10.0,
                       "date": pd.to_datetime(["2024-01-01", "2024-01-15", "2024-01-29",
                                               "2024-01-01", "2024-01-08", "2024-03-04", "2024-04-01"])})
    model = clv.BGNBD()
    model.params_ = {"r": 0.5, "alpha": 5.0, "a": 0.8, "b": 2.5}
    h = clv_fit.p_alive_history_table(model, tx, "a", asof="2024-04-29")
    assert len(h) == 120 and h["purchase"].sum() == 3  # days 0 .. 119 (2024 is a leap year), three purchase days
    # on a purchase day: 1 at the first; after repeat x, 1 / (1 + a / (b + x - 1)) -- he may drop out right after
    assert h.loc[h["purchase"], "p_alive"].tolist() == pytest.approx([1.0, 1 / (1 + 0.8 / 2.5), 1 / (1 + 0.8 / 3.5)])
    # after the last purchase (day 28, x = 2, t_x = 4 weeks) the direct formula at T = 119/7 weeks
    x, tx_, T = 2, 4.0, 119 / 7
    direct = 1 / (1 + 0.8 / (2.5 + x - 1) * ((5 + T) / (5 + tx_)) ** (0.5 + x))
    assert h["p_alive"].iloc[-1] == pytest.approx(direct)
    assert np.all(np.diff(h["p_alive"].iloc[28:]) < 0)  # silence lowers it day by day
    with pytest.raises(DataError):
        clv_fit.p_alive_history_table(model, tx, "zz", asof="2024-04-29")


def test_cdnow_holdout_error_and_gamma_gamma_check(cdnow_summary):
    cd = load("cdnow_sample")
    m = clv.BGNBD().fit(cdnow_summary)
    ch = clv.calibration_holdout(cd, calibration_end="1997-09-30", asof="1998-06-30", amount="dollar_value")
    predicted = m.conditional_expected_purchases(39, ch["frequency"], ch["recency"], ch["T"]).sum()
    assert ch["frequency_holdout"].sum() == 1882
    assert 100 * (predicted / 1882 - 1) == pytest.approx(-12.1, abs=0.1)  # chapter 05b states it in %
    repeat = cdnow_summary[cdnow_summary["frequency"] > 0]
    assert len(repeat) == 946
    assert repeat["frequency"].corr(repeat["monetary_value"]) == pytest.approx(0.114, abs=0.001)


def test_clv_with_margin_and_discount_by_hand():
    model = clv.BGNBD()
    model.params_ = {"r": 0.5, "alpha": 5.0, "a": 0.8, "b": 2.5}
    gg = clv.GammaGamma()
    gg.params_ = {"p": 6.0, "q": 4.0, "gamma": 15.0}
    s = pd.DataFrame({"frequency": [3], "recency": [20.0], "T": [30.0], "monetary_value": [40.0]}, index=["a"])
    spend = float(np.asarray(gg.expected_spend(s["frequency"], s["monetary_value"])).ravel()[0])
    e1 = model.conditional_expected_purchases(1, 3, 20.0, 30.0)
    e2 = model.conditional_expected_purchases(2, 3, 20.0, 30.0)
    # two weeks, margin 30 %, 1 % a week: week 1's purchases / 1.01, week 2's / 1.01^2
    by_hand = 0.3 * spend * (e1 / 1.01 + (e2 - e1) / 1.01**2)
    value = clv.clv_bgnbd_gg(model, gg, s, horizon=2, discount=0.01, margin=0.3)
    assert value.iloc[0] == pytest.approx(by_hand)
    revenue = clv.clv_bgnbd_gg(model, gg, s, horizon=2, discount=0.0, margin=1.0)
    assert revenue.iloc[0] == pytest.approx(spend * e2) and value.iloc[0] < 0.3 * revenue.iloc[0]


# --- predictions on the summary table -------------------------------------------------------

def test_predictions_take_the_summary_table_and_keep_the_customer(cdnow_summary):
    s = cdnow_summary
    m = clv.BGNBD().fit(s)
    g = clv.GammaGamma().fit(s)
    cols = s["frequency"].to_numpy(), s["recency"].to_numpy(), s["T"].to_numpy()
    for got, plain in [(m.probability_alive(s), m.probability_alive(*cols)),
                       (m.conditional_expected_purchases(39, s), m.conditional_expected_purchases(39, *cols)),
                       (m.log_likelihood(s), m.log_likelihood(*cols)),
                       (g.expected_spend(s), g.expected_spend(cols[0], s["monetary_value"].to_numpy()))]:
        assert isinstance(got, pd.Series) and got.index.equals(s.index)
        assert isinstance(plain, np.ndarray) and np.allclose(got.to_numpy(), plain)
    # columns as Series keep their index too; a shuffled table gives each customer the same value
    by_cols = m.probability_alive(s["frequency"], s["recency"], s["T"])
    assert by_cols.index.equals(s.index)
    shuffled = s.sample(frac=1.0, random_state=0)
    assert m.probability_alive(shuffled).loc[s.index].to_numpy() == pytest.approx(by_cols.to_numpy())
    assert isinstance(m.probability_alive(2, 10.0, 30.0), float)
    assert m.probability_alive(s).loc["00018"] == 1.0  # no repeat purchase: alive by the model's definition


@pytest.mark.parametrize("call, match", [
    (lambda m, g, s: m.probability_alive(s[["frequency", "T"]]), "no column 'recency'"),
    (lambda m, g, s: m.probability_alive(s, 1, 2), "either the summary table"),
    (lambda m, g, s: m.probability_alive(s["frequency"], s["recency"].iloc[::-1], s["T"]), "different indexes"),
    (lambda m, g, s: m.probability_alive([1, 2], [1, 2, 3], 5), "same length"),
    (lambda m, g, s: m.expected_purchases_new_customer(1e308), "t = 1e\\+308 is too large"),
    (lambda m, g, s: g.expected_spend(1e308, 1e308), "frequency = 1e\\+308 is too large"),
    (lambda m, g, s: g.expected_spend(s.assign(monetary_value=-1.0)), "'monetary_value'.*not negative"),
])
def test_prediction_inputs_are_refused_with_a_message(cdnow_summary, call, match):
    m = clv.BGNBD().fit(cdnow_summary)
    g = clv.GammaGamma().fit(cdnow_summary)
    with pytest.raises((DataError, ParameterError), match=match):
        call(m, g, cdnow_summary)


def test_a_non_finite_prediction_is_refused_naming_the_inputs():
    m = clv.BGNBD()
    m.params_ = {"r": 0.01, "alpha": 1000.0, "a": 50.0, "b": 0.05}  # the series diverges for t near 1e15
    assert np.isfinite(m.conditional_expected_purchases(10, 1, 5.0, 1000.0))
    with pytest.raises(ParameterError, match=r"not a finite number.*\(t, frequency, recency, T\)"):
        m.conditional_expected_purchases(1e15, 1, 5.0, 1000.0)
    s = pd.DataFrame({"frequency": [1, 1], "recency": [5.0, 5.0], "T": [1e9, 1000.0]}, index=["old", "new"])
    with pytest.raises(ParameterError, match="for row new:"):
        m.conditional_expected_purchases(1e15, s)


def test_fits_run_blas_on_one_thread_and_restore_it(cdnow_summary):
    """The fit's work is too small for BLAS threads (benchmarks/bench_clv.py times it); the limit is lifted
    afterwards so a large matrix product elsewhere keeps every core."""
    threadpoolctl = pytest.importorskip("threadpoolctl")
    seen = []
    real = clv.BGNBD._negll_grad

    def spy(*args, **kw):
        if not seen:
            seen.append([i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"])
        return real(*args, **kw)

    before = [i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    try:
        clv.BGNBD._negll_grad = staticmethod(spy)
        clv.BGNBD().fit(cdnow_summary)
    finally:
        clv.BGNBD._negll_grad = staticmethod(real)
    assert seen and seen[0] and set(seen[0]) == {1}
    assert [i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"] == before
