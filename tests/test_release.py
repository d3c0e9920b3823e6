"""``crmkit release``: the student bundle is built from the source (never the working copy), runs on
its own, holds no solution, and the command never deletes or overwrites what it did not make.

Every case runs on a temporary copy of the course (hashes of the copy compared before and after)."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import nbformat
import pytest

from crmkit import release as r
from crmkit.__main__ import main as cli
from crmkit.exercises import generate

ROOT = Path(__file__).resolve().parents[1]
COPIED = ("crmkit", "notebooks", "exercises", "solutions", "datasets", "tests/bad_input")
IGNORE = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "*.pyc")


def _names(z: Path) -> list[str]:
    with zipfile.ZipFile(z) as f:
        return f.namelist()


def hashes(folder: Path) -> dict[str, str]:
    """Every file and link of a folder: content hash (links: their target), so a deletion shows."""
    out = {}
    for p in sorted(Path(folder).rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if p.is_symlink():
            out[rel] = "link:" + os.readlink(p)
        elif p.is_file():
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
        elif p.is_dir():
            out[rel] = "dir"
    return out


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("template") / "course"
    base.mkdir()
    for folder in COPIED:
        shutil.copytree(ROOT / folder, base / folder, ignore=IGNORE)
    for f in ("pyproject.toml", "README.md", "Makefile"):
        shutil.copy(ROOT / f, base / f)
    return base


@pytest.fixture
def course(template, tmp_path) -> Path:
    """A fresh copy of the course (crmkit/, notebooks/, exercises/, solutions/, datasets/ ...)."""
    dest = tmp_path / "course"
    shutil.copytree(template, dest, symlinks=True)
    return dest


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert err.startswith("crmkit release: error: ") and "\n" not in err and "Traceback" not in err, err
    return err


def type_an_answer(path: Path, answer: str = "'time'") -> int:
    """Type an answer into the first placeholder of an exercise notebook, as a student in the lab
    would (with an output); return the cell's number as JupyterLab counts."""
    nb = nbformat.read(path, as_version=4)
    for i, c in enumerate(nb.cells, start=1):
        if c.cell_type == "code" and "# your answer here" in c.source:
            c.source = c.source.replace("...  # your answer here", f"{answer}  # MY TYPED ANSWER", 1)
            c.outputs = [nbformat.v4.new_output("stream", name="stdout", text="typed\n")]
            nbformat.write(nb, path)
            return i
    raise AssertionError("no placeholder")


# -- what goes out ------------------------------------------------------------------------------

def test_bundle_has_every_student_file_and_no_solution(tmp_path):
    notes = []
    z = r.release(tmp_path, name="b", say=notes.append)
    names = _names(z)
    for folder in r.FOLDERS:
        expected = {f"b/{p.relative_to(ROOT).as_posix()}" for p in (ROOT / folder).rglob("*")
                    if p.is_file() and ".ipynb_checkpoints" not in p.parts and "__pycache__" not in p.parts}
        assert expected and expected <= set(names)
    made = generate.render_all(ROOT)
    assert {f"b/exercises/{n}" for n in made} == {n for n in names if n.startswith("b/exercises/")}
    assert not any("solutions" in n for n in names)
    assert {n.split("/")[1] for n in names} == {"README.md", "notebooks", "exercises", "datasets", "requirements.txt",
                                               "environment.yml", "crmkit-0.1.0-py3-none-any.whl", "zh"}
    # the Chinese edition: chapters and pages as committed, exercises generated from zh/solutions, no solutions
    assert {n.split("/")[2] for n in names if n.startswith("b/zh/")} == {"notebooks", "exercises", "datasets"}
    assert {n.rsplit("/", 1)[1] for n in names if n.startswith("b/zh/exercises/")} == set(made)
    with zipfile.ZipFile(z) as f:
        for n in names:
            if n.endswith(".ipynb"):
                assert "# BEGIN SOLUTION" not in f.read(n).decode("utf-8"), n
        for n, text in made.items():  # the generator's output, outputs cleared
            shipped = f.read(f"b/exercises/{n}").decode("utf-8")
            assert shipped == text
            assert all(not c.get("outputs") for c in nbformat.reads(shipped, as_version=4).cells)
        readme = f.read("b/README.md").decode("utf-8")
        assert "pip install -r requirements.txt" in readme and "安装" in readme and "[added]" in readme
        reqs = f.read("b/requirements.txt").decode("utf-8")
        assert "pandas>=2.0" in reqs and "./crmkit-0.1.0-py3-none-any.whl" in reqs
        env = f.read("b/environment.yml").decode("utf-8")
        assert "matplotlib-base>=3.7" in env and "- ./crmkit-0.1.0-py3-none-any.whl" in env
        conda_part, pip_part = env.split("  - pip:\n")
        for name in r._pip_only(ROOT):  # what the course installs with pip (not on conda-forge) stays pip
            assert f"- {name}" in pip_part and f"- {name}" not in conda_part, name
    assert any("built from solutions/ by the generator, outputs cleared" in n for n in notes)
    # the folder beside the zip holds the same files, plus the marker that lets --force replace it
    on_disk = {f"b/{p.relative_to(tmp_path / 'b').as_posix()}" for p in (tmp_path / "b").rglob("*") if p.is_file()}
    assert on_disk == set(names) | {"b/.crmkit-made"}


def test_the_wheel_installs_the_package_with_its_entry_point(tmp_path):
    z = r.release(tmp_path, name="b", say=lambda _: None)
    with zipfile.ZipFile(z) as f, zipfile.ZipFile(f.open("b/crmkit-0.1.0-py3-none-any.whl")) as w:
        wnames = w.namelist()
        assert "crmkit/__init__.py" in wnames and "crmkit/exercises/ch00.py" in wnames
        assert any(n.startswith("crmkit/fonts/") for n in wnames)
        assert not any("__pycache__" in n or n.endswith(".pyc") for n in wnames)
        meta = w.read("crmkit-0.1.0.dist-info/METADATA").decode()
        assert "Requires-Dist: pandas>=2.0" in meta
        record = w.read("crmkit-0.1.0.dist-info/RECORD").decode()
        assert len(record.strip().splitlines()) == len(wnames)
    target = tmp_path / "site"
    run = subprocess.run([os.sys.executable, "-m", "pip", "--isolated", "install", "--no-index", "--no-deps",
                          "--quiet", "--target", str(target), str(tmp_path / "b" / "crmkit-0.1.0-py3-none-any.whl")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert (target / "crmkit" / "exercises" / "ch00.py").read_bytes() == (ROOT / "crmkit/exercises/ch00.py").read_bytes()
    assert (target / "bin" / "crmkit").is_file()


def test_refuses_to_overwrite_without_force(tmp_path, capsys):
    z = r.release(tmp_path, name="b", say=lambda _: None)
    edited = tmp_path / "b" / "exercises" / "ch00_taxi.ipynb"
    edited.write_text("a student's work", encoding="utf-8")
    with pytest.raises(r.ReleaseError, match="--force"):
        r.release(tmp_path, name="b", say=lambda _: None)
    assert edited.read_text(encoding="utf-8") == "a student's work"  # untouched
    assert r.main(["--out", str(tmp_path), "--name", "b"]) == 2
    assert "already exist" in one_line_error(capsys)
    # a zip this command did not write blocks, even with --force
    other = tmp_path / "other"
    other.mkdir()
    (other / "b.zip").write_bytes(b"old")
    for force in (False, True):
        with pytest.raises(r.ReleaseError):
            r.release(other, name="b", force=force, say=lambda _: None)
    assert (other / "b.zip").read_bytes() == b"old"
    # --force replaces both, because this command made them
    assert r.main(["--out", str(tmp_path), "--name", "b", "--force"]) == 0
    assert edited.read_text(encoding="utf-8") == generate.render_all(ROOT)["ch00_taxi.ipynb"]
    assert zipfile.ZipFile(z).testzip() is None
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left over


def test_zip_is_reproducible(tmp_path):
    a = r.release(tmp_path / "1", name="b", say=lambda _: None).read_bytes()
    b = r.release(tmp_path / "2", name="b", say=lambda _: None).read_bytes()
    assert a == b


def test_a_typed_answer_never_ships_and_the_file_is_named(course, tmp_path, capsys):
    """Issue 18: an answer typed into exercises/ (and saved with its output) stays out of the bundle."""
    cell = type_an_answer(course / "exercises" / "ch00_taxi.ipynb")
    (course / "exercises" / "ch99_mine.ipynb").write_text("{}", encoding="utf-8")
    before = hashes(course)
    assert cli(["release", "--root", str(course), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert f"exercises/ch00_taxi.ipynb: cell {cell} has typed text; cell {cell} has outputs; shipped the generated" \
           in out
    assert "exercises/ch99_mine.ipynb: not made from solutions/; not shipped" in out
    z = tmp_path / "out" / "crmkit-student.zip"
    with zipfile.ZipFile(z) as f:
        blob = b"".join(f.read(n) for n in f.namelist())
        assert b"MY TYPED ANSWER" not in blob and b"typed\\n" not in blob
        assert "crmkit-student/exercises/ch99_mine.ipynb" not in f.namelist()
    assert hashes(course) == before


def test_a_leaked_solution_in_notebooks_is_refused(course, tmp_path):
    shutil.copy(course / "solutions" / "ch00_taxi.ipynb", course / "notebooks" / "copied.ipynb")
    before = hashes(course)
    with pytest.raises(r.ReleaseError, match="notebooks/copied.ipynb"):
        r.release(tmp_path / "out", root=course, say=lambda _: None)
    assert not (tmp_path / "out").exists()
    assert hashes(course) == before


# -- issue 22: never delete what it did not make -------------------------------------------------

HOSTILE = [
    (["--out", ".", "--name", "", "--force"], "--name is empty"),
    (["--out", ".", "--name", "x", "--force"], "is the course folder itself"),
    (["--name", "../../solutions", "--force"], "is not a plain name"),
    (["--out", "build", "--name", "..", "--force"], "is not a plain name"),
    (["--out", "build", "--name", "/tmp", "--force"], "is not a plain name"),
    (["--out", "notebooks", "--force"], "inside the course's notebooks/ folder"),
    (["--out", "notebooks/bundles", "--force"], "inside the course's notebooks/ folder"),
    (["--out", "solutions", "--name", "ch00_taxi.ipynb", "--force"], "inside the course's solutions/ folder"),
    (["--out", "datasets", "--force"], "inside the course's datasets/ folder"),
    (["--out", "crmkit", "--name", "exercises", "--force"], "inside the course's crmkit/ folder"),
    (["--out", "tests", "--force"], "inside the course's tests/ folder"),
    (["--out", "exercises", "--force"], "inside the course's exercises/ folder"),
    (["--out", "..", "--name", "course", "--force"], "contains the course folder"),
    (["--out", "/", "--force"], "contains the course folder"),
    (["--out", "", "--force"], "--out is empty"),
    (["--out", "build", "--mode", "secret"], "invalid choice: 'secret'"),
]


@pytest.mark.parametrize("args, problem", HOSTILE, ids=[" ".join(a) or "none" for a, _ in HOSTILE])
def test_hostile_options_are_refused_and_nothing_is_deleted(course, monkeypatch, capsys, args, problem):
    monkeypatch.chdir(course)
    before = hashes(course)
    assert cli(["release", "--root", str(course), *args]) == 2
    assert problem in one_line_error(capsys)
    assert hashes(course) == before


def test_an_output_linked_into_the_course_is_refused(course, capsys):
    (course / "build").mkdir()
    (course / "build" / "link").symlink_to(course / "solutions", target_is_directory=True)
    before = hashes(course)
    assert cli(["release", "--root", str(course), "--out", str(course / "build" / "link"), "--force"]) == 2
    assert "inside the course's solutions/ folder" in one_line_error(capsys)
    assert hashes(course) == before


def test_force_replaces_only_a_bundle_this_command_made(course, tmp_path, capsys):
    out = tmp_path / "out"
    mine = out / "crmkit-student"
    mine.mkdir(parents=True)
    (mine / "thesis.docx").write_text("not a bundle", encoding="utf-8")
    assert cli(["release", "--root", str(course), "--out", str(out), "--force"]) == 2
    assert "was not made by crmkit release" in one_line_error(capsys)
    assert (mine / "thesis.docx").read_text(encoding="utf-8") == "not a bundle"
    # a link where the bundle would go is never written through
    link_out = tmp_path / "out2"
    link_out.mkdir()
    (link_out / "crmkit-student").symlink_to(course / "solutions", target_is_directory=True)
    before = hashes(course)
    assert cli(["release", "--root", str(course), "--out", str(link_out), "--force"]) == 2
    assert "symbolic link" in one_line_error(capsys)
    assert hashes(course) == before


def test_a_link_in_datasets_is_never_shipped(course, tmp_path, capsys):
    (course / "datasets" / "extra.ipynb").symlink_to(course / "solutions" / "ch00_taxi.ipynb")
    (course / "datasets" / "more").symlink_to(course / "solutions", target_is_directory=True)
    before = hashes(course)
    assert cli(["release", "--root", str(course), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "skipped datasets/extra.ipynb: a symbolic link" in out and "skipped datasets/more: a symbolic link" in out
    names = _names(tmp_path / "out" / "crmkit-student.zip")
    assert not any("extra.ipynb" in n or "/more" in n for n in names)
    with zipfile.ZipFile(tmp_path / "out" / "crmkit-student.zip") as f:
        assert not any(b"# BEGIN SOLUTION" in f.read(n) for n in names if n.endswith(".ipynb"))
    assert not any(p.is_symlink() for p in (tmp_path / "out").rglob("*"))
    assert hashes(course) == before


def test_an_old_bundle_inside_the_course_is_not_taken_as_input(course, tmp_path, capsys):
    """A bundle written into notebooks/ by an older version is skipped, not shipped inside the next."""
    old = course / "notebooks" / "crmkit-student"
    shutil.copytree(course / "notebooks", old)
    (old / ".crmkit-made").write_text("crmkit release\n", encoding="utf-8")
    before = hashes(course)
    assert cli(["release", "--root", str(course), "--out", str(tmp_path / "out")]) == 0
    assert "skipped notebooks/crmkit-student/: made by a crmkit command" in capsys.readouterr().out
    assert not any("notebooks/crmkit-student/" in n for n in _names(tmp_path / "out" / "crmkit-student.zip"))
    assert hashes(course) == before


def test_a_linked_exercise_file_is_never_written_through(course, tmp_path, capsys):
    outside = tmp_path / "outside.ipynb"
    outside.write_text("someone else's file", encoding="utf-8")
    link = course / "exercises" / "ch00_taxi.ipynb"
    link.unlink()
    link.symlink_to(outside)
    before = hashes(course)
    for args in ([], ["--force"], ["--prune"]):
        assert cli(["exercises", "--root", str(course), *args]) == 2
        err = capsys.readouterr().err
        assert "exercises/ch00_taxi.ipynb is a symbolic link" in err and "never writes through a link" in err
    assert outside.read_text(encoding="utf-8") == "someone else's file"
    assert hashes(course) == before
    # the release ships the generated notebook and says the working copy is a link
    assert cli(["release", "--root", str(course), "--out", str(tmp_path / "out")]) == 0
    assert "exercises/ch00_taxi.ipynb: a symbolic link in the working copy" in capsys.readouterr().out
    with zipfile.ZipFile(tmp_path / "out" / "crmkit-student.zip") as f:
        assert b"someone else" not in f.read("crmkit-student/exercises/ch00_taxi.ipynb")
    assert outside.read_text(encoding="utf-8") == "someone else's file"
    assert hashes(course) == before


def test_a_failed_release_leaves_nothing_behind(course, tmp_path, monkeypatch):
    def boom(*a, **k):
        raise r.ReleaseError("stop")

    monkeypatch.setattr(r, "_wheel", boom)
    out = tmp_path / "out"
    with pytest.raises(r.ReleaseError, match="stop"):
        r.release(out, root=course, say=lambda _: None)
    assert list(out.iterdir()) == []


# -- Binder ---------------------------------------------------------------------------------------

def _git(folder: Path, *args):
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, timeout=60)


@pytest.mark.parametrize("remote, link", [
    ("git@github.com:acme/crm-course.git", "https://mybinder.org/v2/gh/acme/crm-course/HEAD"),
    ("https://github.com/acme/crm-course", "https://mybinder.org/v2/gh/acme/crm-course/HEAD"),
    ("https://gitlab.com/acme/crm-course.git", "https://mybinder.org/v2/gl/acme/crm-course/HEAD"),
    ("https://git.example.edu/crm.git", "https://mybinder.org/v2/git/https%3A%2F%2Fgit.example.edu%2Fcrm.git/HEAD"),
])
def test_binder_link_is_computed_from_the_remote(tmp_path, capsys, remote, link):
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "remote", "add", "origin", remote)
    want = link + "?urlpath=lab/tree/notebooks/00_start_here.ipynb"
    assert r.binder_link(tmp_path) == want
    assert cli(["binder-link", "--root", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert want in out and f"[![Binder](https://mybinder.org/badge_logo.svg)]({want})" in out


def test_binder_link_without_a_remote_says_how_to_set_it(tmp_path, capsys):
    _git(tmp_path, "init", "-q")
    assert cli(["binder-link", "--root", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "no git remote 'origin'" in err and "git remote add origin" in err and "\n" == err[-1]
    _git(tmp_path, "remote", "add", "origin", "/some/local/path")
    assert cli(["binder-link", "--root", str(tmp_path)]) == 2
    assert "not an http(s) or GitHub/GitLab address" in capsys.readouterr().err


def test_the_readme_has_no_placeholder_badge():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "OWNER/REPO" not in text.replace("https://github.com/OWNER/REPO.git", "")
    assert "crmkit binder-link" in text


# -- graded releases: no answer in the bundle -------------------------------------------------------

def _leaves(value):
    """The scalar values inside an expected answer (numbers and texts of dicts, lists, tables)."""
    import numpy as np
    import pandas as pd

    if isinstance(value, pd.DataFrame):
        for col in value.columns:
            yield from _leaves(value[col].tolist())
    elif isinstance(value, (pd.Series, pd.Index, np.ndarray)):
        yield from _leaves(list(value.tolist()))
    elif isinstance(value, dict):
        for v in value.values():
            yield from _leaves(v)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for v in value:
            yield from _leaves(v)
    elif hasattr(value, "__dataclass_fields__"):
        for f in value.__dataclass_fields__:
            yield from _leaves(getattr(value, f))
    else:
        yield value


def significant(form: str) -> int:
    """How many significant digits a written number has: ``39.41`` 4, ``200.0`` 1, ``0.0370`` 2."""
    digits = form.replace(",", "").replace("-", "")
    if "." in digits:
        digits = digits.rstrip("0").rstrip(".")
    return len(digits.replace(".", "").strip("0"))


def renderings(q) -> dict[str, bool]:
    """How an expected value could be written in a file, each with whether it is written in full
    precision: ``repr``, rounded to the question's decimals and to 2-4 decimals, with thousands
    separators, as a per cent. Only forms of at least four significant digits are kept (``200.0``,
    ``0.5`` or ``28.3`` are in any file by chance), and texts of at least six characters."""
    import math
    import numbers

    import numpy as np

    forms: dict[str, bool] = {}
    for v in _leaves(q.expected):
        if isinstance(v, (bool, np.bool_)) or v is None:
            continue
        if isinstance(v, (numbers.Real, np.integer, np.floating)):
            x = float(v)
            if not math.isfinite(x):
                continue
            full = {repr(x), str(v)}
            cands = set(full)
            for d in {q.decimals or 0, 2, 3, 4}:
                cands |= {f"{x:.{d}f}", f"{x:,.{d}f}", f"{x * 100:.{max(d - 2, 0)}f}"}
            if x.is_integer():
                cands |= {str(int(x)), f"{int(x):,}"}
            for c in cands:
                if significant(c) >= 4:
                    forms[c] = forms.get(c, False) or c in full
        elif isinstance(v, str) and len(v) >= 6:
            forms[v] = True
    return forms


def bundle_texts(z: Path) -> dict[str, str]:
    """Every file of a bundle as text, and every file inside its wheel(s) too."""
    out = {}
    with zipfile.ZipFile(z) as f:
        for n in f.namelist():
            data = f.read(n)
            if n.endswith(".whl"):
                import io

                with zipfile.ZipFile(io.BytesIO(data)) as w:
                    for m in w.namelist():
                        out[f"{n}!{m}"] = w.read(m).decode("utf-8", errors="replace")
            else:
                out[n] = data.decode("utf-8", errors="replace")
    return out


_NUMBER = re.compile(r"(?<![\w.])-?\d[\d,]*(?:\.\d+)?(?!\w)")
_NUMERIC_FORM = re.compile(r"-?[\d,]+(?:\.\d+)?")


def number_tokens(text: str) -> set[str]:
    """The numbers written in a text, as written (``1,234.5``), each comma-separated part too
    (``12,34`` in a CSV row is 12 and 34) and without a sign."""
    out = set()
    for tok in _NUMBER.findall(text):
        out |= {tok, tok.lstrip("-"), *tok.lstrip("-").split(",")}
    return out


#: Answers the bundle shows on purpose, with the reason; the lead decides whether they stay.
KNOWN: dict = {}


def zone(name: str) -> str:
    """Where a bundle file is: the graded chapter modules, the rest of the package, the student's
    own files (exercises, README, requirements), the chapter notebooks, the data."""
    inner = name.split("!", 1)[1] if "!" in name else None
    if inner is not None:
        return "questions" if inner.startswith(("crmkit/exercises/", "crmkit/locale/")) else "package"
    parts = name.split("/")
    top = parts[2] if parts[1] == "zh" and len(parts) > 2 else parts[1]  # the Chinese edition's folders alike
    return {"notebooks": "notebooks", "datasets": "datasets"}.get(top, "student")


def answers_found(texts: dict[str, str], questions: dict | None = None) -> list[str]:
    """Every question's expected value and every solution region's source, where they occur.

    Searched everywhere: a solution region whole, and an expected number written in full precision
    with at least six significant digits (at least nine characters in a data file). Searched in the
    question modules, the rest of the package and the student's files (exercises, README): every
    rendering of at least four significant digits (the package's other files: not integers, which
    are constants of the analytics); in the question modules and the student's files also text
    answers the question does not offer as an option and the course data do not hold (an id), and
    each solution line of 30+ characters.
    The chapter notebooks' printed values at the question's precision are
    tests/test_exercise_leaks.py's concern (a chapter teaches; it may show the same data)."""
    from crmkit import exercises
    from crmkit.exercises import _source

    found = []
    folder = ROOT / "solutions"
    tokens = {name: number_tokens(text) for name, text in texts.items()}
    flat = {name: " ".join(text.split()) for name, text in texts.items()}
    zones = {name: zone(name) for name in texts}
    # the examples in the questions' own texts ("e.g. {'value_5': 45.67}") are public by design
    data_text = "\n".join(t for n, t in texts.items() if zones[n] == "datasets")
    from crmkit import i18n

    def question_texts() -> str:
        return " ".join(" ".join((q.prompt, *q.hints)) for q in exercises.all_questions().values())

    before = i18n.get_language()
    try:
        i18n.set_language("zh")
        chinese = question_texts()  # the Chinese texts hold the same examples, in the same catalogue files
    finally:
        i18n.set_language(before)
    examples = number_tokens(question_texts() + " " + chinese)
    for key, q in (exercises.all_questions() if questions is None else questions).items():
        ch, var = key.split(".")
        public = " ".join(str(x) for x in (q.prompt, *q.hints, *(getattr(q, "choices", None) or ())))
        for form, full in sorted(renderings(q).items()):
            numeric = _NUMERIC_FORM.fullmatch(form) is not None
            for name, text in texts.items():
                z = zones[name]
                if numeric:
                    if form not in tokens[name]:  # the cheap test first: most forms are in no file
                        continue
                    if (key, name.rsplit("!", 1)[-1]) in KNOWN:
                        wanted = False
                    elif z in ("questions", "student") and form in examples:
                        wanted = False
                    elif z == "datasets":
                        wanted = full and len(form) >= 9
                    elif z == "notebooks":
                        wanted = full and significant(form) >= 6
                    elif z == "package":
                        wanted = "." in form and not form.rstrip("0").endswith(".")
                    else:
                        wanted = True
                    hit = wanted
                else:  # a text the course data holds (a customer id) is data, not an answer
                    hit = z in ("questions", "student") and form not in public and form in text \
                        and form not in data_text
                if hit:
                    found.append(f"{key} expected {form!r} in {name}")
                    break
        _, code = _source.solution_code(ch, var, folder=folder)
        if code:
            whole = " ".join(code.split())
            lines = [" ".join(ln.split()) for ln in code.splitlines() if len(ln.strip()) >= 30]
            for name in texts:
                if whole in flat[name]:
                    found.append(f"{key} solution source in {name}")
                elif zones[name] in ("questions", "student"):
                    hit = next((ln for ln in lines if ln in flat[name] and ln not in public), None)
                    if hit:
                        found.append(f"{key} solution line {hit!r} in {name}")
    return found


def test_the_answer_search_finds_a_planted_answer(tmp_path):
    """The search below can fail: a value rendered to the question's decimals, a value in a table,
    and a solution region, each planted in a file (or a wheel) of a fake bundle, are all found."""
    import io

    from crmkit import exercises
    from crmkit.exercises import _source, ch00

    z = tmp_path / "b.zip"
    wheel = io.BytesIO()
    with zipfile.ZipFile(wheel, "w") as w:
        w.writestr("crmkit/exercises/ch00.py", f"X = {ch00.q2.expected:.2f}\n")
    code = _source.solution_code("ch00", "q3", folder=ROOT / "solutions")[1]
    with zipfile.ZipFile(z, "w") as f:
        f.writestr("b/README.md", "nothing here")
        f.writestr("b/crmkit-0.1.0-py3-none-any.whl", wheel.getvalue())
        f.writestr("b/exercises/x.ipynb", json_dump({"source": code}))
    found = answers_found(bundle_texts(z), {f"ch00.{k}": q for k, q in exercises.questions("ch00").items()})
    assert any(s.startswith("ch00.q2 expected") and ".whl!crmkit/exercises/ch00.py" in s for s in found), found
    assert any(s.startswith("ch00.q3 solution") and "exercises/x.ipynb" in s for s in found), found


def json_dump(obj) -> str:
    import json

    return json.dumps(obj, indent=1)


@pytest.fixture(scope="module")
def graded_bundle(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("graded")
    return r.release(out, mode="graded", say=lambda _: None)


def test_a_graded_bundle_holds_no_answer(graded_bundle):
    texts = bundle_texts(graded_bundle)
    assert any(".whl!crmkit/exercises/ch00.py" in n for n in texts)
    assert "question_from_spec" in next(t for n, t in texts.items() if n.endswith(".whl!crmkit/exercises/ch00.py"))
    found = answers_found(texts)
    assert found == [], "\n".join(found[:30])
    assert not any("solutions/" in n.split("!")[0] for n in texts)
    readme = texts["crmkit-student-graded/README.md"]
    assert "GRADED" in readme and "计分作业" in readme


def test_a_graded_package_keeps_the_public_data_of_each_chapter(tmp_path):
    """The graded chapter modules carry the tables and constants the notebooks use (ch04.RFM ...)."""
    import json
    import sys

    import pandas as pd

    from crmkit import exercises
    from crmkit.exercises._core import Question

    pkg = r.build_student_package(tmp_path / "pkg", graded=True)
    script = ("import json, sys, pandas as pd\nsys.path.insert(0, sys.argv[1])\nimport importlib, crmkit\n"
              "assert crmkit.__file__.startswith(sys.argv[1]), crmkit.__file__\nout = {}\n"
              f"for ch in {exercises.chapters()!r}:\n"
              "    m = importlib.import_module('crmkit.exercises.' + ch)\n"
              "    for k, v in vars(m).items():\n"
              "        if k.isupper() and not k.startswith('_'):\n"
              "            out[ch + '.' + k] = v.to_json() if hasattr(v, 'to_json') else repr(v)\n"
              "    qs = [v for v in vars(m).values() if type(v).__name__.endswith('Question')]\n"
              "    out[ch + '.graded'] = [bool(getattr(q, 'is_graded', False)) and not hasattr(q, 'expected')"
              " for q in qs]\n"
              "print(json.dumps(out))\n")
    run = subprocess.run([sys.executable, "-c", script, str(pkg)], capture_output=True, text=True, timeout=600,
                         cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    got = json.loads(run.stdout)
    for ch in exercises.chapters():
        import importlib

        m = importlib.import_module(f"crmkit.exercises.{ch}")
        for k, v in vars(m).items():
            if k.isupper() and not k.startswith("_") and not isinstance(v, Question) and not callable(v):
                want = v.to_json() if isinstance(v, (pd.DataFrame, pd.Series)) else repr(v)
                assert got[f"{ch}.{k}"] == want, f"{ch}.{k}"
        assert got[f"{ch}.graded"] == [True] * len(exercises.questions(ch)), ch


def _fresh_venv(tmp_path: Path) -> Path:
    """A new virtual environment with nothing of the course in it: it sees the course venv's
    third-party packages (numpy, pandas, jupyter ...) through a .pth line, so no network is needed,
    but not crmkit (the course's editable install is a .pth *inside* that folder, which a path line
    does not run). Returns its python."""
    import site
    import sys

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=300)
    py = venv / "bin" / "python"
    fresh_site = Path(subprocess.run([str(py), "-c", "import site; print(site.getsitepackages()[0])"],
                                     capture_output=True, text=True, check=True).stdout.strip())
    (fresh_site / "course_venv.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    return py


@pytest.mark.parametrize("mode", ["graded"])
def test_the_bundle_installs_and_runs_in_a_fresh_venv(tmp_path, mode, request):
    """Unzip the bundle, install its wheel into a fresh venv (pip --no-index: the wheel is all it
    needs), and run an exercise notebook top to bottom in that venv's kernel, outside the course.
    The graded bundle: its package is rebuilt from the questions' specs, the one a fresh install can break.
    The practice bundle's package is the course's own crmkit, whose exercise notebooks run unanswered in
    tests/test_exercise_notebooks.py; its wheel installs in test_the_wheel_installs_the_package_with_its_entry_point
    (the practice branch below stays, for a run with mode="practice")."""
    import json
    import sys

    z = (request.getfixturevalue("graded_bundle") if mode == "graded"
         else r.release(tmp_path / "rel", mode="practice", say=lambda _: None))
    with zipfile.ZipFile(z) as f:
        f.extractall(tmp_path / "student")
    bundle = tmp_path / "student" / z.stem
    py = _fresh_venv(tmp_path)
    wheel = next(bundle.glob("crmkit-*.whl"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CRMKIT_", "PYTHON", "PIP_", "VIRTUAL_ENV"))}
    env["PYTHONNOUSERSITE"] = "1"
    run = subprocess.run([sys.executable, "-m", "pip", "--isolated", "--python", str(py), "install", "--no-index",
                          "--no-deps", "--quiet", str(wheel)], capture_output=True, text=True, timeout=600, env=env)
    assert run.returncode == 0, run.stderr[-2000:]
    script = r'''
import json, sys, nbformat
from nbclient import NotebookClient
path = sys.argv[1]
nb = nbformat.read(path, as_version=4)
nb.cells.append(nbformat.v4.new_code_cell(
    "import crmkit, json\nfrom crmkit.exercises import ch00\n"
    "print(json.dumps({'file': crmkit.__file__, 'version': crmkit.__version__,"
    " 'graded': bool(getattr(ch00.q2, 'is_graded', False)), 'expected': hasattr(ch00.q2, 'expected'),"
    " 'form': str(ch00.q2.check(12.5)), 'solution': str(ch00.q2.solution())}))"))
NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": sys.argv[2]}}).execute()
errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
shown = [o.get("data", {}).get("text/plain", "") for c in nb.cells for o in c.get("outputs", [])]
print(json.dumps({"errors": [e.ename + ": " + e.evalue for e in errors], "shown": shown,
                  "last": nb.cells[-1].outputs[0]["text"]}))
'''
    ex = bundle / "exercises" / "ch00_taxi.ipynb"
    run = subprocess.run([str(py), "-c", script, str(ex), str(ex.parent)], capture_output=True, text=True,
                         timeout=900, env=env, cwd=ex.parent)
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["errors"] == []
    info = json.loads(result["last"])
    assert Path(info["file"]).is_relative_to(tmp_path / "venv"), info["file"]  # the wheel's crmkit, not the course's
    checks = [s for s in result["shown"] if s.startswith("Q")]
    assert checks and all("Not attempted" in s for s in checks)
    if mode == "graded":
        assert info["version"].endswith("+graded") and info["graded"] and not info["expected"]
        assert "withheld" in info["solution"]
        assert "right form" in info["form"] and "instructor grades" in info["form"], info["form"]
    else:
        assert info["version"] == "0.1.0" and info["expected"] and "✘" in info["form"]
