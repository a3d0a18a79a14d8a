"""store/schema.py: versioned migrations with PRAGMA user_version."""

from __future__ import annotations

import sqlite3

import pytest

from policyparse.errors import StoreError
from policyparse.store.schema import MIGRATIONS, SCHEMA_VERSION, connect


def test_new_store_is_at_the_latest_version(tmp_path):
    conn = connect(tmp_path / "s.sqlite")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"documents", "blocks", "targets", "assignments", "dept_mentions", "unmatched", "failures"} <= tables
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"targets_indicator", "documents_city", "dept_mentions_dept"} <= indexes


def test_reopening_does_not_migrate_again(tmp_path):
    connect(tmp_path / "s.sqlite").close()
    conn = connect(tmp_path / "s.sqlite")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_newer_store_is_refused(tmp_path):
    p = tmp_path / "s.sqlite"
    raw = sqlite3.connect(p)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    with pytest.raises(StoreError, match="newer"):
        connect(p)


def test_a_file_that_is_not_sqlite_is_a_store_error(tmp_path):
    p = tmp_path / "s.sqlite"
    p.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError) as e:
        connect(p)
    assert str(p) in str(e.value)


def test_missing_store_without_create(tmp_path):
    with pytest.raises(StoreError, match="ingest"):
        connect(tmp_path / "none.sqlite", create=False)
