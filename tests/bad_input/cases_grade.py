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


#: ``--hand-scores`` files, by name: each bad one must be refused before anything runs.
_SCORES = {
    "valid": "student,question,criterion,points\nalice,ch13.q7,1,2\n",
    "garbled": b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe",
    "no_columns": "name,score\nalice,3\n",
    "unknown_student": "student,question,criterion,points\nzoe,ch13.q7,1,2\n",
    "unknown_question": "student,question,criterion,points\nalice,ch00.q1,1,2\n",
    "unknown_criterion": "student,question,criterion,points\nalice,ch13.q7,99,2\n",
    "above_maximum": "student,question,criterion,points\nalice,ch13.q7,1,1000\n",
    "negative": "student,question,criterion,points\nalice,ch13.q7,1,-2\n",
    "not_a_number": "student,question,criterion,points\nalice,ch13.q7,1,two\n",
    "twice": "student,question,criterion,points\nalice,ch13.q7,1,1\nalice,ch13.q7,1,2\n",
}


def _cli_hand_scores(scores="valid"):
    """``crmkit grade --hand-scores FILE`` with one of the files above (or a missing one)."""
    import contextlib
    import io

    base = _folder()
    path = base / f"scores-{scores}.csv"
    content = _SCORES.get(scores)
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    err = io.StringIO()
    argv = [str(base / "subs"), "--out", str(base / "out"), "--timeout", "5", "--jobs", "1", "--sandbox", "none",
            "--hand-scores", str(path)]
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = grade.main(argv)
    if code != 0:
        raise CommandError(err.getvalue().strip() or f"exit {code}")
    return code


TARGETS = [
    Target("grade.main --hand-scores", _cli_hand_scores, lambda: {"scores": "valid"},
           bad=tuple((name, "scores", name) for name in ("missing", *(k for k in _SCORES if k != "valid")))),
    Target("grade.grade", grade.grade, _kwargs, numbers=("timeout", "jobs"), nonnegative=("timeout", "jobs"),
           huge=("timeout", "jobs"), options=("sandbox", "lang"), skip=("none:jobs",),
           bad=(("number", "lang", 1), ("bool", "lang", True), ("text", "lang", "zh_CN"), ("text", "rerun", "yes"),
                ("number", "rerun", 1), ("none", "rerun", None))),
    # On the command line every value is text: "12" is a valid --timeout there, so text is not a bad class.
    Target("grade.main", _cli, lambda: {"timeout": "5", "jobs": "1", "sandbox": "auto", "chapter": "ch00", "lang": "en"},
           numbers=("timeout", "jobs"), nonnegative=("timeout", "jobs"), huge=("timeout", "jobs"),
           options=("sandbox", "chapter", "lang"), skip=("text",)),
]
