"""The ``indicator_leads`` table: per document and indicator, who leads it and the evidence.

``lead`` is the product's most frequent question ("which department leads indicator X in each
city?"). Answering it from the facts means reading every department mention of every fact that
names the indicator across the corpus; this table holds the answer per (indicator, document),
computed when a document is written (:func:`policyparse.store.writer.write_document`), when
gazetteers are re-applied (:func:`policyparse.parallel.renormalise`) and when an older store is
migrated, so the query reads one row per document.

What a row holds, from the document's assignments (first) and targets (then) that carry the
indicator, in the order the document states them:

- ``lead``: the departments the facts name as lead (``role`` ``stated``, or ``inferred`` when the
  extractor inferred it); when no fact names a lead, the first-listed responsible department with
  role ``inferred`` (policy writing lists the lead first, but the document does not say so);
- ``participating``: the other responsible departments;
- ``sentence`` / ``page``: the first target's quoted sentence (else the first fact's);
- ``departments_text`` / ``departments_page``: the passage of the first fact that names departments;
- ``item``: the first numbered item the facts belong to.

A document whose facts name no department has ``lead`` NULL (reported as "without departments").
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

OWNERS = (("assignment", "assignments"), ("target", "targets"))  # the order facts are read in
# what a fact is reached by: assignments by their catalogue id, targets also by the uncatalogued key
# of an indicator the catalogue lacks (targets.indicator_key, store schema version 3)
KEY_COLUMN = {"assignments": "indicator_id", "targets": "indicator_key"}
CHUNK = 500  # documents per refresh statement
_ORDER = "{rank} * 1000000000 + m.owner_seq * 10000 + m.position"  # a mention's place in that order


def _dept(m: tuple, role: str | None = None) -> dict:
    """A department as ``lead`` reports it, from a mention row (..., surface, dept_id, entity, method, score)."""
    out = {"name": m[3], "id": m[4], "entity": m[5], "method": m[6], "score": m[7]}
    if m[4] and m[4].startswith("uncatalogued:"):
        out["uncatalogued"] = True  # a body recognised by its structure (see gazetteer.structure)
    if role:
        out["role"] = role
    return out


def _where(doc_ids: list[str] | None, alias: str) -> tuple[str, list]:
    if doc_ids is None:
        return "", []
    return f" AND {alias}.doc_id IN ({','.join('?' * len(doc_ids))})", list(doc_ids)


def _key(table: str, targets_key: str) -> str:
    return targets_key if table == "targets" else KEY_COLUMN[table]


def _facts(conn: sqlite3.Connection, doc_ids: list[str] | None, targets_key: str = "indicator_key"
           ) -> dict[tuple[str, str], list[tuple]]:
    """(doc, indicator) -> facts (owner, seq, item, page, text, is_target), assignments first, by seq."""
    out: dict[tuple[str, str], list[tuple]] = {}
    for owner, table in OWNERS:
        where, args = _where(doc_ids, "f")
        for doc_id, ind, seq, item, page, text in conn.execute(
            f"SELECT doc_id, {_key(table, targets_key)}, seq, item, page, source_text FROM {table} f"
            f" WHERE {_key(table, targets_key)} IS NOT NULL{where} ORDER BY doc_id, seq", args
        ):
            out.setdefault((doc_id, ind), []).append((owner, seq, item, page, text, owner == "target"))
    return out


def _mentions(conn: sqlite3.Connection, doc_ids: list[str] | None, targets_key: str = "indicator_key"
              ) -> Iterable[tuple]:
    """Each (document, indicator)'s distinct departments per role, in the order the facts name them.

    SQLite returns the bare columns of the row that holds ``MIN(ord)``, so one row per department
    instead of one per mention. Row: (doc, indicator, role, surface, dept_id, entity, method,
    score, inferred, ord, owner, owner_seq, key).
    """
    parts, args = [], []
    for rank, (owner, table) in enumerate(OWNERS):
        where, extra = _where(doc_ids, "m")
        parts.append(
            f"SELECT m.doc_id, f.{_key(table, targets_key)} AS indicator_id, m.role, m.surface, m.dept_id,"
            f" m.entity, m.method, m.score, m.inferred, {_ORDER.format(rank=rank)} AS ord, m.owner, m.owner_seq"
            f" FROM dept_mentions m JOIN {table} f ON m.doc_id = f.doc_id AND m.owner_seq = f.seq"
            f" WHERE m.owner = ? AND f.{_key(table, targets_key)} IS NOT NULL{where}")
        args += [owner, *extra]
    return conn.execute(
        "SELECT doc_id, indicator_id, role, surface, dept_id, entity, method, score, inferred, MIN(ord),"
        " owner, owner_seq, COALESCE(NULLIF(entity, ''), NULLIF(dept_id, ''), surface) AS k"
        f" FROM ({' UNION ALL '.join(parts)}) GROUP BY doc_id, indicator_id, role, k ORDER BY doc_id, 10", args)


def lead_rows(conn: sqlite3.Connection, doc_ids: list[str] | None = None, *,
              targets_key: str = "indicator_key") -> list[tuple]:
    """The ``indicator_leads`` rows of ``doc_ids`` (all documents when None), computed from the facts.

    ``targets_key``: the targets' column they are keyed by (``indicator_id`` in stores before
    schema version 3, which have no ``indicator_key``)."""
    facts = _facts(conn, doc_ids, targets_key)
    depts: dict[tuple[str, str], tuple[dict, dict, list]] = {}  # -> (leads, responsible, [first ord, fact])
    for m in _mentions(conn, doc_ids, targets_key):
        leads, resp, first = depts.setdefault((m[0], m[1]), ({}, {}, [None, None]))
        (leads if m[2] == "lead" else resp)[m[12]] = m
        if first[0] is None or m[9] < first[0]:
            first[0], first[1] = m[9], (m[10], m[11])
    rows = []
    for (doc_id, ind), fs in facts.items():
        item = next((f[2] for f in fs if f[2]), None)
        if (doc_id, ind) not in depts:
            rows.append((doc_id, ind, item, fs[0][3], None, None, None, None, None))
            continue
        leads, resp, (_, first_fact) = depts[(doc_id, ind)]
        resp = dict(resp)
        dept_fact = next(f for f in fs if (f[0], f[1]) == first_fact)
        lead_list = [_dept(m, "inferred" if m[8] else "stated") for m in leads.values()]
        if not lead_list:
            first_key, first = next(iter(resp.items()))
            lead_list = [_dept(first, "inferred")]
            resp.pop(first_key)
        participating = [_dept(m) for k, m in resp.items() if k not in leads]
        chosen = next((f for f in fs if f[5]), fs[0])
        rows.append((doc_id, ind, item, chosen[3], chosen[4], dept_fact[4], dept_fact[3],
                     json.dumps(lead_list, ensure_ascii=False), json.dumps(participating, ensure_ascii=False)))
    return rows


def refresh_leads(conn: sqlite3.Connection, doc_ids: list[str] | None = None, *,
                  targets_key: str = "indicator_key") -> int:
    """Recompute the ``indicator_leads`` rows of ``doc_ids`` (all documents when None), inside the
    caller's transaction; returns the number of rows written."""
    if doc_ids is not None and len(doc_ids) > CHUNK:  # keep within SQLite's bound-parameter limit
        return sum(refresh_leads(conn, doc_ids[i:i + CHUNK], targets_key=targets_key)
                   for i in range(0, len(doc_ids), CHUNK))
    where, args = _where(doc_ids, "indicator_leads")
    conn.execute(f"DELETE FROM indicator_leads WHERE 1{where}", args)
    rows = lead_rows(conn, doc_ids, targets_key=targets_key)
    conn.executemany(
        "INSERT INTO indicator_leads (doc_id, indicator_id, item, page, sentence, departments_text,"
        " departments_page, lead, participating) VALUES (?,?,?,?,?,?,?,?,?)", rows)
    return len(rows)
