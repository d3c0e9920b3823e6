"""Chapters 01-02 teach, their exercises test: no chapter output shows an exercise's expected number."""

from __future__ import annotations

import json
import re

import pytest

from crmkit.exercises import ch01, ch02, questions

from .conftest import ROOT

CHAPTERS = {"ch01": ("01_what_is_crm.ipynb", ch01), "ch02": ("02_crm_vs_marketing.ipynb", ch02)}


def _numbers(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _numbers(v)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield float(value)


def _spellings(x: float):
    """The ways a notebook would print x: 180, 180.0, 492.6, 492.60, 0.4167, 41.67 %."""
    out = {f"{x:.2f}", f"{x:,.2f}", f"{x:.4g}"}
    if x == round(x):
        out |= {f"{x:.0f}", f"{x:,.0f}", f"{x:.1f}"}
    if 0 < abs(x) < 1:
        out |= {f"{x * 100:.2f}", f"{x:.4f}", f"{x:.3f}"}
    return out


def _shown_text(nb: dict) -> str:
    parts = []
    for cell in nb["cells"]:
        for o in cell.get("outputs", []):
            parts.append("".join(o.get("text", "")))
            for kind in ("text/plain", "text/html"):
                parts.append("".join(o.get("data", {}).get(kind, "")))
    state = nb.get("metadata", {}).get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    for model in state.get("state", {}).values():  # the text widgets show: summaries and tables
        if model.get("model_name") == "HTMLModel":
            parts.append(str(model.get("state", {}).get("value", "")))
    return "\n".join(parts)


@pytest.mark.parametrize("chapter", sorted(CHAPTERS))
def test_chapter_outputs_do_not_show_exercise_numbers(chapter):
    fname, _ = CHAPTERS[chapter]
    shown = _shown_text(json.loads((ROOT / "notebooks" / fname).read_text(encoding="utf-8")))
    leaks = []
    for name, q in questions(chapter).items():
        for x in _numbers(q.expected):
            if abs(x) < 10 and x == round(x):
                continue  # single digits occur everywhere (row numbers, counts); not an answer leak
            for s in _spellings(x):
                if re.search(rf"(?<![\d.,]){re.escape(s)}(?![\d]|[.,]\d)", shown):
                    leaks.append(f"{name}: {s}")
    assert not leaks, f"{chapter} shows exercise answers: {leaks}"
