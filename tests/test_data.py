"""crmkit.data: loading the course datasets and validating transaction tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmkit import data
from crmkit.errors import CrmkitError, DataError, ParameterError


@pytest.mark.parametrize("name", sorted(data._registry()))
def test_every_dataset_loads_with_the_declared_types(name):
    df = data.load(name)
    s = data.spec(name)
    assert list(df.columns) == list(s.columns)
    assert len(df) > 0
    for col, c in s.columns.items():
        if c.dtype in ("date", "datetime"):
            assert pd.api.types.is_datetime64_any_dtype(df[col]), col
        elif c.dtype == "category":
            assert isinstance(df[col].dtype, pd.CategoricalDtype), col
            if c.categories:
                assert df[col].notna().all(), f"{col} has values outside its categories"
        elif c.dtype in ("int", "float"):
            assert pd.api.types.is_numeric_dtype(df[col]), col
        elif c.dtype == "bool":
            assert pd.api.types.is_bool_dtype(df[col]), col


def test_list_datasets_names_every_file():
    table = data.list_datasets()
    assert set(table["name"]) == set(data._registry())
    assert not table["file"].str.contains("missing").any()


def test_unknown_dataset_names_the_available_ones():
    with pytest.raises(DataError, match="retail_transactions"):
        data.load("retail")
    with pytest.raises(ParameterError):
        data.load(3)


def test_datasets_dir_follows_the_environment_variable(tmp_path, monkeypatch):
    (tmp_path / "README.md").write_text("x")
    monkeypatch.setenv("CRMKIT_DATASETS", str(tmp_path))
    assert data.datasets_dir() == tmp_path
    with pytest.raises(DataError, match="make datasets"):
        data.load("taxi_trips")  # not in that folder


def test_datasets_dir_found_from_a_notebook_folder(monkeypatch, root):
    monkeypatch.delenv("CRMKIT_DATASETS", raising=False)
    monkeypatch.chdir(root / "notebooks")
    assert data.datasets_dir() == root / "datasets"


# --- validation ---------------------------------------------------------------------------

def good():
    return pd.DataFrame({
        "customer_id": ["a", "b", "a"],
        "date": ["2024-01-02", "2024-01-03", "2024-02-01"],
        "amount": [10.0, 20.0, 5.5],
    })


def test_a_good_table_comes_back_parsed_and_untouched():
    df = good()
    out = data.validate_transactions(df)
    assert pd.api.types.is_datetime64_any_dtype(out["date"])
    assert out["amount"].tolist() == [10.0, 20.0, 5.5]
    assert df["date"].dtype == object or pd.api.types.is_string_dtype(df["date"])  # input not modified


def test_missing_column_is_named_with_the_columns_present():
    with pytest.raises(DataError, match=r"no column 'amount'.*customer_id, date"):
        data.validate_transactions(good().drop(columns="amount"))


def test_custom_column_names():
    df = good().rename(columns={"customer_id": "cust", "amount": "value"})
    out = data.validate_transactions(df, customer="cust", amount="value")
    assert len(out) == 3


def test_unparsable_dates_name_rows_and_values():
    df = good()
    df.loc[1, "date"] = "yesterday"
    with pytest.raises(DataError, match=r"cannot be read in row 1 \(e.g. 'yesterday'\)"):
        data.validate_transactions(df)


def test_nan_customer_ids_are_named():
    df = good()
    df.loc[2, "customer_id"] = np.nan
    with pytest.raises(DataError, match="missing ids in row 2"):
        data.validate_transactions(df)


def test_negative_amounts_are_refused_unless_allowed():
    df = good()
    df.loc[0, "amount"] = -10
    with pytest.raises(DataError, match="negative amounts in row 0"):
        data.validate_transactions(df)
    assert data.validate_transactions(df, allow_negative=True)["amount"].iloc[0] == -10


def test_non_numeric_and_nan_amounts():
    df = good().astype({"amount": object})
    df.loc[1, "amount"] = "twenty"
    with pytest.raises(DataError, match=r"must hold numbers; row 1 do not \(e.g. 'twenty'\)"):
        data.validate_transactions(df)
    df = good()
    df.loc[1, "amount"] = np.nan
    with pytest.raises(DataError, match="missing \\(NaN\\)"):
        data.validate_transactions(df)


def test_empty_table_and_wrong_type():
    with pytest.raises(DataError, match="empty"):
        data.validate_transactions(good().iloc[0:0])
    with pytest.raises(DataError, match="DataFrame"):
        data.validate_transactions([1, 2, 3])


def test_future_dates_are_refused():
    df = good()
    df.loc[0, "date"] = "2199-01-01"
    with pytest.raises(DataError, match="after"):
        data.validate_transactions(df)
    with pytest.raises(DataError, match="after 2024-01-31"):
        data.validate_transactions(good(), asof="2024-01-31")


def test_errors_are_one_family():
    assert issubclass(DataError, CrmkitError) and issubclass(ParameterError, CrmkitError)
    assert issubclass(DataError, ValueError)  # `except ValueError` in user code still works


def test_numeric_dates_are_read_as_yyyymmdd_or_refused():
    df = good()
    df["date"] = [20240102, 20240103, 20240201]
    out = data.validate_transactions(df)
    assert out["date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-02", "2024-01-03", "2024-02-01"]
    df["date"] = [1, 2, 3]  # not dates: pandas would silently read nanoseconds after 1970
    with pytest.raises(DataError, match="cannot be read"):
        data.validate_transactions(df)
