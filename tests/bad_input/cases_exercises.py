"""The exercise classes a chapter author calls: ``OpenQuestion`` (its rubric, model answer and minimum
length) and ``question_from_spec`` (a graded release's spec, which may be edited by hand)."""

from __future__ import annotations

from crmkit.exercises._core import OpenQuestion, question_from_spec

from .harness import Target


def _open(rubric, model_answer="A model answer.", min_words=10):
    return OpenQuestion("Q1", "Write a plan. Answer as a text (a Python str) of 40-100 words.", rubric=rubric,
                        model_answer=model_answer, hints=["h"], min_words=min_words)


def _open_kwargs():
    return {"rubric": [("names the segment and why", 2), ("a measurable target", 1)], "model_answer": "A plan.",
            "min_words": 10}


def _from_spec(min_words=10, rubric=..., kind="text"):
    spec = _open(**_open_kwargs()).spec()
    spec["min_words"] = min_words
    spec["form"] = {"kind": kind, "min_words": 10}
    if rubric is not ...:
        spec["rubric"] = rubric
    return question_from_spec(spec)


_BAD_RUBRICS = (("rubric_text", "rubric", "2 points for a plan"), ("rubric_empty", "rubric", []),
                ("rubric_dict", "rubric", {"a plan": 2}), ("rubric_triple", "rubric", [("a", 1, 2)]),
                ("rubric_points_nan", "rubric", [("a", float("nan"))]), ("rubric_points_0", "rubric", [("a", 0)]),
                ("rubric_points_negative", "rubric", [("a", -1)]), ("rubric_points_bool", "rubric", [("a", True)]),
                ("rubric_points_text", "rubric", [("a", "2")]), ("rubric_points_huge", "rubric", [("a", 1e308)]),
                ("rubric_criterion_number", "rubric", [(3, 1)]), ("rubric_criterion_blank", "rubric", [("  ", 1)]),
                ("rubric_none", "rubric", None))

TARGETS = [
    Target("exercises.OpenQuestion", _open, _open_kwargs, numbers=("min_words",), nonnegative=("min_words",),
           huge=("min_words",),
           bad=(*_BAD_RUBRICS, ("model_number", "model_answer", 3), ("model_none", "model_answer", None),
                ("min_words_huge", "min_words", 10**9))),
    Target("exercises.question_from_spec(OpenQuestion)", _from_spec, lambda: {"min_words": 10},
           numbers=("min_words",), nonnegative=("min_words",), huge=("min_words",),
           bad=(*_BAD_RUBRICS, ("form_kind", "kind", "number"))),
]
