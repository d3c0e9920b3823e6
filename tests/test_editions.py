"""The Chinese edition (中文版): one source, two editions, never drifting.

* every translatable text (each markdown cell of the chapters and solutions, each question's prompt,
  hints and unit) has a current translation: none missing, none stale (made from other English);
* the committed ``zh/`` is what the build makes from today's English and catalogues (code cells
  shared word for word);
* each Chinese notebook's prose is at least 60 % Chinese by reading weight;
* after ``set_language("zh")`` every question's prompt and its feedback for a wrong answer are
  Chinese; in English they are English.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from crmkit import exercises, i18n
from crmkit.i18n import catalogs, editions

ROOT = editions.ROOT
ZH = ROOT / editions.EDITION
SOURCES = editions.sources()
NAMES = [f"{s.parent.name}/{s.name}" for s in SOURCES]


@pytest.fixture
def chinese():
    before = i18n.get_language()
    i18n.set_language("zh")
    yield
    i18n.set_language(before)


# -- catalogues ----------------------------------------------------------------------------------
def test_every_text_of_the_course_has_a_current_translation():
    problems = editions.check()
    assert problems == [], (f"{len(problems)} missing or stale translation(s); run "
                            "`python -m crmkit.i18n.editions update`, translate the entries named below "
                            "in the .po files, then `make zh`:\n" + "\n".join(problems[:40]))


def test_the_catalogues_are_what_update_writes(tmp_path):
    """The .po files on disk are exactly what `update` produces (no hand-made drift in their form)."""
    for path, src in editions.all_catalogs():
        assert path.is_file(), f"{path.relative_to(ROOT)} is missing: run python -m crmkit.i18n.editions update"
        expected = catalogs.dumps(catalogs.merge(catalogs.read(path), src))
        assert path.read_text(encoding="utf-8") == expected, f"{path.relative_to(ROOT)} is not up to date"


def test_changing_one_english_cell_makes_its_translation_stale(tmp_path):
    """The mechanism the first test relies on: one edited English cell is named, as stale, and a new
    cell as missing; `update` keeps the old Chinese marked fuzzy with the old English beside it."""
    source = ROOT / "notebooks" / "04_rfm.ipynb"
    nb = nbformat.read(source, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "markdown")
    entries = catalogs.read(editions.catalog_path(source))
    translated = {ctx: e for ctx, e in entries.items() if e.text.strip()}
    assert cell["id"] in translated, "the first cell of chapter 04 should be translated"
    cell.source += " One more sentence."
    new = nbformat.v4.new_markdown_cell("A new paragraph.")
    new["id"] = "new-cell"
    nb.cells.append(new)
    changed = tmp_path / "notebooks" / "04_rfm.ipynb"
    changed.parent.mkdir()
    nbformat.write(nb, changed)
    src = editions.notebook_sources(changed)
    found = catalogs.problems(entries, src, "04_rfm.po")
    assert any(f"{cell['id']} is stale" in p for p in found), found
    assert any("new-cell has no translation" in p for p in found), found
    merged = {e.context: e for e in catalogs.merge(entries, src)}
    kept = merged[cell["id"]]
    assert kept.fuzzy and kept.text == translated[cell["id"]].text and kept.previous == translated[cell["id"]].source
    assert not kept.usable_for(cell.source)  # a stale translation is never shown
    # written and read back, the fuzzy mark survives, so the next `check` still names it
    po = tmp_path / "04_rfm.po"
    catalogs.write(po, list(merged.values()))
    assert catalogs.read(po)[cell["id"]].fuzzy
    assert "#| msgid" in po.read_text(encoding="utf-8")


def test_po_files_round_trip_quotes_backslashes_and_lines():
    tricky = 'A "quoted" \\ backslash\n\n$\\frac{a}{b}$\ttab\n'
    e = catalogs.Entry("ctx.1", tricky, "中文 \"引号\" \\ 反斜杠\n第二行")
    back = catalogs.parse(catalogs.dumps([e]))["ctx.1"]
    assert (back.source, back.text) == (e.source, e.text)


# -- the built edition ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", NAMES)
def test_the_chinese_notebook_is_built_from_todays_english_and_catalogue(name):
    source = ROOT / name
    built = editions.translate_notebook(source)
    target = editions.edition_path(source)
    assert target.is_file(), f"{target.relative_to(ROOT)} is missing: run `make zh`"
    committed = nbformat.read(target, as_version=4)
    want = [(c.cell_type, c["id"], c.source) for c in built.cells]
    have = [(c.cell_type, c["id"], c.source) for c in committed.cells]
    assert have == want, f"{target.relative_to(ROOT)} is stale: run `make zh` (or build {source.stem})"
    # code is shared word for word, after the cell that switches the language
    english = nbformat.read(source, as_version=4)
    assert [c.source for c in committed.cells if c.cell_type == "code"][1:] == \
        [c.source for c in english.cells if c.cell_type == "code"]
    assert committed.cells[1].source == editions.LANGUAGE_CELL


@pytest.mark.parametrize("name", [n for n in NAMES if n.startswith("solutions/")])
def test_the_chinese_exercises_are_generated_from_the_chinese_solutions(name):
    source = ROOT / name
    target = ZH / "exercises" / source.name
    assert target.is_file(), f"{target.relative_to(ROOT)} is missing: run `make zh`"
    solution = nbformat.read(ZH / "solutions" / source.name, as_version=4)
    want = editions.student_notebook(solution, source.name)
    have = nbformat.read(target, as_version=4)
    assert [(c.cell_type, c.source) for c in have.cells] == [(c.cell_type, c.source) for c in want.cells]
    assert "# BEGIN SOLUTION" not in nbformat.writes(have)
    assert all(not c.get("outputs") for c in have.cells if c.cell_type == "code")


@pytest.mark.parametrize("name", NAMES)
def test_each_chinese_notebook_reads_mostly_chinese(name):
    committed = nbformat.read(editions.edition_path(ROOT / name), as_version=4)
    share = editions.chinese_share(committed)
    assert share >= 0.60, f"zh/{name}: only {share:.0%} of the prose is Chinese (by reading weight)"


def test_links_of_the_chinese_edition_reach_files():
    broken = []
    for path in sorted(ZH.rglob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type != "markdown":
                continue
            for target in re.findall(r"\]\(([^)\s]+)\)", cell.source):
                if re.match(r"^([a-z][a-z0-9+.-]*:|#)", target):
                    continue
                if not (path.parent / target.split("#")[0]).exists():
                    broken.append(f"{path.relative_to(ROOT)}: {target}")
    assert broken == []


def test_a_link_outside_the_edition_points_back_to_the_english_file():
    en, zh = ROOT / "notebooks", ZH / "notebooks"
    assert editions._edition_target("04_rfm.ipynb", en, zh) == "04_rfm.ipynb"
    assert editions._edition_target("../solutions/ch04_rfm.ipynb#q2", en, zh) == "../solutions/ch04_rfm.ipynb#q2"
    assert editions._edition_target("../datasets/retail_transactions.csv", en, zh) == \
        "../../datasets/retail_transactions.csv"
    assert editions._edition_target("https://example.org/x", en, zh) == "https://example.org/x"


# -- the questions -------------------------------------------------------------------------------
_LATIN = re.compile(r"[A-Za-z]{3,}")
#: Small English words that prose has and the course's code does not.
_ENGLISH = {"the", "then", "with", "use", "each", "divide", "answer", "compute", "which", "what", "your",
            "this", "that", "are", "was", "there", "their", "than", "into", "should", "look"}


_LITERAL = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"")


def _chinese_enough(text: str) -> bool:
    """At least two hanzi, and no fewer hanzi than English words once code, formulas and quoted
    literals (the option texts and keys a student types) are set aside."""
    hanzi, words = editions.reading_weight(_LITERAL.sub(" ", text))
    return hanzi >= 2 and hanzi >= words


QUESTIONS = sorted(exercises.all_questions())


@pytest.mark.parametrize("key", QUESTIONS)
def test_in_chinese_a_question_and_its_feedback_for_a_wrong_answer_are_chinese(key, chinese):
    q = exercises.all_questions()[key]
    assert _chinese_enough(q.prompt), f"{key}: the prompt is not Chinese: {q.prompt[:80]!r}"
    for k, hint in enumerate(q.hints, 1):
        # a hint may be code (students copy it); English prose shows in its small words
        prose = set(_LATIN.findall(_LITERAL.sub(" ", editions._CODE.sub(" ", hint)).lower())) & _ENGLISH
        assert not prose or _chinese_enough(hint), f"{key} hint {k} is English ({sorted(prose)}): {hint!r}"
    wrong = q.wrong_answers()
    assert wrong, f"{key}: no wrong answer to try"
    for label, answer in wrong.items():
        fb = q.check(answer)
        assert not fb.correct, f"{key}: the wrong answer {label!r} passed"
        text = str(fb)
        assert _chinese_enough(text), f"{key} ({label}): the feedback is not Chinese: {text[:120]!r}"


def test_in_english_the_questions_stay_english():
    assert i18n.get_language() == "en"
    for key, q in exercises.all_questions().items():
        assert q.prompt == q.english("prompt"), key
        assert q.hints == q.english("hints"), key


def test_a_stale_question_translation_falls_back_to_the_english(chinese, monkeypatch):
    q = exercises.all_questions()["ch03.q2"]
    assert q.prompt != q.english("prompt")  # translated
    monkeypatch.setattr(q, "_prompt", q.english("prompt") + " (changed)")
    assert q.prompt == q.english("prompt")  # the old Chinese no longer matches its English: not shown


def test_a_student_copy_without_catalogues_still_works(tmp_path, chinese, monkeypatch):
    """A kit whose catalogue is missing or broken shows English, never an error."""
    monkeypatch.setattr(catalogs, "PACKAGE_CATALOGS", tmp_path)
    catalogs._package_catalog.cache_clear()
    try:
        q = exercises.all_questions()["ch03.q2"]
        assert q.prompt == q.english("prompt")
        (tmp_path / "exercises").mkdir()
        (tmp_path / "exercises" / "ch03.po").write_text("this is not a po file \"", encoding="utf-8")
        assert q.prompt == q.english("prompt")
    finally:
        catalogs._package_catalog.cache_clear()


def test_the_package_ships_its_catalogues():
    """The question catalogues are package data (students' copies and graded releases carry them)."""
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["crmkit"]
    shipped = set()
    for pattern in patterns:
        shipped |= set((ROOT / "crmkit").glob(pattern))
    needed = set(catalogs.PACKAGE_CATALOGS.rglob("*.po"))
    assert needed and needed <= shipped


# -- the course's pages (README, the datasets' README) ---------------------------------------------
@pytest.mark.parametrize("page", editions.PAGES)
def test_the_chinese_pages_are_built_from_todays_english_and_catalogue(page):
    target = ZH / page
    assert target.is_file(), f"zh/{page} is missing: run `make zh`"
    assert target.read_text(encoding="utf-8") == editions.translate_page(page), f"zh/{page} is stale: run `make zh`"
    hanzi, words = editions.reading_weight(target.read_text(encoding="utf-8"))
    assert hanzi / (hanzi + words) >= 0.60, f"zh/{page}: only {hanzi / (hanzi + words):.0%} Chinese"


def test_a_page_is_cut_into_blocks_that_keep_code_whole_and_keys_stable():
    text = "# Title\n\nIntro.\n\n```bash\nmake lab\n\nmake test\n```\n\n## Part two\n\n- a\n- b\n\n| x |\n|---|\n"
    blocks = editions.page_blocks(text)
    assert [c for c, _ in blocks] == ["title.0", "title.1", None, "part-two.0", "part-two.1", "part-two.2"]
    assert blocks[2][1] == "```bash\nmake lab\n\nmake test\n```"
    more = text.replace("Intro.", "Intro.\n\nA new paragraph.")
    assert [c for c, _ in editions.page_blocks(more) if c and c.startswith("part-two")] == \
        ["part-two.0", "part-two.1", "part-two.2"]


def test_translations_use_chinese_punctuation():
    """Chinese prose takes Chinese punctuation (，。：；？！（）); `editions punctuate` fixes what this names."""
    bad = []
    for path, _ in editions.all_catalogs():
        for ctx, e in catalogs.read(path).items():
            if e.text.strip() and e.text != e.source and catalogs.punctuate(e.text) != e.text:
                bad.append(f"{path.relative_to(ROOT)}: {ctx}")
    assert bad == [], "run `python -m crmkit.i18n.editions punctuate`:\n" + "\n".join(bad[:20])


@pytest.mark.parametrize("text, want", [
    ("客户,然后: 看(CLV)吧.", "客户，然后：看（CLV）吧。"),
    ("收入 ¥1,234.5, 占 18.1%, 见 [第 4 章](04_rfm.ipynb)", "收入 ¥1,234.5，占 18.1%，见 [第 4 章](04_rfm.ipynb)"),
    ("选项 `'a, b'`(态度), 或 $x(1,2)$ 呢?", "选项 `'a, b'`（态度），或 $x(1,2)$ 呢？"),
    ("**花多少**?再看", "**花多少**？再看"),
    ("A (B) C, 12:30", "A (B) C, 12:30"),
])
def test_punctuate_leaves_code_numbers_links_and_english_alone(text, want):
    assert catalogs.punctuate(text) == want
    assert catalogs.punctuate(want) == want


def test_the_kits_chinese_labels_use_chinese_punctuation():
    """The widgets', charts' and feedback's Chinese (crmkit/i18n/labels_*.py) follow the same rule as the
    edition's prose: ，。：；？！（） next to hanzi."""
    bad = [f"{key}: {zh!r}" for key, (_, zh) in i18n.labels().items() if catalogs.punctuate(zh) != zh]
    assert bad == [], "\n".join(bad[:20])
