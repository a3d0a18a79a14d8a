"""`policyparse text|blocks|read`: output equals the API's, typed errors become exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from policyparse import api
from policyparse.cli import app

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
BAD = ROOT / "tests" / "fixtures" / "bad"
runner = CliRunner()


def test_text_equals_api():
    path = CORPUS / "003_1b4764571c7d463f.docx"
    result = runner.invoke(app, ["text", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip("\n") == api.text(path).rstrip("\n")


def test_blocks_json_is_document_to_dict():
    path = CORPUS / "004_53cef2a0b11e33d7.html"
    result = runner.invoke(app, ["blocks", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out == json.loads(json.dumps(api.read_document(path).to_dict(), ensure_ascii=False))
    assert out["format"] == "html" and any(b["kind"] == "table" for b in out["blocks"])
    assert "临沂" in result.stdout  # JSON keeps Chinese readable (ensure_ascii=False)


def test_blocks_text_format():
    result = runner.invoke(app, ["blocks", str(CORPUS / "004_53cef2a0b11e33d7.docx"), "--format", "text"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("[0] p1 ")
    assert any(" table " in ln for ln in lines) and any(ln.startswith("    | ") for ln in lines)


def test_single_file_error_exit_2(monkeypatch):
    monkeypatch.setenv("POLICYPARSE_OCR", "0")  # scanned.pdf is refused without OCR
    for name, err in [("encrypted.pdf", "EncryptedFileError"), ("scanned.pdf", "NoTextLayerError"),
                      ("corrupt.pdf", "CorruptFileError"), ("empty.pdf", "EmptyFileError")]:  # fmt: skip
        result = runner.invoke(app, ["text", str(BAD / name)])
        assert result.exit_code == 2
        assert f"error: {err}: " in result.stderr and name in result.stderr
        result = runner.invoke(app, ["blocks", str(BAD / name)])
        assert result.exit_code == 2


def test_read_batch_reports_and_exits_1(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(CORPUS / "003_1b4764571c7d463f.txt", d / "a.txt")
    shutil.copy(BAD / "encrypted.pdf", d / "b.pdf")
    shutil.copy(CORPUS / "002_101a49cb13188322.html", d / "c.html")
    (d / "meta.yaml").write_text("x: 1\n", encoding="utf-8")
    result = runner.invoke(app, ["read", str(d)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("ok      ") and "a.txt" in lines[0]
    assert lines[1].startswith("failed  ") and "b.pdf" in lines[1] and "EncryptedFileError" in lines[1]
    assert lines[2].startswith("ok      ") and "c.html" in lines[2]
    assert lines[-1] == "3 file(s): 2 ok, 1 failed (EncryptedFileError 1)"


def test_read_all_ok_exit_0_and_json():
    files = [str(CORPUS / "003_1b4764571c7d463f.txt"), str(CORPUS / "003_1b4764571c7d463f.html")]
    result = runner.invoke(app, ["read", *files])
    assert result.exit_code == 0 and result.stdout.splitlines()[-1] == "2 file(s): 2 ok, 0 failed"
    result = runner.invoke(app, ["read", *files, str(BAD / "empty.pdf"), "--format", "json"])
    assert result.exit_code == 1
    out = json.loads(result.stdout)
    assert [f["status"] for f in out["files"]] == ["ok", "ok", "failed"] and out["failed"] == 1


def test_read_nothing_found(tmp_path):
    (tmp_path / "x.yaml").write_text("a: 1", encoding="utf-8")
    result = runner.invoke(app, ["read", str(tmp_path)])
    assert result.exit_code == 2
