"""Block structure from the text of Chinese official documents: numbering levels, attachments.

Numbering hierarchy of 党政机关公文 (GB/T 9704): "一、" (level 1), "(一)" (level 2), "1." (level 3),
"(1)" (level 4), "①" (level 5); in 规定/办法/若干措施, "第一章" (1), "第一节" (2), "第一条" (3, articles are
the items). A numbered line that is short and has no sentence in it is a
heading; a numbered paragraph with content is a list item (a task).
"""

from __future__ import annotations

import re

from policyparse.model import BlockKind

_CN = "一二三四五六七八九十百零〇"
NUMBER_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    # articles of 规定/办法/若干措施: "第一章" chapter, "第一节" section, "第一条" article (the item level)
    (1, re.compile(rf"^(第[{_CN}]+章)")),
    (2, re.compile(rf"^(第[{_CN}]+节)")),
    (3, re.compile(rf"^(第[{_CN}]+条)(?!的)")),  # spaces after the marker are gone after normalisation
    (1, re.compile(rf"^([{_CN}]+\s*[、.])")),
    (2, re.compile(rf"^([(（]\s*[{_CN}]+\s*[)）])")),
    (3, re.compile(r"^(\d{1,3}\s*[.、](?!\d))")),
    (4, re.compile(r"^([(（]\s*\d{1,3}\s*[)）])")),
    (5, re.compile(r"^([①-⑳])")),
)
ATTACHMENT = re.compile(r"^附\s*(?:件|表)\s*(\d{0,2})\s*[:：]?\s*$")
ATTACHMENT_WITH_TITLE = re.compile(r"^附\s*(?:件|表)\s*(\d{1,2})\s*[:：]?\s*(\S.{0,40})$")
HEADING_MAX_CHARS = 30


def numbering(text: str) -> tuple[int | None, str | None]:
    """(level, marker) of a numbered block, e.g. "(一)加快..." -> (2, "(一)")."""
    for level, pat in NUMBER_PATTERNS:
        m = pat.match(text)
        if m:
            return level, m.group(1).replace(" ", "")
    return None, None


def classify(text: str, hint: BlockKind | None = None) -> tuple[BlockKind, int | None, str | None]:
    """Kind, level and marker of a text block."""
    level, marker = numbering(text)
    if hint is BlockKind.HEADING:
        return BlockKind.HEADING, level, marker
    if level is None:
        return hint or BlockKind.PARAGRAPH, None, None
    body = text[len(marker or "") :].strip()
    sentence = "。" in body.rstrip("。") or len(body) > HEADING_MAX_CHARS
    if not sentence and not body.endswith(("。", ";", ";")):
        return BlockKind.HEADING, level, marker
    return BlockKind.LIST_ITEM, level, marker


def attachment_label(text: str) -> str | None:
    """"附件1" for a block that opens attachment 1 ("附件1", "附件 2:", "附件:"), else None."""
    m = ATTACHMENT.match(text) or ATTACHMENT_WITH_TITLE.match(text)
    if not m:
        return None
    return "附件" + (m.group(1) or "")
