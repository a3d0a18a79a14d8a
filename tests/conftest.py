"""Shared fixtures (store, graph and query tests): a store of hand-made facts and (once per session) a store of the real corpus."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "query"))

import pp_samples  # noqa: E402


@pytest.fixture
def sample_store(tmp_path):
    return pp_samples.sample_store(tmp_path / "sample.sqlite")


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory):
    store, summary = pp_samples.corpus_store(tmp_path_factory)
    return store


@pytest.fixture(scope="session")
def corpus_summary(tmp_path_factory):
    store, summary = pp_samples.corpus_store(tmp_path_factory)
    return summary
