"""Exercises of the course (练习): one module of questions per chapter.

    from crmkit.exercises import ch00
    ch00.q1.check(answer); ch00.q1.hint(); ch00.q1.solution()

The machinery lives in :mod:`crmkit.exercises._core`; each ``chNN`` module declares its
questions (text with the expected form and an example, expected value computed by the kit's own
reference functions, hints, tolerance and shown ``decimals``). Each solution is written once, in
``solutions/chNN_<topic>.ipynb`` between ``# BEGIN SOLUTION`` and ``# END SOLUTION``, and
``solution()`` reads it from there (:mod:`crmkit.exercises._source`). Accepted synonyms and Chinese
terms come from one table, :mod:`crmkit.exercises.aliases`. ``python -m crmkit.exercises.generate``
(``make exercises``) syncs the question cells of ``solutions/`` and builds the student notebooks in
``exercises/``.
"""

from __future__ import annotations

import importlib
import pkgutil

from ._core import (  # noqa: F401
    CORRECT,
    INCORRECT,
    NOT_ATTEMPTED,
    RECORDED,
    WRONG_SHAPE,
    WRONG_TYPE,
    ChoiceQuestion,
    Feedback,
    FrameQuestion,
    MappingQuestion,
    NumberQuestion,
    OpenQuestion,
    Question,
    SequenceQuestion,
)


def chapters() -> list[str]:
    """The names of the chapter modules with questions, e.g. ``['ch00', 'ch03']``."""
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("ch"))


def questions(chapter: str) -> dict[str, Question]:
    """The questions of one chapter module, by variable name (``q1``, ``q2`` ...)."""
    mod = importlib.import_module(f"{__name__}.{chapter}")
    return {k: v for k, v in vars(mod).items() if isinstance(v, Question)}


def all_questions() -> dict[str, Question]:
    """Every question of the course, keyed ``'ch00.q1'``."""
    return {f"{ch}.{k}": q for ch in chapters() for k, q in questions(ch).items()}
