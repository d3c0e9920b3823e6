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

``python -m crmkit.exercises.generate`` writes ``exercises/``; ``--check`` only compares
and exits 1 when a file is stale (the tests do the same).
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

import nbformat

BEGIN, END = "# BEGIN SOLUTION", "# END SOLUTION"
_MARK = re.compile(r"^(\s*)# (BEGIN|END) SOLUTION\s*$")
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


def render(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return nbformat.writes(student_version(nb, path.name)) + "\n"


def generate(root: Path, check: bool = False) -> list[str]:
    """Write (or check) ``exercises/`` from ``solutions/``. Returns the stale file names."""
    src, dst = root / "solutions", root / "exercises"
    dst.mkdir(exist_ok=True)
    stale = []
    wanted = set()
    for path in sorted(src.glob("ch*.ipynb")):
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
