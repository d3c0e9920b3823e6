"""The social-style quiz (chapter 06): answer eight questions about a customer, see the bird.

One control per quiz item (1 = the left statement fits the customer, 5 = the right one). Until every
item is answered the widget says which are still open and shows no bird; then it shows the bird,
both axis scores on the map of the four quadrants, the confidence and how to sell to and serve
this customer. The map is drawn once and kept as a background; a change of answer moves the
customer's point and draws only that point on a copy of the background (blitting), which is about
ten times cheaper than drawing the whole chart again.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as W

from .. import i18n, people
from ..plots.people import STYLE_COLOURS, move_style_point, style_map
from .base import CaseWidget


@dataclass(frozen=True)
class QuizView:
    """What the quiz shows: the style (None until every item is answered) and the items still open."""

    result: people.SocialStyle | None
    open_items: tuple = ()


def quiz_view(**answers) -> QuizView:
    """The pure function behind the quiz: the open items, or :func:`crmkit.people.social_style`."""
    open_items = tuple(q.id for q in people.QUIZ if answers.get(q.id) is None)
    if open_items:
        return QuizView(None, open_items)
    return QuizView(people.social_style(answers))


class SocialStyleQuiz(CaseWidget):
    """Eight questions -> the customer's social style (eagle, peacock, owl, dove), the two axis scores on a
    map of the four quadrants, the confidence and the advice for selling and serving.

    ``answers``: optional {item: 1..5} to start from (e.g. a customer observed before); by default every
    item starts unanswered.
    """

    title_key = "people.quiz_title"
    figsize = (4.6, 4.0)
    fig_layout = {"left": 0.15, "right": 0.97, "bottom": 0.12, "top": 0.91}

    def __init__(self, answers: dict | None = None):
        self._initial = dict(answers or {})
        self.ax = None
        self._background = None
        super().__init__()

    def build_controls(self):
        return {
            q.id: W.ToggleButtons(options=[(str(i), i) for i in people.SCALE], value=self._initial.get(q.id),
                                  style={"button_width": "38px"}, layout=W.Layout(width="auto"))
            for q in people.QUIZ
        }

    def compute(self, **values):
        return quiz_view(**values)

    def _draw_map(self):
        """Draw the four quadrants once (without the point) and keep the pixels as the background."""
        self.ax = self.fig.add_subplot()
        style_map(None, ax=self.ax)
        self.canvas.draw()
        self._background = self.canvas.copy_from_bbox(self.fig.bbox)
        self._point = next(c for c in self.ax.collections if c.get_gid() == "social-style-point")

    def paint(self):
        """Restore the background and draw the point on it (the map is drawn only once)."""
        self.canvas.restore_region(self._background)
        if self._point.get_visible():
            self.ax.draw_artist(self._point)

    def render(self, view: QuizView):
        t = i18n.t
        if self.ax is None:
            self._draw_map()
        move_style_point(self.ax, view.result)
        if view.result is None:
            self.summary.value = (f"<div style='font-size:14px;color:{self.colour('warn')}'>"
                                  f"{html.escape(t('people.unanswered', items=', '.join(view.open_items)))}</div>")
            self.table.value = ""
            return
        r, a = view.result, view.result.advice
        colour = STYLE_COLOURS[r.style]
        warn = ""
        if r.uncertain:
            names = ", ".join(t(f"people.{s}.short") for s in r.candidates)
            warn = "<br>" + self.coloured(t("people.low_confidence", candidates=names), "warn", bold=False)
        self.summary.value = (
            f"<div style='font-size:14px;line-height:1.6'>{t('people.style')}: "
            f"<b style='color:{colour};font-size:16px'>{html.escape(t(a.name))}</b><br>"
            f"{t('people.assertiveness')}: <b>{r.assertiveness:+.2f}</b> &nbsp; "
            f"{t('people.responsiveness')}: <b>{r.responsiveness:+.2f}</b><br>"
            f"{t('people.confidence')}: <b>{r.confidence:.0%}</b>{warn}</div>"
        )
        rows = "".join(f"<tr><th style='text-align:left;padding-right:10px;vertical-align:top'>{t(k)}</th>"
                       f"<td style='text-align:left'>{html.escape(t(getattr(a, f)))}</td></tr>"
                       for k, f in (("people.wants", "wants"), ("people.sell", "sell"), ("people.serve", "serve"),
                                    ("people.avoid", "avoid")))
        self.table.value = f"<table style='max-width:900px'>{rows}</table>"

    def layout(self) -> W.Widget:
        items = []
        for q in people.QUIZ:
            label = W.HTML(f"<span style='font-size:12px'><b>{q.id}</b> {html.escape(i18n.t(q.left))} "
                           f"<b>1 ◀ ▶ 5</b> {html.escape(i18n.t(q.right))}</span>", layout=W.Layout(width="420px"))
            items.append(W.VBox([label, self.controls[q.id]], layout=W.Layout(margin="0 0 4px 0")))
        scale = W.HTML(f"<i style='font-size:12px'>{html.escape(i18n.t('people.scale'))}</i>")
        controls = W.VBox([scale] + items, layout=W.Layout(min_width="420px", width="430px"))
        right = W.VBox([self.summary, self.image], layout=W.Layout(min_width="420px"))
        return W.VBox([self.title, W.HBox([controls, right]), self.table])
