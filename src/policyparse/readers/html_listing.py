"""A column page (栏目页) that lists documents instead of holding one: its list of titles.

Portals serve pages such as "仲裁公告" whose content is a list of links to notices, each with its
date; they have no article body (every text is a link). When the body finder finds no article
text, the reader falls back to this list: the element with the most children that hold a link with
title-length text (navigation and footer links are a few characters: "首页", "政务公开", "网站地图"), each of
its children holding such a link (``li``, ``tr``, a ``div`` per entry) becoming list items.
"""

from __future__ import annotations

import re

_WS = re.compile(r"\s+")
MIN_TITLE = 10  # characters of a link's text for it to be a document title rather than navigation
MIN_ITEMS = 3


def _squeezed(el) -> str:
    return _WS.sub("", el.text_content())


def listing_items(root) -> list | None:
    """The items of the page's main list of document links (the element with the most children
    holding a title-length link), or None if there is no such list."""
    titles = [a for a in root.iter("a") if len(_squeezed(a)) >= MIN_TITLE]
    items: dict = {}  # container -> its children holding a title, in document order
    for a in titles:
        child = a
        for anc in a.iterancestors():
            if anc.tag in ("body", "html"):
                break
            found = items.setdefault(anc, [])
            if not found or found[-1] is not child:
                found.append(child)
            child = anc
    if not items:
        return None
    best = max(items.values(), key=len)
    return best if len(best) >= MIN_ITEMS else None
