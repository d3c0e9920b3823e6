"""Chapter 10 teaches; its exercises test: no output of the chapter notebook shows an exercise's answer."""

from __future__ import annotations

import json
import re

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
               qs["q8"].expected, qs["q12"].expected, qs["q13"].expected, qs["q14"].expected]
    for x in numbers:
        for form in _forms(x):  # as a whole number: 72.0 is not the tail of 17556472.0
            assert not re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d])", shown), \
                f"the chapter shows {form}, an exercise's answer"
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
    assert "*About 100 minutes in a seminar*" in first
    text = "".join("".join(c["source"]) for c in nb["cells"])
    assert "../exercises/ch10_credit.ipynb" in text and "CreditExplorer()" in text
    assert "CreditPolicyExplorer()" in text


@pytest.mark.parametrize("name", ["10_credit.ipynb"])
def test_no_warnings_on_stderr(name):
    nb = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
    for c in nb["cells"]:
        for o in c.get("outputs", []):
            assert o.get("name") != "stderr", "".join(o.get("text", ""))
            assert o.get("output_type") != "error"


def test_the_chapter_compares_no_cut_off_at_the_margin_of_q15():
    """Q15 asks for the best cut-off at a 90 % variable-cost ratio: the chapter computes standards at 80 % only."""
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert '"variable_cost_ratio": 0.8' in code and "0.9," not in code and "0.90" not in code


# -- typed figures: what the text says of the data is what the outputs show ----------------------------

def _cells():
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]


def _output_of(cells, contains: str) -> str:
    for c in cells:
        if c["cell_type"] == "code" and contains in "".join(c["source"]):
            return "\n".join("".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
                             for o in c.get("outputs", []))
    raise AssertionError(f"no code cell contains {contains!r}")


def _markdown(cells) -> str:
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def test_typed_figures_match_the_outputs():
    from crmkit import credit, data

    cells = _cells()
    text = _markdown(cells)
    apps = data.load("credit_applicants")
    assert f"holds {len(apps)} business customers" in text
    n_inv = len(data.load("invoices"))
    assert "nearly 12,000 invoices" in text and 11_500 <= n_inv < 12_000
    # "about half of the C customers defaulted, few of the A, AA and AAA customers did"
    by_grade = _output_of(cells, 'agg(customers="size", defaults="sum", rate="mean")')
    rate = {g: float(line.split()[-1]) for line in by_grade.splitlines()
            for g in ("C", "B", "A", "AA", "AAA") if line.startswith(g + " ")}
    assert "about half of the C customers defaulted" in text and 0.4 <= rate["C"] <= 0.6
    assert max(rate["A"], rate["AA"], rate["AAA"]) < 0.05
    # the fit: capacity and character are the two strongest criteria; the course's AUC is close to the truth's
    fit = _output_of(cells, "LogisticRegression(")
    fitted = {c: float(re.search(rf"^{c}\s+(-?\d+\.\d+)\s+(-?\d+\.\d+)", fit, re.M).group(2)) for c in credit.CRITERIA}
    assert "capacity and character matter most" in text
    assert set(sorted(fitted, key=fitted.get)[:2]) == {"capacity", "character"}
    auc = _output_of(cells, "roc_auc_score(")
    course, truth = (float(re.search(rf"{k}\s+(\d\.\d+)", auc).group(1)) for k in ("5C score", "true model"))
    assert "almost as well as the true model" in text and abs(course - truth) < 0.02
    # the worked example: -42,000, 549,000 and +30,000 as typed
    for typed, call in (("−¥42,000", "credit.cash_discount(now"), ("**¥549,000**", "credit.credit_standard(now"),
                        ("**+¥25,000**", "credit.collection_effort(now")):
        change = float(_output_of(cells, call).splitlines()[-1].split()[-1])
        shown = typed.strip("*").replace("¥", "").replace(",", "").replace("−", "-").replace("+", "")
        assert typed in text and change == float(shown), typed
    # on the course data: the collection budget doubled is the current one, ¥466,000
    policy = credit.standard_policy(apps, 50, cost_per_customer=1_000)
    assert f"the extra ¥{policy.collection_cost:,.0f}" in text
