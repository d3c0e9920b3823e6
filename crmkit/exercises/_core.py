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

**Practice and graded mode.** A question declared in a chapter module is in *practice* mode: it
knows its expected value and ``check()`` judges it. :meth:`Question.spec` describes a question for
a *graded* release without its answer (text, hints, options, tolerance and the *form* of the
answer: number, list length, dict keys, table columns and row labels ...), and
:func:`question_from_spec` rebuilds it in graded mode (``q.is_graded``): ``check()`` then judges
only the form and says that the instructor grades the value, ``q.expected`` raises
:class:`AnswersWithheld` and ``solution()`` says solutions are withheld.

**Nothing escapes.** ``check()`` answers every value with a :class:`Feedback`. A student's object
whose ``__float__``, ``__eq__``, ``__len__``, ``__repr__`` ... raises anything (``SystemExit``
and other ``BaseException`` subclasses included) gets a message naming the operation's error. The
one exception let through is ``KeyboardInterrupt``: it is how Jupyter's stop button interrupts a
cell, and a check must stay interruptible.

Every feedback object shows as coloured HTML in Jupyter and as deterministic plain text elsewhere
(so nbval can compare it); its text comes from :mod:`crmkit.i18n` (``labels_exercises.py``), so it
is Chinese after ``crmkit.i18n.set_language("zh")``.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import html
import math
import numbers
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np
import pandas as pd

from .. import i18n
from ..i18n import catalogs as _catalogs
from . import _source, aliases

__all__ = [
    "Feedback",
    "Question",
    "NumberQuestion",
    "ChoiceQuestion",
    "SequenceQuestion",
    "MappingQuestion",
    "FrameQuestion",
    "WeightsDesignQuestion",
    "OpenQuestion",
    "AnswersWithheld",
    "question_from_spec",
    "CORRECT",
    "FORM_OK",
    "RECORDED",
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
#: Graded mode: the answer has the right form; its value is judged by the instructor's grader.
FORM_OK = "form ok"
#: An open question's text answer, recorded: the instructor grades it by hand against the rubric.
RECORDED = "recorded"

_CHAPTER_PREFIX = __name__.rsplit(".", 1)[0] + ".ch"

_STYLE = {
    CORRECT: ("#1a7f37", "#e6f4ea", "ex.correct"),
    INCORRECT: ("#b42318", "#fdecea", "ex.incorrect"),
    WRONG_TYPE: ("#b42318", "#fdecea", "ex.wrong_type"),
    WRONG_SHAPE: ("#b42318", "#fdecea", "ex.wrong_shape"),
    NOT_ATTEMPTED: ("#8a6d00", "#fff8e1", "ex.not_attempted"),
    INFO: ("#1f4e9a", "#e8f0fe", "ex.info"),
    ERROR: ("#8a6d00", "#fff8e1", "ex.error"),
    FORM_OK: ("#1f4e9a", "#e8f0fe", "ex.form_ok"),
    RECORDED: ("#1f4e9a", "#e8f0fe", "ex.recorded"),
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
        sep = "。" if i18n.get_language() == "zh" else ". "
        text = f"{self._heading()}{sep}{self.message}".rstrip()
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
    try:
        name = type(x).__name__
    except BaseException as exc:  # noqa: BLE001 - a metaclass with a broken __name__
        _reraise_interrupt(exc)
        return "object"
    return name if isinstance(name, str) else "object"


def _reraise_interrupt(exc: BaseException) -> None:
    """Let Jupyter's stop button through; every other exception is turned into feedback."""
    if isinstance(exc, KeyboardInterrupt):
        raise exc


def _safe_str(x, limit: int = 120) -> str:
    """``str(x)`` for a message, whatever ``x`` does when turned into text."""
    try:
        text = str(x)
    except BaseException as exc:  # noqa: BLE001 - a student's exception with a broken __str__
        _reraise_interrupt(exc)
        text = ""
    if not isinstance(text, str):
        return ""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _what(x) -> str:
    """``"an int"``, ``"a list"`` (or ``"int 类型的值"``): the type of a student's value, with its article."""
    name = _type_name(x)
    return _t("ex.an_type" if name[:1].lower() in "aeiou" else "ex.a_type", type=name)


def _quote(x, limit: int = MAX_QUOTE) -> str:
    """``repr(x)``, cut to a readable length."""
    try:
        text = repr(x)
        if not isinstance(text, str):
            raise TypeError("__repr__ returned no text")
    except BaseException as exc:  # noqa: BLE001 - a student's object with a broken repr
        _reraise_interrupt(exc)
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


def _sig(x: float, decimals: int | None = None) -> str:
    """A small positive difference, readable: at least two significant digits, no exponent when
    it can be avoided (``0.0036``, ``12.5``)."""
    if x == 0 or not math.isfinite(x):
        return f"{x:g}"
    if x >= 1e15 or x < 1e-9:
        return f"{x:.2g}"
    digits = max(decimals or 0, 1 - math.floor(math.log10(x)))
    return f"{x:,.{max(0, digits)}f}"


#: The modules whose values are "ordinary": an exception while using one is the checker's fault.
_ORDINARY_MODULES = ("builtins", "numpy", "pandas", "datetime", "decimal", "fractions")


def _foreign(x, depth: int = 0) -> bool:
    """Whether ``x`` is (or holds, a few levels deep) an object of a class the student wrote."""
    try:
        module = type(x).__module__ or ""
    except BaseException as exc:  # noqa: BLE001
        _reraise_interrupt(exc)
        return True
    if not isinstance(module, str) or module.split(".")[0] not in _ORDINARY_MODULES:
        return True
    if depth >= 2:
        return False
    try:
        if type(x) in (list, tuple, set, frozenset):
            return any(_foreign(v, depth + 1) for v in list(x)[:1000])
        if type(x) is dict:
            return any(_foreign(k, depth + 1) or _foreign(v, depth + 1) for k, v in list(x.items())[:1000])
        if isinstance(x, (np.ndarray, pd.Series, pd.Index)) and getattr(x, "dtype", None) == object:  # noqa: E721
            return any(_foreign(v, depth + 1) for v in np.asarray(x, dtype=object).ravel()[:1000])
        if isinstance(x, pd.DataFrame):
            return any(x[c].dtype == object and _foreign(x[c], depth + 1) for c in list(x.columns)[:100])
    except BaseException as exc:  # noqa: BLE001
        _reraise_interrupt(exc)
        return True
    return False


def _plain(x):
    """A 0-d numpy array as the value it holds (``np.array('time')`` is the text ``'time'``)."""
    if isinstance(x, np.ndarray) and x.ndim == 0:
        return x.item() if x.dtype != object else x[()]
    return x


def _json_value(x):
    """A label, key or option as a JSON value: text, a whole number, a float, a bool or None;
    anything else as its text (the checker compares labels by their text where needed)."""
    x = _plain(x)
    if isinstance(x, np.generic):
        x = x.item()
    if x is None or isinstance(x, (str, bool, int)):
        return x
    if isinstance(x, float):
        return x if math.isfinite(x) else str(x)
    return str(x)


# -- numbers ------------------------------------------------------------------------------------

def _is_real(x) -> bool:
    """A real number: Python/numpy ints and floats; never a bool, a complex number, text, a date or
    a duration (numpy's ``timedelta64`` is an integer type to numpy, not to a student)."""
    if isinstance(x, (bool, np.bool_, np.timedelta64, np.datetime64)):
        return False
    return isinstance(x, (numbers.Real, np.integer, np.floating))


def _as_number(x):
    """A plain float from a real number, a ``Decimal`` or a one-value array/Series/DataFrame; else
    None. An integer too large for a float (``10**400``) is ±inf."""
    x = _plain(x)
    if _is_real(x):
        try:
            return float(x)
        except OverflowError:
            if isinstance(x, (int, np.integer)):
                return math.inf if x > 0 else -math.inf
            raise
    if isinstance(x, decimal.Decimal):
        return float(x)
    if isinstance(x, (np.ndarray, pd.Series, pd.DataFrame)) and x.size == 1:
        arr = np.asarray(x)
        if arr.dtype.kind in "iuf":  # not bool ("b"), durations ("m") or dates ("M")
            return _as_number(arr.ravel()[0])
        if arr.dtype == object:
            inner = arr.ravel()[0]
            if not isinstance(inner, (np.ndarray, pd.Series, pd.DataFrame)):
                return _as_number(inner)
    return None


def _is_huge_int(x) -> bool:
    x = _plain(x)
    return type(x) is int and abs(x) > 2 ** 1023  # numpy's integers are never this large


def _close(a: float, b: float, rel: float, abs_: float) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


#: What the text of a question asks for (read from its "Answer ..." sentence): a fraction (0 to 1),
#: a whole number (a count) or a per cent. ``None``: the text does not say.
FRACTION_SCALE, WHOLE_SCALE, PERCENT_SCALE = "fraction", "whole", "percent"


def _scale_from_text(prompt: str) -> str | None:
    text = prompt[prompt.rfind("Answer "):] if "Answer " in prompt else ""
    text = text.split("e.g.")[0].lower()
    if re.search(r"\bfractions?\b|\bshares? between 0 and 1\b", text):
        return FRACTION_SCALE
    if re.search(r"\bwhole numbers?\b|\bnumber of (customers|accounts|people|orders)\b|\bcounts?\b", text):
        return WHOLE_SCALE
    if re.search(r"\bin %|\ba percentage\b|\bin per ?cent\b", text):
        return PERCENT_SCALE
    return None


def _how_far(value: float, expected: float, *, scale: str | None = None, tol: float = 0.0,
             decimals: int | None = None) -> str:
    """How a wrong number relates to the right one, in words that stay true near zero, across a
    change of sign and for a share given for a count."""
    if expected == 0:
        return _t("ex.zero_above" if value > 0 else "ex.zero_below")
    if value == 0:
        return _t("ex.zero_given")
    if math.isfinite(value) and 0 < abs(value) < 1 and scale == WHOLE_SCALE and abs(expected) >= 1:
        return _t("ex.share_for_count")
    if math.isfinite(value) and scale == FRACTION_SCALE and 1 < abs(value) <= 100 and abs(expected) <= 1:
        return _t("ex.percent_for_fraction_scale")
    if (value > 0) != (expected > 0):
        return _t("ex.wrong_sign_negative" if expected < 0 else "ex.wrong_sign_positive")
    if math.isfinite(value) and abs(expected) < max(10 * tol, 0.01):  # near zero a percentage misleads
        diff = value - expected
        if scale == FRACTION_SCALE:
            return _t("ex.abs_high_pp" if diff > 0 else "ex.abs_low_pp", diff=_sig(abs(diff), decimals),
                      pp=_sig(abs(diff) * 100))
        return _t("ex.abs_high" if diff > 0 else "ex.abs_low", diff=_sig(abs(diff), decimals))
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


class AnswersWithheld(AttributeError):
    """``q.expected`` of a question in a graded release: the answers are not part of this copy."""


def _withheld():
    raise AnswersWithheld(_t("ex.withheld"))


class Question:
    """One exercise question. Subclasses say what a valid answer looks like and how to compare.

    ``rel_tol``/``abs_tol``: how close a number must be. ``decimals``: the precision the
    question's text shows ("to 2 decimals"); an answer rounded to it is accepted. By default it
    follows ``abs_tol`` (0.01 -> 2 decimals); ``abs_tol=0`` (exact answers) has none.
    ``graded_hints``: how many of the hints a graded release keeps (default: all); a hint that
    spells out the computation, such as ``(400 + 270) / 17``, is for practice only.

    A subclass splits its check in two: ``_form_check(answer, form)`` judges the *form* of the
    answer against :meth:`form` (a JSON-able description without the value) and returns
    ``(outcome, message)`` for a problem or ``(None, normalised answer)``; ``_compare_values``
    judges the value. Practice mode runs both, graded mode only the first.
    """

    _kind_key = "ex.kind_answer"
    #: The constructor keywords (beyond the common ones) that :meth:`spec` records.
    _spec_keys: tuple[str, ...] = ()
    #: Whether this kind of question can judge an answer without the expected value (graded mode
    #: then checks it fully).
    _judges_without_expected = False
    is_graded = False

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
        graded_hints: int | None = None,
    ):
        if not callable(expected):
            raise TypeError("expected must be a function that computes the answer from the data")
        self.name = name
        self._prompt = prompt
        self._expected_fn = expected
        self._expected_cache: Any = _MISSING
        self._hints = tuple(hints)
        self.rel_tol, self.abs_tol = rel_tol, abs_tol
        if decimals is None and abs_tol > 0:
            decimals = max(0, round(-math.log10(abs_tol)))
        self.decimals = decimals
        self.graded_hints = graded_hints
        self.scale = _scale_from_text(prompt)
        self._graded_form: dict | None = None
        self._hints_shown = 0
        self._located: tuple[str, str] | None = None

    # -- the texts a student reads, in the kit's language ------------------------------------------
    def english(self, what: str):
        """The English ``"prompt"``, ``"hints"`` or ``"unit"`` as written in the chapter module (the
        source the Chinese catalogue translates)."""
        return {"prompt": self._prompt, "hints": self._hints, "unit": getattr(self, "_unit", "")}[what]

    def _translated(self, key: str, english: str) -> str:
        """``english`` in the kit's language: after ``set_language("zh")``, the current translation from
        ``crmkit/locale/zh_CN/LC_MESSAGES/exercises/chNN.po`` (context ``chNN.qK.<key>``), else English."""
        if not english or i18n.get_language() != "zh":
            return english
        where = self.location()
        if where is None:
            return english
        chapter, var = where
        return _catalogs.translate(f"exercises/{chapter}", f"{chapter}.{var}.{key}", english)

    @property
    def prompt(self) -> str:
        """The question's text, in the kit's language."""
        return self._translated("prompt", self._prompt)

    @prompt.setter
    def prompt(self, value: str) -> None:
        self._prompt = value

    @property
    def hints(self) -> tuple[str, ...]:
        """The hints, in the kit's language."""
        return tuple(self._translated(f"hint.{k}", h) for k, h in enumerate(self._hints, 1))

    @hints.setter
    def hints(self, value) -> None:
        self._hints = tuple(value)

    @property
    def expected_kind(self) -> str:
        return _t(self._kind_key)

    def _kind_text(self) -> str:
        """``expected_kind`` for a message, even when the reference code that tells it fails."""
        try:
            return self.expected_kind
        except Exception:  # noqa: BLE001 - a broken reference function is reported, not raised
            return _t("ex.kind_answer")

    # -- the expected value, computed once from the reference code -------------------------
    @property
    def expected(self):
        if self.is_graded:
            raise AnswersWithheld(_t("ex.withheld"))
        if self._expected_cache is _MISSING:
            self._expected_cache = self._expected_fn()
        return self._expected_cache

    # -- the public description of a question, for a graded release ------------------------
    def form(self) -> dict:
        """The form of the expected answer without its value (JSON-able)."""
        if self._graded_form is not None:
            return self._graded_form
        return self._form_of(self.expected)

    def _form_of(self, expected) -> dict:
        return {"kind": "answer"}

    def _spec_extra(self) -> dict:
        # English texts (the unit): a graded release translates them at run time, as the practice kit does
        return {k: self._unit if k == "unit" else getattr(self, k) for k in self._spec_keys}

    def spec(self) -> dict:
        """A JSON-serialisable public description of this question: everything ``check()`` needs
        to judge the *form* of an answer, never the expected value. :func:`question_from_spec`
        rebuilds the question from it, in graded mode."""
        spec = {
            "class": type(self).__name__,
            "name": self.name,
            "text": self._prompt,
            "hints": list(self._hints[:self.graded_hints]),
            "rel_tol": self.rel_tol,
            "abs_tol": self.abs_tol,
            "decimals": self.decimals,
        }
        spec.update(self._spec_extra())
        spec["form"] = self.form()
        return spec

    @classmethod
    def _kwargs_from_spec(cls, spec: dict) -> dict:
        return {k: spec[k] for k in cls._spec_keys}

    # -- what the student calls ----------------------------------------------------------
    def check(self, answer=Ellipsis) -> Feedback:
        """Check an answer. Never raises (but for ``KeyboardInterrupt``, the stop button): every
        problem becomes a friendly message."""
        if _is_unanswered(answer):
            return self._fb(NOT_ATTEMPTED, _t("ex.replace_dots", kind=self._kind_text()))
        try:
            answer = _plain(answer)
            if self.is_graded and not self._judges_without_expected:
                outcome, found = self._form_check(answer, self.form())
                if outcome is None:
                    outcome, message = FORM_OK, _t("ex.graded_form_ok", kind=self.expected_kind)
                else:
                    message = found
            else:
                outcome, message = self._compare(answer, None if self.is_graded else self.expected)
        except BaseException as exc:  # the checker must never crash in front of a student
            _reraise_interrupt(exc)
            error = f"{_type_name(exc)}: {_safe_str(exc)}" if _safe_str(exc) else _type_name(exc)
            try:
                foreign = _foreign(answer)
            except BaseException as exc2:  # noqa: BLE001
                _reraise_interrupt(exc2)
                foreign = True
            if foreign:  # the student's own object failed when used: say so, it is a wrong type
                return self._fb(WRONG_TYPE, _t("ex.answer_raised", what=_what(answer), error=error,
                                               kind=self._kind_text()))
            return self._fb(ERROR, _t("ex.checker_failed", error=error, kind=self._kind_text()))
        if outcome == CORRECT:
            message = message or _t("ex.well_done")
        return self._fb(outcome, message)

    def _compare(self, answer, expected) -> tuple[str, str]:
        outcome, found = self._form_check(answer, self._form_of(expected))
        if outcome is not None:
            return outcome, found
        return self._compare_values(found, expected)

    def hint(self, n: int | None = None) -> Feedback:
        """Show the next hint (or hint number ``n``, counting from 1)."""
        if not self.hints:
            return self._fb(INFO, _t("ex.no_hint"), title=_t("ex.no_hint_title"))
        if n is None:
            n = min(self._hints_shown + 1, len(self.hints))
        if type(n) is not int or not 1 <= n <= len(self.hints):
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
        if self.is_graded:
            return self._fb(INFO, _t("ex.solution_withheld"), title=title)
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
        if not math.isfinite(a) or not math.isfinite(e):
            return (RIGHT, None) if a == e else (WRONG, None)
        if _close(a, e, self.rel_tol, self.abs_tol):
            return RIGHT, None
        d = self.decimals
        if d is not None and abs(a - e) <= 0.5 * 10.0 ** -d * (1 + 1e-9) + 1e-12:
            return ROUNDED, d
        if e != 0:
            if _close(a, e * 100, self.rel_tol, self.abs_tol * 100):
                return PERCENT, None
            if (a != 0 and (a > 0) == (e > 0) and _close(a, e / 100, self.rel_tol, self.abs_tol / 100)
                    and (abs(e) >= 0.5 or self.scale == PERCENT_SCALE)):
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

    def _value_note(self, a, e) -> str:
        """For a wrong number inside a dict or list: the note on a share given for a count or a per cent
        given for a fraction, else ""."""
        na, ne = _as_number(a), _as_number(e)
        if na is None or ne is None or not (math.isfinite(na) and math.isfinite(ne)) or ne == 0:
            return ""
        scale = self.scale or (WHOLE_SCALE if isinstance(e, (int, np.integer)) and not isinstance(e, bool) else None)
        how = _how_far(na, ne, scale=scale, tol=self.abs_tol, decimals=self.decimals)
        return how if how in (_t("ex.share_for_count"), _t("ex.percent_for_fraction_scale")) else ""

    def _scale_problem(self, value: float) -> str | None:
        """Graded mode: a number whose size contradicts what the question's text asks for (a per cent
        where a fraction is asked, a share where a count is asked), or None."""
        if not math.isfinite(value):
            return None
        if self.scale == FRACTION_SCALE and 1 + max(self.abs_tol, 1e-9) < abs(value) <= 100:
            return _t("ex.graded_percent_for_fraction", value=f"{value:,.10g}")
        if self.scale == WHOLE_SCALE and 0 < abs(value) < 1:
            return _t("ex.graded_share_for_count", value=f"{value:,.10g}")
        return None

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

    def _form_check(self, answer, form: dict):
        return None, answer

    def _compare_values(self, answer, expected) -> tuple[str, str]:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{self.name}: {self.prompt}"

    def _repr_html_(self) -> str:
        return f"<div><b>{html.escape(self.name)}</b>: {html.escape(self.prompt)}</div>"


class _Missing:
    pass


_MISSING = _Missing()


def _number_type_problem(answer) -> str:
    """Why ``answer``, which is not a number, is not one (the message)."""
    if isinstance(answer, (bool, np.bool_)):
        return _t("ex.num_bool", value=_quote(answer))
    if isinstance(answer, (complex, np.complexfloating)):
        return _t("ex.num_complex", value=_quote(answer))
    if isinstance(answer, str):
        return _t("ex.num_text", text=_quote(answer))
    if isinstance(answer, (_dt.timedelta, np.timedelta64)):
        return _t("ex.num_duration", value=_quote(answer))
    if isinstance(answer, (_dt.date, np.datetime64)):
        return _t("ex.num_date", value=_quote(answer))
    return _t("ex.num_type", what=_what(answer))


class NumberQuestion(Question):
    """The answer is one number, compared with a relative and an absolute tolerance, and accepted
    when rounded to the ``decimals`` the question shows."""

    _kind_key = "ex.kind_number"
    _spec_keys = ("unit",)

    def __init__(self, *args, unit: str = "", **kw):
        super().__init__(*args, **kw)
        self._unit = unit

    @property
    def unit(self) -> str:
        """The unit written after a number in feedback ("days"), in the kit's language."""
        return self._translated("unit", self._unit)

    @unit.setter
    def unit(self, value: str) -> None:
        self._unit = value

    def _form_of(self, expected) -> dict:
        return {"kind": "number"}

    def _form_check(self, answer, form):
        if _is_huge_int(answer):
            return INCORRECT, _t("ex.num_huge", digits=len(str(abs(int(answer)))))
        value = _as_number(answer)
        if value is None:
            if isinstance(answer, (list, tuple, np.ndarray, pd.Series, pd.DataFrame, pd.Index)):
                return WRONG_SHAPE, _t("ex.num_several", what=_what(answer), n=len(answer))
            return WRONG_TYPE, _number_type_problem(answer)
        if math.isnan(value):
            return INCORRECT, _t("ex.nan")
        if math.isinf(value):
            return INCORRECT, _t("ex.inf")
        if self.is_graded:
            problem = self._scale_problem(value)
            if problem:
                return INCORRECT, problem
        return None, value

    def _compare_values(self, value, expected):
        e = float(expected)
        status, k = self._number_status(value, e)
        unit = f" {self.unit}" if self.unit else ""
        if status == RIGHT:
            return CORRECT, _t("ex.num_right", value=_fmt(value, self.decimals) + unit)
        if status == ROUNDED:
            return CORRECT, _t("ex.num_right_rounded", value=_fmt(value, self.decimals) + unit, d=k)
        if status in (PERCENT, FRACTION, PRECISION):
            return INCORRECT, self._number_note(status, value, k)
        scale = self.scale or (WHOLE_SCALE if isinstance(expected, (int, np.integer)) else None)
        how = _how_far(value, e, scale=scale, tol=self.abs_tol, decimals=self.decimals)
        return INCORRECT, _t("ex.num_wrong", value=f"{value:,.6g}", how=how)

    def wrong_answers(self):
        e = float(self.expected)
        return {"type": "a number in words", "shape": [e, e], "value": e * 1.5 + 1}


class ChoiceQuestion(Question):
    """The answer is one of a few named options (text). Case, spaces and ``_``/``-`` are ignored;
    the synonyms and Chinese terms of :mod:`crmkit.exercises.aliases` are accepted, and
    ``aliases`` adds spellings for this question only.

    At least 4 options, unless ``computed=True``: the answer is computed from the data (a 2-option
    "which is cheaper" on the course's numbers is not a guess)."""

    _kind_key = "ex.kind_choice"
    _spec_keys = ("choices", "aliases")

    def __init__(self, *args, choices: Sequence[str], aliases: dict | None = None, computed: bool = False, **kw):
        super().__init__(*args, **kw)
        self.choices = list(choices)
        self.aliases = dict(aliases or {})
        #: The answer is computed from the data (which class, which option is cheaper ...), so a
        #: question with only 2 or 3 options cannot be guessed from the text alone. Without it, a
        #: choice question needs at least 4 options (``tests/test_exercise_design.py``).
        self.computed = bool(computed)

    def _canonical(self, answer):
        return aliases.resolve(answer, self.choices, self.aliases)

    def _form_of(self, expected) -> dict:
        return {"kind": "choice"}

    def _form_check(self, answer, form):
        if isinstance(answer, (list, tuple, set, np.ndarray, pd.Series, pd.Index, pd.DataFrame)):
            if len(answer) == 1 and not isinstance(answer, (set, pd.DataFrame)):
                answer = _plain(list(answer)[0])
            else:
                return WRONG_SHAPE, _t("ex.choice_several", n=len(answer))
        if not isinstance(answer, str):
            return WRONG_TYPE, _t("ex.choice_type", example=repr(self.choices[0]), what=_what(answer))
        chosen = self._canonical(answer)
        if chosen is None:
            return INCORRECT, _t("ex.choice_unknown", answer=_quote(answer),
                                 options=", ".join(map(repr, self.choices)))
        return None, chosen

    def _compare_values(self, chosen, expected):
        if chosen == expected:
            return CORRECT, _t("ex.choice_right", answer=repr(chosen))
        return INCORRECT, _t("ex.choice_wrong", answer=repr(chosen))

    def wrong_answers(self):
        other = next(c for c in self.choices if c != self.expected)
        return {"type": 42, "shape": list(self.choices[:2]), "value": other}


def _as_list(answer):
    """A list from a list, tuple, 1-D array, Series, Index or one-column DataFrame; else None."""
    if isinstance(answer, (list, tuple, pd.Series, pd.Index)):
        return [_plain(x) for x in answer]
    if isinstance(answer, np.ndarray) and answer.ndim == 1:
        return answer.tolist()
    if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
        return answer.iloc[:, 0].tolist()
    return None


def _as_mapping(answer):
    """A dict from a dict/Mapping, a Series or a one-column DataFrame; else None."""
    if isinstance(answer, Mapping):
        return {k: _plain(v) for k, v in dict(answer).items()}
    if isinstance(answer, pd.Series):
        return answer.to_dict()
    if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
        return answer.iloc[:, 0].to_dict()
    return None


#: The kinds of a value in a form: what the type checks of lists, dicts and tables look at.
NUMBER_KIND, TEXT_KIND, BOOL_KIND, OTHER_KIND = "number", "text", "bool", "other"


def _value_kind(e) -> str:
    if isinstance(e, (bool, np.bool_)):
        return BOOL_KIND
    if _as_number(e) is not None:
        return NUMBER_KIND
    if isinstance(e, str):
        return TEXT_KIND
    return OTHER_KIND


_QUOTED = re.compile(r"(?<!\w)'([^'\n]{1,80}?)'(?!\w)|(?<!\w)\"([^\"\n]{1,80}?)\"(?!\w)")


def _quoted_terms(prompt: str) -> list[str]:
    """The terms a question's text quotes (``'take'``, ``"avoid"``): public options."""
    return sorted({a or b for a, b in _QUOTED.findall(prompt)})


def _public_options(prompt: str, texts: list) -> list[str] | None:
    """The terms the question's text quotes, when every expected text value is one of them (so a
    graded check can name a term that is none of them); else None."""
    texts = [t for t in texts if isinstance(t, str)]
    terms = _quoted_terms(prompt)
    return terms if texts and all(t in terms for t in texts) else None


def _kind_problem(a, kind: str) -> str | None:
    """The kind a value should have (its label) when ``a`` is not of it, else None."""
    if kind == NUMBER_KIND and _as_number(a) is None:
        return _t("ex.kind_number")
    if kind == TEXT_KIND and not isinstance(a, str):
        return _t("ex.kind_text")
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
        return (RIGHT, None) if bool(a == e) else (WRONG, None)


class SequenceQuestion(_ValueMatcher, Question):
    """The answer is an ordered list of items (text or numbers); a tuple, array or Series is fine.

    Its form is the length and the kind of each item; never the items, which may be the answer."""

    _kind_key = "ex.kind_list"
    _spec_keys = ("aliases",)

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

    def _form_of(self, expected) -> dict:
        expected = list(expected)
        form = {"kind": "sequence", "length": len(expected), "items": [_value_kind(x) for x in expected]}
        options = _public_options(self._prompt, expected)
        if options is not None:
            form["options"] = options
        return form

    def _form_check(self, answer, form):
        items = None if isinstance(answer, (str, bytes)) else _as_list(answer)
        if items is None:
            return WRONG_TYPE, _t("ex.seq_type", what=_what(answer))
        if len(items) != form["length"]:
            return WRONG_SHAPE, _t("ex.seq_len", n=form["length"], m=len(items))
        for i, (a, kind) in enumerate(zip(items, form["items"])):
            want = _kind_problem(a, kind)
            if want:
                return WRONG_TYPE, _t("ex.seq_item_type", pos=i + 1, kind=want, what=_what(a))
        if self.is_graded and self.scale:
            for i, (a, kind) in enumerate(zip(items, form["items"])):
                problem = self._scale_problem(_as_number(a)) if kind == NUMBER_KIND else None
                if problem:
                    return INCORRECT, _t("ex.for_key", field=i + 1, note=problem)
        if self.is_graded and form.get("options"):
            for i, (a, kind) in enumerate(zip(items, form["items"])):
                if kind == TEXT_KIND and aliases.resolve(a, form["options"], self.aliases) is None:
                    return INCORRECT, _t("ex.graded_unknown_term", where=_t("ex.item_n", pos=i + 1), answer=_quote(a),
                                         options=_items(form["options"], 8))
        return None, items

    def _compare_values(self, items, expected):
        expected = list(expected)
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
                elif self._value_note(a, b):
                    notes.append(" " + _t("ex.for_key", field=pos, note=self._value_note(a, b) + "."))
        return "".join(notes)

    def wrong_answers(self):
        e = list(self.expected)
        return {"type": 42, "shape": e[:-1], "value": e[::-1] if e[::-1] != e else e[1:] + e[:1]}


class MappingQuestion(_ValueMatcher, Question):
    """The answer is a dict of named values (numbers compared with tolerance and precision, text
    through the alias table); a Series with those labels is fine too.

    Its form is the keys and the kind of each value; never the values."""

    _kind_key = "ex.kind_dict"

    def _form_of(self, expected) -> dict:
        # keys in a fixed order, never the reference's: a dict built by ranking would give its order away
        pairs = sorted(((_json_value(k), _value_kind(v)) for k, v in expected.items()), key=lambda p: str(p[0]))
        form = {"kind": "mapping", "keys": [k for k, _ in pairs], "values": [v for _, v in pairs]}
        options = _public_options(self._prompt, list(expected.values()))
        if options is not None:
            form["options"] = options
        return form

    def _form_check(self, answer, form):
        keys = form["keys"]
        given = _as_mapping(answer)
        if given is None:
            return WRONG_TYPE, _t("ex.map_type", keys=_items(keys), what=_what(answer))
        given = {_json_value(k): v for k, v in given.items()}
        missing = [k for k in keys if k not in given]
        extra = [k for k in given if k not in keys]
        if missing or extra:
            parts = []
            if missing:
                parts.append(_t("ex.map_missing", keys=_items(missing)))
            if extra:
                parts.append(_t("ex.map_extra", keys=_items(extra)))
            return WRONG_SHAPE, _t("ex.map_shape", parts=_t("ex.and").join(parts), keys=_items(keys))
        for k, kind in zip(keys, form["values"]):  # a wrong type inside the dict is a type error, and named
            want = _kind_problem(given[k], kind)
            if want:
                return WRONG_TYPE, _t("ex.map_value_type", field=_quote(k), kind=want, what=_what(given[k]))
        if self.is_graded and self.scale:
            for k, kind in zip(keys, form["values"]):
                problem = self._scale_problem(_as_number(given[k])) if kind == NUMBER_KIND else None
                if problem:
                    return INCORRECT, _t("ex.for_key", field=_quote(k), note=problem)
        if self.is_graded and form.get("options"):
            for k, kind in zip(keys, form["values"]):
                if kind == TEXT_KIND and aliases.resolve(given[k], form["options"]) is None:
                    return INCORRECT, _t("ex.graded_unknown_term", where=_t("ex.key_k", field=_quote(k)),
                                         answer=_quote(given[k]), options=_items(form["options"], 8))
        return None, given

    def _compare_values(self, given, expected):
        expected = {_json_value(k): v for k, v in expected.items()}
        options = sorted({v for v in expected.values() if isinstance(v, str)})
        status = {k: self._value_status(given[k], expected[k], options) for k in expected}
        wrong = [k for k, (s, _) in status.items() if s not in (RIGHT, ROUNDED)]
        if not wrong:
            return CORRECT, _t("ex.map_right")
        notes = [
            " " + _t("ex.for_key", field=_quote(k), note=self._number_note(s, _as_number(given[k]), d))
            if s in (PERCENT, FRACTION, PRECISION) else
            " " + _t("ex.for_key", field=_quote(k), note=self._value_note(given[k], expected[k]) + ".")
            for k, (s, d) in status.items()
            if s in (PERCENT, FRACTION, PRECISION) or (k in wrong and self._value_note(given[k], expected[k]))
        ][:3]
        others = _t("ex.others_right") if len(wrong) < len(expected) else ""
        return INCORRECT, _t("ex.map_wrong", keys=_items(wrong)) + others + "".join(notes)

    def wrong_answers(self):
        e = dict(self.expected)
        k = next(iter(e))
        v = e[k]
        bad = (float(v) * 1.5 + 1) if _as_number(v) is not None else f"not {v}"
        return {"type": list(e.values()), "shape": {k: v}, "value": {**e, k: bad}}


def _labels(index) -> list[str]:
    """Row labels as text, the way the checker compares them (a categorical index and a plain
    one with the same names are the same labels)."""
    return [str(x) for x in index]


def _floats(s: pd.Series) -> np.ndarray:
    """A column as floats, an integer too large for a float as ±inf (never an OverflowError)."""
    if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_object_dtype(s):
        return np.asarray(s.to_numpy(), dtype=float)
    out = [_as_number(v) for v in s]
    return np.array([math.nan if v is None else v for v in out], dtype=float)


class FrameQuestion(Question):
    """The answer is a table (DataFrame) or a Series; columns, rows and values are checked.

    Equivalent forms are accepted: a one-column DataFrame or a dict for a Series, a Series for
    a one-column DataFrame. ``check_index``: compare row labels too (as text, in any order), else
    compare by position after sorting by ``sort_by`` (columns) when given.

    Its form is the columns and the kind of each, the number of rows and (with ``check_index``)
    the row labels, sorted: never the values, nor the order of the rows.
    """

    _spec_keys = ("check_index", "sort_by")

    @property
    def _kind_key(self) -> str:
        return "ex.kind_series" if self.form()["kind"] == "series" else "ex.kind_frame"

    def __init__(self, *args, check_index: bool = True, sort_by: Sequence[str] | None = None, **kw):
        super().__init__(*args, **kw)
        self.check_index = check_index
        self.sort_by = None if sort_by is None else list(sort_by)

    def _form_of(self, expected) -> dict:
        series = isinstance(expected, pd.Series)
        e = expected.to_frame("value") if series else expected
        return {
            "kind": "series" if series else "frame",
            "columns": [_json_value(c) for c in e.columns],
            "column_kinds": [NUMBER_KIND if self._numeric(e[c]) else
                             BOOL_KIND if pd.api.types.is_bool_dtype(e[c]) else OTHER_KIND for c in e.columns],
            "rows": len(e),
            "index": sorted(_labels(e.index)) if self.check_index else None,
        }

    def _coerce(self, answer, form):
        """The answer as the expected container, or None."""
        if form["kind"] == "series":
            if isinstance(answer, pd.Series):
                return answer
            if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
                return answer.iloc[:, 0]
            if isinstance(answer, Mapping):
                return pd.Series({k: _plain(v) for k, v in dict(answer).items()}, dtype=object if not answer else None)
            return None
        if isinstance(answer, pd.DataFrame):
            return answer
        if isinstance(answer, pd.Series) and len(form["columns"]) == 1:
            return answer.to_frame(form["columns"][0])
        if isinstance(answer, Mapping) and answer and all(isinstance(v, (Mapping, pd.Series)) for v in answer.values()):
            try:
                return pd.DataFrame(dict(answer))
            except (TypeError, ValueError):
                return None
        return None

    def _form_check(self, answer, form):
        series = form["kind"] == "series"
        given = self._coerce(answer, form)
        if given is None:
            return WRONG_TYPE, _t("ex.frame_type", want=self.expected_kind, what=_what(answer))
        a = given.to_frame("value") if series else given
        columns = form["columns"]
        if not series:
            dup = sorted({_json_value(c) for c in a.columns[a.columns.duplicated()]}, key=str)
            if dup:
                return WRONG_SHAPE, _t("ex.frame_dup_columns", columns=_items(dup))
            have = {_json_value(c): c for c in a.columns}
            missing = [c for c in columns if c not in have]
            if missing:
                return WRONG_SHAPE, _t("ex.frame_columns", missing=_items(missing), columns=_items(columns))
            a = a[[have[c] for c in columns]]
            a.columns = list(columns)
        if len(a) != form["rows"]:
            return WRONG_SHAPE, _t("ex.frame_rows", n=form["rows"], m=len(a))
        if form["index"] is not None:
            mine = _labels(a.index)
            if sorted(mine) != form["index"]:
                want = set(form["index"])
                odd = [x for x, s in zip(a.index, mine) if s not in want][:3]
                if not odd:  # the same labels, but one of them twice
                    seen: set = set()
                    odd = [x for x, s in zip(a.index, mine) if s in seen or seen.add(s)][:3]
                    return WRONG_SHAPE, _t("ex.frame_index_twice", labels=_items(odd))
                return WRONG_SHAPE, _t("ex.frame_index", labels=_items(odd))
            a = a.iloc[np.argsort(np.array(mine, dtype=object), kind="stable")]
        for c, kind in zip(columns, form["column_kinds"]):
            if kind == NUMBER_KIND and not self._numeric_like(a[c]):
                return WRONG_TYPE, _t("ex.frame_column_type", column=_quote(c), what=_what(a[c].iloc[0])
                                      if len(a) else str(a[c].dtype))
        return None, a

    def _compare_values(self, a, expected):
        series = isinstance(expected, pd.Series)
        e = expected.to_frame("value") if series else expected
        e = e.copy()
        e.columns = [_json_value(c) for c in e.columns]
        if self.check_index:
            e = e.iloc[np.argsort(np.array(_labels(e.index), dtype=object), kind="stable")]
        elif self.sort_by:
            a = a.sort_values(list(self.sort_by)).reset_index(drop=True)
            e = e.sort_values(list(self.sort_by)).reset_index(drop=True)
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
        if self._numeric(s) and not pd.api.types.is_object_dtype(s):
            return True
        return all(_as_number(v) is not None or v is None or (isinstance(v, float) and math.isnan(v)) for v in s)

    def _column_state(self, a: pd.Series, e: pd.Series) -> str:
        if self._numeric(e):
            av, ev = _floats(a), _floats(e)
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
        whole = pd.api.types.is_integer_dtype(e)
        for i in range(len(e)):
            av, ev = a.iloc[i], e.iloc[i]
            na, ne = _as_number(av), _as_number(ev)
            if ne is not None and na is not None and not (math.isnan(ne) and math.isnan(na)):
                if self._number_status(na, ne)[0] not in (RIGHT, ROUNDED):
                    how = _how_far(na, ne, scale=self.scale or (WHOLE_SCALE if whole else None), tol=self.abs_tol,
                                   decimals=self.decimals)
                    return _t("ex.first_wrong", row=_quote(e.index[i], 30), how=how)
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


class WeightsDesignQuestion(Question):
    """Design a set of scorecard weights that puts one account first: any valid answer counts.

    The check needs no expected value (it scores the ``table`` with the student's weights through
    :func:`crmkit.accounts.scorecard`), so a graded release checks it fully."""

    _kind_key = "ex.kind_weights"
    _spec_keys = ("table", "target", "min_weight")
    _judges_without_expected = True

    def __init__(self, *args, table: pd.DataFrame, target: str, min_weight: float, **kw):
        super().__init__(*args, **kw)
        self.table, self.target, self.min_weight = table, target, min_weight

    @staticmethod
    def _criteria() -> list[str]:
        from .. import accounts

        return list(accounts.DEFAULT_WEIGHTS)

    def _form_of(self, expected) -> dict:
        return {"kind": "weights", "keys": self._criteria()}

    def _spec_extra(self) -> dict:
        table = {str(c): [_json_value(v) for v in self.table[c]] for c in self.table.columns}
        return {"table": table, "target": self.target, "min_weight": self.min_weight}

    @classmethod
    def _kwargs_from_spec(cls, spec: dict) -> dict:
        return {"table": pd.DataFrame(spec["table"]), "target": spec["target"], "min_weight": spec["min_weight"]}

    def _form_check(self, answer, form):
        keys = form["keys"]
        if not isinstance(answer, Mapping):
            return WRONG_TYPE, _t("ex.weights_type", keys=_items(keys), what=_what(answer))
        if sorted(map(str, answer)) != sorted(keys):
            return WRONG_SHAPE, _t("ex.weights_keys", keys=_items(keys))
        given = {str(k): _plain(v) for k, v in answer.items()}
        vals = {k: _as_number(given[k]) for k in keys}
        if any(x is None or not math.isfinite(x) for x in vals.values()):
            return WRONG_TYPE, _t("ex.weights_numbers")
        return None, vals

    def _compare_values(self, vals, expected):
        from .. import accounts

        low = [k for k, x in vals.items() if x < self.min_weight - 1e-9]
        if low:
            return INCORRECT, _t("ex.weights_low", min=self.min_weight, keys=_items(low))
        total = sum(vals.values())
        if not math.isclose(total, 1.0, abs_tol=1e-6):
            return INCORRECT, _t("ex.weights_sum", total=f"{total:.4g}")
        card = accounts.scorecard(self.table, vals)
        rank = int(card.loc[self.target, "rank"])
        alone = (card["rank"] == 1).sum() == 1
        if rank == 1 and alone:
            return CORRECT, _t("ex.weights_right", target=self.target, score=f"{card.loc[self.target, 'score']:.3g}")
        if rank == 1:
            return INCORRECT, _t("ex.weights_shared", target=self.target)
        return INCORRECT, _t("ex.weights_rank", target=self.target, rank=rank)

    def wrong_answers(self):
        from .. import accounts

        return {"type": list(accounts.DEFAULT_WEIGHTS.values()), "shape": {"purchase_volume": 1.0},
                "value": dict(accounts.DEFAULT_WEIGHTS)}


_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]")
_WORD = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*")


def count_words(text: str) -> float:
    """The length of an answer in words: each Latin word (``customer's``, ``RFM``, ``2.5``) counts 1 and each
    Chinese (or Japanese, Korean) character counts 1/2, so 100 Chinese characters are about 50 English words
    (a Chinese word has about two characters)."""
    cjk = len(_CJK.findall(text))
    words = len(_WORD.findall(_CJK.sub(" ", text)))
    return words + cjk / 2


def _check_rubric(rubric) -> tuple[tuple[str, float], ...]:
    """The rubric as ((criterion, points), ...), or a ParameterError naming the problem."""
    from ..errors import ParameterError

    if isinstance(rubric, (str, bytes, Mapping)) or not isinstance(rubric, (list, tuple)) or not rubric:
        raise ParameterError(f"rubric must be a non-empty list of (criterion, points) pairs, not {_quote(rubric)}")
    if len(rubric) > 50:
        raise ParameterError(f"rubric has {len(rubric)} criteria; at most 50")
    out = []
    for k, item in enumerate(rubric, 1):
        if not isinstance(item, (list, tuple)) or len(item) != 2:
            raise ParameterError(f"rubric entry {k} must be a (criterion, points) pair, not {_quote(item)}")
        text, points = item
        if not isinstance(text, str) or not text.strip():
            raise ParameterError(f"rubric entry {k}: the criterion must be a non-empty text, not {_quote(text)}")
        if not _is_real(points) or not math.isfinite(points) or not 0 < points <= 1000:
            raise ParameterError(f"rubric entry {k}: points must be a number above 0 and at most 1000, not "
                                 f"{_quote(points)}")
        out.append((str(text), int(points) if float(points).is_integer() else float(points)))
    return tuple(out)


def _points(x) -> str:
    return f"{x:g}"


class OpenQuestion(Question):
    """An open question: the answer is a text (a plan, an argument, an interpretation) that the instructor
    grades by hand against a ``rubric`` of (criterion, points) pairs.

    ``check()`` never says "correct": it says whether a text was given (and, with ``min_words``, whether it is
    long enough; :func:`count_words` counts a Chinese character as half a word), that the instructor grades
    it by hand, and lists the rubric. ``solution()`` shows the ``model_answer`` with the rubric. Its
    :meth:`~Question.spec` carries the rubric and ``min_words``, never the model answer, so a graded release
    holds the rubric only. The rubric's criteria and the model answer are translated like the prompt
    (contexts ``chNN.qK.rubric.N`` and ``chNN.qK.model``).

        q14 = OpenQuestion("Q14", "Plan ... Answer as a text (a Python str) of 80-200 words.",
                           rubric=[("names the segment and why", 2), ("a measurable target", 1)],
                           model_answer="...", hints=["..."], min_words=60)
    """

    _kind_key = "ex.kind_text"
    _spec_keys = ("rubric", "min_words")
    _judges_without_expected = True

    def __init__(self, name: str, prompt: str, expected: Callable[[], Any] | None = None, hints: Sequence[str] = (),
                 *, rubric, model_answer: str = "", min_words: float = 0, **kw):
        from ..errors import ParameterError

        if not isinstance(model_answer, str):
            raise ParameterError(f"model_answer must be a text, not {_what(model_answer)}")
        if not _is_real(min_words) or not math.isfinite(min_words) or not 0 <= min_words <= 100_000:
            raise ParameterError(f"min_words must be a number from 0 to 100000, not {_quote(min_words)}")
        self._rubric = _check_rubric(rubric)
        self._model = model_answer
        self.min_words = int(min_words) if float(min_words).is_integer() else float(min_words)
        kw.setdefault("rel_tol", 0.0)
        kw.setdefault("abs_tol", 0.0)
        super().__init__(name, prompt, expected if expected is not None else (lambda: self._model), hints, **kw)

    # -- texts ---------------------------------------------------------------------------------------
    def english(self, what: str):
        if what == "rubric":
            return tuple(c for c, _ in self._rubric)
        if what == "model":
            return self._model
        return super().english(what)

    @property
    def rubric(self) -> tuple[tuple[str, float], ...]:
        """((criterion, points), ...), the criteria in the kit's language."""
        return tuple((self._translated(f"rubric.{k}", c), p) for k, (c, p) in enumerate(self._rubric, 1))

    @property
    def max_points(self) -> float:
        total = sum(p for _, p in self._rubric)
        return int(total) if float(total).is_integer() else total

    @property
    def model_answer(self) -> str:
        """The model answer, in the kit's language (withheld in a graded release)."""
        if self.is_graded:
            raise AnswersWithheld(_t("ex.withheld"))
        return self._translated("model", self._model)

    def rubric_text(self) -> str:
        """The rubric as lines: ``1. criterion (2 points)`` ... and the total."""
        lines = [_t("ex.open_rubric_line_1" if p == 1 else "ex.open_rubric_line", k=k, criterion=c, points=_points(p))
                 for k, (c, p) in enumerate(self.rubric, 1)]
        return "\n".join([_t("ex.open_rubric_head", total=_points(self.max_points)), *lines])

    def _spec_extra(self) -> dict:
        return {"rubric": [[c, p] for c, p in self._rubric], "min_words": self.min_words}

    @classmethod
    def _kwargs_from_spec(cls, spec: dict) -> dict:
        return {"rubric": spec["rubric"], "min_words": spec["min_words"]}

    def _form_of(self, expected) -> dict:
        return {"kind": "text", "min_words": self.min_words}

    # -- checking ------------------------------------------------------------------------------------
    def _form_check(self, answer, form):
        if isinstance(answer, (list, tuple)) and all(isinstance(x, str) for x in answer) and answer:
            return WRONG_SHAPE, _t("ex.open_pieces", n=len(answer))
        if not isinstance(answer, str):
            return WRONG_TYPE, _t("ex.open_type", what=_what(answer))
        text = str.__str__(answer)
        if not text.strip():
            return INCORRECT, _t("ex.open_empty")
        words = count_words(text)
        if words < self.min_words:
            return INCORRECT, _t("ex.open_short", words=f"{words:g}", min=_points(self.min_words))
        return None, text

    def _compare_values(self, text, expected):
        return RECORDED, _t("ex.open_recorded", words=f"{count_words(text):g}", total=_points(self.max_points))

    def check(self, answer=Ellipsis) -> Feedback:
        """Check that the answer is a text of the asked length; it is graded by hand (the rubric is shown)."""
        fb = super().check(answer)
        if fb.outcome in (RECORDED, INCORRECT):  # only a text gets these (see _form_check)
            try:
                rubric = self.rubric_text()
            except Exception:  # noqa: BLE001 - a broken catalogue entry must not hide the feedback
                return fb
            return Feedback(fb.outcome, fb.message, question=fb.question, title=fb.title, code=rubric)
        return fb

    def solution(self) -> Feedback:
        """The model answer and the rubric (and the answer cell of the solution notebook, when there is one)."""
        fb = super().solution()
        if self.is_graded:
            return fb
        model = _t("ex.open_model", model=self.model_answer) + "\n" + self.rubric_text()
        if fb.code is not None:
            return Feedback(fb.outcome, fb.message + "\n" + model, question=fb.question, title=fb.title, code=fb.code)
        return Feedback(INFO, model, question=self.name, title=fb.title)

    def wrong_answers(self):
        return {"type": 42, "shape": ["a list", "of texts"], "value": ""}


#: The question classes a spec may name (a spec never names code to run).
_SPEC_CLASSES = {cls.__name__: cls for cls in (NumberQuestion, ChoiceQuestion, SequenceQuestion, MappingQuestion,
                                               FrameQuestion, WeightsDesignQuestion, OpenQuestion)}
_COMMON_SPEC_KEYS = ("class", "name", "text", "hints", "rel_tol", "abs_tol", "decimals", "form")


#: The form kind each class's spec must carry.
_FORM_KINDS = {"NumberQuestion": ("number",), "ChoiceQuestion": ("choice",), "SequenceQuestion": ("sequence",),
               "MappingQuestion": ("mapping",), "FrameQuestion": ("series", "frame"),
               "WeightsDesignQuestion": ("weights",), "OpenQuestion": ("text",)}


def question_from_spec(spec: dict) -> Question:
    """A question in graded mode from its :meth:`Question.spec`: ``check()`` judges the form of an
    answer (and says the instructor grades its value), ``expected`` raises
    :class:`AnswersWithheld` and ``solution()`` says solutions are withheld.

    A spec that is not one (not a dict, an unknown class, a missing or ill-typed field) is a
    :class:`crmkit.errors.ParameterError` naming the problem."""
    from ..errors import ParameterError

    if not isinstance(spec, Mapping):
        raise ParameterError(f"spec must be a dict from Question.spec(), not {_what(spec)}")
    name = spec.get("class")
    cls = _SPEC_CLASSES.get(name) if isinstance(name, str) else None
    if cls is None:
        raise ParameterError(f"spec names an unknown question class {_quote(name)}; known: {sorted(_SPEC_CLASSES)}")
    missing = [k for k in (*_COMMON_SPEC_KEYS, *cls._spec_keys) if k not in spec]
    if missing:
        raise ParameterError(f"spec of {cls.__name__} lacks {missing}")
    form = spec["form"]
    if not isinstance(form, Mapping) or form.get("kind") not in _FORM_KINDS[cls.__name__]:
        raise ParameterError(f"spec['form'] of {cls.__name__} must be a dict with kind in {_FORM_KINDS[cls.__name__]}")
    if not (isinstance(spec["name"], str) and isinstance(spec["text"], str)
            and isinstance(spec["hints"], (list, tuple)) and all(isinstance(h, str) for h in spec["hints"])):
        raise ParameterError("spec's name and text must be text and its hints a list of texts")
    for key in ("rel_tol", "abs_tol"):
        if not (_is_real(spec[key]) and math.isfinite(spec[key]) and spec[key] >= 0):
            raise ParameterError(f"spec[{key!r}] must be a finite number >= 0, not {_quote(spec[key])}")
    if spec["decimals"] is not None and (type(spec["decimals"]) is not int or not 0 <= spec["decimals"] <= 15):
        raise ParameterError(f"spec['decimals'] must be None or a whole number 0-15, not {_quote(spec['decimals'])}")
    try:
        q = cls(spec["name"], spec["text"], expected=_withheld, hints=list(spec["hints"]), rel_tol=spec["rel_tol"],
                abs_tol=spec["abs_tol"], decimals=spec["decimals"], **cls._kwargs_from_spec(spec))
    except (TypeError, ValueError) as exc:
        raise ParameterError(f"spec of {cls.__name__} has an ill-typed field: {exc}") from None
    q.is_graded = True
    q._graded_form = dict(form)
    return q
