"""What every reader returns before assembly, and the reader signature."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from policyparse.model import RawBlock


@dataclass
class RawDocument:
    """A reader's output: blocks in reading order with their pages, no repair, no extraction."""

    path: str
    format: str
    blocks: list[RawBlock] = field(default_factory=list)
    pages: int = 1
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    # True when physical lines may break inside words/sentences (txt, pdf): the assembler then
    # joins lines and re-joins paragraphs split by page breaks; False for docx/html paragraphs.
    line_broken: bool = False
    # pages whose text was read by OCR (PDF pages without a usable text layer)
    ocr_pages: list[int] = field(default_factory=list)
    # pages of a text layer whose images were read by OCR (:func:`pdf_ocr.text_images`)
    ocr_image_pages: list[int] = field(default_factory=list)
    ocr_seconds: float = 0.0  # time spent rendering and OCR-ing (0 when OCR did not run)


class Reader(Protocol):
    def __call__(self, path: Path, data: bytes) -> RawDocument:  # pragma: no cover - protocol
        ...
