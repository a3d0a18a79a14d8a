"""Render query results as rich tables or CSV (JSON is ``result.to_dict()``)."""

from __future__ import annotations

import csv
import io
from typing import Any

from rich.table import Table


def _depts(ds: list[dict]) -> str:
    return "、".join(d["name"] + (f" ({d['role']})" if d.get("role") else "") for d in ds)


def _src(r: dict) -> str:
    s = r["sources"][0]
    more = f" +{len(r['sources']) - 1}" if len(r["sources"]) > 1 else ""
    return f"{s['path'].rsplit('/', 1)[-1]} p.{s.get('page')}{more}"


def _v(x: Any) -> str:
    return "" if x is None else str(x)


def _place(r: dict) -> str:
    """A row's city, else its province (a provincial plan)."""
    return _v(r.get("city") or r.get("province"))


def lead_table(res) -> Table:
    t = Table(title=f"lead: {res.indicator.name} [{res.indicator.id}]", show_lines=True)
    for c in ("place", "document", "lead", "participating", "sentence", "source"):
        t.add_column(c, overflow="fold")
    for r in res.rows:
        t.add_row(_place(r), f"{_v(r['title'])} ({r['status']})", _depts(r["lead"]),
                  _depts(r["participating"]), _v(r["sentence"]), _src(r))
    return t


def without_departments_table(res) -> Table:
    t = Table(title=f"{res.indicator.name}: documents that name no department for it", show_lines=True)
    for c in ("place", "document", "sentence", "source"):
        t.add_column(c, overflow="fold")
    for r in res.without_departments:
        t.add_row(_place(r), f"{_v(r['title'])} ({r['status']})", _v(r.get("sentence")), _src(r))
    return t


KIND_LABEL = {"stock": "level", "increment": "new (新增)", "yearly": "per year (每年)", "change": "change vs year"}


def _target(tg: dict) -> str:
    if tg["value"] is None:
        return _v(tg.get("qualitative"))
    return f"{tg['comparator']} {tg['value']} ({_v(tg['year'])})"


def compare_table(res) -> Table:
    title = f"compare: {res.indicator.name} [{res.indicator.id}]"
    refs = [n for n in res.national_reference if n["value"] is not None]
    if refs:
        title += " — national: " + "; ".join(
            f"{n['comparator']} {n['value']}{_v(n['unit'])} by {_v(n['year'])}" for n in refs)
    t = Table(title=title, show_lines=True)
    for c in ("kind", "place", "document", "scope", "baseline", "target", "unit", "CAGR", "flags", "source"):
        t.add_column(c, overflow="fold")
    for r in res.rows:
        b = r["baseline"]
        t.add_row(
            KIND_LABEL.get(r.get("kind"), _v(r.get("kind"))), _place(r), f"{_v(r['title'])} ({r['status']})",
            _v(r.get("scope")),
            "" if not b else f"{_v(b['value'])} ({_v(b['year'])})", _target(r["target"]), _v(r["unit"]),
            "" if r["cagr"] is None else f"{r['cagr'] * 100:.1f}%", ", ".join(r["flags"]), _src(r),
        )
    return t


def compare_csv(res) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["city", "province", "title", "status", "indicator", "baseline_value", "baseline_year",
                "comparator", "target_value", "target_year", "qualitative", "unit", "converted_from", "cagr",
                "national_value", "national_year", "flags", "source_path", "source_page", "source_text",
                "kind", "scope", "superseded_by"])
    for r in res.rows:
        b, tg, n = r["baseline"] or {}, r["target"], r["national_reference"] or {}
        s = r["sources"][0]
        w.writerow([_v(r["city"]), _v(r["province"]), _v(r["title"]), r["status"], r["indicator"],
                    _v(b.get("value")), _v(b.get("year")), tg["comparator"], _v(tg["value"]), _v(tg["year"]),
                    _v(tg["qualitative"]), _v(r["unit"]), _v(r["converted_from"]), _v(r["cagr"]),
                    _v(n.get("value")), _v(n.get("year")), ";".join(r["flags"]), s["path"], _v(s.get("page")),
                    _v(s.get("text")), _v(r.get("kind")), _v(r.get("scope")),
                    _v((r.get("superseded_by") or {}).get("path"))])
    return buf.getvalue()


def diff_table(res) -> Table:
    t = Table(title=f"diff: {res.a['title']} ({res.a['status']}) -> {res.b['title']} ({res.b['status']})",
              show_lines=True)
    for c in ("change", "indicator", "before", "after", "fields"):
        t.add_column(c, overflow="fold")

    def fmt(x: dict) -> str:
        if x["value"] is None:
            return f"{_v(x['qualitative'])} ({_v(x['year'])})"
        return f"{x['comparator']} {x['value']}{_v(x['unit'])} ({_v(x['year'])})"

    for c in res.changed:
        t.add_row("changed", _v(c["indicator"]), fmt(c["a"]), fmt(c["b"]), ", ".join(c["fields"]))
    for x in res.removed:
        t.add_row("removed", _v(x["indicator"]), fmt(x), "", "")
    for x in res.added:
        t.add_row("added", _v(x["indicator"]), "", fmt(x), "")
    return t


def departments_table(res) -> Table:
    t = Table(title="departments" + (f": {res.city}" if res.city else ""))
    for c in ("city", "department", "name", "leads indicators", "joins indicators", "leads tasks",
              "joins tasks", "first-listed (no stated lead)"):
        t.add_column(c, overflow="fold")
    for r in res.rows:
        t.add_row(_v(r["city"]), r["department"] + ("" if r["resolved"] else " (unresolved)")
                  + (f" (uncatalogued {r['body_kind'] or ''})".replace(" )", ")") if r.get("uncatalogued") else ""), r["name"],
                  str(r["leads_indicators"]) + (f" (+{r['leads_indicators_inferred']} inferred)"
                                                if r.get("leads_indicators_inferred") else ""),
                  str(r["joins_indicators"]), str(r["leads_tasks"]),
                  str(r["joins_tasks"]), str(r["inferred_leads"]))
    return t


def indicators_table(res) -> Table:
    t = Table(title=f"indicators ({res.kind})" + (f": {res.city}" if res.city else ""))
    for c in ("key", "name", "targets", "documents", "places", "surface names"):
        t.add_column(c, overflow="fold")
    for r in res.rows:
        t.add_row(r["key"], r["name"], str(r["targets"]), str(r["documents"]), "、".join(r["places"][:8])
                  + (f" +{len(r['places']) - 8}" if len(r["places"]) > 8 else ""), "、".join(r["names"][:3]))
    return t


def rows_csv(rows: list[dict]) -> str:
    """Generic CSV of flat rows (nested values are written as text)."""
    buf = io.StringIO()
    if not rows:
        return ""
    keys = list(rows[0])
    w = csv.DictWriter(buf, fieldnames=keys, extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow({k: (_v(v) if not isinstance(v, (list, dict)) else str(v)) for k, v in r.items()})
    return buf.getvalue()


def as_text(result, width: int = 160) -> str:
    """The result's table as plain text (what ``print(result)`` shows)."""
    from rich.console import Console

    from policyparse.query.compare import CompareResult
    from policyparse.query.departments import DepartmentsResult
    from policyparse.query.diff import DiffResult
    from policyparse.query.indicators import IndicatorsResult
    from policyparse.query.lead import LeadResult

    table = {LeadResult: lead_table, CompareResult: compare_table, DiffResult: diff_table,
             DepartmentsResult: departments_table, IndicatorsResult: indicators_table}[type(result)](result)
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(table)
    return console.export_text()
