"""``export``: tidy tables of the whole store in csv, xlsx, jsonl and parquet."""

from __future__ import annotations

import json
import sqlite3

import pytest
from typer.testing import CliRunner

from policyparse import api
from policyparse.cli import app
from policyparse.errors import ExportError
from policyparse.export import TABLES


def _store_counts(store) -> dict[str, int]:
    conn = sqlite3.connect(store)
    try:
        q = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        return {"documents": q("SELECT count(*) FROM documents"), "targets": q("SELECT count(*) FROM targets"),
                "assignments": q("SELECT count(*) FROM assignments"),
                "department_mentions": q("SELECT count(*) FROM dept_mentions"),
                "unmatched": q("SELECT count(*) FROM unmatched")}
    finally:
        conn.close()


def test_xlsx_opens_with_openpyxl_and_holds_every_fact(corpus_store, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "facts.xlsx"
    res = api.export(corpus_store, to="xlsx", out=out)
    counts = _store_counts(corpus_store)
    assert res["rows"] == counts and counts["targets"] > 100 and counts["assignments"] > 100
    wb = openpyxl.load_workbook(out, read_only=True)
    assert wb.sheetnames == list(TABLES)
    for name, n in counts.items():
        rows = list(wb[name].iter_rows(values_only=True))
        assert list(rows[0]) == [c for c, _ in TABLES[name]]
        assert len(rows) - 1 == n
    header = list(next(wb["targets"].iter_rows(values_only=True)))
    first = dict(zip(header, next(wb["targets"].iter_rows(min_row=2, values_only=True)), strict=True))
    for col in ("place", "document_id", "page", "start", "end", "quote", "flags"):
        assert col in first
    assert first["place"] and first["document_id"] and first["quote"]


def test_csv_round_trips_through_pandas(corpus_store, tmp_path):
    pd = pytest.importorskip("pandas")
    res = api.export(corpus_store, to="csv", out=tmp_path / "csv")
    from policyparse.export import tables

    expected = tables(corpus_store)
    for name in TABLES:
        df = pd.read_csv(tmp_path / "csv" / f"{name}.csv", dtype=str, keep_default_na=False)
        assert len(df) == res["rows"][name] == len(expected[name])
        assert list(df.columns) == [c for c, _ in TABLES[name]]
    df = pd.read_csv(tmp_path / "csv" / "targets.csv", dtype=str, keep_default_na=False)
    assert list(df["quote"]) == [r["quote"] for r in expected["targets"]]
    assert list(df["indicator"]) == [r["indicator"] for r in expected["targets"]]


def test_csv_bom_for_excel(corpus_store, tmp_path):
    api.export(corpus_store, to="csv", out=tmp_path / "bom", bom=True, tables=["documents"])
    data = (tmp_path / "bom" / "documents.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and [p.name for p in (tmp_path / "bom").iterdir()] == ["documents.csv"]
    plain = tmp_path / "plain"
    api.export(corpus_store, to="csv", out=plain, tables=["documents"])
    assert not (plain / "documents.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_jsonl_and_parquet(corpus_store, tmp_path):
    res = api.export(corpus_store, to="jsonl", out=tmp_path / "jl")
    lines = (tmp_path / "jl" / "targets.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == res["rows"]["targets"] and "place" in json.loads(lines[0])
    pq = pytest.importorskip("pyarrow.parquet")
    res = api.export(corpus_store, to="parquet", out=tmp_path / "pq")
    t = pq.read_table(tmp_path / "pq" / "assignments.parquet")
    assert t.num_rows == res["rows"]["assignments"] and t.column_names == [c for c, _ in TABLES["assignments"]]


def test_parquet_without_pyarrow_is_a_clear_error(corpus_store, tmp_path, monkeypatch):
    import builtins

    real = builtins.__import__

    def no_pyarrow(name, *a, **k):
        if name.startswith("pyarrow"):
            raise ImportError("no pyarrow")
        return real(name, *a, **k)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    with pytest.raises(ExportError, match="pip install"):
        api.export(corpus_store, to="parquet", out=tmp_path / "pq")


def test_cli_mirrors_the_api(corpus_store, tmp_path):
    r = CliRunner().invoke(app, ["export", "--to", "jsonl", "-o", str(tmp_path / "cli"), "--store",
                                 str(corpus_store), "--format", "json"])
    assert r.exit_code == 0, r.output
    res = json.loads(r.stdout)
    assert res == api.export(corpus_store, to="jsonl", out=tmp_path / "cli")
    # a file where a folder is needed, and a workbook name without .xlsx: errors, no traceback
    (tmp_path / "f.txt").write_text("x")
    for args in (["--to", "csv", "-o", str(tmp_path / "f.txt")], ["--to", "xlsx", "-o", str(tmp_path / "x.csv")]):
        r = CliRunner().invoke(app, ["export", *args, "--store", str(corpus_store)])
        assert r.exit_code == 2 and "ExportError" in r.output and "Traceback" not in r.output
