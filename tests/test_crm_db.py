"""The course's CRM database: sound, rebuilt identically, read-only through data.connect(), and
what its generator says."""

from __future__ import annotations

import sqlite3

import pytest

from crmkit import data
from crmkit.errors import CrmkitError, ParameterError
from crmkit.synth import _db, crmdb, database_registry

SPEC = database_registry()["crm"]


@pytest.fixture()
def con():
    c = data.connect()
    yield c
    c.close()


def test_the_file_is_sound_and_small(con):
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert data.database_path("crm").stat().st_size < 2_000_000
    counts = {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in SPEC.tables}
    assert all(n > 0 for n in counts.values()), counts
    assert counts["accounts"] == crmdb.N_ACCOUNTS and counts["leads"] == crmdb.N_LEADS


def test_rebuilding_gives_the_same_rows(con):
    first, second = _db.build_memory(SPEC), _db.build_memory(SPEC)
    try:
        d1, d2 = _db.digest(first), _db.digest(second)
    finally:
        first.close()
        second.close()
    assert d1 == d2
    assert _db.digest(con) == d1, "datasets/crm.sqlite differs from its generator: run `make datasets`"


@pytest.mark.parametrize("sql", [
    "DELETE FROM accounts",
    "UPDATE opportunities SET owner_id = 'S01'",
    "INSERT INTO staff VALUES ('X', 'x', 'sales', '2024-01-01', 1)",
    "DROP TABLE logins",
])
def test_students_cannot_change_the_course_copy(con, sql):
    before = _db.digest(con)
    with pytest.raises(CrmkitError, match=r"read-only.*writable_copy"):
        con.execute(sql)
    with pytest.raises(CrmkitError, match="read-only"):
        con.cursor().execute(sql)
    with pytest.raises(CrmkitError, match="read-only"):
        con.executescript(sql + ";")
    assert _db.digest(con) == before
    fresh = data.connect()
    assert _db.digest(fresh) == before
    fresh.close()


def test_reading_works_through_pandas(con):
    import pandas as pd

    df = pd.read_sql("SELECT stage, probability FROM stages ORDER BY position", con)
    assert df["stage"].tolist()[:2] == ["prospecting", "qualification"]


def test_a_writable_copy_is_one_call_away(tmp_path, con):
    path = tmp_path / "my_crm.sqlite"
    mine = data.connect(writable_copy=path)
    n = mine.execute("SELECT COUNT(*) FROM tickets").fetchone()[0]
    mine.execute("DELETE FROM tickets WHERE kind = 'suggestion'")
    mine.commit()
    assert mine.execute("SELECT COUNT(*) FROM tickets").fetchone()[0] < n
    with pytest.raises(sqlite3.IntegrityError):          # foreign keys are enforced on the copy
        mine.execute("DELETE FROM staff")
    mine.close()
    again = data.connect(writable_copy=path)              # an existing copy is reopened, not overwritten
    assert again.execute("SELECT COUNT(*) FROM tickets").fetchone()[0] < n
    again.close()
    assert con.execute("SELECT COUNT(*) FROM tickets").fetchone()[0] == n
    with pytest.raises(ParameterError, match="not the course database"):
        data.connect(writable_copy=data.database_path("crm"))
    with pytest.raises(ParameterError, match="course databases"):
        data.connect("crm2")


def test_the_data_follow_their_process(con):
    from crmkit import data as d

    cust = set(d.load("retail_customers")["customer_id"])
    accounts = {r[0] for r in con.execute("SELECT account_id FROM accounts")}
    assert accounts <= cust
    # every won opportunity has one order of the won amount on the day it was won
    rows = con.execute("""SELECT h.amount, h.entered, o.amount, o.date FROM stage_history h
                          LEFT JOIN orders o ON o.opportunity_id = h.opportunity_id WHERE h.stage = 'won'""").fetchall()
    assert rows and all(a == b and d1 == d2 for a, d1, b, d2 in rows)
    # stages are entered in order
    bad = con.execute("""SELECT COUNT(*) FROM stage_history a JOIN stage_history b USING (opportunity_id)
                         JOIN stages sa ON sa.stage = a.stage JOIN stages sb ON sb.stage = b.stage
                         WHERE sa.position < sb.position AND a.entered > b.entered""").fetchone()[0]
    assert bad == 0
    # about FOLLOW_UP of the leads made before December were followed up
    share = con.execute("""SELECT AVG(EXISTS (SELECT 1 FROM activities a WHERE a.lead_id = l.lead_id))
                           FROM leads l WHERE l.created < '2024-12-01'""").fetchone()[0]
    assert share == pytest.approx(crmdb.FOLLOW_UP, abs=0.03)
    # referrals win most often, as the source factors say
    from crmkit import crm

    assert crm.win_rates(con, "2024-12-31").index[0] == "referral"
    # the silent staff of the spec are the ones the rule finds
    assert set(crm.silent_staff(con, "2024-12-31")["staff_id"]) == set(crmdb.SILENT)


def test_readme_documents_the_database(root):
    text = (root / "datasets" / "README.md").read_text(encoding="utf-8")
    assert "## `crm`" in text and "```mermaid" in text and "erDiagram" in text
    assert 'leads |o--o| opportunities : "lead_id"' in text
    for table in SPEC.tables:
        assert f"CREATE TABLE {table} (" in text
