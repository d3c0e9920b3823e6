"""The ``crmkit`` command (also ``python -m crmkit``).

    crmkit datasets [--check]    rebuild (or check) datasets/ from crmkit.synth
    crmkit exercises [--check]   regenerate (or check) exercises/ from solutions/
    crmkit list                  the course datasets
    crmkit version
"""

from __future__ import annotations

import sys


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    cmd, rest = (argv[0], argv[1:]) if argv else ("help", [])
    if cmd == "datasets":
        from .synth.__main__ import main as run

        return run(rest)
    if cmd == "exercises":
        from .exercises.generate import main as run

        return run(rest)
    if cmd == "list":
        from .data import list_datasets

        print(list_datasets().to_string(index=False))
        return 0
    if cmd == "version":
        from . import __version__

        print(__version__)
        return 0
    print(__doc__)
    return 0 if cmd in ("help", "-h", "--help") else 2


if __name__ == "__main__":
    sys.exit(main())
