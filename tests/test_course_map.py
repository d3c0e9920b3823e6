"""The chapter map is one table: the README and the start page show it, and it lists every chapter."""

from __future__ import annotations

import json
from pathlib import Path

from crmkit import course

ROOT = Path(__file__).resolve().parents[1]


def test_every_chapter_notebook_and_exercise_is_in_the_map():
    listed = {c.notebook for c in course.CHAPTERS}
    # "[0-9][0-9]*_": a split chapter's parts (05a_..., 05b_...) are chapters too
    present = {p.name for p in [*(ROOT / "notebooks").glob("[0-9][0-9]*_*.ipynb"),  # and appendices, A1_...
                                 *(ROOT / "notebooks").glob("A[0-9]*_*.ipynb")]} - {"00_start_here.ipynb"}
    assert present == listed, f"notebooks missing from crmkit.course.CHAPTERS: {present - listed}; " \
                              f"listed but absent: {listed - present}"
    for c in course.CHAPTERS:
        assert (ROOT / "exercises" / c.exercises).is_file(), c.exercises


def test_the_readme_shows_the_map():
    assert course.chapter_map() in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_start_page_shows_the_map():
    nb = json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert course.chapter_map("", "../exercises/") in text
