"""The static site (``python -m crmkit.site``) and the slides of a chapter."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest

from crmkit import site

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    return site.build_site(out, progress=lambda *_: None)


def test_every_chapter_has_a_page_without_error_output(built):
    chapters = sorted((ROOT / "notebooks").glob("[0-9][0-9]*_*.ipynb"))
    assert len(chapters) >= 6
    index = (built / "index.html").read_text(encoding="utf-8")
    for nb in chapters:
        page = built / f"{nb.stem}.html"
        assert page.is_file(), nb.name
        text = page.read_text(encoding="utf-8")
        assert "Traceback (most recent call last)" not in text and 'class="jp-OutputArea-output" data-mime-type="application/vnd.jupyter.stderr"' not in text
        assert '<span class="ansi-red-fg">' not in text  # how nbconvert colours a traceback
        assert f"href='{nb.stem}.html'" in index
        assert site.errors_in(nbformat.read(str(nb), as_version=4)) == []
    assert "glossary.html" in index


def test_widgets_become_a_note_and_no_widget_script_is_loaded(built):
    text = (built / "08_switching_costs.html").read_text(encoding="utf-8")
    assert "Interactive widget" in text
    assert "widget-view+json" not in text and "@jupyter-widgets/html-manager" not in text
    assert site.external_urls(text) == [] and "require.min.js" not in text


def test_chapter_page_keeps_outputs(built):
    text = (built / "00_taxi_driver.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in text  # the charts are embedded, not linked


def test_glossary_page(built):
    text = (built / "glossary.html").read_text(encoding="utf-8")
    assert text.count("<tr>") == 165 + 1
    assert "客户终身价值" in text and "switching cost" in text


def test_errors_are_found():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1/0", outputs=[
        nbformat.v4.new_output("error", ename="ZeroDivisionError", evalue="division by zero", traceback=[])])])
    assert site.errors_in(nb) == ["cell 0: ZeroDivisionError: division by zero"]


def test_slides_of_a_chapter(tmp_path):
    nb = sorted((ROOT / "notebooks").glob("[0-9][0-9]*_*.ipynb"))[-1]
    target = site.build_slides(nb, tmp_path)
    text = target.read_text(encoding="utf-8")
    assert target.name == f"{nb.stem}.slides.html"
    assert text.count("<section") >= 3 and "reveal" in text.lower()


def test_slides_follow_tags(tmp_path):
    cells = [nbformat.v4.new_markdown_cell("# Title", metadata={"tags": ["slide"]}),
             nbformat.v4.new_markdown_cell("not on a slide: SECRET-PARAGRAPH"),
             nbformat.v4.new_markdown_cell("## Second", metadata={"tags": ["slide"]}),
             nbformat.v4.new_markdown_cell("a point", metadata={"tags": ["fragment"]})]
    path = tmp_path / "99_demo.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=cells), str(path))
    text = site.build_slides(path, tmp_path, reveal_prefix="reveal.js").read_text(encoding="utf-8")
    assert "SECRET-PARAGRAPH" not in text
    assert "Second" in text and 'class="fragment"' in text
    assert "reveal.js/dist/reveal.css" in text and "unpkg.com/reveal" not in text


# --- offline: no remote load anywhere in what `make site` and `make slides` write -----------------
# A load is what a browser fetches without being asked: a src/href of any tag but a link (<a>, <area>),
# a CSS url() or @import, a script's import()/importScripts() or a src/href it sets. A link a reader
# may follow, a licence URL in a comment or an XML namespace is not a load.
REMOTE = r"(?:https?:)?//[^\s\"'`)<>]+"
LOAD_ATTRS = {"src", "href", "srcset", "poster", "data", "xlink:href", "background", "action", "formaction"}
CSS_LOADS = re.compile(r"""url\(\s*["']?(%s)|@import\s+(?:url\(\s*)?["']?(%s)""" % (REMOTE, REMOTE), re.I)
JS_LOADS = re.compile(r"""(?:\bimport\s*\(|\bimportScripts\s*\(|\bfrom|\b(?:src|href)\s*[=:]|url\()\s*["'`]?(%s)"""
                      % REMOTE, re.I)


def _css_loads(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return [a or b for a, b in CSS_LOADS.findall(text)]


def _js_loads(text):
    found = []
    for m in JS_LOADS.finditer(text):
        before = text[max(0, m.start() - 40):m.start()]
        # an href of a link the script builds (MathJax's "About" dialog: ["a", {href: ...}]) is not a load
        if m.group(0).lower().startswith("href") and re.search(r"""(["']a["']\s*,\s*\{|<a\s[^<>]*)$""", before):
            continue
        found.append(m.group(1))
    return found


class _Scan(HTMLParser):
    """Remote loads and local references (relative addresses) of one HTML file."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.remote, self.local, self._inside = [], [], None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if not value:
                continue
            if name == "style":
                self.remote += _css_loads(value)
            if name not in LOAD_ATTRS or tag in ("a", "area"):
                continue
            for url in ([u.strip().split(" ")[0] for u in value.split(",")] if name == "srcset" else [value.strip()]):
                if re.match(REMOTE, url, re.I):
                    self.remote.append(f"<{tag} {name}={url}>")
                elif url and not re.match(r"^(data:|blob:|#|javascript:|mailto:)", url, re.I):
                    self.local.append(url)
        self._inside = tag if tag in ("script", "style") else None

    def handle_endtag(self, tag):
        self._inside = None

    def handle_data(self, data):
        if self._inside == "style":
            self.remote += _css_loads(data)
        elif self._inside == "script":
            self.remote += _js_loads(data)


def scan(folder: Path):
    """(files scanned by suffix, remote loads as 'file: url', local references that do not exist)."""
    counts, remote, missing = {}, [], []
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".html", ".js", ".css") or not path.is_file():
            continue
        counts[path.suffix] = counts.get(path.suffix, 0) + 1
        text = path.read_text(encoding="utf-8", errors="replace")
        rel = path.relative_to(folder)
        if path.suffix == ".html":
            p = _Scan()
            p.feed(text)
            remote += [f"{rel}: {u}" for u in p.remote]
            for url in p.local:
                target = (path.parent / unquote(urlsplit(url).path)).resolve()
                if not target.exists():
                    missing.append(f"{rel}: {url}")
        else:
            remote += [f"{rel}: {u}" for u in (_css_loads(text) if path.suffix == ".css" else _js_loads(text))]
    return counts, remote, missing


def test_the_scanner_finds_remote_loads_and_leaves_links_alone(tmp_path):
    (tmp_path / "a.html").write_text(
        "<html><head><script src='https://cdn.example/x.js'></script>"
        "<link rel='stylesheet' href='//cdn.example/y.css'><style>/* https://in.a/comment */"
        "@font-face{src:url(https://fonts.example/f.woff)}</style>"
        "<script>import('https://cdn.example/m.mjs'); e = ['a', {href: 'https://link.example/about'}];"
        "s.src = 'https://cdn.example/late.js'</script></head><body>"
        "<p>see <a href='https://example.org/doc'>the docs</a> at https://example.org</p>"
        "<svg xmlns='http://www.w3.org/2000/svg'><image href='http://img.example/i.png'/></svg>"
        "<img src='here.png'><img src='data:image/png;base64,AAAA'></body></html>", encoding="utf-8")
    (tmp_path / "b.css").write_text("@import 'https://fonts.example/css';", encoding="utf-8")
    counts, remote, missing = scan(tmp_path)
    assert counts == {".html": 1, ".css": 1}
    assert sorted(u.split(": ", 1)[1] for u in remote) == sorted([
        "<script src=https://cdn.example/x.js>", "<link href=//cdn.example/y.css>", "https://fonts.example/f.woff",
        "https://cdn.example/m.mjs", "https://cdn.example/late.js", "<image href=http://img.example/i.png>",
        "https://fonts.example/css"])
    assert missing == ["a.html: here.png"]


@pytest.fixture(scope="module")
def built_slides(built):
    nb = next(p for p in site.chapter_notebooks(ROOT) if site._has_math(nbformat.read(str(p), as_version=4)))
    return site.build_slides(nb, built / "slides"), site.build_slides(ROOT / "notebooks" / "08_switching_costs.ipynb",
                                                                      built / "slides")


def test_site_and_slides_load_nothing_from_the_network(built, built_slides):
    counts, remote, missing = scan(built)
    assert remote == []
    assert missing == []  # every script, style and font a page names is in the folder (relative address)
    assert counts[".html"] >= 17 + 2 and counts[".js"] >= 10 and counts[".css"] >= 2  # MathJax, reveal.js
    for deck in built_slides:
        text = deck.read_text(encoding="utf-8")
        assert "_static/reveal.js/dist/reveal.js" in text and "require(" not in text


def test_mathjax_is_copied_and_loaded_only_where_there_is_math(built):
    with_math = [p for p in site.chapter_notebooks(ROOT) if site._has_math(nbformat.read(str(p), as_version=4))]
    assert with_math, "no chapter has a formula any more: the offline MathJax is not exercised"
    assert (built / "_static" / "mathjax" / "MathJax.js").is_file()
    for nb in site.chapter_notebooks(ROOT):
        text = (built / f"{nb.stem}.html").read_text(encoding="utf-8")
        assert ("_static/mathjax/MathJax.js?config=" in text) == (nb in with_math), nb.name


def test_math_is_found_in_markdown_and_outputs():
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    assert not site._has_math(nbformat.v4.new_notebook(cells=[md("no formula here"), code("1 + 1")]))
    assert site._has_math(nbformat.v4.new_notebook(cells=[md("a rate $r$")]))
    assert site._has_math(nbformat.v4.new_notebook(cells=[md(r"\\begin{align} x \\end{align}")]))
    out = nbformat.v4.new_output("display_data", data={"text/latex": "x^2", "text/plain": "x**2"})
    assert site._has_math(nbformat.v4.new_notebook(cells=[code("x", outputs=[out])]))


def test_a_missing_asset_package_is_named(monkeypatch):
    monkeypatch.setattr(site, "MATHJAX", ("crmkit_no_such_package", "static", "jupyter-server-mathjax", "MathJax"))
    with pytest.raises(RuntimeError, match="MathJax .* package jupyter-server-mathjax, which is not installed"):
        site._copy_mathjax(Path("unused"))


def test_automatic_slides_start_at_every_heading_even_inside_a_cell(tmp_path):
    text = ("# Title\nintro ALPHA\n\n## Second BETA\ntext\n\n```python\n# a comment, not a heading\n```\n"
            "### Third GAMMA\nend")
    path = tmp_path / "98_auto.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text),
                                                   nbformat.v4.new_code_cell("1 + 1")]), str(path))
    html = site.build_slides(path, tmp_path, reveal_prefix="reveal.js").read_text(encoding="utf-8")
    sections = re.findall(r"<section>(.*?)</section>", re.sub(r"<section>\s*<section>", "<section>", html), re.S)
    owner = {w: [i for i, s in enumerate(sections) if w in s] for w in ("ALPHA", "BETA", "a comment", "GAMMA")}
    assert all(len(v) == 1 for v in owner.values()), owner
    assert owner["ALPHA"][0] < owner["BETA"][0] < owner["GAMMA"][0]
    assert owner["a comment"] == owner["BETA"]  # a # line inside a code block does not start a slide
    assert "overflow-y: auto" in html  # and a tall slide scrolls


@pytest.mark.parametrize("out", [".", "notebooks", "solutions/x", "..", ""])
def test_site_refuses_an_output_in_the_course_folders(out, capsys):
    from crmkit import site

    before = sorted(p.name for p in (site.ROOT / "notebooks").iterdir())
    assert site.main(["--out", str(site.ROOT / out) if out else ""]) == 2
    assert "crmkit.site:" in capsys.readouterr().err
    assert sorted(p.name for p in (site.ROOT / "notebooks").iterdir()) == before
