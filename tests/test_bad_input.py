"""Run every public function with every bad-input class that applies (see tests/bad_input/harness.py)."""

from __future__ import annotations

import pytest

from tests.bad_input import harness

CASES = harness.all_cases()
TRIED: list[str] = []
OUTCOMES: dict[str, int] = {}


def summary() -> str:
    """The harness's counts: pairs tried, and how many gave a raw error, a silent wrong result, a hang or
    the wrong error class (tests/conftest.py prints it at the end of the run)."""
    return (f"raw errors {OUTCOMES.get('raw', 0)}, silent wrong {OUTCOMES.get('silent', 0)}, "
            f"hangs {OUTCOMES.get('hang', 0)}, wrong error class {OUTCOMES.get('wrong_error', 0)} "
            f"over {len({c.split('[')[1].split(':')[0] for c in TRIED})} input classes")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case):
    TRIED.append(case.id)
    problem = harness.run(case)
    kind = harness.kind_of(problem)
    OUTCOMES[kind] = OUTCOMES.get(kind, 0) + 1
    assert problem is None, f"{case.id}: {problem}"


#: Public functions that take no input a learner could get wrong, or are covered through another name.
NOT_TARGETS = {"data.list_datasets", "data.datasets_dir", "data.spec", "data.read_typed",
               "data.require_columns",
               }


def _analytic_modules():
    """Every module of analytics: the top-level crmkit modules and packages except the machinery
    (widgets, plots, i18n, exercises, synth, errors, private ones), plus the cases."""
    import pkgutil

    import crmkit

    skip = {"widgets", "plots", "i18n", "exercises", "synth", "errors", "cases", "grade", "release", "site", "course",
            "apps"}
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


# Pairs of extreme values the one-parameter classes above do not reach (found by combining them).
EXTREME_PAIRS = [
    ("cases.taxi.hourly_cost", {"rent": 1e15, "hours": 1e-300}),
    ("cases.taxi.cost_split", {"fuel": 1e15, "km_per_day": 1e-300}),
    ("cases.taxi.break_even_trips_per_hour", {"fare": 1e-300, "cost_per_hour": 1.0}),
    ("loyalty.churn_model", {"seed": 10**15}),
    ("crm.login_rates", {"asof": "2024-06-09", "days": 1}),  # a Sunday: no working day in the window
    ("money.present_value", {"margin": 1e15, "discount": -0.99, "horizon": 10**9}),
    ("clv.clv_model_one", {"In": 1e15, "r": -0.9, "n": 300}),
]


@pytest.mark.parametrize("name, change", EXTREME_PAIRS, ids=[n for n, _ in EXTREME_PAIRS])
def test_extreme_pairs_give_a_finite_result_or_a_clear_error(name, change):
    target = next(t for t in harness.all_targets() if t.name == name)
    case = harness.Case(target, "extreme_pair", ",".join(change), harness.FINITE,
                        lambda: {**target.kwargs(), **change})
    problem = harness.run(case)
    assert problem is None, f"{name} {change}: {problem}"


#: Modules whose public functions declare their constraints (``@_validate.params``), with the parameters they
#: leave undeclared; the harness derives their cases from the declarations (``harness.declared``). Issue 23
#: item 3: more modules join as they move (CONTRIBUTING.md lists them; a test below keeps the two equal).
DECLARED = {"money": {"periods"}, "loyalty.retention": {"margin"}, "loyalty.switching": set(),
            "clv.formulas": set(), "segment": set(), "credit": set(), "people": set(),
            "accounts": set(), "loyalty.satisfaction": set(), "loyalty.complaints": set(),
            "loyalty.prediction": set(), "loyalty.churn": set(),
            "foundations": set(), "crm": set(), "clv.models": set(), "data": set(), "cases.taxi": set(),
            "owndata": set()}
#: Public functions of those modules not declared (yet): variadic or mixed list/dict parameters, simulations.
NOT_DECLARED = {"clv.formulas.annuity_factor"}  # deprecated: left undeclared


def declaration_problems(modname, mod, targets) -> list[str]:
    """What keeps a converted module from declaring every public function's parameters once: a function with
    no declaration, a parameter left out, a declared number the harness does not try, a declared table it has
    no columns for."""
    import inspect

    from crmkit import _validate as v

    problems = []
    public = [n for n in getattr(mod, "__all__", dir(mod)) if inspect.isfunction(getattr(mod, n, None))
              and getattr(mod, n).__module__ == mod.__name__ and not n.startswith("_")]
    if not public:
        return [f"crmkit.{modname} has no public function"]
    for n in public:
        if f"{modname}.{n}" in NOT_DECLARED:
            continue
        fn = getattr(mod, n)
        decl = getattr(fn, "__crmkit_params__", None)
        if decl is None:
            problems.append(f"crmkit.{modname}.{n} has no @_validate.params declaration")
            continue
        params = set(inspect.signature(fn).parameters)
        undeclared = params - set(decl) - DECLARED.get(modname, set())
        if not set(decl) <= params or undeclared:
            problems.append(f"crmkit.{modname}.{n}: undeclared {sorted(undeclared)}")
        short = f"{modname}.{n}"  # the harness names cases.taxi.fare in full, clv.ltv by its package
        if short not in targets and short not in NOT_TARGETS:
            short = f"{modname.split('.')[0]}.{n}"
        if short in NOT_TARGETS:  # no input a learner could get wrong, or covered through another name
            continue
        if short not in targets:
            problems.append(f"{short} is not in the harness")
            continue
        numbers = {p for p, c in decl.items() if isinstance(c, v.Number)}
        if not numbers <= set(targets[short].numbers):
            problems.append(f"{short}: the harness does not try {sorted(numbers - set(targets[short].numbers))}")
        tables = {p for p, c in decl.items() if isinstance(c, v.Table)}
        if not tables <= set(targets[short].tables):
            problems.append(f"{short}: the harness has no columns for the tables {sorted(tables - set(targets[short].tables))}")
    return problems


@pytest.mark.parametrize("modname", sorted(DECLARED))
def test_declared_modules_declare_every_parameter_once(modname):
    import importlib

    mod = importlib.import_module(f"crmkit.{modname}")
    targets = {t.name: t for t in harness.all_targets()}
    problems = declaration_problems(modname, mod, targets)
    assert not problems, problems


def test_an_undeclared_function_or_parameter_is_found():
    """The check above fails for a converted module with a public function that has no declaration, or a
    parameter its declaration leaves out (planted here in a module made for the test)."""
    import types

    from crmkit import _validate as v

    mod = types.ModuleType("crmkit.planted")
    mod.__all__ = ["bare", "partly"]

    def bare(x):
        return x

    @v.params(x=v.Number())
    def partly(x, y):
        return x + y

    for fn in (bare, partly):
        fn.__module__ = "crmkit.planted"
        setattr(mod, fn.__name__, fn)
    target = harness.Target("planted.partly", partly, lambda: {"x": 1.0, "y": 2.0}, numbers=("x",))
    problems = declaration_problems("planted", mod, {"planted.partly": target})
    assert problems == ["crmkit.planted.bare has no @_validate.params declaration", "crmkit.planted.partly: undeclared ['y']"]


def test_a_declaration_checks_defaults_through_custom_checks_and_tables_by_their_named_columns():
    """A module's own check (Custom) also turns a default into what the function computes with; a Table checks
    the columns other parameters name (one name, a list, or weights keyed by column), after those names."""
    import pandas as pd

    from crmkit import _validate as v
    from crmkit import segment
    from crmkit.errors import DataError, ParameterError

    @v.params(k_range=v.Custom(lambda name, r: list(range(r[0], r[1] + 1)), "two whole numbers"),
              key=v.Column(), weights=v.Custom(lambda name, w: pd.Series(w, dtype=float), "weights by column"),
              table=v.Table("accounts", columns=("key", "weights")))
    def planted(table, k_range=(2, 4), *, key="id", weights=None):
        return k_range

    df = pd.DataFrame({"id": [1, 2], "a": [1.0, 2.0], "b": [3.0, 4.0]})
    assert planted(df, weights={"a": 0.5, "b": 0.5}) == [2, 3, 4]
    with pytest.raises(DataError, match="no column 'b'"):
        planted(df.drop(columns="b"), weights={"a": 0.5, "b": 0.5})
    with pytest.raises(ParameterError, match="key must be the name of a column"):
        planted(df, key=3, weights={"a": 1.0})
    rfm = pd.DataFrame({"recency": range(1, 31), "frequency": [1, 2, 3] * 10, "monetary": range(10, 310, 10)})
    assert segment.kmeans_segments(rfm).silhouette.index.tolist() == list(range(2, 9))  # the default k_range


def test_contributing_names_the_modules_that_declare():
    """CONTRIBUTING.md states which modules declare their constraints: exactly those DECLARED lists."""
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "CONTRIBUTING.md").read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if ln.startswith("Modules that declare:"))
    assert set(re.findall(r"`([a-z_.]+)`", line)) == set(DECLARED)


@pytest.mark.parametrize("call", [
    lambda: __import__("crmkit").loyalty.kaplan_meier(None, None),
    lambda: __import__("crmkit").clv.clv_lifecycle(None, None),
    lambda: __import__("crmkit").clv.MigrationModel(None),
    lambda: __import__("crmkit").loyalty.nps(None),
], ids=["kaplan_meier", "clv_lifecycle", "MigrationModel", "nps"])
def test_none_for_a_list_or_matrix_is_a_data_error(call):
    from crmkit.errors import DataError

    with pytest.raises(DataError):
        call()
