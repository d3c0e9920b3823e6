"""Open questions in ``crmkit grade``: answers graded by hand against a rubric (人工评分).

An open question (:class:`crmkit.exercises.OpenQuestion`) has no value to compare: the grader records
the student's text, marks it *to grade by hand* in the gradebook and shows it to the instructor with the
rubric and the model answer (``open-answers.html``, never given to students). The instructor writes the
points, one row per criterion, in a CSV file::

    student,question,criterion,points,comment
    alice,ch13.q7,1,2,names the segment
    alice,ch13.q7,2,1.5,

(``hand-scores-template.csv``, written beside the gradebook, has a row for every answer and criterion,
with the points already given filled in) and grades again with ``--hand-scores FILE``: an answer whose
every criterion has points is *graded by hand*, its points are in the gradebook (column ``chNN.qK
points``) and in the total, and the student's feedback page shows the points per criterion and the
comments (never the model answer). A row with no points is skipped (an answer not graded yet).

The file is the instructor's, but it is read as untrusted text all the same: a file that cannot be read,
is not a table with those columns, names an unknown student or question, a criterion the rubric does not
have, or points that are not a number from 0 to the criterion's maximum is refused before anything runs,
with the row and the problem.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path

from ._cli import CommandError

__all__ = ["HAND", "HAND_GRADED", "Score", "open_question", "read_scores", "MAX_SCORES_FILE"]

#: Gradebook results of an open question's answer.
HAND, HAND_GRADED = "to grade by hand", "graded by hand"
#: Largest scores file read (bytes).
MAX_SCORES_FILE = 5 * 1024**2
_COLUMNS = ("student", "question", "criterion", "points")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Score:
    """The points one criterion got, and the instructor's comment (shown to the student)."""

    points: float
    comment: str = ""


def open_question(key: str):
    """The :class:`OpenQuestion` named ``chNN.qK``, or None (not a question, or not an open one)."""
    import re

    from .exercises import OpenQuestion, chapters, questions

    m = re.fullmatch(r"(ch\d+[a-z]?)\.(q\d+)", key)
    if not m or m.group(1) not in chapters():
        return None
    q = questions(m.group(1)).get(m.group(2))
    return q if isinstance(q, OpenQuestion) else None


def _unformula(text: str) -> str:
    """A cell as written by the template (``'=cmd`` for a student named ``=cmd``) back to its value."""
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA) else text


def _short(text: str, n: int = 40) -> str:
    text = " ".join(str(text).split())
    return repr(text if len(text) <= n else text[: n - 1] + "…")


def read_scores(path, students) -> dict[tuple[str, str], dict[int, Score]]:
    """The hand scores of ``path`` by (student, question key), then criterion number (from 1).

    ``students``: the students being graded. Raises :class:`CommandError` naming the file, the row and the
    problem for anything that is not a valid score."""
    name = "--hand-scores"
    path = Path(path)
    if not path.is_file():
        raise CommandError(f"{name}: {path} is not a file; give the CSV of hand scores "
                           f"(student,question,criterion,points[,comment]), e.g. a filled-in hand-scores-template.csv")
    if path.stat().st_size > MAX_SCORES_FILE:
        raise CommandError(f"{name}: {path} is larger than {MAX_SCORES_FILE // 1024**2} MB; it is not a scores file")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CommandError(f"{name}: {path} is not UTF-8 text; save it as CSV UTF-8") from None
    if "\x00" in text:
        raise CommandError(f"{name}: {path} is a binary file, not a CSV of scores")
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise CommandError(f"{name}: {path} is not a readable CSV ({exc})") from None
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise CommandError(f"{name}: {path} is empty; its first line must be {','.join(_COLUMNS)}[,comment]")
    header = [c.strip().lower() for c in rows[0]]
    missing = [c for c in _COLUMNS if c not in header]
    if missing:
        raise CommandError(f"{name}: {path} has no column {', '.join(missing)}; its first line must be "
                           f"{','.join(_COLUMNS)}[,comment], not {_short(','.join(rows[0]), 80)}")
    col = {c: header.index(c) for c in (*_COLUMNS, "comment") if c in header}
    known = set(students)
    out: dict[tuple[str, str], dict[int, Score]] = {}
    for n, row in enumerate(rows[1:], 2):
        where = f"{name}: {path.name}, line {n}"
        if len(row) != len(header):
            raise CommandError(f"{where} has {len(row)} cells; the header has {len(header)}")
        cell = {c: row[i].strip() for c, i in col.items()}
        student = _unformula(cell["student"])
        if student not in known:
            some = ", ".join(map(repr, sorted(known)[:5])) + (" ..." if len(known) > 5 else "")
            raise CommandError(f"{where}: unknown student {_short(student)}; the students are {some}")
        key = cell["question"]
        q = open_question(key)
        if q is None:
            raise CommandError(f"{where}: {_short(key)} is not an open question of the course (chNN.qK of an "
                               "OpenQuestion); only open questions are graded by hand")
        try:
            criterion = int(cell["criterion"])
        except ValueError:
            criterion = 0
        rubric = q.english("rubric")
        if not 1 <= criterion <= len(rubric):
            raise CommandError(f"{where}: criterion {_short(cell['criterion'])} of {key}; its rubric has criteria "
                               f"1 to {len(rubric)}")
        if not cell["points"]:
            continue  # not graded yet
        top = q._rubric[criterion - 1][1]
        try:
            points = float(cell["points"].replace(",", "."))
        except ValueError:
            points = math.nan
        if not math.isfinite(points) or not 0 <= points <= top:
            raise CommandError(f"{where}: points {_short(cell['points'])} for {key} criterion {criterion}; give a "
                               f"number from 0 to {top:g} (its maximum)")
        marks = out.setdefault((student, key), {})
        if criterion in marks:
            raise CommandError(f"{where}: {student} {key} criterion {criterion} is scored twice")
        comment = cell.get("comment", "")[:2000]
        marks[criterion] = Score(int(points) if points.is_integer() else points, comment)
    return out


def total(marks: dict[int, Score], q) -> float | None:
    """The points of an answer whose every criterion is scored, else None."""
    if len(marks) < len(q.english("rubric")):
        return None
    s = sum(m.points for m in marks.values())
    return int(s) if float(s).is_integer() else round(s, 6)
