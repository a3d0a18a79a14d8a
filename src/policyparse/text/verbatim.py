"""Quote the reader's own characters for a span of the normalised text.

Normalisation folds widths (``：；，（）`` -> ``:;,()``), converts traditional characters and drops
spaces; the offset map (``Document.source_index``) keeps where each character came from, so a quote
can give back what the file says: the source characters of the span, with the spaces the
normalisation dropped between them. What the repair removed between two lines (a line break, a
page number, a running head) is left out, so the quote reads as one passage.
"""

from __future__ import annotations

from collections.abc import Sequence

from policyparse.text.normalise import fold_width, to_simplified

_HSPACE = frozenset(" \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff")


def verbatim(text: str, index: Sequence[int], source: str, start: int, end: int) -> str:
    """The source characters of ``text[start:end]`` (``index[i]``: position in ``source`` of
    ``text[i]``). Falls back to the normalised text when there is no usable map."""
    if end <= start or not source or len(index) != len(text):
        return text[start:end]
    pos = index[start:end]
    if any(b < a for a, b in zip(pos, pos[1:], strict=False)) or pos[-1] >= len(source):
        return _by_char(text, pos, source, start)  # not in source order (a rebuilt table): char by char
    out: list[str] = []
    k, n = 0, len(pos)
    prev = None
    while k < n:
        p = pos[k]
        j = k
        while j < n and pos[j] == p:
            j += 1
        group = text[start + k : start + j]  # the normalised characters that came from source[p]
        if prev is not None and p > prev + 1:
            gap = source[prev + 1 : p]
            if all(c in _HSPACE for c in gap):
                out.append(gap)  # spaces the normalisation dropped ("到 2024 年")
        i = _own(source[p], group)
        if i is None:
            out.append(group)  # a replacement: keep what the normalisation wrote
        else:  # characters inserted beside it (a cell separator) stay, the character is the file's
            out.append(group[:i] + source[p] + group[i + 1 :])
        prev = p
        k = j
    return "".join(out)


def _own(s: str, group: str) -> int | None:
    """Which character of ``group`` is ``s`` normalised (None if none is)."""
    for i, c in enumerate(group):
        if c == s or fold_width(s) == c:
            return i
    for i, c in enumerate(group):
        if fold_width(to_simplified(s)) == c:
            return i
    return None


def _by_char(text: str, pos: Sequence[int], source: str, start: int) -> str:
    out = []
    for k, p in enumerate(pos):
        c = text[start + k]
        s = source[p] if 0 <= p < len(source) else c
        out.append(s if _own(s, c) is not None else c)
    return "".join(out)
