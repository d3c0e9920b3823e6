"""The ``crmkit`` command (also ``python -m crmkit``).

    crmkit datasets [--check] [--only NAME ...]    rebuild (or check) datasets/ from crmkit.synth
    crmkit exercises [--check] [--prune]           regenerate (or check) exercises/ from solutions/
    crmkit grade DIR [--out D] [--timeout S]       grade a folder of students' exercise notebooks
    crmkit exercises --my-work                     copy the exercise notebooks into my-work/ (yours)
    crmkit release [--mode practice|graded] [--out D] [--name N] [--force]
                                                   write the student bundle (a folder and a zip, no solutions)
    crmkit binder-link [--root R]                  the Binder badge of the course, from its git remote
    crmkit hub-link --hub URL [--chapter NN] [--lang en|zh] [--branch B] [--repo URL]
                                                   the nbgitpuller link that opens a chapter on a JupyterHub
    crmkit list                                    the course datasets
    crmkit version

Nothing is deleted unless asked (``--prune``); ``--check`` writes nothing; no command writes into
the course's own folders, through a symbolic link, or over a file it did not make; every failure
is one line on stderr and a non-zero exit code.
"""

from __future__ import annotations

import sys

COMMANDS = ("datasets", "exercises", "grade", "release", "binder-link", "hub-link", "list", "version", "help")


def main(argv=None) -> int:
    from ._cli import CommandError, run

    argv = list(sys.argv[1:] if argv is None else argv)
    cmd, rest = (argv[0], argv[1:]) if argv else ("help", [])
    if cmd == "datasets":
        from .synth.__main__ import main as sub

        return sub(rest)
    if cmd == "exercises":
        from .exercises.generate import main as sub

        return sub(rest)
    if cmd == "grade":
        from .grade import main as sub

        return sub(rest)
    if cmd == "release":
        from .release import main as sub

        return sub(rest)
    if cmd == "binder-link":
        from .release import binder_main as sub

        return sub(rest)
    if cmd == "hub-link":
        from .hub import main as sub

        return sub(rest)

    def body() -> int:
        if cmd in ("list", "version") and rest:
            raise CommandError(f"'{cmd}' takes no arguments, got {' '.join(rest)}")
        if cmd == "list":
            from .data import list_datasets

            print(list_datasets().to_string(index=False))
            return 0
        if cmd == "version":
            from . import __version__

            print(__version__)
            return 0
        if cmd in ("help", "-h", "--help"):
            print(__doc__)
            return 0
        raise CommandError(f"unknown command {cmd!r}; the commands are: {', '.join(COMMANDS)}")

    return run("crmkit", body)


if __name__ == "__main__":
    sys.exit(main())
