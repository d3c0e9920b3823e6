"""Bad input for the managers' apps: ``crmkit.apps`` (its functions and ``python -m crmkit.apps``) and the
app link of ``crmkit.release.binder_link`` (``app=``).

Each call runs in a small throw-away course (``notebooks/00_taxi_driver.ipynb`` whose widget cell is
``cell``), so nothing is written into the repository; a bad course (a widget cell that needs another
cell, one that is not plain Python, a notebook that is not JSON, an ``apps/`` that is a symbolic link or
holds a page the generator did not make) must be refused with a CrmkitError naming it, and a call that
changed a file it did not make raises ``AssertionError``, which the harness reports as a failure."""

from __future__ import annotations

import contextlib
import io
import subprocess
import tempfile
from pathlib import Path

import nbformat

from crmkit import apps, release
from crmkit._cli import CommandError

from .harness import Target

GOOD = "from crmkit.widgets import TaxiShift\n\nTaxiShift()"


@contextlib.contextmanager
def _course(cell: str = GOOD, notebook: str | None = None, apps_folder: str = "none"):
    """A throw-away course; ``apps_folder``: "none", "symlink" (apps/ links elsewhere) or "foreign" (a page
    the generator did not make where it would write one)."""
    with tempfile.TemporaryDirectory(prefix="crmkit-bad-apps-") as tmp:
        course = Path(tmp) / "course"
        (course / "notebooks").mkdir(parents=True)
        path = course / "notebooks" / "00_taxi_driver.ipynb"
        if notebook is None:
            nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import pandas as pd"),
                                                           nbformat.v4.new_code_cell(cell)]), path)
        else:
            path.write_text(notebook, encoding="utf-8")
        protected = None
        if apps_folder == "symlink":
            (Path(tmp) / "elsewhere").mkdir()
            (course / "apps").symlink_to(Path(tmp) / "elsewhere")
        elif apps_folder == "foreign":
            protected = course / "apps" / "en" / "00_taxi_driver.ipynb"
            protected.parent.mkdir(parents=True)
            protected.write_text("{}", encoding="utf-8")
        yield course
        if protected is not None:
            assert protected.read_text(encoding="utf-8") == "{}", "the generator overwrote a page it did not make"
        if apps_folder == "symlink":
            assert not any((Path(tmp) / "elsewhere").iterdir()), "the generator wrote through a symbolic link"


def _where(course: Path, root):
    return course if root == "COURSE" else root


def api_build(root="COURSE", prune=False, cell=GOOD, notebook=None, apps_folder="none", say=None):
    with _course(cell, notebook, apps_folder) as course:
        return apps.build(_where(course, root), prune=prune, say=say if say is not None else (lambda _: None))


def api_stale(root="COURSE", cell=GOOD, notebook=None, apps_folder="none"):
    with _course(cell, notebook, apps_folder) as course:
        return apps.stale(_where(course, root))


def api_pages(root="COURSE", cell=GOOD):
    with _course(cell) as course:
        return apps.pages(_where(course, root))


def api_chapter_apps(root="COURSE", cell=GOOD, notebook=None):
    with _course(cell, notebook) as course:
        return apps.chapter_apps(_where(course, root))


def cli_apps(args="build", cell=GOOD, apps_folder="none"):
    """``python -m crmkit.apps ARGS --root COURSE`` in a throw-away course; a non-zero exit is a CommandError."""
    with _course(cell, apps_folder=apps_folder) as course:
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = apps.main([*args.split(), "--root", str(course)] if args else ["--root", str(course)])
        if code != 0:
            raise CommandError(err.getvalue().strip() or f"exit code {code}")
        return code


def api_binder_app_link(app=True, edition="en"):
    """``release.binder_link(..., app=APP)`` for a throw-away repository with a GitHub remote."""
    with tempfile.TemporaryDirectory(prefix="crmkit-bad-apps-") as tmp:
        subprocess.run(["git", "init", "-q", tmp], check=True, capture_output=True)
        subprocess.run(["git", "-C", tmp, "remote", "add", "origin", "https://github.com/acme/crm.git"], check=True,
                       capture_output=True)
        return release.binder_link(tmp, edition=edition, app=app)


_ROOT = (("none_like", "root", "None"), ("number", "root", 3), ("bool", "root", True), ("empty", "root", ""),
         ("nul", "root", "a\x00b"), ("missing", "root", "no-such-course"), ("list", "root", ["."]),
         ("not_a_course", "root", "/"))
_COURSE = (("needs_another_cell", "cell", "from crmkit.widgets import TaxiShift\n\nTaxiShift(); pd.NA"),
           ("not_python", "cell", "%matplotlib inline\nTaxiShift()"),
           ("not_json", "notebook", "{not a notebook"), ("not_a_notebook", "notebook", "[1, 2]"),
           ("cells_not_a_list", "notebook", '{"cells": 3}'))

TARGETS = [
    Target("apps.build", api_build, lambda: {}, bad=_ROOT + _COURSE + (
        ("text", "prune", "yes"), ("number", "prune", 1), ("none", "prune", None), ("not_callable", "say", "x"),
        ("symlink", "apps_folder", "symlink"), ("foreign_page", "apps_folder", "foreign"))),
    Target("apps.stale", api_stale, lambda: {}, bad=_ROOT + _COURSE + (("symlink", "apps_folder", "symlink"),)),
    Target("apps.pages", api_pages, lambda: {}, bad=_ROOT + _COURSE[:2]),
    Target("apps.chapter_apps", api_chapter_apps, lambda: {}, bad=_ROOT + _COURSE),
    Target("apps.main", cli_apps, lambda: {}, bad=(
        ("unknown", "args", "delete"), ("empty", "args", ""), ("option_like", "args", "--all"),
        ("combination", "args", "check --prune"), ("two_commands", "args", "build check"),
        ("unknown_flag", "args", "build --force"), ("out_of_date", "args", "check"),
        ("needs_another_cell", "cell", "TaxiShift(pd.NA)"), ("foreign_page", "apps_folder", "foreign"),
        ("symlink", "apps_folder", "symlink"))),
    Target("release.binder_link(app)", api_binder_app_link, lambda: {}, options=("edition",),
           bad=(("text", "app", "yes"), ("number", "app", 1), ("none", "app", None))),
]
