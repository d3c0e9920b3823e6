"""Chapters 00-12 and seed 004 cover their syllabus: every item of ``tests/syllabus_coverage.py`` is where it says.

For each row, its phrase must occur in the *source* of a notebook's markdown or code cells (an
output does not count: a section that only survives in an old output is gone), in the text of an
exercise module's questions, or as a widget class of ``crmkit.widgets.catalogue()``. Deleting a
section, renaming a heading or dropping a Chinese term fails the row that names it.
"""

from __future__ import annotations

import copy
import functools
import json
import re

import pytest

from crmkit import exercises, widgets

from . import syllabus_coverage as cov
from .conftest import ROOT

SECTIONS = [f"C.{n}" for n in range(1, 13)]          # chapters 00-11 (chapter 12 teaches items of C.2)
DATASETS = "C.13"                                    # the datasets of chapters 10-12
CHAPTER_NOTEBOOKS = ["00_taxi_driver", "01_what_is_crm", "02_crm_vs_marketing", "03_abc_tiering", "04_rfm",
                     "05a_clv_formulas", "05b_clv_models", "06_influential_customers",
                     "07_satisfaction_loyalty", "08_switching_costs", "09_retention_churn", "10_credit",
                     "11_key_accounts", "12_crm_system"]
REF = re.compile(r"^C\.(?:[1-9]|1[0-3])(?: / [AB]\.\d+(?:\.\d+)*(?:, [AB]\.\d+(?:\.\d+)*)*)?$")
CJK = re.compile(r"[\u3400-\u9fff]")
# Words too common to prove that a section exists.
COMMON = {"customer", "customers", "loyalty", "value", "satisfaction", "churn", "retention", "profit", "service",
          "客户", "顾客", "价值", "忠诚", "满意"}


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def notebook_text(nb: dict) -> str:
    """The sources of the markdown and code cells, never their outputs."""
    return squash("\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] in ("markdown", "code")))


@functools.lru_cache(maxsize=None)
def notebook(path: str) -> dict:
    return json.loads((ROOT / path).read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def exercise_text(path: str) -> str:
    module = re.fullmatch(r"crmkit/exercises/(ch\w+)\.py", path).group(1)
    return squash("\n".join(q.prompt for q in exercises.questions(module).values()))


@functools.lru_cache(maxsize=None)
def widget_names() -> frozenset[str]:
    return frozenset(c.__name__ for c in widgets.catalogue())


def covered(item: cov.Item, notebooks: dict | None = None) -> bool:
    """Whether the item's phrase is where the item says; ``notebooks`` replaces files (path -> notebook)."""
    if item.where == cov.WIDGETS:
        return item.phrase in widget_names()
    if item.where.startswith("crmkit/exercises/"):
        return squash(item.phrase) in exercise_text(item.where)
    nb = (notebooks or {}).get(item.where) or notebook(item.where)
    return squash(item.phrase) in notebook_text(nb)


@pytest.mark.parametrize("item", cov.ITEMS, ids=[f"{i.ref}: {i.item}"[:90] for i in cov.ITEMS])
def test_the_item_is_covered(item):
    assert covered(item), (f"{item.ref} '{item.item}': {item.phrase!r} is not in {item.where}. Restore the "
                           "section (story, concept with its Chinese term, numbers) or point the row to where "
                           "the kit now teaches it.")


def test_every_chapter_section_and_notebook_has_rows():
    refs = {i.ref.split(" / ")[0] for i in cov.ITEMS}
    assert set(SECTIONS) <= refs, f"sections without rows: {sorted(set(SECTIONS) - refs)}"
    for section in SECTIONS:
        rows = [i for i in cov.ITEMS if i.ref.split(" / ")[0] == section]
        assert len(rows) >= 10, f"{section} has only {len(rows)} rows"
        assert any(i.where == cov.WIDGETS for i in rows), f"{section} names a widget; no row checks it"
        assert any(i.where.startswith("crmkit/exercises/") for i in rows), f"{section} has no exercise row"
    datasets = [i for i in cov.ITEMS if i.ref == DATASETS]
    assert len(datasets) >= 5 and {i.where for i in datasets} >= {cov.NB10, cov.NB11, cov.NB12}
    where = {i.where for i in cov.ITEMS}
    for name in CHAPTER_NOTEBOOKS:
        assert f"notebooks/{name}.ipynb" in where, f"no row checks notebooks/{name}.ipynb"


def test_rows_are_well_formed():
    seen = set()
    for i in cov.ITEMS:
        assert REF.match(i.ref), f"reference {i.ref!r} is not like 'C.8 / B.10.2'"
        assert i.item.strip() and i.phrase.strip(), i
        if i.where != cov.WIDGETS:
            assert (ROOT / i.where).is_file(), f"{i.where} does not exist"
        key = (i.ref.split(" / ")[0], i.where, i.phrase)
        assert key not in seen, f"the same check twice in {key[0]}: {i.where} {i.phrase!r}"
        seen.add(key)
    for ref, item, reason in cov.NOT_TAUGHT:
        assert REF.match(ref) and item.strip() and len(reason) > 20, (ref, item, reason)


def test_phrases_are_distinctive():
    """A heading, a Chinese term, a number or a call of the kit: not a word that any chapter contains."""
    for i in cov.ITEMS:
        if i.where == cov.WIDGETS:
            continue
        p = i.phrase.strip()
        assert p.lower() not in COMMON, f"{p!r} is too common to show that '{i.item}' is taught"
        cjk = len(CJK.findall(p))
        assert cjk >= 2 or cjk and len(p) >= 4 or re.search(r"\d", p) and len(p) >= 3 or len(p) >= 8 or "." in p, \
            f"{p!r} is too short to be distinctive ('{i.item}')"


def test_a_deleted_section_fails_its_row():
    """The audit can fail: drop the cells of chapter 07's Great Wall Hotel case and its row fails."""
    row = next(i for i in cov.ITEMS if i.phrase.startswith("长城饭店"))
    nb = copy.deepcopy(notebook(row.where))
    nb["cells"] = [c for c in nb["cells"] if "长城饭店" not in "".join(c["source"])]
    assert covered(row) and not covered(row, {row.where: nb})
    # an output is not a source: the phrase printed by a code cell does not count
    nb["cells"].append({"cell_type": "code", "source": ["print('...')"], "metadata": {},
                        "outputs": [{"output_type": "stream", "name": "stdout", "text": [row.phrase]}]})
    assert not covered(row, {row.where: nb})
    # a widget that is gone, and a question text that changed, fail too
    assert not covered(cov.Item("C.1", "x", cov.WIDGETS, "NoSuchWidget"))
    assert not covered(cov.Item("C.1", "x", "crmkit/exercises/ch00.py", "no such question text at all"))


# --- the seed's words, where the kit once used others -------------------------------------------------

WRONG_TERMS = {
    "铂金": "the seeds write 白金 for platinum",
    "折现率": "the seeds write 贴现率 for the discount rate",
    "预期生命周期": "the expected relationship duration is the 预期留存期 (not a lifecycle stage)",
}
# the one sentence that names the rejected term in order to reject it
ALLOWED = ["not 预期生命周期"]


def test_the_seeds_terms_are_used():
    files = [ROOT / f"notebooks/{n}.ipynb" for n in CHAPTER_NOTEBOOKS] + sorted((ROOT / "crmkit/i18n").glob("labels_*.py"))
    for path in files:
        text = notebook_text(json.loads(path.read_text(encoding="utf-8"))) if path.suffix == ".ipynb" \
            else path.read_text(encoding="utf-8")
        for allowed in ALLOWED:
            text = text.replace(allowed, "")
        for term, why in WRONG_TERMS.items():
            assert term not in text, f"{path.relative_to(ROOT)} writes {term}: {why}"


# --- seed 004: its tools, each in the section of chapter 11 that teaches it (issue 20) -----------------

def _sections(nb: dict) -> dict[str, list]:
    """anchor -> the cells of the section its heading opens (up to the next heading of the same or a higher level)."""
    cells, out = nb["cells"], {}
    for k, c in enumerate(cells):
        src = "".join(c["source"])
        m = re.match(r"(#+) .*<a id=\"([\w-]+)\"></a>", src) if c["cell_type"] == "markdown" else None
        if not m:
            continue
        level, body = len(m.group(1)), [c]
        for d in cells[k + 1:]:
            h = re.match(r"(#+) ", "".join(d["source"])) if d["cell_type"] == "markdown" else None
            if h and len(h.group(1)) <= level:
                break
            body.append(d)
        out[m.group(2)] = body
    return out


def tool_taught(tool, nb: dict) -> bool:
    """The tool's anchor opens a section of the notebook that names the tool (as the seed spells it) in its
    markdown and has a code cell."""
    body = _sections(nb).get(tool.anchor)
    if not body:
        return False
    text = squash("\n".join("".join(c["source"]) for c in body if c["cell_type"] == "markdown"))
    return tool.chinese in text and any(c["cell_type"] == "code" for c in body)


def test_the_kit_lists_the_seeds_twenty_tools():
    from crmkit import accounts

    assert len(cov.SEED_004_TOOLS) == len(set(cov.SEED_004_TOOLS)) == 20 == len(cov.SEED_004_ENGLISH)
    assert [t.chinese for t in accounts.SEED_TOOLS] == list(cov.SEED_004_TOOLS)
    rows = [i for i in cov.ITEMS if i.ref == "C.12 / A.2.1"]
    assert [i.phrase for i in rows] == list(cov.SEED_004_TOOLS) and {i.where for i in rows} == {cov.NB11}


@pytest.mark.parametrize("n", range(20), ids=lambda n: cov.SEED_004_TOOLS[n])
def test_each_seed_004_tool_is_taught_where_the_kit_says(n):
    from crmkit import accounts

    tool = accounts.SEED_TOOLS[n]
    assert tool_taught(tool, notebook(cov.NB11)), (
        f"seed 004's tool {tool.chinese} ({tool.english}): no section of {cov.NB11} with the anchor "
        f"{tool.anchor!r} names it and computes something; teach it there or fix accounts.SEED_TOOLS")
    if tool.kit != "worked template":  # a computed tool is computed in its section
        body = _sections(notebook(cov.NB11))[tool.anchor]
        code = "\n".join("".join(c["source"]) for c in body if c["cell_type"] == "code")
        assert any(f in code for f in tool.kit.split(" + ")), (tool.chinese, tool.kit)


def test_a_tool_whose_section_is_gone_is_not_taught():
    from crmkit import accounts

    tool = next(t for t in accounts.SEED_TOOLS if t.chinese == "关键业务行为日历")
    nb = copy.deepcopy(notebook(cov.NB11))
    assert tool_taught(tool, nb)
    nb["cells"] = [c for c in nb["cells"] if f'<a id="{tool.anchor}">' not in "".join(c["source"])]
    assert not tool_taught(tool, nb)
    nb = copy.deepcopy(notebook(cov.NB11))  # the name dropped from its section's text
    for c in nb["cells"]:
        c["source"] = "".join(c["source"]).replace(tool.chinese, "a calendar")
    assert not tool_taught(tool, nb)
    assert not covered(cov.Item("C.12 / A.2.1", "x", cov.NB11, tool.chinese), {cov.NB11: nb})


def test_chapter_11_does_not_type_the_tool_count():
    """The count is computed from accounts.SEED_TOOLS in a code cell; a typed count goes stale (the old text's
    "the other eleven" was wrong), in English and in the Chinese catalogue."""
    nb = notebook(cov.NB11)
    text = squash("\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"))
    typed = re.compile(r"\b(?:\d+|ten|eleven|twelve|nineteen|twenty)\s+(?:\w+\s+){0,2}tools\b", re.I)
    assert not typed.search(text), typed.search(text).group(0)
    zh = (ROOT / "locale/zh_CN/LC_MESSAGES/notebooks/11_key_accounts.po").read_text(encoding="utf-8")
    assert not re.search(r"(?:二十|十一|\d+)\s*(?:种|个|项)(?:落地)?工具", zh)
    assert any("len(tools)" in "".join(c["source"]) and "SEED_TOOLS" in "".join(c["source"]) for c in nb["cells"])
