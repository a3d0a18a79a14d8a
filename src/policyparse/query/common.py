"""Shared pieces of the queries: opening the store, resolving indicators and cities, merging rows
that only differ by which rendering of a document they came from."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from policyparse.errors import QueryError

FORMAT_ORDER = {"txt": 0, "docx": 1, "html": 2, "pdf": 3}  # whose title reads cleanest (plain text first)
# which rendering a source column names first: the one that tells an analyst most about where the
# fact is (a PDF's page is the printed page; DOCX pages are estimated; HTML and TXT have one "page")
SOURCE_ORDER = {"pdf": 0, "docx": 1, "html": 2, "txt": 3}
AMBIGUITY_MARGIN = 3.0  # a fuzzy winner this close to a different runner-up is ambiguous
FALLBACK_CUTOFF = 80.0
RERUN = " (rerun the same command with one of these ids instead of the name)"


def open_store(store: str | Path | sqlite3.Connection) -> tuple[sqlite3.Connection, bool]:
    """Return ``(connection, owned)``; ``owned`` tells the caller to close it."""
    if isinstance(store, sqlite3.Connection):
        return store, False
    from policyparse.store.schema import connect

    return connect(store, create=False), True


@dataclass(frozen=True)
class ResolvedIndicator:
    """How a user's indicator query was resolved."""

    query: str
    id: str
    name: str
    method: str  # exact | alias | fuzzy | id | store | uncatalogued | uncatalogued_fuzzy
    score: float
    unit: str | None = None
    candidates: tuple[dict, ...] = field(default=())

    def to_dict(self) -> dict:
        return {"query": self.query, "id": self.id, "name": self.name, "method": self.method,
                "score": self.score, "unit": self.unit, "candidates": list(self.candidates)}


def _cand(x: Any) -> dict | None:
    """Normalise a gazetteer candidate (object, dict or tuple) to {id, name, score}."""
    if x is None:
        return None
    if isinstance(x, dict):
        return {"id": x.get("id"), "name": x.get("name"), "score": x.get("score")}
    if isinstance(x, (tuple, list)):  # the gazetteer's (id, name, score)
        x = list(x) + [None] * (3 - len(x))
        return {"id": x[0], "name": x[1], "score": x[2]}
    return {"id": getattr(x, "id", None), "name": getattr(x, "name", None), "score": getattr(x, "score", None)}


def _gazetteer():
    try:
        from policyparse.gazetteer import load_gazetteer
    except ImportError:
        return None
    try:
        return load_gazetteer()
    except Exception:
        return None


def _entry_attr(entry: Any, name: str) -> Any:
    if entry is None:
        return None
    if isinstance(entry, dict):
        return entry.get(name)
    return getattr(entry, name, None)


def _squash(s: str) -> str:
    return re.sub(r"[\s()（）]", "", s or "").lower()


def fetch_dicts(conn: sqlite3.Connection, sql: str, args: Any = ()) -> list[dict]:
    """Rows as plain dicts: a query that reads a column of a thousand rows many times pays far
    less than with ``sqlite3.Row`` (whose lookup by name scans the columns)."""
    cur = conn.cursor()
    cur.row_factory = None
    cur.execute(sql, args)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def resolve_indicator(conn: sqlite3.Connection, query: str, *, gazetteer: Any = "default") -> ResolvedIndicator:
    """Resolve ``query`` (canonical id, name, alias or fuzzy spelling) to one canonical indicator.

    Uses the gazetteer's ``match(query, kind="indicator")`` when it is available, otherwise the
    indicator surfaces in the store. An indicator the catalogue lacks is reached by its
    uncatalogued key (``uncatalogued:<normalised name>``, ``targets.indicator_key``): the key
    itself, the name (normalised as the key is: scope words, unit brackets, 新增 …) before any fuzzy
    catalogue match, or a fuzzy match over the stored keys (threshold, margin and markers of the
    matcher's indicators). An unknown query, or a fuzzy match whose runner-up (a
    different indicator) scores within ``AMBIGUITY_MARGIN``, raises :class:`QueryError` listing
    the candidates instead of guessing.
    """
    gaz = _gazetteer() if gazetteer == "default" else gazetteer
    q = query.strip()
    if q.startswith(UNCATALOGUED):  # an uncatalogued key as `policyparse indicators` lists it
        found = _uncatalogued_exact(conn, q)
        if found is None:
            raise QueryError(None, f"unknown indicator key {q!r} (no stored target has it)")
        return found
    if gaz is not None:
        try:
            entry = gaz.indicator(q)
        except Exception:
            entry = None
        if entry is not None:
            return ResolvedIndicator(q, q, _entry_attr(entry, "name") or q, "id", 100.0, _entry_attr(entry, "unit"))
        m = gaz.match(q, kind="indicator")
        if getattr(m, "id", None) is None and _INCREMENT.match(q):
            # "新增高新技术企业": the increment of that indicator, as the extractor resolves it
            bare = gaz.match(_INCREMENT.sub("", q), kind="indicator")
            if getattr(bare, "id", None) is not None and bare.method != "fuzzy":
                m = bare
        cands = tuple(c for c in (_cand(x) for x in (getattr(m, "candidates", None) or [])) if c)
        if getattr(m, "id", None) is None or m.method == "fuzzy":
            # an indicator the catalogue lacks, stored under the key of its normalised name: by that
            # name first (before a fuzzy catalogue match), then by fuzzy match over the stored keys
            found = _uncatalogued_exact(conn, q)
            if found is not None:
                return found
        if getattr(m, "id", None) is None:
            found, more = _uncatalogued_fuzzy(conn, q)
            if found is not None:
                return found
            cands = cands + more
            raise QueryError(None, f"unknown indicator {q!r}; candidates: {_fmt(cands) or 'none'}{RERUN if cands else ''}")
        runner = _cand(getattr(m, "runner_up", None))
        if (
            m.method == "fuzzy" and runner and runner.get("id") not in (None, m.id)
            and runner.get("score") is not None and float(runner["score"]) >= float(m.score) - AMBIGUITY_MARGIN
        ):
            raise QueryError(None, f"ambiguous indicator {q!r}; candidates: {_fmt(cands or (_cand(m), runner))}{RERUN}")
        try:
            entry = gaz.indicator(m.id)
        except Exception:
            entry = None
        return ResolvedIndicator(q, m.id, getattr(m, "name", None) or m.id, m.method, float(m.score),
                                 _entry_attr(entry, "unit"), cands)
    return _resolve_from_store(conn, q)


def indicator_notes(ind: ResolvedIndicator) -> list[str]:
    """How the indicator query was read, when it was not an exact name or id."""
    if ind.method in ("id", "exact"):
        return []
    return [f"{ind.query!r} matched {ind.name} [{ind.id}] ({ind.method} {ind.score:g})"]


def store_empty(conn: sqlite3.Connection) -> list[str]:
    """The explanation of an empty answer from a store without documents (else ``[]``)."""
    if conn.execute("SELECT 1 FROM documents WHERE ingest_status = 'ok' LIMIT 1").fetchone():
        return []
    return ["the store has no documents (run `policyparse ingest FOLDER --store ...` first)"]


UNCATALOGUED = "uncatalogued:"
_INCREMENT = re.compile(r"^(?:新增|新改建|新建改建|新建|改建)")  # as policyparse.extract.INCREMENT


def _uncatalogued_keys(conn: sqlite3.Connection) -> dict[str, str]:
    """Stored uncatalogued indicator keys -> their most frequent surface name."""
    names: dict[str, dict[str, int]] = {}
    for key, name, n in conn.execute(
        "SELECT indicator_key, indicator, count(*) FROM targets WHERE indicator_id IS NULL"
        " AND indicator_key IS NOT NULL GROUP BY indicator_key, indicator"
    ):
        names.setdefault(key, {})[name] = n
    return {k: max(v, key=lambda s: (v[s], -len(s))) for k, v in names.items()}


def _uncatalogued_exact(conn: sqlite3.Connection, q: str) -> ResolvedIndicator | None:
    from policyparse.gazetteer.normalize import indicator_group_key

    key = q if q.startswith(UNCATALOGUED) else indicator_group_key(q)
    if not key:
        return None
    row = conn.execute(
        "SELECT indicator, count(*) AS n FROM targets WHERE indicator_key = ? AND indicator_id IS NULL"
        " GROUP BY indicator ORDER BY n DESC, length(indicator) LIMIT 1", (key,)).fetchone()
    if row is None:
        return None
    return ResolvedIndicator(q, key, row[0], "uncatalogued", 100.0)


def _uncatalogued_fuzzy(conn: sqlite3.Connection, q: str) -> tuple[ResolvedIndicator | None, tuple[dict, ...]]:
    """Fuzzy match over the stored uncatalogued keys, with the matcher's indicator threshold,
    margin and marker guard; returns (the match or None, the candidates)."""
    from rapidfuzz import fuzz

    from policyparse.gazetteer.matcher import FUZZY_MARGIN, INDICATOR_FUZZY_THRESHOLD, INDICATOR_MARKERS
    from policyparse.gazetteer.normalize import indicator_group_key

    key = indicator_group_key(q)
    if not key:
        return None, ()
    bare = key[len(UNCATALOGUED):]
    scored = sorted(((fuzz.ratio(bare, k[len(UNCATALOGUED):]), k, name) for k, name in _uncatalogued_keys(conn).items()),
                    reverse=True)[:5]
    cands = tuple({"id": k, "name": name, "score": round(score, 1)} for score, k, name in scored if score >= 50)
    if not scored or scored[0][0] < INDICATOR_FUZZY_THRESHOLD:
        return None, cands
    if len(scored) > 1 and scored[0][0] - scored[1][0] < FUZZY_MARGIN:
        raise QueryError(None, f"ambiguous indicator {q!r}; candidates: {_fmt(cands)}")
    score, k, name = scored[0]
    other = k[len(UNCATALOGUED):]
    if not all((mk in bare) == (mk in other) for mk in INDICATOR_MARKERS):
        return None, cands
    return ResolvedIndicator(q, k, name, "uncatalogued_fuzzy", round(score, 1), None, cands), cands


def _fmt(cands) -> str:
    return "; ".join(f"{c.get('id')} ({c.get('name')}, {c.get('score')})" for c in cands if c)


def _resolve_from_store(conn: sqlite3.Connection, q: str) -> ResolvedIndicator:
    rows = conn.execute(
        "SELECT DISTINCT indicator_id, indicator FROM targets WHERE indicator_id IS NOT NULL"
    ).fetchall()
    ids = {r[0] for r in rows} | {
        r[0] for r in conn.execute("SELECT DISTINCT indicator_id FROM assignments WHERE indicator_id IS NOT NULL")
    }
    if q in ids:
        return ResolvedIndicator(q, q, q, "id", 100.0)
    sq = _squash(q)
    exact = sorted({r[0] for r in rows if _squash(r[1]) == sq})
    if len(exact) == 1:
        return ResolvedIndicator(q, exact[0], q, "exact", 100.0)
    from rapidfuzz import fuzz, process

    choices = {i: _squash(r[1]) for i, r in enumerate(rows)}
    hits = process.extract(sq, choices, scorer=fuzz.WRatio, limit=10, score_cutoff=FALLBACK_CUTOFF)
    best: dict[str, tuple[float, str]] = {}
    for _, score, i in hits:
        ind_id, surface = rows[i]
        if ind_id not in best or score > best[ind_id][0]:
            best[ind_id] = (score, surface)
    ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
    cands = tuple({"id": k, "name": v[1], "score": round(v[0], 1)} for k, v in ranked)
    if len(exact) > 1:
        raise QueryError(None, f"ambiguous indicator {q!r}; candidates: {', '.join(exact)}")
    if not ranked:
        raise QueryError(None, f"unknown indicator {q!r} (no stored indicator resembles it)")
    if len(ranked) > 1 and ranked[1][1][0] >= ranked[0][1][0] - AMBIGUITY_MARGIN:
        raise QueryError(None, f"ambiguous indicator {q!r}; candidates: {_fmt(cands)}{RERUN}")
    return ResolvedIndicator(q, ranked[0][0], ranked[0][1][1], "store", round(ranked[0][1][0], 1), None, cands)


def city_matches(doc_city: str | None, query: str | None) -> bool:
    """``陇南市`` matches ``陇南市`` and ``陇南``; no query matches everything."""
    if not query:
        return True
    if not doc_city:
        return False
    strip = lambda s: s.strip().removesuffix("市")  # noqa: E731
    return strip(doc_city) == strip(query)


DOC_COLUMNS = "id, path, format, title, issuer, doc_number, date, status, city, province"  # what queries show
# the same, qualified for a join with ``documents d``
DOC_COLUMNS_D = ", ".join("d." + c.strip() for c in DOC_COLUMNS.split(","))


def city_condition(city: str | None, column: str = "city") -> tuple[str, list[str]]:
    """SQL ``AND column IN (?, ?)`` for a city query with and without 市 (empty without a city);
    rows it selects still go through :func:`city_matches`."""
    if not city:
        return "", []
    base = city.strip().removesuffix("市")
    return f" AND {column} IN (?, ?)", [base, base + "市"]


def doc_rows(conn: sqlite3.Connection, city: str | None = None) -> dict[str, sqlite3.Row]:
    """Ok documents by id, all or of one city (filtered in SQL on the city index)."""
    where, args = city_condition(city)
    rows = conn.execute(f"SELECT {DOC_COLUMNS} FROM documents WHERE ingest_status = 'ok'{where}", args).fetchall()
    return {r["id"]: r for r in rows if city_matches(r["city"], city)}


NATIONAL_LABEL = "国家"
UNKNOWN_PLACE = "地区未识别"
# a national issuer: ministries, the State Council, national commissions and administrations
_NATIONAL_BODY = re.compile(r"国务院|中共中央|^[^省市县区州盟旗]*部(?!门)|国家[^,，、]{0,10}(?:委员会|委|局|署)")


def is_national(doc: sqlite3.Row | dict) -> bool:
    """A national document: no city or province, and a national body issued it (a plan whose place
    the gazetteer does not know is not a national reference)."""
    if doc["city"] or doc["province"]:
        return False
    keys = doc.keys() if hasattr(doc, "keys") else ()
    issuer = (doc["issuer"] if "issuer" in keys else None) or ""
    title = (doc["title"] if "title" in keys else None) or ""
    return bool(_NATIONAL_BODY.search(issuer) or (not issuer and _NATIONAL_BODY.search(title)))


def place_label(city: str | None, province: str | None, national: bool) -> str:
    """How a document's place is shown: its city, else its province (a provincial plan), else 国家
    for a national document, else 地区未识别."""
    return city or province or (NATIONAL_LABEL if national else UNKNOWN_PLACE)


def source_entry(doc: sqlite3.Row, page: Any, text: str | None = None) -> dict:
    d = {"document": doc["id"], "path": doc["path"], "format": doc["format"], "title": doc["title"],
         "page": page, "_doc": doc_key(doc)}
    if text is not None:
        d["text"] = text
    return d


def doc_key(doc: sqlite3.Row | dict) -> str:
    """What renderings of one document share even when a reader garbles part of the title: city,
    status and the 文号, or the start of the title when there is no 文号."""
    return _doc_key(doc["city"], doc["status"], doc["doc_number"], doc["title"])


@lru_cache(maxsize=65536)
def _doc_key(city: str | None, status: str | None, doc_number: str | None, title: str | None) -> str:
    from policyparse.graph.build import normalise_doc_number

    number = normalise_doc_number(doc_number)
    return "|".join([city or "", status or "", number or squash_text(title)[:10]])


def squash_text(s: str | None) -> str:
    return re.sub(r"\s+", "", s or "")


def merge_rows(rows: list[dict], *, ignore: tuple[str, ...] = ("sources", "title", "date"),
               text_keys: tuple[str, ...] = ()) -> list[dict]:
    """Merge rows that are equal except for ``sources`` (renderings of one document: the same facts
    read from its .txt, .docx, .html and .pdf): one row, all sources, the most informative rendering
    first (:data:`SOURCE_ORDER`: PDF, DOCX, HTML, TXT); the row's title is the cleanest-reading
    rendering's (:data:`FORMAT_ORDER`)."""
    skip = frozenset(ignore)
    by_doc: dict[Any, list[dict]] = {}
    for r in rows:  # only rows of one document (its renderings) can merge: compare within those
        by_doc.setdefault(r["sources"][0].get("_doc"), []).append(r)
    out: dict[Any, dict] = {}
    for doc, group in by_doc.items():
        for r in group:
            key: Any = (doc, id(r))
            if len(group) > 1:  # a query builds its rows with one function: equal rows repr alike
                key = (doc, repr([(k, squash_text(v) if k in text_keys else v)
                                  for k, v in r.items() if k not in skip]))
            if key in out:
                out[key]["sources"].extend(r["sources"])
            else:
                out[key] = {**r, "sources": list(r["sources"])}
    for r in out.values():
        sources = r["sources"]
        for s in sources:
            s.pop("_doc", None)
        if len(sources) > 1:
            if "title" in r:
                clean = min(sources, key=lambda s: (FORMAT_ORDER.get(s.get("format"), 9), s.get("path") or ""))
                r["title"] = clean.get("title", r["title"])
            sources.sort(key=lambda s: (SOURCE_ORDER.get(s.get("format"), 9), s.get("path") or ""))
    return list(out.values())


# ----------------------------------------------------------------------------- versions of one plan

SAME_PLAN_SIMILARITY = 80.0  # title similarity (0-100, place and issuer words dropped) of two versions
_TITLE_NOISE = re.compile(r"人民政府|办公室|办公厅|关于印发|的通知|《|》|\(.*?\)|（.*?）|\s")


def title_core(title: str | None, *places: str | None) -> str:
    t = title or ""
    for p in places:
        if p:
            t = t.replace(p, "")
    return _TITLE_NOISE.sub("", t)


def plan_similarity(a: dict, b: dict) -> float:
    """How alike two documents' titles are (0-100) once their place and issuer words are dropped."""
    from rapidfuzz import fuzz

    ta = title_core(a.get("title"), a.get("city"), a.get("province"))
    tb = title_core(b.get("title"), b.get("city"), b.get("province"))
    if not ta or not tb:
        return 0.0
    return float(fuzz.partial_ratio(ta, tb)) if min(len(ta), len(tb)) >= 6 else float(fuzz.ratio(ta, tb))


def same_place(a: dict, b: dict) -> bool:
    return (a.get("city") or None, a.get("province") or None) == (b.get("city") or None, b.get("province") or None)


def superseded_drafts(conn: sqlite3.Connection) -> dict[str, dict]:
    """Draft documents that a final version in the store supersedes: same place, alike titles
    (:data:`SAME_PLAN_SIMILARITY`), the final not dated before the draft. ``{draft id: final doc}``."""
    docs = [dict(r) for r in conn.execute(f"SELECT {DOC_COLUMNS} FROM documents WHERE ingest_status = 'ok'")]
    finals: dict[tuple, list[dict]] = {}
    for d in docs:
        if d["status"] != "draft":
            finals.setdefault((d["city"] or None, d["province"] or None), []).append(d)
    out: dict[str, dict] = {}
    for d in docs:
        if d["status"] != "draft":
            continue
        best = None
        for f in finals.get((d["city"] or None, d["province"] or None), ()):
            if d["date"] and f["date"] and f["date"] < d["date"]:
                continue
            sim = plan_similarity(d, f)
            if sim >= SAME_PLAN_SIMILARITY and (best is None or sim > best[0]):
                best = (sim, f)
        if best:
            out[d["id"]] = {k: best[1][k] for k in ("id", "path", "title", "date", "doc_number")}
    return out
