"""`make lab` opens the whole course: the server is rooted at the repository and opens on the start
page at Binder's URL shape, and the course's JupyterLab settings (no news pop-up) are installed by
`make install` and by Binder's postBuild, with keys that the installed JupyterLab knows."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, fake_venv

SETTINGS = ROOT / "jupyterlab-settings" / "overrides.json"
needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")

@needs_make
def test_make_install_puts_the_lab_settings_in_the_environment(tmp_path):
    venv = fake_venv(tmp_path)
    out = subprocess.run(["make", "-C", str(ROOT), "install", f"VENV={venv}"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    installed = venv / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert installed.read_bytes() == SETTINGS.read_bytes()


@needs_make
def test_make_lab_roots_the_server_at_the_repository_and_opens_the_start_page(tmp_path):
    venv = fake_venv(tmp_path)
    out = subprocess.run(["make", "-C", str(ROOT), "-n", "lab", f"VENV={venv}", "LAB_ARGS=--no-browser"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    command = next(ln for ln in out.stdout.splitlines() if "jupyter lab" in ln)
    assert "--ServerApp.root_dir=." in command.split()
    url = re.search(r"--LabApp\.default_url=(\S+)", command).group(1)
    assert url.startswith("/lab/tree/")  # the URL shape of the Binder link
    assert (ROOT / url.removeprefix("/lab/tree/")).is_file()
    assert command.rstrip().endswith("--no-browser")  # LAB_ARGS come last, so they can override


def test_binder_installs_the_same_settings_file():
    post = (ROOT / "postBuild").read_text()
    copy = next(ln for ln in post.splitlines() if ln.strip().startswith("cp "))
    assert "jupyterlab-settings/overrides.json" in copy
    assert "share/jupyter/lab/settings" in post and "sys.prefix" in post


def _schema(plugin_id: str) -> dict:
    import jupyterlab

    package, plugin = plugin_id.split(":")
    candidates = [Path(jupyterlab.__file__).parent / "schemas", Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"]
    for base in candidates:
        path = base / package / f"{plugin}.json"
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    pytest.fail(f"no schema for {plugin_id} in the installed JupyterLab")


def test_the_settings_are_known_to_the_installed_jupyterlab():
    overrides = json.loads(SETTINGS.read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    for plugin_id, values in overrides.items():
        props = _schema(plugin_id)["properties"]
        for key, value in values.items():
            assert key in props, f"{plugin_id}: JupyterLab has no setting {key!r}"
            spec = props[key]
            if "oneOf" in spec:
                assert value in [o["const"] for o in spec["oneOf"]], (plugin_id, key, value)
            else:
                assert isinstance(value, {"boolean": bool, "string": str}[spec["type"]]), (plugin_id, key, value)
