"""Grade a folder of student exercise notebooks (批改作业): ``crmkit grade SUBMISSIONS_DIR``.

Each ``*.ipynb`` in the folder is executed on a copy, in a fresh kernel (nbclient), with a time
limit per notebook. The grades come from the very checks the students see: before the student's
first cell, a hidden cell patches :meth:`crmkit.exercises.Question.check` so that every call also
appends (question, outcome, message, answer, execution count) to a JSON-lines file in the
temporary folder. Nothing in the submission folder is written to or changed.

Writes, into ``--out`` (default: ``<SUBMISSIONS_DIR>-graded`` beside the folder):

- ``gradebook.csv``: one row per student (the notebook's file name without ``.ipynb``), a
  ``status`` column (``ok``, ``errors in N cell(s)``, ``timeout after Ns``, ``kernel died``,
  ``invalid notebook: ...``), one column per question (``ch00.q1`` ...: ``correct``,
  ``incorrect``, ``not attempted`` or ``error``) and ``total`` (questions correct);
- ``index.html``: the same table, coloured, with a link to each student's page;
- ``feedback/<student>.html``: per question its text, the student's code and answer, the
  check's message and the hints, to hand back.

What a question's result means:

- ``correct`` / ``incorrect``: the last ``check()`` of that question said so (a wrong type or
  shape counts as incorrect);
- ``not attempted``: ``check()`` saw ``...`` / ``None``, or the notebook ran to the end without
  checking this question;
- ``error``: the cell that checks it raised an exception, the checker itself failed, or the
  notebook stopped (timeout, dead kernel, not a notebook) before reaching it.

A cell that raises does not stop the notebook (the later questions are still graded), as when a
student runs the cells one by one. Notebooks run in parallel, one process per core (``--jobs``).
No network is needed.

    python -m crmkit.grade SUBMISSIONS_DIR [--out DIR] [--timeout 120] [--jobs N] [--chapter ch00]
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import csv
import html
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["grade", "grade_notebook", "NotebookResult", "main",
           "CORRECT", "INCORRECT", "NOT_ATTEMPTED", "ERROR"]

CORRECT, INCORRECT, NOT_ATTEMPTED, ERROR = "correct", "incorrect", "not attempted", "error"

# The check outcomes of crmkit.exercises._core, as gradebook results.
_OUTCOME = {
    "correct": CORRECT,
    "incorrect": INCORRECT,
    "wrong type": INCORRECT,
    "wrong shape": INCORRECT,
    "not attempted": NOT_ATTEMPTED,
    "checker error": ERROR,
}

_CHECK_CALL = re.compile(r"\b(ch\d+)\.(q\d+)\.check\s*\(")
_CHAPTER_REF = re.compile(r"\bcrmkit\.exercises\b[^\n]*?\b(ch\d+)\b|\bfrom\s+crmkit\.exercises\s+import\s+([\w ,]+)")

# The hidden first cell. {log} is replaced by the JSON-lines file's path (a Python literal).
_RECORDER = '''\
def _crmkit_grade_install(log):
    import json, sys
    from crmkit.exercises import _core, Question

    def _qualified(q):
        for name, mod in list(sys.modules.items()):
            if name.startswith("crmkit.exercises.ch") and name.count(".") == 2:
                for var, val in vars(mod).items():
                    if val is q:
                        return name.rsplit(".", 1)[1] + "." + var
        return q.name

    original = Question.check

    def check(self, answer=Ellipsis):
        fb = original(self, answer)
        try:
            shown = repr(answer)
        except Exception as exc:  # a student's object whose repr fails
            shown = "<repr failed: %s>" % type(exc).__name__
        if len(shown) > 2000:
            shown = shown[:2000] + " ..."
        try:
            ip = get_ipython()  # noqa: F821
            count = ip.execution_count - 1  # already counts the running cell + 1
        except Exception:
            count = None
        rec = {"question": _qualified(self), "outcome": fb.outcome, "message": fb.message,
               "answer": shown, "execution_count": count}
        with open(log, "a", encoding="utf-8") as f:
            f.write(json.dumps(rec, ensure_ascii=False) + "\\n")
        return fb

    check.__doc__ = original.__doc__
    Question.check = check


_crmkit_grade_install({log})
del _crmkit_grade_install
'''


@dataclass(frozen=True)
class Attempt:
    """One question of one notebook: the result and what the student saw."""

    result: str
    message: str = ""
    answer: str = ""
    code: str = ""


@dataclass(frozen=True)
class NotebookResult:
    """What grading one notebook found."""

    student: str
    status: str
    seconds: float
    chapters: tuple = ()
    checks: tuple = ()  # the recorder's records, in order (dicts)
    error_cells: tuple = ()  # (execution_count, source, "ErrorName: message") of cells that raised
    cells: tuple = ()  # (execution_count, source) of every executed code cell but the recorder
    stopped: bool = False  # execution ended early (timeout, dead kernel) or never started


def _chapters_in(sources) -> list[str]:
    found: list[str] = []
    for src in sources:
        for m in _CHECK_CALL.finditer(src):
            found.append(m.group(1))
        for m in _CHAPTER_REF.finditer(src):
            if m.group(1):
                found.append(m.group(1))
            if m.group(2):
                found += [w.strip() for w in m.group(2).split(",") if re.fullmatch(r"ch\d+", w.strip())]
    return sorted(set(found))


def _deadline_client(nb, timeout: float, workdir: str):
    """An nbclient client whose time limit is for the whole notebook, not for each cell."""
    from nbclient import NotebookClient

    class _Client(NotebookClient):
        def __init__(self, *a, **kw):
            super().__init__(*a, **kw)
            self._deadline = None  # set at the first cell: the kernel's start-up does not count

        async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
            if self._deadline is None:
                self._deadline = time.monotonic() + timeout
            self.timeout = max(1, int(round(self._deadline - time.monotonic())))
            return await super().async_execute_cell(cell, cell_index, execution_count, store_history)

    return _Client(nb, timeout=max(1, int(timeout)), startup_timeout=60, allow_errors=True,
                   kernel_name="python3", resources={"metadata": {"path": workdir}},
                   record_timing=False)


def grade_notebook(path, timeout: float = 120.0) -> NotebookResult:
    """Execute one submission (on a copy, in a temporary folder) and collect its checks."""
    import nbformat
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    path = Path(path)
    student = path.stem
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="crmkit-grade-") as tmp:
        copy = Path(tmp) / path.name
        shutil.copyfile(path, copy)
        try:
            nb = nbformat.read(str(copy), as_version=4)
        except Exception as exc:  # not JSON, not a notebook, unreadable
            kind = "not JSON" if isinstance(exc, (ValueError, UnicodeDecodeError)) else type(exc).__name__
            return NotebookResult(student, f"invalid notebook: {kind}", time.monotonic() - start, stopped=True)
        code_sources = [c.source for c in nb.cells if c.cell_type == "code"]
        chapters = tuple(_chapters_in(code_sources))
        log = Path(tmp) / "checks.jsonl"
        nb.cells.insert(0, nbformat.v4.new_code_cell(_RECORDER.replace("{log}", repr(str(log)))))
        for c in nb.cells:  # a stale output must not count as a result
            if c.cell_type == "code":
                c.outputs, c.execution_count = [], None
        status, stopped = "ok", False
        try:
            _deadline_client(nb, timeout, tmp).execute(stderr=subprocess.DEVNULL)  # no kernel banners
        except CellTimeoutError:
            status, stopped = f"timeout after {timeout:g}s", True
        except DeadKernelError:
            status, stopped = "kernel died", True
        except Exception as exc:  # noqa: BLE001 - the kernel did not start, or nbclient failed
            status, stopped = f"could not run: {type(exc).__name__}: {exc}"[:200], True
        checks = []
        if log.is_file():
            for line in log.read_text(encoding="utf-8").splitlines():
                try:
                    checks.append(json.loads(line))
                except ValueError:
                    pass
        cells, errors = [], []
        for c in nb.cells[1:]:
            if c.cell_type != "code":
                continue
            cells.append((c.execution_count, c.source))
            for o in c.get("outputs", []):
                if o.get("output_type") == "error":
                    errors.append((c.execution_count, c.source, f"{o.get('ename')}: {o.get('evalue')}"))
        if errors and status == "ok":
            status = f"errors in {len(errors)} cell(s)"
        return NotebookResult(student, status, time.monotonic() - start, chapters, tuple(checks),
                              tuple(errors), tuple(cells), stopped)


def _question_key(key: str):
    ch, q = key.split(".")
    return (int(ch[2:]) if ch[2:].isdigit() else 0, ch, int(q[1:]) if q[1:].isdigit() else 0, q)


def _columns(results, chapters=None) -> list[str]:
    from .exercises import questions

    chs = sorted(set(chapters) if chapters else {c for r in results for c in r.chapters})
    keys: set[str] = set()
    for ch in chs:
        try:
            keys |= {f"{ch}.{k}" for k in questions(ch)}
        except ImportError:
            pass
    for r in results:  # questions checked although their chapter was not seen in the source
        keys |= {c["question"] for c in r.checks if "." in c["question"]}
    return sorted(keys, key=_question_key)


def attempts(r: NotebookResult, columns) -> dict[str, Attempt]:
    """Per question, the result for the gradebook and what to show on the feedback page."""
    last = {c["question"]: c for c in r.checks}
    code_by_count = {n: src for n, src in r.cells if n is not None}
    out = {}
    for key in columns:
        ch, q = key.split(".")
        pat = re.compile(rf"\b{re.escape(ch)}\.{re.escape(q)}\.check\s*\(")
        cell = next((src for _, src in r.cells if pat.search(src)), "")
        if key in last:
            c = last[key]
            out[key] = Attempt(_OUTCOME.get(c["outcome"], ERROR), c["message"], c["answer"],
                               cell or code_by_count.get(c.get("execution_count"), ""))
            continue
        err = next((e for e in r.error_cells if pat.search(e[1])), None)
        if err is not None:
            out[key] = Attempt(ERROR, f"The cell that checks this question raised {err[2]}", "", err[1])
        elif r.stopped:
            why = r.status if r.status.startswith("invalid") else f"the notebook stopped ({r.status})"
            out[key] = Attempt(ERROR, f"Not graded: {why} before this question was checked.", "", cell)
        else:
            out[key] = Attempt(NOT_ATTEMPTED, "The notebook never checked this question.", "", cell)
    return out


def _run_one(args):
    path, timeout = args
    return grade_notebook(path, timeout)


def grade(submissions, out=None, *, timeout: float = 120.0, jobs: int | None = None,
          chapters=None, progress=print) -> list[dict]:
    """Grade every ``*.ipynb`` in ``submissions``; write the gradebook and feedback into ``out``.

    Returns the gradebook rows (dicts, as written to ``gradebook.csv``).
    """
    submissions = Path(submissions)
    if not submissions.is_dir():
        raise NotADirectoryError(f"{submissions} is not a folder of notebooks")
    out = Path(out) if out is not None else submissions.parent / f"{submissions.name}-graded"
    if out.resolve() == submissions.resolve() or submissions.resolve() in out.resolve().parents:
        raise ValueError("the output folder must not be inside the submissions folder")
    paths = sorted(p for p in submissions.glob("*.ipynb") if p.is_file())
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(paths) or 1))
    start = time.monotonic()
    results: list[NotebookResult] = []
    if paths:
        ctx = multiprocessing.get_context("spawn")
        with cf.ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
            futures = {pool.submit(_run_one, (p, timeout)): p for p in paths}
            for fut in cf.as_completed(futures):
                p = futures[fut]
                try:
                    r = fut.result()
                except Exception as exc:  # noqa: BLE001 - a worker died: report, go on
                    r = NotebookResult(p.stem, f"could not run: {type(exc).__name__}: {exc}"[:200], 0.0, stopped=True)
                progress(f"  {r.student}: {r.status} ({r.seconds:.1f} s)")
                results.append(r)
    results.sort(key=lambda r: r.student)
    columns = _columns(results, chapters)
    rows = []
    per_student = {}
    for r in results:
        att = attempts(r, columns)
        per_student[r.student] = att
        row = {"student": r.student, "status": r.status}
        row.update({k: a.result for k, a in att.items()})
        row["total"] = sum(a.result == CORRECT for a in att.values())
        rows.append(row)
    _write(out, rows, columns, results, per_student)
    elapsed = time.monotonic() - start
    progress(f"graded {len(results)} notebook(s) in {elapsed:.1f} s with {jobs} worker(s); "
             f"gradebook: {out / 'gradebook.csv'}")
    return rows


# -- output ------------------------------------------------------------------------------------

_COLOUR = {CORRECT: "#e6f4ea", INCORRECT: "#fdecea", NOT_ATTEMPTED: "#fff8e1", ERROR: "#eeeeee"}
_CSS = """body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
pre{background:#f6f8fa;padding:6px;white-space:pre-wrap;margin:2px 0}
.q{margin:1.2em 0;padding:0.6em 1em;border-left:5px solid #999}"""


def _page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<style>{_CSS}</style></head><body>\n{body}\n</body></html>\n")


def _feedback_page(r: NotebookResult, att: dict[str, Attempt]) -> str:
    from .exercises import questions

    e = html.escape
    parts = [f"<h1>Feedback for {e(r.student)} (作业反馈)</h1>",
             f"<p>Run: <b>{e(r.status)}</b>. Correct: <b>{sum(a.result == CORRECT for a in att.values())}"
             f"</b> of {len(att)}.</p>"]
    for key, a in att.items():
        ch, q = key.split(".")
        try:
            question = questions(ch)[q]
            prompt, hints = question.prompt, question.hints
        except (ImportError, KeyError):
            prompt, hints = "", ()
        parts.append(f"<div class='q' style='border-color:{_COLOUR[a.result]};background:{_COLOUR[a.result]}33'>")
        parts.append(f"<h2>{e(key)}: {e(a.result)}</h2><p>{e(prompt)}</p>")
        if a.code:
            parts.append(f"<p>Your code:</p><pre>{e(a.code)}</pre>")
        if a.answer:
            parts.append(f"<p>Your answer:</p><pre>{e(a.answer)}</pre>")
        parts.append(f"<p>Check: {e(a.message)}</p>")
        if hints:
            items = "".join(f"<li>{e(h)}</li>" for h in hints)
            opened = "" if a.result == CORRECT else " open"
            parts.append(f"<details{opened}><summary>Hints (提示)</summary><ol>{items}</ol></details>")
        parts.append("</div>")
    if r.error_cells:
        parts.append("<h2>Cells that raised an error</h2>")
        for _, src, err in r.error_cells:
            parts.append(f"<pre>{e(src)}</pre><p>{e(err)}</p>")
    return _page(f"Feedback: {r.student}", "\n".join(parts))


def _write(out: Path, rows, columns, results, per_student) -> None:
    out.mkdir(parents=True, exist_ok=True)
    fields = ["student", "status", *columns, "total"]
    with open(out / "gradebook.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    fb = out / "feedback"
    fb.mkdir(exist_ok=True)
    for r in results:
        (fb / f"{r.student}.html").write_text(_feedback_page(r, per_student[r.student]), encoding="utf-8")
    e = html.escape
    head = "".join(f"<th>{e(c)}</th>" for c in fields)
    body = []
    for row in rows:
        cells = [f"<td><a href='feedback/{e(row['student'])}.html'>{e(row['student'])}</a></td>",
                 f"<td>{e(row['status'])}</td>"]
        cells += [f"<td style='background:{_COLOUR[row[c]]}'>{e(row[c])}</td>" for c in columns]
        cells.append(f"<td><b>{row['total']}</b> / {len(columns)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    summary = []
    for c in columns:
        n = sum(row[c] == CORRECT for row in rows)
        summary.append(f"<td>{n}/{len(rows)}</td>")
    body.append("<tr><td colspan='2'><i>correct</i></td>" + "".join(summary) + "<td></td></tr>")
    (out / "index.html").write_text(_page("Gradebook", f"<h1>Gradebook (成绩册)</h1><table><tr>{head}</tr>"
                                                        + "\n".join(body) + "</table>"), encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="crmkit grade", description="Grade a folder of exercise notebooks.")
    ap.add_argument("submissions", help="folder with one .ipynb per student")
    ap.add_argument("--out", help="output folder (default: SUBMISSIONS-graded beside it)")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per notebook (default 120)")
    ap.add_argument("--jobs", type=int, default=None, help="notebooks run at once (default: the cores)")
    ap.add_argument("--chapter", action="append", help="grade these chapters' questions (e.g. ch00); "
                                                       "default: the chapters the notebooks use")
    args = ap.parse_args(argv)
    try:
        grade(args.submissions, args.out, timeout=args.timeout, jobs=args.jobs, chapters=args.chapter)
    except (NotADirectoryError, ValueError) as exc:
        print(f"crmkit grade: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
