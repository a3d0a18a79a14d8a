"""Read facts back from the store: whole documents as the ``extract`` JSON contract, and rows.

Outputs (graph, queries, reports) read the store only through these functions, so they see the
same fact model the extractor produced.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from policyparse.errors import QueryError
from policyparse.store.writer import ABSENT, SOURCE_EXTRA


def _load(s: str | None, default: Any = None) -> Any:
    return default if s is None else json.loads(s)


def _restore(d: dict, extra_json: str) -> dict:
    extra = json.loads(extra_json or "{}")
    for k in extra.pop(ABSENT, []):
        d.pop(k, None)
    more_source = extra.pop(SOURCE_EXTRA, None)
    if more_source and isinstance(d.get("source"), dict):
        d["source"].update(more_source)
    d.update(extra)
    return d


def _source(row: sqlite3.Row) -> dict:
    return {"page": row["page"], "start": row["start"], "end": row["end"], "text": row["source_text"]}


def _depts(conn: sqlite3.Connection, doc_id: str) -> dict[tuple[str, int, str], list[dict]]:
    out: dict[tuple[str, int, str], list[dict]] = {}
    for r in conn.execute(
        "SELECT * FROM dept_mentions WHERE doc_id = ? ORDER BY owner, owner_seq, role, position", (doc_id,)
    ):
        d = {"name": r["surface"], "id": r["dept_id"], "entity": r["entity"], "score": r["score"],
             "method": r["method"]}
        if r["inferred"] is not None:
            d["inferred"] = bool(r["inferred"])
        d.update(json.loads(r["extra"] or "{}"))
        out.setdefault((r["owner"], r["owner_seq"], r["role"]), []).append(d)
    return out


def document_dict(row: sqlite3.Row) -> dict:
    """The contract's ``document`` object for a ``documents`` row."""
    extra = json.loads(row["extra"] or "{}")
    extra.pop("__top", None)
    original_path = extra.pop("__path", None)
    d = {
        "id": row["id"], "path": original_path or row["path"], "format": row["format"],
        "title": row["title"], "issuer": row["issuer"], "doc_number": row["doc_number"],
        "date": row["date"], "status": row["status"], "city": row["city"], "province": row["province"],
        "cites": json.loads(row["cites"] or "[]"), "pages": row["pages"], "status_text": row["status_text"],
    }
    return _restore(d, json.dumps(extra))


def load_facts(conn: sqlite3.Connection, doc_id: str) -> dict:
    """Rebuild the ``extract`` output of a stored document (exactly what was written)."""
    row = conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        raise QueryError(None, f"no document {doc_id} in the store")
    top = json.loads(row["extra"] or "{}").get("__top", {})
    depts = _depts(conn, doc_id)
    targets = []
    for r in conn.execute("SELECT * FROM targets WHERE doc_id = ? ORDER BY seq", (doc_id,)):
        value = r["value"]
        if value is not None and r["value_is_int"]:
            value = int(value)
        t = {
            "id": r["fact_id"], "indicator": r["indicator"], "indicator_id": r["indicator_id"],
            "value": value, "unit": r["unit"], "comparator": r["comparator"], "year": r["year"],
            "baseline": _load(r["baseline"]), "qualitative": r["qualitative"], "scope": r["scope"],
            "lead": depts.get(("target", r["seq"], "lead"), []),
            "responsible": depts.get(("target", r["seq"], "responsible"), []),
            "flags": json.loads(r["flags"]), "item": r["item"], "source": _source(r),
        }
        targets.append(_restore(t, r["extra"]))
    assignments = []
    for r in conn.execute("SELECT * FROM assignments WHERE doc_id = ? ORDER BY seq", (doc_id,)):
        a = {
            "id": r["fact_id"], "item": r["item"], "kind": r["kind"], "indicator_id": r["indicator_id"],
            "deadline": _load(r["deadline"]),
            "lead": depts.get(("assignment", r["seq"], "lead"), []),
            "responsible": depts.get(("assignment", r["seq"], "responsible"), []),
            "flags": json.loads(r["flags"]), "source": _source(r),
        }
        assignments.append(_restore(a, r["extra"]))
    unmatched = []
    for r in conn.execute("SELECT * FROM unmatched WHERE doc_id = ? ORDER BY seq", (doc_id,)):
        u = {"name": r["name"], "kind": r["kind"], "candidates": json.loads(r["candidates"]),
             "source": _load(r["source"])}
        unmatched.append(_restore(u, r["extra"]))
    facts = dict(top)
    facts.update({"document": document_dict(row), "targets": targets, "assignments": assignments,
                  "unmatched": unmatched})
    return facts


def document_ids(conn: sqlite3.Connection, *, include_failed: bool = False) -> list[str]:
    sql = "SELECT id FROM documents"
    if not include_failed:
        sql += " WHERE ingest_status = 'ok'"
    return [r[0] for r in conn.execute(sql + " ORDER BY path")]


def iter_facts(conn: sqlite3.Connection) -> list[dict]:
    """Facts of every successfully ingested document, ordered by path."""
    return [load_facts(conn, i) for i in document_ids(conn)]


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Row counts of the store (ok documents only for ``documents``)."""
    q = {
        "documents": "SELECT count(*) FROM documents WHERE ingest_status = 'ok'",
        "failed_documents": "SELECT count(*) FROM documents WHERE ingest_status = 'failed'",
        "targets": "SELECT count(*) FROM targets",
        "assignments": "SELECT count(*) FROM assignments",
        "dept_mentions": "SELECT count(*) FROM dept_mentions",
        "unmatched": "SELECT count(*) FROM unmatched",
        "failures": "SELECT count(*) FROM failures",
    }
    return {k: conn.execute(v).fetchone()[0] for k, v in q.items()}


def failures(conn: sqlite3.Connection) -> list[dict]:
    return [dict(r) for r in conn.execute("SELECT * FROM failures ORDER BY path")]


def resolve_document(conn: sqlite3.Connection, ref: str) -> str:
    """Find one ok document by id, id prefix, path, file name or file-name prefix.

    Raises :class:`QueryError` naming the candidates when ``ref`` matches several documents, or
    none.
    """
    rows = conn.execute("SELECT id, path FROM documents WHERE ingest_status = 'ok'").fetchall()
    ref_s = str(ref)
    try:
        ref_resolved = str(Path(ref_s).resolve())
    except OSError:  # pragma: no cover
        ref_resolved = ref_s
    tests = [
        lambda i, p: i == ref_s.lower(),
        lambda i, p: p in (ref_s, ref_resolved),
        lambda i, p: len(ref_s) >= 6 and i.startswith(ref_s.lower()),
        lambda i, p: Path(p).name == ref_s,
        lambda i, p: p.endswith("/" + ref_s.lstrip("./")),
        lambda i, p: Path(p).name.startswith(ref_s),
    ]
    for test in tests:
        hits = sorted({(r["id"], r["path"]) for r in rows if test(r["id"], r["path"])}, key=lambda x: x[1])
        if len(hits) == 1:
            return hits[0][0]
        if len(hits) > 1:
            listing = "; ".join(f"{i[:12]} {p}" for i, p in hits)
            raise QueryError(None, f"document reference {ref_s!r} is ambiguous: {listing}")
    raise QueryError(None, f"no document in the store matches {ref_s!r}")
