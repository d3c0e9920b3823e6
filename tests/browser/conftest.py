"""Real-browser tests: JupyterLab on localhost, driven by Playwright in Debian's Chromium.

One JupyterLab server and one browser for the whole session. Without Chromium or the
``playwright`` package the tests skip with a one-line reason, except under CI (``CI=true``),
where a missing browser is a failure. The browser is Debian's (``apt-get install chromium``),
never one downloaded by ``playwright install``; it runs headless with networking features off.

The server runs with autosave off and its own settings and workspace folders, so running the
chapters in the browser never writes to the notebooks (the tests check their hashes).
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parents[2]
#: The repository whose chapters are tested (default: this one). Another checkout of the course can be
#: given with CRMKIT_BROWSER_ROOT, e.g. to test a branch's notebooks without switching.
ROOT = Path(os.environ.get("CRMKIT_BROWSER_ROOT") or HERE).resolve()
CHROMIUM = os.environ.get("CRMKIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1366, "height": 768}
#: Outside the work tree, so a test run leaves it clean (CRMKIT_SCREENSHOTS to choose another folder).
SCREENSHOTS = Path(os.environ.get("CRMKIT_SCREENSHOTS") or Path(tempfile.gettempdir()) / "crmkit-screenshots")
TIMINGS: list[tuple[str, str, float]] = []  # (notebook, control, ms) for the summary


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives JupyterLab in a real (headless) Chromium")


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install playwright)"
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


def _require_browser():
    why = _missing()
    if why:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"browser tests under CI need Chromium and playwright: {why}", pytrace=False)
        pytest.skip(f"browser tests skipped: {why}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_settings(folder: Path) -> None:
    """User settings of the test server: no autosave, every cell rendered, no news or update pop-ups."""
    settings = {
        "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
            "fetchNews": "false", "checkForUpdates": False},
    }
    for rel, value in settings.items():
        p = folder / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(json.dumps(value), encoding="utf-8")


@pytest.fixture(scope="session")
def lab_url():
    """A JupyterLab server rooted at the repository, on a free localhost port, without a token."""
    _require_browser()
    tmp = Path(tempfile.mkdtemp(prefix="crmkit-lab-"))
    _write_settings(tmp / "settings")
    port = _free_port()
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
           "--ServerApp.token=", "--ServerApp.password=", f"--ServerApp.root_dir={ROOT}",
           f"--LabApp.user_settings_dir={tmp / 'settings'}", f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
           "--LabApp.news_url=", "--ServerApp.port_retries=0",
           f"--FileCheckpoints.checkpoint_dir={tmp / 'checkpoints'}"]  # not notebooks/.ipynb_checkpoints
    if hasattr(os, "getuid") and os.getuid() == 0:
        cmd.append("--allow-root")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    env["JUPYTER_RUNTIME_DIR"] = str(tmp / "runtime")
    log = open(tmp / "server.log", "w")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/status", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    tail = (tmp / "server.log").read_text(errors="replace")[-2000:]
                    pytest.fail(f"JupyterLab did not start:\n{tail}", pytrace=False)
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def playwright_session():
    """One Playwright per test process: its sync API refuses to start a second one while the first runs
    (the asyncio loop of the first is still running), so every browser of the session comes from this one."""
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@contextlib.contextmanager
def chromium(playwright, args):
    """The distribution's Chromium, launched by the session's Playwright, closed at the end."""
    b = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
    try:
        yield b
    finally:
        b.close()


@pytest.fixture(scope="session")
def browser(lab_url, playwright_session):
    with chromium(playwright_session, CHROMIUM_ARGS) as b:
        yield b


def lab_opener(url: str):
    """An opener for the test server's REST API, and the headers a DELETE needs. The server has no login
    token, so it asks a changing request for its XSRF token: the `_xsrf` cookie that its lab page sets
    (a DELETE without it is refused with 403)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{url}/lab", timeout=30).close()
    return opener, {"X-XSRFToken": {c.name: c.value for c in jar}.get("_xsrf", "")}


def _shutdown_kernels(url: str) -> None:
    """End every kernel session of the test server (one chapter's kernel at a time on 2 cores)."""
    try:
        opener, headers = lab_opener(url)
        with opener.open(f"{url}/api/sessions", timeout=10) as r:
            sessions = json.load(r)
        for s in sessions:
            req = urllib.request.Request(f"{url}/api/sessions/{s['id']}", method="DELETE", headers=headers)
            opener.open(req, timeout=20).close()
    except OSError:
        pass


@pytest.fixture()
def page(browser, lab_url):
    context = browser.new_context(viewport=VIEWPORT)
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    try:
        yield pg
    finally:
        context.close()
        _shutdown_kernels(lab_url)


def pytest_terminal_summary(terminalreporter):
    if TIMINGS:
        terminalreporter.write_sep("-", "widget response in the browser (control change -> new output)")
        for nb, control, ms in TIMINGS:
            terminalreporter.write_line(f"{nb:32s} {control:28s} {ms:7.0f} ms")
        terminalreporter.write_line(f"screenshots: {SCREENSHOTS}/")
