"""crmkit.crm (and data.connect) in the bad-input harness: dates, day counts, options and the
Erlang C numbers. Connections that cannot work are tried in tests/test_crm.py."""

from __future__ import annotations

from crmkit import crm, data
from tests.crm_handmade import ASOF, build

from .harness import declared


def _db(**kw):
    return lambda: {"con": build(), "asof": ASOF, **kw}


DAYS = dict(numbers=("days",), nonnegative=("days",), huge=("days",), dates=("asof",))

TARGETS = [
    declared("crm.new_database", crm.new_database, lambda: {}),
    declared("crm.stage_conversion", crm.stage_conversion, _db(), dates=("asof",), nan_ok=True),
    declared("crm.stage_durations", crm.stage_durations, _db(), dates=("asof",), nan_ok=True),
    declared("crm.pipeline_forecast", crm.pipeline_forecast, _db(horizon_days=90), dates=("asof",),
             numbers=("horizon_days",), nonnegative=("horizon_days",), huge=("horizon_days",)),
    declared("crm.win_rates", crm.win_rates, _db(by="source"), dates=("asof",), options=("by",)),
    declared("crm.stale_opportunities", crm.stale_opportunities, _db(days=30), **DAYS),
    declared("crm.progress_warnings", crm.progress_warnings, _db(multiple=2.0, limits={"proposal": 20}),
             dates=("asof",), bad=(("unknown_stage", "limits", {"won": 3}), ("negative", "limits", {"proposal": -1}),
                                   ("text", "limits", {"proposal": "20"}), ("not_mapping", "limits", [20]))),
    declared("crm.silent_staff", crm.silent_staff, _db(days=14), **DAYS),
    declared("crm.unfollowed_leads", crm.unfollowed_leads, _db(days=7), **DAYS),
    declared("crm.login_rates", crm.login_rates, _db(days=28), **DAYS),
    declared("crm.erlang_c", crm.erlang_c,
             lambda: {"calls_per_hour": 200, "handling_time_s": 180, "agents": 14, "target_s": 20},
             numbers=("calls_per_hour", "handling_time_s", "agents", "target_s"),
             nonnegative=("calls_per_hour", "handling_time_s", "agents", "target_s"),
             huge=("calls_per_hour", "handling_time_s", "agents", "target_s")),
    declared("crm.agents_needed", crm.agents_needed,
             lambda: {"calls_per_hour": 200, "handling_time_s": 180, "service_level": 0.8, "target_s": 20},
             numbers=("calls_per_hour", "handling_time_s", "service_level", "target_s"),
             nonnegative=("calls_per_hour", "handling_time_s", "service_level", "target_s"),
             huge=("calls_per_hour", "handling_time_s", "target_s")),
    declared("crm.service_level_curve", crm.service_level_curve,
             lambda: {"calls_per_hour": 200, "handling_time_s": 180, "target_s": 20, "extra_agents": 30},
             numbers=("calls_per_hour", "handling_time_s", "target_s", "extra_agents"),
             nonnegative=("calls_per_hour", "handling_time_s", "target_s", "extra_agents"),
             huge=("calls_per_hour", "handling_time_s", "target_s", "extra_agents")),
    declared("data.connect", data.connect, lambda: {"name": "crm"}, options=("name",)),
    declared("data.database_path", data.database_path, lambda: {"name": "crm"}, options=("name",)),
]
