"""Influential customers, the buying centre and social styles (六类有影响的客户与客户类型分析).

Chapter 06 (syllabus topic 3, sections 2-3; SYLLABUS C.7).

* **Social styles** (客户类型分析): the seed names four customer types -- eagle (老鹰型, control),
  peacock (孔雀型, expression), owl (猫头鹰型, analysis), dove (鸽子型, amiability) -- without a
  method. The course places them on the two axes of Merrill and Reid's social-style model
  (1981) [added]: **assertiveness** (果断性: asks ... tells) and **responsiveness** (反应性: controls
  feelings ... shows them). :data:`QUIZ` (8 items, 4 per axis), :func:`social_style`,
  :func:`style_from_axes`, :func:`style_advice`, :func:`quiz_table`.
* **The buying centre** (采购中心): the seed's "six kinds of buyers inside the customer" are not
  enumerated; the course uses the six buying-centre roles of Webster and Wind [added], with the
  approver folded into the decider: :data:`ROLES`, :func:`buying_roles`, :func:`role_treatment`,
  :func:`buying_role` (classify a contact from what he does), :func:`buying_centre` (coverage of a
  contacts table).
* **Six kinds of influential customers** (六类有影响的客户): :func:`influential_customers`.
* **Buying situations and process** [001]: :func:`buying_situation`, :data:`BUYING_PROCESS`,
  :func:`next_stage`.

The module returns data: codes (``'eagle'``, ``'decider'``) and the keys of the labels that name them
(``'people.eagle.sell'``); the texts (bird names, advice, treatment) live in :mod:`crmkit.i18n`, in
English and Chinese, and ``i18n.describe(result)`` shows a result in the current language.

Scoring [added, the course's own]: each quiz answer is on a 1-5 scale (1 = the left statement fits
the customer, 5 = the right one, 3 = neither / cannot tell). An item scores ``sign x (answer - 3)``
(-2..+2; ``sign`` = -1 for the items whose right-hand statement is the *low* pole); an axis score is
the mean over its four items, so both axes run from -2 to +2. The quadrant gives the bird, a
zero counting as the low side (asks / controls feelings). **Confidence** is the distance of the
weaker axis from its dividing line as a share of the furthest it can be: ``min(|A|, |R|) / 2``,
0 on a line, 1 in a corner.

    >>> r = style_from_axes(1.5, -0.5)
    >>> r.style, r.confidence
    ('eagle', 0.25)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from . import _validate as v
from .errors import DataError, ParameterError, describe_rows

__all__ = [
    "STYLES", "AXES", "SCALE", "LOW_CONFIDENCE", "QuizItem", "QUIZ", "SocialStyle", "StyleAdvice",
    "social_style", "style_from_axes", "style_advice", "quiz_table",
    "ROLES", "RoleInfo", "RoleResult", "buying_roles", "role_treatment", "buying_role", "buying_centre",
    "INFLUENTIAL_KINDS", "influential_customers",
    "SITUATIONS", "buying_situation", "BUYING_PROCESS", "next_stage", "SAMPLE_CONTACTS",
]

#: The four birds, in the order of the quadrants: (tells, controls), (tells, emotes), (asks, controls), (asks, emotes).
STYLES = ("eagle", "peacock", "owl", "dove")
AXES = ("assertiveness", "responsiveness")
#: The answer scale of every quiz item: whole numbers 1..5, 3 = neither / cannot tell.
SCALE = (1, 2, 3, 4, 5)
_MID = 3
#: Below this confidence the quiz says the style is uncertain.
LOW_CONFIDENCE = 0.25
_QUADRANT = {(True, False): "eagle", (True, True): "peacock", (False, False): "owl", (False, True): "dove"}


# ============================================================================================
# The quiz
# ============================================================================================


@dataclass(frozen=True)
class QuizItem:
    """One quiz item: two opposite statements about the customer, answered 1 (left fits) to 5 (right fits).

    ``sign`` is +1 when the right-hand statement is the high pole of ``axis`` (tells / emotes), -1 when
    it is the low pole (a reversed item, so that always answering 5 does not push a customer into a
    corner). ``left`` and ``right`` are the keys of the statements' labels in :mod:`crmkit.i18n`
    (``people.q.<id>.left`` / ``.right``); ``i18n.t(item.left)`` gives the text in the current language.
    """

    id: str
    axis: str
    sign: int

    @property
    def left(self) -> str:
        return f"people.q.{self.id}.left"

    @property
    def right(self) -> str:
        return f"people.q.{self.id}.right"

    def score(self, answer: int) -> float:
        """The item's contribution to its axis, -2..+2."""
        return float(self.sign * (answer - _MID))


#: The course's quiz [added]: four items per axis, two of them reversed on each axis.
QUIZ = (
    QuizItem("A1", "assertiveness", +1),
    QuizItem("A2", "assertiveness", -1),
    QuizItem("A3", "assertiveness", +1),
    QuizItem("A4", "assertiveness", -1),
    QuizItem("R1", "responsiveness", +1),
    QuizItem("R2", "responsiveness", -1),
    QuizItem("R3", "responsiveness", +1),
    QuizItem("R4", "responsiveness", -1),
)
_IDS = tuple(q.id for q in QUIZ)


@v.params()
def quiz_table() -> pd.DataFrame:
    """The quiz as a table, one row per item: axis, sign, the left (answer 1) and right (answer 5) statements
    (label keys: ``i18n.describe(quiz_table())`` shows them in words)."""
    return pd.DataFrame(
        [{"item": q.id, "axis": q.axis, "sign": q.sign, "left (1)": q.left, "right (5)": q.right} for q in QUIZ]
    ).set_index("item")


@dataclass(frozen=True)
class StyleAdvice:
    """How to approach one social style: what the customer wants, how to sell, how to serve, what to avoid.

    Each field but ``style`` is the key of an :mod:`crmkit.i18n` label (``"people.eagle.sell"``);
    ``i18n.describe(advice)`` gives the texts in the current language."""

    style: str
    name: str  # "people.eagle": "Eagle (control)" / "老鹰型(控制)"
    wants: str
    sell: str
    serve: str
    avoid: str


@dataclass(frozen=True)
class SocialStyle:
    """The result of the quiz (or of two axis scores).

    ``style``: 'eagle', 'peacock', 'owl' or 'dove'; ``assertiveness`` and ``responsiveness``: the axis
    scores, -2..+2; ``confidence``: 0 (on a dividing line) .. 1 (in a corner); ``candidates``: every
    style the point is consistent with (more than one only on a dividing line); ``advice``: how to
    sell to and serve this customer.
    """

    style: str
    assertiveness: float
    responsiveness: float
    confidence: float
    advice: StyleAdvice
    candidates: tuple = ()

    @property
    def uncertain(self) -> bool:
        """True when the confidence is below :data:`LOW_CONFIDENCE`."""
        return self.confidence < LOW_CONFIDENCE


@v.params(style=v.Custom(lambda name, s: _style_name(s), "'eagle', 'peacock', 'owl' or 'dove' (or 老鹰型 ...)"))
def style_advice(style: str) -> StyleAdvice:
    """Advice for selling to and serving one social style [added], as label keys (``i18n.describe`` names them).

    ``style`` is 'eagle', 'peacock', 'owl' or 'dove' (the Chinese names 老鹰型 ... are accepted too).
    """
    return _advice(style)


def _advice(style: str) -> StyleAdvice:
    return StyleAdvice(style, f"people.{style}", f"people.{style}.wants", f"people.{style}.sell",
                       f"people.{style}.serve", f"people.{style}.avoid")


_ZH_STYLES = {"老鹰型": "eagle", "老鹰": "eagle", "孔雀型": "peacock", "孔雀": "peacock", "猫头鹰型": "owl",
              "猫头鹰": "owl", "鸽子型": "dove", "鸽子": "dove"}


def _style_name(style) -> str:
    if isinstance(style, str):
        key = style.strip()
        key = _ZH_STYLES.get(key, key.lower())
        if key in STYLES:
            return key
    raise ParameterError(f"style must be one of {', '.join(map(repr, STYLES))} (or 老鹰型, 孔雀型, 猫头鹰型, "
                         f"鸽子型); got {style!r}.")


@v.params(assertiveness=v.Number(low=-2, high=2), responsiveness=v.Number(low=-2, high=2))
def style_from_axes(assertiveness: float, responsiveness: float) -> SocialStyle:
    """The social style of a point on the two axes (each -2..+2).

    >>> style_from_axes(2, -1).style, style_from_axes(-1, 2).style
    ('eagle', 'dove')
    >>> r = style_from_axes(0, 1)           # on the assertiveness line: dove or peacock
    >>> r.style, r.confidence, r.candidates
    ('dove', 0.0, ('peacock', 'dove'))
    """
    a, r = assertiveness, responsiveness
    style = _QUADRANT[(a > 0, r > 0)]
    sides_a = (True, False) if a == 0 else (a > 0,)
    sides_r = (True, False) if r == 0 else (r > 0,)
    cands = tuple(s for s in STYLES if any(_QUADRANT[(x, y)] == s for x in sides_a for y in sides_r))
    confidence = min(abs(a), abs(r)) / 2
    return SocialStyle(style, a, r, confidence, _advice(style), cands)


def _answers_by_item(answers) -> dict:
    """``answers`` as {item id: value}; a list/tuple/array is read in the order of :data:`QUIZ`."""
    if isinstance(answers, pd.Series):
        if not answers.index.is_unique:
            dup = answers.index[answers.index.duplicated()].unique().tolist()
            raise ParameterError(f"answers gives item(s) {dup} more than once.")
        return {k: answers[k] for k in answers.index}
    if isinstance(answers, Mapping):
        return dict(answers)
    if isinstance(answers, (str, bytes)) or not isinstance(answers, (Sequence, np.ndarray)):
        raise ParameterError(
            f"answers must be a dict {{item: answer}} such as {{'A1': 4, 'A2': 2, ...}} or a list of {len(QUIZ)} "
            f"answers in the order {', '.join(_IDS)}; got {type(answers).__name__}."
        )
    items = list(np.asarray(answers, dtype=object).ravel()) if isinstance(answers, np.ndarray) else list(answers)
    if len(items) > len(QUIZ):
        raise ParameterError(f"answers has {len(items)} values but the quiz has {len(QUIZ)} items ({', '.join(_IDS)}).")
    return dict(zip(_IDS, items))


def _missing(x) -> bool:
    if x is None or x is Ellipsis:
        return True
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def _answers(name, answers) -> dict:
    """The quiz answers checked: {item id: whole number 1-5} for every item, or a ParameterError naming what is
    unknown, unanswered or off the scale."""
    given = _answers_by_item(answers)
    unknown = [k for k in given if k not in _IDS]
    if unknown:
        raise ParameterError(f"answers has unknown item(s) {unknown}; the quiz items are {', '.join(_IDS)}.")
    open_items = [i for i in _IDS if i not in given or _missing(given[i])]
    if open_items:
        raise ParameterError(
            f"Unanswered quiz item(s): {', '.join(open_items)}. Answer every item on the 1-5 scale (3 = neither / "
            f"cannot tell) before the style can be scored."
        )
    out = {}
    for q in QUIZ:
        x = given[q.id]
        if isinstance(x, (bool, np.bool_)) or not v._is_number(x) or not math.isfinite(float(x)) \
                or float(x) not in SCALE:
            raise ParameterError(f"Quiz item {q.id} must be answered with a whole number from 1 to 5 "
                                 f"(3 = neither); got {x!r}.")
        out[q.id] = int(x)
    return out


@v.params(answers=v.Custom(_answers, "{item: answer 1-5} for the 8 items, a Series or a list of 8"))
def social_style(answers) -> SocialStyle:
    """Score the quiz answers into a social style (the four birds of seed 000).

    ``answers``: {item id: answer} for every item of :data:`QUIZ` (``'A1'`` ... ``'R4'``), a Series
    indexed by item id, or a list of 8 answers in the order of :data:`QUIZ`; each answer a whole
    number on the 1-5 scale (1 = the left statement fits, 5 = the right, 3 = neither).

    Unanswered items (missing, None, NaN) raise a ParameterError naming them -- never a style from
    half a quiz; so do answers off the scale and unknown item ids.

    A textbook eagle (tells, controls feelings):

    >>> r = social_style({"A1": 5, "A2": 1, "A3": 4, "A4": 2, "R1": 2, "R2": 4, "R3": 1, "R4": 5})
    >>> r.style, r.assertiveness, r.responsiveness, r.confidence
    ('eagle', 1.5, -1.5, 0.75)
    """
    scores = {"assertiveness": [], "responsiveness": []}
    for q in QUIZ:
        scores[q.axis].append(q.score(answers[q.id]))
    return style_from_axes(float(np.mean(scores["assertiveness"])), float(np.mean(scores["responsiveness"])))


# ============================================================================================
# The buying centre
# ============================================================================================

#: The six buying-centre roles the course uses for the seed's "six kinds of buyers" [added]
#: (Webster and Wind 1972; Kotler), the approver folded into the decider.
ROLES = ("initiator", "user", "influencer", "decider", "buyer", "gatekeeper")
_ROLE_ALIASES = {
    "approver": "decider", "purchaser": "buyer", "发起者": "initiator", "使用者": "user", "影响者": "influencer",
    "决策者": "decider", "批准者": "decider", "采购者": "buyer", "购买者": "buyer", "把关者": "gatekeeper",
}


def _role_name(role, name="role") -> str:
    if isinstance(role, str):
        key = role.strip()
        key = _ROLE_ALIASES.get(key, _ROLE_ALIASES.get(key.lower(), key.lower()))
        if key in ROLES:
            return key
    raise ParameterError(f"{name} must be one of {', '.join(map(repr, ROLES))} ('approver' counts as 'decider'; "
                         f"the Chinese names 发起者 ... are accepted); got {role!r}.")


@dataclass(frozen=True)
class RoleInfo:
    """One buying-centre role: its name, who usually holds it, what it does, how to treat it (each but
    ``role`` the key of an :mod:`crmkit.i18n` label; ``i18n.describe`` gives the texts)."""

    role: str
    name: str
    who: str
    does: str
    treatment: str


_ROLE = v.Custom(lambda name, r: _role_name(r, name), "one of ROLES (or its Chinese name; 'approver' is 'decider')")


@v.params(role=_ROLE)
def role_treatment(role: str) -> RoleInfo:
    """Who holds a buying-centre role, what the role does and how to treat it, as label keys."""
    return _role_info(role)


def _role_info(role: str) -> RoleInfo:
    return RoleInfo(role, f"people.role.{role}", f"people.role.{role}.who", f"people.role.{role}.does",
                    f"people.role.{role}.treat")


@v.params()
def buying_roles() -> pd.DataFrame:
    """The six roles and how to treat each, one row per role (index: the role ids of :data:`ROLES`); the
    cells are label keys, ``i18n.describe(buying_roles())`` shows them in words."""
    rows = [_role_info(r) for r in ROLES]
    return pd.DataFrame([{"name": r.name, "who": r.who, "does": r.does, "treatment": r.treatment} for r in rows],
                        index=pd.Index(ROLES, name="role"))


@dataclass(frozen=True)
class RoleResult:
    """The roles a contact plays: ``primary`` (the one to plan around), ``roles`` (all, by precedence)
    and ``treatment`` (of the primary role: a label key)."""

    primary: str
    roles: tuple
    treatment: str


@v.params(final_say=v.Flag(), places_order=v.Flag(), filters_information=v.Flag(), shapes_specification=v.Flag(),
          uses_product=v.Flag(), raised_need=v.Flag())
def buying_role(*, final_say: bool = False, places_order: bool = False, filters_information: bool = False,
                shapes_specification: bool = False, uses_product: bool = False, raised_need: bool = False
                ) -> RoleResult:
    """Classify a contact's buying-centre role from what he does in this purchase (True/False each).

    One person can hold several roles (a user who raised the need); the primary role is the one that
    matters most for the sale, by the course's precedence: decider > buyer > gatekeeper > influencer >
    user > initiator. A contact who does none of these is not (yet) in the buying centre: a
    ParameterError says so.

    >>> buying_role(uses_product=True, raised_need=True).roles
    ('user', 'initiator')
    """
    flags = {
        "decider": final_say, "buyer": places_order, "gatekeeper": filters_information,
        "influencer": shapes_specification, "user": uses_product, "initiator": raised_need,
    }
    roles = tuple(r for r, on in flags.items() if on)
    if not roles:
        raise ParameterError("This contact does none of the six things (final say, places the order, filters "
                             "information, shapes the specification, uses the product, raised the need): he is not "
                             "in the buying centre of this purchase. Set at least one to True.")
    return RoleResult(roles[0], roles, _role_info(roles[0]).treatment)


@v.params(contacts=v.Table("contacts table", columns=("contact", "role", "influence", "attitude")), role=v.Column(),
          influence=v.Column(), attitude=v.Column(), contact=v.Column())
def buying_centre(contacts: pd.DataFrame, *, role: str = "buying_role", influence: str = "influence",
                  attitude: str = "attitude", contact: str = "contact_id") -> pd.DataFrame:
    """Who covers each of the six roles in a contacts table (one account), and how to treat the role.

    ``contacts``: one row per contact with an id, a buying-centre role (English or Chinese name;
    'approver' counts as 'decider'), an influence 1-5 and an attitude to us -2 (opponent) .. +2
    (supporter), as in the ``contacts`` dataset of the syllabus (C.13).

    Returns one row per role (index :data:`ROLES`): ``contacts`` (how many), ``top_contact`` (the
    most influential one; the first listed on a tie; '' when none), ``top_influence`` and
    ``top_attitude`` (his influence and attitude; 0 when none), ``supporters`` and ``opponents`` (attitude above / below 0), ``covered`` (at least one contact)
    and ``treatment`` (a label key). Roles without a contact are the gaps to close.
    """
    ids = v.ids(contacts, contact, "contacts table")
    if ids.duplicated().any():
        raise DataError(f"The column {contact!r} of the contacts table repeats ids in "
                        f"{describe_rows(contacts.index[ids.duplicated(keep=False)])}: one row per contact.")
    infl = v.numeric_column(contacts, influence, "contacts table", low=1, high=5)
    att = v.numeric_column(contacts, attitude, "contacts table", low=-2, high=2)
    raw = contacts[role]
    names = []
    bad = []
    for label, r in raw.items():
        try:
            names.append(_role_name(r))
        except ParameterError:
            names.append(None)
            bad.append(label)
    if bad:
        examples = ", ".join(repr(x) for x in raw.loc[bad].head(3).tolist())
        raise DataError(f"The column {role!r} of the contacts table has unknown roles in {describe_rows(bad)} "
                        f"(e.g. {examples}); use {', '.join(ROLES)}.")
    df = pd.DataFrame({"contact": ids.astype(str).to_numpy(), "role": names, "influence": infl.to_numpy(),
                       "attitude": att.to_numpy()})
    rows = []
    for r in ROLES:
        g = df[df["role"] == r]
        top = g.loc[g["influence"].idxmax()] if len(g) else None
        rows.append({
            "contacts": int(len(g)),
            "top_contact": "" if top is None else top["contact"],
            "top_influence": 0.0 if top is None else float(top["influence"]),
            "top_attitude": 0.0 if top is None else float(top["attitude"]),
            "supporters": int((g["attitude"] > 0).sum()),
            "opponents": int((g["attitude"] < 0).sum()),
            "covered": bool(len(g)),
            "treatment": _role_info(r).treatment,
        })
    return pd.DataFrame(rows, index=pd.Index(ROLES, name="role"))


# ============================================================================================
# Six kinds of influential customers; buying situations and process
# ============================================================================================

#: The six kinds of influential customers: seed 000 names the first two; the list of six is the
#: course's own [added], each kind tied to the seed passage it comes from.
INFLUENTIAL_KINDS = (
    ("decision_makers", "[000] topic 3 section 2"),
    ("six_buyers", "[000] topic 3 section 2"),
    ("hidden", "[004] section 3: visible and hidden key persons"),
    ("centre", "[001]/[003]: centre-of-influence prospecting (中心开花)"),
    ("referrers", "[001] quiz: referral is the lead easiest to close; [002]: 100 satisfied bring 25 new"),
    ("big", "[003]: big customers, 'tonnage decides status'"),
)


@v.params()
def influential_customers() -> pd.DataFrame:
    """The six kinds of influential customers, how to work with each, and the seed passage behind it:
    ``kind`` (the code), ``name`` and ``how`` (label keys; ``i18n.describe`` names them) and ``source``."""
    return pd.DataFrame(
        [{"kind": k, "name": f"people.kind.{k}", "how": f"people.kind.{k}.how", "source": src}
         for k, src in INFLUENTIAL_KINDS],
        index=pd.RangeIndex(1, 7, name="no"),
    )


#: The three buying situations of big customers [001] ("H -- how to buy").
SITUATIONS = ("straight rebuy", "modified rebuy", "new task")


@v.params(first_time=v.Flag(), new_supplier=v.Flag(), new_spec=v.Flag())
def buying_situation(*, first_time: bool, new_supplier: bool = False, new_spec: bool = False) -> str:
    """The buying situation (采购类型) [001]: 'new task' (全新采购) for a first purchase of this kind;
    'modified rebuy' (修正采购) for a repeat purchase with a new supplier or new specifications;
    'straight rebuy' (直接重购) for the same thing again from the same supplier."""
    if first_time:
        return "new task"
    return "modified rebuy" if (new_supplier or new_spec) else "straight rebuy"


#: The eight stages of the organisational buying process: [001] keeps only stages 7 and 8
#: ("formal order" 正式订购, "performance evaluation" 绩效评估); stages 1-6 are Robinson, Faris and
#: Wind (1967) [added].
BUYING_PROCESS = (
    "problem recognition", "general need description", "product specification", "supplier search",
    "proposal solicitation", "supplier selection", "formal order", "performance evaluation",
)
_STAGE_ALIASES = {"order-routine specification": "formal order", "正式订购": "formal order",
                  "performance review": "performance evaluation", "绩效评估": "performance evaluation"}


def _stage(name, stage) -> str:
    key = stage.strip().lower() if isinstance(stage, str) else stage
    key = _STAGE_ALIASES.get(key, key) if isinstance(key, str) else key
    return v.choice(name, key, BUYING_PROCESS)


@v.params(stage=v.Custom(_stage, "a stage of BUYING_PROCESS"))
def next_stage(stage: str) -> str | None:
    """The stage of :data:`BUYING_PROCESS` after ``stage`` (None after the last one)."""
    i = BUYING_PROCESS.index(stage)
    return BUYING_PROCESS[i + 1] if i + 1 < len(BUYING_PROCESS) else None


#: A small illustrative buying centre of one account (names and numbers invented for the chapter),
#: with the columns of the syllabus's ``contacts`` dataset (C.13).
SAMPLE_CONTACTS = pd.DataFrame({
    "account_id": ["A01"] * 7,
    "contact_id": ["P1", "P2", "P3", "P4", "P5", "P6", "P7"],
    "name": ["Sun", "Zhou", "Wu", "Zheng", "Feng", "He", "Lü"],
    "title": ["Head of production", "Line operator", "Process engineer", "Deputy general director",
              "Head of purchasing", "Chief engineer", "Assistant to the director"],
    "buying_role": ["initiator", "user", "influencer", "decider", "buyer", "influencer", "gatekeeper"],
    "influence": [3, 2, 3, 5, 3, 4, 2],
    "attitude": [1, 2, 0, -1, 1, -1, 0],
    "visible": [True, True, True, True, True, False, True],
    "social_style": ["peacock", "dove", "owl", "eagle", "owl", "owl", "dove"],
})
