"""A real JupyterHub from ``deploy/jupyterhub_config.py``, started on loopback in a temporary folder, and
simulated students who use it: the hub smoke test (``tests/test_hub_smoke.py``) and the load test
(``benchmarks/hub_load.py``) share this. Not part of the course's API.

:class:`Hub` starts ``jupyterhub`` with the dummy authenticator on free loopback ports, each student's home
in the temporary folder, and configurable-http-proxy from ``make hub-proxy``; :meth:`Hub.stop` stops the hub,
then ends any process it started that is still alive, and removes the folder. :class:`Kernel` talks to a
kernel of a student's server through the proxy: the Jupyter server's REST API starts it, its websocket
carries the kernel protocol (``execute_request``, ``comm_msg``), as JupyterLab does.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "deploy" / "jupyterhub_config.py"
LOCAL_PROXY = ROOT / ".venv" / "hub-proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
COURSE = "crm-course"


class HubError(RuntimeError):
    """The hub, a server or a kernel did not do what a student needs."""


def find_proxy() -> Path | None:
    """configurable-http-proxy: the project's own (``make hub-proxy``), else one on PATH, else None."""
    if LOCAL_PROXY.exists():
        return LOCAL_PROXY
    found = shutil.which("configurable-http-proxy")
    return Path(found) if found else None


def missing() -> str | None:
    """Why a hub cannot start here (one line), or None."""
    try:
        import jupyterhub  # noqa: F401
        import requests  # noqa: F401
        import websocket  # noqa: F401
    except ImportError as exc:
        return f"{exc.name} is not installed (make install installs the hub's packages)"
    if shutil.which("node") is None:
        return "Node.js is not installed: configurable-http-proxy, the hub's proxy, needs it"
    if find_proxy() is None:
        return "configurable-http-proxy is not installed (make hub-proxy installs it from the npm registry)"
    return None


def _free_ports(n: int) -> list[int]:
    socks = []
    try:
        for _ in range(n):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


class Hub:
    """A JupyterHub on loopback, its files and every student's home in one temporary folder."""

    def __init__(self, *, notebooks=("00_start_here.ipynb",), python: str = sys.executable):
        self.notebooks = tuple(notebooks)
        self.python = python
        self.token = secrets.token_hex(32)
        self.dir: Path | None = None
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self._started: dict[int, object] = {}
        self._lock = threading.Lock()  # the load test's students call spawn() and memory() from threads

    # -- starting and stopping ------------------------------------------------------------------
    def start(self, timeout: float = 120) -> "Hub":
        import requests

        proxy = find_proxy()
        if proxy is None:
            raise HubError("configurable-http-proxy is not installed (make hub-proxy)")
        self.dir = Path(tempfile.mkdtemp(prefix="crmkit-hub-"))
        self.port, api_port, proxy_api_port = _free_ports(3)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CRMKIT_HUB_", "JUPYTERHUB_"))}
        env.update(CRMKIT_HUB_AUTH="dummy", CRMKIT_HUB_IP="127.0.0.1", CRMKIT_HUB_PORT=str(self.port),
                   CRMKIT_HUB_API_PORT=str(api_port), CRMKIT_HUB_PROXY_API_PORT=str(proxy_api_port),
                   CRMKIT_HUB_HOMES=str(self.dir / "homes" / "{username}"), CRMKIT_HUB_TEST_TOKEN=self.token,
                   MPLCONFIGDIR=os.environ.get("MPLCONFIGDIR") or str(self.dir / "matplotlib"),
                   PATH=f"{proxy.parent}{os.pathsep}{env.get('PATH', '')}")
        self._log = open(self.dir / "hub.log", "wb")
        self.proc = subprocess.Popen([self.python, "-m", "jupyterhub", "-f", str(CONFIG)], cwd=self.dir, env=env,
                                     stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise HubError(f"the hub exited with code {self.proc.returncode}:\n{self.log_tail()}")
            try:
                if requests.get(f"{self.url}/hub/api/", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            self._remember()
            time.sleep(0.2)
        raise HubError(f"the hub did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join((self.dir / "hub.log").read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def _remember(self) -> None:
        """Note every process the hub started (proxy, culler, servers, kernels) so stop() can end them."""
        import psutil

        with self._lock:
            try:
                for p in psutil.Process(self.proc.pid).children(recursive=True):
                    self._started.setdefault(p.pid, p)
            except psutil.Error:
                pass
            for pid in [pid for pid, p in self._started.items() if not p.is_running()]:
                del self._started[pid]

    def stop(self) -> None:
        """Stop the hub (it stops the students' servers and the proxy), end what is left of the processes it
        started, and remove the temporary folder."""
        import psutil

        if self.proc is not None:
            self._remember()
            # the students' servers first, all at once (SIGTERM: a Jupyter server shuts its kernels down
            # and exits; the hub would stop them one by one, each after an interrupt and a wait). A server
            # still shutting its extensions down after 3 s is killed, with its kernels (below).
            servers = []
            for p in self._started.values():
                try:
                    if p.is_running() and "jupyterhub.singleuser" in " ".join(p.cmdline()):
                        p.terminate()
                        servers.append(p)
                except psutil.Error:
                    pass
            for p in psutil.wait_procs(servers, timeout=3)[1]:
                try:
                    p.kill()
                except psutil.Error:
                    pass
            if self.proc.poll() is None:
                self.proc.send_signal(signal.SIGTERM)
                try:
                    self.proc.wait(30)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait(10)
            left = [p for p in self._started.values() if p.is_running()]
            for p in left:
                try:
                    p.terminate()
                except psutil.Error:
                    pass
            gone, alive = psutil.wait_procs(left, timeout=5)
            for p in alive:
                try:
                    p.kill()
                except psutil.Error:
                    pass
            self.proc = None
        if getattr(self, "_log", None):
            self._log.close()
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)  # the folder start() made
            self.dir = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- the hub's REST API (the driver's service token) ---------------------------------------
    def api(self, method: str, path: str, **kw):
        import requests

        r = requests.request(method, f"{self.url}/hub/api/{path}", headers=self.auth, timeout=30, **kw)
        return r

    @property
    def auth(self) -> dict:
        return {"Authorization": f"token {self.token}"}

    def prepare_home(self, user: str) -> Path:
        """The student's home with the course's notebooks in ``crm-course/notebooks`` (what an nbgitpuller
        link leaves there; the pull itself is tested in tests/test_hub_links.py)."""
        home = self.dir / "homes" / user / COURSE / "notebooks"
        home.mkdir(parents=True, exist_ok=True)
        for name in self.notebooks:
            shutil.copyfile(ROOT / "notebooks" / name, home / name)
        return home.parent.parent

    def login(self, user: str):
        """Sign in through the hub's login form (the dummy authenticator) as a student would; the session."""
        import requests

        s = requests.Session()
        s.get(f"{self.url}/hub/login", timeout=30)
        r = s.post(f"{self.url}/hub/login", data={"username": user, "password": "x",
                                                   "_xsrf": s.cookies.get("_xsrf", "")},
                   allow_redirects=False, timeout=60)
        if r.status_code != 302:
            raise HubError(f"{user} could not sign in: HTTP {r.status_code}")
        return s

    def spawn(self, user: str, timeout: float = 120) -> float:
        """Start the student's server through the REST API and wait until it is ready; seconds taken."""
        self.prepare_home(user)
        t0 = time.monotonic()
        r = self.api("POST", f"users/{user}/server")
        if r.status_code not in (201, 202, 400):  # 400: already running
            raise HubError(f"starting {user}'s server: HTTP {r.status_code} {r.text[:200]}")
        while time.monotonic() - t0 < timeout:
            info = self.api("GET", f"users/{user}").json()
            server = (info.get("servers") or {}).get("")
            if server and server.get("ready"):
                self._remember()
                return time.monotonic() - t0
            if not server and time.monotonic() - t0 > 5:
                raise HubError(f"{user}'s server stopped while starting:\n{self.log_tail()}")
            time.sleep(0.25)
        raise HubError(f"{user}'s server was not ready within {timeout:.0f} s")

    def server(self, user: str, path: str = "", **kw):
        """A request to the student's server through the proxy."""
        import requests

        kw.setdefault("timeout", 60)
        return requests.get(f"{self.url}/user/{user}/{path}", headers=self.auth, **kw)

    def memory(self) -> dict[str, int]:
        """Resident memory (bytes) of each student's server and its kernels, by user name."""
        import psutil

        self._remember()
        out: dict[str, int] = {}
        with self._lock:
            procs = list(self._started.values())
        for p in procs:
            try:
                if not p.is_running() or "jupyterhub.singleuser" not in " ".join(p.cmdline()):
                    continue
                user = p.environ().get("JUPYTERHUB_USER", "?")
                rss = p.memory_info().rss + sum(c.memory_info().rss for c in p.children(recursive=True))
                out[user] = out.get(user, 0) + rss
            except psutil.Error:
                continue
        return out


def _decode(frame) -> dict:
    """A websocket frame of the Jupyter server: JSON text, or (a message with buffers, e.g. a widget's) the
    binary form: the number of parts, their offsets, then the JSON and the buffers."""
    if isinstance(frame, str):
        return json.loads(frame)
    import struct

    (nbufs,) = struct.unpack("!I", frame[:4])
    offsets = struct.unpack("!" + "I" * nbufs, frame[4:4 * (nbufs + 1)])
    end = offsets[1] if nbufs > 1 else len(frame)
    return json.loads(frame[offsets[0]:end].decode("utf-8"))


class Kernel:
    """A kernel of a student's server, driven through the proxy: REST to start it, the websocket for the
    kernel protocol (the JSON form JupyterLab uses)."""

    def __init__(self, hub: Hub, user: str, *, path: str = f"{COURSE}/notebooks", timeout: float = 120):
        import websocket

        self.hub, self.user, self.timeout = hub, user, timeout
        import requests

        base = f"{hub.url}/user/{user}/api"
        r = requests.post(f"{base}/kernels", headers=hub.auth, json={"name": "python3", "path": path},
                          timeout=timeout)
        if r.status_code != 201:
            raise HubError(f"{user}: starting a kernel: HTTP {r.status_code} {r.text[:200]}")
        self.id = r.json()["id"]
        self.session = uuid.uuid4().hex
        ws_url = f"ws://127.0.0.1:{hub.port}/user/{user}/api/kernels/{self.id}/channels?session_id={self.session}"
        self.ws = websocket.create_connection(ws_url, header=[f"Authorization: token {hub.token}"], timeout=timeout)
        self.comms: dict[str, dict] = {}  # widget models the kernel opened: comm id -> state
        self.request("shell", "kernel_info_request", {})

    def _send(self, channel: str, msg_type: str, content: dict) -> str:
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "username": self.user, "session": self.session, "msg_type": msg_type,
                  "version": "5.3", "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        self.ws.send(json.dumps({"header": header, "parent_header": {}, "metadata": {}, "content": content,
                                 "channel": channel, "buffers": []}))
        return msg_id

    def request(self, channel: str, msg_type: str, content: dict, *, reply: bool = True) -> tuple[dict, list, float]:
        """Send one message; wait for the kernel to go idle on it (and for its reply). Returns the reply's
        content (or {}), the iopub messages it caused, and the seconds from sending to idle."""
        t0 = time.monotonic()
        msg_id = self._send(channel, msg_type, content)
        got_reply, idle, out, answer = not reply, False, [], {}
        deadline = t0 + self.timeout
        while not (got_reply and idle):
            if time.monotonic() > deadline:
                raise HubError(f"{self.user}: no answer to {msg_type} within {self.timeout:.0f} s")
            msg = _decode(self.ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["header"]["msg_type"]
            if msg["channel"] == "iopub":
                if kind == "status" and msg["content"]["execution_state"] == "idle":
                    idle = True
                else:
                    out.append(msg)
                    if kind == "comm_open":
                        self.comms[msg["content"]["comm_id"]] = msg["content"]["data"].get("state", {})
            elif msg["channel"] == "shell" and kind.endswith("_reply"):
                got_reply, answer = True, msg["content"]
        return answer, out, time.monotonic() - t0

    def execute(self, code: str) -> tuple[list, float]:
        """Run code; raise HubError on an error. The iopub messages and the seconds it took."""
        reply, out, took = self.request("shell", "execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False,
            "stop_on_error": True})
        if reply.get("status") != "ok":
            raise HubError(f"{self.user}: a cell failed: {reply.get('ename')}: {reply.get('evalue')}")
        return out, took

    def run_notebook(self, path: Path) -> list[float]:
        """Run every code cell of a notebook in order; the seconds each took."""
        cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
        return [self.execute("".join(c["source"]))[1] for c in cells if c["cell_type"] == "code"]

    def widget_change(self, comm_id: str, state: dict) -> float:
        """Change a widget control as the browser does (a comm message ``update``); seconds until the kernel
        has redrawn (idle)."""
        _, _, took = self.request("shell", "comm_msg", {"comm_id": comm_id, "data": {
            "method": "update", "state": state, "buffer_paths": []}}, reply=False)
        return took

    def close(self) -> None:
        import requests

        try:
            self.ws.close()
        finally:
            requests.delete(f"{self.hub.url}/user/{self.user}/api/kernels/{self.id}", headers=self.hub.auth,
                            timeout=30)
