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


#: Public functions that take no input a learner could get wrong, or are covered through another name.
NOT_TARGETS = {"data.list_datasets", "data.datasets_dir", "data.spec", "data.read_csv", "data.read_typed",
               "data.require_columns", "cases.taxi.compare_strategies",
               }


def _analytic_modules():
    """Every module of analytics: the top-level crmkit modules and packages except the machinery
    (widgets, plots, i18n, exercises, synth, errors, private ones), plus the cases."""
    import pkgutil

    import crmkit

    skip = {"widgets", "plots", "i18n", "exercises", "synth", "errors", "cases", "grade", "release", "site", "course"}
    names = [m.name for m in pkgutil.iter_modules(crmkit.__path__) if not m.name.startswith("_") and m.name not in skip]
    return sorted(names) + ["cases.taxi"]


@pytest.mark.parametrize("modname", _analytic_modules())
def test_every_public_function_is_in_the_harness(modname):
    """A public function added to a module without a harness target fails here, so none is forgotten."""
    import importlib
    import inspect

    names = {t.name for t in harness.all_targets()}
    mod = importlib.import_module(f"crmkit.{modname}")
    public = [n for n in getattr(mod, "__all__", []) if inspect.isfunction(getattr(mod, n, None))]
    missing = [n for n in public if f"{modname}.{n}" not in names and f"{modname}.{n}" not in NOT_TARGETS]
    assert not missing, f"public functions of crmkit.{modname} missing from tests/bad_input/cases_*.py: {missing}"
