"""``ingest``: files and folders -> read -> extract -> store, one transaction per document.

Re-ingesting an unchanged file is a no-op (the content hash is the document id); a changed file
(same path, new bytes) has its facts replaced atomically; a file that cannot be read or extracted
is recorded as a failure (``failures`` table and the summary) and never stops the batch. A crash
or Ctrl-C inside a document's write rolls that document back: the store keeps its previous state.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from policyparse.budget import DEFAULT_BUDGET, Budget
from policyparse.model import Document
from policyparse.store.enrich import complete_document
from policyparse.store.lock import writer_lock
from policyparse.store.schema import connect
from policyparse.store.writer import Hook, record_failure, write_document

DEFAULT_STORE = Path("outputs/policyparse.sqlite")
SUFFIXES = {".txt", ".pdf", ".docx", ".html", ".htm"}

Extractor = Callable[[Document], dict]


@dataclass
class IngestSummary:
    """What one ``ingest`` run did."""

    store: str
    seen: int = 0  # files considered
    documents: int = 0  # documents written (new or replaced)
    replaced: int = 0  # of which replaced an older version of the same path
    unchanged: int = 0  # skipped: same path, same content
    duplicates: list[dict] = field(default_factory=list)  # same content as another stored path
    targets: int = 0
    assignments: int = 0
    unmatched: int = 0  # unmatched names in the documents written
    unmatched_names: list[str] = field(default_factory=list)  # distinct, sorted
    failures: list[dict] = field(default_factory=list)  # {path, error, reason}
    ocr: list[dict] = field(default_factory=list)  # {path, pages, seconds}: documents OCR ran on

    @property
    def ok(self) -> bool:
        return not self.failures

    def add_ocr(self, path: str | Path, document: Document | None) -> None:
        """Note the OCR pages and seconds of ``document`` (read from ``path``) if OCR ran."""
        ocr = document.ocr_report() if document is not None else None
        if ocr:
            self.ocr.append({"path": str(path), **ocr})

    @property
    def ocr_pages(self) -> int:
        return sum(o["pages"] for o in self.ocr)

    @property
    def ocr_seconds(self) -> float:
        return round(sum(o["seconds"] for o in self.ocr), 2)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["ok"] = self.ok
        d["ocr_pages"], d["ocr_seconds"] = self.ocr_pages, self.ocr_seconds
        return d


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[dict]]:
    """Files under ``paths`` (folders recursively), in the readers' order and selection.

    Uses :func:`policyparse.readers.batch.expand_paths` (document extensions, or bytes that sniff
    as a document; hidden files and manifests skipped) when available. Returns ``(files, missing)``
    where ``missing`` lists failure records for paths that do not exist. A file named explicitly
    is taken whatever its suffix (the reader sniffs the bytes).
    """
    try:
        from policyparse.readers.batch import expand_paths as _readers_expand
    except ImportError:
        _readers_expand = None
    files: list[Path] = []
    missing: list[dict] = []
    seen: set[Path] = set()
    for p in paths:
        p = Path(p)
        if p.is_dir():
            if _readers_expand is not None:
                found = list(_readers_expand([p]))
            else:
                found = sorted(
                    f for f in p.rglob("*")
                    if f.is_file() and f.suffix.lower() in SUFFIXES
                    and not any(part.startswith(".") for part in f.relative_to(p).parts)
                )
        elif p.exists():  # a FIFO or device too: the reader refuses it with NotRegularFileError
            found = [p]
        else:
            missing.append({"path": str(p), "error": "FileNotFoundError", "reason": "no such file or folder"})
            continue
        for f in found:
            r = f.resolve()
            if r not in seen:
                seen.add(r)
                files.append(f)
    return files, missing


def _default_extractor() -> Extractor:
    """:func:`policyparse.extract.extract_document`, with its gazetteers and spaCy pipeline loaded
    now: loading them is not the first document's work (nor in its time budget)."""
    from policyparse.extract import extract_document
    from policyparse.extract.nlp import load_models
    from policyparse.phases import LOADING_MODELS, phase

    with phase(LOADING_MODELS):
        load_models()
    return extract_document


def _read_and_extract(
    f: Path, extract: Extractor, budget: Budget | None
) -> tuple[Document | None, dict | None, tuple[str, str] | None]:
    """Read and extract one file under ``budget``: ``(document, facts, None)`` or
    ``(document or None, None, (error type, reason))``; never raises for a bad file."""
    from policyparse.budget import NO_BUDGET, active, guard, set_stage
    from policyparse.errors import BudgetExceededError
    from policyparse.readers.batch import read_one

    document = None
    try:
        with guard(f, budget or NO_BUDGET):
            res = read_one(f)
            document = res.document
            if document is None:
                return None, None, error_parts(res.error)
            set_stage("extract")
            try:
                return document, extract(document), None
            except Exception as exc:
                if isinstance(exc, MemoryError) and active() is not None:
                    raise  # the guard names it ResourceLimitError
                etype, reason = type(exc).__name__, getattr(exc, "reason", None) or str(exc)
                return document, None, (etype, f"extraction failed: {reason}")
    except BudgetExceededError as exc:
        return document, None, (type(exc).__name__, exc.reason)


def error_parts(err: Any) -> tuple[str, str]:
    """``(type name, reason)`` of a reader error, as the store records it."""
    if isinstance(err, BaseException):
        reason = getattr(err, "reason", None) or str(err)
        return type(err).__name__, reason
    if isinstance(err, dict):
        return str(err.get("type") or err.get("error") or "ReadError"), str(err.get("reason") or err)
    return "ReadError", str(err or "unknown error")


def plan(paths: Iterable[str | Path] | str | Path, store: str | Path, conn) -> tuple[IngestSummary, list[Path]]:
    """What an ingest has to do: expand folders, skip files whose bytes are already stored at the
    same path (unchanged), at another existing path, or at an earlier file of this run (duplicates:
    the second copy used to replace the first in the store while both counted as written).

    Returns the summary so far (``seen``, ``unchanged``, ``duplicates``, missing paths as
    failures) and the files to read, in order. Shared by the single-process and parallel ingests.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    summary = IngestSummary(store=str(Path(store)))
    files, missing = expand_paths(list(paths))
    summary.failures.extend(missing)
    summary.seen = len(files)
    todo: list[Path] = []
    planned: dict[str, Path] = {}  # digest -> the file of this run that will store it
    for f in files:
        key = str(f.resolve())
        digest = file_digest(f)
        if digest is None:  # not a regular file, unreadable: the reader records why
            todo.append(f)
            continue
        row = conn.execute("SELECT id, ingest_status FROM documents WHERE path = ?", (key,)).fetchone()
        if row is not None and row["id"] == digest and row["ingest_status"] == "ok":
            summary.unchanged += 1
            continue
        other = conn.execute(
            "SELECT path FROM documents WHERE id = ? AND path != ? AND ingest_status = 'ok'", (digest, key)
        ).fetchone()
        if other is not None and Path(other["path"]).exists():
            summary.duplicates.append({"path": str(f), "same_as": other["path"]})
            continue
        if digest in planned:  # the same bytes twice in this run: the first is stored, as across runs
            summary.duplicates.append({"path": str(f), "same_as": str(planned[digest].resolve())})
            continue
        planned[digest] = f
        todo.append(f)
    return summary, todo


def ingest(
    paths: Iterable[str | Path] | str | Path,
    store: str | Path = DEFAULT_STORE,
    *,
    progress: bool = True,
    workers: int = 1,
    extractor: Extractor | None = None,
    hook: Hook | None = None,
    enrich: bool = True,
    budget: Budget | None = DEFAULT_BUDGET,
) -> IngestSummary:
    """Read, extract and store ``paths`` (files or folders, recursively) into the SQLite ``store``.

    ``extractor`` (``Document -> facts dict``, default :func:`policyparse.extract.extract_document`)
    and ``hook`` (called inside each document's write transaction, see
    :func:`policyparse.store.writer.write_document`) are injection points for tests. ``workers``
    is accepted for the CLI's sake; only one worker is used for now. ``enrich`` fills metadata the
    extractor left null from a ``metadata.yaml`` manifest or the places gazetteer
    (:mod:`policyparse.store.enrich`). ``budget``: each document is read and extracted under
    :func:`policyparse.budget.guard` (default 120 s, 2 GiB); one over it is recorded as a
    ``DocumentTimeoutError`` / ``ResourceLimitError`` failure naming the stage; ``None``: no limit.

    >>> summary = ingest(["corpus/"], "outputs/policyparse.sqlite", progress=False)  # doctest: +SKIP
    >>> summary.documents, summary.failures  # doctest: +SKIP
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    paths = list(paths)
    store = Path(store)
    with writer_lock(store):
        return _ingest_locked(paths, store, progress, extractor, hook, enrich, budget)


def _ingest_locked(paths, store, progress, extractor, hook, enrich, budget) -> IngestSummary:
    conn = connect(store)
    try:
        summary, todo = plan(paths, store, conn)
        extract = extractor
        show = progress and any(Path(p).is_dir() for p in paths) and len(todo) > 0
        bar = None
        if extract is None and todo:
            extract = _default_extractor()  # before the bar: the phase "loading models"
        if show:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            bar = Progress(
                TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                TextColumn("{task.description}"), console=Console(file=sys.stderr), transient=False,
            )
            bar.start()
            task = bar.add_task("", total=len(todo))
        try:
            for f in todo:
                key = str(f.resolve())
                if bar is not None:
                    bar.update(task, description=f.name)
                document, facts, failure = _read_and_extract(f, extract, budget)
                summary.add_ocr(f, document)
                digest = document.id if document is not None else file_digest(f)
                if failure is not None:
                    etype, reason = failure
                    record_failure(conn, key, digest, etype, reason,
                                   fmt=document.format if document is not None else None)
                    summary.failures.append({"path": str(f), "error": etype, "reason": reason})
                else:
                    try:
                        if enrich:
                            complete_document(facts, f)
                    except Exception as exc:
                        etype, reason = type(exc).__name__, getattr(exc, "reason", None) or str(exc)
                        record_failure(conn, key, digest, etype, f"extraction failed: {reason}",
                                       fmt=document.format)
                        summary.failures.append({"path": str(f), "error": etype,
                                                 "reason": f"extraction failed: {reason}"})
                    else:
                        try:
                            replaced = write_document(conn, facts, document, path=key, hook=hook)
                        except Exception as exc:
                            etype = type(exc).__name__
                            reason = f"write failed, previous state kept: {exc}"
                            record_failure(conn, key, digest, etype, reason, drop_previous=False)
                            summary.failures.append({"path": str(f), "error": etype, "reason": reason})
                        else:
                            summary.documents += 1
                            summary.replaced += int(replaced)
                            summary.targets += len(facts.get("targets") or [])
                            summary.assignments += len(facts.get("assignments") or [])
                            summary.unmatched += len(facts.get("unmatched") or [])
                            names = {u.get("name") for u in facts.get("unmatched") or [] if u.get("name")}
                            summary.unmatched_names = sorted(set(summary.unmatched_names) | names)
                if bar is not None:
                    bar.advance(task)
        finally:
            if bar is not None:
                bar.stop()
    finally:
        conn.close()
    return summary


def file_digest(f: str | Path) -> str | None:
    """sha256 of a file's bytes (the document id), or None when it cannot be read (or is not a
    regular file: a FIFO is never opened for reading)."""
    from policyparse.errors import ReadError
    from policyparse.readers.files import read_file

    try:
        return hashlib.sha256(read_file(f)).hexdigest()
    except (OSError, ReadError):
        return None
