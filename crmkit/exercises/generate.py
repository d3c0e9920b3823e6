"""Generate the student notebooks in ``exercises/`` from ``solutions/`` (生成练习).

In a solution notebook, each answer stands between two marker lines::

    # BEGIN SOLUTION
    cost_per_hour = (380 + 210) / 17
    # END SOLUTION
    ch00.q1.check(cost_per_hour)

The student version replaces the region with a placeholder that assigns ``...`` to every name
the solution assigned (``cost_per_hour = ...  # your answer here``), so the following
``check()`` runs and says "not attempted" instead of failing with a NameError. Outputs are
cleared and a header says the file is generated.

The question text has one source too, ``crmkit/exercises/chNN.py``: before rendering, the
markdown cell above each ``chNN.qK.check(...)`` cell of the solution notebook is set to
``**QK.** <the question's text>`` (inserted if missing), so the solution and exercise notebooks
always show what ``chNN.qK`` says.

``python -m crmkit.exercises.generate`` writes ``exercises/`` (and the question cells of
``solutions/``); ``--check`` only compares and exits 1 when a file is stale (the tests do the same).
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

import nbformat

from ._source import BEGIN, END, check_call  # noqa: F401  (BEGIN/END re-exported for the tests)

_MARK = re.compile(r"^(\s*)# (BEGIN|END) SOLUTION\s*$")
_CHAPTER = re.compile(r"^(ch\d+\w*?)(?:_|$)")
HEADER = (
    "<small>GENERATED from `solutions/{name}` by `make exercises`; edit the solution notebook, "
    "not this file.</small>"
)


def _assigned_names(code: str) -> list[str]:
    """Top-level names assigned in a piece of code, in order."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    names: list[str] = []

    def add(target):
        if isinstance(target, ast.Name):
            if target.id not in names:
                names.append(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for t in target.elts:
                add(t)

    for node in tree.body:
        if isinstance(node, ast.Assign):
            for t in node.targets:
                add(t)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            add(node.target)
    return names


def strip_solutions(source: str) -> str:
    """Replace every BEGIN/END SOLUTION region of a cell's source by its placeholder."""
    out: list[str] = []
    region: list[str] | None = None
    indent = ""
    for line in source.split("\n"):
        m = _MARK.match(line)
        if m and m.group(2) == "BEGIN":
            if region is not None:
                raise ValueError("nested '# BEGIN SOLUTION'")
            region, indent = [], m.group(1)
        elif m and m.group(2) == "END":
            if region is None:
                raise ValueError("'# END SOLUTION' without a BEGIN")
            import textwrap

            names = _assigned_names(textwrap.dedent("\n".join(region)))
            if names:
                out += [f"{indent}{n} = ...  # your answer here" for n in names]
            else:
                out.append(f"{indent}# your code here")
            region = None
        elif region is not None:
            region.append(line)
        else:
            out.append(line)
    if region is not None:
        raise ValueError("'# BEGIN SOLUTION' without an END")
    return "\n".join(out)


def student_version(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    new = nbformat.v4.new_notebook(metadata={k: v for k, v in nb.metadata.items() if k in ("kernelspec", "language_info")})
    new.cells.append(nbformat.v4.new_markdown_cell(HEADER.format(name=name)))
    for cell in nb.cells:
        if cell.get("metadata", {}).get("tags") and "solution-only" in cell.metadata["tags"]:
            continue
        if cell.cell_type == "code":
            c = nbformat.v4.new_code_cell(strip_solutions(cell.source))
        elif cell.cell_type == "markdown":
            c = nbformat.v4.new_markdown_cell(cell.source)
        else:
            c = nbformat.v4.new_raw_cell(cell.source)
        new.cells.append(c)
    for i, c in enumerate(new.cells):  # deterministic ids, so regenerating changes nothing
        c["id"] = f"cell-{i:03d}"
    new.nbformat, new.nbformat_minor = 4, 5
    return new


def chapter_of(path: Path) -> str | None:
    """The chapter module of a solution notebook: ``ch08_switching_costs.ipynb`` -> ``ch08``."""
    m = _CHAPTER.match(path.stem)
    return m.group(1) if m else None


def question_text(q) -> str:
    """The markdown that shows a question above its cell: ``**Q1.** <text>``."""
    return f"**{q.name}.** {q.prompt}"


def sync_question_text(nb: nbformat.NotebookNode, chapter: str) -> list[str]:
    """Set the markdown cell above each ``chapter.qK.check(...)`` cell to the question's text.

    Returns the questions whose cell changed (or was inserted).
    """
    from . import chapters, questions

    if chapter not in chapters():
        return []
    changed = []
    for var, q in questions(chapter).items():
        pat = check_call(chapter, var)
        i = next((k for k, c in enumerate(nb.cells) if c.cell_type == "code" and pat.search(c.source)), None)
        if i is None:
            continue
        want = question_text(q)
        j = i - 1
        while j >= 0 and nb.cells[j].cell_type != "markdown":
            j -= 1
        if j >= 0 and re.match(rf"\*\*{re.escape(q.name)}\.\*\*", nb.cells[j].source):
            if nb.cells[j].source != want:
                nb.cells[j].source = want
                changed.append(var)
        else:
            cell = nbformat.v4.new_markdown_cell(want)
            cell["id"] = f"{chapter}-{var}-text"
            nb.cells.insert(i, cell)
            changed.append(var)
    return changed


def _notebook_text(nb: nbformat.NotebookNode) -> str:
    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def render(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    chapter = chapter_of(path)
    if chapter:
        sync_question_text(nb, chapter)
    return nbformat.writes(student_version(nb, path.name)) + "\n"


def generate(root: Path, check: bool = False) -> list[str]:
    """Write (or check) ``exercises/`` from ``solutions/``. Returns the stale file names."""
    src, dst = root / "solutions", root / "exercises"
    dst.mkdir(exist_ok=True)
    stale = []
    wanted = set()
    for path in sorted(src.glob("ch*.ipynb")):
        chapter = chapter_of(path)
        if chapter:
            nb = nbformat.read(path, as_version=4)
            if sync_question_text(nb, chapter):
                stale.append(f"solutions/{path.name}")
                if not check:
                    path.write_text(_notebook_text(nb), encoding="utf-8")
        text = render(path)
        target = dst / path.name
        wanted.add(target.name)
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            stale.append(target.name)
            if not check:
                target.write_text(text, encoding="utf-8")
    for orphan in sorted(p for p in dst.glob("*.ipynb") if p.name not in wanted):
        stale.append(orphan.name)
        if not check:
            orphan.unlink()
    return stale


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="only compare; exit 1 if exercises/ is stale")
    ap.add_argument("--root", default=str(Path(__file__).resolve().parents[2]))
    args = ap.parse_args(argv)
    stale = generate(Path(args.root), check=args.check)
    if args.check and stale:
        print("exercises/ is stale for: " + ", ".join(stale) + " -- run `make exercises`.")
        return 1
    print(("updated: " + ", ".join(stale)) if stale else "exercises/ is up to date.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
