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


def _is_generated(path: Path) -> str | None:
    """The solution a generated exercise notebook names in its header, or ``None`` (not ours)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    m = re.search(r"GENERATED from `solutions/([^`]+)` by `make exercises`", text[:2000])
    return m.group(1) if m else None


def orphans(root: Path) -> list[Path]:
    """Exercise notebooks generated from a solution notebook that no longer exists."""
    src, dst = Path(root) / "solutions", Path(root) / "exercises"
    if not dst.is_dir():
        return []
    out = []
    for p in sorted(dst.glob("*.ipynb")):
        source = _is_generated(p)
        if source is not None and not (src / source).is_file():
            out.append(p)
    return out


def _solutions(root: Path) -> list[Path]:
    from .._cli import CommandError

    root = Path(root)
    if not root.is_dir():
        raise CommandError(f"there is no folder {str(root)!r}")
    paths = sorted((root / "solutions").glob("ch*.ipynb"))
    if not paths:
        raise CommandError(f"{str(root / 'solutions')!r} holds no solution notebooks (ch*.ipynb): nothing to "
                           "generate from; nothing was changed")
    return paths


def generate(root: Path, check: bool = False, prune: bool = False) -> list[str]:
    """Write (or, with ``check``, only compare) ``exercises/`` from ``solutions/``.

    Returns the stale file names (``check``) or the files written. Nothing is ever deleted unless
    ``prune``: then only exercise notebooks that were generated from a solution notebook which no
    longer exists (their header names it). ``check`` writes nothing, not even a folder. A folder
    without solution notebooks is an error (:class:`crmkit._cli.CommandError`), not "delete every
    exercise".
    """
    from .._cli import CommandError

    root = Path(root)
    sources = _solutions(root)
    dst = root / "exercises"
    if not check:
        dst.mkdir(exist_ok=True)
    # First render everything in memory, so a broken notebook stops the run before anything is written.
    plan: list[tuple[Path, str, str]] = []  # (file, new text, name to report)
    for path in sources:
        try:
            chapter = chapter_of(path)
            nb = nbformat.read(path, as_version=4)
            if chapter and sync_question_text(nb, chapter):
                plan.append((path, _notebook_text(nb), f"solutions/{path.name}"))
            text = nbformat.writes(student_version(nb, path.name)) + "\n"
        except (ValueError, KeyError, nbformat.reader.NotJSONError) as exc:
            raise CommandError(f"solutions/{path.name}: {' '.join(str(exc).split())}") from None
        target = dst / path.name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            plan.append((target, text, target.name))
    stale = []
    for target, text, name in plan:
        stale.append(name)
        if not check:
            target.write_text(text, encoding="utf-8")
    for orphan in orphans(root):
        if prune and not check:
            orphan.unlink()
            stale.append(f"{orphan.name} (deleted: its solution is gone)")
        else:
            stale.append(orphan.name)
    return stale


def main(argv=None) -> int:
    from .._cli import ArgumentParser, run

    prog = "crmkit exercises"

    def body() -> int:
        ap = ArgumentParser(prog=prog, description=__doc__.split("\n")[0])
        ap.add_argument("--check", action="store_true", help="only compare, write nothing; exit 1 if stale")
        ap.add_argument("--prune", action="store_true",
                        help="also delete exercise notebooks generated from a solution that no longer exists")
        ap.add_argument("--root", default=str(Path(__file__).resolve().parents[2]),
                        help="the course folder (holding solutions/ and exercises/)")
        args = ap.parse_args(argv)
        root = Path(args.root)
        gone = [p.name for p in orphans(root)] if (root / "solutions").is_dir() else []
        stale = generate(root, check=args.check, prune=args.prune)
        if args.check:
            if stale:
                hint = " (--prune deletes exercises whose solution is gone)" if gone else ""
                print("exercises/ is stale for: " + ", ".join(stale) + " -- run `make exercises`" + hint + ".")
                return 1
            print("exercises/ is up to date.")
            return 0
        if gone and not args.prune:
            print("left alone (their solution notebook is gone; --prune deletes them): " + ", ".join(gone))
        written = [s for s in stale if s not in gone]
        print(("updated: " + ", ".join(written)) if written else "exercises/ is up to date.")
        return 0

    return run(prog, body)


if __name__ == "__main__":
    sys.exit(main())
