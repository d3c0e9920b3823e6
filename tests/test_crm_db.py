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


# --- issue 22: no query through data.connect() can change the course file ---------------------------------

def _file_hash():
    import hashlib

    return hashlib.sha256(data.database_path("crm").read_bytes()).hexdigest()


WRITE_ROUTES = [
    "PRAGMA query_only = OFF",
    "PRAGMA query_only = 0",
    "PRAGMA writable_schema = ON",
    "PRAGMA journal_mode = DELETE",
    "PRAGMA journal_mode = WAL",
    "PRAGMA user_version = 7",
    "PRAGMA foreign_keys = OFF",
    "ATTACH DATABASE '{db}' AS w",
    "ATTACH DATABASE '{tmp}/other.sqlite' AS w",
    "DETACH DATABASE main",
    "VACUUM",
    "VACUUM INTO '{tmp}/stolen.sqlite'",
    "CREATE TABLE notes (x)",
    "CREATE TEMP TABLE notes (x)",
    "CREATE VIEW v AS SELECT 1",
    "CREATE INDEX ix ON accounts(region)",
    "ALTER TABLE accounts ADD COLUMN x",
    "REINDEX",
    "ANALYZE",
    "DELETE FROM orders",
    "INSERT INTO stages SELECT * FROM stages",
    "SELECT load_extension('x')",
]


@pytest.mark.parametrize("sql", WRITE_ROUTES)
def test_every_write_route_is_refused_with_a_message(con, sql, tmp_path):
    before = _file_hash()
    stmt = sql.format(db=data.database_path("crm").as_posix(), tmp=tmp_path.as_posix())
    with pytest.raises(CrmkitError, match="read-only.*writable_copy"):
        con.execute(stmt)
    with pytest.raises(CrmkitError, match="read-only"):
        con.executescript(stmt + ";")
    raw = sqlite3.Cursor(con)                         # a plain cursor, bypassing the kit's messages
    with pytest.raises(sqlite3.DatabaseError):
        raw.execute(stmt)
    assert list(tmp_path.iterdir()) == []             # VACUUM INTO / ATTACH wrote no file anywhere
    assert con.execute("PRAGMA query_only").fetchone()[0] == 1
    assert [r[1] for r in con.execute("PRAGMA database_list")] == ["main"]
    assert _file_hash() == before


def test_the_issue_22_attack_changes_nothing(con):
    """query_only OFF, ATTACH the file, DELETE: the route that emptied `orders` on disk."""
    before = _file_hash()
    n = con.execute("SELECT COUNT(*) FROM orders").fetchone()[0]
    path = data.database_path("crm").as_posix()
    for stmt in ("PRAGMA query_only = OFF", f"ATTACH '{path}' AS w", "DELETE FROM orders"):
        with pytest.raises(CrmkitError, match="refused"):
            con.execute(stmt)
    with pytest.raises(sqlite3.OperationalError, match="no such table"):   # the ATTACH never happened
        con.execute("DELETE FROM w.orders")
    assert con.execute("SELECT COUNT(*) FROM orders").fetchone()[0] == n > 0
    assert _file_hash() == before


def test_the_protection_cannot_be_lifted_through_the_connection(con):
    with pytest.raises(CrmkitError, match="read-only"):
        con.set_authorizer(None)
    with pytest.raises(CrmkitError, match="read-only"):
        con.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 10)
    with pytest.raises(CrmkitError, match="read-only"):
        con.enable_load_extension(True)
    with pytest.raises(CrmkitError, match="read-only"):
        con.execute("ATTACH ':memory:' AS m")


def test_reading_still_works_including_pragmas(con):
    assert con.execute("PRAGMA table_info(accounts)").fetchall()
    assert con.execute("SELECT name FROM pragma_table_info('accounts')").fetchall()
    assert con.execute("PRAGMA foreign_key_list(contacts)").fetchall()
    assert con.execute("PRAGMA journal_mode").fetchone()
    assert con.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3) "
                       "SELECT COUNT(*) FROM n").fetchone()[0] == 3
    con.execute("BEGIN")
    con.execute("ROLLBACK")


def test_a_memory_copy_is_a_full_copy(con):
    mem = data.connect(writable_copy=":memory:")
    assert _db.digest(mem) == _db.digest(con)
    mem.execute("DELETE FROM tickets WHERE kind = 'suggestion'")
    assert _db.digest(mem) != _db.digest(con)
    mem.close()


def test_an_existing_file_is_refused_unless_the_kit_made_it(tmp_path, con):
    before = _file_hash()
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    with pytest.raises(ParameterError, match="empty file.*force=True"):
        data.connect(writable_copy=empty)
    assert empty.read_bytes() == b""                  # refused: nothing written
    full = data.connect(writable_copy=empty, force=True)      # force fills an empty file with a full copy
    assert _db.digest(full) == _db.digest(con)
    full.close()
    other = tmp_path / "mine.sqlite"
    c = sqlite3.connect(other)
    c.execute("CREATE TABLE t (x)")
    c.commit()
    c.close()
    with pytest.raises(ParameterError, match="another database"):
        data.connect(writable_copy=other)
    opened = data.connect(writable_copy=other, force=True)    # force opens it as it is, never overwrites
    assert [r[0] for r in opened.execute("SELECT name FROM sqlite_master")] == ["t"]
    opened.close()
    text = tmp_path / "notes.txt"
    text.write_text("my notes")
    with pytest.raises(CrmkitError):
        data.connect(writable_copy=text, force=True)
    assert text.read_text() == "my notes"
    assert _file_hash() == before


def test_a_link_to_the_course_file_is_refused(tmp_path):
    import os

    before = _file_hash()
    course = data.database_path("crm")
    hard = tmp_path / "hard.sqlite"
    try:
        os.link(course, hard)
    except OSError:
        pytest.skip("hard links are not possible here")
    soft = tmp_path / "soft.sqlite"
    soft.symlink_to(course)
    for target in (hard, soft, course):
        for force in (False, True):
            with pytest.raises(ParameterError, match="not the course database"):
                data.connect(writable_copy=target, force=force)
    assert _file_hash() == before


def test_a_copy_is_made_atomically_and_marked(tmp_path):
    path = tmp_path / "copy.sqlite"
    con = data.connect(writable_copy=path)
    assert con.execute("PRAGMA application_id").fetchone()[0] == data.COPY_MARK
    con.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.sqlite"]   # no temporary file left behind
