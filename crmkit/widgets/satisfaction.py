"""The satisfaction-index simulator (chapter 07): move expectations, perceived quality and perceived
value, and follow them through the ACSI (or Swedish SCSB) paths fitted on the ``survey`` data to
satisfaction, the propensity to complain and loyalty."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import ipywidgets as W
import numpy as np
import pandas as pd

from .. import _validate as v
from .. import i18n, loyalty
from ..plots.loyalty import acsi_scores_chart, satisfaction_loyalty_chart
from .base import CaseWidget

#: The Swedish model (SCSB, Fornell 1992) as the seed lists it: no perceived value (the original's first
#: variable is "perceived performance", i.e. value for money; the seed writes perceived quality).
SCSB_PATHS = {
    "quality": ["expectations"],
    "satisfaction": ["expectations", "quality"],
    "complaints": ["satisfaction"],
    "loyalty": ["satisfaction", "complaints"],
}
MODELS = {"acsi": loyalty.ACSI_PATHS, "scsb": SCSB_PATHS}
CONSTRUCTS = ("expectations", "quality", "value", "satisfaction", "loyalty")


@dataclass(frozen=True)
class FittedPaths:
    """The structural equations of a model fitted on a survey, with their intercepts."""

    model: str
    paths: pd.DataFrame  # source, target, coefficient (and standard_error), plus one "const" row per target
    means: pd.Series  # the survey's mean score of each construct
    curve: pd.DataFrame  # the survey's mean loyalty score at each satisfaction level (1-10)

    def equation(self, target: str) -> dict:
        rows = self.paths[self.paths["target"] == target]
        return dict(zip(rows["source"], rows["coefficient"].astype(float)))


@lru_cache(maxsize=4)
def fitted_paths(model: str = "acsi") -> FittedPaths:
    """Fit ``model`` ("acsi" or "scsb") on the course's ``survey`` (cached: the widget fits once)."""
    from ..data import load

    model = v.choice("model", model, tuple(MODELS))
    survey = load("survey")
    est = loyalty.satisfaction_index(survey, paths=MODELS[model])
    scores = est.scores
    consts = []
    for target, sources in MODELS[model].items():  # OLS passes through the means: a = mean(y) - b . mean(x)
        b = np.array([est.coefficient(s, target) for s in sources])
        consts.append({"source": "const", "target": target,
                       "coefficient": float(scores[target].mean() - b @ scores[sources].mean().to_numpy()),
                       "standard_error": np.nan})
    paths = pd.concat([est.paths, pd.DataFrame(consts)], ignore_index=True)
    level = scores["satisfaction"].round().clip(1, 10).astype(int)
    curve = scores.groupby(level)["loyalty"].agg(["mean", "size"]).rename(columns={"mean": "loyalty", "size": "n"})
    curve.index.name = "level"
    return FittedPaths(model, paths, scores.mean(), curve)


@dataclass(frozen=True)
class SatisfactionView:
    """What the simulator shows for one setting of the sliders (scores on the 1-10 scale)."""

    model: str
    expectations: float
    quality: float
    value: float  # NaN in the Swedish model, which has no perceived value
    satisfaction: float
    index: float  # satisfaction on 0-100: (score - 1) / 9 x 100
    complaint_probability: float  # the complaints equation (a linear probability), kept within 0-1
    loyalty: float
    quality_effect: float  # total effect of +1 perceived quality on satisfaction (direct + through value)
    fitted: FittedPaths


def _clip(x, lo=1.0, hi=10.0):
    return float(min(max(x, lo), hi))


def satisfaction_view(expectations: float, quality: float, value: float = 7.0,
                      model: str = "acsi") -> SatisfactionView:
    """The pure function behind the widget: satisfaction, complaint propensity and loyalty predicted by
    the fitted structural equations for the given expectations, perceived quality and perceived value."""
    e = v.number("expectations", expectations, low=1, high=10)
    q = v.number("quality", quality, low=1, high=10)
    val = v.number("value", value, low=1, high=10)
    f = fitted_paths(v.choice("model", model, tuple(MODELS)))
    s_eq = f.equation("satisfaction")
    x = {"expectations": e, "quality": q, "value": val}
    sat = _clip(s_eq["const"] + sum(b * x[k] for k, b in s_eq.items() if k != "const"))
    c_eq, l_eq = f.equation("complaints"), f.equation("loyalty")
    p = _clip(c_eq["const"] + c_eq["satisfaction"] * sat, 0.0, 1.0)
    loy = _clip(l_eq["const"] + l_eq["satisfaction"] * sat + l_eq["complaints"] * p)
    q_effect = s_eq["quality"] + (s_eq.get("value", 0.0) * f.equation("value")["quality"] if "value" in s_eq else 0.0)
    return SatisfactionView(f.model, e, q, val if "value" in s_eq else float("nan"), sat, (sat - 1) / 9 * 100, p,
                            loy, float(q_effect), f)


class SatisfactionSimulator(CaseWidget):
    """Move expectations, perceived quality and perceived value; read satisfaction, the satisfaction
    index, complaint propensity and loyalty from the paths fitted on the survey. Drive it from code:
    ``w.controls["quality"].value = 8``."""

    title_key = "loyalty.sim_title"
    figsize = (7.2, 3.3)
    fig_layout = {}  # the two axes are placed by hand in render()

    def build_controls(self):
        style = {"description_width": "170px"}
        m = fitted_paths("acsi").means

        def slider(name, key):
            return W.FloatSlider(value=round(float(m[name]), 1), min=1, max=10, step=0.1,
                                 description=i18n.t(key), style=style)

        return {
            "model": W.Dropdown(options=[(i18n.t("loyalty.sim_acsi"), "acsi"), (i18n.t("loyalty.sim_scsb"), "scsb")],
                                value="acsi", description=i18n.t("loyalty.sim_model"), style=style),
            "expectations": slider("expectations", "loyalty.sim_expectations"),
            "quality": slider("quality", "loyalty.sim_quality"),
            "value": slider("value", "loyalty.sim_value"),
        }

    def compute(self, model, expectations, quality, value):
        self.controls["value"].disabled = model == "scsb"
        return satisfaction_view(expectations, quality, value, model)

    def render(self, r: SatisfactionView):
        t = i18n.t
        avg = r.fitted.means
        self.summary.value = (
            f"<div style='font-size:14px;line-height:1.6'>"
            f"{t('loyalty.sim_satisfaction')}: <b>{r.satisfaction:.2f}</b> / 10 &nbsp; "
            f"{t('loyalty.sim_index')}: <b>{r.index:.1f}</b> / 100 "
            f"({t('loyalty.sim_survey')}: {(avg['satisfaction'] - 1) / 9 * 100:.1f})<br>"
            f"{t('loyalty.sim_complaint')}: <b>{r.complaint_probability:.1%}</b> "
            f"({t('loyalty.sim_survey')}: {avg['complaints']:.1%})<br>"
            f"{t('loyalty.sim_loyalty')}: <b>{r.loyalty:.2f}</b> / 10 "
            f"({t('loyalty.sim_survey')}: {avg['loyalty']:.2f})<br>"
            f"{t('loyalty.sim_quality_effect')}: <b>{r.quality_effect:+.2f}</b></div>"
        )
        acsi_scores_chart(r, ax=self.axes("scores", (0.09, 0.16, 0.36, 0.72)))
        satisfaction_loyalty_chart(r, ax=self.axes("curve", (0.6, 0.16, 0.37, 0.72)))
