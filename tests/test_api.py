"""api.py and cli/corpus.py: the CLI's JSON equals the API's; every public function is documented."""

from __future__ import annotations

import inspect
import json
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent / "query"))

import pp_samples  # noqa: E402

from policyparse import api  # noqa: E402
from policyparse.cli import app  # noqa: E402

runner = CliRunner()


@pytest.fixture
def store(tmp_path):
    return pp_samples.sample_store(tmp_path / "s.sqlite")


def _cli_json(args):
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_lead_cli_equals_api(store):
    out = _cli_json(["lead", "全社会R&D经费支出占GDP比重", "--city", "陇南市", "--store", str(store),
                     "--format", "json"])
    assert out == api.lead("全社会R&D经费支出占GDP比重", city="陇南市", store=store).to_dict()
    assert out["rows"][0]["lead"][0]["name"] == "市科技局"


def test_compare_cli_equals_api(store):
    out = _cli_json(["compare", "高新技术企业数", "--store", str(store), "--format", "json"])
    assert out == json.loads(json.dumps(api.compare("高新技术企业数", store=store).to_dict()))
    out = _cli_json(["compare", "高新技术企业数", "--year", "2024", "--store", str(store), "--format", "json"])
    assert out == json.loads(json.dumps(api.compare("高新技术企业数", year=2024, store=store).to_dict()))
    r = runner.invoke(app, ["compare", "高新技术企业数", "--store", str(store), "--format", "csv"])
    assert r.exit_code == 0 and r.stdout.splitlines()[0].startswith("city,province,title")
    r = runner.invoke(app, ["compare", "高新技术企业数", "--store", str(store)])
    assert r.exit_code == 0 and "临沂市" in r.stdout


def test_diff_cli_equals_api(store):
    out = _cli_json(["diff", "000_taian_draft.txt", "003_taian_final.txt", "--store", str(store), "--format", "json"])
    assert out == json.loads(json.dumps(api.diff("000_taian_draft.txt", "003_taian_final.txt", store=store).to_dict()))


def test_departments_cli_equals_api(store):
    out = _cli_json(["departments", "--city", "陇南市", "--store", str(store), "--format", "json"])
    assert out == api.departments(city="陇南市", store=store).to_dict()
    r = runner.invoke(app, ["departments", "--store", str(store), "--format", "csv"])
    assert r.exit_code == 0 and r.stdout.startswith("department,name,resolved,city")


def test_query_errors_become_exit_code_2(store, tmp_path):
    r = runner.invoke(app, ["lead", "R&D经费支出", "--store", str(store)])
    assert r.exit_code == 2 and "QueryError" in r.output
    r = runner.invoke(app, ["lead", "研发投入强度", "--store", str(tmp_path / "none.sqlite")])
    assert r.exit_code == 2 and "StoreError" in r.output


def test_corpus_object(store, tmp_path):
    c = api.Corpus(store)
    assert c.lead("研发投入强度", city="陇南").rows
    g = c.graph()
    assert g.number_of_nodes() > 0
    paths = c.export_graph(tmp_path / "out")
    assert Path(paths["graphml"]).name == "graph.graphml" and Path(paths["node_link"]).name == "graph.json"
    assert c.counts()["documents"] == 5 and len(c.facts()) == 5


def test_graph_cli_equals_api(store, tmp_path):
    out = _cli_json(["graph", "--store", str(store), "--out", str(tmp_path / "a" / "graph.graphml")])
    again = api.graph(store, tmp_path / "a" / "graph.graphml")
    assert out == json.loads(json.dumps(again))
    assert (tmp_path / "a" / "graph.json").is_file() and (tmp_path / "a" / "neo4j" / "import.sh").is_file()


def test_text_blocks_extract_read(tmp_path):
    p = pp_samples.CORPUS / "002_101a49cb13188322.txt"
    doc = api.read_document(p)
    assert api.text(p) == doc.text
    bl = api.blocks(p)
    assert bl and all(doc.text[b["start"]:b["end"]] == b["text"] for b in bl)
    facts = api.extract(p)
    assert facts["document"]["id"] == doc.id and facts["targets"]


def test_ingest_and_run_cli(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("002_101a49cb13188322.txt", "metadata.yaml"):
        shutil.copy(pp_samples.CORPUS / name, corpus / name)
    out = tmp_path / "outputs"
    r = runner.invoke(app, ["run", str(corpus), "--out", str(out), "--no-progress"])
    assert r.exit_code == 0, r.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["ingest"]["documents"] == 1 and summary["ok"] is True
    assert summary["counts"]["targets"] > 0
    assert (out / "graph.graphml").is_file() and (out / "graph.json").is_file()
    assert (out / "neo4j" / "nodes_Document.csv").is_file()
    # a second ingest is a no-op; a bad file makes the exit code 1 and the others still go in
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    r = runner.invoke(app, ["ingest", str(corpus), "--store", str(out / "policyparse.sqlite"), "--json",
                            "--no-progress", "--workers", "4"])
    assert r.exit_code == 1
    s = json.loads(r.stdout)
    assert s["unchanged"] == 1 and s["documents"] == 0 and s["failures"][0]["path"].endswith("broken.pdf")


def test_every_public_function_is_documented_with_an_example_or_reference():
    for name in api.__all__:
        obj = getattr(api, name)
        if callable(obj) and not isinstance(obj, type):
            assert inspect.getdoc(obj), name
    for cmd in app.registered_commands:
        if cmd.name in {"ingest", "graph", "lead", "compare", "diff", "departments", "run", "show"}:
            assert "Example: policyparse" in inspect.getdoc(cmd.callback), cmd.name


def test_gazetteer_re_exports():
    pytest.importorskip("policyparse.gazetteer.api")
    m = api.lookup("市科技局", city="泰安市")
    assert m.id is not None


def test_results_print_as_tables(store):
    text = str(api.lead("研发投入强度", city="陇南市", store=store))
    assert "市科技局 (stated)" in text
    assert "临沂市" in str(api.compare("高新技术企业数", store=store))
    assert "changed" in str(api.diff("000_taian_draft.txt", "003_taian_final.txt", store=store))
    assert "science_bureau" in str(api.departments(store=store))
