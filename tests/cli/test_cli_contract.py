"""Every command is documented with an example, and the CLI prints what the API returns."""

import csv
import io
import json
from collections import Counter
from pathlib import Path

import jsonschema
import typer.main
from typer.testing import CliRunner

from policyparse import api
from policyparse.cli import app

CORPUS = Path(__file__).parents[2] / "corpus"


def _commands(cmd, prefix=""):
    subs = getattr(cmd, "commands", None)
    if subs:
        for name, sub in subs.items():
            yield from _commands(sub, f"{prefix}{name} ")
    else:
        yield prefix.strip(), cmd.help or ""


def test_every_command_has_an_example():
    commands = dict(_commands(typer.main.get_command(app)))
    assert {"extract", "text", "blocks", "ingest", "lead", "compare", "diff", "gazetteer lookup"} <= set(commands)
    missing = [name for name, help_text in commands.items() if "Example" not in help_text]
    assert missing == []


def test_extract_cli_equals_api():
    path = CORPUS / "003_1b4764571c7d463f.txt"
    result = CliRunner().invoke(app, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(json.dumps(api.extract(path), ensure_ascii=False))


def test_extract_csv_has_every_record_type():
    """The CSV holds the targets, the assignments and the unmatched names (it held the targets only)."""
    path = CORPUS / "004_53cef2a0b11e33d7.pdf"
    result = CliRunner().invoke(app, ["extract", str(path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    facts = api.extract(path)
    kinds = Counter(r["record_type"] for r in rows)
    assert kinds == {"target": len(facts["targets"]), "assignment": len(facts["assignments"]),
                     "unmatched": len(facts["unmatched"])}
    assert kinds["assignment"] > 0 and kinds["unmatched"] > 0
    # the columns of the targets-only CSV come first, in their order
    assert result.stdout.startswith("document_id,path,city,indicator,indicator_id,value")
    assert [r["quote"] for r in rows if r["record_type"] == "assignment"] == [
        a["source"]["text"] for a in facts["assignments"]]
    only = CliRunner().invoke(app, ["extract", str(path), "--format", "csv", "--table", "targets"])
    assert len(list(csv.DictReader(io.StringIO(only.stdout)))) == len(facts["targets"])


def test_extract_several_files_and_stdin():
    a, b = CORPUS / "002_101a49cb13188322.txt", CORPUS / "003_1b4764571c7d463f.txt"
    r = CliRunner().invoke(app, ["extract", str(a), str(b)])
    assert r.exit_code == 0, r.output
    both = json.loads(r.stdout)
    assert [f["document"]["path"] for f in both] == [str(a), str(b)]
    r = CliRunner().invoke(app, ["extract", "-"], input=a.read_bytes())
    assert r.exit_code == 0, r.output
    one = json.loads(r.stdout)
    assert one["document"]["path"] == "-" and one["targets"] == both[0]["targets"]
    r = CliRunner().invoke(app, ["extract", str(a), "--format", "jsonl"])
    assert len(r.stdout.splitlines()) == 1 and json.loads(r.stdout)["targets"] == both[0]["targets"]


def test_extract_reports_reader_warnings():
    facts = api.extract(CORPUS / "002_101a49cb13188322.txt")
    assert isinstance(facts["document"]["warnings"], list)
    jsonschema.validate(facts, json.loads((Path(api.__file__).parent / "schema" / "extract.schema.json").read_text()))


def test_extract_several_files_goes_on_after_a_bad_one(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    r = CliRunner().invoke(app, ["extract", str(bad), str(CORPUS / "002_101a49cb13188322.txt"), "--format", "csv"])
    assert r.exit_code == 1 and "EmptyFileError" in r.output and "Traceback" not in r.output
    assert "002_101a49cb13188322.txt" in r.stdout
    r = CliRunner().invoke(app, ["extract", str(tmp_path)])
    assert r.exit_code == 2 and "folder" in r.output


def test_extract_bad_file_gives_typed_error(tmp_path):
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"")
    result = CliRunner().invoke(app, ["extract", str(bad)])
    assert result.exit_code == 2
    assert "EmptyFileError" in result.output and "empty.pdf" in result.output
