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

import multiprocessing
import os
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

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
from policyparse.store.ingest import DEFAULT_STORE, IngestSummary
from policyparse.store.ingest import ingest as _ingest_single
from policyparse.store.schema import connect

# documents in flight per worker: enough to keep every worker busy while the parent writes
WINDOW_PER_WORKER = 4


def init_worker(gazetteer_dir: str | None = None) -> None:
    """Pool initializer: load gazetteers, jieba and the spaCy pipeline once in this process."""
    warm_up(gazetteer_dir)


def _job(path: str) -> Outcome:
    return process_path(path)


def ingest_parallel(
    paths: Any,
    store: str | Path = DEFAULT_STORE,
    *,
    workers: int | None = None,
    progress: bool = False,
    enrich: bool = True,
    start_method: str = "spawn",
    stats: dict | None = None,
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
    """
    workers = (os.cpu_count() or 1) if workers is None else int(workers)
    t_start = time.perf_counter()
    if workers <= 1:
        summary = _ingest_single(paths, store, progress=progress, enrich=enrich)
        if stats is not None:
            stats.update({"workers": 1, "wall_seconds": time.perf_counter() - t_start})
        return summary
    conn = connect(store)
    try:
        summary, todo = plan(paths, store, conn)
        writer = Writer(conn, summary, enrich=enrich)
        if todo:
            _run_pool(todo, writer, workers, progress, start_method)
    finally:
        conn.close()
    if stats is not None:
        stats.update(writer.stats())
        steady = stats["finished_at"] - stats["workers_ready_at"] if stats["workers_ready_at"] else None
        stats.update({"workers": workers, "wall_seconds": time.perf_counter() - t_start, "steady_seconds": steady})
    return summary


def _new_pool(workers: int, start_method: str) -> ProcessPoolExecutor:
    ctx = multiprocessing.get_context(start_method)
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=init_worker,
                               initargs=(gazetteer_root(),))


def _run_pool(todo: list[Path], writer: Writer, workers: int, progress: bool, start_method: str) -> None:
    bar = Progress(progress, len(todo))
    window = max(2, workers * WINDOW_PER_WORKER)

    def take(out: Outcome) -> None:
        writer.write(out)
        bar.advance(Path(out.path).name)

    pool = _new_pool(workers, start_method)
    try:
        pending: deque[tuple[str, Future]] = deque()
        queue = deque(str(f) for f in todo)
        suspects: deque[str] = deque()
        while queue or pending or suspects:
            if suspects:  # after a worker died: one document at a time until the culprit is found
                path = suspects.popleft()
                try:
                    take(pool.submit(_job, path).result())
                except BrokenProcessPool:
                    writer.fail(path, _digest(path), "WorkerCrash",
                                "the worker process died while reading this file")
                    bar.advance(Path(path).name)
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = _new_pool(workers, start_method)
                continue
            while queue and len(pending) < window:
                path = queue.popleft()
                pending.append((path, pool.submit(_job, path)))
            path, fut = pending.popleft()
            try:
                out = fut.result()
            except BrokenProcessPool:
                suspects.extend([path] + [p for p, _ in pending])
                pending.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _new_pool(workers, start_method)
                continue
            take(out)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        bar.close()
