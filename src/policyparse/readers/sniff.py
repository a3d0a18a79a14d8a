"""Decide a file's format from its bytes (the extension is only a tie-breaker)."""

from __future__ import annotations

from pathlib import Path


def sniff_format(path: Path, data: bytes) -> str:
    """Return "pdf", "docx", "html" or "txt". TEMPORARY minimal version; readers helper extends it."""
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return "docx"
    head = data[:2048].lower()
    if b"<html" in head or b"<!doctype html" in head:
        return "html"
    return "txt"
