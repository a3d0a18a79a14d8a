"""Render query results as rich tables or CSV (JSON is ``result.to_dict()``).

Tables fit the width they are drawn in: a document is named in its rows by a short key (``D1``)
and its full title is given once, in a legend under the table, cut with an ellipsis at the width;
titles are cut, never wrapped. :func:`view` gives a result's renderables (tables and legend).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

from rich.table import Table
from rich.text import Text


def _depts(ds: list[dict]) -> str:
    return "、".join(d["name"] + (f" ({d['role']})" if d.get("role") else "") for d in ds)


def _v(x: Any) -> str:
    return "" if x is None else str(x)


def _place(r: dict) -> str:
    """A row's city, else its province (a provincial plan)."""
    return _v(r.get("city") or r.get("province"))


def line(text: str) -> Text:
    """One line of text: cut with an ellipsis at the width, never wrapped."""
    return Text(text, no_wrap=True, overflow="ellipsis")


class DocKeys:
    """Short keys (D1, D2, ...) for the documents of a table's rows, in order of first use."""

    def __init__(self) -> None:
        self.keys: dict[tuple, str] = {}

    def __call__(self, r: dict) -> str:
        s = (r.get("sources") or [{}])[0]
        doc = (_v(r.get("title")), _v(s.get("document")), _v(s.get("path")).rsplit("/", 1)[-1])
        if doc not in self.keys:
            self.keys[doc] = f"D{len(self.keys) + 1}"
        return f"{self.keys[doc]} {r.get('status') or ''}".strip()

    def legend(self) -> list[Text]:
        """One line per document: its key, file and title (cut at the width)."""
        return [line(f"{k}  {file}  {title}") for (title, _doc, file), k in self.keys.items()]


def _page(r: dict) -> str:
    """The source cell when the document's file is in the legend: its page (+ other renderings)."""
    s = r["sources"][0]
    more = f" +{len(r['sources']) - 1}" if len(r["sources"]) > 1 else ""
    return f"p.{_v(s.get('page'))}{more}"


def _table(title: str, columns: tuple[str, ...], rows: list[tuple] | None = None, **kw: Any) -> Table:
    """A table of ``columns`` (cells fold at the width); given its ``rows``, a column empty in every
    row is left out (its width is better spent on the others)."""
    keep = [i for i, _ in enumerate(columns) if rows is None or not rows or any(r[i] for r in rows)]
    from rich.cells import cell_len

    t = Table(title=line(title), min_width=cell_len(title), **kw)  # as wide as its title, if the width allows
    for i in keep:
        t.add_column(columns[i], overflow="fold")
    for r in rows or []:
        t.add_row(*(r[i] for i in keep))
    return t


def lead_table(res, keys: DocKeys | None = None) -> Table:
    keys = keys or DocKeys()
    rows = [(_place(r), keys(r), _depts(r["lead"]), _depts(r["participating"]), _v(r["sentence"]), _page(r))
            for r in res.rows]
    return _table(f"lead: {res.indicator.name} [{res.indicator.id}]",
                  ("place", "document", "lead", "participating", "sentence", "source"), rows, show_lines=True)


def without_departments_table(res, keys: DocKeys | None = None) -> Table:
    keys = keys or DocKeys()
    rows = [(_place(r), keys(r), _v(r.get("sentence")), _page(r)) for r in res.without_departments]
    return _table(f"{res.indicator.name}: documents that name no department for it",
                  ("place", "document", "sentence", "source"), rows, show_lines=True)


def _lead_rows(res) -> list[dict]:
    out = []
    for part, rows in (("lead", res.rows), ("without_departments", res.without_departments)):
        for r in rows:
            s = r["sources"][0]
            out.append({"part": part, "city": r.get("city"), "province": r.get("province"), "title": r.get("title"),
                        "status": r.get("status"), "item": r.get("item"),
                        "lead": "、".join(d["name"] for d in r.get("lead") or []),
                        "lead_roles": ";".join(d.get("role") or "" for d in r.get("lead") or []),
                        "lead_ids": ";".join(d.get("id") or "" for d in r.get("lead") or []),
                        "participating": "、".join(d["name"] for d in r.get("participating") or []),
                        "sentence": r.get("sentence"), "source_path": s.get("path"), "source_page": s.get("page"),
                        "sources": len(r["sources"])})
    return out


LEAD_COLUMNS = ["part", "city", "province", "title", "status", "item", "lead", "lead_roles", "lead_ids",
                "participating", "sentence", "source_path", "source_page", "sources"]


def lead_csv(res) -> str:
    """One row per document: with named departments (part ``lead``) or without (``without_departments``)."""
    return _csv(_lead_rows(res), LEAD_COLUMNS)


KIND_LABEL = {"stock": "level", "increment": "new (新增)", "yearly": "per year (每年)", "change": "change vs year"}


def _target(tg: dict) -> str:
    if tg["value"] is None:
        return _v(tg.get("qualitative"))
    return f"{tg['comparator']} {tg['value']} ({_v(tg['year'])})"


def compare_table(res, keys: DocKeys | None = None) -> Table:
    keys = keys or DocKeys()
    title = f"compare: {res.indicator.name} [{res.indicator.id}]"
    refs = [n for n in res.national_reference if n["value"] is not None]
    if refs:
        title += " — national: " + "; ".join(
            f"{n['comparator']} {n['value']}{_v(n['unit'])} by {_v(n['year'])}" for n in refs)
    rows = []
    for r in res.rows:
        b = r["baseline"]
        rows.append((
            KIND_LABEL.get(r.get("kind"), _v(r.get("kind"))), _place(r), keys(r), _v(r.get("scope")),
            "" if not b else f"{_v(b['value'])} ({_v(b['year'])})", _target(r["target"]), _v(r["unit"]),
            "" if r["cagr"] is None else f"{r['cagr'] * 100:.1f}%", ", ".join(r["flags"]), _page(r),
        ))
    return _table(title, ("kind", "place", "document", "scope", "baseline", "target", "unit", "CAGR", "flags",
                          "source"), rows, show_lines=True)


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


def _diff_value(x: dict) -> str:
    if x["value"] is None:
        return f"{_v(x['qualitative'])} ({_v(x['year'])})"
    return f"{x['comparator']} {x['value']}{_v(x['unit'])} ({_v(x['year'])})"


def diff_table(res) -> Table:
    """The changes; the two documents' titles are in :func:`diff_legend` (the title says A -> B)."""
    rows = [("changed", _v(c["indicator"]), _diff_value(c["a"]), _diff_value(c["b"]), ", ".join(c["fields"]))
            for c in res.changed]
    rows += [("removed", _v(x["indicator"]), _diff_value(x), "", "") for x in res.removed]
    rows += [("added", _v(x["indicator"]), "", _diff_value(x), "") for x in res.added]
    return _table(f"diff: A ({res.a['status']}) -> B ({res.b['status']})",
                  ("change", "indicator", "before", "after", "fields"), rows, show_lines=True)


def diff_legend(res) -> list[Text]:
    return [line(f"{k}  {_v(d.get('title'))} ({_v(d.get('status'))}) {_v(d.get('path'))}")
            for k, d in (("A", res.a), ("B", res.b))]


DIFF_COLUMNS = ["change", "indicator", "indicator_id", "scope", "fields", "a_comparator", "a_value", "a_unit",
                "a_year", "a_qualitative", "a_page", "a_text", "b_comparator", "b_value", "b_unit", "b_year",
                "b_qualitative", "b_page", "b_text"]


def diff_csv(res) -> str:
    """One row per added, removed or changed target; ``a_*`` before, ``b_*`` after."""
    rows = []
    for change, items in (("changed", res.changed), ("removed", res.removed), ("added", res.added)):
        for x in items:
            a, b = (x["a"], x["b"]) if change == "changed" else ((x, {}) if change == "removed" else ({}, x))
            first = a or b
            row = {"change": change, "indicator": first.get("indicator"), "indicator_id": first.get("indicator_id"),
                   "scope": first.get("scope"), "fields": ";".join(x.get("fields") or [])}
            for side, d in (("a", a), ("b", b)):
                for k in ("comparator", "value", "unit", "year", "qualitative", "page", "text"):
                    row[f"{side}_{k}"] = d.get(k)
            rows.append(row)
    return _csv(rows, DIFF_COLUMNS)


def departments_table(res) -> Table:
    t = _table("departments" + (f": {res.city}" if res.city else ""),
               ("city", "department", "name", "leads indicators", "joins indicators", "leads tasks",
                "joins tasks", "first-listed (no stated lead)"))
    for r in res.rows:
        t.add_row(_v(r["city"]), r["department"] + ("" if r["resolved"] else " (unresolved)")
                  + (f" (uncatalogued {r['body_kind'] or ''})".replace(" )", ")") if r.get("uncatalogued") else ""), r["name"],
                  str(r["leads_indicators"]) + (f" (+{r['leads_indicators_inferred']} inferred)"
                                                if r.get("leads_indicators_inferred") else ""),
                  str(r["joins_indicators"]), str(r["leads_tasks"]),
                  str(r["joins_tasks"]), str(r["inferred_leads"]))
    return t


def indicators_table(res) -> Table:
    t = _table(f"indicators ({res.kind})" + (f": {res.city}" if res.city else ""),
               ("key", "name", "targets", "documents", "places", "surface names"))
    for r in res.rows:
        t.add_row(r["key"], r["name"], str(r["targets"]), str(r["documents"]), "、".join(r["places"][:8])
                  + (f" +{len(r['places']) - 8}" if len(r["places"]) > 8 else ""), "、".join(r["names"][:3]))
    return t


def csv_text(rows: list[dict], columns: list[str], cell: Callable[[Any], str] = _v) -> str:
    """CSV of dict rows under ``columns``, each value written by ``cell`` (the one CSV writer of the
    query answers and the CLI)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow({k: cell(r.get(k)) for k in columns})
    return buf.getvalue()


def _csv(rows: list[dict], columns: list[str]) -> str:
    return csv_text(rows, columns)


def rows_csv(rows: list[dict]) -> str:
    """Generic CSV of flat rows (nested values are written as text)."""
    return csv_text(rows, list(rows[0])) if rows else ""


def view(result) -> list[Any]:
    """The renderables that show ``result`` (tables, then the legend of the documents they name)."""
    from policyparse.query.compare import CompareResult
    from policyparse.query.departments import DepartmentsResult
    from policyparse.query.diff import DiffResult
    from policyparse.query.lead import LeadResult

    if isinstance(result, LeadResult):
        keys = DocKeys()
        parts = [lead_table(result, keys)] if result.rows else []
        if result.without_departments:
            parts.append(without_departments_table(result, keys))
        return parts + keys.legend()
    if isinstance(result, CompareResult):
        keys = DocKeys()
        return [compare_table(result, keys), *keys.legend()] if result.rows else []
    if isinstance(result, DiffResult):
        if result.no_differences:
            return [f"no differences: the {len(result.unchanged)} target(s) of the two documents are the same"]
        return [diff_table(result), *diff_legend(result)]
    if isinstance(result, DepartmentsResult):
        return [departments_table(result)] if result.rows else []
    return [indicators_table(result)]


def as_text(result, width: int | None = None) -> str:
    """The result as plain text (what ``print(result)`` shows), ``width`` columns wide (default:
    :func:`policyparse.console.terminal_width`)."""
    from policyparse.console import render_plain, terminal_width

    return render_plain(view(result), width or terminal_width())
