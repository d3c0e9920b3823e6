"""crmkit.grade in the bad-input harness: the Python call and the command line's options.

Every bad option must be refused (a CrmkitError naming it) before anything runs. The valid
arguments point at a folder with a real notebook, so a bad value that slipped through would start
grading and overrun the harness's time limit: the case fails instead of passing by accident.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from crmkit import grade
from crmkit._cli import CommandError

from .harness import Target


@functools.lru_cache(maxsize=1)
def _folder() -> Path:
    import nbformat

    base = Path(tempfile.mkdtemp(prefix="crmkit-bad-grade-"))
    atexit.register(shutil.rmtree, base, True)  # the folder this module made, and nothing else
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1")]
    (base / "subs").mkdir()
    nbformat.write(nb, str(base / "subs" / "alice.ipynb"))
    return base


def _kwargs():
    base = _folder()
    return {"submissions": base / "subs", "out": base / "out", "timeout": 5.0, "jobs": 1, "sandbox": "auto",
            "lang": "en", "progress": lambda *_: None}


def _cli(timeout="5", jobs="1", sandbox="auto", chapter="ch00", lang="en"):
    """``crmkit grade`` with these options; a refusal (exit 2) becomes the CommandError it printed."""
    import contextlib
    import io

    base = _folder()
    err = io.StringIO()
    argv = [str(base / "subs"), "--out", str(base / "out"), "--timeout", str(timeout), "--jobs", str(jobs),
            "--sandbox", str(sandbox), "--chapter", str(chapter), "--lang", str(lang)]
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = grade.main(argv)
    if code != 0:
        raise CommandError(err.getvalue().strip() or f"exit {code}")
    return code


TARGETS = [
    Target("grade.grade", grade.grade, _kwargs, numbers=("timeout", "jobs"), nonnegative=("timeout", "jobs"),
           huge=("timeout", "jobs"), options=("sandbox", "lang"), skip=("none:jobs",),
           bad=(("number", "lang", 1), ("bool", "lang", True), ("text", "lang", "zh_CN"))),
    # On the command line every value is text: "12" is a valid --timeout there, so text is not a bad class.
    Target("grade.main", _cli, lambda: {"timeout": "5", "jobs": "1", "sandbox": "auto", "chapter": "ch00", "lang": "en"},
           numbers=("timeout", "jobs"), nonnegative=("timeout", "jobs"), huge=("timeout", "jobs"),
           options=("sandbox", "chapter", "lang"), skip=("text",)),
]
