"""CLI commands for the corpus area: ingest, graph, lead, compare, diff, departments, indicators, run.

Each command wraps the :mod:`policyparse.api` function of the same name; ``--format json`` prints
exactly the API result's ``to_dict()``.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from policyparse.budget import DEFAULT_SECONDS
from policyparse.cli._common import (
    DEFAULT_MEMORY_TEXT,
    MEMORY_HELP,
    NO_OCR_HELP,
    STORE_HELP,
    TIMEOUT_HELP,
    OutFormat,
    budget_option,
    dump_json,
    fail,
    info,
    no_answer,
    quiet,
)
from policyparse.errors import PolicyParseError


class TableJson(StrEnum):
    table = "table"
    json = "json"


class TableCsvJson(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


CITY_HELP = "A city, province, district or short name (陇南, 四川省, 上城区)."


def _console() -> Console:
    """The terminal's width on a terminal; 160 columns when the output goes to a file or a pipe."""
    c = Console(soft_wrap=False)
    return c if c.is_terminal else Console(width=160, soft_wrap=False)


def _notes(notes: list[str]) -> None:
    for n in notes:
        info(f"note: {n}")


def _print_summary(s) -> None:
    err = Console(stderr=True)
    err.print(
        f"[bold]{s.documents}[/] documents written ({s.replaced} replaced), {s.unchanged} unchanged, "
        f"{len(s.duplicates)} duplicates; {s.targets} targets, {s.assignments} assignments, "
        f"{s.unmatched} unmatched names; [bold]{len(s.failures)}[/] failures"
    )
    for o in s.ocr:
        err.print(f"  OCR {o['path']}: {o['pages']} page(s) in {o['seconds']:.1f} s")
    for f in s.failures:
        err.print(f"  [red]failed[/] {f['path']}: {f['error']}: {f['reason']}")


def register(app: typer.Typer) -> None:
    """Add this area's commands to `app`."""

    @app.command("ingest")
    def ingest_cmd(
        paths: Annotated[list[Path], typer.Argument(help="Files and folders (recursively).")],
        store: Annotated[Path, typer.Option("--store", help=STORE_HELP)] = Path("outputs/policyparse.sqlite"),
        workers: Annotated[
            int | None, typer.Option("--workers", help="Worker processes (default: all cores; 1 = no pool).")
        ] = None,
        dask: Annotated[
            str | None, typer.Option("--dask", help="Dask scheduler address (needs policyparse[dask]).")
        ] = None,
        json_out: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
        progress: Annotated[bool, typer.Option("--progress/--no-progress")] = True,
        timeout: Annotated[float, typer.Option("--timeout", help=TIMEOUT_HELP)] = DEFAULT_SECONDS,
        max_memory: Annotated[str, typer.Option("--max-memory", help=MEMORY_HELP)] = DEFAULT_MEMORY_TEXT,
        no_ocr: Annotated[bool, typer.Option("--no-ocr", help=NO_OCR_HELP)] = False,
    ) -> None:
        """Read, extract and store files; unchanged files are skipped. Exit code 1 if any file failed.

        Example: policyparse ingest corpus/ --store outputs/policyparse.sqlite --workers 2
        """
        from policyparse import api

        budget = budget_option(timeout, max_memory)
        try:
            s = api.ingest(paths, store, progress=progress and not quiet(), workers=workers, dask=dask,
                           budget=budget, ocr=False if no_ocr else None)
        except PolicyParseError as e:
            fail(e)
        if json_out:
            dump_json(s.to_dict())
        elif not quiet():
            _print_summary(s)
        if not s.ok:
            raise typer.Exit(1)

    @app.command("renormalise")
    def renormalise_cmd(
        store: Annotated[Path, typer.Option("--store", help=STORE_HELP)] = Path("outputs/policyparse.sqlite"),
        dry_run: Annotated[bool, typer.Option("--dry-run", help="Report the changes, write nothing.")] = False,
    ) -> None:
        """Re-apply the current gazetteers to the stored facts (no file is re-read).

        Example: policyparse renormalise --store outputs/policyparse.sqlite
        """
        from policyparse import api

        try:
            res = api.renormalise(store, dry_run=dry_run)
        except PolicyParseError as e:
            fail(e)
        dump_json(res.to_dict() if hasattr(res, "to_dict") else res)

    @app.command("graph")
    def graph_cmd(
        store: Annotated[Path, typer.Option("--store", help=STORE_HELP)] = Path("outputs/policyparse.sqlite"),
        out: Annotated[Path, typer.Option(
            "--out", "-o", help="GraphML path (or a folder for graph.graphml); .json and neo4j/ beside it.")] = Path(
            "outputs/graph.graphml"),
    ) -> None:
        """Build the cross-city graph and write GraphML, node-link JSON and Neo4j import CSVs.

        Example: policyparse graph --out outputs/graph.graphml
        """
        from policyparse import api

        try:
            dump_json(api.graph(store, out))
        except PolicyParseError as e:
            fail(e)

    @app.command("lead")
    def lead_cmd(
        indicator: Annotated[str, typer.Argument(help="Indicator id, name, alias or fuzzy spelling.")],
        city: Annotated[str | None, typer.Option("--city", help=CITY_HELP)] = None,
        store: Annotated[Path, typer.Option("--store", help=STORE_HELP)] = Path("outputs/policyparse.sqlite"),
        fmt: Annotated[TableJson, typer.Option("--format")] = TableJson.table,
    ) -> None:
        """Which departments lead INDICATOR (stated or inferred), with the source sentence. Exit code 3
        when nothing answers (the message says what was searched and why).

        Example: policyparse lead "全社会R&D经费支出占GDP比重" --city 陇南市
        """
        from policyparse import api
        from policyparse.query.render import lead_table, without_departments_table

        try:
            res = api.lead(indicator, city=city, store=store)
        except PolicyParseError as e:
            fail(e)
        _notes(res.notes)
        if fmt == TableJson.json:
            dump_json(res.to_dict())
        else:
            if res.rows:
                _console().print(lead_table(res))
            if res.without_departments:
                _console().print(without_departments_table(res))
        if res.empty:
            no_answer(res.explanation)

    @app.command("compare")
    def compare_cmd(
        indicator: Annotated[str, typer.Argument(help="Indicator id, name, alias or fuzzy spelling.")],
        year: Annotated[int | None, typer.Option("--year")] = None,
        city: Annotated[str | None, typer.Option("--city", help=CITY_HELP)] = None,
        latest: Annotated[bool, typer.Option(
            "--latest", help="Leave out drafts that a final version in the store supersedes.")] = False,
        store: Annotated[Path, typer.Option("--store", help=STORE_HELP)] = Path("outputs/policyparse.sqlite"),
        fmt: Annotated[TableCsvJson, typer.Option("--format")] = TableCsvJson.table,
    ) -> None:
        """INDICATOR across places: kind (level, new 新增, per year 每年), scope, baseline, target,
        growth, unit, national reference, source; sorted by kind and place. Exit code 3 when no
        target answers.

        Example: policyparse compare "高新技术企业数" --city 山东省 --latest --format csv
        """
        from policyparse import api
        from policyparse.query.render import compare_csv, compare_table

        try:
            res = api.compare(indicator, year=year, city=city, latest=latest, store=store)
        except PolicyParseError as e:
            fail(e)
        _notes(res.notes)
        if fmt == TableCsvJson.json:
            dump_json(res.to_dict())
        elif fmt == TableCsvJson.csv:
            sys.stdout.write(compare_csv(res))
        elif res.rows:
            _console().print(compare_table(res))
        if res.empty:
            no_answer(res.explanation)

    @app.command("diff")
    def diff_cmd(
        doc_a: Annotated[str, typer.Argument(help="Document id, id prefix, path or file name.")],
        doc_b: Annotated[str, typer.Argument()],
        store: Annotated[Path, typer.Option("--store", help=STORE_HELP)] = Path("outputs/policyparse.sqlite"),
        fmt: Annotated[TableJson, typer.Option("--format")] = TableJson.table,
    ) -> None:
        """Targets added, removed and changed from DOC_A to DOC_B (warns when they do not look like
        versions of one plan).

        Example: policyparse diff corpus/000_66384f2078c7182b.txt corpus/003_1b4764571c7d463f.txt
        """
        from policyparse import api
        from policyparse.query.render import diff_table

        try:
            res = api.diff(doc_a, doc_b, store=store)
        except PolicyParseError as e:
            fail(e)
        for w in res.warnings:
            typer.echo(f"warning: {w}", err=True)
        if fmt == TableJson.json:
            dump_json(res.to_dict())
        elif res.no_differences:
            typer.echo(f"no differences: the {len(res.unchanged)} target(s) of the two documents are the same")
        else:
            _console().print(diff_table(res))

    @app.command("departments")
    def departments_cmd(
        city: Annotated[str | None, typer.Option("--city", help=CITY_HELP)] = None,
        store: Annotated[Path, typer.Option("--store", help=STORE_HELP)] = Path("outputs/policyparse.sqlite"),
        fmt: Annotated[TableCsvJson, typer.Option("--format")] = TableCsvJson.table,
    ) -> None:
        """The responsibility matrix: indicators and tasks each department type leads and joins
        (indicator counts agree with `lead`). Exit code 3 when no department is named.

        Example: policyparse departments --city 陇南市
        """
        from policyparse import api
        from policyparse.query.render import departments_table, rows_csv

        try:
            res = api.departments(city=city, store=store)
        except PolicyParseError as e:
            fail(e)
        if fmt == TableCsvJson.json:
            dump_json(res.to_dict())
        elif fmt == TableCsvJson.csv:
            sys.stdout.write(rows_csv(res.rows))
        elif res.rows:
            _console().print(departments_table(res))
        if res.empty:
            no_answer(res.explanation)

    @app.command("indicators")
    def indicators_cmd(
        kind: Annotated[str, typer.Option("--kind", help="all | catalogue | uncatalogued")] = "all",
        city: Annotated[str | None, typer.Option("--city")] = None,
        used: Annotated[bool, typer.Option("--used", help="Only indicators some stored target has.")] = False,
        store: Annotated[Path, typer.Option("--store", help=STORE_HELP)] = Path("outputs/policyparse.sqlite"),
        fmt: Annotated[TableCsvJson, typer.Option("--format")] = TableCsvJson.table,
    ) -> None:
        """List the catalogue's indicators and the uncatalogued keys of stored targets, with counts and places.

        An uncatalogued key (uncatalogued:城镇化率) is what `compare` and `lead` reach such targets by.

        Example: policyparse indicators --kind uncatalogued --used
        """
        from policyparse import api
        from policyparse.query.render import indicators_table, rows_csv

        try:
            res = api.indicators(kind=kind, city=city, used=used, store=store)
        except (PolicyParseError, ValueError) as e:
            fail(e)
            return
        if fmt == TableCsvJson.json:
            dump_json(res.to_dict())
        elif fmt == TableCsvJson.csv:
            sys.stdout.write(rows_csv(res.rows))
        else:
            _console().print(indicators_table(res))

    @app.command("run")
    def run_cmd(
        corpus_dir: Annotated[Path, typer.Argument(help="Folder of documents.")],
        out: Annotated[Path, typer.Option("--out", "-o")] = Path("outputs"),
        progress: Annotated[bool, typer.Option("--progress/--no-progress")] = True,
        timeout: Annotated[float, typer.Option("--timeout", help=TIMEOUT_HELP)] = DEFAULT_SECONDS,
        max_memory: Annotated[str, typer.Option("--max-memory", help=MEMORY_HELP)] = DEFAULT_MEMORY_TEXT,
        fmt: Annotated[OutFormat, typer.Option("--format", help="text: a short summary; json: the full result.")] = (
            OutFormat.text),
        no_ocr: Annotated[bool, typer.Option("--no-ocr", help=NO_OCR_HELP)] = False,
    ) -> None:
        """Ingest CORPUS_DIR, export the graph, write the report and OUT/summary.json. Exit code 1 if
        any file failed; a missing or empty CORPUS_DIR writes nothing (exit code 2).

        Example: policyparse run corpus/ --out outputs
        """
        from policyparse import api

        budget = budget_option(timeout, max_memory)
        try:
            res = api.run(corpus_dir, out, progress=progress and not quiet(), budget=budget,
                          ocr=False if no_ocr else None)
        except PolicyParseError as e:
            fail(e)
        if fmt is OutFormat.json:
            dump_json(res)
        else:
            typer.echo(run_summary(res))
        if not res["ok"]:
            raise typer.Exit(1)


def run_summary(res: dict) -> str:
    """A few lines for people: files ok/failed, facts, where the outputs are."""
    s, c = res["ingest"], res["counts"]
    failed = len(s["failures"])
    lines = [
        f"files: {s['seen']} seen, {s['seen'] - failed} ok ({s['documents']} written, {s['unchanged']} unchanged,"
        f" {len(s['duplicates'])} duplicates), {failed} failed",
        f"store: {c['documents']} documents, {c['targets']} targets, {c['assignments']} assignments,"
        f" {c['unmatched']} unmatched names",
    ]
    for f in s["failures"][:10]:
        lines.append(f"  failed {f['path']}: {f['error']}: {f['reason']}")
    for o in s.get("ocr") or ():
        lines.append(f"  OCR {o['path']}: {o['pages']} page(s) in {o['seconds']:.1f} s")
    if failed > 10:
        lines.append(f"  ... and {failed - 10} more (see {res['summary']})")
    g = res["graph"]
    lines += [
        f"outputs: {res['store']}",
        f"         {res['report']}",
        "         " + ", ".join(str(v) for v in _flat(g.get("exports"))),
        f"         {res['summary']} (everything above as JSON; or rerun with --format json)",
    ]
    return "\n".join(lines)


def _flat(x) -> list:
    if isinstance(x, dict):
        return [y for v in x.values() for y in _flat(v)]
    if isinstance(x, (list, tuple)):
        return [y for v in x for y in _flat(v)]
    return [x] if x is not None else []
