"""Ingest at scale: every core of one machine, or a Dask cluster; re-apply gazetteers in place.

* :func:`ingest_parallel` (``policyparse ingest --workers N``): worker processes read and
  extract (models loaded once per worker), one writer in the parent; same store as one process.
* :func:`ingest_dask` (``policyparse ingest --dask ADDRESS``): the same jobs as Dask futures on a
  ``dask.distributed`` cluster (optional extra ``policyparse[dask]``).
* :func:`renormalise` (``policyparse renormalise``): re-resolve stored department mentions and
  indicator ids with the current gazetteers, without re-reading files, in one transaction.
"""

from __future__ import annotations

from typing import Any

from policyparse.parallel.renormalise import RenormaliseSummary, renormalise
from policyparse.parallel.workers import ingest_parallel


def ingest_dask(*args: Any, **kwargs: Any):
    """See :func:`policyparse.parallel.dask_backend.ingest_dask` (needs ``policyparse[dask]``)."""
    from policyparse.parallel.dask_backend import ingest_dask as _ingest_dask

    return _ingest_dask(*args, **kwargs)


__all__ = ["RenormaliseSummary", "ingest_dask", "ingest_parallel", "renormalise"]
