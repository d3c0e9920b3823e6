"""Chapter 05: BG/NBD fitting speed (against lifetimes where it is importable), fitting a million
customers, and summarize() against a bare pandas groupby.

The CDNOW fit beside lifetimes, in one run, without making lifetimes a dependency of the course
(lifetimes 0.11.3 runs on the pinned numpy 2.4 and pandas 3.1): a throwaway venv that sees the course's
packages and adds lifetimes and its two pure-Python dependencies::

    python3 -m venv ../lt && echo "import site; site.addsitedir('$PWD/.venv/lib/python3.11/site-packages')" \\
        > "$(../lt/bin/python -c 'import site; print(site.getsitepackages()[0])')/course.pth"
    ../lt/bin/python -m pip install --no-deps lifetimes autograd dill
    ../lt/bin/python benchmarks/bench_clv.py fit
"""

from __future__ import annotations

import contextlib
import statistics
import time
import warnings

import numpy as np
import pandas as pd
from _util import best_of, line

from crmkit import clv
from crmkit.data import load


def bare_summary(df: pd.DataFrame, end: pd.Timestamp) -> pd.DataFrame:
    """The same columns with plain pandas: one row per customer and day, then first/last/count/sums."""
    occ = df.groupby(["customer_id", df["date"].dt.normalize()], sort=True)["amount"].sum().reset_index()
    g = occ.groupby("customer_id")
    first, last, n = g["date"].min(), g["date"].max(), g.size()
    total, first_amount = g["amount"].sum(), g["amount"].first()
    return pd.DataFrame({"frequency": n - 1, "recency": (last - first).dt.days / 7, "T": (end - first).dt.days / 7,
                         "monetary_value": np.where(n > 1, (total - first_amount) / (n - 1).clip(lower=1), 0.0)})


def _times(fn, repeat: int) -> tuple[float, float]:
    """(median, best) wall-clock seconds of ``repeat`` calls after one warm-up call."""
    fn()
    ts = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts), min(ts)


def _blas_threads() -> str:
    from threadpoolctl import threadpool_info

    return ", ".join(f"{i['internal_api']} {i['num_threads']}" for i in threadpool_info() if i["user_api"] == "blas")


def fit_against_lifetimes() -> None:
    """The CDNOW fit with the machine's default thread settings, after scikit-learn is imported (as in a
    course session: its OpenMP runtime is then loaded too), beside lifetimes' BetaGeoFitter in the same
    process when lifetimes is importable. lifetimes is no dependency of the course: to compare, run this
    file with a Python that has both, e.g. a throwaway venv (see the module's docstring)."""
    import sklearn.linear_model  # noqa: F401 - loads scikit-learn's OpenMP runtime, as a course session does

    s = clv.summarize(load("cdnow_sample"), amount="dollar_value", asof="1997-09-30")
    median, best = _times(lambda: clv.BGNBD().fit(s), 20)
    line(f"BG/NBD fit, CDNOW sample (2,357 customers), BLAS threads: {_blas_threads()}",
         f"{median * 1000:.1f} ms", f"median of 20 (best {best * 1000:.1f} ms); target < 10 ms")
    from crmkit.clv import models

    limiter = models.small_blas
    try:
        models.small_blas = contextlib.nullcontext  # the same fit without the one-thread limit
        u_median, u_best = _times(lambda: clv.BGNBD().fit(s), 20)
    finally:
        models.small_blas = limiter
    line("  the same without crmkit._threads.small_blas (BLAS threads as above)", f"{u_median * 1000:.1f} ms",
         f"median of 20 (best {u_best * 1000:.1f} ms)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import lifetimes
            from lifetimes import BetaGeoFitter

            def peer():
                BetaGeoFitter().fit(s["frequency"], s["recency"], s["T"])

            p_median, p_best = _times(peer, 5)
        line(f"  lifetimes {lifetimes.__version__} BetaGeoFitter, same data, same process", f"{p_median * 1000:.1f} ms",
             f"median of 5 (best {p_best * 1000:.1f} ms); crmkit {p_median / median:.0f}x faster")
    except Exception as exc:  # noqa: BLE001 - not installed, or broken with this pandas/scipy
        line("  lifetimes BetaGeoFitter", "skipped", f"({type(exc).__name__}: not importable here)")


def main() -> None:
    fit_against_lifetimes()

    rng = np.random.default_rng(0)
    for n in (10_000, 100_000, 1_000_000):
        sim = clv.simulate_bgnbd(n, np.floor(rng.uniform(10, 104, n) * 7) / 7, r=0.6, alpha=5.0, a=0.8, b=3.0, seed=1)
        sim["recency"] = np.floor(sim["recency"] * 7) / 7  # purchases are dated by the day, as in real logs
        t = best_of(lambda: clv.BGNBD().fit(sim), 1)
        rows = len(sim.drop_duplicates())
        line(f"BG/NBD fit, {n:>9,} simulated customers ({rows:,} unique rows)", f"{t:.2f} s",
             "target < 10 s" if n == 1_000_000 else "")

    for rows in (10_000, 100_000, 1_000_000):
        df = pd.DataFrame({
            "customer_id": pd.Series(rng.integers(0, rows // 10, rows)).map("C{:06d}".format),
            "date": pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, 700, rows), "D"),
            "amount": rng.gamma(2.0, 50.0, rows).round(2),
        })
        end = df["date"].max()
        a = best_of(lambda: clv.summarize(df, asof=end), 3)
        b = best_of(lambda: bare_summary(df, end), 3)
        line(f"summarize, {rows:>9,} rows", f"{a * 1000:.0f} ms",
             f"bare groupby {b * 1000:.0f} ms, ratio {a / b:.2f}" + (" (target <= 1.5x)" if rows == 1_000_000 else ""))

    from crmkit.widgets.clv import CLVCalculator

    w = CLVCalculator()
    values = iter(np.round(np.linspace(0.5, 0.95, 40), 2))

    def move():
        w.controls["retention"].value = float(next(values))

    line("CLVCalculator: one control change", f"{best_of(move, 10) * 1000:.0f} ms", "target < 100 ms")

    from crmkit.widgets.clv import AliveExplorer

    a = AliveExplorer()
    customers = iter([c for _, c in a.controls["customer"].options] * 2)

    def pick():
        a.controls["customer"].value = next(customers)

    line("AliveExplorer: pick another customer", f"{best_of(pick, 10) * 1000:.0f} ms", "target < 100 ms")


if __name__ == "__main__":
    import sys

    fit_against_lifetimes() if sys.argv[1:] == ["fit"] else main()
