"""Collision-free placement of SVG text: every label gets a conservative box (sized for the larger
font of narrow screens, CJK one em wide) and is put at the first candidate position whose box
touches no label already placed; a label with no free position is left out (its point keeps its
hover title)."""

from __future__ import annotations

from collections.abc import Iterable

Box = tuple[float, float, float, float]  # x0, y0, x1, y1
ASCENT, DESCENT = 1.1, 0.4  # of the font size, generous for the embedded CJK font


def text_width(text: str, size: float) -> float:
    return sum(size if ord(c) > 0x2E80 else 0.62 * size for c in text)


def text_box(x: float, y: float, text: str, anchor: str, size: float) -> Box:
    """The box of ``text`` drawn at baseline ``y`` with ``text-anchor`` ``anchor``."""
    w = text_width(text, size)
    x0 = x - w if anchor == "end" else x - w / 2 if anchor == "middle" else x
    return (x0, y - ASCENT * size, x0 + w, y + DESCENT * size)


def overlaps(a: Box, b: Box, pad: float = 1.0) -> bool:
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


class Placer:
    """Boxes taken so far inside ``bounds``; ``place`` returns the first free candidate."""

    def __init__(self, bounds: Box):
        self.bounds = bounds
        self.taken: list[Box] = []
        self.soft: list[Box] = []  # markers: avoided when possible, not forbidden

    def inside(self, b: Box) -> bool:
        x0, y0, x1, y1 = self.bounds
        return b[0] >= x0 and b[1] >= y0 and b[2] <= x1 and b[3] <= y1

    def free(self, b: Box, soft: bool = True) -> bool:
        return self.inside(b) and not any(overlaps(b, t) for t in self.taken) and \
            not (soft and any(overlaps(b, s, 0) for s in self.soft))

    def take(self, b: Box) -> None:
        self.taken.append(b)

    def place(self, candidates: Iterable[tuple[Box, object]]) -> object | None:
        """The payload of the first candidate free of markers, else of the first free one, else None."""
        cands = list(candidates)
        for soft in (True, False):
            for box, payload in cands:
                if self.free(box, soft):
                    self.take(box)
                    return payload
        return None
