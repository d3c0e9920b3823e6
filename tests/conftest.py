"""Shared test set-up: a non-interactive matplotlib, Hypothesis's files kept out of the work tree, and the
figures of a parallel run (pytest-xdist) printed once.

nbval compares every output but PNG images, widget views and execution counts (its defaults), stderr
included: a chapter prints nothing there (CONTRIBUTING.md)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]

# Hypothesis keeps its example database in .hypothesis/ of the working directory unless told otherwise;
# the suite keeps it beside the course's environment, so a test run leaves the work tree as it was.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(ROOT / ".venv" / "hypothesis"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def fake_venv(tmp_path: Path) -> Path:
    """A directory that make takes for an installed environment (its stamp is newer than pyproject.toml), for
    `make -n` to print what a target would run without installing anything."""
    venv = tmp_path / "venv"
    venv.mkdir()
    stamp = venv / ".crmkit-installed"
    stamp.touch()
    t = (ROOT / "pyproject.toml").stat().st_mtime + 10
    os.utime(stamp, (t, t))
    return venv


# --- the longest files first ------------------------------------------------------------------------
# `make test` runs files whole on each worker (pytest-xdist, --dist loadfile), in the order they are
# collected (with --no-loadscope-reorder, which make test passes: pytest-xdist's default sends the files with
# the most tests first): a long file that comes late keeps one worker busy while the others have nothing left to do.
# These files take 10-45 s each (`--durations=0`, summed per file); started first, the many short files and
# notebooks fill the workers' time around them (longest-processing-time-first scheduling). The order changes
# nothing but when a file starts: each file still runs whole, in its own order.
LONGEST_FIRST = (
    "tests/test_widget_base.py",
    "tests/browser/test_widget_gallery_in_lab.py",
    "tests/test_grade_hostile.py",
    "tests/test_exercise_notebooks.py",
    "tests/test_release.py",
    "tests/browser/test_web_font_browser.py",
    "tests/test_hub_smoke.py",
    "tests/browser/test_app_browser.py",
    "tests/test_site.py",
    "tests/test_bad_input.py",
    "tests/test_zh_complete.py",
)


def pytest_collection_modifyitems(config, items):
    rank = {path: i for i, path in enumerate(LONGEST_FIRST)}
    last = len(LONGEST_FIRST)

    root = str(ROOT) + os.sep
    items.sort(key=lambda item: rank.get(str(item.path).removeprefix(root).replace(os.sep, "/"), last))  # stable: the order inside a file, and of the other files, is kept


# --- figures collected in pytest-xdist workers, printed once by the controller ------------------

_FROM_WORKERS: dict = {"tried": [], "timings": [], "screenshots": [], "outcomes": {}}


def _tried() -> list:
    mod = sys.modules.get("tests.test_bad_input")
    return list(getattr(mod, "TRIED", []))


def _outcomes() -> dict:
    mod = sys.modules.get("tests.test_bad_input")
    return dict(getattr(mod, "OUTCOMES", {}))


def _timings() -> list:
    mod = sys.modules.get("tests.browser.conftest")
    return [tuple(t) for t in getattr(mod, "TIMINGS", [])]


def pytest_sessionfinish(session):
    out = getattr(session.config, "workeroutput", None)  # set in a pytest-xdist worker only
    if out is not None:
        out["crmkit_tried"] = _tried()
        out["crmkit_outcomes"] = _outcomes()
        out["crmkit_timings"] = _timings()
        browser = sys.modules.get("tests.browser.conftest")
        out["crmkit_screenshots"] = str(browser.SCREENSHOTS) if browser and out["crmkit_timings"] else ""


class _XdistController:
    @staticmethod
    def pytest_testnodedown(node, error):
        out = getattr(node, "workeroutput", {}) or {}
        _FROM_WORKERS["tried"] += out.get("crmkit_tried", [])
        for kind, n in (out.get("crmkit_outcomes") or {}).items():
            _FROM_WORKERS["outcomes"][kind] = _FROM_WORKERS["outcomes"].get(kind, 0) + n
        _FROM_WORKERS["timings"] += [tuple(t) for t in out.get("crmkit_timings", [])]
        if out.get("crmkit_screenshots"):
            _FROM_WORKERS["screenshots"].append(out["crmkit_screenshots"])


def pytest_configure(config):
    if config.pluginmanager.hasplugin("xdist") and getattr(config.option, "numprocesses", None):
        config.pluginmanager.register(_XdistController(), "crmkit-xdist-controller")
    _retry_nbval_kernel_start()


def _retry_nbval_kernel_start(attempts: int = 3) -> None:
    """Start nbval's kernels again when one dies before it answers (at most ``attempts`` times).

    jupyter_client gives a kernel TCP ports by binding free ones and releasing them; with several pytest
    workers, a JupyterLab and the grader all starting kernels at once, another process can take such a port
    in between, and the kernel dies before replying to kernel_info (nbval sends its stderr to /dev/null).
    That is the machine's race, not the notebook's failure: a fresh start picks new ports. A notebook that
    really kills its kernel still fails, in its cells, where nbval reports it."""
    try:
        from nbval import kernel as nbval_kernel
    except ImportError:  # pragma: no cover - nbval is a test dependency
        return
    if not getattr(nbval_kernel.start_new_kernel, "crmkit_retries", False):
        nbval_kernel.start_new_kernel = with_retries(nbval_kernel.start_new_kernel, attempts)


def with_retries(start, attempts: int):
    """``start`` called again, up to ``attempts`` times in all, while it raises RuntimeError."""

    def start_new_kernel(*args, **kwargs):
        for attempt in range(1, attempts + 1):
            try:
                return start(*args, **kwargs)
            except RuntimeError:
                if attempt == attempts:
                    raise

    start_new_kernel.crmkit_retries = True
    return start_new_kernel


def _harness_summary(tried) -> str:
    """Raw errors, silent wrong results, hangs and wrong error classes over the input classes tried."""
    outcomes = dict(_outcomes())
    for kind, n in _FROM_WORKERS["outcomes"].items():
        outcomes[kind] = outcomes.get(kind, 0) + n
    classes = {c.split("[")[1].split(":")[0] for c in tried if "[" in c and ":" in c}
    return (f"raw errors {outcomes.get('raw', 0)}, silent wrong {outcomes.get('silent', 0)}, "
            f"hangs {outcomes.get('hang', 0)}, wrong error class {outcomes.get('wrong_error', 0)} "
            f"over {len(classes)} input classes")


def pytest_terminal_summary(terminalreporter):
    """Say how many (function, input class) pairs the bad-input harness tried (in this process or in the
    pytest-xdist workers), and, in a parallel run, the browser's response times the workers measured."""
    tried = _tried() + _FROM_WORKERS["tried"]
    if tried:
        functions = {c.split("[")[0] for c in tried}
        terminalreporter.write_line(
            f"bad-input harness: {len(tried)} (function, input class) pairs tried on {len(functions)} public functions"
            + f"; {_harness_summary(tried)}"
        )
    timings = _FROM_WORKERS["timings"]
    if timings:
        terminalreporter.write_sep("-", "widget response in the browser (control change -> new output)")
        for nb, control, ms in timings:
            terminalreporter.write_line(f"{nb:32s} {control:28s} {ms:7.0f} ms")
        for folder in _FROM_WORKERS["screenshots"]:
            terminalreporter.write_line(f"screenshots: {folder}/")
