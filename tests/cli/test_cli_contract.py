"""Every command is documented with an example, and the CLI prints what the API returns."""

import json
from pathlib import Path

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


def test_extract_csv_has_one_row_per_target():
    path = CORPUS / "002_101a49cb13188322.txt"
    result = CliRunner().invoke(app, ["extract", str(path), "--format", "csv"])
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert len(lines) - 1 == len(api.extract(path)["targets"])
    assert lines[0].startswith("document_id,path,city,indicator,indicator_id,value")


def test_extract_bad_file_gives_typed_error(tmp_path):
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"")
    result = CliRunner().invoke(app, ["extract", str(bad)])
    assert result.exit_code == 2
    assert "EmptyFileError" in result.output and "empty.pdf" in result.output
