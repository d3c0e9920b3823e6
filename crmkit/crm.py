"""The CRM system itself (客户关系管理系统): the course database, pipeline analysis, the company's
CRM rules as queries, and call-centre staffing with Erlang C (chapter 12).

The course database ``datasets/crm.sqlite`` (SQLite, no server) is what a CRM system keeps:

* **operational CRM** (运营型/操作型): accounts, contacts, leads, opportunities with their
  stage history, activities and orders -- the daily work of sales-force automation (销售自动化);
* **analytical CRM** (分析型): the queries below over those tables -- conversion by stage, time in
  stage, the weighted pipeline forecast, win rate by lead source;
* **collaborative CRM** (协作型): service tickets and complaints from the hotline, WeChat and
  e-mail, and the call centre whose automatic call distributor (ACD, "the queuing machine",
  排队机) is staffed with Erlang C.

Open it read-only with :func:`crmkit.data.connect`; every function here takes such a connection::

    >>> from crmkit import crm, data
    >>> con = data.connect()                                       # doctest: +SKIP
    >>> crm.stale_opportunities(con, asof="2024-12-31")            # doctest: +SKIP

A hand-made database for a test or an exercise: ``con = crm.new_database()`` gives an empty
in-memory database with the same schema, keys and constraints.

Erlang C (no database needed): 200 calls an hour of 180 s each are 10 erlangs of traffic; with
14 agents, ``crm.erlang_c(200, 180, 14)`` answers 88.8 % of calls within 20 s.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass
from typing import Mapping

import numpy as np
import pandas as pd

from . import _validate as v
from .errors import DataError, ParameterError

__all__ = [
    "SCHEMA_SQL",
    "INDEX_SQL",
    "STAGES",
    "TABLES",
    "new_database",
    "stage_conversion",
    "stage_durations",
    "pipeline_forecast",
    "win_rates",
    "stale_opportunities",
    "progress_warnings",
    "silent_staff",
    "unfollowed_leads",
    "login_rates",
    "ErlangC",
    "erlang_c",
    "agents_needed",
    "service_level_curve",
]

# --------------------------------------------------------------------------------------------
# The schema: one source for the course database, the hand-made test databases and the README
# --------------------------------------------------------------------------------------------

#: The sales stages (销售阶段) in order, with the win probability a weighted forecast gives each
#: ([added]: the course's own stage set and probabilities, typical of CRM products).
STAGES = pd.DataFrame(
    {
        "stage": ["prospecting", "qualification", "proposal", "negotiation", "won", "lost"],
        "position": [1, 2, 3, 4, 5, 9],
        "probability": [0.10, 0.25, 0.50, 0.75, 1.0, 0.0],
        "is_closed": [0, 0, 0, 0, 1, 1],
        "name_zh": ["初步接洽", "需求确认", "方案报价", "商务谈判", "赢单", "输单"],
    }
)

_DATE = "CHECK ({c} IS NULL OR date({c}) IS {c})"  # ISO dates only: '2024-13-01' is refused
_TIME = "CHECK ({c} IS NULL OR datetime({c}) IS {c})"

SCHEMA_SQL = f"""\
CREATE TABLE stages (
    stage        TEXT PRIMARY KEY,
    position     INTEGER NOT NULL UNIQUE,
    probability  REAL NOT NULL CHECK (probability BETWEEN 0 AND 1),
    is_closed    INTEGER NOT NULL CHECK (is_closed IN (0, 1)),
    name_zh      TEXT NOT NULL
);
CREATE TABLE staff (
    staff_id     TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('sales', 'service', 'manager')),
    hired        TEXT NOT NULL {_DATE.format(c='hired')},
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE TABLE accounts (
    account_id   TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    region       TEXT NOT NULL,
    city_tier    INTEGER CHECK (city_tier BETWEEN 1 AND 5),
    member_level TEXT,
    owner_id     TEXT NOT NULL REFERENCES staff (staff_id),
    created      TEXT NOT NULL {_DATE.format(c='created')}
);
CREATE TABLE contacts (
    contact_id   TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL REFERENCES accounts (account_id),
    name         TEXT NOT NULL,
    relation     TEXT NOT NULL,
    channel      TEXT NOT NULL CHECK (channel IN ('phone', 'wechat', 'email')),
    is_primary   INTEGER NOT NULL CHECK (is_primary IN (0, 1))
);
CREATE TABLE leads (
    lead_id      TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL REFERENCES accounts (account_id),
    source       TEXT NOT NULL,
    owner_id     TEXT NOT NULL REFERENCES staff (staff_id),
    created      TEXT NOT NULL {_DATE.format(c='created')},
    status       TEXT NOT NULL CHECK (status IN ('open', 'converted', 'disqualified'))
);
CREATE TABLE opportunities (
    opportunity_id TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL REFERENCES accounts (account_id),
    lead_id      TEXT UNIQUE REFERENCES leads (lead_id),
    owner_id     TEXT NOT NULL REFERENCES staff (staff_id),
    source       TEXT NOT NULL,
    product      TEXT NOT NULL,
    created      TEXT NOT NULL {_DATE.format(c='created')}
);
CREATE TABLE stage_history (
    opportunity_id TEXT NOT NULL REFERENCES opportunities (opportunity_id),
    stage        TEXT NOT NULL REFERENCES stages (stage),
    entered      TEXT NOT NULL {_DATE.format(c='entered')},
    amount       REAL NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (opportunity_id, stage)
);
CREATE TABLE activities (
    activity_id  TEXT PRIMARY KEY,
    staff_id     TEXT NOT NULL REFERENCES staff (staff_id),
    account_id   TEXT NOT NULL REFERENCES accounts (account_id),
    lead_id      TEXT REFERENCES leads (lead_id),
    opportunity_id TEXT REFERENCES opportunities (opportunity_id),
    kind         TEXT NOT NULL CHECK (kind IN ('call', 'visit', 'email', 'wechat', 'meeting', 'general action')),
    date         TEXT NOT NULL {_DATE.format(c='date')}
);
CREATE TABLE orders (
    order_id     TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL REFERENCES accounts (account_id),
    opportunity_id TEXT UNIQUE REFERENCES opportunities (opportunity_id),
    date         TEXT NOT NULL {_DATE.format(c='date')},
    amount       REAL NOT NULL CHECK (amount > 0)
);
CREATE TABLE tickets (
    ticket_id    TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL REFERENCES accounts (account_id),
    contact_id   TEXT REFERENCES contacts (contact_id),
    staff_id     TEXT NOT NULL REFERENCES staff (staff_id),
    kind         TEXT NOT NULL CHECK (kind IN ('enquiry', 'complaint', 'repair', 'suggestion')),
    channel      TEXT NOT NULL CHECK (channel IN ('hotline', 'wechat', 'email', 'store')),
    opened       TEXT NOT NULL {_TIME.format(c='opened')},
    closed       TEXT {_TIME.format(c='closed')} CHECK (closed IS NULL OR closed >= opened),
    satisfaction INTEGER CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5)
);
CREATE TABLE logins (
    staff_id     TEXT NOT NULL REFERENCES staff (staff_id),
    login_at     TEXT NOT NULL {_TIME.format(c='login_at')},
    PRIMARY KEY (staff_id, login_at)
);
"""

#: Indexes that pay for the rule queries (benchmarks/bench_crm.py measures them on a database 100
#: times the course's: without ``activities_by_lead``, ``unfollowed_leads`` scans every activity
#: for every lead and does not finish in 20 s). The keys already index stage_history by
#: opportunity, opportunities by lead and orders by opportunity; an index on dates would not pay,
#: since an as-of date at the end of the data selects nearly every row.
INDEX_SQL = """\
CREATE INDEX activities_by_opportunity ON activities (opportunity_id, date);
CREATE INDEX activities_by_lead ON activities (lead_id, date);
"""

#: The tables of the database, in an order that satisfies the foreign keys when filling it.
TABLES = ("stages", "staff", "accounts", "contacts", "leads", "opportunities", "stage_history",
          "activities", "orders", "tickets", "logins")


def _path(name, path) -> str:
    if not isinstance(path, str) or not path:
        raise ParameterError(f"path must be a file name or ':memory:', not {path!r}.")
    return path


@v.params(path=v.Custom(_path, "a new file name or ':memory:'"))
def new_database(path: str = ":memory:") -> sqlite3.Connection:
    """An empty CRM database with the course's schema, keys, constraints and stage table.

    ``path``: ":memory:" (default, for tests and exercises) or a new file. Foreign keys are
    enforced on the returned connection (``PRAGMA foreign_keys = ON``).
    """
    try:
        con = sqlite3.connect(path)
    except sqlite3.Error as exc:
        raise ParameterError(f"Could not create a database at {path!r}: {exc}.") from None
    try:
        if con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            con.close()
            raise ParameterError(f"{path!r} already holds a database; give a new file name or ':memory:'.")
        con.execute("PRAGMA foreign_keys = ON")
        con.executescript(SCHEMA_SQL + INDEX_SQL)
        STAGES.to_sql("stages", con, if_exists="append", index=False)
        con.commit()
    except sqlite3.DatabaseError as exc:
        con.close()
        raise ParameterError(f"{path!r} is not a new database file ({exc}).") from None
    return con


# --------------------------------------------------------------------------------------------
# Boundary checks for connections
# --------------------------------------------------------------------------------------------


def _con(con, needs=("stages", "stage_history", "opportunities")) -> sqlite3.Connection:
    """A usable connection to a database that holds the ``needs`` tables, or a DataError."""
    if not isinstance(con, sqlite3.Connection):
        raise DataError(f"Expected a database connection such as crmkit.data.connect(), got {type(con).__name__}.")
    try:
        have = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    except sqlite3.ProgrammingError:
        raise DataError("The database connection is closed; open it again with crmkit.data.connect().") from None
    except sqlite3.DatabaseError as exc:
        raise DataError(f"The connection does not hold a readable database ({exc}).") from None
    missing = [t for t in needs if t not in have]
    if missing:
        raise DataError(f"The database has no table {', '.join(map(repr, missing))}; it holds "
                        f"{', '.join(sorted(have)) or 'no tables'}. Use the course database (data.connect()) "
                        f"or one made with crm.new_database().")
    return con


def _asof(asof) -> str:
    return asof.strftime("%Y-%m-%d")  # a Timestamp: checked by the public function's declaration


def _db(*needs) -> v.Custom:
    """The declaration of a connection to a database holding the ``needs`` tables (default: the pipeline's)."""
    return v.Custom(lambda name, con: _con(con, needs) if needs else _con(con),
                    "a connection to the course database (data.connect()) or one made with new_database()")


def _days_param(low=1) -> v.Number:
    return v.Number(low=low, high=v.MAX_PERIODS, integer=True, kind="size")


def _query(con, sql: str, params=()) -> pd.DataFrame:
    try:
        return pd.read_sql_query(sql, con, params=params)
    except Exception as exc:  # noqa: BLE001 - a malformed database must not give a raw traceback
        raise DataError(f"The database does not have the course's schema: the query failed ({exc}).") from None


# --------------------------------------------------------------------------------------------
# Pipeline analysis (销售漏斗分析)
# --------------------------------------------------------------------------------------------

# Each opportunity's history up to the as-of date, with its current (latest) stage flagged.
_HISTORY = """
WITH h AS (
    SELECT sh.opportunity_id, sh.stage, sh.entered, sh.amount, s.position, s.probability, s.is_closed,
           ROW_NUMBER() OVER (PARTITION BY sh.opportunity_id ORDER BY sh.entered DESC, s.position DESC) AS recent
    FROM stage_history AS sh JOIN stages AS s ON s.stage = sh.stage
    WHERE sh.entered <= :asof
)
"""


def _funnel_stages(con) -> pd.DataFrame:
    st = _query(con, "SELECT stage, position, probability, is_closed FROM stages ORDER BY position")
    if st.empty:
        raise DataError("The stages table is empty: the database has no sales stages.")
    return st


@v.params(con=_db(), asof=v.Date())
def stage_conversion(con, asof) -> pd.DataFrame:
    """Conversion from each open sales stage to the next (阶段转化率), as of ``asof``.

    One row per open stage (prospecting ... negotiation), columns:

    * ``reached``: opportunities that got at least this far (a later stage counts, 'lost' does not);
    * ``still_open``: of those, how many sit in this stage on ``asof`` (their outcome is unknown);
    * ``advanced``: how many reached the next stage (the last open stage's next stage is 'won');
    * ``conversion`` = advanced / (reached - still_open): of the opportunities that have left the
      stage, the share that moved forward (NaN when none has left yet);
    * ``share_of_first``: reached / reached at the first stage (the funnel's shape).
    """
    day = _asof(asof)
    st = _funnel_stages(con)
    sql = _HISTORY + """
    SELECT opportunity_id,
           MAX(CASE WHEN probability > 0 OR is_closed = 0 THEN position END) AS top,
           MAX(CASE WHEN recent = 1 AND is_closed = 0 THEN position END) AS open_at
    FROM h GROUP BY opportunity_id
    """
    per = _query(con, sql, {"asof": day})
    funnel = st[~((st["is_closed"] == 1) & (st["probability"] == 0))].reset_index(drop=True)
    open_stages = funnel[funnel["is_closed"] == 0]
    rows = []
    top = per["top"].fillna(-1).to_numpy()
    open_at = per["open_at"].fillna(-1).to_numpy()
    for i, r in open_stages.iterrows():
        nxt = funnel["position"].iloc[i + 1] if i + 1 < len(funnel) else np.inf
        reached = int((top >= r["position"]).sum())
        still = int((open_at == r["position"]).sum())
        advanced = int((top >= nxt).sum())
        left = reached - still
        rows.append({"stage": r["stage"], "reached": reached, "still_open": still, "advanced": advanced,
                     "conversion": advanced / left if left else np.nan})
    out = pd.DataFrame(rows).set_index("stage")
    first = out["reached"].iloc[0] if len(out) else 0
    out["share_of_first"] = out["reached"] / first if first else np.nan
    return out


@v.params(con=_db(), asof=v.Date())
def stage_durations(con, asof) -> pd.DataFrame:
    """Days spent in each open stage (阶段停留时间), as of ``asof``.

    A completed stay runs from entering a stage to entering the next recorded one (any later
    stage, won or lost). Columns: ``stays`` (completed stays), ``mean_days``, ``median_days``,
    ``open_now`` (opportunities sitting in the stage on ``asof``) and ``open_mean_days`` (their
    age in the stage so far: a stay still running is censored, not finished).
    """
    day = _asof(asof)
    st = _funnel_stages(con)
    sql = _HISTORY + """
    SELECT stage, position, is_closed, recent,
           julianday(LEAD(entered) OVER (PARTITION BY opportunity_id ORDER BY entered, position))
             - julianday(entered) AS days,
           julianday(:asof) - julianday(entered) AS age
    FROM h
    """
    h = _query(con, sql, {"asof": day})
    h = h[h["is_closed"] == 0]
    done = h[h["days"].notna()]
    running = h[h["days"].isna()]
    stages = st.loc[st["is_closed"] == 0, "stage"].tolist()
    g = done.groupby("stage")["days"]
    out = pd.DataFrame({
        "stays": g.size().reindex(stages, fill_value=0).astype(int),
        "mean_days": g.mean().reindex(stages),
        "median_days": g.median().reindex(stages),
        "open_now": running.groupby("stage").size().reindex(stages, fill_value=0).astype(int),
        "open_mean_days": running.groupby("stage")["age"].mean().reindex(stages),
    })
    out.index.name = "stage"
    return out


@dataclass(frozen=True)
class PipelineForecast:
    """The weighted pipeline (加权销售预测) on ``asof`` against the orders that followed.

    ``weighted`` = sum over open opportunities of amount x the probability of their stage;
    ``actual``: orders from those same opportunities dated in (asof, asof + horizon_days];
    ``complete`` is False when the database ends before the horizon does (the actual is partial).
    """

    asof: pd.Timestamp
    horizon_days: int
    open_opportunities: int
    pipeline: float
    weighted: float
    actual: float
    won_opportunities: int
    complete: bool

    @property
    def error(self) -> float:
        """actual - weighted, in ¥ (positive: the forecast was too low)."""
        return self.actual - self.weighted


@v.params(con=_db("stages", "stage_history", "opportunities", "orders"), asof=v.Date(), horizon_days=_days_param())
def pipeline_forecast(con, asof, *, horizon_days: int = 90) -> PipelineForecast:
    """The weighted pipeline forecast on ``asof`` and the actual orders of the next ``horizon_days``."""
    day = _asof(asof)
    horizon = horizon_days
    end = (pd.Timestamp(day) + pd.Timedelta(days=horizon)).strftime("%Y-%m-%d")
    sql = _HISTORY + """
    , now AS (SELECT opportunity_id, amount, probability FROM h WHERE recent = 1 AND is_closed = 0)
    SELECT COUNT(*) AS n, COALESCE(SUM(now.amount), 0) AS pipeline,
           COALESCE(SUM(now.amount * now.probability), 0) AS weighted,
           COALESCE(SUM(o.amount), 0) AS actual, COUNT(o.order_id) AS won
    FROM now LEFT JOIN orders AS o
      ON o.opportunity_id = now.opportunity_id AND o.date > :asof AND o.date <= :end
    """
    r = _query(con, sql, {"asof": day, "end": end}).iloc[0]
    last = _query(con, "SELECT MAX(d) AS d FROM (SELECT MAX(entered) AS d FROM stage_history "
                       "UNION ALL SELECT MAX(date) FROM orders)")["d"].iloc[0]
    complete = last is not None and str(last) >= end
    return PipelineForecast(pd.Timestamp(day), horizon, int(r["n"]), float(r["pipeline"]), float(r["weighted"]),
                            float(r["actual"]), int(r["won"]), bool(complete))


_BY = ("source", "owner_id", "product")


@v.params(con=_db(), asof=v.Date(), by=v.Options(*_BY))
def win_rates(con, asof, *, by: str = "source") -> pd.DataFrame:
    """Win rate (赢单率) of the opportunities closed by ``asof``, by lead ``source``, ``owner_id`` or ``product``.

    Columns: ``closed`` (won + lost), ``won``, ``win_rate`` = won / closed, ``won_amount`` (¥, the
    amount when won); sorted by win rate, best first.
    """
    day = _asof(asof)
    sql = _HISTORY + f"""
    SELECT o.{by} AS "{by}", COUNT(*) AS closed,
           SUM(h.probability = 1) AS won,
           SUM(CASE WHEN h.probability = 1 THEN h.amount ELSE 0 END) AS won_amount
    FROM h JOIN opportunities AS o ON o.opportunity_id = h.opportunity_id
    WHERE h.recent = 1 AND h.is_closed = 1
    GROUP BY o.{by}
    """
    out = _query(con, sql, {"asof": day})
    out["won"] = out["won"].astype(int)
    out["win_rate"] = out["won"] / out["closed"]
    out = out.sort_values(["win_rate", by], ascending=[False, True]).set_index(by)
    return out[["closed", "won", "win_rate", "won_amount"]]


# --------------------------------------------------------------------------------------------
# The company's CRM rules as queries (CRM管理规定)
# --------------------------------------------------------------------------------------------


@v.params(con=_db("stages", "stage_history", "opportunities", "activities"), asof=v.Date(), days=_days_param())
def stale_opportunities(con, asof, *, days: int = 30) -> pd.DataFrame:
    """Open opportunities with no update in the last ``days`` days (rule: at least one update a month).

    An update is an activity on the opportunity or a change of its stage. Flagged when nothing
    happened in (asof - days, asof], i.e. ``days_since`` >= ``days``. Sorted longest-silent first.
    """
    day = _asof(asof)
    sql = _HISTORY + """
    , now AS (SELECT opportunity_id, stage, amount, entered FROM h WHERE recent = 1 AND is_closed = 0)
    , last_act AS (SELECT a.opportunity_id, MAX(a.date) AS d FROM activities AS a
                   JOIN now ON now.opportunity_id = a.opportunity_id
                   WHERE a.date <= :asof GROUP BY a.opportunity_id)
    SELECT now.opportunity_id, o.account_id, o.owner_id, now.stage, now.amount,
           MAX(now.entered, COALESCE(last_act.d, now.entered)) AS last_update
    FROM now JOIN opportunities AS o ON o.opportunity_id = now.opportunity_id
    LEFT JOIN last_act ON last_act.opportunity_id = now.opportunity_id
    """
    out = _query(con, sql, {"asof": day})
    out["last_update"] = pd.to_datetime(out["last_update"])
    out["days_since"] = (pd.Timestamp(day) - out["last_update"]).dt.days.astype(int)
    out = out[out["days_since"] >= days]
    return out.sort_values(["days_since", "opportunity_id"], ascending=[False, True], ignore_index=True)


def _stage_limits(name, limits) -> dict:
    """A mapping open stage -> days a deal may sit there (checked against the database's stages later)."""
    if not isinstance(limits, Mapping) or not limits:
        raise ParameterError(f"{name} must be a mapping of sales stages to days, e.g. {{'proposal': 40}}, "
                             f"not {limits!r}.")
    out = {}
    for stage, days in limits.items():
        if not isinstance(stage, str):
            raise ParameterError(f"{name} must be keyed by stage names (text), not {stage!r}.")
        out[stage] = v.number(f"{name}[{stage!r}]", days, low=0, low_open=True, high=v.MAX_PERIODS)
    return out


@v.params(con=_db(), asof=v.Date(), multiple=v.Number(low=1, high=100),
          limits=v.Custom(_stage_limits, "a mapping of open stages to days (None: multiple x the median stay)",
                          optional=True))
def progress_warnings(con, asof, *, multiple: float = 2.0, limits=None) -> pd.DataFrame:
    """The sales-progress warning (销售进度预警): open opportunities stuck in their stage too long, as of ``asof``.

    The seed [003] warns when a customer's progress falls behind what the database records; here a deal
    is flagged when it has sat in its current open stage for more days than the stage's limit ([added]).
    The limit of a stage is ``limits[stage]`` when given, else ``multiple`` times the median of the completed
    stays in that stage up to ``asof`` (:func:`stage_durations`): "twice as long as a usual deal".
    One row per flagged opportunity, most overdue first: ``opportunity_id``, ``account_id``, ``owner_id``,
    ``stage``, ``entered``, ``amount``, ``days_in_stage``, ``limit_days``, ``overdue_days``.
    """
    day = _asof(asof)
    usual = stage_durations(con, asof)["median_days"]
    if limits is not None:
        unknown = sorted(set(limits) - set(usual.index))
        if unknown:
            raise ParameterError(f"limits names {unknown}, which are not open stages of the database "
                                 f"({', '.join(usual.index)}).")
        limit = pd.Series({s: limits.get(s, np.nan) for s in usual.index})
        limit = limit.fillna(multiple * usual)
    else:
        limit = multiple * usual
    sql = _HISTORY + """
    SELECT h.opportunity_id, o.account_id, o.owner_id, h.stage, h.entered, h.amount,
           CAST(julianday(:asof) - julianday(h.entered) AS INTEGER) AS days_in_stage
    FROM h JOIN opportunities AS o ON o.opportunity_id = h.opportunity_id
    WHERE h.recent = 1 AND h.is_closed = 0
    """
    out = _query(con, sql, {"asof": day})
    out["limit_days"] = out["stage"].map(limit).astype(float)
    out["overdue_days"] = out["days_in_stage"] - out["limit_days"]
    out = out[out["overdue_days"] > 0]  # a stage with no completed stay yet (NaN limit) flags nothing
    return out.sort_values(["overdue_days", "opportunity_id"], ascending=[False, True], ignore_index=True)


@v.params(con=_db("staff", "logins"), asof=v.Date(), days=_days_param())
def silent_staff(con, asof, *, days: int = 14) -> pd.DataFrame:
    """Active staff with no login in the last ``days`` days (rule: two silent weeks are named in a circular).

    Flagged when there is no login in (asof - days, asof]: ``days_silent`` = asof - the day of the
    last login (or of hiring, if never logged in) >= ``days``. Sorted longest-silent first.
    """
    day = _asof(asof)
    sql = """
    SELECT s.staff_id, s.name, s.role, MAX(date(l.login_at)) AS last_login, s.hired
    FROM staff AS s LEFT JOIN logins AS l ON l.staff_id = s.staff_id AND date(l.login_at) <= :asof
    WHERE s.active = 1 AND s.hired <= :asof
    GROUP BY s.staff_id
    """
    out = _query(con, sql, {"asof": day})
    since = pd.to_datetime(out["last_login"].fillna(out["hired"]))
    out["last_login"] = pd.to_datetime(out["last_login"])
    out["days_silent"] = (pd.Timestamp(day) - since).dt.days.astype(int)
    out = out[out["days_silent"] >= days].drop(columns="hired")
    return out.sort_values(["days_silent", "staff_id"], ascending=[False, True], ignore_index=True)


@v.params(con=_db("leads", "activities", "opportunities"), asof=v.Date(), days=_days_param(low=0))
def unfollowed_leads(con, asof, *, days: int = 7) -> pd.DataFrame:
    """Leads at least ``days`` days old on ``asof`` that were never followed up (跟进).

    Never followed up: no activity on the lead and no opportunity made from it, up to ``asof``.
    Sorted oldest first.
    """
    day = _asof(asof)
    sql = """
    SELECT l.lead_id, l.account_id, l.owner_id, l.source, l.created,
           CAST(julianday(:asof) - julianday(l.created) AS INTEGER) AS days_open
    FROM leads AS l
    WHERE l.created <= date(:asof, '-' || :days || ' days')
      AND NOT EXISTS (SELECT 1 FROM activities AS a WHERE a.lead_id = l.lead_id AND a.date <= :asof)
      AND NOT EXISTS (SELECT 1 FROM opportunities AS o WHERE o.lead_id = l.lead_id AND o.created <= :asof)
    ORDER BY l.created, l.lead_id
    """
    out = _query(con, sql, {"asof": day, "days": days})
    out["created"] = pd.to_datetime(out["created"])
    out["days_open"] = out["days_open"].astype(int)
    return out


@v.params(con=_db("staff", "logins"), asof=v.Date(), days=_days_param())
def login_rates(con, asof, *, days: int = 28) -> pd.DataFrame:
    """Share of working days (Monday-Friday) in (asof - days, asof] on which each active member of
    staff logged in (rule: log in every working day). Columns ``working_days``, ``days_logged_in``,
    ``rate``; sorted lowest rate first. Public holidays are not known to the database ([added]).
    """
    day = _asof(asof)
    start = pd.Timestamp(day) - pd.Timedelta(days=days - 1)
    workdays = int(np.busday_count(start.date(), (pd.Timestamp(day) + pd.Timedelta(days=1)).date()))
    if workdays == 0:
        raise ParameterError(f"The {days} day(s) up to {day} hold no working day (Monday-Friday), so no login rate "
                             "can be computed: use more days (e.g. days=28) or a weekday as asof.")
    sql = """
    SELECT s.staff_id, s.name, s.role,
           COUNT(DISTINCT CASE WHEN strftime('%w', l.login_at) BETWEEN '1' AND '5' THEN date(l.login_at) END)
             AS days_logged_in
    FROM staff AS s LEFT JOIN logins AS l
      ON l.staff_id = s.staff_id AND date(l.login_at) BETWEEN :start AND :asof
    WHERE s.active = 1 AND s.hired <= :start
    GROUP BY s.staff_id
    """
    out = _query(con, sql, {"asof": day, "start": start.strftime("%Y-%m-%d")})
    out.insert(3, "working_days", workdays)
    out["days_logged_in"] = out["days_logged_in"].astype(int)
    out["rate"] = out["days_logged_in"] / workdays if workdays else np.nan
    return out.sort_values(["rate", "staff_id"], ignore_index=True)


# --------------------------------------------------------------------------------------------
# Call-centre staffing: Erlang C (呼叫中心人员配置)
# --------------------------------------------------------------------------------------------

#: The largest traffic (in erlangs, i.e. busy agents) the staffing functions accept: a million
#: agents is far beyond any call centre, and keeps every call under a second.
MAX_AGENTS = 1_000_000


@dataclass(frozen=True)
class ErlangC:
    """A call centre's performance by Erlang C (M/M/N queue, callers wait and never hang up).

    ``traffic`` (erlangs) = calls per second x handling time; ``occupancy`` = traffic / agents;
    ``p_wait``: probability that a call waits (the Erlang C formula); ``service_level``: share of
    calls answered within ``target_s`` seconds; ``asa_s``: average speed of answer (mean wait of
    all calls) in seconds.
    """

    calls_per_hour: float
    handling_time_s: float
    agents: int
    target_s: float
    traffic: float
    occupancy: float
    p_wait: float
    service_level: float
    asa_s: float


_RATE = v.Number(low=0, low_open=True, kind="size")  # calls per hour, handling time in seconds
_TARGET_S = v.Number(low=0, kind="size")


def _load(lam: float, h: float) -> tuple[float, float, float]:
    """The traffic of ``lam`` calls an hour of ``h`` seconds each (both checked by the declarations)."""
    a = lam * h / 3600.0
    if not math.isfinite(a) or a > MAX_AGENTS:
        raise ParameterError(f"calls_per_hour x handling_time_s is {lam:g} x {h:g} s = {a:g} erlangs of traffic; "
                             f"the kit sizes centres up to {MAX_AGENTS:,} busy agents.")
    return lam, h, a


def _erlang_b_upto(a: float, n: int) -> float:
    """Erlang B blocking with ``n`` servers by the stable recursion B(k) = a B(k-1) / (k + a B(k-1))."""
    b = 1.0
    for k in range(1, n + 1):
        b = a * b / (k + a * b)
    return b


def _from_b(lam, h, a, n, b, target) -> ErlangC:
    c = n * b / (n - a * (1.0 - b))  # Erlang C from Erlang B: no factorials, no overflow
    c = min(max(c, 0.0), 1.0)
    sl = 1.0 - c * math.exp(-(n - a) * target / h)
    asa = c * h / (n - a)
    return ErlangC(lam, h, n, target, a, a / n, c, min(max(sl, 0.0), 1.0), asa)


def _unstable(a, n):
    need = math.floor(a) + 1
    return ParameterError(
        f"The centre is unstable: {a:.4g} erlangs of traffic (calls per second x handling time) need more than "
        f"{a:.4g} agents, and {n} agents are not more, so the queue grows without end. Use at least {need} agents "
        f"(more for a service level), or fewer or shorter calls.")


@v.params(calls_per_hour=_RATE, handling_time_s=_RATE, agents=v.Number(low=1, high=MAX_AGENTS, integer=True, kind="size"),
          target_s=_TARGET_S)
def erlang_c(calls_per_hour, handling_time_s, agents, target_s=20) -> ErlangC:
    """Probability of waiting, service level and average speed of answer with ``agents`` agents.

    Example (the widely used Call Centre Helper worked example): 100 calls per half hour (200 an
    hour) of 180 s are 10 erlangs; with 11 agents 68.2 % of calls wait and 39.0 % are answered in
    20 s; with 14 agents 88.8 %, the first staffing that meets 80/20. Exact for thousands of agents (Erlang B recursion, no factorials).
    Raises ParameterError when the load is not below the number of agents (an unstable queue).
    """
    lam, h, a = _load(calls_per_hour, handling_time_s)
    n, t = agents, target_s
    if a >= n:
        raise _unstable(a, n)
    return _from_b(lam, h, a, n, _erlang_b_upto(a, n), t)


@v.params(calls_per_hour=_RATE, handling_time_s=_RATE, service_level=v.Share(low_open=True, high_open=True),
          target_s=_TARGET_S)
def agents_needed(calls_per_hour, handling_time_s, service_level=0.8, target_s=20) -> int:
    """The fewest agents that answer ``service_level`` of calls within ``target_s`` seconds
    (e.g. the 80/20 rule: 80 % in 20 s). Erlang C; one pass of the Erlang B recursion, so a centre
    of thousands of agents takes milliseconds."""
    lam, h, a = _load(calls_per_hour, handling_time_s)
    goal, t = service_level, target_s
    if t == 0 and goal >= 1:
        raise ParameterError("service_level must be below 1.")
    n = math.floor(a) + 1
    b = _erlang_b_upto(a, n)
    while True:
        r = _from_b(lam, h, a, n, b, t)
        if r.service_level >= goal:
            return n
        n += 1
        b = a * b / (n + a * b)


@v.params(calls_per_hour=_RATE, handling_time_s=_RATE, target_s=_TARGET_S,
          extra_agents=v.Number(low=0, high=10_000, integer=True, kind="size"))
def service_level_curve(calls_per_hour, handling_time_s, *, target_s=20, extra_agents: int = 30) -> pd.DataFrame:
    """Erlang C for every staffing level from the first stable one (floor(traffic) + 1) to
    ``extra_agents`` more: one row per number of agents, columns ``p_wait``, ``service_level``,
    ``asa_s``, ``occupancy``. The widget's chart."""
    lam, h, a = _load(calls_per_hour, handling_time_s)
    t, extra = target_s, extra_agents
    n0 = math.floor(a) + 1
    b = _erlang_b_upto(a, n0)
    rows = []
    for n in range(n0, n0 + extra + 1):
        if n > n0:
            b = a * b / (n + a * b)
        r = _from_b(lam, h, a, n, b, t)
        rows.append((n, r.p_wait, r.service_level, r.asa_s, r.occupancy))
    out = pd.DataFrame(rows, columns=["agents", "p_wait", "service_level", "asa_s", "occupancy"]).set_index("agents")
    return out
