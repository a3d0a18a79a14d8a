"""Matcher tests on the real surface forms of the five seeds (corpus/*.txt)."""

from __future__ import annotations

import jieba
import pytest

from policyparse.gazetteer import Match, load_gazetteer
from policyparse.gazetteer import matcher as M


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


# (surface form as printed in the seed, once line breaks are repaired; expected id)
SEED_DEPARTMENTS = [
    # 000 泰安 draft, 附件1/附件2 责任单位 columns
    ("市科技局", "dept.science_technology"),
    ("市教育局", "dept.education"),
    ("市工业和信息化局", "dept.industry_information"),  # printed "市工业和信\n息化局" in 附件2
    ("市财政局", "dept.finance"),
    ("市国资委", "dept.sasac"),
    ("市税务局", "dept.taxation"),
    ("市发展和改革委", "dept.development_reform"),
    ("市委组织部", "dept.party.organization"),
    ("市人力资源和社会保障局", "dept.human_resources_social_security"),
    ("市卫生健康委", "dept.health"),
    ("市科协", "dept.science_association"),
    ("市市场监管局", "dept.market_regulation"),
    ("市地方金融监管局", "dept.local_financial_regulation"),
    ("人行泰安市中心支行", "dept.pboc_branch"),
    ("泰安银保监分局", "dept.banking_insurance_regulation"),
    ("市委网信办", "dept.party.cyberspace"),
    ("市委编办", "dept.party.establishment_office"),
    ("市直有关部门", "dept.collective.municipal_departments"),
    ("各县(市、区)", "dept.collective.counties"),
    ("相关部门", "dept.collective.relevant_departments"),
    ("市商务局", "dept.commerce"),
    ("市生态环境局", "dept.ecology_environment"),
    ("市住房和城乡建设局", "dept.housing_urban_rural"),
    ("市农业农村局", "dept.agriculture_rural"),
    ("市水利局", "dept.water_resources"),
    # 002 陇南: 牵头单位 / 责任单位 lines
    ("市人社局", "dept.human_resources_social_security"),
    ("市工信局", "dept.industry_information"),
    ("市发展改革委", "dept.development_reform"),
    ("市自然资源局", "dept.natural_resources"),
    ("市林草局", "dept.forestry_grassland"),
    ("市政府国资委", "dept.sasac"),
    ("市政府金融办", "dept.local_financial_regulation"),
    ("市住建局", "dept.housing_urban_rural"),
    ("市水务局", "dept.water_resources"),
    ("市文广旅局", "dept.culture_tourism"),
    # 003 泰安 final: (责任单位:...)
    ("市自然资源和规划局", "dept.natural_resources"),
    ("市人力资源社会保障局", "dept.human_resources_social_security"),
    ("市民政局", "dept.civil_affairs"),
    ("市应急局", "dept.emergency_management"),
    ("市人才办", "dept.party.talent_office"),
    ("市审计局", "dept.audit"),
    ("市统计局", "dept.statistics"),
    ("泰安市人民政府", "dept.people_government"),
    ("泰安市人民政府办公室", "dept.government_office"),
    # 004 临沂
    ("临沂高新区管委会", "dept.zone.high_tech"),
    ("临沂高新区", "dept.zone.high_tech"),
    ("沂河新区管委会", "dept.zone.new_area"),
    ("市委宣传部", "dept.party.publicity"),
    ("市卫生健康委", "dept.health"),
    ("市行政审批局", "dept.administrative_approval"),
    ("市大数据局", "dept.big_data"),
    ("市林业局", "dept.forestry_grassland"),
    ("市信息通信发展办公室", "dept.information_communication"),
    ("市住房城乡建设局", "dept.housing_urban_rural"),
    ("市文化和旅游局", "dept.culture_tourism"),
    ("临沂银保监分局", "dept.banking_insurance_regulation"),
    ("临沂日报报业集团", "dept.newspaper_group"),
    ("市广播电视台", "dept.radio_tv_station"),
    ("有关高职院校", "dept.collective.universities"),
    ("各县区人民政府(管委会)", "dept.collective.county_governments"),
    ("市委科技创新委员会", "dept.party.st_innovation_committee"),
    ("市科技领导小组办公室", "dept.coord.st_leading_group_office"),
    ("市综合考核领导小组办公室", "dept.coord.assessment_leading_group_office"),
    # 001 national guideline
    ("科技部", "dept.national.science_technology"),
    ("科学技术部", "dept.national.science_technology"),
    ("国家发展改革委", "dept.national.development_reform"),
    ("国务院有关部门", "dept.collective.state_council_departments"),
    ("财政部", "dept.national.finance"),
    ("商务部", "dept.national.commerce"),
    # forms named in the brief / issue
    ("工业和信息化局", "dept.industry_information"),
    ("市发改委", "dept.development_reform"),
    ("国家统计局泰安调查队", "dept.nbs_survey_team"),
    ("市委军民融合办", "dept.party.civil_military_integration"),
    ("各县区人民政府", "dept.collective.county_governments"),
    ("各县(市、区)人民政府", "dept.collective.county_governments"),
    ("有关部门", "dept.collective.relevant_departments"),
]


@pytest.mark.parametrize(("name", "expected"), SEED_DEPARTMENTS)
def test_seed_departments_resolve(gaz, name, expected):
    m = gaz.match(name, kind="department", city="泰安市")
    assert m.id == expected, (name, m)
    assert m.method in ("exact", "alias", "rule")
    assert m.score == 100.0
    assert m.entity


def test_gongxin_variants_are_one_type(gaz):
    ids = {gaz.match(n).id for n in ("市工信局", "市工业和信息化局", "工业和信息化局", "工信局")}
    assert ids == {"dept.industry_information"}
    ids = {gaz.match(n).id for n in ("市发展和改革委", "市发展改革委", "市发改委", "发展和改革委员会")}
    assert ids == {"dept.development_reform"}


def test_methods_exact_alias_rule(gaz):
    assert gaz.match("科学技术局").method == "exact"
    assert gaz.match("科技局").method == "alias"
    assert gaz.match("市科技局").method == "rule"
    assert gaz.match("泰安市 科技局").method == "rule"  # whitespace normalised
    assert gaz.match("各县（市、区）").method == "rule"  # full-width brackets normalised


@pytest.mark.parametrize(
    ("name", "city", "entity"),
    [
        ("市科技局", "泰安市", "泰安市科学技术局"),
        ("市科技局", "泰安", "泰安市科学技术局"),
        ("科学技术局", "临沂市", "临沂市科学技术局"),
        ("各县(市、区)", "泰安市", "泰安市各县(市、区)"),
        ("市委组织部", "陇南市", "陇南市委组织部"),
        ("省科技厅", "泰安市", "山东省科学技术厅"),
        ("新泰市科技局", "泰安市", "新泰市科学技术局"),
        ("泰安银保监分局", None, "泰安银保监分局"),
        ("人行泰安市中心支行", "泰安市", "中国人民银行泰安市中心支行"),
        ("国家统计局泰安调查队", None, "国家统计局泰安调查队"),
        ("科技部", "泰安市", "科学技术部"),
        ("沂河新区管委会", "临沂市", "临沂市沂河新区管委会"),
        ("临沂高新区管委会", None, "临沂高新区管委会"),
        ("市直有关部门", "泰安市", "泰安市直有关部门"),
    ],
)
def test_city_scoped_entity(gaz, name, city, entity):
    assert gaz.match(name, city=city).entity == entity


def test_runner_up_is_reported(gaz):
    m = gaz.match("市工业和信息化局")
    assert m.runner_up is not None
    assert m.runner_up[0] != m.id
    assert 0 < m.runner_up[2] < 100


# ----------------------------------------------------------------------------- near misses


def test_education_exam_authority_is_not_education_bureau(gaz):
    m = gaz.match("市教育考试院", city="泰安市")
    assert m.id != "dept.education"
    assert m.id in (None, "dept.education_exam_authority")
    assert gaz.match("市教育局").id == "dept.education"
    # a misspelt exam authority must not fall back to 教育局 either
    assert gaz.match("市教育考式院").id != "dept.education"


def test_invention_patent_near_miss(gaz):
    a = gaz.match("万人发明专利拥有量", kind="indicator")
    b = gaz.match("每万人口高价值发明专利拥有量", kind="indicator")
    assert a.id == "invention_patents_per_10k"
    assert b.id == "high_value_invention_patents_per_10k"
    # perturbed forms stay on their side
    assert gaz.match("每万人口高价值发明专利拥有", kind="indicator").id == "high_value_invention_patents_per_10k"
    assert gaz.match("万人高价值发明专利数", kind="indicator").id != "invention_patents_per_10k"
    assert gaz.match("每万人口发明专利拥有数", kind="indicator").id != "high_value_invention_patents_per_10k"


def test_high_tech_enterprises_near_miss(gaz):
    a = gaz.match("高新技术企业数", kind="indicator")
    b = gaz.match("每万家企业法人中高新技术企业数", kind="indicator")
    assert a.id == "high_tech_enterprises"
    assert b.id == "high_tech_enterprises_per_10k_legal_entities"
    assert gaz.match("高新技术企业数目", kind="indicator").id == "high_tech_enterprises"
    assert gaz.match("每万家企业中高新技术企业数", kind="indicator").id != "high_tech_enterprises"


def test_local_bureau_never_fuzzes_into_ministry(gaz):
    # 市场监管局 vs 国家市场监督管理总局 / 工业和信息化局 vs 工业和信息化部 (raw ratio >= 85)
    for name in ("市工业和信息化管理局", "市税务分局", "市市场监督局"):
        m = gaz.match(name)
        assert m.id is None or not m.id.startswith("dept.national."), (name, m)


def test_more_specific_zone_is_not_generic_zone(gaz):
    assert gaz.match("临沂高新区管委会").id == "dept.zone.high_tech"
    assert gaz.match("高新区管委会").id == "dept.zone.high_tech"


# ----------------------------------------------------------------------------- thresholds


def test_thresholds_are_the_measured_constants():
    assert M.DEPARTMENT_FUZZY_THRESHOLD == 85.0
    assert M.INDICATOR_FUZZY_THRESHOLD == 80.0
    assert M.PLACE_FUZZY_THRESHOLD == 90.0
    assert M.FUZZY_MARGIN == 4.0


def test_department_fuzzy_accepts_long_variants(gaz):
    m = gaz.match("市人力资源与社会保障局")
    assert (m.id, m.method) == ("dept.human_resources_social_security", "fuzzy")
    assert m.score >= M.DEPARTMENT_FUZZY_THRESHOLD
    assert gaz.match("市住房与城乡建设局").id == "dept.housing_urban_rural"


def test_department_below_threshold_is_unmatched_with_candidates(gaz):
    # one substituted character in a 6-character name scores 83.3 < 85
    m = gaz.match("市生态环境保护局")
    assert m.id is None and m.method == "unmatched" and m.entity is None
    assert 80 < m.score < M.DEPARTMENT_FUZZY_THRESHOLD
    assert m.candidates[0][0] == "dept.ecology_environment"
    assert len(m.candidates) <= 5


def _fresh(gaz, monkeypatch, name, value):
    monkeypatch.setattr(M, name, value)
    gaz.clear_cache()


def test_department_threshold_boundary(gaz, monkeypatch):
    q = "市地方金融监督局"  # fuzzy 87.5 against 地方金融监管局 (and its other names)
    base = gaz.match(q)
    assert base.method == "fuzzy"
    score = base.score
    try:
        _fresh(gaz, monkeypatch, "DEPARTMENT_FUZZY_THRESHOLD", score)
        assert gaz.match(q).id == "dept.local_financial_regulation"
        _fresh(gaz, monkeypatch, "DEPARTMENT_FUZZY_THRESHOLD", score + 0.01)
        assert gaz.match(q).id is None
        assert gaz.match(q).candidates[0][0] == "dept.local_financial_regulation"
    finally:
        gaz.clear_cache()


def test_indicator_threshold_boundary(gaz, monkeypatch):
    q = "万人高价值发明专利数"
    base = gaz.match(q, kind="indicator")
    assert base.method == "fuzzy" and base.id == "high_value_invention_patents_per_10k"
    try:
        _fresh(gaz, monkeypatch, "INDICATOR_FUZZY_THRESHOLD", base.score)
        assert gaz.match(q, kind="indicator").id == "high_value_invention_patents_per_10k"
        _fresh(gaz, monkeypatch, "INDICATOR_FUZZY_THRESHOLD", base.score + 0.01)
        assert gaz.match(q, kind="indicator").id is None
    finally:
        gaz.clear_cache()


def test_margin_rejects_ambiguous_best(gaz):
    # 91.9 for 高新区 revenue share vs 90.0 for 农业科技园区 revenue share: within the margin of 4
    m = gaz.match("国家和省级园区营业总收入占GDP比重", kind="indicator")
    assert m.id is None
    assert {c[0] for c in m.candidates[:2]} == {"high_tech_zone_revenue_gdp_share", "agri_park_revenue_gdp_share"}
    assert m.runner_up is not None


def test_extract_one_shape(gaz):
    hit = M.extract_one("市人力资源与社会保障局", gaz._dept, M.DEPARTMENT_FUZZY_THRESHOLD)  # noqa: SLF001
    assert hit is not None
    name, score, ident = hit
    assert ident == "dept.human_resources_social_security" and name == "人力资源和社会保障局" and score > 85
    assert M.extract_one("完全无关的文字", gaz._dept, M.DEPARTMENT_FUZZY_THRESHOLD) is None  # noqa: SLF001


# ----------------------------------------------------------------------------- indicators

SEED_INDICATORS = [
    # 001 附件2 (national, spaces as printed)
    ("每万名就业人员中研发人员 (人年)", "rd_personnel_per_10k_employed"),
    ("全社会 R&D 经费支出占地区 GDP 比重 (%) *", "rd_expenditure_gdp_share"),
    ("国家和省级高新技术产业开发区营业总收入占地区 GDP 比重 (%，分别列出)", "high_tech_zone_revenue_gdp_share"),
    ("高新技术企业数 (家) 及占规上工业企业数量比重 (%) *", "high_tech_enterprises"),
    ("万元 GDP 综合能耗（吨标准煤/万元）", "energy_consumption_per_10k_gdp"),
    ("科技公共财政支出占公共财政支出的比重（%）*", "st_fiscal_expenditure_share"),
    ("党委政府出台实施创新驱动发展战略的决定或意见及配套政策*", "innovation_strategy_policies"),
    # 000 附件1 / 附件2 (泰安)
    ("全社会研发(R&D)经费支出占地区生产总值(GDP)的比重(％)", "rd_expenditure_gdp_share"),  # broken across lines in the txt
    ("综合科技进步水平指数", "st_progress_index"),
    ("高新技术企业数量(家)", "high_tech_enterprises"),
    ("国内500强企业数(家)", "top500_domestic_enterprises"),
    ("每万名就业人员中研发人力投入(人年/万人)", "rd_personnel_per_10k_employed"),
    ("每万人发明专利拥有量(件)", "invention_patents_per_10k"),
    ("研发费用加计扣除占企业研发经费的比重(％)", "rd_super_deduction_share"),
    ("科技企业孵化器、众创空间(含星创天地)数量(个)", "incubators_maker_spaces"),
    ("万人研究与发展(R&D)人员数(人年)", "rd_personnel_per_10k_population"),
    ("万人R&D 研究人员数(人年)", "rd_researchers_per_10k_population"),
    ("R&D 经费支出与GDP 比值(％)", "rd_expenditure_gdp_share"),
    ("地方财政科技支出占地方财政支出比重(％)", "st_fiscal_expenditure_share"),
    ("信息传输、软件和信息技术服务业增加值占生产总值比重(％)", "ict_services_gdp_share"),  # broken in the txt
    ("劳动生产率(万元/人)", "overall_labour_productivity"),
    # 002 (陇南)
    ("万人专业技术人员数", "professional_technical_staff_per_10k"),
    ("R&D经费支出与GDP比值", "rd_expenditure_gdp_share"),
    ("地方财政科技支出占一般公共预算支出比重", "st_fiscal_expenditure_share"),
    ("每万人口高价值发明专利拥有量", "high_value_invention_patents_per_10k"),
    ("技术成交额占GDP比重", "tech_contract_turnover_gdp_share"),
    ("每万家企业法人中高新技术企业数", "high_tech_enterprises_per_10k_legal_entities"),
    ("高技术产业(制造业)营业收入占工业营业收入比重", "high_tech_manufacturing_revenue_share"),
    ("规模以上工业企业全员劳动生产率", "industrial_enterprise_labour_productivity"),
    ("万人宽带网宽带用户数", "broadband_users_per_10k"),
    # 004 (临沂)
    ("全社会R&D经费支出占地区GDP比重(%)", "rd_expenditure_gdp_share"),
    ("高新技术产业产值占规上工业总产值比重(%)", "high_tech_industry_output_share"),
    ("每万人发明专利拥有量(件/万人)", "invention_patents_per_10k"),
    ("年技术市场成交合同金额(亿元)", "tech_contract_turnover"),
    ("国家和省级实验室、技术创新中心和工程研究中心等平台数量", "key_labs_engineering_centers"),
    ("环境空气质量优良天数占全年的比重", "good_air_quality_days_share"),
    ("单位GDP能耗下降率", "energy_intensity_reduction_rate"),
    ("实际使用外资金额及增幅", "fdi_utilised_amount_growth"),
    ("森林覆盖率", "forest_coverage_rate"),
    # targets stated in prose (000/003/004)
    ("全市综合科技创新水平指数", "st_progress_index"),
    ("有效期内高新技术企业总量", "high_tech_enterprises"),
    ("国家科技型中小企业库入库企业", "tech_sme_register_enterprises"),
    ("规上企业市级以上研发机构", "enterprise_rd_institution_coverage"),
    ("规模以上工业企业科技合作", "industrial_enterprise_st_cooperation"),
    ("引进培育高层次创新创业人才", "high_level_talent_introduced"),
    ("省级重点实验室", "provincial_key_labs"),
    ("市级重点实验室", "municipal_key_labs"),
    ("选派科技特派员", "st_commissioners_dispatched"),
    ("有林地和国特灌面积", "forest_and_shrub_area"),
    ("全市重点产业领域规模以上工业企业研发活动", "enterprises_with_rd_share"),
    # the three spellings of one indicator
    ("全社会R&D经费支出占地区GDP比重", "rd_expenditure_gdp_share"),
]


@pytest.mark.parametrize(("name", "expected"), SEED_INDICATORS)
def test_seed_indicators_resolve(gaz, name, expected):
    m = gaz.match(name, kind="indicator")
    assert m.id == expected, (name, m)
    assert m.method in ("exact", "alias", "rule")


def test_indicator_record(gaz):
    ind = gaz.indicator("rd_expenditure_gdp_share")
    assert ind.name == "全社会R&D经费支出占地区GDP比重"
    assert ind.unit == "%" and ind.assessment is True and ind.source == "national"
    assert "×" in ind.formula
    assert "R&D经费支出与GDP比值" in ind.aliases


# ----------------------------------------------------------------------------- places


def test_places(gaz):
    assert gaz.match("泰安", kind="place").name == "泰安市"
    assert gaz.match("市", kind="place", city="泰安市").name == "泰安市"
    assert gaz.match("省", kind="place", city="陇南市").name == "甘肃省"
    p = gaz.place("石河子")
    assert p is not None and p.name == "石河子市" and p.province == "新疆维吾尔自治区"
    m = gaz.match("海淀", kind="place")
    assert m.entity == "海淀区" and m.place.city == "北京市"
    assert gaz.match("不存在的地方", kind="place").id is None


def test_find_place(gaz):
    assert gaz.find_place("陇南市提升综合科技进步水平指数实施方案") == ("陇南市", "甘肃省")
    assert gaz.find_place("肥城市人民政府") == ("泰安市", "山东省")
    assert gaz.find_place("科学技术部 国家发展改革委") is None


# ----------------------------------------------------------------------------- result shape, jieba


def test_to_dict_shape(gaz):
    d = gaz.match("市工信局", city="泰安市").to_dict()
    assert set(d) == {"query", "kind", "match", "candidates"}
    assert set(d["match"]) == {"id", "name", "entity", "score", "method"}
    assert d["match"]["entity"] == "泰安市工业和信息化局"
    assert all(set(c) == {"id", "name", "score"} for c in d["candidates"])
    u = gaz.match("完全无关的文字局").to_dict()
    assert u["match"] is None


def test_match_is_frozen(gaz):
    m = gaz.match("市科技局")
    assert isinstance(m, Match)
    with pytest.raises(AttributeError):
        m.id = "x"  # type: ignore[misc]


def test_unknown_kind(gaz):
    with pytest.raises(ValueError):
        gaz.match("市科技局", kind="person")


def test_surface_forms(gaz):
    forms = gaz.department_surface_forms()
    assert "科学技术局" in forms and "科技局" in forms and "各县(市、区)" in forms
    assert len(forms) == len(set(forms))
    iforms = gaz.indicator_surface_forms()
    assert "R&D经费支出与GDP比值" in iforms and "万人发明专利拥有量" in iforms


def test_register_jieba_keeps_names_single_tokens(gaz):
    tok = jieba.Tokenizer()
    n = gaz.register_jieba(tok)
    assert n > 500
    tokens = tok.lcut("市工业和信息化局牵头,市人力资源社会保障局配合,每万家企业法人中高新技术企业数")
    assert "市工业和信息化局" in tokens
    assert "市人力资源社会保障局" in tokens
    assert "每万家企业法人中高新技术企业数" in tokens


@pytest.mark.parametrize(
    ("name", "city", "expected"),
    [
        ("市人力社保局", "株洲市", "dept.human_resources_social_security"),
        ("市资规局", "株洲市", "dept.natural_resources"),
        ("区投促中心", None, "dept.investment_promotion"),
        ("国网株洲供电公司", "株洲市", "dept.power_supply"),
        ("团市委", "株洲市", "dept.youth_league"),
        ("各镇人民政府", None, "dept.collective.township_governments"),
        ("各市(州)人民政府", None, "dept.collective.prefecture_governments"),
        ("省经信厅", None, "dept.industry_information"),
        ("市港航中心", "赣州市", "dept.port_shipping"),
    ],
)
def test_other_domains_abbreviations_resolve(gaz, name, city, expected):
    """Abbreviations of plans from other domains and levels (health, transport, districts, provinces)."""
    assert gaz.match(name, kind="department", city=city).id == expected


def test_a_place_cut_from_inside_a_name_is_never_a_fuzzy_key(gaz):
    """"市长安管理局" minus the place 长安(区) is "市管理局", 89 against 城市管理局: unmatched, with candidates."""
    for name in ("市长安管理局", "市城区管理局"):
        m = gaz.match(name, kind="department", city="赣州市")
        assert m.id is None and m.candidates, name
    assert gaz.match("人行泰安市中心支行").id == "dept.pboc_branch"  # the exact use still works
    assert gaz.match("市港口管理局", kind="department", city="赣州市").id == "dept.port_shipping"


def test_guards_measured_on_real_names(gaz):
    """The three guards added after the measurement on real names (module docstring)."""
    ok = gaz._compatible  # noqa: SLF001
    idx = gaz._dept  # noqa: SLF001
    # markers 地方 / 支局 / 分局 must agree: the NFRA's offices are not the local financial bureau
    assert not ok("department", idx, "金融监管支局", "dept.local_financial_regulation")
    assert not ok("department", idx, "国家金融监督管理总局监管局", "dept.banking_insurance_regulation")
    # a collective never fuzzes into one body nor one body into a collective
    assert not ok("department", idx, "开发区管委会", "dept.collective.functional_zones")
    # the party committee's office is not the government's
    assert not ok("department", idx, "金融办", "dept.party.financial_affairs")
    # the long spelling variants still pass
    assert ok("department", idx, "人力资源与社会保障局", "dept.human_resources_social_security")
    assert gaz.match("广昌金融监管支局").id == "dept.banking_insurance_regulation"
