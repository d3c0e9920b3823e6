"""Runs one prepared submission inside the grading sandbox (see :mod:`crmkit._sandbox`, :mod:`crmkit.grade`).

    python _grade_runner.py '{"notebook": ..., "out": ..., "workdir": ..., "timeout": ..., "uid": ...}'

Started by the grader as the sandbox's only command. It drops to the sandbox's own user when it
starts as root (the limit on processes then counts only this submission's processes), marks that it
started, executes the notebook with nbclient in a fresh kernel (a time limit for the whole notebook,
a cap on the recorded output), and writes the executed copy and a status into ``out``. The grader
reads both as untrusted data: a submission can kill this process or overwrite these files, and
nothing here decides a grade.

This file imports nothing from crmkit, so it runs the same beside a graded student package.
"""

from __future__ import annotations

import json
import os
import sys
import time

MAX_OUTPUT = 4 * 1024 * 1024  # characters of recorded output per notebook; the rest is cut


# Progress markers on stderr, which only the grader reads (a file it holds, out of the sandbox's reach):
# they tell an infrastructure failure (no kernel) from a submission that wiped its own records.
STARTED, READY = "CRMKIT-GRADE: runner started", "CRMKIT-GRADE: kernel ready"


def _mark(text):
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def _drop_privileges(uid):
    if uid and os.getuid() == 0:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
        if os.getuid() == 0:  # pragma: no cover - setuid refused
            raise SystemExit("could not leave the root user")


def _write(path, text):
    with open(path, "w", encoding="utf-8") as f:  # in place: the grader made the file, the folder is not ours
        f.write(text)


def main(argv):
    args = json.loads(argv[1])
    _drop_privileges(args.get("uid"))
    out = args["out"]
    _mark(STARTED)
    _write(os.path.join(out, "started"), str(os.getpid()))
    os.makedirs(args["tmp"], exist_ok=True)
    os.makedirs(args["workdir"], exist_ok=True)
    src, dest = args["copy"]
    with open(src, "rb") as f, open(dest, "wb") as g:  # the student's own copy of their notebook
        g.write(f.read())
    import subprocess

    # jsonschema imports rfc3987_syntax for URI formats notebooks never use; building its grammar
    # takes seconds per sandbox. Without it jsonschema skips that format check.
    sys.modules.setdefault("rfc3987_syntax", None)
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    timeout = float(args["timeout"])
    nb = nbformat.read(args["notebook"], as_version=4)

    class Client(NotebookClient):
        _deadline = None
        _shown = 0
        _cut = False

        async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
            if self._deadline is None:  # the kernel's start-up does not count
                self._deadline = time.monotonic() + timeout
            self.timeout = max(1, int(round(self._deadline - time.monotonic())))
            result = await super().async_execute_cell(cell, cell_index, execution_count, store_history)
            if cell_index == 0:  # the grader's recorder ran: the kernel works; the student's cells follow
                _mark(READY)
            return result

        def output(self, outs, msg, display_id, cell_index):
            try:
                size = len(json.dumps(msg.get("content", {}), default=str))
            except Exception:  # noqa: BLE001
                size = MAX_OUTPUT
            self._shown += size
            if self._shown > MAX_OUTPUT and msg.get("msg_type") != "error":
                if not self._cut:
                    self._cut = True
                    outs.append(nbformat.v4.new_output("stream", name="stderr",
                                                       text=f"[output cut by the grader after {MAX_OUTPUT:,} characters]\n"))
                return None
            return super().output(outs, msg, display_id, cell_index)

    client = Client(nb, timeout=max(1, int(timeout)), startup_timeout=60, allow_errors=True,
                    kernel_name="python3", resources={"metadata": {"path": args["workdir"]}},
                    record_timing=False)
    status = "ok"
    try:
        client.execute(stderr=subprocess.DEVNULL)
    except CellTimeoutError:
        status = "timeout"
    except DeadKernelError:
        status = "kernel died"
    except Exception as exc:  # noqa: BLE001 - the kernel did not start, or nbclient failed
        status = f"could not run: {type(exc).__name__}: {exc}"[:300]
    _write(os.path.join(out, "executed.ipynb"), nbformat.writes(nb))
    _write(os.path.join(out, "status.json"), json.dumps({"status": status}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
