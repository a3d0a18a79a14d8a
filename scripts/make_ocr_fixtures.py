"""Make the OCR fixture: a page of a corpus PDF wrapped as an image-only scan.

* ``tests/fixtures/pdf/ocr-scanned-page1.pdf`` (committed): page 1 of
  ``corpus/000_66384f2078c7182b.pdf`` (title, status, the overall goals: 4 targets) rendered with
  pypdfium2 at 2x (144 dpi), grayscale, JPEG quality 50 (scan-like artefacts, and the file stays
  under the 200 kB fixture limit), wrapped as an image-only PDF of the same page size (Pillow):
  no text layer at all;
* its reference, the same page copied with its text layer (``make_text_page``), is made by the
  tests in a temporary folder (embedded fonts make it too big to commit).

Usage: ``python scripts/make_ocr_fixtures.py``
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "corpus" / "000_66384f2078c7182b.pdf"
OUT = ROOT / "tests" / "fixtures" / "pdf"
SCANNED_PAGE = OUT / "ocr-scanned-page1.pdf"
SCALE = 2.0


def make_text_page(src: Path, dst: Path, index: int = 0) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(src))
    new = pdfium.PdfDocument.new()
    new.import_pages(pdf, [index])
    new.save(str(dst))


def make_scanned_page(src: Path, dst: Path, index: int = 0, scale: float = SCALE) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(src))
    page = pdf[index]
    img = page.render(scale=scale).to_pil().convert("L")
    # resolution = 72 * scale: the image fills a page of the original size in points
    img.save(str(dst), "PDF", resolution=72 * scale, quality=50)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    make_scanned_page(SOURCE, SCANNED_PAGE)
    print(SCANNED_PAGE.relative_to(ROOT), SCANNED_PAGE.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
