"""The Chinese edition of the course (中文版), built from the English notebooks and the catalogues.

One source, two editions: the English notebooks in ``notebooks/`` and ``solutions/`` are the source;
the Chinese edition in ``zh/notebooks/``, ``zh/solutions/`` and ``zh/exercises/`` is made from them.
Code cells are shared word for word; each markdown cell is replaced by its translation from the
notebook's catalogue (:mod:`crmkit.i18n.catalogs`), each question cell by the question's Chinese
text; a first code cell switches the kit to Chinese (``crmkit.set_language("zh")``), and links that
point outside the edition are rewritten to reach their English target.

    python -m crmkit.i18n.editions update    # refresh the catalogues from the English (new cells empty,
                                             # changed ones marked fuzzy with the old English kept)
    python -m crmkit.i18n.editions check     # name every missing or stale translation; exit 1 if any
    python -m crmkit.i18n.editions build     # write zh/ and execute it (make zh does update + build)
    python -m crmkit.i18n.editions build --no-execute 04_rfm   # one notebook, not executed

Cells without a usable translation keep their English and are named on the console; the translation
test (``tests/test_editions.py``) fails on them.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

import nbformat

from . import catalogs

ROOT = catalogs.COURSE_ROOT
EDITION = "zh"
SOURCES = ("notebooks", "solutions")
#: The first cells of a Chinese notebook (ids fixed, so rebuilding changes nothing).
LANGUAGE_CELL_ID = "zh-language"
LANGUAGE_CELL = 'import crmkit\n\ncrmkit.set_language("zh")  # 中文版：界面、表格、图表与练习反馈均为中文'
BANNER_ID = "zh-edition"
BANNER = "<small>**中文版** · [English edition]({english}) · 本笔记本由 `make zh` 依据英文原版与译文目录生成，请勿直接修改。</small>"
EXERCISE_HEADER = ("<small>**中文版** · 由 `make zh` 依据 `zh/solutions/{name}` 生成;"
                   "要修改题目或说明,请改英文原版与译文目录 `locale/`,不要改本文件。</small>")
#: Cells nbval skips (they act on the reader's files, e.g. copying the exercises into my-work/) are not
#: run by the build either; they keep the English run's output.
SKIP = "nbval-skip"
_QUESTION = re.compile(r"^\*\*Q[0-9A-Za-z]+\.\*\* ")
_LINK = re.compile(r"(\]\(|href=\"|src=\")([^)\"\s]+)")


#: Markdown pages translated block by block (paragraph, list, table, heading; code blocks are shared).
PAGES = ("README.md", "datasets/README.md")


def sources() -> list[Path]:
    """The English notebooks the edition is made from."""
    out = []
    for folder in SOURCES:
        out += sorted((ROOT / folder).glob("*.ipynb"))
    return out


def catalog_path(source: Path) -> Path:
    return catalogs.COURSE_CATALOGS / source.parent.name / f"{source.stem}.po"


def edition_path(source: Path) -> Path:
    return ROOT / EDITION / source.parent.name / source.name


def _chapter(source: Path) -> str | None:
    from ..exercises.generate import chapter_of

    return chapter_of(source) if source.parent.name == "solutions" else None


def _is_question_cell(cell) -> bool:
    return cell.cell_type == "markdown" and bool(_QUESTION.match(cell.source))


def notebook_sources(source: Path) -> list[tuple[str, str, str]]:
    """[(cell id, English markdown, note)] of a notebook's translatable cells (question cells aside)."""
    nb = nbformat.read(source, as_version=4)
    out = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown" or _is_question_cell(cell) or not cell.source.strip():
            continue
        out.append((cell["id"], cell.source, f"{source.parent.name}/{source.name}, cell {i}"))
    return out


def question_sources(chapter: str) -> list[tuple[str, str, str]]:
    """[(context, English, note)] of a chapter's question texts: prompt, hints, unit (and an open question's
    rubric criteria and model answer)."""
    from ..exercises import questions

    out = []
    for var, q in questions(chapter).items():
        choices = getattr(q, "choices", None)
        note = f"{type(q).__name__} {chapter}.{var}"
        if choices:
            note += "; the options stay as written (students answer with them): " + ", ".join(map(repr, choices))
        out.append((f"{chapter}.{var}.prompt", q.english("prompt"), note))
        for k, hint in enumerate(q.english("hints"), 1):
            out.append((f"{chapter}.{var}.hint.{k}", hint, f"{chapter}.{var}, hint {k}"))
        unit = q.english("unit")
        if unit:
            out.append((f"{chapter}.{var}.unit", unit, f"{chapter}.{var}, the unit after a number"))
        if hasattr(q, "rubric"):  # an open question: its rubric's criteria and its model answer
            for k, criterion in enumerate(q.english("rubric"), 1):
                out.append((f"{chapter}.{var}.rubric.{k}", criterion, f"{chapter}.{var}, rubric criterion {k}"))
            model = q.english("model")
            if model:
                out.append((f"{chapter}.{var}.model", model, f"{chapter}.{var}, the model answer (withheld in a "
                                                             "graded release)"))
    return out


def page_catalog(page: str) -> Path:
    return catalogs.COURSE_CATALOGS / "pages" / (page.replace("/", "_").removesuffix(".md") + ".po")


def page_blocks(text: str) -> list[tuple[str | None, str]]:
    """A markdown page cut into blocks separated by blank lines: [(context or None, block)]. A fenced
    code block is one block and is not translated (context None); every other block is keyed by the
    section it is in (the slug of the heading above it) and its position there, so a paragraph added
    to one section leaves the keys of the others unchanged."""
    blocks: list[str] = []
    current: list[str] = []
    fence = False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            if not fence and current:
                blocks.append("\n".join(current))
                current = []
            current.append(line)
            fence = not fence
            if not fence:
                blocks.append("\n".join(current))
                current = []
            continue
        if not fence and not line.strip():
            if current:
                blocks.append("\n".join(current))
                current = []
            continue
        current.append(line)
    if current:
        blocks.append("\n".join(current))
    out: list[tuple[str | None, str]] = []
    section, n, seen = "top", 0, {}
    for block in blocks:
        if block.lstrip().startswith("```"):
            out.append((None, block))
            continue
        if block.startswith("#"):
            words = re.findall(r"[a-z0-9]+", block.split("\n")[0].lower())[:4]  # short: a heading's counts may change
            slug = "-".join(words) or "section"
            seen[slug] = seen.get(slug, 0) + 1
            section, n = (slug if seen[slug] == 1 else f"{slug}-{seen[slug]}"), 0
        out.append((f"{section}.{n}", block))
        n += 1
    return out


def page_sources(page: str) -> list[tuple[str, str, str]]:
    text = (ROOT / page).read_text(encoding="utf-8")
    return [(ctx, block, page) for ctx, block in page_blocks(text) if ctx is not None]


def translate_page(page: str, *, missing: list[str] | None = None) -> str:
    """The Chinese page of ``page`` (a markdown file of the course), links rewritten for ``zh/``."""
    source = ROOT / page
    entries = catalogs.read(page_catalog(page))
    edition_dir = (ROOT / EDITION / page).parent
    parts = []
    for ctx, block in page_blocks(source.read_text(encoding="utf-8")):
        if ctx is not None:
            e = entries.get(ctx)
            if e is not None and e.usable_for(block):
                block = e.text
            elif missing is not None:
                missing.append(f"{page} block {ctx}")
            block = _relink(block, source.parent, edition_dir)
        parts.append(block)
    english = os.path.relpath(source, edition_dir).replace(os.sep, "/")
    banner = f"<small>**中文版** · [English]({english}) · 本页由 `make zh` 依据英文原版与译文目录生成。</small>"
    return banner + "\n\n" + "\n\n".join(parts) + "\n"


def question_catalog(chapter: str) -> Path:
    return catalogs.PACKAGE_CATALOGS / "exercises" / f"{chapter}.po"


def all_catalogs() -> list[tuple[Path, list[tuple[str, str, str]]]]:
    """Every catalogue with the English it must translate."""
    from ..exercises import chapters

    out = [(catalog_path(s), notebook_sources(s)) for s in sources()]
    out += [(question_catalog(ch), question_sources(ch)) for ch in chapters()]
    out += [(page_catalog(p), page_sources(p)) for p in PAGES]
    return out


def update() -> list[Path]:
    """Bring every catalogue in line with the English; returns the files written."""
    written = []
    for path, src in all_catalogs():
        if catalogs.write(path, catalogs.merge(catalogs.read(path), src)):
            written.append(path)
    return written


def punctuate() -> list[Path]:
    """Give every translation Chinese punctuation (:func:`catalogs.punctuate`); returns the files changed."""
    written = []
    for path, src in all_catalogs():
        entries = catalogs.merge(catalogs.read(path), src)
        for e in entries:
            if e.text.strip() and e.text != e.source:
                e.text = catalogs.punctuate(e.text)
        if catalogs.write(path, entries):
            written.append(path)
    return written


def check() -> list[str]:
    """Every missing or stale translation, one line each (empty when the edition is complete)."""
    out = []
    for path, src in all_catalogs():
        out += catalogs.problems(catalogs.read(path), src, str(path.relative_to(ROOT)))
    return out


# -- building the edition -----------------------------------------------------------------------
def _edition_target(rel: str, english_dir: Path, edition_dir: Path) -> str:
    """A relative link of an English notebook, as the Chinese notebook in ``edition_dir`` must write it."""
    if re.match(r"^([a-z][a-z0-9+.-]*:|#|/)", rel):
        return rel
    path, _, frag = rel.partition("#")
    if not path:
        return rel
    target = (english_dir / path).resolve()
    try:
        inside = target.relative_to(ROOT)
    except ValueError:
        return rel
    counterpart = ROOT / EDITION / inside
    if inside.parts and inside.parts[0] in (*SOURCES, "exercises") and target.suffix == ".ipynb":
        new = counterpart
    elif counterpart.exists():
        new = counterpart
    else:
        new = target
    out = os.path.relpath(new, edition_dir).replace(os.sep, "/")
    return out + (f"#{frag}" if frag else "")


def _relink(text: str, english_dir: Path, edition_dir: Path) -> str:
    return _LINK.sub(lambda m: m.group(1) + _edition_target(m.group(2), english_dir, edition_dir), text)


def translate_notebook(source: Path, *, missing: list[str] | None = None) -> nbformat.NotebookNode:
    """The Chinese notebook of ``source``, not executed. Cells without a usable translation keep
    their English and are added to ``missing``."""
    from ..exercises.generate import sync_question_text
    from . import get_language, set_language

    nb = nbformat.read(source, as_version=4)
    entries = catalogs.read(catalog_path(source))
    english_dir, edition_dir = source.parent, edition_path(source).parent
    chapter = _chapter(source)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.metadata.pop("execution", None)
            if SKIP not in cell.metadata.get("tags", []):  # a skipped cell keeps the English run's output
                cell.outputs, cell.execution_count = [], None
        elif cell.cell_type == "markdown" and cell.source.strip() and not _is_question_cell(cell):
            e = entries.get(cell["id"])
            if e is not None and e.usable_for(cell.source):
                cell.source = e.text
            elif missing is not None:
                missing.append(f"{source.parent.name}/{source.name} cell {cell['id']}")
        if cell.cell_type == "markdown":
            cell.source = _relink(cell.source, english_dir, edition_dir)
    if chapter:
        before = get_language()
        set_language("zh")
        try:
            sync_question_text(nb, chapter)
        finally:
            set_language(before)
    english = os.path.relpath(source, edition_dir).replace(os.sep, "/")
    banner = nbformat.v4.new_markdown_cell(BANNER.format(english=english))
    banner["id"] = BANNER_ID
    lang = nbformat.v4.new_code_cell(LANGUAGE_CELL)
    lang["id"] = LANGUAGE_CELL_ID
    nb.cells[:0] = [banner, lang]
    nb.metadata.pop("widgets", None)
    nb.metadata["language_info"] = nb.metadata.get("language_info", {})
    return nb


def student_notebook(solution_zh: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """The Chinese exercise notebook made from a Chinese solution notebook (as ``make exercises``)."""
    from ..exercises.generate import student_version

    nb = student_version(solution_zh, name)
    nb.cells[0].source = EXERCISE_HEADER.format(name=name)
    return nb


def execute(nb: nbformat.NotebookNode, folder: Path) -> nbformat.NotebookNode:
    """Run a notebook in a fresh kernel of this environment, in ``folder``, recording no timings."""
    from nbclient import NotebookClient

    client = NotebookClient(nb, timeout=900, kernel_name="python3", record_timing=False,
                            skip_cells_with_tag=SKIP, resources={"metadata": {"path": str(folder)}})
    client.execute()
    return nb


def _write(path: Path, nb: nbformat.NotebookNode) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = nbformat.writes(nb)
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def build(names: list[str] | None = None, *, run: bool = True, echo=print) -> list[str]:
    """Write the Chinese edition (of the notebooks whose stem contains one of ``names``); returns the
    cells that lack a usable translation."""
    missing: list[str] = []
    for page in PAGES:
        if not names or any(n in page for n in names):
            target = ROOT / EDITION / page
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(translate_page(page, missing=missing), encoding="utf-8")
    chosen = [s for s in sources() if not names or any(n in s.stem for n in names)]
    for k, source in enumerate(chosen, 1):
        target = edition_path(source)
        echo(f"[{k}/{len(chosen)}] {target.relative_to(ROOT)}" + (" (executing)" if run else ""))
        nb = translate_notebook(source, missing=missing)
        if source.parent.name == "solutions":
            student = student_notebook(nbformat.from_dict(nb), source.name)
            _write(ROOT / EDITION / "exercises" / source.name, student)
        if run:
            target.parent.mkdir(parents=True, exist_ok=True)
            execute(nb, target.parent)
        _write(target, nb)
    return missing


_CODE = re.compile(r"```.*?```|`[^`]*`|\$\$.*?\$\$|\$[^$]*\$|<[^>]+>|\]\([^)]*\)|https?://\S+", re.S)
_HANZI = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[A-Za-z]{2,}")


def reading_weight(text: str) -> tuple[int, int]:
    """(hanzi, English words) of a text, code, formulas, HTML tags and link targets aside."""
    plain = _CODE.sub(" ", text)
    return len(_HANZI.findall(plain)), len(_WORD.findall(plain))


def chinese_share(nb: nbformat.NotebookNode) -> float:
    """The Chinese share of a notebook's prose by reading weight: hanzi / (hanzi + English words)."""
    zh = en = 0
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            h, w = reading_weight(cell.source)
            zh, en = zh + h, en + w
    return zh / (zh + en) if zh + en else 0.0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crmkit.i18n.editions", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("update", help="refresh the catalogues from the English notebooks and questions")
    sub.add_parser("check", help="name every missing or stale translation (exit 1 if any)")
    sub.add_parser("punctuate", help="give every translation Chinese punctuation (，。：；？！（）)")
    b = sub.add_parser("build", help="write zh/ from the English and the catalogues, and execute it")
    b.add_argument("names", nargs="*", help="only notebooks whose file name contains one of these")
    b.add_argument("--no-execute", action="store_true", help="write the notebooks without running them")
    w = sub.add_parser("weight", help="the Chinese share of each Chinese notebook's prose (at least 60 %% wanted)")
    w.add_argument("names", nargs="*", help="only notebooks whose file name contains one of these")
    args = parser.parse_args(argv)
    if args.command == "weight":
        from . import set_language

        set_language("zh")
        for s in sources():
            if not args.names or any(n in s.stem for n in args.names):
                print(f"{chinese_share(translate_notebook(s)):6.1%}  {s.parent.name}/{s.name}")
        return 0
    if args.command == "update":
        for p in update():
            print(f"updated {p.relative_to(ROOT)}")
        return 0
    if args.command == "punctuate":
        for p in punctuate():
            print(f"punctuated {p.relative_to(ROOT)}")
        return 0
    if args.command == "check":
        found = check()
        for line in found:
            print(line)
        print(f"{len(found)} missing or stale translation(s)" if found else "every text has a current translation")
        return 1 if found else 0
    missing = build(args.names, run=not args.no_execute)
    for m in missing:
        print(f"kept the English (no current translation): {m}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
