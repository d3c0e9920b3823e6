"""exercises/ is generated from solutions/, carries no solution, and runs unanswered."""

from __future__ import annotations

import re

import nbformat
import pytest

from crmkit.exercises import generate

from .conftest import ROOT

SOLUTIONS = sorted((ROOT / "solutions").glob("ch*.ipynb"))


def test_exercises_are_up_to_date():
    stale = generate.generate(ROOT, check=True)
    assert stale == [], f"exercises/ is stale for {stale}: run `make exercises`"


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
        n = len(re.findall(r"^\s*ch\d\d\w*\.q\w+\.check\(", cell.source, flags=re.M))
        if n:
            checks += n
            text = "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
            outputs += text.count("✔ Correct")
    assert checks > 0 and outputs == checks, f"{outputs} of {checks} checks are correct in {path.name}"


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
