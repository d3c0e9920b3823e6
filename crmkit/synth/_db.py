"""Databases among the course data (课程数据库): a spec, a builder, a content digest, a diagram.

A module of :mod:`crmkit.synth` may declare ``DATABASES = [DatabaseSpec(...)]`` beside its
``DATASETS``. ``build()`` returns one DataFrame per table; :func:`write` creates the file from
``schema`` (keys, constraints, indexes) and fills it in foreign-key order. Two builds are compared
by :func:`digest` -- a SHA-256 of the schema and of every table's rows in key order -- not by file
bytes, which SQLite does not promise to repeat.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

import pandas as pd

__all__ = ["DatabaseSpec", "write", "digest", "mermaid", "render_section"]


@dataclass(frozen=True)
class DatabaseSpec:
    """A SQLite database of the course: file, schema, table descriptions and how to rebuild it."""

    name: str
    title: str
    description: str
    schema: str  # CREATE TABLE / CREATE INDEX statements
    tables: Mapping[str, str]  # table -> what one row is, in fill order
    build: Callable[[], Mapping[str, pd.DataFrame]]
    true_parameters: Mapping[str, object] = field(default_factory=dict)
    chapters: tuple = ()

    @property
    def filename(self) -> str:
        return f"{self.name}.sqlite"


def _fill(con: sqlite3.Connection, spec: DatabaseSpec, frames: Mapping[str, pd.DataFrame]) -> None:
    con.execute("PRAGMA foreign_keys = ON")
    con.executescript(spec.schema)
    for table in spec.tables:
        df = frames[table]
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
        df = df[cols].astype(object).where(df[cols].notna(), None)
        marks = ", ".join("?" * len(cols))
        con.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", df.itertuples(index=False, name=None))
    con.commit()
    bad = con.execute("PRAGMA foreign_key_check").fetchall()
    if bad:
        raise RuntimeError(f"{spec.name}: rows break foreign keys, e.g. {bad[:3]}")


def build_memory(spec: DatabaseSpec) -> sqlite3.Connection:
    """The database built in memory (for ``--check``)."""
    con = sqlite3.connect(":memory:")
    _fill(con, spec, spec.build())
    return con


def write(spec: DatabaseSpec, path: Path) -> None:
    """Build the database into ``path`` (replacing it), compacted, via a temporary file."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(suffix=".sqlite", dir=path.parent)
    os.close(fd)
    os.unlink(tmp)
    try:
        con = sqlite3.connect(tmp)
        try:
            con.execute("PRAGMA page_size = 4096")
            _fill(con, spec, spec.build())
            con.execute("VACUUM")
        finally:
            con.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def digest(con: sqlite3.Connection) -> str:
    """SHA-256 of the schema and of every table's rows, each table read in the order of all its columns."""
    h = hashlib.sha256()
    for name, sql in con.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name"):
        h.update(f"{name}\x00{sql}\x00".encode())
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    for t in tables:
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({t})")]
        order = ", ".join(f'"{c}"' for c in cols)
        h.update(f"\x01{t}\x00".encode())
        for row in con.execute(f'SELECT {order} FROM "{t}" ORDER BY {order}'):
            h.update(repr(row).encode())
    return h.hexdigest()


def file_digest(path: Path) -> str | None:
    """The digest of a database file opened read-only, or None when missing or unreadable."""
    path = Path(path)
    if not path.is_file():
        return None
    try:
        con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
        try:
            return digest(con)
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return None


def _schema_connection(spec: DatabaseSpec) -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    con.executescript(spec.schema)
    return con


def mermaid(spec: DatabaseSpec) -> str:
    """An entity-relationship diagram (mermaid ``erDiagram``) read from the schema's keys."""
    con = _schema_connection(spec)
    lines = ["erDiagram"]
    for t in spec.tables:
        for fk in con.execute(f"PRAGMA foreign_key_list({t})").fetchall():
            parent, col = fk[2], fk[3]
            notnull = {r[1]: r[3] for r in con.execute(f"PRAGMA table_info({t})")}[col]
            unique = any(
                [c[2] for c in con.execute(f"PRAGMA index_info('{ix[1]}')")] == [col]
                for ix in con.execute(f"PRAGMA index_list({t})") if ix[2]
            )
            left = "||" if notnull else "|o"
            right = "o|" if unique else "o{"
            lines.append(f'    {parent} {left}--{right} {t} : "{col}"')
    for t in spec.tables:
        info = con.execute(f"PRAGMA table_info({t})").fetchall()
        fks = {fk[3] for fk in con.execute(f"PRAGMA foreign_key_list({t})")}
        lines.append(f"    {t} {{")
        for _, col, kind, _notnull, _default, pk in info:
            keys = ",".join(k for k, on in (("PK", pk), ("FK", col in fks)) if on)
            lines.append(f"        {(kind or 'TEXT').lower()} {col}{' ' + keys if keys else ''}")
        lines.append("    }")
    con.close()
    return "\n".join(lines)


def render_section(spec: DatabaseSpec) -> list[str]:
    """The README lines of one database: description, tables, diagram, schema, true parameters."""
    lines = ["", f"## `{spec.name}` — {spec.title}", "", spec.description.strip(), ""]
    lines += ["| table | one row is |", "|---|---|"]
    for t, what in spec.tables.items():
        lines.append(f"| `{t}` | {what} |")
    lines += ["", "Entity diagram (generated from the schema's keys):", "", "```mermaid", mermaid(spec), "```"]
    schema = re.sub(r"\n{2,}", "\n", spec.schema.strip())
    lines += ["", "Schema (keys and constraints; the file holds exactly this):", "", "```sql", schema, "```"]
    if spec.true_parameters:
        lines += ["", "True parameters of the generating process:", ""]
        for k, val in spec.true_parameters.items():
            lines.append(f"- `{k}` = {val}")
    return lines
