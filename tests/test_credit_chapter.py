"""Chapter 10 teaches; its exercises test: no output of the chapter notebook shows an exercise's answer."""

from __future__ import annotations

import json

import pytest

from crmkit.exercises import questions

from .conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "10_credit.ipynb"


def _outputs() -> str:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    parts = []
    for c in nb["cells"]:
        for o in c.get("outputs", []):
            parts.append("".join(o.get("text", "")))
            for kind in ("text/plain", "text/html"):
                parts.append("".join(o.get("data", {}).get(kind, "")))
    return "\n".join(parts)


def _forms(x) -> set[str]:
    """The ways a number can be printed: 54.75, 54.8, 51400, 51,400, 51400.0 ..."""
    x = float(x)
    out = {f"{x:.2f}", f"{x:,.2f}", f"{x:.1f}", f"{x:,.1f}"}
    if x == int(x) and abs(x) >= 1000:
        out |= {f"{x:.0f}", f"{x:,.0f}"}
    return out


def test_the_chapter_shows_no_exercise_answer():
    shown = _outputs()
    qs = questions("ch10")
    numbers = [qs["q3"].expected, qs["q4"].expected["score"], qs["q6"].expected["excess"], qs["q7"].expected,
               qs["q8"].expected]
    for x in numbers:
        for form in _forms(x):
            assert form not in shown, f"the chapter shows {form}, an exercise's answer"
    assert " ".join(qs["q9"].expected) not in shown and str(qs["q9"].expected) not in shown
    for cid in qs["q9"].expected:
        assert cid not in shown, f"the chapter shows {cid}, one of Q9's answers"
    assert qs["q1"].expected not in shown and qs["q2"].expected not in shown
    ageing = qs["q5"].expected  # the C.11 buckets all together
    assert not all(any(f in shown for f in _forms(v)) for v in ageing.values() if v)


def test_the_chapter_starts_with_its_title_and_length():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    first = "".join(nb["cells"][0]["source"])
    assert first.startswith("# Chapter 10") and "客户信用管理" in first
    assert "*About 75 minutes in a seminar*" in first
    text = "".join("".join(c["source"]) for c in nb["cells"])
    assert "../exercises/ch10_credit.ipynb" in text and "CreditExplorer()" in text


@pytest.mark.parametrize("name", ["10_credit.ipynb"])
def test_no_warnings_on_stderr(name):
    nb = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
    for c in nb["cells"]:
        for o in c.get("outputs", []):
            assert o.get("name") != "stderr", "".join(o.get("text", ""))
            assert o.get("output_type") != "error"
