"""Loader tests: the real data files validate; broken files raise GazetteerError naming file and line."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from policyparse.errors import GazetteerError
from policyparse.gazetteer import default_root, load_gazetteer
from policyparse.gazetteer.loader import load_departments, load_indicators, load_places

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "gazetteers"


def test_default_root_is_the_repo_gazetteers_dir(monkeypatch):
    monkeypatch.delenv("POLICYPARSE_GAZETTEERS", raising=False)
    assert default_root().resolve() == DATA.resolve()


def test_env_override(monkeypatch, tmp_path):
    for name in ("departments.yaml", "indicators.yaml", "places.csv"):
        shutil.copy(DATA / name, tmp_path / name)
    monkeypatch.setenv("POLICYPARSE_GAZETTEERS", str(tmp_path))
    assert default_root() == tmp_path
    gaz = load_gazetteer()
    assert gaz.match("市科技局").id == "dept.science_technology"
    assert load_gazetteer() is gaz  # cached per directory


def test_missing_file_names_it(tmp_path):
    with pytest.raises(GazetteerError) as exc:
        load_gazetteer(tmp_path)
    assert "departments.yaml" in str(exc.value)


# ----------------------------------------------------------------------------- real data


def test_national_indicator_system():
    inds = load_indicators(DATA / "indicators.yaml")
    national = [i for i in inds if i.source == "national"]
    assert sorted(i.number for i in national) == list(range(1, 27))
    assert {i.id for i in national if i.assessment} == {
        "rd_expenditure_gdp_share",
        "high_tech_enterprises",
        "high_tech_enterprise_revenue_share",
        "st_fiscal_expenditure_share",
        "innovation_strategy_policies",
        "st_management_team",
    }
    with_formula = {i.number for i in national if i.formula}
    assert with_formula == {1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14, 16, 17, 18, 19, 20, 21, 22}
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i.id) for i in inds)
    assert {i.source for i in inds} == {"national", "index", "city-specific", "domain"}
    assert all(i.category for i in national)


def test_departments_data():
    depts = load_departments(DATA / "departments.yaml")
    cats = {d.category for d in depts}
    assert {"government", "party", "mass_org", "vertical", "zone", "collective"} <= cats
    by_id = {d.id: d for d in depts}
    assert by_id["dept.science_technology"].name == "科学技术局"
    assert "科技局" in by_id["dept.science_technology"].aliases
    # names carry no level prefix (prefixes are handled by rule)
    for d in depts:
        if d.category != "collective" and not d.name.startswith("市场"):
            assert not d.name.startswith(("市", "县", "区", "省")), d.name


def _pilot_places() -> list[str]:
    text = (ROOT / "corpus" / "001_2193336686149f8c.txt").read_text(encoding="utf-8")
    block = text.split("创新型城市试点建设名单", 2)[2].split("附件 2")[0]
    names = []
    for line in block.splitlines():
        cells = line.split("\t")
        if len(cells) == 3 and cells[0].strip().isdigit():
            names.extend(n.strip() for n in re.split(r"[、；;]", cells[2]) if n.strip())
    return names


def test_every_pilot_city_and_district_resolves():
    gaz = load_gazetteer()
    names = _pilot_places()
    assert len(names) >= 50 and "海淀区" in names and "石河子市" in names and "昌吉市" in names
    for name in names:
        m = gaz.match(name, kind="place")
        assert m.id is not None and m.name == name, (name, m)
        short = m.place.short_name
        assert gaz.match(short, kind="place").id is not None, short


def test_places_short_names():
    rows = {p.name: p for p in load_places(DATA / "places.csv")}
    assert rows["泰安市"].short_name == "泰安"
    assert rows["甘肃省"].short_name == "甘肃"
    assert rows["新疆维吾尔自治区"].short_name == "新疆"
    assert rows["昌吉回族自治州"].short_name == "昌吉"
    assert rows["海淀区"].level == "county" and rows["海淀区"].city == "北京市"
    assert rows["陇南市"].province == "甘肃省" and rows["陇南市"].level == "city"


def test_places_csv_is_generated_from_cpca(tmp_path):
    head = (DATA / "places.csv").read_text(encoding="utf-8").splitlines()[0]
    assert head.startswith("#") and "cpca==0.5.5" in head
    out = tmp_path / "places.csv"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_places.py"), "--out", str(out)], check=True,
                   capture_output=True)
    assert out.read_text(encoding="utf-8") == (DATA / "places.csv").read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- errors name file and line

GOOD_DEPT = """departments:
  - id: dept.science_technology
    name: 科学技术局
    aliases: [科技局]
    category: government
    levels: [city]
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    p = _write(tmp_path, "departments.yaml", GOOD_DEPT + "  - id: [unclosed\n")
    with pytest.raises(GazetteerError) as exc:
        load_departments(p)
    msg = str(exc.value)
    assert str(p) in msg and re.search(r"line \d+", msg)


def test_missing_field_names_line_and_entry(tmp_path):
    text = GOOD_DEPT + "  - id: dept.finance\n    aliases: []\n    category: government\n    levels: [city]\n"
    p = _write(tmp_path, "departments.yaml", text)
    with pytest.raises(GazetteerError) as exc:
        load_departments(p)
    msg = str(exc.value)
    assert str(p) in msg and "line 7" in msg and "dept.finance" in msg and "'name'" in msg


def test_unknown_category(tmp_path):
    p = _write(tmp_path, "departments.yaml", GOOD_DEPT.replace("government", "ministry"))
    with pytest.raises(GazetteerError, match=r"line 2 .*unknown category 'ministry'"):
        load_departments(p)


def test_duplicate_id(tmp_path):
    p = _write(tmp_path, "departments.yaml", GOOD_DEPT + GOOD_DEPT.split("\n", 1)[1])
    with pytest.raises(GazetteerError, match=r"line 7 .*duplicate id"):
        load_departments(p)


def test_alias_collision_between_entries(tmp_path):
    extra = "  - id: dept.other\n    name: 其他局\n    aliases: [科技局]\n    category: government\n    levels: [city]\n"
    p = _write(tmp_path, "departments.yaml", GOOD_DEPT + extra)
    with pytest.raises(GazetteerError) as exc:
        load_departments(p)
    msg = str(exc.value)
    assert "line 7" in msg and "dept.science_technology" in msg and "line 2" in msg


def test_indicator_errors(tmp_path):
    good = (
        "indicators:\n  - id: rd_share\n    name: R&D经费支出与GDP比值\n    unit: '%'\n"
        "    assessment: false\n    aliases: []\n    formula: null\n    source: national\n"
    )
    assert load_indicators(_write(tmp_path, "indicators.yaml", good))[0].id == "rd_share"
    bad_id = good.replace("rd_share", "RD-Share")
    with pytest.raises(GazetteerError, match="line 2 .*snake_case"):
        load_indicators(_write(tmp_path, "indicators.yaml", bad_id))
    bad_source = good.replace("source: national", "source: somewhere")
    with pytest.raises(GazetteerError, match="unknown source"):
        load_indicators(_write(tmp_path, "indicators.yaml", bad_source))
    # the unit parenthesis is normalised away, so this alias collides with the first entry's name
    dup = good + good.split("\n", 1)[1].replace("rd_share", "other").replace("R&D经费支出与GDP比值", "R&D经费支出与GDP比值(%)")
    with pytest.raises(GazetteerError, match="collides"):
        load_indicators(_write(tmp_path, "indicators.yaml", dup))
    no_unit = good.replace("    unit: '%'\n", "")
    with pytest.raises(GazetteerError, match="'unit'"):
        load_indicators(_write(tmp_path, "indicators.yaml", no_unit))


def test_places_errors(tmp_path):
    head = "# comment\nadcode,name,short_name,level,province,city\n"
    ok = head + "370900000000,泰安市,泰安,city,山东省,\n"
    assert load_places(_write(tmp_path, "places.csv", ok))[0].short_name == "泰安"
    bad = ok + "370902000000,泰山区,泰山,district,山东省,泰安市\n"
    p = _write(tmp_path, "places.csv", bad)
    with pytest.raises(GazetteerError) as exc:
        load_places(p)
    assert str(p) in str(exc.value) and "line 4" in str(exc.value) and "district" in str(exc.value)
    with pytest.raises(GazetteerError, match="line 3: expected 6 columns"):
        load_places(_write(tmp_path, "places.csv", head + "1,2\n"))
    with pytest.raises(GazetteerError, match="line 2: header"):
        load_places(_write(tmp_path, "places.csv", "# c\nid,name\n"))
