"""Inputs that go over a document budget, made at test time (issue 14)."""

from __future__ import annotations

import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


def zip_bomb_docx(path: Path, megabytes: int = 96) -> Path:
    """A real corpus DOCX whose document.xml holds ``megabytes`` MB of spaces in one run (it
    compresses to ~100 KB per 100 MB); written in chunks, so making it needs little memory."""
    src = sorted(CORPUS.glob("*.docx"))[0]
    chunk = b" " * (1024 * 1024)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename != "word/document.xml":
                zout.writestr(item.filename, data)
                continue
            i = data.index(b"<w:body>") + len(b"<w:body>")
            with zout.open(item.filename, "w", force_zip64=True) as fh:
                fh.write(data[:i] + b"<w:p><w:r><w:t>")
                for _ in range(megabytes):
                    fh.write(chunk)
                fh.write(b"</w:t></w:r></w:p>" + data[i:])
    return path


def slow_pdf(path: Path, pages: int = 200) -> Path:
    """A 200-page text PDF (made in well under a second; reading it takes about 10 s on the
    2-core VM, 10-20x a corpus document): any budget of a few seconds stops it."""
    from script_modules import load_script

    return load_script("make_bad_fixtures").make_long_pdf(path, pages=pages)
