"""Questions of chapter 12: the CRM system, its pipeline, its rules and the service centre (客户关系管理系统).

Recall (Q1-Q2) -> compute with SQL and the kit (Q3-Q7) -> interpret (Q8) -> design (Q9) -> SQL that students
write, checked on the result table (Q10-Q13: a JOIN, GROUP BY with HAVING, a window function, a subquery) -> the
sales-progress warning (Q14) -> database versus data warehouse (Q15 recall, Q16 an OLAP roll-up on the chapter's
star schema). Expected
values are computed from the course database (read-only) and ``crmkit.crm``.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .. import crm, data
from ._core import ChoiceQuestion, FrameQuestion, MappingQuestion, NumberQuestion, OpenQuestion, SequenceQuestion

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
    "Same line: the fewest agents that answer 90 % of calls within 20 s. Answer a whole number, e.g. 40.",
    expected=lambda: crm.agents_needed(CALLS, HANDLING, service_level=0.9, target_s=20),
    hints=["Add agents one at a time until the service level reaches 0.9.", "crm.agents_needed(..., service_level=0.9)"],
    rel_tol=0, abs_tol=0,
)

q8 = ChoiceQuestion(
    "Q8",
    f"A manager says: '{CALLS} calls of {HANDLING} s are {CALLS * HANDLING // 3600} hours of talk an hour, so "
    f"{CALLS * HANDLING // 3600} agents suffice and none is ever idle.' What happens with that staffing? Answer one "
    "of 'waiting times grow without limit', 'about 80 % answered in 20 s', 'calls wait about 20 s on average', "
    "'about half the calls wait, none for long', e.g. 'about 80 % answered in 20 s'.",
    expected=lambda: "waiting times grow without limit",
    choices=["waiting times grow without limit", "about 80 % answered in 20 s", "calls wait about 20 s on average",
             "about half the calls wait, none for long"],
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


# -- SQL that students write (Q10-Q13): each answer is the table of pd.read_sql(query, con). The expected
# -- tables are computed here with pandas on the whole tables, independently of any SQL, and compared row by
# -- row in the order the question asks for.

@lru_cache(maxsize=None)
def _table(name: str) -> pd.DataFrame:
    return pd.read_sql(f"SELECT * FROM {name}", _con())  # a fixed table name of this module


def _orders_by_owner() -> pd.DataFrame:
    won = (_table("orders").merge(_table("opportunities")[["opportunity_id", "owner_id"]], on="opportunity_id")
           .merge(_table("staff")[["staff_id", "name"]], left_on="owner_id", right_on="staff_id"))
    out = won.groupby(["staff_id", "name"], as_index=False).agg(orders=("order_id", "size"), amount=("amount", "sum"))
    return out.sort_values("amount", ascending=False, kind="stable").head(5)[["name", "orders", "amount"]] \
        .reset_index(drop=True)


def _satisfaction_by_kind_channel() -> pd.DataFrame:
    t = _table("tickets")
    out = t.groupby(["kind", "channel"], as_index=False).agg(tickets=("ticket_id", "size"),
                                                            satisfaction=("satisfaction", "mean"))
    out = out[out["tickets"] >= 100]
    return out.sort_values("satisfaction", kind="stable").reset_index(drop=True)


def _running_total() -> pd.DataFrame:
    o = _table("orders")
    out = o.groupby(o["date"].str[:7].rename("month"))["amount"].sum().sort_index().reset_index()
    out["cumulative"] = out["amount"].cumsum()
    return out


def _big_orders() -> pd.DataFrame:
    o = _table("orders").merge(_table("accounts")[["account_id", "name"]], on="account_id")
    out = o[o["amount"] > 2 * o["amount"].mean()]
    return out.sort_values("amount", ascending=False, kind="stable")[["order_id", "name", "amount"]] \
        .reset_index(drop=True)


q10 = FrameQuestion(
    "Q10",
    "SQL, a JOIN: the five salespeople whose won opportunities brought the most order revenue. Join orders to "
    "opportunities (on opportunity_id) and opportunities to staff (owner_id = staff_id), group by salesperson "
    "and keep the columns name, orders (the number of orders) and amount (their total), largest amount first, "
    "five rows. Answer the DataFrame of pd.read_sql(query, con), e.g. a table with the columns "
    "`['name', 'orders', 'amount']` and rows like `('Wang Fang', 9, 88000.0)`.",
    expected=_orders_by_owner,
    hints=["Start FROM orders AS o JOIN opportunities AS p ON ... and JOIN staff AS s ON ...; the salesperson of "
           "an order is the owner of its opportunity.",
           "GROUP BY s.staff_id, with COUNT(*) AS orders and SUM(o.amount) AS amount; then ORDER BY amount DESC "
           "LIMIT 5."],
    check_index=False, rel_tol=1e-9, abs_tol=0.005, graded_hints=1,  # hint 2 is nearly the query: practice only
)

q11 = FrameQuestion(
    "Q11",
    "SQL, GROUP BY with HAVING: for each combination of ticket kind and channel with at least 100 tickets, the "
    "number of tickets and their average satisfaction (tickets without a score are left out of the average, as "
    "AVG does). Columns kind, channel, tickets, satisfaction; lowest satisfaction first. Answer the DataFrame of "
    "pd.read_sql(query, con), e.g. a table with the columns `['kind', 'channel', 'tickets', 'satisfaction']` and "
    "rows like `('repair', 'email', 120, 3.4)`.",
    expected=_satisfaction_by_kind_channel,
    hints=["GROUP BY two columns: kind, channel. A condition on a group's COUNT(*) goes in HAVING, not WHERE.",
           "SELECT kind, channel, COUNT(*) AS tickets, AVG(satisfaction) AS satisfaction FROM tickets "
           "GROUP BY ... HAVING ... ORDER BY satisfaction"],
    check_index=False, rel_tol=1e-6, abs_tol=0.005, graded_hints=1,  # hint 2 is nearly the query: practice only
)

q12 = FrameQuestion(
    "Q12",
    "SQL, a window function: the order revenue of each month of 2024 and its running total since the first "
    "month. Columns month (text 'YYYY-MM', from substr(date, 1, 7)), amount and cumulative; one row per month "
    "with orders, in calendar order. Answer the DataFrame of pd.read_sql(query, con), e.g. a table with the "
    "columns `['month', 'amount', 'cumulative']` and rows like `('2024-05', 50000.0, 120000.0)`.",
    expected=_running_total,
    hints=["First the monthly total: GROUP BY month with SUM(amount). A running total adds each month to all "
           "the months before it: SUM(...) OVER (ORDER BY ...).",
           "A window over the grouped rows sums the group sums: SUM(SUM(amount)) OVER (ORDER BY month) AS "
           "cumulative."],
    check_index=False, rel_tol=1e-9, abs_tol=0.005, graded_hints=1,  # hint 2 is nearly the query: practice only
)

q13 = FrameQuestion(
    "Q13",
    "SQL, a subquery: the big orders, those of more than twice the average order amount (the average over all "
    "orders, computed in the query itself, not typed in), with the account's name. Columns order_id, name (from "
    "accounts) and amount; largest first. Answer the DataFrame of pd.read_sql(query, con), e.g. a table with "
    "the columns `['order_id', 'name', 'amount']` and rows like `('D00001', 'Li Na', 30000.0)`.",
    expected=_big_orders,
    hints=["A query inside parentheses gives a single number that WHERE can compare with: "
           "WHERE amount > 2 * (SELECT ... FROM orders).",
           "FROM orders AS o JOIN accounts AS a ON a.account_id = o.account_id WHERE o.amount > 2 * "
           "(SELECT AVG(amount) FROM orders) ORDER BY o.amount DESC"],
    check_index=False, rel_tol=1e-9, abs_tol=0.005, graded_hints=1,  # hint 2 is nearly the query: practice only
)


# -- the sales-progress warning and the data warehouse (Q14-Q16) ------------------------------------------

#: Q14: the warning's as-of date is the exercises' ASOF; the number of deals to list.
STUCK = 5
#: Q15: the features of a data warehouse (Inmon) and the one that describes an operational database.
DW_FEATURES = ("subject-oriented", "integrated", "time-variant", "non-volatile", "updated by every transaction")


def _stuck() -> list:
    return crm.progress_warnings(_con(), ASOF)["opportunity_id"].head(STUCK).tolist()


def _revenue_by_product_quarter() -> pd.DataFrame:
    o = _table("orders").merge(_table("opportunities")[["opportunity_id", "product"]], on="opportunity_id")
    month = o["date"].str[5:7].astype(int)
    o = o.assign(quarter=o["date"].str[:4] + "-Q" + ((month + 2) // 3).astype(str))
    out = o.groupby(["product", "quarter"], as_index=False).agg(orders=("order_id", "size"),
                                                                revenue=("amount", "sum"))
    return out.sort_values(["product", "quarter"], kind="stable").reset_index(drop=True)


q14 = SequenceQuestion(
    "Q14",
    f"The sales-progress warning (销售进度预警) on {ASOF}, with the chapter's rule: an open opportunity is flagged when "
    "it has sat in its current stage for more than twice the median stay of the deals that had left that stage by "
    f"then. Which {STUCK} opportunities are the most overdue (days in the stage minus the limit), most overdue "
    "first? Answer a list of ids, e.g. `['O00012', 'O00345', 'O00067', 'O00089', 'O00101']`.",
    expected=_stuck,
    hints=[f"crm.progress_warnings(con, asof='{ASOF}') sorts the flagged deals, most overdue first.",
           "Or by hand: the limit of a stage is 2 x crm.stage_durations(con, asof=...)['median_days']; an "
           "opportunity's current stage is its latest stage_history row on or before the date."],
)

q15 = ChoiceQuestion(
    "Q15",
    "A data warehouse (数据仓库) is, in Inmon's definition, subject-oriented, integrated, time-variant and "
    "non-volatile. Which of these features describes an operational database (操作型数据库), NOT a data warehouse? "
    "Answer one of 'subject-oriented', 'integrated', 'time-variant', 'non-volatile', 'updated by every "
    "transaction', e.g. 'integrated'.",
    expected=lambda: DW_FEATURES[-1],
    choices=DW_FEATURES,
    hints=["A warehouse is loaded in batches and then only read; which system changes with each order or ticket?"],
)

q16 = FrameQuestion(
    "Q16",
    "Build the chapter's warehouse (the cell that creates `wh`, dim_date and fact_orders) and write the OLAP "
    "roll-up: for each product and quarter, the number of orders and their revenue. Columns product, quarter "
    "(text 'YYYY-Qn' as in dim_date), orders and revenue; only combinations with orders; sorted by product, then "
    "quarter. Answer the DataFrame of pd.read_sql(query, wh), e.g. a table with the columns "
    "`['product', 'quarter', 'orders', 'revenue']` and rows like `('gift cards', '2024-Q1', 3, 18000.0)`.",
    expected=_revenue_by_product_quarter,
    hints=["fact_orders has the product of each order; dim_date gives the quarter of its date: JOIN ... USING (date).",
           "SELECT f.product, d.quarter, COUNT(*) AS orders, SUM(f.amount) AS revenue FROM fact_orders AS f JOIN "
           "dim_date AS d USING (date) GROUP BY f.product, d.quarter ORDER BY f.product, d.quarter"],
    check_index=False, rel_tol=1e-9, abs_tol=0.005, graded_hints=1,  # hint 2 is nearly the query: practice only
)

q17 = OpenQuestion(
    "Q17",
    "The chain's sales director says: 'Our CRM is full of records, yet nobody trusts its forecast.' Write her a "
    "memo in 80-200 words: what the monthly-update rule and the sales-progress warning each show on this "
    "database (with the chapter's numbers), what a data warehouse would add to the operational database, which "
    "two figures you would report to her every month, and one risk of the rules with its remedy. Answer as a "
    "text (a Python str).",
    rubric=[("Tells the two rules apart with the chapter's numbers: deals are touched (few break the monthly "
             "rule) but do not move (many are stuck beyond their stage's limit)", 3),
            ("What a warehouse adds: history (monthly snapshots of the pipeline), integration of the CRM with the "
             "tills, questions by subject without touching the operational tables", 2),
            ("Two monthly figures that follow from the chapter (e.g. stuck deals by owner, the weighted forecast "
             "against actual orders, conversion by stage)", 2),
            ("A risk of the rules and a remedy (e.g. 'general actions' logged only to satisfy the rule: judge "
             "progress, close deals that cannot move)", 1)],
    model_answer=(
        "The forecast is weak because the pipeline carries dead deals. On 2024-12-31 only one open opportunity "
        "breaks the monthly-update rule: the owners do log a 'general action' now and then. But the "
        "sales-progress warning flags 28 of the 73 open opportunities, each sitting in its stage more than twice "
        "as long as a usual deal; the weighted forecast counts all of them at their stage's probability. The "
        "operational database only knows the pipeline of today. A data warehouse would keep a snapshot of the "
        "pipeline every month and join the CRM's orders with the tills' purchases of the same customers, so we "
        "could see whether the forecast of March came true and which customers buy through both channels. Every "
        "month I would report two figures: the stuck deals by owner, and the weighted forecast of three months "
        "ago against the orders that came. The risk: staff learn to log actions to satisfy the update rule. The "
        "remedy is the progress warning: a deal stuck beyond its limit is discussed with its owner and closed as "
        "lost if nothing blocks it that we can remove."),
    hints=["Section 5: crm.stale_opportunities and crm.progress_warnings on 2024-12-31; what does each count?",
           "Section 9: the four properties of a warehouse; which two matter for a forecast?"],
    min_words=60,
)
