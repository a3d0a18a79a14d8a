"""Extraction on the corpus: the forms issue 4 names, in every format, against the JSON schema."""

import json
from functools import cache
from pathlib import Path

import jsonschema
import pytest

from policyparse.extract import extract_file
from policyparse.extract.deadlines import find_deadlines
from policyparse.extract.quantities import find_quantities
from policyparse.extract.roles import find_roles
from policyparse.readers import read_document

ROOT = Path(__file__).parents[2]
CORPUS = ROOT / "corpus"
SCHEMA = json.loads((ROOT / "src/policyparse/schema/extract.schema.json").read_text(encoding="utf-8"))


@cache
def facts(name: str) -> dict:
    return extract_file(CORPUS / name)


def _find(f: dict, indicator_part: str, year=None, value=None) -> dict:
    hits = [t for t in f["targets"] if indicator_part in t["indicator"] and (year is None or t["year"] == year)
            and (value is None or t["value"] == value)]
    assert hits, f"no target for {indicator_part} {year} {value}"
    return hits[0]


@pytest.mark.parametrize("ext", ["txt", "docx", "pdf", "html"])
def test_output_validates_and_sources_are_exact(ext):
    f = facts(f"004_53cef2a0b11e33d7.{ext}")
    jsonschema.validate(f, SCHEMA)
    doc = read_document(CORPUS / f"004_53cef2a0b11e33d7.{ext}")
    for fact in f["targets"] + f["assignments"]:
        s = fact["source"]
        assert doc.text[s["start"] : s["end"]] == s["text"]


def test_two_prose_targets_in_one_sentence_with_comparators():
    f = facts("000_66384f2078c7182b.txt")
    rd = _find(f, "研发(R&D)经费支出", 2024, 2.6)
    assert (rd["unit"], rd["comparator"]) == ("%", ">=")
    ht = _find(f, "高新技术企业", 2024, 800)
    assert (ht["unit"], ht["comparator"]) == ("家", "~")


def test_baseline_and_target():
    t = _find(facts("002_101a49cb13188322.txt"), "万人专业技术人员数", 2026, 197.02)
    assert t["baseline"] == {"value": 194.76, "year": 2022} and t["unit"] == "人"
    assert [d["name"] for d in t["lead"]] == ["市人社局"]
    t = _find(facts("002_101a49cb13188322.txt"), "研发仪器和设备支出", 2026, 1.71)
    assert t["unit"] == "万元/人年"


@pytest.mark.parametrize("ext", ["txt", "docx", "pdf"])
def test_target_table_composite_cells_star_and_qualitative(ext):
    f = facts(f"004_53cef2a0b11e33d7.{ext}")
    hte = [t for t in f["targets"] if t["indicator"].startswith("高新技术企业数")]
    assert {(t["value"], t["unit"], t["baseline"]["value"]) for t in hte} == {(1600, "家", 1117), (35, "%", 30.7)}
    rd = _find(f, "全社会R&D经费支出占地区GDP比重", 2024)
    assert rd["value"] is None and rd["qualitative"] == "全省平均水平" and "qualitative" in rd["flags"]
    assert rd["baseline"] == {"value": 2.02, "year": 2020} and "baseline_year_differs" in rd["flags"]


def test_rank_scope_and_coverage():
    f = facts("000_66384f2078c7182b.txt")
    rank = _find(f, "综合科技创新水平指数", 2026, 2)
    assert rank["unit"] == "位次" and "rank" in rank["flags"]
    scoped = [t for t in f["targets"] if t["scope"]]
    assert scoped and scoped[0]["scope"] == "50%以上的县(市、区)" and scoped[0]["value"] == 2.8
    cover = [t for t in f["targets"] if t["qualitative"] and "覆盖" in t["qualitative"]]
    assert cover and cover[0]["value"] is None


def test_task_with_responsible_only_flags_missing_lead():
    f = facts("003_1b4764571c7d463f.txt")
    a = f["assignments"][0]
    assert a["kind"] == "task" and a["lead"] == [] and "lead_not_stated" in a["flags"]
    assert len(a["responsible"]) >= 2


def test_indicator_row_with_lead_formula():
    f = facts("000_66384f2078c7182b.docx")
    a = next(a for a in f["assignments"] if a["item"] == "高新技术企业数量")
    assert [d["name"] for d in a["lead"]] == ["市科技局"]
    assert [d["name"] for d in a["responsible"]] == ["市财政局", "市税务局", "各县(市、区)"]


def test_quantities_and_comparators():
    got = {(q.value, q.unit, q.comparator) for q in find_quantities("达到2.6%以上、800家左右、超过2.5%、50余名、两千家、1.5万家")}
    assert got == {(2.6, "%", ">="), (800, "家", "~"), (2.5, "%", ">"), (50, "人", ">"), (2000, "家", "="), (15000, "家", "=")}


def test_deadlines():
    kinds = {(d.kind, d.year, d.month) for d in find_deadlines("到2025年完成;到“十四五”末;每年3月底前报送")}
    assert kinds == {("by", 2025, None), ("by", 2025, None), ("recurring", None, 3)}
    rng = find_deadlines("(二)全面建设期(2022年11月—2023年12月)")[0]
    assert (rng.kind, rng.year, rng.month, rng.end_year, rng.end_month) == ("range", 2022, 11, 2023, 12)
    assert find_deadlines("建设期限原则上2—3年")[0].kind == "duration"


@pytest.mark.parametrize(
    "text,lead,resp",
    [
        ("市卫健委牵头,市医保局、市财政局配合", ["市卫健委"], ["市医保局", "市财政局"]),
        ("牵头部门:市交通运输局\n配合单位:市公安局、市城管局", ["市交通运输局"], ["市公安局", "市城管局"]),
        ("(责任单位:市生态环境局、各县区人民政府)", [], ["市生态环境局", "各县区人民政府"]),
        ("市科技局、市统计局会同有关部门建立监测机制", ["市科技局", "市统计局"], ["有关部门"]),
    ],
)
def test_role_wordings_from_other_domains(text, lead, resp):
    f = find_roles(text)
    assert [n for n, _ in f.lead] == lead and [n for n, _ in f.responsible] == resp


def test_table_row_sources_carry_the_page_the_row_is_on():
    """附件2 of seed 000 runs over three PDF pages: each row's facts cite its own page."""
    f = facts("000_66384f2078c7182b.pdf")
    pages = {a["source"]["page"] for a in f["assignments"] if a["kind"] == "indicator"}
    assert len(pages) >= 4  # both attachment tables, each spanning several pages


def test_numbers_that_count_nothing_are_not_quantities():
    assert find_quantities("形成一批创新型企业,市政府第17次常务会议,开展一次评估") == []
    assert [(q.value, q.unit) for q in find_quantities("新建1批试点,引进一百名人才")] == [(1, "批"), (100, "人")]


def test_growth_rates_and_changes_against_a_reference_year():
    from policyparse.extract.prose import find_targets

    got = {t.indicator: t for t in find_targets(
        "到2025年,全社会研发经费投入年均增长10%以上,高新技术产业增加值比2020年提高5个百分点。")}
    growth = got["全社会研发经费投入年均增长"]
    assert (growth.value, growth.unit, growth.comparator, growth.year) == (10, "%", ">=", 2025)
    rel = got["高新技术产业增加值"]
    assert (rel.value, rel.unit, rel.year) == (5, "百分点", 2025)
    assert rel.baseline == {"value": None, "year": 2020} and "relative_to_baseline" in rel.flags
