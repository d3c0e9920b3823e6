"""Chapter 12 as a whole: every public function of crmkit.crm is in the bad-input harness, and the
chapter notebook prints none of its exercises' answers."""

from __future__ import annotations

import inspect
import json
import re

from crmkit import crm
from crmkit.exercises import ch12
from tests.bad_input import cases_crm


def test_every_public_function_of_crm_is_in_the_harness():
    names = {t.name for t in cases_crm.TARGETS}
    public = [n for n in crm.__all__ if inspect.isfunction(getattr(crm, n))]
    assert [n for n in public if f"crm.{n}" not in names] == []
    assert {"data.connect", "data.database_path"} <= names


def _outputs(path) -> str:
    text = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        for out in cell.get("outputs", []):
            text.append("".join(out.get("text", "")))
            for kind, value in out.get("data", {}).items():
                if kind.startswith("text/"):
                    text.append("".join(value))
    return "\n".join(text)


def _forms(value) -> list[str]:
    if isinstance(value, str):
        return [re.escape(value)]
    if isinstance(value, (list, tuple)):
        return [re.escape(str(v)) for v in value]
    if isinstance(value, dict) or hasattr(value, "columns"):
        return []  # a table answer (the SQL questions): its rows are searched by tests/test_exercise_leaks.py
    x = float(value)
    if x.is_integer():
        return [rf"(?<![\d.,]){int(x)}(?![\d.])"]
    return [re.escape(f"{x:.3f}"), re.escape(f"{x:.4f}"), re.escape(f"{x:.1%}")]


def test_the_chapter_does_not_print_the_exercise_answers(root):
    text = _outputs(root / "notebooks" / "12_crm_system.ipynb")
    assert "Canton Fair" in (root / "notebooks" / "12_crm_system.ipynb").read_text(encoding="utf-8")
    for name, q in vars(ch12).items():
        if not name.startswith("q") or not hasattr(q, "check"):
            continue
        leaks = [f for f in _forms(q.expected) if re.search(f, text)]
        assert not leaks, f"ch12.{name}'s answer {q.expected!r} shows in the chapter's outputs ({leaks})"


def test_the_rates_section_says_what_the_data_show():
    """Section 8 (the revisit and complaint-handling rates that chapter 01 promises): its words hold on the
    database, recomputed with pandas instead of the notebook's SQL: every complaint is closed, fewer are closed
    within 48 hours, and about four closed tickets in ten have no satisfaction score (no revisit)."""
    import pandas as pd

    from crmkit import data

    t = pd.read_sql("SELECT * FROM tickets", data.connect(), parse_dates=["opened", "closed"])
    complaints = t[t["kind"] == "complaint"]
    assert complaints["closed"].notna().all()
    within = ((complaints["closed"] - complaints["opened"]) <= pd.Timedelta(hours=48)).mean()
    assert 0.5 < within < 1
    closed = t[t["closed"].notna()]
    assert round(1 - closed["satisfaction"].notna().mean(), 1) == 0.4
