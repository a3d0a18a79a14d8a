"""Tidy exports of a whole store: one table per fact type, for spreadsheets and dataframes.

Tables (see :data:`TABLES` for the columns, in order):

- ``documents``: every stored document (failed ones too, with ``ingest_status`` and ``error``);
- ``targets``, ``assignments``: one row per fact;
- ``department_mentions``: one row per department named by a target or an assignment (role,
  position in its list, gazetteer resolution), with the owning fact's provenance;
- ``unmatched``: names the gazetteer could not resolve, with their candidates.

Every fact row starts with the place (city, else province, else 国家 / 地区未识别), the document
(id, path, format, title, status) and ends with its provenance (``page``, ``start``, ``end``,
``quote``) and ``flags``. Cells are scalars only: lists are joined (departments with ``、``, flags
and ids with ``;``, candidates as ``name (score)`` joined with ``;``) so every format holds the same
rows. Writers: :mod:`csv` (optionally with a UTF-8 BOM for Excel), openpyxl (one sheet per table),
JSON Lines, pyarrow Parquet (optional dependency).

>>> from policyparse import api
>>> api.export("outputs/policyparse.sqlite", to="xlsx", out="outputs/facts.xlsx")  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from policyparse.errors import ExportError

FORMATS = ("csv", "xlsx", "jsonl", "parquet")

_DOC = [("place", "str"), ("city", "str"), ("province", "str"), ("document_id", "str"),
        ("document_path", "str"), ("document_format", "str"), ("document_title", "str"),
        ("document_status", "str")]
_PROVENANCE = [("page", "int"), ("start", "int"), ("end", "int"), ("quote", "str")]

# table -> [(column, type)]; type is one of str, int, float, bool (parquet schema, xlsx cells)
TABLES: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("place", "str"), ("city", "str"), ("province", "str"), ("document_id", "str"), ("path", "str"),
        ("format", "str"), ("title", "str"), ("issuer", "str"), ("doc_number", "str"), ("date", "str"),
        ("status", "str"), ("status_text", "str"), ("pages", "int"), ("cites", "str"),
        ("ingest_status", "str"), ("error", "str"), ("warnings", "str"), ("targets", "int"),
        ("assignments", "int"), ("unmatched", "int"), ("ingested_at", "str"),
    ],
    "targets": _DOC + [
        ("seq", "int"), ("fact_id", "str"), ("indicator", "str"), ("indicator_id", "str"), ("value", "float"),
        ("unit", "str"), ("comparator", "str"), ("year", "int"), ("baseline_value", "float"),
        ("baseline_year", "int"), ("baseline_unit", "str"), ("qualitative", "str"), ("scope", "str"),
        ("item", "str"), ("lead", "str"), ("lead_ids", "str"), ("responsible", "str"),
        ("responsible_ids", "str"), ("flags", "str"),
    ] + _PROVENANCE,
    "assignments": _DOC + [
        ("seq", "int"), ("fact_id", "str"), ("item", "str"), ("kind", "str"), ("indicator_id", "str"),
        ("deadline", "str"), ("deadline_year", "int"), ("lead", "str"), ("lead_ids", "str"),
        ("responsible", "str"), ("responsible_ids", "str"), ("flags", "str"),
    ] + _PROVENANCE,
    "department_mentions": _DOC + [
        ("owner", "str"), ("owner_seq", "int"), ("owner_fact_id", "str"), ("owner_item", "str"),
        ("role", "str"), ("position", "int"), ("name", "str"), ("department_id", "str"), ("entity", "str"),
        ("method", "str"), ("score", "float"), ("inferred", "bool"), ("resolved", "bool"), ("flags", "str"),
    ] + _PROVENANCE,
    "unmatched": _DOC + [
        ("seq", "int"), ("name", "str"), ("kind", "str"), ("candidates", "str"), ("flags", "str"),
    ] + _PROVENANCE,
}


def _j(s: str | None, default: Any) -> Any:
    if not s:
        return default
    try:
        return json.loads(s)
    except ValueError:
        return default


def _names(ms: list[dict]) -> str:
    return "、".join(m["name"] for m in ms)


def _ids(ms: list[dict]) -> str:
    return ";".join(m["id"] or "" for m in ms)


def _candidates(cands: list) -> str:
    out = []
    for c in cands or []:
        if isinstance(c, dict):
            name, score = c.get("name") or c.get("id"), c.get("score")
        elif isinstance(c, (list, tuple)):
            name, score = (c[1] if len(c) > 1 else c[0]), (c[2] if len(c) > 2 else None)
        else:
            name, score = str(c), None
        out.append(f"{name} ({score:g})" if isinstance(score, (int, float)) else str(name))
    return ";".join(out)


def _num(v: Any) -> Any:
    """A number as the facts hold it (800 stays an int: CSV shows 800, not 800.0)."""
    return v


def _doc_cells(d: dict) -> dict:
    from policyparse.query.common import is_national, place_label

    return {"place": place_label(d["city"], d["province"], is_national(d)), "city": d["city"],
            "province": d["province"], "document_id": d["id"], "document_path": d["path"],
            "document_format": d["format"], "document_title": d["title"], "document_status": d["status"]}


def tables(store: str | Path | sqlite3.Connection) -> dict[str, list[dict]]:
    """The store as tidy tables: ``{table name: [row dict with the columns of TABLES]}``."""
    from policyparse.query.common import open_store
    from policyparse.store.reader import load_facts

    conn, owned = open_store(store)
    try:
        out: dict[str, list[dict]] = {name: [] for name in TABLES}
        docs = [dict(r) for r in conn.execute("SELECT * FROM documents ORDER BY path")]
        for d in docs:
            extra = _j(d["extra"], {})
            path = extra.get("__path") or d["path"]
            d["path"] = path
            facts = load_facts(conn, d["id"]) if d["ingest_status"] == "ok" else None
            dc = _doc_cells(d)
            out["documents"].append({
                "place": dc["place"], "city": d["city"], "province": d["province"], "document_id": d["id"],
                "path": path, "format": d["format"], "title": d["title"], "issuer": d["issuer"],
                "doc_number": d["doc_number"], "date": d["date"], "status": d["status"],
                "status_text": d["status_text"], "pages": d["pages"], "cites": ";".join(_j(d["cites"], [])),
                "ingest_status": d["ingest_status"], "error": d["error"],
                "warnings": "; ".join(_j(d["warnings"], [])),
                "targets": len(facts["targets"]) if facts else 0,
                "assignments": len(facts["assignments"]) if facts else 0,
                "unmatched": len(facts["unmatched"]) if facts else 0, "ingested_at": d["ingested_at"],
            })
            if facts:
                for name, rows in fact_rows(facts, dc).items():
                    out[name].extend(rows)
        return out
    finally:
        if owned:
            conn.close()


def _prov(src: dict | None) -> dict:
    src = src or {}
    return {"page": src.get("page"), "start": src.get("start"), "end": src.get("end"), "quote": src.get("text")}


def fact_rows(facts: dict, doc_cells: dict | None = None) -> dict[str, list[dict]]:
    """The fact tables (targets, assignments, department_mentions, unmatched) of one document's
    ``extract`` output; ``doc_cells`` (place and document columns) default to its ``document``."""
    dc = doc_cells or _doc_cells(facts["document"])
    targets, assignments, mentions, unmatched = [], [], [], []
    for seq, t in enumerate(facts["targets"]):
        b = t.get("baseline") or {}
        targets.append({
            **dc, "seq": seq, "fact_id": t.get("id"), "indicator": t["indicator"],
            "indicator_id": t["indicator_id"], "value": _num(t["value"]), "unit": t["unit"],
            "comparator": t["comparator"], "year": t["year"], "baseline_value": _num(b.get("value")),
            "baseline_year": b.get("year"), "baseline_unit": b.get("unit"), "qualitative": t["qualitative"],
            "scope": t["scope"], "item": t.get("item"), "lead": _names(t["lead"]), "lead_ids": _ids(t["lead"]),
            "responsible": _names(t["responsible"]), "responsible_ids": _ids(t["responsible"]),
            "flags": ";".join(t["flags"]), **_prov(t["source"]),
        })
        mentions.extend(_mentions(dc, "target", seq, t, t.get("item")))
    for seq, a in enumerate(facts["assignments"]):
        dl = a.get("deadline") or {}
        assignments.append({
            **dc, "seq": seq, "fact_id": a.get("id"), "item": a["item"], "kind": a["kind"],
            "indicator_id": a["indicator_id"], "deadline": dl.get("text"), "deadline_year": dl.get("year"),
            "lead": _names(a["lead"]), "lead_ids": _ids(a["lead"]), "responsible": _names(a["responsible"]),
            "responsible_ids": _ids(a["responsible"]), "flags": ";".join(a["flags"]), **_prov(a["source"]),
        })
        mentions.extend(_mentions(dc, "assignment", seq, a, a["item"]))
    for seq, u in enumerate(facts["unmatched"]):
        unmatched.append({
            **dc, "seq": seq, "name": u["name"], "kind": u.get("kind"),
            "candidates": _candidates(u.get("candidates")), "flags": ";".join(u.get("flags") or []),
            **_prov(u.get("source")),
        })
    return {"targets": targets, "assignments": assignments, "department_mentions": mentions,
            "unmatched": unmatched}


def _mentions(dc: dict, owner: str, seq: int, fact: dict, item: str | None) -> Iterator[dict]:
    for role in ("lead", "responsible"):
        for pos, m in enumerate(fact[role]):
            inferred = m.get("inferred")
            yield {
                **dc, "owner": owner, "owner_seq": seq, "owner_fact_id": fact.get("id"), "owner_item": item,
                "role": role, "position": pos, "name": m["name"], "department_id": m.get("id"),
                "entity": m.get("entity"), "method": m.get("method"), "score": _num(m.get("score")),
                "inferred": None if inferred is None else bool(inferred), "resolved": m.get("id") is not None,
                "flags": ";".join(fact["flags"]), **_prov(fact["source"]),
            }


# ----------------------------------------------------------------------------- writers

_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _row_values(name: str, row: dict) -> list:
    return [row.get(c) for c, _ in TABLES[name]]


def write_csv(tabs: dict[str, list[dict]], out: Path, *, bom: bool = False) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, rows in tabs.items():
        p = out / f"{name}.csv"
        with p.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow([c for c, _ in TABLES[name]])
            w.writerows(_row_values(name, r) for r in rows)
        paths.append(p)
    return paths


def write_jsonl(tabs: dict[str, list[dict]], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, rows in tabs.items():
        p = out / f"{name}.jsonl"
        with p.open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps({c: r.get(c) for c, _ in TABLES[name]}, ensure_ascii=False) + "\n")
        paths.append(p)
    return paths


def write_xlsx(tabs: dict[str, list[dict]], out: Path) -> list[Path]:
    try:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
    except ImportError as exc:  # pragma: no cover - a dependency
        raise ExportError(out, "xlsx export needs openpyxl (pip install openpyxl)") from exc
    out.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook(write_only=True)
    for name, rows in tabs.items():
        ws = wb.create_sheet(name[:31])
        ws.freeze_panes = "A2"
        bold = Font(bold=True)
        header = []
        for c, _ in TABLES[name]:
            cell = WriteOnlyCell(ws, value=c)
            cell.font = bold
            header.append(cell)
        ws.append(header)
        for r in rows:
            ws.append([_ILLEGAL_XML.sub("", v) if isinstance(v, str) else v for v in _row_values(name, r)])
    wb.save(out)
    return [out]


_ARROW_TYPES = {"str": "string", "int": "int64", "float": "float64", "bool": "bool_"}


def write_parquet(tabs: dict[str, list[dict]], out: Path) -> list[Path]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ExportError(
            out, "parquet export needs pyarrow, which is not installed: pip install 'policyparse[parquet]'"
                 " (or pip install pyarrow)"
        ) from exc
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, rows in tabs.items():
        schema = pa.schema([(c, getattr(pa, _ARROW_TYPES[t])()) for c, t in TABLES[name]])
        table = pa.Table.from_pylist([{c: r.get(c) for c, _ in TABLES[name]} for r in rows], schema=schema)
        p = out / f"{name}.parquet"
        pq.write_table(table, p)
        paths.append(p)
    return paths


def export(store: str | Path, to: str, out: str | Path, *, bom: bool = False,
           tables_only: Iterable[str] | None = None) -> dict:
    """Write the store's tidy tables as ``to`` (csv, xlsx, jsonl, parquet) to ``out``.

    ``xlsx``: ``out`` is the workbook file (one sheet per table). The others: ``out`` is a folder
    that receives one file per table (``targets.csv``, ...). ``bom``: CSV with a UTF-8 byte-order
    mark, so Excel on a Chinese Windows opens it as UTF-8. Returns ``{"format", "files", "rows"}``
    (rows per table).
    """
    fmt = str(to).lower()
    if fmt not in FORMATS:
        raise ExportError(None, f"unknown export format {to!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out)
    if fmt == "xlsx":
        if out.is_dir():
            out = out / "policyparse.xlsx"
        elif out.suffix.lower() != ".xlsx":
            raise ExportError(out, "an xlsx export is one workbook: give a file name ending in .xlsx")
    elif out.exists() and not out.is_dir():
        raise ExportError(out, f"a {fmt} export writes one file per table into a folder, and this is a file")
    if bom and fmt != "csv":
        raise ExportError(None, "--bom applies to CSV only")
    tabs = tables(store)
    if tables_only is not None:
        keep = list(tables_only)
        unknown = [t for t in keep if t not in TABLES]
        if unknown:
            raise ExportError(None, f"unknown table(s) {', '.join(unknown)}; tables: {', '.join(TABLES)}")
        tabs = {k: v for k, v in tabs.items() if k in keep}
    try:
        if fmt == "csv":
            files = write_csv(tabs, out, bom=bom)
        elif fmt == "jsonl":
            files = write_jsonl(tabs, out)
        elif fmt == "xlsx":
            files = write_xlsx(tabs, out)
        else:
            files = write_parquet(tabs, out)
    except OSError as exc:
        raise ExportError(out, f"cannot write the export: {exc.strerror or exc}") from exc
    return {"format": fmt, "files": [str(p) for p in files], "rows": {k: len(v) for k, v in tabs.items()}}
