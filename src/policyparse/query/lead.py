"""``lead``: which department(s) lead an indicator in each city, with the sentence that says so."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from policyparse.query.common import (
    DOC_COLUMNS_D,
    ResolvedIndicator,
    fetch_dicts,
    indicator_notes,
    merge_rows,
    open_store,
    resolve_indicator,
    source_entry,
    store_empty,
)
from policyparse.query.places import PlaceMatch, explain_place, resolve_place


@dataclass
class LeadResult:
    indicator: ResolvedIndicator
    city: str | None
    rows: list[dict] = field(default_factory=list)
    without_departments: list[dict] = field(default_factory=list)
    place: PlaceMatch | None = None
    notes: list[str] = field(default_factory=list)  # how the query was read (fuzzy indicator, short place name)
    explanation: list[str] = field(default_factory=list)  # why there is no answer (empty when there is one)

    @property
    def empty(self) -> bool:
        return not self.rows

    def __str__(self) -> str:
        from policyparse.query.render import as_text

        return as_text(self)

    def to_dict(self) -> dict:
        return {"indicator": self.indicator.to_dict(), "city": self.city, "rows": self.rows,
                "without_departments": self.without_departments,
                "place": self.place.to_dict() if self.place else None, "notes": self.notes,
                "explanation": self.explanation}


def lead(store: str | Path | sqlite3.Connection, indicator: str, city: str | None = None) -> LeadResult:
    """Lead and participating departments for ``indicator`` per city/document.

    Role ``stated`` when the document names a lead (牵头单位, "X牵头"); otherwise the first-listed
    responsible department is given with role ``inferred`` (policy writing lists the lead first,
    but the document does not say so). The sentence quoted is the target sentence for the
    indicator when there is one, else the passage that names the departments. Reads the store's
    ``indicator_leads`` table (one row per document, see :mod:`policyparse.store.leads`).

    ``city`` is a city, province, district or short name (:func:`policyparse.query.places.resolve_place`).
    An empty answer has ``explanation``: what was searched and why nothing matched.

    >>> lead("outputs/policyparse.sqlite", "全社会R&D经费支出占GDP比重", city="陇南市").rows[0]["lead"]  # doctest: +SKIP
    """
    conn, owned = open_store(store)
    try:
        ind = resolve_indicator(conn, indicator)
        notes = indicator_notes(ind)
        place = None
        if city:
            place = resolve_place(conn, city)
            if place.note:
                notes.append(place.note)
            elif place.found and place.method != "exact":
                notes.append(f"{city!r} read as {place.describe()}")
            if not place.found:
                return LeadResult(ind, city, place=place, notes=notes,
                                  explanation=store_empty(conn) or explain_place(place))
        sql = (f"SELECT l.item, l.page, l.sentence, l.departments_text, l.departments_page, l.lead,"
               f" l.participating, {DOC_COLUMNS_D}"
               " FROM indicator_leads l JOIN documents d ON d.id = l.doc_id"
               " WHERE l.indicator_id = ? AND d.ingest_status = 'ok'")
        args: list = [ind.id]
        if place is not None and len(place.doc_ids) <= 500:  # the documents' primary key
            sql += f" AND d.id IN ({','.join('?' * len(place.doc_ids))})"
            args += sorted(place.doc_ids)
        found = [r for r in fetch_dicts(conn, sql, args) if place is None or r["id"] in place.doc_ids]
        found.sort(key=lambda r: (r["city"] or r["province"] or "", r["path"]))
        rows: list[dict] = []
        bare: list[dict] = []
        for r in found:
            if r["lead"] is None:
                bare.append({"city": r["city"], "province": r["province"], "title": r["title"],
                             "status": r["status"], "sentence": r["sentence"],
                             "sources": [source_entry(r, r["page"])]})
                continue
            # the department lists stay JSON text until the renderings of a document are merged
            rows.append({
                "city": r["city"], "province": r["province"], "title": r["title"], "status": r["status"],
                "item": r["item"], "lead": r["lead"], "participating": r["participating"],
                "sentence": r["sentence"], "departments_text": r["departments_text"],
                "sources": [{**source_entry(r, r["page"]), "departments_page": r["departments_page"]}],
            })
        rows = merge_rows(rows, text_keys=("sentence", "departments_text"))
        # one parse for all the lists (json.loads per list costs three times as much)
        lists = iter(json.loads("[" + ",".join(x for row in rows for x in (row["lead"], row["participating"])) + "]"))
        for row in rows:
            row["lead"], row["participating"] = next(lists), next(lists)
        res = LeadResult(ind, city, rows, merge_rows(bare, text_keys=("sentence",)), place, notes)
        if rows and all(d.get("role") == "inferred" for r in rows for d in r["lead"]):
            notes.append("no document states a lead (牵头) for it: each lead shown is inferred (the first-listed "
                         "responsible department)")
        if not rows:
            res.explanation = _why_no_lead(conn, ind, place, res.without_departments)
        return res
    finally:
        if owned:
            conn.close()


def _why_no_lead(conn: sqlite3.Connection, ind: ResolvedIndicator, place: PlaceMatch | None,
                 bare: list[dict]) -> list[str]:
    empty = store_empty(conn)
    if empty:
        return empty
    where = f" in the documents of {place.describe()}" if place else " in the store"
    if bare:
        n = len(bare)
        return [f"{ind.name} [{ind.id}] is in {n} document(s){where}, but none names a lead or responsible "
                f"department for it (no 牵头/责任单位 next to its target or task):"] + [
            f"  {b['city'] or b['province'] or ''} {b['title']} ({b['status']}), {b['sources'][0]['path']} "
            f"p.{b['sources'][0]['page']}" for b in bare]
    lines = [f"no target or task for {ind.name} [{ind.id}]{where}"]
    others = sorted({r[0] or r[1] or "国家" for r in conn.execute(
        "SELECT DISTINCT d.city, d.province FROM indicator_leads l JOIN documents d ON d.id = l.doc_id"
        " WHERE l.indicator_id = ? AND d.ingest_status = 'ok'", (ind.id,))})
    if others:
        lines.append("it is in documents of: " + ", ".join(others))
    return lines
