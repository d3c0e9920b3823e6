"""exercises/ is generated from solutions/, carries no solution, and runs unanswered."""

from __future__ import annotations

import re

import nbformat
import pytest

from crmkit import exercises as ex
from crmkit.exercises import RECORDED, OpenQuestion, generate

from .conftest import ROOT

SOLUTIONS = sorted((ROOT / "solutions").glob("ch*.ipynb"))


def test_exercises_are_up_to_date():
    o = generate.run_generator(ROOT, check=True)
    assert o.kept == [], (f"exercises/ holds answers: {o.kept}. Answers belong in my-work/ (`crmkit exercises "
                          "--my-work`); move these notebooks there, then run `make exercises`")
    assert o.written == [] and o.orphans == [], f"exercises/ is stale for {o.written + o.orphans}: run `make exercises`"


def test_every_solution_notebook_has_markers_and_an_exercise_twin():
    assert SOLUTIONS, "no solution notebooks"
    for path in SOLUTIONS:
        text = path.read_text(encoding="utf-8")
        assert generate.BEGIN in text and generate.END in text, path.name
        assert (ROOT / "exercises" / path.name).is_file()


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_every_check_in_a_solution_notebook_says_correct(path):
    nb = nbformat.read(path, as_version=4)
    checks = outputs = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        n = len(re.findall(r"^\s*ch(?:\d\d|A\d)\w*\.q\w+\.check\(", cell.source, flags=re.M))
        if n:
            checks += n
            text = "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
            outputs += text.count("✔ Correct") + text.count("✎ Recorded")  # an open question is recorded, never "correct"
    assert checks > 0 and outputs == checks, f"{outputs} of {checks} checks are correct in {path.name}"


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_every_solution_region_passes_its_questions_own_check(path, monkeypatch):
    """Run the solution notebook's cells in order, but each solution region as solution() shows it,
    and check the answer with the question's own check()."""
    monkeypatch.chdir(path.parent)
    chapter = generate.chapter_of(path)
    qs = ex.questions(chapter)
    ns: dict = {}
    checked = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        src = cell.source
        m = re.search(rf"^{chapter}\.(q\w+)\.check\((.+)\)\s*$", src, flags=re.M)
        if m and generate.BEGIN in src:
            q = qs[m.group(1)]
            exec(compile(src[:src.index(generate.BEGIN)], path.name, "exec"), ns)
            exec(compile(q.solution().code, f"{chapter}.{m.group(1)}.solution()", "exec"), ns)
            fb = q.check(eval(m.group(2), ns))
            assert fb.correct or (isinstance(q, OpenQuestion) and fb.outcome == RECORDED), repr(fb)
            checked.append(m.group(1))
        else:
            exec(compile(src, path.name, "exec"), ns)
    assert sorted(checked) == sorted(qs), f"{path.name} checks {checked}, the chapter has {sorted(qs)}"


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_question_text_in_the_solution_notebook_is_the_chapter_modules(path):
    chapter = generate.chapter_of(path)
    cells = nbformat.read(path, as_version=4).cells
    for var, q in ex.questions(chapter).items():
        pat = generate.check_call(chapter, var)
        i = next(k for k, c in enumerate(cells) if c.cell_type == "code" and pat.search(c.source))
        above = next(c for c in reversed(cells[:i]) if c.cell_type == "markdown")
        assert above.source == generate.question_text(q), f"{path.name} {var}: run `make exercises`"


def test_question_text_is_synced_into_the_solution_notebook():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("**Q1.** an old text"), nbformat.v4.new_code_cell("ch00.q1.check(x)"),
                nbformat.v4.new_code_cell("ch00.q2.check(y)")]
    assert generate.sync_question_text(nb, "ch00") == ["q1", "q2"]
    from crmkit.exercises import ch00

    assert nb.cells[0].source == "**Q1.** " + ch00.q1.prompt
    assert nb.cells[2].cell_type == "markdown" and nb.cells[2].source == "**Q2.** " + ch00.q2.prompt
    assert generate.sync_question_text(nb, "ch00") == []


def test_placeholders_replace_answers():
    src = "x = 1\n# BEGIN SOLUTION\na, b = 2, 3\nc = a + b\n# END SOLUTION\nq.check(c)"
    assert generate.strip_solutions(src) == (
        "x = 1\na = ...  # your answer here\nb = ...  # your answer here\nc = ...  # your answer here\nq.check(c)"
    )
    assert generate.strip_solutions("# BEGIN SOLUTION\nprint(1)\n# END SOLUTION") == "# your code here"
    with pytest.raises(ValueError):
        generate.strip_solutions("# BEGIN SOLUTION\nx = 1")


@pytest.mark.parametrize("path", sorted((ROOT / "exercises").glob("ch*.ipynb")), ids=lambda p: p.name)
def test_exercise_notebook_runs_unanswered_and_says_not_attempted(path):
    from nbclient import NotebookClient

    text = path.read_text(encoding="utf-8")
    assert generate.BEGIN not in text and generate.END not in text
    nb = nbformat.reads(text, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    shown = "".join(o.get("data", {}).get("text/plain", "") for c in nb.cells if c.cell_type == "code"
                    for o in c.outputs)
    n_checks = sum(len(re.findall(r"\.check\(", c.source)) for c in nb.cells if c.cell_type == "code")
    assert shown.count("Not attempted") == n_checks > 0
    assert "✔ Correct" not in shown
