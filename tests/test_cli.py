"""The ``crmkit`` command line never destroys, ``--check`` writes nothing, and every failure is
one line on stderr with a non-zero exit code (never a traceback). All on temporary folders."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from crmkit.__main__ import main
from crmkit.exercises import generate

from .conftest import ROOT

SOLUTION = ROOT / "solutions" / "ch00_taxi.ipynb"


def one_line_error(capsys, prog: str) -> str:
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"{prog}: error: ") and "\n" not in err and "Traceback" not in err, err
    return err


def snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def course(tmp_path):
    """A course folder with one solution notebook and its generated exercise."""
    (tmp_path / "solutions").mkdir()
    shutil.copy(SOLUTION, tmp_path / "solutions" / SOLUTION.name)
    (tmp_path / "exercises").mkdir()
    shutil.copy(ROOT / "exercises" / SOLUTION.name, tmp_path / "exercises" / SOLUTION.name)
    return tmp_path


def test_a_folder_without_solutions_deletes_nothing(tmp_path, capsys):
    (tmp_path / "exercises").mkdir()
    shutil.copy(ROOT / "exercises" / SOLUTION.name, tmp_path / "exercises" / SOLUTION.name)
    (tmp_path / "exercises" / "my_notes.ipynb").write_text("{}")
    before = snapshot(tmp_path)
    for args in ([], ["--prune"], ["--check"]):
        assert main(["exercises", "--root", str(tmp_path), *args]) == 2
        assert "holds no solution notebooks" in one_line_error(capsys, "crmkit exercises")
        assert snapshot(tmp_path) == before


def test_check_writes_nothing(tmp_path, capsys):
    (tmp_path / "solutions").mkdir()
    stale = tmp_path / "solutions" / SOLUTION.name
    text = SOLUTION.read_text(encoding="utf-8").replace("**Q1.** ", "**Q1.** An old text. ", 1)
    stale.write_text(text, encoding="utf-8")
    assert main(["exercises", "--root", str(tmp_path), "--check"]) == 1
    out = capsys.readouterr().out
    assert "solutions/ch00_taxi.ipynb" in out and "ch00_taxi.ipynb" in out
    assert not (tmp_path / "exercises").exists()  # no folder created
    assert stale.read_text(encoding="utf-8") == text  # the question text was not synced either
    assert main(["exercises", "--root", str(tmp_path)]) == 0  # writing is what the plain command does
    assert (tmp_path / "exercises" / SOLUTION.name).read_text(encoding="utf-8") == \
        (ROOT / "exercises" / SOLUTION.name).read_text(encoding="utf-8")
    assert "An old text" not in stale.read_text(encoding="utf-8")


def test_orphans_are_deleted_only_when_asked_and_only_if_generated(course, capsys):
    old = course / "exercises" / "ch99_old.ipynb"
    old.write_text(generate.render(SOLUTION).replace("solutions/ch00_taxi.ipynb", "solutions/ch99_old.ipynb"),
                   encoding="utf-8")
    mine = course / "exercises" / "ch98_mine.ipynb"
    mine.write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    assert generate.orphans(course) == [old]
    assert main(["exercises", "--root", str(course)]) == 0
    assert "left alone" in capsys.readouterr().out and old.is_file() and mine.is_file()
    assert main(["exercises", "--root", str(course), "--check"]) == 1
    assert "--prune" in capsys.readouterr().out and old.is_file()
    assert main(["exercises", "--root", str(course), "--check", "--prune"]) == 1 and old.is_file()
    assert main(["exercises", "--root", str(course), "--prune"]) == 0
    assert "deleted" in capsys.readouterr().out
    assert not old.exists() and mine.is_file() and (course / "exercises" / SOLUTION.name).is_file()
    assert main(["exercises", "--root", str(course), "--check"]) == 0


def test_a_broken_solution_notebook_is_one_line_and_writes_nothing(course, capsys):
    path = course / "solutions" / SOLUTION.name
    text = path.read_text(encoding="utf-8").replace("**Q1.** ", "**Q1.** An old text. ", 1)  # a sync is due too
    path.write_text(text.replace("# END SOLUTION", "# THE END", 1), encoding="utf-8")
    before = snapshot(course)
    assert main(["exercises", "--root", str(course)]) == 2
    assert "BEGIN SOLUTION" in one_line_error(capsys, "crmkit exercises")
    assert snapshot(course) == before
    path.write_text("not a notebook")
    assert main(["exercises", "--root", str(course)]) == 2
    one_line_error(capsys, "crmkit exercises")


def test_unknown_names_are_errors(tmp_path, capsys):
    assert main(["datasets", "--only", "nonexistent", "--check"]) == 2
    err = one_line_error(capsys, "crmkit datasets")
    assert "'nonexistent'" in err and "retail_transactions" in err
    assert main(["datasets", "--only", "cdnow", "--check"]) == 2
    assert "--cdnow-source" in one_line_error(capsys, "crmkit datasets")
    assert main(["nonsense"]) == 2
    assert "unknown command 'nonsense'" in one_line_error(capsys, "crmkit")
    assert main(["exercises", "--bogus"]) == 2
    assert "--bogus" in one_line_error(capsys, "crmkit exercises")
    assert main(["datasets", "--only"]) == 2
    one_line_error(capsys, "crmkit datasets")
    assert main(["version", "extra"]) == 2
    one_line_error(capsys, "crmkit")


def test_datasets_check_writes_nothing(tmp_path, capsys):
    missing = tmp_path / "datasets"
    assert main(["datasets", "--check", "--out", str(missing)]) == 2
    assert "no datasets folder" in one_line_error(capsys, "crmkit datasets")
    assert not missing.exists()
    missing.mkdir()
    assert main(["datasets", "--check", "--only", "survey", "--out", str(missing)]) == 1
    assert "survey.csv" in capsys.readouterr().out
    assert list(missing.iterdir()) == []
    assert main(["datasets", "--check", "--only", "survey"]) == 0  # the course's own copy matches
    assert "survey matches" in capsys.readouterr().out
    assert main(["datasets", "--cdnow-source", str(tmp_path / "nowhere"), "--only", "cdnow",
                 "--out", str(missing)]) == 2
    one_line_error(capsys, "crmkit datasets")


def test_a_failing_list_is_one_line(monkeypatch, capsys):
    from crmkit import data
    from crmkit.errors import DataError

    def nowhere():
        raise DataError("Could not find the course's datasets/ folder.\nSet CRMKIT_DATASETS.")

    monkeypatch.setattr(data, "datasets_dir", nowhere)
    assert main(["list"]) == 2
    assert "Set CRMKIT_DATASETS" in one_line_error(capsys, "crmkit")


def test_the_real_command_exits_non_zero_without_a_traceback(tmp_path):
    run = subprocess.run([sys.executable, "-m", "crmkit", "exercises", "--root", str(tmp_path)],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert run.stderr.startswith("crmkit exercises: error:")


def _type_answer(path, text="39.41  # MY ANSWER"):
    import nbformat

    nb = nbformat.read(path, as_version=4)
    for i, c in enumerate(nb.cells, start=1):
        if c.cell_type == "code" and "# your answer here" in c.source:
            c.source = c.source.replace("...  # your answer here", text, 1)
            nbformat.write(nb, path)
            return i
    raise AssertionError("no placeholder")


def test_exercises_never_overwrite_answers_without_force(course, capsys):
    """Issue 18: `make exercises` kept no answers; now it keeps them, says which, and --force replaces."""
    target = course / "exercises" / SOLUTION.name
    solution = course / "solutions" / SOLUTION.name
    import nbformat

    nb = nbformat.read(solution, as_version=4)
    md = next(c for c in nb.cells if c.cell_type == "markdown" and not c.source.startswith("**Q"))
    md.source += " New text."
    nbformat.write(nb, solution)  # the exercise is now stale, and it holds an answer
    cell = _type_answer(target)
    answered = target.read_bytes()
    assert main(["exercises", "--root", str(course)]) == 0
    out = capsys.readouterr().out
    assert "kept, because they hold answers" in out and f"exercises/{SOLUTION.name} (" in out
    assert f"cell {cell} has typed text" in out and "up to date" not in out
    assert target.read_bytes() == answered
    assert main(["exercises", "--root", str(course), "--check"]) == 1
    out = capsys.readouterr().out
    assert "holds answers" in out and "my-work/" in out
    assert main(["exercises", "--root", str(course), "--force"]) == 0
    assert "MY ANSWER" not in target.read_text(encoding="utf-8") and "New text" in target.read_text(encoding="utf-8")
    assert main(["exercises", "--root", str(course), "--check"]) == 0


def test_outputs_alone_are_not_answers(course, capsys):
    import nbformat

    target = course / "exercises" / SOLUTION.name
    nb = nbformat.read(target, as_version=4)
    code = next(c for c in nb.cells if c.cell_type == "code")
    code.outputs = [nbformat.v4.new_output("stream", name="stdout", text="ran\n")]
    nbformat.write(nb, target)
    assert generate.differences(target.read_text(encoding="utf-8"), generate.render(SOLUTION)) != []
    assert main(["exercises", "--root", str(course)]) == 0
    assert SOLUTION.name in capsys.readouterr().out
    assert target.read_text(encoding="utf-8") == generate.render(SOLUTION)


def test_a_file_that_is_not_a_notebook_is_kept(course, capsys):
    target = course / "exercises" / SOLUTION.name
    target.write_text("my notes, not json", encoding="utf-8")
    assert main(["exercises", "--root", str(course)]) == 0
    assert "is not a valid notebook" in capsys.readouterr().out
    assert target.read_text(encoding="utf-8") == "my notes, not json"


def test_my_work_copies_once_and_never_overwrites(course, capsys):
    assert main(["exercises", "--root", str(course), "--my-work"]) == 0
    assert f"copied into my-work/: {SOLUTION.name}" in capsys.readouterr().out
    mine = course / "my-work" / SOLUTION.name
    assert mine.read_bytes() == (course / "exercises" / SOLUTION.name).read_bytes()
    _type_answer(mine)
    work = mine.read_bytes()
    assert main(["exercises", "--root", str(course), "--my-work"]) == 0
    assert "nothing was copied" in capsys.readouterr().out
    assert mine.read_bytes() == work
    assert main(["exercises", "--root", str(course)]) == 0  # regenerating exercises/ leaves my-work/ alone
    assert mine.read_bytes() == work
    assert main(["exercises", "--root", str(course), "--my-work", "--force"]) == 2
    assert "--my-work" in one_line_error(capsys, "crmkit exercises")


def test_my_work_never_writes_through_a_link(course, tmp_path, capsys):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (course / "my-work").symlink_to(elsewhere, target_is_directory=True)
    assert main(["exercises", "--root", str(course), "--my-work"]) == 2
    assert "symbolic link" in one_line_error(capsys, "crmkit exercises")
    assert list(elsewhere.iterdir()) == []
    (course / "my-work").unlink()
    (course / "my-work").mkdir()
    (course / "my-work" / SOLUTION.name).symlink_to(tmp_path / "target.ipynb")
    assert main(["exercises", "--root", str(course), "--my-work"]) == 0
    assert not (tmp_path / "target.ipynb").exists()


def test_a_linked_exercises_folder_or_solution_is_refused(course, tmp_path, capsys):
    real = tmp_path / "real-exercises"
    (course / "exercises").rename(real)
    (course / "exercises").symlink_to(real, target_is_directory=True)
    before = snapshot(real)
    assert main(["exercises", "--root", str(course), "--force"]) == 2
    assert "symbolic link" in one_line_error(capsys, "crmkit exercises")
    assert snapshot(real) == before
    (course / "exercises").unlink()
    real.rename(course / "exercises")
    sol = course / "solutions" / SOLUTION.name
    sol.rename(tmp_path / "sol.ipynb")
    sol.symlink_to(tmp_path / "sol.ipynb")
    assert main(["exercises", "--root", str(course)]) == 2
    assert "is a symbolic link" in one_line_error(capsys, "crmkit exercises")
