"""The credit-limit and receivables explorer (chapter 10, 授信额度与应收账款分析器).

Pick a customer of the course data, weigh the 5C, move the as-of date and the credit policy: the
explorer shows the customer's 5C score and grade, his credit limit, his receivables and the warning
when they exceed the limit (外欠款预警), his DSO, the ageing of what he owes with the expected bad
debt, and his place in the credit grade x loyalty grid. The analytics are :func:`crmkit.credit.credit_view`.
"""

from __future__ import annotations

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

