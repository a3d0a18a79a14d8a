"""Every command: ``--help``, a bad argument and an empty store end with a message and a documented
exit code, never a traceback; nothing is written where it should not be."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from policyparse.cli import app
from policyparse.cli._common import EXIT_FAILED_INPUTS, EXIT_NO_ANSWER, EXIT_OK, EXIT_USAGE

CORPUS = Path(__file__).parents[2] / "corpus"
DOCUMENTED = {EXIT_OK, EXIT_FAILED_INPUTS, EXIT_USAGE, EXIT_NO_ANSWER}
TXT = str(CORPUS / "002_101a49cb13188322.txt")


def _leaf_commands(cmd, prefix=()):
    subs = getattr(cmd, "commands", None)
    if subs:
        for name, sub in subs.items():
            yield from _leaf_commands(sub, (*prefix, name))
    else:
        yield prefix


ALL = sorted(" ".join(c) for c in _leaf_commands(typer.main.get_command(app)))


def _run(args, **kw):
    r = CliRunner().invoke(app, [str(a) for a in args], **kw)
    assert "Traceback" not in r.output
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return r


@pytest.fixture
def empty_file(tmp_path):
    p = tmp_path / "empty.sqlite"
    p.write_bytes(b"")
    return p


@pytest.fixture
def text_file(tmp_path):
    p = tmp_path / "notes.txt"
    p.write_text("not a database\n", encoding="utf-8")
    return p


@pytest.fixture
def empty_store(tmp_path):
    """A policyparse store without documents."""
    from policyparse.store import connect

    p = tmp_path / "nodocs.sqlite"
    connect(p).close()
    return p


def test_all_commands_are_covered():
    assert set(ALL) == set(BAD) == set(WITH_STORE) | {c for c in ALL if c not in WITH_STORE}
    assert {"export", "run", "text", "graph", "report", "departments"} <= set(ALL)


@pytest.mark.parametrize("command", ALL)
def test_help(command):
    r = _run([*command.split(), "--help"])
    assert r.exit_code == 0 and "Example" in r.output


def test_version_and_global_options():
    r = _run(["--version"])
    assert r.exit_code == 0 and re.match(r"policyparse \d+\.\d+", r.stdout)
    assert _run(["-q", "gazetteer", "lookup", "市科技局"]).exit_code == 0
    assert _run(["-v", "text", "/nonexistent/file.txt"]).exit_code == EXIT_USAGE


# one bad argument per command: a folder where a file is expected, a missing path, a bad value
BAD = {
    "blocks": ["blocks", "{dir}"],
    "compare": ["compare", "高新技术企业数", "--year", "abc"],
    "departments": ["departments", "--store", "{dir}"],
    "diff": ["diff", "a", "--store", "{missing}"],
    "export": ["export", "--to", "xls", "-o", "{dir}/x.xlsx"],
    "extract": ["extract", "{missing}"],
    "gazetteer check": ["gazetteer", "check", "{missing}"],
    "gazetteer lookup": ["gazetteer", "lookup", "市科技局", "--kind", "planet"],
    "graph": ["graph", "--store", "{missing}"],
    "indicators": ["indicators", "--kind", "planet"],
    "ingest": ["ingest", "{missing}", "--store", "{dir}/s.sqlite"],
    "lead": ["lead", "高新技术企业数", "--store", "{missing}"],
    "read": ["read", "{missing}"],
    "renormalise": ["renormalise", "--store", "{missing}"],
    "report": ["report", "--store", "{missing}", "--out", "{dir}"],
    "run": ["run", "{missing}", "--out", "{dir}/out"],
    "show": ["show", "{dir}"],
    "text": ["text", "{dir}"],
}


@pytest.mark.parametrize("command", sorted(BAD))
def test_bad_argument(command, tmp_path):
    args = [a.format(dir=tmp_path, missing=tmp_path / "missing") for a in BAD[command]]
    r = _run(args)
    assert r.exit_code in (EXIT_USAGE, EXIT_FAILED_INPUTS), r.output
    assert r.output.strip()
    assert not (tmp_path / "out").exists() and not (tmp_path / "missing").exists()


# commands that read a store, with their other arguments
WITH_STORE = {
    "compare": ["compare", "高新技术企业数"],
    "departments": ["departments"],
    "diff": ["diff", "a", "b"],
    "export": ["export", "--to", "csv", "-o", "{dir}/csv"],
    "graph": ["graph", "--out", "{dir}/g.graphml"],
    "indicators": ["indicators"],
    "lead": ["lead", "高新技术企业数"],
    "renormalise": ["renormalise"],
    "report": ["report", "--out", "{dir}/r.html"],
    "ingest": ["ingest", TXT],
}


@pytest.mark.parametrize("command", sorted(WITH_STORE))
@pytest.mark.parametrize("kind", ["empty_file", "text_file"])
def test_a_file_that_is_not_a_store_is_refused_and_left_alone(command, kind, request, tmp_path):
    store = request.getfixturevalue(kind)
    before = store.read_bytes()
    args = [a.format(dir=tmp_path) for a in WITH_STORE[command]]
    r = _run([*args, "--store", store])
    assert r.exit_code == EXIT_USAGE and "StoreError" in r.output, r.output
    assert store.read_bytes() == before


@pytest.mark.parametrize("command", sorted(set(WITH_STORE) - {"ingest"}))
def test_a_store_without_documents(command, empty_store, tmp_path):
    args = [a.format(dir=tmp_path) for a in WITH_STORE[command]]
    r = _run([*args, "--store", empty_store])
    assert r.exit_code in DOCUMENTED, r.output
    if command in ("lead", "compare", "departments"):
        assert r.exit_code == EXIT_NO_ANSWER and "no documents" in r.output
    if command == "diff":
        assert r.exit_code == EXIT_USAGE


def test_graph_and_report_accept_a_folder(tmp_path, empty_store):
    r = _run(["graph", "--store", empty_store, "--out", tmp_path])
    assert r.exit_code == 0 and (tmp_path / "graph.graphml").is_file()
    r = _run(["report", "--store", empty_store, "--out", tmp_path])
    assert r.exit_code == 0 and (tmp_path / "report.html").is_file()


def test_run_on_a_missing_or_empty_folder_writes_nothing(tmp_path):
    out = tmp_path / "out"
    r = _run(["run", tmp_path / "nope", "--out", out])
    assert r.exit_code == EXIT_USAGE and "nope" in r.output and not out.exists()
    (tmp_path / "empty").mkdir()
    r = _run(["run", tmp_path / "empty", "--out", out])
    assert r.exit_code == EXIT_USAGE and not out.exists()


def test_run_prints_a_short_summary(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_bytes((CORPUS / "002_101a49cb13188322.txt").read_bytes())
    (docs / "bad.pdf").write_bytes(b"%PDF-1.4 broken")
    r = _run(["run", docs, "--out", tmp_path / "out", "--no-progress"])
    assert r.exit_code == EXIT_FAILED_INPUTS
    lines = r.stdout.strip().splitlines()
    assert len(lines) < 15
    assert "1 ok" in lines[0] and "1 failed" in lines[0] and "targets" in lines[1]
    assert "report.html" in r.stdout and "summary.json" in r.stdout
    r = _run(["run", docs, "--out", tmp_path / "out", "--no-progress", "--format", "json"])
    assert '"ingest"' in r.stdout
