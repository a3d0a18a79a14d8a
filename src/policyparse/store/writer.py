"""Write one document's facts into the store, atomically.

:func:`write_document` runs in ONE ``BEGIN IMMEDIATE`` ... ``COMMIT`` transaction: it deletes the
previous facts of the same path (or the same content) and inserts the new ones; any exception
(including ``KeyboardInterrupt``) rolls back, so the store keeps its previous state for that
document. ``hook(stage, doc_id)`` is called inside the transaction after each stage
(``"document"``, ``"blocks"``, ``"targets"``, ``"assignments"``, ``"unmatched"``): tests use it to
crash a write half-way. The document's ``indicator_leads`` rows are recomputed with its
assignments.

The facts are the ``extract`` JSON contract (``policyparse/schema/extract.schema.json``). Every
field has a column; fields this version does not know go to the row's ``extra`` JSON, and optional
keys that were absent are remembered, so :func:`policyparse.store.reader.load_facts` gives back
exactly the dict that was written.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from policyparse.gazetteer.normalize import target_indicator_key
from policyparse.model import Document
from policyparse.store.leads import refresh_leads

Hook = Callable[[str, str], None]

DOC_KEYS = ("id", "path", "format", "title", "issuer", "doc_number", "date", "status", "city", "province")
DOC_OPTIONAL = ("cites", "pages", "status_text")
TARGET_KEYS = (
    "indicator", "indicator_id", "value", "unit", "comparator", "year", "baseline", "qualitative",
    "scope", "lead", "responsible", "flags", "source",
)
TARGET_OPTIONAL = ("id", "item")
ASSIGNMENT_KEYS = ("item", "kind", "indicator_id", "deadline", "lead", "responsible", "flags", "source")
ASSIGNMENT_OPTIONAL = ("id",)
DEPT_KEYS = ("name", "id", "entity", "score", "method")
SOURCE_KEYS = ("page", "start", "end", "text")
UNMATCHED_KEYS = ("name", "candidates")
UNMATCHED_OPTIONAL = ("kind", "source")

MENTION_INSERT = "INSERT INTO dept_mentions VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
ABSENT = "__absent"
SOURCE_EXTRA = "__source"


def _j(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _extra(d: dict, known: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict:
    extra = {k: v for k, v in d.items() if k not in known and k not in optional}
    absent = [k for k in optional if k not in d]
    if absent:
        extra[ABSENT] = absent
    return extra


def _source(d: dict) -> tuple[Any, Any, Any, Any, dict]:
    src = d.get("source") or {}
    more = {k: v for k, v in src.items() if k not in SOURCE_KEYS}
    return src.get("page"), src.get("start"), src.get("end"), src.get("text"), more


def _value(v: Any) -> tuple[float | None, int]:
    if v is None:
        return None, 0
    return float(v), int(isinstance(v, int) and not isinstance(v, bool))


def _depts(doc_id: str, owner: str, seq: int, fact: dict) -> list[tuple]:
    """The ``dept_mentions`` rows of one fact."""
    rows = []
    for role in ("lead", "responsible"):
        for pos, dept in enumerate(fact.get(role) or []):
            inferred = dept.get("inferred")
            extra = {k: v for k, v in dept.items() if k not in DEPT_KEYS + ("inferred",)}
            rows.append((
                doc_id, owner, seq, role, pos, dept.get("name", ""), dept.get("id"),
                dept.get("entity"), dept.get("score"), dept.get("method"),
                None if inferred is None else int(bool(inferred)), _j(extra) if extra else "{}",
            ))
    return rows


def _delete_previous(conn: sqlite3.Connection, doc_id: str, path: str) -> int:
    cur = conn.execute("DELETE FROM documents WHERE path = ? OR id = ?", (path, doc_id))
    return cur.rowcount


def write_document(
    conn: sqlite3.Connection,
    facts: dict,
    document: Document | None = None,
    *,
    path: str | None = None,
    hook: Hook | None = None,
) -> bool:
    """Replace the stored facts of this document (by path or content) with ``facts``.

    Returns True when an older version was replaced. ``document`` (optional) supplies blocks and
    reader warnings; without it, the blocks and warnings already stored for this document id are
    kept (so re-applied gazetteers can be written back with ``write_document(conn,
    load_facts(conn, id) edited, path=stored_path)``). ``path`` overrides
    ``facts["document"]["path"]`` as the stored path.
    """
    doc = facts["document"]
    doc_id = doc["id"]
    stored_path = path or doc["path"]
    hook = hook or (lambda stage, doc_id: None)
    conn.execute("BEGIN IMMEDIATE")
    try:
        kept_blocks: list = []
        kept_warnings = None
        if document is None:  # re-writing facts only (e.g. renormalised): keep blocks and warnings
            kept_blocks = conn.execute("SELECT * FROM blocks WHERE doc_id = ?", (doc_id,)).fetchall()
            row = conn.execute("SELECT warnings FROM documents WHERE id = ?", (doc_id,)).fetchone()
            kept_warnings = row[0] if row is not None else None
        replaced = _delete_previous(conn, doc_id, stored_path) > 0
        extra = _extra(doc, DOC_KEYS, DOC_OPTIONAL)
        if stored_path != doc["path"]:
            extra["__path"] = doc["path"]
        extra_top = {k: v for k, v in facts.items()
                     if k not in ("document", "targets", "assignments", "unmatched")}
        if extra_top:
            extra["__top"] = extra_top
        conn.execute(
            "INSERT INTO documents (id, path, format, title, issuer, doc_number, date, status, status_text,"
            " city, province, cites, pages, ingest_status, error, warnings, extra, ingested_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,'ok',NULL,?,?,?)",
            (
                doc_id, stored_path, doc.get("format"), doc.get("title"), doc.get("issuer"),
                doc.get("doc_number"), doc.get("date"), doc.get("status"), doc.get("status_text"),
                doc.get("city"), doc.get("province"), _j(doc.get("cites") or []), doc.get("pages"),
                _j(list(document.warnings)) if document is not None else (kept_warnings or "[]"),
                _j(extra), now(),
            ),
        )
        hook("document", doc_id)
        if kept_blocks:
            conn.executemany("INSERT INTO blocks VALUES (?,?,?,?,?,?,?,?,?,?,?)", [tuple(r) for r in kept_blocks])
        if document is not None:
            conn.executemany(
                'INSERT INTO blocks VALUES (?,?,?,?,?,?,?,?,?,?,?)',
                [
                    (
                        doc_id, b.index, str(b.kind), b.text, b.start, b.end, b.page, b.level,
                        b.number, b.section,
                        _j(b.to_dict()["rows"]) if b.rows is not None else None,
                    )
                    for b in document.blocks
                ],
            )
        hook("blocks", doc_id)
        rows, mentions = [], []
        for seq, t in enumerate(facts.get("targets") or []):
            page, start, end, text, more = _source(t)
            extra = _extra(t, TARGET_KEYS, TARGET_OPTIONAL)
            if more:
                extra[SOURCE_EXTRA] = more
            value, is_int = _value(t.get("value"))
            base = t.get("baseline")
            rows.append(
                (
                    doc_id, seq, t.get("id"), t.get("indicator", ""), t.get("indicator_id"), value, is_int,
                    t.get("unit"), t.get("comparator"), t.get("year"),
                    None if base is None else _j(base),
                    None if not base or base.get("value") is None else float(base["value"]),
                    None if not base else base.get("year"),
                    (base or {}).get("unit") or None,
                    t.get("qualitative"), t.get("scope"), t.get("item"), _j(t.get("flags") or []),
                    page, start, end, text, _j(extra), target_indicator_key(t.get("indicator_id"), t.get("indicator")),
                )
            )
            mentions += _depts(doc_id, "target", seq, t)
        conn.executemany("INSERT INTO targets VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        conn.executemany(MENTION_INSERT, mentions)
        hook("targets", doc_id)
        rows, mentions = [], []
        for seq, a in enumerate(facts.get("assignments") or []):
            page, start, end, text, more = _source(a)
            extra = _extra(a, ASSIGNMENT_KEYS, ASSIGNMENT_OPTIONAL)
            if more:
                extra[SOURCE_EXTRA] = more
            dl = a.get("deadline")
            rows.append(
                (
                    doc_id, seq, a.get("id"), a.get("item"), a.get("kind"), a.get("indicator_id"),
                    None if dl is None else _j(dl), (dl or {}).get("year"), _j(a.get("flags") or []),
                    page, start, end, text, _j(extra),
                )
            )
            mentions += _depts(doc_id, "assignment", seq, a)
        conn.executemany("INSERT INTO assignments VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        conn.executemany(MENTION_INSERT, mentions)
        refresh_leads(conn, [doc_id])
        hook("assignments", doc_id)
        for seq, u in enumerate(facts.get("unmatched") or []):
            conn.execute(
                "INSERT INTO unmatched VALUES (?,?,?,?,?,?,?)",
                (
                    doc_id, seq, u.get("name", ""), u.get("kind"), _j(u.get("candidates") or []),
                    None if u.get("source") is None else _j(u["source"]),
                    _j(_extra(u, UNMATCHED_KEYS, UNMATCHED_OPTIONAL)),
                ),
            )
        hook("unmatched", doc_id)
        conn.execute("DELETE FROM failures WHERE path = ?", (stored_path,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return replaced


def record_failure(
    conn: sqlite3.Connection, path: str, doc_id: str | None, error_type: str, reason: str,
    *, drop_previous: bool = True, fmt: str | None = None,
) -> None:
    """Record that ``path`` failed (its own small transaction).

    With ``drop_previous`` (a read or extraction failure: the file as it now is cannot be
    read), the path's previous facts are replaced by a ``failed`` document row; without it (a
    write failure) the previous state stays and only the ``failures`` table changes.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        if drop_previous and doc_id is not None:
            clash = conn.execute(
                "SELECT path FROM documents WHERE id = ? AND path != ?", (doc_id, path)
            ).fetchone()
            conn.execute("DELETE FROM documents WHERE path = ?", (path,))
            if clash is None:
                conn.execute(
                    "INSERT INTO documents (id, path, format, ingest_status, error, ingested_at)"
                    " VALUES (?,?,?,'failed',?,?)",
                    (doc_id, path, fmt, f"{error_type}: {reason}", now()),
                )
        conn.execute(
            "INSERT OR REPLACE INTO failures VALUES (?,?,?,?,?)", (path, doc_id, error_type, reason, now())
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
