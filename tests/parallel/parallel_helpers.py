"""Helpers of the parallel tests (a module with its own name: every test folder has a conftest)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
# The seed documents in their four renderings (corpus/heldout/ is the evaluation set, not ingested here)
SEED_FILES = sorted(p for p in CORPUS.iterdir() if p.is_file() and p.suffix in (".txt", ".docx", ".pdf", ".html"))
TABLES = ("documents", "blocks", "targets", "assignments", "dept_mentions", "unmatched", "failures",
          "indicator_leads")
VOLATILE = {"ingested_at", "failed_at"}  # timestamps differ between runs


def dump(store: Path, paths: list[Path] | None = None) -> dict[str, list[tuple]]:
    """Every row of every table (timestamps left out), in a canonical order; only the rows of the
    documents at ``paths`` when given."""
    conn = sqlite3.connect(store)
    try:
        out = {}
        where, args = "", []
        if paths is not None:
            keys = [str(Path(p).resolve()) for p in paths]
            ids = [r[0] for r in conn.execute(
                f"SELECT id FROM documents WHERE path IN ({','.join('?' * len(keys))})", keys)]
            where = f" WHERE {{col}} IN ({','.join('?' * len(ids))})"
            args = ids
        for table in TABLES:
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in VOLATILE]
            sel = ", ".join(f'"{c}"' for c in cols)
            cond = where.format(col="id" if table == "documents" else "doc_id") if paths is not None else ""
            out[table] = sorted(conn.execute(f"SELECT {sel} FROM {table}{cond}", args).fetchall(), key=repr)
        return out
    finally:
        conn.close()
