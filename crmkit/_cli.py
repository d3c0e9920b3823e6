"""What every ``crmkit`` command line shares: a failure is one line and a non-zero exit code.

Argument errors (an unknown option, a missing value) print ``prog: error: ...`` on one line and
exit 2, without the usage block; a :class:`crmkit.errors.CrmkitError`, an OS error or a bad file
is caught at the top and printed the same way, never as a traceback.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from typing import Callable

from .errors import CrmkitError

__all__ = ["ArgumentParser", "CommandError", "run", "COURSE_FOLDERS", "MARKER", "safe_output", "safe_name",
           "made_by_crmkit", "write_marker", "replace_folder"]


class CommandError(CrmkitError):
    """A command cannot do what it was asked; the message is shown as is (one line)."""


class ArgumentParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line: ``prog: error: message`` (exit 2)."""

    def error(self, message):  # noqa: D401 - argparse's hook
        raise CommandError(message)


def run(prog: str, body: Callable[[], int]) -> int:
    """Run a command's body; turn every expected failure into one line on stderr and exit code 2."""
    try:
        return body()
    except CommandError as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # argparse's --help (0) and friends
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except (CrmkitError, OSError, ValueError, KeyError) as exc:
        text = " ".join(str(exc).split()) or type(exc).__name__
        print(f"{prog}: error: {text}", file=sys.stderr)
        return 2


# -- writing output safely: shared by every command that writes a folder ------------------------

#: The course's own folders: no command writes its output into one of them, or replaces one.
COURSE_FOLDERS = ("notebooks", "exercises", "solutions", "datasets", "crmkit", "tests", "benchmarks", "tools",
                  "jupyterlab-settings", "my-work")
#: The file a command leaves in a folder it made; ``--force`` replaces only a folder holding it.
MARKER = ".crmkit-made"


def safe_output(out, root, *, option: str = "--out") -> Path:
    """The output folder, resolved, once it is known to be safe to write into.

    Refused (a :class:`CommandError` naming the problem): the course folder itself, a folder that
    contains the course (a parent), and a folder inside one of :data:`COURSE_FOLDERS` or a hidden
    folder of the course (``.git``, ``.venv``). Symbolic links are resolved first, so a link that
    points into the course counts as the course.
    """
    if out is None or not str(out).strip():
        raise CommandError(f"{option} is empty: give an output folder (e.g. build/release)")
    if "\x00" in str(out):
        raise CommandError(f"{option} holds a NUL character")
    given = str(out)
    out = Path(out).expanduser().resolve()
    root = Path(root).resolve()
    if out == root:
        raise CommandError(f"{option} {given} is the course folder itself; write outside the course's folders, "
                           "e.g. build/release")
    if root.is_relative_to(out):
        raise CommandError(f"{option} {given} contains the course folder ({root.name}); write into a folder of "
                           "its own, e.g. build/release")
    if out.is_relative_to(root):
        first = out.relative_to(root).parts[0]
        if first in COURSE_FOLDERS or first.startswith("."):
            raise CommandError(f"{option} {given} is inside the course's {first}/ folder; write outside the "
                               "course's folders, e.g. build/release")
    return out


def safe_name(name, *, option: str = "--name") -> str:
    """A file or folder name that stays inside its output folder (no ``/``, ``..``, empty, hidden)."""
    if not isinstance(name, str) or not name.strip():
        raise CommandError(f"{option} is empty: give a plain name such as crmkit-student")
    bad = [c for c in ("/", "\\", "\x00", ":") if c in name]
    if bad or name in (".", "..") or name != name.strip():
        raise CommandError(f"{option} {name!r} is not a plain name (no /, \\, .., or spaces around it): the bundle "
                           "is always written inside --out")
    if name.startswith((".", "-")):
        raise CommandError(f"{option} {name!r} starts with '{name[0]}'; give a plain name such as crmkit-student")
    if len(name) > 100:
        raise CommandError(f"{option} is {len(name)} characters long; at most 100")
    return name


def made_by_crmkit(folder: Path, kind: str) -> bool:
    """Whether ``folder`` is a real folder that ``crmkit <kind>`` made (it holds the marker file)."""
    folder = Path(folder)
    marker = folder / MARKER
    if folder.is_symlink() or not folder.is_dir() or marker.is_symlink() or not marker.is_file():
        return False
    try:
        return marker.read_text(encoding="utf-8").split("\n", 1)[0].strip() == f"crmkit {kind}"
    except (OSError, UnicodeDecodeError):
        return False


def write_marker(folder: Path, kind: str) -> None:
    (Path(folder) / MARKER).write_text(f"crmkit {kind}\nThis folder was made by `crmkit {kind}`; "
                                       f"`crmkit {kind} --force` may replace it.\n", encoding="utf-8")


def replace_folder(new: Path, target: Path, *, kind: str) -> None:
    """Move the finished folder ``new`` to ``target`` (same file system), atomically.

    An existing ``target`` must be a folder this command made (:func:`made_by_crmkit`); it is
    renamed aside first and deleted only after the new one is in place.
    """
    new, target = Path(new), Path(target)
    old = None
    if target.exists() or target.is_symlink():
        if not made_by_crmkit(target, kind):
            raise CommandError(f"{target} exists and was not made by crmkit {kind}; it is left alone")
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.rename(target, old)
    os.rename(new, target)
    if old is not None:
        shutil.rmtree(old)


def git_remote(root, remote: str = "origin") -> tuple[str, str]:
    """``(url, problem)``: the address of the repository's git remote (``""`` when it has none), and why git
    could not be asked (``""`` when it could). For ``crmkit hub-link`` and ``crmkit binder-link``."""
    import subprocess

    try:
        run = subprocess.run(["git", "-C", str(root), "remote", "get-url", remote], capture_output=True, text=True,
                             timeout=20)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return "", str(exc)
    return (run.stdout.strip() if run.returncode == 0 else ""), ""
