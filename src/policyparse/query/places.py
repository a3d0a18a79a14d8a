"""What a query's ``--city`` means: a city, a province, a district or county, or a short name.

:func:`resolve_place` maps the user's words to the documents they select, and says how
(``method``), so an answer can say what was searched:

- a city in the store, by full or short name (``陇南`` -> 陇南市);
- a province, by full or short name (``四川省``, ``四川``): its provincial plans and its cities' plans;
- a district or county (``上城区``): the plans of its city (the store records a plan's city);
- nothing: ``doc_ids`` is empty and ``candidates`` lists the close places the store has.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

_SUFFIX = re.compile(r"(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|地区|省|市|州|盟|区|县|旗)$")
CLOSE_MATCH_CUTOFF = 50.0


def short(name: str | None) -> str:
    """``陇南市`` -> ``陇南``; ``广西壮族自治区`` -> ``广西`` (names of two characters keep their suffix)."""
    n = (name or "").strip()
    s = _SUFFIX.sub("", n)
    return s if len(s) >= 2 else n


@dataclass
class PlaceMatch:
    query: str
    kind: str | None  # city | province | district | None (not found)
    name: str | None  # the city or province searched
    method: str  # exact | short | district | none
    doc_ids: set[str] = field(default_factory=set)
    candidates: list[dict] = field(default_factory=list)  # close places in the store (when not found)
    note: str | None = None

    @property
    def found(self) -> bool:
        return self.kind is not None

    def to_dict(self) -> dict:
        return {"query": self.query, "kind": self.kind, "name": self.name, "method": self.method,
                "documents": len(self.doc_ids), "candidates": self.candidates, "note": self.note}

    def describe(self) -> str:
        if not self.found:
            return f"place {self.query!r}"
        what = {"city": "city", "province": "province", "district": "city"}[self.kind]
        how = "" if self.method == "exact" else f" (from {self.query!r})"
        return f"{what} {self.name}{how}"


def _places(conn: sqlite3.Connection) -> list[dict]:
    return [dict(zip(("id", "city", "province"), r, strict=True)) for r in conn.execute(
        "SELECT id, city, province FROM documents WHERE ingest_status = 'ok'")]


def resolve_place(conn: sqlite3.Connection, query: str) -> PlaceMatch:
    """The documents ``query`` names (see the module's docstring)."""
    q = query.strip()
    docs = _places(conn)
    cities = {d["city"] for d in docs if d["city"]}
    provinces = {d["province"] for d in docs if d["province"]}

    def by_city(name: str, method: str, kind: str = "city", note: str | None = None) -> PlaceMatch:
        return PlaceMatch(q, kind, name, method, {d["id"] for d in docs if d["city"] == name}, note=note)

    if q in cities:
        return by_city(q, "exact")
    if q in provinces:
        return PlaceMatch(q, "province", q, "exact", {d["id"] for d in docs if d["province"] == q})
    sq = short(q)
    hits = sorted(c for c in cities if short(c) == sq)
    if len(hits) == 1:
        return by_city(hits[0], "short")
    hits_p = sorted(p for p in provinces if short(p) == sq)
    if len(hits_p) == 1:
        return PlaceMatch(q, "province", hits_p[0], "short", {d["id"] for d in docs if d["province"] == hits_p[0]})
    place = _gazetteer_place(q)
    if place is not None and place.level == "county" and place.city:
        note = f"{place.name} is a district or county of {place.city}: its plans are stored under {place.city}"
        if place.city in cities:
            return by_city(place.city, "district", "district", note)
        return PlaceMatch(q, None, place.city, "none", candidates=_close(q, cities, provinces), note=note)
    if place is not None and place.name not in cities | provinces:
        note = f"{place.name} is a known {_LEVEL.get(place.level, place.level)}, but no stored plan is of it"
        return PlaceMatch(q, None, None, "none", candidates=_close(q, cities, provinces), note=note)
    return PlaceMatch(q, None, None, "none", candidates=_close(q, cities, provinces))


_LEVEL = {"province": "province", "city": "city", "county": "district or county"}


def _gazetteer_place(q: str):
    try:
        from policyparse.gazetteer import load_gazetteer

        return load_gazetteer().place(q)
    except Exception:  # no gazetteer: the store's names only
        return None


def _close(q: str, cities: set[str], provinces: set[str]) -> list[dict]:
    from rapidfuzz import fuzz, process

    names = sorted(cities | provinces)
    hits = process.extract(q, names, scorer=fuzz.ratio, limit=5, score_cutoff=CLOSE_MATCH_CUTOFF)
    return [{"name": n, "score": round(s, 1), "kind": "city" if n in cities else "province"} for n, s, _ in hits]


def explain_place(p: PlaceMatch) -> list[str]:
    """Why a place selected nothing."""
    lines = [f"no document in the store is of {p.query!r}" + (f" ({p.note})" if p.note else "")]
    if p.candidates:
        lines.append("close matches: " + ", ".join(f"{c['name']} ({c['kind']}, {c['score']:g})" for c in p.candidates))
    return lines
