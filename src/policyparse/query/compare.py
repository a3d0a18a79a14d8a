"""``compare``: one indicator across cities and documents, with baselines, growth and units."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from policyparse.query.common import (
    DOC_COLUMNS_D,
    ResolvedIndicator,
    fetch_dicts,
    indicator_notes,
    is_national,
    merge_rows,
    open_store,
    resolve_indicator,
    source_entry,
    store_empty,
    superseded_drafts,
)
from policyparse.query.places import PlaceMatch, explain_place, resolve_place
from policyparse.query.units import conversion_factor


@dataclass
class CompareResult:
    indicator: ResolvedIndicator
    year: int | None
    unit: str | None  # the unit rows are compared in
    national_reference: list[dict] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    city: str | None = None
    latest: bool = False
    place: PlaceMatch | None = None
    notes: list[str] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)  # why there is no row (empty when there are rows)

    @property
    def empty(self) -> bool:
        return not self.rows

    def __str__(self) -> str:
        from policyparse.query.render import as_text

        return as_text(self)

    def to_dict(self) -> dict:
        return {"indicator": self.indicator.to_dict(), "year": self.year, "unit": self.unit,
                "national_reference": self.national_reference, "rows": self.rows, "city": self.city,
                "latest": self.latest, "place": self.place.to_dict() if self.place else None,
                "notes": self.notes, "explanation": self.explanation}


# what kind of target a row is: a level (stock) by its year, an addition (新增), a yearly quota (每年),
# a change against a reference year; compare shows them apart
KIND_ORDER = {"stock": 0, "increment": 1, "yearly": 2, "change": 3}


def target_kind(flags: list[str]) -> str:
    if "recurring_yearly" in flags:
        return "yearly"
    if "increment" in flags:
        return "increment"
    if "relative_to_baseline" in flags:
        return "change"
    return "stock"


# the target columns compare reads (with its document's columns, one row per target)
TARGET_COLUMNS = ", ".join("t." + c for c in (
    "indicator", "value", "unit", "comparator", "year", "baseline_value", "baseline_year", "baseline_unit",
    "qualitative", "scope", "flags", "page", "source_text"))
NOT_A_LEVEL = frozenset({"relative_to_baseline", "increment", "decrease", "recurring_yearly"})


SHOWN_FLAGS = frozenset({"year_not_stated", "share_goal"})


def _why_empty(conn: sqlite3.Connection, ind: ResolvedIndicator, year: int | None, place: PlaceMatch | None,
               raw: list[dict], dropped: list[dict]) -> list[str]:
    empty = store_empty(conn)
    if empty:
        return empty
    where = f" in the documents of {place.describe()}" if place else " in the store"
    when = f" due in {year}" if year else ""
    lines = [f"no stated target for {ind.name} [{ind.id}]{when}{where}"]
    if dropped:
        lines.append("some are in drafts superseded by a final version (shown without --latest)")
    if year:
        years = sorted({r["year"] for r in raw if r["year"]} | {r[0] for r in conn.execute(
            "SELECT DISTINCT year FROM targets WHERE indicator_id = ? AND year IS NOT NULL", (ind.id,))})
        if years:
            lines.append("its targets are due in: " + ", ".join(map(str, years)))
    others = sorted({r[0] or r[1] or "国家" for r in conn.execute(
        "SELECT DISTINCT d.city, d.province FROM targets t JOIN documents d ON d.id = t.doc_id"
        " WHERE t.indicator_id = ? AND d.ingest_status = 'ok'", (ind.id,))})
    if others:
        lines.append("it has targets in documents of: " + ", ".join(others))
    elif conn.execute("SELECT 1 FROM assignments WHERE indicator_id = ? LIMIT 1", (ind.id,)).fetchone():
        lines.append("it appears in tasks (assignments) only, with no stated value: see `policyparse lead`")
    return lines


def cagr(base: float | None, base_year: int | None, value: float | None, year: int | None) -> float | None:
    """Implied compound annual growth ``(value/base)^(1/(year-base_year)) - 1`` (None if undefined)."""
    if None in (base, base_year, value, year) or base <= 0 or value <= 0 or year <= base_year:
        return None
    return round((value / base) ** (1.0 / (year - base_year)) - 1.0, 4)


def _num(v: float | None):
    if v is None:
        return None
    return int(v) if float(v).is_integer() else round(v, 6)


def _reference_unit(ind: ResolvedIndicator, units: list[str | None]) -> str | None:
    present = [u for u in units if u]
    if ind.unit and ";" not in ind.unit and ind.unit in present:
        return ind.unit
    if not present:
        return None
    counts = Counter(present)
    return max(counts, key=lambda u: (counts[u], -present.index(u)))


def compare(store: str | Path | sqlite3.Connection, indicator: str, year: int | None = None,
            city: str | None = None, latest: bool = False) -> CompareResult:
    """Every stated target for ``indicator`` (optionally only those due in ``year``).

    Rows are compared in one unit: the indicator's catalogue unit, else the most common one.
    Convertible values (万元/亿元, 人/万人) are converted and marked (``converted_from``); any other
    unit is kept as stated and flagged ``unit_not_comparable``. The national guideline's own
    targets (documents with neither city nor province) are reported as ``national_reference``.

    Each row has ``kind``: ``stock`` (a level by its year), ``increment`` (新增), ``yearly`` (每年, a
    quota) or ``change`` (against a reference year), and ``scope`` (a sub-area or share the target
    is for: "50%以上的县(市、区)"). A draft that a final version in the store supersedes is flagged
    ``superseded_draft`` (``superseded_by``); ``latest`` leaves such rows out. ``city``: a city,
    province, district or short name. Rows are sorted by kind, then place. An empty answer has
    ``explanation``.

    >>> compare("outputs/policyparse.sqlite", "高新技术企业数").rows  # doctest: +SKIP
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
                return CompareResult(ind, year, None, city=city, latest=latest, place=place, notes=notes,
                                     explanation=store_empty(conn) or explain_place(place))
        superseded = superseded_drafts(conn)
        raw = fetch_dicts(
            conn,
            f"SELECT {TARGET_COLUMNS}, {DOC_COLUMNS_D} FROM targets t JOIN documents d ON d.id = t.doc_id"
            " WHERE t.indicator_key = ? AND d.ingest_status = 'ok'"
            " AND (? IS NULL OR t.year = ? OR (d.city IS NULL AND d.province IS NULL)) ORDER BY t.doc_id, t.seq",
            (ind.id, year, year),
        )
        national_doc = {t["id"]: is_national(t) for t in raw}  # rows carry their document's columns
        national = []
        for t in raw:
            if national_doc[t["id"]]:
                national.append({
                    "value": _num(t["value"]), "comparator": t["comparator"], "year": t["year"],
                    "unit": t["unit"], "qualitative": t["qualitative"], "title": t["title"],
                    "doc_number": t["doc_number"], "sources": [source_entry(t, t["page"], t["source_text"])],
                })
        national = merge_rows(national)
        national.sort(key=lambda r: (r["year"] or 0, r["value"] is None))
        local = [t for t in raw if not national_doc[t["id"]] and (year is None or t["year"] == year)
                 and (place is None or t["id"] in place.doc_ids)]
        dropped = [t for t in local if t["id"] in superseded] if latest else []
        if latest:
            local = [t for t in local if t["id"] not in superseded]
        ref_unit = _reference_unit(ind, [t["unit"] for t in local])
        reference = None
        if national:
            # the numeric reference with the latest year (the guideline's headline goal)
            n = max(national, key=lambda r: (r["value"] is not None, r["year"] or 0))
            reference = {k: n[k] for k in ("value", "comparator", "year", "unit", "qualitative", "title")}
        rows = []
        # one parse for all the flag lists (json.loads per list costs three times as much)
        stored_flags = json.loads("[" + ",".join(t["flags"] or "[]" for t in local) + "]")
        for t, t_flags in zip(local, stored_flags, strict=True):
            # a change against a reference year ("比2020年增加200家"), an increment ("新增200家"), a yearly
            # quota or a goal without a stated year is not a level by that year: say so
            flags: list[str] = [f for f in t_flags if f in NOT_A_LEVEL or f in SHOWN_FLAGS]
            if t["id"] in superseded:
                flags.append("superseded_draft")
            unit = t["unit"]
            value, base = t["value"], t["baseline_value"]
            base_unit = t["baseline_unit"] or unit
            if base is not None and base_unit != unit:
                f = conversion_factor(base_unit, unit)
                if f is None:
                    flags.append(f"baseline_unit_differs:{base_unit}")
                    base = None
                else:
                    base = base * f
                    flags.append(f"baseline_converted_from:{base_unit}")
            converted_from = None
            if ref_unit and unit and unit != ref_unit:
                f = conversion_factor(unit, ref_unit)
                if f is None:
                    flags.append("unit_not_comparable")
                else:
                    converted_from = unit
                    value = None if value is None else value * f
                    base = None if base is None else base * f
                    unit = ref_unit
                    flags.append(f"converted_from:{converted_from}")
            rows.append({
                "city": t["city"], "province": t["province"], "title": t["title"], "status": t["status"],
                "date": t["date"], "indicator": t["indicator"],
                "baseline": None if t["baseline_value"] is None and t["baseline_year"] is None
                else {"value": _num(base), "year": t["baseline_year"]},
                "target": {"value": _num(value), "year": t["year"], "comparator": t["comparator"],
                           "qualitative": t["qualitative"]},
                "kind": target_kind(t_flags), "scope": t["scope"], "unit": unit, "converted_from": converted_from,
                "cagr": None if ("unit_not_comparable" in flags and converted_from) or NOT_A_LEVEL.intersection(flags) else
                cagr(base, t["baseline_year"], value, t["year"]),
                "national_reference": reference, "flags": flags,
                "superseded_by": superseded.get(t["id"]),
                "sources": [source_entry(t, t["page"], t["source_text"])],
            })
        # every row holds the same national reference: not part of what tells rows apart
        rows = merge_rows(rows, ignore=("sources", "title", "date", "national_reference"))
        rows.sort(key=lambda r: (KIND_ORDER.get(r["kind"], 9), r["city"] or r["province"] or "",
                                 r["status"] != "draft", r["target"]["year"] or 0, "unit_not_comparable" in r["flags"]))
        res = CompareResult(ind, year, ref_unit, national, rows, city, latest, place, notes)
        if latest and dropped:
            n = len({superseded[t["id"]]["id"] for t in dropped})
            notes.append(f"--latest left out the targets of draft(s) superseded by {n} final version(s)")
        if not rows:
            res.explanation = _why_empty(conn, ind, year, place, raw, dropped)
        return res
    finally:
        if owned:
            conn.close()
