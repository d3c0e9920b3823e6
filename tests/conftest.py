"""Shared test set-up: a non-interactive matplotlib, and nbval's comparison rules."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]


def pytest_collectstart(collector):
    """nbval: do not compare what cannot be equal between two runs.

    Widget views carry a random model id; PNG images are already skipped by nbval; stderr must be
    empty in our notebooks anyway, but a library's deprecation notice from a newer version should
    not fail a chapter (warnings in *our* code are errors in the unit tests instead).
    """
    if collector.fspath and collector.fspath.ext == ".ipynb" and hasattr(collector, "skip_compare"):
        collector.skip_compare = tuple(collector.skip_compare) + (
            "application/vnd.jupyter.widget-view+json",
            "application/vnd.jupyter.widget-state+json",
            "stderr",
        )


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def pytest_terminal_summary(terminalreporter):
    """Say how many (function, input class) pairs the bad-input harness tried."""
    try:
        from tests import test_bad_input
    except Exception:  # noqa: BLE001 - the harness was not collected in this run
        return
    tried = test_bad_input.TRIED
    if tried:
        functions = {c.split("[")[0] for c in tried}
        terminalreporter.write_line(
            f"bad-input harness: {len(tried)} (function, input class) pairs tried on {len(functions)} public functions"
            + (f"; {test_bad_input.summary()}" if hasattr(test_bad_input, "summary") else "")
        )
