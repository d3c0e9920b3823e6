"""The figures a chapter *writes* in its text agree with the outputs it *prints* beside them.

Chapter text is typed; outputs are computed (and nbval holds them to a fresh run). When a dataset is
regenerated, the outputs move and typed figures can silently go stale: this test reads both from the
committed notebooks and fails when the text no longer says what the output shows.
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from .conftest import ROOT


def _notebook(name):
    return json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))["cells"]


def _text(cells) -> str:
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def _output(cells, code_contains: str) -> str:
    """The plain-text output of the code cell whose source contains ``code_contains``."""
    for c in cells:
        if c["cell_type"] == "code" and code_contains in "".join(c["source"]):
            parts = ["".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
                     for o in c.get("outputs", [])]
            return "\n".join(parts)
    raise AssertionError(f"no code cell contains {code_contains!r}")


def _row(output: str, label: str) -> list[float]:
    """The numbers on the line of a printed table that starts with ``label``."""
    line = next(ln for ln in output.splitlines() if ln.startswith(label + " "))  # a row, not the header
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", line[len(label):].replace(",", ""))]


def _money(x: float) -> str:
    return f"¥{x:,.0f}"


@pytest.fixture(scope="module")
def ch03():
    return _notebook("03_abc_tiering.ipynb")


@pytest.fixture(scope="module")
def ch04():
    return _notebook("04_rfm.ipynb")


@pytest.fixture(scope="module")
def ch05b():
    return _notebook("05b_clv_models.ipynb")


def test_chapter_03_says_what_its_outputs_show(ch03):
    text = _text(ch03)
    median = _row(_output(ch03, "revenue.describe()"), "50%")[0]
    assert f"less than about {_money(round(median, -2))} in three years" in text

    pyramid = _output(ch03, "margin_rate = round(")
    platinum, lead = _row(pyramid, "platinum"), _row(pyramid, "lead")
    customers = sum(_row(pyramid, k)[0] for k in ("platinum", "gold", "iron", "lead"))
    assert f"5 % of the customers — {platinum[0]:.0f} —" in text
    loss = -lead[1]
    assert f"about {_money(round(loss / 5000) * 5000)} more than they bring" in text
    share = lead[3] / customers  # lead customers who lose money, as a share of all customers
    assert ("more than a third" if share > 1 / 3 else "nearly a third") in text


def test_chapter_04_says_what_its_outputs_show(ch04):
    text = _text(ch04)
    corr = _output(ch04, 'corr(method="spearman")')
    f_row = _row(corr, "frequency")
    assert f"almost alike ({f_row[1]:.2f})" in text
    assert f"nearly unrelated to frequency ({f_row[2]:.2f})" in text

    check = _output(ch04, "share who bought again")
    back = {name: _row(check, name)[1] for name in ("重要价值客户", "一般价值客户", "重要保持客户")}
    best = (back["重要价值客户"] + back["一般价值客户"]) / 2
    assert 0.6 <= best < 0.72 and "about two in three within six months" in text
    assert round(1 / back["重要保持客户"]) == 10 and "only about one in ten of the 重要保持客户" in text


def test_chapter_05b_says_what_its_outputs_show(ch05b):
    text = _text(ch05b)
    holdout = _output(ch05b, "error in %")
    predicted = _row(holdout, "predicted")[-1]
    actual = _row(holdout, "actual")[-1]
    error = _row(holdout, "error")[-1]
    assert f"predicts {abs(round(error)):.0f} % fewer purchases" in text
    assert f"about {round(predicted, -1):,.0f} against {actual:,.0f}" in text
    assert error == pytest.approx(100 * (predicted / actual - 1), abs=0.05)


def test_the_reader_of_tables_can_fail():
    out = "        lead    b\nlead   -74977.0  1846\nplatinum 250 1"
    assert _row(out, "lead") == [-74977.0, 1846.0]
    with pytest.raises(StopIteration):
        _row(out, "gold")
    assert pd.notna(_row(out, "platinum")[0])


def test_chapter_09_headline_table_says_what_its_outputs_show():
    cells = _notebook("09_retention_churn.ipynb")
    text = _text(cells)
    churn = float(re.search(r"churn rate in 2024 of customers active on 1 Jan 2024: ([\d.]+)%",
                            _output(cells, "loyalty.churn_rate(contracts")).group(1))
    assert f"| {churn:.1f} % churn in 2024 |" in text
    model = _output(cells, "loyalty.churn_model(")
    auc = float(re.search(r"holdout AUC ([\d.]+)", model).group(1))
    top10, top20 = _row(model, "1"), _row(model, "2")
    assert f"AUC {auc:.3f}, top-10 % lift {top10[2]:.2f}" in text
    assert 0.3 <= top20[1] < 0.37 and "contact the riskiest 20 % and you reach about a third of the churners" in text
