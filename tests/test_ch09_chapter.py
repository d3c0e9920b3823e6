"""Chapter 09 shows the assumptions behind its headline numbers (issue 9): the retention lift by
horizon and margin growth, the churn model's gains chart and caveat, the seminar time, the panel."""

from __future__ import annotations

import json

import pytest

from crmkit import loyalty

from .conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "09_retention_churn.ipynb"


def _lift_by_hand(r, inc, g, d, horizon):
    value = lambda rho: sum(((1 + g) * rho / (1 + d)) ** t for t in range(horizon))  # noqa: E731
    return value(r + inc) / value(r) - 1


def test_the_lift_rests_on_horizon_and_margin_growth():
    # two years, 90 % -> 95 %, margins +10 %/yr, discount 10 %: (1 + 0.95) / (1 + 0.90) - 1 = 0.026316
    assert loyalty.retention_lift(0.90, 0.05, margin_growth=0.10, discount=0.10, horizon=2) == pytest.approx(0.05 / 1.9)
    # the chapter's headline +86 % is the 50-year figure with margins growing 10 % a year ...
    assert loyalty.retention_lift(0.90, 0.05, margin_growth=0.10, horizon=50) == pytest.approx(0.856, abs=0.0005)
    # ... over 5 years it is about +10 %, with or without margin growth
    for g in (0.0, 0.05, 0.10):
        five = loyalty.retention_lift(0.90, 0.05, margin_growth=g, horizon=5)
        assert five == pytest.approx(_lift_by_hand(0.90, 0.05, g, 0.10, 5))
        assert 0.09 < five < 0.11
    # longer horizons and faster margin growth both raise it
    lifts = [loyalty.retention_lift(0.90, 0.05, margin_growth=0.10, horizon=h) for h in (5, 10, 20, 30, 50)]
    assert lifts == sorted(lifts)
    assert lifts[-1] == pytest.approx(_lift_by_hand(0.90, 0.05, 0.10, 0.10, 50))


def _cells():
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]


def _outputs(cell):
    out = []
    for o in cell.get("outputs", []):
        out.append("".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", "")))
    return "\n".join(out)


def test_the_notebook_shows_the_assumptions_and_the_missing_items():
    cells = _cells()
    assert "*About 85 minutes in a seminar" in "".join(cells[0]["source"])
    text = "\n".join("".join(c["source"]) for c in cells)
    outputs = "\n".join(_outputs(c) for c in cells if c["cell_type"] == "code")
    # the horizon table is printed, with the 50-year +86 % and the 5-year +10 %
    horizon = next(_outputs(c) for c in cells if "horizon=h" in "".join(c["source"]))
    assert "horizon 50 years" in horizon and "+86%" in horizon and "horizon 5 years" in horizon and "+10%" in horizon
    assert "50 years" in text and "10 % a year" in text  # said in words too
    assert "plots.gains_chart(model.gains)" in text and "a model finds who will leave, not why" in text
    assert "ComplaintIcebergPanel()" in text
    for term in ("服务的四个层次", "四种类型的服务", "客户关怀", "服务水准线", "投诉冰山"):
        assert term in text
    assert "¥366.67" in outputs and "¥275.00" in outputs  # customer care: 70 % -> 80 % retention
    # win-back: a customer won back is valued at his own (lower) retention, next to one never lost; both timings
    assert "won_back_retention=0.6" in text and "Thomas, Blattberg and Fox 2004" in text
    assert "¥220.00" in outputs and "¥366.67" in outputs and "−¥8,000.00" in outputs
    assert "break-even won-back retention: 55%" in outputs
    assert "## The chapter's headline numbers and what they rest on" in text
