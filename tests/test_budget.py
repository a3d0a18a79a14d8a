"""policyparse.budget: a time and memory budget per document (issue 14)."""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from budget_helpers import CORPUS, zip_bomb_docx
from policyparse import api
from policyparse.budget import Budget, current_stage, format_size, guard, parse_size, stage
from policyparse.errors import CorruptFileError, DocumentTimeoutError, PolicyParseError, ResourceLimitError

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="POSIX only")


def test_sizes():
    assert parse_size("2G") == parse_size("2GiB") == 2 * 1024**3
    assert parse_size("512m") == 512 * 1024**2 and parse_size("1024") == 1024
    assert parse_size("0") is None and parse_size(None) is None and parse_size("none") is None
    with pytest.raises(ValueError, match="not a size"):
        parse_size("two gigabytes")
    assert format_size(2 * 1024**3) == "2 GiB"
    assert Budget.of(0, 0) == Budget(seconds=None, memory=None)
    assert Budget.of(120, "2G") == Budget()


def test_time_budget_names_file_and_stage():
    before = signal.getsignal(signal.SIGALRM)
    with pytest.raises(DocumentTimeoutError) as e, guard("plan.txt", Budget(seconds=0.2, memory=None)), \
            stage("extract"):
        time.sleep(30)
    assert e.value.path == "plan.txt" and e.value.stage == "extract" and e.value.limit == 0.2
    assert "time budget of 0.2 s in stage 'extract'" in e.value.reason
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_the_deadline_is_not_swallowed_by_except_exception():
    with pytest.raises(DocumentTimeoutError), guard("x", Budget(seconds=0.1, memory=None)):
        for _ in range(300):
            with contextlib.suppress(Exception):  # what readers do around library calls
                time.sleep(0.1)


def test_memory_budget_and_its_release():
    with pytest.raises(ResourceLimitError) as e, guard("big.pdf", Budget(seconds=None, memory=64 * 1024**2)), \
            stage("read (pdf) page 3"):
        blob = bytearray(512 * 1024**2)
        del blob
    assert e.value.stage == "read (pdf) page 3" and "memory budget of 64 MiB" in e.value.reason
    blob = bytearray(512 * 1024**2)  # the limit is lifted afterwards
    assert len(blob) == 512 * 1024**2


def test_guards_nest_and_stages_restore():
    with guard("a", Budget(seconds=5, memory=None)):
        with guard("a", Budget(seconds=0.01, memory=None)):  # inner: no-op, the outer holds
            time.sleep(0.05)
        with stage("assemble"):
            assert current_stage() == "assemble"
        assert current_stage() == "read"


def test_extract_over_time_budget():
    path = CORPUS / "000_66384f2078c7182b.pdf"
    with pytest.raises(DocumentTimeoutError) as e:
        api.extract(path, timeout=0.01)
    assert e.value.path == str(path) and e.value.stage.startswith("read")


def test_zip_bomb_over_memory_budget(tmp_path):
    """The bomb ends in a typed error: the memory budget, or (when the process had less room to
    spare before the budget) lxml's own limit on a huge text node; never exhausted memory."""
    path = zip_bomb_docx(tmp_path / "bomb.docx")
    with pytest.raises((ResourceLimitError, CorruptFileError)) as e:
        api.extract(path, max_memory="32M")
    assert e.value.path == str(path)
    if isinstance(e.value, ResourceLimitError):
        assert e.value.stage == "read (docx)"
    assert api.extract(CORPUS / "002_101a49cb13188322.docx")["targets"]  # the process is fine after


def test_file_bigger_than_memory_budget_is_not_read(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:  # sparse: 3 GiB on paper, nothing on disk
        fh.truncate(3 * 1024**3)
    with pytest.raises(ResourceLimitError, match="more than the memory budget of 2 GiB"):
        api.extract(path)


def test_cli_options(tmp_path):
    from typer.testing import CliRunner

    from policyparse.cli import app

    # in a process of its own: an interval timer left running in this one (a plugin's, another test's)
    # would make the budget leave the alarm alone
    r = subprocess.run([sys.executable, "-c", "from policyparse.cli import main; main()", "extract", str(CORPUS / "000_66384f2078c7182b.pdf"),
                        "--timeout", "0.01"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 2 and "DocumentTimeoutError" in r.stdout + r.stderr, (r.returncode, r.stderr[-500:])
    r = CliRunner().invoke(app, ["extract", str(CORPUS / "000_66384f2078c7182b.txt"), "--max-memory", "lots"])
    assert r.exit_code != 0 and "not a size" in r.output


def test_budget_errors_are_policyparse_errors_and_pickle():
    import pickle

    e = DocumentTimeoutError("a.pdf", "too slow", stage="extract", limit=1.0)
    back = pickle.loads(pickle.dumps(e))
    assert isinstance(back, PolicyParseError) and (back.path, back.reason, back.stage, back.limit) == (
        "a.pdf", "too slow", "extract", 1.0)


def test_single_process_ingest_records_and_goes_on(tmp_path):
    from policyparse.extract import extract_document

    def extractor(doc):  # stuck on one document, as a bug in a rule could be
        if doc.path.endswith("stuck.txt"):
            time.sleep(60)
        return extract_document(doc)

    folder = tmp_path / "docs"
    folder.mkdir()
    zip_bomb_docx(folder / "bomb.docx")
    for name in ("000_66384f2078c7182b.txt", "001_2193336686149f8c.txt"):
        (folder / name).write_bytes((CORPUS / name).read_bytes())
    (folder / "stuck.txt").write_bytes((CORPUS / "003_1b4764571c7d463f.txt").read_bytes())
    s = api.ingest([folder], tmp_path / "s.sqlite", workers=1, progress=False, timeout=3, max_memory="32M",
                   extractor=extractor)
    assert s.documents == 2
    errors = {Path(f["path"]).name: f for f in s.failures}
    assert errors["stuck.txt"]["error"] == "DocumentTimeoutError"
    assert "stage 'extract'" in errors["stuck.txt"]["reason"]
    assert errors["bomb.docx"]["error"] == "ResourceLimitError", errors["bomb.docx"]
    assert "stage 'read (docx)'" in errors["bomb.docx"]["reason"]
