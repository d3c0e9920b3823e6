"""``crmkit release``: the student bundle is built from the source (never the working copy), runs on
its own, holds no solution, and the command never deletes or overwrites what it did not make.

Every case runs on a temporary copy of the course (hashes of the copy compared before and after)."""

from __future__ import annotations

import hashlib
import os
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
                                               "environment.yml", "crmkit-0.1.0-py3-none-any.whl"}
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
