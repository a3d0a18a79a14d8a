"""Parallel ingest on one machine: worker processes read and extract, the parent writes.

>>> from policyparse.parallel import ingest_parallel
>>> summary = ingest_parallel(["corpus/"], "outputs/policyparse.sqlite", workers=4)  # doctest: +SKIP

How it works:

* a :class:`concurrent.futures.ProcessPoolExecutor` with ``workers`` processes; each process runs
  :func:`init_worker` once (gazetteers, jieba's dictionary, the spaCy pipeline:
  :func:`policyparse.extract.nlp.build_nlp`), never per document;
* files are submitted in input order with a bounded window of documents in flight (memory stays
  flat whatever the corpus size); each worker returns a picklable outcome (facts + blocks);
* the parent is the only writer: it takes the outcomes back in input order and writes each one in
  its own transaction with the store's writer, so the store is identical to the single-process
  :func:`policyparse.store.ingest.ingest` (same rows, same order, same failures);
* a bad file is a recorded failure, never the end of the run; if a worker process dies (a crash in
  a native library), the documents it may have held are retried one at a time in a fresh pool, and
  the one that kills a worker again is recorded as a failure.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from policyparse.budget import DEFAULT_BUDGET, Budget
from policyparse.parallel._common import (
    Outcome,
    Progress,
    Writer,
    _digest,
    gazetteer_root,
    plan,
    process_path,
    warm_up,
)
from policyparse.phases import LOADING_MODELS, listened, phase
from policyparse.store.ingest import DEFAULT_STORE, IngestSummary
from policyparse.store.ingest import ingest as _ingest_single
from policyparse.store.lock import writer_lock
from policyparse.store.schema import connect

# documents in flight per worker: enough to keep every worker busy while the parent writes
WINDOW_PER_WORKER = 4
# seconds past a document's time budget before the parent kills a worker that has not answered
HARD_KILL_GRACE = 30.0


_STARTS = None  # the pool's queue of (path, time.time()) start reports, in a worker process


def init_worker(gazetteer_dir: str | None = None, starts=None) -> None:
    """Pool initializer: load gazetteers, jieba and the spaCy pipeline once in this process.
    ``starts``: a queue on which each job reports when it starts (the parent's deadlines)."""
    global _STARTS
    _STARTS = starts
    warm_up(gazetteer_dir)


def _ready() -> bool:
    """A job that does nothing: its answer says the worker has run its initializer."""
    return True


def _job(path: str, budget: Budget | None = None) -> Outcome:
    if _STARTS is not None:
        _STARTS.put((path, time.time()))
    return process_path(path, budget)


def hard_deadline(budget: Budget | None) -> float | None:
    """Seconds the parent waits for a document at the head of the queue before it kills the
    workers: the budget plus a grace (the worker's own alarm should have answered long before)."""
    if budget is None or not budget.seconds:
        return None
    return budget.seconds + max(HARD_KILL_GRACE, 0.25 * budget.seconds)


def ingest_parallel(
    paths: Any,
    store: str | Path = DEFAULT_STORE,
    *,
    workers: int | None = None,
    progress: bool = False,
    enrich: bool = True,
    start_method: str = "spawn",
    stats: dict | None = None,
    budget: Budget | None = DEFAULT_BUDGET,
) -> IngestSummary:
    """Ingest files and folders into the SQLite ``store`` with ``workers`` processes.

    ``workers`` defaults to :func:`os.cpu_count`; ``workers=1`` is the single-process
    :func:`policyparse.store.ingest.ingest` itself. The result (store contents and the returned
    :class:`~policyparse.store.ingest.IngestSummary`) is the same for every number of workers:
    unchanged files are skipped, duplicates reported, bad files recorded as failures.

    ``start_method`` is the :mod:`multiprocessing` start method of the worker processes
    (``spawn`` by default: workers start clean and load the gazetteers the parent would load,
    passed on explicitly). ``stats``, when a dict, receives timings and per-worker peak memory
    (``workers``, ``wall_seconds``, ``write_seconds``, ``stage_seconds`` (summed over workers),
    ``chars``, ``pages``, per worker process ``worker_peak_rss_mb``, ``warm_up_seconds`` and
    ``worker_documents``, and ``steady_seconds``: from the last worker being ready (process
    started, models loaded) to the end).

    ``budget`` (:class:`~policyparse.budget.Budget`, default 120 s and 2 GiB per document): each
    worker runs each document under :func:`policyparse.budget.guard`; a document over it becomes a
    ``DocumentTimeoutError`` / ``ResourceLimitError`` failure naming the stage, and the batch goes
    on. A worker that does not answer :func:`hard_deadline` seconds after its document reached
    the head of the queue (its alarm could not fire) is killed with the pool, the document
    recorded as ``DocumentTimeoutError``, and the others are resubmitted to a fresh pool.
    ``None``: no budget.
    """
    workers = (os.cpu_count() or 1) if workers is None else int(workers)
    t_start = time.perf_counter()
    if workers <= 1:
        summary = _ingest_single(paths, store, progress=progress, enrich=enrich, budget=budget)
        if stats is not None:
            stats.update({"workers": 1, "wall_seconds": time.perf_counter() - t_start})
        return summary
    with writer_lock(store):
        conn = connect(store)
        try:
            summary, todo = plan(paths, store, conn)
            writer = Writer(conn, summary, enrich=enrich)
            if todo:
                _run_pool(todo, writer, workers, progress, start_method, budget)
        finally:
            conn.close()
    if stats is not None:
        stats.update(writer.stats())
        steady = stats["finished_at"] - stats["workers_ready_at"] if stats["workers_ready_at"] else None
        stats.update({"workers": workers, "wall_seconds": time.perf_counter() - t_start, "steady_seconds": steady})
    return summary


class _Pool:
    """A ProcessPoolExecutor plus the queue on which its workers say when a document starts."""

    def __init__(self, workers: int, start_method: str):
        ctx = multiprocessing.get_context(start_method)
        self.starts_queue = ctx.SimpleQueue()
        self.started: dict[str, float] = {}
        self.executor = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=init_worker,
                                            initargs=(gazetteer_root(), self.starts_queue))

    def submit(self, path: str, budget: Budget | None) -> Future:
        return self.executor.submit(_job, path, budget)

    def result(self, fut: Future, path: str, wait: float | None) -> Outcome:
        """The outcome of ``fut``; FutureTimeout when its document started more than ``wait``
        seconds ago (as reported by its worker: start-up and warm-up are not counted)."""
        if wait is None:
            return fut.result()
        while True:
            self._drain()  # every time: a full pipe would block the workers' reports
            try:
                return fut.result(timeout=1.0)
            except FutureTimeout:
                t0 = self.started.get(path)
                if t0 is not None and time.time() - t0 > wait:
                    raise

    def _drain(self) -> None:
        while not self.starts_queue.empty():
            p, t = self.starts_queue.get()
            self.started[p] = t

    def warm_up(self, workers: int) -> None:
        """Return once the workers have started and one has loaded its models (their initializer);
        a pool broken meanwhile is left for the caller's loop to find."""
        with contextlib.suppress(BrokenProcessPool):
            for fut in [self.executor.submit(_ready) for _ in range(workers)]:
                fut.result()

    def shutdown(self, *, kill: bool = False, wait: bool = False) -> None:
        if kill:  # one of the workers is stuck: kill them all
            for proc in list((getattr(self.executor, "_processes", None) or {}).values()):
                with contextlib.suppress(Exception):
                    proc.kill()
        self.executor.shutdown(wait=wait, cancel_futures=True)
        with contextlib.suppress(Exception):
            self.starts_queue.close()


def _run_pool(todo: list[Path], writer: Writer, workers: int, progress: bool, start_method: str,
              budget: Budget | None = None) -> None:
    pool = _Pool(workers, start_method)
    if listened():  # someone shows the phase: wait, before the bar, until a worker has its models
        with phase(LOADING_MODELS):
            pool.warm_up(workers)
    bar = Progress(progress, len(todo))
    window = max(2, workers * WINDOW_PER_WORKER)
    wait = hard_deadline(budget)

    def take(out: Outcome) -> None:
        writer.write(out)
        bar.advance(Path(out.path).name)

    def stuck(path: str) -> None:
        writer.fail(path, _digest(path), "DocumentTimeoutError",
                    f"no answer {wait:g} s after it started (time budget {budget.describe_seconds()}): "
                    "the worker could not be interrupted and was killed")
        bar.advance(Path(path).name)

    try:
        pending: deque[tuple[str, Future]] = deque()
        queue = deque(str(f) for f in todo)
        suspects: deque[str] = deque()
        while queue or pending or suspects:
            if suspects:  # after a worker died: one document at a time until the culprit is found
                path = suspects.popleft()
                try:
                    take(pool.result(pool.submit(path, budget), path, wait))
                except FutureTimeout:
                    stuck(path)
                    pool.shutdown(kill=True)
                    pool = _Pool(workers, start_method)
                except BrokenProcessPool:
                    writer.fail(path, _digest(path), "WorkerCrash",
                                "the worker process died while reading this file")
                    bar.advance(Path(path).name)
                    pool.shutdown()
                    pool = _Pool(workers, start_method)
                continue
            while queue and len(pending) < window:
                path = queue.popleft()
                pending.append((path, pool.submit(path, budget)))
            path, fut = pending.popleft()
            try:
                out = pool.result(fut, path, wait)
            except FutureTimeout:
                stuck(path)
                queue.extendleft(reversed([p for p, _ in pending]))  # innocent: run them again
                pending.clear()
                pool.shutdown(kill=True)
                pool = _Pool(workers, start_method)
                continue
            except BrokenProcessPool:
                suspects.extend([path] + [p for p, _ in pending])
                pending.clear()
                pool.shutdown()
                pool = _Pool(workers, start_method)
                continue
            take(out)
    finally:
        pool.shutdown(wait=True)
        bar.close()
