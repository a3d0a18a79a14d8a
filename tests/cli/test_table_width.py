"""Tables fit the width (COLUMNS, else the terminal, else 120): no line longer than it (wide CJK
characters count 2), long titles cut with an ellipsis, a document's title given once."""

from __future__ import annotations

import io

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from policyparse.cli import app
from policyparse.console import DEFAULT_WIDTH, terminal_width

QUERIES = {
    "lead": ["lead", "全社会R&D经费支出占GDP比重"],
    "compare": ["compare", "高新技术企业数"],
    "departments": ["departments"],
    "diff": ["diff", "000_66384f2078c7182b.txt", "003_1b4764571c7d463f.txt"],
    "indicators": ["indicators", "--used"],
}
LONG_TITLE = "临沂市人民政府关于印发《临沂市建设国家创新型城市三年行动计划(2022-2024年)》的通知"


def _table(args, store, width):
    r = CliRunner().invoke(app, [*args, "--store", str(store)], env={"COLUMNS": str(width)})
    assert r.exit_code == 0, r.output
    return r.stdout


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_no_line_is_wider_than_the_terminal(name, width, corpus_store):
    text = _table(QUERIES[name], corpus_store, width)
    assert text.count("\n") > 3
    widest = max(text.splitlines(), key=cell_len)
    assert cell_len(widest) <= width, widest


@pytest.mark.parametrize("name", ["lead", "compare"])
def test_a_long_title_is_given_once_and_cut_not_wrapped(name, corpus_store):
    text = _table(QUERIES[name], corpus_store, 80)
    lines = [ln for ln in text.splitlines() if LONG_TITLE[:10] in ln]
    assert len(lines) == 1  # in the legend, not on every row of the document
    assert lines[0].startswith("D") and lines[0].endswith("…") and cell_len(lines[0]) <= 80
    wide = _table(QUERIES[name], corpus_store, 200)
    assert LONG_TITLE in wide and wide.count(LONG_TITLE) == 1


def test_terminal_width(monkeypatch):
    monkeypatch.setenv("COLUMNS", "93")
    assert terminal_width() == 93
    monkeypatch.delenv("COLUMNS")
    monkeypatch.setattr("sys.__stdout__", io.StringIO())
    monkeypatch.setattr("sys.__stderr__", io.StringIO())
    assert terminal_width() == DEFAULT_WIDTH == 120
