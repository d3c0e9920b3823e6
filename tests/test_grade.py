"""``crmkit grade``: options, finding submissions, the gradebook and feedback pages, infrastructure
failures, the static scan, and the fallback without a sandbox (``--sandbox none``).

The hostile submissions, graded in the bubblewrap sandbox, are in ``test_grade_hostile.py``.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import nbformat
import pytest

from crmkit import _grade_scan as scan
from crmkit import _sandbox
from crmkit import grade as g
from crmkit._cli import CommandError

ROOT = Path(__file__).resolve().parents[1]


def _nb(path: Path, *sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


# -- options ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("argv, words", [
    (["--timeout", "nan"], "--timeout must be a finite"),
    (["--timeout", "inf"], "--timeout must be a finite"),
    (["--timeout", "-5"], "--timeout must be a finite"),
    (["--timeout", "0"], "--timeout must be a finite"),
    (["--timeout", "abc"], "--timeout must be a number"),
    (["--timeout", "1e9"], "at most"),
    (["--jobs", "0"], "--jobs must be a whole number from 1"),
    (["--jobs", "65"], "--jobs must be a whole number from 1"),
    (["--jobs", "2.5"], "--jobs must be a whole number"),
    (["--jobs", "many"], "--jobs must be a whole number"),
    (["--sandbox", "docker"], "invalid choice"),
    (["--chapter", "ch99"], "no such chapter"),
])
def test_bad_options_are_refused_before_anything_runs(tmp_path, capsys, argv, words):
    _nb(tmp_path / "s" / "a.ipynb", "x = 1")
    assert g.main([str(tmp_path / "s"), *argv]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert not (tmp_path / "s-graded").exists()


def test_main_refuses_a_missing_folder(tmp_path, capsys):
    assert g.main([str(tmp_path / "nope")]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_output_inside_or_around_the_submissions_is_refused(tmp_path):
    _nb(tmp_path / "s" / "a.ipynb", "x = 1")
    with pytest.raises(CommandError, match="must not be inside"):
        g.grade(tmp_path / "s", tmp_path / "s" / "graded")
    with pytest.raises(CommandError, match="must not be inside"):
        g.grade(tmp_path / "s", tmp_path / "s")
    with pytest.raises(CommandError, match="must not contain"):
        g.grade(tmp_path / "s", tmp_path)


def test_an_empty_folder_is_an_error_not_graded_0(tmp_path, capsys):
    (tmp_path / "s").mkdir()
    assert g.main([str(tmp_path / "s")]) == 2
    assert "no notebooks" in capsys.readouterr().err


# -- finding the submissions -----------------------------------------------------------------------

def test_per_student_folders_are_found(tmp_path):
    s = tmp_path / "s"
    _nb(s / "zoe.ipynb")
    _nb(s / "alice" / "week3.ipynb")
    _nb(s / "bob" / "a.ipynb")
    _nb(s / "bob" / "b.ipynb")
    _nb(s / "alice" / ".ipynb_checkpoints" / "week3-checkpoint.ipynb")
    _nb(s / ".hidden.ipynb")
    (s / "notes.txt").write_text("not a notebook")
    found = {student: p.relative_to(s).as_posix() for student, p in g.find_submissions(s)}
    assert found == {"alice": "alice/week3.ipynb", "bob/a": "bob/a.ipynb", "bob/b": "bob/b.ipynb",
                     "zoe": "zoe.ipynb"}


def test_a_student_with_a_notebook_and_a_folder_gets_two_rows(tmp_path):
    s = tmp_path / "s"
    _nb(s / "alice.ipynb")
    _nb(s / "alice" / "late.ipynb")
    assert sorted(st for st, _ in g.find_submissions(s)) == ["alice", "alice/late"]


def test_deeper_folders_and_links_are_refused_with_their_names(tmp_path):
    s = tmp_path / "s"
    _nb(s / "alice" / "deep" / "x.ipynb")
    with pytest.raises(CommandError, match=r"alice/deep/x\.ipynb"):
        g.find_submissions(s)
    t = tmp_path / "t"
    _nb(t / "ok.ipynb")
    os.symlink(ROOT / "solutions" / "ch00_taxi.ipynb", t / "sneaky.ipynb")
    with pytest.raises(CommandError, match="sneaky.ipynb .a symbolic link"):
        g.find_submissions(t)


# -- the gradebook and the pages -------------------------------------------------------------------

@pytest.mark.parametrize("text", ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_neutralised(text):
    assert g._safe_cell(text) == "'" + text
    assert g._safe_cell("alice") == "alice" and g._safe_cell(3) == 3


def test_gradebook_rows_cannot_run_formulas(tmp_path):
    results = [g.NotebookResult("=HYPERLINK(\"http://x\")", "ok", 0.1), g.NotebookResult("-1", "ok", 0.1)]
    att = {r.student: {} for r in results}
    rows = [{"student": r.student, "status": r.status, "flags": "", "total": 0} for r in results]
    g._write(tmp_path, rows, [], results, att)
    with open(tmp_path / "gradebook.csv", encoding="utf-8") as f:
        students = [r["student"] for r in csv.DictReader(f)]
    assert students == ["'=HYPERLINK(\"http://x\")", "'-1"]
    assert len(list((tmp_path / "feedback").glob("*.html"))) == 2


def test_question_text_is_rendered_not_raw_markdown():
    assert g._inline("Use `data.load('x')` **now** <b>") == (
        "Use <code>data.load(&#x27;x&#x27;)</code> <b>now</b> &lt;b&gt;")
    from crmkit.exercises import questions

    r = g.NotebookResult("alice", "ok", 0.1, chapters=("ch00",))
    page = g._feedback_page(r, g.attempts(r, [f"ch00.{k}" for k in questions("ch00")]))
    body = page.split("<body>", 1)[1]
    assert "`" not in body and "<code>" in body


# -- infrastructure failures -----------------------------------------------------------------------

def test_a_sandbox_that_cannot_start_is_exit_3_not_graded_0(tmp_path, monkeypatch, capsys):
    _nb(tmp_path / "s" / "a.ipynb", "x = 1")
    monkeypatch.setattr(_sandbox, "choose", lambda mode: "bwrap")
    monkeypatch.setattr(_sandbox, "run", lambda *a, **k: _sandbox.Result(1, False, 0.1, "bwrap: No permissions"))
    assert g.main([str(tmp_path / "s"), "--out", str(tmp_path / "o")]) == 3
    err = capsys.readouterr().err
    assert "cannot be trusted" in err and "sandbox did not start" in err and "No permissions" in err
    with open(tmp_path / "o" / "gradebook.csv", encoding="utf-8") as f:
        assert next(csv.DictReader(f))["status"].startswith("could not run")


def test_sandbox_bwrap_refuses_to_grade_where_bwrap_does_not_work(tmp_path, monkeypatch, capsys):
    _nb(tmp_path / "s" / "a.ipynb", "x = 1")
    monkeypatch.setattr(_sandbox, "probe_bwrap", lambda: "bwrap is not installed")
    assert g.main([str(tmp_path / "s"), "--sandbox", "bwrap"]) == 3
    assert "bwrap is not installed" in capsys.readouterr().err
    assert _sandbox.choose("auto") == "none"


def test_a_grader_crash_on_one_submission_is_reported(tmp_path, monkeypatch, capsys):
    _nb(tmp_path / "s" / "a.ipynb", "x = 1")

    def boom(*a, **k):
        raise RuntimeError("worker died")

    monkeypatch.setattr(g, "_grade_one", boom)
    monkeypatch.setattr(_sandbox, "choose", lambda mode: "none")
    assert g.main([str(tmp_path / "s"), "--out", str(tmp_path / "o")]) == 3
    assert "worker died" in capsys.readouterr().err


# -- the static scan -------------------------------------------------------------------------------

@pytest.mark.parametrize("source, kind", [
    ("ch00.q1.check(ch00.q1.expected)", scan.READS),
    ("x = getattr(ch00.q2, 'expected')", scan.READS),
    ("ch00.q3._expected_fn()", scan.READS),
    ("print(ch00.q2.solution())", scan.READS),
    ("from crmkit.exercises import _core", scan.READS),
    ("import crmkit.exercises._source as s", scan.READS),
    ("from crmkit.exercises import Question\nQuestion.check = lambda s, a: None", scan.PATCHES),
    ("from crmkit.exercises import ch00\nsetattr(ch00.q1, 'check', print)", scan.PATCHES),
    ("q = ch00.q1\nq.check = print", scan.PATCHES),
    ("import os\nos.kill(os.getppid(), 9)", scan.PROCESSES),
    ("!rm -rf ~", scan.PROCESSES),
    ("%%bash\necho hi", scan.PROCESSES),
    ("import subprocess", scan.PROCESSES),
    ("open('/etc/passwd', 'w')", scan.WRITES),
    ("import os\nos.remove('../alice.ipynb')", scan.WRITES),
    ("import crmkit, pathlib\npathlib.Path(crmkit.__file__).write_text('')", scan.WRITES),
    ("open('/crmkit-out/records.jsonl', 'a')", scan.GRADER),
    ("x = 1\n# BEGIN SOLUTION\ny = 2\n# END SOLUTION", scan.SOLUTION),
    ("%time ch00.q1.check(ch00.q1.expected)", scan.READS),
])
def test_scan_flags(source, kind):
    flags = scan.scan(["from crmkit.exercises import ch00", source])
    assert kind in {f.kind for f in flags}, flags


@pytest.mark.parametrize("source", [
    "from crmkit import data\nspec = data.spec('taxi_trips')",
    "df = df.rename(columns={'a/b': 'c'})\ns = 'x/y'.replace('/', '-')",
    "ch00.q1.hint()\n# ch00.q1.solution()",
    "import matplotlib.pyplot as plt\nplt.savefig('chart.png')\ndf.to_csv('out.csv')",
    "with open('notes.txt', 'w') as f:\n    f.write('/ per hour')",
    "expected_value = 3\nch00.q2.check(expected_value)",
    "import math, os\nos.path.join('a', 'b')",
])
def test_scan_leaves_honest_code_alone(source):
    assert scan.scan(["from crmkit.exercises import ch00\nimport pandas as pd\ndf = pd.DataFrame()", source]) == []


def test_reading_one_answer_affects_that_question_only():
    flags = scan.scan(["from crmkit.exercises import ch00", "print(ch00.q2.solution())"])
    assert [f.questions for f in flags] == [("ch00.q2",)]


# -- the fallback without a sandbox ----------------------------------------------------------------

def test_sandbox_none_grades_honestly_flags_cheats_and_says_what_it_does_not_protect(tmp_path, capsys):
    """Also: a student's own folder is graded under the folder's name."""
    s = tmp_path / "s"
    _nb(s / "honest" / "week1.ipynb", "from crmkit.exercises import ch00",  # a folder of her own
        "counted_by = 'time'\nch00.q1.check(counted_by)", "ch00.q2.check(1.0)")
    _nb(s / "cheat.ipynb", "from crmkit.exercises import ch00", "ch00.q1.check(ch00.q1.expected)")
    before = {p: p.read_bytes() for p in s.rglob("*.ipynb")}
    rc = g.main([str(s), "--out", str(tmp_path / "o"), "--sandbox", "none", "--timeout", "30", "--chapter", "ch00"])
    out = capsys.readouterr().out
    assert rc == 0
    assert "WITHOUT a sandbox" in out and "NOT protected" in out
    with open(tmp_path / "o" / "gradebook.csv", encoding="utf-8") as f:
        book = {r["student"]: r for r in csv.DictReader(f)}
    assert (book["honest"]["ch00.q1"], book["honest"]["ch00.q2"], book["honest"]["ch00.q3"]) == (
        g.CORRECT, g.INCORRECT, g.NOT_ATTEMPTED)
    assert book["cheat"]["ch00.q1"] == g.FLAGGED and "reads answers" in book["cheat"]["flags"]
    assert book["cheat"]["ch00.q2"] == g.NOT_ATTEMPTED  # reading q1's answer costs q1
    assert {p: p.read_bytes() for p in s.rglob("*.ipynb")} == before


def test_a_graded_student_package_cannot_grade(tmp_path, monkeypatch):
    """A graded crmkit holds no answers: grading with it would mark every answer an error."""
    import crmkit

    (tmp_path / "subs").mkdir()
    monkeypatch.setattr(crmkit, "__version__", crmkit.__version__ + "+graded")
    with pytest.raises(CommandError, match="graded student package"):
        g.grade(tmp_path / "subs", tmp_path / "out")
    assert not (tmp_path / "out").exists()
