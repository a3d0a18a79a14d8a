"""Decide a file's format from its bytes (the extension is only a tie-breaker).

``sniff_format(path, data)`` returns ``"pdf"``, ``"docx"``, ``"html"`` or ``"txt"``, or raises a
typed :class:`~policyparse.errors.ReadError` naming the file and what it is:

- ``%PDF-`` within the first KB (some generators put junk before the header) -> pdf;
- a ZIP holding ``word/document.xml`` -> docx; other ZIPs (xlsx, pptx, odt, plain archives) and
  legacy OLE2 files (``.doc``/``.xls``/``.ppt``) -> :class:`UnsupportedFormatError`; a broken ZIP
  that looks like a DOCX (or is named ``.docx``) -> docx, so the DOCX reader reports it as corrupt;
- HTML by markup (tag names are ASCII, so this works for GBK/GB18030 pages too);
- binary data (images, archives, NUL/control bytes) -> :class:`UnsupportedFormatError`;
- anything else -> txt (the TXT reader decides the encoding and raises ``EncodingError``).

``extension_warning(path, fmt)`` gives the warning readers record when the extension disagrees
with the content ("extension .pdf but content is docx").
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from policyparse.errors import EmptyFileError, UnsupportedFormatError

# extension -> the format it claims
EXTENSION_FORMATS: dict[str, str] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".txt": "txt",
    ".text": "txt",
}

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# magic bytes of common binary formats that are not documents we read
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", None),  # checked separately (too short to trust alone)
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"{\\rtf", "an RTF document (save it as .docx)"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"MZ", None),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"AT&TFORM", "a DjVu document"),
    (b"%!PS", "a PostScript file"),
)

_STRONG_HTML = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<frameset[\s>]")
_WEAK_HTML = re.compile(
    rb"<(?:meta|title|div|p|span|table|tr|td|br|a|script|style|link|ul|li|h[1-6]|font|center)[\s>/]"
)


def _describe_zip(names: set[str], data: bytes) -> str:
    if "xl/workbook.xml" in names:
        return "an Excel workbook (.xlsx), not a document policyparse reads"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint presentation (.pptx), not a document policyparse reads"
    if "mimetype" in names or b"application/vnd.oasis.opendocument" in data[:200]:
        return "an OpenDocument file (.odt/.ods); save it as .docx"
    if any(n.lower().endswith(".ofd") or n == "OFD.xml" for n in names):
        return "an OFD document; export it as PDF"
    return f"a ZIP archive ({len(names)} entries) that is not a Word document"


def _sniff_zip(path: Path, data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError, EOFError):  # zipfile on damaged
        # central directories also raises NotImplementedError ("zip file version 20.2") and EOFError
        # Broken archive: if it looks like a Word file let the DOCX reader call it corrupt.
        if b"word/" in data or b"[Content_Types].xml" in data or path.suffix.lower() == ".docx":
            return "docx"
        raise UnsupportedFormatError(path, "a broken ZIP archive, not a document") from None
    if "word/document.xml" in names:
        return "docx"
    raise UnsupportedFormatError(path, _describe_zip(names, data))


def _describe_ole(data: bytes) -> str:
    utf16 = data.replace(b"\x00", b"")
    if b"WordDocument" in utf16:
        return "a legacy Word 97-2003 document (.doc, OLE2); save it as .docx"
    if b"Workbook" in utf16 or b"Book" in utf16[:4096]:
        return "a legacy Excel workbook (.xls, OLE2), not a document policyparse reads"
    if b"PowerPoint Document" in utf16:
        return "a legacy PowerPoint file (.ppt, OLE2), not a document policyparse reads"
    if b"EncryptedPackage" in utf16:
        return "an encrypted Office file (OLE2 container); remove the password and save it as .docx"
    return "a legacy OLE2 compound file (.doc/.xls/.ppt); save it as .docx"


def _binary_reason(head: bytes) -> str | None:
    """Why ``head`` looks like binary data rather than text, or None."""
    for magic, what in _BINARY_MAGIC:
        if what and head.startswith(magic):
            return what
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):  # UTF-16/32 with BOM: text
        return None
    if head.startswith((b"\xef\xbb\xbf",)):
        head = head[3:]
    nul = head.count(b"\x00")
    if nul:
        # UTF-16 without BOM has NULs in every other position of ASCII runs; leave it to the
        # TXT reader when the NULs line up that way.
        even = head[0::2].count(b"\x00")
        odd = head[1::2].count(b"\x00")
        if not (nul >= max(2, len(head) // 200) and min(even, odd) * 4 <= max(even, odd)):
            return f"binary data ({nul} NUL bytes in the first {len(head)} bytes), not a text document"
        # NULs on one side: UTF-16 without a mark if it decodes to plausible text (its code units
        # hold control bytes too, so the control-byte test below does not apply)
        from policyparse.readers.encoding import plausible

        enc = "utf-16-le" if odd >= even else "utf-16-be"
        if plausible(head[: len(head) // 2 * 2].decode(enc, errors="replace")):
            return None
        return f"binary data ({nul} NUL bytes in the first {len(head)} bytes), not a text document"
    controls = sum(1 for b in head if b < 0x20 and b not in (0x09, 0x0A, 0x0D, 0x0C, 0x1B, 0x00))
    if head and controls / len(head) > 0.05:
        return f"binary data ({controls} control bytes in the first {len(head)} bytes), not a text document"
    return None


def _looks_html(path: Path, head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            head = head.decode("utf-16").encode("utf-8", "replace")
        except UnicodeDecodeError:
            return False
    low = head.lower()
    if _STRONG_HTML.search(low):
        return True
    stripped = low.lstrip(b"\xef\xbb\xbf \t\r\n")
    weak = len(_WEAK_HTML.findall(low))
    if EXTENSION_FORMATS.get(path.suffix.lower()) == "html":
        return weak >= 1 or stripped.startswith(b"<")
    # no .html extension: need markup from the start and several tags
    return stripped.startswith(b"<") and weak >= 3


def sniff_format(path: str | Path, data: bytes) -> str:
    """Return ``"pdf"``, ``"docx"``, ``"html"`` or ``"txt"`` for ``data`` (the bytes of ``path``).

    >>> sniff_format(Path("a.txt"), b"%PDF-1.7 ...")
    'pdf'
    """
    path = Path(path)
    if not data.strip():
        raise EmptyFileError(path, "the file is empty (zero bytes or whitespace only)")
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"):
        return _sniff_zip(path, data)
    if data[:8] == _OLE_MAGIC:
        raise UnsupportedFormatError(path, _describe_ole(data))
    if data[:2] == b"BM" and len(data) > 26 and data[6:10] == b"\x00\x00\x00\x00":
        raise UnsupportedFormatError(path, "a BMP image")
    if data[:2] == b"MZ" and b"This program cannot be run in DOS mode" in data[:512]:
        raise UnsupportedFormatError(path, "a Windows executable")
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        raise UnsupportedFormatError(path, "a RIFF media file (image/audio/video)")
    big_head = data[:8192]
    if _looks_html(path, big_head):
        return "html"
    reason = _binary_reason(big_head)
    if reason:
        raise UnsupportedFormatError(path, reason)
    return "txt"


def extension_warning(path: str | Path, fmt: str) -> str | None:
    """The warning to record when ``path``'s extension claims another format than ``fmt``."""
    ext = Path(path).suffix.lower()
    claimed = EXTENSION_FORMATS.get(ext)
    if claimed and claimed != fmt:
        return f"extension {ext} but content is {fmt}"
    return None


def looks_like_document(path: str | Path) -> bool:
    """True if ``path`` has a document extension or its first bytes sniff as a document format.

    Used by batch reading to pick files out of a folder; never raises.
    """
    path = Path(path)
    if path.suffix.lower() in EXTENSION_FORMATS:
        return True
    from policyparse.errors import ReadError
    from policyparse.readers.files import read_file

    try:
        head = read_file(path, head=8192)  # regular files only: opening a FIFO would block
    except ReadError:
        return False
    if not head.strip():
        return False
    if b"%PDF-" in head[:1024]:
        return True
    if head[:4] == b"PK\x03\x04":
        return b"word/" in head or b"[Content_Types].xml" in head
    return _looks_html(path, head)
