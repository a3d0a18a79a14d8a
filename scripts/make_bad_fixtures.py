"""Make the small, committed test fixtures for the readers.

``tests/fixtures/bad/``: inputs every reader must reject with a typed error naming the file (or
decode correctly, for the encodings):

* ``corrupt.pdf``: a real PDF from the corpus, truncated and with bytes garbled;
* ``encrypted.pdf``: a real CJK PDF encrypted with a user password (pypdf);
* ``empty.pdf``: zero bytes;
* ``scanned.pdf``: one image-only page (a rendered policy page), no text layer;
* ``really_docx.pdf``: a small DOCX file with a .pdf name;
* ``undecodable.txt``: binary bytes (NULs, C0 controls, invalid UTF-8 sequences), no text in any encoding;
* ``gbk.txt``: a seed excerpt encoded in GB18030;
* ``big5_traditional.txt``: a seed passage converted to traditional characters (OpenCC s2tw), Big5;
* ``pdf-*-reference*.pdf``, ``pdf-length-is-own-stream.pdf`` (+ ``loop-control.pdf``, the clean PDF
  they are made from): object references that loop (issue 14; pdfminer followed them for ever);
* ``utf16-*.txt``, ``utf32-*.txt``, ``utf8-bom-*.txt``, ``mixed-utf8-gb18030.txt``: truncated
  UTF-16/32, byte-order marks that disagree with the bytes, mixed encodings (issue 14);
* ``docx-zip-version-20.2.docx``, ``html-control-character.html``, ``html-invalid-tag-name.html``,
  ``utf8-three-bad-bytes.txt``: one per distinct failure found by ``tests/test_fuzz.py``.

``tests/fixtures/pdf/table-across-pages.pdf`` (+ its source ``tests/fixtures/docx/table-across-pages.docx``
and the expected cells in ``tests/fixtures/pdf/table-across-pages.json``): a LibreOffice-exported PDF
with one ruled table whose rows continue onto the next page, cells wrapping over several lines.

``tests/fixtures/docx/auto-numbering.docx`` (+ ``auto-numbering.json``): headings numbered by Word's
automatic numbering (numPr -> a chineseCounting numbering definition "一、" / "（一）" and a decimal
"1." level), so the numbers are NOT in the paragraph text, plus a table with horizontally and
vertically merged cells.

``make_long_pdf(path, pages=200)``: a 200-page CJK text PDF (reportlab CID font STSong-Light) with
a ruled table on every tenth page, generated on demand by tests (too big to commit).

Usage: ``python scripts/make_bad_fixtures.py`` (all; needs LibreOffice) or
``python scripts/make_bad_fixtures.py --reliability`` (only the issue-14 fixtures)
"""

from __future__ import annotations

import io
import json
import random
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
FIX = ROOT / "tests" / "fixtures"
BAD = FIX / "bad"
PDF_DIR = FIX / "pdf"
DOCX_DIR = FIX / "docx"

SEED_003 = CORPUS / "003_1b4764571c7d463f.txt"
SEED_000 = CORPUS / "000_66384f2078c7182b.txt"

GBK_EXCERPT_LINES = (0, 1, 3, 4, 5)  # lines of seed 000 (title, 讨论稿, preamble, 一、, first paragraph)
BIG5_PASSAGE = (
    "为深入实施创新驱动发展战略,加快推进国家创新型城市建设,根据《山东省人民政府关于深化创新型省份"
    "建设若干措施的通知》(鲁政字〔2019〕142号)要求,结合我市实际,制定本实施意见。"
)
ENCRYPTED_USER_PASSWORD = "policyparse"


# --------------------------------------------------------------------------- helpers


def _cjk_canvas_pdf(lines: list[str], *, title: str = "测试文件") -> bytes:
    """A one-page text PDF with CJK text (reportlab CID font, not embedded)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(title)
    w, h = A4
    c.setFont("STSong-Light", 18)
    c.drawCentredString(w / 2, h - 90, title)
    c.setFont("STSong-Light", 12)
    y = h - 130
    for ln in lines:
        for chunk in _wrap(ln, 36):
            c.drawString(70, y, chunk)
            y -= 20
    c.showPage()
    c.save()
    return buf.getvalue()


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


def _soffice_pdf(docx: Path, out_dir: Path) -> Path:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise SystemExit("LibreOffice (soffice) is needed: apt-get install -y libreoffice-writer fonts-noto-cjk")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(out_dir), str(docx)],
            check=True, capture_output=True, timeout=300,
        )
    return out_dir / (docx.stem + ".pdf")


def _set_cjk(run, east: str = "Noto Serif CJK SC", size: float | None = None, bold: bool | None = None) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    fonts.set(qn("w:ascii"), "Times New Roman")
    fonts.set(qn("w:hAnsi"), "Times New Roman")
    fonts.set(qn("w:eastAsia"), east)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold


def _black_styles(document) -> None:
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        st = document.styles[name]
        st.font.color.rgb = RGBColor(0, 0, 0)
        st.font.italic = False
        rpr = st.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is not None:
            for attr in list(fonts.attrib):
                if attr.endswith("Theme"):
                    del fonts.attrib[attr]
            fonts.set(qn("w:eastAsia"), "Noto Sans CJK SC" if name != "Normal" else "Noto Serif CJK SC")


# --------------------------------------------------------------------------- bad inputs


def make_corrupt_pdf(path: Path) -> None:
    """A real corpus PDF, truncated to 30 KB (no xref/trailer) with a run of garbled bytes."""
    src = CORPUS / "003_1b4764571c7d463f.pdf"
    data = bytearray(src.read_bytes()[:30_000])
    rng = random.Random(3)
    for i in range(2_000, 2_400):
        data[i] = rng.randrange(256)
    path.write_bytes(bytes(data))


def make_encrypted_pdf(path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    text = SEED_003.read_text(encoding="utf-8").split("\n")
    raw = _cjk_canvas_pdf([ln for ln in text[10:16] if ln.strip()], title="泰安市人民政府文件")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(raw)))
    writer.encrypt(user_password=ENCRYPTED_USER_PASSWORD, owner_password="owner-" + ENCRYPTED_USER_PASSWORD,
                   algorithm="AES-128")
    with path.open("wb") as fh:
        writer.write(fh)


def make_scanned_pdf(path: Path) -> None:
    """Render a policy page to a grayscale bitmap (Pillow + Noto CJK) and put only the image on a page."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    dpi = 100
    w_px, h_px = int(A4[0] / 72 * dpi), int(A4[1] / 72 * dpi)
    img = Image.new("L", (w_px, h_px), 255)
    draw = ImageDraw.Draw(img)
    font_dir = Path("/usr/share/fonts/opentype/noto")
    try:
        title_font = ImageFont.truetype(str(font_dir / "NotoSansCJK-Bold.ttc"), 30)
        body_font = ImageFont.truetype(str(font_dir / "NotoSerifCJK-Regular.ttc"), 21)
    except OSError:  # pragma: no cover - font missing: still an image-only page
        title_font = body_font = ImageFont.load_default()
    lines = [ln.strip() for ln in SEED_003.read_text(encoding="utf-8").split("\n") if ln.strip()]
    draw.text((w_px // 2, 110), lines[0], font=title_font, fill=0, anchor="mm")
    draw.text((w_px // 2, 170), lines[1], font=body_font, fill=0, anchor="mm")
    draw.line((90, 200, w_px - 90, 200), fill=0, width=2)
    y = 240
    for ln in lines[2:]:
        for chunk in _wrap(ln, 28):
            draw.text((100, y), chunk, font=body_font, fill=0)
            y += 36
            if y > h_px - 120:
                break
        if y > h_px - 120:
            break
    draw.text((w_px // 2, h_px - 60), "— 1 —", font=body_font, fill=0, anchor="mm")
    # a slight rotation and noise, like a scanner would produce
    img = img.rotate(0.4, fillcolor=255, resample=Image.BICUBIC)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=55)
    buf.seek(0)
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.drawImage(ImageReader(buf), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()


def make_really_docx_pdf(path: Path) -> None:
    from docx import Document

    d = Document()
    _black_styles(d)
    p = d.add_paragraph()
    _set_cjk(p.add_run("关于推进国家创新型城市建设的意见（讨论稿）"), size=16, bold=True)
    p = d.add_paragraph()
    _set_cjk(p.add_run("这是一个扩展名为 .pdf 的 Word 文件。"))
    buf = io.BytesIO()
    d.save(buf)
    path.write_bytes(buf.getvalue())


def make_undecodable_txt(path: Path) -> None:
    """Bytes no text decoder accepts: NULs and C0 controls throughout, invalid UTF-8 lead/continuation
    bytes, and byte pairs that are not valid GB18030/Big5 either."""
    rng = random.Random(7)
    out = bytearray(b"\x00\x00\xff\xfe\x00")
    pool = list(range(0, 9)) + list(range(14, 32)) + [0x80, 0x81, 0xC0, 0xC1, 0xF5, 0xF8, 0xFE, 0xFF, 0x7F]
    for _ in range(600):
        out.append(rng.choice(pool))
        if rng.random() < 0.3:
            out.append(0)
    path.write_bytes(bytes(out))


def make_gbk_txt(path: Path) -> None:
    lines = SEED_000.read_text(encoding="utf-8").split("\n")
    text = "\n".join(lines[i] for i in GBK_EXCERPT_LINES) + "\n"
    path.write_bytes(text.encode("gb18030"))


def make_big5_txt(path: Path) -> None:
    """OpenCC s2tw (s2t with Taiwan variants: s2t's 爲 is not in Big5, s2tw's 為 is), Big5-encoded."""
    import opencc

    trad = opencc.OpenCC("s2tw").convert(BIG5_PASSAGE)
    path.write_bytes(trad.encode("big5") + b"\n")


# --------------------------------------------------------------------------- issue 14: loops, encodings

LOOP_LINES = [
    "为深入实施创新驱动发展战略,加快推进国家创新型城市建设,结合我市实际,制定本实施意见。",
    "到2025年,全社会研发经费支出占地区生产总值比重达到2.8%,高新技术企业达到1200家。",
    "加快关键核心技术突破。每年实施重大科技创新项目10项以上。(责任单位:市科技局、市财政局)",
]


def _pdf_objects(data: bytes) -> tuple[dict[int, bytes], int, int | None]:
    """The objects of an uncompressed, one-revision PDF (reportlab's), its /Root and /Info."""
    objs = {int(m.group(1)): m.group(2)
            for m in re.finditer(rb"(?ms)^(\d+) 0 obj\r?\n(.*?)\r?\nendobj", data)}
    root = int(re.search(rb"/Root (\d+) 0 R", data).group(1))
    info = re.search(rb"/Info (\d+) 0 R", data)
    return objs, root, int(info.group(1)) if info else None


def _write_pdf(objs: dict[int, bytes], root: int, info: int | None = None) -> bytes:
    """A PDF of ``objs`` with a correct xref table (so pdfminer follows it, not a repair scan)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    size = max(objs) + 1
    offsets: dict[int, int] = {}
    for n in sorted(objs):
        offsets[n] = len(out)
        out += b"%d 0 obj\n" % n + objs[n] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for n in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[n]) if n in offsets else b"0000000000 00000 f \n"
    trailer = b"/Size %d /Root %d 0 R" % (size, root) + (b" /Info %d 0 R" % info if info else b"")
    out += b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _loop_base() -> tuple[dict[int, bytes], int, int | None, int, int]:
    """A one-page CJK text PDF as objects, with the numbers of its page and content stream."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, pageCompression=0)
    c.setFont("STSong-Light", 12)
    y = 760
    for ln in LOOP_LINES:
        for chunk in _wrap(ln, 36):
            c.drawString(70, y, chunk)
            y -= 20
    c.showPage()
    c.save()
    objs, root, info = _pdf_objects(buf.getvalue())
    page = next(n for n, b in objs.items() if b"/Type /Page\n" in b or b.rstrip().endswith(b"/Type /Page\n>>"))
    contents = int(re.search(rb"/Contents (\d+) 0 R", objs[page]).group(1))
    return objs, root, info, page, contents


def make_reference_loop_pdfs(out_dir: Path) -> dict[str, str]:
    """The PDFs of issue 14 whose references loop (pdfminer followed them for ever), plus the
    clean PDF they are made from. Returns {file name: what is wrong with it}."""
    objs, root, info, page, contents = _loop_base()
    made: dict[str, str] = {}
    (out_dir / "loop-control.pdf").write_bytes(_write_pdf(objs, root, info))
    made["loop-control.pdf"] = "the clean PDF the loop fixtures are made from (reads fine)"

    # 1. the content stream's /Length is an indirect object whose value is a reference to itself
    o = dict(objs)
    n = max(o) + 1
    o[contents] = re.sub(rb"/Length \d+", b"/Length %d 0 R" % n, o[contents], count=1)
    o[n] = b"%d 0 R" % n
    (out_dir / "pdf-length-self-reference.pdf").write_bytes(_write_pdf(o, root, info))
    made["pdf-length-self-reference.pdf"] = f"content stream /Length {n} 0 R, object {n} is `{n} 0 R`"

    # 2. the page's /Resources go through two objects that refer to each other
    o = dict(objs)
    a, b = max(o) + 1, max(o) + 2
    o[page] = re.sub(rb"/Resources <<.*?>>", b"/Resources %d 0 R" % a, o[page], count=1, flags=re.S)
    o[a], o[b] = b"%d 0 R" % b, b"%d 0 R" % a
    (out_dir / "pdf-resources-reference-loop.pdf").write_bytes(_write_pdf(o, root, info))
    made["pdf-resources-reference-loop.pdf"] = f"page /Resources {a} 0 R -> {b} 0 R -> {a} 0 R"

    # 3. the content stream's /Length is the stream itself (parsing it needs itself)
    o = dict(objs)
    o[contents] = re.sub(rb"/Length \d+", b"/Length %d 0 R" % contents, o[contents], count=1)
    (out_dir / "pdf-length-is-own-stream.pdf").write_bytes(_write_pdf(o, root, info))
    made["pdf-length-is-own-stream.pdf"] = f"content stream {contents} has /Length {contents} 0 R"

    # 4. the catalog is a reference to itself
    o = dict(objs)
    o[root] = b"%d 0 R" % root
    (out_dir / "pdf-root-self-reference.pdf").write_bytes(_write_pdf(o, root, info))
    made["pdf-root-self-reference.pdf"] = f"/Root {root} 0 R, object {root} is `{root} 0 R`"
    return made


def _seed_excerpt() -> str:
    lines = [ln for ln in SEED_000.read_text(encoding="utf-8").split("\n") if ln.strip()]
    return "\n".join(lines[:6]) + "\n"


def make_encoding_fixtures(out_dir: Path) -> dict[str, str]:
    """Text files whose bytes disagree with themselves (issue 14). Returns {name: what}."""
    import codecs

    text = _seed_excerpt()
    made = {}

    def put(name: str, data: bytes, what: str) -> None:
        (out_dir / name).write_bytes(data)
        made[name] = what

    put("utf16-bom-odd-length.txt", codecs.BOM_UTF16_LE + text.encode("utf-16-le") + b"\x8f",
        "UTF-16LE with BOM and one stray byte at the end (odd length)")
    put("utf16be-bom-cut-surrogate.txt", codecs.BOM_UTF16_BE + (text + "𠀀").encode("utf-16-be")[:-2],
        "UTF-16BE with BOM, ends in half a surrogate pair")
    put("utf16-bom-lone-surrogate.txt",
        codecs.BOM_UTF16_LE + text[:40].encode("utf-16-le") + b"\x00\xd8" + text[40:].encode("utf-16-le"),
        "UTF-16LE with BOM, one unpaired high surrogate in the middle")
    put("utf32-bom-truncated.txt", codecs.BOM_UTF32_LE + text.encode("utf-32-le")[:-2],
        "UTF-32LE with BOM, last character cut in half")
    put("utf16-bom-but-utf8.txt", codecs.BOM_UTF16_LE + text.encode("utf-8"),
        "a UTF-16LE byte-order mark in front of UTF-8 bytes (the mark disagrees with the bytes)")
    put("utf8-bom-but-gb18030.txt", codecs.BOM_UTF8 + text.encode("gb18030"),
        "a UTF-8 byte-order mark in front of GB18030 bytes")
    put("utf8-bom-cut-sequence.txt", codecs.BOM_UTF8 + text.encode("utf-8")[:-2],
        "UTF-8 with BOM, ends inside a multi-byte sequence")
    lines = text.split("\n")
    mixed = b"".join((ln + "\n").encode("utf-8" if k % 2 == 0 else "gb18030") for k, ln in enumerate(lines) if ln)
    put("mixed-utf8-gb18030.txt", mixed, "lines alternately UTF-8 and GB18030 (files concatenated)")
    return made


def make_fuzz_fixtures(out_dir: Path) -> dict[str, str]:
    """One fixture per distinct failure tests/test_fuzz.py found (issue 14). Returns {name: what}."""
    made = {}
    docx = (CORPUS / "002_101a49cb13188322.docx").read_bytes()
    cd = docx.index(b"PK\x01\x02")  # first central-directory entry: "version needed" at +6
    bad = docx[: cd + 6] + (202).to_bytes(2, "little") + docx[cd + 8 :]
    (out_dir / "docx-zip-version-20.2.docx").write_bytes(bad)
    made["docx-zip-version-20.2.docx"] = ("a corpus DOCX whose first central-directory entry needs ZIP version 20.2 "
                                          "(zipfile raised NotImplementedError from the sniffer)")
    html = (CORPUS / "003_1b4764571c7d463f.html").read_bytes()
    (out_dir / "html-control-character.html").write_bytes(b"\x01" + html[1:])
    made["html-control-character.html"] = ("a corpus HTML page whose first byte is U+0001 (lxml: 'All strings must "
                                           "be XML compatible' in readers/html.py _remove)")
    i = html.index(b"<a ")
    (out_dir / "html-invalid-tag-name.html").write_bytes(html[:i] + b"<a\xffhref" + html[i + 7 :])
    made["html-invalid-tag-name.html"] = ("a corpus HTML page with a byte 0xFF inside a tag name (lxml: 'Invalid "
                                          "HTML tag name' where readers/html.py lower-cases tag names)")
    text = (CORPUS / "003_1b4764571c7d463f.txt").read_bytes()
    b = bytearray(text)
    for k in (len(b) // 5, len(b) // 2, 4 * len(b) // 5):
        b[k] = 0xFF
    (out_dir / "utf8-three-bad-bytes.txt").write_bytes(bytes(b))
    made["utf8-three-bad-bytes.txt"] = "a corpus UTF-8 plan with three bytes set to 0xFF (was refused as EncodingError)"
    # found by scripts/stress.py on a real record (not copied: the same shape, own words): a
    # header word ("主要内容") on a line inside a run of consecutive lines, while most lines after
    # it are blank-separated; the TXT table finder then looked for a cell starting on that line
    lines = ["关于进一步促进经济持续回升向好的若干政策措施", "过去一年,我市经济运行总体平稳。",
             "今年经济增长预期目标为5%左右。", "一是更加注重政策协同发力。", "主要内容",
             "政策举措主要包括8个方面:"]
    for n in "一二三四五六七八":
        lines += ["", f"{n}是加强政策支持。到2025年,新增就业岗位达到{len(lines)}万个。(责任单位:市发展改革委)"]
    (out_dir / "txt-header-word-in-a-line-run.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    made["txt-header-word-in-a-line-run.txt"] = ("a header word on a line inside a run of consecutive lines, the "
                                                 "lines after it blank-separated (StopIteration in txt_tables)")
    return made


# --------------------------------------------------------------------------- realistic reader fixtures

TABLE_ROWS = [
    ("1", "每万名就业人员中研发人员数", "人年/万人", "市教育局、市科技局、市工业和信息化局、各县(市、区)按职责分工负责"),
    ("2", "全社会研发(R&D)经费支出占地区生产总值(GDP)的比重", "%",
     "市科技局牵头,市教育局、市工业和信息化局、市财政局、市统计局、各县(市、区)按职责分工负责"),
    ("3", "高新技术企业数及占规模以上工业企业数量比重", "家;%", "市科技局、市财政局、市税务局"),
    ("4", "国家和省级高新技术产业开发区营业总收入占地区生产总值比重", "%", "高新区管委会、市科技局、市统计局"),
    ("5", "技术市场成交合同金额及占地区生产总值比重", "亿元;%", "市科技局牵头,各县(市、区)按职责分工负责"),
    ("6", "国家和省级科技企业孵化器、加速器、众创空间、大学科技园数量及在孵企业数量", "个;家",
     "市科技局、市教育局、市人力资源和社会保障局"),
    ("7", "每万人发明专利拥有量", "件/万人", "市市场监管局牵头,各县(市、区)按职责分工负责"),
    ("8", "规模以上工业企业研发经费支出占营业收入比重", "%", "市工业和信息化局、市科技局、市统计局"),
    ("9", "高新技术产业产值占规模以上工业总产值比重", "%", "市工业和信息化局、市科技局、市发展和改革委"),
    ("10", "研发费用加计扣除所得税减免额占企业研发经费比重", "%", "市税务局、市科技局、市财政局"),
    ("11", "环境空气质量优良天数占全年的比重", "%", "市生态环境局"),
    ("12", "党委政府出台实施创新驱动发展战略的决定或意见及配套政策", "定性评价", "市委办公室、市政府办公室、市科技局"),
]


def make_table_across_pages(pdf_path: Path, docx_path: Path, json_path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    d = Document()
    _black_styles(d)
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.top_margin = sec.bottom_margin = Cm(3.0)
    sec.left_margin = sec.right_margin = Cm(2.6)
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_cjk(p.add_run("国家创新型城市建设指标及责任分工"), east="Noto Sans CJK SC", size=18, bold=True)
    preamble = [ln.strip() for ln in SEED_003.read_text(encoding="utf-8").split("\n")
                if len(ln.strip()) > 60 and ln.strip().endswith(("。", ")", "）"))][:3]
    for text in preamble:  # fill most of page 1 so the table must continue on page 2
        p = d.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(28)
        p.paragraph_format.line_spacing = Pt(26)
        _set_cjk(p.add_run(text), size=14)
    header = ("序号", "指标", "单位", "责任单位")
    t = d.add_table(rows=1 + len(TABLE_ROWS), cols=4)
    t.style = d.styles["Table Grid"]
    widths = [Cm(1.2), Cm(6.4), Cm(2.2), Cm(6.0)]
    for r, row in enumerate([header, *TABLE_ROWS]):
        for c, text in enumerate(row):
            cell = t.cell(r, c)
            cell.width = widths[c]
            _set_cjk(cell.paragraphs[0].add_run(text), east="Noto Sans CJK SC" if r == 0 else "Noto Serif CJK SC",
                     size=12, bold=r == 0)
    trpr = t.rows[0]._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)
    p = d.add_paragraph()
    _set_cjk(p.add_run("注:表中指标按年度监测,责任单位按职责分工负责。"), size=12)
    docx_path.parent.mkdir(parents=True, exist_ok=True)
    d.save(docx_path)
    with tempfile.TemporaryDirectory() as tmp:
        out = _soffice_pdf(docx_path, Path(tmp))
        shutil.copyfile(out, pdf_path)
    json_path.write_text(
        json.dumps(
            {
                "source": docx_path.name,
                "header_repeated_on_each_page": True,
                "rows": [list(header), *[list(r) for r in TABLE_ROWS]],
                "note": "the table continues from page 1 onto page 2 (header row repeated); cells wrap over "
                "several lines; LibreOffice splits one row over the page break, so page 2 starts with "
                "that row's continuation (empty 序号 cell)",
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )


NUMBERING_ABSTRACT_ID = 90
NUMBERING_NUM_ID = 90


def _add_numbering_definition(document) -> None:
    """An abstractNum with 一、 / （一） / 1. levels (chineseCounting, chineseCounting, decimal)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    levels = [
        (0, "chineseCounting", "%1、", 0),
        (1, "chineseCounting", "（%2）", 0),
        (2, "decimal", "%3.", 0),
    ]
    lvl_xml = "".join(
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:suff w:val="nothing"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{ind}" w:firstLine="640"/></w:pPr>'
        f'<w:rPr><w:rFonts w:eastAsia="Noto Sans CJK SC"/></w:rPr></w:lvl>'
        for ilvl, fmt, text, ind in levels
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{NUMBERING_ABSTRACT_ID}">'
        f'<w:multiLevelType w:val="multilevel"/>{lvl_xml}</w:abstractNum>'
    )
    num = parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{NUMBERING_NUM_ID}">'
        f'<w:abstractNumId w:val="{NUMBERING_ABSTRACT_ID}"/></w:num>'
    )
    # schema order: all abstractNum elements before num elements
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)


def _numbered(paragraph, ilvl: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(
        1 if ppr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pStyle") is not None else 0,
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{NUMBERING_NUM_ID}"/></w:numPr>'),
    )


AUTO_NUMBERED = [
    # (level, style, text) ; level None = unnumbered body paragraph
    (None, "Title", "泰安市关于推进国家创新型城市建设的实施意见"),
    (None, None, "为深入实施创新驱动发展战略,加快推进国家创新型城市建设,结合我市实际,制定本实施意见。"),
    (0, "Heading 1", "总体要求"),
    (None, None, "到2025年,全社会研发经费支出占地区生产总值比重达到2.8%,高新技术企业达到1200家。"),
    (0, "Heading 1", "重点任务"),
    (1, "Heading 2", "加快推动区域创新协调发展"),
    (2, None, "优化区域创新空间布局。加快重大创新平台建设,提升现有创新平台承接能力。(责任单位:市科技局)"),
    (2, None, "加快建设泰山创新谷。建设集研究开发、技术转移、创业孵化于一体的创新平台。(责任单位:市科技局)"),
    (1, "Heading 2", "培育重点领域创新发展优势"),
    (2, None, "加快关键核心技术突破。每年实施重大科技创新项目10项以上。(责任单位:市科技局、市财政局)"),
    (0, "Heading 1", "组织保障"),
    (1, "Heading 2", "加强组织领导"),
    (1, "Heading 2", "加大科技创新投入"),
]
AUTO_NUMBERS = {0: "{}、", 1: "（{}）", 2: "{}."}
CN_DIGITS = "一二三四五六七八九十"

MERGED_TABLE = {
    # grid with "<" = covered by the cell to the left, "^" = covered by the cell above
    "grid": [
        ["类别", "指标", "目标值", "<", "责任单位"],
        ["^", "^", "2024年", "2026年", "^"],
        ["创新投入", "全社会研发经费支出占GDP比重(%)", "2.6", "2.8", "市科技局"],
        ["^", "地方财政科技支出占比(%)", "3.5", "4.0", "市财政局"],
        ["创新主体", "高新技术企业数(家)", "800", "1000", "市科技局"],
        ["^", "科技型中小企业数(家)", "1500", "2000", "市科技局、市工业和信息化局"],
        ["创新产出", "每万人发明专利拥有量(件)", "8", "10", "市市场监管局"],
    ],
    "header_rows": 2,
}


def make_auto_numbering_docx(path: Path, json_path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    d = Document()
    _black_styles(d)
    _add_numbering_definition(d)
    counters = [0, 0, 0]
    expected_blocks = []
    for level, style, text in AUTO_NUMBERED:
        p = d.add_paragraph(style=style) if style else d.add_paragraph()
        if style == "Title":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _set_cjk(p.add_run(text), east="Noto Sans CJK SC" if style else "Noto Serif CJK SC",
                 size=22 if style == "Title" else 16)
        p.paragraph_format.line_spacing = Pt(28)
        number = None
        if level is not None:
            _numbered(p, level)
            counters[level] += 1
            for deeper in range(level + 1, 3):
                counters[deeper] = 0
            n = counters[level]
            number = AUTO_NUMBERS[level].format(CN_DIGITS[n - 1] if level < 2 else n)
        expected_blocks.append({"style": style, "level": level, "number": number, "text": text})
    grid = MERGED_TABLE["grid"]
    n_rows, n_cols = len(grid), len(grid[0])
    t = d.add_table(rows=n_rows, cols=n_cols)
    t.style = d.styles["Table Grid"]
    spans = []
    for r in range(n_rows):
        for c in range(n_cols):
            if grid[r][c] in ("<", "^"):
                continue
            cs = 1
            while c + cs < n_cols and grid[r][c + cs] == "<":
                cs += 1
            rs = 1
            while r + rs < n_rows and grid[r + rs][c] == "^":
                rs += 1
            spans.append((r, c, grid[r][c], rs, cs))
    for r, c, _text, rs, cs in spans:
        if rs > 1 or cs > 1:
            t.cell(r, c).merge(t.cell(r + rs - 1, c + cs - 1))
    for r, c, text, _rs, _cs in spans:
        par = t.cell(r, c).paragraphs[0]
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _set_cjk(par.add_run(text), size=10.5, bold=r < MERGED_TABLE["header_rows"])
    d.save(path)
    json_path.write_text(
        json.dumps(
            {
                "blocks": expected_blocks,
                "table": {
                    "header_rows": MERGED_TABLE["header_rows"],
                    "cells": [{"row": r, "col": c, "text": text, "rowspan": rs, "colspan": cs}
                              for r, c, text, rs, cs in spans],
                },
                "note": f"synthetic text adapted from seed 003; numbers come from w:numPr (numId {NUMBERING_NUM_ID}), "
                "not from the paragraph text",
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )


# --------------------------------------------------------------------------- long PDF (on demand)


def make_long_pdf(path: str | Path, pages: int = 200) -> Path:
    """Write a ``pages``-page text PDF with CJK text (reportlab CID font STSong-Light, a standard
    Adobe CJK font referenced, not embedded) and a ruled 4x5 table on every tenth page. The body text
    cycles through the seed paragraphs; every page has a "— N —" footer. Returns the path."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    path = Path(path)
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    paras = []
    for seed in sorted(CORPUS.glob("*.txt")):
        paras.extend(ln.strip() for ln in seed.read_text(encoding="utf-8").split("\n")
                     if len(ln.strip()) > 40 and "\t" not in ln)
    w, h = A4
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle("长文档测试")
    k = 0
    for page in range(1, pages + 1):
        y = h - 80
        c.setFont("STSong-Light", 16)
        c.drawCentredString(w / 2, y, f"第{page}页 国家创新型城市建设资料汇编")
        y -= 36
        c.setFont("STSong-Light", 11)
        if page % 10 == 0:
            rows = [("序号", "指标", "2024年", "责任单位"), ("1", "研发经费投入强度(%)", "2.6", "市科技局"),
                    ("2", "高新技术企业数(家)", "800", "市科技局"), ("3", "技术合同成交额(亿元)", "120", "市科技局"),
                    ("4", "万人发明专利拥有量(件)", "8", "市市场监管局")]
            col_x = [70, 120, 330, 410, 525]
            row_h = 22
            top = y
            for r, row in enumerate(rows):
                for ci, text in enumerate(row):
                    c.drawString(col_x[ci] + 4, top - row_h * (r + 1) + 7, text)
            for r in range(len(rows) + 1):
                c.line(col_x[0], top - row_h * r, col_x[-1], top - row_h * r)
            for x in col_x:
                c.line(x, top, x, top - row_h * len(rows))
            y = top - row_h * len(rows) - 30
        while y > 90:
            text = paras[k % len(paras)]
            k += 1
            for chunk in _wrap(text, 38):
                if y <= 90:
                    break
                c.drawString(70, y, chunk)
                y -= 18
            y -= 6
        c.setFont("STSong-Light", 12)
        c.drawCentredString(w / 2, 50, f"— {page} —")
        c.showPage()
    c.save()
    return path


# --------------------------------------------------------------------------- main


def write_readme(issue14: dict[str, str]) -> None:
    (BAD / "README.md").write_text(
        "# Bad inputs\n\nGenerated by `scripts/make_bad_fixtures.py` (see its docstring).\n\n"
        f"- `encrypted.pdf`: user password `{ENCRYPTED_USER_PASSWORD}` (AES-128).\n"
        "- `gbk.txt`: GB18030 bytes of seed 000 lines 1, 2, 4, 5, 6.\n"
        "- `big5_traditional.txt`: Big5 bytes of a passage of seed 003 converted with OpenCC s2tw.\n"
        "- `undecodable.txt`: binary with NULs; must be rejected, not decoded.\n"
        "- the 200-page PDF is not committed: call `make_long_pdf(path, pages=200)`.\n"
        "- FIFOs, sockets and devices cannot be committed: tests make them (`os.mkfifo`, a bound\n"
        "  `AF_UNIX` socket, a link to `/dev/zero`) in a temporary folder.\n\n"
        "Issue 14 (reference loops, encodings, failures found by tests/test_fuzz.py):\n\n"
        + "".join(f"- `{name}`: {what}.\n" for name, what in issue14.items()),
        encoding="utf-8",
    )


def make_reliability_fixtures() -> dict[str, str]:
    """Only the issue-14 fixtures (no LibreOffice needed): ``--reliability``."""
    BAD.mkdir(parents=True, exist_ok=True)
    return {**make_reference_loop_pdfs(BAD), **make_encoding_fixtures(BAD), **make_fuzz_fixtures(BAD)}


def main(argv: list[str] | None = None) -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reliability", action="store_true",
                    help="only the reference-loop PDFs and the encoding fixtures (no LibreOffice needed)")
    args = ap.parse_args(argv)
    if args.reliability:
        made = make_reliability_fixtures()
        write_readme(made)
        for name in made:
            print(f"tests/fixtures/bad/{name}: {(BAD / name).stat().st_size} bytes")
        return
    for d in (BAD, PDF_DIR, DOCX_DIR):
        d.mkdir(parents=True, exist_ok=True)
    make_corrupt_pdf(BAD / "corrupt.pdf")
    make_encrypted_pdf(BAD / "encrypted.pdf")
    (BAD / "empty.pdf").write_bytes(b"")
    make_scanned_pdf(BAD / "scanned.pdf")
    make_really_docx_pdf(BAD / "really_docx.pdf")
    make_undecodable_txt(BAD / "undecodable.txt")
    make_gbk_txt(BAD / "gbk.txt")
    make_big5_txt(BAD / "big5_traditional.txt")
    loops = make_reference_loop_pdfs(BAD)
    encodings = make_encoding_fixtures(BAD)
    fuzz = make_fuzz_fixtures(BAD)
    make_table_across_pages(PDF_DIR / "table-across-pages.pdf", DOCX_DIR / "table-across-pages.docx",
                            PDF_DIR / "table-across-pages.json")
    make_auto_numbering_docx(DOCX_DIR / "auto-numbering.docx", DOCX_DIR / "auto-numbering.json")
    write_readme({**loops, **encodings, **fuzz})
    for f in sorted([*BAD.iterdir(), *PDF_DIR.iterdir(), *DOCX_DIR.iterdir()]):
        print(f"{f.relative_to(ROOT)}: {f.stat().st_size} bytes")
    _ = zipfile  # (really_docx.pdf is a zip container; tests check it with zipfile)


if __name__ == "__main__":
    main()
