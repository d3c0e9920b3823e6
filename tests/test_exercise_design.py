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
