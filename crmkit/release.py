"""The student bundle (学生资料包): ``crmkit release``.

    crmkit release [--mode practice|graded] [--out build/release] [--name NAME] [--force] [--root COURSE]

writes ``build/release/NAME/`` and ``build/release/NAME.zip`` (NAME: ``crmkit-student`` in practice
mode, ``crmkit-student-graded`` in graded mode), ready to upload to an LMS or to hand out. The
bundle runs on its own: it holds

* ``notebooks/`` (the chapters, as committed) and ``datasets/`` (the course data);
* ``exercises/``, built from ``solutions/`` by the generator (:mod:`crmkit.exercises.generate`)
  into the bundle, outputs cleared: never a copy of the working ``exercises/``. When the working
  copy differs from what the generator makes, the command names each file and what differs
  ("exercises/ch00_taxi.ipynb: cell 7 has typed text") and ships the generated one;
* the ``crmkit`` package as a wheel (``crmkit-<version>-py3-none-any.whl``), a ``requirements.txt``
  and an ``environment.yml`` (the course's lower bounds, for pip, conda and Binder) and a README in
  English and Chinese.

Practice mode ships the full package (``check()`` says right or wrong, ``expected`` is public).
Graded mode ships :func:`build_student_package` ``(graded=True)``: every question is rebuilt from
its public spec (``Question.spec()`` / ``question_from_spec``), so no expected value, reference
function or solution source is in the bundle; ``check()`` judges the form of an answer and the
instructor's ``crmkit grade`` judges its value.

It never deletes what it did not make. The output may not be the course folder, a folder that
contains it, or a folder inside the course's own folders (notebooks/, exercises/, solutions/,
datasets/, crmkit/, tests/, ...); ``--name`` is a plain name that stays inside ``--out``. The
bundle is built in a temporary folder beside the target and renamed into place, so a failed
release leaves nothing half-written. An existing bundle is replaced only with ``--force`` and only
if this command made it (a ``.crmkit-made`` marker inside the folder; a marker comment in the zip).
No symbolic link is followed out of the course or shipped (a link in datasets/ is skipped and
named). The zip is reproducible: fixed timestamps, sorted entries.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import importlib
import json
import os
import pprint
import re
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from ._cli import CommandError, git_remote, made_by_crmkit, replace_folder, safe_name, safe_output, write_marker

__all__ = ["FOLDERS", "MODES", "release", "build_student_package", "graded_module", "binder_link", "badge", "main",
           "binder_main", "ReleaseError"]

ROOT = Path(__file__).resolve().parents[1]
#: What a bundle copies from the course as it is (exercises/ is generated, never copied); the Chinese
#: edition's chapters and pages too (中文版), when the course has it.
FOLDERS = ("notebooks", "datasets", "zh/notebooks", "zh/datasets")
#: Folders a course may lack (an older course, or one without the Chinese edition).
OPTIONAL = ("zh/notebooks", "zh/datasets")
MODES = ("practice", "graded")
DEFAULT_NAMES = {"practice": "crmkit-student", "graded": "crmkit-student-graded"}
KIND = "release"
#: The comment of a zip this command wrote; ``--force`` replaces only such a zip.
ZIP_MARKER = b"crmkit release"
_SKIP_PARTS = {"__pycache__", ".ipynb_checkpoints"}
_LEAK = "# BEGIN SOLUTION"
_EPOCH = (1980, 1, 1, 0, 0, 0)
_START = "notebooks/00_start_here.ipynb"


class ReleaseError(CommandError):
    """The bundle cannot be written (it would overwrite, delete or leak); the message says why."""


# -- what goes in ------------------------------------------------------------------------------

def _walk(root: Path, folder: str, say: Callable[[str], None]) -> list[Path]:
    """The files of ``root/folder`` to ship, relative to ``root``; links, hidden files, caches and
    a folder made by a crmkit command (a bundle written there by mistake) are left out and named."""
    base = root / folder
    if base.is_symlink() or not base.is_dir():
        raise ReleaseError(f"{folder}/ is missing in {root} or is a symbolic link; a release reads only the "
                           "course's own folders")
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
        here = Path(dirpath)
        for d in sorted(dirnames):
            p = here / d
            rel = p.relative_to(root)
            if p.is_symlink():
                say(f"skipped {rel.as_posix()}: a symbolic link (a release never follows or ships one)")
                dirnames.remove(d)
            elif d.startswith(".") or d in _SKIP_PARTS:
                dirnames.remove(d)
            elif (p / ".crmkit-made").exists():
                say(f"skipped {rel.as_posix()}/: made by a crmkit command (an old output), not course material")
                dirnames.remove(d)
        for f in sorted(filenames):
            p = here / f
            rel = p.relative_to(root)
            if f.startswith("."):
                continue
            if p.is_symlink():
                say(f"skipped {rel.as_posix()}: a symbolic link (to {os.readlink(p)}); a release never follows "
                    "or ships one")
                continue
            if p.is_file():
                out.append(rel)
    return sorted(out)


def _exercises(root: Path, say: Callable[[str], None]) -> dict[str, str]:
    """The generated exercise notebooks, and what the working exercises/ does differently."""
    from .exercises import generate

    made = generate.render_all(root)
    work = root / "exercises"
    for name, text in made.items():
        if _LEAK in text:
            raise ReleaseError(f"the generator left a solution region in exercises/{name}; nothing was written")
        p = work / name
        if p.is_symlink():
            say(f"exercises/{name}: a symbolic link in the working copy; shipped the generated notebook")
        elif not p.is_file():
            say(f"exercises/{name}: missing in the working copy; shipped the generated notebook")
        else:
            current = p.read_text(encoding="utf-8", errors="replace")
            if current != text:
                diffs = generate.differences(current, text)
                say(f"exercises/{name}: {generate.describe(diffs)}; shipped the generated notebook instead")
    if work.is_dir() and not work.is_symlink():
        for p in sorted(work.iterdir()):
            if p.suffix == ".ipynb" and p.name not in made:
                say(f"exercises/{p.name}: not made from solutions/; not shipped")
    return made


def _exercises_zh(root: Path) -> dict[str, str]:
    """The Chinese exercise notebooks, generated from the Chinese solution notebooks (zh/solutions/)
    as ``make zh`` makes them, outputs cleared; never a copy of a working zh/exercises/."""
    import nbformat

    from .i18n import editions

    folder = root / "zh" / "solutions"
    if folder.is_symlink() or not folder.is_dir():
        return {}
    made = {}
    for p in sorted(folder.glob("*.ipynb")):
        if p.is_symlink():
            continue
        nb = editions.student_notebook(nbformat.read(p, as_version=4), p.name)
        text = nbformat.writes(nb) + "\n"
        if _LEAK in text:
            raise ReleaseError(f"the generator left a solution region in zh/exercises/{p.name}; nothing was written")
        made[p.name] = text
    return made


# -- the package ---------------------------------------------------------------------------------

def _project(root: Path, *, required: bool = True) -> dict:
    """The ``[project]`` table of the course's pyproject.toml; without one (an installed, not
    cloned, crmkit, e.g. the grader's), ``required=False`` falls back to the installed metadata."""
    import tomllib

    path = root / "pyproject.toml"
    if not path.is_symlink() and path.is_file():
        return tomllib.loads(path.read_text(encoding="utf-8"))["project"]
    if required:
        raise ReleaseError(f"{path} is missing: a release is made from the course repository")
    from importlib import metadata

    from . import __version__

    try:
        meta = metadata.metadata("crmkit")
        deps = [d for d in (metadata.requires("crmkit") or []) if "extra ==" not in d]
        return {"version": meta["Version"] or __version__, "dependencies": deps,
                "requires-python": meta["Requires-Python"] or ">=3.11", "description": meta["Summary"] or "crmkit"}
    except metadata.PackageNotFoundError:
        return {"version": __version__, "dependencies": [], "requires-python": ">=3.11", "description": "crmkit"}


def _pip_only(root: Path) -> set[str]:
    """The packages the course's environment.yml installs with pip (not on conda-forge)."""
    path = root / "environment.yml"
    if path.is_symlink() or not path.is_file():
        return set()
    names, inside = set(), False
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.match(r"^\s*-\s*pip:\s*$", line):
            inside = True
        elif inside and re.match(r"^\s+-\s+[A-Za-z0-9]", line):
            names.add(re.match(r"^\s+-\s+([A-Za-z0-9_.\-]+)", line).group(1).lower())
        elif inside and line.strip() and not line.lstrip().startswith("#"):
            inside = False
    return names


def _literal(value) -> str | None:
    """Python source that rebuilds a chapter module's public data value, or None (not data)."""
    import pandas as pd

    def index(ix) -> str:
        if isinstance(ix, pd.RangeIndex):
            return f"pd.RangeIndex({ix.start}, {ix.stop}, {ix.step}, name={ix.name!r})"
        return f"pd.Index({ix.tolist()!r}, name={ix.name!r}, dtype={str(ix.dtype)!r})"

    if isinstance(value, pd.Timestamp):
        return f"pd.Timestamp({value.isoformat()!r})"
    if isinstance(value, pd.DataFrame):
        data = {c: value[c].tolist() for c in value.columns}
        dtypes = {c: str(t) for c, t in value.dtypes.items()}
        return f"pd.DataFrame({data!r}, index={index(value.index)}).astype({dtypes!r})"
    if isinstance(value, pd.Series):
        return f"pd.Series({value.tolist()!r}, index={index(value.index)}, name={value.name!r}, " \
               f"dtype={str(value.dtype)!r})"
    text = repr(value)
    try:
        return text if ast.literal_eval(text) == value else None
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None


def _spec_source(spec: dict) -> str:
    text = pprint.pformat(spec, width=110, sort_dicts=False)
    try:
        if ast.literal_eval(text) == spec:
            return text
    except (ValueError, SyntaxError):
        pass
    return f"json.loads({json.dumps(spec, ensure_ascii=False)!r})"


def graded_module(chapter: str) -> str:
    """The source of a graded ``crmkit/exercises/<chapter>.py``: its public data, and each question
    rebuilt from its public spec. No expected value, reference function or solution is in it."""
    from . import exercises
    from .exercises._core import Question

    mod = importlib.import_module(f"{exercises.__name__}.{chapter}")
    qs = exercises.questions(chapter)
    doc = (mod.__doc__ or "").strip().split("\n")[0]
    lines = [f'"""{doc}', "",
             "Graded release: the answers are withheld. Each question is rebuilt from its public spec;",
             "check() says whether an answer has the right form, and the instructor grades the values.",
             f'Generated by `crmkit release --mode graded` from crmkit/exercises/{chapter}.py."""', "",
             "from __future__ import annotations", "", "import json  # noqa: F401", "",
             "import pandas as pd  # noqa: F401", "", "from ._core import question_from_spec", ""]
    for name, value in vars(mod).items():
        if name.startswith("_") or isinstance(value, Question) or callable(value) or \
                type(value).__name__ in ("module", "_Feature"):
            continue
        src = _literal(value)
        if src is None:
            raise ReleaseError(f"crmkit/exercises/{chapter}.py: the public value {name} ({type(value).__name__}) "
                               "cannot be carried into a graded release; make it a literal, a DataFrame or a Series")
        lines.append(f"{name} = {src}")
    lines.append("")
    for var, q in qs.items():
        lines.append(f"{var} = question_from_spec({_spec_source(q.spec())})")
    return "\n".join(lines) + "\n"


def _copy_package(dest: Path) -> list[Path]:
    """Copy crmkit/ (no caches, no links, no hidden files) to ``dest/crmkit``; return the files."""
    src = Path(__file__).resolve().parent
    files = []
    for dirpath, dirnames, filenames in os.walk(src, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_PARTS and not d.startswith(".")
                             and not d.endswith(".egg-info") and not (here / d).is_symlink())
        for f in sorted(filenames):
            p = here / f
            if f.startswith(".") or f.endswith((".pyc", ".pyo")) or p.is_symlink() or not p.is_file():
                continue
            rel = p.relative_to(src.parent)
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(p, dest / rel)
            files.append(rel)
    return files


def _withhold_model_answers(package: Path) -> None:
    """Remove the open questions' model answers (``chNN.qK.model``, English and Chinese) from the question
    catalogues of a graded package: like the expected values, they are not part of a graded copy."""
    from .i18n import catalogs

    folder = package / "locale" / catalogs.LOCALE / "LC_MESSAGES" / "exercises"
    for po in sorted(folder.glob("*.po")) if folder.is_dir() else ():
        entries = catalogs.read(po)
        kept = [e for ctx, e in entries.items() if not ctx.endswith(".model")]
        if len(kept) != len(entries):
            catalogs.write(po, kept)


def build_student_package(dest, *, graded: bool, root=None) -> Path:
    """Write a copy of the ``crmkit`` package source and a ``pyproject.toml`` under ``dest``.

    With ``graded=True`` every ``crmkit/exercises/chNN.py`` is replaced by :func:`graded_module`
    (questions from their public specs), and ``__version__`` gets the local label ``+graded``.
    ``dest`` must be empty or absent. Returns ``dest``.
    """
    from .exercises import chapters

    if not isinstance(graded, bool):
        raise ReleaseError(f"graded must be True or False, not {graded!r}")
    root = Path(root) if root is not None else ROOT
    dest = Path(dest)
    if dest.is_symlink() or (dest.exists() and (not dest.is_dir() or any(dest.iterdir()))):
        raise ReleaseError(f"{dest} is not an empty folder; the student package is written only into a new one")
    dest = safe_output(dest, root, option="dest")
    project = _project(root, required=False)
    dest.mkdir(parents=True, exist_ok=True)
    _copy_package(dest)
    version = project["version"] + ("+graded" if graded else "")
    if graded:
        for ch in chapters():
            (dest / "crmkit" / "exercises" / f"{ch}.py").write_text(graded_module(ch), encoding="utf-8")
        _withhold_model_answers(dest / "crmkit")
        init = dest / "crmkit" / "__init__.py"
        text = init.read_text(encoding="utf-8")
        init.write_text(re.sub(r'^__version__ = "[^"]*"', f'__version__ = "{version}"', text, count=1, flags=re.M),
                        encoding="utf-8")
    deps = ",\n".join(f"    {d!r}" for d in project["dependencies"]).replace("'", '"')
    (dest / "pyproject.toml").write_text(f"""\
[build-system]
requires = ["setuptools>=64"]
build-backend = "setuptools.build_meta"

[project]
name = "crmkit"
version = "{version}"
description = {json.dumps(project.get("description", "crmkit"), ensure_ascii=False)}
requires-python = "{project.get("requires-python", ">=3.11")}"
dependencies = [
{deps},
]

[project.scripts]
crmkit = "crmkit.__main__:main"

[tool.setuptools.packages.find]
include = ["crmkit*"]

[tool.setuptools.package-data]
crmkit = ["fonts/*"]
""", encoding="utf-8")
    return dest


def _wheel(pkg: Path, out: Path, *, version: str, project: dict) -> Path:
    """A pure-Python wheel (PEP 427) of ``pkg/crmkit``, written directly: no build backend and no
    network are needed, and the same files give the same bytes (fixed timestamps, sorted)."""
    dist = f"crmkit-{version}.dist-info"
    files: list[tuple[str, bytes]] = []
    for p in sorted((pkg / "crmkit").rglob("*")):
        if p.is_file() and not p.is_symlink():
            files.append((p.relative_to(pkg).as_posix(), p.read_bytes()))
    meta = ["Metadata-Version: 2.1", "Name: crmkit", f"Version: {version}",
            f"Summary: {project.get('description', 'crmkit')}",
            f"Requires-Python: {project.get('requires-python', '>=3.11')}"]
    meta += [f"Requires-Dist: {d}" for d in project["dependencies"]]
    files += [(f"{dist}/METADATA", ("\n".join(meta) + "\n").encode()),
              (f"{dist}/WHEEL", b"Wheel-Version: 1.0\nGenerator: crmkit.release\nRoot-Is-Purelib: true\n"
                                b"Tag: py3-none-any\n"),
              (f"{dist}/entry_points.txt", b"[console_scripts]\ncrmkit = crmkit.__main__:main\n"),
              (f"{dist}/top_level.txt", b"crmkit\n")]
    record = []
    for name, data in files:
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{name},sha256={digest},{len(data)}")
    record.append(f"{dist}/RECORD,,")
    files.append((f"{dist}/RECORD", ("\n".join(record) + "\n").encode()))
    target = out / f"crmkit-{version}-py3-none-any.whl"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return target


# -- the texts of the bundle -----------------------------------------------------------------------

_CONDA = {"matplotlib": "matplotlib-base"}


def _requirements(project: dict, wheel: str) -> str:
    return ("# The course's Python packages (lower bounds, as in the course repository) and crmkit itself.\n"
            "# Install, in this folder:  python -m pip install -r requirements.txt\n"
            + "".join(f"{d}\n" for d in project["dependencies"]) + f"./{wheel}\n")


def _environment(project: dict, wheel: str, pip_only: set[str] = frozenset()) -> str:
    conda, pip = [], []
    for d in project["dependencies"]:
        m = re.match(r"([A-Za-z0-9_.\-]+)(.*)", d)
        if m.group(1).lower() in pip_only:
            pip.append(f"    - {d}")
        else:
            conda.append(f"  - {_CONDA.get(m.group(1), m.group(1))}{m.group(2)}")
    py = project.get("requires-python", ">=3.11")
    return ("# conda / Binder environment of the student bundle:  conda env create -f environment.yml\n"
            "name: crmkit-student\nchannels:\n  - conda-forge\ndependencies:\n"
            f"  - python{py}\n" + "\n".join(conda) + "\n  - pip\n  - pip:\n" + "".join(p + "\n" for p in pip)
            + f"    - ./{wheel}\n")


def _readme(mode: str, wheel: str) -> str:
    graded_en = (
        "\nThis is a GRADED release. `check()` tells you whether an answer has the right form (a number,\n"
        "a table with the right columns, one of the options ...); it does not say whether the value is\n"
        "right: your instructor grades the values. `hint()` works; `solution()` is not available.\n"
        "Hand in your exercise notebooks as your instructor asks.\n") if mode == "graded" else (
        "\n`check()` tells you at once whether an answer is right; `hint()` gives the next hint.\n")
    graded_zh = (
        "\n本次为计分作业：`check()` 只检查答案的形式是否正确（是不是数字、表格的列对不对、是否为给定选项之一等），\n"
        "不判断数值对错，数值由老师统一评分。`hint()` 可以照常使用，`solution()` 不提供参考答案。\n"
        "完成后请按老师的要求提交练习笔记本。\n") if mode == "graded" else (
        "\n`check()` 会立刻告诉你答案对不对；卡住了就调用 `hint()`，一次给一条提示。\n")
    return f"""\
# CRM course kit: student bundle ({mode})

| | |
|---|---|
| `notebooks/` | the chapters: start with `notebooks/00_start_here.ipynb` |
| `exercises/` | your exercise notebooks: they are yours, fill them in |
| `datasets/` | the course data (`datasets/README.md` describes every column) |
| `zh/` | the Chinese edition (中文版): `zh/notebooks/00_start_here.ipynb`, `zh/exercises/` |
| `{wheel}` | the course's Python package, `crmkit` |
| `requirements.txt`, `environment.yml` | what to install (pip, or conda and Binder) |

## Install (once; Python 3.11 or newer)
In this folder:

    python -m venv .venv
    .venv/bin/python -m pip install -r requirements.txt       (Windows: .venv\\Scripts\\python -m pip ...)
    .venv/bin/jupyter lab

With conda instead: `conda env create -f environment.yml`, `conda activate crmkit-student`, `jupyter lab`.
On Binder: put this folder in a public GitHub repository and open it on https://mybinder.org
(Binder reads `environment.yml`).

## Work
Open `notebooks/00_start_here.ipynb`, then the chapters. In an exercise notebook, replace each `...`
with your answer in code and run the cell.
{graded_en}
Material marked [added] is the course's own addition to the syllabus; [inferred] marks a reading the
course reconstructs where its source is damaged ([garbled]) or silent.

---

# 客户关系管理与客户分析：学生资料包

| | |
|---|---|
| `notebooks/` | 各章讲义，请从 `notebooks/00_start_here.ipynb` 开始 |
| `exercises/` | 你的练习笔记本，直接在里面作答即可 |
| `datasets/` | 课程数据（每一列的含义见 `datasets/README.md`，中文说明见 `zh/datasets/README.md`） |
| `zh/` | 中文版：讲义从 `zh/notebooks/00_start_here.ipynb` 开始，练习在 `zh/exercises/`，界面与练习反馈均为中文 |
| `{wheel}` | 课程配套的 Python 包 `crmkit` |
| `requirements.txt`、`environment.yml` | 安装清单（pip 用前者，conda 和 Binder 用后者） |

## 安装（只需一次，需要 Python 3.11 及以上版本）
在本文件夹中依次运行：

    python -m venv .venv
    .venv/bin/python -m pip install -r requirements.txt       （Windows：.venv\\Scripts\\python -m pip ...）
    .venv/bin/jupyter lab

用 conda 的同学：`conda env create -f environment.yml`，然后 `conda activate crmkit-student`，再运行 `jupyter lab`。

## 学习与练习
先打开 `notebooks/00_start_here.ipynb`，再按章节顺序学习。做练习时，把每个 `...` 换成你的答案（用代码写），
然后运行该单元格。
{graded_zh}
标有 [added] 的内容是本课程在教学大纲之外补充的材料；标有 [inferred] 的内容，是原始材料残缺（标 [garbled]）
或没有明说时，由课程推断补全的解读。
"""


# -- Binder ------------------------------------------------------------------------------------------

def binder_link(root=None, *, remote: str = "origin", edition: str = "en", app: bool = False) -> str:
    """The Binder address of the course, computed from the repository's git remote; it opens the start
    page of the English edition, or with ``edition="zh"`` of the Chinese one (``zh/notebooks/``). With
    ``app=True`` it opens instead the managers' apps (no code) in Voilà: the gallery
    ``/voila/render/apps/<edition>/index.ipynb`` (:mod:`crmkit.apps`).

    GitHub (``https://github.com/O/R(.git)``, ``git@github.com:O/R.git``) gives
    ``https://mybinder.org/v2/gh/O/R/HEAD?urlpath=...``; GitLab.com gives ``v2/gl``; any other
    http(s) remote ``v2/git``. No remote (or no git) is a :class:`ReleaseError` that says how to set one.
    """
    root = Path(root) if root is not None else ROOT
    if edition not in ("en", "zh"):
        raise ReleaseError(f"edition must be 'en' or 'zh', not {edition!r}")
    if not isinstance(app, bool):
        raise ReleaseError(f"app must be True or False, not {app!r}")
    if not isinstance(remote, str) or not re.fullmatch(r"[A-Za-z0-9][\w.\-]*", remote):
        raise ReleaseError(f"remote {remote!r} is not a git remote name")
    url, problem = git_remote(root, remote)
    if problem:
        raise ReleaseError(f"could not ask git for the remote ({problem}); the README says how to set the badge")
    if not url:
        raise ReleaseError(f"the course has no git remote {remote!r}: push it to a public GitHub repository "
                           f"(git remote add {remote} https://github.com/OWNER/REPO.git), then run again")
    path = quote(("zh/" if edition == "zh" else "") + _START, safe="/")
    urlpath = f"voila/render/apps/{edition}/index.ipynb" if app else f"lab/tree/{path}"
    m = re.fullmatch(r"(?:https?://|ssh://git@|git@)(github\.com|gitlab\.com)[/:]([\w.\-]+)/([\w.\-]+?)(?:\.git)?/?", url)
    if m:
        host = "gh" if m.group(1) == "github.com" else "gl"
        return f"https://mybinder.org/v2/{host}/{m.group(2)}/{m.group(3)}/HEAD?urlpath={urlpath}"
    if re.fullmatch(r"https?://[^\s@]+", url):
        return f"https://mybinder.org/v2/git/{quote(url, safe='')}/HEAD?urlpath={urlpath}"
    raise ReleaseError(f"the remote {remote!r} ({url}) is not an http(s) or GitHub/GitLab address Binder can open; "
                       "the README says how to set the badge by hand")


def badge(link: str) -> str:
    return f"[![Binder](https://mybinder.org/badge_logo.svg)]({link})"


# -- the release ---------------------------------------------------------------------------------

def _zip_is_ours(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as z:
            return z.comment == ZIP_MARKER
    except (OSError, zipfile.BadZipFile):
        return False


def release(out=None, *, name: str | None = None, mode: str = "practice", force: bool = False, root=None,
            say: Callable[[str], None] | None = None) -> Path:
    """Write the student folder and zip; return the zip's path. ``say`` receives each notice
    (what differs in exercises/, what was skipped); by default they are printed."""
    say = say or print
    if mode not in MODES:
        raise ReleaseError(f"--mode {mode!r} is not one of {', '.join(MODES)}")
    if not isinstance(force, bool):
        raise ReleaseError(f"force must be True or False, not {force!r}")
    root = (Path(root) if root is not None else ROOT).resolve()
    if not (root / "solutions").is_dir() or not (root / "notebooks").is_dir():
        raise ReleaseError(f"{root} is not a course folder (it needs solutions/ and notebooks/)")
    name = safe_name(DEFAULT_NAMES[mode] if name is None else name)
    out = safe_output(root / "build" / "release" if out is None else out, root)
    folder, zpath = out / name, out / f"{name}.zip"
    for p in (folder, zpath):
        if p.is_symlink():
            raise ReleaseError(f"{p} is a symbolic link; a release never writes through one (remove it yourself)")
    existing = [p for p in (folder, zpath) if p.exists()]
    if existing and not force:
        raise ReleaseError(f"{', '.join(map(str, existing))} already exist(s); a student may have edited that copy. "
                           "Choose another --out or --name, or pass --force to replace it.")
    if folder.exists() and not made_by_crmkit(folder, KIND):
        raise ReleaseError(f"{folder} exists and was not made by crmkit release (no .crmkit-made marker inside); "
                           "--force replaces only a bundle this command made. Choose another --out or --name.")
    if zpath.exists() and not _zip_is_ours(zpath):
        raise ReleaseError(f"{zpath} exists and was not written by crmkit release; --force replaces only a bundle "
                           "this command made. Choose another --out or --name.")
    if out.exists() and not out.is_dir():
        raise ReleaseError(f"{out} is a file, not a folder")

    # Everything is read and checked before anything is written.
    files = {folder_name: _walk(root, folder_name, say) for folder_name in FOLDERS
             if folder_name not in OPTIONAL or (root / folder_name).is_dir()}
    leaks = [str(f) for fs in files.values() for f in fs
             if f.suffix == ".ipynb" and _LEAK in (root / f).read_text(encoding="utf-8", errors="replace")]
    if leaks:
        raise ReleaseError(f"these notebooks contain a solution region ({_LEAK}): {', '.join(leaks)}; nothing was "
                           "written")
    exercises = _exercises(root, say)
    exercises_zh = _exercises_zh(root)
    project = _project(root)

    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out, prefix=f".{name}.tmp-"))
    tmpzip = tmp.with_name(tmp.name + ".zip")
    try:
        build = tmp / "bundle"
        build.mkdir()
        for rel in (f for fs in files.values() for f in fs):
            (build / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / rel, build / rel)
        (build / "exercises").mkdir()
        for fname, text in exercises.items():
            (build / "exercises" / fname).write_text(text, encoding="utf-8")
        if exercises_zh:
            (build / "zh" / "exercises").mkdir(parents=True)
            for fname, text in exercises_zh.items():
                (build / "zh" / "exercises" / fname).write_text(text, encoding="utf-8")
        pkg = build_student_package(tmp / "package", graded=(mode == "graded"), root=root)
        version = project["version"] + ("+graded" if mode == "graded" else "")
        wheel = _wheel(pkg, build, version=version, project=project).name
        shutil.rmtree(pkg)
        (build / "requirements.txt").write_text(_requirements(project, wheel), encoding="utf-8")
        (build / "environment.yml").write_text(_environment(project, wheel, _pip_only(root)), encoding="utf-8")
        (build / "README.md").write_text(_readme(mode, wheel), encoding="utf-8")
        shipped = sorted(p.relative_to(build) for p in build.rglob("*") if p.is_file())
        with zipfile.ZipFile(tmpzip, "w", compression=zipfile.ZIP_DEFLATED) as z:
            z.comment = ZIP_MARKER
            for rel in shipped:
                info = zipfile.ZipInfo(f"{name}/{rel.as_posix()}", date_time=_EPOCH)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                z.writestr(info, (build / rel).read_bytes())
        write_marker(build, KIND)
        replace_folder(build, folder, kind=KIND)
        os.replace(tmpzip, zpath)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        tmpzip.unlink(missing_ok=True)
    say(f"exercises/: {len(exercises)} notebook(s) built from solutions/ by the generator, outputs cleared "
        "(the working exercises/ is never copied)")
    return zpath


def main(argv=None) -> int:
    from ._cli import ArgumentParser, run

    prog = "crmkit release"

    def body() -> int:
        ap = ArgumentParser(prog=prog, description="Write the student bundle (no solutions) as a folder and a zip.")
        ap.add_argument("--mode", default="practice", choices=MODES,
                        help="practice: check() says right or wrong; graded: no answer in the bundle, check() "
                             "judges the form, crmkit grade the value (default: practice)")
        ap.add_argument("--out", help="output folder (default: build/release in the course)")
        ap.add_argument("--name", help="bundle name, folder and zip (default: crmkit-student, "
                                       "or crmkit-student-graded)")
        ap.add_argument("--force", action="store_true", help="replace a bundle this command made before")
        ap.add_argument("--root", help="the course folder (default: the repository crmkit is installed from)")
        args = ap.parse_args(argv)
        z = release(args.out, name=args.name, mode=args.mode, force=args.force, root=args.root)
        with zipfile.ZipFile(z) as f:
            n = len(f.namelist())
        print(f"wrote {z} ({args.mode}: {n} files, {z.stat().st_size / 1e6:.1f} MB) and the folder {z.with_suffix('')}")
        try:
            print("Binder: " + binder_link(args.root))
        except ReleaseError:
            pass
        return 0

    return run(prog, body)


def binder_main(argv=None) -> int:
    """``crmkit binder-link``: print the Binder address and badge of the course's git remote."""
    from ._cli import ArgumentParser, run

    prog = "crmkit binder-link"

    def body() -> int:
        ap = ArgumentParser(prog=prog, description="The Binder badge of the course, computed from its git remote.")
        ap.add_argument("--root", help="the course repository (default: the one crmkit is installed from)")
        ap.add_argument("--remote", default="origin", help="the git remote (default: origin)")
        args = ap.parse_args(argv)
        link = binder_link(args.root, remote=args.remote)
        print(link)
        print(badge(link))
        zh = binder_link(args.root, remote=args.remote, edition="zh")
        print(f"中文版 / Chinese edition: {zh}")
        print(badge(zh))
        print("Apps for managers, no code (管理者应用): " + binder_link(args.root, remote=args.remote, app=True))
        print("管理者应用（中文）/ the apps in Chinese: "
              + binder_link(args.root, remote=args.remote, edition="zh", app=True))
        return 0

    return run(prog, body)


if __name__ == "__main__":
    sys.exit(main())
