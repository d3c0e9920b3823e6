"""crmkit.crm on a hand-made database (tests/crm_handmade.py) and Erlang C against hand computation
and a published worked example. Every expected number below is worked out by hand in the comments."""

from __future__ import annotations

import math
import sqlite3

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from crmkit import crm
from crmkit.errors import CrmkitError, DataError, ParameterError
from tests.crm_handmade import ASOF, build


@pytest.fixture()
def con():
    c = build()
    yield c
    c.close()


# --- pipeline --------------------------------------------------------------------------------

def test_stage_conversion_by_hand(con):
    out = crm.stage_conversion(con, ASOF)
    # furthest non-lost stage on 03-31: O1 won(5), O2 qualification(2), O3 proposal(3; won only on 04-20),
    # O4 prospecting(1), O5 qualification(2), O6 negotiation(4)
    assert out.index.tolist() == ["prospecting", "qualification", "proposal", "negotiation"]
    assert out["reached"].tolist() == [6, 5, 3, 2]
    assert out["still_open"].tolist() == [1, 1, 1, 0]        # O4, O5, O3 sit there
    assert out["advanced"].tolist() == [5, 3, 2, 1]          # the last one: O1 won
    # of those that left: 5/(6-1), 3/(5-1), 2/(3-1), 1/(2-0)
    assert out["conversion"].tolist() == pytest.approx([1.0, 0.75, 1.0, 0.5])
    assert out["share_of_first"].tolist() == pytest.approx([1, 5 / 6, 3 / 6, 2 / 6])


def test_stage_conversion_ignores_what_happens_after_asof(con):
    later = crm.stage_conversion(con, "2024-04-30")           # O3 won on 04-20
    assert later.loc["proposal", "still_open"] == 0
    # O3 jumped from proposal to won: a later stage counts as having reached the skipped one
    assert later.loc["negotiation", "reached"] == 3           # O1, O6, O3
    assert later.loc["proposal", "advanced"] == 3
    assert later.loc["negotiation", "conversion"] == pytest.approx(2 / 3)  # O1 and O3 won, O6 lost


def test_stage_durations_by_hand(con):
    out = crm.stage_durations(con, ASOF)
    # prospecting stays: O1 10, O2 17, O3 10, O5 5 (02-25 -> 03-01 in a leap year), O6 4; O4 still there, 86 days
    assert out.loc["prospecting", "stays"] == 5
    assert out.loc["prospecting", "mean_days"] == pytest.approx(46 / 5)
    assert out.loc["prospecting", "median_days"] == 10
    assert (out.loc["prospecting", "open_now"], out.loc["prospecting", "open_mean_days"]) == (1, 86)
    # qualification: O1 21, O2 19 (to lost), O3 15, O6 5; O5 still there since 03-01: 30 days
    assert out.loc["qualification", "stays"] == 4
    assert out.loc["qualification", "mean_days"] == pytest.approx(15)
    assert out.loc["qualification", "median_days"] == pytest.approx(17)
    assert out.loc["qualification", "open_mean_days"] == 30
    # proposal: O1 15, O6 5; O3 open 30 days. negotiation: O1 14, O6 5; none open
    assert out.loc["proposal", ["stays", "mean_days", "open_now"]].tolist() == [2, 10, 1]
    assert out.loc["negotiation", ["stays", "mean_days", "median_days", "open_now"]].tolist() == [2, 9.5, 9.5, 0]
    assert np.isnan(out.loc["negotiation", "open_mean_days"])


def test_weighted_pipeline_forecast_by_hand(con):
    f = crm.pipeline_forecast(con, ASOF, horizon_days=90)
    # open on 03-31: O3 proposal 9000 x 0.5 + O4 prospecting 1000 x 0.1 + O5 qualification 3000 x 0.25
    assert f.open_opportunities == 3
    assert f.pipeline == 13000
    assert f.weighted == pytest.approx(4500 + 100 + 750)
    assert (f.actual, f.won_opportunities) == (9000, 1)       # O3's order on 04-20
    assert f.error == pytest.approx(9000 - 5350)
    assert f.complete is False                                 # the database ends on 04-20, before 06-29
    short = crm.pipeline_forecast(con, ASOF, horizon_days=15)  # to 04-15: the order is not in it
    assert (short.actual, short.complete) == (0, True)


def test_win_rates_by_hand(con):
    out = crm.win_rates(con, ASOF)                            # closed by 03-31: O1 won, O2 lost, O6 lost
    assert out.index.tolist() == ["referral", "store"]
    assert out.loc["referral"].tolist() == [2, 1, 0.5, 5500]
    assert out.loc["store"].tolist() == [1, 0, 0.0, 0]
    by_owner = crm.win_rates(con, ASOF, by="owner_id")
    assert by_owner["win_rate"].to_dict() == {"S1": 0.5, "S2": 0.0}


# --- company rules ---------------------------------------------------------------------------

def test_stale_opportunities_by_hand(con):
    out = crm.stale_opportunities(con, ASOF)
    # O4: last update 01-20 (the 04-10 action is after as-of) -> 71 days; O5: stage change 03-01 -> 30 days,
    # exactly a month: nothing in (03-01, 03-31], flagged; O3: general action 03-05 -> 26 days, fine
    assert out["opportunity_id"].tolist() == ["O4", "O5"]
    assert out["days_since"].tolist() == [71, 30]
    assert out["last_update"].tolist() == [pd.Timestamp("2024-01-20"), pd.Timestamp("2024-03-01")]
    assert crm.stale_opportunities(con, ASOF, days=31)["opportunity_id"].tolist() == ["O4"]


def test_progress_warnings_by_hand(con):
    # open on as-of: O4 in prospecting 86 days (median stay 10 -> limit 20), O5 in qualification 30 days
    # (median 17 -> 34: fine), O3 in proposal 30 days (median of 15 and 5 = 10 -> 20)
    out = crm.progress_warnings(con, ASOF)
    assert out["opportunity_id"].tolist() == ["O4", "O3"]
    assert out["days_in_stage"].tolist() == [86, 30]
    assert out["limit_days"].tolist() == [20, 20]
    assert out["overdue_days"].tolist() == [66, 10]
    # three times the median: O3 sits exactly at its limit, which is not beyond it
    assert crm.progress_warnings(con, ASOF, multiple=3)["opportunity_id"].tolist() == ["O4"]
    # a stage's own limit replaces the default for that stage only
    own = crm.progress_warnings(con, ASOF, limits={"qualification": 25})
    assert own.set_index("opportunity_id")["overdue_days"].to_dict() == {"O4": 66, "O3": 10, "O5": 5}
    with pytest.raises(ParameterError, match="not open stages"):
        crm.progress_warnings(con, ASOF, limits={"won": 5})


def test_silent_staff_by_hand(con):
    out = crm.silent_staff(con, ASOF)
    # S5 hired 2023-06-01, never logged in: 304 days; S2 last login 03-17: 14 days (two full weeks, flagged);
    # S6 13 days, S3 hired 6 days ago, S1 2 days: fine; S4 has left
    assert out["staff_id"].tolist() == ["S5", "S2"]
    assert out["days_silent"].tolist() == [304, 14]
    assert out["last_login"].isna().tolist() == [True, False]


def test_unfollowed_leads_by_hand(con):
    out = crm.unfollowed_leads(con, ASOF)
    # L6 (02-15, 45 days), L7 (03-01, 30 days; its call on 04-05 is later), L4 (03-20, 11 days); L5 is 3 days old
    assert out["lead_id"].tolist() == ["L6", "L7", "L4"]
    assert out["days_open"].tolist() == [45, 30, 11]
    assert crm.unfollowed_leads(con, ASOF, days=0)["lead_id"].tolist() == ["L6", "L7", "L4", "L5"]


def test_login_rates_by_hand(con):
    out = crm.login_rates(con, ASOF)
    # 03-04 .. 03-31 holds 20 working days; S1 logged in on Thu 28 and Fri 29 (twice; Sat 30 does not count),
    # S6 on Mon 18, S2 only on Sunday 17, S5 never; S3 was hired inside the window and is not judged yet
    assert out["staff_id"].tolist() == ["S2", "S5", "S6", "S1"]
    assert out["working_days"].unique().tolist() == [20]
    assert out["days_logged_in"].tolist() == [0, 0, 1, 2]
    assert out["rate"].tolist() == pytest.approx([0, 0, 0.05, 0.10])


def test_connections_that_cannot_work_are_refused_with_a_message(con):
    with pytest.raises(DataError, match="connection"):
        crm.stage_conversion("crm.sqlite", ASOF)
    empty = sqlite3.connect(":memory:")
    with pytest.raises(DataError, match="no table"):
        crm.silent_staff(empty, ASOF)
    closed = build()
    closed.close()
    with pytest.raises(DataError, match="closed"):
        crm.win_rates(closed, ASOF)
    with pytest.raises(ParameterError, match="by must be one of"):
        crm.win_rates(con, ASOF, by="region")


def test_new_database_enforces_keys_and_constraints(con):
    with pytest.raises(sqlite3.IntegrityError):                # no such account
        con.execute("INSERT INTO leads VALUES ('L9', 'A9', 'app', 'S1', '2024-03-01', 'open')")
    with pytest.raises(sqlite3.IntegrityError):                # not a date
        con.execute("INSERT INTO leads VALUES ('L9', 'A1', 'app', 'S1', '2024-13-01', 'open')")
    with pytest.raises(sqlite3.IntegrityError):                # negative amount
        con.execute("INSERT INTO stage_history VALUES ('O4', 'won', '2024-03-02', -5)")
    with pytest.raises(sqlite3.IntegrityError):                # unknown stage
        con.execute("INSERT INTO stage_history VALUES ('O4', 'signed', '2024-03-02', 5)")
    with pytest.raises(sqlite3.IntegrityError):                # closed before opened
        con.execute("INSERT INTO tickets VALUES ('T2', 'A1', NULL, 'S3', 'enquiry', 'email', "
                    "'2024-03-26 10:00:00', '2024-03-25 10:00:00', NULL)")
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []


# --- Erlang C ------------------------------------------------------------------------------

def test_erlang_c_by_hand():
    # 60 calls an hour x 180 s = 3 erlangs, 4 agents.
    # Erlang C = (A^N/N! * N/(N-A)) / (sum_{k<N} A^k/k! + A^N/N! * N/(N-A))
    #          = (81/24 * 4) / (1 + 3 + 9/2 + 27/6 + 13.5) = 13.5 / 26.5 = 27/53
    r = crm.erlang_c(60, 180, 4)
    assert r.traffic == pytest.approx(3.0)
    assert r.occupancy == pytest.approx(0.75)
    assert r.p_wait == pytest.approx(27 / 53, rel=1e-12)
    assert r.asa_s == pytest.approx(27 / 53 * 180 / (4 - 3), rel=1e-12)            # 91.70 s
    assert r.service_level == pytest.approx(1 - 27 / 53 * math.exp(-(4 - 3) * 20 / 180), rel=1e-12)  # 0.5441


def test_erlang_c_published_example():
    # Call Centre Helper's worked example: 100 calls per half hour, AHT 180 s, 80 % in 20 s.
    # Published: 10 erlangs; with 11 agents the probability of waiting is 68.21 %; 14 agents meet 80/20.
    r = crm.erlang_c(200, 180, 11)
    assert r.traffic == pytest.approx(10)
    assert r.p_wait == pytest.approx(0.6821, abs=5e-5)
    assert r.service_level == pytest.approx(1 - 0.6821182 * math.exp(-20 / 180), abs=1e-6)
    assert crm.agents_needed(200, 180, service_level=0.8, target_s=20) == 14
    assert crm.erlang_c(200, 180, 13).service_level < 0.8 <= crm.erlang_c(200, 180, 14).service_level


def test_unstable_centre_is_a_parameter_error_not_a_negative_probability():
    with pytest.raises(ParameterError, match="unstable.*at least 11 agents"):
        crm.erlang_c(200, 180, 10)                          # load = agents
    with pytest.raises(ParameterError, match="unstable"):
        crm.erlang_c(200, 180, 7)
    assert 0 < crm.erlang_c(200, 180, 11).p_wait < 1       # the first stable staffing


def _log_space_erlang_c(a, n):
    # Erlang B = Poisson pmf(n; a) / cdf(n; a), in logs; then C = n B / (n - a (1 - B))
    b = math.exp(stats.poisson.logpmf(n, a) - stats.poisson.logcdf(n, a))
    return n * b / (n - a * (1 - b))


@pytest.mark.parametrize("agents, traffic", [(50, 45.0), (500, 480.0), (5000, 4950.0), (20000, 19900.0)])
def test_large_centres_stay_exact(agents, traffic):
    # speed: benchmarks/bench_crm.py (target < 0.5 s)
    r = crm.erlang_c(traffic * 3600 / 240, 240, agents)
    assert r.p_wait == pytest.approx(_log_space_erlang_c(traffic, agents), rel=1e-9)
    assert all(math.isfinite(x) for x in (r.p_wait, r.service_level, r.asa_s))


def test_agents_needed_for_a_large_centre_is_minimal():
    # speed: benchmarks/bench_crm.py (target < 0.5 s)
    n = crm.agents_needed(75_000, 240)                     # 5,000 erlangs
    assert crm.erlang_c(75_000, 240, n).service_level >= 0.8 > crm.erlang_c(75_000, 240, n - 1).service_level


def test_service_level_curve_rises_with_agents():
    curve = crm.service_level_curve(200, 180, extra_agents=10)
    assert curve.index[0] == 11 and curve.index[-1] == 21
    assert curve.loc[11, "p_wait"] == pytest.approx(crm.erlang_c(200, 180, 11).p_wait)
    assert (np.diff(curve["service_level"]) > 0).all() and (np.diff(curve["asa_s"]) < 0).all()


def test_erlang_inputs_are_checked():
    with pytest.raises(ParameterError, match="calls_per_hour"):
        crm.erlang_c(0, 180, 3)
    with pytest.raises(ParameterError, match="agents must be a whole number"):
        crm.erlang_c(20, 180, 2.5)
    with pytest.raises(ParameterError, match="If you meant 80 %"):
        crm.agents_needed(200, 180, service_level=80)
    with pytest.raises(CrmkitError):
        crm.agents_needed(200, 180, service_level=1.0)
