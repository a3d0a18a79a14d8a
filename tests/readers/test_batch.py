"""Batch reading: a bad file becomes a failed record and the run goes on."""

from __future__ import annotations

import shutil
from pathlib import Path

from policyparse.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    ReadError,
    UnsupportedFormatError,
)
from policyparse.readers.batch import expand_paths, read_many, read_one

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
BAD = ROOT / "tests" / "fixtures" / "bad"


def _folder(tmp_path: Path) -> Path:
    d = tmp_path / "inbox"
    (d / "sub").mkdir(parents=True)
    shutil.copy(CORPUS / "003_1b4764571c7d463f.docx", d / "a.docx")
    shutil.copy(BAD / "corrupt.pdf", d / "b_corrupt.pdf")
    shutil.copy(CORPUS / "002_101a49cb13188322.html", d / "c.html")
    shutil.copy(BAD / "empty.pdf", d / "d_empty.pdf")
    shutil.copy(BAD / "encrypted.pdf", d / "sub" / "e_encrypted.pdf")
    shutil.copy(CORPUS / "003_1b4764571c7d463f.txt", d / "sub" / "f.txt")
    shutil.copy(CORPUS / "004_53cef2a0b11e33d7.html", d / "sub" / "g_page_without_extension")
    # not documents: skipped
    (d / "metadata.yaml").write_text("a: 1\n", encoding="utf-8")
    (d / "notes.md").write_text("# notes\n", encoding="utf-8")
    (d / "table.csv").write_text("a,b\n", encoding="utf-8")
    (d / "x.json").write_text("{}", encoding="utf-8")
    (d / ".gitkeep").write_text("", encoding="utf-8")
    (d / ".hidden.txt").write_text("secret", encoding="utf-8")
    (d / "blob").write_bytes(b"\x00\x01\x02binary")
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "WordDocument".encode("utf-16-le")
    (d / "sub" / "h_old.doc").write_bytes(ole)
    return d


def test_folder_goes_on_after_bad_files(tmp_path):
    d = _folder(tmp_path)
    results = list(read_many([d]))
    names = [Path(r.path).name for r in results]
    assert names == ["a.docx", "b_corrupt.pdf", "c.html", "d_empty.pdf", "e_encrypted.pdf", "f.txt",
                     "g_page_without_extension", "h_old.doc"]  # fmt: skip
    status = {Path(r.path).name: r for r in results}
    assert [n for n, r in status.items() if r.ok] == ["a.docx", "c.html", "f.txt", "g_page_without_extension"]
    assert isinstance(status["b_corrupt.pdf"].error, CorruptFileError)
    assert isinstance(status["d_empty.pdf"].error, EmptyFileError)
    assert isinstance(status["e_encrypted.pdf"].error, EncryptedFileError)
    assert isinstance(status["h_old.doc"].error, UnsupportedFormatError)
    assert "Word 97-2003" in status["h_old.doc"].error.reason
    for r in results:
        if r.ok:
            assert r.document is not None and r.error is None and r.document.text
        else:
            assert r.document is None and r.path in str(r.error)
    assert status["g_page_without_extension"].document.format == "html"
    rec = status["b_corrupt.pdf"].to_dict()
    assert rec["status"] == "failed" and rec["error"] == "CorruptFileError" and rec["reason"]


def test_not_recursive(tmp_path):
    d = _folder(tmp_path)
    names = [p.name for p in expand_paths([d], recursive=False)]
    assert names == ["a.docx", "b_corrupt.pdf", "c.html", "d_empty.pdf"]


def test_explicit_files_and_missing(tmp_path):
    missing = tmp_path / "nope.pdf"
    results = list(read_many([BAD / "empty.pdf", missing, CORPUS / "003_1b4764571c7d463f.txt"]))
    assert [r.status for r in results] == ["failed", "failed", "ok"]
    assert isinstance(results[1].error, ReadError) and "nope.pdf" in str(results[1].error)


def test_reader_bug_becomes_failed_record(monkeypatch, tmp_path):
    import policyparse.readers as readers

    def boom(path):
        raise RuntimeError("reader bug")

    monkeypatch.setattr(readers, "read_document", boom)
    r = read_one(CORPUS / "003_1b4764571c7d463f.txt")
    assert r.status == "failed" and "RuntimeError" in r.error.reason
