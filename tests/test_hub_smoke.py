"""A real JupyterHub from deploy/jupyterhub_config.py, here: two students sign in, their servers start from the
course's environment, the start page opens through the proxy, and chapter 00 runs in a kernel through the
proxy. Then everything stops, and no process or file is left.

Loopback only, free ports, the dummy authenticator, every file in a temporary folder (crmkit._hubrun). Needs
Node.js and configurable-http-proxy (`make test` installs it with `make hub-proxy`); skips with one line
without them. One test, one hub: the file runs whole on one pytest-xdist worker (--dist loadfile), beside
the others."""

from __future__ import annotations

import json
import time

import pytest

from crmkit import _hubrun

from .conftest import ROOT

WHY = _hubrun.missing()
pytestmark = pytest.mark.skipif(WHY is not None, reason=f"no hub here: {WHY}")


def test_two_students_on_a_real_hub_run_chapter_00_through_the_proxy():
    import psutil

    t0 = time.monotonic()
    hub = _hubrun.Hub(notebooks=("00_start_here.ipynb", "00_taxi_driver.ipynb"))
    hub.start()
    folder = hub.dir
    try:
        started = [hub.proc.pid]
        for user in ("alice", "bob"):
            hub.login(user)  # the login form: the authenticator creates the student
        users = {u["name"] for u in hub.api("GET", "users").json()}
        assert {"alice", "bob"} <= users
        # both servers start at once, as a class does
        for user in ("alice", "bob"):
            assert hub.api("POST", f"users/{user}/server").status_code in (201, 202)
        for user in ("alice", "bob"):
            hub.spawn(user)

        start = "lab/tree/crm-course/notebooks/00_start_here.ipynb"
        # the server's default URL is the course's start page (the same as the z2jh values: test_deploy)
        r = hub.server("alice", "", allow_redirects=False)
        assert r.status_code == 302 and r.headers["Location"].rstrip("?").endswith("/user/alice/" + start), r.headers
        page = hub.server("alice", start)
        assert page.status_code == 200 and "JupyterLab" in page.text
        served = hub.server("alice", "api/contents/crm-course/notebooks/00_start_here.ipynb").json()
        ours = json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8"))
        assert served["type"] == "notebook"
        assert served["content"]["cells"][0]["source"] == "".join(ours["cells"][0]["source"])
        # the course's server extension (the kit's Chinese web font) and lab settings (no news pop-up)
        css = hub.server("bob", "custom/custom.css")
        assert css.status_code == 200 and "Crmkit Sans SC" in css.text
        news = hub.server("bob", "lab/api/settings/@jupyterlab/apputils-extension:notification").json()
        assert news["schema"]["properties"]["fetchNews"]["default"] == "false"

        # chapter 00, every code cell in alice's kernel, through the proxy's websocket
        kernel = _hubrun.Kernel(hub, "alice")
        times = kernel.run_notebook(ROOT / "notebooks" / "00_taxi_driver.ipynb")
        assert len(times) == 11
        models = {s.get("_model_name") for s in kernel.comms.values()}
        assert {"FloatSliderModel", "DropdownModel"} & models, models  # the chapter's widget came up
        # bob's server is rooted in his own home: his course folder, nothing of alice's
        home = hub.server("bob", "api/contents/").json()
        assert [x["name"] for x in home["content"] if not x["name"].startswith(".")] == ["crm-course"]
        assert hub.server("bob", "api/contents/crm-course/notebooks/00_taxi_driver.ipynb").status_code == 200
        assert hub.api("GET", "users/bob").json()["servers"][""]["url"] == "/user/bob/"
        hub._remember()
        started += list(hub._started)
        assert len(started) >= 6  # the hub, its proxy, the culler, two servers, alice's kernel
        kernel.close()
    finally:
        hub.stop()
    # nothing left: no process the hub started, no file
    assert not [p for p in started if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE]
    assert not folder.exists()
    print(f"hub smoke test: {time.monotonic() - t0:.1f} s")
