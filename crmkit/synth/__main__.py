"""``python -m crmkit.synth``: rebuild the course datasets (``make datasets``).

    python -m crmkit.synth            rebuild every synthetic CSV and datasets/README.md
    python -m crmkit.synth --check    only compare; exit 1 when a file differs
    python -m crmkit.synth --only retail_transactions taxi_trips
    python -m crmkit.synth --cdnow-source DIR   also convert the public CDNOW files in DIR
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import build_all


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m crmkit.synth", description="Rebuild the course datasets.")
    ap.add_argument("--check", action="store_true", help="compare only; exit 1 if a file differs")
    ap.add_argument("--only", nargs="+", metavar="NAME", help="only these datasets (README is then left alone)")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[2] / "datasets"), help="the datasets folder")
    ap.add_argument("--cdnow-source", metavar="DIR", help="folder with CDNOW_master.txt and CDNOW_sample.txt")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    differ = []
    if args.cdnow_source:
        from .cdnow import convert

        differ += convert(Path(args.cdnow_source), out, check=args.check)
    differ += build_all(out, check=args.check, names=args.only, progress=lambda m: print(m, file=sys.stderr))
    if args.check:
        if differ:
            print("datasets differ from their generators: " + ", ".join(differ) + " -- run `make datasets`.")
            return 1
        print("datasets/ matches its generators byte for byte.")
        return 0
    print(("rebuilt: " + ", ".join(differ)) if differ else "datasets/ was already up to date.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
