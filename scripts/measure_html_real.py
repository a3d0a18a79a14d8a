"""Measure body finders on the real portal pages of ``../shared/real`` (issue 12).

    python scripts/measure_html_real.py                   # every finder, a table per page
    python scripts/measure_html_real.py --finder reader   # only the policyparse HTML reader
    python scripts/measure_html_real.py --real /path/to/shared/real --quiet

trafilatura is not a dependency of policyparse (the reader does not use it); for the comparison,
``pip install trafilatura lxml_html_clean`` (its jusText needs lxml's separate html-clean package).

For each page the *reference body* is the text of the portal's own content container, picked
with the sites' class/id names (``#zoomcon``, ``#info_cont``, ``.article-content`` ...). Those
names are used here only, to score; no reader uses them. Per page and finder:

- ``recall``: share of the reference's characters (in sentence-like segments of six or more
  characters, NFKC, whitespace removed) found in the finder's text;
- ``extra``: characters of the finder's text in segments that are in neither the reference nor the
  page title (site chrome, related links; a little noise from segmentation);
- ``chrome``: the page-furniture phrases of :data:`CHROME` in the finder's text, and the lines
  of it that are one of :data:`CHROME_BLOCKS`.

A page *passes* when recall >= 0.98 and no chrome phrase is found. Finders:

- ``reader``: :func:`policyparse.readers.read_raw` (whatever the installed reader does);
- ``trafilatura``: ``trafilatura.extract(html, include_tables=True)`` (text output);
- ``trafilatura-recall``: the same with ``favor_recall=True``;
- ``trafilatura+walker``: trafilatura locates the body (the smallest element of the reader's
  cleaned tree holding 90% of trafilatura's text), the reader's walker and chrome rules read it.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Page furniture of the portals (navigation, toolbars, breadcrumbs, share bars, metadata tables,
# footers): CHROME never occurs in a page's reference body; CHROME_BLOCKS never is a whole block
# (line) of it ("相关附件" is a label of the attachment box, but "上传相关附件材料" is body text).
CHROME = (
    "无障碍阅读", "无障碍版", "无障碍浏览", "长者模式", "长者助手", "长者专区", "关怀版", "繁體",
    "繁体版", "简繁转换", "English", "当前位置", "所在的位置", "搜索热词", "高级搜索", "用户登录",
    "扫一扫在手机打开", "分享到", "打印本页", "关闭窗口", "打印关闭", "返回顶部", "网站标识码",
    "ICP备", "公网安备", "版权所有", "主办单位：", "网站地图", "网站声明", "隐私声明", "内容纠错",
    "友情链接", "索引号", "发布机构：", "主题分类", "统一编号：", "文件状态", "浏览次数", "浏览量",
    "字体大小", "发表时间", "发布日期：", "文章来源", "上一篇", "下一篇", "下一页", "最后一页",
)  # fmt: skip
CHROME_BLOCKS = ("相关附件", "相关链接", "相关文件下载", "无障碍", "打印", "关闭", "收藏", "分享")

# the portals' content containers, most specific first (measurement only)
_REFERENCE_XPATHS = (
    "//*[@id='zoomcon']",
    "//*[@id='info_cont']",
    "//*[@id='detailCon']",
    "//*[contains(concat(' ', @class, ' '), ' newsMain ')]",
    "(//*[contains(concat(' ', @class, ' '), ' article-content ')])[1]",
    "//*[contains(concat(' ', @class, ' '), ' content_article ')]",
    "//*[contains(concat(' ', @class, ' '), ' infoList ')]",  # a column listing (20b)
)
_BLOCKS = {"p", "div", "li", "tr", "td", "th", "br", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol"}
_SEG = re.compile(r"[。；！？!?;\n\t|]+")


def norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def segments(text: str, min_len: int = 6) -> list[str]:
    out = []
    for s in _SEG.split(unicodedata.normalize("NFKC", text)):
        s = re.sub(r"\s+", "", s)
        if len(s) >= min_len:
            out.append(s)
    return out


def _block_text(el) -> str:
    parts: list[str] = []

    def walk(e) -> None:
        if not isinstance(e.tag, str):
            return
        if e.tag in ("script", "style"):
            if e.tail:
                parts.append(e.tail)
            return
        if e.tag in _BLOCKS:
            parts.append("\n")
        if e.text:
            parts.append(e.text)
        for c in e:
            walk(c)
        if e.tag in _BLOCKS:
            parts.append("\n")
        if e.tail:
            parts.append(e.tail)

    walk(el)
    parts[-1:] = [p for p in parts[-1:] if p != el.tail]
    return "".join(parts)


def reference(data: bytes) -> tuple[str, str]:
    """(page title, reference body text) of a portal page."""
    import lxml.html

    root = lxml.html.document_fromstring(data)
    meta = root.xpath("//meta[@name='ArticleTitle']/@content")
    title = meta[0] if meta else (root.findtext(".//title") or "")
    for xp in _REFERENCE_XPATHS:
        found = root.xpath(xp)
        if found:
            return title.strip(), _block_text(found[0])
    raise ValueError("no reference container")


def real_dir(given: str | None = None) -> Path | None:
    """``given``, else ``../shared/real`` from the repository (a worktree under ``wt/`` looks one
    level further up), else None."""
    cands = [Path(given)] if given else [p / "shared" / "real" for p in ROOT.parents[:2]]
    return next((c for c in cands if c.is_dir()), None)


def pages(real: Path) -> list[Path]:
    return sorted((real / "portal-html").glob("*.html")) + [
        real / "annotated" / "docs" / "h1_guangzhou_family_doctor.html"
    ]


# --------------------------------------------------------------------------- finders


def reader_text(path: Path, data: bytes) -> str:
    from policyparse.readers import read_raw

    doc = read_raw(path, data)
    out = []
    for b in doc.blocks:
        if b.rows is not None:
            out.extend(c.text for row in b.rows for c in row)
        else:
            out.append((b.number or "") + "".join(b.lines))
    return "\n".join(out)


def trafilatura_text(path: Path, data: bytes, **kw) -> str:
    import trafilatura

    return trafilatura.extract(data, include_tables=True, include_comments=False, **kw) or ""


def trafilatura_walker_text(path: Path, data: bytes) -> str:
    """trafilatura locates the body, the reader's walker reads it: the body is the smallest element
    of the reader's cleaned tree that holds 90% of trafilatura's text (in segments); its tables,
    headings and chrome filtering are the reader's."""
    from policyparse.readers import html

    found = trafilatura_text(path, data)
    segs = segments(found)
    total = sum(len(s) for s in segs)

    def locate(root):
        if not total:
            return root, []
        best = root
        for el in root.iter("div", "article", "section", "main", "td", "table", "body"):
            text = norm(el.text_content())
            if (
                len(text) < len(norm(best.text_content()))
                and sum(len(s) for s in segs if s in text) >= 0.9 * total
            ):
                best = el
        return best, []

    saved = html._find_body
    html._find_body = locate
    try:
        return reader_text(path, data)
    finally:
        html._find_body = saved


FINDERS = {
    "reader": reader_text,
    "trafilatura": trafilatura_text,
    "trafilatura-recall": lambda p, d: trafilatura_text(p, d, favor_recall=True),
    "trafilatura+walker": trafilatura_walker_text,
}


def score(text: str, title: str, ref: str) -> dict:
    found = norm(text)
    ref_n = norm(ref) + norm(title)
    segs = segments(ref)
    total = sum(len(s) for s in segs) or 1
    got = sum(len(s) for s in segs if s in found)
    extra = sum(len(s) for s in segments(text) if s not in ref_n)
    lines = {norm(x) for x in text.split("\n")}
    chrome = [c for c in CHROME if norm(c) in found] + [c for c in CHROME_BLOCKS if c in lines]
    return {"recall": got / total, "extra": extra, "chrome": chrome, "chars": len(found)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--real", help="the shared/real folder (default: ../shared/real from the repo)")
    ap.add_argument("--finder", action="append", choices=sorted(FINDERS), help="finders to run (default all)")
    ap.add_argument("--quiet", action="store_true", help="only the summary")
    args = ap.parse_args(argv)
    real = real_dir(args.real)
    if real is None:
        print("no shared/real folder found", file=sys.stderr)
        return 2
    finders = args.finder or list(FINDERS)
    try:
        import trafilatura  # noqa: F401 - not a dependency of the project, only of this comparison
    except ImportError:
        print(
            "trafilatura is not installed (pip install trafilatura lxml_html_clean): reader only",
            file=sys.stderr,
        )
        finders = [f for f in finders if not f.startswith("trafilatura")]
    totals = {
        f: {
            "pass": 0,
            "failed": 0,
            "chrome_pages": 0,
            "low_recall": 0,
            "extra": 0,
            "recall": [],
            "seconds": 0.0,
        }
        for f in finders
    }
    for path in pages(real):
        data = path.read_bytes()
        title, ref = reference(data)
        for f in finders:
            t0 = time.perf_counter()
            try:
                text = FINDERS[f](path, data)
                err = ""
            except Exception as e:  # noqa: BLE001 - a failure is a result here
                text, err = "", f"{type(e).__name__}"
            totals[f]["seconds"] += time.perf_counter() - t0
            s = score(text, title, ref)
            t = totals[f]
            t["recall"].append(s["recall"])
            t["extra"] += s["extra"]
            t["failed"] += bool(err)
            t["chrome_pages"] += bool(s["chrome"])
            t["low_recall"] += s["recall"] < 0.98
            t["pass"] += s["recall"] >= 0.98 and not s["chrome"]
            if not args.quiet:
                flag = "ok " if s["recall"] >= 0.98 and not s["chrome"] else "BAD"
                print(
                    f"{flag} {f:18s} {path.name[:34]:34s} recall {s['recall']:.3f} extra {s['extra']:5d} "
                    f"chars {s['chars']:6d} {err} {' '.join(s['chrome'])}"
                )
    n = len(pages(real))
    print(f"\n{n} pages")
    for f, t in totals.items():
        mean = sum(t["recall"]) / len(t["recall"])
        print(
            f"{f:18s} pass {t['pass']:2d}/{n}  errors {t['failed']}  recall<0.98 {t['low_recall']:2d}  "
            f"pages with chrome {t['chrome_pages']:2d}  mean recall {mean:.3f}  extra chars {t['extra']}  "
            f"{1000 * t['seconds'] / n:.0f} ms/page"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
