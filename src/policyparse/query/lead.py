"""``lead``: which department(s) lead an indicator in each city, with the sentence that says so."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from policyparse.query.common import (
    ResolvedIndicator,
    doc_rows,
    merge_rows,
    open_store,
    resolve_indicator,
    source_entry,
)


@dataclass
class LeadResult:
    indicator: ResolvedIndicator
    city: str | None
    rows: list[dict] = field(default_factory=list)
    without_departments: list[dict] = field(default_factory=list)

    def __str__(self) -> str:
        from policyparse.query.render import as_text

        return as_text(self)

    def to_dict(self) -> dict:
        return {"indicator": self.indicator.to_dict(), "city": self.city, "rows": self.rows,
                "without_departments": self.without_departments}


def _dept_out(m: tuple, role: str | None = None) -> dict:
    """A department row of the query below (doc_id, role, surface, dept_id, entity, method, score, inferred, ...)."""
    out = {"name": m[2], "id": m[3], "entity": m[4], "method": m[5], "score": m[6]}
    if role:
        out["role"] = role
    return out


def lead(store: str | Path | sqlite3.Connection, indicator: str, city: str | None = None) -> LeadResult:
    """Lead and participating departments for ``indicator`` per city/document.

    Role ``stated`` when the document names a lead (牵头单位, "X牵头"); otherwise the first-listed
    responsible department is given with role ``inferred`` (policy writing lists the lead first,
    but the document does not say so). The sentence quoted is the target sentence for the
    indicator when there is one, else the passage that names the departments.

    >>> lead("outputs/policyparse.sqlite", "全社会R&D经费支出占GDP比重", city="陇南市").rows[0]["lead"]  # doctest: +SKIP
    """
    conn, owned = open_store(store)
    try:
        ind = resolve_indicator(conn, indicator)
        docs = doc_rows(conn, city, ind.id)
        # with a city, read only that city's documents' facts (the documents table is indexed by city)
        only: tuple[str, list[str]] = ("", [])
        if city:
            only = (f" AND f.doc_id IN ({','.join('?' * len(docs))})", list(docs))
        # plain tuples (not sqlite3.Row) on the two big reads: a corpus-wide query touches every
        # document that mentions the indicator
        cur = conn.cursor()
        cur.row_factory = None
        # each document's distinct departments per role, in the order the facts name them
        # (assignments before targets, by fact, by position): SQLite returns the bare columns of
        # the row that holds MIN(ord), so one row per department instead of one per mention
        parts = []
        args: list = []
        for rank, (owner, table) in enumerate((("assignment", "assignments"), ("target", "targets"))):
            parts.append(
                f"SELECT m.doc_id, m.role, m.surface, m.dept_id, m.entity, m.method, m.score, m.inferred,"
                f" {rank} * 1000000000 + m.owner_seq * 10000 + m.position AS ord, m.owner, m.owner_seq"
                f" FROM dept_mentions m JOIN {table} f ON m.doc_id = f.doc_id AND m.owner_seq = f.seq"
                f" WHERE m.owner = ? AND f.indicator_id = ?{only[0]}")
            args += [owner, ind.id, *only[1]]
        depts: dict[str, tuple[dict, dict]] = {}  # doc -> (leads, responsible), key -> mention
        first_with_depts: dict[str, tuple[str, int]] = {}
        for m in cur.execute(
            "SELECT doc_id, role, surface, dept_id, entity, method, score, inferred, MIN(ord), owner, owner_seq,"
            " COALESCE(NULLIF(entity, ''), NULLIF(dept_id, ''), surface) AS k"
            f" FROM ({' UNION ALL '.join(parts)}) GROUP BY doc_id, role, k ORDER BY doc_id, 9", args
        ):
            leads, resp = depts.setdefault(m[0], ({}, {}))
            (leads if m[1] == "lead" else resp)[m[11]] = m
            first = first_with_depts.get(m[0])
            if first is None or m[8] < first[0]:
                first_with_depts[m[0]] = (m[8], (m[9], m[10]))
        rows: list[dict] = []
        bare: list[dict] = []
        by_doc: dict[str, list[tuple]] = {}  # doc -> (owner, seq, item, page, text, is_target)
        for owner, table in (("assignment", "assignments"), ("target", "targets")):
            for doc_id, seq, item, page, text in cur.execute(
                f"SELECT doc_id, seq, item, page, source_text FROM {table} f WHERE indicator_id = ?{only[0]}"
                " ORDER BY doc_id, seq", (ind.id, *only[1])
            ):
                if doc_id in docs:
                    by_doc.setdefault(doc_id, []).append((owner, seq, item, page, text, owner == "target"))
        for doc_id in sorted(by_doc, key=lambda i: (docs[i]["city"] or "", docs[i]["path"])):
            doc = docs[doc_id]
            facts = by_doc[doc_id]
            leads, resp = depts.get(doc_id, ({}, {}))
            resp = dict(resp)
            first = first_with_depts.get(doc_id)
            dept_source = None
            if first is not None:
                fact = next(f for f in facts if (f[0], f[1]) == first[1])
                dept_source = {"text": fact[4], "page": fact[3]}
            if not leads and not resp:
                bare.append({"city": doc["city"], "title": doc["title"], "status": doc["status"],
                             "sources": [source_entry(doc, facts[0][3])]})
                continue
            lead_list = [_dept_out(m, "inferred" if m[7] else "stated") for m in leads.values()]
            if not lead_list:
                first_key, first = next(iter(resp.items()))
                lead_list = [_dept_out(first, "inferred")]
                resp.pop(first_key)
            participating = [_dept_out(m) for k, m in resp.items() if k not in leads]
            target_facts = [f for f in facts if f[5]]
            chosen = target_facts[0] if target_facts else facts[0]
            item = next((f[2] for f in facts if f[2]), None)
            rows.append({
                "city": doc["city"], "province": doc["province"], "title": doc["title"],
                "status": doc["status"], "item": item, "lead": lead_list, "participating": participating,
                "sentence": chosen[4], "departments_text": dept_source["text"],
                "sources": [{**source_entry(doc, chosen[3]), "departments_page": dept_source["page"]}],
            })
        return LeadResult(ind, city, merge_rows(rows, text_keys=("sentence", "departments_text")), merge_rows(bare))
    finally:
        if owned:
            conn.close()
