"""CLI commands for the gazetteer area: ``policyparse gazetteer lookup`` and ``check``."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from policyparse.cli._common import dump_json, fail
from policyparse.errors import PolicyParseError


class Kind(StrEnum):
    department = "department"
    indicator = "indicator"
    place = "place"


class Format(StrEnum):
    text = "text"
    json = "json"


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
    fmt: Annotated[Format, typer.Option("--format", help="text or json")] = Format.text,
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
    if fmt == Format.json:
        dump_json(m.to_dict())
        return
    if m.id is None:
        typer.echo(f"{name}  ->  UNMATCHED ({kind.value}; best score {m.score:.1f})")
        if m.structural is not None:
            st = m.structural
            typer.echo(f"  uncatalogued body: {st.id}  ({st.body_kind}; entity {st.entity})")
    else:
        typer.echo(f"{name}  ->  {m.id}  {m.name}")
        typer.echo(f"  entity: {m.entity}")
        typer.echo(f"  method: {m.method}  score: {m.score:.1f}")
        if m.runner_up:
            typer.echo(f"  runner-up: {m.runner_up[0]}  {m.runner_up[1]}  ({m.runner_up[2]:.1f})")
        if m.place is not None:
            p = m.place
            typer.echo(f"  place: {p.level}, adcode {p.adcode}, province {p.province or '-'}, city {p.city or '-'}")
    if m.candidates:
        typer.echo("  candidates:")
        for ident, cname, score in m.candidates:
            typer.echo(f"    {score:5.1f}  {ident}  {cname}")


@gazetteer_app.command("check")
def check_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively)")],
    fmt: Annotated[Format, typer.Option("--format", help="text or json")] = Format.text,
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
    if fmt == Format.json:
        dump_json(result.to_dict())
    else:
        for u in result:
            best = f"  (best: {u.candidates[0][1]} {u.candidates[0][2]:.1f})" if u.candidates else ""
            kept = f"  [uncatalogued {u.uncatalogued[1]}: {u.uncatalogued[0]}]" if u.uncatalogued else ""
            typer.echo(f"{u.path}:{u.line}: unresolved {u.kind}: {u.name}{best}{kept}")
        for s in result.skipped:
            typer.echo(f"{s['path']}:{s['line']}: skipped {s['kind']}: {s['name']}")
        summary = ", ".join(
            f"{result.checked[k] - result.resolved[k]} of {result.checked[k]} {k} names unresolved" for k in result.checked
        )
        typer.echo(f"{len(result.documents)} documents: {summary}")
    if len(result):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add this area's commands to `app`."""
    app.add_typer(gazetteer_app, name="gazetteer")
