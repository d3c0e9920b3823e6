"""The service-centre staffing widget (chapter 12): calls, handling time, agents and the 80/20
goal -> service level, waiting time and the agents needed (Erlang C)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import ipywidgets as W
import pandas as pd

from .. import _validate as v
from .. import crm, i18n
from ..errors import ParameterError
from ..plots import BAD, GOOD, NEUTRAL, PALETTE, style
from .base import CaseWidget


@dataclass(frozen=True)
class CentreView:
    """What the widget shows: the centre with the chosen agents (None when unstable), the agents
    the goal needs, and the service-level curve around them."""

    result: crm.ErlangC | None
    needed: int
    traffic: float
    goal: float
    message: str = ""
    curve: pd.DataFrame = field(default=None, repr=False)


def centre_view(calls_per_hour=300, handling_time_s=240, agents=22, target_s=20, goal=0.8) -> CentreView:
    """The pure function behind the widget."""
    agents = v.integer("agents", agents, low=1, high=v.MAX_SIMULATED)
    needed = crm.agents_needed(calls_per_hour, handling_time_s, service_level=goal, target_s=target_s)
    try:
        result, message = crm.erlang_c(calls_per_hour, handling_time_s, agents, target_s), ""
    except ParameterError as exc:
        result, message = None, str(exc)
    traffic = calls_per_hour * handling_time_s / 3600.0
    extra = max(needed + 8, agents + 3) - (math.floor(traffic) + 1)
    curve = crm.service_level_curve(calls_per_hour, handling_time_s, target_s=target_s, extra_agents=extra)
    return CentreView(result, needed, traffic, goal, message, curve)


class ServiceCentre(CaseWidget):
    """Erlang C at the automatic call distributor (ACD, 排队机): move the calls, the handling time
    and the agents; read the service level, the waiting time and the agents the goal needs."""

    title_key = "crm.centre_title"
    figsize = (6, 3.4)
    fig_layout = {"left": 0.12, "right": 0.97, "top": 0.88, "bottom": 0.16}

    def build_controls(self):
        t, style_ = i18n.t, {"description_width": "170px"}
        return {
            "calls_per_hour": W.IntSlider(value=300, min=10, max=3000, step=10, description=t("crm.calls"), style=style_),
            "handling_time_s": W.IntSlider(value=240, min=30, max=900, step=10, description=t("crm.handling"),
                                           style=style_),
            "agents": W.IntSlider(value=22, min=1, max=800, description=t("crm.agents"), style=style_),
            "target_s": W.IntSlider(value=20, min=5, max=120, step=5, description=t("crm.target"), style=style_),
            "goal": W.FloatSlider(value=0.8, min=0.5, max=0.99, step=0.01, description=t("crm.goal"), style=style_,
                                  readout_format=".0%"),
        }

    def compute(self, **v):
        return centre_view(**v)

    def _chart_axes(self):
        if not self.fig.axes:
            self._background, self._limits = None, None
            ax = self.fig.add_subplot()
            self._line, = ax.plot([], [], color=PALETTE[0], lw=2, marker="o", ms=3, animated=True)
            self._goal = ax.axhline(0.8, color=NEUTRAL, ls="--", lw=1, label=i18n.plot_text("crm.goal_line"),
                                    animated=True)
            self._needed = ax.axvline(0, color=GOOD, ls=":", lw=1.5, label=i18n.plot_text("crm.needed"), animated=True)
            self._point, = ax.plot([], [], "o", ms=9, color=GOOD, label=i18n.plot_text("crm.chosen"), animated=True)
            ax.set_ylim(0, 1.02)
            ax.yaxis.set_major_formatter(lambda val, _: f"{val:.0%}")
            ax.legend(frameon=False, fontsize=8, loc="lower right")
            style(ax, i18n.plot_text("crm.curve_title"), i18n.plot_text("crm.agents_axis"), i18n.plot_text("crm.sl_axis"))
        return self.fig.axes[0]


    def render(self, v: CentreView):
        t = i18n.t
        r = v.result
        head = (f"{t('crm.traffic')}: <b>{v.traffic:,.2f} {t('crm.erlangs')}</b> &nbsp; "
                f"{t('crm.needed')}: <b>{v.needed:,}</b>")
        if r is None:
            body = f"<b style='color:{BAD}'>{t('crm.unstable')}</b>"
        else:
            colour = GOOD if r.service_level >= v.goal else BAD
            body = (f"{t('crm.service_level')}: <b style='color:{colour}'>{r.service_level:.1%}</b> "
                    f"{t('crm.answered_within', t=r.target_s)}<br>"
                    f"{t('crm.p_wait')}: <b>{r.p_wait:.1%}</b> &nbsp; {t('crm.asa')}: <b>{r.asa_s:,.1f} s</b> &nbsp; "
                    f"{t('crm.occupancy')}: <b>{r.occupancy:.1%}</b>")
        self.summary.value = f"<div style='font-size:14px;line-height:1.6'>{head}<br>{body}</div>"
        ax = self._chart_axes()
        c = v.curve
        self._line.set_data(c.index.to_numpy(), c["service_level"].to_numpy())
        self._goal.set_ydata([v.goal, v.goal])
        self._needed.set_xdata([v.needed, v.needed])
        if r is None:
            self._point.set_data([], [])
        else:
            self._point.set_data([r.agents], [r.service_level])
            self._point.set_color(GOOD if r.service_level >= v.goal else BAD)
        # x limits on a coarse grid, so that most changes keep the axes and only redraw the curves
        lo = min(c.index[0], self.controls["agents"].value)
        hi = c.index[-1]
        old = self._limits
        if old is not None and old[0] <= lo - 0.5 and hi + 0.5 <= old[1] and (hi - lo) >= 0.4 * (old[1] - old[0]):
            return  # the curve still fills the axes: keep them (hysteresis, so a slider drag rarely redraws all)
        step = 10 ** max(0, math.floor(math.log10(max(hi - lo, 1)))) / 2
        limits = (math.floor(lo / step) * step - 0.5, math.ceil((hi + 1) / step) * step + 0.5)
        if limits != old:
            ax.set_xlim(*limits)
            self._limits, self._background = limits, None

    def paint(self):
        """Blit: the axes, ticks and legend are drawn once per x range; a change redraws only the
        curve, the goal, the needed-agents line and the point."""
        canvas = self.canvas
        if self._background is None:
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.fig.bbox)
        else:
            canvas.restore_region(self._background)
        ax = self.fig.axes[0]
        for artist in (self._goal, self._needed, self._line, self._point):
            ax.draw_artist(artist)
