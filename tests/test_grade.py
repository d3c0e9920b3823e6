"""``crmkit grade``: six submissions built from the chapter 00 notebooks, graded in one run."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import nbformat
import pytest

from crmkit import grade as g

ROOT = Path(__file__).resolve().parents[1]
N = 8  # chapter 00's questions
QUESTIONS = [f"ch00.q{i}" for i in range(1, N + 1)]
LOOP_TIMEOUT = 10  # seconds for a whole notebook's cells; the endless loop hits it, the others need ~2 s


def _cell_checking(nb, q):
    return next(c for c in nb.cells if c.cell_type == "code" and f"ch00.{q}.check(" in c.source)


def _write(nb, path):
    nbformat.write(nb, str(path))


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    sub = tmp_path_factory.mktemp("submissions")
    solution = nbformat.read(str(ROOT / "solutions" / "ch00_taxi.ipynb"), as_version=4)
    blank = nbformat.read(str(ROOT / "exercises" / "ch00_taxi.ipynb"), as_version=4)

    _write(solution, sub / "alice.ipynb")  # everything right

    partly = nbformat.read(str(ROOT / "solutions" / "ch00_taxi.ipynb"), as_version=4)
    _cell_checking(partly, "q1").source = "counted_by = 'kilometres'   # the wrong reading\nch00.q1.check(counted_by)"
    _cell_checking(partly, "q2").source = "cost_per_hour = (400 + 270) / 16   # wrong hours\nch00.q2.check(cost_per_hour)"
    _cell_checking(partly, "q8").source = "rule = ...\nch00.q8.check(rule)"
    _write(partly, sub / "bob.ipynb")  # q1, q2 incorrect; q8 not attempted

    _write(blank, sub / "carol.ipynb")  # the untouched exercise: nothing attempted

    crash = nbformat.read(str(ROOT / "solutions" / "ch00_taxi.ipynb"), as_version=4)
    _cell_checking(crash, "q2").source = "profit_short = 10 / 0\nch00.q2.check(profit_short)"  # raises
    _cell_checking(crash, "q4").source = "import os\nos._exit(1)  # the kernel dies\nch00.q4.check(4)"
    _write(crash, sub / "dave.ipynb")  # q1, q3 right; q2 error (cell raised); q4-q8 error (dead kernel)

    loop = nbformat.read(str(ROOT / "solutions" / "ch00_taxi.ipynb"), as_version=4)
    _cell_checking(loop, "q3").source = "while True:\n    pass\nch00.q3.check(1)"
    _write(loop, sub / "erin.ipynb")  # q1, q2 right; q3-q8 error (timeout)

    (sub / "frank.ipynb").write_text('{"cells": [ {"cell_type": "code", "sour', encoding="utf-8")  # corrupt

    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sub.iterdir()}
    out = tmp_path_factory.mktemp("out") / "graded"
    lines = []
    rows = g.grade(sub, out, timeout=LOOP_TIMEOUT, progress=lines.append)
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sub.iterdir()}
    print("\n".join(lines))
    return sub, out, rows, before, after, lines


def _book(out):
    with open(out / "gradebook.csv", encoding="utf-8") as f:
        return {r["student"]: r for r in csv.DictReader(f)}


def test_submissions_are_unchanged(graded):
    sub, out, rows, before, after, lines = graded
    assert before == after
    assert sorted(before) == ["alice.ipynb", "bob.ipynb", "carol.ipynb", "dave.ipynb", "erin.ipynb", "frank.ipynb"]


def test_the_fixture_covers_every_question_of_chapter_00():
    from crmkit.exercises import questions

    assert len(questions("ch00")) == N, "chapter 00 changed its number of questions: update N and EXPECTED"


def test_gradebook_columns(graded):
    _, out, *_ = graded
    with open(out / "gradebook.csv", encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert header == ["student", "status", *QUESTIONS, "total"]


EXPECTED = {
    "alice": ("ok", ["correct"] * N, N),
    "bob": ("ok", ["incorrect", "incorrect"] + ["correct"] * (N - 3) + ["not attempted"], N - 3),
    "carol": ("ok", ["not attempted"] * N, 0),
    "dave": ("kernel died", ["correct", "error", "correct"] + ["error"] * (N - 3), 2),
    "erin": (f"timeout after {LOOP_TIMEOUT}s", ["correct", "correct"] + ["error"] * (N - 2), 2),
    "frank": ("invalid notebook: not JSON", ["error"] * N, 0),
}


@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_per_question_results(graded, student):
    _, out, *_ = graded
    row = _book(out)[student]
    status, results, total = EXPECTED[student]
    assert row["status"] == status
    assert [row[q] for q in QUESTIONS] == results
    assert int(row["total"]) == total


def test_feedback_pages_show_answers_messages_and_hints(graded):
    _, out, rows, *_ = graded
    assert {p.stem for p in (out / "feedback").glob("*.html")} == set(EXPECTED)
    bob = (out / "feedback" / "bob.html").read_text(encoding="utf-8")
    assert "(400 + 270) / 16" in bob  # his code
    assert "41.875" in bob  # his answer's repr: 670 / 16
    assert "too high by about 6 %" in bob  # the check's message (41.875 vs 39.41)
    assert "Add up everything he pays in a day" in bob  # a hint of q2
    dave = (out / "feedback" / "dave.html").read_text(encoding="utf-8")
    assert "ZeroDivisionError" in dave
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f"feedback/{s}.html" in index for s in EXPECTED)


def test_timing_is_printed(graded):
    *_, lines = graded
    assert any(line.startswith("graded 6 notebook(s) in ") and " s with " in line for line in lines)


def test_main_refuses_a_missing_folder(tmp_path, capsys):
    assert g.main([str(tmp_path / "nope")]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_output_inside_submissions_is_refused(tmp_path):
    (tmp_path / "s").mkdir()
    with pytest.raises(ValueError):
        g.grade(tmp_path / "s", tmp_path / "s" / "graded")
