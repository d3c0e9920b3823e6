"""The no-code apps for managers (管理者应用): every chapter's widgets as a page without code, in Voilà.

    python -m crmkit.apps build [--root R] [--prune]   write apps/en/ and apps/zh/ from the chapters and the labels
    python -m crmkit.apps check [--root R]             write nothing; exit 1 naming each page that is out of date
    make app            (make app LANG=zh)             Voilà on the gallery, apps/en/index.ipynb (apps/zh/...)

One source for each part of a page:

- **which widgets, built how**: the chapter notebook (``notebooks/NN_x.ipynb``, in the order of
  :data:`crmkit.course.CHAPTERS`). Each of its code cells that calls a widget class of
  :func:`crmkit.widgets.catalogue` is copied into the app as it is, so a chapter's preset (chapter 04
  opens the explorer on RFM) comes along. Such a cell must run alone (an app runs no other cell of
  the chapter): a cell that uses a name it does not define or import is refused, naming the cell.
- **the words**: the ``apps.*`` labels (``crmkit/i18n/labels_apps.py``), in English and Chinese: the
  gallery's texts, and each chapter's title and short explanation; the gallery names each chapter's
  tools by their widgets' own titles. A chapter with a widget and no labels is refused, naming the key.
- **the language**: a Chinese page first runs ``crmkit.set_language("zh")``, the same cell as the Chinese
  edition's (:data:`crmkit.i18n.editions.LANGUAGE_CELL`); its widgets then speak Chinese.

The pages are committed without outputs: Voilà runs a page when it is opened and shows its outputs,
never its code. ``tests/test_apps.py`` fails when the committed pages differ from what ``build`` writes.

``build`` writes only inside ``apps/en/`` and ``apps/zh/``, never through a symbolic link, and replaces
only a page it made (its metadata says so); a page it made whose chapter is gone is named, and
removed only with ``--prune``. Nothing else is ever deleted.
"""

from __future__ import annotations

import ast
import builtins
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from . import course, i18n
from .errors import ParameterError

__all__ = ["ROOT", "FOLDER", "LANGUAGES", "ChapterApp", "Page", "chapter_apps", "pages", "build", "stale", "main"]

#: The course repository (the default ``root``).
ROOT = Path(__file__).resolve().parents[1]
#: The apps' folder in the course; one subfolder per language.
FOLDER = "apps"
LANGUAGES = ("en", "zh")
INDEX = "index.ipynb"
#: What a page the generator made carries in its metadata (``metadata.crmkit.made_by``).
MADE_BY = "python -m crmkit.apps build"
_KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


@dataclass(frozen=True)
class ChapterApp:
    """One chapter's app: the chapter's number and notebook, its widgets' class names, and the code
    cells (copied from the chapter) that build and show them."""

    number: str
    notebook: str
    widgets: tuple[str, ...]
    cells: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"apps.ch{self.number}"


@dataclass(frozen=True)
class Page:
    """A page the generator writes: its path in the course (``apps/en/04_rfm.ipynb``) and the notebook."""

    path: str
    notebook: nbformat.NotebookNode


def _root(root) -> Path:
    if root is None:
        return ROOT
    if isinstance(root, bool) or not isinstance(root, (str, Path)) or not str(root).strip() or "\x00" in str(root):
        raise ParameterError(f"root must be the course folder (a path), not {root!r}")
    path = Path(root).expanduser().resolve()
    if not (path / "notebooks").is_dir():
        raise ParameterError(f"{root} is not the course folder: it has no notebooks/ folder")
    return path


def _free_names(source: str) -> set[str]:
    """The names a cell reads that it neither defines, imports nor gets from Python's builtins."""
    tree = ast.parse(source)
    bound: set[str] = set()
    used: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            bound |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
            if not isinstance(node, ast.ClassDef):
                a = node.args
                bound |= {x.arg for x in (*a.posonlyargs, *a.args, *a.kwonlyargs, a.vararg, a.kwarg) if x}
        elif isinstance(node, ast.Name):
            (bound if isinstance(node.ctx, (ast.Store, ast.Del)) else used).add(node.id)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
    return used - bound - set(dir(builtins))


def chapter_apps(root=None) -> list[ChapterApp]:
    """Every chapter whose notebook shows a widget of the catalogue, in the course's order."""
    from .widgets import catalogue

    root = _root(root)
    names = sorted(c.__name__ for c in catalogue())
    calls = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\s*\(") if names else None
    found = []
    for chapter in course.CHAPTERS:
        path = root / "notebooks" / chapter.notebook
        if calls is None or not path.is_file():
            continue
        try:  # plain JSON: only the code cells' sources are needed (nbformat's validation would triple the time)
            nb = json.loads(path.read_text(encoding="utf-8"))
            sources = [(c.get("cell_type"), c.get("source", "")) for c in nb["cells"]]
            sources = [(kind, "".join(src) if isinstance(src, list) else src) for kind, src in sources]
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ParameterError(f"cannot read notebooks/{chapter.notebook} as a notebook: {exc}") from None
        widgets, cells = [], []
        for i, (kind, source) in enumerate(sources):
            if kind != "code" or not isinstance(source, str):
                continue
            used = calls.findall(source)
            if not used:
                continue
            try:
                free = _free_names(source)
            except SyntaxError:
                raise ParameterError(f"notebooks/{chapter.notebook}, cell {i}: the widget's cell is not plain Python "
                                     "(an app copies it as it is)") from None
            if free:
                raise ParameterError(f"notebooks/{chapter.notebook}, cell {i}: the widget's cell uses "
                                     f"{', '.join(sorted(free))}, defined in another cell; an app runs this cell "
                                     "alone, so it must import or make everything it uses")
            widgets += [n for n in dict.fromkeys(used) if n not in widgets]
            cells.append(source)
        if cells:
            found.append(ChapterApp(chapter.number, chapter.notebook, tuple(widgets), tuple(cells)))
    return found


def _t(key: str, lang: str, **fmt) -> str:
    try:
        return i18n.t(key, lang, **fmt)
    except KeyError:
        raise ParameterError(f"the apps need the label {key!r} in English and Chinese (crmkit/i18n/labels_apps.py)") \
            from None


def _notebook(cells, *, source: str, title: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["title"] = title  # the browser tab's title in Voilà (else the file's name)
    nb.metadata["kernelspec"] = dict(_KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["crmkit"] = {"made_by": MADE_BY, "source": source}
    for cell_id, kind, text in cells:
        cell = nbformat.v4.new_markdown_cell(text) if kind == "markdown" else nbformat.v4.new_code_cell(text)
        cell["id"] = cell_id
        nb.cells.append(cell)
    return nb


def _other(lang: str) -> str:
    return "zh" if lang == "en" else "en"


def _app_page(app: ChapterApp, lang: str) -> nbformat.NotebookNode:
    from .i18n.editions import LANGUAGE_CELL

    title = f"{_t('apps.chapter', lang, number=app.number)} · {_t(app.key + '.title', lang)}"
    head = (f"<small>[{_t('apps.back', lang)}]({INDEX}) · "
            f"[{_t('apps.other_language', lang)}](../{_other(lang)}/{app.notebook})</small>\n\n"
            f"# {title}\n\n"
            f"{_t(app.key + '.intro', lang)}\n\n"
            f"*{_t('apps.how_to', lang)}*")
    cells = [("app-title", "markdown", head)]
    if lang == "zh":
        cells.append(("app-language", "code", LANGUAGE_CELL))
    cells += [(f"app-widget-{i}", "code", src) for i, src in enumerate(app.cells, 1)]
    return _notebook(cells, source=f"notebooks/{app.notebook}", title=title)


def _widget_title(name: str, lang: str) -> str:
    from .widgets import catalogue

    cls = next(c for c in catalogue() if c.__name__ == name)
    return i18n.t(cls.title_key, lang) if cls.title_key else name


def _index_page(apps: list[ChapterApp], lang: str) -> nbformat.NotebookNode:
    rows = [f"| {_t('apps.col_chapter', lang)} | {_t('apps.col_app', lang)} | {_t('apps.col_tools', lang)} |",
            "|---|---|---|"]
    for app in apps:
        tools = ("；" if lang == "zh" else "; ").join(_widget_title(w, lang) for w in app.widgets).replace("|", "\\|")
        rows.append(f"| {app.number} | [{_t(app.key + '.title', lang)}]({app.notebook}) | {tools} |")
    text = (f"<small>[{_t('apps.other_language', lang)}](../{_other(lang)}/{INDEX})</small>\n\n"
            f"# {_t('apps.gallery_title', lang)}\n\n{_t('apps.gallery_intro', lang)}\n\n" + "\n".join(rows) +
            f"\n\n{_t('apps.gallery_note', lang)}")
    return _notebook([("app-gallery", "markdown", text)], source="crmkit/course.py",
                     title=_t("apps.gallery_title", lang))


def pages(root=None) -> list[Page]:
    """Every page ``build`` writes: for each language the gallery (``apps/en/index.ipynb``), then the
    chapters' apps in the course's order."""
    apps = chapter_apps(root)
    out = []
    for lang in LANGUAGES:
        out.append(Page(f"{FOLDER}/{lang}/{INDEX}", _index_page(apps, lang)))
        out += [Page(f"{FOLDER}/{lang}/{app.notebook}", _app_page(app, lang)) for app in apps]
    return out


def _text(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"


def _made_here(path: Path) -> bool:
    """Whether ``path`` is a page this generator made (a real file whose metadata says so)."""
    if path.is_symlink() or not path.is_file():
        return False
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("crmkit", {}).get("made_by") \
            == MADE_BY
    except (OSError, ValueError, AttributeError):
        return False


def _folders(root: Path) -> list[Path]:
    """apps/ and its language folders, refused if one is a symbolic link or not a folder."""
    out = []
    for rel in (FOLDER, *(f"{FOLDER}/{lang}" for lang in LANGUAGES)):
        p = root / rel
        if p.is_symlink() or (p.exists() and not p.is_dir()):
            raise ParameterError(f"{rel} is a symbolic link or not a folder: the apps are written only into "
                                 "folders of the course")
        out.append(p)
    return out


def stale(root=None) -> list[str]:
    """What ``build`` would change: each page missing or different (``apps/en/04_rfm.ipynb``), and each page
    the generator made whose chapter is gone (``apps/en/old.ipynb (no chapter)``). Empty when up to date."""
    root = _root(root)
    _folders(root)
    want = {p.path: p.notebook for p in pages(root)}
    out = []
    for rel, nb in want.items():
        path = root / rel
        if path.is_symlink() or not path.is_file() or path.read_text(encoding="utf-8") != _text(nb):
            out.append(rel)
    for lang in LANGUAGES:
        folder = root / FOLDER / lang
        for path in sorted(folder.glob("*.ipynb")) if folder.is_dir() else ():
            rel = f"{FOLDER}/{lang}/{path.name}"
            if rel not in want and _made_here(path):
                out.append(f"{rel} (no chapter)")
    return out


def build(root=None, *, prune: bool = False, say=print) -> list[Path]:
    """Write the pages that are missing or out of date; returns the files written (and removed, with
    ``prune=True``: pages this generator made whose chapter is gone)."""
    if not isinstance(prune, bool):
        raise ParameterError(f"prune must be True or False, not {prune!r}")
    if not callable(say):
        raise ParameterError(f"say must be a function that prints a line, not {say!r}")
    root = _root(root)
    want = {p.path: p.notebook for p in pages(root)}
    folders = _folders(root)
    for rel in want:  # refuse before writing anything
        path = root / rel
        if path.is_symlink() or (path.exists() and not _made_here(path)):
            raise ParameterError(f"{rel} exists and was not made by {MADE_BY}: it is left alone "
                                 "(move it away, then build again)")
    for folder in folders:
        folder.mkdir(exist_ok=True)
    changed = []
    for rel, nb in want.items():
        path = root / rel
        text = _text(nb)
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.write_text(text, encoding="utf-8")
        changed.append(path)
        say(f"wrote {rel}")
    for rel in stale(root):
        if not rel.endswith(" (no chapter)"):
            continue
        rel = rel.removesuffix(" (no chapter)")
        if prune:
            (root / rel).unlink()
            changed.append(root / rel)
            say(f"removed {rel} (its chapter has no widget any more)")
        else:
            say(f"kept {rel}: its chapter has no widget any more (--prune removes it)")
    return changed


def main(argv=None) -> int:
    """``python -m crmkit.apps build|check``."""
    from ._cli import ArgumentParser, CommandError, run

    prog = "python -m crmkit.apps"

    def body() -> int:
        ap = ArgumentParser(prog=prog, description="Write (build) or check (check) the no-code app pages, "
                                                   "apps/en/ and apps/zh/, from the chapters and the labels.")
        ap.add_argument("command", choices=("build", "check"), help="build: write the pages; check: write nothing, "
                                                                    "exit 1 naming each page out of date")
        ap.add_argument("--root", help="the course folder (default: the repository crmkit is installed from)")
        ap.add_argument("--prune", action="store_true",
                        help="with build: remove pages this command made whose chapter has no widget any more")
        args = ap.parse_args(argv)
        if args.command == "check":
            if args.prune:
                raise CommandError("--prune goes with build; check writes nothing")
            out = stale(args.root)
            for rel in out:
                print(f"out of date: {rel}")
            if out:
                print(f"{len(out)} app page(s) out of date: run {MADE_BY}")
                return 1
            print("the app pages are up to date")
            return 0
        written = build(args.root, prune=args.prune)
        print(f"{len(written)} app page(s) written" if written else "the app pages were up to date")
        return 0

    return run(prog, body)


if __name__ == "__main__":
    sys.exit(main())
