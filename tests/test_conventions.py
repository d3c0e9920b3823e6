"""The examples of bad input that learners met before the one validator, each with the right behaviour,
and the conventions of CONTRIBUTING.md held by tests."""

from __future__ import annotations

import ast
import inspect
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

ANALYTIC = ["crmkit/segment.py", "crmkit/money.py", "crmkit/clv/formulas.py", "crmkit/clv/models.py",
            *map(str, sorted((ROOT / "crmkit" / "loyalty").glob("*.py")))]


def _public_functions():
    for mod in (segment, money, clv, loyalty):
        for name in getattr(mod, "__all__", []):
            obj = getattr(mod, name)
            if inspect.isfunction(obj):
                yield f"{mod.__name__}.{name}", obj


def test_no_public_function_returns_a_dict_or_a_tuple():
    for name, fn in _public_functions():
        ann = inspect.signature(fn).return_annotation
        assert ann not in (dict, tuple, "dict", "tuple"), f"{name} is annotated to return {ann}"


def test_no_result_travels_in_dataframe_attrs():
    for path in ANALYTIC:
        text = (ROOT / path).read_text(encoding="utf-8") if not Path(path).is_absolute() else Path(path).read_text()
        assert ".attrs[" not in text, f"{path} stores results in DataFrame.attrs"


def test_one_name_for_the_as_of_date_and_keyword_only_columns():
    for name, fn in _public_functions():
        params = inspect.signature(fn).parameters
        for old in ("observation_end", "not_after"):
            assert old not in params, f"{name} still calls the as-of date {old!r}"
        for col in ("customer", "date", "amount", "start", "end", "segment", "satisfaction"):
            if col in params and isinstance(params[col].default, str):
                assert params[col].kind is inspect.Parameter.KEYWORD_ONLY, f"{name}: column argument {col!r} is positional"


def test_discounting_lives_in_one_place():
    """No module but crmkit.money raises (1 + rate) to a power: nothing re-derives discounting."""
    pattern = re.compile(r"\(1 \+ (d|r|discount|rate)\)\s*\*\*")
    offenders = []
    for path in (ROOT / "crmkit").rglob("*.py"):
        if path.name == "money.py":
            continue
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#")[0]
            if pattern.search(code) and '"""' not in line and not code.strip().startswith(("'", '"')):
                offenders.append(f"{path.relative_to(ROOT)}:{i}: {line.strip()}")
    assert not offenders, "discounting outside crmkit.money:\n" + "\n".join(offenders)


def test_every_module_validates_through_the_one_validator():
    """No analytic module keeps its own number check (the old _checks module is gone)."""
    assert not (ROOT / "crmkit" / "_checks.py").exists()
    for path in (ROOT / "crmkit").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.endswith("_checks"):
                pytest.fail(f"{path.relative_to(ROOT)} imports _checks; use crmkit._validate")
