"""Make the OCR fixture: a page of a corpus PDF wrapped as an image-only scan.

* ``tests/fixtures/pdf/ocr-scanned-page1.pdf`` (committed): page 1 of
  ``corpus/000_66384f2078c7182b.pdf`` (title, status, the overall goals: 4 targets) rendered with
  pypdfium2 at 2x (144 dpi), grayscale, JPEG quality 50 (scan-like artefacts, and the file stays
  under the 200 kB fixture limit), wrapped as an image-only PDF of the same page size (Pillow):
  no text layer at all;
* its reference, the same page copied with its text layer (``make_text_page``), is made by the
  tests in a temporary folder (embedded fonts make it too big to commit);
* ``tests/fixtures/pdf/ocr-table-image-page4.pdf`` (committed), a text page with a table pasted
  as an image (``make_table_image_page``): page 4 of ``corpus/004_53cef2a0b11e33d7.pdf`` (the
  7-indicator target table) copied with its text layer (pypdf), the table's text and rules
  removed from the content stream (drawn inside the table's bbox, found by pdfplumber) and that
  region, rendered at 2x (pypdfium2), grayscale JPEG q75, put back as one image object: the rest of the page keeps its text
  layer, the table exists only as pixels. ``--borderless`` also erases the table's rules from the
  image (OpenCV), so its grid must come from the alignment of the OCR boxes. The committed
  fixture has its embedded font programs removed (``strip_fonts``: 409 kB -> about 72 kB, under
  the 200 kB fixture limit); every font keeps its ToUnicode map and widths, so pdfplumber reads
  exactly the same text layer (the tests check it against the corpus page), only pdfium renders
  the text outside the image with substitute fonts.

Usage: ``python scripts/make_ocr_fixtures.py`` (both committed fixtures)
       ``python scripts/make_ocr_fixtures.py --table-image OUT.pdf [--borderless] [--strip-fonts]``
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "corpus" / "000_66384f2078c7182b.pdf"
OUT = ROOT / "tests" / "fixtures" / "pdf"
SCANNED_PAGE = OUT / "ocr-scanned-page1.pdf"
SCALE = 2.0
TABLE_SOURCE = ROOT / "corpus" / "004_53cef2a0b11e33d7.pdf"
TABLE_PAGE = 3  # 0-based: page 4, the target table
TABLE_IMAGE_PAGE = OUT / "ocr-table-image-page4.pdf"


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


def _erase_rules(img):
    """The image without its long horizontal and vertical rules (morphological opening)."""
    import cv2
    import numpy as np

    a = np.asarray(img).copy()
    bw = (a < 160).astype(np.uint8) * 255
    h, w = bw.shape
    hor = cv2.morphologyEx(bw, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(w // 25, 10), 1)))
    ver = cv2.morphologyEx(bw, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(h // 10, 10))))
    mask = cv2.dilate(hor | ver, np.ones((3, 3), np.uint8)) > 0
    a[mask] = 255
    from PIL import Image

    return Image.fromarray(a)


def _drop_region(ops: list, low: float, high: float) -> list:
    """Content-stream operations without the innermost ``q ... Q`` groups that draw text or paths
    at a height between ``low`` and ``high`` (PDF points, bottom-left origin): the table's cell text
    and rules (LibreOffice writes each text run and each rule in its own ``q ... Q``)."""
    out: list = []
    stack: list[list] = []
    for operands, op in ops:
        if op == b"q":
            stack.append([(operands, op)])
            continue
        if op == b"Q" and stack:
            group = stack.pop()
            group.append((operands, op))
            leaf = all(o != b"q" for _, o in group[1:-1])
            ys = [float(a[1]) for a, o in group if o in (b"Td", b"m", b"l") and len(a) >= 2]
            ys += [float(a[5]) for a, o in group if o == b"Tm" and len(a) == 6]
            if leaf and ys and all(low <= y <= high for y in ys):
                continue  # drawn inside the table: dropped
            (stack[-1] if stack else out).extend(group)
            continue
        (stack[-1] if stack else out).append((operands, op))
    for group in stack:
        out.extend(group)
    return out


def make_table_image_page(
    dst: Path, src: Path = TABLE_SOURCE, index: int = TABLE_PAGE, scale: float = SCALE, *, borderless: bool = False,
    strip_fonts: bool = False,
) -> tuple[float, float, float, float]:
    """Page ``index`` of ``src`` with its (first) ruled table replaced by an image of it; returns
    the image's bbox (x0, top, x1, bottom) in PDF points, top-left origin.

    The page is copied with pypdf (fonts untouched, so the text layer stays exactly as it was), its
    content stream filtered by :func:`_drop_region`, and the JPEG added as an image XObject."""
    import io

    import pdfplumber
    import pypdfium2 as pdfium
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ContentStream, DecodedStreamObject, NameObject, NumberObject, StreamObject

    with pdfplumber.open(str(src)) as plumber:
        page = plumber.pages[index]
        x0, top, x1, bottom = page.find_tables()[0].bbox
        height, width = float(page.height), float(page.width)
    pad = 2.0  # points around the table, so the outer rules are inside the image
    x0, top, x1, bottom = x0 - pad, top - pad, x1 + pad, bottom + pad
    pdf = pdfium.PdfDocument(str(src))
    # pdfium: bottom-left origin; crop = (left, bottom, right, top) margins cut off
    img = pdf[index].render(scale=scale, crop=(x0, height - bottom, width - x1, top)).to_pil().convert("L")
    if borderless:
        img = _erase_rules(img)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=75)

    reader = PdfReader(str(src))
    writer = PdfWriter()
    writer.add_page(reader.pages[index])
    out_page = writer.pages[0]
    content = ContentStream(out_page.get_contents(), writer)
    content.operations = _drop_region(content.operations, height - bottom, height - top)
    image = StreamObject()
    image.set_data(buf.getvalue())
    image.update({
        NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
        NameObject("/Width"): NumberObject(img.width), NameObject("/Height"): NumberObject(img.height),
        NameObject("/ColorSpace"): NameObject("/DeviceGray"), NameObject("/BitsPerComponent"): NumberObject(8),
        NameObject("/Filter"): NameObject("/DCTDecode"),
    })
    resources = out_page["/Resources"]
    xobjects = resources.get("/XObject")
    if xobjects is None:
        from pypdf.generic import DictionaryObject

        xobjects = DictionaryObject()
        resources[NameObject("/XObject")] = xobjects
    xobjects = xobjects.get_object()
    xobjects[NameObject("/TableImage")] = writer._add_object(image)
    draw = DecodedStreamObject()
    draw.set_data(
        content.get_data()
        + f"\nq {x1 - x0:.2f} 0 0 {bottom - top:.2f} {x0:.2f} {height - bottom:.2f} cm /TableImage Do Q\n".encode()
    )
    out_page[NameObject("/Contents")] = writer._add_object(draw)
    if strip_fonts:
        _strip_font_programs(writer)
    with open(dst, "wb") as f:
        writer.write(f)
    return (x0, top, x1, bottom)


def _strip_font_programs(writer) -> None:
    """Drop the embedded font programs (FontFile, FontFile2, FontFile3) of every page's fonts; their
    ToUnicode maps and widths stay, so the text layer reads the same."""
    for page in writer.pages:
        fonts = page["/Resources"].get("/Font")
        if fonts is None:
            continue
        for ref in fonts.get_object().values():
            font = ref.get_object()
            desc = font.get("/DescendantFonts")
            holder = desc.get_object()[0].get_object() if desc else font
            fd = holder.get("/FontDescriptor")
            if fd is None:
                continue
            fd = fd.get_object()
            for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                if key in fd:
                    del fd[key]
        page.compress_content_streams()
    writer.compress_identical_objects(remove_unreferenced=True)


def main(argv: list[str] | None = None) -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--table-image", type=Path, help="write the text page with its table as an image here")
    ap.add_argument("--borderless", action="store_true", help="erase the table's rules from the image")
    ap.add_argument("--strip-fonts", action="store_true", help="drop the embedded font programs (smaller file)")
    args = ap.parse_args(argv)
    if args.table_image:
        bbox = make_table_image_page(args.table_image, borderless=args.borderless, strip_fonts=args.strip_fonts)
        print(args.table_image, args.table_image.stat().st_size, "bytes; table image at", [round(v, 1) for v in bbox])
        return
    OUT.mkdir(parents=True, exist_ok=True)
    make_scanned_page(SOURCE, SCANNED_PAGE)
    print(SCANNED_PAGE.relative_to(ROOT), SCANNED_PAGE.stat().st_size, "bytes")
    bbox = make_table_image_page(TABLE_IMAGE_PAGE, strip_fonts=True)
    print(TABLE_IMAGE_PAGE.relative_to(ROOT), TABLE_IMAGE_PAGE.stat().st_size, "bytes; table image at",
          [round(v, 1) for v in bbox])


if __name__ == "__main__":
    main()
