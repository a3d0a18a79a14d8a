"""CLI commands for the corpus area: ingest, graph, lead, compare, diff, departments, indicators, run.

Each command wraps the :mod:`policyparse.api` function of the same name; ``--format json`` prints
exactly the API result's ``to_dict()``.
"""

from __future__ import annotations

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
    budget_option,
    fail,
    info,
    no_answer,
    quiet,
)
from policyparse.cli.models import announce_models
from policyparse.cli.output import (
    FORMAT_METAVAR,
    Fmt,
    FormatOption,
    JsonFlag,
    OutOption,
    emit,
    flat_csv,
    parse_format,
)
from policyparse.errors import PolicyParseError

CHANGE_COLUMNS = ["kind", "name", "city", "old", "new"]
CITY_HELP = "A city, province, district or short name (陇南, 四川省, 上城区)."


def _notes(notes: list[str]) -> None:
    for n in notes:
        info(f"note: {n}")


def ingest_line(s) -> str:
    return (f"{s.documents} documents written ({s.replaced} replaced), {s.unchanged} unchanged, "
            f"{len(s.duplicates)} duplicates; {s.targets} targets, {s.assignments} assignments, "
            f"{s.unmatched} unmatched names; {len(s.failures)} failures"
            + "".join(f"\n  failed {f['path']}: {f['error']}: {f['reason']}" for f in s.failures))


def ingest_row(d: dict) -> dict:
    """The ingest summary as one CSV row: counts (lists as their length)."""
    return {k: len(v) if isinstance(v, list) else v for k, v in d.items()}


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
        json_out: JsonFlag = False,
        fmt: FormatOption = Fmt.table,
        out: OutOption = None,
        progress: Annotated[bool, typer.Option("--progress/--no-progress")] = True,
        timeout: Annotated[float, typer.Option("--timeout", help=TIMEOUT_HELP)] = DEFAULT_SECONDS,
        max_memory: Annotated[str, typer.Option("--max-memory", help=MEMORY_HELP)] = DEFAULT_MEMORY_TEXT,
        no_ocr: Annotated[bool, typer.Option("--no-ocr", help=NO_OCR_HELP)] = False,
    ) -> None:
        """Read, extract and store files; unchanged files are skipped. Exit code 1 if any file failed.

        The summary goes to stderr (silenced by -q) unless --format csv|json or -o asks for it.

        Example: policyparse ingest corpus/ --store outputs/policyparse.sqlite --workers 2
        """
        from policyparse import api

        budget = budget_option(timeout, max_memory)
        fmt = Fmt.json if json_out else fmt
        try:
            with announce_models():
                s = api.ingest(paths, store, progress=progress and not quiet(), workers=workers, dask=dask,
                               budget=budget, ocr=False if no_ocr else None)
        except PolicyParseError as e:
            fail(e)
        if fmt is Fmt.table and out is None:
            if not quiet():
                _print_summary(s)
        else:
            emit(fmt, out, json_obj=s.to_dict, csv_text=lambda: flat_csv([ingest_row(s.to_dict())]),
                 table=lambda: [ingest_line(s)])
        if not s.ok:
            raise typer.Exit(1)

    @app.command("renormalise")
    def renormalise_cmd(
        store: Annotated[Path, typer.Option("--store", help=STORE_HELP)] = Path("outputs/policyparse.sqlite"),
        dry_run: Annotated[bool, typer.Option("--dry-run", help="Report the changes, write nothing.")] = False,
        fmt: FormatOption = Fmt.json,
        out: OutOption = None,
    ) -> None:
        """Re-apply the current gazetteers to the stored facts (no file is re-read). Prints the
        counts of what changed (json by default; csv: one row per change).

        Example: policyparse renormalise --store outputs/policyparse.sqlite
        """
        from policyparse import api

        try:
            res = api.renormalise(store, dry_run=dry_run)
        except PolicyParseError as e:
            fail(e)
        d = res.to_dict() if hasattr(res, "to_dict") else res
        emit(fmt, out, json_obj=lambda: d, csv_text=lambda: flat_csv(d.get("changes") or [], CHANGE_COLUMNS),
             table=lambda: [renormalise_summary(d)])

    @app.command("graph")
    def graph_cmd(
        store: Annotated[Path, typer.Option("--store", help=STORE_HELP)] = Path("outputs/policyparse.sqlite"),
        out: Annotated[Path, typer.Option(
            "--out", "-o", help="GraphML path (or a folder for graph.graphml); .json and neo4j/ beside it.")] = Path(
            "outputs/graph.graphml"),
        fmt: FormatOption = Fmt.json,
    ) -> None:
        """Build the cross-city graph and write GraphML, node-link JSON and Neo4j import CSVs; print
        where they are and the counts (json by default; csv: one row per node or edge type).

        Example: policyparse graph --out outputs/graph.graphml
        """
        from policyparse import api

        try:
            res = api.graph(store, out)
        except PolicyParseError as e:
            fail(e)
        emit(fmt, None, json_obj=lambda: res, csv_text=lambda: flat_csv(graph_rows(res), ["element", "type", "count"]),
             table=lambda: [graph_summary(res)])

    @app.command("lead")
    def lead_cmd(
        indicator: Annotated[str, typer.Argument(help="Indicator id, name, alias or fuzzy spelling.")],
        city: Annotated[str | None, typer.Option("--city", help=CITY_HELP)] = None,
        store: Annotated[Path, typer.Option("--store", help=STORE_HELP)] = Path("outputs/policyparse.sqlite"),
        fmt: FormatOption = Fmt.table,
        out: OutOption = None,
    ) -> None:
        """Which departments lead INDICATOR (stated or inferred), with the source sentence. Exit code 3
        when nothing answers (the message says what was searched and why).

        Example: policyparse lead "全社会R&D经费支出占GDP比重" --city 陇南市
        """
        from policyparse import api
        from policyparse.query.render import lead_csv, view

        try:
            res = api.lead(indicator, city=city, store=store)
        except PolicyParseError as e:
            fail(e)
        _notes(res.notes)
        emit(fmt, out, json_obj=res.to_dict, csv_text=lambda: lead_csv(res), table=lambda: view(res))
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
        fmt: FormatOption = Fmt.table,
        out: OutOption = None,
    ) -> None:
        """INDICATOR across places: kind (level, new 新增, per year 每年), scope, baseline, target,
        growth, unit, national reference, source; sorted by kind and place. Exit code 3 when no
        target answers.

        Example: policyparse compare "高新技术企业数" --city 山东省 --latest --format csv
        """
        from policyparse import api
        from policyparse.query.render import compare_csv, view

        try:
            res = api.compare(indicator, year=year, city=city, latest=latest, store=store)
        except PolicyParseError as e:
            fail(e)
        _notes(res.notes)
        emit(fmt, out, json_obj=res.to_dict, csv_text=lambda: compare_csv(res), table=lambda: view(res))
        if res.empty:
            no_answer(res.explanation)

    @app.command("diff")
    def diff_cmd(
        doc_a: Annotated[str, typer.Argument(help="Document id, id prefix, path or file name.")],
        doc_b: Annotated[str, typer.Argument()],
        store: Annotated[Path, typer.Option("--store", help=STORE_HELP)] = Path("outputs/policyparse.sqlite"),
        fmt: FormatOption = Fmt.table,
        out: OutOption = None,
    ) -> None:
        """Targets added, removed and changed from DOC_A to DOC_B (warns when they do not look like
        versions of one plan).

        Example: policyparse diff corpus/000_66384f2078c7182b.txt corpus/003_1b4764571c7d463f.txt
        """
        from policyparse import api
        from policyparse.query.render import diff_csv, view

        try:
            res = api.diff(doc_a, doc_b, store=store)
        except PolicyParseError as e:
            fail(e)
        for w in res.warnings:
            typer.echo(f"warning: {w}", err=True)
        emit(fmt, out, json_obj=res.to_dict, csv_text=lambda: diff_csv(res), table=lambda: view(res))

    @app.command("departments")
    def departments_cmd(
        city: Annotated[str | None, typer.Option("--city", help=CITY_HELP)] = None,
        store: Annotated[Path, typer.Option("--store", help=STORE_HELP)] = Path("outputs/policyparse.sqlite"),
        fmt: FormatOption = Fmt.table,
        out: OutOption = None,
    ) -> None:
        """The responsibility matrix: indicators and tasks each department type leads and joins
        (indicator counts agree with `lead`). Exit code 3 when no department is named.

        Example: policyparse departments --city 陇南市
        """
        from policyparse import api
        from policyparse.query.render import rows_csv, view

        try:
            res = api.departments(city=city, store=store)
        except PolicyParseError as e:
            fail(e)
        emit(fmt, out, json_obj=res.to_dict, csv_text=lambda: rows_csv(res.rows), table=lambda: view(res))
        if res.empty:
            no_answer(res.explanation)

    @app.command("indicators")
    def indicators_cmd(
        kind: Annotated[str, typer.Option("--kind", help="all | catalogue | uncatalogued")] = "all",
        city: Annotated[str | None, typer.Option("--city")] = None,
        used: Annotated[bool, typer.Option("--used", help="Only indicators some stored target has.")] = False,
        store: Annotated[Path, typer.Option("--store", help=STORE_HELP)] = Path("outputs/policyparse.sqlite"),
        fmt: FormatOption = Fmt.table,
        out: OutOption = None,
    ) -> None:
        """List the catalogue's indicators and the uncatalogued keys of stored targets, with counts and places.

        An uncatalogued key (uncatalogued:城镇化率) is what `compare` and `lead` reach such targets by.

        Example: policyparse indicators --kind uncatalogued --used
        """
        from policyparse import api
        from policyparse.query.render import rows_csv, view

        try:
            res = api.indicators(kind=kind, city=city, used=used, store=store)
        except (PolicyParseError, ValueError) as e:
            fail(e)
            return
        emit(fmt, out, json_obj=res.to_dict, csv_text=lambda: rows_csv(res.rows), table=lambda: view(res))

    @app.command("run")
    def run_cmd(
        corpus_dir: Annotated[Path, typer.Argument(help="Folder of documents.")],
        out: Annotated[Path, typer.Option("--out", "-o")] = Path("outputs"),
        progress: Annotated[bool, typer.Option("--progress/--no-progress")] = True,
        timeout: Annotated[float, typer.Option("--timeout", help=TIMEOUT_HELP)] = DEFAULT_SECONDS,
        max_memory: Annotated[str, typer.Option("--max-memory", help=MEMORY_HELP)] = DEFAULT_MEMORY_TEXT,
        fmt: Annotated[Fmt, typer.Option(
            "--format", parser=parse_format, metavar=FORMAT_METAVAR,
            help="table (alias text): a short summary; csv: its counts in one row; json: the full result.")] = (
            Fmt.table),
        no_ocr: Annotated[bool, typer.Option("--no-ocr", help=NO_OCR_HELP)] = False,
    ) -> None:
        """Ingest CORPUS_DIR, export the graph, write the report and OUT/summary.json. Exit code 1 if
        any file failed; a missing or empty CORPUS_DIR writes nothing (exit code 2).

        Example: policyparse run corpus/ --out outputs
        """
        from policyparse import api

        budget = budget_option(timeout, max_memory)
        try:
            with announce_models():
                res = api.run(corpus_dir, out, progress=progress and not quiet(), budget=budget,
                              ocr=False if no_ocr else None)
        except PolicyParseError as e:
            fail(e)
        emit(fmt, None, json_obj=lambda: res, csv_text=lambda: flat_csv([run_row(res)]),
             table=lambda: [run_summary(res)])
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


def renormalise_summary(d: dict) -> str:
    counts = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in d.items() if k.endswith("_changed")
                       or k.startswith("unmatched_"))
    return f"{d.get('documents')} documents: {counts}" + ("" if d.get("changed") is None else
                                                          f"; {d['changed']} changed")


def graph_rows(res: dict) -> list[dict]:
    c = res.get("counts") or {}
    return [{"element": el, "type": t, "count": n} for el in ("nodes", "edges") for t, n in (c.get(el) or {}).items()]


def graph_summary(res: dict) -> str:
    return "\n".join([f"{res.get('nodes')} nodes, {res.get('edges')} edges",
                      *("  " + str(p) for p in _flat(res.get("exports")))])


def run_row(res: dict) -> dict:
    """The run's counts and output paths as one CSV row."""
    s, c = res["ingest"], res["counts"]
    return {"ok": res["ok"], "seen": s["seen"], "failed": len(s["failures"]), "written": s["documents"],
            "unchanged": s["unchanged"], "duplicates": len(s["duplicates"]),
            **{f"store_{k}": v for k, v in c.items() if not isinstance(v, (dict, list))},
            "store": res["store"], "report": res["report"], "summary": res["summary"]}


def _flat(x) -> list:
    if isinstance(x, dict):
        return [y for v in x.values() for y in _flat(v)]
    if isinstance(x, (list, tuple)):
        return [y for v in x for y in _flat(v)]
    return [x] if x is not None else []
