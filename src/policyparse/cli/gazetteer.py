"""CLI commands for the gazetteer area: ``policyparse gazetteer lookup`` and ``check``
(``--format table|csv|json``, ``-o FILE``: :mod:`policyparse.cli.output`)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from policyparse.cli._common import fail
from policyparse.cli.output import Fmt, FormatOption, OutOption, emit, flat_csv
from policyparse.errors import PolicyParseError

LOOKUP_COLUMNS = ["query", "kind", "id", "name", "entity", "method", "score", "uncatalogued_id", "body_kind",
                  "candidates"]
CHECK_COLUMNS = ["status", "path", "line", "kind", "name", "best_id", "best_name", "best_score",
                 "uncatalogued_id", "context"]


class Kind(StrEnum):
    department = "department"
    indicator = "indicator"
    place = "place"


gazetteer_app = typer.Typer(
    name="gazetteer",
    help="Resolve department, indicator and place names against the gazetteers.",
    no_args_is_help=True,
)


@gazetteer_app.command("lookup")
def lookup_cmd(
    name: Annotated[str, typer.Argument(help="The name to resolve, e.g. 市工信局")],
    city: Annotated[
        str | None, typer.Option("--city", help="City of the document (scopes the entity), e.g. 泰安市")
    ] = None,
    kind: Annotated[Kind, typer.Option("--kind", help="What the name is")] = Kind.department,
    fmt: FormatOption = Fmt.table,
    out: OutOption = None,
    parent: Annotated[
        str | None, typer.Option("--parent", help="Issuing body an internal division belongs to, e.g. 上海市交通委员会")
    ] = None,
) -> None:
    """Print the resolution of NAME with method, score, runner-up and candidates.

    A name the catalogue lacks that is a body by its structure (设施养护处, 申通集团) is reported as
    unmatched with the uncatalogued id it is kept under.

    Example: policyparse gazetteer lookup 市工信局 --city 泰安市 --format json
    """
    from policyparse.gazetteer.api import lookup

    try:
        m = lookup(name, city=city, kind=kind.value, parent=parent)
    except PolicyParseError as err:
        fail(err)
        return
    emit(fmt, out, json_obj=m.to_dict, csv_text=lambda: flat_csv([_lookup_row(m.to_dict())], LOOKUP_COLUMNS),
         table=lambda: [_lookup_text(name, kind, m)])


def _lookup_row(d: dict) -> dict:
    match, unc = d.get("match") or {}, d.get("uncatalogued") or {}
    return {"query": d["query"], "kind": d["kind"], **{k: match.get(k) for k in ("id", "name", "entity", "method",
                                                                                  "score")},
            "uncatalogued_id": unc.get("id") or (match.get("id") if match.get("uncatalogued") else None),
            "body_kind": unc.get("body_kind") or match.get("body_kind"), "candidates": d["candidates"]}


def _lookup_text(name: str, kind: Kind, m) -> str:
    lines = []
    if m.id is None:
        lines.append(f"{name}  ->  UNMATCHED ({kind.value}; best score {m.score:.1f})")
        if m.structural is not None:
            st = m.structural
            lines.append(f"  uncatalogued body: {st.id}  ({st.body_kind}; entity {st.entity})")
    else:
        lines.append(f"{name}  ->  {m.id}  {m.name}")
        lines.append(f"  entity: {m.entity}")
        lines.append(f"  method: {m.method}  score: {m.score:.1f}")
        if m.runner_up:
            lines.append(f"  runner-up: {m.runner_up[0]}  {m.runner_up[1]}  ({m.runner_up[2]:.1f})")
        if m.place is not None:
            p = m.place
            lines.append(f"  place: {p.level}, adcode {p.adcode}, province {p.province or '-'}, city {p.city or '-'}")
    if m.candidates:
        lines.append("  candidates:")
        lines += [f"    {score:5.1f}  {ident}  {cname}" for ident, cname, score in m.candidates]
    return "\n".join(lines)


@gazetteer_app.command("check")
def check_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively)")],
    fmt: FormatOption = Fmt.table,
    out: OutOption = None,
) -> None:
    """List every department/indicator-like name in the documents that does not resolve (exit 1 if any).

    Example: policyparse gazetteer check corpus/*.txt
    """
    from policyparse.gazetteer.api import check

    try:
        result = check(paths)
    except PolicyParseError as err:
        fail(err)
        return
    emit(fmt, out, json_obj=result.to_dict, csv_text=lambda: flat_csv(_check_rows(result.to_dict()), CHECK_COLUMNS),
         table=lambda: [_check_text(result)])
    if len(result):
        raise typer.Exit(1)


def _check_rows(d: dict) -> list[dict]:
    rows = []
    for u in d["unresolved"]:
        best = u["candidates"][0] if u["candidates"] else {}
        rows.append({"status": "unresolved", **u, "best_id": best.get("id"), "best_name": best.get("name"),
                     "best_score": best.get("score"), "uncatalogued_id": (u.get("uncatalogued") or {}).get("id")})
    rows += [{"status": "skipped", **s} for s in d["skipped"]]
    return rows


def _check_text(result) -> str:
    lines = []
    for u in result:
        best = f"  (best: {u.candidates[0][1]} {u.candidates[0][2]:.1f})" if u.candidates else ""
        kept = f"  [uncatalogued {u.uncatalogued[1]}: {u.uncatalogued[0]}]" if u.uncatalogued else ""
        lines.append(f"{u.path}:{u.line}: unresolved {u.kind}: {u.name}{best}{kept}")
    lines += [f"{s['path']}:{s['line']}: skipped {s['kind']}: {s['name']}" for s in result.skipped]
    summary = ", ".join(
        f"{result.checked[k] - result.resolved[k]} of {result.checked[k]} {k} names unresolved" for k in result.checked
    )
    lines.append(f"{len(result.documents)} documents: {summary}")
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    """Add this area's commands to `app`."""
    app.add_typer(gazetteer_app, name="gazetteer")
