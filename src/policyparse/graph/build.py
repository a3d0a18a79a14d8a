"""Build the cross-city knowledge graph (a networkx ``MultiDiGraph``) from stored facts.

Vocabulary (``NodeKind`` / ``EdgeKind``; every node and edge has a ``kind`` attribute holding the
enum's value, and every edge's key is its kind):

Nodes (id pattern -> meaning):

- ``province:<name>``  PROVINCE: a province-level unit (山东省).
- ``city:<name>``      CITY: a prefecture-level city (泰安市).
- ``document:<sha256>`` DOCUMENT: one stored file (title, issuer, 文号, date, status draft/final).
- ``indicator:<id>``   INDICATOR: a canonical indicator of the gazetteer (``indicator_id``).
- ``dept_type:<id>``   DEPARTMENT_TYPE: a canonical department type (``dept.id``, e.g. the science
  and technology bureau whatever the city).
- ``dept:<entity>``    DEPARTMENT: a city-scoped department entity (``dept.entity``: 陇南市's 科技局);
  an unresolved name becomes ``dept:<city>/<surface>`` with ``resolved=False``.
- ``target:<sha256>:<n>``     TARGET: the n-th target of a document (value, unit, year, baseline...).
- ``assignment:<sha256>:<n>`` ASSIGNMENT: the n-th task/indicator item that names departments.

Edges (source -> target):

- CONTAINS      province -> city
- ISSUED        city -> document (province -> document when the document has no city)
- SETS          document -> target
- ASSIGNS       document -> assignment
- MEASURES      target -> indicator, assignment -> indicator
- LEADS         department -> target / assignment (a stated lead; ``inferred`` attribute kept)
- PARTICIPATES  department -> target / assignment (responsible but not lead)
- IS_A          department -> department type
- CITES         document -> document (a 文号 in the citing document's ``cites`` equals the cited
  document's ``doc_number``)
- REVISES       document -> document (a final version -> the draft it revises: same city, same
  issuer when both are known, similar titles, the final not dated before the draft)

No attribute is ever None (absent values are left out), so exports round-trip exactly.
Analysis lives in separate functions (``policyparse.query``); this module only builds.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Any

import networkx as nx

GRAPH_VERSION = 1


class NodeKind(StrEnum):
    PROVINCE = "province"
    CITY = "city"
    DOCUMENT = "document"
    INDICATOR = "indicator"
    DEPARTMENT_TYPE = "department_type"
    DEPARTMENT = "department"
    TARGET = "target"
    ASSIGNMENT = "assignment"


class EdgeKind(StrEnum):
    CONTAINS = "contains"
    ISSUED = "issued"
    SETS = "sets"
    ASSIGNS = "assigns"
    MEASURES = "measures"
    LEADS = "leads"
    PARTICIPATES = "participates"
    IS_A = "is_a"
    CITES = "cites"
    REVISES = "revises"


# Neo4j labels / relationship types for the CSV export
NODE_LABELS = {
    NodeKind.PROVINCE: "Province", NodeKind.CITY: "City", NodeKind.DOCUMENT: "Document",
    NodeKind.INDICATOR: "Indicator", NodeKind.DEPARTMENT_TYPE: "DepartmentType",
    NodeKind.DEPARTMENT: "Department", NodeKind.TARGET: "Target", NodeKind.ASSIGNMENT: "Assignment",
}


def node_id(kind: NodeKind, *parts: Any) -> str:
    prefix = {NodeKind.DEPARTMENT_TYPE: "dept_type", NodeKind.DEPARTMENT: "dept"}.get(kind, str(kind))
    return ":".join([prefix, *(str(p) for p in parts)])


def _facts_from(source: Any) -> list[dict]:
    """Accept a Corpus, a store path, an open connection or an iterable of fact dicts."""
    from policyparse.store.reader import iter_facts
    from policyparse.store.schema import connect

    if hasattr(source, "store_path"):
        source = source.store_path
    if isinstance(source, (str, Path)):
        conn = connect(source, create=False)
        try:
            return iter_facts(conn)
        finally:
            conn.close()
    if isinstance(source, sqlite3.Connection):
        return iter_facts(source)
    return list(source)


_DOCNO_FOLD = str.maketrans({"[": "〔", "]": "〕", "［": "〔", "］": "〕", "(": "〔", ")": "〕",
                             "（": "〔", "）": "〕", "【": "〔", "】": "〕", " ": None, "\u3000": None})


def normalise_doc_number(s: str | None) -> str | None:
    """Fold the bracket variants of a 文号 (〔2019〕, [2019], (2019)) so citations match."""
    if not s:
        return None
    return s.translate(_DOCNO_FOLD).removesuffix("文件")


_TITLE_NOISE = re.compile(r"[（(][^）)]*(讨论稿|征求意见稿|草案|送审稿)[^）)]*[）)]|讨论稿|征求意见稿|草案|送审稿|\s")


def _title_core(title: str | None, city: str | None, issuer: str | None) -> str:
    t = title or ""
    for prefix in (issuer, city):
        if prefix:
            t = t.replace(prefix, "")
    t = t.replace("人民政府", "").replace("办公室", "")
    return _TITLE_NOISE.sub("", t)


def title_similarity(a: dict, b: dict) -> float:
    from rapidfuzz import fuzz

    ta = _title_core(a.get("title"), a.get("city"), a.get("issuer"))
    tb = _title_core(b.get("title"), b.get("city"), b.get("issuer"))
    if not ta or not tb:
        return 0.0
    return float(fuzz.ratio(ta, tb))


REVISION_MIN_SIMILARITY = 80.0


def revises(final: dict, draft: dict) -> float | None:
    """Similarity score if ``final`` plausibly revises ``draft`` (see module doc), else None."""
    if final.get("status") != "final" or draft.get("status") != "draft":
        return None
    if not final.get("city") or final.get("city") != draft.get("city"):
        return None
    fi, di = final.get("issuer"), draft.get("issuer")
    if fi and di and fi != di:
        return None
    fd, dd = final.get("date"), draft.get("date")
    if fd and dd and fd < dd:
        return None
    sim = title_similarity(final, draft)
    return sim if sim >= REVISION_MIN_SIMILARITY else None


def _clean(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None}


def scoped_entity(entity: str, city: str | None) -> str:
    """Make a department entity city-scoped: ``市科学技术局`` in 泰安市 -> ``泰安市科学技术局``.

    Entities resolved without a city context are generic; the document's city scopes them so two
    cities' bureaus never merge into one node."""
    if not city or entity.startswith(city) or entity.startswith(city.removesuffix("市")):
        return entity
    if entity.startswith("市") and city.endswith("市"):
        return city + entity[1:]
    return f"{city}/{entity}"


def _dept_node(g: nx.MultiDiGraph, dept: dict, city: str | None) -> str:
    entity = dept.get("entity")
    if entity:
        entity = scoped_entity(entity, city)
    if entity:
        nid = node_id(NodeKind.DEPARTMENT, entity)
        if nid not in g:
            g.add_node(nid, kind=str(NodeKind.DEPARTMENT), name=entity, resolved=True, **_clean(
                {"entity": entity, "dept_id": dept.get("id"), "city": city, "surface": dept.get("name"),
                 "uncatalogued": dept.get("uncatalogued"), "body_kind": dept.get("body_kind"),
                 "parent": dept.get("parent")}))
    else:
        nid = node_id(NodeKind.DEPARTMENT, f"{city or '-'}/{dept.get('name', '')}")
        if nid not in g:
            g.add_node(nid, kind=str(NodeKind.DEPARTMENT), name=dept.get("name", ""), resolved=False, **_clean(
                {"dept_id": dept.get("id"), "city": city, "surface": dept.get("name")}))
    type_id = dept.get("id")
    if type_id:
        tid = node_id(NodeKind.DEPARTMENT_TYPE, type_id)
        if tid not in g:
            g.add_node(tid, kind=str(NodeKind.DEPARTMENT_TYPE), name=type_id, dept_id=type_id,
                       **_clean({"uncatalogued": dept.get("uncatalogued"), "body_kind": dept.get("body_kind")}))
        g.add_edge(nid, tid, key=str(EdgeKind.IS_A), kind=str(EdgeKind.IS_A))
    return nid


def _link_depts(g: nx.MultiDiGraph, fact: dict, fid: str, city: str | None) -> None:
    leads = {d.get("entity") or d.get("name") for d in fact.get("lead") or []}
    for pos, dept in enumerate(fact.get("lead") or []):
        nid = _dept_node(g, dept, city)
        g.add_edge(nid, fid, key=str(EdgeKind.LEADS), kind=str(EdgeKind.LEADS),
                   inferred=bool(dept.get("inferred", False)), position=pos, **_clean(
                       {"surface": dept.get("name"), "method": dept.get("method"), "score": dept.get("score")}))
    for pos, dept in enumerate(fact.get("responsible") or []):
        if (dept.get("entity") or dept.get("name")) in leads:
            continue
        nid = _dept_node(g, dept, city)
        g.add_edge(nid, fid, key=str(EdgeKind.PARTICIPATES), kind=str(EdgeKind.PARTICIPATES), position=pos,
                   **_clean({"surface": dept.get("name"), "method": dept.get("method"),
                             "score": dept.get("score")}))


def _indicator_names() -> dict[str, dict]:
    """Canonical names/units of indicators from the gazetteer when it is available."""
    try:
        from policyparse.gazetteer import load_gazetteer

        gaz = load_gazetteer()
    except Exception:
        return {}
    return {"__gaz__": gaz}  # looked up lazily per id


def _indicator_attrs(cache: dict, ind_id: str, surface: str, unit: str | None) -> dict:
    gaz = cache.get("__gaz__")
    if gaz is not None:
        try:
            entry = gaz.indicator(ind_id)
        except Exception:
            entry = None
        if entry is not None:
            name = getattr(entry, "name", None) or (entry.get("name") if isinstance(entry, dict) else None)
            eunit = getattr(entry, "unit", None) or (entry.get("unit") if isinstance(entry, dict) else None)
            return {"name": name or surface, "unit": eunit}
    return {"name": surface, "unit": unit}


def build_graph(source: Any, *, gazetteer_names: bool = True) -> nx.MultiDiGraph:
    """Build the graph from a :class:`~policyparse.corpus.Corpus`, a store path, a connection, or an
    iterable of ``extract`` fact dicts.

    >>> g = build_graph("outputs/policyparse.sqlite")  # doctest: +SKIP
    >>> sum(1 for _, k in g.nodes(data="kind") if k == "target")  # doctest: +SKIP
    """
    facts = _facts_from(source)
    g = nx.MultiDiGraph(policyparse_graph_version=GRAPH_VERSION)
    ind_cache = _indicator_names() if gazetteer_names else {}
    docs: list[dict] = []
    for f in facts:
        d = f["document"]
        docs.append(d)
        did = node_id(NodeKind.DOCUMENT, d["id"])
        g.add_node(did, kind=str(NodeKind.DOCUMENT), name=d.get("title") or Path(d.get("path", "")).name,
                   **_clean({k: d.get(k) for k in ("path", "format", "title", "issuer", "doc_number", "date",
                                                   "status", "city", "province", "pages")}),
                   cites=list(d.get("cites") or []))
        prov, city = d.get("province"), d.get("city")
        if prov:
            pid = node_id(NodeKind.PROVINCE, prov)
            g.add_node(pid, kind=str(NodeKind.PROVINCE), name=prov)
        if city:
            cid = node_id(NodeKind.CITY, city)
            if cid not in g:
                g.add_node(cid, kind=str(NodeKind.CITY), name=city)
            if prov:
                g.nodes[cid]["province"] = prov
                g.add_edge(pid, cid, key=str(EdgeKind.CONTAINS), kind=str(EdgeKind.CONTAINS))
            g.add_edge(cid, did, key=str(EdgeKind.ISSUED), kind=str(EdgeKind.ISSUED))
        elif prov:
            g.add_edge(pid, did, key=str(EdgeKind.ISSUED), kind=str(EdgeKind.ISSUED))
        for seq, t in enumerate(f.get("targets") or []):
            tid = node_id(NodeKind.TARGET, d["id"], seq)
            src = t.get("source") or {}
            base = t.get("baseline") or {}
            g.add_node(tid, kind=str(NodeKind.TARGET), name=t.get("indicator", ""), **_clean({
                "indicator": t.get("indicator"), "indicator_id": t.get("indicator_id"),
                "value": t.get("value"), "unit": t.get("unit"), "comparator": t.get("comparator"),
                "year": t.get("year"), "baseline_value": base.get("value"), "baseline_year": base.get("year"),
                "qualitative": t.get("qualitative"), "scope": t.get("scope"), "item": t.get("item"),
                "page": src.get("page"), "start": src.get("start"), "end": src.get("end"),
                "text": src.get("text"), "document": d["id"], "seq": seq,
            }), flags=list(t.get("flags") or []))
            g.add_edge(did, tid, key=str(EdgeKind.SETS), kind=str(EdgeKind.SETS))
            _measure(g, ind_cache, tid, t.get("indicator_id"), t.get("indicator", ""), t.get("unit"))
            _link_depts(g, t, tid, city)
        for seq, a in enumerate(f.get("assignments") or []):
            aid = node_id(NodeKind.ASSIGNMENT, d["id"], seq)
            src = a.get("source") or {}
            dl = a.get("deadline")
            g.add_node(aid, kind=str(NodeKind.ASSIGNMENT), name=a.get("item") or "", **_clean({
                "item": a.get("item"), "assignment_kind": a.get("kind"), "indicator_id": a.get("indicator_id"),
                "deadline_year": (dl or {}).get("year"), "deadline_text": (dl or {}).get("text"),
                "page": src.get("page"), "start": src.get("start"), "end": src.get("end"),
                "text": src.get("text"), "document": d["id"], "seq": seq,
            }), flags=list(a.get("flags") or []))
            if dl is not None:
                g.nodes[aid]["deadline"] = dict(dl)
            g.add_edge(did, aid, key=str(EdgeKind.ASSIGNS), kind=str(EdgeKind.ASSIGNS))
            _measure(g, ind_cache, aid, a.get("indicator_id"), a.get("item") or "", None)
            _link_depts(g, a, aid, city)
    _link_documents(g, docs)
    return g


def _measure(g, cache, fid: str, ind_id: str | None, surface: str, unit: str | None) -> None:
    if not ind_id:
        return
    iid = node_id(NodeKind.INDICATOR, ind_id)
    if iid not in g:
        g.add_node(iid, kind=str(NodeKind.INDICATOR), indicator_id=ind_id,
                   **_clean(_indicator_attrs(cache, ind_id, surface, unit)))
    g.add_edge(fid, iid, key=str(EdgeKind.MEASURES), kind=str(EdgeKind.MEASURES))


def _link_documents(g: nx.MultiDiGraph, docs: Iterable[dict]) -> None:
    docs = list(docs)
    by_number: dict[str, list[dict]] = {}
    for d in docs:
        n = normalise_doc_number(d.get("doc_number"))
        if n:
            by_number.setdefault(n, []).append(d)
    for d in docs:
        for cited in d.get("cites") or []:
            for target in by_number.get(normalise_doc_number(cited) or "", []):
                if target["id"] != d["id"]:
                    g.add_edge(node_id(NodeKind.DOCUMENT, d["id"]), node_id(NodeKind.DOCUMENT, target["id"]),
                               key=str(EdgeKind.CITES), kind=str(EdgeKind.CITES), doc_number=cited)
    for final in docs:
        for draft in docs:
            sim = revises(final, draft)
            if sim is not None:
                g.add_edge(node_id(NodeKind.DOCUMENT, final["id"]), node_id(NodeKind.DOCUMENT, draft["id"]),
                           key=str(EdgeKind.REVISES), kind=str(EdgeKind.REVISES), title_similarity=sim)


def kind_counts(g: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    """Number of nodes per NodeKind and edges per EdgeKind (a quick consistency summary)."""
    nodes: dict[str, int] = {}
    edges: dict[str, int] = {}
    for _, k in g.nodes(data="kind"):
        nodes[k] = nodes.get(k, 0) + 1
    for _, _, k in g.edges(data="kind"):
        edges[k] = edges.get(k, 0) + 1
    return {"nodes": dict(sorted(nodes.items())), "edges": dict(sorted(edges.items()))}
