"""One error root with a family per layer. Every error names the file (and line/offset when known)."""

from __future__ import annotations


class PolicyParseError(Exception):
    """Root of all policyparse errors."""

    def __init__(self, path: str | None, reason: str):
        self.path = str(path) if path is not None else None
        self.reason = reason
        super().__init__(f"{self.path}: {reason}" if self.path else reason)


# ----------------------------------------------------------------------------- reading


class ReadError(PolicyParseError):
    """A file could not be read into a Document."""


class EmptyFileError(ReadError):
    """Zero bytes, or no text at all after reading."""


class CorruptFileError(ReadError):
    """The bytes are not a valid file of the sniffed format."""


class EncryptedFileError(ReadError):
    """The file is password-protected."""


class NoTextLayerError(ReadError):
    """A PDF whose pages are images only (scanned), with no text layer to read."""


class UnsupportedFormatError(ReadError):
    """The bytes are none of the formats policyparse reads."""


class EncodingError(ReadError):
    """A text file whose encoding cannot be determined with confidence."""


class UndecodableGlyphsError(ReadError):
    """A PDF whose fonts give (cid:N) placeholders instead of characters."""


class ReaderBugError(ReadError):
    """A reader failed with an unexpected exception (not a typed error): a policyparse bug on an
    unusual file. Raised instead of the bare traceback; please report it with the file."""


class NotRegularFileError(ReadError):
    """A FIFO, socket, device or directory where a document file was expected (only regular
    files are read: opening a FIFO would block, a device may never end)."""


# ----------------------------------------------------------------------------- budgets


class BudgetExceededError(PolicyParseError):
    """A document went over its time or memory budget (:mod:`policyparse.budget`); ``stage`` is
    the stage it was in ("read", "read page 3", "assemble", "extract")."""

    def __init__(self, path: str | None, reason: str, *, stage: str | None = None, limit: float | None = None):
        self.stage = stage
        self.limit = limit
        super().__init__(path, reason)

    def __reduce__(self):  # picklable across worker processes with its keyword fields
        return (_rebuild_budget_error, (type(self), self.path, self.reason, self.stage, self.limit))


def _rebuild_budget_error(cls, path, reason, stage, limit):
    return cls(path, reason, stage=stage, limit=limit)


class DocumentTimeoutError(BudgetExceededError):
    """Reading or extracting one document took longer than its time budget."""


class ResourceLimitError(BudgetExceededError):
    """Reading or extracting one document needed more memory than its memory budget."""


# ----------------------------------------------------------------------------- data files


class GazetteerError(PolicyParseError):
    """A gazetteer data file is invalid (names file and line)."""


# ----------------------------------------------------------------------------- store


class StoreError(PolicyParseError):
    """The store could not be opened, migrated or written."""


class QueryError(PolicyParseError):
    """A query could not be answered (e.g. an ambiguous or unknown indicator)."""


# ----------------------------------------------------------------------------- outputs


class ExportError(PolicyParseError):
    """An export could not be written (unknown format, a file where a folder is needed, a missing
    optional writer such as pyarrow)."""
