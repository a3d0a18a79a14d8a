"""``indicators``: every indicator a query can reach, catalogued or not, with counts and places.

The catalogue's indicators (``gazetteers/indicators.yaml``) are listed under their ids; targets
whose indicator the catalogue lacks are grouped under the uncatalogued key of their normalised name
(``uncatalogued:城镇化率``: scope words such as 全市, unit brackets and increment verbs such as 新增
removed, :func:`policyparse.gazetteer.normalize.indicator_group_key`), the key ``compare`` and
``lead`` accept, as they accept the name itself.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from policyparse.query.common import (
    _gazetteer,
    city_condition,
    city_matches,
    fetch_dicts,
    is_national,
    open_store,
    place_label,
)

KINDS = ("all", "catalogue", "uncatalogued")


@dataclass
class IndicatorsResult:
    kind: str
    city: str | None
    rows: list[dict] = field(default_factory=list)

    def __str__(self) -> str:
        from policyparse.query.render import as_text

        return as_text(self)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "city": self.city, "rows": self.rows}


def indicators(store: str | Path | sqlite3.Connection, *, kind: str = "all", city: str | None = None,
               used: bool = False) -> IndicatorsResult:
    """The catalogue's indicators and the uncatalogued keys of the stored targets.

    Each row: ``key`` (catalogue id or ``uncatalogued:…``), ``name`` (catalogue name, or the most
    frequent surface name), ``catalogued``, ``source`` / ``unit`` of a catalogue entry, ``targets``,
    ``documents``, ``places`` (cities, provinces, 国家), ``names`` (the surface names, most frequent
    first, at most five). ``kind``: all | catalogue | uncatalogued; ``city`` restricts the counts
    to one city's documents; ``used`` drops catalogue entries no stored target has. Rows with
    targets come first, most targets first.

    >>> indicators("outputs/policyparse.sqlite", kind="uncatalogued").rows[0]["key"]  # doctest: +SKIP
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    conn, owned = open_store(store)
    try:
        where, args = city_condition(city, "d.city")
        found = fetch_dicts(
            conn,
            "SELECT t.indicator_key AS key, t.indicator_id AS id, t.indicator AS name, t.doc_id,"
            " d.city, d.province, d.issuer, d.title FROM targets t JOIN documents d ON d.id = t.doc_id"
            f" WHERE d.ingest_status = 'ok' AND t.indicator_key IS NOT NULL{where}", args)
        stats: dict[str, dict] = {}
        for r in found:
            if not city_matches(r["city"], city):
                continue
            s = stats.setdefault(r["key"], {"targets": 0, "docs": set(), "places": Counter(), "names": Counter(),
                                            "catalogued": r["id"] is not None})
            s["targets"] += 1
            s["docs"].add(r["doc_id"])
            s["places"][place_label(r["city"], r["province"], is_national(r))] += 1
            s["names"][r["name"]] += 1
        rows: list[dict] = []
        gaz = _gazetteer()
        if kind in ("all", "catalogue"):
            for ind in (gaz.indicators.values() if gaz is not None else ()):
                s = stats.get(ind.id)
                if s is None and used:
                    continue
                rows.append(_row(ind.id, ind.name, True, s, source=ind.source, unit=ind.unit))
            if gaz is None:  # no catalogue at hand: the ids the store holds
                rows += [_row(k, s["names"].most_common(1)[0][0], True, s) for k, s in stats.items() if s["catalogued"]]
        if kind in ("all", "uncatalogued"):
            rows += [_row(k, s["names"].most_common(1)[0][0], False, s) for k, s in stats.items() if not s["catalogued"]]
        rows.sort(key=lambda r: (r["targets"] == 0, -r["targets"], -r["documents"], not r["catalogued"], r["key"]))
        return IndicatorsResult(kind, city, rows)
    finally:
        if owned:
            conn.close()


def _row(key: str, name: str, catalogued: bool, s: dict | None, *, source: str | None = None,
         unit: str | None = None) -> dict:
    s = s or {"targets": 0, "docs": set(), "places": Counter(), "names": Counter()}
    return {
        "key": key, "name": name, "catalogued": catalogued, "source": source, "unit": unit,
        "targets": s["targets"], "documents": len(s["docs"]),
        "places": sorted(s["places"], key=lambda p: (-s["places"][p], p)),
        "names": [n for n, _ in s["names"].most_common(5)],
    }
