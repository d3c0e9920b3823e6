"""The static site (``python -m crmkit.site``) and the slides of a chapter."""

from __future__ import annotations

import re
from pathlib import Path

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
    # what the page may still load from the network: MathJax and require.js only, nothing else
    for url in site.external_urls(text):
        assert re.search(r"mathjax|require\.js", url), url


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
