"""Plans from other cities and domains (health, transport): wordings the seeds do not use.

Fixture: tests/fixtures/other/health-transport-plan-yichang.txt, written for these tests in the
layout of a 市政府办公室 三年行动方案 (牵头部门/配合部门 lines, "X牵头,Y配合", "由X负责", a
现状值/目标值 indicator table with "≥" cells, rates per 10万 and ‰).
"""

from functools import cache
from pathlib import Path

from policyparse.extract import extract_file

FIXTURE = Path(__file__).parents[1] / "fixtures/other/health-transport-plan-yichang.txt"


@cache
def facts() -> dict:
    return extract_file(FIXTURE)


def targets(part: str) -> list[dict]:
    return [t for t in facts()["targets"] if part in t["indicator"]]


def names(depts: list[dict]) -> list[str]:
    return [d["name"] for d in depts]


def test_metadata_from_signature():
    d = facts()["document"]
    assert (d["issuer"], d["date"], d["city"], d["province"]) == ("宜昌市人民政府办公室", "2023-03-01", "宜昌市", "湖北省")
    assert d["doc_number"] == "宜政办发〔2023〕7号"


def test_health_rates_and_units():
    (mm,) = targets("孕产妇死亡率")
    assert (mm["value"], mm["unit"], mm["comparator"], mm["year"]) == (10, "/10万", "<=", 2025)
    (im,) = targets("婴儿死亡率")
    assert (im["value"], im["unit"], im["comparator"]) == (5, "‰", "<=")
    life = targets("人均预期寿命")
    assert {(t["value"], t["unit"]) for t in life} == {(79.5, "岁")}


def test_table_with_status_and_target_columns_and_sign_cells():
    (row,) = [t for t in targets("出行分担率") if t["baseline"]]
    assert (row["value"], row["comparator"], row["baseline"]) == (60, ">=", {"value": 52, "year": 2022})
    assert names(row["lead"]) == ["市交通运输局"]


def test_role_wordings():
    a = {x["item"]: x for x in facts()["assignments"]}
    first = a["(一)提升基层医疗服务能力"]
    assert names(first["lead"]) == ["市卫生健康委"]
    assert names(first["responsible"]) == ["市财政局", "市人力资源社会保障局", "各区县人民政府"]
    assert first["deadline"]["year"] == 2024
    second = a["(二)完善公共卫生体系"]
    assert names(second["responsible"]) == ["市疾控中心"] and "lead_not_stated" in second["flags"]
    assert second["responsible"][0]["entity"] == "宜昌市疾病预防控制中心"
    assert (second["deadline"]["kind"], second["deadline"]["month"]) == ("recurring", 6)
    third = a["(三)强化交通支撑"]
    assert names(third["lead"]) == ["市交通运输局"] and names(third["responsible"]) == ["市发展改革委", "市公安局"]
    (bus,) = targets("公交专用道")
    assert (bus["value"], bus["unit"]) == (50, "公里") and names(bus["lead"]) == ["市交通运输局"]


def test_departments_resolve_to_city_entities():
    a = next(x for x in facts()["assignments"] if x["item"] == "(三)强化交通支撑")
    assert a["lead"][0]["entity"] == "宜昌市交通运输局"


TASK_TABLE = Path(__file__).parents[1] / "fixtures/other/transport-task-table-changsha.docx"


def test_task_responsibility_table_docx():
    """A 任务分工表 (序号/重点任务/牵头单位/配合单位/完成时限) gives task assignments with deadlines."""
    f = extract_file(TASK_TABLE)
    assert f["document"]["city"] == "长沙市"
    a = {x["item"]: x for x in f["assignments"]}
    assert set(a) == {"推广新能源公交车", "建设城市慢行系统", "开展绿色出行宣传"}
    assert all(x["kind"] == "task" for x in a.values())
    slow = a["建设城市慢行系统"]
    assert names(slow["lead"]) == ["市住房城乡建设局"]
    assert names(slow["responsible"]) == ["市自然资源和规划局", "各区县(市)人民政府"]
    assert (slow["deadline"]["year"], slow["deadline"]["month"]) == (2024, 12)
    assert a["开展绿色出行宣传"]["deadline"]["kind"] == "recurring"
    share = next(t for t in f["targets"] if "新能源公交车" in t["indicator"])
    assert share["indicator"] == "全市新能源公交车占比" and (share["value"], share["comparator"]) == (95, ">=")


def test_five_year_plan_indicator_table(tmp_path):
    """十四五-plan layout: 2020年/2025年 columns, a 属性 column, "≥" and bracketed cumulative cells."""
    plan = tmp_path / "plan.txt"
    plan.write_text(
        "三、主要指标\n序号\t指标\t单位\t2020年\t2025年\t属性\n"
        "1\t研究与试验发展经费投入强度\t%\t2.1\t≥2.8\t预期性\n"
        "2\t每万人口高价值发明专利拥有量\t件\t3.5\t[8]\t预期性\n"
        "3\t科技进步贡献率\t\t60%\t65%\t预期性\n",
        encoding="utf-8",
    )
    t = {x["indicator"]: x for x in extract_file(plan)["targets"]}
    rd = t["研究与试验发展经费投入强度"]
    assert (rd["indicator_id"], rd["value"], rd["comparator"], rd["baseline"]) == (
        "rd_expenditure_gdp_share", 2.8, ">=", {"value": 2.1, "year": 2020})
    assert "cumulative_over_period" in t["每万人口高价值发明专利拥有量"]["flags"]
    assert (t["科技进步贡献率"]["value"], t["科技进步贡献率"]["unit"]) == (65, "%")


def test_two_row_header_with_several_target_years():
    """"目标值" spanning "2024年 | 2026年" (Word's merged header): both are targets, none a baseline."""
    f = extract_file(Path(__file__).parents[1] / "fixtures/docx/auto-numbering.docx")
    rd = [t for t in f["targets"] if t["indicator"] == "全社会研发经费支出占GDP比重"]
    assert {(t["value"], t["year"], t["baseline"] is None) for t in rd} == {(2.6, 2024, True), (2.8, 2026, True)}
    assert not [t for t in f["targets"] if t["indicator"] == "指标"]  # the header is not a row


def test_year_columns_labelled_as_baseline_and_target(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(
        "序号\t指标名称\t单位\t2020年\t2025年目标\n1\t森林覆盖率\t%\t40.1\t42\n\n"
        "序号\t指标\t现状值(2022年)\t目标值(2025年)\t牵头单位\n1\t城市绿色出行比例(%)\t61\t70\t市交通运输局\n",
        encoding="utf-8",
    )
    t = {x["indicator"]: x for x in extract_file(plan)["targets"]}
    assert (t["森林覆盖率"]["value"], t["森林覆盖率"]["year"], t["森林覆盖率"]["baseline"]) == (
        42, 2025, {"value": 40.1, "year": 2020})
    green = t["城市绿色出行比例"]
    assert (green["value"], green["unit"], green["year"], green["baseline"]) == (70, "%", 2025, {"value": 61, "year": 2022})
    assert [d["name"] for d in green["lead"]] == ["市交通运输局"]
