"""The embedded SQLite store: versioned schema, atomic per-document writer, readers, ``ingest``."""

from __future__ import annotations

from policyparse.store.ingest import DEFAULT_STORE, IngestSummary, expand_paths, ingest
from policyparse.store.reader import counts, iter_facts, load_facts, resolve_document
from policyparse.store.schema import SCHEMA_VERSION, connect
from policyparse.store.writer import record_failure, write_document

__all__ = [
    "DEFAULT_STORE", "SCHEMA_VERSION", "IngestSummary", "connect", "counts", "expand_paths", "ingest",
    "iter_facts", "load_facts", "record_failure", "resolve_document", "write_document",
]
