"""``departments``: the responsibility matrix (who leads and joins what, per city)."""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from policyparse.query.common import doc_rows, is_national, open_store, place_label, store_empty
from policyparse.query.places import PlaceMatch, explain_place, resolve_place

_NUMBERING = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）.、．]\s*)+")


def item_key(item: str | None, indicator_id: str | None, kind: str | None) -> str:
    """A key that identifies an item across renderings and versions: the indicator id for
    indicator items, else the item text without its list numbering and spaces."""
    if kind == "indicator" and indicator_id:
        return "indicator:" + indicator_id
    text = _NUMBERING.sub("", item or "")
    return "item:" + re.sub(r"\s+", "", text)


@dataclass
class DepartmentsResult:
    city: str | None
    rows: list[dict] = field(default_factory=list)
    place: PlaceMatch | None = None
    explanation: list[str] = field(default_factory=list)  # why there is no row

    @property
    def empty(self) -> bool:
        return not self.rows

    def __str__(self) -> str:
        from policyparse.query.render import as_text

        return as_text(self)

    def to_dict(self) -> dict:
        return {"city": self.city, "rows": self.rows, "place": self.place.to_dict() if self.place else None,
                "explanation": self.explanation}


def departments(store: str | Path | sqlite3.Connection, city: str | None = None) -> DepartmentsResult:
    """Per department type and city: distinct indicators and tasks it leads (stated) and joins.

    ``inferred_leads`` counts the items with no stated lead where the department is listed first
    (the lead ``lead`` would offer as inferred); they are also counted in the ``joins_*`` columns.

    Indicators are counted from the answers of :func:`policyparse.query.lead.lead` (every target and
    task that carries an indicator, table row or prose): ``leads_indicators`` (stated) plus
    ``leads_indicators_inferred`` is the number of indicators whose ``lead`` answer names the
    department in that place; tasks are the items without an indicator.

    Items are counted once per city however many documents (renderings, draft and final) repeat
    them (see :func:`item_key`). A department the gazetteer could not resolve is keyed by its
    surface name and flagged ``resolved: false``.

    >>> departments("outputs/policyparse.sqlite", city="陇南市").rows[0]  # doctest: +SKIP
    """
    conn, owned = open_store(store)
    try:
        place = resolve_place(conn, city) if city else None
        if place is not None and not place.found:
            return DepartmentsResult(city, [], place, store_empty(conn) or explain_place(place))
        docs = doc_rows(conn)
        if place is not None:
            docs = {k: v for k, v in docs.items() if k in place.doc_ids}
        cells: dict[tuple, dict[str, set]] = {}
        names: dict[tuple, Counter] = {}
        city_of: dict[str, str | None] = {}  # place label -> city (None for a province or national plan)
        kinds: dict[str, str | None] = {}  # uncatalogued department -> its body kind
        q = (
            "SELECT m.doc_id, m.owner_seq, m.role, m.position, m.surface, m.dept_id, m.inferred, a.item, a.kind,"
            " a.indicator_id, m.extra"
            " FROM dept_mentions m JOIN assignments a ON a.doc_id = m.doc_id AND a.seq = m.owner_seq"
            " WHERE m.owner = 'assignment'"
        )
        stated = {(r[0], r[1]) for r in conn.execute(
            "SELECT DISTINCT doc_id, owner_seq FROM dept_mentions"
            " WHERE owner = 'assignment' AND role = 'lead' AND NOT coalesce(inferred, 0)")}

        def cell_of(dept_key: str, resolved: bool, surface: str, d) -> dict[str, set]:
            place = place_label(d["city"], d["province"], is_national(d))
            city_of[place] = d["city"]
            key = (dept_key, place, resolved)
            names.setdefault(key, Counter())[surface] += 1
            return cells.setdefault(key, {"leads_indicators": set(), "joins_indicators": set(),
                                          "leads_tasks": set(), "joins_tasks": set(), "inferred_leads": set(),
                                          "leads_indicators_inferred": set()})

        # indicators: the answers of `lead` (the indicator_leads table: every target and task that carries
        # the indicator), so that both commands count the same leads
        for doc_id, ind, lead_json, part_json in conn.execute(
                "SELECT doc_id, indicator_id, lead, participating FROM indicator_leads WHERE lead IS NOT NULL"
                " ORDER BY doc_id, indicator_id"):
            d = docs.get(doc_id)
            if d is None:
                continue
            ik = "indicator:" + ind
            for role, ds in (("lead", json.loads(lead_json)), ("participating", json.loads(part_json or "[]"))):
                for dep in ds:
                    cell = cell_of(dep.get("key") or dep.get("id") or dep["name"], dep.get("id") is not None,
                                   dep["name"], d)
                    if role == "lead" and dep.get("role") == "stated":
                        cell["leads_indicators"].add(ik)
                    else:
                        cell["joins_indicators"].add(ik)
                        if role == "lead":
                            cell["inferred_leads"].add(ik)
                            cell["leads_indicators_inferred"].add(ik)
        for r in conn.execute(q + " ORDER BY m.doc_id, m.owner_seq, m.role, m.position"):
            d = docs.get(r["doc_id"])
            if d is None or r["indicator_id"]:  # facts of an indicator: counted above, as `lead` does
                continue
            extra = json.loads(r["extra"]) if r["extra"] and r["extra"] != "{}" else {}
            # the grouping key: a government of another place, a level whose name differs, a named
            # zone (dept.people_government@闵行区) is its own row; uncatalogued bodies by their id
            dept_key = extra.get("key") or r["dept_id"] or r["surface"]
            if extra.get("uncatalogued"):
                kinds[dept_key] = extra.get("body_kind")
            cell = cell_of(dept_key, r["dept_id"] is not None, r["surface"], d)
            what = "indicators" if r["kind"] == "indicator" else "tasks"
            role = "leads" if r["role"] == "lead" and not r["inferred"] else "joins"
            ik = item_key(r["item"], r["indicator_id"], r["kind"])
            cell[f"{role}_{what}"].add(ik)
            first_listed = r["role"] == "responsible" and r["position"] == 0
            if (r["doc_id"], r["owner_seq"]) not in stated and (first_listed or r["inferred"]):
                cell["inferred_leads"].add(ik)
        rows = []
        for (dept_key, c, resolved), cell in cells.items():  # c: the place label (city, province, 国家)
            # an item led by the department is not also counted as joined
            joins_i = cell["joins_indicators"] - cell["leads_indicators"]
            joins_t = cell["joins_tasks"] - cell["leads_tasks"]
            rows.append({
                "department": dept_key, "name": names[(dept_key, c, resolved)].most_common(1)[0][0],
                "resolved": resolved, "city": city_of[c], "place": c,
                "leads_indicators": len(cell["leads_indicators"]), "joins_indicators": len(joins_i),
                "leads_tasks": len(cell["leads_tasks"]), "joins_tasks": len(joins_t),
                "inferred_leads": len(cell["inferred_leads"] - cell["leads_indicators"] - cell["leads_tasks"]),
                # the indicators `lead` shows this department as the inferred lead of
                "leads_indicators_inferred": len(cell["leads_indicators_inferred"] - cell["leads_indicators"]),
                "uncatalogued": dept_key in kinds or str(dept_key).startswith("uncatalogued:"),
                "body_kind": kinds.get(dept_key),
            })
        rows.sort(key=lambda r: (r["place"], -(r["leads_indicators"] + r["leads_tasks"]),
                                 -(r["joins_indicators"] + r["joins_tasks"]), r["department"]))
        res = DepartmentsResult(city, rows, place)
        if not rows:
            res.explanation = store_empty(conn) or [
                f"no target or task of {'the documents of ' + place.describe() if place else 'the store'}"
                " names a department"]
        return res
    finally:
        if owned:
            conn.close()
