"""The check / hint / solution machinery of the exercise notebooks (练习检查).

A question is declared once, in ``crmkit/exercises/chNN.py``, as one of the classes below. Its
expected value is computed by a reference function from the data (never pasted). In a notebook::

    from crmkit.exercises import ch00
    ch00.q1.check(cost_per_hour)   # friendly feedback, never an exception
    ch00.q1.hint()                 # the next hint, in order
    ch00.q1.solution()             # the reference code

``check()`` tells apart: not attempted (``...`` or ``None``), a wrong type, a wrong shape or
columns, a wrong value (with how far off) and a right answer. Every feedback object shows as
coloured HTML in Jupyter and as deterministic plain text elsewhere (so nbval can compare it).
"""

from __future__ import annotations

import html
import math
import numbers
import sys
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np
import pandas as pd

from . import _source

_CHAPTER_PREFIX = __name__.rsplit(".", 1)[0] + ".ch"

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

_STYLE = {
    CORRECT: ("#1a7f37", "#e6f4ea", "✔ Correct"),
    INCORRECT: ("#b42318", "#fdecea", "✘ Not quite"),
    WRONG_TYPE: ("#b42318", "#fdecea", "✘ Wrong type"),
    WRONG_SHAPE: ("#b42318", "#fdecea", "✘ Wrong shape"),
    NOT_ATTEMPTED: ("#8a6d00", "#fff8e1", "… Not attempted yet"),
    INFO: ("#1f4e9a", "#e8f0fe", "Hint"),
    ERROR: ("#8a6d00", "#fff8e1", "⚠ Could not check"),
}


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
        head = self.title or _STYLE[self.outcome][2]
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


def _is_unanswered(answer) -> bool:
    return answer is None or answer is Ellipsis


def _type_name(x) -> str:
    return type(x).__name__


class Question:
    """One exercise question. Subclasses say what a valid answer looks like and how to compare."""

    expected_kind = "an answer"

    def __init__(
        self,
        name: str,
        prompt: str,
        expected: Callable[[], Any],
        hints: Sequence[str] = (),
        **legacy,
    ):
        if not callable(expected):
            raise TypeError("expected must be a function that computes the answer from the data")
        self.name = name
        self.prompt = prompt
        self._expected_fn = expected
        self._expected_cache: Any = _MISSING
        self.hints = tuple(hints)
        # ``solution=`` texts are gone: the solution notebook is the one source. An old chapter
        # that still passes one keeps importing (a test names it); the text is ignored.
        self._legacy_solution = legacy.pop("solution", None)
        if legacy:
            raise TypeError(f"unexpected keyword argument(s) {sorted(legacy)}")
        self._hints_shown = 0
        self._located: tuple[str, str] | None = None

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
            return self._fb(
                NOT_ATTEMPTED,
                f"Replace the `...` with your answer ({self.expected_kind}), run the cell, then check again. "
                "Stuck? Try hint().",
            )
        try:
            outcome, message = self._compare(answer, self.expected)
        except Exception as exc:  # the checker must never crash in front of a student
            return self._fb(ERROR, f"Checking your answer failed ({_type_name(exc)}: {exc}). "
                                   f"Expected {self.expected_kind}.")
        if outcome == CORRECT:
            message = message or "Well done."
        return self._fb(outcome, message)

    def hint(self, n: int | None = None) -> Feedback:
        """Show the next hint (or hint number ``n``, counting from 1)."""
        if not self.hints:
            return self._fb(INFO, "There is no hint for this question; see solution().", title="No hint")
        if n is None:
            n = min(self._hints_shown + 1, len(self.hints))
        if not isinstance(n, int) or not 1 <= n <= len(self.hints):
            return self._fb(INFO, f"This question has hints 1 to {len(self.hints)}.", title="Hint")
        self._hints_shown = max(self._hints_shown, n)
        more = f" (hint {n} of {len(self.hints)}" + ("; call hint() again for the next)" if n < len(self.hints) else ")")
        return self._fb(INFO, self.hints[n - 1] + more, title=f"Hint {n}")

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
        where = self.location()
        if where is None:
            return self._fb(INFO, "This question belongs to no chapter, so it has no solution notebook.",
                            title="Solution")
        folder = _source.solutions_dir()
        if folder is None:
            return self._fb(INFO, "The solutions are not part of this copy of the course; ask your instructor.",
                            title="Solution")
        path, code = _source.solution_code(*where, folder=folder)
        if path is None:
            return self._fb(INFO, f"There is no solution notebook for {where[0]} in this copy of the course; "
                                  "ask your instructor.", title="Solution")
        if code is None:
            return self._fb(INFO, f"solutions/{path.name} has no marked solution for {'.'.join(where)}.",
                            title="Solution")
        return self._fb(INFO, f"One way to answer (from solutions/{path.name}):", title="Solution", code=code)

    def _fb(self, outcome, message, title=None, code=None) -> Feedback:
        return Feedback(outcome, message, question=self.name, title=title, code=code)

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


def _as_number(x):
    """A plain float from a Python/numpy number or a 1-element array/Series; else None."""
    if isinstance(x, (bool, np.bool_)):
        return None
    if isinstance(x, numbers.Number) and not isinstance(x, complex):
        return float(x)
    if isinstance(x, (np.ndarray, pd.Series)) and x.size == 1 and np.issubdtype(np.asarray(x).dtype, np.number):
        return float(np.asarray(x).ravel()[0])
    return None


def _how_far(value: float, expected: float) -> str:
    if expected == 0:
        return f"it should be 0, yours is {'above' if value > 0 else 'below'} that"
    rel = (value - expected) / abs(expected)
    pct = abs(rel) * 100
    size = f"{pct:.0f} %" if pct >= 1 else "less than 1 %"
    return f"it is {'too high' if rel > 0 else 'too low'} by about {size}"


def _close(a: float, b: float, rel: float, abs_: float) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


class NumberQuestion(Question):
    """The answer is one number, compared with a relative and an absolute tolerance."""

    expected_kind = "a number"

    def __init__(self, *args, rel_tol: float = 1e-3, abs_tol: float = 0.01, unit: str = "", **kw):
        super().__init__(*args, **kw)
        self.rel_tol, self.abs_tol, self.unit = rel_tol, abs_tol, unit

    def _compare(self, answer, expected):
        value = _as_number(answer)
        if value is None:
            if isinstance(answer, (list, tuple, np.ndarray, pd.Series, pd.DataFrame)):
                return WRONG_SHAPE, f"Expected a single number, but you gave a {_type_name(answer)} of several values."
            if isinstance(answer, str):
                return WRONG_TYPE, (f"Expected a number, but you gave the text {answer!r}. "
                                    "Remove the quotes, or convert with float(...).")
            return WRONG_TYPE, f"Expected a number, but you gave a {_type_name(answer)}."
        if math.isnan(value):
            return INCORRECT, "Your answer is NaN (not a number): check for missing values or a division by zero."
        if _close(value, float(expected), self.rel_tol, self.abs_tol):
            return CORRECT, f"{value:,.4g}{(' ' + self.unit) if self.unit else ''} is right."
        return INCORRECT, f"Your answer {value:,.4g} is not right: {_how_far(value, float(expected))}."

    def wrong_answers(self):
        e = float(self.expected)
        return {"type": "a number in words", "shape": [e, e], "value": e * 1.5 + 1}


def _norm(s) -> str:
    return " ".join(str(s).strip().lower().replace("_", " ").replace("-", " ").split())


class ChoiceQuestion(Question):
    """The answer is one of a few named options (text). Case, spaces and ``_``/``-`` are ignored;
    ``aliases`` maps other accepted spellings (e.g. the Chinese term) to an option."""

    expected_kind = "one of the options, as text"

    def __init__(self, *args, choices: Sequence[str], aliases: dict | None = None, **kw):
        super().__init__(*args, **kw)
        self.choices = tuple(choices)
        self.aliases = {_norm(k): v for k, v in (aliases or {}).items()}

    def _canonical(self, answer):
        n = _norm(answer)
        for c in self.choices:
            if _norm(c) == n:
                return c
        return self.aliases.get(n)

    def _compare(self, answer, expected):
        if isinstance(answer, (list, tuple, set, np.ndarray, pd.Series)):
            return WRONG_SHAPE, f"Expected one option, but you gave {len(answer)} values."
        if not isinstance(answer, str):
            return WRONG_TYPE, (f"Expected one of the options as text (in quotes), e.g. {self.choices[0]!r}; "
                                f"you gave a {_type_name(answer)}.")
        chosen = self._canonical(answer)
        if chosen is None:
            return INCORRECT, f"{answer!r} is not one of the options: {', '.join(map(repr, self.choices))}."
        if chosen == expected:
            return CORRECT, f"{chosen!r} is right."
        return INCORRECT, f"{chosen!r} is not the best answer. Reread the question, or try hint()."

    def wrong_answers(self):
        other = next(c for c in self.choices if c != self.expected)
        return {"type": 42, "shape": list(self.choices[:2]), "value": other}


class SequenceQuestion(Question):
    """The answer is an ordered list of items (text or numbers)."""

    expected_kind = "a list, in order"

    def __init__(self, *args, aliases: dict | None = None, rel_tol: float = 1e-3, abs_tol: float = 0.01, **kw):
        super().__init__(*args, **kw)
        self.aliases = {_norm(k): v for k, v in (aliases or {}).items()}
        self.rel_tol, self.abs_tol = rel_tol, abs_tol

    def _same(self, a, b) -> bool:
        na, nb = _as_number(a), _as_number(b)
        if na is not None and nb is not None:
            return _close(na, nb, self.rel_tol, self.abs_tol)
        if isinstance(a, str) and isinstance(b, str):
            return self.aliases.get(_norm(a), _norm(a)) in (_norm(b), self.aliases.get(_norm(b), _norm(b)))
        return False

    def _compare(self, answer, expected):
        if isinstance(answer, (str, bytes)) or not isinstance(answer, (list, tuple, np.ndarray, pd.Series, pd.Index)):
            return WRONG_TYPE, f"Expected a list such as [..., ...], but you gave a {_type_name(answer)}."
        answer = list(answer)
        if len(answer) != len(expected):
            return WRONG_SHAPE, f"Expected {len(expected)} items, but your list has {len(answer)}."
        wrong = [i + 1 for i, (a, b) in enumerate(zip(answer, expected)) if not self._same(a, b)]
        if not wrong:
            return CORRECT, "All items are right and in the right order."
        if all(any(self._same(a, b) for b in expected) for a in answer):
            return INCORRECT, f"The items are right but the order is not: check position(s) {', '.join(map(str, wrong))}."
        return INCORRECT, f"Position(s) {', '.join(map(str, wrong))} are not right."

    def wrong_answers(self):
        e = list(self.expected)
        return {"type": 42, "shape": e[:-1], "value": e[::-1] if e[::-1] != e else e[1:] + e[:1]}


class MappingQuestion(Question):
    """The answer is a dict of named values (numbers compared with tolerance, text normalised)."""

    expected_kind = "a dict such as {'name': value, ...}"

    def __init__(self, *args, rel_tol: float = 1e-3, abs_tol: float = 0.01, **kw):
        super().__init__(*args, **kw)
        self.rel_tol, self.abs_tol = rel_tol, abs_tol

    def _same(self, a, b) -> bool:
        na, nb = _as_number(a), _as_number(b)
        if nb is not None:
            return na is not None and _close(na, nb, self.rel_tol, self.abs_tol)
        return isinstance(a, str) and _norm(a) == _norm(b)

    def _compare(self, answer, expected):
        if not isinstance(answer, dict):
            return WRONG_TYPE, f"Expected a dict with the keys {list(expected)}, but you gave a {_type_name(answer)}."
        missing = [k for k in expected if k not in answer]
        extra = [k for k in answer if k not in expected]
        if missing or extra:
            parts = []
            if missing:
                parts.append(f"missing key(s) {missing}")
            if extra:
                parts.append(f"unexpected key(s) {extra}")
            return WRONG_SHAPE, "Your dict has " + " and ".join(parts) + f"; the keys should be {list(expected)}."
        wrong = [k for k in expected if not self._same(answer[k], expected[k])]
        if not wrong:
            return CORRECT, "Every value is right."
        return INCORRECT, f"The value(s) for {wrong} are not right; the others are."

    def wrong_answers(self):
        e = dict(self.expected)
        k = next(iter(e))
        v = e[k]
        bad = (float(v) * 1.5 + 1) if _as_number(v) is not None else f"not {v}"
        return {"type": list(e.values()), "shape": {k: v}, "value": {**e, k: bad}}


class FrameQuestion(Question):
    """The answer is a table (DataFrame) or a Series; columns, rows and values are checked.

    ``check_index``: compare row labels too (after sorting), else compare by position after
    sorting by ``sort_by`` (columns) when given.
    """

    @property
    def expected_kind(self) -> str:
        return "a pandas Series" if isinstance(self.expected, pd.Series) else "a pandas DataFrame"

    def __init__(self, *args, rel_tol: float = 1e-3, abs_tol: float = 0.01, check_index: bool = True,
                 sort_by: Sequence[str] | None = None, **kw):
        super().__init__(*args, **kw)
        self.rel_tol, self.abs_tol = rel_tol, abs_tol
        self.check_index, self.sort_by = check_index, sort_by

    def _compare(self, answer, expected):
        series = isinstance(expected, pd.Series)
        if series and isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
            answer = answer.iloc[:, 0]
        want = "a pandas Series" if series else "a pandas DataFrame"
        if not isinstance(answer, pd.Series if series else pd.DataFrame):
            return WRONG_TYPE, f"Expected {want}, but you gave a {_type_name(answer)}."
        a = answer.to_frame("value") if series else answer
        e = expected.to_frame("value") if series else expected
        if not series:
            missing = [c for c in e.columns if c not in a.columns]
            if missing:
                return WRONG_SHAPE, f"Your table lacks the column(s) {missing}; expected the columns {list(e.columns)}."
            a = a[list(e.columns)]
        if len(a) != len(e):
            return WRONG_SHAPE, f"Expected {len(e)} rows, but your {'Series' if series else 'table'} has {len(a)}."
        if self.check_index:
            try:
                a = a.sort_index()
                e = e.sort_index()
            except TypeError:
                pass
            if not a.index.astype(str).equals(e.index.astype(str)):
                extra = [x for x in a.index if x not in set(e.index)][:3]
                return WRONG_SHAPE, (f"The row labels (index) differ from the expected ones, e.g. {extra}. "
                                     "Did you set the right index (e.g. customer_id)?")
        elif self.sort_by:
            a = a.sort_values(list(self.sort_by)).reset_index(drop=True)
            e = e.sort_values(list(self.sort_by)).reset_index(drop=True)
        bad_cols = []
        for c in e.columns:
            if not self._column_equal(a[c], e[c]):
                bad_cols.append(c)
        if not bad_cols:
            return CORRECT, f"All {len(e)} rows are right."
        if series:
            return INCORRECT, "Not all values are right; " + self._where(a["value"], e["value"])
        return INCORRECT, f"The column(s) {bad_cols} have wrong values; {self._where(a[bad_cols[0]], e[bad_cols[0]])}"

    def _column_equal(self, a: pd.Series, e: pd.Series) -> bool:
        av, ev = a.to_numpy(), e.to_numpy()
        if pd.api.types.is_numeric_dtype(e) and not pd.api.types.is_bool_dtype(e):
            try:
                av = np.asarray(av, dtype=float)
            except (TypeError, ValueError):
                return False
            ev = np.asarray(ev, dtype=float)
            return bool(np.allclose(av, ev, rtol=self.rel_tol, atol=self.abs_tol, equal_nan=True))
        return bool((pd.Series(av).astype(str).to_numpy() == pd.Series(ev).astype(str).to_numpy()).all())

    def _where(self, a: pd.Series, e: pd.Series) -> str:
        for i in range(len(e)):
            av, ev = a.iloc[i], e.iloc[i]
            na, ne = _as_number(av), _as_number(ev)
            if ne is not None and na is not None and not (math.isnan(ne) and math.isnan(na)):
                if not _close(na, ne, self.rel_tol, self.abs_tol):
                    return f"the first wrong one is in row {e.index[i]!r}: {_how_far(na, ne)}."
            elif str(av) != str(ev):
                return f"the first wrong one is in row {e.index[i]!r}: {av!r}."
        return "check the values."

    def wrong_answers(self):
        e = self.expected
        if isinstance(e, pd.Series):
            shape = e.iloc[:-1] if len(e) > 1 else pd.concat([e, e])
            value = e * 2 + 1 if pd.api.types.is_numeric_dtype(e) else e.iloc[::-1].set_axis(e.index)
            return {"type": e.tolist(), "shape": shape, "value": value}
        shape = e.drop(columns=e.columns[-1]) if e.shape[1] > 1 else e.iloc[:-1]
        value = e.copy()
        col = next((c for c in e.columns if pd.api.types.is_numeric_dtype(e[c]) and not pd.api.types.is_bool_dtype(e[c])), None)
        if col is not None:
            value[col] = value[col] * 2 + 1
        else:
            col = e.columns[0]
            value[col] = value[col].iloc[::-1].to_numpy()
        return {"type": e.to_dict(), "shape": shape, "value": value}
