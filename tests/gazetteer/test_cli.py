"""CLI tests: ``policyparse gazetteer lookup`` / ``check``, and the API functions they wrap."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from policyparse.cli import app

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "corpus").glob("*.txt"))
runner = CliRunner()


def _json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_lookup_json_shape():
    d = _json(runner.invoke(app, ["gazetteer", "lookup", "市工信局", "--city", "泰安市", "--format", "json"]))
    assert set(d) == {"query", "kind", "match", "candidates"}
    assert d["query"] == "市工信局" and d["kind"] == "department"
    assert d["match"] == {
        "id": "dept.industry_information",
        "name": "工业和信息化局",
        "entity": "泰安市工业和信息化局",
        "score": 100.0,
        "method": "rule",
    }
    assert d["candidates"][0] == {"id": "dept.industry_information", "name": "工业和信息化局", "score": 100.0}
    assert all(set(c) == {"id", "name", "score"} for c in d["candidates"])


def test_lookup_unmatched_json():
    d = _json(runner.invoke(app, ["gazetteer", "lookup", "市生态环境保护局", "--format", "json"]))
    assert d["match"] is None
    assert d["candidates"] and d["candidates"][0]["id"] == "dept.ecology_environment"
    assert len(d["candidates"]) <= 5


def test_lookup_indicator_and_place():
    d = _json(runner.invoke(app, ["gazetteer", "lookup", "R&D经费支出与GDP比值", "--kind", "indicator",
                                  "--format", "json"]))
    assert d["kind"] == "indicator" and d["match"]["id"] == "rd_expenditure_gdp_share"
    d = _json(runner.invoke(app, ["gazetteer", "lookup", "石河子", "--kind", "place", "--format", "json"]))
    assert d["match"]["name"] == "石河子市" and d["match"]["id"] == "659001000000"


def test_lookup_text():
    r = runner.invoke(app, ["gazetteer", "lookup", "国家统计局泰安调查队"])
    assert r.exit_code == 0
    assert "dept.nbs_survey_team" in r.stdout and "method: rule" in r.stdout and "runner-up" in r.stdout


def test_check_seeds_zero_unresolved():
    r = runner.invoke(app, ["gazetteer", "check", *map(str, SEEDS)])
    assert r.exit_code == 0, r.output
    assert "0 of " in r.stdout and "department names unresolved" in r.stdout
    d = _json(runner.invoke(app, ["gazetteer", "check", *map(str, SEEDS), "--format", "json"]))
    assert d["unresolved"] == []
    assert d["checked"]["department"] >= 500 and d["resolved"]["department"] == d["checked"]["department"]
    assert d["checked"]["indicator"] >= 150
    assert len(d["documents"]) == 5


def test_check_reports_unresolved_and_exits_1(tmp_path):
    f = tmp_path / "doc.txt"
    f.write_text(
        "1.加强某项工作。(责任单位:市科技局、市宇宙探索局、市工业和信\n息化局)\n", encoding="utf-8"
    )
    r = runner.invoke(app, ["gazetteer", "check", str(f), "--format", "json"])
    assert r.exit_code == 1
    d = json.loads(r.stdout)
    names = [u["name"] for u in d["unresolved"]]
    assert names == ["市宇宙探索局"]
    assert d["unresolved"][0]["line"] == 1 and d["unresolved"][0]["kind"] == "department"
    assert d["checked"]["department"] == 3  # the broken name was repaired and resolved
    r = runner.invoke(app, ["gazetteer", "check", str(f)])
    assert r.exit_code == 1 and "unresolved department: 市宇宙探索局" in r.stdout


def test_check_unreadable_file_names_it(tmp_path):
    r = runner.invoke(app, ["gazetteer", "check", str(tmp_path / "missing.txt")])
    assert r.exit_code != 0


def test_api_functions():
    from policyparse.gazetteer.api import check, lookup

    assert lookup("市发改委", city="陇南市").entity == "陇南市发展和改革委员会"
    result = check([SEEDS[3]])
    assert list(result) == [] and result.checked["department"] > 50
