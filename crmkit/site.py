"""The course as a static web site, and a chapter as slides (课程网站与幻灯片).

    python -m crmkit.site                      build/site/: chapters, index (chapter map), glossary
    python -m crmkit.site --slides notebooks/08_switching_costs.ipynb   build/site/slides/08_....slides.html
    python -m crmkit.site --execute            re-run every chapter before converting it

**Tool: nbconvert**, not Jupyter Book / MyST. nbconvert already comes with JupyterLab (no new
dependency, nothing more for Binder to install), converts the committed, executed notebooks in
seconds, and does slides (reveal.js) too; the course needs only an index page (the chapter map)
and a glossary page, which this module writes. Jupyter Book would add a Sphinx tool chain and a
second configuration of the table of contents for little gain at this size.

Offline: the pages are self-contained (images embedded) except two things nbconvert's templates
load from public CDNs when the browser has network: MathJax (only used by pages with LaTeX) and,
for the slides, reveal.js 4 (``https://unpkg.com/reveal.js@4.0.2``) and require.js. Without
network a chapter page still reads fully (formulas show as their TeX source); slides need reveal.js:
give a local copy with ``--reveal-prefix DIR`` (e.g. the ``reveal.js`` npm package's folder, copied
next to the slides) or the environment variable ``CRMKIT_REVEAL_JS``. Widgets cannot run in a static
page: each widget output is replaced by a note saying where to use it (JupyterLab or Binder), so no
widget JavaScript is loaded from a CDN.

Slides come from cells tagged in the notebook (cell tags ``slide``, ``subslide``, ``fragment``,
``notes``; untagged cells are left out). A chapter without any such tag gets automatic slides: a
new slide at each markdown heading, and code cells shown with their outputs.
"""

from __future__ import annotations

import argparse
import copy
import html
import os
import re
import sys
from pathlib import Path

__all__ = ["build_site", "build_slides", "chapter_notebooks", "main", "SLIDE_TAGS"]

ROOT = Path(__file__).resolve().parents[1]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
SLIDE_TAGS = ("slide", "subslide", "fragment", "notes")
_NOTE = ("<div style='border:1px dashed #888;padding:8px 12px;color:#444;background:#f7f7f7'>"
         "<b>Interactive widget</b> (交互组件): it runs in a live Jupyter kernel. Open this chapter in "
         "JupyterLab (<code>make lab</code>) or on Binder to use it.</div>")


def chapter_notebooks(root=None) -> list[Path]:
    """The chapter notebooks, ``notebooks/NN_*.ipynb``, in order."""
    root = Path(root) if root is not None else ROOT
    return sorted((root / "notebooks").glob("[0-9][0-9]*_*.ipynb"))


def _title(nb) -> str:
    for c in nb.cells:
        if c.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", c.source, re.M)
            if m:
                return m.group(1).strip()
    return ""


def _static(nb):
    """A copy without widget views and state: a note in place of each widget."""
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    for c in nb.cells:
        if c.cell_type != "code":
            continue
        for o in c.get("outputs", []):
            data = o.get("data")
            if data and WIDGET_VIEW in data:
                o["data"] = {"text/html": _NOTE, "text/plain": "[interactive widget: open in JupyterLab]"}
    return nb


def errors_in(nb) -> list[str]:
    """Error outputs and tracebacks on stderr in an (executed) notebook."""
    found = []
    for i, c in enumerate(nb.cells):
        for o in c.get("outputs", []) if c.cell_type == "code" else []:
            if o.get("output_type") == "error":
                found.append(f"cell {i}: {o.get('ename')}: {o.get('evalue')}")
            elif o.get("output_type") == "stream" and o.get("name") == "stderr" and "Traceback" in o.get("text", ""):
                found.append(f"cell {i}: a traceback on stderr")
    return found


def _execute(nb, path: Path):
    from nbclient import NotebookClient

    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def _exporter(kind="html", reveal_prefix=None):
    from nbconvert import HTMLExporter, SlidesExporter

    if kind == "slides":
        ex = SlidesExporter()
        if reveal_prefix:
            ex.reveal_url_prefix = reveal_prefix
    else:
        ex = HTMLExporter(template_name="lab")
    ex.embed_images = True
    return ex


def _page(title: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            f"<title>{html.escape(title)}</title><style>body{{font-family:system-ui,sans-serif;margin:2em auto;"
            "max-width:60em;padding:0 1em}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
            "padding:4px 8px;text-align:left}</style></head><body>\n" + body + "\n</body></html>\n")


def glossary_page() -> str:
    from .synth.glossary import TERMS

    rows = "\n".join(f"<tr><td>{html.escape(e)}</td><td lang='zh'>{html.escape(z)}</td><td>{ch}</td></tr>"
                     for e, z, ch in sorted(TERMS, key=lambda t: t[0].lower()))
    return _page("Glossary (术语表)", "<p><a href='index.html'>Course home</a></p><h1>Glossary (术语表)</h1>"
                 f"<p>{len(TERMS)} terms, English and Chinese, with the chapter that first teaches each.</p>"
                 f"<table><tr><th>English</th><th>中文</th><th>chapter</th></tr>\n{rows}\n</table>")


def build_site(out=None, *, root=None, execute: bool = False, progress=print) -> Path:
    """Convert every chapter notebook to HTML, write the index and the glossary; return ``out``."""
    import nbformat

    root = Path(root) if root is not None else ROOT
    out = Path(out) if out is not None else root / "build" / "site"
    out.mkdir(parents=True, exist_ok=True)
    exporter = _exporter()
    entries, problems = [], []
    for path in chapter_notebooks(root):
        nb = nbformat.read(str(path), as_version=4)
        if execute:
            nb = _execute(nb, path)
        problems += [f"{path.name}: {p}" for p in errors_in(nb)]
        body, _ = exporter.from_notebook_node(_static(nb), resources={"metadata": {"name": path.stem}})
        (out / f"{path.stem}.html").write_text(body, encoding="utf-8")
        entries.append((path.stem, _title(nb)))
        progress(f"  {path.stem}.html")
    (out / "glossary.html").write_text(glossary_page(), encoding="utf-8")
    items = "\n".join(f"<tr><td>{html.escape(s[:2])}</td><td><a href='{html.escape(s)}.html'>"
                      f"{html.escape(t or s)}</a></td></tr>" for s, t in entries)
    (out / "index.html").write_text(_page(
        "CRM course (客户关系管理)",
        "<h1>Customer relationship management (客户关系管理): the course</h1>"
        "<p>The chapters with their outputs. To run them and use the widgets, open the course in JupyterLab "
        "or on Binder. Exercises are in <code>exercises/</code>.</p>"
        f"<h2>Chapter map (章节)</h2><table><tr><th>#</th><th>chapter</th></tr>\n{items}\n</table>"
        "<p><a href='glossary.html'>Glossary, English / Chinese (术语表)</a></p>"), encoding="utf-8")
    if problems:
        raise RuntimeError("error output in the chapters:\n" + "\n".join(problems))
    progress(f"site: {out} ({len(entries)} chapters, index.html, glossary.html)")
    return out


def _slide_cells(nb):
    """Set each cell's ``slideshow.slide_type`` from its tags (or automatically, when none)."""
    nb = _static(nb)
    tagged = any(set(c.metadata.get("tags", [])) & set(SLIDE_TAGS) for c in nb.cells)
    for c in nb.cells:
        tags = set(c.metadata.get("tags", []))
        if tagged:
            kind = next((t for t in SLIDE_TAGS if t in tags), "skip")
        elif c.cell_type == "markdown" and re.match(r"\s*#{1,3}\s", c.source):
            kind = "slide"
        else:
            kind = "-"
        c.metadata["slideshow"] = {"slide_type": kind}
    return nb


def build_slides(notebook, out=None, *, reveal_prefix=None) -> Path:
    """reveal.js slides of one chapter; returns the HTML file's path."""
    import nbformat

    notebook = Path(notebook)
    out = Path(out) if out is not None else ROOT / "build" / "site" / "slides"
    out.mkdir(parents=True, exist_ok=True)
    reveal_prefix = reveal_prefix or os.environ.get("CRMKIT_REVEAL_JS") or None
    nb = _slide_cells(nbformat.read(str(notebook), as_version=4))
    body, _ = _exporter("slides", reveal_prefix).from_notebook_node(nb, resources={"metadata": {"name": notebook.stem}})
    target = out / f"{notebook.stem}.slides.html"
    target.write_text(body, encoding="utf-8")
    return target


def external_urls(html_text: str) -> list[str]:
    """The http(s) addresses a page loads (scripts, styles), to say what it needs from the network."""
    return sorted(set(re.findall(r"""(?:src|href)=["'](https?://[^"']+)["']""", html_text)))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m crmkit.site", description="Build the course site or slides.")
    ap.add_argument("--out", help="output folder (default: build/site)")
    ap.add_argument("--slides", metavar="NOTEBOOK", help="build reveal.js slides of this chapter notebook only")
    ap.add_argument("--reveal-prefix", help="where reveal.js is (a URL or a relative folder); default: a CDN")
    ap.add_argument("--execute", action="store_true", help="re-run the chapters before converting them")
    args = ap.parse_args(argv)
    try:
        if args.slides:
            out = Path(args.out) / "slides" if args.out else None
            target = build_slides(args.slides, out, reveal_prefix=args.reveal_prefix)
            print(f"slides: {target}")
            urls = external_urls(target.read_text(encoding="utf-8"))
            if urls:
                print("it loads from the network: " + ", ".join(urls))
        else:
            build_site(args.out, execute=args.execute)
    except (RuntimeError, FileNotFoundError) as exc:
        print(f"crmkit.site: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
