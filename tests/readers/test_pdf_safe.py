"""Issue 14: PDFs whose object references loop end at once with a typed error (pdfminer followed
the loop for ever: ``extract`` ran until killed). Fixtures: ``scripts/make_bad_fixtures.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyparse import api
from policyparse.budget import Budget
from policyparse.errors import CorruptFileError, PolicyParseError
from policyparse.readers import read_document

BAD = Path(__file__).resolve().parents[1] / "fixtures" / "bad"
# a generous budget: were the loop followed again, the test would end with DocumentTimeoutError
# (a failure naming the stage) instead of hanging the suite
BUDGET = Budget(seconds=60, memory=None)

LOOPS = {
    "pdf-length-self-reference.pdf": "indirect references form a loop: 9 0 R -> 9 0 R",
    "pdf-resources-reference-loop.pdf": "indirect references form a loop: 9 0 R -> 10 0 R -> 9 0 R",
    "pdf-length-is-own-stream.pdf": "object 8: reading it needs objects nested more than",
    "pdf-root-self-reference.pdf": "indirect references form a loop: 5 0 R -> 5 0 R",
}


def test_the_control_reads():
    doc = read_document(BAD / "loop-control.pdf")
    assert "高新技术企业达到1200家" in doc.text


@pytest.mark.parametrize("name", sorted(LOOPS))
def test_reference_loop_is_a_corrupt_file(name):
    path = BAD / name
    with pytest.raises(CorruptFileError) as e:
        api.extract(path, budget=BUDGET)
    assert e.value.path == str(path)
    assert LOOPS[name] in e.value.reason


@pytest.mark.parametrize("name", sorted(LOOPS))
def test_reference_loop_in_a_batch(name, tmp_path):
    from policyparse.readers.batch import read_one

    res = read_one(BAD / name)
    assert res.status == "failed" and isinstance(res.error, PolicyParseError)


def test_pdfplumber_builds_loop_safe_documents():
    import pdfplumber.pdf

    from policyparse.readers.pdf_safe import LoopSafeDocument

    read_document(BAD / "loop-control.pdf")
    assert pdfplumber.pdf.PDFDocument is LoopSafeDocument
