"""Extraction on the corpus: the forms issue 4 names, in every format, against the JSON schema."""

import json
import re
from functools import cache
from pathlib import Path

import jsonschema
import pytest

from policyparse.extract import extract_file
from policyparse.extract.deadlines import find_deadlines
from policyparse.extract.quantities import find_quantities
from policyparse.extract.roles import find_roles
from policyparse.readers import read_document
from policyparse.text.normalise import fold_width, to_simplified

ROOT = Path(__file__).parents[2]
CORPUS = ROOT / "corpus"
SCHEMA = json.loads((ROOT / "src/policyparse/schema/extract.schema.json").read_text(encoding="utf-8"))


@cache
def facts(name: str) -> dict:
    return extract_file(CORPUS / name)


def _squash(t: str) -> str:
    return re.sub(r"\s", "", t)


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
        # the quote is the file's own characters for the normalised span start:end
        assert _squash(fold_width(to_simplified(s["text"]))) == _squash(doc.text[s["start"] : s["end"]])
        assert _squash(s["text"]) in _squash(doc.source_text)


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
    assert got == {(2.6, "%", ">="), (800, "家", "~"), (2.5, "%", ">"), (50, "人", ">"), (2000, "家", "="), (1.5, "万家", "=")}
    # the unit as written (real-document convention): "1.5万家" stays 1.5 万家, "28万人" 28 万人, "2万家次"
    # 2 万家次, "3万所" 3 万所; only 千 folds ("两千家" above) and a bare multiplier ("万场" has no numeral)
    got = {(q.value, q.unit) for q in find_quantities("城镇新增就业28万人、建设3万所、组织不少于2万家次、3—5万个")}
    assert got == {(28, "万人"), (3, "万所"), (2, "万家次"), (3, "万个")}


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
    assert rel.baseline is None and rel.qualitative == "比2020年提高5个百分点" and "relative_to_baseline" in rel.flags


# ------------------------------------------------------------------ wordings of other domains (held-out set)
def _t(sentence: str, year: int | None = None):
    from policyparse.extract.prose import find_targets

    return [(t.indicator, t.value, t.unit, t.comparator, t.year, t.scope) for t in find_targets(sentence, year)]


def test_respectively_pairs_each_indicator_with_its_value_and_shares_the_comparator():
    got = _t("到2025年,婴儿死亡率、5岁以下儿童死亡率、孕产妇死亡率分别控制在4.5‰、6‰和10/10万以下。")
    assert got == [("婴儿死亡率", 4.5, "‰", "<=", 2025, None), ("5岁以下儿童死亡率", 6, "‰", "<=", 2025, None),
                   ("孕产妇死亡率", 10, "/10万", "<=", 2025, None)]
    # one name, two values: not paired, both kept under that name
    assert [g[1] for g in _t("到2025年,城乡居民人均可支配收入分别达到5万元和2.5万元。")] == [5, 2.5]


def test_each_gives_the_same_goal_to_every_listed_indicator():
    got = _t("到2025年,孕产妇系统管理率和3岁以下儿童系统管理率均达到90%以上。")
    assert [(g[0], g[1], g[3]) for g in got] == [("孕产妇系统管理率", 90, ">="), ("3岁以下儿童系统管理率", 90, ">=")]


def test_yearly_quotas_scopes_and_share_goals():
    got = _t("各镇(街道)每年新增规上工业企业不少于10家。")
    assert got == [("新增规上工业企业", 10, "家", ">=", None, "各镇(街道)")]
    got = _t("到2026年,全区80%以上的规上工业企业实现数字化改造。")
    assert got == [("规上工业企业实现数字化改造", 80, "%", ">=", 2026, None)]
    got = _t("到2025年,中心城区公共交通机动化出行分担率达到45%。")
    assert got == [("公共交通机动化出行分担率", 45, "%", "=", 2025, "中心城区")]
    got = _t("到2024年底,每个县(市、区)至少建成1家县域医疗次中心。")
    assert got == [("县域医疗次中心", 1, "家", ">=", 2024, "每个县(市、区)")]


def test_quantities_that_qualify_a_name_are_not_targets():
    assert _t("到2025年,具备条件的25户以上自然村通硬化路,城市社区“15分钟健身圈”建成。") == []
    assert [g[0] for g in _t("到2025年,每千人口拥有3岁以下婴幼儿托位数不低于4.5个。")] == ["每千人口拥有3岁以下婴幼儿托位数"]
    assert [g[0] for g in _t("到2025年,培育10家以上龙头企业。")] == ["龙头企业"]


def test_year_carries_to_the_next_sentence_but_not_to_the_present_state():
    got = _t("到2025年,人均预期寿命达到79.5岁。每千人口执业(助理)医师数达到3.2人。目前全市已有医师达到5000人。")
    assert [(g[0], g[4]) for g in got] == [("人均预期寿命", 2025), ("每千人口执业(助理)医师数", 2025)]


def test_goal_adverb_makes_a_target_without_a_year_and_flags_it():
    from policyparse.extract.prose import find_targets

    (t,) = find_targets("力争制造业贷款余额年均增长10%以上。")
    assert (t.value, t.year, "year_not_stated" in t.flags) == (10, None, True)
    assert find_targets("制造业贷款余额增长10%。") == []  # a fact, not a goal


def test_change_against_a_reference_year_keeps_its_words_and_no_baseline():
    from policyparse.extract.prose import find_targets

    (t,) = find_targets("到2025年,重大慢性病过早死亡率较2020年下降10%。")
    assert (t.value, t.baseline, t.qualitative) == (10, None, "较2020年下降10%")
    assert {"relative_to_baseline", "decrease"} <= set(t.flags)
    (t,) = find_targets("到2025年,技术合同成交额较2022年翻一番。")
    assert (t.value, t.qualitative) == (None, "较2022年翻一番")


def test_units_per_population_and_counts_in_ten_thousands():
    got = {(q.value, q.unit) for q in find_quantities("达到每千人4批次,突破500列,3.5亿件,60万标箱")}
    assert got == {(4, "批次/千人"), (500, "列"), (3.5, "亿件"), (60, "万标箱")}  # the multiplier as written


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2023年12月底前完成", ("by", 2023, 12, None)),
        ("2025年底前完成", ("by", 2025, None, None)),
        ("2023年起,每年新增", ("range", 2023, None, None)),
        ("“十四五”期间,累计引进", ("range", 2021, None, 2025)),
        ("2023—2025年", ("range", 2023, None, 2025)),
    ],
)
def test_deadline_forms(text, expected):
    d = find_deadlines(text)[0]
    assert (d.kind, d.year, d.month, d.end_year) == expected


@pytest.mark.parametrize(
    "text,lead,resp",
    [
        ("(牵头部门:市卫生健康委;配合部门:市财政局、市人力社保局)", ["市卫生健康委"], ["市财政局", "市人力社保局"]),
        ("市体育局负责,市教育局、市住建局配合。", ["市体育局"], ["市教育局", "市住建局"]),
        ("市交通运输局负责制定年度工作要点。", [], ["市交通运输局"]),
        ("市直有关部门要按照职责分工,细化任务。", [], ["市直有关部门"]),
        ("省科技厅会同省政府督查室开展年度评估", ["省科技厅"], ["省政府督查室"]),
        ("(责任单位:市妇联、市供销社、赣州海关、各街道办事处)", [], ["市妇联", "市供销社", "赣州海关", "各街道办事处"]),
        ("各级党政主要负责同志要亲自抓。", [], []),
    ],
)
def test_more_role_wordings(text, lead, resp):
    f = find_roles(text)
    assert [n for n, _ in f.lead] == lead and [n for n, _ in f.responsible] == resp


def test_articles_of_measures_are_items():
    from policyparse.text.structure import classify

    assert classify("第二条适度超前布局算力基础设施。推动数据中心集约化发展。")[1:] == (3, "第二条")
    assert classify("第一章总则")[1:] == (1, "第一章")
    assert classify("第一条生产线的产能")[1] is None or classify("第一条生产线的产能")[2] == "第一条"


@pytest.mark.parametrize(
    "text,lead,resp",
    [
        ("责任单位:市林业局(牵头),各市(特区、区)人民政府", ["市林业局"], ["各市(特区、区)人民政府"]),
        ("由市财政局会同市发改委(市数字办)、市工信局制定办法", ["市财政局"], ["市发改委(市数字办)", "市工信局"]),
        ("市发改委(市数字办)会同市统计局建立统计监测制度", ["市发改委(市数字办)"], ["市统计局"]),
        ("市住建局牵头,市工信局、市生态环境局按照职责分工抓好落实。", ["市住建局"], ["市工信局", "市生态环境局"]),
        ("本措施由市发改委负责解释。", [], []),
        ("由市应急管理局会同市消防救援支队、各县(市、区)人民政府组织实施。", ["市应急管理局"],
         ["市消防救援支队", "各县(市、区)人民政府"]),
        ("县民政局会同县乡村振兴局、县残联建立数据共享机制。", ["县民政局"], ["县乡村振兴局", "县残联"]),
        ("市科技局会同市公安局交警支队和市财政局研究", ["市科技局"], ["市公安局交警支队", "市财政局"]),
    ],
)
def test_lead_marks_second_names_and_closing_clauses(text, lead, resp):
    f = find_roles(text)
    assert [n for n, _ in f.lead] == lead and [n for n, _ in f.responsible] == resp


def test_incentives_thresholds_and_ratios():
    assert _t("到2025年,对年营业收入首次突破10亿元的企业,给予最高200万元奖励,每家企业每年最高20万元。") == []
    assert _t("按照每亩平均投入不低于3000元的标准建设。") == []
    got = _t("到2026年,城乡居民收入比缩小到2.75以内,新建大型数据中心电能利用效率(PUE)不高于1.3。")
    assert got == [("城乡居民收入比", 2.75, None, "<=", 2026, None),
                   ("新建大型数据中心电能利用效率(PUE)", 1.3, None, "<=", 2026, None)]
    assert _t("到2025年,研发项目达到30。") == []  # a bare number that is not a ratio counts nothing


def test_steady_state_goals_without_a_year_are_flagged_targets():
    from policyparse.extract.prose import find_targets

    (t,) = find_targets("主要农产品质量安全例行监测合格率稳定在98%以上。")
    assert (t.value, t.comparator, t.year, t.flags) == (98, ">=", None, ["year_not_stated"])


def test_formula_factors_and_empty_page_break_rows_are_not_facts():
    assert find_quantities("(空气质量达到及好于二级的天数/全年实际天数)×100%") == []
    # 010's indicator table runs over a PDF page break: every row once, as in the text rendering
    root = Path(__file__).resolve().parents[2] / "corpus" / "unseen"
    rows = [t["indicator"] for t in extract_file(root / "010_7f5b648c65e408c5.pdf")["targets"] if t["baseline"]]
    assert rows.count("普惠性幼儿园覆盖率") == 1


def test_growth_comparisons_are_qualitative_targets():
    from policyparse.extract.prose import find_targets

    (t,) = find_targets("普惠型涉农贷款增速不低于各项贷款平均增速。")
    assert (t.indicator, t.value, t.comparator, t.qualitative) == ("普惠型涉农贷款增速", None, ">=", "不低于各项贷款平均增速")
    assert set(t.flags) == {"qualitative", "year_not_stated"}
