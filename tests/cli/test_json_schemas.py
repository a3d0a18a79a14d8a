"""Every JSON output has a schema in src/policyparse/schema/ (shipped as package data), and what
each command prints with ``--format json`` on a store of the corpus validates against it."""

from __future__ import annotations

import copy
import json
import tomllib
from fnmatch import fnmatch
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from policyparse.cli import app

REPO = Path(__file__).parents[2]
CORPUS = REPO / "corpus"
TXT, DOCX = CORPUS / "002_101a49cb13188322.txt", CORPUS / "004_53cef2a0b11e33d7.docx"
SCHEMAS = files("policyparse") / "schema"

# schema -> the command's arguments ({store}, {tmp} filled in); lead/compare/diff/departments on the corpus
COMMANDS = {
    "lead": ["lead", "全社会R&D经费支出占GDP比重", "--store", "{store}"],
    "compare": ["compare", "高新技术企业数", "--store", "{store}"],
    "diff": ["diff", "000_66384f2078c7182b.txt", "003_1b4764571c7d463f.txt", "--store", "{store}"],
    "departments": ["departments", "--store", "{store}"],
    "indicators": ["indicators", "--used", "--store", "{store}"],
    "read": ["read", str(TXT), str(DOCX), str(REPO / "tests/fixtures/bad/empty.pdf")],
    "blocks": ["blocks", str(DOCX)],
    "ingest": ["ingest", str(TXT), "--store", "{tmp}/one.sqlite", "--workers", "1"],
    "run": ["run", "{tmp}/docs", "--out", "{tmp}/out", "--no-progress"],
    "graph": ["graph", "--store", "{store}", "--out", "{tmp}/g.graphml"],
    "renormalise": ["renormalise", "--store", "{store}", "--dry-run"],
    "export": ["export", "--to", "csv", "-o", "{tmp}/csv", "--store", "{store}"],
    "gazetteer-lookup": ["gazetteer", "lookup", "市工信局", "--city", "泰安市"],
    "gazetteer-check": ["gazetteer", "check", str(TXT), str(DOCX)],
}


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


def validate(obj, name: str) -> None:
    jsonschema.Draft202012Validator(schema(name)).validate(obj)


def run_json(name: str, store: Path, tmp: Path):
    (tmp / "docs").mkdir(exist_ok=True)
    (tmp / "docs" / TXT.name).write_bytes(TXT.read_bytes())
    args = [a.format(store=store, tmp=tmp) for a in COMMANDS[name]]
    r = CliRunner().invoke(app, ["-q", *args, "--format", "json"])
    assert r.exit_code in (0, 1), (r.exit_code, r.output)  # read and gazetteer check: 1 = some input failed
    return json.loads(r.stdout)


def test_every_schema_is_a_valid_schema_and_is_shipped():
    names = sorted(p.name for p in SCHEMAS.iterdir() if p.name.endswith(".schema.json"))
    assert {f"{n}.schema.json" for n in COMMANDS} | {"extract.schema.json"} == set(names)
    for n in names:
        jsonschema.Draft202012Validator.check_schema(json.loads((SCHEMAS / n).read_text(encoding="utf-8")))
    package_data = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    assert all(any(fnmatch(f"schema/{n}", g) for g in package_data["policyparse"]) for n in names)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_json_output_validates(name, corpus_store, tmp_path):
    out = run_json(name, corpus_store, tmp_path)
    validate(out, name)
    if name in ("lead", "compare", "departments", "indicators"):
        assert out["rows"], "the corpus answers: the rows' schema is exercised"
    if name == "diff":
        assert out["changed"] and out["added"]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_schema_rejects_a_broken_output(name, corpus_store, tmp_path):
    """The schemas are strict enough to fail: a missing required key or a wrong type is refused."""
    out = run_json(name, corpus_store, tmp_path)
    required = schema(name)["required"]
    broken = copy.deepcopy(out)
    del broken[required[0]]
    with pytest.raises(jsonschema.ValidationError):
        validate(broken, name)
    wrong = copy.deepcopy(out)
    key = next(k for k in required if out[k] is not None and not isinstance(out[k], str))
    wrong[key] = "not the right type"
    with pytest.raises(jsonschema.ValidationError):
        validate(wrong, name)
