"""Graded mode (issue 18): a question's public description, ``spec()``, rebuilt by
``question_from_spec`` into a question that judges only the *form* of an answer.

* every question of every chapter goes through JSON and back to the same spec;
* a graded question says "right form, the instructor grades the value" for an answer of the right
  form, and rejects a wrong form with the very message practice mode gives;
* no spec holds its question's expected value: numbers are searched for in every rendering the
  question's own check would accept (rounded, with thousands separators, as a per cent), text
  answers are allowed only where they are public options;
* ``expected`` and ``solution()`` are withheld, ``hint()`` works, in English and in Chinese.
"""

from __future__ import annotations

import ast
import json
import operator
import re

import numpy as np
import pandas as pd
import pytest

from crmkit import exercises as ex
from crmkit import i18n
from crmkit.exercises import _core as core
from crmkit.exercises._core import FORM_OK, AnswersWithheld, question_from_spec

from .test_exercise_leaks import numbers_in, passes, text_leaks

QUESTIONS = ex.all_questions()
KEYS = sorted(QUESTIONS)


def graded(q):
    return question_from_spec(json.loads(json.dumps(q.spec(), ensure_ascii=False)))


def spec_text(q) -> str:
    # one list item per line, so that a table's row labels never share a line with a number
    return json.dumps(q.spec(), ensure_ascii=False, indent=1)


def expected_strings(e) -> list[str]:
    if isinstance(e, str):
        return [e]
    if isinstance(e, dict):
        return [v for v in e.values() if isinstance(v, str)]
    if isinstance(e, (list, tuple)):
        return [v for v in e if isinstance(v, str)]
    if isinstance(e, pd.DataFrame):
        return [v for c in e.columns for v in e[c].head(200) if isinstance(v, str)]
    if isinstance(e, pd.Series):
        return [v for v in e.head(200) if isinstance(v, str)]
    return []


#: The numeric settings of a spec: tolerances, not answers.
SETTINGS = ("rel_tol", "abs_tol", "decimals", "min_weight")


def shown_numbers(q) -> list[float]:
    """The numbers a spec shows that could give an answer away: every number of its texts, hints
    and form with at least two significant digits (``0.2`` or ``5`` appear in any text); a whole
    number of the question's own text is a datum of the problem (``service 200``), not an answer."""
    spec = q.spec()
    public = {k: v for k, v in spec.items() if k not in SETTINGS and k != "text"}
    found = [x for x in numbers_in(json.dumps(public, ensure_ascii=False, indent=1)) if significant(x)]
    found += [x for x in numbers_in(spec["text"]) if significant(x) and not float(x).is_integer()]
    return found


def significant(x: float) -> bool:
    s = f"{abs(x):.10f}".rstrip("0").rstrip(".")
    digits = s.replace(".", "").lstrip("0")
    return len(digits) >= 3 or (len(digits) >= 2 and "." in s)


def number_hits(q, values) -> list[str]:
    shown = shown_numbers(q)
    found = []
    for v in values:
        if isinstance(v, (bool, np.bool_)) or core._as_number(v) is None:
            continue
        hit = next((x for x in shown if passes(q, x, float(v))), None)
        if hit is not None:
            found.append(f"{float(v):.6g} (shown as {hit:g})")
    return found


def ranked_in_order(items, text) -> bool:
    """All items quoted, in the expected order, as one list (``'a', 'b', 'c'`` or ``a → b → c``)."""
    if len(items) < 2:
        return False
    quoted = [rf"""["']?{re.escape(str(x))}["']?""" for x in items]
    return re.search(r"[\s,>→\-]*".join(quoted), text) is not None


def is_word(word: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def spec_leaks(q) -> list[str]:
    """What of ``q.expected`` its spec gives away."""
    spec = q.spec()
    text = json.dumps(spec, ensure_ascii=False, indent=1)
    e = q.expected
    if isinstance(q, core.ChoiceQuestion):
        # the answer is one of the public options, which the spec must list; nothing else names it
        return [] if e in q.choices else text_leaks([e], [(0, text)])
    if isinstance(q, core.WeightsDesignQuestion):
        # any working design is right, the spec must still not show the reference one
        return number_hits(q, [v for v in e.values() if v != q.min_weight])
    if isinstance(q, core.NumberQuestion):
        return number_hits(q, [e])
    # the question's own text is what every student reads: it may list the options; the rest of
    # the spec (hints, form, settings) must not pair a key with its answer nor name a hidden item
    # a form's options are the terms the text quotes, nothing else: public
    options = spec["form"].get("options", [])
    found = [f"option {o!r} not quoted in the text" for o in options if f"'{o}'" not in q.prompt and f'"{o}"' not in q.prompt]
    if isinstance(q, core.MappingQuestion) and spec["form"]["keys"] != sorted(spec["form"]["keys"], key=str):
        found.append("keys in the reference's order (a ranking gives its order away)")
    spec = {**spec, "form": {k: v for k, v in spec["form"].items() if k != "options"}}
    rest = json.dumps({k: v for k, v in spec.items() if k != "text"}, ensure_ascii=False, indent=1)
    form = json.dumps(spec["form"], ensure_ascii=False)
    if isinstance(q, core.MappingQuestion):
        found += number_hits(q, list(e.values()))
        for k, v in e.items():
            if isinstance(v, str) and len(v) >= 2 and v not in [str(x) for x in e]:  # a key is public
                pair = [ln for ln in rest.splitlines() if is_word(str(k), ln) and is_word(v, ln)]
                if pair or json.dumps(v, ensure_ascii=False) in form:
                    found.append(f"{k!r}: {v!r}")
    if isinstance(q, core.SequenceQuestion):
        items = list(e)
        found += number_hits(q, items)
        if all(isinstance(x, str) for x in items) and ranked_in_order(items, text):
            found.append("all items in order")
        # a list's items may be the answer (top-5 customers): none that the text does not offer
        found += [f"item {v!r}" for v in items if isinstance(v, str) and len(v) >= 3
                  and not is_word(v, q.prompt) and is_word(v, rest)]
        found += [f"item {v!r} in the form" for v in items if json.dumps(v, ensure_ascii=False) in form]
    if isinstance(q, core.FrameQuestion):
        frame = e.to_frame("value") if isinstance(e, pd.Series) else e
        found += number_hits(q, [v for c in frame.columns for v in frame[c].head(200)])
    return found


@pytest.mark.parametrize("key", KEYS)
def test_spec_is_json_and_round_trips(key):
    q = QUESTIONS[key]
    spec = q.spec()
    again = json.loads(json.dumps(spec, ensure_ascii=False, allow_nan=False))
    assert again == spec  # JSON-serialisable as it is: no tuples, numpy values or NaN
    g = question_from_spec(again)
    assert g.is_graded and not q.is_graded
    assert type(g) is type(q) and g.name == q.name and g.prompt == q.prompt and g.hints == q.hints[:q.graded_hints]
    assert g.spec() == spec
    assert spec["form"]["kind"]


@pytest.mark.parametrize("key", KEYS)
def test_no_spec_holds_its_expected_value(key):
    q = QUESTIONS[key]
    found = spec_leaks(q)
    assert not found, f"{key}: the spec gives away the answer: {found}"


@pytest.mark.parametrize("key", KEYS)
def test_graded_check_judges_the_form_and_leaves_the_value_to_the_instructor(key):
    q = QUESTIONS[key]
    g = graded(q)
    fb = g.check(q.expected)
    if isinstance(q, core.OpenQuestion):  # a text graded by hand: recorded with its rubric, never "correct"
        assert fb.outcome == core.RECORDED and not fb.correct and "by hand" in fb.message, repr(fb)
    elif g._judges_without_expected:  # a design question: any working design is right, checked in full
        assert fb.correct, repr(fb)
    else:
        assert fb.outcome == FORM_OK and not fb.correct, repr(fb)
        assert "instructor grades" in fb.message and "right form" in fb.message
    wrong = q.wrong_answers()
    for kind in ("type", "shape"):
        practice, grad = q.check(wrong[kind]), g.check(wrong[kind])
        assert (grad.outcome, grad.message) == (practice.outcome, practice.message), kind
        assert not grad.correct
    if not g._judges_without_expected:  # a wrong value of the right form: the form is right
        assert g.check(wrong["value"]).outcome in (FORM_OK, core.INCORRECT)
    assert g.check(...).outcome == core.NOT_ATTEMPTED


@pytest.mark.parametrize("key", KEYS)
def test_graded_question_withholds_answer_and_solution_but_gives_hints(key):
    g = graded(QUESTIONS[key])
    with pytest.raises(AttributeError, match="withheld in a graded release"):
        g.expected  # noqa: B018
    with pytest.raises(AnswersWithheld):
        g._expected_fn()
    assert not hasattr(g, "expected")
    sol = g.solution()
    assert sol.code is None and "withheld in a graded release" in sol.message
    g._hints_shown = 0
    assert g.hints[0] in g.hint().message


def test_graded_form_checks_name_the_problem():
    n = question_from_spec(core.NumberQuestion("N", "Answer a fraction, e.g. 0.25.", expected=lambda: 0.28,
                                               abs_tol=0.001).spec())
    assert n.scale == core.FRACTION_SCALE
    assert n.check(0.3).outcome == FORM_OK
    fb = n.check(28.3)
    assert fb.outcome == core.INCORRECT and "divide by 100" in fb.message and "fraction" in fb.message
    assert n.check(1.0005).outcome == FORM_OK  # within tolerance of 1: not called a per cent
    assert "NaN" in n.check(float("nan")).message and n.check("0.3").outcome == core.WRONG_TYPE
    c = question_from_spec(core.NumberQuestion("C", "Answer a whole number, e.g. 12.", expected=lambda: 180).spec())
    fb = c.check(0.42)
    assert fb.outcome == core.INCORRECT and "asks for a count" in fb.message
    assert c.check(175).outcome == FORM_OK
    ch = question_from_spec(core.ChoiceQuestion("K", "?", expected=lambda: "time", choices=["km", "time"]).spec())
    assert ch.check("luck").outcome == core.INCORRECT and "not one of the options" in ch.check("luck").message
    assert ch.check("km").outcome == FORM_OK and ch.check(np.array("time")).outcome == FORM_OK
    m = question_from_spec(core.MappingQuestion("M", "?", expected=lambda: {"a": 1.0, "b": "x"}).spec())
    assert "missing key(s) ['b']" in m.check({"a": 2.0}).message
    assert m.check({"a": 2.0, "b": 3}).outcome == core.WRONG_TYPE
    assert m.check({"a": 9.0, "b": "y"}).outcome == FORM_OK
    s = question_from_spec(core.SequenceQuestion("S", "?", expected=lambda: ["C1", "C2", "C3"]).spec())
    assert s.check(["a", "b"]).outcome == core.WRONG_SHAPE and s.check(["a", "b", "c"]).outcome == FORM_OK
    frame = pd.DataFrame({"r": [1.0, 2.0], "t": ["x", "y"]}, index=["a", "b"])
    f = question_from_spec(core.FrameQuestion("F", "?", expected=lambda: frame).spec())
    assert f.check(frame.assign(r=[7.0, 8.0])).outcome == FORM_OK
    assert "lacks the column(s) ['t']" in f.check(frame[["r"]]).message
    assert "index" in f.check(frame.reset_index(drop=True)).message


def test_graded_feedback_is_chinese_in_chinese_mode():
    g = graded(QUESTIONS["ch00.q2"])
    try:
        i18n.set_language("zh")
        fb = g.check(39.4)
        assert fb.outcome == FORM_OK and "形式正确" in repr(fb) and "老师" in fb.message
        assert "评分版" in g.solution().message
        with pytest.raises(AttributeError, match="评分版"):
            g.expected  # noqa: B018
    finally:
        i18n.set_language("en")


def test_the_spec_detector_finds_an_answer_in_any_rendering():
    def q(hint, e=39.411764705882355, **kw):
        return core.NumberQuestion("N", "Answer a number, e.g. 12.34.", expected=lambda: e, hints=[hint], **kw)

    assert not spec_leaks(q("Add up the costs, then divide by the hours."))
    for shown in ("39.41", "39.4118", "39.411764705882355", "about 39.41 per hour"):
        assert spec_leaks(q(f"It is {shown}.")), shown
    assert spec_leaks(q("It is 28.3 %.", e=0.2832, abs_tol=0.001))  # a per cent of a fraction
    assert spec_leaks(q("It is 1,435.", e=1435, abs_tol=0))  # thousands separator
    seq = core.SequenceQuestion("S", "Answer a list, e.g. ['C0', 'C9'].", expected=lambda: ["C00667", "C02958"],
                                hints=["Start with C00667, then C02958."])
    assert spec_leaks(seq)
    mapping = core.MappingQuestion("M", "Answer a dict, e.g. {'a': 'x'}.", expected=lambda: {"a": "Wang"},
                                   hints=["For a it is 'Wang'."])
    assert spec_leaks(mapping)
    choice = core.ChoiceQuestion("C", "?", expected=lambda: "time", choices=["km", "time"])
    assert not spec_leaks(choice)  # a public option


@pytest.mark.parametrize("bad, match", [
    ("ch00.q2", "must be a dict"),
    ({"class": "os.system"}, "unknown question class"),
    ({"class": ["NumberQuestion"]}, "unknown question class"),
    ({"form": None}, "form"),
    ({"form": {"kind": "choice"}}, "kind"),
    ({"hints": "one hint"}, "hints"),
    ({"rel_tol": float("nan")}, "rel_tol"),
    ({"abs_tol": -1}, "abs_tol"),
    ({"decimals": 2.5}, "decimals"),
    ({"decimals": True}, "decimals"),
    ({"unit": None}, None),  # not validated beyond what the question needs: accepted
])
def test_question_from_spec_refuses_what_is_not_a_spec(bad, match):
    from crmkit.errors import ParameterError

    spec = QUESTIONS["ch00.q2"].spec()
    bad = bad if not isinstance(bad, dict) else {**spec, **bad}
    if match is None:
        assert question_from_spec(bad).is_graded
        return
    with pytest.raises(ParameterError, match=match):
        question_from_spec(bad)
    with pytest.raises(ParameterError, match="lacks"):
        question_from_spec({k: v for k, v in spec.items() if k != "form"})


# --- hints that spell out the computation stay in practice mode --------------------------------

_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
        ast.USub: operator.neg}
_EXPR = re.compile(r"[-(]*\d[\d.,]*(?:\s*[-+*/x×]\s*[(]*\d[\d.,]*[)]*)+")


def _evaluate(node):
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_evaluate(node.left), _evaluate(node.right))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_evaluate(node.operand))
    raise ValueError("not arithmetic")


def computed_answers(q, hints) -> list[str]:
    """The arithmetic in ``hints`` (``(400 + 270) / 17``, ``1.35 / 9.0 x 365``) that gives an answer."""
    e = q.expected
    values = [v for v in (e.values() if isinstance(e, dict) else [e]) if core._as_number(v) is not None
              and not isinstance(v, (bool, list))]
    found = []
    for hint in hints:
        for m in _EXPR.finditer(hint):
            expr = m.group(0).replace("×", "*").replace(" x ", " * ").replace(",", "").strip()
            expr += ")" * max(0, expr.count("(") - expr.count(")"))
            while expr.count(")") > expr.count("(") and expr.endswith(")"):
                expr = expr[:-1]
            try:
                result = float(_evaluate(ast.parse(expr, mode="eval").body))
            except (SyntaxError, ValueError, ZeroDivisionError, OverflowError):
                continue
            found += [m.group(0) for v in values if passes(q, result, float(v))]
    return found


@pytest.mark.parametrize("key", KEYS)
def test_no_graded_hint_computes_the_answer(key):
    q = QUESTIONS[key]
    found = computed_answers(q, q.spec()["hints"])
    assert not found, f"{key}: a graded hint computes the answer: {found}; give it graded_hints=<the hints to keep>"


def test_the_hint_detector_finds_the_practice_only_formulas():
    # the five questions whose last hint is the whole computation: found in their full hints
    for key in ("ch00.q2", "ch00.q3", "ch05a.q2", "ch10.q3", "ch11.q5"):
        q = QUESTIONS[key]
        assert computed_answers(q, q.hints), key
        assert q.graded_hints == len(q.hints) - 1 and len(q.spec()["hints"]) == len(q.hints) - 1


def test_graded_lists_and_dicts_name_a_term_the_question_does_not_offer():
    from crmkit.exercises import aliases, ch00, ch04, ch08, ch09

    g = graded(ch00.q8)
    assert g.form()["options"] == sorted({"take", "avoid", "airport", "hotel", "cruise", "metro_queue"})
    fb = g.check({"airport": "tak", "hotel": "avoid", "cruise": "avoid", "metro_queue": "avoid"})
    assert fb.outcome == core.INCORRECT and "'tak'" in fb.message and "'airport'" in fb.message
    fb = graded(ch00.q7).check(["airport", "hotel", "metro", "cruise"])
    assert fb.outcome == core.INCORRECT and "Item 3" in fb.message
    # every spelling practice mode accepts is a term graded mode accepts (synonyms, Chinese terms)
    steps_zh = ["倾听", "复述并确认", "道歉", "认同感受", "说明纠正措施", "感谢"]
    english = {k: aliases.TERMS["rfm eight classes"][v][0] for k, v in ch04.q3.expected.items()}
    for q, answer in [(ch09.q2, steps_zh), (ch04.q3, english), (ch08.q3, {**ch08.q3.expected, "decision": "转移"}),
                      (ch08.q1, {"stock": "替代功能", "prepay": "资本", "pos": "管理和信息", "stake": "资金"})]:
        assert q.check(answer).correct
        assert graded(q).check(answer).outcome == FORM_OK, q.name


@pytest.mark.parametrize("key", KEYS)
def test_the_right_answer_and_its_other_spellings_keep_the_right_form(key):
    from crmkit.exercises import aliases

    q = QUESTIONS[key]
    if not isinstance(q, (core.SequenceQuestion, core.MappingQuestion)) or "options" not in q.form():
        return
    g = graded(q)
    e = q.expected
    texts = list(e) if isinstance(q, core.SequenceQuestion) else list(e.values())
    for i, v in enumerate(texts):  # each text answer given in each of its spellings
        if not isinstance(v, str):
            continue
        for spelling in sorted(aliases.spellings(v))[:6]:
            variant = list(texts)
            variant[i] = spelling
            answer = variant if isinstance(q, core.SequenceQuestion) else dict(zip(e, variant))
            if q.check(answer).correct:
                assert g.check(answer).outcome == FORM_OK, (spelling, repr(g.check(answer)))
