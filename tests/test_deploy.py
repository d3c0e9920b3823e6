"""The two hub configurations of deploy/ agree, without helm or a cluster: the z2jh values parse, name the
single-user image built from this repository, and hold the settings of the one-machine hub
(deploy/jupyterhub_config.py): default URL, culling, memory and CPU limits, the course's lab settings and
server extension, the authenticator."""

from __future__ import annotations

import json
import re
import sys
import types

import pytest
import yaml
from traitlets.config.loader import PyFileConfigLoader

from crmkit import hub

from .conftest import ROOT

DEPLOY = ROOT / "deploy"


@pytest.fixture(scope="module")
def values():
    return yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text(encoding="utf-8"))


def _load(monkeypatch, tmp_path, **env):
    for key in [k for k in list(__import__("os").environ) if k.startswith("CRMKIT_HUB_")]:
        monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    # NativeAuthenticator lives in the hub's image, not in the course's environment: a stand-in module
    # gives the configuration the templates folder it asks for.
    fake = types.ModuleType("nativeauthenticator")
    fake.__file__ = str(tmp_path / "nativeauthenticator" / "__init__.py")
    monkeypatch.setitem(sys.modules, "nativeauthenticator", fake)
    monkeypatch.chdir(tmp_path)  # the hub's own files (database, cookie secret) go where it is started
    return PyFileConfigLoader("jupyterhub_config.py", str(DEPLOY)).load_config()


@pytest.fixture
def one_machine(monkeypatch, tmp_path):
    return _load(monkeypatch, tmp_path)


def test_values_name_the_image_built_by_repo2docker(values):
    text = (DEPLOY / "z2jh" / "values.yaml").read_text(encoding="utf-8")
    image = values["singleuser"]["image"]
    assert image["name"] and image["tag"] and not str(image["tag"]).startswith("latest")
    # the build command names the image and builds this repository (.)
    build = re.search(r"repo2docker .*--image-name (\S+) \.$", text, flags=re.M)
    assert build and build.group(1) == f"{image['name']}:{image['tag']}"
    assert values["singleuser"]["cmd"] == "jupyterhub-singleuser"


def test_both_configurations_agree(values, one_machine):
    c, s = one_machine, values["singleuser"]
    assert c.Spawner.default_url == s["defaultUrl"] == f"/lab/tree/{hub.FOLDER}/{hub.START}"
    assert (c.Spawner.mem_limit, c.Spawner.mem_guarantee) == (s["memory"]["limit"], s["memory"]["guarantee"])
    assert (c.Spawner.cpu_limit, c.Spawner.cpu_guarantee) == (s["cpu"]["limit"], s["cpu"]["guarantee"])
    culler = next(x for x in c.JupyterHub.services if x["name"] == "jupyterhub-idle-culler")
    flags = dict(a.removeprefix("--").split("=") for a in culler["command"] if a.startswith("--"))
    assert values["cull"]["enabled"] is True
    assert (int(flags["timeout"]), int(flags["cull-every"])) == (values["cull"]["timeout"], values["cull"]["every"])
    assert {k: s["extraEnv"][k] for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")} == {
        k: c.Spawner.environment[k] for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")}
    # the same authenticator and its settings
    assert c.JupyterHub.authenticator_class == values["hub"]["config"]["JupyterHub"]["authenticator_class"]
    for key, value in values["hub"]["config"]["NativeAuthenticator"].items():
        assert c.NativeAuthenticator[key] == value, key
    # the course's lab settings and server extension: the repository's files, in both
    settings = json.loads((ROOT / "jupyterlab-settings" / "overrides.json").read_text(encoding="utf-8"))
    server = json.loads((ROOT / "jupyterlab-settings" / "jupyter_server_config.d" / "crmkit.json").read_text())
    assert s["extraFiles"]["lab-overrides"]["data"] == settings
    assert s["extraFiles"]["lab-overrides"]["mountPath"].endswith("/share/jupyter/lab/settings/overrides.json")
    assert s["extraFiles"]["crmkit-server-extension"]["data"] == server
    settings_dir = next(a for a in c.Spawner.args if a.startswith("--LabApp.app_settings_dir="))
    assert settings_dir.endswith("jupyterlab-settings")
    assert c.Spawner.environment["JUPYTER_CONFIG_PATH"].endswith("jupyterlab-settings")
    # every start pulls the course into the folder the default URL opens
    hook = s["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert hook[0] == "gitpuller" and hook[-1] == hub.FOLDER


def test_profiles_for_students_and_instructors(values):
    profiles = {p["slug"]: p for p in values["singleuser"]["profileList"]}
    assert set(profiles) == {"student", "instructor"}
    assert profiles["student"].get("default") is True and "kubespawner_override" not in profiles["student"]
    more = profiles["instructor"]["kubespawner_override"]
    assert more["cpu_limit"] > values["singleuser"]["cpu"]["limit"]
    assert int(more["mem_limit"].rstrip("G")) > int(values["singleuser"]["memory"]["limit"].rstrip("G"))
    for p in profiles.values():  # what a person reads is in English and Chinese
        assert re.search(r"[\u4e00-\u9fff]", p["display_name"]) and re.search(r"[\u4e00-\u9fff]", p["description"])


def test_the_authenticator_is_chosen_by_an_environment_variable(monkeypatch, tmp_path):
    lti = _load(monkeypatch, tmp_path, CRMKIT_HUB_AUTH="lti", CRMKIT_HUB_LTI_CLIENT_ID="abc")
    assert lti.JupyterHub.authenticator_class.startswith("ltiauthenticator.lti13")
    assert lti.LTI13Authenticator.client_id == ["abc"]
    dummy = _load(monkeypatch, tmp_path, CRMKIT_HUB_AUTH="dummy", CRMKIT_HUB_IP="127.0.0.1")
    assert dummy.JupyterHub.authenticator_class == "dummy"
    with pytest.raises(SystemExit, match="127.0.0.1"):  # anyone-may-enter only on loopback
        _load(monkeypatch, tmp_path, CRMKIT_HUB_AUTH="dummy", CRMKIT_HUB_IP="0.0.0.0")
    with pytest.raises(SystemExit, match="native, lti or dummy"):
        _load(monkeypatch, tmp_path, CRMKIT_HUB_AUTH="github")


def test_a_course_repository_makes_every_login_pull_it(monkeypatch, tmp_path):
    c = _load(monkeypatch, tmp_path, CRMKIT_HUB_REPO="https://github.com/acme/crm-course", CRMKIT_HUB_BRANCH="week2")
    assert c.Spawner.default_url == "/" + hub.git_pull_path("https://github.com/acme/crm-course", branch="week2")
    assert "urlpath=lab%2Ftree%2Fcrm-course%2Fnotebooks%2F00_start_here.ipynb" in c.Spawner.default_url


def test_the_readme_of_deploy_is_in_both_languages():
    en = (DEPLOY / "README.md").read_text(encoding="utf-8")
    zh = (DEPLOY / "README.zh.md").read_text(encoding="utf-8")
    for command in ("crmkit hub-link", "repo2docker", "CRMKIT_HUB_AUTH", "make bench-hub", "helm upgrade"):
        assert command in en and command in zh, command
    assert len(re.findall(r"[\u4e00-\u9fff]", zh)) > 500
