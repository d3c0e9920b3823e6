"""A chapter teaches; its exercises test: no chapter notebook prints an exercise's answer.

For every question of ``crmkit/exercises/chNN.py`` the text outputs (stdout, ``text/plain``,
``text/markdown``) of ``notebooks/NN_*.ipynb`` are searched for its expected value:

* a number is a leak when a printed number (or a printed percentage, /100) would pass the
  question's own check (its tolerance and its shown precision), and the answer is distinctive
  (at least three significant digits, or two and a fraction: ``4`` or ``0.4`` appear in any
  text, ``0.65`` and ``325`` do not);
* a dict leaks when one of its distinctive numbers is printed, or one of its text values that the prompt does
  not offer as an option; a list of numbers likewise;
* a table or Series leaks when its rows are printed, label and values on one line (all of them,
  or ten, as pandas shows a long table);
* a text answer leaks when printed in quotes (``'time'``) and at least four characters long;
  a list of terms leaks when all of them are printed in order.

New chapters are picked up by their number; nothing here names a chapter.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest

from crmkit import exercises as ex
from crmkit.exercises import _core as core

from .conftest import ROOT

NUMBER = re.compile(r"(?<![A-Za-z0-9_.])([-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?![0-9A-Za-z])(\s?%)?")


def chapter_notebooks(chapter: str) -> list[Path]:
    number = re.match(r"ch(\d+[a-z]?|A\d+)", chapter).group(1)  # ch05a -> 05a_*.ipynb (a split chapter)
    return sorted((ROOT / "notebooks").glob(f"{number}_*.ipynb"))


def text_outputs(path: Path) -> list[tuple[int, str]]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for i, cell in enumerate(nb["cells"]):
        for o in cell.get("outputs", []) if cell["cell_type"] == "code" else []:
            if o["output_type"] == "stream":
                out.append((i, "".join(o["text"])))
            elif o["output_type"] in ("execute_result", "display_data"):
                for mime in ("text/plain", "text/markdown"):
                    if mime in o.get("data", {}):
                        out.append((i, "".join(o["data"][mime])))
    return out


def numbers_in(text: str) -> list[float]:
    """The numbers printed in a text; ``14.87 %`` counts as 14.87 and as 0.1487."""
    out = []
    for m in NUMBER.finditer(text):
        x = float(m.group(1).replace(",", "").replace("−", "-"))
        out += [x, x / 100] if m.group(2) else [x]
    return out


def distinctive(q, value: float) -> bool:
    d = q.decimals if q.decimals is not None else 4
    s = f"{abs(value):.{d}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    digits = s.replace(".", "").lstrip("0")
    return len(digits) >= 3 or (len(digits) >= 2 and "." in s)


def passes(q, printed: float, expected: float) -> bool:
    return q._number_status(printed, expected)[0] in (core.RIGHT, core.ROUNDED)


def number_leaks(q, values, outputs) -> list[str]:
    found = []
    for v in values:
        if core._as_number(v) is None or not distinctive(q, float(v)):
            continue
        for cell, text in outputs:
            hit = next((x for x in numbers_in(text) if passes(q, x, float(v))), None)
            if hit is not None:
                found.append(f"{float(v):.6g} (printed as {hit:g} in cell {cell})")
                break
    return found


def row_leaks(q, expected, outputs) -> list[str]:
    frame = expected.to_frame("value") if isinstance(expected, pd.Series) else expected
    numeric = [c for c in frame.columns if core._as_number(frame[c].iloc[0]) is not None] if len(frame) else []
    printed = 0
    for label, row in frame.iterrows():
        for _, text in outputs:
            lines = [ln for ln in text.split("\n") if re.search(rf"(?<!\w){re.escape(str(label))}(?!\w)", ln)]
            if any(all(any(passes(q, x, float(row[c])) for x in numbers_in(ln)) for c in numeric) for ln in lines):
                printed += 1
                break
    need = min(len(frame), 10)
    return [f"{printed} of {len(frame)} rows"] if numeric and need and printed >= need else []


def text_leaks(values, outputs) -> list[str]:
    found = []
    for v in values:
        if isinstance(v, str) and len(v) >= 4:
            for cell, text in outputs:
                if f"'{v}'" in text or f'"{v}"' in text:
                    found.append(f"{v!r} (cell {cell})")
                    break
    return found


def in_order(items, outputs) -> list[str]:
    for cell, text in outputs:
        pos = 0
        for item in items:
            pos = text.find(str(item), pos)
            if pos < 0:
                break
            pos += len(str(item))
        else:
            return [f"all {len(items)} items in order (cell {cell})"]
    return []


def leaks(q, outputs) -> list[str]:
    e = q.expected
    if isinstance(q, core.FrameQuestion):
        return row_leaks(q, e, outputs)
    if isinstance(q, core.MappingQuestion):
        # A label the prompt itself offers as an option ('eagle', 'peacock', ...) gives nothing away when a
        # chapter prints it: the student is told the options and must find which goes with which key.
        offered = [v for v in e.values() if isinstance(v, str) and (f"'{v}'" in q.prompt or f'"{v}"' in q.prompt)]
        return number_leaks(q, e.values(), outputs) + text_leaks([v for v in e.values() if v not in offered], outputs)
    if isinstance(q, core.SequenceQuestion):
        items = list(e)
        if all(isinstance(x, str) for x in items):
            return in_order(items, outputs)
        return number_leaks(q, items, outputs)
    if isinstance(q, core.ChoiceQuestion):
        return text_leaks([e], outputs)
    if isinstance(q, core.NumberQuestion):
        return number_leaks(q, [e], outputs)
    return []


CASES = [(ch, var) for ch in ex.chapters() for var in ex.questions(ch) if chapter_notebooks(ch)]


@pytest.mark.parametrize("chapter,var", CASES, ids=[f"{c}.{v}" for c, v in CASES])
def test_no_chapter_notebook_prints_the_answer(chapter, var):
    q = ex.questions(chapter)[var]
    for path in chapter_notebooks(chapter):
        found = leaks(q, text_outputs(path))
        assert not found, (f"{path.name} prints the answer of {chapter}.{var}: {'; '.join(found)}. Use other "
                           "numbers in the chapter's worked example (or the exercise), or stop before the answer.")


# --- the detector itself ---------------------------------------------------------------------

def test_the_detector_finds_numbers_rows_and_terms():
    q = core.NumberQuestion("N", "?", expected=lambda: 994.7368)
    assert number_leaks(q, [q.expected], [(3, "advantage worth ¥  994.74 -> switch")])
    assert number_leaks(q, [q.expected], [(3, "np.float64(994.737)")])
    assert not number_leaks(q, [q.expected], [(3, "advantage worth ¥ 1,200.00; 99.47 %")])
    assert number_leaks(core.NumberQuestion("M", "?", expected=lambda: 2400.0), [2400.0], [(1, "total 2,400.0")])
    small = core.NumberQuestion("S", "?", expected=lambda: 4, abs_tol=0, rel_tol=0)
    assert not number_leaks(small, [4], [(1, "4 trips")])  # not distinctive
    s = pd.Series({"airport": 23.43, "cruise": 2.28}, name="profit")
    f = core.FrameQuestion("F", "?", expected=lambda: s)
    assert row_leaks(f, s, [(1, "strategy\nairport    23.43\ncruise      2.28\n")])
    assert not row_leaks(f, s, [(1, "strategy\nairport    23.43\ncruise      5.00\n")])
    c = core.ChoiceQuestion("C", "?", expected=lambda: "time", choices=["time", "fuel"])
    assert leaks(c, [(1, "Q5: ✔ Correct. 'time' is right.")]) and not leaks(c, [(1, "time is money")])
    seq = core.SequenceQuestion("L", "?", expected=lambda: ["listen", "apologise", "thank"])
    assert leaks(seq, [(1, "listen -> apologise -> thank")]) and not leaks(seq, [(1, "thank, listen, apologise")])
    assert not math.isnan(numbers_in("−3.5")[0]) and numbers_in("−3.5") == [-3.5]
    assert 700 not in numbers_in("<Figure size 700x380 with 1 Axes>")  # a size is not a printed result
    growth = core.NumberQuestion("G", "?", expected=lambda: 0.14870, abs_tol=0.0005)
    assert number_leaks(growth, [growth.expected], [(1, "means 14.87% growth a year")])
