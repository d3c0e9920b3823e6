"""The examples of bad input that learners met before the one validator, each with the right behaviour,
and the conventions of CONTRIBUTING.md held by tests."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crmkit import clv, data, loyalty, money, segment
from crmkit.errors import DataError, ParameterError

ROOT = Path(__file__).resolve().parents[1]


# --- dates --------------------------------------------------------------------------------------

def test_day_first_is_never_guessed_silently():
    df = pd.DataFrame({"customer_id": ["a", "b", "c"], "date": ["03.01.2024", "10.02.2024", "15.01.2024"],
                       "amount": [1.0, 2.0, 3.0]})
    # 15.01 settles it: day-first, so 3 January and 10 February -- the same rule for every row
    out = data.validate_transactions(df)
    assert out["date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-03", "2024-02-10", "2024-01-15"]
    ambiguous = df.iloc[:2]
    with pytest.raises(DataError, match="dayfirst=True"):
        data.validate_transactions(ambiguous)
    assert data.validate_transactions(ambiguous, dayfirst=False)["date"].dt.month.tolist() == [3, 10]


@pytest.mark.parametrize("dates, match", [
    (["1500-01-01", "2024-01-01"], "between 1677 and 2262"),
    (["2024-01-01T10:00:00+08:00", "2024-01-02T10:00:00+01:00"], "mixes time zones"),
])
def test_out_of_range_and_mixed_zone_dates(dates, match):
    df = pd.DataFrame({"customer_id": ["a", "b"], "date": dates, "amount": [1.0, 2.0]})
    with pytest.raises(DataError, match=match):
        data.validate_transactions(df)


def test_a_tz_aware_asof_is_accepted():
    tx = pd.DataFrame({"customer_id": ["a", "a", "b"], "date": ["2024-01-01", "2024-02-01", "2024-01-15"],
                       "amount": [10.0, 20.0, 5.0]})
    rfm = segment.rfm_table(tx, asof=pd.Timestamp("2024-03-01", tz="Asia/Shanghai"))
    assert rfm.loc["a", "recency"] == 29


# --- flags and numbers ------------------------------------------------------------------------

def test_no_is_not_churned():
    km = loyalty.kaplan_meier([1, 2], ["no", "no"])
    assert km["churned"].sum() == 0 and km["survival"].iloc[-1] == 1.0
    km = loyalty.kaplan_meier([1, 2, 3], ["是", "否", True])
    assert km["churned"].tolist() == [1, 0, 1]
    with pytest.raises(DataError, match="yes/no"):
        loyalty.kaplan_meier([1, 2], ["no", "maybe"])


def test_loading_refuses_no_as_true_and_one_and_a_half_as_one(tmp_path, monkeypatch):
    import shutil

    folder = tmp_path / "datasets"
    shutil.copytree(data.datasets_dir(), folder)
    monkeypatch.setenv("CRMKIT_DATASETS", str(folder))
    path = folder / "retail_transactions.csv"
    df = pd.read_csv(path, dtype=str)
    df.loc[0, "is_return"] = "no"
    df.to_csv(path, index=False)
    assert not data.load("retail_transactions")["is_return"].iloc[0]
    df.loc[0, "quantity"] = "1.5"
    df.to_csv(path, index=False)
    with pytest.raises(DataError, match="whole numbers"):
        data.load("retail_transactions")


@pytest.mark.parametrize("call", [
    lambda: loyalty.switching_decision(400, 650, horizon=-5),
    lambda: loyalty.switching_decision(400, 650, discount=float("nan")),
    lambda: clv.customer_event_clv(upgrade_gain=float("nan")),
    lambda: clv.ShiftedBetaGeometric().fit([1000, 600, 400]).survival(-1),
    lambda: money.present_value(100, discount=0.1, retention=1 + 2j),
    lambda: money.present_value(True, discount=0.1),
])
def test_nan_negative_complex_and_bool_parameters_are_refused(call):
    with pytest.raises(ParameterError):
        call()


def test_equal_customers_share_a_class_even_when_sums_overflow():
    values = pd.Series([1e308, 1e308, 1e308, 1.0], index=list("abcd"))
    abc = segment.abc_classes(values)
    assert abc.loc[["a", "b", "c"], "share"].tolist() == pytest.approx([1 / 3] * 3)
    assert np.isfinite(abc["cum_share"]).all()


def test_cohort_table_accepts_a_newest_event_that_is_a_new_contract():
    contracts = pd.DataFrame({"start_date": ["2024-01-01", "2024-02-01", "2024-06-01"],
                              "end_date": ["2024-03-01", None, None]})
    table = loyalty.cohort_table(contracts, periods=3)
    assert table.loc["2024-01", "customers"] == 1


# --- learners' files ---------------------------------------------------------------------------

def test_read_csv_handles_excel_exports(tmp_path):
    text = "客户;日期;金额;退货\nA1;2024-01-05;12,5;否\nA2;2024-02-01;30;是\n"
    (tmp_path / "gbk.csv").write_bytes(text.replace("12,5", "12.5").encode("gb18030"))
    (tmp_path / "bom.csv").write_bytes(text.replace("12,5", "12.5").encode("utf-8-sig"))
    for name in ("gbk.csv", "bom.csv"):
        df = data.read_csv(tmp_path / name, date_columns=["日期"])
        assert df.columns.tolist() == ["客户", "日期", "金额", "退货"], name
        assert df["退货"].tolist() == [False, True]
        assert df["金额"].tolist() == [12.5, 30.0]
        assert df["日期"].dt.month.tolist() == [1, 2]
    (tmp_path / "amb.csv").write_text("d\n03/01/2024\n04/02/2024\n", encoding="utf-8")
    with pytest.raises(DataError, match="dayfirst"):
        data.read_csv(tmp_path / "amb.csv", date_columns=["d"])
    with pytest.raises(DataError, match="no file"):
        data.read_csv(tmp_path / "missing.csv")
    (tmp_path / "latin.csv").write_bytes(b"a\n\xff\xfe\xfa\n")
    assert data.read_csv(tmp_path / "latin.csv", encoding="latin-1")["a"].iloc[0] == "ÿþú"


# --- conventions --------------------------------------------------------------------------------
# Each convention of CONTRIBUTING.md is a checker over the source of *every* analytic module (found on
# disk, so a new module is checked the day it is added) and returns what breaks the rule; a test runs it
# on the kit and expects nothing, and a self-check plants a violation and expects the checker to find it.

#: crmkit's machinery, not analytics (the same list as tests/test_bad_input.py's).
MACHINERY = {"widgets", "plots", "i18n", "exercises", "synth", "errors", "grade", "release", "site", "course", "apps"}
#: Known deliberate exceptions to the results convention, each also named in CONTRIBUTING.md.
RESULT_EXCEPTIONS = {
    "crmkit/cases/taxi.py:strategy_economics": "one row of compare_strategies' table, as a dict for the widget",
}
COLUMN_ARGS = ("customer", "date", "amount", "start", "end", "segment", "satisfaction")
OLD_ASOF = ("observation_end", "not_after", "as_of", "asof_date")


def analytic_files() -> dict[str, str]:
    """{path relative to the repository: source} of every analytic module: the top-level crmkit modules
    and packages except the machinery and private modules."""
    files = []
    for p in sorted((ROOT / "crmkit").iterdir()):
        if p.name.startswith(("_", ".")) or p.stem in MACHINERY:
            continue
        if p.is_dir() and (p / "__init__.py").exists():
            files += sorted(p.glob("*.py"))
        elif p.suffix == ".py":
            files.append(p)
    return {f.relative_to(ROOT).as_posix(): f.read_text(encoding="utf-8") for f in files}


def _public_defs(source: str):
    """(qualified name, def node) of the public functions and the public methods of public classes."""
    tree = ast.parse(source)
    listed = None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            try:
                listed = set(ast.literal_eval(node.value))
            except ValueError:
                listed = None

    def public(name):
        return not name.startswith("_") and (listed is None or name in listed)

    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and public(node.name):
            yield node.name, node
        elif isinstance(node, ast.ClassDef) and public(node.name):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and not item.name.startswith("_"):
                    yield f"{node.name}.{item.name}", item


def _own_returns(fn):
    """The return statements of ``fn`` itself, not of functions nested in it."""
    todo = list(fn.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Return):
            yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            todo.extend(ast.iter_child_nodes(node))


def _base_name(annotation):
    node = annotation.value if isinstance(annotation, ast.Subscript) else annotation
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.split("[")[0].strip()
    return getattr(node, "id", None)


def results_that_are_dicts_or_tuples(files: dict[str, str]) -> set[str]:
    """Convention 4: a public function returns a DataFrame, a Series or a frozen dataclass, never a dict or a
    tuple -- by its annotation or by a literal it returns."""
    found = set()
    for path, source in files.items():
        for name, fn in _public_defs(source):
            kinds = set()
            if fn.returns is not None and _base_name(fn.returns) in ("dict", "tuple", "Dict", "Tuple"):
                kinds.add(_base_name(fn.returns).lower())
            for ret in _own_returns(fn):
                v = ret.value
                if isinstance(v, (ast.Dict, ast.DictComp)) or (isinstance(v, ast.Call) and getattr(v.func, "id", "") == "dict"):
                    kinds.add("dict")
                elif isinstance(v, ast.Tuple):
                    kinds.add("tuple")
            if kinds:
                found.add(f"{path}:{name}")
    return found


def results_in_attrs(files: dict[str, str]) -> set[str]:
    """Convention 4: no result travels in DataFrame.attrs."""
    return {f"{path}:{node.lineno}" for path, source in files.items() for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Attribute) and node.attr == "attrs"}


def names_off_convention(files: dict[str, str]) -> set[str]:
    """Convention 5: the as-of date is ``asof``; column-name arguments (a text default) are keyword-only."""
    found = set()
    for path, source in files.items():
        for name, fn in _public_defs(source):
            positional = fn.args.posonlyargs + fn.args.args
            defaults = [None] * (len(positional) - len(fn.args.defaults)) + list(fn.args.defaults)
            for arg, default in zip(positional, defaults):
                if arg.arg in COLUMN_ARGS and isinstance(default, ast.Constant) and isinstance(default.value, str):
                    found.add(f"{path}:{name}: column argument {arg.arg!r} is positional")
            for arg in positional + fn.args.kwonlyargs:
                if arg.arg in OLD_ASOF:
                    found.add(f"{path}:{name}: the as-of date is called {arg.arg!r}")
    return found


_DISCOUNTING = re.compile(r"\(1 \+ (d|r|discount|rate)\)\s*\*\*")


def discounting_outside_money(files: dict[str, str]) -> set[str]:
    """Convention 2: no module but crmkit/money.py raises (1 + rate) to a power."""
    found = set()
    for path, source in files.items():
        if path.endswith("crmkit/money.py"):
            continue
        for i, line in enumerate(source.splitlines(), 1):
            code = line.split("#")[0]
            if _DISCOUNTING.search(code) and '"""' not in line and not code.strip().startswith(("'", '"')):
                found.add(f"{path}:{i}: {line.strip()}")
    return found


def imports_of_old_checks(files: dict[str, str]) -> set[str]:
    """Convention 1: one validator; nothing imports the old _checks module."""
    return {path for path, source in files.items() for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.ImportFrom) and node.module and node.module.endswith("_checks")}


_NAMING = {"t", "term", "both", "plot_text", "get_language", "describe", "table"}


def translations_in_analytics(files: dict[str, str]) -> set[str]:
    """One home for display text: analytics return data (codes, label keys, numbers) and never ask crmkit.i18n
    for text in the current language (``i18n.t``, ``term`` ...), so a result is the same in either language;
    ``i18n.describe`` and ``i18n.table`` name it where it is shown. Reading a label's English as data (the
    one home of a text, as ``segment.ACTIONS`` does through ``i18n.labels()``) is not naming."""
    found = set()
    for path, source in files.items():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "i18n" \
                    and node.attr in _NAMING:
                found.add(f"{path}:{node.lineno}: i18n.{node.attr}")
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.endswith("i18n"):
                found |= {f"{path}:{node.lineno}: from {node.module} import {a.name}" for a in node.names
                          if a.name in _NAMING}
    return found


def _all_crmkit_files() -> dict[str, str]:
    return {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8") for p in (ROOT / "crmkit").rglob("*.py")}


def test_the_checks_read_every_analytic_module():
    files = analytic_files()
    modules = {path.split("/")[1].removesuffix(".py") for path in files}
    assert {"accounts", "cases", "clv", "credit", "crm", "data", "foundations", "loyalty", "money", "people",
            "segment"} <= modules, modules
    assert not modules & MACHINERY


def test_no_public_function_returns_a_dict_or_a_tuple():
    found = results_that_are_dicts_or_tuples(analytic_files())
    assert found - set(RESULT_EXCEPTIONS) == set(), "results must be DataFrames, Series or frozen dataclasses"
    stale = set(RESULT_EXCEPTIONS) - found
    assert not stale, f"no longer exceptions: remove {stale} from RESULT_EXCEPTIONS and CONTRIBUTING.md"


def test_no_result_travels_in_dataframe_attrs():
    assert results_in_attrs(analytic_files()) == set()


def test_one_name_for_the_as_of_date_and_keyword_only_columns():
    assert names_off_convention(analytic_files()) == set()


def test_discounting_lives_in_one_place():
    assert discounting_outside_money(_all_crmkit_files()) == set(), "discounting outside crmkit.money"


def test_analytics_return_data_and_i18n_names_it():
    assert translations_in_analytics(analytic_files()) == set(), "display text belongs to crmkit.i18n"


def test_every_module_validates_through_the_one_validator():
    assert not (ROOT / "crmkit" / "_checks.py").exists()
    assert imports_of_old_checks(_all_crmkit_files()) == set()


PLANTED = {"crmkit/planted.py": '''
from ._checks import number
__all__ = ["rfm", "split", "Model", "pv"]

def rfm(tx, customer="customer_id", *, observation_end=None) -> dict[str, float]:
    out = tx.copy()
    out.attrs["asof"] = observation_end
    return out

def split(tx):
    def helper():
        return {"nested": 1}   # a nested function's dict is not the result
    return tx, tx

class Model:
    def predict(self, x):
        return dict(x=x)

def pv(m, d, t):
    return m / (1 + d) ** t

def hidden(tx, customer="customer_id"):   # not in __all__: not public
    return {}

from .i18n import t as _t

def caption(tx):
    return i18n.t("segment.class") + _t("segment.customers")
'''}


@pytest.mark.parametrize("checker, expected", [
    (results_that_are_dicts_or_tuples, {"crmkit/planted.py:rfm", "crmkit/planted.py:split",
                                        "crmkit/planted.py:Model.predict"}),
    (results_in_attrs, {"crmkit/planted.py:7"}),
    (names_off_convention, {"crmkit/planted.py:rfm: column argument 'customer' is positional",
                            "crmkit/planted.py:rfm: the as-of date is called 'observation_end'"}),
    (discounting_outside_money, {"crmkit/planted.py:20: return m / (1 + d) ** t"}),
    (imports_of_old_checks, {"crmkit/planted.py"}),
    (translations_in_analytics, {"crmkit/planted.py:25: from i18n import t", "crmkit/planted.py:28: i18n.t"}),
])
def test_each_convention_check_fails_on_a_planted_violation(checker, expected):
    """The checks above can fail: on a module that breaks every rule, each finds exactly its breaches."""
    assert checker(PLANTED) == expected
