"""``lead``: which department(s) lead an indicator in each city, with the sentence that says so."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from policyparse.query.common import (
    DOC_COLUMNS_D,
    ResolvedIndicator,
    city_condition,
    city_matches,
    fetch_dicts,
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


def lead(store: str | Path | sqlite3.Connection, indicator: str, city: str | None = None) -> LeadResult:
    """Lead and participating departments for ``indicator`` per city/document.

    Role ``stated`` when the document names a lead (牵头单位, "X牵头"); otherwise the first-listed
    responsible department is given with role ``inferred`` (policy writing lists the lead first,
    but the document does not say so). The sentence quoted is the target sentence for the
    indicator when there is one, else the passage that names the departments. Reads the store's
    ``indicator_leads`` table (one row per document, see :mod:`policyparse.store.leads`).

    >>> lead("outputs/policyparse.sqlite", "全社会R&D经费支出占GDP比重", city="陇南市").rows[0]["lead"]  # doctest: +SKIP
    """
    conn, owned = open_store(store)
    try:
        ind = resolve_indicator(conn, indicator)
        sql = (f"SELECT l.item, l.page, l.sentence, l.departments_text, l.departments_page, l.lead,"
               f" l.participating, {DOC_COLUMNS_D}"
               " FROM indicator_leads l JOIN documents d ON d.id = l.doc_id"
               " WHERE l.indicator_id = ? AND d.ingest_status = 'ok'")
        where, args = city_condition(city, "d.city")  # the documents table is indexed by city
        found = [r for r in fetch_dicts(conn, sql + where, [ind.id, *args]) if city_matches(r["city"], city)]
        found.sort(key=lambda r: (r["city"] or "", r["path"]))
        rows: list[dict] = []
        bare: list[dict] = []
        for r in found:
            if r["lead"] is None:
                bare.append({"city": r["city"], "title": r["title"], "status": r["status"],
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
        return LeadResult(ind, city, rows, merge_rows(bare))
    finally:
        if owned:
            conn.close()
