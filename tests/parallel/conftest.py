"""Fixtures: the corpus ingested once by the single-process ingest (the reference store)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
TABLES = ("documents", "blocks", "targets", "assignments", "dept_mentions", "unmatched", "failures")
VOLATILE = {"ingested_at", "failed_at"}  # timestamps differ between runs


def dump(store: Path) -> dict[str, list[tuple]]:
    """Every row of every table (timestamps left out), in a canonical order."""
    conn = sqlite3.connect(store)
    try:
        out = {}
        for table in TABLES:
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in VOLATILE]
            sel = ", ".join(f'"{c}"' for c in cols)
            out[table] = sorted(conn.execute(f"SELECT {sel} FROM {table}").fetchall(), key=repr)
        return out
    finally:
        conn.close()


@pytest.fixture(scope="session")
def single_store(tmp_path_factory) -> Path:
    from policyparse.store.ingest import ingest

    store = tmp_path_factory.mktemp("single") / "single.sqlite"
    summary = ingest([CORPUS], store, progress=False)
    assert summary.documents == 20 and not summary.failures
    return store
