"""Issue 14: the worker pool runs every document under its budget; a document over it becomes a
typed failure naming the file and the stage, and the batch goes on. A worker that does not
answer at all is killed by the parent."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from parallel_helpers import CORPUS, ROOT, dump

from budget_helpers import slow_pdf, zip_bomb_docx  # tests/budget_helpers.py
from policyparse.budget import Budget
from policyparse.parallel import ingest_parallel, workers

BAD = ROOT / "tests" / "fixtures" / "bad"
GOOD = ("000_66384f2078c7182b.txt", "002_101a49cb13188322.html", "001_2193336686149f8c.docx")


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in GOOD:
        shutil.copy(CORPUS / name, folder / name)
    slow_pdf(folder / "long.pdf")
    zip_bomb_docx(folder / "bomb.docx", megabytes=160)
    for name in ("pdf-length-self-reference.pdf", "pdf-resources-reference-loop.pdf", "utf16-bom-odd-length.txt"):
        shutil.copy(BAD / name, folder / name)
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.txt")
    return folder


def test_over_budget_documents_are_failures_and_the_batch_goes_on(tmp_path):
    folder = _folder(tmp_path)
    store = tmp_path / "two.sqlite"
    budget = Budget(seconds=3, memory=128 * 1024**2)
    summary = ingest_parallel([folder], store, workers=2, budget=budget)
    errors = {Path(f["path"]).name: (f["error"], f["reason"]) for f in summary.failures}
    assert summary.documents == len(GOOD) + 1  # + the UTF-16 file with an odd byte count
    assert errors["long.pdf"][0] == "DocumentTimeoutError" and "time budget of 3 s in stage 'read (pdf) page" in \
        errors["long.pdf"][1]
    assert errors["bomb.docx"][0] == "ResourceLimitError" and "stage 'read (docx)'" in errors["bomb.docx"][1]
    assert errors["pdf-length-self-reference.pdf"][0] == "CorruptFileError"
    assert errors["pdf-resources-reference-loop.pdf"][0] == "CorruptFileError"
    if hasattr(os, "mkfifo"):
        assert errors["pipe.txt"][0] == "NotRegularFileError"
    # the good documents' rows are those of a run without the bad ones
    ref = tmp_path / "ref.sqlite"
    ingest_parallel([folder / n for n in GOOD], ref, workers=1)
    assert dump(store, [folder / n for n in GOOD]) == dump(ref, [folder / n for n in GOOD])


def test_a_worker_that_does_not_answer_is_killed(tmp_path, monkeypatch):
    """The worker's alarm is the first line; the parent's deadline is the backstop. Here the
    parent's deadline is made shorter than the worker's budget, as if the alarm could not fire."""
    folder = tmp_path / "docs"
    folder.mkdir()
    slow_pdf(folder / "a_long.pdf")
    for name in GOOD:
        shutil.copy(CORPUS / name, folder / name)
    monkeypatch.setattr(workers, "hard_deadline", lambda budget: 3.0)
    summary = ingest_parallel([folder], tmp_path / "s.sqlite", workers=2, budget=Budget(seconds=600))
    assert summary.documents == len(GOOD)
    (failure,) = summary.failures
    assert Path(failure["path"]).name == "a_long.pdf" and failure["error"] == "DocumentTimeoutError"
    assert "killed" in failure["reason"]
