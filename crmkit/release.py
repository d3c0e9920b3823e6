"""The student bundle for a learning-management system (学生资料包): ``crmkit release``.

Copies ``notebooks/``, ``exercises/`` and ``datasets/`` (never ``solutions/``) into a folder and a
zip file beside it, ready to upload to an LMS or to hand out::

    crmkit release [--out build/release] [--name crmkit-student] [--force]

writes ``build/release/crmkit-student/`` and ``build/release/crmkit-student.zip``.

It refuses to overwrite: if the folder or the zip already exists (students may have been given,
and edited, that copy), it stops and says so, unless ``--force``. It also refuses to ship a
notebook that still holds a ``# BEGIN SOLUTION`` region (a solution copied into exercises/ by
mistake). The zip is reproducible: fixed timestamps, sorted entries, so two releases of the same
files have the same bytes. Checkpoints, caches and hidden files are left out.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import zipfile
from pathlib import Path

__all__ = ["FOLDERS", "release", "main", "ReleaseError"]

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("notebooks", "exercises", "datasets")
_SKIP_PARTS = {"__pycache__", ".ipynb_checkpoints"}
_LEAK = "# BEGIN SOLUTION"
_README = """\
CRM course kit (客户关系管理) - student bundle
=============================================

notebooks/   the chapters: read and run them in JupyterLab
exercises/   one exercise notebook per chapter: replace each `...`, run the cell, check() tells you
datasets/    the course data (datasets/README.md describes every column)

The notebooks use the `crmkit` package; your course's JupyterHub or Binder has it installed.
"""


class ReleaseError(RuntimeError):
    """The bundle cannot be written (it would overwrite, or it would leak a solution)."""


def _files(root: Path) -> list[Path]:
    out = []
    for folder in FOLDERS:
        base = root / folder
        if not base.is_dir():
            raise ReleaseError(f"{folder}/ is missing in {root}")
        for p in sorted(base.rglob("*")):
            rel = p.relative_to(root)
            if p.is_file() and not any(part in _SKIP_PARTS or part.startswith(".") for part in rel.parts):
                out.append(rel)
    return out


def release(out=None, *, name: str = "crmkit-student", force: bool = False, root=None) -> Path:
    """Write the student folder and zip; return the zip's path."""
    root = Path(root) if root is not None else ROOT
    out = Path(out) if out is not None else root / "build" / "release"
    folder, zpath = out / name, out / f"{name}.zip"
    existing = [p for p in (folder, zpath) if p.exists()]
    if existing and not force:
        raise ReleaseError(
            f"{', '.join(map(str, existing))} already exist(s); a student may have edited that copy. "
            "Choose another --out or --name, or pass --force to replace it.")
    files = _files(root)
    leaks = [str(f) for f in files if f.suffix == ".ipynb" and _LEAK in (root / f).read_text(encoding="utf-8")]
    if leaks:
        raise ReleaseError(f"these notebooks contain a solution region ({_LEAK}): {', '.join(leaks)}")
    if folder.exists():
        shutil.rmtree(folder)
    if zpath.exists():
        zpath.unlink()
    folder.mkdir(parents=True)
    (folder / "README.txt").write_text(_README, encoding="utf-8")
    for rel in files:
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / rel, folder / rel)
    with zipfile.ZipFile(zpath, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for rel in [Path("README.txt"), *files]:
            info = zipfile.ZipInfo(f"{name}/{rel.as_posix()}", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, (folder / rel).read_bytes())
    return zpath


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="crmkit release", description="Write the student bundle (no solutions).")
    ap.add_argument("--out", help="output folder (default: build/release)")
    ap.add_argument("--name", default="crmkit-student", help="bundle name (folder and zip)")
    ap.add_argument("--force", action="store_true", help="replace an existing bundle folder and zip")
    args = ap.parse_args(argv)
    try:
        z = release(args.out, name=args.name, force=args.force)
    except ReleaseError as exc:
        print(f"crmkit release: {exc}", file=sys.stderr)
        return 1
    with zipfile.ZipFile(z) as f:
        n = len(f.namelist())
    print(f"wrote {z} ({n} files, {z.stat().st_size / 1e6:.1f} MB) and the folder {z.with_suffix('')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
