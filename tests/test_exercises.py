"""The check / hint / solution machinery, and every question of every chapter.

Each question declared in crmkit/exercises/chNN.py is tried here with None and ``...`` (not
attempted) and with a wrong type, shape and value (each its own friendly message, never an
exception). That each reference *solution* passes its check is tested on the solution notebooks
(tests/test_exercise_notebooks.py), the one place solutions live.
"""

from __future__ import annotations

import datetime
import decimal
import fractions
import re

import numpy as np
import pandas as pd
import pytest

from crmkit import exercises as ex
from crmkit.exercises import (
    INCORRECT,
    NOT_ATTEMPTED,
    WRONG_SHAPE,
    WRONG_TYPE,
    ChoiceQuestion,
    Feedback,
    FrameQuestion,
    MappingQuestion,
    NumberQuestion,
    OpenQuestion,
    SequenceQuestion,
    _source,
)

from .conftest import ROOT

QUESTIONS = ex.all_questions()


def test_there_are_questions_for_the_opening_chapter():
    assert {"ch00.q1", "ch00.q6"} <= set(QUESTIONS)


@pytest.mark.parametrize("key", sorted(QUESTIONS))
@pytest.mark.parametrize("blank", [None, ...])
def test_unanswered_is_not_attempted(key, blank):
    fb = QUESTIONS[key].check(blank)
    assert fb.outcome == NOT_ATTEMPTED
    assert "Not attempted" in repr(fb) and "hint()" in repr(fb)


@pytest.mark.parametrize("key", sorted(QUESTIONS))
def test_wrong_answers_get_their_own_message(key):
    q = QUESTIONS[key]
    wrong = q.wrong_answers()
    assert set(wrong) == {"type", "shape", "value"}
    outcomes = {kind: q.check(answer) for kind, answer in wrong.items()}
    assert outcomes["type"].outcome in (WRONG_TYPE, WRONG_SHAPE), repr(outcomes["type"])
    assert outcomes["shape"].outcome in (WRONG_SHAPE, WRONG_TYPE), repr(outcomes["shape"])
    assert outcomes["value"].outcome == INCORRECT, repr(outcomes["value"])
    for fb in outcomes.values():
        assert fb.message and not fb.correct
        assert "<div" in fb._repr_html_()


@pytest.mark.parametrize("key", sorted(QUESTIONS))
def test_hints_come_in_order(key):
    q = QUESTIONS[key]
    q._hints_shown = 0
    assert q.hints, "every question has at least one hint"
    first = q.hint()
    assert q.hints[0] in first.message
    if len(q.hints) > 1:
        assert q.hints[1] in q.hint().message


@pytest.mark.parametrize("key", sorted(QUESTIONS))
def test_solution_is_read_from_the_solution_notebook(key):
    q = QUESTIONS[key]
    chapter, var = key.split(".")
    assert q.location() == (chapter, var)
    path = _source.notebook_for(chapter, ROOT / "solutions")
    cells = _source.cells(path)
    i = _source.check_cell_index(cells, chapter, var)
    assert i is not None, f"{path.name} has no cell calling {key}.check(...)"
    source = cells[i]["source"]
    region = source[source.index(_source.BEGIN) + len(_source.BEGIN):source.index(_source.END)].strip("\n")
    fb = q.solution()
    assert fb.code == region.strip("\n") and fb.code
    assert path.name in fb.message


def test_a_solution_text_in_the_declaration_is_refused():
    # the solution notebook is a solution's one source: the old ``solution=`` argument is gone
    with pytest.raises(TypeError, match="solution"):
        NumberQuestion("N", "?", expected=lambda: 1.0, solution="x = 1")


def test_a_copy_without_solutions_says_so_kindly(monkeypatch):
    from crmkit.exercises import ch00

    monkeypatch.setattr(_source, "solutions_dir", lambda: None)
    fb = ch00.q1.solution()
    assert fb.code is None and not fb.correct
    assert fb.message == "The solutions are not part of this copy of the course; ask your instructor."


def test_solution_lookup_in_a_folder_without_the_chapter(tmp_path):
    assert _source.solution_code("ch00", "q1", folder=tmp_path) == (None, None)
    (tmp_path / "ch00_x.ipynb").write_text('{"cells": [{"cell_type": "code", "source": "ch00.q1.check(x)"}]}')
    path, code = _source.solution_code("ch00", "q1", folder=tmp_path)
    assert path.name == "ch00_x.ipynb" and code is None


def test_solutions_folder_is_found_from_the_environment(tmp_path, monkeypatch):
    (tmp_path / "ch99_demo.ipynb").write_text('{"cells": []}')
    monkeypatch.setenv("CRMKIT_SOLUTIONS", str(tmp_path))
    assert _source.solutions_dir() == tmp_path


def test_a_question_outside_a_chapter_has_no_solution_notebook():
    fb = NumberQuestion("N", "?", expected=lambda: 1.0).solution()
    assert fb.code is None and "no chapter" in fb.message


# --- the machinery on small hand-made questions ---------------------------------------------

def number():
    return NumberQuestion("N", "how much?", expected=lambda: 34.71, hints=["h1", "h2"])


def test_number_question_messages():
    q = number()
    assert q.check(34.7).correct
    assert q.check(34.71 * 1.0005).correct  # within the relative tolerance
    fb = q.check(22.35)
    assert fb.outcome == INCORRECT and "too low by about 36 %" in fb.message
    assert "too high" in q.check(40).message
    assert q.check("34.71").outcome == WRONG_TYPE and "Remove the quotes" in q.check("34.71").message
    assert q.check([1, 2]).outcome == WRONG_SHAPE
    assert q.check(True).outcome == WRONG_TYPE
    assert "NaN" in q.check(float("nan")).message
    assert q.check(pd.Series([34.71])).correct  # a one-value Series is a number


def test_feedback_plain_text_is_deterministic_and_html_is_coloured():
    fb = number().check(34.71)
    assert repr(fb) == "N: ✔ Correct. 34.71 is right."
    assert "#1a7f37" in fb._repr_html_()
    assert bool(fb) is True and bool(number().check(1)) is False


def test_hint_sequence_and_bounds():
    q = number()
    assert "h1" in q.hint().message
    assert "h2" in q.hint().message
    assert "h2" in q.hint().message  # stays on the last one
    assert "hints 1 to 2" in q.hint(5).message
    assert NumberQuestion("M", "?", expected=lambda: 1).hint().title == "No hint"


def test_a_checker_that_crashes_is_reported_not_raised():
    q = NumberQuestion("X", "?", expected=lambda: 1 / 0)
    fb = q.check(3)
    assert fb.outcome == "checker error" and "ZeroDivisionError" in fb.message
    table = FrameQuestion("T", "?", expected=lambda: 1 / 0)  # its kind (Series or table) needs the value
    assert table.check(...).outcome == NOT_ATTEMPTED and "an answer" in table.check(...).message
    assert table.check(pd.Series([1.0])).outcome == "checker error"


def test_choice_question_accepts_aliases_and_names_the_options():
    q = ChoiceQuestion("C", "?", expected=lambda: "time", choices=["kilometres", "time"], aliases={"时间": "time"})
    assert q.check(" Time ").correct and q.check("时间").correct
    assert "not one of the options" in q.check("luck").message
    assert q.check("kilometres").outcome == INCORRECT
    assert q.check(1).outcome == WRONG_TYPE


def test_sequence_question_spots_order_errors():
    q = SequenceQuestion("S", "?", expected=lambda: ["a", "b", "c"])
    assert q.check(("a", "b", "c")).correct
    assert "order is not" in q.check(["b", "a", "c"]).message
    assert q.check(["a", "b"]).outcome == WRONG_SHAPE
    assert q.check("abc").outcome == WRONG_TYPE


def test_mapping_question_names_missing_and_wrong_keys():
    q = MappingQuestion("M", "?", expected=lambda: {"current": 50.0, "overdue": 30.0, "grade": "A"})
    assert q.check({"current": 50, "overdue": 30, "grade": "a"}).correct
    assert "missing key(s) ['grade']" in q.check({"current": 50, "overdue": 30}).message
    assert "['overdue']" in q.check({"current": 50, "overdue": 31, "grade": "A"}).message


def test_frame_question_checks_columns_rows_and_values():
    exp = pd.DataFrame({"r": [1.0, 2.0], "f": [3, 4]}, index=pd.Index(["a", "b"], name="customer_id"))
    q = FrameQuestion("F", "?", expected=lambda: exp)
    assert q.check(exp.iloc[::-1]).correct  # row order does not matter, labels do
    assert "lacks the column(s) ['f']" in q.check(exp[["r"]]).message
    assert q.check(exp.iloc[:1]).outcome == WRONG_SHAPE
    assert "index" in q.check(exp.reset_index(drop=True)).message
    bad = exp.copy()
    bad.loc["b", "r"] = 3.0
    fb = q.check(bad)
    assert fb.outcome == INCORRECT and "['r']" in fb.message and "'b'" in fb.message
    assert q.check(exp.to_dict()).correct  # a dict of columns is the same table
    assert q.check(exp.to_dict("list")).outcome == WRONG_TYPE  # lists without row labels are not


# --- lenient where the value is the same, plain-spoken where it is not ----------------------

@pytest.mark.parametrize("key", sorted(QUESTIONS))
def test_every_question_text_states_the_form_with_an_example(key):
    prompt = QUESTIONS[key].prompt
    if isinstance(QUESTIONS[key], OpenQuestion):  # an essay's form is "a text of N-M words"; no example to copy
        assert "Answer " in prompt and "text" in prompt, f"{key}: say that the answer is a text, and how long"
        return
    assert "Answer " in prompt and "e.g." in prompt, f"{key}: say the expected form with an example"


def test_equivalent_containers_are_accepted():
    m = MappingQuestion("M", "?", expected=lambda: {"a": 1.5, "b": 2.0})
    assert m.check(pd.Series({"a": 1.5, "b": 2.0})).correct
    assert m.check(pd.DataFrame({"v": [1.5, 2.0]}, index=["a", "b"])).correct
    s = SequenceQuestion("S", "?", expected=lambda: [1.0, 2.0, 3.0])
    for form in ([1, 2, 3], (1, 2, 3), np.array([1.0, 2.0, 3.0]), pd.Series([1, 2, 3]), pd.Index([1, 2, 3]),
                 pd.DataFrame({"x": [1, 2, 3]})):
        assert s.check(form).correct, type(form)
    series = pd.Series({"airport": 12.5, "short": -3.0})
    f = FrameQuestion("F", "?", expected=lambda: series)
    assert f.check(series.to_frame("profit")).correct
    assert f.check({"airport": 12.5, "short": -3.0}).correct
    one_col = FrameQuestion("G", "?", expected=lambda: series.to_frame("profit"))
    assert one_col.check(series).correct
    n = NumberQuestion("N", "?", expected=lambda: 2.5)
    assert n.check(pd.Series([2.5])).correct and n.check(np.float64(2.5)).correct and n.check(np.array([2.5])).correct


def test_an_answer_rounded_to_the_shown_precision_is_right():
    from crmkit.exercises import ch03

    assert ch03.q2.decimals == 2
    e = ch03.q2.expected
    assert round(e, 4) == 0.7578  # 520+310+260+150+120+95 of 1,920 (hand-computed: 1455 / 1920)
    fb = ch03.q2.check(0.76)
    assert fb.correct and "rounded to 2 decimals" in fb.message
    assert ch03.q2.check(1455 / 1920).correct
    close = ch03.q2.check(0.8)
    assert close.outcome == INCORRECT and "keep full precision" in close.message and "1 decimal" in close.message
    assert ch03.q2.check(0.77).outcome == INCORRECT and "keep full precision" not in ch03.q2.check(0.77).message
    q = NumberQuestion("N", "?", expected=lambda: 34.7059)
    assert q.decimals == 2 and q.check(34.71).correct
    assert "keep full precision" in q.check(35).message and "0 decimal" in q.check(35).message


def test_times_100_is_recognised_both_ways():
    frac = NumberQuestion("F", "?", expected=lambda: 0.6458, abs_tol=0.001)
    fb = frac.check(64.58)
    assert fb.outcome == INCORRECT and "percentage (×100)" in fb.message and "divide by 100" in fb.message
    nps = NumberQuestion("P", "?", expected=lambda: 20.0)
    fb = nps.check(0.2)
    assert fb.outcome == INCORRECT and "looks like a fraction" in fb.message and "multiply by 100" in fb.message
    m = MappingQuestion("M", "?", expected=lambda: {"gain": 0.4, "nps": 20.0})
    fb = m.check({"gain": 0.4, "nps": 0.2})
    assert fb.outcome == INCORRECT and "For 'nps'" in fb.message and "multiply by 100" in fb.message
    f = FrameQuestion("S", "?", expected=lambda: pd.Series({"a": 0.25, "b": 0.5}))
    assert "×100" in f.check(pd.Series({"a": 25.0, "b": 50.0})).message


def test_a_wrong_type_inside_a_mapping_is_a_type_error_and_named():
    q = MappingQuestion("M", "?", expected=lambda: {"total": 650.0, "decision": "stay"})
    fb = q.check({"total": "650", "decision": "stay"})
    assert fb.outcome == WRONG_TYPE and "'total'" in fb.message and "a str" in fb.message
    fb = q.check({"total": 650, "decision": 1})
    assert fb.outcome == WRONG_TYPE and "'decision'" in fb.message and "an int" in fb.message
    assert q.check({"total": True, "decision": "stay"}).outcome == WRONG_TYPE
    s = SequenceQuestion("S", "?", expected=lambda: ["a", "b"])
    assert s.check(["a", 2]).outcome == WRONG_TYPE and "Item 2" in s.check(["a", 2]).message


def test_bools_and_complex_numbers_are_not_numbers():
    q = number()
    for bad in (True, np.bool_(False), 34.71 + 0j, np.complex128(34.71)):
        fb = q.check(bad)
        assert fb.outcome == WRONG_TYPE, bad
    assert "truth value" in q.check(True).message and "complex" in q.check(34.71 + 0j).message
    assert q.check(np.array([34.71 + 0j])).outcome == WRONG_SHAPE or not q.check(np.array([34.71 + 0j])).correct


def test_feedback_on_a_huge_answer_is_cut_to_a_readable_length():
    q = ChoiceQuestion("C", "?", expected=lambda: "time", choices=["kilometres", "time"])
    assert len(q.check("x" * 100_000).message) < 200
    assert len(number().check("9" * 100_000).message) < 250
    m = MappingQuestion("M", "?", expected=lambda: {"a": 1.0})
    fb = m.check({f"k{i}": i for i in range(10_000)} | {"a": 1.0})
    assert fb.outcome == WRONG_SHAPE and len(fb.message) < 300 and "more" in fb.message
    # 200 items, every one in the wrong place: the positions would fill a page (the order check compares each
    # item with every expected one, so a list as long as no exercise has costs quadratic time, not a finding)
    s = SequenceQuestion("S", "?", expected=lambda: list(range(200)))
    assert len(s.check(list(range(1, 201))).message) < 300


def test_wording():
    q = ChoiceQuestion("C", "?", expected=lambda: "time", choices=["kilometres", "time"])
    assert "an int" in q.check(3).message and "a int" not in q.check(3).message
    assert "a float" in q.check(3.0).message
    m = MappingQuestion("M", "?", expected=lambda: {"a": 1.0, "b": 2.0})
    assert "others are right" in m.check({"a": 1.0, "b": 5.0}).message
    assert "others" not in m.check({"a": 9.0, "b": 5.0}).message  # no "others" when none is right
    assert "slightly too high (by less than 1 %)" in number().check(34.9).message
    assert "too high by about 1 %" not in number().check(34.9).message
    assert "about 1,000 times the right size" in number().check(34710).message
    assert "100 times the right value" in number().check(3471).message  # not "asks for a fraction"
    assert "a hundredth" in NumberQuestion("B", "?", expected=lambda: 6401.91).check(64.0191).message
    assert "far too low" in NumberQuestion("L", "?", expected=lambda: -34.71).check(-1e308).message
    assert "wrong sign: the right value is positive" in number().check(-1e308).message


def test_one_alias_table_serves_every_question():
    from crmkit.exercises import aliases, ch00, ch04, ch08, ch09

    assert ch00.q1.check("时间").correct and ch00.q1.check("Hours").correct
    assert ch00.q1.check("公里").outcome == INCORRECT  # a term of a wrong option is that option
    steps_zh = ["倾听", "复述并确认", "道歉", "认同感受", "说明纠正措施", "感谢"]
    assert ch09.q2.check(steps_zh).correct
    assert ch08.q1.check({"stock": "替代功能", "prepay": "资本", "pos": "管理和信息", "stake": "资金"}).correct
    english = {k: aliases.TERMS["rfm eight classes"][v][0] for k, v in ch04.q3.expected.items()}
    assert ch04.q3.check(english).correct
    assert ch08.q3.check({**ch08.q3.expected, "decision": "转移"}).correct


@pytest.mark.parametrize("key", sorted(QUESTIONS))
def test_no_spelling_names_two_options_of_one_question(key):
    from crmkit.exercises import aliases

    q = QUESTIONS[key]
    if isinstance(q, ChoiceQuestion):
        options = list(q.choices)
    elif isinstance(q, SequenceQuestion):
        options = [x for x in q.expected if isinstance(x, str)]
    elif isinstance(q, MappingQuestion):
        options = sorted({v for v in q.expected.values() if isinstance(v, str)})
    else:
        return
    seen = {}
    for o in options:
        for sp in aliases.spellings(o):
            assert seen.setdefault(sp, o) == o, f"{key}: {sp!r} names both {seen[sp]!r} and {o!r}"


def test_feedback_is_chinese_in_chinese_mode():
    from crmkit import i18n

    q = number()
    m = MappingQuestion("M", "?", expected=lambda: {"total": 650.0})
    c = ChoiceQuestion("C", "?", expected=lambda: "time", choices=["kilometres", "time"])
    try:
        i18n.set_language("zh")
        assert repr(q.check(34.71)) == "N: ✔ 正确。34.71 是对的。"
        assert "尚未作答" in repr(q.check(...)) and "hint()" in q.check(...).message
        assert "还不对" in repr(q.check(40)) and "偏高" in q.check(40).message
        assert "类型不对" in repr(q.check("34.71")) and "去掉引号" in q.check("34.71").message
        assert "键 'total' 的值应为" in m.check({"total": "x"}).message
        assert "百分数" in NumberQuestion("F", "?", expected=lambda: 0.5).check(50).message
        assert "很接近" in q.check(35).message
        assert "提示 1" in repr(q.hint(1))
        assert c.check("时间").correct and "不是最佳答案" in c.check("kilometres").message
    finally:
        i18n.set_language("en")
    assert repr(q.check(34.71)) == "N: ✔ Correct. 34.71 is right."


class _Stop(BaseException):
    """A BaseException subclass a student's object might raise (neither Exception nor KeyboardInterrupt)."""


def _raising(exc: BaseException):
    """An object each of whose operations (float, ==, len, repr, str, iter, bool, numpy) raises ``exc``."""

    def fail(*args, **kwargs):
        raise exc

    methods = {name: fail for name in ("__float__", "__int__", "__index__", "__eq__", "__ne__", "__lt__", "__len__",
                                       "__repr__", "__str__", "__iter__", "__bool__", "__array__", "__getitem__",
                                       "__format__", "__round__", "__abs__")}
    methods["__hash__"] = lambda self: 1
    return type(f"Raises{type(exc).__name__}", (), methods)()


class _FloatRaises(float):
    def __float__(self):
        raise SystemExit(3)

    def __repr__(self):
        raise SystemExit(4)


class _ClassRaises:
    @property
    def __class__(self):  # isinstance() itself fails on this one
        raise _Stop("no class")


class _DictRaises(dict):
    def __len__(self):
        raise SystemExit(1)

    def items(self):
        raise _Stop("no items")


ODD_ANSWERS = [True, np.bool_(True), 1 + 2j, float("nan"), float("inf"), -1e308, "x" * 100_000, b"bytes", object(),
               [], (), {}, set(), {1, 2}, pd.DataFrame(), pd.Series(dtype=float), np.array([[1, 2], [3, 4]]),
               np.array([]), pd.DataFrame({"a": [1 + 1j]}), {"k": [1, 2]}, [[1], [2]], pd.NaT, pd.NA]

_CYCLIC: list = []
_CYCLIC.append(_CYCLIC)

#: Ordinary values the checker used to fail on (issue 22), and objects whose every operation raises.
NEW_ODD_ANSWERS = {
    "0-d text array": np.array("time"), "0-d float array": np.array(3.5), "0-d int array": np.array(7),
    "0-d bool array": np.array(True), "0-d object array": np.array(object(), dtype=object),
    "10**400": 10**400, "-10**400": -(10**400), "list of 10**400": [10**400] * 4, "dict of 10**400": {"a": 10**400},
    "Series of 10**400": pd.Series([10**400] * 4, dtype=object),
    "timedelta": datetime.timedelta(days=3), "pd.Timedelta": pd.Timedelta("3D"), "np.timedelta64": np.timedelta64(3, "D"),
    "date": datetime.date(2024, 1, 1), "pd.Timestamp": pd.Timestamp("2024-01-01"),
    "np.datetime64": np.datetime64("2024-01-01"), "timedelta Series": pd.Series(pd.to_timedelta([1, 2, 3, 4], "D")),
    "timedelta frame": pd.DataFrame({"a": [pd.Timedelta("1D")]}),
    "np.False_": np.bool_(False), "bool list": [True, False, True, False], "np.int8": np.int8(5),
    "np.float16": np.float16(0.5), "np.str_": np.str_("x"), "Decimal": decimal.Decimal("1.5"),
    "Decimal NaN": decimal.Decimal("NaN"), "Fraction": fractions.Fraction(1, 3),
    "raises ValueError": _raising(ValueError("v")), "raises SystemExit": _raising(SystemExit(2)),
    "raises BaseException subclass": _raising(_Stop("stop")), "raises GeneratorExit": _raising(GeneratorExit()),
    "float whose __float__ raises SystemExit": _FloatRaises(1.0), "__class__ raises": _ClassRaises(),
    "dict whose len raises": _DictRaises(a=1), "list of raising objects": [_raising(SystemExit(1))] * 4,
    "dict of raising objects": {"a": _raising(_Stop("x"))},
    "list holding itself": _CYCLIC, "generator": (i for i in range(3)),
    "a class": int, "masked array": np.ma.masked_array([1, 2], mask=[0, 1]), "Categorical": pd.Categorical(["a", "b"]),
    "frame with a column twice": pd.DataFrame([[1, 2, 3]], columns=["a", "a", "b"]),
    "nullable Int64 Series": pd.Series([1, None, 3, 4], dtype="Int64"),
    "frame of 10**400": pd.DataFrame({"value": [10**400] * 4}, dtype=object),
}
#: An odd value a question may accept: a 0-d array of the right text is that text.
MAY_BE_RIGHT = {"0-d text array", "np.str_"}


def _graded(q):
    from crmkit.exercises._core import question_from_spec

    return question_from_spec(q.spec())


@pytest.mark.parametrize("key", sorted(QUESTIONS))
def test_odd_answers_get_a_short_friendly_message_never_a_checker_error(key):
    q = QUESTIONS[key]
    for answer in ODD_ANSWERS:
        fb = q.check(answer)
        assert fb.outcome != "checker error", (type(answer).__name__, repr(fb))
        assert not fb.correct and fb.message and len(fb.message) < 400, (type(answer).__name__, repr(fb))


SWEEP = {"practice": lambda q: q, "graded": _graded}


@pytest.mark.parametrize("mode", sorted(SWEEP))
@pytest.mark.parametrize("key", sorted(QUESTIONS))
def test_ordinary_and_raising_values_never_fail_the_check(key, mode):
    """Issue 22: 0-d arrays, huge integers, durations and dates, numpy scalars and objects whose every
    operation raises (SystemExit and other BaseException subclasses included) each get a Feedback
    with a message, in practice and in graded mode, never an exception and never "Could not check"."""
    q = SWEEP[mode](QUESTIONS[key])
    for name, answer in {**NEW_ODD_ANSWERS, **dict(enumerate(ODD_ANSWERS))}.items():
        fb = q.check(answer)
        assert isinstance(fb, Feedback), name
        assert fb.outcome != "checker error", (name, repr(fb))
        assert fb.message and len(fb.message) < 400, (name, repr(fb))
        assert not fb.correct or name in MAY_BE_RIGHT, (name, repr(fb))
        repr(fb), fb._repr_html_()  # both render


def test_a_raising_object_is_named_with_its_error():
    q = number()
    fb = q.check(_FloatRaises(1.0))
    assert fb.outcome == WRONG_TYPE and "_FloatRaises" in fb.message and "SystemExit: 3" in fb.message
    fb = q.check(_ClassRaises())
    assert fb.outcome == WRONG_TYPE and "_Stop: no class" in fb.message
    fb = MappingQuestion("M", "?", expected=lambda: {"a": 1.0}).check({"a": _FloatRaises(1.0)})
    assert fb.outcome == WRONG_TYPE and "a dict" in fb.message and "SystemExit: 3" in fb.message
    assert MappingQuestion("M", "?", expected=lambda: {"a": 1.0}).check(_DictRaises(a=1)).correct  # holds a=1
    assert q.check(_raising(SystemExit(2))).outcome == WRONG_TYPE  # never read: not a number


def test_keyboard_interrupt_is_let_through():
    # the stop button must still stop a cell: a KeyboardInterrupt is the one exception check() passes on
    with pytest.raises(KeyboardInterrupt):
        number().check(_FloatInterrupts(1.0))
    with pytest.raises(KeyboardInterrupt):
        MappingQuestion("M", "?", expected=lambda: {"a": 1.0}).check({"a": _FloatInterrupts(1.0)})


class _FloatInterrupts(float):
    def __float__(self):
        raise KeyboardInterrupt


def test_ordinary_values_get_a_plain_message():
    q = number()
    assert q.check(np.array(34.71)).correct  # a 0-d array is its value
    c = ChoiceQuestion("C", "?", expected=lambda: "time", choices=["kilometres", "time"])
    assert c.check(np.array("time")).correct and c.check(np.array(["time"])).correct
    fb = q.check(10**400)
    assert fb.outcome == INCORRECT and "401 digits" in fb.message
    assert "far too high" in MappingQuestion("M", "?", expected=lambda: {"a": 1.0}).check({"a": 10**400}).message \
        or MappingQuestion("M", "?", expected=lambda: {"a": 1.0}).check({"a": 10**400}).outcome == INCORRECT
    for td in (datetime.timedelta(days=3), pd.Timedelta("3D"), np.timedelta64(3, "D")):
        fb = q.check(td)
        assert fb.outcome == WRONG_TYPE and "duration" in fb.message and "pd.Timedelta(days=1)" in fb.message, td
    assert "date" in q.check(pd.Timestamp("2024-01-01")).message
    assert q.check(decimal.Decimal("34.71")).correct
    assert q.check(np.float16(34.7)).outcome == INCORRECT or q.check(np.float16(34.7)).correct


def test_ch00_q5_accepts_its_answer_as_a_dict_or_a_series_with_text_labels():
    from crmkit.exercises import ch00

    e = ch00.q5.expected
    assert isinstance(e.index, pd.CategoricalIndex)  # what made text labels "differ ... e.g. []"
    plain = {str(k): float(v) for k, v in e.items()}
    assert ch00.q5.check(plain).correct
    assert ch00.q5.check(pd.Series(plain)).correct
    assert ch00.q5.check(pd.Series(dict(reversed(list(plain.items()))))).correct
    fb = ch00.q5.check({**plain, "short": 1.0, "airport": None} | {"airport": 1.0})
    assert fb.outcome == WRONG_SHAPE and "5" in fb.message  # 5 rows for 4
    fb = ch00.q5.check({("airport " if k == "airport" else k): v for k, v in plain.items()})
    assert fb.outcome == WRONG_SHAPE and "'airport '" in fb.message  # the odd label is named, never []
    twice = pd.Series(list(plain.values()), index=["airport", "airport", "hotel", "cruise"])
    assert "more than once" in ch00.q5.check(twice).message and "'airport'" in ch00.q5.check(twice).message


# --- issue 18: messages that stay true near zero and with per cents --------------------------

def test_near_zero_the_difference_is_absolute():
    q = NumberQuestion("N", "Answer a fraction to 4 decimals, e.g. 0.0123.", expected=lambda: -0.0037,
                       abs_tol=0.0001)
    fb = q.check(-0.00004)
    assert "99 %" not in fb.message and "too high by about 0.0037" in fb.message
    assert "0.37 percentage points" in fb.message
    assert "too low by about 0.0037" in q.check(-0.0074).message
    plain = NumberQuestion("P", "Answer a number, e.g. 1.2.", expected=lambda: 0.004, abs_tol=0.0001)
    assert "too high by about 0.0050" in plain.check(0.009).message
    assert "%" not in plain.check(0.009).message.split("(")[0]


def test_a_fraction_given_where_a_per_cent_is_asked_is_named():
    from crmkit.exercises import ch05b

    assert ch05b.q3.scale == "percent" and -1 < ch05b.q3.expected < 0  # -0.37 %
    fb = ch05b.q3.check(ch05b.q3.expected / 100)
    assert fb.outcome == INCORRECT and "looks like a fraction" in fb.message and "multiply by 100" in fb.message
    assert "99 %" not in fb.message


def test_a_per_cent_given_where_a_fraction_is_asked_is_named():
    q = NumberQuestion("F", "Answer a fraction to 3 decimals, e.g. 0.123.", expected=lambda: 0.283, abs_tol=0.001)
    fb = q.check(37.0)  # a per cent, but not of the right value
    assert "larger than 1" in fb.message and "divide it by 100" in fb.message and "far too high" not in fb.message


def test_a_share_given_for_a_count_is_named():
    from crmkit.exercises import ch01, ch03, ch09

    fb = ch01.q4.check(0.42)
    assert fb.outcome == INCORRECT and "100 %" not in fb.message and "asks for a count" in fb.message
    fb = ch03.q4.check({**ch03.q4.expected, "A": 0.3})
    assert "For 'A'" in fb.message and "asks for a count" in fb.message
    fb = ch09.q5.check({"dissatisfied": 0.4, "lost": 0.2})
    assert "asks for a count" in fb.message
    count = NumberQuestion("C", "Answer a number, e.g. 12.", expected=lambda: 250)  # an int: a count
    assert "asks for a count" in count.check(0.4).message


def test_a_wrong_sign_and_a_zero_are_said_plainly():
    q = NumberQuestion("N", "Answer a number, e.g. 1.2.", expected=lambda: -0.37, abs_tol=0.05)
    assert "wrong sign: the right value is negative" in q.check(0.37).message
    assert "it is 0, and the right value is not" in q.check(0).message
    assert "too low by 100 %" not in number().check(0).message


# --- no answer in the data's documentation (issue 20) ----------------------------------------------
# Last in this file on purpose: the sweeps above have computed (and cached) every expected value.

_README_NUMBER = re.compile(r"(?<![\w.])[-−]?\d[\d,]*(?:\.\d+)?(?!\w)")
_MONEY = {"¥", "CNY", "yuan", "元"}


def _significant(form: str) -> int:
    digits = form.replace(",", "").lstrip("-−")
    if "." in digits:
        digits = digits.rstrip("0").rstrip(".")
    return len(digits.replace(".", "").strip("0"))


def answers_in_readme(questions: dict, text: str) -> list[str]:
    """The questions whose expected answer the text writes: a choice answer of two or more words as written
    (one word, such as 'time', is in any text), and a number as the question shows it (its decimals, with or
    without thousands separators) of at least four significant digits, or of two or three written with its
    unit (¥ 507, 19.3 %, 264 customers)."""
    flat = " ".join(text.lower().split())
    where: dict[str, list[tuple[int, int]]] = {}
    for m in _README_NUMBER.finditer(text):
        where.setdefault(m.group().replace("−", "-"), []).append(m.span())
    found = []
    for key, q in questions.items():
        if isinstance(q, ChoiceQuestion):
            answer = " ".join(str(q.expected).lower().split())
            if " " in answer and re.search(rf"(?<!\w){re.escape(answer)}(?!\w)", flat):
                found.append(f"{key}: the answer {q.expected!r} is written in it")
        elif isinstance(q, NumberQuestion):
            x = float(q.expected)
            if not np.isfinite(x) or x == 0:
                continue
            unit = {u for u in ({q._unit} | (_MONEY if q._unit in _MONEY else set())) if u}
            unit |= {"%"} if q.scale == "percent" else set()
            digits = q.decimals if q.decimals is not None else 2
            for form in {f"{x:.{digits}f}", f"{x:,.{digits}f}"} | ({f"{x:.0f}", f"{x:,.0f}"} if x.is_integer() else set()):
                for start, end in where.get(form, ()):
                    near = text[max(0, start - 2):end + 12]
                    with_unit = any(u in near for u in unit)
                    if _significant(form) >= 4 or (_significant(form) >= 2 and with_unit):
                        found.append(f"{key}: the answer {form} is written in it ({near.strip()!r})")
    return found


def test_no_answer_is_written_in_the_datasets_readme():
    """The data's README documents how each dataset was made; it must not state an exercise's answer."""
    found = answers_in_readme(QUESTIONS, (ROOT / "datasets" / "README.md").read_text(encoding="utf-8"))
    assert not found, "datasets/README.md gives answers away:\n" + "\n".join(found)


def test_the_readme_answer_search_finds_planted_answers():
    """The search above can fail: a multi-word choice answer and a number with its unit are found; a
    one-word option and a short number without its unit are not (they are in any text)."""
    from crmkit.exercises import ch00, ch13

    choice = ChoiceQuestion("C", "?", expected=lambda: "satisfied but not loyal",
                            choices=["satisfied but not loyal", "no difference", "loyal", "neither"])
    planted = (f"The price-sensitive are Satisfied  but not loyal. The A class is worth "
               f"¥{ch13.q3.expected:,.0f}; the campaign nets {ch13.q6.expected:.0f} CNY; {ch13.q4.expected} rows.")
    found = answers_in_readme({"x.c": choice, "ch13.q3": ch13.q3, "ch13.q6": ch13.q6, "ch13.q4": ch13.q4,
                               "ch00.q1": ch00.q1}, planted + " Time in weeks.")
    assert [f.split(":")[0] for f in found] == ["x.c", "ch13.q3", "ch13.q6"], found
