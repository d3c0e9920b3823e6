"""What every ``crmkit`` command line shares: a failure is one line and a non-zero exit code.

Argument errors (an unknown option, a missing value) print ``prog: error: ...`` on one line and
exit 2, without the usage block; a :class:`crmkit.errors.CrmkitError`, an OS error or a bad file
is caught at the top and printed the same way, never as a traceback.
"""

from __future__ import annotations

import argparse
import sys
from typing import Callable

from .errors import CrmkitError

__all__ = ["ArgumentParser", "CommandError", "run"]


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
