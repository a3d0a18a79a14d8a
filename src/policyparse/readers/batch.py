"""Read many files: a bad file becomes a ``failed`` record, never the end of the run.

>>> for r in read_many(["corpus/"]):           # doctest: +SKIP
...     print(r.path, r.status, r.error)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from policyparse.budget import memory_exhausted, over_memory
from policyparse.errors import PolicyParseError, ReadError, ResourceLimitError
from policyparse.model import Document
from policyparse.readers.sniff import EXTENSION_FORMATS, looks_like_document

# files that sit next to documents but are not documents (data, notes, manifests)
SKIP_EXTENSIONS = {
    ".yaml", ".yml", ".json", ".jsonl", ".md", ".rst", ".csv", ".tsv", ".gitkeep", ".gitignore",
    ".py", ".pyc", ".sqlite", ".db", ".log", ".toml", ".ini", ".cfg", ".xml", ".graphml", ".lock",
    ".png", ".jpg", ".jpeg", ".gif", ".svg", ".zip", ".gz", ".tar", ".xlsx", ".xls", ".pptx",
}  # fmt: skip


# documents policyparse cannot read: listed so a batch reports them (with what to do) instead of
# passing over them in silence
UNSUPPORTED_DOCUMENTS = {".doc", ".wps", ".rtf", ".odt", ".ofd", ".dot", ".docm"}


@dataclass(frozen=True)
class ReadResult:
    """The outcome of reading one file: ``status`` is "ok" (with ``document``) or "failed" (with
    ``error``, a typed :class:`PolicyParseError` naming the file and the reason)."""

    path: str
    status: str  # "ok" | "failed"
    document: Document | None = None
    error: PolicyParseError | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_dict(self) -> dict:
        d = {
            "path": self.path,
            "status": self.status,
            "format": self.document.format if self.document else None,
            "pages": self.document.pages if self.document else None,
            "error": type(self.error).__name__ if self.error else None,
            "reason": self.error.reason if self.error else None,
            "warnings": list(self.document.warnings) if self.document else [],
        }
        ocr = self.document.ocr_report() if self.document else None
        if ocr:  # OCR ran on this file: pages and seconds (keys added only then)
            d["ocr"] = ocr
        return d


def _is_candidate(path: Path) -> bool:
    name = path.name
    if name.startswith(".") or name.startswith("~$"):  # hidden files, Office lock files
        return False
    ext = path.suffix.lower()
    if ext in EXTENSION_FORMATS or ext in UNSUPPORTED_DOCUMENTS:
        return True
    if ext in SKIP_EXTENSIONS:
        return False
    return looks_like_document(path)


def expand_paths(paths: Iterable[str | Path], *, recursive: bool = True) -> Iterator[Path]:
    """Files to read: files as given; folders expanded (sorted, hidden entries skipped, only files
    with a document extension, including unsupported ones such as .doc that then fail with a
    reason, or whose bytes sniff as a document)."""
    for p in paths:
        p = Path(p)
        if not p.is_dir():
            yield p  # given explicitly: read it (a missing file becomes a failed record)
            continue
        if recursive:
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    fp = Path(root) / f
                    if _is_candidate(fp):
                        yield fp
        else:
            for fp in sorted(p.iterdir()):
                if fp.is_file() and _is_candidate(fp):
                    yield fp


def read_one(path: str | Path) -> ReadResult:
    """Read one file into a :class:`ReadResult` (never raises for a bad file)."""
    from policyparse.readers import read_document

    path = Path(path)
    try:
        doc = read_document(path)
    except PolicyParseError as e:
        if memory_exhausted(e) and not isinstance(e, ResourceLimitError):
            e = over_memory(path)  # a reader wrapped the MemoryError as a corrupt file
        return ReadResult(str(path), "failed", error=e)
    except FileNotFoundError:
        return ReadResult(str(path), "failed", error=ReadError(path, "no such file"))
    except IsADirectoryError:
        return ReadResult(str(path), "failed", error=ReadError(path, "is a directory"))
    except PermissionError:
        return ReadResult(str(path), "failed", error=ReadError(path, "permission denied"))
    except MemoryError:
        return ReadResult(str(path), "failed", error=over_memory(path))
    except Exception as e:  # a reader bug must not stop the batch: report it as a failure
        return ReadResult(
            str(path), "failed", error=ReadError(path, f"unexpected {type(e).__name__}: {e}")
        )
    return ReadResult(str(path), "ok", document=doc)


def read_many(paths: Iterable[str | Path], *, recursive: bool = True) -> Iterator[ReadResult]:
    """Read every file in ``paths`` (folders expanded), yielding one :class:`ReadResult` each."""
    for path in expand_paths(paths, recursive=recursive):
        yield read_one(path)
