"""Every relative link a student or a newcomer can click leads somewhere: the markdown of every
notebook (chapters, exercises, solutions) and the project's READMEs. Generic, so a new chapter is
covered the day it is added. The lab is rooted at the repository (``make lab``, Binder), so a link
such as ``../exercises/ch00_taxi.ipynb`` from ``notebooks/`` resolves like a path on disk."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import ROOT

DOCS = ["README.md", "CONTRIBUTING.md", "datasets/README.md"]
NOTEBOOK_DIRS = ["notebooks", "exercises", "solutions"]

# [text](target "title"), ![alt](target), <a href="target">, <img src="target">
MD_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_LINK = re.compile(r"""(?:href|src)\s*=\s*["']([^"']+)["']""")
REF_LINK = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)


def links(markdown: str) -> list[str]:
    """The link targets in a markdown text (code spans and fenced code are not links)."""
    text = re.sub(r"```.*?```", "", markdown, flags=re.S)
    text = re.sub(r"`[^`\n]*`", "", text)
    return MD_LINK.findall(text) + HTML_LINK.findall(text) + REF_LINK.findall(text)


def relative(target: str) -> str | None:
    """The file path of a relative link, or None for a web address, a mail address or an anchor."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return unquote(parts.path)


def sources() -> list[tuple[str, str]]:
    """(file, markdown) for every document and notebook markdown cell of the repository."""
    out = [(d, (ROOT / d).read_text(encoding="utf-8")) for d in DOCS if (ROOT / d).exists()]
    for folder in NOTEBOOK_DIRS:
        for nb in sorted((ROOT / folder).glob("*.ipynb")):
            cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
            md = "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
            out.append((f"{folder}/{nb.name}", md))
    return out


def test_the_link_finder_finds_links():
    md = 'See [ch 0](../exercises/ch00_taxi.ipynb#q1), ![x](img/a.png "t"), <a href="b.md">b</a>, ' \
         "[web](https://example.org) and `[not](code.md)`.\n\n[ref]: datasets/README.md\n"
    found = sorted(links(md))
    assert found == ["../exercises/ch00_taxi.ipynb#q1", "b.md", "datasets/README.md", "https://example.org", "img/a.png"]
    assert [relative(x) for x in found] == ["../exercises/ch00_taxi.ipynb", "b.md", "datasets/README.md", None,
                                            "img/a.png"]
    assert relative("#section") is None and relative("mailto:a@b.c") is None


def test_the_course_has_documents_and_notebooks_to_check():
    names = [name for name, _ in sources()]
    assert "README.md" in names and "notebooks/00_start_here.ipynb" in names
    assert any(n.startswith("exercises/") for n in names) and any(n.startswith("solutions/") for n in names)


@pytest.mark.parametrize("name, markdown", sources(), ids=lambda x: x if x.endswith((".md", ".ipynb")) else "")
def test_every_relative_link_has_a_target(name, markdown):
    base = (ROOT / name).parent
    broken = []
    for target in links(markdown):
        path = relative(target)
        if path is None:
            continue
        resolved = (ROOT / path.lstrip("/")) if path.startswith("/") else (base / path)
        if not resolved.resolve().exists():
            broken.append(target)
    assert broken == [], f"{name}: links to nothing: {broken}"
