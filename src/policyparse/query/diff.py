"""``diff``: targets added, removed and changed between two versions of a plan."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from policyparse.query.common import SAME_PLAN_SIMILARITY, open_store, plan_similarity, same_place
from policyparse.store.reader import document_dict, load_facts, resolve_document

COMPARED = ("value", "unit", "comparator", "year", "baseline", "qualitative")


@dataclass
class DiffResult:
    a: dict
    b: dict
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    changed: list[dict] = field(default_factory=list)
    unchanged: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. the two documents are not versions of one plan

    @property
    def no_differences(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def __str__(self) -> str:
        from policyparse.query.render import as_text

        return as_text(self)

    def to_dict(self) -> dict:
        return {"a": self.a, "b": self.b, "added": self.added, "removed": self.removed,
                "changed": self.changed, "unchanged": len(self.unchanged), "warnings": self.warnings,
                "no_differences": self.no_differences}


def _indicator_key(t: dict) -> tuple[str, str]:
    ind = t.get("indicator_id") or "surface:" + re.sub(r"[\s()（）、,，。]", "", t.get("indicator") or "")
    return ind, re.sub(r"\s+", "", t.get("scope") or "")


def _summary(t: dict) -> dict:
    src = t.get("source") or {}
    return {"indicator": t.get("indicator"), "indicator_id": t.get("indicator_id"),
            **{k: t.get(k) for k in COMPARED}, "scope": t.get("scope"), "page": src.get("page"),
            "text": src.get("text")}


def _same(x: dict, y: dict) -> bool:
    return all(_norm(x.get(k)) == _norm(y.get(k)) for k in COMPARED)


def _norm(v):
    if isinstance(v, dict):
        return {k: _norm(x) for k, x in v.items() if x is not None}
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _pair(xs: list[dict], ys: list[dict]):
    """Pair two versions' targets of one indicator: equal ones first, then the same year, then the
    rest by year from the latest (a plan's horizon target revises the other's horizon target)."""
    xs, ys = list(xs), list(ys)
    same, changed = [], []
    for x in list(xs):
        y = next((y for y in ys if _same(x, y)), None)
        if y is not None:
            same.append((x, y))
            xs.remove(x)
            ys.remove(y)
    for x in list(xs):
        y = next((y for y in ys if y.get("year") == x.get("year")), None)
        if y is not None:
            changed.append((x, y))
            xs.remove(x)
            ys.remove(y)
    xs.sort(key=lambda t: -(t.get("year") or 0))
    ys.sort(key=lambda t: -(t.get("year") or 0))
    while xs and ys:
        changed.append((xs.pop(0), ys.pop(0)))
    return same, changed, xs, ys


def _doc_summary(doc: dict) -> dict:
    return {k: doc.get(k) for k in ("id", "path", "format", "title", "issuer", "doc_number", "date", "status",
                                    "city")}


def diff(store: str | Path | sqlite3.Connection, doc_a: str, doc_b: str) -> DiffResult:
    """Targets of ``doc_b`` compared with ``doc_a`` (ids, id prefixes, paths or file names).

    >>> r = diff("outputs/policyparse.sqlite", "corpus/000_66384f2078c7182b.txt",
    ...          "corpus/003_1b4764571c7d463f.txt")  # doctest: +SKIP
    >>> [(c["a"]["value"], c["b"]["value"]) for c in r.changed]  # doctest: +SKIP
    """
    conn, owned = open_store(store)
    try:
        ia, ib = resolve_document(conn, doc_a), resolve_document(conn, doc_b)
        fa, fb = load_facts(conn, ia), load_facts(conn, ib)
        da = document_dict(conn.execute("SELECT * FROM documents WHERE id = ?", (ia,)).fetchone())
        db = document_dict(conn.execute("SELECT * FROM documents WHERE id = ?", (ib,)).fetchone())
    finally:
        if owned:
            conn.close()
    res = DiffResult(_doc_summary(da), _doc_summary(db), warnings=version_warnings(da, db))
    groups_a: dict[tuple, list[dict]] = {}
    groups_b: dict[tuple, list[dict]] = {}
    for t in fa["targets"]:
        groups_a.setdefault(_indicator_key(t), []).append(t)
    for t in fb["targets"]:
        groups_b.setdefault(_indicator_key(t), []).append(t)
    left_a: list[dict] = []
    left_b: list[dict] = []
    for key in list(groups_a) + [k for k in groups_b if k not in groups_a]:
        same, changed, only_a, only_b = _pair(groups_a.get(key, []), groups_b.get(key, []))
        res.unchanged.extend(_summary(y) for _, y in same)
        for x, y in changed:
            res.changed.append(_change(x, y, "indicator_id" if not key[0].startswith("surface:") else "surface"))
        left_a.extend(only_a)
        left_b.extend(only_b)
    for x, y in _pair_by_surface(left_a, left_b):
        res.changed.append(_change(x, y, "similar_surface"))
        left_a.remove(x)
        left_b.remove(y)
    res.removed.extend(_summary(x) for x in left_a)
    res.added.extend(_summary(y) for y in left_b)
    return res


def version_warnings(a: dict, b: dict) -> list[str]:
    """Why two documents may not be versions of one plan (different places, unlike titles); the
    same content read from two renderings."""
    if a["id"] == b["id"]:
        return ["both references name the same document"]
    out = []
    pa, pb = a.get("city") or a.get("province") or "国家/未识别", b.get("city") or b.get("province") or "国家/未识别"
    if not same_place(a, b):
        out.append(f"the documents are of different places ({pa} / {pb}): not versions of one plan, so"
                   " 'changed' pairs targets of two plans")
    sim = plan_similarity(a, b)
    if sim < SAME_PLAN_SIMILARITY:
        out.append(f"the titles are unlike (similarity {sim:.0f} < {SAME_PLAN_SIMILARITY:.0f}): "
                   f"{a.get('title')!r} / {b.get('title')!r}; they may not be versions of one plan")
    return out


def _change(x: dict, y: dict, matched_by: str) -> dict:
    return {"indicator_id": y.get("indicator_id") or x.get("indicator_id"), "indicator": y.get("indicator"),
            "scope": y.get("scope") or None, "matched_by": matched_by,
            "fields": [k for k in COMPARED if _norm(x.get(k)) != _norm(y.get(k))],
            "a": _summary(x), "b": _summary(y)}


_PLACE_PREFIX = re.compile(r"^(全市|全省|全区|全县|我市|本市|市级以上)")
SURFACE_MIN_SIMILARITY = 90.0


def _surface(t: dict) -> str:
    return _PLACE_PREFIX.sub("", re.sub(r"[\s()（）、,，。]", "", t.get("indicator") or ""))


def _pair_by_surface(xs: list[dict], ys: list[dict]) -> list[tuple[dict, dict]]:
    """Pair leftovers whose indicators were not both resolved to one canonical id but whose
    wording is nearly the same (``有效期内高新技术企业总量`` / ``全市有效期内高新技术企业总量``), in the
    same unit; best pairs first. Such changes are marked ``matched_by: similar_surface``."""
    from rapidfuzz import fuzz

    scored = []
    for i, x in enumerate(xs):
        for j, y in enumerate(ys):
            if x.get("unit") != y.get("unit"):
                continue
            if x.get("indicator_id") and y.get("indicator_id"):
                continue  # both canonical and different: different indicators
            a, b = _surface(x), _surface(y)
            if not a or not b:
                continue
            score = fuzz.ratio(a, b)
            if score >= SURFACE_MIN_SIMILARITY:
                scored.append((-score, -(x.get("year") or 0), i, j))
    used_a, used_b, out = set(), set(), []
    for _, _, i, j in sorted(scored):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append((xs[i], ys[j]))
    return out
