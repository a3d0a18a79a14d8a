"""Ingest on a Dask cluster (``dask.distributed`` futures; optional extra ``policyparse[dask]``).

>>> from dask.distributed import Client
>>> from policyparse.parallel import ingest_dask
>>> ingest_dask(["corpus/"], "outputs/policyparse.sqlite", "tcp://scheduler:8786")  # doctest: +SKIP

Scheduling, retries and worker management are Dask's: every file is one ``client.submit`` task
(:func:`policyparse.parallel._common.process_path`, or :func:`process_bytes` with
``ship_bytes=True``); a :class:`~distributed.WorkerPlugin` loads gazetteers, jieba and the spaCy
pipeline once per worker. Workers return plain outcomes (facts dict + blocks); the client process
is the only writer and writes them in input order, one transaction per document, so the store is
identical to a single-process ingest.

On a real cluster: install ``policyparse[dask]`` (same version) on the scheduler's workers, start
them (``dask scheduler`` then ``dask worker tcp://scheduler:8786 --nthreads 1 --nworkers N``: one
thread per worker process, the pipeline is CPU-bound Python) and either put the files on a file
system every worker sees (the same paths), or pass ``ship_bytes=True`` to send each file's bytes
with its task.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections import deque
from pathlib import Path
from typing import Any

from policyparse.parallel._common import (
    Outcome,
    Progress,
    Writer,
    gazetteer_root,
    plan,
    process_path,
    warm_up,
)
from policyparse.store.ingest import DEFAULT_STORE, IngestSummary
from policyparse.store.lock import writer_lock
from policyparse.store.schema import connect

try:  # the plugin base class; the module stays importable (for docs) without dask
    from distributed import WorkerPlugin as _PluginBase
except ImportError:  # pragma: no cover
    _PluginBase = object


class PolicyparseWorkerPlugin(_PluginBase):
    """Load policyparse's models once per Dask worker (``setup`` runs when the worker joins)."""

    name = "policyparse-warm-up"

    def __init__(self, gazetteer_dir: str | None = None):
        self.gazetteer_dir = gazetteer_dir

    def setup(self, worker: Any = None) -> None:
        warm_up(self.gazetteer_dir)


def process_bytes(name: str, data: bytes, original: str) -> Outcome:
    """Worker job for ``ship_bytes=True``: write ``data`` to a temporary file named ``name``,
    process it, and report it under the parent's path ``original``."""
    with tempfile.TemporaryDirectory(prefix="policyparse-") as tmp:
        local = os.path.join(tmp, name)
        with open(local, "wb") as fh:
            fh.write(data)
        out = process_path(local)
    out.path = original
    if out.facts is not None:
        out.facts["document"]["path"] = original
    if out.document is not None:
        import dataclasses

        out.document = dataclasses.replace(out.document, path=original)
    if out.error is not None:
        out.error = (out.error[0], out.error[1].replace(local, original))
    return out


def _client(client_or_address: Any):
    from distributed import Client

    if isinstance(client_or_address, Client):
        return client_or_address, False
    return Client(client_or_address), True


def _register(client, plugin) -> None:
    if hasattr(client, "register_plugin"):
        client.register_plugin(plugin)
    else:  # pragma: no cover - dask < 2023.9
        client.register_worker_plugin(plugin)


def ingest_dask(
    paths: Any,
    store: str | Path = DEFAULT_STORE,
    client_or_address: Any = None,
    *,
    progress: bool = False,
    enrich: bool = True,
    ship_bytes: bool = False,
    window: int | None = None,
    gazetteers: str | Path | None = None,
    stats: dict | None = None,
) -> IngestSummary:
    """Ingest ``paths`` into ``store`` on a Dask cluster.

    ``client_or_address`` is a :class:`distributed.Client` or a scheduler address
    (``"tcp://host:8786"``; a client is then opened and closed here). ``ship_bytes`` sends file
    contents with the tasks (workers without the files); otherwise workers open the same paths.
    ``window`` bounds the documents in flight (default: 4 per worker thread). ``gazetteers`` is the
    gazetteer directory the workers should load (default: this process's when ``ship_bytes`` is
    off, the workers' own default when it is on). Returns the same
    :class:`~policyparse.store.ingest.IngestSummary` as :func:`policyparse.store.ingest.ingest`.
    """
    if client_or_address is None:
        raise ValueError("ingest_dask needs a dask.distributed Client or a scheduler address")
    t_start = time.perf_counter()
    client, own = _client(client_or_address)
    lock = writer_lock(store)
    try:
        lock.__enter__()
    except BaseException:
        if own:
            client.close()
        raise
    conn = connect(store)
    try:
        summary, todo = plan(paths, store, conn)
        writer = Writer(conn, summary, enrich=enrich)
        if todo:
            root = str(gazetteers) if gazetteers is not None else (None if ship_bytes else gazetteer_root())
            _register(client, PolicyparseWorkerPlugin(root))
            nthreads = sum(client.nthreads().values()) or 1
            limit = window or max(2, 4 * nthreads)
            bar = Progress(progress, len(todo))
            pending: deque = deque()
            queue = deque(todo)
            try:
                while queue or pending:
                    while queue and len(pending) < limit:
                        f = queue.popleft()
                        if ship_bytes:
                            fut = client.submit(process_bytes, f.name, f.read_bytes(), str(f), pure=False)
                        else:
                            fut = client.submit(process_path, str(f), pure=False)
                        pending.append((f, fut))
                    f, fut = pending.popleft()
                    try:
                        out = fut.result()
                    except Exception as exc:  # the task itself failed (worker lost too often, ...)
                        writer.fail(str(f), None, type(exc).__name__, f"dask task failed: {exc}")
                    else:
                        writer.write(out)
                    fut.release()
                    bar.advance(f.name)
            finally:
                for _, fut in pending:
                    fut.cancel()
                bar.close()
    finally:
        conn.close()
        lock.__exit__(None, None, None)
        if own:
            client.close()
    if stats is not None:
        stats.update(writer.stats())
        stats.update({"wall_seconds": time.perf_counter() - t_start})
    return summary
