"""Render plain-text Chinese policy plans into realistic DOCX, PDF and HTML renderings.

For every ``DIR/STEM.txt`` in the folders given on the command line this writes, next to it,

* ``STEM.docx``: the plan as a government office would have typed it in Word (red-head and 文号,
  title, 黑体 headings, bold sub-headings, real ruled Word tables, attachments on a new page, a
  "— N —" page-number footer, Noto Serif/Sans CJK SC + Times New Roman);
* ``STEM.pdf``: that DOCX exported by LibreOffice headless (skipped with a warning when
  ``soffice`` is not installed, or with ``--no-pdf``);
* ``STEM.html``: a government-website article page (top bar, header with search, navigation,
  breadcrumb, 信息公开 metadata table, article body, 【打印】【关闭窗口】 tools, footer).

It is the generic sibling of ``scripts/build_corpus.py``, which knows the layout of each of the five
seeds explicitly; the document model (``Doc``/``El``/``Table``), the DOCX writer, the LibreOffice
export and the HTML body writer are imported from that module. This script instead reads plans
written in the house plain-text layout:

* every non-blank line is one paragraph; blank lines carry no meaning and are dropped;
* front matter: the lines before a 文号 line (``株政办发〔2023〕7号``) are the red-head (a line
  ending in 文件, printed in red) or the notice title; when the red-head comes first, the line after
  the 文号 is the notice title (``关于印发…的通知``). Without a 文号 line the first line is the title.
  A line ending in ``：`` right after the title is the addressee (主送机关);
* a date line (``2023年4月18日``) is a signature, together with the issuing office on the line
  before it; ``（此件主动公开）`` is a note. The first short line after a signature that comes before
  any ``一、`` heading is the title of the attached plan, printed on a new page;
* headings keep their numbering as typed (no Word auto-numbering): ``一、`` lines are 黑体 headings,
  ``（一）`` lines bold paragraphs (a long one with a run-in heading bolds the heading up to the
  first 。), ``1.`` and ``（1）`` lines plain body paragraphs;
* a bare attachment label (``附件``, ``附件1``, ``附件 2``, ``附件：``) starts a new page, and a short
  line after it is the attachment's caption; the attachment list in the body (``附件：1.…``) is an
  ordinary paragraph;
* consecutive lines containing TAB characters form one table: each line is a row, cells are split
  on TAB, the first line is the header row (repeated on every page). A row with fewer cells than
  the widest row gets its last cell spanned to the right edge;
* ``注：`` lines are small-print notes; ``抄送：`` and ``…印发`` lines form the 版记 block with its
  ruled lines.

The text of the renderings is character-identical to the non-blank lines of the ``.txt``: nothing
is dropped, joined or rewritten, only laid out. The script checks this on the DOCX it wrote (and on
the HTML) and fails loudly if a line went missing.

Usage: ``python scripts/render_plans.py DIR [DIR ...] [--no-pdf]``
"""

from __future__ import annotations

import argparse
import hashlib
import html
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from docx import Document as open_docx
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_corpus import (  # noqa: E402
    H1_RE,
    H2_RE,
    LEFT,
    Doc,
    El,
    HtmlStyle,
    Table,
    body_html,
    docx_to_pdf,
    esc,
    write_docx,
)

# --------------------------------------------------------------------------- line patterns

DOCNO_RE = re.compile(r"^\S{1,24}〔\d{4}〕\d+号$")  # 株政办发〔2023〕7号
DATE_RE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")  # signature date
PUBLIC_RE = re.compile(r"^[（(]此件[^）)]{0,10}[）)]$")  # （此件主动公开）
ATTACH_LABEL_RE = re.compile(r"^附件\s*\d*\s*[：:]?$")  # 附件 / 附件1 / 附件：
SUBTITLE_RE = re.compile(r"^[（(][^）)]{1,20}[）)]$")  # （2023—2025年） / （征求意见稿）
NOTE_RE = re.compile(r"^(注|备注)\s*\d*[：:]")
CC_RE = re.compile(r"^(抄送|抄报|分送)[：:]")
PRINTED_RE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日印发$")
SENTENCE_PUNCT = set("，。；：！？、,;:!?")

MAX_LINE_SHORT = 32  # a heading / title / caption is at most this long (as build_corpus.classify)
TEXT_WIDTH_CM = 21.0 - 2.8 - 2.6  # A4 minus build_corpus's left and right margins


def is_short(line: str, limit: int = MAX_LINE_SHORT) -> bool:
    """A heading-like line: short and with no full stop inside."""
    return len(line.strip()) <= limit and "。" not in line.strip()[:-1]


def is_marker(line: str) -> bool:
    s = line.strip()
    return bool(H1_RE.match(s) or H2_RE.match(s) or ATTACH_LABEL_RE.match(s) or "\t" in line)


def is_issuer(line: str) -> bool:
    """The issuing office on the line before a signature date: short, no punctuation."""
    s = line.strip()
    return 2 <= len(s) <= 40 and not (set(s) & SENTENCE_PUNCT) and not is_marker(s) and not DATE_RE.match(s)


def is_title_like(line: str) -> bool:
    s = line.strip()
    return is_short(s, 60) and not is_marker(s) and not s.endswith(("：", ":")) and not DATE_RE.match(s)


# --------------------------------------------------------------------------- parsing


@dataclass
class Meta:
    """Facts the plan states about itself, for the HTML chrome and the DOCX properties."""

    title: str = ""
    plan_title: str = ""
    doc_number: str = ""
    issuer: str = ""
    date: str = ""  # 2023年4月18日 as typed


def read_lines(path: Path) -> list[str]:
    """The non-blank lines of a plan, each exactly as typed (a trailing CR is line-ending, not text)."""
    text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
    return [ln.removesuffix("\r") for ln in text.split("\n") if ln.strip()]


def table_from_rows(lines: list[str]) -> Table:
    rows = [ln.split("\t") for ln in lines]
    n_cols = max(len(r) for r in rows)
    grid = [r + [LEFT] * (n_cols - len(r)) for r in rows]  # short row: last cell spans to the edge
    return Table(grid, header_rows=1, widths_cm=column_widths(grid))


def _display_len(text: str) -> float:
    return sum(0.55 if ord(ch) < 0x2E80 else 1.0 for ch in text.strip())


def column_widths(grid: list[list[str]]) -> list[float]:
    """Column widths (cm) filling the text width. Each column wants room for its longest cell on one
    line (a header wraps after four characters); when they do not all fit, the widest columns are capped at one common width (short
    columns such as 序号, 单位 and years are never wrapped, long text columns wrap)."""
    char_cm, pad_cm = 0.38, 0.55  # a 10.5 pt CJK character; cell margins plus slack
    n_cols = len(grid[0])
    longest = []
    for c in range(n_cols):
        body = max((_display_len(r[c]) for r in grid[1:] if r[c] != LEFT), default=1.0)
        head = _display_len(grid[0][c]) if grid[0][c] != LEFT else 1.0
        longest.append(max(body, min(head * 1.15, 4.6)))  # bold header; a long one wraps after four characters
    natural = [n * char_cm + pad_cm for n in longest]
    if sum(natural) <= TEXT_WIDTH_CM:
        scale = TEXT_WIDTH_CM / sum(natural)
        return [round(w * scale, 2) for w in natural]
    lo, hi = 0.0, max(natural)
    for _ in range(40):  # the largest cap with sum(min(natural, cap)) <= text width
        cap = (lo + hi) / 2
        lo, hi = (cap, hi) if sum(min(w, cap) for w in natural) <= TEXT_WIDTH_CM else (lo, cap)
    return [round(min(w, lo), 2) for w in natural]


def parse_plan(path: Path) -> tuple[Doc, Meta]:
    """Classify every non-blank line of a plan into a build_corpus element."""
    L = read_lines(path)
    doc, meta = Doc(path.stem), Meta()
    n = len(L)

    # ---- front matter: red-head / title / 文号 / title / subtitle / addressee
    i = 0
    k = next((j for j in range(min(n, 6)) if DOCNO_RE.match(L[j].strip())), None)
    if k is not None:
        for ln in L[:k]:
            doc.add("redhead" if ln.strip().endswith("文件") else "title", ln)
        doc.add("docno", L[k])
        meta.doc_number = L[k].strip()
        i = k + 1
        if not any(e.kind == "title" for e in doc.elements) and i < n and is_title_like(L[i]):
            doc.add("title", L[i])
            i += 1
    elif n and not is_marker(L[0]):
        doc.add("title", L[0])
        i = 1
    if i < n and SUBTITLE_RE.match(L[i].strip()):
        doc.add("subtitle", L[i])
        i += 1
    if i < n and L[i].rstrip().endswith(("：", ":")) and len(L[i]) <= 80 and not is_marker(L[i]):
        doc.add("addressee", L[i])
        i += 1
    titles = [e.text.strip() for e in doc.elements if e.kind == "title"]
    meta.title = "".join(titles)

    # ---- body
    seen_h1 = False
    while i < n:
        ln = L[i]
        s = ln.strip()
        if "\t" in ln:
            j = i
            while j < n and "\t" in L[j]:
                j += 1
            doc.elements.append(El("table", table=table_from_rows(L[i:j])))
            i = j
            continue
        i += 1
        if ATTACH_LABEL_RE.match(s):
            doc.add("attach", ln)  # build_corpus.write_docx puts it on a new page
            if i < n and "\t" not in L[i] and is_title_like(L[i]) and not DATE_RE.match(L[i].strip()):
                doc.add("caption", L[i])
                i += 1
        elif DATE_RE.match(s):
            prev = doc.elements[-1] if doc.elements else None
            if prev is not None and prev.kind in ("p", "item") and is_issuer(prev.text):
                prev.kind = "sig"
                meta.issuer = meta.issuer or prev.text.strip()
            doc.add("sig", ln)
            meta.date = meta.date or s
            if i < n and PUBLIC_RE.match(L[i].strip()):
                doc.add("note", L[i])
                i += 1
            if not seen_h1 and i < n and is_title_like(L[i]):  # the plan attached to the notice
                doc.add("pagebreak")
                doc.add("title", L[i])
                meta.plan_title = meta.plan_title or L[i].strip()
                i += 1
                if i < n and SUBTITLE_RE.match(L[i].strip()):
                    doc.add("subtitle", L[i])
                    i += 1
        elif PUBLIC_RE.match(s) or NOTE_RE.match(s):
            doc.add("note", ln)
        elif CC_RE.match(s) or PRINTED_RE.search(s):
            doc.add("cc", ln)
        elif H1_RE.match(s):
            seen_h1 = True
            if is_short(s):
                doc.add("h1", ln)
            else:
                doc.add("p", ln, bold_lead=True)
        elif H2_RE.match(s):
            if is_short(s):
                doc.add("h2", ln)
            else:
                doc.add("p", ln, bold_lead=True)  # run-in heading: bold up to the first 。
        else:
            doc.add("item" if re.match(r"^(\d+[.．]|[（(]\d+[)）])", s) else "p", ln)

    if not meta.issuer:  # no signature: the red-head names the office
        red = next((e.text.strip() for e in doc.elements if e.kind == "redhead"), "")
        meta.issuer = red.removesuffix("文件")
    if element_lines(doc) != L:  # a bug here, not a property of the input: fail loudly
        raise AssertionError(f"{path}: parsed elements do not reproduce the text")
    return doc, meta


def element_lines(doc: Doc) -> list[str]:
    """The document's text as lines again: one per paragraph, one per table row (cells TAB-joined)."""
    out: list[str] = []
    for e in doc.elements:
        if e.kind == "table":
            out.extend("\t".join(c for c in row if c != LEFT) for row in e.table.grid)
        elif e.kind != "pagebreak":
            out.append(e.text)
    return out


# --------------------------------------------------------------------------- checks


def docx_lines(path: Path) -> list[str]:
    """The body text of a DOCX in document order: paragraph texts and TAB-joined table rows
    (a merged cell counted once)."""
    out: list[str] = []
    for block in open_docx(str(path)).iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                seen, cells = set(), []
                for cell in row.cells:
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        cells.append(cell.text)
                out.append("\t".join(cells))
        elif block.text:
            out.append(block.text)
    return out


def check_docx(path: Path, lines: list[str]) -> None:
    got = docx_lines(path)
    if got != lines:
        diff = next(((a, b) for a, b in zip(got, lines, strict=False) if a != b), (len(got), len(lines)))
        raise AssertionError(f"{path}: DOCX text differs from the txt, first difference {diff!r}")


def check_html(page: str, doc: Doc, path: Path) -> None:
    """Every paragraph and cell is in the article body (tags removed: a run-in heading is split
    into <strong>lead</strong>rest)."""
    body = page[page.index('id="zoom"') : page.index('<div class="article-down">')]
    body = html.unescape(re.sub(r"<[^>]+>", "", body))
    missing = []
    for e in doc.elements:
        texts = [c for row in e.table.grid for c in row if c != LEFT] if e.kind == "table" else [e.text]
        missing += [t for t in texts if t not in body]
    if missing:
        raise AssertionError(f"{path}: lines missing from the HTML body: {missing[:3]}")


# --------------------------------------------------------------------------- HTML page

HTML_STYLE = HtmlStyle(
    "strong",
    True,
    'class="MsoTableGrid" border="1" cellspacing="0" cellpadding="4" width="100%" '
    'style="border-collapse:collapse;font-size:14px;"',
    '<p style="text-indent:2em;line-height:2;">',
)


def site_name(meta: Meta) -> str:
    office = meta.issuer or "人民政府"
    return re.sub(r"(办公室|办公厅)$", "", office) or office


def iso_date(text: str) -> str:
    m = re.match(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text)
    return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}" if m else ""


def page_html(doc: Doc, meta: Meta) -> str:
    site = site_name(meta)
    title = meta.title or meta.plan_title or doc.stem
    column = "政府办文件" if re.search(r"(办公室|办公厅)$", meta.issuer) else "政府文件"
    digest = int(hashlib.sha1(site.encode()).hexdigest(), 16)
    site_code = f"{digest % 10**10:010d}"
    icp = f"ICP备{digest % 10**8:08d}号-1"
    pub = iso_date(meta.date)
    e = esc
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}_{e(column)}_{e(site)}</title>
<meta name="SiteName" content="{e(site)}">
<meta name="ColumnName" content="{e(column)}">
<meta name="ArticleTitle" content="{e(title)}">
<meta name="PubDate" content="{pub}">
<link rel="stylesheet" href="/static/css/common.css">
<link rel="stylesheet" href="/static/css/article.css">
</head>
<body>
<div class="top-bar"><div class="w1200"><span class="welcome">欢迎访问{e(site)}门户网站</span>
<span class="links"><a href="/wza/">无障碍浏览</a> | <a href="javascript:void(0)" class="jt">繁體</a> | <a href="/app/">移动版</a> | <a href="/rss/">RSS订阅</a></span></div></div>
<div class="header"><div class="w1200">
<div class="logo"><a href="/"><img src="/static/img/logo.png" alt="{e(site)}"></a></div>
<form class="search" action="/search/" method="get"><input type="text" name="q" placeholder="请输入关键词"><button type="submit">搜索</button></form>
</div></div>
<div class="nav"><ul class="w1200">
<li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zcwj/">政策文件</a></li>
<li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/ztzl/">专题专栏</a></li>
</ul></div>
<div class="w1200 main">
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zcwj/">政策文件</a> &gt; <a href="/zcwj/zfwj/">{e(column)}</a> &gt; 正文</div>
<table class="xxgk-info" width="100%" border="0" cellspacing="0">
<tr><th>索引号</th><td>{site_code}/{pub[:4] or "0000"}-{digest % 100000:05d}</td><th>主题分类</th><td>综合政务</td></tr>
<tr><th>发文机关</th><td>{e(meta.issuer)}</td><th>发文字号</th><td>{e(meta.doc_number)}</td></tr>
<tr><th>成文日期</th><td>{pub}</td><th>发布日期</th><td>{pub}</td></tr>
<tr><th>标题</th><td colspan="3">{e(title)}</td></tr>
</table>
<div class="article">
<h1 class="article-title">{e(title)}</h1>
<div class="article-info"><span>来源：{e(meta.issuer or site)}</span><span>发布时间：{pub}</span><span>浏览次数：<em id="hits">0</em></span>
<span class="font">【字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</span></div>
<div class="article-content TRS_Editor" id="zoom">
{body_html(doc, HTML_STYLE)}
</div>
<div class="article-down">附件下载：<a href="{doc.stem}.docx">{e(title)}.docx</a> <a href="{doc.stem}.pdf">{e(title)}.pdf</a></div>
<div class="article-tools"><a href="javascript:void(0)" onclick="window.print()">【打印】</a> <a href="javascript:window.close()">【关闭窗口】</a> <a href="javascript:void(0)">【收藏】</a> <a href="javascript:scroll(0,0)">【返回顶部】</a></div>
<div class="share">分享到：<a class="wx" href="javascript:void(0)">微信</a><a class="wb" href="javascript:void(0)">微博</a><a class="qq" href="javascript:void(0)">QQ空间</a></div>
</div>
<div class="related"><h4>相关链接</h4><ul><li><a href="/zcwj/zcjd/">政策解读</a></li><li><a href="/zwgk/ghjh/">规划计划</a></li></ul></div>
</div>
<div class="footer"><div class="w1200">
<p><a href="/about/">关于本网</a> | <a href="/sitemap/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a href="/privacy/">隐私声明</a></p>
<p>主办单位：{e(meta.issuer or site)}　承办单位：{e(site)}电子政务中心</p>
<p>网站标识码：{site_code}　<a href="https://beian.miit.gov.cn/">{icp}</a></p>
<p><img src="/static/img/jiucuo.png" alt="政府网站找错"> <img src="/static/img/dzjg.png" alt="党政机关"></p>
</div></div>
</body>
</html>
"""


# --------------------------------------------------------------------------- main


def render(txt: Path, *, pdf: bool) -> dict:
    doc, meta = parse_plan(txt)
    lines = element_lines(doc)
    out_dir = txt.parent
    docx_path = out_dir / f"{txt.stem}.docx"
    write_docx(doc, docx_path, meta.plan_title or meta.title)
    check_docx(docx_path, lines)
    page = page_html(doc, meta)
    check_html(page, doc, txt)
    (out_dir / f"{txt.stem}.html").write_text(page, encoding="utf-8")
    result = {"stem": txt.stem, "lines": len(lines), "tables": [(len(t.grid), t.n_cols) for t in doc.tables],
              "pages": None}
    if pdf:
        try:
            pdf_path = docx_to_pdf(docx_path, out_dir)
            result["pages"] = len(PdfReader(pdf_path).pages)
        except (subprocess.SubprocessError, OSError) as exc:
            print(f"warning: {txt.stem}: PDF export failed: {exc}", file=sys.stderr)
            result["pages"] = "failed"
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dirs", nargs="+", type=Path, help="folders whose *.txt plans are rendered")
    ap.add_argument("--no-pdf", action="store_true", help="skip the LibreOffice PDF export")
    args = ap.parse_args(argv)
    pdf = not args.no_pdf
    if pdf and not (shutil.which("soffice") or shutil.which("libreoffice")):
        print("warning: LibreOffice (soffice) not found, PDFs are skipped", file=sys.stderr)
        pdf = False
    failed = False
    for folder in args.dirs:
        txts = sorted(folder.glob("*.txt"))
        if not txts:
            print(f"warning: no *.txt in {folder}", file=sys.stderr)
        for txt in txts:
            r = render(txt, pdf=pdf)
            failed |= r["pages"] == "failed"
            tables = ", ".join(f"{rows}x{cols}" for rows, cols in r["tables"]) or "none"
            pages = f", {r['pages']} PDF pages" if r["pages"] is not None else ""
            print(f"{txt}: {r['lines']} lines, tables {tables}{pages}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
