# The course on one machine: a JupyterHub whose single-user servers run the course's own environment.
# deploy/README.md (English) and deploy/README.zh.md (中文) explain the choices.
#
#   .venv/bin/jupyterhub -f deploy/jupyterhub_config.py          # from the repository, after make install
#
# Everything a class changes is an environment variable (the defaults are a class of students):
#   CRMKIT_HUB_AUTH       native (default: students sign up, the instructor approves), lti (an LMS such as
#                         Moodle or Canvas launches the hub, LTI 1.3), dummy (tests only: any name, loopback only)
#   CRMKIT_HUB_ADMINS     instructors' user names, comma-separated (hub admins)
#   CRMKIT_HUB_REPO       the course repository students pull (nbgitpuller); unset: homes hold the course already
#   CRMKIT_HUB_BRANCH     its branch (default main)
#   CRMKIT_HUB_HOMES      where each student's home is made (default: ./homes/{username} beside the hub's files)
#   CRMKIT_HUB_IP, CRMKIT_HUB_PORT, CRMKIT_HUB_API_PORT, CRMKIT_HUB_PROXY_API_PORT   addresses (tests: 127.0.0.1)
#   CRMKIT_HUB_LTI_CLIENT_ID, CRMKIT_HUB_LTI_ISSUER, CRMKIT_HUB_LTI_AUTHORIZE_URL, CRMKIT_HUB_LTI_JWKS_URL  (lti)
# The numbers below (memory, CPU, culling, default URL) are the same in deploy/z2jh/values.yaml;
# tests/test_deploy.py keeps the two in agreement.
import os
import secrets
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))  # crmkit.hub: the nbgitpuller address, the same as `crmkit hub-link`
from crmkit.hub import FOLDER, START, git_pull_path  # noqa: E402

c = get_config()  # noqa: F821 - JupyterHub's configuration object

# -- the numbers a class is sized by (README: "Teaching a class on a hub") ---------------------------
MEM_LIMIT = "2G"        # a student's server and kernels: chapter 04 with its widget peaks at 0.57 GB (hub_load.py)
MEM_GUARANTEE = "512M"
CPU_LIMIT = 1.0         # one core at most per student
CPU_GUARANTEE = 0.05
CULL_TIMEOUT = 3600     # seconds idle before a student's server is stopped (their files stay)
CULL_EVERY = 300        # how often the culler looks
DEFAULT_URL = f"/lab/tree/{FOLDER}/{START}"   # the start page, inside the course folder of the home

env = os.environ.get
auth = env("CRMKIT_HUB_AUTH", "native").strip().lower()
services, roles = [], []  # the hub's services (the idle culler; the tests' driver) and their roles
admins = {a.strip() for a in env("CRMKIT_HUB_ADMINS", "").split(",") if a.strip()}

# -- addresses ----------------------------------------------------------------------------------------
c.JupyterHub.ip = env("CRMKIT_HUB_IP", "")                 # all interfaces; the tests say 127.0.0.1
c.JupyterHub.port = int(env("CRMKIT_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env("CRMKIT_HUB_API_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{int(env('CRMKIT_HUB_PROXY_API_PORT', '8001'))}"
# configurable-http-proxy from the npm registry, installed by `make hub-proxy` beside the environment
# (never globally); elsewhere (TLJH, a conda environment) the one on PATH.
_chp = REPO_ROOT / ".venv" / "hub-proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
if _chp.exists():
    c.ConfigurableHTTPProxy.command = [str(_chp)]

# -- the single-user server: the course's environment ------------------------------------------------
# SimpleLocalProcessSpawner runs every student's server as the hub's own system user, each in a home of
# its own: no sudo, no system accounts, which suits a test and a small trusted class. It does NOT isolate
# students from each other and does NOT enforce mem_limit / cpu_limit (it only passes them on as
# MEM_LIMIT / CPU_LIMIT). For a real class on one machine use The Littlest JupyterHub (systemdspawner:
# one system user per student, limits enforced by systemd) or z2jh (KubeSpawner: limits enforced by
# Kubernetes); deploy/README.md says how.
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = env("CRMKIT_HUB_HOMES", str(Path.cwd() / "homes" / "{username}"))
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]   # this environment's Python: the course's
c.Spawner.default_url = DEFAULT_URL
c.Spawner.mem_limit = MEM_LIMIT
c.Spawner.mem_guarantee = MEM_GUARANTEE
c.Spawner.cpu_limit = CPU_LIMIT
c.Spawner.cpu_guarantee = CPU_GUARANTEE
c.Spawner.start_timeout = 120
# The REST API and the login answer at once while a server starts (the spawn page shows its progress):
# otherwise each start request holds for up to 10 s, and a class arriving together queues behind it.
c.JupyterHub.tornado_settings = {"slow_spawn_timeout": 0}
c.Spawner.http_timeout = 60
c.Spawner.args = ["--allow-root"] if hasattr(os, "getuid") and os.getuid() == 0 else []
# The variables a student's server inherits from the hub: JupyterHub's own list, matplotlib's cache folder
# when the hub sets one (the tests share one font cache between the students' kernels), and whether and
# where Python writes compiled modules (as the hub itself does).
c.Spawner.env_keep = ["PATH", "PYTHONPATH", "CONDA_ROOT", "CONDA_DEFAULT_ENV", "VIRTUAL_ENV", "LANG", "LC_ALL",
                      "JUPYTERHUB_SINGLEUSER_APP", "MPLCONFIGDIR", "PYTHONPYCACHEPREFIX", "PYTHONDONTWRITEBYTECODE"]
c.Spawner.environment = {
    # The kit's numeric work runs one BLAS thread per kernel (crmkit._threads); keep the rest to the
    # student's share of the machine instead of every core.
    "OMP_NUM_THREADS": str(max(1, int(CPU_LIMIT))),
    "OPENBLAS_NUM_THREADS": str(max(1, int(CPU_LIMIT))),
}
# The course's lab settings (no "official Jupyter news" pop-up) and its server extension (crmkit.lab, the
# kit's Chinese font), read from the repository's jupyterlab-settings/ (the files `make install` and the
# image's postBuild copy into the environment): overrides.json as the lab's app settings, and
# jupyter_server_config.d/crmkit.json, which enables crmkit.lab, on the Jupyter config path.
LAB_SETTINGS_DIR = REPO_ROOT / "jupyterlab-settings"
c.Spawner.args += [f"--LabApp.app_settings_dir={LAB_SETTINGS_DIR}"]
c.Spawner.environment["JUPYTER_CONFIG_PATH"] = str(LAB_SETTINGS_DIR)

repo = env("CRMKIT_HUB_REPO", "").strip()
if repo:
    # Every login brings the course up to date in ~/crm-course (nbgitpuller keeps the student's edits)
    # and opens the start page.
    c.Spawner.default_url = "/" + git_pull_path(repo, branch=env("CRMKIT_HUB_BRANCH", "main"))

# -- authentication ------------------------------------------------------------------------------------
if auth == "native":
    # Students sign up at /hub/signup; an instructor (admin) authorises them at /hub/authorize.
    c.JupyterHub.authenticator_class = "nativeauthenticator.NativeAuthenticator"
    c.NativeAuthenticator.open_signup = False
    c.NativeAuthenticator.minimum_password_length = 8
    c.NativeAuthenticator.check_common_password = True
    c.Authenticator.allow_all = True          # anyone the instructor authorised
    import nativeauthenticator  # its sign-up and authorisation pages

    c.JupyterHub.template_paths = [str(Path(nativeauthenticator.__file__).parent / "templates")]
elif auth == "lti":
    # The LMS (Moodle, Canvas, Blackboard ...) launches the hub with LTI 1.3: no password at the hub.
    c.JupyterHub.authenticator_class = "ltiauthenticator.lti13.authenticator.LTI13Authenticator"
    c.LTI13Authenticator.client_id = [env("CRMKIT_HUB_LTI_CLIENT_ID", "")]
    c.LTI13Authenticator.issuer = env("CRMKIT_HUB_LTI_ISSUER", "")
    c.LTI13Authenticator.authorize_url = env("CRMKIT_HUB_LTI_AUTHORIZE_URL", "")
    c.LTI13Authenticator.jwks_endpoint = env("CRMKIT_HUB_LTI_JWKS_URL", "")
    c.LTI13Authenticator.username_key = "email"
    c.Authenticator.allow_all = True          # everyone the LMS launches
elif auth == "dummy":
    # Tests only: any user name signs in. Refused unless the hub listens on loopback.
    if c.JupyterHub.ip not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("CRMKIT_HUB_AUTH=dummy lets anyone in: it runs only with CRMKIT_HUB_IP=127.0.0.1")
    c.JupyterHub.authenticator_class = "dummy"
    c.Authenticator.allow_all = True
    # A service token for the test driver (tests/test_hub_smoke.py, benchmarks/hub_load.py): it starts
    # servers through the hub's REST API and reaches them through the proxy, as the culler does.
    token = env("CRMKIT_HUB_TEST_TOKEN") or secrets.token_hex(32)
    services.append({"name": "crmkit-driver", "api_token": token})
    roles.append({"name": "crmkit-driver", "services": ["crmkit-driver"],
                  "scopes": ["admin:users", "admin:servers", "access:servers", "read:users"]})
else:
    raise SystemExit(f"CRMKIT_HUB_AUTH must be native, lti or dummy, not {auth!r}")
c.Authenticator.admin_users = admins

# -- the idle culler: a server nobody used for an hour is stopped (the student's files stay) -----------
services.append({
    "name": "jupyterhub-idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={CULL_TIMEOUT}",
                f"--cull-every={CULL_EVERY}"],
})
roles.append({
    "name": "jupyterhub-idle-culler", "services": ["jupyterhub-idle-culler"],
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
})
c.JupyterHub.services = services
c.JupyterHub.load_roles = roles

# -- the hub's own files: in the folder it is started from (never the repository in a test) ------------
c.JupyterHub.cookie_secret_file = str(Path.cwd() / "jupyterhub_cookie_secret")
c.JupyterHub.db_url = f"sqlite:///{Path.cwd() / 'jupyterhub.sqlite'}"
c.ConfigurableHTTPProxy.pid_file = str(Path.cwd() / "jupyterhub-proxy.pid")
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
