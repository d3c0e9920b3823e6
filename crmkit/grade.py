"""Grade a folder of student exercise notebooks (批改作业): ``crmkit grade SUBMISSIONS_DIR``.

A submission is code we did not write, so it is treated as hostile:

1. **It runs in a sandbox** (:mod:`crmkit._sandbox`, bubblewrap): a fresh kernel (nbclient) that can
   read only its own copy of the notebook, the datasets, the Python environment and a read-only copy
   of crmkit, can write only its scratch folder, has no network, its own process namespace (nothing
   it starts outlives it) and limits on CPU time, memory, processes and file size. Without bubblewrap
   (``--sandbox none``, or ``auto`` where bwrap cannot work) it runs as a plain process with the same
   limits, and the grader says plainly what that does not protect.
2. **Nothing it reports is trusted.** Inside the sandbox a hidden first cell records each answer
   passed to ``check()`` (encoded by :mod:`crmkit.exercises._wire`) in a file. The grader reads that
   file as untrusted data (size limits, malformed lines ignored and flagged), decodes each answer and
   judges it with its own, full copy of the questions, in its own process. The last answer checked
   for a question counts.
3. **Cheating is flagged** (a ``flags`` column in the gradebook, the reason on the feedback page) and
   the affected questions get 0 (result ``flagged``): reading answers (``.expected``, ``.solution()``,
   the checker's internals), patching the checker, writing outside its folder (seen by a static
   scan of the source, by an audit hook in the kernel and by the sandbox's refusals), starting or
   killing processes, tampering with the grader's files, and handing in the solutions notebook
   (``# BEGIN SOLUTION``). See :mod:`crmkit._grade_scan`.
4. **One submission cannot touch another**, nor the submissions folder (each runs on a copy; the
   files are hashed before and after) nor crmkit (hashed too). An infrastructure failure (the
   sandbox cannot start, a submission file or crmkit changed, the grader itself failed) makes the
   command exit with status 3 and say so.

Writes, into ``--out`` (default: ``<SUBMISSIONS_DIR>-graded`` beside the folder, never inside it):

- ``gradebook.csv``: one row per student, ``status`` (``ok``, ``errors in N cell(s)``, ``timeout
  after Ns``, ``kernel died``, ``invalid notebook: ...``), ``flags``, one column per question
  (``correct``, ``incorrect``, ``not attempted``, ``error`` or ``flagged``) and ``total`` (questions
  correct). A cell that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR
  first) gets a leading ``'``.
- ``index.html`` and ``feedback/<student>.html``: the table, and per student each question's text,
  code, answer, the grader's message, hints and flags; in English or Chinese (``--lang en|zh``,
  default: the kit's language, :func:`crmkit.set_language`), the grader's messages too. The pages
  carry the kit's Chinese font (``_static/crmkit/``, copied beside them), so Chinese reads in any
  browser, with or without a system CJK font; keep that folder with the pages.

- for the open questions (:class:`crmkit.exercises.OpenQuestion`, graded by hand against a rubric; see
  :mod:`crmkit._grade_hand`): the gradebook marks each text answer ``to grade by hand`` and has a
  ``chNN.qK points`` column; ``open-answers.html`` (for the instructor only: it holds the model answers)
  shows every text with the rubric; ``hand-scores-template.csv`` has a row per answer and criterion. Fill
  in its ``points`` (and ``comment``) and grade again with ``--hand-scores FILE``: a fully scored answer is
  ``graded by hand``, its points count in ``total`` (questions correct plus hand points), and the
  student's page shows the points per criterion and the comments, never the model answer. That second run
  does not execute the notebooks again: it reuses ``results.json``, which the first run saved, when no
  submission, no file of crmkit and no option that changes a result (chapters, timeout, sandbox) has changed
  since; otherwise, or with ``--rerun``, it grades them all again.

A student is a notebook in the folder (``alice.ipynb``), or a folder of their own holding their
notebook(s) (``alice/week3.ipynb``: the student is ``alice``; with several notebooks, ``alice/week3``).
Deeper folders are refused with a message; hidden files and folders (``.ipynb_checkpoints``) are
skipped.

    crmkit grade SUBMISSIONS_DIR [--out DIR] [--timeout 120] [--jobs N] [--chapter ch00]
                                 [--sandbox auto|bwrap|none] [--lang en|zh] [--hand-scores CSV] [--rerun]
"""

from __future__ import annotations

import concurrent.futures as cf
import csv
import hashlib
import html
import json
import math
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from . import _grade_hand, _sandbox
from ._cli import ArgumentParser, CommandError, run
from ._grade_hand import HAND, HAND_GRADED
from ._grade_scan import GRADER, PATCHES, PROCESSES, READS, WRITES, Flag, scan

__all__ = ["grade", "NotebookResult", "Attempt", "GradingError", "main",
           "CORRECT", "INCORRECT", "NOT_ATTEMPTED", "ERROR", "FLAGGED", "HAND", "HAND_GRADED"]

CORRECT, INCORRECT, NOT_ATTEMPTED, ERROR, FLAGGED = "correct", "incorrect", "not attempted", "error", "flagged"

#: Largest submission read (bytes); a larger file is reported, not run.
MAX_NOTEBOOK = 20 * 1024**2
#: Largest records file / executed notebook read back from the sandbox.
MAX_RECORDS = 32 * 1024**2
#: Most code cells, and characters of code, a submission may have.
MAX_CELLS = 2000
MAX_CODE = 2_000_000
MAX_EXECUTED = 48 * 1024**2
MAX_JOBS = 64
#: Processes (threads included) one submission may have at once: a fork bomb stops here.
MAX_PROCESSES = 128
MAX_TIMEOUT = 24 * 3600.0
#: Seconds a sandbox may take beyond ``--timeout`` (interpreter and kernel start-up) before it is killed.
STARTUP_ALLOWANCE = 90.0

# The check outcomes of crmkit.exercises._core, as gradebook results.
_OUTCOME = {
    "correct": CORRECT,
    "incorrect": INCORRECT,
    "wrong type": INCORRECT,
    "wrong shape": INCORRECT,
    "not attempted": NOT_ATTEMPTED,
    "checker error": ERROR,
    "recorded": HAND,  # an open question's text: the instructor grades it by hand (crmkit._grade_hand)
}
#: Characters of an open question's text kept for the pages (a longer text is cut, and says so).
MAX_OPEN_TEXT = 20_000

_CHECK_CALL = re.compile(r"\b(ch(?:\d+[a-z]?|A\d+))\.(q\d+)\.check\s*\(")
_CHAPTER_REF = re.compile(r"\bcrmkit\.exercises\b[^\n]*?\b(ch(?:\d+[a-z]?|A\d+))\b|\bfrom\s+crmkit\.exercises\s+import\s+([\w ,]+)")
_KEY = re.compile(r"^(ch(?:\d+[a-z]?|A\d+))\.(q\d+)$")

#: Size of the sandbox's home (a tmpfs holding the work folder, TMPDIR and the kernel's caches).
HOME_BYTES = 256 * 1024**2
_OUT_FILES = ("started", "records.jsonl", "executed.ipynb", "status.json")

# Paths inside the sandbox.
_PKG, _GRADER, _HOME, _OUT = "/opt/crmkit", "/crmkit-grader", "/student", "/crmkit-out"

# The hidden first cell, run in the student's kernel before their first cell. {args} is replaced
# by a Python literal (records path, allowed write roots, grader folder). It only records: the
# grader decides. It is visible to a student who looks (In[1]); that changes nothing, since a
# forged record is judged like any answer and tampering with the file is flagged.
_RECORDER = '''\
def _crmkit_grade_install(log, allowed, grader):
    import json, os, sys
    from crmkit.exercises import Question, _wire
    import crmkit.exercises._core as core

    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    state = {"depth": 0, "hook": False}

    def cell():
        try:
            return get_ipython().execution_count  # noqa: F821
        except Exception:
            return None

    def emit(rec):
        rec["cell"] = cell()
        try:
            data = json.dumps(rec, ensure_ascii=False, allow_nan=False, default=str)
        except Exception:
            data = json.dumps({"kind": rec.get("kind"), "question": str(rec.get("question")), "cell": rec["cell"],
                               "answer": {"$": "opaque", "type": "answer", "text": "could not be recorded"}})
        if len(data) > 8_000_000:
            rec["answer"] = {"$": "opaque", "type": "answer", "text": "too large to record"}
            data = json.dumps(rec, default=str)
        state["hook"] = True
        try:
            os.write(fd, (data + "\\n").encode("utf-8"))
        finally:
            state["hook"] = False

    def where(q):
        for name, mod in list(sys.modules.items()):
            if name.startswith("crmkit.exercises.ch") and name.count(".") == 2 and mod is not None:
                for var, val in list(vars(mod).items()):
                    if val is q:
                        return name.rsplit(".", 1)[1] + "." + var
        return str(getattr(q, "name", "?"))

    def note(what, detail):
        if not state["hook"]:
            emit({"kind": "event", "what": what, "detail": str(detail)[:300]})

    classes, todo = [], [Question]
    while todo:
        c = todo.pop()
        classes.append(c)
        todo += c.__subclasses__()

    def wrap_check(orig):
        def check(self, answer=Ellipsis, *a, **k):
            state["depth"] += 1
            try:
                return orig(self, answer, *a, **k)
            finally:
                state["depth"] -= 1
                if state["depth"] == 0:
                    emit({"kind": "check", "question": where(self), "answer": _wire.encode(answer)})
        check.__doc__ = orig.__doc__
        return check

    def wrap_method(orig, what):
        def method(self, *a, **k):
            if state["depth"] == 0:
                note(what, where(self))
            return orig(self, *a, **k)
        method.__doc__ = orig.__doc__
        return method

    for c in classes:
        d = c.__dict__
        if "check" in d:
            c.check = wrap_check(d["check"])
        for what in ("solution", "spec"):
            if what in d and callable(d[what]):
                setattr(c, what, wrap_method(d[what], what))
        if isinstance(d.get("expected"), property):
            fget = d["expected"].fget
            def expected(self, fget=fget):
                if state["depth"] == 0:
                    note("expected", where(self))
                return fget(self)
            c.expected = property(expected, doc=d["expected"].__doc__)

    snapshot = {(c.__qualname__, k): v for c in classes for k, v in c.__dict__.items()}
    core_snapshot = dict(vars(core))
    allowed = tuple(allowed)
    grader = grader.rstrip("/") + "/"
    writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
    path_events = {"os.remove", "os.rmdir", "os.rename", "os.truncate", "shutil.rmtree", "os.chmod", "os.chown",
                   "os.link", "os.symlink", "os.mkdir", "os.utime", "shutil.move", "shutil.copyfile"}
    process_events = {"os.fork", "os.forkpty", "os.kill", "os.killpg", "subprocess.Popen", "os.system",
                      "os.exec", "os.posix_spawn", "os.spawn", "pty.spawn", "os.setsid"}
    stdlib = os.path.dirname(os.__file__)

    def by_student():
        f = sys._getframe(2)
        while f is not None:
            name = f.f_code.co_filename
            if not name.startswith(stdlib) and not name.startswith("<frozen"):
                return "ipykernel_" in name or name.startswith(("<ipython-input", "<string>", "<cell"))
            f = f.f_back
        return False

    def outside(p):
        try:
            p = os.path.abspath(os.fsdecode(p))
        except Exception:
            return None
        if p.startswith(grader):
            return "grader", p
        if not (p + "/").startswith(allowed):
            return "write", p
        return None

    def hook(event, args):
        if state["hook"]:
            return
        state["hook"] = True
        try:
            if event == "open":
                path, mode, flags = args
                if isinstance(path, int):
                    return
                w = bool(mode and any(ch in mode for ch in "wax+")) or bool(isinstance(flags, int) and flags & writing)
                o = outside(path)
                if o and (w or o[0] == "grader"):
                    state["hook"] = False
                    note(*o)
            elif event in path_events:
                for p in args[:2]:
                    if isinstance(p, (str, bytes, os.PathLike)):
                        o = outside(p)
                        if o:
                            state["hook"] = False
                            note(*o)
                            break
            elif event in process_events:
                if event in ("os.kill", "os.killpg") and args and args[0] == os.getpid():
                    return
                if by_student():
                    state["hook"] = False
                    note("process", event + " " + repr(args)[:100])
        except Exception:
            pass
        finally:
            state["hook"] = False

    sys.addaudithook(hook)

    def finish():
        changed = sorted({f"{c.__qualname__}.{k}" for c in classes
                          for k in set(c.__dict__) | {k for (q, k) in snapshot if q == c.__qualname__}
                          if c.__dict__.get(k) is not snapshot.get((c.__qualname__, k))})
        changed += [f"_core.{k}" for k in set(vars(core)) | set(core_snapshot)
                    if vars(core).get(k) is not core_snapshot.get(k)]
        for name, mod in list(sys.modules.items()):
            if name.startswith("crmkit.exercises.ch") and mod is not None:
                for var, val in list(vars(mod).items()):
                    if isinstance(val, Question) and (type(val) not in classes or
                                                      set(vars(val)) & {"check", "expected", "_compare", "solution"}):
                        changed.append(name.rsplit(".", 1)[1] + "." + var)
        emit({"kind": "integrity", "changed": changed[:50]})

    emit({"kind": "start"})
    return finish


_crmkit_grade_finish = _crmkit_grade_install{args}
del _crmkit_grade_install
'''

_FINISH = "_crmkit_grade_finish()"


class GradingError(CommandError):
    """Grading could not be trusted or completed (an infrastructure failure): exit status 3."""


@dataclass(frozen=True)
class Attempt:
    """One question of one notebook: the result and what the student sees."""

    result: str
    message: str = ""
    answer: str = ""
    code: str = ""
    marks: tuple = ()  # an open question's hand scores: (criterion number, points, comment)
    points: float | None = None  # an open question's points, once every criterion is scored


@dataclass(frozen=True)
class NotebookResult:
    """What grading one notebook found."""

    student: str
    status: str
    seconds: float
    chapters: tuple = ()
    checks: tuple = ()  # (question key, outcome, message, answer text, execution count), judged by the grader
    error_cells: tuple = ()  # (cell number, source, "ErrorName: message") of cells that raised
    cells: tuple = ()  # (cell number, source) of the submission's code cells
    stopped: bool = False  # execution ended early (timeout, dead kernel) or never started
    flags: tuple = ()  # Flag objects
    infrastructure: str = ""  # not the student's fault: the sandbox failed


# ------------------------------------------------------------------------------------------------
# finding the submissions
# ------------------------------------------------------------------------------------------------

def _visible(p: Path) -> bool:
    return not p.name.startswith(".")


def find_submissions(folder: Path) -> list[tuple[str, Path]]:
    """``(student, path)`` for every notebook: ``x.ipynb`` or ``student/x.ipynb``. Refuses what it
    cannot grade (deeper folders, links) with a message naming the files."""
    found, refused = [], []
    for p in sorted(folder.iterdir()):
        if not _visible(p):
            continue
        if p.is_symlink():
            if p.suffix == ".ipynb" or p.is_dir():
                refused.append(f"{p.name} (a symbolic link)")
            continue
        if p.is_file() and p.suffix == ".ipynb":
            found.append((p.stem, p))
        elif p.is_dir():
            inner = []
            for q in sorted(p.rglob("*.ipynb")):
                rel = q.relative_to(p)
                if any(part.startswith(".") for part in rel.parts):
                    continue
                if q.is_symlink():
                    refused.append(f"{p.name}/{rel} (a symbolic link)")
                elif len(rel.parts) > 1:
                    refused.append(f"{p.name}/{rel} (in a folder inside a student's folder)")
                elif q.is_file():
                    inner.append(q)
            for q in inner:
                found.append((p.name if len(inner) == 1 else f"{p.name}/{q.stem}", q))
    if refused:
        raise CommandError("cannot grade " + "; ".join(refused[:10]) + (" ..." if len(refused) > 10 else "")
                           + ". Give each student one notebook in the folder, or a folder of their own with "
                           "their notebooks directly inside it")
    names = [s for s, _ in found]
    dupes = sorted({s for s in names if names.count(s) > 1})
    if dupes:
        found = [(f"{s}/{p.stem}" if s in dupes and p.parent != folder else s, p) for s, p in found]
        names = [s for s, _ in found]
        dupes = sorted({s for s in names if names.count(s) > 1})
        if dupes:
            raise CommandError(f"two submissions for the same student: {', '.join(dupes)}")
    if not found:
        raise CommandError(f"no notebooks (*.ipynb) in {folder}, nor in a folder per student inside it")
    return found


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _tree_digest(folder: Path) -> dict[str, str]:
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts and not p.is_symlink():
            out[str(p.relative_to(folder))] = _digest(p)
    return out


# ------------------------------------------------------------------------------------------------
# one submission
# ------------------------------------------------------------------------------------------------

def _chapters_in(sources) -> list[str]:
    found: list[str] = []
    for src in sources:
        found += [m.group(1) for m in _CHECK_CALL.finditer(src)]
        for m in _CHAPTER_REF.finditer(src):
            if m.group(1):
                found.append(m.group(1))
            if m.group(2):
                found += [w.strip() for w in m.group(2).split(",") if re.fullmatch(r"ch(?:\d+[a-z]?|A\d+)", w.strip())]
    return sorted(set(found))


def _read_notebook(data: bytes):
    """The notebook (nbformat 4) and its code cells' sources, or an error text."""
    import nbformat

    try:
        text = data.decode("utf-8")
        nb = nbformat.reads(text, as_version=4)
        cells = nb.get("cells")
        if not isinstance(cells, list):
            return None, "no cells"
        sources = []
        for c in cells:
            if not isinstance(c, dict) or not isinstance(c.get("source", ""), str):
                return None, "a cell is malformed"
            if c.get("cell_type") == "code":
                sources.append(c.get("source", ""))
        return nb, sources
    except (UnicodeDecodeError, ValueError):
        return None, "not JSON"
    except Exception as exc:  # noqa: BLE001 - nbformat's own errors on a hostile file
        return None, type(exc).__name__


class _Setup:
    """What every submission shares: the sandbox mode, the package copy, the datasets, the limits."""

    def __init__(self, mode, timeout, root: Path, chapters=()):
        import crmkit

        from .data import datasets_dir

        self.mode, self.timeout, self.root = mode, timeout, root
        self.full_package = Path(crmkit.__file__).resolve().parent
        try:
            self.datasets = str(datasets_dir())
        except Exception:  # noqa: BLE001 - no datasets: notebooks that need them fail on their own
            self.datasets = None
        self.runner = Path(__file__).with_name("_grade_runner.py")
        self.limits = _sandbox.Limits(cpu_seconds=int(timeout) + 120, processes=MAX_PROCESSES)
        self.package_copy = root / "pkg"
        self.package_note = ""
        self.chapters = set(chapters)  # the chapters being graded: their modules, graded, in the sandbox
        self._student_package(self.package_copy)  # built once; bound read-only (bwrap) or copied (none)
        # run by root, each submission gets a user of its own (never reused in this run), so that
        # the process limit counts its processes only and nothing of one can signal another
        self.uid_base = 1_900_000_000 + (os.getpid() % 10_000) * 10_000

    def _student_package(self, dest: Path) -> None:
        """The package the sandbox imports: the GRADED student package, in which no answer can be read.

        It is the full package with each chapter module being graded replaced by the graded release's
        own generator (``crmkit.release.graded_module``: questions rebuilt from their public specs, as
        in ``build_student_package(..., graded=True)``) and every other chapter module by a stub (a
        submission needs only the chapters it is graded on; building every chapter's specs would cost
        all 136 expected values). Where the graded generator is missing or fails, a read-only copy of
        the full package, and :attr:`package_note` says so: reading answers there is possible but
        flagged (static scan, audit of ``.expected``/``.solution()``/``.spec()``), and no grade depends
        on it, since the grader judges every answer itself.
        """
        from .exercises import chapters as all_chapters

        dest.mkdir(parents=True, exist_ok=True)
        shutil.copytree(self.full_package, dest / "crmkit", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        try:
            from .release import graded_module
        except ImportError:
            graded_module = None
            self.package_note = ("this crmkit has no graded release (crmkit.release.graded_module); the sandbox "
                                 "gets a read-only copy of the full package")
        if graded_module is not None:
            try:
                modules = {ch: graded_module(ch) for ch in sorted(self.chapters)}
            except Exception as exc:  # noqa: BLE001 - fall back to the full package, and say so
                self.package_note = (f"the graded package could not be built ({type(exc).__name__}: "
                                     f"{str(exc)[:200]}); the sandbox gets a read-only copy of the full package")
            else:
                for ch in all_chapters():
                    modules.setdefault(ch, f'"""Chapter {ch} is not part of this grading: no questions here."""\n')
                for ch, source in modules.items():
                    (dest / "crmkit" / "exercises" / f"{ch}.py").write_text(source, encoding="utf-8")
                from .release import _withhold_model_answers

                _withhold_model_answers(dest / "crmkit")  # an open question's model answer is an answer too
        (dest / "datasets").mkdir(exist_ok=True)  # where the datasets are bound (read-only)
        for p in [dest, *dest.rglob("*")]:
            if p.is_dir():
                p.chmod(0o755)
            elif p.is_file():
                p.chmod(0o644)


def _chapters_to_grade(datas, chapters) -> set[str]:
    """The chapters named by ``--chapter``, or else those the submissions use (read from their source)."""
    from .exercises import chapters as known

    if chapters:
        return set(chapters)
    found = set()
    for data in datas:
        nb, sources = _read_notebook(data) if len(data) <= MAX_NOTEBOOK else (None, None)
        if nb is not None:
            found |= set(_chapters_in(sources))
    return found & set(known())


def _prepare_notebook(nb, records: str, allowed, grader: str) -> str:
    import nbformat

    run_nb = nbformat.v4.new_notebook()
    run_nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    args = "(" + ", ".join(repr(x) for x in (records, list(allowed), grader)) + ")"
    run_nb.cells.append(nbformat.v4.new_code_cell(_RECORDER.replace("{args}", args)))
    for c in nb.cells:
        if c.get("cell_type") == "code":
            run_nb.cells.append(nbformat.v4.new_code_cell(c.get("source", "")))
    run_nb.cells.append(nbformat.v4.new_code_cell(_FINISH))
    return nbformat.writes(run_nb)


def _read_capped(path: Path, cap: int) -> bytes | None:
    try:
        if path.is_symlink() or not path.is_file():
            return None
        with open(path, "rb") as f:
            data = f.read(cap + 1)
        return data if len(data) <= cap else b""
    except OSError:
        return None


def _grade_one(setup: _Setup, student: str, path: Path, data: bytes, index: int) -> NotebookResult:
    start = time.monotonic()
    if len(data) > MAX_NOTEBOOK:
        return NotebookResult(student, f"invalid notebook: larger than {MAX_NOTEBOOK // 1024**2} MB", 0.0, stopped=True)
    nb, sources = _read_notebook(data)
    if nb is None:
        return NotebookResult(student, f"invalid notebook: {sources}", time.monotonic() - start, stopped=True)
    if len(sources) > MAX_CELLS or sum(map(len, sources)) > MAX_CODE:
        return NotebookResult(student, f"invalid notebook: more than {MAX_CELLS} code cells or "
                                       f"{MAX_CODE:,} characters of code", time.monotonic() - start, stopped=True)
    cells = tuple(enumerate(sources, 1))
    chapters = tuple(_chapters_in(sources))
    flags = list(scan(sources))

    work = setup.root / f"s{index}"
    bwrap = setup.mode == "bwrap"
    host = {k: work / k for k in ("grader", "home", "out")}
    for k, p in host.items():
        if k != "home" or not bwrap:  # in the sandbox, home is a size-limited tmpfs of its own
            p.mkdir(parents=True)
    name = path.name if re.fullmatch(r"[\w .=+@,-]{1,120}\.ipynb", path.name) else "submission.ipynb"
    (host["grader"] / "submission.ipynb").write_bytes(data)  # the runner copies it into the work folder
    if bwrap:
        inside = {"grader": _GRADER, "home": _HOME, "out": _OUT, "pkg": _PKG}
    else:
        shutil.copytree(setup.package_copy, work / "pkg")  # a copy each: none mode cannot make it read-only
        inside = {k: str(v) for k, v in host.items()} | {"pkg": str(work / "pkg")}
    records = inside["out"] + "/records.jsonl"
    allowed = [inside["home"] + "/", "/dev/"]
    (host["grader"] / "run.ipynb").write_text(_prepare_notebook(nb, records, allowed, inside["out"]), encoding="utf-8")
    shutil.copyfile(setup.runner, host["grader"] / "runner.py")
    uid = setup.uid_base + index % 10_000 if (bwrap and os.getuid() == 0) else None
    for p in (work, host["grader"]):
        p.chmod(0o755)
    for f in host["grader"].iterdir():
        f.chmod(0o644)
    for f in _OUT_FILES:  # the only files the sandbox can write on the host: each capped by RLIMIT_FSIZE
        (host["out"] / f).touch()
        if uid is not None:
            os.chown(host["out"] / f, uid, uid)  # the folder stays the grader's: no new files in it
    home = inside["home"]
    env = {"HOME": home, "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "PYTHONPATH": inside["pkg"],
           "PYTHONNOUSERSITE": "1", "PYTHONDONTWRITEBYTECODE": "1", "MPLBACKEND": "Agg",
           "MPLCONFIGDIR": home + "/.config/matplotlib", "IPYTHONDIR": home + "/.ipython",
           "JUPYTER_RUNTIME_DIR": home + "/.jupyter/runtime", "JUPYTER_DATA_DIR": home + "/.jupyter/data",
           "JUPYTER_CONFIG_DIR": home + "/.jupyter", "JUPYTER_PLATFORM_DIRS": "1", "TMPDIR": home + "/tmp",
           "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "LANG": "C.UTF-8",
           "USER": "student", "LOGNAME": "student", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    mounts, tmpfs = [], []
    if setup.datasets:
        env["CRMKIT_DATASETS"] = inside["pkg"] + "/datasets" if bwrap else setup.datasets
    if bwrap:
        mounts = [*_sandbox.python_mounts(), _sandbox.Mount(str(setup.package_copy), _PKG)]
        if setup.datasets:
            mounts.append(_sandbox.Mount(setup.datasets, _PKG + "/datasets"))
        mounts += [_sandbox.Mount(str(host["grader"]), _GRADER), _sandbox.Mount(str(host["out"]), _OUT, True)]
        tmpfs = [(_HOME, HOME_BYTES)]
    args = json.dumps({"notebook": inside["grader"] + "/run.ipynb", "out": inside["out"],
                       "copy": [inside["grader"] + "/submission.ipynb", home + "/work/" + name],
                       "workdir": home + "/work", "tmp": home + "/tmp", "timeout": setup.timeout, "uid": uid})
    argv = [sys.executable, inside["grader"] + "/runner.py", args]
    res = _sandbox.run(setup.mode, argv, mounts=mounts, tmpfs=tmpfs, env=env, cwd=home,
                       limits=setup.limits, timeout=setup.timeout + STARTUP_ALLOWANCE, uid=uid)
    return _collect(setup, student, host["out"], res, cells, chapters, flags, time.monotonic() - start)


def _collect(setup, student, out: Path, res, cells, chapters, flags, seconds) -> NotebookResult:
    """Read what the sandbox left, as untrusted data, and judge it."""
    import nbformat

    from ._grade_runner import READY, STARTED

    started = STARTED in res.head or bool(_read_capped(out / "started", 100))
    status_data = _read_capped(out / "status.json", 10_000)
    status = None
    if status_data:
        try:
            status = json.loads(status_data.decode("utf-8")).get("status")
        except (ValueError, UnicodeDecodeError, AttributeError, RecursionError):
            status = None
    if not isinstance(status, str):
        status = None
    infrastructure = ""
    if res.timed_out:
        status = f"timeout after {setup.timeout:g}s"
    elif not started:
        infrastructure = f"the sandbox did not start (exit {res.returncode}): {' '.join(res.stderr.split())[:300]}"
        status = "could not run: the sandbox did not start"
    elif status is None:
        status = f"kernel died (its process ended with status {res.returncode})"
    elif status == "timeout":
        status = f"timeout after {setup.timeout:g}s"
    elif status.startswith("could not run"):
        status = status[:200]
    elif status not in ("ok", "kernel died"):
        status = "kernel died"
    stopped = status != "ok"

    # the records: one JSON object per line, each judged here
    raw = _read_capped(out / "records.jsonl", MAX_RECORDS)
    malformed = 0
    judged, events, integrity, recorder_ran = [], [], None, False
    if raw == b"":
        flags.append(Flag(GRADER, f"the records file is larger than {MAX_RECORDS // 1024**2} MB"))
    for line in (raw or b"").splitlines():
        try:
            rec = json.loads(line.decode("utf-8"))
            kind = rec["kind"]
        except (ValueError, UnicodeDecodeError, KeyError, TypeError, RecursionError):
            malformed += 1
            continue
        count = rec.get("cell") if type(rec.get("cell")) is int else None
        if kind == "check" and isinstance(rec.get("question"), str) and _KEY.match(rec["question"]):
            judged.append((rec["question"], rec.get("answer"), count))
        elif kind == "event" and rec.get("what") in ("expected", "solution", "spec", "write", "grader", "process"):
            events.append((rec["what"], str(rec.get("detail", ""))[:300], count))
        elif kind == "start":
            recorder_ran = True
        elif kind == "integrity" and isinstance(rec.get("changed"), list):
            integrity = [str(x)[:80] for x in rec["changed"][:50]]
        elif kind != "check":
            malformed += 1
    if started and not (recorder_ran or READY in res.head) and not infrastructure:
        # the kernel never ran the recorder, so no cell of the student's ran: not the student's doing
        infrastructure = (f"the kernel did not start in the sandbox ({status}; exit {res.returncode}): "
                          f"{' '.join(res.stderr.split())[-300:]}")
        status = "could not run: the kernel did not start"
        stopped = True
    if malformed:
        flags.append(Flag(GRADER, f"{malformed} line(s) of the grader's records file were not written by the recorder"))

    # the executed copy: only for the error messages shown (its sources are not trusted)
    error_cells = []
    executed = _read_capped(out / "executed.ipynb", MAX_EXECUTED)
    count_to_cell = {}
    if executed:
        try:
            enb = nbformat.reads(executed.decode("utf-8"), as_version=4)
            code = [c for c in enb.cells if c.get("cell_type") == "code"][1:-1]
            if len(code) == len(cells):
                for (n, src), c in zip(cells, code):
                    if isinstance(c.get("execution_count"), int):
                        count_to_cell[c["execution_count"]] = n
                    for o in c.get("outputs", []):
                        if isinstance(o, dict) and o.get("output_type") == "error":
                            err = f"{str(o.get('ename'))[:100]}: {str(o.get('evalue'))[:300]}"
                            error_cells.append((n, src, err))
        except Exception:  # noqa: BLE001 - a hostile or cut file: no error details
            pass
    for n, src, err in error_cells:
        if err.startswith("PermissionError") or "Read-only file system" in err or "Errno 30" in err:
            flags.append(Flag(WRITES, f"refused by the sandbox: {err[:150]}", None, n))
    if error_cells and status == "ok":
        status = f"errors in {len(error_cells)} cell(s)"

    for what, detail, count in events[:200]:
        n = count_to_cell.get(count)
        if what in ("expected", "solution", "spec"):
            q = detail if _KEY.match(detail) else None
            flags.append(Flag(READS, f"called .{what}{'()' if what != 'expected' else ''} on {detail}",
                              (q,) if q else None, n))
        elif what == "write":
            flags.append(Flag(WRITES, f"wrote {detail}", None, n))
        elif what == "grader":
            flags.append(Flag(GRADER, f"opened the grader's file {detail}", None, n))
        else:
            flags.append(Flag(PROCESSES, detail, None, n))
    if integrity:
        flags.append(Flag(PATCHES, "changed " + ", ".join(integrity[:8])))

    last = {}  # only the last answer to each question counts: judge that one (a flood of records costs nothing)
    for key, answer, count in judged:
        last.pop(key, None)
        last[key] = (answer, count)
    checks = []
    for key, (answer, count) in list(last.items())[:500]:
        try:
            outcome, message, shown = _judge(key, answer)
        except Exception as exc:  # noqa: BLE001 - a checker bug on a strange value is that question's error
            outcome, message, shown = "checker error", f"The grader could not check this answer ({type(exc).__name__}).", ""
        checks.append((key, outcome, message, shown, count_to_cell.get(count)))
    seen, unique = set(), []
    for f in flags:
        k = (f.kind, f.detail, f.cell, f.questions)
        if k not in seen:
            seen.add(k)
            unique.append(f)
    return NotebookResult(student, status, seconds, chapters, tuple(checks), tuple(error_cells), cells, stopped,
                          tuple(unique), infrastructure)


_QUESTIONS_LOCK = threading.Lock()


def _judge(key: str, wire) -> tuple[str, str, str]:
    """(outcome, message, answer as shown) for one recorded answer, judged by the full package."""
    from .exercises import _wire, questions

    ch, q = key.split(".")
    try:
        with _QUESTIONS_LOCK:
            question = questions(ch).get(q)
    except ImportError:
        question = None
    if question is None:
        return "checker error", f"There is no question {key}.", ""
    try:
        value = _wire.decode(wire)
    except _wire.WireError as exc:
        return "checker error", f"The recorded answer could not be read ({exc}).", ""
    try:
        shown = repr(value)
    except Exception:  # noqa: BLE001
        shown = f"<{type(value).__name__}>"
    if len(shown) > 2000:
        shown = shown[:2000] + " ..."
    if isinstance(value, _wire.Opaque):
        return "wrong type", f"The answer is {value!r}; give a number, text, list, dict or table.", shown
    with _QUESTIONS_LOCK:  # a question caches its expected value; judge one answer at a time
        fb = question.check(value)
    if _is_open(question) and type(value) is str and value.strip():
        # any text is graded by hand (a short one too: the check told the student; the instructor decides)
        text = value if len(value) <= MAX_OPEN_TEXT else value[:MAX_OPEN_TEXT] + f"\n[... cut at {MAX_OPEN_TEXT:,} characters]"
        return "recorded", fb.message, text
    return fb.outcome, fb.message, shown


def _is_open(question) -> bool:
    from .exercises import OpenQuestion

    return isinstance(question, OpenQuestion)


def _question_key(key: str):
    ch, q = key.split(".")
    m = re.match(r"ch(\d+)([a-z]?)", ch)
    return (int(m.group(1)) if m else 0, ch, int(q[1:]) if q[1:].isdigit() else 0, q)


def _columns(results, chapters=None) -> list[str]:
    from .exercises import questions

    chs = sorted(set(chapters) if chapters else {c for r in results for c in r.chapters})
    keys: set[str] = set()
    for ch in chs:
        try:
            keys |= {f"{ch}.{k}" for k in questions(ch)}
        except ImportError:
            pass
    if not chapters:
        for r in results:  # questions checked although their chapter was not seen in the source
            keys |= {c[0] for c in r.checks if c[1] != "checker error" or "no question" not in c[2]}
    return sorted(keys, key=_question_key)


def _flagged(r: NotebookResult, key: str) -> list[Flag]:
    return [f for f in r.flags if f.questions is None or key in f.questions]


def attempts(r: NotebookResult, columns) -> dict[str, Attempt]:
    """Per question, the result for the gradebook and what to show on the feedback page."""
    last = {c[0]: c for c in r.checks}
    out = {}
    for key in columns:
        ch, q = key.split(".")
        pat = re.compile(rf"\b{re.escape(ch)}\.{re.escape(q)}\.check\s*\(")
        cell = next((src for _, src in r.cells if pat.search(src)), "")
        bad = _flagged(r, key)
        if key in last:
            _, outcome, message, shown, n = last[key]
            code = cell or next((src for m, src in r.cells if m == n), "")
            att = Attempt(_OUTCOME.get(outcome, ERROR), message, shown, code)
        else:
            err = next((e for e in r.error_cells if pat.search(e[1])), None)
            if err is not None:
                att = Attempt(ERROR, _t("pages.msg_raised", error=err[2]), "", err[1])
            elif r.stopped:
                why = "pages.msg_invalid" if r.status.startswith("invalid") else "pages.msg_stopped"
                att = Attempt(ERROR, _t(why, status=r.status), "", cell)
            else:
                att = Attempt(NOT_ATTEMPTED, _t("pages.msg_never"), "", cell)
        if bad:
            reasons = "; ".join(f.describe() for f in bad[:3])
            att = Attempt(FLAGGED, _t("pages.msg_flagged", reasons=reasons), att.answer, att.code)
        out[key] = att
    return out


# ------------------------------------------------------------------------------------------------
# the command
# ------------------------------------------------------------------------------------------------

def _check_timeout(timeout) -> float:
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise CommandError(f"--timeout must be a number of seconds, got {timeout!r}")
    t = float(timeout)
    if not math.isfinite(t) or t <= 0 or t > MAX_TIMEOUT:
        raise CommandError(f"--timeout must be a finite number of seconds above 0 and at most {MAX_TIMEOUT:g}, "
                           f"got {timeout!r}")
    return t


def _check_jobs(jobs) -> int | None:
    if jobs is None:
        return None
    if isinstance(jobs, bool) or not isinstance(jobs, int) or not 1 <= jobs <= MAX_JOBS:
        raise CommandError(f"--jobs must be a whole number from 1 to {MAX_JOBS}, got {jobs!r}")
    return jobs


def _number_option(text: str, name: str, kind=float):
    """A command-line number, or the option's own message."""
    try:
        return kind(text)
    except (TypeError, ValueError, OverflowError):
        what = "a whole number" if kind is int else "a number of seconds"
        raise CommandError(f"{name} must be {what}, got {text!r}") from None


def _check_chapters(chapters):
    if chapters is None:
        return None
    from .exercises import chapters as known

    bad = [c for c in chapters if c not in known()]
    if bad:
        raise CommandError(f"--chapter: no such chapter {', '.join(map(repr, bad))}; the chapters are "
                           f"{', '.join(known())}")
    return list(chapters)


def grade(submissions, out=None, *, timeout: float = 120.0, jobs: int | None = None, chapters=None,
          sandbox: str = "auto", lang: str | None = None, hand_scores=None, rerun: bool = False,
          progress=print) -> list[dict]:
    """Grade every submission in ``submissions``; write the gradebook and feedback into ``out``.

    Returns the gradebook rows (dicts, as written to ``gradebook.csv``). Raises
    :class:`~crmkit._cli.CommandError` for a bad option or folder (nothing run) and
    :class:`GradingError` after writing the gradebook when grading cannot be trusted. ``lang``
    (``"en"`` or ``"zh"``; default: the kit's current language) is the language of the HTML pages
    and of the grader's messages; ``gradebook.csv`` keeps its English keys and results. ``hand_scores``:
    a CSV of the open questions' hand scores (:mod:`crmkit._grade_hand`), checked before anything runs; the
    notebooks are not run again when ``out/results.json`` holds this very run's results (``rerun=True`` runs
    them anyway).
    """
    from .i18n import LANGUAGES, get_language, set_language

    if lang is None:
        lang = get_language()
    elif not isinstance(lang, str) or lang not in LANGUAGES:
        raise CommandError(f"--lang must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    before = get_language()
    if lang != before:
        set_language(lang)
    try:
        if not isinstance(rerun, bool):
            raise CommandError(f"rerun must be True or False, got {rerun!r}")
        return _grade(submissions, out, timeout=timeout, jobs=jobs, chapters=chapters, sandbox=sandbox,
                      hand_scores=hand_scores, rerun=rerun, progress=progress)
    finally:
        if get_language() != before:
            set_language(before)


def _grade(submissions, out, *, timeout, jobs, chapters, sandbox, hand_scores, rerun, progress) -> list[dict]:
    timeout = _check_timeout(timeout)
    jobs = _check_jobs(jobs)
    chapters = _check_chapters(chapters)
    if sandbox not in _sandbox.MODES:
        raise CommandError(f"--sandbox must be one of {', '.join(_sandbox.MODES)}, got {sandbox!r}")
    import crmkit

    if "+graded" in getattr(crmkit, "__version__", ""):
        raise CommandError("this crmkit is a graded student package: it holds no answers to grade with; "
                           "run crmkit grade from the course repository's own installation")
    submissions = Path(submissions)
    if not submissions.is_dir():
        raise CommandError(f"{submissions} is not a folder of notebooks")
    out = Path(out) if out is not None else submissions.parent / f"{submissions.name}-graded"
    sub_real, out_real = submissions.resolve(), out.resolve()
    if out_real == sub_real or sub_real in out_real.parents:
        raise CommandError(f"the output folder {out} must not be inside the submissions folder {submissions}")
    if out_real in sub_real.parents:
        raise CommandError(f"the output folder {out} must not contain the submissions folder {submissions}")
    if out.exists() and not out.is_dir():
        raise CommandError(f"the output {out} exists and is not a folder")
    found = find_submissions(submissions)
    scores = {} if hand_scores is None else _grade_hand.read_scores(hand_scores, [s for s, _ in found])
    try:
        mode = _sandbox.choose(sandbox)
    except _sandbox.SandboxError as exc:
        raise GradingError(f"--sandbox bwrap: {exc}") from None
    if mode == "none":
        if sandbox == "auto":
            progress(f"bubblewrap is not usable here ({_sandbox.probe_bwrap()}); falling back to --sandbox none.")
        progress(_sandbox.NONE_WARNING)

    import crmkit

    package = Path(crmkit.__file__).resolve().parent
    package_before = _tree_digest(package)
    datas = {}
    before = {}
    for student, p in found:
        try:
            with open(p, "rb") as f:
                datas[student] = f.read(MAX_NOTEBOOK + 1)
        except OSError as exc:
            raise CommandError(f"cannot read {p}: {exc.strerror or exc}") from None
        before[str(p)] = _digest(p)
    jobs = min(jobs or os.cpu_count() or 1, len(found))
    start = time.monotonic()
    failures: list[str] = []
    run_key = _run_key(found, before, package_before, chapters, timeout, mode)
    saved = _load_results(out, run_key) if hand_scores is not None and not rerun else None
    if saved is not None:
        results = saved
        progress(_t("grade.reused", n=len(saved), file=out / RESULTS))
    else:
        results = _run_all(found, datas, mode=mode, timeout=timeout, chapters=chapters, jobs=jobs,
                           failures=failures, progress=progress)
    after = {}
    for _, p in found:
        try:
            after[str(p)] = _digest(p)
        except OSError:
            after[str(p)] = "missing"
    changed = [p for p in before if before[p] != after[p]]
    if changed:
        failures.append(f"submission file(s) changed during grading: {', '.join(changed[:5])}")
    package_after = _tree_digest(package)
    if package_after != package_before:
        diff = sorted(k for k in set(package_before) | set(package_after) if package_before.get(k) != package_after.get(k))
        failures.append(f"crmkit's own files changed during grading: {', '.join(diff[:5])}")

    results.sort(key=lambda r: r.student)
    columns = _columns(results, chapters)
    opened = {k: q for k in columns if (q := _grade_hand.open_question(k)) is not None}
    rows, per_student, unused = [], {}, []
    for r in results:
        att = attempts(r, columns)
        for key in opened:
            att[key], note = _with_hand_scores(att[key], scores.get((r.student, key)), opened[key])
            if note:
                unused.append(f"{r.student} {key} ({note})")
        per_student[r.student] = att
        row = {"student": r.student, "status": r.status,
               "flags": "; ".join(f.describe() for f in r.flags[:10])}
        for k, a in att.items():
            row[k] = a.result
            if k in opened:
                row[f"{k} points"] = "" if a.points is None else a.points
        hand = sum(a.points or 0 for k, a in att.items() if k in opened)
        row["total"] = sum(a.result == CORRECT for a in att.values()) + (int(hand) if float(hand).is_integer() else hand)
        rows.append(row)
    _write(out, rows, columns, results, per_student, opened)
    waiting = sum(row[k] == HAND for row in rows for k in opened)
    if opened:
        progress(f"open questions: {waiting} answer(s) to grade by hand; see {out / 'open-answers.html'} and fill in "
                 f"{out / 'hand-scores-template.csv'}, then grade again with --hand-scores")
    unused += [f"{k} (not graded in this run)" for k in sorted({k for _, k in scores} - set(opened))]
    if unused:
        progress(f"hand scores not used: {'; '.join(unused[:10])}")
    elapsed = time.monotonic() - start
    progress(f"graded {len(results)} notebook(s) in {elapsed:.1f} s with {jobs} worker(s), sandbox: {mode}; "
             f"gradebook: {out / 'gradebook.csv'}")
    if failures:
        raise GradingError("grading cannot be trusted: " + " | ".join(failures[:10]))
    if saved is None:
        _save_results(out, run_key, results)
    return rows


def _run_all(found, datas, *, mode, timeout, chapters, jobs, failures, progress) -> list[NotebookResult]:
    """Run every submission in its sandbox, ``jobs`` at a time; a failure of the grader itself goes to
    ``failures``."""
    results: list[NotebookResult] = []
    with tempfile.TemporaryDirectory(prefix="crmkit-grade-") as tmp:
        root = Path(tmp)
        root.chmod(0o711)
        setup = _Setup(mode, timeout, root, _chapters_to_grade(datas.values(), chapters))
        if setup.package_note:
            progress(f"Note: {setup.package_note}.")
        with cf.ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = {pool.submit(_grade_one, setup, s, p, datas[s], i): (s, p) for i, (s, p) in enumerate(found)}
            for fut in cf.as_completed(futures):
                s, p = futures[fut]
                try:
                    r = fut.result()
                except Exception as exc:  # noqa: BLE001 - the grader failed on this one: say so, go on
                    r = NotebookResult(s, "could not run: the grader failed", 0.0, stopped=True,
                                       infrastructure=f"{type(exc).__name__}: {exc}"[:300])
                if r.infrastructure:
                    failures.append(f"{s}: {r.infrastructure}")
                flagged = f"; flagged: {', '.join(sorted({f.kind for f in r.flags}))}" if r.flags else ""
                progress(f"  {r.student}: {r.status} ({r.seconds:.1f} s){flagged}")
                results.append(r)
    return results


RESULTS = "results.json"  # in the output folder: this run's results, for a --hand-scores run to reuse


def _run_key(found, before, package, chapters, timeout, mode) -> dict:
    """What a run's results depend on: each submission's contents, crmkit's own files, and the options that
    change a result. A saved run is reused only when all of it is the same."""
    files = hashlib.sha256(json.dumps(sorted(package.items())).encode()).hexdigest()
    return {"format": 1, "submissions": {s: before[str(p)] for s, p in found}, "crmkit": files,
            "chapters": None if chapters is None else sorted(chapters), "timeout": timeout, "sandbox": mode}


def _save_results(out: Path, key: dict, results) -> None:
    data = {"key": key, "results": [{**r.__dict__, "flags": [f.__dict__ for f in r.flags]} for r in results]}
    (out / RESULTS).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _tuples(x):
    return tuple(_tuples(v) for v in x) if isinstance(x, list) else x


def _load_results(out: Path, key: dict) -> list[NotebookResult] | None:
    """The saved results of a run with this key, or None (no file, another run, or a file that does not read
    back: the notebooks then run again)."""
    try:
        data = json.loads((out / RESULTS).read_text(encoding="utf-8"))
        if data["key"] != json.loads(json.dumps(key)):
            return None
        results = []
        for r in data["results"]:
            flags = tuple(Flag(f["kind"], f["detail"], _tuples(f["questions"]), f["cell"]) for f in r["flags"])
            fields = {k: _tuples(v) for k, v in r.items() if k != "flags"}
            results.append(NotebookResult(**fields, flags=flags))
        if sorted(r.student for r in results) != sorted(key["submissions"]):
            return None
        return results
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _with_hand_scores(att: Attempt, marks, q) -> tuple[Attempt, str]:
    """An open question's attempt with the instructor's scores: graded by hand once every criterion has
    points; an answer that is not a text to grade (not attempted, flagged ...) gets 0 and its scores are
    not used (the note says why)."""
    import dataclasses

    given = tuple(sorted((c, m.points, m.comment) for c, m in (marks or {}).items()))
    if att.result in (HAND, HAND_GRADED):
        points = _grade_hand.total(marks, q) if marks else None
        return dataclasses.replace(att, result=HAND if points is None else HAND_GRADED, marks=given,
                                   points=points), ""
    return dataclasses.replace(att, points=0), (f"the answer is {att.result}" if marks else "")


# -- output ------------------------------------------------------------------------------------

_COLOUR = {CORRECT: "#e6f4ea", INCORRECT: "#fdecea", NOT_ATTEMPTED: "#fff8e1", ERROR: "#eeeeee", FLAGGED: "#f3d1f4",
           HAND: "#e8f0fe", HAND_GRADED: "#d3e3fd"}
_CSS = """body{font-family:var(--crmkit-font-family,system-ui,sans-serif);margin:2em;max-width:70em}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
pre{background:#f6f8fa;padding:6px;white-space:pre-wrap;margin:2px 0}code{background:#f6f8fa;padding:0 3px}
.q{margin:1.2em 0;padding:0.6em 1em;border-left:5px solid #999}.flag{color:#8b008b}"""
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(value):
    """A gradebook cell a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def _inline(text: str) -> str:
    """Question text as HTML: escaped, with `code` and **bold** rendered (no raw backticks)."""
    e = html.escape(text)
    e = re.sub(r"`([^`\n]+)`", r"<code>\1</code>", e)
    e = re.sub(r"\*\*([^*\n]+)\*\*", r"<b>\1</b>", e)
    return e


#: Where the pages find the kit's Chinese font and its style sheet (crmkit.lab.copy_font), from ``out``.
_FONT_DIR = "_static/crmkit"


def _t(key: str, **fmt) -> str:
    from .i18n import t

    return t(key, **fmt)


def _result(result: str) -> str:
    """A result (correct, incorrect ...) as the pages show it, in the kit's language."""
    return _t(f"pages.result.{result}")


def _page(title: str, body: str, up: str = "") -> str:
    from .i18n import get_language

    lang = "zh-CN" if get_language() == "zh" else "en"
    return (f"<!DOCTYPE html>\n<html lang='{lang}'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<link rel='stylesheet' href='{up}{_FONT_DIR}/crmkit-font.css'>"
            f"<style>{_CSS}</style></head><body>\n{body}\n</body></html>\n")


def _feedback_page(r: NotebookResult, att: dict[str, Attempt]) -> str:
    from .exercises import questions

    e = html.escape
    correct = sum(a.result == CORRECT for a in att.values())
    parts = [f"<h1>{e(_t('pages.feedback_heading', student=r.student))}</h1>",
             f"<p>{_t('pages.score', status=e(r.status), correct=correct, total=len(att))}</p>"]
    opened = {k: q for k in att if (q := _grade_hand.open_question(k)) is not None}
    if opened:  # the open questions: points by hand so far, and how many are still to grade
        points, most = sum(att[k].points or 0 for k in opened), sum(q.max_points for q in opened.values())
        waiting = sum(att[k].result == HAND for k in opened)
        parts.append(f"<p>{_t('pages.hand_score', points=f'{points:g}', most=f'{most:g}', waiting=waiting)}</p>")
    if r.flags:
        items = "".join(f"<li>{e(f.describe())}</li>" for f in r.flags[:30])
        parts.append(f"<div class='flag'><h2>{_t('pages.flagged')}</h2><p>{_t('pages.flagged_zero')}"
                     f"</p><ul>{items}</ul></div>")
    for key, a in att.items():
        ch, q = key.split(".")
        try:
            question = questions(ch)[q]
            prompt, hints = question.prompt, question.hints
        except (ImportError, KeyError):
            prompt, hints = "", ()
        parts.append(f"<div class='q' style='border-color:{_COLOUR[a.result]};background:{_COLOUR[a.result]}33'>")
        parts.append(f"<h2>{e(key)}: {e(_result(a.result))}</h2><p>{_inline(prompt)}</p>")
        if a.code:
            parts.append(f"<p>{_t('pages.your_code')}</p><pre>{e(a.code)}</pre>")
        if a.answer:
            parts.append(f"<p>{_t('pages.your_answer')}</p><pre>{e(a.answer)}</pre>")
        parts.append(f"<p>{_t('pages.check', message=e(a.message))}</p>")
        if _grade_hand.open_question(key) is not None:  # the rubric and the points given; never the model answer
            parts.append(_rubric_table(_grade_hand.open_question(key), a))
        if hints:
            items = "".join(f"<li>{_inline(h)}</li>" for h in hints)
            opened = "" if a.result == CORRECT else " open"
            parts.append(f"<details{opened}><summary>{_t('pages.hints')}</summary><ol>{items}</ol></details>")
        parts.append("</div>")
    if r.error_cells:
        parts.append(f"<h2>{_t('pages.error_cells')}</h2>")
        for _, src, err in r.error_cells:
            parts.append(f"<pre>{e(src)}</pre><p>{e(err)}</p>")
    return _page(_t("pages.feedback_title", student=r.student), "\n".join(parts), up="../")


def _rubric_table(q, a: Attempt) -> str:
    """An open question's rubric as a table: each criterion, its maximum, the points given and the comment."""
    e = html.escape
    given = {c: (p, note) for c, p, note in a.marks}
    rows = []
    for k, (criterion, top) in enumerate(q.rubric, 1):
        p, note = given.get(k, ("", ""))
        rows.append(f"<tr><td>{k}</td><td>{_inline(criterion)}</td><td>{e(f'{p:g}' if p != '' else '')} / {top:g}"
                    f"</td><td>{e(note)}</td></tr>")
    points = "" if a.points is None else f"{a.points:g}"
    return (f"<table><tr><th>#</th><th>{_t('pages.criterion')}</th><th>{_t('pages.points')}</th>"
            f"<th>{_t('pages.comment')}</th></tr>{''.join(rows)}<tr><td></td><td><b>{_t('pages.total')}</b></td>"
            f"<td><b>{e(points)}</b> / {q.max_points:g}</td><td></td></tr></table>")


def _open_answers_page(opened, results, per_student, files) -> str:
    """The instructor's page of the open answers: per question its rubric and model answer, then every
    student's text with the points given so far. Never given to students (it holds the model answers)."""
    e = html.escape
    parts = [f"<h1>{_t('pages.open_heading')}</h1><p>{_t('pages.open_intro')}</p>"]
    for key, q in opened.items():
        parts.append(f"<h2>{e(key)}</h2><p>{_inline(q.prompt)}</p>")
        try:
            model = q.model_answer
        except AttributeError:  # a graded package: no model answer here
            model = ""
        parts.append(f"<details open><summary>{_t('pages.model_answer')}</summary><pre>{e(model)}</pre></details>")
        for r in results:
            a = per_student[r.student][key]
            parts.append(f"<div class='q' style='border-color:{_COLOUR[a.result]}'><h3><a href='feedback/"
                         f"{e(files[r.student])}'>{e(r.student)}</a>: {e(_result(a.result))}</h3>")
            if a.answer:
                parts.append(f"<pre>{e(a.answer)}</pre>")
            else:
                parts.append(f"<p>{e(a.message)}</p>")
            parts.append(_rubric_table(q, a) + "</div>")
    return _page(_t("pages.open_heading"), "\n".join(parts))


def _write_template(out: Path, opened, results, per_student) -> None:
    """``hand-scores-template.csv``: a row per open answer to grade and criterion, points given filled in."""
    with open(out / "hand-scores-template.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["student", "question", "criterion", "max", "points", "comment", "criterion_text"])
        for key, q in opened.items():
            for r in results:
                a = per_student[r.student][key]
                if a.result not in (HAND, HAND_GRADED):
                    continue
                given = {c: (p, note) for c, p, note in a.marks}
                for k, (criterion, top) in enumerate(q._rubric, 1):  # the English criteria: the file's language
                    p, note = given.get(k, ("", ""))
                    w.writerow([_safe_cell(r.student), key, k, f"{top:g}", "" if p == "" else f"{p:g}",
                                _safe_cell(note), _safe_cell(criterion)])


def _file_names(students) -> dict[str, str]:
    names, used = {}, set()
    for s in students:
        base = re.sub(r"[^\w.-]", "_", s).lstrip(".")[:100] or "student"
        name, i = base, 1
        while name.lower() in used:
            i += 1
            name = f"{base}_{i}"
        used.add(name.lower())
        names[s] = name + ".html"
    return names


def _write(out: Path, rows, columns, results, per_student, opened=None) -> None:
    from .lab import copy_font

    opened = opened or {}
    out.mkdir(parents=True, exist_ok=True)
    copy_font(out / _FONT_DIR)
    fields = ["student", "status", "flags", *[x for c in columns for x in ((c, f"{c} points") if c in opened else (c,))],
              "total"]
    with open(out / "gradebook.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows({k: _safe_cell(v) for k, v in row.items()} for row in rows)
    fb = out / "feedback"
    fb.mkdir(exist_ok=True)
    files = _file_names([r.student for r in results])
    for r in results:
        (fb / files[r.student]).write_text(_feedback_page(r, per_student[r.student]), encoding="utf-8")
    if opened:
        (out / "open-answers.html").write_text(_open_answers_page(opened, results, per_student, files),
                                               encoding="utf-8")
        _write_template(out, opened, results, per_student)
    e = html.escape
    fixed = {"student", "status", "flags", "total"}
    head = "".join(f"<th>{e(_t('pages.' + c) if c in fixed else c)}</th>" for c in fields)
    body = []
    for row in rows:
        cells = [f"<td><a href='feedback/{e(files[row['student']])}'>{e(row['student'])}</a></td>",
                 f"<td>{e(row['status'])}</td>", f"<td class='flag'>{e(row['flags'])}</td>"]
        for c in columns:
            cells.append(f"<td style='background:{_COLOUR[row[c]]}'>{e(_result(row[c]))}</td>")
            if c in opened:
                cells.append(f"<td>{e(str(row[f'{c} points']))}</td>")
        most = len(columns) - len(opened) + sum(q.max_points for q in opened.values())
        cells.append(f"<td><b>{row['total']}</b> / {most:g}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    summary = [x for c in columns for x in ([f"<td>{sum(row[c] == CORRECT for row in rows)}/{len(rows)}</td>"]
                                             + (["<td></td>"] if c in opened else []))]
    body.append(f"<tr><td colspan='3'><i>{_t('pages.correct_row')}</i></td>" + "".join(summary) + "<td></td></tr>")
    link = f"<p><a href='open-answers.html'>{_t('pages.open_link')}</a></p>" if opened else ""
    (out / "index.html").write_text(_page(_t("pages.gradebook"), f"<h1>{_t('pages.gradebook_heading')}</h1>{link}"
                                          f"<table><tr>{head}</tr>"
                                          + "\n".join(body) + "</table>"), encoding="utf-8")


def _parser() -> ArgumentParser:
    ap = ArgumentParser(prog="crmkit grade", description="Grade a folder of exercise notebooks, each in a sandbox.")
    ap.add_argument("submissions", help="folder with one .ipynb per student, or one folder per student")
    ap.add_argument("--out", help="output folder (default: SUBMISSIONS-graded beside it; never inside it)")
    ap.add_argument("--timeout", default="120", help="seconds per notebook, a finite number above 0 (default 120)")
    ap.add_argument("--jobs", default=None, help=f"notebooks run at once, 1 to {MAX_JOBS} (default: the cores)")
    ap.add_argument("--chapter", action="append", help="grade these chapters' questions (e.g. ch00); "
                                                       "default: the chapters the notebooks use")
    ap.add_argument("--sandbox", default="auto", choices=_sandbox.MODES,
                    help="bwrap: bubblewrap, refuse to grade without it; none: a plain process (see the "
                         "warning it prints); auto (default): bwrap where it works, else none")
    ap.add_argument("--lang", default=None, choices=("en", "zh"),
                    help="language of the feedback pages and the grader's messages (default: English)")
    ap.add_argument("--hand-scores", default=None, metavar="CSV",
                    help="the open questions' hand scores: student,question,criterion,points[,comment] (fill in "
                         "the hand-scores-template.csv a first run writes)")
    ap.add_argument("--rerun", action="store_true",
                    help="with --hand-scores: run the notebooks again even when the results saved in the output "
                         "folder (results.json) are of the same submissions, crmkit and options")
    return ap


def main(argv=None) -> int:
    def body() -> int:
        args = _parser().parse_args(argv)
        try:
            grade(args.submissions, args.out, timeout=_number_option(args.timeout, "--timeout"),
                  jobs=None if args.jobs is None else _number_option(args.jobs, "--jobs", int),
                  chapters=args.chapter, sandbox=args.sandbox, lang=args.lang, hand_scores=args.hand_scores,
                  rerun=args.rerun)
        except GradingError as exc:
            print(f"crmkit grade: error: {exc}", file=sys.stderr)
            return 3
        return 0

    return run("crmkit grade", body)


if __name__ == "__main__":
    sys.exit(main())
