"""``crmkit release``: the student bundle holds the chapters, exercises and data, never a solution."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from crmkit import release as r

ROOT = Path(__file__).resolve().parents[1]


def _names(z: Path) -> list[str]:
    with zipfile.ZipFile(z) as f:
        return f.namelist()


def test_bundle_has_every_student_file_and_no_solution(tmp_path):
    z = r.release(tmp_path, name="b")
    names = _names(z)
    for folder in ("notebooks", "exercises", "datasets"):
        expected = {f"b/{p.relative_to(ROOT).as_posix()}" for p in (ROOT / folder).rglob("*")
                    if p.is_file() and ".ipynb_checkpoints" not in p.parts and "__pycache__" not in p.parts}
        assert expected and expected <= set(names)
    assert not any("/solutions/" in n or n.startswith("b/solutions") for n in names)
    assert "b/README.txt" in names
    assert {n.split("/")[1] for n in names} == {"README.txt", "notebooks", "exercises", "datasets"}
    with zipfile.ZipFile(z) as f:
        for n in names:
            if n.endswith(".ipynb"):
                assert "# BEGIN SOLUTION" not in f.read(n).decode("utf-8"), n
    assert (tmp_path / "b" / "exercises" / "ch00_taxi.ipynb").read_bytes() == \
        (ROOT / "exercises" / "ch00_taxi.ipynb").read_bytes()


def test_refuses_to_overwrite_without_force(tmp_path, capsys):
    z = r.release(tmp_path, name="b")
    edited = tmp_path / "b" / "exercises" / "ch00_taxi.ipynb"
    edited.write_text("a student's work", encoding="utf-8")
    with pytest.raises(r.ReleaseError, match="--force"):
        r.release(tmp_path, name="b")
    assert edited.read_text(encoding="utf-8") == "a student's work"  # untouched
    assert r.main(["--out", str(tmp_path), "--name", "b"]) == 1
    assert "already exist" in capsys.readouterr().err
    # the zip alone also blocks
    other = tmp_path / "other"
    other.mkdir()
    (other / "b.zip").write_bytes(b"old")
    with pytest.raises(r.ReleaseError):
        r.release(other, name="b")
    assert (other / "b.zip").read_bytes() == b"old"
    # --force replaces both
    assert r.main(["--out", str(tmp_path), "--name", "b", "--force"]) == 0
    assert edited.read_bytes() == (ROOT / "exercises" / "ch00_taxi.ipynb").read_bytes()
    assert zipfile.ZipFile(z).testzip() is None


def test_zip_is_reproducible(tmp_path):
    a = r.release(tmp_path / "1", name="b").read_bytes()
    b = r.release(tmp_path / "2", name="b").read_bytes()
    assert a == b


def test_refuses_a_leaked_solution(tmp_path):
    fake = tmp_path / "repo"
    for folder in r.FOLDERS:
        (fake / folder).mkdir(parents=True)
    (fake / "datasets" / "x.csv").write_text("a\n1\n", encoding="utf-8")
    (fake / "notebooks" / "01_x.ipynb").write_text("{}", encoding="utf-8")
    (fake / "exercises" / "ch01_x.ipynb").write_text('{"source": "# BEGIN SOLUTION\\nx = 1"}', encoding="utf-8")
    with pytest.raises(r.ReleaseError, match="ch01_x"):
        r.release(tmp_path / "out", root=fake)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
