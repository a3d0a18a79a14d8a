"""Bad input: each gets a typed error naming the file and the reason (or, for a mislabelled file,
the right reader)."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyparse.errors import (
    CorruptFileError,
    EmptyFileError,
    EncodingError,
    EncryptedFileError,
    NoTextLayerError,
    ReadError,
    UnsupportedFormatError,
)
from policyparse.readers import pdf_ocr, read_document, read_raw

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "fixtures" / "bad"


@pytest.fixture(autouse=True)
def _no_ocr(monkeypatch):
    """These are the refusals of a reader without OCR (the ``ocr`` extra reads scanned.pdf:
    tests/readers/test_pdf_ocr.py)."""
    monkeypatch.setenv("POLICYPARSE_OCR", "0")

CASES = [
    ("corrupt.pdf", CorruptFileError, "not a readable PDF"),
    ("encrypted.pdf", EncryptedFileError, "password"),
    ("empty.pdf", EmptyFileError, "empty"),
    ("scanned.pdf", NoTextLayerError, "OCR it first"),
    ("undecodable.txt", (UnsupportedFormatError, EncodingError), ""),
]


@pytest.mark.parametrize(("name", "error", "reason"), CASES)
def test_typed_error_names_file(name, error, reason):
    path = BAD / name
    with pytest.raises(error) as e:
        read_raw(path)
    assert isinstance(e.value, ReadError)
    assert e.value.path == str(path) and str(path) in str(e.value)
    assert reason in e.value.reason


@pytest.mark.parametrize(("name", "error", "reason"), CASES)
def test_full_pipeline_raises_the_same(name, error, reason):
    with pytest.raises(error):
        read_document(BAD / name)


def test_scanned_pdf_message(monkeypatch):
    with pytest.raises(NoTextLayerError) as e:
        read_raw(BAD / "scanned.pdf")
    assert e.value.reason.startswith("image-only (scanned) PDF: 1 pages, no text layer")
    monkeypatch.setattr(pdf_ocr, "installed", lambda: False)  # without the extra: say how to get it
    with pytest.raises(NoTextLayerError) as e:
        read_raw(BAD / "scanned.pdf")
    assert 'pip install -e ".[ocr]" would read it with OCR' in e.value.reason


def test_pdf_that_is_really_docx():
    raw = read_raw(BAD / "really_docx.pdf")
    assert raw.format == "docx"
    assert "extension .pdf but content is docx" in raw.warnings
    doc = read_document(BAD / "really_docx.pdf")
    assert doc.format == "docx" and doc.text.strip()
    assert "extension .pdf but content is docx" in doc.warnings


def test_zero_byte_any_extension(tmp_path):
    for name in ["a.docx", "b.html", "c.txt", "d"]:
        (tmp_path / name).write_bytes(b"")
        with pytest.raises(EmptyFileError) as e:
            read_raw(tmp_path / name)
        assert name in str(e.value)


def test_truncated_pdf(tmp_path):
    data = (ROOT / "corpus" / "003_1b4764571c7d463f.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(ReadError) as e:  # corrupt, or (if pdfminer recovers pages) fewer pages
        raw = read_raw(path)
        assert raw.pages >= 1
        raise CorruptFileError(path, "recovered")
    assert "cut.pdf" in str(e.value)


def test_blank_pdf_without_text(tmp_path, helpers):
    path = helpers.write_pdf(tmp_path / "blank.pdf", [[], []])
    with pytest.raises(NoTextLayerError) as e:
        read_raw(path)
    assert "2 pages" in e.value.reason


def test_200_page_pdf(tmp_path, helpers):
    """A long PDF is streamed page by page and every page is accounted for."""
    pages = [[(72, 400, f"Section {n} of the long report.")] for n in range(1, 201)]
    path = helpers.write_pdf(tmp_path / "long.pdf", pages)
    raw = read_raw(path)
    assert raw.pages == 200
    lines = [(b.page, ln) for b in raw.blocks for ln in b.lines]
    assert len(lines) == 200
    assert lines[0] == (1, "Section 1 of the long report.")
    assert lines[-1] == (200, "Section 200 of the long report.")


def test_owner_password_only_pdf_reads_with_warning(tmp_path):
    """Government PDFs often carry only an owner password (copy/print restrictions): readable."""
    import pypdf

    writer = pypdf.PdfWriter(clone_from=ROOT / "tests" / "fixtures" / "pdf" / "table-across-pages.pdf")
    writer.encrypt(user_password="", owner_password="owner-secret", algorithm="AES-128")
    path = tmp_path / "restricted.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    raw = read_raw(path)
    assert raw.pages == 2 and any(b.is_table for b in raw.blocks)
    assert any("encrypted" in w for w in raw.warnings)
