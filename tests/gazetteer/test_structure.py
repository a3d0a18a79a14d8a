"""Bodies no catalogue holds (gazetteer/structure.py) and the national-coverage rules of the matcher."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from policyparse.errors import GazetteerError
from policyparse.gazetteer import load_gazetteer
from policyparse.gazetteer.loader import department_files, load_departments
from policyparse.gazetteer.structure import body_kind, is_uncatalogued

DATA = Path(__file__).resolve().parents[2] / "gazetteers"


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.mark.parametrize(("name", "kind"), [
    ("设施养护处", "internal_division"), ("科教处", "internal_division"), ("申通集团", "enterprise"),
    ("上海金山铁路有限公司", "enterprise"), ("申康医院发展中心", "public_institution"),
    ("长三角区域合作办公室", "unknown"), ("东方枢纽国际商务合作区管理局", "unknown"), ("各项目公司", "collective"),
])
def test_body_kinds(name, kind):
    assert body_kind(name).kind == kind


@pytest.mark.parametrize("name", ["推进设施养护处", "处", "该委", "市局", "加强协调", "2024年工作处", "负责同志"])
def test_not_bodies(name):
    assert body_kind(name) is None


def test_catalogue_only_by_default(gaz):
    m = gaz.match("设施养护处", city="上海市", parent="上海市交通委员会")
    assert m.id is None and m.method == "unmatched"
    st = m.structural
    assert st.id == "uncatalogued:dept.transport/设施养护处" and st.uncatalogued and st.body_kind == "internal_division"
    assert m.to_dict()["uncatalogued"]["id"] == st.id
    s = gaz.match("设施养护处", city="上海市", parent="上海市交通委员会", structure=True)
    assert s is st and s.method == "structure" and s.parent == "dept.transport" and is_uncatalogued(s.id)
    assert s.to_dict()["match"]["uncatalogued"] is True


def test_uncatalogued_id_is_stable_and_prefix_free(gaz):
    a = gaz.match("市申康医院发展中心", city="上海市", structure=True)
    b = gaz.match("上海市申康医院发展中心", structure=True)
    assert a.id == b.id == "uncatalogued:申康医院发展中心"
    assert a.entity == "上海市申康医院发展中心"
    # a place the document is not about stays part of the name (东方 = 东方市, Hainan)
    assert gaz.match("东方枢纽国际商务合作区管理局", city="上海市", structure=True).id == \
        "uncatalogued:东方枢纽国际商务合作区管理局"


def test_division_named_after_its_body(gaz):
    m = gaz.match("市交通委设施养护处", city="上海市", structure=True)
    assert m.id == "uncatalogued:dept.transport/设施养护处" and m.parent == "dept.transport"
    assert gaz.match("宣传处", parent="广州市卫生健康委员会、广州市财政局", structure=True).parent == "dept.health"


def test_unmatched_never_becomes_a_catalogued_id(gaz):
    m = gaz.match("市宇宙探索局", structure=True)
    assert m.uncatalogued and m.id == "uncatalogued:宇宙探索局" and not m.catalogued
    m = gaz.match("市生态环境保护局", structure=True)  # 83.3 against 生态环境局: below the fuzzy threshold
    assert m.id == "uncatalogued:生态环境保护局"
    assert m.candidates[0][0] == "dept.ecology_environment"  # still reported with its best candidates


@pytest.mark.parametrize(("name", "city", "expected"), [
    ("市商务委", "上海市", "dept.commerce"), ("市交通委", "上海市", "dept.transport"),
    ("市经济信息化委", "上海市", "dept.industry_information"), ("市规划资源局", "上海市", "dept.natural_resources"),
    ("市国防科工办", "上海市", "dept.defence_industry"), ("市药品监管局", "上海市", "dept.medical_products"),
    ("市住房城乡建设管理委", "上海市", "dept.housing_urban_rural"), ("市委金融办", "上海市", "dept.party.financial_affairs"),
    ("市道运中心", "上海市", "dept.road_transport_center"), ("浦东道运中心", "上海市", "dept.road_transport_center"),
    ("上海铁路局集团有限公司", "上海市", "dept.railway_group"), ("应急管理部", None, "dept.national.emergency_management"),
    ("国家药监局", None, "dept.national.medical_products"), ("国家药品监督管理局", None, "dept.national.medical_products"),
    ("国家数据局", None, "dept.national.data"), ("市数据局", "上海市", "dept.big_data"),
    ("上海海关", "上海市", "dept.customs"), ("上海证监局", "上海市", "dept.csrc_office"),
    ("团市委", "上海市", "dept.youth_league"), ("市妇联", "上海市", "dept.womens_federation"),
    ("临港新片区管委会", "上海市", "dept.zone.free_trade"), ("市医保局", "广州市", "dept.medical_security"),
])
def test_national_coverage(gaz, name, city, expected):
    m = gaz.match(name, city=city)
    assert m.id == expected, (name, m)
    assert m.method in ("exact", "alias", "rule")


def test_nfra_office_after_a_bare_place_only(gaz):
    assert gaz.match("上海金融监管局", city="上海市").id == "dept.nfra_office"
    assert gaz.match("市金融监管局", city="上海市").id == "dept.local_financial_regulation"
    assert gaz.match("市地方金融监管局", city="上海市").id == "dept.local_financial_regulation"


def test_national_counterpart_and_all_levels(gaz):
    assert gaz.match("国家建设行政主管部门").id == "dept.national.housing_urban_rural"
    m = gaz.match("各级财政")
    assert (m.id, m.key) == ("dept.finance", "dept.finance@all_levels")
    assert gaz.match("负有安全生产监管监察职责的部门").id == "dept.collective.relevant_departments"


def test_grouping_keys(gaz):
    # a municipality names its bodies as a city does: 上海市科学技术委员会 is no 厅
    assert gaz.match("市科委", city="上海市").key == "dept.science_technology"
    assert gaz.match("省建设行政主管部门", city="新余市").key == "dept.housing_urban_rural@province"
    assert gaz.match("市建设行政主管部门", city="新余市").key == "dept.housing_urban_rural"
    a, b = (gaz.match(n, city="上海市") for n in ("闵行区政府", "嘉定区政府"))
    assert a.id == b.id == "dept.people_government" and a.key != b.key
    assert gaz.match("沂河新区管委会", city="临沂市").key == "dept.zone.new_area@沂河"


def test_extra_department_files_are_one_catalogue(tmp_path):
    shutil.copy(DATA / "departments.yaml", tmp_path / "departments.yaml")
    (tmp_path / "departments_extra.yaml").write_text(
        "departments:\n  - {id: dept.test_only, name: 测试专用局, category: government, levels: [city]}\n",
        encoding="utf-8")
    ids = {d.id for d in load_departments(*department_files(tmp_path))}
    assert "dept.test_only" in ids and "dept.finance" in ids
    (tmp_path / "departments_extra.yaml").write_text(
        "departments:\n  - {id: dept.test_only, name: 财政局, category: government, levels: [city]}\n",
        encoding="utf-8")
    with pytest.raises(GazetteerError) as exc:
        load_departments(*department_files(tmp_path))
    assert "departments_extra.yaml" in str(exc.value) and "collides" in str(exc.value)
