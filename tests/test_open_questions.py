"""Open questions graded by hand against a rubric (issue 20): ``OpenQuestion``'s check, hint and
solution, its length rule (a Chinese character counts half a word), its graded-release spec (the rubric,
never the model answer) and the translation of its rubric and model answer."""

from __future__ import annotations

import pytest

from crmkit import i18n
from crmkit.errors import ParameterError
from crmkit.exercises import INCORRECT, NOT_ATTEMPTED, RECORDED, WRONG_SHAPE, WRONG_TYPE, OpenQuestion
from crmkit.exercises._core import AnswersWithheld, count_words, question_from_spec

MODEL = "Keep the champions with a loyalty tier and call the at-risk big spenders within a week."


def _q(**kw):
    return OpenQuestion("Q9", "Write a retention plan. Answer as a text (a Python str) of 40-120 words.",
                        rubric=[("names the segment and why it matters", 2), ("a measurable target", 1),
                                ("a cost and a check of the result", 2)],
                        model_answer=MODEL, hints=["Start from the class table."], **kw)


def test_check_records_a_text_lists_the_rubric_and_never_says_correct():
    q = _q(min_words=10)
    fb = q.check("word " * 30)
    assert fb.outcome == RECORDED and not fb.correct
    assert "instructor grades it by hand" in fb.message and "5 points" in fb.message
    assert "1. names the segment and why it matters (2 points)" in fb.code
    assert "2. a measurable target (1 point)" in fb.code
    assert MODEL not in repr(fb)


@pytest.mark.parametrize("answer, outcome, words", [
    (..., NOT_ATTEMPTED, "Replace"), (None, NOT_ATTEMPTED, "Replace"), (42, WRONG_TYPE, "text"),
    (["one part", "another part"], WRONG_SHAPE, "join them"), ("   ", INCORRECT, "empty"),
    ("too short", INCORRECT, "at least 10"),
])
def test_unanswered_wrong_type_and_too_short_are_told_apart(answer, outcome, words):
    fb = _q(min_words=10).check(answer)
    assert fb.outcome == outcome and words in fb.message, repr(fb)


def test_chinese_characters_count_as_half_a_word():
    assert count_words("客户关系管理") == 3
    assert count_words("RFM 分析客户分成八类, customer's value is 2.5") == 1 + 4 + 4
    q = _q(min_words=20)
    assert q.check("客" * 39).outcome == INCORRECT  # 19.5 words
    assert q.check("客" * 40).outcome == RECORDED


def test_solution_shows_the_model_answer_and_the_rubric():
    fb = _q().solution()
    assert MODEL in fb.message and "Rubric (5 points)" in fb.message and not fb.correct


def test_the_spec_carries_the_rubric_never_the_model_answer_and_round_trips():
    q = _q(min_words=15)
    spec = q.spec()
    assert spec["rubric"] == [["names the segment and why it matters", 2], ["a measurable target", 1],
                              ["a cost and a check of the result", 2]]
    assert MODEL not in repr(spec) and "model" not in " ".join(spec)
    g = question_from_spec(spec)
    assert g.is_graded and g.rubric == q.rubric and g.min_words == 15 and g.spec() == spec
    assert g.check("word " * 20).outcome == RECORDED and g.check("short").outcome == INCORRECT
    assert "withheld" in g.solution().message and MODEL not in repr(g.solution())
    with pytest.raises(AnswersWithheld):
        g.model_answer
    with pytest.raises(AnswersWithheld):
        g.expected


@pytest.mark.parametrize("rubric", [[], "a plan: 2", [("a plan", 0)], [("a plan", True)], [(2, "a plan")],
                                    [("a plan", float("nan"))], [("a", 1, 2)]])
def test_a_bad_rubric_is_refused_with_its_problem(rubric):
    with pytest.raises(ParameterError, match="rubric"):
        OpenQuestion("Q", "Answer as a text.", rubric=rubric)
    spec = _q().spec()
    spec["rubric"] = rubric
    with pytest.raises(ParameterError):
        question_from_spec(spec)


def test_rubric_and_model_answer_are_translated_from_the_chapter_catalogue(monkeypatch):
    from crmkit.i18n import catalogs

    q = _q()
    monkeypatch.setattr(q, "location", lambda: ("ch99", "q9"))
    table = {"ch99.q9.rubric.2": "可衡量的目标", "ch99.q9.model": "用会员等级留住重要价值客户。"}
    monkeypatch.setattr(catalogs, "translate", lambda cat, ctx, english: table.get(ctx, english))
    i18n.set_language("zh")
    try:
        assert q.rubric[1] == ("可衡量的目标", 1) and q.model_answer == table["ch99.q9.model"]
        fb = q.check("客户" * 40)
        assert "2. 可衡量的目标（1 分）" in fb.code and "人工评分" in fb.message
    finally:
        i18n.set_language("en")


def test_editions_update_lists_the_rubric_and_model_entries(monkeypatch):
    from crmkit import exercises
    from crmkit.i18n import editions

    monkeypatch.setattr(exercises, "questions", lambda chapter: {"q9": _q()})
    contexts = {ctx: text for ctx, text, _ in editions.question_sources("ch99")}
    assert contexts["ch99.q9.rubric.1"] == "names the segment and why it matters"
    assert contexts["ch99.q9.rubric.3"] == "a cost and a check of the result"
    assert contexts["ch99.q9.model"] == MODEL and "ch99.q9.hint.1" in contexts


def test_a_graded_package_keeps_the_rubric_and_drops_the_model_answers(tmp_path):
    """build_student_package(graded=True) and the grader's sandbox package both run this on their copy."""
    import shutil

    from crmkit import release
    from crmkit.exercises import ch13
    from crmkit.i18n import catalogs

    folder = tmp_path / "crmkit" / "locale" / catalogs.LOCALE / "LC_MESSAGES" / "exercises"
    folder.mkdir(parents=True)
    shutil.copy(catalogs.PACKAGE_CATALOGS / "exercises" / "ch13.po", folder / "ch13.po")
    release._withhold_model_answers(tmp_path / "crmkit")
    text = (folder / "ch13.po").read_text(encoding="utf-8")
    assert "ch13.q7.rubric.1" in text and "ch13.q7.prompt" in text
    assert ".model" not in text and ch13.q7.english("model")[:80] not in text
    assert catalogs.read(folder / "ch13.po")["ch13.q9.rubric.5"].text  # still a valid catalogue, translations kept
