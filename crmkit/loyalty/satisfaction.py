"""Customer satisfaction (客户满意): weighted CSI, an ACSI-structured satisfaction index, NPS and the
loyalty curve (chapter 07)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import _validate as v
from ..errors import DataError, ParameterError, describe_rows


@v.params(scores=v.Numbers(), weights=v.Numbers(low=0))
def weighted_csi(scores, weights) -> float:
    """A weighted customer satisfaction index: sum of weight x attribute score (weights add up to 1).

    Weights 0.30, 0.25, 0.20, 0.15, 0.10 and scores 80, 70, 90, 60, 85 -> 77.0.
    """
    s, w = scores, weights
    if len(s) != len(w) or len(s) == 0:
        raise ParameterError(f"Give one weight per score: {len(s)} scores, {len(w)} weights.")
    if not math.isclose(w.sum(), 1.0, abs_tol=1e-6):
        raise ParameterError(f"The weights must add up to 1; they add up to {w.sum():.4g}.")
    return float(s @ w)


#: The ACSI structure (Fornell et al. 1996): each construct and the constructs that explain it.
ACSI_PATHS = {
    "quality": ["expectations"],
    "value": ["expectations", "quality"],
    "satisfaction": ["expectations", "quality", "value"],
    "complaints": ["satisfaction"],
    "loyalty": ["satisfaction", "complaints"],
}
#: Survey items of each construct (columns of the `survey` dataset).
ACSI_ITEMS = {
    "expectations": ["exp_1", "exp_2", "exp_3"],
    "quality": ["pq_1", "pq_2", "pq_3"],
    "value": ["pv_1", "pv_2"],
    "satisfaction": ["sat_1", "sat_2", "sat_3"],
    "complaints": ["complained"],
    "loyalty": ["loy_repurchase", "loy_recommend", "loy_price_tolerance"],
}


@dataclass(frozen=True)
class SatisfactionIndex:
    """An estimated satisfaction index: the path coefficients and the index on a 0-100 scale."""

    paths: pd.DataFrame  # one row per arrow: source, target, coefficient, standard_error
    r_squared: pd.Series  # R² of each structural equation, by target construct
    index: float  # mean satisfaction on 0-100
    scores: pd.DataFrame  # construct scores per respondent

    def coefficient(self, source: str, target: str) -> float:
        row = self.paths[(self.paths["source"] == source) & (self.paths["target"] == target)]
        if row.empty:
            raise ParameterError(f"There is no path {source} -> {target} in the model.")
        return float(row["coefficient"].iloc[0])


def _ols(y, X):
    X1 = np.column_stack([np.ones(len(y)), X])
    beta, *_ = np.linalg.lstsq(X1, y, rcond=None)
    resid = y - X1 @ beta
    dof = max(len(y) - X1.shape[1], 1)
    sigma2 = resid @ resid / dof
    cov = sigma2 * np.linalg.pinv(X1.T @ X1)
    r2 = 1 - (resid @ resid) / max(((y - y.mean()) ** 2).sum(), 1e-300)
    return beta[1:], np.sqrt(np.diag(cov))[1:], float(r2)


def _mapping_of_lists(default, what):
    def check(name, value):
        value = default if value is None else value
        if not isinstance(value, dict) or not value or not all(
                isinstance(k, str) and isinstance(x, (list, tuple)) and x and all(isinstance(c, str) for c in x)
                for k, x in value.items()):
            raise ParameterError(f"{name} must map each construct to a list of {what}, e.g. "
                                 f"{{'satisfaction': {list(default['satisfaction'])!r}}}; got {type(value).__name__}.")
        return value
    return check


@v.params(items=v.Custom(_mapping_of_lists(ACSI_ITEMS, "survey columns"), "construct -> its survey columns"),
          paths=v.Custom(_mapping_of_lists(ACSI_PATHS, "constructs"), "construct -> the constructs that explain it"),
          scale=v.Numbers(length=2, increasing=True), survey=v.Table("survey"))
def satisfaction_index(survey: pd.DataFrame, items: dict | None = None, paths: dict | None = None,
                       scale=(1, 10)) -> SatisfactionIndex:
    """Estimate an ACSI-structured satisfaction index from survey answers.

    **Method** (documented, simple, and transparent for a classroom): each construct's score is the
    mean of its items (the complaint construct is the 0/1 answer); each structural equation of
    ``paths`` (default :data:`ACSI_PATHS`) is estimated by ordinary least squares on those scores;
    the index is mean satisfaction rescaled to 0-100, (score - low) / (high - low) x 100. The official
    ACSI weights items by PLS; equal item weights are the course's simplification.
    """
    cols = [c for group in items.values() for c in group]
    v.table(survey, cols, "survey")  # the columns the items name (the declaration checked the table itself)
    lo, hi = (int(x) if x == int(x) else float(x) for x in scale)
    scores = {}
    flags = set(items.get("complaints", []))
    for c in cols:
        if c not in flags:
            v.numeric_column(survey, c, "survey", allow_nan=True)
    for construct, group in items.items():
        block = survey[group]
        if construct != "complaints":
            block = block.apply(pd.to_numeric)
        if block.isna().any().any():
            bad = block.index[block.isna().any(axis=1)]
            raise DataError(f"The survey has missing answers for {construct} ({group}) in {describe_rows(bad)}.")
        if construct == "complaints":
            scores[construct] = block.iloc[:, 0].astype(float).to_numpy()
            continue
        vals = block.to_numpy(dtype=float)
        bad = (vals < lo) | (vals > hi)
        if bad.any():
            rows = block.index[bad.any(axis=1)]
            raise DataError(f"Answers outside the {lo}-{hi} scale for {construct} ({group}) in {describe_rows(rows)}.")
        scores[construct] = vals.mean(axis=1)
    rows, r2 = [], {}
    for target, sources in paths.items():
        coef, se, r2[target] = _ols(scores[target], np.column_stack([scores[s] for s in sources]))
        rows += [{"source": s, "target": target, "coefficient": c, "standard_error": e}
                 for s, c, e in zip(sources, coef, se)]
    index = float((scores["satisfaction"].mean() - lo) / (hi - lo) * 100)
    return SatisfactionIndex(pd.DataFrame(rows), pd.Series(r2, dtype=float), index, pd.DataFrame(scores, index=survey.index))


def _answers(name, scores) -> pd.Series:
    if isinstance(scores, (str, bytes, dict)) or not isinstance(scores, (list, tuple, np.ndarray, pd.Series, pd.Index)):
        raise DataError(f"nps() takes a list of 0-10 answers such as [10, 9, 7, 3], not {type(scores).__name__} "
                        f"{scores!r:.40}.")
    raw = scores if isinstance(scores, pd.Series) else pd.Series(np.asarray(scores, dtype=object).ravel(), dtype=object)
    if len(raw) == 0:
        raise DataError("nps() needs at least one answer.")
    kinds = raw.map(lambda x: "True/False" if isinstance(x, (bool, np.bool_)) else
                    ("number" if v._is_number(x) or x is None else type(x).__name__))
    if (kinds != "number").any():
        bad = kinds != "number"
        raise DataError(f"NPS answers must be numbers from 0 to 10, not {kinds[bad].iloc[0]} "
                        f"(e.g. {raw[bad].iloc[0]!r}) as in {describe_rows(raw.index[bad.to_numpy()])}.")
    s = pd.to_numeric(raw, errors="coerce").astype("float64")
    bad = s.isna() | (s < 0) | (s > 10) | (s != s.round())
    if bad.any():
        raise DataError(f"NPS answers must be whole numbers from 0 to 10; {describe_rows(s.index[bad])} are not.")
    return s


@v.params(scores=v.Custom(_answers, "a list of whole-number answers 0-10"))
def nps(scores) -> float:
    """Net Promoter Score: % promoters (9-10) minus % detractors (0-6) of 0-10 answers, from -100 to 100.

    Scores 10, 9, 9, 8, 7, 6, 10, 3, 9, 5 -> 50 % - 30 % = 20.
    """
    s = scores
    return float(((s >= 9).mean() - (s <= 6).mean()) * 100)


@v.params(satisfaction=v.Column(), loyalty=v.Column(), by=v.Column(optional=True),
          survey=v.Table("survey", columns=("satisfaction", "loyalty", "by")))
def loyalty_curve(survey: pd.DataFrame, *, satisfaction: str = "sat_1", loyalty: str = "nps_score",
                  by: str | None = "segment") -> pd.DataFrame:
    """Mean loyalty at each satisfaction level (1-10), per segment, with the zone of each level:
    defection (1-4), indifference (5-8) or affection (9-10) -- the zones of Jones and Sasser (1995).

    The "satisfaction trap" (顾客满意陷阱) shows where satisfied customers (7-8) are hardly more
    loyal than lukewarm ones: only the very satisfied are loyal.
    """
    cols = [satisfaction, loyalty] + ([by] if by else [])
    for c in (satisfaction, loyalty):
        v.numeric_column(survey, c, "survey", allow_nan=True)
    df = survey[cols].dropna().copy()
    df[satisfaction] = pd.to_numeric(df[satisfaction])
    df[loyalty] = pd.to_numeric(df[loyalty])
    if df.empty:
        raise DataError(f"The survey has no row with both {satisfaction!r} and {loyalty!r} answered.")
    df["level"] = df[satisfaction].round().clip(1, 10).astype(int)
    keys = ([by] if by else []) + ["level"]
    out = df.groupby(keys, observed=True)[loyalty].agg(["mean", "size"]).rename(columns={"mean": "loyalty", "size": "n"})
    out = out.reset_index()
    out["zone"] = pd.cut(out["level"], [0, 4, 8, 10], labels=["defection", "indifference", "affection"])
    return out
