"""The course as a static web site, and a chapter as slides (课程网站与幻灯片).

    python -m crmkit.site                      build/site/: chapters, index (chapter map), glossary
    python -m crmkit.site --slides notebooks/08_switching_costs.ipynb   build/site/slides/08_....slides.html
    python -m crmkit.site --execute            re-run every chapter before converting it

**Tool: nbconvert**, not Jupyter Book / MyST. nbconvert already comes with JupyterLab (no new
dependency, nothing more for Binder to install), converts the committed, executed notebooks in
seconds, and does slides (reveal.js) too; the course needs only an index page (the chapter map)
and a glossary page, which this module writes. Jupyter Book would add a Sphinx tool chain and a
second configuration of the table of contents for little gain at this size.

Offline: nothing is loaded from the network. The pages are self-contained (images embedded) but
for two libraries, copied next to them from Python packages the course installs (no download at
build time, relative addresses, so the folder works from ``file://`` and from any static server):
MathJax 2.7 for the formulas, from **jupyter-server-mathjax** (the Jupyter project's packaging of
MathJax, ``_static/mathjax/``), and reveal.js for the slides, from **pyreveal** (which bundles the
reveal.js distribution, ``slides/_static/reveal.js/``). nbconvert's templates would load both, and
require.js, jQuery and mermaid, from public CDNs; the templates below leave those out (widgets are
replaced by a note and the course has no mermaid diagram, so nothing needs require.js or mermaid).
``--reveal-prefix DIR`` points the slides at another copy of reveal.js (4 or newer). Widgets
cannot run in a static page: each widget output is replaced by a note saying where to use it
(JupyterLab or Binder), so no widget JavaScript is loaded either.

Slides come from cells tagged in the notebook (cell tags ``slide``, ``subslide``, ``fragment``,
``notes``; untagged cells are left out). A chapter without any such tag gets automatic slides: a
new slide at each markdown heading (a text cell with several headings is cut at each), and code
cells shown with their outputs. A slide taller than the screen scrolls rather than being cut off.
"""

from __future__ import annotations

import argparse
import copy
import html
import os
import re
import shutil
import sys
from importlib import resources
from pathlib import Path

__all__ = ["build_site", "build_slides", "chapter_notebooks", "main", "SLIDE_TAGS"]

ROOT = Path(__file__).resolve().parents[1]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
SLIDE_TAGS = ("slide", "subslide", "fragment", "notes")
_NOTE_EN = ("<b>Interactive widget</b> (交互组件): it runs in a live Jupyter kernel. Open this chapter in "
            "JupyterLab (<code>make lab</code>) or on Binder to use it.")
_NOTE = f"<div style='border:1px dashed #888;padding:8px 12px;color:#444;background:#f7f7f7'>{_NOTE_EN}</div>"
#: The editions: English from ``notebooks/``, Chinese from ``zh/notebooks/`` (built into ``zh/`` beside it).
EDITION_ZH = "zh"
#: Where the pages find their scripts, relative to the page: ``<out>/_static/``.
STATIC = "_static"
#: MathJax 2.7 as jupyter-server-mathjax ships it (its own configuration file: TeX input, HTML-CSS
#: output with the STIX web fonts, which is the only font set the package carries).
MATHJAX = ("jupyter_server_mathjax", "static", "jupyter-server-mathjax", "MathJax")
MATHJAX_CONFIG = "TeX-AMS-MML_HTMLorMML-full,Safe"
#: reveal.js as pyreveal ships it: only the built files the slides load (and the licence).
REVEAL = ("pyreveal", "revealjs", "pyreveal", "reveal.js")
REVEAL_FILES = ("LICENSE", "dist/reveal.css", "dist/reveal.js", "dist/theme/white.css", "dist/plugin/notes.js")

# MathJax set up as nbconvert's own template does (the same delimiters and options), with the fonts
# the packaged copy has; MathJax is loaded only by a page that has something for it to typeset.
_MATHJAX_BLOCK = """{%- block html_head_js_mathjax -%}
{%- if resources.crmkit_mathjax_url -%}
<script type="text/x-mathjax-config">
MathJax.Hub.Config({
  TeX: {equationNumbers: {autoNumber: "AMS", useLabelIds: true}},
  tex2jax: {inlineMath: [['$', '$'], ['\\\\(', '\\\\)']], displayMath: [['$$', '$$'], ['\\\\[', '\\\\]']],
            processEscapes: true, processEnvironments: true},
  "HTML-CSS": {availableFonts: [], preferredFont: null, webFont: "STIX-Web", imageFont: null},
  displayAlign: "center", messageStyle: "none", menuSettings: {zoom: "None"}
});
</script>
<script src="{{ resources.crmkit_mathjax_url }}"></script>
{%- endif -%}
{%- endblock html_head_js_mathjax -%}
"""
# The kit's Chinese font (crmkit.lab): its style sheet, copied beside the font under _static/crmkit/.
_FONT_LINK = """{%- if resources.crmkit_font_css -%}
<link rel="stylesheet" href="{{ resources.crmkit_font_css }}">
{%- endif -%}
"""
# Chapter pages: nbconvert's "lab" template without its CDN scripts (require.js, widgets, mermaid).
_PAGE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}
""" + _FONT_LINK + """
{%- endblock html_head_css -%}
""" + _MATHJAX_BLOCK
# Slides: nbconvert's "reveal" template with reveal.js loaded by plain script tags (no require.js,
# no jQuery) from the local copy.
_SLIDES_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
""" + _MATHJAX_BLOCK + """
{%- block html_head_css -%}
""" + _FONT_LINK + """
<style type="text/css">
/* a slide taller than the deck scrolls (wheel, touch, scroll bar) instead of being cut off */
.reveal .slides section:not(.stack) {
  max-height: {{ resources.reveal.height | default('700', true) }}px;
  overflow-y: auto;
}
</style>
{%- endblock html_head_css -%}
{%- block footer_js -%}
{%- set prefix = resources.reveal.url_prefix -%}
<script src="{{ prefix }}/dist/reveal.js"></script>
<script src="{{ prefix }}/dist/plugin/notes.js"></script>
<script>
Reveal.initialize({
  controls: true, progress: true, history: true,
  transition: "{{ resources.reveal.transition | default('slide', true) }}",
  slideNumber: "{{ resources.reveal.number }}",
  width: {{ resources.reveal.width | default('960', true) }},
  height: {{ resources.reveal.height | default('700', true) }},
  plugins: window.RevealNotes ? [RevealNotes] : []  // speaker notes ("s"); absent in another copy's layout
});
// MathJax measures formulas on a hidden slide as zero: lay them out again once the slide shows,
// in MathJax's queue (after its first typesetting, one slide at a time, however fast the clicks).
Reveal.on("slidechanged", function (event) {
  if (window.MathJax && MathJax.Hub) {
    MathJax.Hub.Queue(function () {
      if (MathJax.Hub.getAllJax(event.currentSlide).length) { return MathJax.Hub.Rerender(event.currentSlide); }
    });
  }
});
</script>
{%- endblock footer_js -%}
"""


def chapter_notebooks(root=None) -> list[Path]:
    """The chapter notebooks, ``notebooks/NN_*.ipynb``, in order."""
    root = Path(root) if root is not None else ROOT
    return sorted([*(root / "notebooks").glob("[0-9][0-9]*_*.ipynb"), *(root / "notebooks").glob("A[0-9]*_*.ipynb")])


def _title(nb) -> str:
    for c in nb.cells:
        if c.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", c.source, re.M)
            if m:
                return m.group(1).strip()
    return ""


def _static(nb, lang: str = "en"):
    """A copy without widget views and state: a note in place of each widget."""
    note = _NOTE if lang == "en" else _NOTE.replace(_NOTE_EN, _t("pages.widget_note", lang))
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    for c in nb.cells:
        if c.cell_type != "code":
            continue
        for o in c.get("outputs", []):
            data = o.get("data")
            if data and WIDGET_VIEW in data:
                o["data"] = {"text/html": note, "text/plain": "[interactive widget: open in JupyterLab]"}
    return nb


_CHAPTER_LINK = re.compile(r"\]\((\.\./\.\./notebooks/)?((?:[0-9][0-9]|A[0-9])[\w-]*)\.ipynb(#[^)\s]*)?\)")


def _page_links(nb, chapters: set, english: set):
    """Links to chapter notebooks, in markdown cells, made links to their pages: ``NN_x.ipynb`` (this
    edition) to ``NN_x.html``, and from the Chinese edition ``../../notebooks/NN_x.ipynb`` (the English
    chapter) to ``../NN_x.html``. A chapter the site does not build keeps its link."""
    def swap(m):
        up, stem, anchor = m.group(1), m.group(2), m.group(3) or ""
        if up and stem in english:
            return f"](../{stem}.html{anchor})"
        if not up and stem in chapters:
            return f"]({stem}.html{anchor})"
        return m.group(0)

    for c in nb.cells:
        if c.cell_type == "markdown":
            c.source = _CHAPTER_LINK.sub(swap, c.source)
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


def _t(key: str, lang: str) -> str:
    from .i18n import t

    return t(key, lang=lang)


def _copy_font(out) -> str:
    """Copy the kit's Chinese font, its licence and its style sheet into ``out/_static/crmkit``;
    return the style sheet's address relative to ``out``."""
    from .lab import copy_font

    copy_font(Path(out) / STATIC / "crmkit")
    return f"{STATIC}/crmkit/crmkit-font.css"


def _exporter(kind="html", reveal_prefix=None, lang="en"):
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter, SlidesExporter

    loader = DictLoader({"crmkit_page.html.j2": _PAGE_TEMPLATE, "crmkit_slides.html.j2": _SLIDES_TEMPLATE})
    if kind == "slides":
        ex = SlidesExporter(extra_loaders=[loader], template_file="crmkit_slides.html.j2")
        ex.reveal_url_prefix = (reveal_prefix or f"{STATIC}/reveal.js").rstrip("/")
        ex.reveal_theme = "white"  # its font is inside the CSS; nbconvert's default ("simple") imports web fonts
    else:
        ex = HTMLExporter(template_name="lab", extra_loaders=[loader], template_file="crmkit_page.html.j2")
    ex.embed_images = True
    ex.language_code = "zh-CN" if lang == "zh" else "en"
    return ex


_MATH = re.compile(r"\$|\\\(|\\\[|\\begin\{")


def _has_math(nb) -> bool:
    """Whether MathJax would find something to typeset: TeX delimiters in a markdown cell or in an
    HTML, markdown or LaTeX output (the kinds of text MathJax reads on the page)."""
    for c in nb.cells:
        if c.cell_type == "markdown" and _MATH.search(c.source):
            return True
        for o in c.get("outputs", []) if c.cell_type == "code" else []:
            data = o.get("data") or {}
            if "text/latex" in data or any(_MATH.search(_text(data.get(m, ""))) for m in ("text/html", "text/markdown")):
                return True
    return False


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _package_dir(spec) -> Path:
    """The folder of static files a Python package ships (MathJax, reveal.js), or a clear error."""
    module, sub, dist, what = spec
    try:
        folder = Path(str(resources.files(module) / sub))
    except ModuleNotFoundError:
        folder = None
    if folder is None or not folder.is_dir():
        raise RuntimeError(f"{what} for the offline site comes from the Python package {dist}, which is not "
                           "installed: run `make install` (or pip install the course's pyproject.toml)")
    return folder


def _sync(src: Path, dest: Path, files=None) -> None:
    """Copy ``files`` (default: all) from ``src`` to ``dest``, skipping those already there unchanged."""
    names = files if files is not None else [p.relative_to(src).as_posix() for p in src.rglob("*")
                                             if p.is_file() and "__pycache__" not in p.parts]
    for name in names:
        s, d = src / name, dest / name
        if not s.is_file():
            raise RuntimeError(f"{s.name} is missing from the packaged copy in {src}: reinstall the package")
        st = s.stat()
        if d.is_file() and d.stat().st_size == st.st_size and int(d.stat().st_mtime) == int(st.st_mtime):
            continue
        d.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(s, d)


def _copy_mathjax(out) -> str:
    """Copy MathJax into ``out/_static/mathjax``; return its address relative to ``out``."""
    _sync(_package_dir(MATHJAX), Path(out) / STATIC / "mathjax")
    return f"{STATIC}/mathjax/MathJax.js?config={MATHJAX_CONFIG}"


def _copy_reveal(out) -> str:
    """Copy the reveal.js files the slides load into ``out/_static/reveal.js``; return that address."""
    _sync(_package_dir(REVEAL), Path(out) / STATIC / "reveal.js", REVEAL_FILES)
    return f"{STATIC}/reveal.js"


def _page(title: str, body: str, *, lang: str = "en", up: str = "") -> str:
    """A simple page of the site (index, glossary): the kit's font from ``{up}_static/crmkit/``."""
    code = "zh-CN" if lang == "zh" else "en"
    return (f"<!DOCTYPE html>\n<html lang='{code}'><head><meta charset='utf-8'>"
            f"<title>{html.escape(title)}</title><link rel='stylesheet' href='{up}{STATIC}/crmkit/crmkit-font.css'>"
            "<style>body{font-family:var(--crmkit-font-family,system-ui,sans-serif);margin:2em auto;"
            "max-width:60em;padding:0 1em}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
            "padding:4px 8px;text-align:left}</style></head><body>\n" + body + "\n</body></html>\n")


def glossary_page() -> str:
    from .synth.glossary import TERMS

    rows = "\n".join(f"<tr><td>{html.escape(e)}</td><td lang='zh-CN'>{html.escape(z)}</td><td>{ch}</td></tr>"
                     for e, z, ch in sorted(TERMS, key=lambda t: t[0].lower()))
    return _page("Glossary (术语表)", "<p><a href='index.html'>Course home</a></p><h1>Glossary (术语表)</h1>"
                 f"<p>{len(TERMS)} terms, English and Chinese, with the chapter that first teaches each.</p>"
                 f"<table><tr><th>English</th><th>中文</th><th>chapter</th></tr>\n{rows}\n</table>")


def build_site(out=None, *, root=None, execute: bool = False, progress=print) -> Path:
    """Convert every chapter notebook to HTML, write the index and the glossary; return ``out``.

    When the Chinese edition is there (``zh/notebooks/``), its chapters and index go to ``out/zh/``,
    sharing ``out/_static/``; the two indexes link each other. Every page carries the kit's Chinese
    font (copied to ``_static/crmkit/``), so Chinese is drawn with or without a system CJK font."""
    root = Path(root) if root is not None else ROOT
    out = Path(out) if out is not None else root / "build" / "site"
    out.mkdir(parents=True, exist_ok=True)
    _copy_font(out)
    zh_root = root / EDITION_ZH
    has_zh = bool(chapter_notebooks(zh_root))
    state = {"mathjax": None, "problems": []}
    state["english"] = {p.stem for p in chapter_notebooks(root)}
    entries = _build_edition(root, out, "", execute, state, progress)
    other = f"<p><a href='{EDITION_ZH}/index.html' lang='zh-CN'>{_t('pages.other_edition', 'en')}</a></p>" if has_zh else ""
    (out / "glossary.html").write_text(glossary_page(), encoding="utf-8")
    (out / "index.html").write_text(_index(entries, "en", "", other), encoding="utf-8")
    count = f"{len(entries)} chapters"
    if has_zh:
        zh_out = out / EDITION_ZH
        zh_out.mkdir(exist_ok=True)
        zh_entries = _build_edition(zh_root, out, EDITION_ZH, execute, state, progress)
        (zh_out / "index.html").write_text(_index(zh_entries, "zh", "../", f"<p><a href='../index.html' lang='en'>"
                                                  f"{_t('pages.other_edition', 'zh')}</a></p>"), encoding="utf-8")
        count += f", {len(zh_entries)} in the Chinese edition ({EDITION_ZH}/)"
    if state["problems"]:
        raise RuntimeError("error output in the chapters:\n" + "\n".join(state["problems"]))
    progress(f"site: {out} ({count}, index.html, glossary.html)")
    return out


def _build_edition(root: Path, site: Path, sub: str, execute: bool, state: dict, progress) -> list:
    """Convert one edition's chapters (``root/notebooks``) into ``site/sub``; the pages there reach the
    site's shared ``_static/`` (MathJax, the font) through ``../`` when ``sub`` is a subfolder."""
    import nbformat

    lang = "zh" if sub == EDITION_ZH else "en"
    out, up = (site / sub, "../") if sub else (site, "")
    prefix = f"{sub}/" if sub else ""
    exporter = _exporter(lang=lang)
    entries = []
    chapters = {p.stem for p in chapter_notebooks(root)}
    for path in chapter_notebooks(root):
        nb = nbformat.read(str(path), as_version=4)
        if execute:
            nb = _execute(nb, path)
        state["problems"] += [f"{prefix}{path.name}: {p}" for p in errors_in(nb)]
        math = _has_math(nb)
        if math and state["mathjax"] is None:
            state["mathjax"] = _copy_mathjax(site)
        page = _page_links(_static(nb, lang), chapters, state["english"] if sub else set())
        body, _ = exporter.from_notebook_node(page, resources={
            "metadata": {"name": path.stem}, "crmkit_mathjax_url": up + state["mathjax"] if math else "",
            "crmkit_font_css": f"{up}{STATIC}/crmkit/crmkit-font.css"})
        (out / f"{path.stem}.html").write_text(body, encoding="utf-8")
        entries.append((path.stem, _title(nb)))
        progress(f"  {prefix}{path.stem}.html")
    return entries


def _index(entries, lang: str, up: str, other: str) -> str:
    """The index of one edition: the chapter map, the glossary and the other edition."""
    def t(key):
        return _t(key, lang)

    items = "\n".join(f"<tr><td>{html.escape(s[:2])}</td><td><a href='{html.escape(s)}.html'>"
                      f"{html.escape(ti or s)}</a></td></tr>" for s, ti in entries)
    if lang == "en":  # the English index keeps its Chinese glosses, as before
        title, heading = "CRM course (客户关系管理)", "Customer relationship management (客户关系管理): the course"
        chapters, glossary = "Chapter map (章节)", "Glossary, English / Chinese (术语表)"
    else:
        title, heading, chapters, glossary = (t("pages.site_title"), t("pages.site_heading"), t("pages.chapter_map"),
                                              t("pages.glossary_link"))
    return _page(title, f"<h1>{heading}</h1>{other}<p>{t('pages.site_intro')}</p>"
                 f"<h2>{chapters}</h2><table><tr><th>#</th><th>{t('pages.chapter')}</th></tr>\n{items}\n</table>"
                 f"<p><a href='{up}glossary.html'>{glossary}</a></p>", lang=lang, up=up)


_HEADING = re.compile(r"#{1,3}\s")


def _split_at_headings(cell) -> list:
    """A markdown cell cut before each heading (level 1-3) outside code blocks: one slide each."""
    parts, lines, fence = [], [], False
    for line in cell.source.splitlines(keepends=True):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        if not fence and _HEADING.match(line) and "".join(lines).strip():
            parts.append("".join(lines))
            lines = []
        lines.append(line)
    parts.append("".join(lines))
    if len(parts) == 1:
        return [cell]
    out = []
    for i, text in enumerate(parts):
        piece = copy.deepcopy(cell)
        piece.source = text.rstrip("\n")
        if "id" in piece:
            piece.id = f"{piece.id[:60]}-{i}"
        out.append(piece)
    return out


def _slide_cells(nb, lang: str = "en"):
    """Set each cell's ``slideshow.slide_type`` from its tags (or automatically, when none)."""
    nb = _static(nb, lang)
    tagged = any(set(c.metadata.get("tags", [])) & set(SLIDE_TAGS) for c in nb.cells)
    if not tagged:
        nb.cells = [p for c in nb.cells for p in (_split_at_headings(c) if c.cell_type == "markdown" else [c])]
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
    reveal_prefix = reveal_prefix or os.environ.get("CRMKIT_REVEAL_JS") or _copy_reveal(out)
    lang = "zh" if notebook.resolve().parent.parent.name == EDITION_ZH else "en"  # zh/notebooks/NN_x.ipynb
    nb = _slide_cells(nbformat.read(str(notebook), as_version=4), lang)
    mathjax = _copy_mathjax(out) if _has_math(nb) else ""
    body, _ = _exporter("slides", reveal_prefix, lang).from_notebook_node(nb, resources={
        "metadata": {"name": notebook.stem}, "crmkit_mathjax_url": mathjax, "crmkit_font_css": _copy_font(out)})
    target = out / f"{notebook.stem}.slides.html"
    target.write_text(body, encoding="utf-8")
    return target


def external_urls(html_text: str) -> list[str]:
    """The http(s) addresses a page loads (scripts, styles, images, CSS imports), to say what it
    would need from the network; links a reader may follow (``<a href>``) are not loads."""
    tags = re.findall(r"""<(?!a\b|area\b)[a-zA-Z][^>]*?\s(?:src|href)=["'](https?://[^"']+)["']""", html_text)
    css = re.findall(r"""(?:@import\s*(?:url\()?|url\()\s*["']?(https?://[^"')\s]+)""", html_text)
    return sorted(set(tags + css))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m crmkit.site", description="Build the course site or slides.")
    ap.add_argument("--out", help="output folder (default: build/site)")
    ap.add_argument("--slides", metavar="NOTEBOOK", help="build reveal.js slides of this chapter notebook only")
    ap.add_argument("--reveal-prefix", help="where another reveal.js (4 or newer) is: a URL or a folder relative "
                    "to the slides; default: a copy next to the slides, from the pyreveal package")
    ap.add_argument("--execute", action="store_true", help="re-run the chapters before converting them")
    args = ap.parse_args(argv)
    try:
        if args.out is not None:  # never into the course's own folders (notebooks/, solutions/ ...)
            from ._cli import CommandError, safe_output

            try:
                safe_output(args.out, ROOT)
            except CommandError as exc:
                print(f"crmkit.site: {exc}", file=sys.stderr)
                return 2
        if args.slides:
            out = Path(args.out) / "slides" if args.out else None
            target = build_slides(args.slides, out, reveal_prefix=args.reveal_prefix)
            print(f"slides: {target}")
            urls = external_urls(target.read_text(encoding="utf-8"))
            if urls:
                print("it loads from the network: " + ", ".join(urls))
        else:
            out = build_site(args.out, execute=args.execute)
            pages = [*out.glob("*.html"), *(out / EDITION_ZH).glob("*.html")]
            urls = sorted({u for page in pages for u in external_urls(page.read_text(encoding="utf-8"))})
            if urls:
                print("the pages load from the network: " + ", ".join(urls))
    except (RuntimeError, FileNotFoundError) as exc:
        print(f"crmkit.site: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
