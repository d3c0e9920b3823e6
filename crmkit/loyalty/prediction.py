"""Predicting churn (客户流失预测): a logistic regression judged on a holdout, with a gains chart (chapter 09).

A churn model finds *who* is likely to leave, so that retention money goes where it pays; it does not
say *why* they leave. A feature that predicts churn (few integrations, a short lock-in) may only travel
with the real cause (the segment): acting on it changes nothing unless it is the cause. The chapter
makes this the lesson.

The model is scikit-learn's ``LogisticRegression`` on standardised numeric features and one-hot encoded
categories (no hand-written fitting); it is judged by the area under the ROC curve (AUC: 0.5 is chance,
1 is perfect) and by the gains table of a holdout sample the model never saw.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import _validate as v
from ..errors import DataError, ParameterError

__all__ = ["ChurnModel", "churn_model", "gains_table"]


@dataclass(frozen=True)
class ChurnModel:
    """A fitted churn classifier and how well it ranks the holdout customers."""

    auc: float  # area under the ROC curve on the holdout (0.5: chance)
    coefficients: pd.Series  # per standardised feature (one-hot columns for categories): + raises churn odds
    gains: pd.DataFrame  # by decile of predicted risk, on the holdout (see gains_table)
    holdout: pd.DataFrame  # the holdout rows: churned (0/1) and predicted probability
    base_rate: float  # share of churners in the holdout
    pipeline: object  # the scikit-learn pipeline, for predict_proba on new customers


def _flags(name, x) -> np.ndarray:
    return v.flag_column(pd.DataFrame({name: pd.Series(x).to_numpy()}), name, "churn data").to_numpy().astype(float)


def _scores(name, x) -> np.ndarray:
    return v.numeric_column(pd.DataFrame({name: pd.Series(x).to_numpy()}), name, "churn data").to_numpy()


@v.params(churned=v.Custom(_flags, "yes/no per customer"), score=v.Custom(_scores, "a risk score per customer"),
          groups=v.Number(low=2, high=100, integer=True, kind="size"))
def gains_table(churned, score, *, groups: int = 10) -> pd.DataFrame:
    """Cumulative gains and lift by group of predicted risk (riskiest first).

    Row g: the top g/groups of customers by ``score``; ``captured``: share of all churners found in
    them; ``lift``: captured / customer share (1 = no better than random, 3 = three times better).
    """
    return _gains(churned, score, groups)


def _gains(y: np.ndarray, s: np.ndarray, groups: int) -> pd.DataFrame:
    """gains_table on checked arrays (the churn model's own holdout: its flags were checked once, at the start)."""
    if len(y) != len(s):
        raise DataError(f"churned and score must have one value per customer: {len(y)} and {len(s)} values.")
    if len(y) < groups:
        raise DataError(f"{len(y)} customers are too few for {groups} groups.")
    if y.sum() == 0:
        raise DataError("No customer churned: gains and lift are not defined.")
    order = np.argsort(-s, kind="stable")
    ys = y[order]
    bounds = np.ceil(np.arange(1, groups + 1) / groups * len(y)).astype(int)
    cum = np.cumsum(ys)
    captured = cum[bounds - 1] / ys.sum()
    share = bounds / len(y)
    return pd.DataFrame({"customer_share": share, "captured": captured, "lift": captured / share,
                         "churn_rate": cum[bounds - 1] / bounds},
                        index=pd.RangeIndex(1, groups + 1, name="group"))


def _features(name, features):
    if isinstance(features, str) or not isinstance(features, (list, tuple)):
        raise ParameterError(f"features must be a list of column names, not {features!r}.")
    if not features:
        raise ParameterError("features is empty: name at least one column that may predict churn.")
    return list(features)


@v.params(target=v.Column(),
          features=v.Custom(_features, "a list of column names (default: every other column)", optional=True),
          test_size=v.Number(low=0.05, high=0.9), seed=v.Number(low=0, high=2**32 - 1, integer=True),
          table=v.Table("customer table", columns=("target", "features")))
def churn_model(table: pd.DataFrame, *, target: str = "churned", features=None, test_size: float = 0.3,
                seed: int = 0) -> ChurnModel:
    """Fit a logistic regression of ``target`` (yes/no) on ``features`` (default: every other column)
    on a seeded, stratified training split, and judge it on the holdout (``test_size``)."""
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import train_test_split
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    if features is None:
        features = [c for c in table.columns if c != target]
        if not features:
            raise ParameterError("features is empty: name at least one column that may predict churn.")
    y = v.flag_column(table, target, "customer table").astype(int).to_numpy()
    numeric, categorical = [], []
    for c in features:
        col = table[c]
        # the checks below read each distinct value once (a category column of a million rows has a few)
        textual = col.dtype == object or pd.api.types.is_string_dtype(col)
        uniq = list(col.unique()) if textual else None
        if textual and col.notna().all() and all(isinstance(x, str) for x in uniq) \
                and pd.to_numeric(pd.Series(uniq, dtype=object), errors="coerce").notna().all():
            # numbers written as text ('12.5') are parsed, never taken as categories
            table = table.assign(**{c: v.numeric_column(table, c, "customer table")})
            col = table[c]
        if pd.api.types.is_bool_dtype(col) or (pd.api.types.is_numeric_dtype(col) and not isinstance(col.dtype, pd.CategoricalDtype)):
            v.numeric_column(pd.DataFrame({c: col.astype(float)}, index=table.index), c, "customer table")
            numeric.append(c)
        else:
            if col.isna().any():
                raise DataError(f"The column {c!r} has missing values; fill them or leave the column out.")
            kinds = pd.unique(pd.Series([("number" if v._is_number(x) else type(x).__name__)
                                         for x in (uniq if uniq is not None else pd.unique(col.astype(object)))], dtype=object))
            if len(kinds) > 1:
                raise DataError(f"The column {c!r} mixes numbers and text ({', '.join(map(str, kinds))}): "
                                "make it all numbers (a measure) or all text (a category).")
            categorical.append(c)
    n_pos = int(y.sum())
    if n_pos < 5 or len(y) - n_pos < 5:
        raise DataError(f"Only {min(n_pos, len(y) - n_pos)} customers are in the smaller class (churned or "
                        "stayed): at least 5 of each are needed to fit and judge a churn model.")
    X = table[features].copy()
    for c in numeric:
        X[c] = X[c].astype(float)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=test_size, random_state=seed, stratify=y)
    pre = ColumnTransformer([("num", StandardScaler(), numeric),
                             ("cat", OneHotEncoder(handle_unknown="ignore", sparse_output=False), categorical)])
    pipe = Pipeline([("prep", pre), ("model", LogisticRegression(max_iter=1000))]).fit(X_tr, y_tr)
    p = pipe.predict_proba(X_te)[:, 1]
    if len(np.unique(y_te)) < 2:
        raise DataError("The holdout has only one class; use more customers or a larger test_size.")
    names = list(pipe.named_steps["prep"].get_feature_names_out())
    names = [n.split("__", 1)[1] for n in names]
    coef = pd.Series(pipe.named_steps["model"].coef_[0], index=names, name="coefficient")
    holdout = pd.DataFrame({"churned": y_te, "probability": p}, index=X_te.index)
    return ChurnModel(float(roc_auc_score(y_te, p)), coef.sort_values(key=np.abs, ascending=False),
                      _gains(y_te.astype(float), p, 10), holdout, float(y_te.mean()), pipe)
