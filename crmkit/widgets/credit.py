"""The credit-limit and receivables explorer (chapter 10, 授信额度与应收账款分析器).

Pick a customer of the course data, weigh the 5C, move the as-of date and the credit policy: the
explorer shows the customer's 5C score and grade, his credit limit, his receivables and the warning
when they exceed the limit (外欠款预警), his DSO, the ageing of what he owes with the expected bad
debt, and his place in the credit grade x loyalty grid. The analytics are :func:`crmkit.credit.credit_view`.
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as W
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from .. import _validate as v
from .. import credit, i18n
from ..credit import CreditView, credit_view, receivables_view
from ..errors import DataError
from ..plots import BAD, COLOURS, GOOD
from ..plots.credit import ageing_chart, money_ticks
from .base import CaseWidget

DEFAULT_CUSTOMER = "D155"
POLICY_MAX = 2.0  # the loosest limit policy the slider offers (x the rule)
MONTH_ENDS = [d.strftime("%Y-%m-%d") for d in pd.date_range("2023-01-31", "2024-12-31", freq="ME")]


def _nice(x: float) -> float:
    """The next 'round' number at or above x: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten."""
    p = 10 ** np.floor(np.log10(x))
    return float(next(m * p for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if m * p >= x))


_SEGMENT_KEYS = {"high credit, high loyalty": "credit.high_high", "high credit, low loyalty": "credit.high_low",
                 "low credit, high loyalty": "credit.low_high", "low credit, low loyalty": "credit.low_low"}
_CIRCLED = {1: "①", 2: "②", 3: "③", 4: "④"}


class CreditExplorer(CaseWidget):
    """Customer, 5C weights, as-of date and limit policy -> score, grade, limit, warning, DSO, ageing and
    expected bad debt. ``applicants`` and ``invoices`` default to the course datasets."""

    title_key = "credit.title"
    figsize = (6.2, 3.3)
    fig_layout = {"left": 0.11, "right": 0.98, "bottom": 0.2, "top": 0.88, "wspace": 0.25}

    def __init__(self, applicants: pd.DataFrame | None = None, invoices: pd.DataFrame | None = None,
                 customer: str | None = None):
        from .. import data

        apps = data.load("credit_applicants") if applicants is None else applicants
        what = "applicants table"
        v.table(apps, ["customer_id", *credit.CRITERIA, "annual_credit_sales", "loyalty_score"], what)
        v.ids(apps, "customer_id", what)
        for c in (*credit.CRITERIA, "annual_credit_sales", "loyalty_score"):  # every row, not only the one shown
            v.numeric_column(apps, c, what, allow_negative=False)
        self.applicants = apps.set_index("customer_id", drop=False)
        inv = data.load("invoices") if invoices is None else invoices
        v.table(inv, ["customer_id", "issue_date", "amount"], "invoices table")
        v.ids(inv, "customer_id", "invoices table")
        v.date_column(inv, "issue_date", "invoices table")  # the whole ledger, not only the customer shown
        v.numeric_column(inv, "amount", "invoices table", allow_negative=False)
        self._by_customer = {k: g.reset_index(drop=True) for k, g in inv.groupby("customer_id", sort=True)}
        ids = [c for c in self.applicants.index if c in self._by_customer]
        if not ids:
            raise DataError("No customer of the applicants table has an invoice in the invoices table.")
        if customer is None:
            customer = DEFAULT_CUSTOMER if DEFAULT_CUSTOMER in ids else ids[0]
        self._customer0 = v.choice("customer (an applicant with invoices)", customer, ids)
        self._ids = ids
        self._artists = None
        self._top = 0.0
        self._backgrounds: dict = {}
        self._receivables: dict = {}
        super().__init__()

    def build_controls(self):
        t, style = i18n.t, {"description_width": "170px"}
        width = W.Layout(width="360px")
        controls = {"customer": W.Dropdown(options=self._ids, value=self._customer0, description=t("credit.customer"),
                                           style=style, layout=W.Layout(width="280px"))}
        for c in credit.CRITERIA:
            controls[c] = W.FloatSlider(value=credit.DEFAULT_WEIGHTS[c], min=0, max=1, step=0.05,
                                        description=t("credit.w", name=t(f"credit.{c}")), style=style,
                                        layout=W.Layout(width="360px"))
        # the readout shows the month ("2024-12"): a full date is wider than the readout's minimum width and
        # was cut off beside the long 5C labels; the value stays the month's last day
        controls["asof"] = W.SelectionSlider(options=[(d[:7], d) for d in MONTH_ENDS], value=MONTH_ENDS[-1],
                                             description=t("credit.asof"),
                                             style=style, layout=width)
        controls["limit_scale"] = W.FloatSlider(value=1.0, min=0.5, max=POLICY_MAX, step=0.1,
                                                description=t("credit.limit_scale"), style=style, layout=width)
        return controls

    def compute(self, customer, asof, limit_scale, **weights):
        key = (customer, asof)
        if key not in self._receivables:  # a weight or policy change does not re-age the ledger
            self._receivables[key] = receivables_view(self._by_customer[customer], asof)
        return credit_view(self.applicants.loc[customer], self._by_customer[customer], weights, asof, limit_scale,
                           receivables=self._receivables[key])


    def render(self, r: CreditView):
        t = i18n.t
        w = r.warning
        money = self.money
        if w.warning:
            flag = self.coloured(f"{t('credit.warning')} {money(w.excess, 0)}", "bad")
        else:
            flag = self.coloured(f"{t('credit.ok')} {money(w.headroom, 0)}", "good", bold=False)
        note = t("credit.weights_zero") if r.weights_total == 0 else (
            "" if abs(r.weights_total - 1) < 1e-9 else t("credit.weights_note", total=r.weights_total))
        dso = f"{r.dso:,.1f}" if r.dso is not None else t("credit.no_sales")
        self.summary.value = (
            f"<div style='font-size:14px;line-height:1.6'><b>{r.customer}</b> &nbsp; {t('credit.score')}: "
            f"<b>{r.score:.1f}</b> &rarr; {t('credit.rating')}: <b>{r.rating}</b><br>"
            f"{t('credit.limit')}: <b>{money(r.credit_limit, 0)}</b> &nbsp; {t('credit.receivables')} "
            f"({r.asof.date()}): <b>{money(w.receivables, 0)}</b><br>{flag}<br>"
            f"{t('credit.dso')}: <b>{dso}</b> &nbsp; {t('credit.bad_debt')}: "
            f"<b>{money(r.bad_debt['expected_bad_debt'].sum(), 0)}</b> <small>({t('credit.hatched')})</small><br>"
            f"{t('credit.grid')}: {_CIRCLED[r.cell]} {t(_SEGMENT_KEYS[r.segment])}"
            + (f"<br><small>{note}</small>" if note else "") + "</div>"
        )
        rows = "".join(
            f"<tr><td>{t('credit.' + c)}</td><td>{r.scores[c]:.0f}</td><td>{r.weights[c]:.3f}</td>"
            f"<td>{r.scores[c] * r.weights[c]:.2f}</td></tr>" for c in credit.CRITERIA)
        self.table.value = (f"<table><tr><th>{t('credit.criterion')}</th><th>{t('credit.score_col')}</th>"
                            f"<th>{t('credit.weight')}</th><th>{t('credit.contribution')}</th></tr>{rows}"
                            f"<tr><td><b>{t('credit.score')}</b></td><td></td><td></td><td><b>{r.score:.2f}</b></td>"
                            f"</tr></table>")
        amounts = r.ageing["amount"].to_numpy(dtype=float)
        losses = r.bad_debt["expected_bad_debt"].to_numpy(dtype=float)
        pair = np.array([w.receivables, r.credit_limit])
        if self._artists is None:
            gs = self.fig.add_gridspec(1, 3)
            a1 = self.fig.add_subplot(gs[0, :2])
            a2 = self.fig.add_subplot(gs[0, 2], sharey=a1)
            ageing_chart(r.ageing, r.bad_debt, ax=a1, legend=False)
            a1.set_ylabel("")
            pt = i18n.plot_text  # chart text: English when no CJK font is installed
            a1.set_title(f"{pt('credit.ageing_title')} (¥)", loc="left", fontsize=11, fontweight="bold")
            a2.bar([0, 1], pair, color=[BAD if w.warning else GOOD, COLOURS["grey"]], width=0.6)
            a2.set_xticks([0, 1], [pt("credit.receivables"), pt("credit.limit")], fontsize=8)
            a1.yaxis.set_major_locator(MaxNLocator(4))
            a1.yaxis.set_major_formatter(money_ticks)
            a2.tick_params(labelleft=False)
            a2.grid(True, axis="y", alpha=0.3)
            for side in ("top", "right"):
                a2.spines[side].set_visible(False)
            self._artists = (a1, a2)
        a1, a2 = self._artists
        bars = list(a1.containers[0]) + list(a1.containers[1]) + list(a2.containers[0])
        for bar, h in zip(bars, np.concatenate([amounts, losses, pair])):
            bar.set_height(h)
        bars[-2].set_color(BAD if w.warning else GOOD)
        # One scale for both panels. It changes only when the bars outgrow it or shrink below a third of it;
        # the background of each scale (axes, ticks, labels, without the bars) is drawn once and kept, so
        # a control change only draws the bars on it (blitting).
        need = max(w.receivables, r.credit_limit, 1.0)
        if not self._top or need > self._top / 1.05 or need < self._top / 3:
            self._top = _nice(need * 1.15)
        a1.set_ylim(0, self._top)
        self._bars = bars

    def paint(self):
        """Blit: the background of the current scale, then the bars on it."""
        if self._top not in self._backgrounds:
            for bar in self._bars:
                bar.set_visible(False)
            self.canvas.draw()
            self._backgrounds[self._top] = self.canvas.copy_from_bbox(self.fig.bbox)
            for bar in self._bars:
                bar.set_visible(True)
        else:
            self.canvas.restore_region(self._backgrounds[self._top])
        for bar in self._bars:
            bar.axes.draw_artist(bar)

    def layout(self) -> W.Widget:
        """Controls in a column wide enough for their readouts, the numbers and the chart beside them."""
        controls = W.VBox(list(self.controls.values()), layout=W.Layout(min_width="370px"))
        right = W.VBox([self.summary, self.image])
        return W.VBox([self.title, W.HBox([controls, right]), self.table])



# ============================================================================================
# The credit-policy calculator (信用政策决策): cash discount, credit standard, collection effort
# ============================================================================================

#: The course's current policy on the data: credit to customers scoring at least 50 (grade B or better),
#: ¥1,000 a year of collection work per customer given credit, a variable-cost ratio of 0.8 and a cost of
#: capital of 10 % ([added]: illustrative figures of a distributor).
CURRENT_CUTOFF = 50
COST_PER_CUSTOMER = 1_000.0
VARIABLE_COST_RATIO = 0.8
COST_OF_CAPITAL = 0.10
DECISIONS = ("discount", "standard", "collection")
_PROFIT_LINES = ("margin", "carrying_cost", "bad_debt", "collection_cost", "discount_cost", "net_profit")
_CONTROLS_OF = {"discount": ("discount_rate", "discount_days", "discount_share", "sales_growth"),
                "standard": ("cutoff",), "collection": ("collection_cost", "collection_days", "bad_debt_rate")}


@dataclass(frozen=True)
class PolicyChoice:
    """What the credit-policy calculator shows: the decision, the textbook's table (current, proposed,
    change by line) and the number of customers given credit before and after."""

    decision: str
    table: pd.DataFrame
    customers_now: int
    customers_then: int

    @property
    def incremental_profit(self) -> float:
        return float(self.table.loc["net_profit", "change"])


class CreditPolicyExplorer(CaseWidget):
    """Choose a credit-policy decision and move its figures: the textbook's incremental-profit table on the
    course's credit customers (``credit_applicants``), and a chart of what each line adds to or takes from the
    profit. The analytics are :func:`crmkit.credit.cash_discount`, :func:`~crmkit.credit.standard_policy` with
    :func:`~crmkit.credit.compare_policies`, and :func:`~crmkit.credit.collection_effort`."""

    title_key = "credit.policy_title"
    figsize = (6.2, 3.0)
    fig_layout = {"left": 0.34, "right": 0.97, "bottom": 0.14, "top": 0.88}

    def __init__(self, applicants: pd.DataFrame | None = None):
        from .. import data

        apps = data.load("credit_applicants") if applicants is None else applicants
        self._apps = apps
        self._scores = credit.credit_score(apps)["score"].to_numpy()  # checks the table's 5C columns
        self._base = credit.standard_policy(apps, CURRENT_CUTOFF, cost_per_customer=COST_PER_CUSTOMER)
        self._artists = None
        self._span = 0.0
        self._backgrounds: dict = {}
        super().__init__()

    def build_controls(self):
        t, style = i18n.t, {"description_width": "190px"}
        base = self._base
        pct = {"readout_format": ".1%", "style": style}
        c = {"decision": W.Dropdown(options=[(t(f"credit.decision.{d}"), d) for d in DECISIONS], value="discount",
                                    description=t("credit.decision"), style=style),
             "discount_rate": W.FloatSlider(value=0.02, min=0.0, max=0.05, step=0.005,
                                            description=t("credit.discount_rate"), **pct),
             "discount_days": W.IntSlider(value=10, min=0, max=30, step=1, description=t("credit.discount_days"),
                                          style=style),
             "discount_share": W.FloatSlider(value=0.5, min=0.0, max=1.0, step=0.05,
                                             description=t("credit.discount_share"), **pct),
             "sales_growth": W.FloatSlider(value=0.0, min=0.0, max=0.2, step=0.01, description=t("credit.sales_growth"),
                                           **pct),
             "cutoff": W.IntSlider(value=CURRENT_CUTOFF, min=30, max=80, step=1, description=t("credit.cutoff"),
                                   style=style),
             "collection_cost": W.FloatSlider(value=round(2 * base.collection_cost / 1e6, 2), min=0.0, max=5.0,
                                              step=0.05, description=t("credit.collection_cost"), style=style),
             "collection_days": W.IntSlider(value=int(round(base.collection_days)) - 5, min=10, max=90, step=1,
                                            description=t("credit.collection_days"), style=style),
             "bad_debt_rate": W.FloatSlider(value=round(base.bad_debt_rate / 2, 3), min=0.0, max=0.03, step=0.001,
                                            description=t("credit.bad_debt_rate"),
                                            **{**pct, "readout_format": ".2%"}),
             "variable_cost_ratio": W.FloatSlider(value=VARIABLE_COST_RATIO, min=0.5, max=0.95, step=0.01,
                                                  description=t("credit.vcr"), **pct),
             "cost_of_capital": W.FloatSlider(value=COST_OF_CAPITAL, min=0.0, max=0.2, step=0.01,
                                              description=t("credit.coc"), **pct)}
        return c

    def follow(self, name, value):
        if name == "decision":
            self._show_controls(value)

    def _show_controls(self, decision):
        for d, names in _CONTROLS_OF.items():
            for n in names:
                self.controls[n].layout.display = None if d == decision else "none"

    def compute(self, decision, discount_rate, discount_days, discount_share, sales_growth, cutoff, collection_cost,
                collection_days, bad_debt_rate, variable_cost_ratio, cost_of_capital):
        costs = {"variable_cost_ratio": variable_cost_ratio, "cost_of_capital": cost_of_capital}
        base, now = self._base, int((self._scores >= CURRENT_CUTOFF).sum())
        then = now
        if decision == "discount":
            tab = credit.cash_discount(base, discount_rate=discount_rate, discount_days=discount_days,
                                       discount_share=discount_share, sales_growth=sales_growth, **costs)
        elif decision == "standard":
            new = credit.standard_policy(self._apps, cutoff, cost_per_customer=COST_PER_CUSTOMER)
            tab = credit.compare_policies(base, new, **costs)
            then = int((self._scores >= cutoff).sum())
        else:
            tab = credit.collection_effort(base, collection_cost=collection_cost * 1e6,
                                           collection_days=collection_days, bad_debt_rate=bad_debt_rate, **costs)
        return PolicyChoice(decision, tab, now, then)

    def render(self, r: PolicyChoice):
        t, money = i18n.t, self.money
        if self._artists is None:
            self._show_controls(r.decision)
        base = self._base
        gain = r.incremental_profit
        verdict = self.coloured(t("credit.verdict", gain=money(gain, 0, sign=True),
                                  what=t("credit.adopt") if gain > 0 else t("credit.keep")), "good" if gain > 0 else "bad")
        self.summary.value = (
            f"<div style='font-size:14px;line-height:1.6'>{verdict}<br><small>"
            + t("credit.base", cut=CURRENT_CUTOFF, sales=money(base.sales, 0), days=base.collection_days,
                bad=base.bad_debt_rate, cost=money(base.collection_cost, 0))
            + (f"; {t('credit.customers_given_credit', now=r.customers_now, then=r.customers_then)}"
               if r.decision == "standard" else "") + "</small></div>")
        shown = r.table.map(lambda x: money(x, 0))
        shown["change"] = r.table["change"].map(lambda x: money(x, 0, sign=True))
        heads = {"line": "credit.line", "current": "credit.col.current", "proposed": "credit.col.proposed",
                 "change": "credit.col.change"}
        self.table.value = i18n.table(shown, heads, values="credit.line").to_html(classes="crmkit-table")
        # the chart: what each line of the change adds to (+) or takes from (-) the profit, in ¥ m
        sign = {"margin": 1, "net_profit": 1}
        effect = np.array([sign.get(k, -1) * r.table.loc[k, "change"] for k in _PROFIT_LINES]) / 1e6
        colours = [COLOURS["good"] if x >= 0 else COLOURS["bad"] for x in effect]
        pt = i18n.plot_text
        if self._artists is None:
            ax = self.axes("effect", [0.34, 0.14, 0.63, 0.74])
            y = np.arange(len(_PROFIT_LINES))[::-1]
            bars = ax.barh(y, effect, color=colours, height=0.6)
            bar_keys = {"margin": "credit.bar.margin", "net_profit": "credit.incremental"}  # short: they fit
            ax.set_yticks(y, [pt(bar_keys.get(k, f"credit.line.{k}")) for k in _PROFIT_LINES], fontsize=9)
            ax.axvline(0, color=COLOURS["grey"], linewidth=0.8, zorder=0.6)
            ax.grid(True, axis="x", alpha=0.3)
            ax.set_axisbelow(True)  # the line and the grid under the bars, as blitting draws them
            for side in ("top", "right"):
                ax.spines[side].set_visible(False)
            ax.set_title(pt("credit.effect_title"), loc="left", fontsize=11, fontweight="bold")
            self._artists = (ax, bars)
        ax, bars = self._artists
        for bar, x, col in zip(bars, effect, colours):
            bar.set_width(x)
            bar.set_color(col)
        # one scale until the bars outgrow it or shrink below a third of it; each scale's background (axes,
        # ticks, labels, without the bars) is drawn once and kept, so a change only draws the bars (blitting)
        need = max(float(np.abs(effect).max()), 0.01)
        if not self._span or need > self._span / 1.05 or need < self._span / 3:
            self._span = _nice(need * 1.15)
        ax.set_xlim(-self._span, self._span)

    def paint(self):
        """Blit: the background of the current scale, then the bars on it."""
        ax, bars = self._artists
        if self._span not in self._backgrounds:
            for bar in bars:
                bar.set_visible(False)
            self.canvas.draw()
            self._fix_places()
            self._backgrounds[self._span] = self.canvas.copy_from_bbox(self.fig.bbox)
            for bar in bars:
                bar.set_visible(True)
        else:
            self.canvas.restore_region(self._backgrounds[self._span])
        for bar in bars:
            ax.draw_artist(bar)
