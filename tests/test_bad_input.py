"""Run every public function with every bad-input class that applies (see tests/bad_input/harness.py)."""

from __future__ import annotations

import pytest

from tests.bad_input import harness

CASES = harness.all_cases()
TRIED: list[str] = []


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case):
    TRIED.append(case.id)
    problem = harness.run(case)
    assert problem is None, f"{case.id}: {problem}"


def test_every_module_is_covered():
    """Each analytic module of crmkit has at least one target, so a new module cannot be forgotten."""
    import importlib
    import inspect

    covered = {t.name.split(".")[0] for t in harness.all_targets()}
    for module in ("segment", "clv", "loyalty", "data", "cases"):
        assert module in covered, f"crmkit.{module} has no target in tests/bad_input/cases_*.py"
    names = {t.name for t in harness.all_targets()}
    for modname in ("segment",):
        mod = importlib.import_module(f"crmkit.{modname}")
        public = [n for n in getattr(mod, "__all__", []) if inspect.isfunction(getattr(mod, n))]
        missing = [n for n in public if f"{modname}.{n}" not in names]
        assert not missing, f"public functions of crmkit.{modname} missing from the harness: {missing}"
