"""The public Python API. Every CLI command is a thin wrapper around the function of the same name.

Worked example (the README's)::

    from policyparse import api

    summary = api.ingest(["corpus/"], "outputs/policyparse.sqlite")   # or api.run("corpus/")
    corpus = api.Corpus("outputs/policyparse.sqlite")
    corpus.lead("全社会R&D经费支出占GDP比重", city="陇南市").to_dict()
    corpus.compare("高新技术企业数").rows
    corpus.diff("corpus/000_66384f2078c7182b.txt", "corpus/003_1b4764571c7d463f.txt").changed
    corpus.departments(city="陇南市").rows
    g = corpus.graph()                      # networkx.MultiDiGraph
    corpus.export_graph("outputs")          # graph.graphml, graph.json, neo4j/*.csv
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from policyparse.budget import DEFAULT_MEMORY, DEFAULT_SECONDS, Budget
from policyparse.corpus import Corpus
from policyparse.model import Document
from policyparse.store.ingest import DEFAULT_STORE, IngestSummary
from policyparse.store.ingest import ingest as _ingest

__all__ = [
    "DEFAULT_STORE", "Budget", "Corpus", "IngestSummary", "blocks", "check", "compare", "departments", "diff",
    "export", "extract", "graph", "indicators", "ingest", "lead", "lookup", "read_document", "run", "show", "text",
]


# ----------------------------------------------------------------------------- single files


def read_document(path: str | Path, *, ocr: bool | None = None) -> Document:
    """Read any supported file (pdf, docx, html, txt; sniffed from the bytes) into a Document.
    ``ocr=False`` never OCRs a PDF page without a usable text layer (it is refused instead)."""
    from policyparse.readers import read_document as _read
    from policyparse.readers.pdf_ocr import ocr_setting

    _check_file(path)
    with ocr_setting(ocr):
        return _read(path)


def _check_file(path: str | Path) -> None:
    """A typed error for a path that is not a readable file (a folder, nothing there)."""
    from policyparse.errors import ReadError

    p = Path(path)
    if p.is_dir():
        raise ReadError(p, "is a folder; give a file (a folder is read by `policyparse read` or `ingest`)")
    if not p.exists():
        raise ReadError(p, "no such file")


def _out_file(out: str | Path, default_name: str, suffixes: tuple[str, ...]) -> Path:
    """``out`` as a file path: an existing folder, or a path ending in a separator, gets
    ``default_name`` inside it."""
    p = Path(out)
    if p.is_dir() or str(out).endswith(("/", os.sep)):
        return p / default_name
    if p.suffix.lower() not in suffixes:
        from policyparse.errors import ExportError

        raise ExportError(p, f"expected a {' or '.join(suffixes)} file (or a folder to write {default_name} into)")
    return p


def text(path: str | Path, *, ocr: bool | None = None) -> str:
    """The normalised full text of ``path`` (the text that fact offsets index)."""
    return read_document(path, ocr=ocr).text


def blocks(path: str | Path, *, ocr: bool | None = None) -> list[dict]:
    """The document's blocks (headings, paragraphs, list items, tables) as dicts with offsets."""
    return [b.to_dict() for b in read_document(path, ocr=ocr).blocks]


def extract(
    path: str | Path,
    *,
    timeout: float | None = DEFAULT_SECONDS,
    max_memory: int | str | None = DEFAULT_MEMORY,
    budget: Budget | None = None,
    ocr: bool | None = None,
) -> dict:
    """Targets, assignments and unmatched names of one file (the ``extract`` JSON contract).

    ``document.warnings`` lists what the reader noticed (a mislabelled extension, the detected
    encoding, repaired tables, "page N read by OCR" ...). ``ocr=False`` never OCRs a PDF page
    without a usable text layer (default: OCR when the ``ocr`` extra is installed and
    ``POLICYPARSE_OCR`` is not ``0``).

    The document runs under a time and memory budget (``timeout`` seconds, ``max_memory`` bytes
    or a size such as "2G"; ``None`` or 0 = no limit; or a :class:`~policyparse.budget.Budget`):
    going over it raises :class:`~policyparse.errors.DocumentTimeoutError` /
    :class:`~policyparse.errors.ResourceLimitError` naming the file and the stage. It is enforced
    in this process (see :mod:`policyparse.budget`; the time limit needs the main thread).
    """
    from policyparse.budget import guard, stage
    from policyparse.extract import extract_document
    from policyparse.readers.pdf_ocr import ocr_setting

    budget = budget if budget is not None else Budget.of(timeout, max_memory)
    with guard(path, budget), ocr_setting(ocr):
        doc = read_document(path)
        with stage("extract"):
            facts = extract_document(doc)
    facts["document"]["warnings"] = list(doc.warnings)
    return facts


def show(path: str | Path, out: str | Path | None = None) -> str | Path:
    """The source view of one file: a standalone HTML page (no network, no script) of its text as
    read, every extracted fact's span highlighted and labelled (target / task, lead / responsible
    department, deadline) with the id ``fact-<fact id>``, and a side list of the facts linking to
    them. Returns the HTML, or writes it to ``out`` (a file, or a folder for ``<name>.html``) and
    returns that path.

    >>> show("corpus/002_101a49cb13188322.txt", "outputs/002.html")  # doctest: +SKIP
    """
    from policyparse.extract import extract_document
    from policyparse.report.source import from_document, page

    target = None if out is None else _out_file(out, Path(path).stem + ".html", (".html", ".htm"))
    doc = read_document(path)
    facts = extract_document(doc)
    facts["document"]["warnings"] = list(doc.warnings)
    html = page(from_document(doc, facts))
    if target is None:
        return html
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
    return target


# ----------------------------------------------------------------------------- gazetteer


def lookup(*args: Any, **kwargs: Any) -> Any:
    """Re-export of :func:`policyparse.gazetteer.api.lookup` (when the gazetteer provides it)."""
    from policyparse.gazetteer.api import lookup as _lookup

    return _lookup(*args, **kwargs)


def check(*args: Any, **kwargs: Any) -> Any:
    """Re-export of :func:`policyparse.gazetteer.api.check` (when the gazetteer provides it)."""
    from policyparse.gazetteer.api import check as _check

    return _check(*args, **kwargs)


# ----------------------------------------------------------------------------- corpus


def ingest(
    paths: Any,
    store: str | Path = DEFAULT_STORE,
    *,
    progress: bool = True,
    workers: int | None = None,
    dask: Any = None,
    timeout: float | None = DEFAULT_SECONDS,
    max_memory: int | str | None = DEFAULT_MEMORY,
    budget: Budget | None = None,
    ocr: bool | None = None,
    **kwargs: Any,
) -> IngestSummary:
    """Ingest files and folders (recursively) into the SQLite store.

    ``workers``: processes that read and extract (default: all cores; 1 = this process, see
    :func:`policyparse.store.ingest.ingest`); ``dask``: a scheduler address or a
    ``dask.distributed.Client`` to run on a cluster instead. The store is the same either way.
    Writer hooks and custom extractors (``kwargs``) run in this process only.

    Each document runs under a budget of ``timeout`` seconds and ``max_memory`` (bytes or "2G";
    None/0 = no limit), or ``budget``: one over it is recorded as a ``DocumentTimeoutError`` /
    ``ResourceLimitError`` failure naming the file and the stage, and the batch goes on. (Not
    enforced on Dask, whose tasks run in threads.) ``ocr=False``: no
    OCR of PDF pages without a text layer (local worker processes inherit the setting; Dask
    workers read their own ``POLICYPARSE_OCR``).
    """
    from policyparse.readers.pdf_ocr import ocr_setting

    budget = budget if budget is not None else Budget.of(timeout, max_memory)
    with ocr_setting(ocr):
        return _ingest_any(paths, store, progress=progress, workers=workers, dask=dask, budget=budget, **kwargs)


def _ingest_any(paths: Any, store: str | Path, *, progress: bool, workers: int | None, dask: Any,
                budget: Budget, **kwargs: Any) -> IngestSummary:
    if dask is not None:
        from policyparse.parallel import ingest_dask

        return ingest_dask(paths, store, dask, progress=progress)
    n = workers if workers is not None else (os.cpu_count() or 1)
    if n > 1 and not kwargs:
        from policyparse.parallel import ingest_parallel

        return ingest_parallel(paths, store, workers=n, progress=progress, budget=budget)
    return _ingest(paths, store, progress=progress, workers=1, budget=budget, **kwargs)


def renormalise(store: str | Path = DEFAULT_STORE, *, dry_run: bool = False):
    """Re-apply the current gazetteers to stored facts without re-reading files."""
    from policyparse.parallel import renormalise as _renormalise

    return _renormalise(store, dry_run=dry_run)


def lead(indicator: str, city: str | None = None, *, store: str | Path = DEFAULT_STORE):
    """Who leads ``indicator`` in each city (or in ``city``); see :meth:`Corpus.lead`."""
    return Corpus(store).lead(indicator, city=city)


def compare(indicator: str, year: int | None = None, *, city: str | None = None, latest: bool = False,
            store: str | Path = DEFAULT_STORE):
    """``indicator`` across cities and documents (or one place), superseded drafts left out with
    ``latest``; see :meth:`Corpus.compare`."""
    return Corpus(store).compare(indicator, year=year, city=city, latest=latest)


def diff(doc_a: str, doc_b: str, *, store: str | Path = DEFAULT_STORE):
    """Targets added, removed and changed from ``doc_a`` to ``doc_b``; see :meth:`Corpus.diff`."""
    return Corpus(store).diff(doc_a, doc_b)


def departments(city: str | None = None, *, store: str | Path = DEFAULT_STORE):
    """The responsibility matrix; see :meth:`Corpus.departments`."""
    return Corpus(store).departments(city=city)


def indicators(kind: str = "all", city: str | None = None, *, used: bool = False,
               store: str | Path = DEFAULT_STORE):
    """Catalogue indicators and the uncatalogued keys of stored targets, with counts and places;
    see :meth:`Corpus.indicators` (:func:`policyparse.query.indicators.indicators`)."""
    return Corpus(store).indicators(kind=kind, city=city, used=used)


def graph(store: str | Path = DEFAULT_STORE, out: str | Path = "outputs/graph.graphml") -> dict:
    """Build the graph from the store and write GraphML to ``out``, node-link JSON next to it
    (``.json``) and Neo4j import CSVs into ``neo4j/`` beside it. Returns the paths and counts."""
    from policyparse.graph.build import build_graph, kind_counts
    from policyparse.graph.export import export_graph

    out = _out_file(out, "graph.graphml", (".graphml", ".xml"))
    g = build_graph(store)
    paths = export_graph(g, out, node_link=out.with_suffix(".json"), neo4j_dir=out.parent / "neo4j")
    return {"exports": paths, "counts": kind_counts(g), "nodes": g.number_of_nodes(), "edges": g.number_of_edges()}


def export(store: str | Path = DEFAULT_STORE, *, to: str = "xlsx", out: str | Path = "outputs/policyparse.xlsx",
           bom: bool = False, tables: list[str] | None = None) -> dict:
    """Write the whole store as tidy tables (documents, targets, assignments, department_mentions,
    unmatched) in ``to`` = csv | xlsx | jsonl | parquet; see :func:`policyparse.export.export`.

    >>> export("outputs/policyparse.sqlite", to="csv", out="outputs/csv", bom=True)  # doctest: +SKIP
    """
    from policyparse.export import export as _export

    return _export(store, to, out, bom=bom, tables_only=tables)


def report(store: str | Path = DEFAULT_STORE, out: str | Path = "outputs/report.html", *, pages: bool = False) -> Path:
    """Write the self-contained HTML report (charts, responsibility heat map, graph) of a store,
    and beside it ``sources/``: each document's source view. ``pages``: the PDFs' views also show
    the pages that hold facts as images (``sources/pages/*.jpg``) with each fact's box drawn.

    >>> report("outputs/policyparse.sqlite", "outputs/report.html", pages=True)  # doctest: +SKIP
    """
    from policyparse.report import report as _report

    return _report(store, _out_file(out, "report.html", (".html", ".htm")), pages=pages)


def run(corpus_dir: str | Path, out: str | Path = "outputs", *, progress: bool = True, **kwargs: Any) -> dict:
    """The main command: ingest ``corpus_dir`` into ``out/policyparse.sqlite``, export the graph
    (``out/graph.graphml``, ``out/graph.json``, ``out/neo4j/``), write ``out/report.html`` and
    ``out/summary.json``."""
    from policyparse.errors import ReadError, StoreError

    src, out = Path(corpus_dir), Path(out)
    if not src.exists():
        raise ReadError(src, "no such file or folder (nothing was written)")
    if out.exists() and not out.is_dir():
        raise StoreError(out, "--out must be a folder (it holds the store, graph, report and summary)")
    from policyparse.readers.batch import expand_paths

    if not any(True for _ in expand_paths([src])):
        raise ReadError(src, "no document files (pdf, docx, html, txt) here (nothing was written)")
    out.mkdir(parents=True, exist_ok=True)
    store = out / "policyparse.sqlite"
    summary = ingest([corpus_dir], store, progress=progress, **kwargs)
    result: dict[str, Any] = {"ingest": summary.to_dict(), "store": str(store)}
    result["counts"] = Corpus(store).counts()
    result["graph"] = graph(store, out / "graph.graphml")
    result["report"] = str(report(store, out / "report.html"))
    result["ok"] = summary.ok
    (out / "summary.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    result["summary"] = str(out / "summary.json")
    return result
