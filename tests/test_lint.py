"""ruff (pyflakes, pycodestyle, import order) over the repository, with the rules of pyproject.toml."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def _ruff(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise",
                           *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing():
    run = _ruff(".")
    assert run.returncode == 0, (
        "ruff check found problems; most are fixed by `ruff check --fix`:\n" + run.stdout + run.stderr)


def test_the_lint_rules_catch_what_they_should(tmp_path):
    """The check above can fail: the project's configuration, on a planted file, reports an unused
    import, imports out of order, an undefined name and trailing white space."""
    bad = tmp_path / "planted.py"
    bad.write_text("import sys\nimport os\n\n\ndef f():\n    return undefined_name \n", encoding="utf-8")
    run = _ruff("--config", str(ROOT / "pyproject.toml"), str(bad), cwd=tmp_path)
    assert run.returncode == 1, run.stdout + run.stderr
    for code in ("F401", "I001", "F821", "W291"):
        assert code in run.stdout, f"{code} not reported:\n{run.stdout}"
