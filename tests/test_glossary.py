"""The glossary dataset: every term of the syllabus's Part D, English and Chinese."""

from __future__ import annotations

from crmkit import data
from crmkit.synth import glossary


def test_glossary_has_every_term():
    g = data.load("glossary")
    assert len(glossary.TERMS) == 165  # the rows of the Part D table, counted by hand
    assert len(glossary.COURSE_TERMS) == 70  # the course's own analytics terms [added], counted by hand
    assert len(g) == 165 + 70
    assert list(g.columns) == ["english", "chinese", "chapter"]
    assert g["english"].is_unique
    assert g["chinese"].str.len().min() >= 2 and g["english"].str.len().min() >= 3


def test_known_terms_and_chapters():
    g = data.load("glossary").set_index("english")
    assert g.loc["customer relationship management (CRM)", "chinese"] == "客户关系管理"
    assert g.loc["switching cost", "chinese"] == "转移成本"
    assert g.loc["customer lifetime value (CLV, LTV)", "chapter"] == "05"
    assert g.loc["RFM analysis", "chapter"] == "04"
    assert g.loc["credit limit", "chinese"] == "授信额度"
    assert g.loc["credit limit", "chapter"] == "10"
    assert g.loc["crisis marketing", "chinese"] == "危机行销法"
    assert set(g["chapter"]) <= {f"{i:02d}" for i in range(13)}


def test_course_terms_use_the_chapters_chinese():
    g = data.load("glossary").set_index("english")
    assert g.loc["holdout period", "chinese"] == "验证期"
    assert g.loc["censoring (censored customer)", "chinese"] == "删失"
    assert g.loc["expected retention period", "chinese"] == "预期留存期"
    assert g.loc["expected retention period", "chapter"] == "05"
    assert g.loc["as-of date", "chinese"] == "截止日期"
    assert "冠军客户" in g.loc["champions / loyal customers / potential loyalists / promising / need attention", "chinese"]
    assert g.loc["sales funnel", "chapter"] == "12"
    # the Part D terms come first, unchanged; the course's terms follow in chapter order
    assert list(g.index[:165]) == [t[0] for t in glossary.TERMS]
    assert list(g["chapter"].iloc[165:]) == sorted(g["chapter"].iloc[165:])
