"""query/compare.py: rows per city/document, growth, units, national reference."""

from __future__ import annotations

import pytest

from policyparse.query import cagr, compare
from policyparse.query.units import conversion_factor


def test_cagr():
    assert cagr(1117, 2021, 1600, 2024) == pytest.approx((1600 / 1117) ** (1 / 3) - 1, abs=1e-4)
    assert cagr(None, 2021, 1600, 2024) is None
    assert cagr(1117, 2024, 1600, 2024) is None
    assert cagr(0, 2021, 5, 2024) is None


def test_units():
    assert conversion_factor("亿元", "万元") == 1e4
    assert conversion_factor("万人", "人") == 1e4
    assert conversion_factor("家", "%") is None
    assert conversion_factor("%", "%") == 1.0
    # a count unit with its multiplier as written converts to the bare unit and to its other multiples
    assert conversion_factor("万家次", "家次") == 1e4
    assert conversion_factor("万所", "所") == 1e4
    assert conversion_factor("亿人次", "万人次") == 1e4
    assert conversion_factor("万家次", "家") is None


def test_high_tech_enterprises_rows(sample_store):
    res = compare(sample_store, "高新技术企业数")
    assert res.unit == "家"
    rows = [(r["city"], r["status"], r["target"]["value"], r["target"]["year"], r["unit"]) for r in res.rows]
    assert ("泰安市", "draft", 800, 2024, "家") in rows
    assert ("泰安市", "draft", 1000, 2026, "家") in rows
    assert ("泰安市", "final", 800, 2025, "家") in rows
    linyi = next(r for r in res.rows if r["city"] == "临沂市" and r["unit"] == "家")
    assert linyi["baseline"] == {"value": 1117, "year": 2021}
    assert linyi["cagr"] == pytest.approx(0.1273, abs=1e-4)
    assert linyi["sources"][0]["text"] == "1117/30.7\t1600/35"
    share = next(r for r in res.rows if r["unit"] == "%")
    assert "unit_not_comparable" in share["flags"]  # the % half of the composite is never compared as 家


def test_convertible_units_are_converted_and_marked(sample_store):
    res = compare(sample_store, "技术合同成交额")
    assert res.unit == "亿元"  # the catalogue unit
    taian = next(r for r in res.rows if r["city"] == "泰安市")
    assert taian["target"]["value"] == 50 and taian["converted_from"] == "万元"
    assert "converted_from:万元" in taian["flags"]
    linyi = next(r for r in res.rows if r["city"] == "临沂市")
    assert linyi["converted_from"] is None and linyi["target"]["value"] == 60


def test_national_reference_and_year_filter(sample_store):
    res = compare(sample_store, "全社会R&D经费支出占GDP比重")
    (ref,) = res.national_reference
    assert (ref["comparator"], ref["value"], ref["year"], ref["unit"]) == (">", 2.5, 2020, "%")
    assert all(r["city"] for r in res.rows)  # the guideline itself is the reference, not a row
    assert all(r["national_reference"]["value"] == 2.5 for r in res.rows)
    assert {r["target"]["year"] for r in compare(sample_store, "研发投入强度", year=2026).rows} == {2026}
    qual = next(r for r in res.rows if r["city"] == "临沂市")
    assert qual["target"]["value"] is None and qual["target"]["qualitative"] == "全省平均水平"


def test_corpus_high_tech_enterprises(corpus_store):
    res = compare(corpus_store, "高新技术企业数")
    rows = {(r["city"], r["status"], r["target"]["value"], r["target"]["year"]) for r in res.rows}
    assert ("泰安市", "draft", 800, 2024) in rows
    assert ("泰安市", "draft", 1000, 2026) in rows
    linyi = [r for r in res.rows if r["city"] == "临沂市" and r["target"]["value"] == 1600]
    assert linyi and linyi[0]["target"]["year"] == 2024
    assert linyi[0]["baseline"]["value"] == 1117 and linyi[0]["unit"] == "家"
    for r in res.rows:
        assert r["sources"] and all(s["path"] and s["page"] for s in r["sources"])


def test_corpus_high_tech_enterprises_taian_final(corpus_store):
    rows = {(r["city"], r["status"], r["target"]["value"], r["target"]["year"])
            for r in compare(corpus_store, "高新技术企业数").rows}
    assert ("泰安市", "final", 800, 2025) in rows


def test_corpus_rd_share_has_the_national_reference(corpus_store):
    res = compare(corpus_store, "全社会R&D经费支出占GDP比重")
    assert any(n["value"] == 2.5 and n["year"] == 2020 for n in res.national_reference), res.national_reference
    assert res.rows and all(r["national_reference"]["value"] == 2.5 for r in res.rows)
    longnan = [r for r in res.rows if r["city"] == "陇南市" and r["target"]["value"] == 0.65]
    assert len(longnan) == 1 and len(longnan[0]["sources"]) >= 3  # renderings merged into one row
    assert longnan[0]["cagr"] == pytest.approx((0.65 / 0.33) ** 0.25 - 1, abs=1e-4)


def test_increments_and_changes_are_marked_not_levels(tmp_path):
    """"新增200家" and "较2020年增长10%" are not levels by their year: flagged, no growth rate."""
    from policyparse.store import ingest

    plan = tmp_path / "plan.txt"
    plan.write_text(
        "株洲市人民政府关于加快科技创新的实施意见\n株政发〔2023〕3号\n一、主要目标\n"
        "到2025年，全市高新技术企业由2022年的600家达到800家，新增高新技术企业200家。\n"
        "株洲市人民政府\n2023年3月1日\n", encoding="utf-8")
    store = tmp_path / "s.sqlite"
    assert ingest([plan], store, progress=False).ok
    rows = compare(store, "高新技术企业数").rows
    by_value = {r["target"]["value"]: r for r in rows}
    assert by_value[800]["cagr"] is not None and "increment" not in by_value[800]["flags"]
    assert "increment" in by_value[200]["flags"] and by_value[200]["cagr"] is None


def test_only_national_bodies_are_national_references():
    """A provincial plan shows its province; a plan whose place is unknown is not a national reference."""
    from policyparse.query.common import is_national, place_label

    ministry = {"city": None, "province": None, "issuer": "科学技术部、国家发展改革委", "title": "关于印发…"}
    unknown = {"city": None, "province": None, "issuer": "宁川市湖东区人民政府", "title": "宁川市湖东区…"}
    province = {"city": None, "province": "四川省", "issuer": "四川省人民政府办公厅", "title": "…"}
    assert [is_national(d) for d in (ministry, unknown, province)] == [True, False, False]
    assert [place_label(d["city"], d["province"], is_national(d)) for d in (ministry, unknown, province)] == [
        "国家", "地区未识别", "四川省"]


def test_sources_name_the_pdf_page_first_and_keep_the_clean_title(corpus_store):
    """Renderings of one plan merge into one row whose first source is the PDF and its printed page
    (the TXT copy's "p.1" says nothing about where the table is), while the title stays the clean one."""
    res = compare(corpus_store, "高新技术企业数")
    linyi = next(r for r in res.rows if r["city"] == "临沂市" and r["target"]["value"] == 1600)
    formats = [s["format"] for s in linyi["sources"]]
    assert formats == ["pdf", "docx", "html", "txt"]
    assert linyi["sources"][0]["page"] > 1  # the indicator table is not on the PDF's first page
    assert linyi["title"] == next(s["title"] for s in linyi["sources"] if s["format"] == "txt")
