"""What the parallel backends share: the per-document job a worker runs, and the single writer.

The split is the same for every backend (multiprocessing, Dask):

* the **parent** expands the paths and skips unchanged files and duplicates exactly as
  :func:`policyparse.store.ingest.ingest` does (:func:`plan`);
* a **worker** reads and extracts one file (:func:`process_path`) and returns a plain, picklable
  :class:`Outcome`: the facts dict of the ``extract`` JSON contract plus the document's blocks and
  reader warnings (a :class:`~policyparse.model.Document` without its full text), or the error;
* the **parent** fills metadata from ``metadata.yaml`` / the places gazetteer and writes each
  outcome with the store's own functions (:func:`policyparse.store.writer.write_document`, one
  transaction per document; :func:`~policyparse.store.writer.record_failure`), in input order,
  so the store ends up identical to a single-process run (:class:`Writer`).
"""

from __future__ import annotations

import dataclasses
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from policyparse.budget import Budget
from policyparse.model import Document
from policyparse.store.ingest import IngestSummary, error_parts
from policyparse.store.ingest import file_digest as _digest
from policyparse.store.ingest import plan as store_plan

# --------------------------------------------------------------------------- worker side


@dataclass
class Outcome:
    """The result of one document's worker job (only plain data: it crosses process boundaries)."""

    path: str  # the path as the parent named it (``Document.path`` / ``document.path``)
    status: str  # "ok" | "read_failed" | "extract_failed" | "budget_exceeded"
    facts: dict | None = None
    document: Document | None = None  # blocks + warnings (``text`` dropped to keep messages small)
    digest: str | None = None  # sha256 of the bytes when known
    fmt: str | None = None
    error: tuple[str, str] | None = None  # (type name, reason)
    seconds: dict[str, float] = field(default_factory=dict)  # "read", "extract"
    chars: int = 0
    pages: int = 0
    pid: int = 0
    peak_rss_mb: float = 0.0  # the worker process's peak resident memory so far
    warm_up_seconds: float = 0.0  # the worker's one-time initialisation
    ready_at: float = 0.0  # time.time() when the worker finished its initialisation


_WARM_UP_SECONDS = 0.0
_READY_AT = 0.0


def peak_rss_mb() -> float:
    """Peak resident set size of this process, in MB.

    Linux: ``VmHWM`` of ``/proc/self/status`` (the high-water mark of this process image; unlike
    ``ru_maxrss`` it does not inherit the parent's peak through fork/exec). Elsewhere ``ru_maxrss``.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024.0 * 1024.0) if sys.platform == "darwin" else peak / 1024.0


def process_path(path: str, budget: Budget | None = None) -> Outcome:
    """Read and extract one file (never raises for a bad file: the error is in the outcome).

    ``budget``: run it under :func:`policyparse.budget.guard` (the worker pool does; a document
    over budget becomes a ``DocumentTimeoutError`` / ``ResourceLimitError`` outcome naming the
    stage). ``None``: no guard (Dask runs tasks in threads, where neither limit can be per task).
    """
    out = Outcome(path=path, status="ok", pid=os.getpid())
    if budget is None:
        _process_path(path, out)
    else:
        from policyparse.budget import guard
        from policyparse.errors import BudgetExceededError

        try:
            with guard(path, budget):
                _process_path(path, out)
        except BudgetExceededError as exc:  # keep what was known (the format, when read)
            out.status, out.error = "budget_exceeded", (type(exc).__name__, exc.reason)
            out.facts = out.document = None
            out.digest = out.digest or _digest(path)
    out.peak_rss_mb = peak_rss_mb()
    out.warm_up_seconds = _WARM_UP_SECONDS
    out.ready_at = _READY_AT
    return out


def _process_path(path: str, out: Outcome) -> Outcome:
    from policyparse.readers.batch import read_one

    t0 = time.perf_counter()
    res = read_one(path)
    t1 = time.perf_counter()
    out.seconds["read"] = t1 - t0
    if res.document is None:
        out.status = "read_failed"
        out.digest = _digest(path)
        out.error = error_parts(res.error)
        return out
    doc = res.document
    out.digest, out.fmt, out.chars, out.pages = doc.id, doc.format, len(doc.text), doc.pages
    try:
        from policyparse.budget import active, set_stage
        from policyparse.extract import extract_document

        set_stage("extract")
        out.facts = extract_document(doc)
    except Exception as exc:  # an extractor bug on one document must not stop the batch
        if isinstance(exc, MemoryError) and active() is not None:
            raise  # under a budget: the guard makes it a ResourceLimitError naming the stage
        out.status = "extract_failed"
        out.error = (type(exc).__name__, getattr(exc, "reason", None) or str(exc))
    out.seconds["extract"] = time.perf_counter() - t1
    # The writer needs only the blocks and the warnings; drop the (large) text and offset maps.
    out.document = dataclasses.replace(doc, text="", source_text="", source_index=())
    return out


def warm_up(gazetteer_root: str | None = None) -> float:
    """Load everything a worker needs once (gazetteers, jieba, the spaCy pipeline); returns seconds.

    ``gazetteer_root`` (the parent's gazetteer directory) is exported as ``POLICYPARSE_GAZETTEERS``
    and the in-process caches are cleared when it differs from what they were built from, so a
    worker resolves names with exactly the gazetteers the parent would.
    """
    global _WARM_UP_SECONDS, _READY_AT
    t0 = time.perf_counter()
    from policyparse.gazetteer import ENV_VAR, default_root

    if gazetteer_root is not None and str(default_root().resolve()) != str(Path(gazetteer_root).resolve()):
        os.environ[ENV_VAR] = str(gazetteer_root)
        from policyparse.extract import nlp, resolve

        resolve.gazetteer.cache_clear()
        nlp.build_nlp.cache_clear()
    elif gazetteer_root is not None:
        os.environ[ENV_VAR] = str(gazetteer_root)
    from policyparse.extract.nlp import analyse, build_nlp
    from policyparse.extract.resolve import gazetteer

    gazetteer()
    build_nlp()
    analyse("到2025年,高新技术企业数达到100家以上。市科技局牵头,市财政局配合。")  # jieba's dictionary
    from policyparse.extract.quantities import to_number

    to_number("两千")  # cn2an: importing it compiles its patterns (about half a second)
    # the readers are imported on first use: import them now, not inside the first document
    import importlib

    from policyparse.readers import READER_MODULES

    for mod in READER_MODULES.values():
        importlib.import_module(mod)
    _WARM_UP_SECONDS = time.perf_counter() - t0
    _READY_AT = time.time()
    return _WARM_UP_SECONDS


def gazetteer_root() -> str | None:
    """The gazetteer directory this process would load (passed on to workers)."""
    try:
        from policyparse.gazetteer import default_root

        return str(default_root().resolve())
    except Exception:  # pragma: no cover - no gazetteer package: workers use their default
        return None


# --------------------------------------------------------------------------- parent side


plan = store_plan  # one planning step for every ingest (policyparse.store.ingest.plan)


class Writer:
    """The one writer: applies worker outcomes to the store in the order they are given.

    Each document is written in its own transaction by :func:`write_document` (the store's
    atomicity contract), so an interrupted run leaves every document either fully old or fully
    new. ``enrich`` fills null metadata from ``metadata.yaml`` or the places gazetteer here, in the
    parent (workers need not see the manifests).
    """

    def __init__(self, conn, summary: IngestSummary, *, enrich: bool = True):
        self.conn = conn
        self.summary = summary
        self.enrich = enrich
        self.seconds = 0.0
        self.workers: dict[int, dict] = {}  # pid -> {"peak_rss_mb", "warm_up_seconds", "documents"}
        self.stage_seconds: dict[str, float] = {}
        self.chars = 0
        self.pages = 0

    def fail(self, path: str, digest: str | None, etype: str, reason: str, fmt: str | None = None) -> None:
        from policyparse.store.writer import record_failure

        record_failure(self.conn, str(Path(path).resolve()), digest, etype, reason, fmt=fmt)
        self.summary.failures.append({"path": path, "error": etype, "reason": reason})

    def write(self, out: Outcome) -> None:
        from policyparse.store.enrich import complete_document
        from policyparse.store.writer import record_failure, write_document

        t0 = time.perf_counter()
        s = self.summary
        f = Path(out.path)
        key = str(f.resolve())
        w = self.workers.setdefault(out.pid, {"peak_rss_mb": 0.0, "warm_up_seconds": 0.0, "documents": 0,
                                              "ready_at": 0.0})
        w["ready_at"] = out.ready_at
        w["peak_rss_mb"] = max(w["peak_rss_mb"], out.peak_rss_mb)
        w["warm_up_seconds"] = out.warm_up_seconds
        w["documents"] += 1
        for k, v in out.seconds.items():
            self.stage_seconds[k] = self.stage_seconds.get(k, 0.0) + v
        self.chars += out.chars
        self.pages += out.pages
        s.add_ocr(out.path, out.document)
        if out.status == "read_failed":
            etype, reason = out.error or ("ReadError", "unknown error")
            self.fail(out.path, out.digest, etype, reason)
        elif out.status == "budget_exceeded":  # the reason names the limit and the stage
            etype, reason = out.error or ("BudgetExceededError", "over budget")
            self.fail(out.path, out.digest, etype, reason, fmt=out.fmt)
        elif out.status == "extract_failed":
            etype, reason = out.error or ("Exception", "unknown error")
            self.fail(out.path, out.digest, etype, f"extraction failed: {reason}", fmt=out.fmt)
        else:
            facts = out.facts
            try:
                if self.enrich:
                    complete_document(facts, f)
            except Exception as exc:
                etype, reason = type(exc).__name__, getattr(exc, "reason", None) or str(exc)
                self.fail(out.path, out.digest, etype, f"extraction failed: {reason}", fmt=out.fmt)
            else:
                try:
                    replaced = write_document(self.conn, facts, out.document, path=key)
                except Exception as exc:
                    etype = type(exc).__name__
                    reason = f"write failed, previous state kept: {exc}"
                    record_failure(self.conn, key, out.digest, etype, reason, drop_previous=False)
                    s.failures.append({"path": out.path, "error": etype, "reason": reason})
                else:
                    s.documents += 1
                    s.replaced += int(replaced)
                    s.targets += len(facts.get("targets") or [])
                    s.assignments += len(facts.get("assignments") or [])
                    s.unmatched += len(facts.get("unmatched") or [])
                    names = {u.get("name") for u in facts.get("unmatched") or [] if u.get("name")}
                    if names - set(s.unmatched_names):
                        s.unmatched_names = sorted(set(s.unmatched_names) | names)
        self.seconds += time.perf_counter() - t0

    def stats(self) -> dict:
        """Timings and per-worker memory of the run so far (for ``stats=`` and benchmarks)."""
        workers = list(self.workers.values())
        return {
            "write_seconds": self.seconds, "stage_seconds": dict(self.stage_seconds),
            "chars": self.chars, "pages": self.pages,
            "worker_peak_rss_mb": [w["peak_rss_mb"] for w in workers],
            "warm_up_seconds": [w["warm_up_seconds"] for w in workers],
            "worker_documents": [w["documents"] for w in workers],
            "workers_ready_at": max((w["ready_at"] for w in workers), default=0.0),  # time.time()
            "finished_at": time.time(),
        }


class Progress:
    """A rich progress bar on stderr (or nothing)."""

    def __init__(self, enabled: bool, total: int, label: str = "ingest"):
        self.bar = None
        if enabled and total:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as _P

            self.bar = _P(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                          TextColumn("{task.description}"), console=Console(file=sys.stderr))
            self.bar.start()
            self.task = self.bar.add_task("", total=total)

    def advance(self, name: str) -> None:
        if self.bar is not None:
            self.bar.update(self.task, description=name, advance=1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
