"""The textbook-model selector (chapter 05a): two customers, three textbook CLV models, and the
ranking each model gives -- the choice of model can decide which customer looks better."""

from __future__ import annotations

from dataclasses import dataclass, field

import ipywidgets as W
import pandas as pd

from .. import _validate as v
from .. import clv, i18n
from ..plots.clv_fit import two_customer_chart
from .base import CaseWidget

MODELS = ("one", "two", "three")


@dataclass(frozen=True)
class SelectorView:
    """What the selector shows: both customers' CLV under every model, and who ranks first under the
    chosen one ('A', 'B' or 'tie')."""

    table: pd.DataFrame = field(repr=False)  # rows: model one/two/three; columns: A, B
    model: str = "three"
    first: str = "A"
    flips: bool = False  # do the three models disagree on who ranks first?


def _winner(a: float, b: float) -> str:
    return "tie" if abs(a - b) < 0.005 else ("A" if a > b else "B")


def selector_view(model="three", r=0.08, n=10, a_in=500.0, a_cs=200.0, a_po=0.0, a_co=0.0,
                  b_in=550.0, b_cs=300.0, b_po=0.0, b_co=0.0) -> SelectorView:
    """The pure function behind the selector: models one, two and three (:mod:`crmkit.clv`) for
    customers A and B over ``n`` years at rate ``r``."""
    v.choice("model", model, MODELS)
    rows = {}
    for who, (In, Cs, Po, Co) in {"A": (a_in, a_cs, a_po, a_co), "B": (b_in, b_cs, b_po, b_co)}.items():
        rows[who] = {"one": clv.clv_model_one(In, r, n), "two": clv.clv_model_two(Po, Co, In, r, n),
                     "three": clv.clv_model_three(Po, Co, In, Cs, r, n)}
    table = pd.DataFrame(rows).loc[list(MODELS)]
    winners = {m: _winner(table.loc[m, "A"], table.loc[m, "B"]) for m in MODELS}
    return SelectorView(table, model, winners[model], len(set(winners.values())) > 1)


class CLVModelSelector(CaseWidget):
    """Choose a textbook model and two customers' numbers; see both CLVs under every model and who
    ranks first under the chosen one."""

    title_key = "clv.sel_title"
    figsize = (6, 3.5)
    fig_layout = {"left": 0.14, "right": 0.97, "top": 0.88, "bottom": 0.12}

    def build_controls(self):
        t, style = i18n.t, {"description_width": "210px"}
        money = dict(min=0, max=5000, step=10, style=style)
        return {
            "model": W.Dropdown(options=[(t(f"clv.sel_{m}"), m) for m in MODELS], value="three",
                                description=t("clv.sel_model"), style=style),
            "r": W.FloatSlider(value=0.08, min=0.0, max=0.30, step=0.01, description=t("clv.sel_rate"), style=style),
            "n": W.IntSlider(value=10, min=1, max=30, description=t("clv.sel_years"), style=style),
            "a_in": W.FloatSlider(value=500, description=t("clv.sel_in", who="A"), **money),
            "a_cs": W.FloatSlider(value=200, description=t("clv.sel_cs", who="A"), **money),
            "a_po": W.FloatSlider(value=0, description=t("clv.sel_po", who="A"), **money),
            "a_co": W.FloatSlider(value=0, description=t("clv.sel_co", who="A"), **money),
            "b_in": W.FloatSlider(value=550, description=t("clv.sel_in", who="B"), **money),
            "b_cs": W.FloatSlider(value=300, description=t("clv.sel_cs", who="B"), **money),
            "b_po": W.FloatSlider(value=0, description=t("clv.sel_po", who="B"), **money),
            "b_co": W.FloatSlider(value=0, description=t("clv.sel_co", who="B"), **money),
        }

    def compute(self, **values):
        return selector_view(**values)

    def render(self, view: SelectorView):
        t = i18n.t
        v = view
        name = t(f"clv.sel_{v.model}")
        row = v.table.loc[v.model]
        verdict = t("clv.sel_tie", model=name) if v.first == "tie" else t("clv.sel_first", who=v.first, model=name)
        self.summary.value = (
            f"<div style='font-size:14px;line-height:1.6'>{name}: A <b>{i18n.money(row['A'])}</b>, "
            f"B <b>{i18n.money(row['B'])}</b><br><b>{verdict}</b><br>"
            f"<i>{t('clv.sel_flip') if v.flips else t('clv.sel_same')}</i></div>")
        shown = v.table.rename(index={m: t(f"clv.sel_{m}").replace("：", ":").split(":")[0] for m in MODELS})
        two_customer_chart(shown, ax=self.axes("bars", (0.14, 0.12, 0.83, 0.76)))
