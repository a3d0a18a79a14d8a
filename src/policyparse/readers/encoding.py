"""Decode a text file's bytes: every path ends in text (with a warning when it had to guess) or a
typed error (:class:`~policyparse.errors.EncodingError`, :class:`~policyparse.errors.UnsupportedFormatError`),
never a ``UnicodeDecodeError``.

Order of attempts (:func:`decode`):

1. a byte-order mark (UTF-32 LE/BE, UTF-8, UTF-16 LE/BE; UTF-32 first, since its LE mark starts
   with UTF-16's). The rest is decoded in that encoding; a truncated last character (an odd
   number of bytes for UTF-16, a partial unit for UTF-32, a cut multi-byte UTF-8 sequence) is
   dropped with a warning; a few unpaired surrogates become U+FFFD with a warning. When the
   bytes do not fit the mark (decoding fails, or yields mostly characters no Chinese or Latin
   text uses), the mark is ignored with a warning and the steps below decide;
2. UTF-8; UTF-8 with a few invalid sequences (at most one per 2,000 bytes), replaced by U+FFFD
   with a warning;
3. UTF-16 without a mark, when NUL bytes sit on every other position (and the result is
   plausible text); other NUL bytes: binary, refused;
4. mixed UTF-8 and GB18030 (files concatenated from several sources): every line is UTF-8 or
   GB18030 and both occur; decoded line by line, with a warning;
5. charset-normalizer's best guess (GB18030 for GBK/GB2312, Big5, ...), with a warning; a guess
   that does not decode the whole file strictly is not taken;
6. otherwise :class:`EncodingError`.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from charset_normalizer import from_bytes

from policyparse.errors import EncodingError, UnsupportedFormatError

# charset-normalizer's "chaos" above this means the bytes are not text in any encoding we trust.
MAX_CHAOS = 0.25
# share of characters that must be ordinary text (CJK, Latin, digits, punctuation, whitespace)
PLAUSIBLE = 0.85
# at most this share of UTF-16 code units may be unpaired surrogates (then replaced by U+FFFD)
MAX_BAD_UNITS = 0.01

BOMS = (
    (codecs.BOM_UTF32_LE, "utf_32_le", 4),
    (codecs.BOM_UTF32_BE, "utf_32_be", 4),
    (codecs.BOM_UTF8, "utf_8", 1),
    (codecs.BOM_UTF16_LE, "utf_16_le", 2),
    (codecs.BOM_UTF16_BE, "utf_16_be", 2),
)


def _ordinary(ch: str) -> bool:
    o = ord(ch)
    return (
        0x20 <= o < 0x7F or ch in "\t\n\r\f\u3000"
        or 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF  # CJK ideographs (+ extension A)
        or 0x3000 <= o <= 0x30FF or 0xFF00 <= o <= 0xFFEF  # CJK punctuation, kana, full-width forms
        or 0x0400 <= o <= 0x04FF  # Cyrillic
        or 0x2000 <= o <= 0x206F or 0x2460 <= o <= 0x24FF  # general punctuation, circled numbers
        or 0x00A0 <= o <= 0x024F or 0x0391 <= o <= 0x03C9 or 0x2150 <= o <= 0x218F  # Latin-1/ext, Greek, ⅰ
        or 0x2190 <= o <= 0x22FF or 0x2500 <= o <= 0x25FF or 0xF900 <= o <= 0xFAFF  # arrows, math, boxes
        or o == 0xFFFD
    )


def plausible(text: str) -> bool:
    """True when ``text`` is mostly characters that Chinese or Latin documents use."""
    sample = text[:20000]
    if not sample:
        return True
    return sum(map(_ordinary, sample)) / len(sample) >= PLAUSIBLE


def _decode_with_bom(data: bytes, enc: str, unit: int) -> tuple[str, list[str]] | None:
    """Decode ``data`` (after the mark) as ``enc``; None when the bytes do not fit it."""
    warnings: list[str] = []
    cut = len(data) % unit
    if cut:
        data = data[: len(data) - cut]
        warnings.append(f"the file ends inside a {enc} character: its last {cut} byte(s) were dropped")
    decoder = codecs.getincrementaldecoder(enc)("strict")
    try:
        text = decoder.decode(data, final=False)
        tail = decoder.getstate()[0]
    except UnicodeDecodeError:
        text = None
        tail = b""
    if text is not None and tail:  # a multi-byte sequence (or a surrogate pair) cut at the end
        warnings.append(f"the file ends inside a {enc} character: its last {len(tail)} byte(s) were dropped")
    if text is None:
        if unit == 1:
            return None
        # UTF-16/32 with a few unpaired surrogates: replace them, if they are few
        text = data.decode(enc, errors="replace")
        bad = text.count("\ufffd")
        if bad > max(1, MAX_BAD_UNITS * (len(data) // unit)):
            return None
        warnings.append(f"{bad} invalid {enc} code unit(s) replaced by U+FFFD")
    if not plausible(text):
        return None
    return text, warnings


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    head = data[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    # Chinese UTF-16 has NULs in its ASCII characters (high byte) and in a few ideographs such as
    # 一 U+4E00 (low byte): nearly all on one side
    least = max(2, len(head) // 200)
    if odd >= least and even * 4 <= odd:
        enc = "utf_16_le"
    elif even >= least and odd * 4 <= even:
        enc = "utf_16_be"
    else:
        return None
    found = _decode_with_bom(data, enc, 2)
    return (found[0], enc) if found else None


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """UTF-8 with a few damaged bytes (a flipped bit, a cut copy): at most one invalid sequence
    per 2,000 bytes (and at most 50), none of them a line that is GB18030 text (that is a mixed
    file); returns (text with U+FFFD, invalid sequences)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    if bad > min(50, max(1, len(data) // 2000)) or not plausible(text):
        return None
    return text, bad


def _mixed_utf8_gb18030(data: bytes) -> tuple[str, int, int] | None:
    """Line-by-line UTF-8 / GB18030 decoding; None unless both occur and every line decodes."""
    parts: list[str] = []
    utf8_chars = gb_lines = utf8_lines = 0
    for line in data.splitlines(keepends=True):
        try:
            s = line.decode("utf-8")
            non_ascii = sum(1 for c in s if ord(c) > 0x7F)
            utf8_chars += non_ascii
            utf8_lines += bool(non_ascii)
        except UnicodeDecodeError:
            try:
                s = line.decode("gb18030")
            except UnicodeDecodeError:
                return None
            gb_lines += 1
        parts.append(s)
    if not gb_lines or utf8_chars < 4:
        return None
    text = "".join(parts)
    return (text, utf8_lines, gb_lines) if plausible(text) else None


def _guess(path: Path, data: bytes) -> tuple[str, str, list[str]]:
    best = None
    try:
        matches = from_bytes(data)
    except Exception:  # charset-normalizer on pathological input: treat as no candidate
        matches = []
    for match in matches:  # best first
        enc = match.encoding
        if match.chaos > MAX_CHAOS:
            continue
        if enc in ("gb2312", "gbk"):
            enc = "gb18030"  # superset: decodes every GBK file and the characters GB2312 lacks
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue  # a guess made on a sample that the whole file contradicts
        best = (text, enc, [f"encoding detected as {enc} (not UTF-8), chaos {match.chaos:.2f}"])
        break
    if best is None:
        raise EncodingError(path, "cannot determine the text encoding (no candidate decodes it cleanly)")
    return best


def decode(path: Path, data: bytes) -> tuple[str, str, list[str]]:
    """Return (text, encoding, warnings); raise a typed error when no encoding fits."""
    path = Path(path)
    warnings: list[str] = []
    for bom, enc, unit in BOMS:
        if data.startswith(bom):
            found = _decode_with_bom(data[len(bom):], enc, unit)
            if found is not None:
                return found[0], enc, found[1]
            warnings.append(f"the byte-order mark says {enc} but the bytes are not {enc} text: mark ignored")
            data = data[len(bom):]
            break
    try:
        return data.decode("utf-8"), "utf_8", warnings
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        found16 = _utf16_without_bom(data)
        if found16 is not None:
            return found16[0], found16[1], [*warnings, f"no byte-order mark: decoded as {found16[1]}"]
        raise UnsupportedFormatError(path, "binary data (NUL bytes), not a text document")
    mostly = _mostly_utf8(data)
    if mostly is not None:
        text, bad = mostly
        return text, "utf_8", [*warnings, f"{bad} invalid UTF-8 byte sequence(s) replaced by U+FFFD"]
    mixed = _mixed_utf8_gb18030(data)
    if mixed is not None:
        text, n_utf8, n_gb = mixed
        return text, "utf_8+gb18030", [
            *warnings, f"mixed encodings: {n_utf8} line(s) decoded as UTF-8, {n_gb} as GB18030"]
    text, enc, more = _guess(path, data)
    return text, enc, [*warnings, *more]
