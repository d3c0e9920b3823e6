"""crmkit.owndata: the data contract on the messy export finds each planted problem, reports them all at once,
reads every kind of file, and changes nothing on disk."""

from __future__ import annotations

import sqlite3

import pandas as pd
import pytest

from crmkit import owndata
from crmkit.errors import DataError, ParameterError
from crmkit.synth import messy

from .conftest import ROOT

MESSY = ROOT / "datasets" / "messy_export.csv"
COLUMNS = {"customer": "cust", "date": "order_date", "amount": "total", "currency": "ccy", "asof": messy.ASOF}


@pytest.fixture(scope="module")
def raw():
    return pd.read_csv(MESSY, dtype=str, keep_default_na=False, na_values=[""])


@pytest.fixture(scope="module")
def report():
    return owndata.check_transactions(MESSY, **COLUMNS)


def _line_of(raw, order_no) -> int:
    """The file line of the (last) row with this order number (the header is line 1)."""
    return int(raw.index[raw["order_no"] == order_no][-1]) + 2


@pytest.mark.parametrize("problem", sorted(messy.PLANTED))
def test_each_planted_problem_is_reported_with_its_line(report, raw, problem):
    row = report[report["problem"] == problem]
    assert len(row) == 1, f"{problem} not reported: {report['problem'].tolist()}"
    line = _line_of(raw, messy.PLANTED[problem])
    assert str(line) in row["where"].iloc[0].replace(",", " ").split(), (problem, line, row["where"].iloc[0])
    assert row["fix"].iloc[0]


def test_only_the_planted_problems_and_all_in_one_error(report):
    assert set(report["problem"]) == set(messy.PLANTED)
    with pytest.raises(DataError) as err:
        owndata.read_transactions(MESSY, **COLUMNS)
    msg = str(err.value)
    assert f"in {len(messy.PLANTED)} ways" in msg and "nothing was changed on disk" in msg
    for problem in messy.PLANTED:
        assert f"[{problem}]" in msg


def test_the_fixes_give_a_clean_table_and_leave_the_file_as_it_was(raw):
    before = MESSY.read_bytes()
    fixed = raw[~raw["order_no"].isin([messy.PLANTED[p] for p in ("missing_id", "bad_date", "orphan_return")])].copy()
    fixed["cust"] = fixed["cust"].str.strip().str.upper()
    fixed.loc[fixed["order_no"] == messy.PLANTED["future_date"], "order_date"] = "2024-11-20"
    fixed.loc[fixed["order_no"] == messy.PLANTED["bad_amount"], "total"] = "1280"
    clean = owndata.read_transactions(fixed, **COLUMNS, dayfirst=True, timezone="Asia/Shanghai",
                                      rates={"USD": messy.USD_RATE}, duplicates="drop")
    assert MESSY.read_bytes() == before
    assert list(clean.columns) == ["customer_id", "date", "amount", "currency"]
    assert len(clean) == len(fixed) - 1  # the copied row dropped
    assert clean.loc[clean["currency"] == "USD", "amount"].between(50, 5000).all()  # converted to CNY
    when = clean["date"][fixed["order_no"].eq(messy.PLANTED["mixed_time_zones"]).to_numpy()[:len(clean)]]
    assert (clean["date"] == pd.Timestamp("2024-05-01 10:00")).any()  # 02:00 UTC is 10:00 in Shanghai
    assert when.empty or when.iloc[0] == pd.Timestamp("2024-05-01 10:00")
    assert (clean["date"] == pd.Timestamp("2024-06-05")).any()  # 05/06/2024 read day-first
    assert (clean["amount"] < 0).sum() == 3  # the ordinary returns are kept


def test_missing_columns_are_named_with_the_columns_there_are():
    with pytest.raises(DataError, match=r"missing_column.*customer='customer_id'.*cust, order_date"):
        owndata.read_transactions(MESSY, date="order_date", amount="total")


@pytest.mark.parametrize("kind", ["xlsx", "parquet", "sqlite", "duckdb"])
def test_every_kind_of_file_reads_to_the_same_table(tmp_path, kind):
    df = pd.DataFrame({"who": ["A", "B", "A"], "day": ["2024-01-05", "2024-01-06", "2024-02-01"],
                       "paid": [10.0, 20.0, -5.0]})
    path = tmp_path / f"tx.{kind}"
    if kind == "xlsx":
        df.to_excel(path, index=False)
    elif kind == "parquet":
        df.to_parquet(path)
    elif kind == "sqlite":
        with sqlite3.connect(path) as con:
            df.to_sql("orders", con, index=False)
        con.close()
    else:
        import duckdb

        con = duckdb.connect(str(path))
        con.execute("CREATE TABLE orders AS SELECT * FROM df")
        con.close()
    before = path.read_bytes()
    out = owndata.read_transactions(path, customer="who", date="day", amount="paid", asof="2024-12-31")
    assert out["amount"].tolist() == [10.0, 20.0, -5.0]
    assert out["date"].iloc[2] == pd.Timestamp("2024-02-01")
    assert path.read_bytes() == before


def test_a_database_with_several_tables_needs_its_name(tmp_path):
    path = tmp_path / "shop.sqlite"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE a (x)")
        con.execute("CREATE TABLE b (x)")
    con.close()
    with pytest.raises(ParameterError, match="2 tables"):
        owndata.read_transactions(path)
    with pytest.raises(DataError, match="no table 'c'"):
        owndata.read_transactions(path, table="c")
    with pytest.raises(ParameterError):
        owndata.read_transactions(path, table="a; DROP TABLE b")
