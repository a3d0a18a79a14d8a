"""Line-level repair: drop page furniture and re-join lines broken inside words or sentences.

The rules follow general patterns of Chinese documents extracted from PDF/Word: a sentence ends
with terminal punctuation, a new item starts with a structural marker ("一、", "(一)", "1.",
"附件", "牵头单位:"), and page breaks leave page-number lines ("— 3 —") between the halves of a
sentence.
"""

from __future__ import annotations

import re

# "— 3 —", "- 3 -", "—3—", "第 3 页", "第3页 共12页", "3/12"
PAGE_NUMBER = re.compile(
    r"^\s*(?:[—–\-－]{1,2}\s*\d{1,4}\s*[—–\-－]{1,2}|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
# Web-page breadcrumbs and navigation lines: "首页 > 政策文件 > 正文", "甘肃招商网络> 正文".
BREADCRUMB = re.compile(r"^.{0,40}(?:>|＞|»|>>)\s*(?:正文|首页|详情|政策文件|政府文件).{0,60}$|^\s*当前位置[:：是]")

# Structural markers that start a new block.
MARKER = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+\s*[、.．]|[(（]\s*[一二三四五六七八九十百]+\s*[)）]|\d{1,3}\s*[.、．](?!\d)|[(（]\s*\d{1,3}\s*[)）]|[①-⑳]"
    r"|附件|附表|牵头单位|牵头部门|责任单位|责任部门|配合单位|配合部门|参与单位|协办单位|主办单位|抄送|印发)"
)
TERMINAL = set("。！？；：!?;:")
# The addressee line of an official document ("各县、市、区人民政府,...:") starts a block.
SALUTATION = re.compile(r"^各[^。]{2,120}[:：]$")
DATE_LINE = re.compile(r"^\s*(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)\s*$")
# A line ending in a document-type word is a title ("……实施方案", "……的通知").
TITLE_END = re.compile(r"(?:方案|意见|通知|计划|办法|规划|决定|指引|纲要|细则|规定|(?:讨论|征求意见|送审)稿[)）]?)$")
CONTINUATION_START = set("，,。、)）:：;；”")
CLAUSE = set("，,、")


# Web-page tool links: "【下载Word】【下载PDF】【打印】【关闭窗口】", "分享到:".
TOOL_LINK = re.compile(r"【\s*(?:下载|打印|关闭|字体|收藏|分享|返回顶部)")


def is_page_furniture(line: str) -> bool:
    """Page-number lines, navigation breadcrumbs and tool links that are not part of the text."""
    return bool(PAGE_NUMBER.match(line) or BREADCRUMB.match(line) or len(TOOL_LINK.findall(line)) >= 2)


def continues(prev: str, nxt: str) -> bool:
    """Whether ``nxt`` continues the sentence that ``prev`` left unfinished (a broken line)."""
    p, n = prev.rstrip(), nxt.lstrip()
    if not p or not n:
        return False
    if n[0] in CONTINUATION_START:
        return True
    if p[-1] in TERMINAL or p[-1] in ")）":
        return False
    if MARKER.match(n) or SALUTATION.match(n) or DATE_LINE.match(n) or DATE_LINE.match(p):
        return False
    if TITLE_END.search(p):
        return False
    if MARKER.match(p) and len(p) <= 40 and p[-1] not in CLAUSE:
        return False  # a complete heading such as "一、总体要求"
    # A short line that does not end mid-clause is a title, date or label, not a broken line.
    return not (len(p) < 20 and p[-1] not in CLAUSE)


def join_lines(lines: list[str]) -> str:
    """Join the physical lines of one block; a space only between two ASCII words."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() and line[0].isalpha():
            out += " "
        out += line
    return out
