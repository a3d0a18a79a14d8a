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
    is_national,
    merge_rows,
    open_store,
    resolve_indicator,
    source_entry,
)
from policyparse.query.units import conversion_factor


@dataclass
class CompareResult:
    indicator: ResolvedIndicator
    year: int | None
    unit: str | None  # the unit rows are compared in
    national_reference: list[dict] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)

    def __str__(self) -> str:
        from policyparse.query.render import as_text

        return as_text(self)

    def to_dict(self) -> dict:
        return {"indicator": self.indicator.to_dict(), "year": self.year, "unit": self.unit,
                "national_reference": self.national_reference, "rows": self.rows}


# the target columns compare reads (with its document's columns, one row per target)
TARGET_COLUMNS = ", ".join("t." + c for c in (
    "indicator", "value", "unit", "comparator", "year", "baseline_value", "baseline_year", "baseline_unit",
    "qualitative", "scope", "flags", "page", "source_text"))
NOT_A_LEVEL = frozenset({"relative_to_baseline", "increment", "decrease", "recurring_yearly"})


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


def compare(store: str | Path | sqlite3.Connection, indicator: str, year: int | None = None) -> CompareResult:
    """Every stated target for ``indicator`` (optionally only those due in ``year``).

    Rows are compared in one unit: the indicator's catalogue unit, else the most common one.
    Convertible values (万元/亿元, 人/万人) are converted and marked (``converted_from``); any other
    unit is kept as stated and flagged ``unit_not_comparable``. The national guideline's own
    targets (documents with neither city nor province) are reported as ``national_reference``.

    >>> compare("outputs/policyparse.sqlite", "高新技术企业数").rows  # doctest: +SKIP
    """
    conn, owned = open_store(store)
    try:
        ind = resolve_indicator(conn, indicator)
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
        local = [t for t in raw if not national_doc[t["id"]] and (year is None or t["year"] == year)]
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
            flags: list[str] = [f for f in t_flags if f in NOT_A_LEVEL or f == "year_not_stated"]
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
                "scope": t["scope"], "unit": unit, "converted_from": converted_from,
                "cagr": None if ("unit_not_comparable" in flags and converted_from) or NOT_A_LEVEL.intersection(flags) else
                cagr(base, t["baseline_year"], value, t["year"]),
                "national_reference": reference, "flags": flags,
                "sources": [source_entry(t, t["page"], t["source_text"])],
            })
        # every row holds the same national reference: not part of what tells rows apart
        rows = merge_rows(rows, ignore=("sources", "title", "date", "national_reference"))
        rows.sort(key=lambda r: (r["city"] or "", r["status"] != "draft", r["target"]["year"] or 0,
                                 "unit_not_comparable" in r["flags"]))
        return CompareResult(ind, year, ref_unit, national, rows)
    finally:
        if owned:
            conn.close()
