"""The project's own files install everything: pyproject.toml and environment.yml agree, and the
README's two commands are what CI runs."""

from __future__ import annotations

import re
import subprocess
import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .conftest import ROOT

CONDA_NAMES = {"matplotlib-base": "matplotlib"}


def _req(spec: str) -> tuple[str, str]:
    m = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*>=\s*([0-9.]+)\s*", spec)
    assert m, f"dependency without a lower bound: {spec!r}"
    return m.group(1).lower(), m.group(2)


def test_environment_yml_agrees_with_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(_req(s) for s in project["dependencies"] + project["optional-dependencies"]["test"])
    lines = (ROOT / "environment.yml").read_text().splitlines()
    deps = [ln.strip()[2:] for ln in lines if re.match(r"^\s+- ", ln)]
    conda = {}
    for d in deps:
        if d in ("conda-forge", "pip", "pip:"):
            continue
        name, low = _req(d)
        conda[CONDA_NAMES.get(name, name)] = low
    python = conda.pop("python")
    assert python == project["requires-python"].removeprefix(">=")
    assert conda == wanted


def test_constraints_pin_every_dependency_at_or_above_its_lower_bound():
    """make test and make lab install with constraints.txt: each dependency is pinned there, to a version
    that satisfies pyproject.toml's lower bound."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(_req(s) for s in project["dependencies"] + project["optional-dependencies"]["test"])
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[re.sub(r"[-_.]+", "-", name.strip().lower())] = version.strip()

    def as_tuple(version):
        return tuple(int(p) for p in re.findall(r"\d+", version)[:3])

    for name, low in wanted.items():
        key = re.sub(r"[-_.]+", "-", name)
        assert key in pins, f"{name} is a dependency but constraints.txt does not pin it"
        assert as_tuple(pins[key]) >= as_tuple(low), f"constraints.txt pins {name}=={pins[key]}, below >={low}"


def test_readme_has_the_two_commands_and_ci_runs_the_second():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make lab" in readme and "make test" in readme
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, flags=re.M)


def test_binder_files():
    post = (ROOT / "postBuild").read_text()
    assert "set -e" in post and "pip install" in post
    assert "fonts-noto-cjk" in (ROOT / "apt.txt").read_text()
    assert not (ROOT / "binder").exists(), "a binder/ folder would make repo2docker ignore the root files"


def test_no_machine_paths_in_tracked_files():
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    bad = []
    for f in files:
        path = ROOT / f
        if path.suffix in (".csv",) or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        if re.search(r"/(work|root|home|Users|tmp)/[A-Za-z]", text) and f != "tests/test_packaging.py":
            bad.append(f)
    assert bad == []


def test_the_crmkit_command(capsys):
    from crmkit.__main__ import main

    assert main(["version"]) == 0 and capsys.readouterr().out.strip() == "0.1.0"
    assert main(["list"]) == 0 and "retail_transactions" in capsys.readouterr().out
    assert main(["exercises", "--check"]) == 0
    assert main(["nonsense"]) == 2
