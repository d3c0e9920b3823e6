"""Run code we did not write in a sandbox: bubblewrap on Linux, or a plainly weaker fallback.

``bwrap`` mode (Debian's ``bubblewrap`` package): the command sees only what is bound into it
(the Python environment and ``/usr`` read-only, the paths the caller lists, read-only or writable),
has no network (``--unshare-net``), its own process, IPC and host-name namespaces, a fresh session,
and dies with the grader (``--die-with-parent``: when the sandbox's first process ends, every process
it started ends with it, detached or not). Limits set before it starts (``setrlimit``): CPU seconds,
address space, open files, the size of any file written and the number of processes. Run by root,
the sandbox drops to a user of its own (``uid``) before running anything of the submission, so that
the process limit counts only that submission's processes and no file of the instructor's is
writable even by a path the sandbox forgot.

``none`` mode (no bubblewrap, or it cannot create namespaces here): the same command as an ordinary
subprocess in a temporary folder, with the same limits, in a new session that is killed at the end.
:data:`NONE_WARNING` says what it does not protect.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

__all__ = ["Limits", "Mount", "SandboxError", "choose", "run", "probe_bwrap", "NONE_WARNING", "MODES"]

MODES = ("auto", "bwrap", "none")

NONE_WARNING = (
    "WARNING: grading WITHOUT a sandbox (--sandbox none). Each notebook runs as an ordinary process "
    "of this user, in a temporary folder, with limits on CPU time, memory, file size and processes. "
    "It is NOT protected against: reading or changing any file this user can (other submissions, "
    "crmkit's installed source, the solutions), using the network, and a process that detaches "
    "(setsid) outliving grading; run as root, the process limit does not apply (a fork bomb is not "
    "bounded). Grades are still computed outside the notebook's process and "
    "submissions are checked by hash, but use --sandbox bwrap (Debian/Ubuntu: apt-get install "
    "bubblewrap) for work you do not trust.")


class SandboxError(RuntimeError):
    """The sandbox cannot be created here (an infrastructure failure, never a student's fault)."""


@dataclass(frozen=True)
class Limits:
    cpu_seconds: int = 300
    memory_bytes: int = 4 * 1024**3
    processes: int = 64
    file_bytes: int = 64 * 1024**2
    open_files: int = 512


@dataclass(frozen=True)
class Mount:
    """A host path seen at ``inside`` in the sandbox (the same path in ``none`` mode)."""

    host: str
    inside: str
    writable: bool = False


@dataclass
class Result:
    returncode: int | None
    timed_out: bool
    seconds: float
    stderr: str = ""  # the last 2,000 characters
    command: list = field(default_factory=list)
    head: str = ""  # the first 64 KiB: where a runner writes its progress markers


_SYSTEM_FILES = ("/etc/ld.so.cache", "/etc/localtime", "/etc/mime.types")


def _bwrap() -> str | None:
    return shutil.which("bwrap")


def probe_bwrap() -> str | None:
    """None when bubblewrap can create the namespaces grading needs here, else why not."""
    exe = _bwrap()
    if exe is None:
        return "bwrap is not installed (Debian/Ubuntu: apt-get install bubblewrap)"
    cmd = [exe, *_namespace_args(), "--ro-bind", "/usr", "/usr", *_usr_links(), "--proc", "/proc",
           "--dev", "/dev", "/usr/bin/true"]
    if not os.path.exists("/usr/bin/true"):
        cmd[-1] = "/bin/true"
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bwrap failed to start: {exc}"
    if r.returncode != 0:
        return f"bwrap cannot create a sandbox here: {' '.join(r.stderr.split())[:300] or r.returncode}"
    return None


def choose(mode: str) -> str:
    """The mode to use: ``bwrap`` or ``none``. ``auto`` falls back to ``none`` (the caller warns);
    ``bwrap`` raises :class:`SandboxError` when it cannot work here."""
    if mode not in MODES:
        raise SandboxError(f"unknown sandbox {mode!r}; use one of {', '.join(MODES)}")
    if mode == "none":
        return "none"
    why = probe_bwrap()
    if why is None:
        return "bwrap"
    if mode == "bwrap":
        raise SandboxError(why)
    return "none"


def _namespace_args() -> list[str]:
    args = ["--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--die-with-parent", "--new-session"]
    if os.getuid() == 0:  # privileged: keep only what is needed to drop to the sandbox's own user
        args += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
    else:
        args += ["--unshare-user", "--disable-userns"]
    return args


def _usr_links() -> list[str]:
    out = []
    for name in ("bin", "sbin", "lib", "lib64", "lib32"):
        p = "/" + name
        if os.path.islink(p):
            out += ["--symlink", os.readlink(p), p]
        elif os.path.isdir(p):
            out += ["--ro-bind", p, p]
    return out


def python_mounts() -> list[Mount]:
    """The Python environment running crmkit, read-only at its own paths."""
    seen, out = set(), []
    for p in (sys.prefix, sys.base_prefix, os.path.dirname(os.path.dirname(os.path.realpath(sys.executable)))):
        p = os.path.realpath(p)
        if p not in seen and not p.startswith("/usr/") and p != "/usr":
            seen.add(p)
            out.append(Mount(p, p))
    if os.path.abspath(sys.prefix) != os.path.realpath(sys.prefix):  # a venv reached through a link
        out.append(Mount(os.path.realpath(sys.prefix), os.path.abspath(sys.prefix)))
    return out


def _preexec(limits: Limits, nproc: int):
    def apply():
        os.setsid()
        for what, value in ((resource.RLIMIT_CPU, limits.cpu_seconds), (resource.RLIMIT_AS, limits.memory_bytes),
                            (resource.RLIMIT_FSIZE, limits.file_bytes), (resource.RLIMIT_NOFILE, limits.open_files),
                            (resource.RLIMIT_CORE, 0)):
            resource.setrlimit(what, (value, value))
        resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))

    return apply


def _user_processes() -> int:
    """Tasks (processes and their threads: what RLIMIT_NPROC counts) of this user now."""
    uid, n = os.getuid(), 0
    try:
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    if os.stat(f"/proc/{d}").st_uid == uid:
                        n += len(os.listdir(f"/proc/{d}/task"))
                except OSError:
                    pass
    except OSError:
        return 4096
    return n


def bwrap_command(argv, mounts, env, cwd, tmpfs=()) -> list[str]:
    cmd = [_bwrap() or "bwrap", *_namespace_args(), "--clearenv", "--ro-bind", "/usr", "/usr", *_usr_links()]
    for f in _SYSTEM_FILES:
        cmd += ["--ro-bind-try", f, f]
    cmd += ["--proc", "/proc", "--dev", "/dev"]
    dests = [m.inside.rstrip("/") for m in mounts] + [t[0].rstrip("/") for t in tmpfs]
    parents = set()
    for d in dests:  # folders on the way to a mount, readable by the sandbox's user (not the host's modes)
        p = os.path.dirname(d)
        while p not in ("/", "") and not any(p == x or p.startswith(x + "/") for x in dests):
            parents.add(p)
            p = os.path.dirname(p)
    for p in sorted(parents, key=lambda x: (x.count("/"), x)):
        if not p.startswith(("/usr/", "/proc/", "/dev/")):
            cmd += ["--perms", "0755", "--dir", p]
    for m in mounts:
        cmd += ["--bind" if m.writable else "--ro-bind", m.host, m.inside]
    for path, size in tmpfs:  # a folder of its own, in memory, writable by the sandbox's user, size-limited
        cmd += ["--perms", "1777", "--size", str(int(size)), "--tmpfs", path]
    for k, v in env.items():
        cmd += ["--setenv", k, v]
    cmd += ["--chdir", cwd, *argv]
    return cmd


def run(mode: str, argv, *, mounts, env, cwd, limits: Limits, timeout: float, uid: int | None = None,
        tmpfs=()) -> Result:
    """Run ``argv`` in the sandbox; kill it (and everything it started) after ``timeout`` seconds."""
    start = time.monotonic()
    if mode == "bwrap":
        cmd = bwrap_command(argv, mounts, env, cwd, tmpfs)
        full_env = {"PATH": "/usr/bin:/bin"}
    else:
        cmd = list(argv)
        full_env = dict(env)
    nproc = limits.processes
    if os.getuid() != 0:  # the count is per user: allow for this user's processes already running
        nproc += _user_processes()
    # stderr goes to an anonymous file, not a pipe: whatever writes there is capped by RLIMIT_FSIZE and
    # never fills the grader's memory; only its tail is read back
    with tempfile.TemporaryFile() as errfile:
        proc = subprocess.Popen(cmd, env=full_env, cwd=cwd if mode == "none" else None, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=errfile, preexec_fn=_preexec(limits, nproc),
                                close_fds=True)
        timed_out = False
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            _kill_group(proc.pid)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        finally:
            _kill_group(proc.pid)  # in none mode: whatever it left in its session
            if uid is not None and os.getuid() == 0:
                kill_user(uid)
        size = errfile.seek(0, os.SEEK_END)
        errfile.seek(max(0, size - 4000))
        text = errfile.read(4000).decode("utf-8", "replace")[-2000:]
        errfile.seek(0)
        head = errfile.read(65536).decode("utf-8", "replace")
    return Result(proc.returncode, timed_out, time.monotonic() - start, text, cmd, head)


def _kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def kill_user(uid: int) -> None:
    """Kill every process of the sandbox's own user (root only): nothing it started outlives grading.

    ``kill -KILL -1`` run as that user signals every process of that user (and no other)."""
    exe = shutil.which("kill") or "/bin/kill"
    try:
        subprocess.run([exe, "-KILL", "-1"], user=uid, group=uid, extra_groups=[], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        pass
