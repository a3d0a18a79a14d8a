"""The output convention (src/policyparse/cli/output.py): ``--format table|csv|json`` and
``-o/--out FILE`` on every command that prints a result, the spellings of earlier versions kept,
files written atomically."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import click
import pytest
import typer.main
from typer.testing import CliRunner

from policyparse.cli import app, output

CORPUS = Path(__file__).parents[2] / "corpus"
TXT, DOCX = CORPUS / "002_101a49cb13188322.txt", CORPUS / "004_53cef2a0b11e33d7.docx"
RD = "全社会R&D经费支出占GDP比重"
DIFF = ["diff", "000_66384f2078c7182b.txt", "003_1b4764571c7d463f.txt"]

# commands with table|csv|json and -o FILE
FORMAT_AND_FILE = ["lead", "compare", "diff", "departments", "indicators", "read", "blocks", "ingest",
                   "renormalise", "gazetteer lookup", "gazetteer check"]
# -o is their output folder or path (unchanged); --format says what is printed
FORMAT_ONLY = ["run", "graph", "export"]


def _command(name: str) -> click.Command:
    cmd = typer.main.get_command(app)
    for part in name.split():
        cmd = cmd.commands[part]
    return cmd


def _option(cmd: click.Command, flag: str) -> click.Option | None:
    return next((p for p in cmd.params if flag in getattr(p, "opts", ())), None)


def _run(args, **kw):
    r = CliRunner().invoke(app, [str(a) for a in args], **kw)
    assert "Traceback" not in r.output, r.output
    return r


@pytest.mark.parametrize("name", FORMAT_AND_FILE + FORMAT_ONLY)
def test_every_command_takes_the_same_formats(name):
    cmd = _command(name)
    fmt = _option(cmd, "--format")
    assert fmt is not None and fmt.metavar == output.FORMAT_METAVAR
    if name in FORMAT_AND_FILE:
        out = _option(cmd, "-o")
        assert out is not None and "--out" in out.opts and "atomically" in (out.help or "")
    assert "-o" in _option(_command("text"), "--out").opts


@pytest.mark.parametrize("value,expected", [("table", "table"), ("text", "table"), ("CSV", "csv"), (" json", "json")])
def test_parse_format_aliases(value, expected):
    assert output.parse_format(value) is output.Fmt(expected)


def test_a_bad_format_is_a_usage_error():
    r = _run(["read", TXT, "--format", "xml"])
    assert r.exit_code == 2 and "table, csv, json" in r.output


def test_old_spellings_still_work(corpus_store, tmp_path):
    assert _run(["lead", RD, "--store", corpus_store, "--format", "text"]).stdout == _run(
        ["lead", RD, "--store", corpus_store]).stdout
    assert _run(["read", TXT, "--format", "text"]).stdout.startswith("ok ")
    assert "->" in _run(["gazetteer", "lookup", "市科技局", "--format", "text"]).stdout
    assert _run(["blocks", DOCX, "--format", "text"]).stdout.startswith("[0] p1 heading")
    store = tmp_path / "s.sqlite"
    old = json.loads(_run(["ingest", TXT, "--store", store, "--workers", "1", "--json"]).stdout)
    new = json.loads(_run(["ingest", TXT, "--store", store, "--workers", "1", "--format", "json"]).stdout)
    assert old["documents"] == 1 and new["unchanged"] == 1 and set(old) == set(new)


def test_lead_and_diff_have_csv(corpus_store):
    res = json.loads(_run(["lead", RD, "--store", corpus_store, "--format", "json"]).stdout)
    rows = list(csv.DictReader(io.StringIO(_run(["lead", RD, "--store", corpus_store, "--format", "csv"]).stdout)))
    assert len(rows) == len(res["rows"]) + len(res["without_departments"]) > 1
    assert {r["part"] for r in rows} == {"lead", "without_departments"}
    assert [r["sentence"] for r in rows if r["part"] == "lead"] == [r["sentence"] for r in res["rows"]]
    d = json.loads(_run([*DIFF, "--store", corpus_store, "--format", "json"]).stdout)
    rows = list(csv.DictReader(io.StringIO(_run([*DIFF, "--store", corpus_store, "--format", "csv"]).stdout)))
    assert len(rows) == len(d["changed"]) + len(d["added"]) + len(d["removed"])
    changed = next(r for r in rows if r["change"] == "changed")
    assert changed["a_value"] and changed["b_value"] and changed["fields"]


def test_other_csv_outputs_have_a_header_and_rows(corpus_store):
    for args, first in ((["read", TXT, DOCX], "path"), (["blocks", DOCX], "index"),
                        (["gazetteer", "lookup", "市科技局"], "query"), (["indicators", "--store", corpus_store], "key"),
                        (["departments", "--store", corpus_store], "department")):
        rows = list(csv.DictReader(io.StringIO(_run([*args, "--format", "csv"]).stdout)))
        assert rows and first in rows[0], args


@pytest.mark.parametrize("args", [
    ["lead", RD, "--store", "{store}", "--format", "json"],
    ["compare", "高新技术企业数", "--store", "{store}", "--format", "csv"],
    [*DIFF, "--store", "{store}"],
    ["departments", "--store", "{store}"],
    ["indicators", "--store", "{store}", "--format", "csv"],
    ["read", str(TXT)],
    ["blocks", str(DOCX), "--format", "table"],
    ["text", str(TXT)],
    ["gazetteer", "lookup", "市工信局", "--city", "泰安市"],
    ["gazetteer", "check", str(TXT), "--format", "json"],
], ids=lambda a: " ".join(a[:2]))
def test_out_file_holds_what_stdout_shows(args, corpus_store, tmp_path):
    args = [a.format(store=corpus_store) for a in args]
    env = {"COLUMNS": "100"}
    shown = _run(args, env=env)
    target = tmp_path / "sub" / "answer.out"
    written = _run([*args, "-o", target], env=env)
    assert written.exit_code == shown.exit_code
    assert written.stdout == "" and f"wrote {target}" in written.stderr
    assert target.read_text(encoding="utf-8") == shown.stdout and shown.stdout.strip()
    assert os.listdir(target.parent) == ["answer.out"]  # no temporary file left
    assert stat.S_IMODE(target.stat().st_mode) & 0o044  # readable by others (umask), not mkstemp's 0600


def test_out_is_atomic(tmp_path, monkeypatch):
    target = tmp_path / "a.json"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    output.write("new\n", target)
    assert target.read_text() == "new\n" and stat.S_IMODE(target.stat().st_mode) == 0o640

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", broken)
    with pytest.raises(OSError):
        output.write("newer\n", target)
    assert target.read_text() == "new\n" and os.listdir(tmp_path) == ["a.json"]


def test_out_to_a_folder_is_a_usage_error(tmp_path):
    r = _run(["read", TXT, "-o", tmp_path])
    assert r.exit_code == 2 and "Traceback" not in r.output
