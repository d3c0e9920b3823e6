"""crmkit.data: loading the course datasets and validating transaction tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmkit import clv, data, loyalty, money, segment
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


# --- issue 22: careless input to the analytics gives clear errors, never raw ones or inf -------------------

@pytest.mark.parametrize("years", [("1500-01-01", "2020-01-01"), ("2020-01-01", "9999-12-31")])
def test_second_resolution_dates_out_of_range_are_a_data_error(years):
    tx = pd.DataFrame({"customer_id": ["a", "b"], "date": np.array(years, dtype="datetime64[s]"),
                       "amount": [1.0, 2.0]})
    with pytest.raises(DataError, match="1677-2262"):
        data.validate_transactions(tx, asof="2262-01-01")
    with pytest.raises(DataError, match="1677-2262"):
        segment.rfm_table(tx)


def test_a_ledger_spanning_1677_to_2262_is_refused_not_overflowed():
    tx = pd.DataFrame({"customer_id": ["a", "b"], "date": ["1678-01-01", "2262-01-01"], "amount": [1.0, 2.0]})
    with pytest.raises(DataError, match="span 584 years"):
        data.validate_transactions(tx, asof="2262-02-01")
    in_seconds = tx.assign(date=pd.to_datetime(tx["date"]).astype("datetime64[s]"))
    with pytest.raises(DataError, match="span"):
        data.validate_transactions(in_seconds, asof="2262-02-01")


def test_text_amounts_are_numbers_when_ranked():
    rfm = pd.DataFrame({"recency": [5, 5, 5], "frequency": [2, 2, 2], "monetary": ["1000", "200", "30"]},
                       index=["big", "mid", "small"])
    scores = segment.rfm_scores(rfm, bins=3)
    assert scores.loc["big", "M"] == 3 and scores.loc["small", "M"] == 1   # as text, "1000" < "200" < "30"
    with pytest.raises(DataError, match="must hold numbers"):
        segment.rfm_scores(rfm.assign(monetary=["¥1000", "200", "30"]))


@pytest.mark.parametrize("scores, match", [
    ([True, False], "True/False"), (["a", "b"], "str"), ("9", "list of 0-10 answers"), (None, "list of 0-10"),
    (np.array([True, False]), "True/False"),
])
def test_nps_takes_only_numeric_answers(scores, match):
    with pytest.raises(DataError, match=match):
        loyalty.nps(scores)


def test_nps_still_scores_numbers():
    assert loyalty.nps([10, 9, 9, 8, 7, 6, 10, 3, 9, 5]) == pytest.approx(20.0)
    assert loyalty.nps(np.array([9.0, 10.0])) == 100.0


@pytest.mark.parametrize("call, match", [
    (lambda: money.discount_factors(-0.99, 120000), "discount rate nearer 0"),
    (lambda: clv.ltv([100] * 400, -0.9), "discount rate d nearer 0|discount rate nearer 0"),
    (lambda: loyalty.complaint_iceberg(10, 1e-320), "share_complaining"),
    (lambda: loyalty.cohort_survivors(1000, 5.0, 2 * 10**9), "share between 0 and 1"),
    (lambda: loyalty.satisfaction_index(data.load("survey"), scale="ab"), "scale"),
])
def test_overflow_and_nonsense_are_clear_errors(call, match):
    with pytest.raises(CrmkitError, match=match):
        call()


def test_a_negative_ninety_percent_rate_never_gives_inf():
    for call in (lambda: clv.ltv([100] * 3, -0.9), lambda: money.present_value(100, discount=-0.9, horizon=10),
                 lambda: clv.clv_model_one(1000, -0.9, 10)):
        try:
            value = call()
        except CrmkitError:
            continue
        assert np.isfinite(value)
    assert loyalty.cohort_survivors(1000, 0.8, 2 * 10**9) == 0.0


# --- issue 22: the loader reads what spreadsheets export, or names what it cannot read ----------------------

EXPORTS = {
    "slashes.csv": ("customer_id,date,amount\nA,1997/1/1,10\nB,1997/1/2,20.5\n", "utf-8"),
    "dots.csv": ("customer_id,date,amount\nA,1997.1.1,10\nB,1997.1.2,20.5\n", "utf-8"),
    "times.csv": ("customer_id,date,amount\nA,1997/01/01 00:00,10\nB,1997-01-02 00:00:00,20.5\n", "utf-8"),
    "utf16.csv": ("customer_id\tdate\tamount\nA\t1997-01-01\t10\nB\t1997-01-02\t20.5\n", "utf-16"),
    "utf16_no_bom.csv": ("customer_id,date,amount\nA,1997-01-01,10\nB,1997-01-02,20.5\n", "utf-16-le"),
    "gbk.csv": ("customer_id,date,amount\nA,1997年1月1日,10\nB,1997-01-02,20.5\n".replace("1997年1月1日", "1997-01-01"),
                "gbk"),
    "thousands.csv": ('customer_id,date,amount\nA,1997-01-01,"1,010"\nB,1997-01-02,"1,020.5"\n', "utf-8"),
    "decimal_comma.csv": ("customer_id;date;amount\nA;1997-01-01;1.010\nB;1997-01-02;1.020,5\n", "utf-8"),
}


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_read_csv_reads_common_exports(tmp_path, name):
    text, enc = EXPORTS[name]
    (tmp_path / name).write_bytes(text.encode(enc))
    df = data.read_csv(tmp_path / name, date_columns=["date"])
    assert df["customer_id"].tolist() == ["A", "B"]
    assert df["date"].tolist() == [pd.Timestamp("1997-01-01"), pd.Timestamp("1997-01-02")]
    expected = [1010.0, 1020.5] if "1,0" in text or "1.0" in text else [10.0, 20.5]
    assert df["amount"].tolist() == expected


@pytest.mark.parametrize("content, match", [
    (b"", "empty"), (b"   \n\n", "empty"), (b"\xef\xbb\xbf", "empty"), (b"\xff\xfe", "empty"),
    (bytes(range(256)) * 8, "not text"), (b"a,b\n1,2,3\n", "not a regular table"),
])
def test_read_csv_names_what_it_cannot_read(tmp_path, content, match):
    (tmp_path / "f.csv").write_bytes(content)
    with pytest.raises(DataError, match=match):
        data.read_csv(tmp_path / "f.csv")


def test_read_csv_never_guesses_ambiguous_numbers(tmp_path):
    (tmp_path / "f.csv").write_text("id;amount;mixed\nA;1,234;1,234.5\nB;20;1.234,5\n", encoding="utf-8")
    df = data.read_csv(tmp_path / "f.csv")
    assert df["amount"].tolist() == ["1,234", "20"]      # 1234 or 1.234? left as text, not guessed
    assert df["mixed"].tolist() == ["1,234.5", "1.234,5"]
    with pytest.raises(DataError, match="must hold numbers"):
        data.validate_transactions(df.assign(date="2024-01-01"), customer="id", asof="2024-12-31")


def test_load_reads_a_course_file_saved_again_by_a_spreadsheet(tmp_path, monkeypatch):
    original = data.load("taxi_trips")
    src = data.datasets_dir() / "taxi_trips.csv"
    (tmp_path / "README.md").write_text("copy\n")
    monkeypatch.setenv("CRMKIT_DATASETS", str(tmp_path))
    df = pd.read_csv(src, dtype=str, keep_default_na=False)
    dates = [c for c, col in data.spec("taxi_trips").columns.items() if col.dtype in ("date", "datetime")]
    for c in dates:
        df[c] = pd.to_datetime(df[c]).dt.strftime("%Y/%-m/%-d %H:%M:%S" if "datetime" in
                                                 data.spec("taxi_trips").columns[c].dtype else "%Y/%-m/%-d")
    for enc, sep in (("utf-16", "\t"), ("gb18030", ","), ("utf-8-sig", ";")):
        (tmp_path / "taxi_trips.csv").write_bytes(df.to_csv(index=False, sep=sep).encode(enc))
        again = data.load("taxi_trips")
        pd.testing.assert_frame_equal(again, original, check_dtype=False)


def test_load_names_an_emptied_course_file(tmp_path, monkeypatch):
    (tmp_path / "README.md").write_text("copy\n")
    monkeypatch.setenv("CRMKIT_DATASETS", str(tmp_path))
    (tmp_path / "taxi_trips.csv").write_bytes(b"")
    with pytest.raises(DataError, match="empty"):
        data.load("taxi_trips")
    (tmp_path / "taxi_trips.csv").write_text("a,b\n1,2\n")
    with pytest.raises(DataError, match="lacks the column"):
        data.load("taxi_trips")


# --- issue 23: the data layer holds the specs and names the generators ----------------------------------------

def test_loading_imports_no_generator():
    import subprocess
    import sys

    code = ("import crmkit.data as d, sys; d.load('retail_transactions'); d.list_datasets(); d.spec('survey'); "
            "d.connect().close(); print([m for m in sys.modules if 'synth' in m])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_the_catalog_names_each_generator_and_agrees_with_it():
    from crmkit import synth

    generated = synth.registry()
    assert set(data._registry()) == set(generated)
    for name, s in data._registry().items():
        g = generated[name]
        assert s.generator == g.build.__module__ if g.build is not None else s.generator.startswith("crmkit.synth.")
        assert s.filename == g.filename and s.chapters == tuple(g.chapters)
        assert {c: (col.dtype, tuple(col.categories), col.ordered) for c, col in s.columns.items()} == \
            {c: (col.dtype, tuple(col.categories), col.ordered) for c, col in g.columns.items()}
    assert synth.CATALOG_PATH.read_bytes() == synth.render_catalog(), "run `make datasets`"
