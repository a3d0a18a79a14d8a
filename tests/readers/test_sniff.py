"""Format sniffing from bytes; the extension only breaks ties."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from policyparse.errors import EmptyFileError, UnsupportedFormatError
from policyparse.readers.sniff import extension_warning, looks_like_document, sniff_format

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


def _zip(names: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n, d in names.items():
            zf.writestr(n, d)
    return buf.getvalue()


@pytest.mark.parametrize("ext", ["pdf", "docx", "html", "txt"])
def test_corpus_files(ext):
    for p in sorted(CORPUS.glob(f"*.{ext}")):
        assert sniff_format(p, p.read_bytes()) == ext


def test_pdf_after_leading_junk():
    assert sniff_format(Path("a.bin"), b"\r\n\x00garbage header\n%PDF-1.4\n...") == "pdf"
    assert sniff_format(Path("a.pdf"), b"x" * 2000 + b"%PDF-1.4") != "pdf"  # beyond the first KB


def test_extension_does_not_decide():
    docx_bytes = (CORPUS / "003_1b4764571c7d463f.docx").read_bytes()
    assert sniff_format(Path("report.pdf"), docx_bytes) == "docx"
    assert extension_warning(Path("report.pdf"), "docx") == "extension .pdf but content is docx"
    assert extension_warning(Path("report.docx"), "docx") is None
    assert extension_warning(Path("README"), "txt") is None


def test_other_zips_rejected_with_what_they_are():
    with pytest.raises(UnsupportedFormatError) as e:
        sniff_format(Path("book.docx"), _zip({"xl/workbook.xml": b"<x/>", "[Content_Types].xml": b""}))
    assert "book.docx" in str(e.value) and "Excel" in str(e.value)
    with pytest.raises(UnsupportedFormatError, match="ZIP archive"):
        sniff_format(Path("a.zip"), _zip({"a.txt": b"hello"}))
    with pytest.raises(UnsupportedFormatError, match="PowerPoint"):
        sniff_format(Path("a.pptx"), _zip({"ppt/presentation.xml": b"<x/>"}))


def test_broken_word_zip_goes_to_docx_reader():
    data = (CORPUS / "003_1b4764571c7d463f.docx").read_bytes()[:3000]
    assert sniff_format(Path("x.docx"), data) == "docx"


def test_legacy_doc_rejected():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "WordDocument".encode("utf-16-le") + bytes(100)
    with pytest.raises(UnsupportedFormatError) as e:
        sniff_format(Path("old.doc"), ole)
    assert "old.doc" in str(e.value) and ".doc" in e.value.reason and "docx" in e.value.reason


def test_html_by_markup_including_gbk():
    page = "<!DOCTYPE html><html><head><meta charset='gbk'></head><body><p>关于印发方案的通知</p></body></html>"
    assert sniff_format(Path("a.txt"), page.encode("gb18030")) == "html"
    frag = "<div><p>正文</p><p>第二段</p><table><tr><td>1</td></tr></table></div>"
    assert sniff_format(Path("page"), frag.encode("gb18030")) == "html"
    assert sniff_format(Path("page.htm"), "<p>只有一段</p>".encode()) == "html"  # tie-breaker
    assert sniff_format(Path("note.txt"), "注意：<p>不是网页".encode()) == "txt"


def test_text_and_binary():
    assert sniff_format(Path("a.txt"), "关于推进国家创新型城市建设的意见".encode("gb18030")) == "txt"
    assert sniff_format(Path("a.txt"), "繁體中文".encode("big5")) == "txt"
    with pytest.raises(UnsupportedFormatError, match="binary"):
        sniff_format(Path("a.txt"), b"\x00\x01\x02\x03" * 100)
    with pytest.raises(UnsupportedFormatError, match="PNG"):
        sniff_format(Path("scan.pdf"), b"\x89PNG\r\n\x1a\n" + bytes(100))
    with pytest.raises(EmptyFileError):
        sniff_format(Path("e.txt"), b"  \n ")


def test_looks_like_document(tmp_path):
    (tmp_path / "noext").write_bytes(b"<!DOCTYPE html><html><body><p>x</p></body></html>")
    (tmp_path / "data.bin").write_bytes(b"\x00\x01")
    (tmp_path / "a.pdf").write_bytes(b"")
    assert looks_like_document(tmp_path / "noext")
    assert not looks_like_document(tmp_path / "data.bin")
    assert looks_like_document(tmp_path / "a.pdf")  # by extension; reading it reports the problem
