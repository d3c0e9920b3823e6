"""Where the reference solutions live: the solution notebooks (参考答案).

A question's solution is written once, in ``solutions/chNN_<topic>.ipynb``: the code between
``# BEGIN SOLUTION`` and ``# END SOLUTION`` in the cell that calls ``chNN.qK.check(...)``.
``qK.solution()`` reads it from there, so what a student is shown and what the solution notebook
runs (and nbval checks) can never disagree.

A student copy of the course has no ``solutions/`` folder; then :func:`solutions_dir` returns
``None`` and ``solution()`` says so kindly.
"""

from __future__ import annotations

import json
import os
import re
import textwrap
from pathlib import Path

__all__ = ["solutions_dir", "notebook_for", "cells", "check_cell_index", "region", "solution_code",
           "BEGIN", "END"]

BEGIN, END = "# BEGIN SOLUTION", "# END SOLUTION"
_MARK = re.compile(r"^(\s*)# (BEGIN|END) SOLUTION\s*$")
_CACHE: dict[Path, tuple[float, list[dict]]] = {}


def solutions_dir() -> Path | None:
    """The course's ``solutions/`` folder, or ``None`` in a copy without solutions.

    Looked up like :func:`crmkit.data.datasets_dir`: the ``CRMKIT_SOLUTIONS`` environment variable;
    ``solutions/`` beside the package (a clone, an editable install); ``solutions/`` in the current
    folder or one of its parents (a notebook started inside ``exercises/``).
    """
    env = os.environ.get("CRMKIT_SOLUTIONS")
    candidates = [Path(env)] if env else []
    candidates.append(Path(__file__).resolve().parents[2] / "solutions")
    here = Path.cwd().resolve()
    candidates += [p / "solutions" for p in (here, *here.parents)]
    for c in candidates:
        if c.is_dir() and any(c.glob("ch*.ipynb")):
            return c
    return None


def notebook_for(chapter: str, folder: Path) -> Path | None:
    """The solution notebook of a chapter module (``ch08`` -> ``ch08_switching_costs.ipynb``)."""
    found = sorted(folder.glob(f"{chapter}_*.ipynb")) + sorted(folder.glob(f"{chapter}.ipynb"))
    return found[0] if found else None


def cells(path: Path) -> list[dict]:
    """The cells of a notebook as ``{"cell_type", "source"}`` dicts (source joined), cached by mtime."""
    path = Path(path)
    mtime = path.stat().st_mtime
    hit = _CACHE.get(path)
    if hit and hit[0] == mtime:
        return hit[1]
    nb = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for c in nb.get("cells", []):
        src = c.get("source", "")
        out.append({"cell_type": c.get("cell_type"), "source": "".join(src) if isinstance(src, list) else src})
    _CACHE[path] = (mtime, out)
    return out


def check_call(chapter: str, var: str) -> re.Pattern:
    """The pattern of the line that checks question ``var`` of ``chapter``: ``ch08.q1.check(``."""
    return re.compile(rf"^\s*{re.escape(chapter)}\.{re.escape(var)}\.check\(", re.M)


def check_cell_index(nb_cells: list[dict], chapter: str, var: str) -> int | None:
    """The index of the code cell that calls ``chapter.var.check(...)``, or ``None``."""
    pat = check_call(chapter, var)
    for i, c in enumerate(nb_cells):
        if c["cell_type"] == "code" and pat.search(c["source"]):
            return i
    return None


def region(source: str) -> str | None:
    """The code between the first BEGIN/END SOLUTION markers of a cell, dedented; ``None`` if absent."""
    lines, inside = [], False
    for line in source.split("\n"):
        m = _MARK.match(line)
        if m and m.group(2) == "BEGIN":
            inside = True
        elif m and m.group(2) == "END":
            return textwrap.dedent("\n".join(lines)).strip("\n") if inside else None
        elif inside:
            lines.append(line)
    return None


def solution_code(chapter: str, var: str, folder: Path | None = None) -> tuple[Path | None, str | None]:
    """``(notebook, code)`` of a question's reference solution.

    ``notebook`` is ``None`` when there is no solution notebook for the chapter; ``code`` is
    ``None`` when the notebook has no marked solution for this question.
    """
    folder = solutions_dir() if folder is None else folder
    if folder is None:
        return None, None
    path = notebook_for(chapter, folder)
    if path is None:
        return None, None
    nb_cells = cells(path)
    i = check_cell_index(nb_cells, chapter, var)
    return path, (region(nb_cells[i]["source"]) if i is not None else None)
