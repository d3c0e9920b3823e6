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
