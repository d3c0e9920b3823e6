"""``crmkit grade`` against hostile submissions (issues 18 and 22), graded in one sandboxed run.

Every submission is a small generated notebook for chapter 00: honest ones (right, wrong, untouched,
crashing, looping, corrupt) and hostile ones (reads the expected values, copies ``solution()``,
patches the checker, writes outside its folder, deletes a sibling, edits the package, forges the
results file, kills its parent, detaches a process that writes later, a fork bomb, a formula file
name). Asserted: every file in the submissions folder and in crmkit unchanged, every honest student
graded as the answers deserve, every hostile one flagged with the reason and 0 for the questions
it affects, and the exit status.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import re
import shutil
import time
from pathlib import Path

import nbformat
import pytest

from crmkit import _sandbox
from crmkit import grade as g

ROOT = Path(__file__).resolve().parents[1]
N = 8
QUESTIONS = [f"ch00.q{i}" for i in range(1, N + 1)]
TIMEOUT = 15  # seconds of cells per notebook: the endless loop hits it, the others need 1-5 s
LATE_WRITE_S = 3  # the detached process writes this long after it starts
TOKEN = f"crmkit-late-{os.getpid()}-{time.time_ns()}"  # in the detached process's command line

pytestmark = pytest.mark.skipif(_sandbox.probe_bwrap() is not None,
                                reason="bubblewrap cannot create a sandbox here (see test_grade.py for --sandbox none)")


def _solution_cells():
    """The solution notebook's code cells with the BEGIN/END SOLUTION marker lines removed."""
    nb = nbformat.read(str(ROOT / "solutions" / "ch00_taxi.ipynb"), as_version=4)
    out = []
    for c in nb.cells:
        if c.cell_type == "code":
            out.append("\n".join(ln for ln in c.source.splitlines() if "# BEGIN SOLUTION" not in ln
                                 and "# END SOLUTION" not in ln))
    return out


def _notebook(*sources) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    return nb


def _answer(cells, q):
    return next(s for s in cells if f"ch00.{q}.check(" in s)


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    import crmkit

    base = tmp_path_factory.mktemp("hostile")
    sub = base / "submissions"
    sub.mkdir()
    late = base / "late-write.txt"  # the detached process's target, outside every sandbox
    cells = _solution_cells()
    head = cells[0]  # imports
    q1 = _answer(cells, "q1")

    def put(name, nb):
        nbformat.write(nb, str(sub / f"{name}.ipynb"))

    put("alice", _notebook(*cells))  # honest, everything right
    wrong = list(cells)
    wrong[wrong.index(_answer(cells, "q1"))] = "counted_by = 'kilometres'\nch00.q1.check(counted_by)"
    wrong[wrong.index(_answer(cells, "q2"))] = "cost_per_hour = (400 + 270) / 16\nch00.q2.check(cost_per_hour)"
    wrong[wrong.index(_answer(cells, "q8"))] = "rule = ...\nch00.q8.check(rule)"
    put("bob", _notebook(*wrong))  # honest, q1 q2 wrong, q8 not attempted
    shutil.copyfile(ROOT / "exercises" / "ch00_taxi.ipynb", sub / "carol.ipynb")  # untouched
    crash = list(cells)
    crash[crash.index(_answer(cells, "q2"))] = "profit_short = 10 / 0\nch00.q2.check(profit_short)"
    crash[crash.index(_answer(cells, "q4"))] = "import os\nos._exit(1)  # the kernel dies\nch00.q4.check(4)"
    put("dave", _notebook(*crash))
    # loops for ever; asleep, so that it does not take a core from the rest of the suite for TIMEOUT seconds (the
    # runner's timeout is the wall clock's, the same for a busy loop: nbclient interrupts whatever the kernel does)
    put("erin", _notebook(head, q1, "import time\nwhile True:\n    time.sleep(0.05)", _answer(cells, "q2")))
    (sub / "frank.ipynb").write_text('{"cells": [ {"cell_type": "code", "sour', encoding="utf-8")  # corrupt
    put("grace", _notebook(head, "ch00.q1.check(ch00.q1.expected)",  # feeds check() its own expected values
                           "for name in ['q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8']:\n"
                           "    q = getattr(ch00, name)\n    q.check(q.expected)"))
    put("heidi", _notebook(head, q1, "print(ch00.q2.solution())",  # prints solution() and copies it
                           "cost_per_hour = (400 + 270) / 17\nch00.q2.check(cost_per_hour)"))
    put("ivan", _notebook(head, "from crmkit.exercises import Question, Feedback\n"  # patches the checker
                          "Question.check = lambda self, answer=None: Feedback('correct', 'ok')\n"
                          "for n in range(1, 9):\n    getattr(ch00, f'q{n}').check(0)"))
    put("judy", _notebook(head, q1, f"open({str(base / 'outside.txt')!r}, 'w').write('x')"))  # writes outside
    put("mallory", _notebook(head, q1, f"import os\nos.remove({str(sub / 'alice.ipynb')!r})"))  # deletes a sibling
    put("oscar", _notebook(head, q1, "import crmkit.exercises as ex, pathlib\n"  # edits the package
                           "p = pathlib.Path(ex.__file__).with_name('_core.py')\n"
                           "p.write_text(p.read_text() + '\\n# edited')"))
    forged = json.dumps({"kind": "check", "question": "ch00.q2", "answer": 39.41, "cell": 3})
    put("peggy", _notebook(head, q1, "import json\n"  # writes the results file
                           f"with open('/crmkit-out/records.jsonl', 'a') as f:\n    f.write({forged!r} + '\\n')\n"
                           "    f.write('{not json\\n')"))
    put("trent", _notebook(head, q1, "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)",  # kills its parent
                           _answer(cells, "q2")))
    later = (f"import time; time.sleep({LATE_WRITE_S}); open({str(late)!r}, 'w').write('late')"
             f"  # {TOKEN}")
    put("victor", _notebook(head, q1, "import subprocess, sys\n"  # detaches a process that writes later
                            f"subprocess.Popen([sys.executable, '-c', {later!r}], start_new_session=True)\n"
                            "open('late-inside.txt', 'w').write('started')"))
    put("walter", _notebook(head, q1, "import os, time\nn = 0\nwhile n < 100000:\n    try:\n"  # fork bomb
                            "        if os.fork() == 0:\n            time.sleep(30)\n            os._exit(0)\n"
                            "        n += 1\n    except OSError:\n        break\nch00.q6.check(n)  # records n"))
    put("yvonne", _notebook(head, q1, "print('x' * 10_000_000)",  # floods its output, then its disk
                            "with open('big.bin', 'wb') as f:\n    for _ in range(400):\n"
                            "        f.write(b'0' * 2**20)"))
    # cheats the static scan cannot see (names built at run time): the kernel's own watch catches them
    put("rupert", _notebook(head, "ch00.q1.check(getattr(ch00.q1, 'exp' + 'ected'))", _answer(cells, "q2")))
    put("sybil", _notebook(head, q1, "import importlib\nm = importlib.import_module('crmkit.exercises.' + 'ch00')\n"
                           "setattr(type(m.q1), 'ch' + 'eck', lambda self, a=None: None)"))
    put("nina", _notebook(head, q1,  # tries to read a sibling and the solutions, and to use the network
                          f"print(open({str(sub / 'alice.ipynb')!r}).read()[:100])",
                          f"print(open({str(ROOT / 'solutions' / 'ch00_taxi.ipynb')!r}).read()[:100])",
                          "import socket\nsocket.create_connection(('1.1.1.1', 80), timeout=3)"))
    put("xavier", _notebook(head, q1, "open('/crmkit-out/records.jsonl', 'w').close()\n"  # wipes its records, then
                            "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)"))  # kills the runner
    put("=cmd", _notebook(head, q1))  # a formula file name, honest

    package = Path(crmkit.__file__).resolve().parent
    sub_before, pkg_before = _digests(sub), _digests(package)
    out = base / "graded"
    stdout, stderr = io.StringIO(), io.StringIO()
    start = time.monotonic()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        rc = g.main([str(sub), "--out", str(out), "--timeout", str(TIMEOUT), "--jobs", "4", "--sandbox", "bwrap"])
    seconds = time.monotonic() - start
    time.sleep(LATE_WRITE_S + 1)  # a process that outlived grading would have written by now
    print(stdout.getvalue(), stderr.getvalue(), f"graded in {seconds:.1f} s", sep="\n")
    with open(out / "gradebook.csv", encoding="utf-8") as f:
        book = {r["student"]: r for r in csv.DictReader(f)}
    return dict(sub=sub, out=out, rc=rc, stdout=stdout.getvalue(), stderr=stderr.getvalue(), book=book,
                sub_before=sub_before, sub_after=_digests(sub), pkg_before=pkg_before, pkg_after=_digests(package),
                late=late, base=base)


def test_exit_status_is_0_and_nothing_failed(graded):
    assert graded["rc"] == 0, graded["stderr"]
    assert "sandbox: bwrap" in graded["stdout"]


def test_no_submission_changed(graded):
    assert graded["sub_after"] == graded["sub_before"]
    assert "alice.ipynb" in graded["sub_after"]


def test_the_package_is_unchanged(graded):
    assert graded["pkg_after"] == graded["pkg_before"]


def _processes_with(token: str) -> list[str]:
    found = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                cmd = Path(f"/proc/{d}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            except OSError:
                continue
            if token in cmd:
                found.append(f"{d}: {cmd[:100]}")
    return found


def test_nothing_written_outside_and_nothing_outlived_grading(graded):
    assert not (graded["base"] / "outside.txt").exists()
    assert not graded["late"].exists()
    assert _processes_with(TOKEN) == []  # victor's detached process died with its sandbox


R, W, NA, E, F = g.CORRECT, g.INCORRECT, g.NOT_ATTEMPTED, g.ERROR, g.FLAGGED

#: student -> (status prefix, results of q1..q8, flag kinds)
EXPECTED = {
    "alice": ("ok", [R] * N, set()),
    "bob": ("ok", [W, W] + [R] * (N - 3) + [NA], set()),
    "carol": ("ok", [NA] * N, set()),
    "dave": ("kernel died", [R, E, R] + [E] * (N - 3), set()),
    "erin": (f"timeout after {TIMEOUT}s", [R] + [E] * (N - 1), set()),
    "frank": ("invalid notebook: not JSON", [E] * N, set()),
    # in the graded package .expected raises: the cells fail, and the attempt is flagged all the same
    "grace": ("errors in 2 cell(s)", [F] * N, {"reads answers"}),
    "heidi": ("ok", [R, F] + [NA] * (N - 2), {"reads answers"}),
    "ivan": ("ok", [F] * N, {"patches the checker"}),
    "judy": ("errors in 1 cell(s)", [F] * N, {"writes outside its folder"}),
    "mallory": ("errors in 1 cell(s)", [F] * N, {"writes outside its folder"}),
    "oscar": ("errors in 1 cell(s)", [F] * N, {"reads answers", "writes outside its folder"}),
    "peggy": ("ok", [F] * N, {"tampers with the grader"}),
    "trent": ("kernel died", [F] * N, {"runs processes"}),
    "victor": ("ok", [F] * N, {"runs processes"}),
    "walter": ("ok", [F] * N, {"runs processes"}),
    "rupert": ("errors in 1 cell(s)", [F, R] + [NA] * (N - 2), {"reads answers"}),
    "sybil": ("ok", [F] * N, {"patches the checker"}),
    "nina": ("errors in 3 cell(s)", [R] + [NA] * (N - 1), set()),
    "xavier": ("kernel died", [F] * N, {"tampers with the grader", "runs processes"}),  # not "could not run"
    "yvonne": ("errors in 1 cell(s)", [R] + [NA] * (N - 1), set()),
    "'=cmd": ("ok", [R] + [NA] * (N - 1), set()),
}


def test_other_files_and_the_network_are_out_of_reach(graded):
    page = (graded["out"] / "feedback" / "nina.html").read_text(encoding="utf-8")
    assert page.count("FileNotFoundError") == 2  # neither the sibling nor the solutions exist in her sandbox
    assert "Network is unreachable" in page  # no interface but loopback in the sandbox
    assert "nbformat" not in page.split("Cells that raised")[-1].split("</pre>")[-1]  # nothing was read


def test_output_and_disk_are_bounded(graded):
    page = (graded["out"] / "feedback" / "yvonne.html").read_text(encoding="utf-8")
    assert "No space left on device" in page or "File too large" in page  # the disk bomb hit the limit
    # and the 10 MB print did not stop the kernel (the runner cuts recorded output at 4 MB)
    assert graded["book"]["yvonne"]["status"] == "errors in 1 cell(s)"


def test_every_submission_is_in_the_gradebook(graded):
    assert set(graded["book"]) == set(EXPECTED)


@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_results_and_flags(graded, student):
    row = graded["book"][student]
    status, results, kinds = EXPECTED[student]
    assert row["status"].startswith(status), row
    assert [row[q] for q in QUESTIONS] == results, row
    assert int(row["total"]) == results.count(R)
    found = {k for k in ("reads answers", "patches the checker", "runs processes", "writes outside its folder",
                         "tampers with the grader", "solution notebook") if k in row["flags"]}
    assert kinds <= found, row["flags"]
    if not kinds:
        assert row["flags"] == "", row["flags"]


def test_the_sandbox_gets_the_graded_package(graded):
    assert "Note:" not in graded["stdout"], graded["stdout"]  # no fallback to the full package
    grace = (graded["out"] / "feedback" / "grace.html").read_text(encoding="utf-8")
    assert "withheld" in grace  # .expected raised in her kernel: no answer was there to read


def test_feedback_pages_say_why(graded):
    fb = graded["out"] / "feedback"
    grace = (fb / "grace.html").read_text(encoding="utf-8")
    assert "reads answers" in grace and "0 for this question" in grace
    heidi = (fb / "heidi.html").read_text(encoding="utf-8")
    assert "solution" in heidi and "ch00.q2: flagged" in heidi and "ch00.q1: correct" in heidi
    bob = (fb / "bob.html").read_text(encoding="utf-8")
    assert "41.875" in bob and "too high by about 6 %" in bob  # his answer, judged by the grader
    assert "`" not in bob.split("<pre>")[0]  # question text rendered, no raw markdown backticks


def test_forged_records_are_judged_not_believed(graded):
    # peggy's forged q2 record carries the right value; it is judged, and her tampering zeroes it
    assert graded["book"]["peggy"]["ch00.q2"] == F
    assert "not written by the recorder" in graded["book"]["peggy"]["flags"]


def test_the_fork_bomb_was_bounded(graded):
    # walter's kernel recorded (as its answer to q6) how many forks succeeded before the limit refused
    page = (graded["out"] / "feedback" / "walter.html").read_text(encoding="utf-8")
    n = int(re.search(r"ch00.q6: flagged.*?Your answer:</p><pre>(\d+)</pre>", page, re.S).group(1))
    assert 0 < n < g.MAX_PROCESSES  # the process limit, not the machine, stopped it
    assert graded["book"]["walter"]["status"] == "ok"  # and its kernel went on to the end
