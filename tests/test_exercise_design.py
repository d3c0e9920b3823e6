"""The shape of each chapter's exercises (issue 9): chapters 00-09 each have at least six questions, at
least two that work on a bundled dataset, and at least one checked ranking or interpretation.

"Works on a dataset" is measured, not declared: the question's expected answer is computed with every
cache of its module cleared, and the test records which datasets ``crmkit.data.load`` was asked for.
"""

from __future__ import annotations

import importlib

import pytest

from crmkit import course
from crmkit import data as crmdata
from crmkit.exercises import questions
from crmkit.exercises._core import ChoiceQuestion, SequenceQuestion

SEMINAR_CHAPTERS = [f"ch{c.number}" for c in course.CHAPTERS if c.number[:2] <= "09"]


def _datasets_used(module, question, monkeypatch) -> set[str]:
    used: set[str] = set()
    real = crmdata.load

    def spy(name, *args, **kwargs):
        used.add(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(crmdata, "load", spy)
    if getattr(module, "load", None) is real:  # a module that imported load at its top
        monkeypatch.setattr(module, "load", spy)
    for value in vars(module).values():  # forget what earlier questions loaded and fitted
        if callable(getattr(value, "cache_clear", None)):
            value.cache_clear()
    for name in ("_cache", "_CACHE"):
        if isinstance(getattr(module, name, None), dict):
            monkeypatch.setattr(module, name, {})
    question._expected_fn()
    return used


def test_every_seminar_chapter_is_listed():
    assert {"ch00", "ch01", "ch04", "ch05a", "ch05b", "ch09"} <= set(SEMINAR_CHAPTERS)
    assert "ch10" not in SEMINAR_CHAPTERS


@pytest.mark.parametrize("chapter", SEMINAR_CHAPTERS)
def test_chapter_exercises_work_on_data_and_check_a_reading(chapter, monkeypatch):
    module = importlib.import_module(f"crmkit.exercises.{chapter}")
    qs = questions(chapter)
    assert len(qs) >= 6, f"{chapter} has {len(qs)} questions; a seminar chapter needs at least 6"
    on_data = {}
    for key, q in qs.items():
        with monkeypatch.context() as m:
            used = _datasets_used(module, q, m)
        if used:
            on_data[q.name] = sorted(used)
    assert len(on_data) >= 2, f"{chapter}: only {on_data or 'no questions'} work on a bundled dataset; need 2"
    readings = [q.name for q in qs.values() if isinstance(q, (SequenceQuestion, ChoiceQuestion))]
    assert readings, f"{chapter} has no checked ranking (SequenceQuestion) or interpretation (ChoiceQuestion)"


def test_the_data_spy_sees_a_load(monkeypatch):
    """The measure above can fail: a question that loads a dataset is seen, one that does not is not."""
    module = importlib.import_module("crmkit.exercises.ch04")
    with monkeypatch.context() as m:
        assert _datasets_used(module, module.q6, m) == {"retail_transactions"}
    with monkeypatch.context() as m:
        assert _datasets_used(module, module.q2, m) == set()


#: A choice question needs at least this many options, unless its answer is computed from the data.
MIN_OPTIONS = 4


def few_option_questions(qs) -> list[str]:
    """The choice questions with fewer than MIN_OPTIONS options that are not marked ``computed=True``."""
    return [f"{key} ({len(q.choices)} options)" for key, q in qs.items()
            if isinstance(q, ChoiceQuestion) and len(q.choices) < MIN_OPTIONS and not q.computed]


def test_no_choice_question_can_be_guessed_from_two_or_three_options():
    """Issue 20: a choice question offers at least 4 options, unless its answer is computed from the data."""
    from crmkit.exercises import all_questions

    bad = few_option_questions(all_questions())
    assert not bad, f"choice questions with fewer than {MIN_OPTIONS} options and not computed=True: {bad}"


def test_the_option_count_rule_refuses_a_planted_two_option_question():
    """The rule above can fail: a planted 2-option question is refused, the same one marked computed is not,
    and a 4-option one passes."""
    two = ChoiceQuestion("Q", "Which? Answer 'a' or 'b', e.g. 'a'.", expected=lambda: "a", choices=["a", "b"])
    computed = ChoiceQuestion("Q", "Which is cheaper on the data? Answer 'a' or 'b', e.g. 'a'.", expected=lambda: "a",
                              choices=["a", "b"], computed=True)
    four = ChoiceQuestion("Q", "Which? Answer one of 'a' 'b' 'c' 'd', e.g. 'a'.", expected=lambda: "a",
                          choices=["a", "b", "c", "d"])
    assert few_option_questions({"ch99.q1": two, "ch99.q2": computed, "ch99.q3": four}) == ["ch99.q1 (2 options)"]
