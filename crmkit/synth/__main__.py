"""``python -m crmkit.synth``: rebuild the course datasets (``make datasets``).

    python -m crmkit.synth            rebuild every synthetic CSV and datasets/README.md
    python -m crmkit.synth --check    only compare (writes nothing); exit 1 when a file differs
    python -m crmkit.synth --only retail_transactions taxi_trips
    python -m crmkit.synth --cdnow-source DIR   also convert the public CDNOW files in DIR

An unknown dataset name, a missing folder or file is an error: one line, exit code 2.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import build_all, registry


def main(argv=None) -> int:
    from .._cli import ArgumentParser, CommandError, run

    prog = "crmkit datasets"

    def body() -> int:
        ap = ArgumentParser(prog=prog, description="Rebuild the course datasets.")
        ap.add_argument("--check", action="store_true", help="compare only, write nothing; exit 1 if a file differs")
        ap.add_argument("--only", nargs="+", metavar="NAME", help="only these datasets (README is then left alone)")
        ap.add_argument("--out", default=str(Path(__file__).resolve().parents[2] / "datasets"),
                        help="the datasets folder")
        ap.add_argument("--cdnow-source", metavar="DIR", help="folder with CDNOW_master.txt and CDNOW_sample.txt")
        args = ap.parse_args(argv)
        specs = registry()
        if args.only:
            unknown = [n for n in args.only if n not in specs]
            if unknown:
                raise CommandError(f"unknown dataset(s) {', '.join(map(repr, unknown))}; the datasets are: "
                                   f"{', '.join(sorted(specs))}")
            converted = [n for n in args.only if specs[n].build is None]
            if converted and not args.cdnow_source:
                raise CommandError(f"{', '.join(map(repr, converted))} is converted from its public files, not "
                                   "generated: give --cdnow-source DIR")
        out = Path(args.out)
        if args.check:
            if not out.is_dir():
                raise CommandError(f"there is no datasets folder {str(out)!r} to check")
        else:
            out.mkdir(parents=True, exist_ok=True)
        differ = []
        if args.cdnow_source:
            source = Path(args.cdnow_source)
            if not source.is_dir():
                raise CommandError(f"there is no folder {str(source)!r} with the CDNOW files")
            from .cdnow import convert

            differ += convert(source, out, check=args.check)
        differ += build_all(out, check=args.check, names=args.only, progress=lambda m: print(m, file=sys.stderr))
        if args.check:
            if differ:
                print("datasets differ from their generators: " + ", ".join(differ) + " -- run `make datasets`.")
                return 1
            what = ", ".join(args.only) if args.only else "datasets/"
            print(f"{what} matches its generators byte for byte.")
            return 0
        print(("rebuilt: " + ", ".join(differ)) if differ else "datasets/ was already up to date.")
        return 0

    return run(prog, body)


if __name__ == "__main__":
    sys.exit(main())
