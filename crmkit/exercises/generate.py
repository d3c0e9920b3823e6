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

``python -m crmkit.exercises.generate`` (``make exercises``, ``crmkit exercises``) writes
``exercises/`` (and the question cells of ``solutions/``); ``--check`` only compares and exits 1
when a file is stale (the tests do the same). ``exercises/`` is the course's generated copy:
students work in their own ``my-work/`` (``crmkit exercises --my-work`` copies the notebooks there
once, git ignores it). A notebook of ``exercises/`` that holds answers anyway (a code cell that
differs from the generated one) is never overwritten without ``--force``: the command names it and
what differs. Nothing is written through a symbolic link.
"""

from __future__ import annotations

import ast
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ._source import BEGIN, END, check_call  # noqa: F401  (BEGIN/END re-exported for the tests)

_MARK = re.compile(r"^(\s*)# (BEGIN|END) SOLUTION\s*$")
_CHAPTER = re.compile(r"^(ch(?:\d+|A\d+)\w*?)(?:_|$)")  # chA1: an appendix
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
        if p.is_symlink():  # never read through a link (and never delete one)
            continue
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
    links = [f"solutions/{p.name}" for p in paths if p.is_symlink()]
    if links:
        raise CommandError(f"{', '.join(links)} is a symbolic link; the generator reads only real files inside the "
                           "course (replace the link by the notebook itself); nothing was changed")
    return paths


# -- comparing a working exercise notebook with the generated one -------------------------------

@dataclass(frozen=True)
class Difference:
    """How one cell of a working exercise notebook differs from the generated one."""

    cell: int | None  # 1-based, as JupyterLab counts; None for the notebook as a whole
    what: str  # "has typed text", "was added", "has outputs", ...
    answer: bool  # True when it is (or may be) a student's answer: overwriting it would lose work

    def __str__(self) -> str:
        return f"cell {self.cell} {self.what}" if self.cell is not None else self.what


def differences(current: str, generated: str) -> list[Difference]:
    """What differs between a working exercise notebook's text and the generated one.

    Cells are matched by their id (the generator gives fixed ids; JupyterLab keeps them), so an
    inserted cell does not shift the rest. A code cell whose source differs, or an added code cell
    with text, is an *answer*; outputs, added empty cells, missing cells and metadata are not. A
    file that is not a notebook counts as an answer (it is someone's, not ours).
    """
    if current == generated:
        return []
    try:
        cur = nbformat.reads(current, as_version=4)
    except Exception:  # noqa: BLE001 - any unreadable file is "not ours"
        return [Difference(None, "is not a valid notebook", True)]
    gen = nbformat.reads(generated, as_version=4)
    by_id = {c.get("id"): c for c in gen.cells}
    out: list[Difference] = []
    seen = set()
    for i, c in enumerate(cur.cells, start=1):
        g = by_id.get(c.get("id"))
        if g is None or g.cell_type != c.cell_type:
            text = bool(str(c.get("source", "")).strip())
            out.append(Difference(i, "was added and has typed text" if text else "was added (empty)",
                                  text and c.cell_type == "code"))
        else:
            seen.add(c.get("id"))
            if c.source != g.source:
                out.append(Difference(i, "has typed text" if c.cell_type == "code" else f"({c.cell_type}) differs",
                                      c.cell_type == "code"))
        if c.cell_type == "code" and c.get("outputs"):
            out.append(Difference(i, "has outputs", False))
    missing = [k for k, c in enumerate(gen.cells, start=1) if c.get("id") not in seen]
    if missing:
        out.append(Difference(None, f"lacks cell(s) {', '.join(map(str, missing[:5]))}"
                                    f"{' …' if len(missing) > 5 else ''} of the generated notebook", False))
    if not out:
        out.append(Difference(None, "differs in metadata only", False))
    return out


def holds_answers(diffs: list[Difference]) -> bool:
    return any(d.answer for d in diffs)


def describe(diffs: list[Difference]) -> str:
    """``"cell 7 has typed text; cell 7 has outputs"``."""
    return "; ".join(map(str, diffs))


def render_all(root: Path) -> dict[str, str]:
    """The generated student notebook of every solution notebook, by file name (nothing written)."""
    from .._cli import CommandError

    out = {}
    for path in _solutions(root):
        try:
            out[path.name] = render(path)
        except (ValueError, KeyError, nbformat.reader.NotJSONError) as exc:
            raise CommandError(f"solutions/{path.name}: {' '.join(str(exc).split())}") from None
    return out


def _write_atomic(target: Path, text: str) -> None:
    """Write a file through a temporary file renamed into place (never through a symbolic link)."""
    import os
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass
class Outcome:
    """What :func:`run_generator` did (or, with ``check``, would do)."""

    written: list[str] = field(default_factory=list)  # files written (or stale, with check)
    kept: list[str] = field(default_factory=list)  # "ch00_taxi.ipynb (cell 7 has typed text)": answers kept
    orphans: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)


def run_generator(root: Path, *, check: bool = False, prune: bool = False, force: bool = False) -> Outcome:
    """Write (or, with ``check``, only compare) ``exercises/`` from ``solutions/``.

    A working exercise notebook that holds answers (a code cell that differs from the generated
    one, see :func:`differences`) is kept, and named in ``kept``, unless ``force``. Nothing is
    written through a symbolic link: a linked ``exercises/`` folder or exercise file stops the run
    before anything is written. Nothing is deleted unless ``prune`` (then only exercise notebooks
    generated from a solution notebook that no longer exists, by their header). ``check`` writes
    nothing, not even a folder. A folder without solution notebooks is an error, not "delete every
    exercise".
    """
    from .._cli import CommandError

    root = Path(root)
    sources = _solutions(root)
    dst = root / "exercises"
    if dst.is_symlink() or (dst.exists() and not dst.is_dir()):
        raise CommandError(f"{dst} is a symbolic link or not a folder; exercises are written only into a real "
                           "exercises/ folder of the course; nothing was changed")
    linked = sorted(p.name for p in (dst.iterdir() if dst.is_dir() else ()) if p.is_symlink())
    # First render everything in memory, so a broken notebook stops the run before anything is written.
    plan: list[tuple[Path, str, str]] = []  # (file, new text, name to report)
    out = Outcome()
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
        if target.name in linked:
            raise CommandError(f"exercises/{target.name} is a symbolic link (to {os.readlink(target)}); the "
                               "generator never writes through a link: replace it by a real file or remove it; "
                               "nothing was changed")
        current = target.read_text(encoding="utf-8", errors="replace") if target.is_file() else None
        if current == text:
            continue
        if current is not None and not force:
            diffs = differences(current, text)
            if holds_answers(diffs):
                out.kept.append(f"{target.name} ({describe(diffs)})")
                continue
        plan.append((target, text, target.name))
    if not check:
        dst.mkdir(exist_ok=True)
    for target, text, name in plan:
        out.written.append(name)
        if not check:
            _write_atomic(target, text)
    for orphan in orphans(root):
        if orphan.is_symlink():
            out.orphans.append(orphan.name)
        elif prune and not check:
            orphan.unlink()
            out.deleted.append(orphan.name)
        else:
            out.orphans.append(orphan.name)
    return out


def generate(root: Path, check: bool = False, prune: bool = False, force: bool = False) -> list[str]:
    """:func:`run_generator`, as a list of names: the files written (or stale, with ``check``), the
    notebooks kept for their answers (``"… (kept: cell 7 has typed text)"``), and the orphans."""
    o = run_generator(root, check=check, prune=prune, force=force)
    return (o.written + [f"{k}, holds answers" for k in o.kept] + o.orphans + [f"{d} (deleted: its solution is gone)" for d in o.deleted])


#: Where students keep their own answers in the course repository (git-ignored, never generated).
MY_WORK = "my-work"


def my_work(root=None, dest: str = MY_WORK) -> list[str]:
    """Copy each exercise notebook into the student's own folder (``my-work/``), once.

    Copies from ``exercises/`` every notebook that ``my-work/`` does not hold yet and never
    overwrites one that is there (that is the student's work); returns the names copied. ``root``
    is the course folder (default: the folder holding ``exercises/`` found from the current folder
    upwards, as a notebook started in ``notebooks/`` finds it). Links are neither followed nor
    written through.
    """
    from .._cli import COURSE_FOLDERS, CommandError

    if not isinstance(dest, str) or not re.fullmatch(r"[A-Za-z0-9][\w\-]*", dest):
        raise CommandError(f"the folder name {dest!r} must be a plain name such as 'my-work'")
    if dest != MY_WORK and dest in COURSE_FOLDERS:
        raise CommandError(f"{dest}/ is one of the course's own folders; your work goes into a folder of its own, "
                           f"e.g. {MY_WORK}/")
    if root is None:
        here = Path.cwd().resolve()
        root = next((p for p in (here, *here.parents) if (p / "exercises").is_dir()), None)
        if root is None:
            raise CommandError("no exercises/ folder in this folder or above it: open the course folder first")
    root = Path(root)
    src, dst = root / "exercises", root / dest
    if not src.is_dir() or src.is_symlink():
        raise CommandError(f"{src} is not a real folder of exercise notebooks")
    if dst.is_symlink() or (dst.exists() and not dst.is_dir()):
        raise CommandError(f"{dst} is a symbolic link or a file; your work is copied only into a real folder")
    dst.mkdir(exist_ok=True)
    copied = []
    for p in sorted(src.glob("*.ipynb")):
        target = dst / p.name
        if p.is_symlink() or target.exists() or target.is_symlink():
            continue
        _write_atomic(target, p.read_text(encoding="utf-8"))
        copied.append(p.name)
    return copied


def main(argv=None) -> int:
    from .._cli import ArgumentParser, CommandError, run

    prog = "crmkit exercises"

    def body() -> int:
        ap = ArgumentParser(prog=prog, description=__doc__.split("\n")[0])
        ap.add_argument("--check", action="store_true", help="only compare, write nothing; exit 1 if stale")
        ap.add_argument("--prune", action="store_true",
                        help="also delete exercise notebooks generated from a solution that no longer exists")
        ap.add_argument("--force", action="store_true",
                        help="also overwrite exercise notebooks that hold answers (the answers are lost)")
        ap.add_argument("--my-work", action="store_true",
                        help=f"copy the exercise notebooks you do not have yet into {MY_WORK}/ (never overwrites)")
        ap.add_argument("--root", default=str(Path(__file__).resolve().parents[2]),
                        help="the course folder (holding solutions/ and exercises/)")
        args = ap.parse_args(argv)
        if not args.root.strip():
            raise CommandError("--root is empty: give the course folder")
        root = Path(args.root)
        if args.my_work:
            if args.check or args.prune or args.force:
                raise CommandError("--my-work copies your notebooks; it takes no --check, --prune or --force")
            copied = my_work(root)
            have = sorted(p.name for p in (root / MY_WORK).glob("*.ipynb"))
            print((f"copied into {MY_WORK}/: " + ", ".join(copied)) if copied else f"{MY_WORK}/ already holds every "
                  "exercise notebook; nothing was copied.")
            print(f"{MY_WORK}/ holds {len(have)} notebook(s); work there: it is yours, and nothing regenerates it.")
            return 0
        o = run_generator(root, check=args.check, prune=args.prune, force=args.force)
        hint = " (--prune deletes exercises whose solution is gone)" if o.orphans else ""
        kept = [f"exercises/{k}" for k in o.kept]
        if args.check:
            problems = o.written + [f"{k} (holds answers)" for k in kept] + o.orphans
            if problems:
                print("exercises/ is stale for: " + ", ".join(problems) + " -- run `make exercises`" + hint + ".")
                if kept:
                    print(f"Answers belong in {MY_WORK}/ (`crmkit exercises --my-work`), not in exercises/: move "
                          "the notebooks named above there, then run `make exercises`.")
                return 1
            print("exercises/ is up to date.")
            return 0
        if o.orphans:
            print("left alone (their solution notebook is gone; --prune deletes them): " + ", ".join(o.orphans))
        if kept:
            print("kept, because they hold answers (--force overwrites them; better, move them to "
                  f"{MY_WORK}/ first): " + "; ".join(kept))
        done = o.written + [f"{d} (deleted: its solution is gone)" for d in o.deleted]
        print(("updated: " + ", ".join(done)) if done else
              ("nothing else to update." if kept else "exercises/ is up to date."))
        return 0

    return run(prog, body)


if __name__ == "__main__":
    sys.exit(main())
