"""One reader per format behind one signature; the format is sniffed from the bytes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from policyparse.budget import active as active_budget
from policyparse.budget import set_stage, stage
from policyparse.errors import EmptyFileError, PolicyParseError, ReaderBugError
from policyparse.model import Document
from policyparse.readers.base import RawDocument, Reader
from policyparse.readers.files import read_file
from policyparse.readers.sniff import sniff_format

READER_MODULES = {
    "pdf": "policyparse.readers.pdf",
    "docx": "policyparse.readers.docx",
    "html": "policyparse.readers.html",
    "txt": "policyparse.readers.txt",
}


def reader_for(fmt: str) -> Reader:
    """The reader function of a format (modules are imported on first use)."""
    import importlib

    return importlib.import_module(READER_MODULES[fmt]).read_raw


def _read_bytes(path: Path) -> bytes:
    """The file's bytes: regular files only, and none bigger than an active memory budget."""
    budget = active_budget()
    return read_file(path, limit=budget.memory if budget is not None else None)


def read_raw(path: str | Path, data: bytes | None = None) -> RawDocument:
    """Read ``path`` (or its already-read ``data``) with the reader its bytes call for."""
    path = Path(path)
    if data is None:
        data = _read_bytes(path)
    if not data.strip():
        raise EmptyFileError(path, "the file is empty (zero bytes or whitespace only)")
    fmt = "format sniffer"
    try:
        fmt = sniff_format(path, data)
        set_stage(f"read ({fmt})")
        return reader_for(fmt)(path, data)
    except (PolicyParseError, MemoryError):
        raise
    except Exception as exc:  # a reader bug on an odd file: a typed error, not a traceback
        raise ReaderBugError(
            path, f"the {fmt} reader failed on this file: {type(exc).__name__}: {exc} "
            "(a policyparse bug: please report it with the file)") from exc


def read_document(path: str | Path) -> Document:
    """Read any supported file into the normalised :class:`Document` model.

    Only regular files are read (:func:`policyparse.readers.files.read_file`); under a
    :func:`policyparse.budget.guard` the stages are named for its errors."""
    from policyparse.assemble import assemble

    path = Path(path)
    with stage("read"):
        data = _read_bytes(path)  # read once: the reader and the content-hash id share the bytes
        raw = read_raw(path, data)
    with stage("assemble"):
        return assemble(raw, hashlib.sha256(data).hexdigest())


__all__ = ["RawDocument", "read_document", "read_raw", "sniff_format"]
