"""The check / hint / solution machinery of the exercise notebooks (练习检查).

A question is declared once, in ``crmkit/exercises/chNN.py``, as one of the classes below. Its
expected value is computed by a reference function from the data (never pasted). Its reference
solution lives only in the solution notebook (see :mod:`crmkit.exercises._source`). In a notebook::

    from crmkit.exercises import ch00
    ch00.q1.check(cost_per_hour)   # friendly feedback, never an exception
    ch00.q1.hint()                 # the next hint, in order
    ch00.q1.solution()             # the reference code, from solutions/ch00_taxi.ipynb

``check()`` tells apart: not attempted (``...`` or ``None``), a wrong type (also inside a dict or
a list: text where a number belongs, a bool, a complex number), a wrong shape or columns, a wrong
value (with how far off) and a right answer. It is lenient where the value is the same:

* equivalent containers: a Series for a dict, a tuple/array/Series for a list, a one-column
  DataFrame for a Series (and back), a one-value Series for a number;
* an answer rounded to the precision the question shows (``decimals``) is right; one rounded
  further gets "close — keep full precision";
* a value ×100 (a percentage for a fraction) or ÷100 is recognised and named;
* terms: every synonym and Chinese term of :mod:`crmkit.exercises.aliases`.

Every feedback object shows as coloured HTML in Jupyter and as deterministic plain text elsewhere
(so nbval can compare it); its text comes from :mod:`crmkit.i18n` (``labels_exercises.py``), so it
is Chinese after ``crmkit.i18n.set_language("zh")``.
"""

from __future__ import annotations

import html
import math
import numbers
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np
import pandas as pd

from .. import i18n
from . import _source, aliases

__all__ = [
    "Feedback",
    "Question",
    "NumberQuestion",
    "ChoiceQuestion",
    "SequenceQuestion",
    "MappingQuestion",
    "FrameQuestion",
    "CORRECT",
    "INCORRECT",
    "NOT_ATTEMPTED",
    "WRONG_TYPE",
    "WRONG_SHAPE",
]

CORRECT = "correct"
INCORRECT = "incorrect"
NOT_ATTEMPTED = "not attempted"
WRONG_TYPE = "wrong type"
WRONG_SHAPE = "wrong shape"
INFO = "info"
ERROR = "checker error"

_CHAPTER_PREFIX = __name__.rsplit(".", 1)[0] + ".ch"

_STYLE = {
    CORRECT: ("#1a7f37", "#e6f4ea", "ex.correct"),
    INCORRECT: ("#b42318", "#fdecea", "ex.incorrect"),
    WRONG_TYPE: ("#b42318", "#fdecea", "ex.wrong_type"),
    WRONG_SHAPE: ("#b42318", "#fdecea", "ex.wrong_shape"),
    NOT_ATTEMPTED: ("#8a6d00", "#fff8e1", "ex.not_attempted"),
    INFO: ("#1f4e9a", "#e8f0fe", "ex.info"),
    ERROR: ("#8a6d00", "#fff8e1", "ex.error"),
}

#: Feedback quotes a student's answer at most this long (a huge answer is cut, not dumped).
MAX_QUOTE = 60
#: ... and lists at most this many keys or positions.
MAX_ITEMS = 5


def _t(label: str, **fmt) -> str:
    return i18n.t(label, **fmt)


@dataclass(frozen=True)
class Feedback:
    """What ``check()``, ``hint()`` and ``solution()`` return: an outcome and a message."""

    outcome: str
    message: str
    question: str = ""
    title: str | None = None
    code: str | None = None

    @property
    def correct(self) -> bool:
        return self.outcome == CORRECT

    def __bool__(self) -> bool:  # `assert q.check(x)` reads naturally in solution notebooks
        return self.correct

    def _heading(self) -> str:
        head = self.title or _t(_STYLE[self.outcome][2])
        return f"{self.question}: {head}" if self.question else head

    def __repr__(self) -> str:
        text = f"{self._heading()}. {self.message}".rstrip()
        if self.code:
            text += "\n" + self.code
        return text

    __str__ = __repr__

    def _repr_html_(self) -> str:
        fg, bg, _ = _STYLE[self.outcome]
        body = html.escape(self.message)
        code = f"<pre style='margin:4px 0 0 0'>{html.escape(self.code)}</pre>" if self.code else ""
        return (
            f"<div style='border-left:4px solid {fg};background:{bg};padding:6px 10px;"
            f"margin:2px 0'><b style='color:{fg}'>{html.escape(self._heading())}.</b> "
            f"{body}{code}</div>"
        )


# -- small helpers for readable messages ------------------------------------------------------

def _is_unanswered(answer) -> bool:
    return answer is None or answer is Ellipsis


def _type_name(x) -> str:
    return type(x).__name__


def _what(x) -> str:
    """``"an int"``, ``"a list"`` (or ``"int 类型的值"``): the type of a student's value, with its article."""
    name = _type_name(x)
    return _t("ex.an_type" if name[:1].lower() in "aeiou" else "ex.a_type", type=name)


def _quote(x, limit: int = MAX_QUOTE) -> str:
    """``repr(x)``, cut to a readable length."""
    try:
        text = repr(x)
    except Exception:  # noqa: BLE001 - a student's object with a broken repr
        text = f"<{_type_name(x)}>"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _items(xs: Sequence, limit: int = MAX_ITEMS) -> str:
    """A list for a message, at most ``limit`` items: ``['a', 'b'] … (3 more)``."""
    xs = list(xs)
    shown = "[" + ", ".join(_quote(x, 30) for x in xs[:limit]) + "]"
    return shown if len(xs) <= limit else shown + " " + _t("ex.more", n=len(xs) - limit)


def _positions(ps: Sequence[int], limit: int = MAX_ITEMS) -> str:
    ps = list(ps)
    shown = ", ".join(map(str, ps[:limit]))
    return shown if len(ps) <= limit else shown + " " + _t("ex.more", n=len(ps) - limit)


def _fmt(value: float, decimals: int | None) -> str:
    if decimals is not None and abs(value) < 1e15:
        return f"{value:,.{decimals}f}"
    return f"{value:,.4g}"


# -- numbers ------------------------------------------------------------------------------------

def _is_real(x) -> bool:
    """A real number: Python/numpy ints and floats; never a bool, a complex number or text."""
    if isinstance(x, (bool, np.bool_)):
        return False
    return isinstance(x, (numbers.Real, np.integer, np.floating))


def _as_number(x):
    """A plain float from a real number or a one-value array/Series/DataFrame; else None."""
    if _is_real(x):
        return float(x)
    if isinstance(x, (np.ndarray, pd.Series, pd.DataFrame)) and x.size == 1:
        arr = np.asarray(x)
        if np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating):
            return float(arr.ravel()[0])
    return None


def _close(a: float, b: float, rel: float, abs_: float) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


def _how_far(value: float, expected: float) -> str:
    if expected == 0:
        return _t("ex.zero_above" if value > 0 else "ex.zero_below")
    rel = (value - expected) / abs(expected)
    pct = abs(rel) * 100
    if pct < 1:
        return _t("ex.slightly_high" if rel > 0 else "ex.slightly_low")
    if pct >= 1000:  # a readable size, not a 300-digit percentage
        if rel > 0 and expected > 0:
            ratio = value / expected
            return _t("ex.far_high", times=f"{ratio:,.0f}" if ratio < 1e6 else f"{ratio:.3g}")
        return _t("ex.far_high_plain" if rel > 0 else "ex.far_low")
    return _t("ex.too_high" if rel > 0 else "ex.too_low", pct=f"{pct:,.0f}")


RIGHT, ROUNDED, PERCENT, FRACTION, PRECISION, WRONG = "right", "rounded", "percent", "fraction", "precision", "wrong"


class Question:
    """One exercise question. Subclasses say what a valid answer looks like and how to compare.

    ``rel_tol``/``abs_tol``: how close a number must be. ``decimals``: the precision the
    question's text shows ("to 2 decimals"); an answer rounded to it is accepted. By default it
    follows ``abs_tol`` (0.01 -> 2 decimals); ``abs_tol=0`` (exact answers) has none.
    """

    _kind_key = "ex.kind_answer"

    def __init__(
        self,
        name: str,
        prompt: str,
        expected: Callable[[], Any],
        hints: Sequence[str] = (),
        *,
        rel_tol: float = 1e-3,
        abs_tol: float = 0.01,
        decimals: int | None = None,
        **legacy,
    ):
        if not callable(expected):
            raise TypeError("expected must be a function that computes the answer from the data")
        self.name = name
        self.prompt = prompt
        self._expected_fn = expected
        self._expected_cache: Any = _MISSING
        self.hints = tuple(hints)
        self.rel_tol, self.abs_tol = rel_tol, abs_tol
        if decimals is None and abs_tol > 0:
            decimals = max(0, round(-math.log10(abs_tol)))
        self.decimals = decimals
        # ``solution=`` texts are gone: the solution notebook is the one source. An old chapter
        # that still passes one keeps importing (a test names it); the text is ignored.
        self._legacy_solution = legacy.pop("solution", None)
        if legacy:
            raise TypeError(f"unexpected keyword argument(s) {sorted(legacy)}")
        self._hints_shown = 0
        self._located: tuple[str, str] | None = None

    @property
    def expected_kind(self) -> str:
        return _t(self._kind_key)

    # -- the expected value, computed once from the reference code -------------------------
    @property
    def expected(self):
        if self._expected_cache is _MISSING:
            self._expected_cache = self._expected_fn()
        return self._expected_cache

    # -- what the student calls ----------------------------------------------------------
    def check(self, answer=Ellipsis) -> Feedback:
        """Check an answer. Never raises: every problem becomes a friendly message."""
        if _is_unanswered(answer):
            return self._fb(NOT_ATTEMPTED, _t("ex.replace_dots", kind=self.expected_kind))
        try:
            outcome, message = self._compare(answer, self.expected)
        except Exception as exc:  # the checker must never crash in front of a student
            return self._fb(ERROR, _t("ex.checker_failed", error=f"{_type_name(exc)}: {_quote(str(exc), 120)}",
                                      kind=self.expected_kind))
        if outcome == CORRECT:
            message = message or _t("ex.well_done")
        return self._fb(outcome, message)

    def hint(self, n: int | None = None) -> Feedback:
        """Show the next hint (or hint number ``n``, counting from 1)."""
        if not self.hints:
            return self._fb(INFO, _t("ex.no_hint"), title=_t("ex.no_hint_title"))
        if n is None:
            n = min(self._hints_shown + 1, len(self.hints))
        if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= len(self.hints):
            return self._fb(INFO, _t("ex.hint_range", n=len(self.hints)), title=_t("ex.info"))
        self._hints_shown = max(self._hints_shown, n)
        more = _t("ex.hint_more" if n < len(self.hints) else "ex.hint_last", n=n, total=len(self.hints))
        return self._fb(INFO, self.hints[n - 1] + more, title=_t("ex.hint_n", n=n))

    def location(self) -> tuple[str, str] | None:
        """``(chapter, variable)`` of this question, e.g. ``("ch08", "q1")``; ``None`` outside a chapter."""
        if self._located is None:
            for modname, mod in list(sys.modules.items()):
                if modname.startswith(_CHAPTER_PREFIX) and mod is not None:
                    for var, value in list(vars(mod).items()):
                        if value is self:
                            self._located = (modname[len(_CHAPTER_PREFIX) - 2:], var)
                            return self._located
        return self._located

    def solution(self) -> Feedback:
        """Show the reference solution, read from the chapter's solution notebook."""
        title = _t("ex.solution_title")
        where = self.location()
        if where is None:
            return self._fb(INFO, _t("ex.no_chapter"), title=title)
        folder = _source.solutions_dir()
        if folder is None:
            return self._fb(INFO, _t("ex.no_solutions"), title=title)
        path, code = _source.solution_code(*where, folder=folder)
        if path is None:
            return self._fb(INFO, _t("ex.no_solution_notebook", chapter=where[0]), title=title)
        if code is None:
            return self._fb(INFO, _t("ex.no_marked_solution", notebook=path.name, question=".".join(where)),
                            title=title)
        return self._fb(INFO, _t("ex.solution_from", notebook=path.name), title=title, code=code)

    def _fb(self, outcome, message, title=None, code=None) -> Feedback:
        return Feedback(outcome, message, question=self.name, title=title, code=code)

    # -- comparing one number, shared by every kind of question ---------------------------------
    def _number_status(self, a: float, e: float) -> tuple[str, int | None]:
        """How ``a`` relates to the expected ``e``: right, rounded (accepted), ×100, ÷100,
        rounded too far (with the decimals it kept), or wrong."""
        if math.isnan(e) or math.isnan(a):
            return (RIGHT, None) if math.isnan(e) and math.isnan(a) else (WRONG, None)
        if _close(a, e, self.rel_tol, self.abs_tol):
            return RIGHT, None
        d = self.decimals
        if d is not None and abs(a - e) <= 0.5 * 10.0 ** -d * (1 + 1e-9) + 1e-12:
            return ROUNDED, d
        if e != 0 and math.isfinite(e):
            if _close(a, e * 100, self.rel_tol, self.abs_tol * 100):
                return PERCENT, None
            if _close(a, e / 100, self.rel_tol, self.abs_tol / 100) and abs(e) >= 0.5:
                return FRACTION, None
            for k in range(0, d if d is not None else 4):
                if a != 0 and round(a, k) == a and abs(round(e, k) - a) <= 1e-9 * max(1.0, abs(a)):
                    return PRECISION, k
        return WRONG, None

    def _number_note(self, status: str, value: float, k: int | None) -> str:
        """The plain-spoken message for a ×100, ÷100 or over-rounded number."""
        shown = f"{value:,.10g}"
        if status == PERCENT:  # a percentage for a fraction, or (for a bigger answer) some other slip
            return _t("ex.percent_for_fraction" if abs(value) <= 100 else "ex.times_100", value=shown)
        if status == FRACTION:
            return _t("ex.fraction_for_percent" if abs(value) <= 1 else "ex.div_100", value=shown)
        if status == PRECISION:
            if self.decimals is not None:
                return _t("ex.keep_precision", value=shown, k=k, d=self.decimals)
            return _t("ex.keep_precision_plain", value=shown, k=k)
        return ""

    # -- for tests and solution notebooks -------------------------------------------------
    def assert_check_passed(self, answer) -> None:
        fb = self.check(answer)
        if not fb.correct:
            raise AssertionError(f"{self.name}: expected the checker to accept this answer, got: {fb!r}")

    def assert_check_failed(self, answer) -> None:
        fb = self.check(answer)
        if fb.correct or fb.outcome == ERROR:
            raise AssertionError(f"{self.name}: expected the checker to reject this answer, got: {fb!r}")

    def wrong_answers(self) -> dict[str, Any]:
        """Answers of each wrong kind ("type", "shape", "value"), for the tests."""
        raise NotImplementedError

    def _compare(self, answer, expected) -> tuple[str, str]:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{self.name}: {self.prompt}"

    def _repr_html_(self) -> str:
        return f"<div><b>{html.escape(self.name)}</b>: {html.escape(self.prompt)}</div>"


class _Missing:
    pass


_MISSING = _Missing()


def _number_type_problem(answer) -> str | None:
    """Why ``answer`` is not a number (the message), or ``None`` when it is one."""
    if _as_number(answer) is not None:
        return None
    if isinstance(answer, (bool, np.bool_)):
        return _t("ex.num_bool", value=_quote(answer))
    if isinstance(answer, (complex, np.complexfloating)):
        return _t("ex.num_complex", value=_quote(answer))
    if isinstance(answer, str):
        return _t("ex.num_text", text=_quote(answer))
    return _t("ex.num_type", what=_what(answer))


class NumberQuestion(Question):
    """The answer is one number, compared with a relative and an absolute tolerance, and accepted
    when rounded to the ``decimals`` the question shows."""

    _kind_key = "ex.kind_number"

    def __init__(self, *args, unit: str = "", **kw):
        super().__init__(*args, **kw)
        self.unit = unit

    def _compare(self, answer, expected):
        value = _as_number(answer)
        if value is None:
            if isinstance(answer, (list, tuple, np.ndarray, pd.Series, pd.DataFrame, pd.Index)):
                return WRONG_SHAPE, _t("ex.num_several", what=_what(answer), n=len(answer))
            return WRONG_TYPE, _number_type_problem(answer)
        if math.isnan(value):
            return INCORRECT, _t("ex.nan")
        if math.isinf(value):
            return INCORRECT, _t("ex.inf")
        e = float(expected)
        status, k = self._number_status(value, e)
        unit = f" {self.unit}" if self.unit else ""
        if status == RIGHT:
            return CORRECT, _t("ex.num_right", value=_fmt(value, self.decimals) + unit)
        if status == ROUNDED:
            return CORRECT, _t("ex.num_right_rounded", value=_fmt(value, self.decimals) + unit, d=k)
        if status in (PERCENT, FRACTION, PRECISION):
            return INCORRECT, self._number_note(status, value, k)
        return INCORRECT, _t("ex.num_wrong", value=f"{value:,.6g}", how=_how_far(value, e))

    def wrong_answers(self):
        e = float(self.expected)
        return {"type": "a number in words", "shape": [e, e], "value": e * 1.5 + 1}


def _norm(s) -> str:
    return aliases.norm(s)


class ChoiceQuestion(Question):
    """The answer is one of a few named options (text). Case, spaces and ``_``/``-`` are ignored;
    the synonyms and Chinese terms of :mod:`crmkit.exercises.aliases` are accepted, and
    ``aliases`` adds spellings for this question only."""

    _kind_key = "ex.kind_choice"

    def __init__(self, *args, choices: Sequence[str], aliases: dict | None = None, **kw):
        super().__init__(*args, **kw)
        self.choices = tuple(choices)
        self.aliases = dict(aliases or {})

    def _canonical(self, answer):
        return aliases.resolve(answer, self.choices, self.aliases)

    def _compare(self, answer, expected):
        if isinstance(answer, (list, tuple, set, np.ndarray, pd.Series, pd.Index, pd.DataFrame)):
            if len(answer) == 1 and not isinstance(answer, (set, pd.DataFrame)):
                answer = list(answer)[0]
            else:
                return WRONG_SHAPE, _t("ex.choice_several", n=len(answer))
        if not isinstance(answer, str):
            return WRONG_TYPE, _t("ex.choice_type", example=repr(self.choices[0]), what=_what(answer))
        chosen = self._canonical(answer)
        if chosen is None:
            return INCORRECT, _t("ex.choice_unknown", answer=_quote(answer),
                                 options=", ".join(map(repr, self.choices)))
        if chosen == expected:
            return CORRECT, _t("ex.choice_right", answer=repr(chosen))
        return INCORRECT, _t("ex.choice_wrong", answer=repr(chosen))

    def wrong_answers(self):
        other = next(c for c in self.choices if c != self.expected)
        return {"type": 42, "shape": list(self.choices[:2]), "value": other}


def _as_list(answer):
    """A list from a list, tuple, 1-D array, Series, Index or one-column DataFrame; else None."""
    if isinstance(answer, (list, tuple, pd.Series, pd.Index)):
        return list(answer)
    if isinstance(answer, np.ndarray) and answer.ndim == 1:
        return answer.tolist()
    if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
        return answer.iloc[:, 0].tolist()
    return None


def _as_mapping(answer):
    """A dict from a dict/Mapping, a Series or a one-column DataFrame; else None."""
    if isinstance(answer, Mapping):
        return dict(answer)
    if isinstance(answer, pd.Series):
        return answer.to_dict()
    if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
        return answer.iloc[:, 0].to_dict()
    return None


class _ValueMatcher:
    """Compare one value of a list or dict with its expected value: numbers with the question's
    tolerance and precision, text through the alias table."""

    def _value_status(self, a, e, options) -> tuple[str, int | None]:
        ne = _as_number(e)
        if ne is not None:
            na = _as_number(a)
            return self._number_status(na, ne) if na is not None else (WRONG, None)
        if isinstance(e, str):
            return (RIGHT, None) if aliases.resolve(a, options) == e else (WRONG, None)
        return (RIGHT, None) if a == e else (WRONG, None)


class SequenceQuestion(_ValueMatcher, Question):
    """The answer is an ordered list of items (text or numbers); a tuple, array or Series is fine."""

    _kind_key = "ex.kind_list"

    def __init__(self, *args, aliases: dict | None = None, **kw):
        super().__init__(*args, **kw)
        self.aliases = dict(aliases or {})

    def _options(self, expected):
        return [x for x in expected if isinstance(x, str)]

    def _same(self, a, b, options) -> bool:
        if isinstance(b, str) and self.aliases:
            extra = aliases.resolve(a, options, self.aliases)
            if extra == b:
                return True
        return self._value_status(a, b, options)[0] in (RIGHT, ROUNDED)

    def _compare(self, answer, expected):
        items = None if isinstance(answer, (str, bytes)) else _as_list(answer)
        if items is None:
            return WRONG_TYPE, _t("ex.seq_type", what=_what(answer))
        expected = list(expected)
        if len(items) != len(expected):
            return WRONG_SHAPE, _t("ex.seq_len", n=len(expected), m=len(items))
        for i, (a, b) in enumerate(zip(items, expected)):
            if _as_number(b) is not None and _as_number(a) is None:
                return WRONG_TYPE, _t("ex.seq_item_type", pos=i + 1, kind=_t("ex.kind_number"), what=_what(a))
            if isinstance(b, str) and not isinstance(a, str):
                return WRONG_TYPE, _t("ex.seq_item_type", pos=i + 1, kind=_t("ex.kind_text"), what=_what(a))
        options = self._options(expected)
        wrong = [i + 1 for i, (a, b) in enumerate(zip(items, expected)) if not self._same(a, b, options)]
        if not wrong:
            return CORRECT, _t("ex.seq_right")
        if all(any(self._same(a, b, options) for b in expected) for a in items):
            return INCORRECT, _t("ex.seq_order", pos=_positions(wrong))
        notes = self._notes(items, expected, wrong)
        others = _t("ex.others_right") if len(wrong) < len(expected) else ""
        return INCORRECT, _t("ex.seq_wrong", pos=_positions(wrong)) + others + notes

    def _notes(self, items, expected, wrong) -> str:
        notes = []
        for pos in wrong[:3]:
            a, b = items[pos - 1], expected[pos - 1]
            if _as_number(a) is not None and _as_number(b) is not None:
                status, k = self._number_status(_as_number(a), _as_number(b))
                if status in (PERCENT, FRACTION, PRECISION):
                    notes.append(" " + _t("ex.for_key", field=pos, note=self._number_note(status, _as_number(a), k)))
        return "".join(notes)

    def wrong_answers(self):
        e = list(self.expected)
        return {"type": 42, "shape": e[:-1], "value": e[::-1] if e[::-1] != e else e[1:] + e[:1]}


class MappingQuestion(_ValueMatcher, Question):
    """The answer is a dict of named values (numbers compared with tolerance and precision, text
    through the alias table); a Series with those labels is fine too."""

    _kind_key = "ex.kind_dict"

    def _compare(self, answer, expected):
        given = _as_mapping(answer)
        if given is None:
            return WRONG_TYPE, _t("ex.map_type", keys=_items(list(expected)), what=_what(answer))
        missing = [k for k in expected if k not in given]
        extra = [k for k in given if k not in expected]
        if missing or extra:
            parts = []
            if missing:
                parts.append(_t("ex.map_missing", keys=_items(missing)))
            if extra:
                parts.append(_t("ex.map_extra", keys=_items(extra)))
            return WRONG_SHAPE, _t("ex.map_shape", parts=_t("ex.and").join(parts), keys=_items(list(expected)))
        for k, e in expected.items():  # a wrong type inside the dict is a type error, and named
            a = given[k]
            if _as_number(e) is not None and _as_number(a) is None:
                return WRONG_TYPE, _t("ex.map_value_type", field=_quote(k), kind=_t("ex.kind_number"),
                                      what=_what(a))
            if isinstance(e, str) and not isinstance(a, str):
                return WRONG_TYPE, _t("ex.map_value_type", field=_quote(k), kind=_t("ex.kind_text"), what=_what(a))
        options = sorted({v for v in expected.values() if isinstance(v, str)})
        status = {k: self._value_status(given[k], expected[k], options) for k in expected}
        wrong = [k for k, (s, _) in status.items() if s not in (RIGHT, ROUNDED)]
        if not wrong:
            return CORRECT, _t("ex.map_right")
        notes = [
            " " + _t("ex.for_key", field=_quote(k), note=self._number_note(s, _as_number(given[k]), d))
            for k, (s, d) in status.items() if s in (PERCENT, FRACTION, PRECISION)
        ][:3]
        others = _t("ex.others_right") if len(wrong) < len(expected) else ""
        return INCORRECT, _t("ex.map_wrong", keys=_items(wrong)) + others + "".join(notes)

    def wrong_answers(self):
        e = dict(self.expected)
        k = next(iter(e))
        v = e[k]
        bad = (float(v) * 1.5 + 1) if _as_number(v) is not None else f"not {v}"
        return {"type": list(e.values()), "shape": {k: v}, "value": {**e, k: bad}}


class FrameQuestion(Question):
    """The answer is a table (DataFrame) or a Series; columns, rows and values are checked.

    Equivalent forms are accepted: a one-column DataFrame or a dict for a Series, a Series for
    a one-column DataFrame. ``check_index``: compare row labels too (after sorting), else compare
    by position after sorting by ``sort_by`` (columns) when given.
    """

    @property
    def _kind_key(self) -> str:
        return "ex.kind_series" if isinstance(self.expected, pd.Series) else "ex.kind_frame"

    def __init__(self, *args, check_index: bool = True, sort_by: Sequence[str] | None = None, **kw):
        super().__init__(*args, **kw)
        self.check_index, self.sort_by = check_index, sort_by

    def _coerce(self, answer, expected):
        """The answer as the expected container, or None."""
        if isinstance(expected, pd.Series):
            if isinstance(answer, pd.Series):
                return answer
            if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
                return answer.iloc[:, 0]
            if isinstance(answer, Mapping):
                return pd.Series(dict(answer))
            return None
        if isinstance(answer, pd.DataFrame):
            return answer
        if isinstance(answer, pd.Series) and expected.shape[1] == 1:
            return answer.to_frame(expected.columns[0])
        if isinstance(answer, Mapping) and answer and all(isinstance(v, (Mapping, pd.Series)) for v in answer.values()):
            try:
                return pd.DataFrame(dict(answer))
            except (TypeError, ValueError):
                return None
        return None

    def _compare(self, answer, expected):
        series = isinstance(expected, pd.Series)
        given = self._coerce(answer, expected)
        if given is None:
            return WRONG_TYPE, _t("ex.frame_type", want=self.expected_kind, what=_what(answer))
        a = given.to_frame("value") if series else given
        e = expected.to_frame("value") if series else expected
        if not series:
            missing = [c for c in e.columns if c not in a.columns]
            if missing:
                return WRONG_SHAPE, _t("ex.frame_columns", missing=_items(missing), columns=_items(list(e.columns)))
            a = a[list(e.columns)]
        if len(a) != len(e):
            return WRONG_SHAPE, _t("ex.frame_rows", n=len(e), m=len(a))
        if self.check_index:
            try:
                a = a.sort_index()
                e = e.sort_index()
            except TypeError:
                pass
            if not a.index.astype(str).equals(e.index.astype(str)):
                extra = [x for x in a.index if x not in set(e.index)][:3]
                return WRONG_SHAPE, _t("ex.frame_index", labels=_items(extra))
        elif self.sort_by:
            a = a.sort_values(list(self.sort_by)).reset_index(drop=True)
            e = e.sort_values(list(self.sort_by)).reset_index(drop=True)
        for c in e.columns:
            if self._numeric(e[c]) and not self._numeric_like(a[c]):
                return WRONG_TYPE, _t("ex.frame_column_type", column=_quote(c), what=_what(a[c].iloc[0])
                                      if len(a) else str(a[c].dtype))
        states = {c: self._column_state(a[c], e[c]) for c in e.columns}
        bad_cols = [c for c, s in states.items() if s not in (RIGHT, ROUNDED)]
        if not bad_cols:
            if ROUNDED in states.values():
                return CORRECT, _t("ex.frame_rounded", n=len(e), d=self.decimals)
            return CORRECT, _t("ex.frame_right", n=len(e))
        first = bad_cols[0]
        where = self._where(a[first], e[first], states[first])
        if series:
            return INCORRECT, _t("ex.frame_series_wrong", where=where)
        return INCORRECT, _t("ex.frame_cols_wrong", columns=_items(bad_cols), where=where)

    @staticmethod
    def _numeric(s: pd.Series) -> bool:
        return pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)

    def _numeric_like(self, s: pd.Series) -> bool:
        if pd.api.types.is_bool_dtype(s) or pd.api.types.is_complex_dtype(s):
            return False
        if self._numeric(s):
            return True
        return all(_as_number(v) is not None or v is None or (isinstance(v, float) and math.isnan(v)) for v in s)

    def _column_state(self, a: pd.Series, e: pd.Series) -> str:
        if self._numeric(e):
            av = np.asarray(a.to_numpy(), dtype=float)
            ev = np.asarray(e.to_numpy(), dtype=float)
            if np.allclose(av, ev, rtol=self.rel_tol, atol=self.abs_tol, equal_nan=True):
                return RIGHT
            if self.decimals is not None and np.allclose(av, ev, rtol=0, atol=0.5 * 10.0 ** -self.decimals * (1 + 1e-9),
                                                         equal_nan=True):
                return ROUNDED
            if np.any(ev != 0):
                if np.allclose(av, ev * 100, rtol=self.rel_tol, atol=self.abs_tol * 100, equal_nan=True):
                    return PERCENT
                if np.allclose(av, ev / 100, rtol=self.rel_tol, atol=self.abs_tol / 100, equal_nan=True):
                    return FRACTION
            return WRONG
        options = sorted({v for v in e if isinstance(v, str)})
        ok = all((aliases.resolve(x, options) == y) if isinstance(y, str) else (str(x) == str(y))
                 for x, y in zip(a, e))
        return RIGHT if ok else WRONG

    def _where(self, a: pd.Series, e: pd.Series, state: str) -> str:
        if state == PERCENT:
            return _t("ex.column_percent")
        if state == FRACTION:
            return _t("ex.column_fraction")
        for i in range(len(e)):
            av, ev = a.iloc[i], e.iloc[i]
            na, ne = _as_number(av), _as_number(ev)
            if ne is not None and na is not None and not (math.isnan(ne) and math.isnan(na)):
                if self._number_status(na, ne)[0] not in (RIGHT, ROUNDED):
                    return _t("ex.first_wrong", row=_quote(e.index[i], 30), how=_how_far(na, ne))
            elif str(av) != str(ev) and not (isinstance(ev, str) and aliases.resolve(av, [ev]) == ev):
                return _t("ex.first_wrong_value", row=_quote(e.index[i], 30), value=_quote(av, 30))
        return _t("ex.check_values")

    def wrong_answers(self):
        e = self.expected
        if isinstance(e, pd.Series):
            shape = e.iloc[:-1] if len(e) > 1 else pd.concat([e, e])
            value = e * 2 + 1 if pd.api.types.is_numeric_dtype(e) else e.iloc[::-1].set_axis(e.index)
            return {"type": e.tolist(), "shape": shape, "value": value}
        shape = e.drop(columns=e.columns[-1]) if e.shape[1] > 1 else e.iloc[:-1]
        value = e.copy()
        col = next((c for c in e.columns if self._numeric(e[c])), None)
        if col is not None:
            value[col] = value[col] * 2 + 1
        else:
            col = e.columns[0]
            value[col] = value[col].iloc[::-1].to_numpy()
        return {"type": e.to_dict("list"), "shape": shape, "value": value}
