"""What crawlers and browsers wrap around a text copy of a document, and Markdown markup.

Text copies of policies are rarely the document alone. Crawlers put a header on top and a
trailer below; a page printed from a browser repeats the browser's header and footer on every
page. None of it is the document, so the TXT reader drops those lines (they become blank lines,
so line numbers and the blank-line structure that flattened tables rely on stay) before it builds
blocks; the offsets of what remains are those of the reader's text as always.

Dropped, anywhere they are recognised as such:

- YAML front matter (``---`` on the first line, ``key: value`` lines, ``---``);
- the generated "basic info" block at the top: label lines in Markdown bold (``**发布日期**: …``,
  ``- **原文链接**：…``) or plain lines with a label only a crawler writes (原文链接 / 检索时间 /
  检索关键词 / 法宝引证码 …), their ``### 基本信息`` / ``## 文档 ：X.md`` / ``## 政策全文``
  headings, ``---`` rules, link lines and ``> 本文正文由脚本…`` disclaimers before the text starts;
- the trailer: ``**更新时间**: …`` and the rules around it at the end;
- ``【原文下载】`` / ``【相关附件】`` and the list of download links under it;
- browser print headers and footers: ``2026/1/26 11:25 <page title>`` lines (when the file has
  two of them, or a footer) and ``https://… 3/12`` footers.

In a Markdown copy (``.md``, or a text file that opens like one: :func:`looks_like_markdown`) the
markup goes too: ``# `` heading markers (the line becomes a
heading), a line all in ``**bold**`` (a heading when short), inline ``**``, ``[text](url)`` links
(their text stays), ``> `` quote markers and ``---`` rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown")

# labels of a generated metadata block (bold in Markdown copies)
_LABELS = (
    r"标题|文号|文件编号|发布日期|发文日期|成文日期|发布机构|发布单位|发文机关|发布机关|原文链接|官方链接|原文地址|来源|"
    r"分类|类型|层级|状态|文档类型|文件名称|检索时间|检索关键词|关键词|更新时间|采集时间|抓取时间|法宝引证码|附件"
)
_BOLD_LABEL = re.compile(rf"^\s*(?:[-*+]\s+)?\*\*\s*(?:{_LABELS})\s*\*\*\s*[:：]")
# labels no document writes about itself: a plain "label：value" line with one is a crawler's
_CRAWLER_LABEL = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:【\s*法宝引证码\s*】|(?:原文链接|官方链接|原文地址|检索时间|检索关键词|采集时间|抓取时间)\s*[:：])"
)
_WRAPPER_HEADING = re.compile(r"^\s*#{1,6}\s*(?:基本信息|政策全文|正文|全文|文档\s*[:：].*)\s*$")
_RULE = re.compile(r"^\s*(?:-{2,}|\*{3,}|_{3,}|={3,})\s*$")
_QUOTE = re.compile(r"^\s*>")
_YAML_LINE = re.compile(r"^\s*[^\s:：][^:：]{0,30}[:：](?:\s|$)|^\s*-\s|^\s*#|^\s*$")
_DOWNLOAD = re.compile(r"^\s*[【\[]\s*(?:原文下载|附件下载|下载原文|文件下载|相关附件)\s*[】\]]\s*[:：]?\s*$")
# a line that is only a link (a download list item: "- [名称.pdf](/cmsres/….pdf) (pdf)")
_LINK_ITEM = re.compile(r"^\s*(?:[-*+]\s+)?\[[^\]]*\]\([^)]*\)\s*(?:[(（]\w{2,5}[)）])?\s*$")
_PRINT_HEADER = re.compile(
    r"^\s*\d{4}/\d{1,2}/\d{1,2}\s*(?:上午|下午|AM|PM)?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM)?(?:\s+\S.{0,150})?$", re.I
)
_PRINT_FOOTER = re.compile(r"^\s*(?:(?:https?|file)://\S+|about:blank)\s+\d{1,4}\s*/\s*\d{1,4}\s*$")

_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*\*\*(.+?)\*\*\s*$")
_INLINE_BOLD = re.compile(r"\*\*(.+?)\*\*")
_INLINE_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


@dataclass
class Unwrapped:
    """The lines with wrapper lines blanked (same length as the input), the lines Markdown marks
    as headings, and what was dropped (for the reader's warnings)."""

    lines: list[str]
    headings: set[int] = field(default_factory=set)
    dropped: list[str] = field(default_factory=list)


def looks_like_markdown(lines: list[str]) -> bool:
    """A Markdown copy whatever its name (``X.md`` saved as ``X.txt``): it opens with front matter
    or an ATX heading, or its first lines hold a ``**label**:`` line."""
    head = [s for s in lines[:40] if s.strip()][:15]
    if not head:
        return False
    return head[0].strip() == "---" or bool(_ATX.match(head[0])) or any(_BOLD_LABEL.match(s) for s in head)


def _front_matter(lines: list[str]) -> int:
    """Number of lines of a YAML front matter at the start (0 if there is none)."""
    first = next((k for k, s in enumerate(lines) if s.strip()), None)
    if first is None or lines[first].strip() != "---":
        return 0
    for k in range(first + 1, min(len(lines), first + 60)):
        if lines[k].strip() in ("---", "..."):
            return k + 1
        if not _YAML_LINE.match(lines[k]):
            return 0
    return 0


def _is_top_wrapper(line: str, markdown: bool) -> bool:
    return bool(
        _BOLD_LABEL.match(line)
        or _CRAWLER_LABEL.match(line)
        or _WRAPPER_HEADING.match(line)
        or (markdown and (_RULE.match(line) or _QUOTE.match(line) or _LINK_ITEM.match(line)))
    )


def unwrap(lines: list[str], markdown: bool = False) -> Unwrapped:
    """Blank the wrapper lines of a text copy (see the module docstring); unmark Markdown."""
    out = list(lines)
    dropped: list[str] = []

    def drop(k: int) -> None:
        out[k] = ""

    n = _front_matter(out)
    if n:
        for k in range(n):
            drop(k)
        dropped.append("YAML front matter")
    # the generated block on top: wrapper lines (and a "# title" among them) until the text starts
    top = 0
    for k in range(n, len(out)):
        s = out[k]
        if not s.strip():
            continue
        if _is_top_wrapper(s, markdown):
            drop(k)
            top += 1
        elif markdown and _ATX.match(s) and k - n < 3 and not top:
            continue  # the crawler's "# title" above its block: kept (unmarked below)
        else:
            break
    if top:
        dropped.append(f"crawler header ({top} lines)")
    # the trailer: update time and rules at the end
    tail = 0
    for k in range(len(out) - 1, -1, -1):
        s = out[k]
        if not s.strip():
            continue
        if _BOLD_LABEL.match(s) or (markdown and _RULE.match(s)) or _CRAWLER_LABEL.match(s):
            drop(k)
            tail += 1
        else:
            break
    if tail:
        dropped.append(f"crawler trailer ({tail} lines)")
    # download links and print headers/footers, anywhere
    k, links = 0, 0
    while k < len(out):
        if _DOWNLOAD.match(out[k]):
            drop(k)
            links += 1
            j = k + 1
            while j < len(out) and (not out[j].strip() or _LINK_ITEM.match(out[j])):
                if out[j].strip():
                    links += 1
                drop(j)
                j += 1
            k = j
        else:
            k += 1
    if links:
        dropped.append(f"download links ({links} lines)")
    footers = [k for k, s in enumerate(out) if _PRINT_FOOTER.match(s)]
    headers = [k for k, s in enumerate(out) if _PRINT_HEADER.match(s)]
    if len(headers) < 2 and not footers:
        headers = []
    for k in footers + headers:
        drop(k)
    if footers or headers:
        dropped.append(f"browser print headers/footers ({len(footers) + len(headers)} lines)")
    headings: set[int] = set()
    if markdown:
        headings = _unmark(out)
    return Unwrapped(out, headings, dropped)


def _unmark(out: list[str]) -> set[int]:
    """Remove Markdown markup in place; the indices of heading lines."""
    headings: set[int] = set()
    for k, s in enumerate(out):
        if not s.strip():
            continue
        if _RULE.match(s):
            out[k] = ""
            continue
        m = _ATX.match(s)
        if m:
            s = m.group(2)
            headings.add(k)
        else:
            b = _BOLD_LINE.match(s)
            if b and "**" not in b.group(1) and len(b.group(1)) <= 80:
                headings.add(k)
        s = re.sub(r"^\s*>\s?", "", s)
        s = _INLINE_LINK.sub(lambda m: m.group(1), s)
        s = _INLINE_BOLD.sub(lambda m: m.group(1), s)
        out[k] = s
    return headings
