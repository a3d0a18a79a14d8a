"""Text with an offset map: every character remembers where it came from in the reader's text.

Repair and normalisation steps are pure functions ``MappedText -> MappedText``; since each step
keeps the source index of every surviving character, a span of the normalised text can always be
traced back to the exact characters the reader produced (pdfplumber's TextMap idea).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class MappedText:
    text: str
    index: tuple[int, ...]  # index[i] = source position of text[i]

    @classmethod
    def from_source(cls, text: str, offset: int = 0) -> MappedText:
        return cls(text, tuple(range(offset, offset + len(text))))

    def __len__(self) -> int:
        return len(self.text)

    def __add__(self, other: MappedText) -> MappedText:
        return MappedText(self.text + other.text, self.index + other.index)

    def slice(self, start: int, end: int) -> MappedText:
        return MappedText(self.text[start:end], self.index[start:end])

    def strip(self) -> MappedText:
        s = self.text
        start = len(s) - len(s.lstrip())
        end = len(s.rstrip())
        return self.slice(start, end) if end > start else MappedText("", ())

    def map_chars(self, fn: Callable[[str], str]) -> MappedText:
        """Apply a length-preserving conversion (width folding, t2s) to the whole text."""
        out = fn(self.text)
        if len(out) == len(self.text):
            return MappedText(out, self.index)
        # fall back to char-by-char when the converter changed the length
        chars = [fn(c) for c in self.text]
        if all(len(c) == 1 for c in chars):
            return MappedText("".join(chars), self.index)
        text, index = [], []
        for c, i in zip(chars, self.index, strict=True):
            text.append(c)
            index.extend([i] * len(c))
        return MappedText("".join(text), tuple(index))

    def sub(self, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]) -> MappedText:
        """Replace regex matches; replacement chars map to the first source char of the match."""
        parts: list[str] = []
        index: list[int] = []
        pos = 0
        for m in pattern.finditer(self.text):
            parts.append(self.text[pos : m.start()])
            index.extend(self.index[pos : m.start()])
            new = repl(m)
            if new == m.group(0):
                index.extend(self.index[m.start() : m.end()])
            elif new:
                anchor = self.index[m.start()] if m.end() > m.start() else (self.index[m.start() - 1] if m.start() else 0)
                index.extend([anchor] * len(new))
            parts.append(new)
            pos = m.end()
        parts.append(self.text[pos:])
        index.extend(self.index[pos:])
        return MappedText("".join(parts), tuple(index))


def join(pieces: list[MappedText], sep: str = "") -> MappedText:
    """Concatenate pieces with ``sep`` between them (separator chars map to the next piece)."""
    text: list[str] = []
    index: list[int] = []
    for k, p in enumerate(pieces):
        if k and sep:
            anchor = p.index[0] if p.index else (index[-1] if index else 0)
            text.append(sep)
            index.extend([anchor] * len(sep))
        text.append(p.text)
        index.extend(p.index)
    return MappedText("".join(text), tuple(index))
