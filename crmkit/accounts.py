"""Key account relationship management (大客户关系管理与价值提升).

Chapter 11 (syllabus C.12; seed 004 《大客户关系管理与价值提升》). The seed names its tools
("落地工具") but never gives their content: every computable version below is the course's own
design **[added]**, built on the seed's headings.

* Who is a real key account? (谁是我的真正大客户) -- :func:`scorecard`, the key-account value
  scorecard (大客户价值记分卡): weighted criteria scored 1-5, weights that sum to 1, a score and a
  rank per account; :func:`reweight` and :func:`weight_sensitivity` show how ranks move with the
  weights; :func:`ka_quadrant`, the four kinds of key accounts (四类关键大客户) as current value ×
  potential value.
* How much of the customer do we have? -- :func:`share_of_wallet` (钱包份额) and
  :func:`wallet_table` (what a target share would add).
* How strong is the relationship? -- :func:`relationship_level` / :func:`relationship_levels`, the
  relationship level score sheet (客户关系层级评估计分单) over the seed's four key points
  (communication, matching, alliance, identification): initial, ordinary, strategic or partner
  cooperation (初步/普通/战略/伙伴合作关系); :func:`assessment_grid`, the relationship assessment
  grid (大客户关系测评坐标): value against relationship strength; :func:`pdca_plan`, the next step
  of the PDCA loop (PDCA闭环) for an account at a level.
* Who decides inside the customer? -- :func:`power_map` and :func:`power_map_gaps`, the
  organisational power map (组织权力地图): contacts with role, influence, attitude to us and
  relationship strength, and the gaps it shows (an influential opponent, a decider we hardly know,
  no contact with the decider); :func:`responsibility_matrix`, who on our side looks after whom
  (layered communication, 分层级沟通).

Buying-centre role names (:data:`ROLES`) are defined here for the power map; the chapter on
influential customers (``crmkit.people``) teaches them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np
import pandas as pd

from . import _validate as v
from .errors import DataError, ParameterError, describe_rows

__all__ = [
    "DEFAULT_WEIGHTS", "CURRENT_CRITERIA", "KINDS", "SHEET_POINTS", "LEVELS", "LEVEL_BANDS", "ROLES",
    "REQUIRED_ROLES", "GAPS", "GRID", "MEETING_STEPS", "KEY_PERSON_STEPS", "EVALUATION_PRINCIPLES",
    "COMMUNICATION_MODES", "KEY_POINT_MODES", "OUR_SIDE",
    "scorecard", "reweight", "weight_sensitivity", "ka_quadrant",
    "share_of_wallet", "wallet_table",
    "relationship_level", "RelationshipLevel", "relationship_levels", "assessment_grid",
    "pdca_plan", "PdcaStep",
    "power_map", "power_map_gaps", "responsibility_matrix",
    "CUT_DECIMALS", "SeedTool", "SEED_TOOLS", "CALENDAR_FREQUENCY", "NEED_KINDS", "BROAD_PROCESS",
    "behaviour_calendar", "key_person_needs", "needs_iceberg", "expansion_card", "broad_coverage", "annual_plan",
]

# --------------------------------------------------------------------------------------------
# The course's definitions ([added] unless a seed is named)
# --------------------------------------------------------------------------------------------

#: The scorecard's five criteria and their weights (syllabus C.12, [added]): purchase volume
#: (采购量), profit contribution (利润贡献), growth potential (增长潜力), strategic fit
#: (战略匹配), relationship and credit (关系与信用).
DEFAULT_WEIGHTS = {
    "purchase_volume": 0.30,
    "profit_contribution": 0.25,
    "growth_potential": 0.20,
    "strategic_fit": 0.15,
    "relationship_credit": 0.10,
}
#: The criteria that measure what an account is worth today; the others measure its potential.
CURRENT_CRITERIA = ("purchase_volume", "profit_contribution")
#: The four kinds of key accounts (四类关键大客户; seed 004 names four kinds without defining them):
#: current value × potential value, high = at or above the cut (3 on the 1-5 scale), compared after
#: rounding to :data:`CUT_DECIMALS` decimals.
KINDS = ("core", "growth", "maintain", "reconsider")
#: Values are rounded to this many decimals before they are compared with a cut (the four kinds, the
#: assessment grid): a weighted mean that is 3 on paper, such as (0.30 × 3 + 0.25 × 3) / 0.55, is
#: 2.9999999999999996 in floating point and must count as "at or above 3".
CUT_DECIMALS = 9

#: The four key points of organisational relationships (seed 004, section 2.II): 沟通, 匹配, 联合, 认同.
SHEET_POINTS = ("communication", "matching", "alliance", "identification")
#: The four stages (seed 004, section 2.III): 初步, 普通, 战略, 伙伴合作关系.
LEVELS = ("initial", "ordinary", "strategic", "partner")
#: Score-sheet totals of each level ([added] thresholds): four points scored 1-5, total 4-20.
LEVEL_BANDS = {"initial": (4, 8), "ordinary": (9, 12), "strategic": (13, 16), "partner": (17, 20)}

#: Buying-centre roles (采购决策角色): the one list is :data:`crmkit.people.ROLES` (chapter 06).
from .people import ROLES  # noqa: E402

#: Roles a power map must cover: a missing one is a gap ("no contact").
REQUIRED_ROLES = ("decider", "influencer", "buyer", "user")
#: The kinds of gap :func:`power_map_gaps` reports, in order of urgency.
GAPS = ("no contact", "influential opponent", "weak decider")
#: The relationship assessment grid (大客户关系测评坐标): (high value?, strong relationship?) -> quadrant.
GRID = {(True, True): "consolidate", (True, False): "breakthrough", (False, True): "grow value",
        (False, False): "maintain"}

#: The meeting-service method (会议服务的拓展方法), seed 004 section 2.V, in order.
MEETING_STEPS = ("listen", "distinguish", "discuss", "share", "action plan", "execution plan")
#: The six key steps of key-person relationship management (关键客户关系管理的六个关键步骤), seed 004 3.III.
KEY_PERSON_STEPS = (
    "map the organisation and decision chain",
    "locate the key persons (visible and hidden)",
    "assess the relationship level with each key person",
    "divide responsibilities, one owner per key person",
    "set a relationship goal for each key person",
    "set management targets and supervise them",
)
#: The three principles of summarising and evaluating (总结评估三原则), seed 004 6.V.
EVALUATION_PRINCIPLES = ("process and result", "quantification", "relativity")
#: The layered communication mechanism (分层级沟通机制), seed 004 2.IV, six modes.
COMMUNICATION_MODES = (
    "top-management and strategy meetings",
    "technical exchanges and service support",
    "quarterly / monthly planning meetings",
    "business interaction and team building",
    "management training and study tours",
    "routine visits and adviser-style relations",
)
#: Which communication modes strengthen which key point ([added]).
KEY_POINT_MODES = {
    "communication": ("routine visits and adviser-style relations", "quarterly / monthly planning meetings"),
    "matching": ("technical exchanges and service support", "quarterly / monthly planning meetings"),
    "alliance": ("business interaction and team building", "top-management and strategy meetings"),
    "identification": ("management training and study tours", "top-management and strategy meetings"),
}
#: Who on our side owns the relationship with each buying-centre role (layered communication, [added]).
OUR_SIDE = {
    "decider": "executive sponsor",
    "influencer": "solution expert",
    "buyer": "account manager",
    "user": "service engineer",
    "gatekeeper": "account manager",
    "initiator": "account manager",
}
_STAFF = ("executive sponsor", "account manager", "solution expert", "service engineer")


# --------------------------------------------------------------------------------------------
# The key account value scorecard
# --------------------------------------------------------------------------------------------


def _criteria_weights(weights) -> pd.Series:
    w = v.weights("weights", DEFAULT_WEIGHTS if weights is None else weights)
    for k in w.index:
        if not isinstance(k, str):
            raise ParameterError(f"weights must be keyed by criterion (column) names, e.g. "
                                 f"{{'purchase_volume': 0.3, ...}}; got the key {k!r}.")
    return w


_WEIGHTS = v.Custom(lambda name, w: _criteria_weights(w), "criterion -> weight, summing to 1 (default DEFAULT_WEIGHTS)")


def _account_ids(df: pd.DataFrame, account: str, what: str) -> pd.Series:
    ids = v.ids(df, account, what)
    dup = ids.duplicated(keep=False)
    if dup.any():
        raise DataError(f"The column {account!r} of the {what} repeats accounts in {describe_rows(df.index[dup])} "
                        f"(e.g. {ids[dup].iloc[0]!r}): give one row per account.")
    return ids


def _group_value(points: pd.DataFrame, scores: pd.DataFrame, w: pd.Series, group: list) -> np.ndarray:
    """Weighted mean score of a group of criteria (weights renormalised inside the group; a group
    whose weights are all 0 counts its criteria equally)."""
    gw = w[group]
    if gw.sum() > 0:
        return (points[group].sum(axis=1) / gw.sum()).to_numpy()
    return scores[group].mean(axis=1).to_numpy()


@v.params(weights=_WEIGHTS, account=v.Column(), cut=v.Number(low=1, high=5),
          current=v.Custom(lambda name, c: v.names(name, c), "the names of the current-value criteria"),
          accounts=v.Table("key accounts", columns=("account", "weights")))
def scorecard(accounts: pd.DataFrame, weights=None, *, account: str = "account_id",
              current=CURRENT_CRITERIA, cut: float = 3.0) -> pd.DataFrame:
    """The key account value scorecard (大客户价值记分卡): score = Σ weight × criterion score.

    ``accounts`` has one row per account, an id column and one column per criterion with scores
    from 1 to 5; ``weights`` maps each criterion to its weight (non-negative, summing to 1;
    default :data:`DEFAULT_WEIGHTS`). Returns one row per account, best first, indexed by
    account: ``score``, ``rank`` (1 = best; equal scores share the better rank), the
    ``current_value`` (weighted mean of the ``current`` criteria) and ``potential_value`` (of the
    others; names in ``current`` that are not criteria are ignored, and when a group is empty its
    value is the score), the ``segment`` (one of :data:`KINDS`, see :func:`ka_quadrant`, both
    values cut at ``cut``) and, for each criterion, the ``<criterion>_points`` it contributes
    (weight × score).

    Syllabus C.12, exercise 2: weights 0.30, 0.25, 0.20, 0.15, 0.10 and scores X (5, 3, 4, 4, 2),
    Y (4, 4, 3, 3, 4), Z (3, 5, 5, 2, 3) give X 3.85, Z 3.75, Y 3.65: X, Z, Y.
    """
    w = weights
    criteria = list(w.index)
    ids = _account_ids(accounts, account, "key accounts")
    scores = pd.DataFrame({c: v.numeric_column(accounts, c, "key accounts", low=1, high=5).to_numpy()
                           for c in criteria}, index=pd.Index(ids.to_numpy(), name=account))
    current = [c for c in current if c in criteria]
    potential = [c for c in criteria if c not in current]
    points = scores * w
    out = pd.DataFrame(index=scores.index)
    out["score"] = points.sum(axis=1)
    # 12 decimals: 0.3*5 + ... must tie with 0.25*5 + ... when the arithmetic is equal on paper
    out["rank"] = out["score"].round(12).rank(ascending=False, method="min").astype(int)
    total = out["score"].to_numpy()
    out["current_value"] = _group_value(points, scores, w, current) if current else total
    out["potential_value"] = _group_value(points, scores, w, potential) if potential else total
    out["segment"] = _kinds(out["current_value"].to_numpy(), out["potential_value"].to_numpy(), cut, cut)
    for c in criteria:
        out[f"{c}_points"] = points[c]
    order = np.lexsort((np.arange(len(out)), out["rank"].to_numpy()))
    return out.iloc[order]


@v.params(weights=_WEIGHTS, criterion=v.Column(), value=v.Share())
def reweight(weights, criterion: str, value: float) -> pd.Series:
    """Set one criterion's weight to ``value`` and scale the others so that all still sum to 1
    (in proportion to their old weights; equally when they were all 0)."""
    return _reweight(weights, criterion, value)


def _reweight(w: pd.Series, criterion: str, value: float) -> pd.Series:
    v.choice("criterion", criterion, list(w.index))  # one of the weights' criteria
    others = [k for k in w.index if k != criterion]
    out = w.copy()
    out[criterion] = value
    if others:
        rest = w[others].sum()
        out[others] = (w[others] / rest * (1 - value)) if rest > 0 else (1 - value) / len(others)
    elif value != 1:
        raise ParameterError(f"{criterion!r} is the only criterion, so its weight must be 1; got {value!r}.")
    return out


@v.params(weights=_WEIGHTS, criterion=v.Column(), account=v.Column(),
          steps=v.Number(low=2, high=1001, integer=True, kind="size"),
          accounts=v.Table("key accounts", columns=("account", "weights")))
def weight_sensitivity(accounts: pd.DataFrame, weights=None, *, criterion: str = "purchase_volume",
                       account: str = "account_id", steps: int = 11) -> pd.DataFrame:
    """Sensitivity to the weights (权重敏感性): score and rank of every account as one criterion's
    weight runs from 0 to 1 in ``steps`` points, the others scaled by :func:`reweight`.

    Long table: ``weight``, the account column, ``score``, ``rank``. Where a line of ranks
    changes, the ranking depends on a judgement about weights: say so when you present it.
    """
    w = weights
    v.choice("criterion", criterion, list(w.index))  # one of the weights' criteria
    scorecard(accounts, w, account=account)  # checks the accounts' ids and scores
    criteria = list(w.index)
    ids = accounts[account].to_numpy()  # in the table's order, as scorecard breaks ties
    s = np.column_stack([v.numeric_column(accounts, c, "key accounts").to_numpy() for c in criteria])
    grid = np.round(np.linspace(0.0, 1.0, steps), 12)
    weights = np.array([_reweight(w, criterion, float(x)).to_numpy() for x in grid])  # steps x criteria
    scores = np.zeros((len(ids), steps))
    for k in range(len(criteria)):  # left to right, as scorecard sums its points
        scores += s[:, [k]] * weights[:, k]
    # one stable sort per step gives the order (best first, ties in the accounts' order) and the ranks
    # (1 = best; equal scores share the better rank), as scorecard ranks them
    key = -np.round(scores, 12).T  # steps x accounts
    order = np.argsort(key, axis=1, kind="stable")
    ranked = np.take_along_axis(key, order, axis=1)
    pos = np.arange(len(ids))
    new = np.ones_like(ranked, dtype=bool)
    new[:, 1:] = ranked[:, 1:] != ranked[:, :-1]
    ranks = np.maximum.accumulate(np.where(new, pos, 0), axis=1) + 1
    return pd.DataFrame({"weight": np.repeat(grid, len(ids)),
                         account: ids[order.ravel()],
                         "score": np.take_along_axis(scores.T, order, axis=1).ravel(),
                         "rank": ranks.ravel().astype(int)})


def _values(name: str, x) -> pd.Series:
    if isinstance(x, pd.Series) and pd.api.types.is_numeric_dtype(x) and not pd.api.types.is_bool_dtype(x) \
            and len(x) and np.isfinite(x.to_numpy(dtype=float)).all():
        return x.astype(float)  # the fast path; anything else gets sequence()'s messages
    if isinstance(x, pd.Series):
        return pd.Series(v.sequence(name, x), index=x.index)
    return pd.Series(v.sequence(name, x))


def _kinds(current: np.ndarray, potential: np.ndarray, current_cut: float, potential_cut: float) -> np.ndarray:
    # rounded (CUT_DECIMALS), so that a value that is 3 on paper (e.g. 1.65 / 0.55) is not 2.9999999999999996
    hi_c = np.round(current, CUT_DECIMALS) >= current_cut
    hi_p = np.round(potential, CUT_DECIMALS) >= potential_cut
    return np.select([hi_c & hi_p, hi_p, hi_c], ["core", "growth", "maintain"], "reconsider").astype(object)


@v.params(current=v.Custom(_values, "one value per account (a list or a Series)"),
          potential=v.Custom(_values, "one value per account (a list or a Series)"),
          current_cut=v.Number(), potential_cut=v.Number())
def ka_quadrant(current, potential, *, current_cut: float = 3.0, potential_cut: float = 3.0) -> pd.DataFrame:
    """The four kinds of key accounts (四类关键大客户), [added]: current value × potential value.

    ``current`` and ``potential`` are per-account values (lists or Series with the same index);
    a value at or above its cut is high, compared after rounding to :data:`CUT_DECIMALS` decimals
    (so that 3 on paper is 3 in floating point). Core (核心型: high, high) -- invest, partner; growth
    (成长型: low now, high potential) -- develop; maintain (维持型: high now, low potential) --
    serve efficiently, defend; reconsider (调整型: low, low) -- lower the cost to serve or step back.
    """
    c, p = current, potential
    if len(c) != len(p):
        raise ParameterError(f"current and potential must have one value per account: {len(c)} and {len(p)} values.")
    plain = (isinstance(c.index, pd.RangeIndex) and c.index.equals(pd.RangeIndex(len(c)))) or \
        (isinstance(p.index, pd.RangeIndex) and p.index.equals(pd.RangeIndex(len(p))))  # a list: no accounts to match
    if not plain and not c.index.equals(p.index):
        raise ParameterError("current and potential must have the same index (the same accounts in the same order).")
    cc, pc = current_cut, potential_cut
    kind = _kinds(c.to_numpy(), p.to_numpy(), cc, pc)
    return pd.DataFrame({"current": c.to_numpy(), "potential": p.to_numpy(), "segment": kind}, index=c.index)


# --------------------------------------------------------------------------------------------
# Share of wallet
# --------------------------------------------------------------------------------------------


@v.params(our_sales=v.Number(low=0, kind="money"), category_spend=v.Number(low=0, low_open=True, kind="money"))
def share_of_wallet(our_sales: float, category_spend: float) -> float:
    """Share of wallet (钱包份额): our sales to a customer / the customer's total spend in our category.

    Syllabus C.12, exercise 1: ¥2.0 m of ¥8.0 m -> 0.25.
    """
    ours, spend = our_sales, category_spend
    if ours > spend:
        raise ParameterError(f"our_sales ({ours:g}) cannot exceed the customer's category_spend ({spend:g}): "
                             "the wallet is everything the customer spends in the category, ours included.")
    return ours / spend


@v.params(account=v.Column(), our_sales=v.Column(), category_spend=v.Column(), margin=v.Column(optional=True),
          target_share=v.Share(),
          accounts=v.Table("key accounts", columns=("account", "our_sales", "category_spend", "margin")))
def wallet_table(accounts: pd.DataFrame, *, account: str = "account_id", our_sales: str = "our_sales",
                 category_spend: str = "annual_purchases", margin: str | None = "margin",
                 target_share: float = 0.5) -> pd.DataFrame:
    """Share of wallet and its growth potential, one row per account.

    Columns: ``share_of_wallet``, ``headroom`` (¥ the customer spends with others),
    ``gain_at_target`` (extra sales if our share reached ``target_share``; 0 when already there)
    and, with a ``margin`` column (gross margin rate 0-1), ``margin_gain`` = gain × margin.
    """
    ids = _account_ids(accounts, account, "key accounts")
    ours = v.numeric_column(accounts, our_sales, "key accounts", allow_negative=False).to_numpy()
    spend = v.numeric_column(accounts, category_spend, "key accounts", allow_negative=False).to_numpy()
    target = target_share
    bad = spend <= 0
    if bad.any():
        raise DataError(f"The column {category_spend!r} of the key accounts must be more than 0 (a customer "
                        f"with no spend has no wallet) in {describe_rows(accounts.index[bad])}.")
    bad = ours > spend
    if bad.any():
        raise DataError(f"Our sales exceed the customer's category spend in {describe_rows(accounts.index[bad])}: "
                        f"check {our_sales!r} and {category_spend!r}.")
    out = pd.DataFrame(index=pd.Index(ids.to_numpy(), name=account))
    out["our_sales"] = ours
    out["category_spend"] = spend
    out["share_of_wallet"] = ours / spend
    out["headroom"] = spend - ours
    out["gain_at_target"] = np.maximum(target * spend - ours, 0.0)
    if margin:
        m = v.numeric_column(accounts, margin, "key accounts", low=0, high=1).to_numpy()
        out["margin_gain"] = out["gain_at_target"].to_numpy() * m
    return out


# --------------------------------------------------------------------------------------------
# Relationship levels
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RelationshipLevel:
    """One account's score sheet: the total of the four key points and the level it reaches."""

    score: float  # 4-20
    level: str  # one of LEVELS
    next_level: str  # the level above ("partner" stays "partner")
    points_to_next: float  # points the total must gain to reach the next level (0 at partner)
    weakest: str  # the key point with the lowest score (the first one on a tie)


def _level_of(total: float) -> str:
    for name, (_, hi) in LEVEL_BANDS.items():
        if total <= hi:
            return name
    return LEVELS[-1]


def _describe(points: np.ndarray) -> tuple:
    total = float(points.sum())
    level = _level_of(total)
    i = LEVELS.index(level)
    nxt = LEVELS[min(i + 1, len(LEVELS) - 1)]
    to_next = 0.0 if level == LEVELS[-1] else float(LEVEL_BANDS[nxt][0] - total)
    return total, level, nxt, to_next, SHEET_POINTS[int(np.argmin(points))]


def _sheet(name, sheet) -> np.ndarray:
    if not isinstance(sheet, (Mapping, pd.Series)):
        raise ParameterError(f"sheet must map each key point {list(SHEET_POINTS)} to a score 1-5, e.g. "
                             f"{{'communication': 4, ...}}; got {type(sheet).__name__}.")
    missing = [k for k in SHEET_POINTS if k not in sheet]
    extra = [k for k in (sheet.index if isinstance(sheet, pd.Series) else sheet) if k not in SHEET_POINTS]
    if missing or extra:
        raise ParameterError(f"sheet must score exactly the four key points {list(SHEET_POINTS)}; "
                             f"missing {missing}, unknown {extra}.")
    return np.array([v.number(f"sheet[{k!r}]", sheet[k], low=1, high=5) for k in SHEET_POINTS])


@v.params(sheet=v.Custom(_sheet, "key point -> score 1-5 for the four points of SHEET_POINTS"))
def relationship_level(sheet) -> RelationshipLevel:
    """The relationship level score sheet (客户关系层级评估计分单), [added] thresholds.

    ``sheet`` maps each key point of :data:`SHEET_POINTS` (communication 沟通, matching 匹配,
    alliance 联合, identification 认同) to a score from 1 to 5. The total (4-20) gives the level:
    4-8 initial (初步合作), 9-12 ordinary (普通合作), 13-16 strategic (战略合作), 17-20 partner
    (伙伴合作). Syllabus C.12, exercise 3: 4, 3, 4, 3 -> 14 -> strategic.
    """
    return RelationshipLevel(*_describe(sheet))


@v.params(account=v.Column(), answers=v.Table("relationship sheets", columns=("account", *SHEET_POINTS)))
def relationship_levels(answers: pd.DataFrame, *, account: str = "account_id") -> pd.DataFrame:
    """:func:`relationship_level` for a table of score sheets (one row per account, the four key
    points as columns 1-5). Returns, indexed by account: the four scores, ``relationship_score``,
    ``level``, ``next_level``, ``points_to_next`` and ``weakest``."""
    ids = _account_ids(answers, account, "relationship sheets")
    pts = np.column_stack([v.numeric_column(answers, k, "relationship sheets", low=1, high=5).to_numpy()
                           for k in SHEET_POINTS])
    rows = [_describe(p) for p in pts]
    out = pd.DataFrame(pts, columns=list(SHEET_POINTS), index=pd.Index(ids.to_numpy(), name=account))
    for j, col in enumerate(("relationship_score", "level", "next_level", "points_to_next", "weakest")):
        out[col] = [r[j] for r in rows]
    return out


@v.params(value=v.Column(), relationship=v.Column(), value_cut=v.Number(), relationship_cut=v.Number(),
          table=v.Table("accounts", columns=("value", "relationship")))
def assessment_grid(table: pd.DataFrame, *, value: str = "score", relationship: str = "relationship_score",
                    value_cut: float = 3.0, relationship_cut: float = 12.5) -> pd.DataFrame:
    """The relationship assessment grid (大客户关系测评坐标), [added]: value against relationship strength.

    ``table``: one row per account (index = account) with a value column (the scorecard's
    ``score``, 1-5) and a relationship column (the score sheet total, 4-20). Quadrants (column
    ``segment``): consolidate (巩固: high value, strong relationship), breakthrough (突破: high
    value, weak relationship -- the risk), grow value (挖潜: low value, strong relationship),
    maintain (维持: low, low). The default relationship cut 12.5 separates ordinary from strategic.
    High means at or above the cut, after rounding to :data:`CUT_DECIMALS` decimals.
    """
    x = v.numeric_column(table, value, "accounts").to_numpy()
    y = v.numeric_column(table, relationship, "accounts").to_numpy()
    vc, rc = value_cut, relationship_cut
    out = pd.DataFrame({"value": x, "relationship": y}, index=table.index)
    xr, yr = np.round(x, CUT_DECIMALS), np.round(y, CUT_DECIMALS)  # at or above a cut, as ka_quadrant
    out["segment"] = [GRID[(bool(a >= vc), bool(b >= rc))] for a, b in zip(xr, yr)]
    return out


@dataclass(frozen=True)
class PdcaStep:
    """The next turn of the PDCA loop (PDCA闭环) for one account: where it is, where to go, what to work
    on and with which modes. ``i18n.describe(step)`` writes the plan / do / check / act sentences in the
    current language (labels ``accounts.pdca.*``)."""

    level: str
    target_level: str
    focus: str  # the key point to work on
    modes: tuple  # communication modes (seed 004 2.IV) that strengthen it


@v.params(level=v.Options(*LEVELS), weakest=v.Options(*SHEET_POINTS, optional=True))
def pdca_plan(level: str, *, weakest: str | None = None) -> PdcaStep:
    """The next step of the PDCA plan (计划-执行-检查-处理) for an account at a relationship level.

    Plan: aim one level up (partner: keep it), working on the ``weakest`` key point (default: the
    point the course names for the level); do: the communication modes that strengthen it
    (:data:`KEY_POINT_MODES`); check: re-score the sheet each quarter, results and process (seed
    004's first principle); act: keep what raised the score, change owners or modes where it did
    not. The text is [added]; ``i18n.describe(pdca_plan(...))`` gives it in the current language.
    """
    default_focus = {"initial": "communication", "ordinary": "matching", "strategic": "alliance",
                     "partner": "identification"}
    focus = default_focus[level] if weakest is None else weakest
    i = LEVELS.index(level)
    target = LEVELS[min(i + 1, len(LEVELS) - 1)]
    return PdcaStep(level=level, target_level=target, focus=focus, modes=KEY_POINT_MODES[focus])


# --------------------------------------------------------------------------------------------
# The organisational power map
# --------------------------------------------------------------------------------------------

def _contacts(contacts, *, name, role, influence, attitude, relationship) -> pd.DataFrame:
    what = "contacts"  # the table and the names of its columns are checked by the public function's declaration
    names = v.ids(contacts, name, what)
    roles = contacts[role]
    bad = ~roles.isin(ROLES)
    if bad.any():
        raise DataError(f"The column {role!r} of the {what} must hold buying-centre roles {list(ROLES)}; "
                        f"{describe_rows(contacts.index[bad])} do not (e.g. {roles[bad].iloc[0]!r}).")
    out = pd.DataFrame({
        "name": names.astype(str).to_numpy(),
        "role": roles.to_numpy(),
        "influence": v.numeric_column(contacts, influence, what, low=1, high=5).to_numpy(),
        "attitude": v.numeric_column(contacts, attitude, what, low=-2, high=2).to_numpy(),
        "relationship": v.numeric_column(contacts, relationship, what, low=1, high=4).to_numpy(),
    }, index=contacts.index)
    return out


def _gap_table(c: pd.DataFrame, acc, required, influence_cut, weak) -> pd.DataFrame:
    """Every gap of the organisations in ``c`` (``acc``: each row's account), most urgent first."""
    c = c.assign(_acc=acc)
    have = set(zip(c["_acc"], c["role"]))
    missing = [(a, r) for a in pd.unique(c["_acc"]) for r in required if (a, r) not in have]
    nc = pd.DataFrame({"_acc": [a for a, _ in missing], "name": "", "role": [r for _, r in missing],
                       "gap": "no contact", "_o": 0, "_k": 0.0})
    opp = c[(c["influence"] >= influence_cut) & (c["attitude"] < 0)]
    opp = opp.assign(gap="influential opponent", _o=1, _k=-opp["influence"])
    dec = c[(c["role"] == "decider") & (c["relationship"] <= weak)].assign(gap="weak decider", _o=2, _k=0.0)
    cols = ["_acc", "name", "role", "gap", "_o", "_k"]
    parts = [p[cols] for p in (nc, opp, dec) if len(p)]
    if not parts:
        return pd.DataFrame(columns=cols)
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["_acc", "_o", "_k"], kind="stable")


@v.params(account=v.Column(optional=True), name=v.Column(), role=v.Column(), influence=v.Column(), attitude=v.Column(), relationship=v.Column(),
          required_roles=v.Custom(lambda name, r: v.names(name, r, ROLES), "a list of roles of ROLES"),
          influence_cut=v.Number(low=1, high=5), weak=v.Number(low=1, high=4),
          contacts=v.Table("contacts", columns=("name", "role", "influence", "attitude", "relationship", "account")))
def power_map_gaps(contacts: pd.DataFrame, *, account: str | None = None, name: str = "name", role: str = "role",
                   influence: str = "influence", attitude: str = "attitude", relationship: str = "relationship",
                   required_roles=REQUIRED_ROLES, influence_cut: float = 4, weak: float = 2) -> pd.DataFrame:
    """The gaps a power map shows (组织权力地图的缺口), one row per gap, most urgent kind first.

    ``contacts``: one row per person in the customer's organisation with a buying-centre ``role``
    (:data:`ROLES`), ``influence`` 1-5, ``attitude`` to us -2 (opponent) .. +2 (supporter) and
    ``relationship`` strength 1-4 (our relationship level with the person). Gaps (``gap``):

    * ``"no contact"`` -- a role of ``required_roles`` that no contact holds (e.g. no contact with
      the decider);
    * ``"influential opponent"`` -- influence at least ``influence_cut`` and attitude below 0;
    * ``"weak decider"`` -- a decider whose relationship with us is ``weak`` or weaker.

    With ``account`` (a column name) each account's organisation is read separately and the
    result has that column. Columns: [account], ``gap``, ``contact`` (empty for "no contact"),
    ``role``. No gaps: an empty table with these columns.

    Syllabus C.12, exercise 5: Li (decider, influence 5, attitude 0, relationship 1), Wang
    (influencer, 4, -1, 2), Zhao (buyer, 3, +1, 3), Chen (user, 2, +2, 4) -> Wang is an
    influential opponent, Li a weak decider.
    """
    c = _contacts(contacts, name=name, role=role, influence=influence, attitude=attitude,
                  relationship=relationship)
    required, cut = required_roles, influence_cut
    cols = ["gap", "contact", "role"]
    if account:
        acc = v.ids(contacts, account, "contacts").to_numpy()
        cols = [account] + cols
    else:
        acc = np.zeros(len(c), dtype=int)
    t = _gap_table(c, acc, required, cut, weak)
    out = pd.DataFrame({"gap": t["gap"].to_numpy(dtype=object), "contact": t["name"].to_numpy(dtype=object),
                        "role": t["role"].to_numpy(dtype=object)})
    if account:
        out.insert(0, account, t["_acc"].to_numpy())
    return out[cols]


def _org_chart(names: list, bosses: list, reports_to: str) -> tuple[list, list]:
    """Level (0 = top) and chart position x of each person, without recursion: linear in the number of
    people however deep the reporting chain (leaves spaced by 1, a boss centred over their reports)."""
    idx = {n: i for i, n in enumerate(names)}
    parent = [idx[b] if b else -1 for b in bosses]
    level = [-1] * len(names)
    on_path = [False] * len(names)
    for i in range(len(names)):
        path, x = [], i
        while x != -1 and level[x] < 0 and not on_path[x]:
            on_path[x] = True
            path.append(x)
            x = parent[x]
        if x != -1 and level[x] < 0:  # back on the path: a loop
            loop = path[path.index(x):] + [x]
            shown = [names[j] for j in loop] if len(loop) <= 12 else [names[j] for j in loop[:10]] + ["..."]
            raise DataError(f"The column {reports_to!r} of the contacts has a loop ({' -> '.join(map(str, shown))}): "
                            "someone must be at the top.")
        top = -1 if x == -1 else level[x]
        for depth, j in enumerate(reversed(path), start=1):
            level[j] = top + depth
            on_path[j] = False
    children: list[list[int]] = [[] for _ in names]
    for i, p in enumerate(parent):
        if p != -1:
            children[p].append(i)
    xpos = [0.0] * len(names)
    nxt = 0.0
    for root in (i for i, p in enumerate(parent) if p == -1):
        stack = [(root, False)]
        while stack:
            n, done = stack.pop()
            kids = children[n]
            if not kids:
                xpos[n] = nxt
                nxt += 1.0
            elif done:
                xpos[n] = (xpos[kids[0]] + xpos[kids[-1]]) / 2
            else:
                stack.append((n, True))
                stack.extend((k, False) for k in reversed(kids))
    return level, xpos


@v.params(name=v.Column(), role=v.Column(), influence=v.Column(), attitude=v.Column(), relationship=v.Column(),
          reports_to=v.Column(), title=v.Column(optional=True), hidden=v.Column(optional=True),
          influence_cut=v.Number(low=1, high=5), weak=v.Number(low=1, high=4),
          contacts=v.Table("contacts", columns=("name", "role", "influence", "attitude", "relationship", "reports_to",
                                                "title", "hidden")))
def power_map(contacts: pd.DataFrame, *, name: str = "name", role: str = "role", influence: str = "influence",
              attitude: str = "attitude", relationship: str = "relationship", reports_to: str = "reports_to",
              title: str | None = None, hidden: str | None = None, influence_cut: float = 4,
              weak: float = 2) -> pd.DataFrame:
    """The organisational power map (组织权力地图) of one customer, laid out as an org chart.

    ``contacts``: one organisation (names unique), each person's boss in ``reports_to`` (empty
    for the top); optional ``title`` and ``hidden`` (yes/no: a hidden key person, 隐性关键人).
    Returns one row per contact with ``name``, ``role``, ``influence``, ``attitude``,
    ``relationship``, [``title``], ``hidden``, ``boss``, ``level`` (0 = top), the chart position
    ``x``, ``y`` (leaves spaced by 1, a boss centred over the people reporting to them) and
    ``gap`` (the person's gap from :func:`power_map_gaps`, else "").
    """
    c = _contacts(contacts, name=name, role=role, influence=influence, attitude=attitude,
                  relationship=relationship)
    dup = c["name"].duplicated(keep=False)
    if dup.any():
        raise DataError(f"The column {name!r} of the contacts repeats names in {describe_rows(contacts.index[dup])}: "
                        "the power map needs one organisation with unique names (filter one account first).")
    if title:
        c["title"] = contacts[title].fillna("").astype(str).to_numpy()
    c["hidden"] = v.flag_column(contacts, hidden, "contacts").to_numpy() if hidden else False
    boss = contacts[reports_to].astype(object).where(contacts[reports_to].notna(), "").astype(str).str.strip()
    names = list(c["name"])
    unknown = boss[(boss != "") & ~boss.isin(names)]
    if len(unknown):
        raise DataError(f"The column {reports_to!r} names people who are not among the contacts in "
                        f"{describe_rows(unknown.index)} (e.g. {unknown.iloc[0]!r}); leave it empty for the top person.")
    c["boss"] = boss.to_numpy()
    level, xpos = _org_chart(names, list(c["boss"]), reports_to)
    c["level"] = level
    c["x"] = xpos
    c["y"] = [0.0 - x for x in level]
    gaps = power_map_gaps(c, required_roles=(), influence_cut=influence_cut, weak=weak)
    first: dict = {}
    for n, g in zip(gaps["contact"], gaps["gap"]):  # the most urgent gap of each person
        first.setdefault(n, g)
    c["gap"] = [first.get(n, "") for n in c["name"]]
    return c.reset_index(drop=True)


def _staff(name, staff) -> dict:
    names = dict(zip(_STAFF, _STAFF))
    if staff is not None:
        if not isinstance(staff, Mapping):
            raise ParameterError(f"staff must map our roles {list(_STAFF)} to people's names; got {type(staff).__name__}.")
        for k, x in staff.items():
            v.choice("staff key", k, _STAFF)
            if not isinstance(x, str) or not x.strip():
                raise ParameterError(f"staff[{k!r}] must be a person's name; got {x!r}.")
            names[k] = x
        shown = list(names.values())
        if len(set(shown)) < len(shown) or "role" in shown:
            raise ParameterError(f"staff must give each of our roles its own name (and not 'role'); got {shown}.")
    return names


@v.params(name=v.Column(), role=v.Column(), influence=v.Column(), attitude=v.Column(), relationship=v.Column(), staff=v.Custom(_staff, "our role -> a person's name (optional)"),
          contacts=v.Table("contacts", columns=("name", "role", "influence", "attitude", "relationship")))
def responsibility_matrix(contacts: pd.DataFrame, *, name: str = "name", role: str = "role",
                          influence: str = "influence", attitude: str = "attitude",
                          relationship: str = "relationship", staff: Mapping | None = None) -> pd.DataFrame:
    """Who on our side owns each key person (责任矩阵, layered communication), [added].

    Each contact gets an owner ("R", responsible) by role (:data:`OUR_SIDE`: the decider ↔ our
    executive sponsor, an influencer ↔ our solution expert, the buyer and gatekeeper ↔ the account
    manager, users ↔ our service engineer) and the account manager supports ("S") every contact
    he does not own. An influential opponent or a weak decider also gets the executive sponsor's
    support. ``staff`` may name the people behind our four roles. Rows: contacts; columns: our
    roles (or their names).
    """
    c = _contacts(contacts, name=name, role=role, influence=influence, attitude=attitude,
                  relationship=relationship)
    names = staff
    dup = c["name"].duplicated(keep=False)
    if dup.any():
        raise DataError(f"The column {name!r} of the contacts repeats names in {describe_rows(contacts.index[dup])}: "
                        "give one organisation with unique names (filter one account first).")
    owner = c["role"].map(OUR_SIDE).to_numpy(dtype=object)
    flagged = c["name"].isin(set(power_map_gaps(c, required_roles=())["contact"])).to_numpy()
    cells = {s: np.where(owner == s, "R", "").astype(object) for s in _STAFF}
    cells["account manager"] = np.where(owner == "account manager", "R", "S").astype(object)
    cells["executive sponsor"] = np.where(owner == "executive sponsor", "R",
                                          np.where(flagged, "S", "")).astype(object)
    out = pd.DataFrame(cells, index=pd.Index(c["name"].to_numpy(), name="contact"), columns=list(_STAFF))
    out.insert(0, "role", c["role"].to_numpy())
    return out.rename(columns=names)


# --------------------------------------------------------------------------------------------
# Seed 004's tools, and the sections 2.IV, 3.IV, 4, 5 and 6 of the seed ([added] designs)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeedTool:
    """One of seed 004's practical tools (落地工具): its name in the seed, an English name, the seed's
    section, the anchor of the chapter 11 section that teaches it and how (a kit call, or
    ``"worked template"`` for a filled example table)."""

    chinese: str
    english: str
    section: str
    anchor: str
    kit: str


#: Seed 004's tools, in the seed's order, each named once (the seed mentions 关键业务行为日历 twice).
SEED_TOOLS = (
    SeedTool("大客户记分卡", "key account (value) scorecard", "1.I", "ka-scorecard", "accounts.scorecard"),
    SeedTool("大客户关系测评坐标", "key account relationship assessment grid", "1.II", "assessment-grid",
             "accounts.assessment_grid"),
    SeedTool("大客户关系测试评估模型", "key account relationship test and assessment model", "1.III",
             "relationship-test", "accounts.wallet_table + accounts.relationship_levels"),
    SeedTool("客户关系层级评估计分单", "relationship level assessment score sheet", "2.III", "relationship-levels",
             "accounts.relationship_level"),
    SeedTool("各种沟通方式的运作关键点与细节", "key points and details of each communication mode", "2.IV",
             "behaviour-calendar", "worked template"),
    SeedTool("关键业务行为日历", "key business behaviour calendar", "2.IV, 6.IV", "behaviour-calendar",
             "accounts.behaviour_calendar"),
    SeedTool("组织权力地图", "organisational power map", "3.III", "power-map", "accounts.power_map"),
    SeedTool("关键客户关系现状评估表", "key-person relationship status assessment form", "3.III", "power-map",
             "accounts.power_map_gaps"),
    SeedTool("关键人需求分析模式", "key-person needs analysis model", "3.IV", "key-person-needs",
             "accounts.key_person_needs"),
    SeedTool("客户关键拓展卡片", "customer key-expansion card", "3.IV", "key-person-needs", "accounts.expansion_card"),
    SeedTool("普遍客户管理责任矩阵", "broad-based customer management responsibility matrix", "4.II", "broad-based",
             "accounts.responsibility_matrix"),
    SeedTool("普遍客户关系管理流程", "broad-based customer relationship management process", "4.II", "broad-based",
             "accounts.broad_coverage"),
    SeedTool("普遍客户关系拓展平台规划书", "broad-based relationship expansion platform plan", "4.III", "broad-based",
             "worked template"),
    SeedTool("大客户需求分析模型", "key account needs analysis model", "5.II", "ka-needs", "worked template"),
    SeedTool("大客户需求的冰山模型", "iceberg model of key account needs", "5.II", "ka-needs", "accounts.needs_iceberg"),
    SeedTool("大客户战略价值提升模型", "key account strategic value enhancement model", "5.III", "ka-needs",
             "worked template"),
    SeedTool("大客户关系管理循环轮盘", "key account relationship management cycle wheel", "6.II", "pdca-wheel",
             "accounts.pdca_plan"),
    SeedTool("大客户关系提升年度规划书", "key account relationship improvement annual plan", "6.III", "annual-plan",
             "accounts.annual_plan"),
    SeedTool("大客户关系管理目标责任书", "key account relationship management target responsibility letter", "6.IV",
             "annual-plan", "worked template"),
    SeedTool("大客户关系管理轮盘", "key account relationship management wheel", "6.V", "pdca-wheel",
             "accounts.pdca_plan"),
)

#: Times a year each communication mode (:data:`COMMUNICATION_MODES`) is planned for an account at each
#: relationship level ([added]): the key business behaviour calendar's (关键业务行为日历) defaults.
CALENDAR_FREQUENCY = {
    "top-management and strategy meetings": {"initial": 1, "ordinary": 1, "strategic": 2, "partner": 4},
    "technical exchanges and service support": {"initial": 2, "ordinary": 4, "strategic": 6, "partner": 6},
    "quarterly / monthly planning meetings": {"initial": 0, "ordinary": 4, "strategic": 4, "partner": 12},
    "business interaction and team building": {"initial": 1, "ordinary": 2, "strategic": 3, "partner": 4},
    "management training and study tours": {"initial": 0, "ordinary": 1, "strategic": 2, "partner": 2},
    "routine visits and adviser-style relations": {"initial": 6, "ordinary": 12, "strategic": 12, "partner": 12},
}
#: The two kinds of a key person's needs (关键人需求): the organisation's (业务/组织需求) and his own (个人需求).
NEED_KINDS = ("organisational", "personal")
#: The broad-based customer relationship management process (普遍客户关系管理流程), seed 004 4.II, in order.
BROAD_PROCESS = (
    "analyse the current state of broad-based relationships",
    "allocate the responsibility matrix",
    "set targets and measures (into the KPIs)",
    "evaluate broad-based relationships regularly",
    "appraise and correct quarterly or half-yearly",
    "close the PDCA loop",
)
#: The communication mode that first serves each buying-centre role on the expansion card ([added]).
ROLE_MODES = {
    "decider": "top-management and strategy meetings",
    "influencer": "technical exchanges and service support",
    "buyer": "quarterly / monthly planning meetings",
    "user": "technical exchanges and service support",
    "gatekeeper": "routine visits and adviser-style relations",
    "initiator": "routine visits and adviser-style relations",
}


def _spread(n: int) -> list:
    """The months (1-12) of ``n`` events spread evenly over a year."""
    return [int((k + 0.5) * 12 / n) + 1 for k in range(n)]


@v.params(level=v.Options(*LEVELS), weakest=v.Options(*SHEET_POINTS, optional=True))
def behaviour_calendar(level: str, *, weakest: str | None = None) -> pd.DataFrame:
    """The key business behaviour calendar (关键业务行为日历), [added]: how many times each
    communication mode (seed 004 2.IV) is planned in each month of the year for an account at a
    relationship ``level``.

    Frequencies a year: :data:`CALENDAR_FREQUENCY`, spread evenly over the months. With ``weakest``
    (the key point to work on, e.g. from :func:`relationship_level`), the modes that strengthen it
    (:data:`KEY_POINT_MODES`) get the frequency of the level above: the calendar pushes where the
    score sheet is weakest. Rows: months 1-12 (index ``month``); columns: the six modes and ``total``.
    """
    up = LEVELS[min(LEVELS.index(level) + 1, len(LEVELS) - 1)]
    pushed = KEY_POINT_MODES[weakest] if weakest else ()
    out = pd.DataFrame(0, index=pd.Index(range(1, 13), name="month"), columns=list(COMMUNICATION_MODES))
    for mode in COMMUNICATION_MODES:
        n = CALENDAR_FREQUENCY[mode][up if mode in pushed else level]
        for m in _spread(n):
            out.loc[m, mode] += 1
    out["total"] = out.sum(axis=1)
    return out


def _needs(needs, *, need, kind, explicit, weight, person=None) -> pd.DataFrame:
    what = "needs"
    n = pd.DataFrame({"need": needs[need].astype(str).to_numpy()}, index=needs.index)
    if person:
        n["person"] = v.ids(needs, person, what).astype(str).to_numpy()
    if kind:
        k = needs[kind]
        bad = ~k.isin(NEED_KINDS)
        if bad.any():
            raise DataError(f"The column {kind!r} of the {what} must hold {list(NEED_KINDS)}; "
                            f"{describe_rows(needs.index[bad])} do not (e.g. {k[bad].iloc[0]!r}).")
        n["kind"] = k.to_numpy()
    n["explicit"] = v.flag_column(needs, explicit, what).to_numpy()
    n["weight"] = v.numeric_column(needs, weight, what, low=1, high=5).to_numpy() if weight else 1.0
    return n


@v.params(person=v.Column(), need=v.Column(), kind=v.Column(), explicit=v.Column(), weight=v.Column(optional=True),
          needs=v.Table("needs", columns=("person", "need", "kind", "explicit", "weight")))
def key_person_needs(needs: pd.DataFrame, *, person: str = "person", need: str = "need", kind: str = "kind",
                     explicit: str = "explicit", weight: str | None = "weight") -> pd.DataFrame:
    """The key-person needs analysis model (关键人需求分析模式), [added]: each key person's needs in
    four cells, the organisation's or his own (:data:`NEED_KINDS`) × explicit or hidden (显性/隐性).

    ``needs``: one row per need with the key ``person``, the ``need`` (text), its ``kind``
    (organisational / personal), ``explicit`` (yes/no: does he say it?) and an importance ``weight``
    1-5 (without ``weight`` every need counts 1). Returns one row per person (in order of first
    appearance): the weight in each of the four cells, ``hidden_share`` (hidden weight / all) and
    ``top_hidden`` (the weightiest hidden need, the first on a tie; "" when he has none).
    """
    n = _needs(needs, need=need, kind=kind, explicit=explicit, weight=weight, person=person)
    people = list(pd.unique(n["person"]))
    out = pd.DataFrame(index=pd.Index(people, name=person))
    for k in NEED_KINDS:
        for vis, flag in (("explicit", True), ("hidden", False)):
            cell = n[(n["kind"] == k) & (n["explicit"] == flag)]
            out[f"{k}_{vis}"] = cell.groupby("person")["weight"].sum().reindex(people, fill_value=0).astype(float)
    total = n.groupby("person")["weight"].sum().reindex(people)
    hidden = n[~n["explicit"]]
    out["hidden_share"] = (hidden.groupby("person")["weight"].sum().reindex(people, fill_value=0) / total).astype(float)
    top = hidden.sort_values("weight", ascending=False, kind="stable").drop_duplicates("person")
    out["top_hidden"] = top.set_index("person")["need"].reindex(people).fillna("").astype(object)
    return out


@v.params(explicit=v.Column(), weight=v.Column(optional=True),
          needs=v.Table("needs", columns=("explicit", "weight")))
def needs_iceberg(needs: pd.DataFrame, *, explicit: str = "explicit", weight: str | None = "weight") -> pd.DataFrame:
    """The iceberg model of key account needs (大客户需求的冰山模型), [added] as a computation: how much of
    a key account's needs lie above the waterline (explicit, 显性需求: what the customer says and asks
    for) and below it (hidden, 隐性需求: what drives the decision but is not said).

    ``needs``: one row per need, ``explicit`` yes/no and an importance ``weight`` 1-5 (without
    ``weight`` every need counts 1). Returns two rows, ``explicit`` and ``hidden``: ``needs``
    (count), ``weight`` and ``share`` (of the total weight).
    """
    n = _needs(needs, need=explicit, kind=None, explicit=explicit, weight=weight)
    rows = {"explicit": n[n["explicit"]], "hidden": n[~n["explicit"]]}
    out = pd.DataFrame({"needs": [len(r) for r in rows.values()],
                        "weight": [float(r["weight"].sum()) for r in rows.values()]},
                       index=pd.Index(list(rows), name="waterline"))
    out["share"] = out["weight"] / out["weight"].sum()
    return out


@v.params(person=v.Free("a contact's name: checked against the contacts' names"),
          name=v.Column(), role=v.Column(), influence=v.Column(), attitude=v.Column(), relationship=v.Column(),
          title=v.Column(optional=True), staff=v.Custom(_staff, "our role -> a person's name (optional)"),
          needs=v.Custom(lambda name, t: t if t is None else v.table(t, ["person", "need", "kind", "explicit"], name),
                         "a needs table as for key_person_needs (columns person, need, kind, explicit), or None",
                         optional=True),
          contacts=v.Table("contacts", columns=("name", "role", "influence", "attitude", "relationship", "title")))
def expansion_card(contacts: pd.DataFrame, person: str, *, needs: pd.DataFrame | None = None,
                   name: str = "name", role: str = "role", influence: str = "influence", attitude: str = "attitude",
                   relationship: str = "relationship", title: str | None = None,
                   staff: Mapping | None = None) -> pd.Series:
    """The customer key-expansion card (客户关键拓展卡片), [added]: one card per key person, the
    power map's facts and the plan to expand the relationship with him.

    ``contacts``: one organisation as for :func:`power_map`; ``person``: a name among them;
    ``needs`` (optional): a table as for :func:`key_person_needs` (weight optional). Fields: name,
    [title], role, influence, attitude, relationship (now, 1-4), target (one step up, at most 4),
    owner (our side, :data:`OUR_SIDE`, or the name ``staff`` gives), gap (from
    :func:`power_map_gaps`, "" if none), first mode (:data:`ROLE_MODES`; an influential opponent or a
    weak decider is first met at top-management level), explicit needs and hidden needs (texts
    joined by "; ").
    """
    c = _contacts(contacts, name=name, role=role, influence=influence, attitude=attitude, relationship=relationship)
    dup = c["name"].duplicated(keep=False)
    if dup.any():
        raise DataError(f"The column {name!r} of the contacts repeats names in {describe_rows(contacts.index[dup])}: "
                        "the card needs one organisation with unique names (filter one account first).")
    v.choice("person", person, list(c["name"]))
    row = c[c["name"] == person].iloc[0]
    owners = staff
    gaps = power_map_gaps(c[c["name"] == person], required_roles=())
    gap = gaps["gap"].iloc[0] if len(gaps) else ""
    card = {"name": person}
    if title:
        card["title"] = str(contacts.loc[row.name, title])
    card.update({"role": row["role"], "influence": float(row["influence"]), "attitude": float(row["attitude"]),
                 "relationship": float(row["relationship"]), "target": float(min(row["relationship"] + 1, 4)),
                 "owner": owners[OUR_SIDE[row["role"]]], "gap": gap,
                 "first mode": "top-management and strategy meetings" if gap else ROLE_MODES[row["role"]]})
    if needs is not None:
        n = _needs(needs, need="need", kind="kind", explicit="explicit",
                   weight="weight" if "weight" in needs.columns else None, person="person")
        mine = n[n["person"] == person].sort_values("weight", ascending=False, kind="stable")
        card["explicit needs"] = "; ".join(mine.loc[mine["explicit"], "need"])
        card["hidden needs"] = "; ".join(mine.loc[~mine["explicit"], "need"])
    return pd.Series(card, name=person, dtype=object)


@v.params(account=v.Column(), name=v.Column(), role=v.Column(), influence=v.Column(), attitude=v.Column(),
          relationship=v.Column(), min_level=v.Number(low=1, high=4),
          contacts=v.Table("contacts", columns=("account", "name", "role", "influence", "attitude", "relationship")))
def broad_coverage(contacts: pd.DataFrame, *, account: str = "account_id", name: str = "name", role: str = "role",
                   influence: str = "influence", attitude: str = "attitude", relationship: str = "relationship",
                   min_level: float = 2) -> pd.DataFrame:
    """The first step of the broad-based customer relationship management process (普遍客户关系管理流程):
    the current state of broad-based relationships (普遍客户关系) in each account, [added].

    A broad-based relationship covers the customer's whole organisation, not only its key persons.
    A contact is covered when our relationship with him is at least ``min_level`` (1-4). Returns
    one row per account (in order of first appearance): ``contacts``, ``covered``, ``coverage``
    (covered / contacts), ``roles`` (the buying-centre roles we know someone in) and
    ``roles_covered`` (those with a covered contact).
    """
    c = _contacts(contacts, name=name, role=role, influence=influence, attitude=attitude, relationship=relationship)
    c["_acc"] = v.ids(contacts, account, "contacts").to_numpy()
    c["_cov"] = np.round(c["relationship"].to_numpy(), CUT_DECIMALS) >= min_level
    accs = list(pd.unique(c["_acc"]))
    g = c.groupby("_acc", sort=False)
    out = pd.DataFrame(index=pd.Index(accs, name=account))
    out["contacts"] = g.size().reindex(accs).astype(int)
    out["covered"] = g["_cov"].sum().reindex(accs).astype(int)
    out["coverage"] = out["covered"] / out["contacts"]
    out["roles"] = g["role"].nunique().reindex(accs).astype(int)
    out["roles_covered"] = c[c["_cov"]].groupby("_acc")["role"].nunique().reindex(accs, fill_value=0).astype(int)
    return out


@v.params(account=v.Column(), answers=v.Table("relationship sheets", columns=("account", *SHEET_POINTS)))
def annual_plan(answers: pd.DataFrame, *, account: str = "account_id") -> pd.DataFrame:
    """The key account relationship improvement annual plan (大客户关系提升年度规划书), [added]: for each
    account, where its relationship stands (the score sheet), the level to reach this year, the points
    the sheet must gain, the key point to work on and the communication modes that strengthen it
    (:func:`pdca_plan`), and how many key business behaviours its calendar holds
    (:func:`behaviour_calendar`). Columns: ``relationship_score``, ``level``, ``target_level``,
    ``points_to_gain``, ``focus``, ``modes``, ``behaviours``.
    """
    lv = relationship_levels(answers, account=account)
    steps = [pdca_plan(level, weakest=weakest) for level, weakest in zip(lv["level"], lv["weakest"])]
    out = lv[["relationship_score", "level"]].copy()
    out["target_level"] = [s.target_level for s in steps]
    out["points_to_gain"] = lv["points_to_next"].to_numpy()
    out["focus"] = [s.focus for s in steps]
    out["modes"] = ["; ".join(s.modes) for s in steps]
    totals = {(lvl, pt): int(behaviour_calendar(lvl, weakest=pt)["total"].sum()) for lvl in LEVELS for pt in SHEET_POINTS}
    out["behaviours"] = [totals[(s.level, s.focus)] for s in steps]
    return out
