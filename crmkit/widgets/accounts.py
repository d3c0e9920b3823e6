"""The key-account scorecard and power map (chapter 11): move the criterion weights and watch ranks
and kinds change; pick an account to see its power map, its relationship level and the next step
of its PDCA plan."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import ipywidgets as W
import numpy as np
import pandas as pd
from matplotlib.transforms import blended_transform_factory

from .. import _validate as v
from .. import accounts, i18n
from ..data import load
from ..errors import ParameterError
from ..plots.accounts import power_map_chart, power_map_handles, scorecard_bars, scorecard_chart, scorecard_handles
from .base import CaseWidget

TOP = 10  # accounts shown in the bar chart (the table shows all)
_cache: dict = {}


def _data():
    if "ka" not in _cache:
        ka = load("key_accounts")
        ct = load("account_contacts")
        _cache["ka"] = ka
        _cache["ct"] = ct
        _cache["levels"] = accounts.relationship_levels(ka)
        _cache["wallet"] = accounts.wallet_table(ka)
        _cache["gaps"] = accounts.power_map_gaps(ct, account="account_id")
        _cache["coverage"] = accounts.broad_coverage(ct, account="account_id")
        _cache["plan"] = accounts.annual_plan(ka)  # each account's behaviour calendar, counted
        for a, people in ct.groupby("account_id", sort=False):  # every power map, laid out once
            _cache[("pm", a)] = accounts.power_map(people, title="title", hidden="hidden")
    return _cache


def _power_map(account: str) -> pd.DataFrame:
    key = ("pm", account)
    if key not in _cache:
        ct = _data()["ct"]
        _cache[key] = accounts.power_map(ct[ct["account_id"] == account], title="title", hidden="hidden")
    return _cache[key]


@dataclass(frozen=True)
class ScorecardView:
    """What the widget shows: the normalised weights (None when all are 0), the scorecard, and the
    chosen account's level, PDCA step, power map and gaps."""

    weights: pd.Series | None
    card: pd.DataFrame = field(repr=False)
    account: str = ""
    level: accounts.RelationshipLevel | None = None
    step: accounts.PdcaStep | None = None
    power_map: pd.DataFrame = field(default=None, repr=False)
    gaps: pd.DataFrame = field(default=None, repr=False)
    share_of_wallet: float = 0.0
    behaviours: int = 0  # key business behaviours on the account's calendar this year (关键业务行为日历)
    covered: int = 0  # contacts with a relationship of 2 or more (普遍客户关系)
    contacts: int = 0


def scorecard_view(account: str = "KA22", **raw_weights) -> ScorecardView:
    """The pure function behind the widget: raw slider weights (any non-negative numbers, rescaled
    to sum to 1), the scorecard of the ``key_accounts`` dataset, and one account's details."""
    d = _data()
    unknown = sorted(set(raw_weights) - set(accounts.DEFAULT_WEIGHTS))
    if unknown:
        raise ParameterError(f"unknown criteria {unknown}; the criteria are {list(accounts.DEFAULT_WEIGHTS)}.")
    account = v.choice("account", account, list(d["levels"].index))
    raw = {c: v.number(c, raw_weights.get(c, w), low=0) for c, w in accounts.DEFAULT_WEIGHTS.items()}
    total = sum(raw.values())
    w = pd.Series({c: x / total for c, x in raw.items()}) if total > 0 else None
    key = ("card", tuple(raw.values()))
    if key not in _cache:  # the last scorecard is kept: picking an account does not recompute it
        for old in [k for k in _cache if k[0] == "card"]:
            del _cache[old]
        _cache[key] = accounts.scorecard(d["ka"], w) if w is not None else None
    card = _cache[key]
    row = d["levels"].loc[account]
    level = accounts.relationship_level(row[list(accounts.SHEET_POINTS)])
    step = accounts.pdca_plan(level.level, weakest=level.weakest)
    gaps = d["gaps"][d["gaps"]["account_id"] == account]
    cov = d["coverage"]
    covered, people = (int(cov.loc[account, "covered"]), int(cov.loc[account, "contacts"])) if account in cov.index \
        else (0, 0)
    return ScorecardView(w, card, account, level, step, _power_map(account), gaps,
                         float(d["wallet"].loc[account, "share_of_wallet"]),
                         int(d["plan"].loc[account, "behaviours"]), covered, people)


class KeyAccountScorecard(CaseWidget):
    """Criterion weights (rescaled to sum to 1) -> scores, ranks and kinds of the 30 key accounts;
    an account -> its power map, gaps, relationship level and next PDCA step.
    Drive it from code: ``w.controls["purchase_volume"].value = 0.5``, ``w.controls["account"].value = "KA16"``."""

    title_key = "accounts.title"
    figsize = (6.8, 3.6)
    fig_layout = {}

    def build_controls(self):
        t, style = i18n.t, {"description_width": "150px"}
        ka = _data()["ka"]
        c = {k: W.FloatSlider(value=w, min=0.0, max=1.0, step=0.05, description=t(f"accounts.crit.{k}"),
                              style=style, layout=W.Layout(width="330px"))
             for k, w in accounts.DEFAULT_WEIGHTS.items()}
        gapped = set(_data()["gaps"]["account_id"])  # open on the best account whose power map has a gap
        first = next(a for a in accounts.scorecard(ka).index if a in gapped)
        c["account"] = W.Dropdown(options=[(f"{a} {n}", a) for a, n in zip(ka["account_id"], ka["name"])],
                                  value=first, description=t("accounts.account"), style=style,
                                  layout=W.Layout(width="330px"))
        return c

    def layout(self):
        note = W.HTML(f"<small>{html.escape(i18n.t('accounts.weights_note'))}</small>")
        controls = W.VBox([note, *self.controls.values()], layout=W.Layout(min_width="340px"))
        right = W.VBox([self.image])
        return W.VBox([self.title, W.HBox([controls, right]), self.summary, self.table])

    def compute(self, **v):
        return scorecard_view(**v)

    # -- drawing: one figure, artists updated in place -----------------------------------
    # The bars and their account labels are "animated" artists: a full draw (first time, or a new
    # account's power map) paints everything else once and keeps it as a background; a weight
    # change restores that background and paints only the bars and labels (blitting).
    def render(self, r: ScorecardView):
        if not self.fig.axes:
            self._build(r.card if r.card is not None else accounts.scorecard(_data()["ka"]))
        if r.card is not None:
            self._move_bars(r.card)
        self._new_map = getattr(self, "_map_of", None) != r.account
        if self._new_map:
            m = self._ax_map
            for a in [*m.collections, *m.lines, *m.texts]:
                a.remove()
            power_map_chart(r.power_map, ax=self._ax_map, show_legend=False)
            m.set_title(m.get_title(loc="left"), loc="left", fontsize=9, fontweight="bold")
            self._ax_map.set_animated(True)
            self._map_of = r.account
        self._texts(r)

    def _build(self, card):
        ax = self._ax_bars = self.fig.add_axes((0.13, 0.30, 0.36, 0.62))
        self._ax_map = self.fig.add_axes((0.52, 0.13, 0.47, 0.79))
        scorecard_chart(card, top=TOP, ax=ax, legend=False)
        self._bars = ax.collections[0]
        ax.set_yticks([])
        ax.tick_params(axis="x", labelsize=7)
        ax.set_title(ax.get_title(loc="left"), loc="left", fontsize=9, fontweight="bold")
        kw = dict(frameon=False, fontsize=6.5, handlelength=1.0, columnspacing=0.8, borderaxespad=0.2)
        self.fig.legend(handles=scorecard_handles(card), loc="lower left", bbox_to_anchor=(0.0, 0.0), ncol=2, **kw)
        self.fig.legend(handles=power_map_handles(), loc="lower right", bbox_to_anchor=(0.99, 0.0), ncol=2, **kw)
        trans = blended_transform_factory(ax.transAxes, ax.transData)
        self._labels = [ax.text(-0.03, yi, "", transform=trans, ha="right", va="center", fontsize=7)
                        for yi in np.arange(TOP)[::-1]]
        self._animated = [self._bars, *self._labels]
        for a in self._animated:
            a.set_animated(True)
        self._ax_map.set_animated(True)
        self._base = None

    def _move_bars(self, card):
        shown = card.head(TOP)
        self._bars.set_verts(scorecard_bars(card, TOP)[0])
        for lab, rank, a in zip(self._labels, shown["rank"], shown.index):
            lab.set_text(f"{rank}. {a}")

    def paint(self):
        """Paint by layers: the static frame (drawn once), the power map (when the account
        changes), the bars and their labels (every time)."""
        canvas, new_map = self.canvas, self._new_map
        if self._base is None:
            canvas.draw()  # animated artists (bars, labels, the map) are skipped
            self._base = canvas.copy_from_bbox(self.fig.bbox)
            new_map = True
        if new_map:
            canvas.restore_region(self._base)
            self.fig.draw_artist(self._ax_map)
            self._with_map = canvas.copy_from_bbox(self.fig.bbox)
        else:
            canvas.restore_region(self._with_map)
        for a in self._animated:
            self.fig.draw_artist(a)

    def _texts(self, r: ScorecardView):
        t = i18n.t
        if r.card is None:
            self.summary.value = f"<div>{self.coloured(t('accounts.all_zero'), 'bad', bold=False)}</div>"
            return
        card, lv, st = r.card, r.level, r.step
        words = i18n.describe(st)
        me = card.loc[r.account]
        wtext = ", ".join(f"{html.escape(t(f'accounts.crit.{c}'))} {x:.2f}" for c, x in r.weights.items())
        if r.gaps is not None and len(r.gaps):
            gaps = "; ".join(html.escape(t(f"accounts.gap.{g}") + (f": {n}" if n else f" ({t('accounts.role.' + ro)})"))
                             for g, n, ro in zip(r.gaps["gap"], r.gaps["contact"], r.gaps["role"]))
        else:
            gaps = html.escape(t("accounts.no_gaps"))
        gap_colour = self.colour("bad" if r.gaps is not None and len(r.gaps) else "good")
        to_next = ("" if lv.points_to_next == 0 else " — " + html.escape(
            t("accounts.points_to_next", points=lv.points_to_next, level=t(f"accounts.level.{lv.next_level}"))))
        self.summary.value = (
            "<div style='font-size:13px;line-height:1.55'>"
            f"<small>{wtext}</small><br>"
            f"{t('accounts.top')}: <b>{html.escape(str(card.index[0]))}</b> ({card['score'].iloc[0]:.2f}) &nbsp;|&nbsp; "
            f"<b>{html.escape(r.account)}</b>: {t('accounts.rank')} <b>{int(me['rank'])}</b>, {t('accounts.score')} "
            f"<b>{me['score']:.2f}</b>, {t('accounts.kind')} <b>{html.escape(t('accounts.kind.' + me['segment']))}</b>, "
            f"{t('accounts.sow')} <b>{r.share_of_wallet:.0%}</b><br>"
            f"{t('accounts.level')}: <b>{html.escape(t('accounts.level.' + lv.level))}</b> "
            f"({lv.score:g}/20){to_next}<br>"
            f"{t('accounts.gaps')}: <b style='color:{gap_colour}'>{gaps}</b><br>"
            f"<b>{t('accounts.pdca.title')}</b>: P: {html.escape(words['plan'])} D: {html.escape(words['do'])} "
            f"C: {html.escape(words['check'])} A: {html.escape(words['act'])}<br>"
            f"{html.escape(t('accounts.calendar_readout', n=r.behaviours))} &nbsp;|&nbsp; "
            f"{html.escape(t('accounts.coverage_readout', covered=r.covered, contacts=r.contacts))}</div>"
        )
        levels = _data()["levels"]
        tab = pd.DataFrame({
            t("accounts.rank"): card["rank"],
            t("accounts.score"): card["score"].round(2),
            t("accounts.kind"): [t(f"accounts.kind.{s}") for s in card["segment"]],
            t("accounts.level"): [t(f"accounts.level.{lv}") for lv in levels.loc[card.index, "level"]],
            t("accounts.sow"): _data()["wallet"].loc[card.index, "share_of_wallet"].map("{:.0%}".format),
        })
        tab.index.name = t("accounts.account")
        self.table.value = ("<div style='max-height:260px;overflow-y:auto;font-size:12px'>"
                            + tab.to_html(classes="crmkit-table") + "</div>")
