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


def _dept_out(d: dict, role: str | None = None) -> dict:
    out = {"name": d["surface"], "id": d["dept_id"], "entity": d["entity"], "method": d["method"],
           "score": d["score"]}
    if role:
        out["role"] = role
    return out


def _key(d) -> str:
    return d["entity"] or d["dept_id"] or d["surface"]


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
        mentions: dict[tuple[str, str, int], list[sqlite3.Row]] = {}
        for owner, table in (("assignment", "assignments"), ("target", "targets")):
            for m in conn.execute(
                f"SELECT m.* FROM dept_mentions m JOIN {table} f ON m.doc_id = f.doc_id AND m.owner_seq = f.seq"
                f" WHERE m.owner = ? AND f.indicator_id = ?{only[0]} ORDER BY m.doc_id, m.owner_seq, m.role, m.position",
                (owner, ind.id, *only[1]),
            ):
                mentions.setdefault((m["doc_id"], owner, m["owner_seq"]), []).append(m)
        rows: list[dict] = []
        bare: list[dict] = []
        by_doc: dict[str, list[tuple]] = {}  # doc -> (owner, seq, item, page, text, is_target)
        for owner, table in (("assignment", "assignments"), ("target", "targets")):
            for r in conn.execute(
                f"SELECT doc_id, seq, item, page, source_text FROM {table} f WHERE indicator_id = ?{only[0]}"
                " ORDER BY doc_id, seq", (ind.id, *only[1])
            ):
                if r["doc_id"] in docs:
                    by_doc.setdefault(r["doc_id"], []).append(
                        (owner, r["seq"], r["item"], r["page"], r["source_text"], owner == "target"))
        for doc_id in sorted(by_doc, key=lambda i: (docs[i]["city"] or "", docs[i]["path"])):
            doc = docs[doc_id]
            facts = by_doc[doc_id]
            if not facts:
                continue
            leads: dict[str, dict] = {}
            resp: dict[str, dict] = {}
            dept_source = None
            for owner, seq, _item, page, text, _is_t in facts:
                ms = mentions.get((doc_id, owner, seq), [])
                if ms and dept_source is None:
                    dept_source = {"text": text, "page": page}
                for m in ms:
                    bucket = leads if m["role"] == "lead" else resp
                    bucket.setdefault(_key(m), m)
            if not leads and not resp:
                bare.append({"city": doc["city"], "title": doc["title"], "status": doc["status"],
                             "sources": [source_entry(doc, facts[0][3])]})
                continue
            lead_list = [_dept_out(m, "inferred" if m["inferred"] else "stated") for m in leads.values()]
            if not lead_list:
                first = next(iter(resp.values()))
                lead_list = [_dept_out(first, "inferred")]
                resp.pop(_key(first))
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
