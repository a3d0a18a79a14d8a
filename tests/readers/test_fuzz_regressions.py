"""One regression test per distinct failure that tests/test_fuzz.py or scripts/stress.py found (fixtures by
``scripts/make_bad_fixtures.py --reliability``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyparse import api
from policyparse.errors import CorruptFileError, ReaderBugError
from policyparse.readers import read_document

BAD = Path(__file__).resolve().parents[1] / "fixtures" / "bad"


def test_zip_needing_an_unknown_version_is_corrupt_not_a_traceback():
    """zipfile raised NotImplementedError ("zip file version 20.2") out of the format sniffer."""
    with pytest.raises(CorruptFileError, match="zip file version 20.2"):
        read_document(BAD / "docx-zip-version-20.2.docx")


def test_utf8_with_a_few_bad_bytes_is_read():
    """Three damaged bytes in a UTF-8 plan made the whole file an EncodingError."""
    doc = read_document(BAD / "utf8-three-bad-bytes.txt")
    assert doc.encoding == "utf_8" and any("invalid UTF-8 byte sequence(s) replaced by U+FFFD" in w for w in doc.warnings)
    assert api.extract(BAD / "utf8-three-bad-bytes.txt")["targets"]


@pytest.mark.parametrize("name", ["html-control-character.html", "html-invalid-tag-name.html"])
def test_html_reader_failures_are_typed(name):
    """An unexpected exception inside a reader is a ReaderBugError naming the file and the reader,
    not a traceback (readers/__init__.py). The HTML reader's own fix is below."""
    with pytest.raises(ReaderBugError) as e:
        read_document(BAD / name)
    assert e.value.path == str(BAD / name) and "the html reader failed" in e.value.reason


@pytest.mark.xfail(strict=True, reason="readers/html.py (another engineer's): lxml rejects a control character "
                   "or an invalid tag name it parsed itself; reported, fixture html-*.html")
@pytest.mark.parametrize("name", ["html-control-character.html", "html-invalid-tag-name.html"])
def test_html_reader_reads_damaged_pages(name):
    """When readers/html.py handles these, this passes (strict xfail fails): then drop the pages
    from KNOWN in tests/test_fuzz.py."""
    assert read_document(BAD / name).text


def test_header_word_inside_a_line_run():
    """Found by scripts/stress.py on a real record: '主要内容' on a line inside a run of lines whose
    followers are blank-separated made the TXT table finder raise StopIteration."""
    doc = read_document(BAD / "txt-header-word-in-a-line-run.txt")
    assert "主要内容" in doc.text and not any(b.rows for b in doc.blocks)
