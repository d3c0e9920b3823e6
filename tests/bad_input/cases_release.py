"""Bad input for the commands that write: ``crmkit release``, ``crmkit exercises``, ``crmkit binder-link``
and the functions behind them (issue 22: a command line that never deletes what it did not make).

Each call runs in a small throw-away course (solutions/, notebooks/, exercises/, datasets/,
crmkit/, tests/ and a pyproject.toml, with the current folder set to it), so a path such as ``.``
or ``../../solutions`` means the course. A command line's non-zero exit becomes a
:class:`crmkit._cli.CommandError` carrying its one-line message; a call that changed or deleted
any file of the course raises ``AssertionError``, which the harness reports as a failure."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import tempfile
from pathlib import Path

from crmkit import release
from crmkit._cli import CommandError
from crmkit.exercises import generate

from .harness import Target

ROOT = Path(__file__).resolve().parents[2]
SOLUTION = "ch00_taxi.ipynb"


def _course(base: Path) -> Path:
    course = base / "course"
    for folder in ("solutions", "notebooks", "exercises", "datasets", "crmkit", "tests"):
        (course / folder).mkdir(parents=True)
    shutil.copy(ROOT / "solutions" / SOLUTION, course / "solutions" / SOLUTION)
    shutil.copy(ROOT / "exercises" / SOLUTION, course / "exercises" / SOLUTION)
    (course / "notebooks" / "00_x.ipynb").write_text("{}", encoding="utf-8")
    (course / "datasets" / "README.md").write_text("data\n", encoding="utf-8")
    (course / "crmkit" / "__init__.py").write_text("", encoding="utf-8")
    (course / "tests" / "test_x.py").write_text("", encoding="utf-8")
    shutil.copy(ROOT / "pyproject.toml", course / "pyproject.toml")
    return course


def _hashes(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): (os.readlink(p) if p.is_symlink() else
                                               hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir")
            for p in sorted(folder.rglob("*"))}


@contextlib.contextmanager
def _in_course():
    old = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        course = _course(Path(tmp))
        before = _hashes(course)
        os.chdir(course)
        try:
            yield course
        finally:
            os.chdir(old)
        after = _hashes(course)
        if after != before:
            lost = sorted(set(before) - set(after))
            changed = sorted(k for k in before if k in after and before[k] != after[k])
            raise AssertionError(f"the course changed: deleted {lost[:5]}, changed {changed[:5]}")


def _cli(main, argv: list[str]):
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(argv)
    if code != 0:
        raise CommandError(err.getvalue().strip() or f"exit code {code}")
    return code


def cli_release(out="build/release", name="crmkit-student", mode="practice", force="--force"):
    """``crmkit release --root COURSE --out OUT --name NAME --mode MODE [--force]`` in a throw-away course."""
    with _in_course() as course:
        argv = ["--root", str(course), "--out", out, "--name", name, "--mode", mode]
        return _cli(release.main, argv + ([force] if force else []))


def cli_exercises(root=".", flag="--check"):
    """``crmkit exercises --root ROOT FLAG`` in a throw-away course."""
    with _in_course():
        return _cli(generate.main, ["--root", root] + ([flag] if flag else []))


def cli_binder_link(remote="origin"):
    """``crmkit binder-link --remote REMOTE`` in a throw-away course (a git repository with a remote)."""
    import subprocess

    with _in_course() as course:
        subprocess.run(["git", "init", "-q", str(course)], check=True, capture_output=True)
        subprocess.run(["git", "-C", str(course), "remote", "add", "origin", "https://github.com/acme/crm.git"],
                       check=True, capture_output=True)
        result = _cli(release.binder_main, ["--root", str(course), "--remote", remote])
        shutil.rmtree(course / ".git")
        return result


def api_release(out="build/release", name="crmkit-student", mode="practice", force=True):
    with _in_course() as course:
        return release.release(out, name=name, mode=mode, force=force, root=course, say=lambda _: None)


def api_build_student_package(dest="pkg", graded=False):
    with _in_course():
        return release.build_student_package(dest, graded=graded)


def api_my_work(dest="my-work"):
    with _in_course() as course:
        generate.my_work(course, dest=dest)
        shutil.rmtree(course / "my-work", ignore_errors=True)  # a valid call's own output


_OUT = (("course_root", "out", "."), ("course_root", "out", "./"), ("empty", "out", ""),
        ("parent", "out", ".."), ("parent", "out", "/"),
        ("course_folder", "out", "notebooks"), ("course_folder", "out", "notebooks/bundles"),
        ("course_folder", "out", "solutions"), ("course_folder", "out", "exercises"),
        ("course_folder", "out", "datasets"), ("course_folder", "out", "crmkit"), ("course_folder", "out", "tests"),
        ("course_folder", "out", ".git"), ("course_folder", "out", "build/../solutions"))
_NAME = (("empty", "name", ""), ("escape", "name", ".."), ("escape", "name", "../../solutions"),
         ("escape", "name", "/tmp"), ("escape", "name", "a/b"), ("escape", "name", "."),
         ("hidden", "name", ".hidden"), ("option_like", "name", "-x"), ("spaces", "name", " x "),
         ("long", "name", "x" * 300))

TARGETS = [
    Target("cli.release", cli_release, lambda: {}, options=("mode",), bad=_OUT + _NAME + (
        ("empty", "mode", ""), ("not_a_flag", "force", "--forse"))),
    Target("release.release", api_release, lambda: {}, options=("mode",), bad=_OUT + _NAME + (
        ("none", "mode", None), ("text", "force", "yes"), ("number", "force", 1))),
    Target("cli.exercises", cli_exercises, lambda: {},
           bad=(("missing", "root", "no-such-folder"), ("empty", "root", ""), ("no_solutions", "root", "datasets"),
                ("file", "root", "pyproject.toml"), ("unknown_flag", "flag", "--delete-all"),
                ("combination", "flag", "--my-work --force"))),
    Target("cli.binder_link", cli_binder_link, lambda: {},
           bad=(("empty", "remote", ""), ("option_like", "remote", "-x"), ("escape", "remote", "../x"),
                ("unknown", "remote", "upstream"))),
    Target("release.build_student_package", api_build_student_package, lambda: {},
           bad=(("text", "graded", "yes"), ("none", "graded", None), ("number", "graded", 1),
                ("not_empty", "dest", "solutions"), ("file", "dest", "pyproject.toml"))),
    Target("exercises.generate.my_work", api_my_work, lambda: {},
           bad=(("escape", "dest", "../x"), ("escape", "dest", "/tmp/x"), ("empty", "dest", ""),
                ("hidden", "dest", ".x"), ("not_text", "dest", 3), ("course_folder", "dest", "solutions"),
                ("course_folder", "dest", "exercises"))),
]
