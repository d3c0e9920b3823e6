"""Questions of chapter 12: the CRM system, its pipeline, its rules and the service centre (客户关系管理系统).

Recall (Q1-Q2) -> compute with SQL and the kit (Q3-Q7) -> interpret (Q8) -> design (Q9). Expected
values are computed from the course database (read-only) and ``crmkit.crm``.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .. import crm, data
from ._core import ChoiceQuestion, MappingQuestion, NumberQuestion, SequenceQuestion

ASOF = "2024-09-30"  # the exercises' as-of date (the chapter works on 2024-12-31)
CALLS, HANDLING, AGENTS = 480, 270, 38  # the Canton Fair English line in the exercises ([added] numbers)


@lru_cache(maxsize=1)
def _con():
    return data.connect()


def _sql(query: str):
    return pd.read_sql(query, _con()).iloc[0, 0]


q1 = MappingQuestion(
    "Q1",
    "Which kind of CRM is each feature: 'operational', 'analytical' or 'collaborative'? (a) a salesperson enters a "
    "signed order; (b) the win rate by lead source; (c) the hotline, WeChat and e-mail desks share one customer "
    "history. Answer a dict, e.g. {'order': 'operational', 'win_rate': ..., 'shared_history': ...}.",
    expected=lambda: {"order": "operational", "win_rate": "analytical", "shared_history": "collaborative"},
    hints=["Operational CRM (运营型) is the daily front-office work: sales-force automation, orders, service.",
           "Analytical CRM (分析型) turns the records into knowledge; collaborative CRM (协作型) connects the channels "
           "through which customers and staff interact."],
)

q2 = ChoiceQuestion(
    "Q2",
    "The seed's fill-in: the ACD (automatic call distributor) of a call centre 'is also called the ...'. Answer one "
    "of 'queuing machine', 'switchboard', 'data mart', 'help desk' (e.g. 'help desk').",
    expected=lambda: "queuing machine",
    choices=["queuing machine", "switchboard", "data mart", "help desk"],
    aliases={"排队机": "queuing machine", "queueing machine": "queuing machine"},
    hints=["It puts incoming calls in a queue and hands each to the next free agent: 排队机."],
)

q3 = NumberQuestion(
    "Q3",
    "SQL: how many tickets of kind 'complaint' came in through the 'hotline' channel in 2024? Write the query with "
    "pd.read_sql(..., con) and give the count. Answer a number, e.g. 42.",
    expected=lambda: int(_sql("SELECT COUNT(*) FROM tickets WHERE kind = 'complaint' AND channel = 'hotline'")),
    hints=["SELECT COUNT(*) FROM tickets WHERE ... AND ...",
           "pd.read_sql(query, con).iloc[0, 0] takes the single number out of the result table."],
    rel_tol=0, abs_tol=0,
)

q4 = NumberQuestion(
    "Q4",
    f"Of the opportunities from the 'app' lead source that were closed (won or lost) by {ASOF}, what share was won? "
    "Answer a share between 0 and 1, e.g. 0.25.",
    expected=lambda: float(crm.win_rates(_con(), ASOF).loc["app", "win_rate"]),
    hints=[f"crm.win_rates(con, asof='{ASOF}') has one row per source.",
           "In SQL: an opportunity's last stage entered on or before the as-of date is 'won' or 'lost'."],
    rel_tol=1e-4, abs_tol=1e-4,
)

q5 = SequenceQuestion(
    "Q5",
    f"The monthly-update rule on {ASOF}: the ids of the open opportunities with no update (activity or stage "
    "change) in the last 30 days, longest-silent first. Answer a list, e.g. ['O00012', 'O00345'].",
    expected=lambda: crm.stale_opportunities(_con(), ASOF, days=30)["opportunity_id"].tolist(),
    hints=["crm.stale_opportunities(con, asof=..., days=30)",
           "Only opportunities whose latest stage on the as-of date is still open count."],
)

q6 = NumberQuestion(
    "Q6",
    f"The Canton Fair's English line gets {CALLS} calls an hour of {HANDLING} s each, and {AGENTS} agents take them. "
    "What share of calls is answered within 20 s? Answer a share between 0 and 1, e.g. 0.8.",
    expected=lambda: crm.erlang_c(CALLS, HANDLING, AGENTS, target_s=20).service_level,
    hints=[f"The traffic is {CALLS} x {HANDLING} / 3600 erlangs.", "crm.erlang_c(calls_per_hour, handling_time_s, agents)"],
    rel_tol=1e-4, abs_tol=1e-4,
)

q7 = NumberQuestion(
    "Q7",
    "Same line: the fewest agents that answer 80 % of calls within 20 s. Answer a whole number, e.g. 40.",
    expected=lambda: crm.agents_needed(CALLS, HANDLING, service_level=0.8, target_s=20),
    hints=["Add agents one at a time until the service level reaches 0.8.", "crm.agents_needed(...)"],
    rel_tol=0, abs_tol=0,
)

q8 = ChoiceQuestion(
    "Q8",
    f"A manager says: '{CALLS} calls of {HANDLING} s are {CALLS * HANDLING // 3600} hours of talk an hour, so "
    f"{CALLS * HANDLING // 3600} agents suffice and none is ever idle.' What happens with that staffing? Answer one "
    "of 'waiting times grow without limit', 'about 80 % answered in 20 s', 'calls wait about 20 s on average', "
    "e.g. 'about 80 % answered in 20 s'.",
    expected=lambda: "waiting times grow without limit",
    choices=["waiting times grow without limit", "about 80 % answered in 20 s", "calls wait about 20 s on average"],
    hints=["Try crm.erlang_c with that many agents.", "With load = agents, every random burst of calls adds to the queue "
           "and idle moments never come back to drain it."],
)

q9 = NumberQuestion(
    "Q9",
    "Design a forecast from history: using crm.stage_conversion on 2024-12-31, the probability that an opportunity "
    "now in 'proposal' is eventually won (its conversion to negotiation times negotiation's conversion to won). "
    "Compare it with the 0.5 the stages table gives proposals. Answer a share between 0 and 1, e.g. 0.42.",
    expected=lambda: float(crm.stage_conversion(_con(), "2024-12-31").loc[["proposal", "negotiation"], "conversion"].prod()),
    hints=["conv = crm.stage_conversion(con, '2024-12-31')['conversion']",
           "conv['proposal'] * conv['negotiation']"],
    rel_tol=1e-4, abs_tol=1e-4,
)
