"""``crmkit grade`` and open questions (issue 20): a text answer is marked "to grade by hand", shown to the
instructor with its rubric and model answer, and scored from ``--hand-scores``; the student's page shows the
rubric and the points, never the model answer. One small run without a sandbox (the sandboxed runs are in
``test_grade_hostile.py``); the refusals of a bad scores file run nothing."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import nbformat
import pytest

from crmkit import grade as g
from crmkit.exercises import ch13

PLAN = "We call the lapsing class-A customers first and check the result against a control group. " * 12
HOSTILE = "<script>alert('x')</script> =cmd|' /C calc'!A0 " + "plan words here " * 40
MODEL_PHRASE = "five percentage points"  # from ch13.q7's model answer


def _nb(path: Path, *sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))


def _scores(path: Path, rows, header="student,question,criterion,points,comment"):
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def subs(tmp_path_factory):
    base = tmp_path_factory.mktemp("open")
    s = base / "s"
    _nb(s / "ann.ipynb", "from crmkit.exercises import ch13", f"plan = {PLAN!r}\nch13.q7.check(plan)",
        f"ch13.q9.check({HOSTILE!r})", "ch13.q4.check(3)")
    (s / "cat.ipynb").write_text('{"cells": [', encoding="utf-8")  # not a notebook: no kernel starts, no answer
    return base


@pytest.fixture(scope="module")
def graded(subs):
    """One grading run (one kernel) with scores for ann's q7 (all four criteria), one criterion of her q9, a row
    not filled in yet, and a score for cat, whose file is not a notebook (so the score is not used)."""
    scores = _scores(subs / "scores.csv", ["ann,ch13.q7,1,3,uses the numbers", "ann,ch13.q7,2,2,", "ann,ch13.q7,3,2.5,",
                                           "ann,ch13.q7,4,1,no control group", "ann,ch13.q9,1,2,", "ann,ch13.q9,2,,",
                                           "cat,ch13.q7,1,3,"])
    out = subs / "o"
    said = []
    g.grade(subs / "s", out, sandbox="none", timeout=60, chapters=["ch13"], hand_scores=scores, progress=said.append)
    with open(out / "gradebook.csv", encoding="utf-8") as f:
        book = {r["student"]: r for r in csv.DictReader(f)}
    return out, book, "\n".join(said)


def test_open_answers_are_to_grade_by_hand_until_every_criterion_is_scored(graded):
    _, book, said = graded
    ann, cat = book["ann"], book["cat"]
    assert (ann["ch13.q7"], ann["ch13.q7 points"]) == (g.HAND_GRADED, "8.5")
    assert (ann["ch13.q9"], ann["ch13.q9 points"]) == (g.HAND, "")  # one criterion of five scored
    assert ann["ch13.q1"] == g.NOT_ATTEMPTED and ann["ch13.q4"] == g.INCORRECT
    assert ann["total"] == "8.5"  # 0 correct + 8.5 points by hand
    assert (cat["ch13.q7"], cat["ch13.q7 points"], cat["total"]) == (g.ERROR, "0", "0")
    assert "1 answer(s) to grade by hand" in said and "hand scores not used: cat ch13.q7" in said
    assert "ch13.q7 (not graded" not in said


def test_the_student_page_shows_the_rubric_and_points_never_the_model_answer(graded):
    out, _, _ = graded
    ann = (out / "feedback" / "ann.html").read_text(encoding="utf-8")
    assert "Targets the at-risk class-A customers" in ann and "<b>8.5</b> / 10" in ann and "no control group" in ann
    assert "check the result against a control group" in ann  # her own text
    assert "graded by hand: <b>8.5</b> of 20 points so far; 1 answer(s) still to grade" in ann
    assert "<script>" not in ann and "&lt;script&gt;" in ann  # her q9 text, shown as text
    for page in (ann, (out / "feedback" / "cat.html").read_text(encoding="utf-8"),
                 (out / "index.html").read_text(encoding="utf-8")):
        assert MODEL_PHRASE not in page and ch13.q7.model_answer[:60] not in page


def test_the_instructor_page_has_every_text_the_rubric_and_the_model_answer(graded):
    out, _, _ = graded
    page = (out / "open-answers.html").read_text(encoding="utf-8")
    assert MODEL_PHRASE in page and "check the result against a control group" in page and "&lt;script&gt;" in page
    assert "open-answers.html" in (out / "index.html").read_text(encoding="utf-8")
    with open(out / "hand-scores-template.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {(r["student"], r["question"]) for r in rows} == {("ann", "ch13.q7"), ("ann", "ch13.q9")}
    assert [r["points"] for r in rows if r["student"] == "ann" and r["question"] == "ch13.q7"] == ["3", "2", "2.5", "1"]
    assert len([r for r in rows if r["question"] == "ch13.q9"]) == 5


@pytest.mark.parametrize("content, words", [
    (None, "is not a file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8"),
    ("name,score\nann,3\n", "has no column student, question, criterion, points"),
    ("student,question,criterion,points\nzoe,ch13.q7,1,2\n", "unknown student 'zoe'"),
    ("student,question,criterion,points\nann,ch13.q1,1,2\n", "'ch13.q1' is not an open question"),
    ("student,question,criterion,points\nann,ch99.q1,1,2\n", "'ch99.q1' is not an open question"),
    ("student,question,criterion,points\nann,ch13.q7,9,2\n", "its rubric has criteria 1 to 4"),
    ("student,question,criterion,points\nann,ch13.q7,1,4\n", "from 0 to 3 (its maximum)"),
    ("student,question,criterion,points\nann,ch13.q7,1,-1\n", "from 0 to 3"),
    ("student,question,criterion,points\nann,ch13.q7,1,nan\n", "from 0 to 3"),
    ("student,question,criterion,points\nann,ch13.q7,1,lots\n", "'lots'"),
    ("student,question,criterion,points\nann,ch13.q7,1,1\nann,ch13.q7,1,2\n", "scored twice"),
    ("student,question,criterion,points\nann,ch13.q7,1\n", "line 2 has 3 cells"),
])
def test_a_bad_scores_file_is_refused_before_anything_runs(subs, tmp_path, capsys, content, words):
    path = tmp_path / "scores.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    out = tmp_path / "o"
    assert g.main([str(subs / "s"), "--out", str(out), "--sandbox", "none", "--hand-scores", str(path)]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err, err
    assert not out.exists()


def test_reading_a_model_answer_is_flagged_for_that_question():
    from crmkit import _grade_scan as scan

    flags = scan.scan(["from crmkit.exercises import ch13", "plan = ch13.q7.model_answer\nch13.q7.check(plan)"])
    assert [(f.kind, f.questions) for f in flags] == [(scan.READS, ("ch13.q7",))]
    assert scan.scan(["from crmkit.exercises import ch13", "%time ch13.q9.model_answer"])


def test_the_sandboxs_package_holds_no_model_answer(tmp_path, monkeypatch):
    """The package a submission imports: the graded chapter modules and no chNN.qK.model entry in the
    question catalogues (a student who reads the .po file finds the rubric, not the model answer)."""
    import types

    from crmkit import release

    monkeypatch.setattr(release, "graded_module", lambda ch: f'"""graded {ch}"""\n')
    import crmkit

    setup = types.SimpleNamespace(full_package=Path(crmkit.__file__).resolve().parent, chapters={"ch13"},
                                  package_note="")
    g._Setup._student_package(setup, tmp_path / "pkg")
    po = (tmp_path / "pkg" / "crmkit" / "locale" / "zh_CN" / "LC_MESSAGES" / "exercises" / "ch13.po").read_text(
        encoding="utf-8")
    assert "ch13.q7.rubric.1" in po and ".model" not in po and MODEL_PHRASE not in po
    assert (tmp_path / "pkg" / "crmkit" / "exercises" / "ch13.py").read_text(encoding="utf-8") == '"""graded ch13"""\n'


class _Ran(Exception):
    """The notebooks were about to run."""


def _no_run(*args, **kwargs):
    raise _Ran


def test_a_hand_scores_run_reuses_the_saved_results_unless_anything_they_depend_on_changed(subs, graded, tmp_path,
                                                                                           monkeypatch):
    """Applying hand scores does not execute a class's notebooks again: the run reuses results.json when the
    submissions, crmkit's files and the options are those it was saved with; any change runs them again."""
    out, book, _ = graded
    again = tmp_path / "o"
    shutil.copytree(out, again)
    monkeypatch.setattr(g, "_run_all", _no_run)
    run = dict(sandbox="none", timeout=60, chapters=["ch13"], hand_scores=subs / "scores.csv")
    said = []
    g.grade(subs / "s", again, **run, progress=said.append)
    assert any("reusing the results of 2 notebook(s)" in x for x in said), said
    with open(again / "gradebook.csv", encoding="utf-8") as f:
        assert {r["student"]: r for r in csv.DictReader(f)} == book

    changed = tmp_path / "s"
    shutil.copytree(subs / "s", changed)
    _nb(changed / "ann.ipynb", "from crmkit.exercises import ch13", "ch13.q4.check(4)")
    for folder, change in [(subs / "s", {"rerun": True}), (subs / "s", {"timeout": 30}),
                           (subs / "s", {"chapters": ["ch13", "ch00"]}), (changed, {})]:
        with pytest.raises(_Ran):
            g.grade(folder, again, **{**run, **change}, progress=said.append)
    monkeypatch.setattr(g, "_tree_digest", lambda folder: {"segment.py": "edited"})  # crmkit changed
    with pytest.raises(_Ran):
        g.grade(subs / "s", again, **run, progress=said.append)
    monkeypatch.undo()
    monkeypatch.setattr(g, "_run_all", _no_run)
    (again / g.RESULTS).write_text('{"key": ', encoding="utf-8")  # damaged: not trusted, run again
    with pytest.raises(_Ran):
        g.grade(subs / "s", again, **run, progress=said.append)
