"""Issue 14: every decoding path of the TXT reader ends in text (with a warning) or a typed error,
never a traceback (``UnicodeDecodeError: 'utf-16-le' codec can't decode byte ... truncated data``).
Fixtures: ``scripts/make_bad_fixtures.py``."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from policyparse import api
from policyparse.errors import EncodingError, PolicyParseError, UnsupportedFormatError
from policyparse.readers import read_document
from policyparse.readers.encoding import decode

BAD = Path(__file__).resolve().parents[1] / "fixtures" / "bad"
SEED = Path(__file__).resolve().parents[2] / "corpus" / "000_66384f2078c7182b.txt"
EXCERPT = "\n".join([ln for ln in SEED.read_text(encoding="utf-8").split("\n") if ln.strip()][:6]) + "\n"

# fixture -> (encoding reported, a warning that must be there)
RECOVERED = {
    "utf16-bom-odd-length.txt": ("utf_16_le", "last 1 byte(s) were dropped"),
    "utf16be-bom-cut-surrogate.txt": ("utf_16_be", "last 2 byte(s) were dropped"),
    "utf16-bom-lone-surrogate.txt": ("utf_16_le", "1 invalid utf_16_le code unit(s) replaced"),
    "utf32-bom-truncated.txt": ("utf_32_le", "last 2 byte(s) were dropped"),
    "utf16-bom-but-utf8.txt": ("utf_8", "the byte-order mark says utf_16_le but the bytes are not"),
    "utf8-bom-but-gb18030.txt": ("gb18030", "the byte-order mark says utf_8 but the bytes are not"),
    "utf8-bom-cut-sequence.txt": ("utf_8", "last 2 byte(s) were dropped"),
    "mixed-utf8-gb18030.txt": ("utf_8+gb18030", "mixed encodings: 3 line(s) decoded as UTF-8, 3 as GB18030"),
}


@pytest.mark.parametrize("name", sorted(RECOVERED))
def test_bad_encodings_fall_back_with_a_warning(name):
    path = BAD / name
    text, enc, warnings = decode(path, path.read_bytes())
    assert enc == RECOVERED[name][0]
    assert any(RECOVERED[name][1] in w for w in warnings), warnings
    # the excerpt is there, but for a cut last character (and the replaced unit)
    got = text.replace("\ufffd", "")
    assert EXCERPT.startswith(got) and len(got) >= len(EXCERPT) - 2


@pytest.mark.parametrize("name", sorted(RECOVERED))
def test_bad_encodings_extract(name):
    facts = api.extract(BAD / name)
    assert facts["document"]["path"].endswith(name)


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF16_LE + b"\x00",  # nothing but a BOM and half a unit
        codecs.BOM_UTF16_LE + bytes(range(256)) * 8,  # a BOM in front of binary bytes
        codecs.BOM_UTF32_BE + b"\x00\x00\x4e",  # a BOM and a cut character
        codecs.BOM_UTF16_BE + "测试".encode("utf-16-le") * 50,  # wrong byte order: implausible text
        b"\xff\xfe" + b"\xd8\x00" * 300,  # every unit a lone surrogate
        "测试文本".encode() * 20 + b"\x80\x81\xfe\xff" * 30,  # UTF-8 then junk that is no encoding
    ],
)
def test_no_traceback_on_any_decoding_path(tmp_path, data):
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    try:
        text, _enc, _warnings = decode(path, data)
    except (EncodingError, UnsupportedFormatError) as e:
        assert e.path == str(path)
    else:
        assert isinstance(text, str)
    try:
        read_document(path)
    except PolicyParseError as e:
        assert e.path == str(path)


def test_utf16_without_bom():
    data = EXCERPT.encode("utf-16-le")
    text, enc, warnings = decode(Path("x.txt"), data)
    assert text == EXCERPT and enc == "utf_16_le" and "no byte-order mark" in warnings[0]


def test_clean_files_decode_as_before():
    for data, enc in ((EXCERPT.encode(), "utf_8"), (codecs.BOM_UTF8 + EXCERPT.encode(), "utf_8"),
                      (codecs.BOM_UTF16_LE + EXCERPT.encode("utf-16-le"), "utf_16_le"),
                      (codecs.BOM_UTF16_BE + EXCERPT.encode("utf-16-be"), "utf_16_be"),
                      (codecs.BOM_UTF32_LE + EXCERPT.encode("utf-32-le"), "utf_32_le")):
        assert decode(Path("x.txt"), data) == (EXCERPT, enc, [])


def test_utf16_without_bom_reads(tmp_path):
    path = tmp_path / "no-bom.txt"
    path.write_bytes(EXCERPT.encode("utf-16-le"))
    doc = read_document(path)
    assert "国家创新型城市" in doc.text and any("no byte-order mark" in w for w in doc.warnings)
