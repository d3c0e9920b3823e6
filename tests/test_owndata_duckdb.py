"""Out-of-core tables (crmkit._duck): rfm_table and clv.summarize on a Parquet/CSV path or a DuckDB relation give
the pandas path's result; their checks name what is wrong."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmkit import clv, loyalty, segment
from crmkit.errors import DataError, ParameterError


@st.composite
def transactions(draw):
    n = draw(st.integers(1, 40))
    customers = draw(st.lists(st.sampled_from([f"c{i}" for i in range(8)]), min_size=n, max_size=n))
    days = draw(st.lists(st.integers(0, 300), min_size=n, max_size=n))
    minutes = draw(st.lists(st.integers(0, 24 * 60 - 1), min_size=n, max_size=n))
    # whole yuan, returns and zero amounts included: sums are exact in any order, so tables compare exactly
    amounts = draw(st.lists(st.integers(-300, 3000).map(float), min_size=n, max_size=n))
    tx = pd.DataFrame({"cust": customers, "when": pd.Timestamp("2023-01-01") + pd.to_timedelta(days, "D")
                       + pd.to_timedelta(minutes, "min"), "amount": amounts})
    if not (tx["amount"] > 0).any():
        tx.loc[0, "amount"] = 10.0
    return tx


def _same(a: pd.DataFrame, b: pd.DataFrame):
    pd.testing.assert_frame_equal(a, b, check_index_type=False, check_exact=False, rtol=1e-12)
    assert list(a.index) == list(b.index) and a.index.name == b.index.name


def _both(fn, tx, tmp_path, **kw):
    """The pandas result (or its error class) and the same from a Parquet file and a DuckDB relation (a CSV
    file is read in the test of the checks below)."""
    path = tmp_path / "tx.parquet"
    tx.to_parquet(path)
    outs = []
    for src in (tx, path, duckdb.from_df(tx)):
        try:
            outs.append(fn(src, customer="cust", date="when", **kw))
        except (DataError, ParameterError) as exc:
            outs.append(type(exc))
    return outs


@settings(max_examples=8, deadline=None)
@given(transactions(), st.sampled_from([None, "2023-06-01", "2023-01-01"]))
def test_rfm_table_in_duckdb_equals_the_pandas_path(tmp_path_factory, tx, asof):
    outs = _both(segment.rfm_table, tx, tmp_path_factory.mktemp("rfm"), asof=asof)
    for out in outs[1:]:
        if isinstance(outs[0], type):
            assert out is outs[0]
        else:
            _same(out, outs[0])


@settings(max_examples=8, deadline=None)
@given(transactions(), st.sampled_from([None, "2023-06-01"]), st.sampled_from(["W", "D"]))
def test_summarize_in_duckdb_equals_the_pandas_path(tmp_path_factory, tx, asof, freq):
    outs = _both(clv.summarize, tx, tmp_path_factory.mktemp("sum"), asof=asof, freq=freq)
    for out in outs[1:]:
        if isinstance(outs[0], type):
            assert out is outs[0]
        else:
            _same(out, outs[0])


@settings(max_examples=8, deadline=None)
@given(transactions(), st.sampled_from([None, "2023-06-01"]), st.sampled_from(["value", "count"]))
def test_abc_classes_of_a_file_equal_those_of_the_rfm_tables_monetary_value(tmp_path_factory, tx, asof, by):
    """ABC on a file of transactions: each customer's net spend before asof, classified as the pandas path
    classifies rfm_table(...)["monetary"] (ties in the same order, so the same classes at a boundary)."""
    try:
        expected = segment.abc_classes(segment.rfm_table(tx, customer="cust", date="when", asof=asof)["monetary"],
                                       by=by)
    except (DataError, ParameterError) as exc:
        expected = type(exc)
    path = tmp_path_factory.mktemp("abc") / "tx.parquet"
    tx.to_parquet(path)
    for src in (path, duckdb.from_df(tx)):
        try:
            out = segment.abc_classes(src, by=by, customer="cust", date="when", asof=asof)
        except (DataError, ParameterError) as exc:
            out = type(exc)
        if isinstance(expected, type):
            assert out is expected
        else:
            _same(out, expected)


def test_abc_classes_of_values_refuse_the_file_only_arguments():
    with pytest.raises(ParameterError, match="already one number per customer"):
        segment.abc_classes(pd.Series([3.0, 1.0], index=["a", "b"]), customer="cust")


def test_duckdb_path_names_missing_ids_unreadable_dates_and_amounts_at_once(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("cust,when,amount\nA,2024-01-05,10\n,2024-01-06,5\nB,2024-13-45,7\nC,2024-01-07,abc\n")
    with pytest.raises(DataError) as err:
        segment.rfm_table(path, customer="cust", date="when")
    msg = str(err.value)
    assert "1 row(s) have no customer id" in msg and "unreadable date" in msg and "unreadable" in msg.split("date")[-1]


def test_duckdb_path_refuses_missing_columns_and_other_files(tmp_path):
    path = tmp_path / "tx.parquet"
    pd.DataFrame({"cust": ["a"], "when": [pd.Timestamp("2024-01-01")], "amount": [1.0]}).to_parquet(path)
    with pytest.raises(DataError, match="no column 'customer_id'.*cust"):
        segment.rfm_table(path)
    with pytest.raises(ParameterError, match=r"\.parquet or \.csv"):
        clv.summarize(tmp_path / "tx.xlsx", customer="cust", date="when")
    with pytest.raises(DataError, match="no file"):
        segment.rfm_table(tmp_path / "none.parquet", customer="cust", date="when")
    assert np.isclose(segment.rfm_table(path, customer="cust", date="when")["monetary"].iloc[0], 1.0)
    csv = tmp_path / "tx.csv"
    csv.write_text("cust,when,amount\nA,2024-01-05 10:30:00,10\nA,2024-01-05,5\nB,2024-02-01,-3\nB,2024-01-06,7\n")
    _same(segment.rfm_table(csv, customer="cust", date="when"),
          segment.rfm_table(pd.read_csv(csv, parse_dates=["when"]), customer="cust", date="when"))


@st.composite
def contracts(draw):
    n = draw(st.integers(1, 30))
    starts = draw(st.lists(st.integers(0, 700), min_size=n, max_size=n))
    lives = draw(st.lists(st.one_of(st.none(), st.integers(0, 400)), min_size=n, max_size=n))
    s = pd.Timestamp("2022-01-01") + pd.to_timedelta(starts, "D")
    e = [None if life is None else s[i] + pd.Timedelta(days=life) for i, life in enumerate(lives)]
    return pd.DataFrame({"start_date": s, "end_date": pd.to_datetime(pd.Series(e, dtype=object))})


@settings(max_examples=8, deadline=None)
@given(contracts(), st.sampled_from(["M", "Q"]), st.sampled_from([None, "2024-06-30"]))
def test_cohort_table_in_duckdb_equals_the_pandas_path(tmp_path_factory, c, freq, asof):
    path = tmp_path_factory.mktemp("coh") / "c.parquet"
    c.to_parquet(path)
    outs = []
    for src in (c, path, duckdb.from_df(c)):
        try:
            outs.append(loyalty.cohort_table(src, periods=6, freq=freq, asof=asof))
        except (DataError, ParameterError) as exc:
            outs.append(type(exc))
    for out in outs[1:]:
        if isinstance(outs[0], type):
            assert out is outs[0]
        else:
            _same(out, outs[0])


def test_duckdb_spills_into_a_folder_of_its_own_and_removes_only_that(tmp_path, monkeypatch):
    """DuckDB's default spill folder is .tmp in the working directory (a notebook's: the user's own folder). The
    kit's connection spills under the system's temporary folder, into a folder it made, removed at the end."""
    from crmkit import _duck

    work, temp = tmp_path / "work", tmp_path / "temp"
    work.mkdir(), temp.mkdir()
    (temp / "someone-elses").mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setattr("tempfile.tempdir", str(temp))
    seen = []
    real_close = _duck._Connection.close

    def close(self):
        seen.append(self.con.execute("SELECT current_setting('temp_directory')").fetchone()[0])
        real_close(self)

    monkeypatch.setattr(_duck._Connection, "close", close)
    pd.DataFrame({"cust": ["a", "b"], "when": pd.to_datetime(["2024-01-01", "2024-01-02"]),
                  "amount": [1.0, 2.0]}).to_parquet(work / "tx.parquet")
    assert len(segment.rfm_table("tx.parquet", customer="cust", date="when")) == 2
    assert len(seen) == 1 and seen[0].startswith(str(temp / "crmkit-duckdb-"))
    assert sorted(p.name for p in work.iterdir()) == ["tx.parquet"]  # no .tmp beside the user's files
    assert [p.name for p in temp.iterdir()] == ["someone-elses"]  # its own folder gone, nothing else touched


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_large_file_shows_a_progress_bar_under_the_notebook_cell(tmp_path, monkeypatch, lang):
    """In a notebook, a file of at least PROGRESS_BYTES gets a bar that names each step and ends done; a smaller
    one shows nothing (outputs depend on the file, never on the machine's speed)."""
    import IPython.display
    import ipywidgets as W

    from crmkit import _duck, i18n

    shown = []

    def display(box):
        bar, label = box.children
        steps = [label.value]
        label.observe(lambda change: steps.append(change["new"]), "value")
        shown.append((bar, steps))

    monkeypatch.setattr(IPython.display, "display", display)
    monkeypatch.setattr(_duck, "_in_notebook", lambda: True)
    path = tmp_path / "tx.parquet"
    pd.DataFrame({"cust": ["a", "b", "a"], "when": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-05"]),
                  "amount": [1.0, 2.0, 3.0]}).to_parquet(path)
    assert path.stat().st_size < _duck.PROGRESS_BYTES
    segment.rfm_table(path, customer="cust", date="when")
    assert shown == []  # below the size: no output at all

    monkeypatch.setattr(_duck, "PROGRESS_BYTES", 1)
    i18n.set_language(lang)
    try:
        out = segment.rfm_table(path, customer="cust", date="when")
    finally:
        i18n.set_language("en")
    assert list(out.index) == ["a", "b"]
    (bar, steps), = shown
    assert isinstance(bar, W.FloatProgress) and bar.value == 100.0 and bar.bar_style == "success"
    assert steps[1:] == [i18n.t(k, lang, name="tx.parquet") for k in
                         ("owndata.progress_checks", "owndata.progress_table", "owndata.progress_done")]
    assert ("tx.parquet" in steps[-1]) and (("完成" in steps[-1]) == (lang == "zh"))
    assert not any(t.name == "crmkit-duckdb-progress" and t.is_alive() for t in __import__("threading").enumerate())

    shown.clear()  # a file that fails its checks: the bar says stopped, never done
    bad = tmp_path / "bad.parquet"
    pd.DataFrame({"cust": ["a", None], "when": pd.to_datetime(["2024-01-01", "2024-01-02"]),
                  "amount": [1.0, 2.0]}).to_parquet(bad)
    with pytest.raises(DataError, match="no customer id"):
        segment.rfm_table(bad, customer="cust", date="when")
    (bar, steps), = shown
    assert bar.bar_style == "danger" and bar.value < 100.0
    assert steps[-1] == i18n.t("owndata.progress_failed", name="bad.parquet")
