"""Cross-references between chapters are held by a test (issue 20): a chapter that says another chapter
computes, calculates, shows or teaches something names the section that does it.

The convention (CONTRIBUTING.md, "Cross-references"): such a sentence links the target notebook with an
anchor, ``[chapter 12](12_crm_system.ipynb#revisit-and-complaint-rates) computes ...``, and the target's
section heading carries that anchor explicitly, ``## 8. ... <a id="revisit-and-complaint-rates"></a>``. An
explicit anchor survives the translation of the heading, so the Chinese edition's links hold too.

The test fails when:

* a markdown link ``(NN_x.ipynb#anchor)`` names a notebook that does not exist, an anchor that no heading of
  the target carries, or a section (up to the next heading of the same or a higher level) with no code cell;
* a sentence says "chapter NN computes / calculates / shows / teaches" without such a link right before the verb.

It runs on ``notebooks/`` and on the Chinese edition ``zh/notebooks/`` (links only: the Chinese sentences
follow the English ones).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import ROOT

LINK = re.compile(r"\]\((\d\d[a-z]?_[\w.-]*?\.ipynb)#([\w-]+)\)")
ANCHOR = re.compile(r"""<a\s+id=["']([\w-]+)["']\s*>\s*</a>""")
HEADING = re.compile(r"^(#{1,6})\s", re.M)
#: "chapter 12 computes", "chapters 03 and 04 show": a claim that another chapter does something.
CLAIM = re.compile(r"(?P<link>\[)?\bchapters?\s+\d\d[a-z]?(?P<close>\]\([^)]*\))?\)?\s+"
                   r"(?:computes?|calculates?|shows?|teaches|teach)\b", re.I)


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def sections(path: Path) -> dict[str, bool]:
    """Each explicit anchor of a heading in ``path`` -> whether its section holds a code cell."""
    cells = _cells(path)
    out: dict[str, bool] = {}
    for i, cell in enumerate(cells):
        if cell["cell_type"] != "markdown":
            continue
        text = _source(cell)
        for line in text.splitlines():
            head = HEADING.match(line)
            if not head:
                continue
            for anchor in ANCHOR.findall(line):
                out[anchor] = _section_has_code(cells, i, text, line, len(head.group(1)))
    return out


def _section_has_code(cells: list[dict], i: int, text: str, line: str, level: int) -> bool:
    rest = text[text.index(line) + len(line):]
    if any(len(m.group(1)) <= level for m in HEADING.finditer(rest)):
        return False  # the section ends inside its own markdown cell
    for cell in cells[i + 1:]:
        if cell["cell_type"] == "code" and _source(cell).strip():
            return True
        if cell["cell_type"] == "markdown" and any(len(m.group(1)) <= level
                                                   for m in HEADING.finditer(_source(cell))):
            return False
    return False


def problems(folder: Path, *, claims: bool = True) -> list[str]:
    found = []
    for path in sorted(folder.glob("*.ipynb")):
        for i, cell in enumerate(_cells(path)):
            if cell["cell_type"] != "markdown":
                continue
            text = _source(cell)
            for target, anchor in LINK.findall(text):
                where = f"{path.name} cell {i} -> {target}#{anchor}"
                if not (folder / target).exists():
                    found.append(f"{where}: no such notebook")
                    continue
                has_code = sections(folder / target).get(anchor)
                if has_code is None:
                    found.append(f"{where}: no heading carries <a id=\"{anchor}\"></a>")
                elif not has_code:
                    found.append(f"{where}: the section under that heading has no code cell")
            if claims:
                for m in CLAIM.finditer(text):
                    if not (m.group("link") and m.group("close") and "#" in m.group("close")):
                        found.append(f"{path.name} cell {i}: '{m.group(0)}' names no section; link it as "
                                     "[chapter NN](NN_x.ipynb#anchor)")
    return found


def test_every_cross_reference_points_to_a_section_with_code():
    assert not problems(ROOT / "notebooks"), "\n".join(problems(ROOT / "notebooks"))


def test_the_chinese_edition_keeps_the_links():
    folder = ROOT / "zh" / "notebooks"
    if not folder.exists():
        pytest.skip("the Chinese edition is not built")
    assert not problems(folder, claims=False), "\n".join(problems(folder, claims=False))


def test_the_references_of_issue_20_use_the_convention():
    """Chapter 01's promise about chapter 12 is a link into a section that computes the two rates."""
    text = "".join(_source(c) for c in _cells(ROOT / "notebooks" / "01_what_is_crm.ipynb"))
    assert "(12_crm_system.ipynb#revisit-and-complaint-rates)" in text
    assert sections(ROOT / "notebooks" / "12_crm_system.ipynb")["revisit-and-complaint-rates"] is True
    six = "".join(_source(c) for c in _cells(ROOT / "notebooks" / "06_influential_customers.ipynb"))
    assert "prospecting methods (chapter 01)" not in six


def _notebook(tmp_path: Path, name: str, cells: list[tuple[str, str]]) -> None:
    nb = {"cells": [{"cell_type": kind, "source": src, "metadata": {}, **({"outputs": [], "execution_count": None}
                                                                      if kind == "code" else {})}
                    for kind, src in cells], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / name).write_text(json.dumps(nb), encoding="utf-8")


def test_the_check_finds_each_kind_of_broken_reference(tmp_path):
    """The checks can fail: each broken form is reported, the good one is not."""
    _notebook(tmp_path, "12_x.ipynb", [
        ("markdown", '## 1. Rates <a id="rates"></a>'), ("code", "1 + 1"),
        ("markdown", '## 2. Talk <a id="talk"></a>\nno code here'),
        ("markdown", "## 3. Next"), ("code", "2 + 2"),
    ])
    _notebook(tmp_path, "01_y.ipynb", [("markdown", "\n".join([
        "[chapter 12](12_x.ipynb#rates) computes the rates.",      # good
        "[chapter 12](12_x.ipynb#missing) computes nothing.",      # no such anchor
        "[chapter 12](12_x.ipynb#talk) shows a talk.",             # a section without code
        "[chapter 13](13_z.ipynb#rates) teaches it.",              # no such notebook
        "As chapter 12 computes, ...",                             # a claim without a link
    ]))])
    found = problems(tmp_path)
    assert len(found) == 4, found
    assert any("#missing: no heading" in f for f in found)
    assert any("#talk: the section under that heading has no code cell" in f for f in found)
    assert any("13_z.ipynb#rates: no such notebook" in f for f in found)
    assert any("'chapter 12 computes' names no section" in f for f in found)
