"""Everything the report shows, read from the store through its public readers and queries.

A document usually exists in several renderings (the same plan as .txt, .docx, .html, .pdf);
the report counts and lists it once (:func:`doc_group`), naming the renderings and their pages.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policyparse.query.common import NATIONAL_LABEL as NATIONAL  # documents of national bodies
from policyparse.query.common import UNKNOWN_PLACE, is_national, place_label

FORMAT_ORDER = {"txt": 0, "docx": 1, "html": 2, "pdf": 3}


def squash(s: str | None) -> str:
    return re.sub(r"\s+", "", s or "")


def doc_group(d: dict) -> str:
    """Renderings of one document share city, status and 文号 (or the start of the title)."""
    from policyparse.graph.build import normalise_doc_number

    number = normalise_doc_number(d.get("doc_number"))
    return "|".join([d.get("city") or "", d.get("status") or "", number or squash(d.get("title"))[:10]])


@dataclass
class Doc:
    group: str
    title: str
    city: str | None
    province: str | None
    issuer: str | None
    doc_number: str | None
    status: str | None
    date: str | None
    renderings: list[dict] = field(default_factory=list)  # {format, path, pages}
    targets: int = 0
    assignments: int = 0

    @property
    def place(self) -> str:
        """City, else province (a provincial plan), else 国家 / 地区未识别."""
        national = is_national({"city": self.city, "province": self.province, "issuer": self.issuer,
                                "title": self.title})
        return place_label(self.city, self.province, national)


@dataclass
class ReportData:
    store: str
    docs: list[Doc]
    cities: list[dict]  # {name, province, documents}
    counts: dict[str, int]  # raw store counts
    indicators: list[dict]  # see _indicator_section
    matrix: dict  # {cities, rows}
    graph: dict  # see policyparse.report.graphview.condense
    unresolved: dict[str, list[dict]]
    failures: list[dict] = field(default_factory=list)
    facts: list[dict] = field(default_factory=list)  # per stored document, the `extract` JSON
    back: dict[str, str] = field(default_factory=dict)  # fact id -> id of its row in the report


def _connect(store: str | Path | sqlite3.Connection) -> tuple[sqlite3.Connection, bool]:
    if isinstance(store, sqlite3.Connection):
        return store, False
    from policyparse.store.schema import connect

    return connect(store, create=False), True


def _gazetteer():
    try:
        from policyparse.gazetteer import load_gazetteer

        return load_gazetteer()
    except Exception:  # the report still works without the gazetteer (ids instead of names)
        return None


def _pick(values: list[Any]) -> Any:
    return next((v for v in values if v), None)


def _documents(facts: list[dict]) -> tuple[list[Doc], dict[str, Doc]]:
    groups: dict[str, list[dict]] = {}
    for f in facts:
        groups.setdefault(doc_group(f["document"]), []).append(f)
    docs, by_id = [], {}
    for key, fs in groups.items():
        fs.sort(key=lambda f: FORMAT_ORDER.get(f["document"].get("format"), 9))
        ds = [f["document"] for f in fs]
        doc = Doc(key, _pick([d.get("title") for d in ds]) or Path(ds[0].get("path") or "").name,
                  ds[0].get("city"), _pick([d.get("province") for d in ds]), _pick([d.get("issuer") for d in ds]),
                  _pick([d.get("doc_number") for d in ds]), ds[0].get("status"), _pick([d.get("date") for d in ds]),
                  [{"format": d.get("format"), "path": d.get("path"), "pages": d.get("pages"), "id": d.get("id")}
                   for d in ds],
                  len(fs[0]["targets"]), len(fs[0]["assignments"]))
        docs.append(doc)
        for d in ds:
            by_id[d["id"]] = doc
    docs.sort(key=lambda d: (d.city is not None, d.city or "", d.date or "", d.title))
    return docs, by_id


def _cities(docs: list[Doc]) -> list[dict]:
    out: dict[str, dict] = {}
    for d in docs:
        name = d.place
        c = out.setdefault(name, {"name": name, "province": d.province if d.province != name else None, "documents": 0,
                                  "targets": 0, "assignments": 0})
        c["documents"] += 1
        c["targets"] += d.targets
        c["assignments"] += d.assignments
    return sorted(out.values(), key=lambda c: (c["name"] in (NATIONAL, UNKNOWN_PLACE), c["name"]))


FactIndex = dict[tuple, str]  # (document id, page, squashed quote) -> fact id


def fact_index(facts: list[dict]) -> FactIndex:
    """Where the quoted sentences of the queries' rows come from: the fact (and so the highlight in
    its document's source view) of each (document, page, quote)."""
    out: FactIndex = {}
    for f in facts:
        doc_id = f["document"]["id"]
        for x in (f.get("targets") or []) + (f.get("assignments") or []):
            src = x.get("source") or {}
            if x.get("id"):
                out.setdefault((doc_id, src.get("page"), squash(src.get("text"))), x["id"])
    return out


def _pages(sources: list[dict], index: FactIndex | None = None) -> list[dict]:
    """Distinct quoted sentences of merged renderings, each with the pages per format (and the
    document and fact they come from, for the link to the source view)."""
    out: dict[str, dict] = {}
    for s in sources:
        text = s.get("text") or ""
        e = out.setdefault(squash(text), {"text": text, "title": s.get("title"), "pages": []})
        fact = (index or {}).get((s.get("document"), s.get("page"), squash(text)))
        e["pages"].append({"format": s.get("format"), "page": s.get("page"), "doc": s.get("document"), "fact": fact})
    return list(out.values())


def _indicator_section(conn: sqlite3.Connection, ind_id: str, gaz: Any, index: FactIndex | None = None) -> dict | None:
    from policyparse.query.compare import compare

    try:
        res = compare(conn, ind_id)
    except Exception:
        return None
    entry = None
    if gaz is not None:
        try:
            entry = gaz.indicator(ind_id)
        except Exception:
            entry = None
    rows = []
    for r in res.rows:
        rows.append({**{k: r.get(k) for k in ("title", "status", "date", "indicator", "baseline",
                                                "target", "scope", "unit", "converted_from", "cagr", "flags")},
                     "city": r.get("city") or r.get("province") or UNKNOWN_PLACE,  # a provincial plan: its province
                     "quotes": _pages(r.get("sources") or [], index)})
    national = []
    for n in res.national_reference:
        national.append({**{k: n.get(k) for k in ("value", "comparator", "year", "unit", "qualitative", "title",
                                                    "doc_number")},
                         "quotes": _pages(n.get("sources") or [], index)})
    return {
        "id": ind_id, "name": getattr(entry, "name", None) or res.indicator.name,
        "unit": res.unit, "catalogue_unit": getattr(entry, "unit", None),
        "category": getattr(entry, "category", None), "number": getattr(entry, "number", None),
        "rows": rows, "national": national,
        "cities": sorted({r["city"] for r in rows if r["city"]}),
    }


def _indicators(conn: sqlite3.Connection, facts: list[dict], gaz: Any) -> list[dict]:
    ids = sorted({t["indicator_id"] for f in facts for t in f["targets"] if t.get("indicator_id")})
    # indicators the catalogue lacks, under their uncatalogued keys, when plans of two places or more
    # set them (a comparison; the others are listed by `policyparse indicators`)
    from policyparse.gazetteer.normalize import indicator_group_key

    places: dict[str, set] = {}
    for f in facts:
        d = f["document"]
        for t in f["targets"]:
            if not t.get("indicator_id") and t.get("indicator"):
                key = indicator_group_key(t["indicator"])
                if key:
                    places.setdefault(key, set()).add(d.get("city") or d.get("province") or d.get("id"))
    ids += sorted(k for k, p in places.items() if len(p) >= 2)
    index = fact_index(facts)
    out = [s for s in (_indicator_section(conn, i, gaz, index) for i in ids) if s and (s["rows"] or s["national"])]
    for s in out:
        s["uncatalogued"] = s["id"].startswith("uncatalogued:")

    def numeric(s: dict) -> int:
        return sum(1 for r in s["rows"] if r["target"].get("value") is not None)

    out.sort(key=lambda s: (-len(s["cities"]), -numeric(s), s["number"] or 999, s["id"]))
    return out


def _matrix(conn: sqlite3.Connection, gaz: Any) -> dict:
    from policyparse.query.departments import departments

    res = departments(conn)
    cities = sorted({r["place"] for r in res.rows}, key=lambda c: (c in (NATIONAL, UNKNOWN_PLACE), c))
    rows: dict[str, dict] = {}
    for r in res.rows:
        key = r["department"]
        name = r["name"]
        if r["resolved"] and gaz is not None:
            with contextlib.suppress(Exception):
                name = gaz.department(key).name
        row = rows.setdefault(key, {"id": key, "name": name, "resolved": r["resolved"],
                                    "uncatalogued": r.get("uncatalogued", False), "cells": {}})
        row["cells"][r["place"]] = {
            "lead": r["leads_indicators"] + r["leads_tasks"],
            "join": r["joins_indicators"] + r["joins_tasks"],
            "inferred": r["inferred_leads"],
        }
    ordered = sorted(rows.values(), key=lambda r: (
        not r["resolved"], -sum(c["lead"] for c in r["cells"].values()),
        -sum(c["join"] for c in r["cells"].values()), r["name"]))
    return {"cities": cities, "rows": ordered}


def _unresolved(facts: list[dict], by_id: dict[str, Doc]) -> dict[str, list[dict]]:
    """What an analyst should check by hand, each once per document (not once per rendering)."""
    out: dict[str, dict[tuple, dict]] = {k: {} for k in
                                         ("unmatched", "non_canonical", "qualitative", "inferred_leads")}

    def add(kind: str, key: tuple, row: dict, fmt: str, page: Any, doc: str | None = None,
            fact: str | None = None) -> None:
        e = out[kind].setdefault(key, {**row, "pages": []})
        e["pages"].append({"format": fmt, "page": page, "doc": doc, "fact": fact})

    for f in facts:
        d = f["document"]
        doc = by_id[d["id"]]
        fmt = d.get("format")
        base = {"title": doc.title, "city": doc.place, "status": doc.status}
        for u in f.get("unmatched") or []:
            src = u.get("source") or {}
            cands = [c for c in (u.get("candidates") or []) if isinstance(c, dict)][:3]
            add("unmatched", (doc.group, u.get("kind"), u.get("name")),
                {**base, "name": u.get("name"), "kind": u.get("kind"), "candidates": cands,
                 "text": src.get("text")}, fmt, src.get("page"), d["id"])
        for t in f.get("targets") or []:
            src = t.get("source") or {}
            key = (doc.group, squash(t.get("indicator")), t.get("year"), squash(src.get("text")))
            if not t.get("indicator_id"):
                add("non_canonical", key, {**base, "indicator": t.get("indicator"), "value": t.get("value"),
                                           "unit": t.get("unit"), "year": t.get("year"),
                                           "text": src.get("text")}, fmt, src.get("page"), d["id"], t.get("id"))
            if t.get("value") is None and t.get("qualitative"):
                add("qualitative", key, {**base, "indicator": t.get("indicator"), "qualitative": t["qualitative"],
                                         "year": t.get("year"), "text": src.get("text")}, fmt, src.get("page"),
                    d["id"], t.get("id"))
        for kind, items in (("target", f.get("targets") or []), ("assignment", f.get("assignments") or [])):
            for x in items:
                stated = [m for m in x.get("lead") or [] if not m.get("inferred")]
                resp = x.get("responsible") or []
                inferred = [m for m in x.get("lead") or [] if m.get("inferred")] or resp[:1]
                if stated or not inferred:
                    continue
                src = x.get("source") or {}
                what = x.get("item") or x.get("indicator") or ""
                add("inferred_leads", (doc.group, squash(what), squash(src.get("text"))),
                    {**base, "owner": kind, "item": what, "lead": inferred[0].get("name"),
                     "others": [m.get("name") for m in resp if m is not inferred[0]][:6],
                     "text": src.get("text")}, fmt, src.get("page"), d["id"], x.get("id"))
    return {k: list(v.values()) for k, v in out.items()}


def collect(store: str | Path | sqlite3.Connection) -> ReportData:
    """Read everything the report needs from ``store``."""
    from policyparse.graph.build import build_graph
    from policyparse.report.graphview import condense
    from policyparse.store.reader import counts, failures, iter_facts

    conn, owned = _connect(store)
    try:
        facts = iter_facts(conn)
        gaz = _gazetteer()
        docs, by_id = _documents(facts)
        indicators = _indicators(conn, facts, gaz)
        matrix = _matrix(conn, gaz)
        raw_counts = counts(conn)
        fails = failures(conn)
    finally:
        if owned:
            conn.close()
    graph = condense(build_graph(facts), gaz)  # the graph `policyparse graph` exports, condensed
    data = ReportData(str(store), docs, _cities(docs), raw_counts, indicators, matrix, graph,
                      _unresolved(facts, by_id), fails, facts)
    data.back = back_anchors(data)
    return data


def back_anchors(data: ReportData) -> dict[str, str]:
    """Give each row the report shows (tables show at most MAX_TABLE_ROWS) that quotes a fact an id
    (``anchor``: a prefix and the first fact it quotes), and return, for each fact, the id of the
    first such row: an indicator's comparison table first, then what to check by hand."""
    from policyparse.report.common import MAX_TABLE_ROWS

    back: dict[str, str] = {}
    used: set[str] = set()

    def mark(prefix: str, rows: list[tuple[dict, list[dict]]]) -> None:
        for row, pages in rows[:MAX_TABLE_ROWS]:
            facts = [p["fact"] for p in pages if p.get("fact")]
            if not facts:
                continue
            # named after the first fact no other row is named after (a sentence can give two rows)
            name = next((f"{prefix}-{f}" for f in facts if f"{prefix}-{f}" not in used), None)
            k = 2
            while name is None or name in used:
                name, k = f"{prefix}-{facts[0]}-{k}", k + 1
            row["anchor"] = name
            used.add(row["anchor"])
            for p in pages:
                if p.get("fact"):
                    back.setdefault(p["fact"], row["anchor"])

    for s in data.indicators:
        mark("r", [(r, [p for q in r["quotes"] for p in q["pages"]]) for r in s["national"] + s["rows"]])
    for kind, rows in data.unresolved.items():
        mark(kind[0], [(r, r["pages"]) for r in rows])
    return back
