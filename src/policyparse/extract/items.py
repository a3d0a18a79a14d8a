"""Items: a numbered task or indicator paragraph plus the un-numbered lines that belong to it.

An item starts at a numbered list item ("1.优化…。", "(三)加强…。") and runs over the following plain
paragraphs ("牵头单位:…", "责任单位:…", continuation text) until the next numbered block, heading
or table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policyparse.model import Block, BlockKind, Document


@dataclass(frozen=True)
class Item:
    label: str  # "1.优化区域创新空间布局"
    title: str  # "优化区域创新空间布局"
    start: int
    end: int
    blocks: tuple[Block, ...]
    section: str | None


def item_label(block: Block) -> tuple[str, str]:
    number = block.number or ""
    body = block.text[len(number) :] if block.text.startswith(number) else block.text
    title = re.split(r"[。;；:：]", body.strip(), maxsplit=1)[0].strip()
    if len(title) > 60:
        title = re.split(r"[,，]", title, maxsplit=1)[0][:60]
    return f"{number}{title}", title


def find_items(doc: Document) -> list[Item]:
    items: list[Item] = []
    current: list[Block] = []

    def close() -> None:
        if current:
            label, title = item_label(current[0])
            items.append(Item(label, title, current[0].start, current[-1].end, tuple(current), current[0].section))

    for b in doc.blocks:
        if b.kind is BlockKind.LIST_ITEM:
            close()
            current = [b]
        elif b.kind is BlockKind.PARAGRAPH and current:
            current.append(b)
        else:
            close()
            current = []
    close()
    return items


def heading_item(blocks: list[Block] | tuple[Block, ...], k: int) -> Item | None:
    """The item of a numbered heading whose body is the single paragraph ``blocks[k]``.

    "二、降低预售资金监管账户资金留存额度" over one paragraph that ends "(牵头单位:…)": the measure is the
    heading, not the paragraph's first clause. A heading over several paragraphs is a section (None).
    """
    blk = blocks[k]
    if k == 0 or blk.kind is not BlockKind.PARAGRAPH:
        return None
    head = blocks[k - 1]
    if head.kind is not BlockKind.HEADING or not head.number:
        return None
    if k + 1 < len(blocks) and blocks[k + 1].kind is BlockKind.PARAGRAPH:
        return None
    label, title = item_label(head)
    return Item(label, title, blk.start, blk.end, (head, blk), blk.section)

