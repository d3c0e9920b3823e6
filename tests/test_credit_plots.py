"""Chapter 10's charts draw the numbers they are given."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure

from crmkit import credit, i18n, plots

from .test_credit import c11_invoices


@pytest.fixture
def ax():
    return Figure().add_subplot()


def test_charts_are_reachable_by_name():
    for name in ("ageing_chart", "limit_chart", "score_chart"):
        assert callable(getattr(plots, name))


def test_ageing_chart_bars_and_bad_debt(ax):
    age = credit.ageing(c11_invoices(), "2024-12-31")
    plots.ageing_chart(age, credit.expected_bad_debt(age), ax=ax)
    assert [b.get_height() for b in ax.containers[0]] == [50_000, 30_000, 100_000, 0, 80_000]
    assert [b.get_height() for b in ax.containers[1]] == pytest.approx([500, 900, 10_000, 0, 40_000])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["not yet due", "1-30 days", "31-60 days", "61-90 days",
                                                           ">90 days"]


def test_limit_chart_marks_the_customers_over_their_limit(ax):
    t = pd.DataFrame({"customer_id": ["a", "b", "c"], "receivables": [100.0, 500.0, 300.0],
                      "credit_limit": [200.0, 350.0, 250.0]})
    plots.limit_chart(credit.limit_warnings(t), ax=ax)
    bars = ax.containers[0]
    # drawn from the bottom: a (ok), c, b (the worst excess on top)
    assert [b.get_width() for b in bars] == [100.0, 300.0, 500.0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "c", "b"]
    assert ax.collections[0].get_offsets()[:, 0].tolist() == [200.0, 250.0, 350.0]


def test_score_chart_counts_every_customer(ax):
    scores = pd.DataFrame({"score": [72.0, 84.5, 40.0, 90.0]})
    plots.score_chart(scores, ax=ax)
    assert sum(p.get_height() for p in ax.patches) == 4
    assert {t.get_text() for t in ax.texts} == {"AAA", "AA", "A", "B", "C"}


def test_chinese_titles(ax, monkeypatch):
    monkeypatch.setattr(i18n, "cjk_font", lambda: "Noto Sans CJK SC")
    try:
        i18n.set_language("zh")
        plots.ageing_chart(credit.ageing(c11_invoices(), "2024-12-31"), ax=ax)
        assert ax.get_title(loc="left") == "应收账款账龄"
        assert ax.get_xticklabels()[0].get_text() == "未到期"
    finally:
        i18n.set_language("en")
