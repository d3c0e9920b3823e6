"""The check / hint / solution machinery, and every question of every chapter.

Each question declared in crmkit/exercises/chNN.py is tried here with None and ``...`` (not
attempted) and with a wrong type, shape and value (each its own friendly message, never an
exception). That each reference *solution* passes its check is tested on the solution notebooks
(tests/test_exercise_notebooks.py), the one place solutions live.
"""

from __future__ import annotations

import pandas as pd
import pytest

from crmkit import exercises as ex
from crmkit.exercises import _source
from crmkit.exercises import (
    CORRECT,
    INCORRECT,
    NOT_ATTEMPTED,
    WRONG_SHAPE,
    WRONG_TYPE,
    ChoiceQuestion,
    FrameQuestion,
    MappingQuestion,
    NumberQuestion,
    SequenceQuestion,
)

from .conftest import ROOT

QUESTIONS = ex.all_questions()


def test_there_are_questions_for_the_opening_chapter():
    assert {"ch00.q1", "ch00.q6"} <= set(QUESTIONS)


@pytest.mark.parametrize("key", sorted(QUESTIONS))
@pytest.mark.parametrize("blank", [None, ...])
def test_unanswered_is_not_attempted(key, blank):
    fb = QUESTIONS[key].check(blank)
    assert fb.outcome == NOT_ATTEMPTED
    assert "Not attempted" in repr(fb) and "hint()" in repr(fb)


@pytest.mark.parametrize("key", sorted(QUESTIONS))
def test_wrong_answers_get_their_own_message(key):
    q = QUESTIONS[key]
    wrong = q.wrong_answers()
    assert set(wrong) == {"type", "shape", "value"}
    outcomes = {kind: q.check(answer) for kind, answer in wrong.items()}
    assert outcomes["type"].outcome in (WRONG_TYPE, WRONG_SHAPE), repr(outcomes["type"])
    assert outcomes["shape"].outcome in (WRONG_SHAPE, WRONG_TYPE), repr(outcomes["shape"])
    assert outcomes["value"].outcome == INCORRECT, repr(outcomes["value"])
    for fb in outcomes.values():
        assert fb.message and not fb.correct
        assert "<div" in fb._repr_html_()


@pytest.mark.parametrize("key", sorted(QUESTIONS))
def test_hints_come_in_order(key):
    q = QUESTIONS[key]
    q._hints_shown = 0
    assert q.hints, "every question has at least one hint"
    first = q.hint()
    assert q.hints[0] in first.message
    if len(q.hints) > 1:
        assert q.hints[1] in q.hint().message


@pytest.mark.parametrize("key", sorted(QUESTIONS))
def test_solution_is_read_from_the_solution_notebook(key):
    q = QUESTIONS[key]
    chapter, var = key.split(".")
    assert q.location() == (chapter, var)
    assert q._legacy_solution is None, f"{key} passes solution=...; the solution notebook is its one source"
    path = _source.notebook_for(chapter, ROOT / "solutions")
    cells = _source.cells(path)
    i = _source.check_cell_index(cells, chapter, var)
    assert i is not None, f"{path.name} has no cell calling {key}.check(...)"
    source = cells[i]["source"]
    region = source[source.index(_source.BEGIN) + len(_source.BEGIN):source.index(_source.END)].strip("\n")
    fb = q.solution()
    assert fb.code == region.strip("\n") and fb.code
    assert path.name in fb.message


def test_a_copy_without_solutions_says_so_kindly(monkeypatch):
    from crmkit.exercises import ch00

    monkeypatch.setattr(_source, "solutions_dir", lambda: None)
    fb = ch00.q1.solution()
    assert fb.code is None and not fb.correct
    assert fb.message == "The solutions are not part of this copy of the course; ask your instructor."


def test_solution_lookup_in_a_folder_without_the_chapter(tmp_path):
    assert _source.solution_code("ch00", "q1", folder=tmp_path) == (None, None)
    (tmp_path / "ch00_x.ipynb").write_text('{"cells": [{"cell_type": "code", "source": "ch00.q1.check(x)"}]}')
    path, code = _source.solution_code("ch00", "q1", folder=tmp_path)
    assert path.name == "ch00_x.ipynb" and code is None


def test_solutions_folder_is_found_from_the_environment(tmp_path, monkeypatch):
    (tmp_path / "ch99_demo.ipynb").write_text('{"cells": []}')
    monkeypatch.setenv("CRMKIT_SOLUTIONS", str(tmp_path))
    assert _source.solutions_dir() == tmp_path


def test_a_question_outside_a_chapter_has_no_solution_notebook():
    fb = NumberQuestion("N", "?", expected=lambda: 1.0).solution()
    assert fb.code is None and "no chapter" in fb.message


# --- the machinery on small hand-made questions ---------------------------------------------

def number():
    return NumberQuestion("N", "how much?", expected=lambda: 34.71, hints=["h1", "h2"])


def test_number_question_messages():
    q = number()
    assert q.check(34.7).correct
    assert q.check(34.71 * 1.0005).correct  # within the relative tolerance
    fb = q.check(22.35)
    assert fb.outcome == INCORRECT and "too low by about 36 %" in fb.message
    assert "too high" in q.check(40).message
    assert q.check("34.71").outcome == WRONG_TYPE and "Remove the quotes" in q.check("34.71").message
    assert q.check([1, 2]).outcome == WRONG_SHAPE
    assert q.check(True).outcome == WRONG_TYPE
    assert "NaN" in q.check(float("nan")).message
    assert q.check(pd.Series([34.71])).correct  # a one-value Series is a number


def test_feedback_plain_text_is_deterministic_and_html_is_coloured():
    fb = number().check(34.71)
    assert repr(fb) == "N: ✔ Correct. 34.71 is right."
    assert "#1a7f37" in fb._repr_html_()
    assert bool(fb) is True and bool(number().check(1)) is False


def test_hint_sequence_and_bounds():
    q = number()
    assert "h1" in q.hint().message
    assert "h2" in q.hint().message
    assert "h2" in q.hint().message  # stays on the last one
    assert "hints 1 to 2" in q.hint(5).message
    assert NumberQuestion("M", "?", expected=lambda: 1).hint().title == "No hint"


def test_a_checker_that_crashes_is_reported_not_raised():
    q = NumberQuestion("X", "?", expected=lambda: 1 / 0)
    fb = q.check(3)
    assert fb.outcome == "checker error" and "ZeroDivisionError" in fb.message


def test_choice_question_accepts_aliases_and_names_the_options():
    q = ChoiceQuestion("C", "?", expected=lambda: "time", choices=["kilometres", "time"], aliases={"时间": "time"})
    assert q.check(" Time ").correct and q.check("时间").correct
    assert "not one of the options" in q.check("luck").message
    assert q.check("kilometres").outcome == INCORRECT
    assert q.check(1).outcome == WRONG_TYPE


def test_sequence_question_spots_order_errors():
    q = SequenceQuestion("S", "?", expected=lambda: ["a", "b", "c"])
    assert q.check(("a", "b", "c")).correct
    assert "order is not" in q.check(["b", "a", "c"]).message
    assert q.check(["a", "b"]).outcome == WRONG_SHAPE
    assert q.check("abc").outcome == WRONG_TYPE


def test_mapping_question_names_missing_and_wrong_keys():
    q = MappingQuestion("M", "?", expected=lambda: {"current": 50.0, "overdue": 30.0, "grade": "A"})
    assert q.check({"current": 50, "overdue": 30, "grade": "a"}).correct
    assert "missing key(s) ['grade']" in q.check({"current": 50, "overdue": 30}).message
    assert "['overdue']" in q.check({"current": 50, "overdue": 31, "grade": "A"}).message


def test_frame_question_checks_columns_rows_and_values():
    exp = pd.DataFrame({"r": [1.0, 2.0], "f": [3, 4]}, index=pd.Index(["a", "b"], name="customer_id"))
    q = FrameQuestion("F", "?", expected=lambda: exp)
    assert q.check(exp.iloc[::-1]).correct  # row order does not matter, labels do
    assert "lacks the column(s) ['f']" in q.check(exp[["r"]]).message
    assert q.check(exp.iloc[:1]).outcome == WRONG_SHAPE
    assert "index" in q.check(exp.reset_index(drop=True)).message
    bad = exp.copy()
    bad.loc["b", "r"] = 3.0
    fb = q.check(bad)
    assert fb.outcome == INCORRECT and "['r']" in fb.message and "'b'" in fb.message
    assert q.check(exp.to_dict()).outcome == WRONG_TYPE
