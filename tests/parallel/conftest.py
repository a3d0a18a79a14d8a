"""Fixtures: the corpus ingested once by the single-process ingest (the reference store)."""

from __future__ import annotations

from pathlib import Path

import pytest
from parallel_helpers import SEED_FILES


@pytest.fixture(scope="session")
def single_store(tmp_path_factory) -> Path:
    from policyparse.parallel import ingest_parallel

    store = tmp_path_factory.mktemp("single") / "single.sqlite"
    summary = ingest_parallel(SEED_FILES, store, workers=1)  # the single-process ingest
    assert summary.documents == 20 and not summary.failures
    return store
