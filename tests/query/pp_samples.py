"""Hand-made ``extract`` fact dicts following the JSON contract, modelled on the seeds.

Used by the store, graph and query tests so they do not depend on the extractor. Values are taken
from the seed documents (Tai'an draft 000 / final 003, Longnan 002, Linyi 004, national 001) plus
one invented money indicator to exercise unit conversion.
"""

from __future__ import annotations

import copy
import hashlib


def _id(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()


def dept(name, type_id, city, *, method="alias", score=100.0, inferred=None):
    d = {"name": name, "id": type_id, "entity": f"{city}/{type_id}" if type_id else None,
         "score": score, "method": method}
    if inferred is not None:
        d["inferred"] = inferred
    return d


def src(text, page=1, start=0):
    return {"page": page, "start": start, "end": start + len(text), "text": text}


def target(indicator, ind_id, value, unit, comparator, year, text, *, baseline=None, lead=(), resp=(),
           qualitative=None, flags=(), item=None, page=1):
    return {
        "indicator": indicator, "indicator_id": ind_id, "value": value, "unit": unit,
        "comparator": comparator, "year": year, "baseline": baseline, "qualitative": qualitative,
        "scope": None, "lead": list(lead), "responsible": list(resp), "flags": list(flags),
        "item": item, "source": src(text, page),
    }


def assignment(item, kind, ind_id, text, *, lead=(), resp=(), year=None, flags=(), page=1):
    return {
        "item": item, "kind": kind, "indicator_id": ind_id,
        "deadline": None if year is None else {"text": f"{year}年", "kind": "by", "year": year,
                                                "month": None, "end_year": None, "end_month": None},
        "lead": list(lead), "responsible": list(resp), "flags": list(flags), "source": src(text, page),
    }


def document(key, path, title, *, city, province, status="final", issuer=None, doc_number=None,
             date=None, cites=()):
    return {"id": _id(key), "path": path, "format": "txt", "title": title, "issuer": issuer,
            "doc_number": doc_number, "date": date, "status": status, "city": city, "province": province,
            "cites": list(cites), "pages": 3}


RD = "rd_expenditure_gdp_share"
HT = "high_tech_enterprises"
MONEY = "tech_contract_turnover"


def taian_draft():
    c = "泰安市"
    s1 = "到2024年,全社会研发（R&D）经费支出占地区生产总值（GDP）的比重达到2.6%以上,高新技术企业达到800家左右"
    s2 = "到2026年, 全社会研发（R&D）经费支出占地区生产总值（GDP）的比重达到2.8%,高新技术企业达到1000家左右"
    kj = dept("市科技局", "science_bureau", c)
    cz = dept("市财政局", "finance_bureau", c)
    return {
        "schema_version": 1,
        "document": document("000", "corpus/000_taian_draft.txt", "关于推进国家创新型城市建设的意见",
                             city=c, province="山东省", status="draft", cites=["鲁政字〔2019〕142号"]),
        "targets": [
            target("全社会研发（R&D）经费支出占地区生产总值（GDP）的比重", RD, 2.6, "%", ">=", 2024, s1),
            target("高新技术企业", HT, 800, "家", "~", 2024, s1),
            target("全社会研发（R&D）经费支出占地区生产总值（GDP）的比重", RD, 2.8, "%", "=", 2026, s2),
            target("高新技术企业", HT, 1000, "家", "~", 2026, s2),
            target("技术合同成交额", MONEY, 500000, "万元", ">=", 2026, "技术合同成交额达到50万万元"),
        ],
        "assignments": [
            assignment("13.培优高新技术企业", "task", None, "(责任单位:市科技局、市财政局)", resp=[kj, cz],
                       flags=["lead_not_stated"]),
        ],
        "unmatched": [{"name": "市某某办", "kind": "department", "candidates": []}],
    }


def taian_final():
    c = "泰安市"
    s = "到 2025 年,全市有效期内高新技术企业总量达到 800 家"
    kj = dept("市科技局", "science_bureau", c)
    cz = dept("市财政局", "finance_bureau", c)
    return {
        "schema_version": 1,
        "document": document("003", "corpus/003_taian_final.txt",
                             "泰安市人民政府关于推进国家创新型城市建设的实施意见", city=c, province="山东省",
                             issuer="泰安市人民政府", doc_number="泰政发〔2022〕13号", date="2022-12-07",
                             cites=["鲁政字〔2019〕142号"]),
        "targets": [
            target("高新技术企业总量", HT, 800, "家", "=", 2025, s, resp=[kj], item="10. 培优高新技术企业",
                   page=2),
            target("全社会研发投入强度", RD, 2.6, "%", ">=", 2024, "全社会研发投入强度达到2.6%以上"),
        ],
        "assignments": [
            assignment("10. 培优高新技术企业", "task", None, "(责任单位:市科技局、市财政局)", resp=[kj, cz],
                       flags=["lead_not_stated"], page=2),
        ],
        "unmatched": [],
    }


def longnan():
    c = "陇南市"
    s = "全市R&D经费支出与GDP比值力争由2022年的0.33%达到2026年的0.65%"
    kj = dept("市科技局", "science_bureau", c)
    jy = dept("市教育局", "education_bureau", c)
    gx = dept("市工信局", "industry_it_bureau", c)
    item = "12.R&D经费支出与GDP比值"
    return {
        "schema_version": 1,
        "document": document("002", "corpus/002_longnan.txt", "陇南市提升综合科技进步水平指数实施方案",
                             city=c, province="甘肃省", issuer="陇南市"),
        "targets": [
            target("R&D经费支出与GDP比值", RD, 0.65, "%", "=", 2026, s, baseline={"value": 0.33, "year": 2022},
                   lead=[kj], resp=[jy, gx], item=item, page=3),
            target("每名R&D人员研发仪器和设备支出", "rd_equipment_per_researcher", 1.71, "万元/人年", "=", 2026,
                   "由2022年的1.35万元/人年达到2026年的1.71万元/人年", baseline={"value": 1.35, "year": 2022}),
        ],
        "assignments": [
            assignment(item, "indicator", RD, "牵头单位:市科技局", lead=[kj], resp=[jy, gx], year=2026, page=3),
            assignment("4.每名R&D人员研发仪器和设备支出", "indicator", "rd_equipment_per_researcher",
                       "牵头单位:市工信局、市教育局", lead=[gx, jy], year=2026),
        ],
        "unmatched": [],
    }


def linyi():
    c = "临沂市"
    gx = dept("市科技局", "science_bureau", c)
    return {
        "schema_version": 1,
        "document": document("004", "corpus/004_linyi.txt",
                             "临沂市人民政府关于印发《临沂市建设国家创新型城市三年行动计划(2022-2024年)》的通知",
                             city=c, province="山东省", issuer="临沂市人民政府", doc_number="临政字〔2022〕98号",
                             date="2022-10-20", cites=["国科发创[2016]370号", "鲁政字〔2019〕142号"]),
        "targets": [
            target("高新技术企业数", HT, 1600, "家", "=", 2024, "1117/30.7\t1600/35",
                   baseline={"value": 1117, "year": 2021}),
            target("占规模以上工业企业数量比重", HT, 35, "%", "=", 2024, "1117/30.7\t1600/35",
                   baseline={"value": 30.7, "year": 2021}),
            target("全社会R&D经费支出占地区GDP比重", RD, None, "%", "=", 2024, "2.02*\t全省平均水平",
                   baseline={"value": 2.02, "year": 2020}, qualitative="全省平均水平"),
            target("技术合同成交额", MONEY, 60, "亿元", ">=", 2024, "技术合同成交额达到60亿元",
                   baseline={"value": 40, "year": 2021}),
        ],
        "assignments": [
            assignment("全社会R&D经费支出占地区GDP比重", "indicator", RD, "全社会R&D经费支出占地区GDP比重*\t市科技局",
                       resp=[gx, dept("市统计局", "statistics_bureau", c)]),
        ],
        "unmatched": [],
    }


def national():
    return {
        "schema_version": 1,
        "document": document("001", "corpus/001_national.txt", "科技部 国家发展改革委关于印发建设创新型城市工作指引的通知",
                             city=None, province=None, issuer="科学技术部、国家发展改革委",
                             doc_number="国科发创〔2016〕370号"),
        "targets": [
            target("R&D 占 GDP 比重", RD, 2.5, "%", ">", 2020, "到 2020 年，全国范围内更多城市进入创新型城市行列，R&D 占 GDP 比重超过 2.5%"),
        ],
        "assignments": [],
        "unmatched": [],
    }


def all_facts() -> list[dict]:
    return [copy.deepcopy(f()) for f in (taian_draft, national, longnan, taian_final, linyi)]


# ----------------------------------------------------------------------------- stores for tests

REPO = __import__("pathlib").Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
# The seed documents in their four renderings (corpus/heldout/ is the evaluation set, not ingested here)
SEED_FILES = sorted(p for p in CORPUS.iterdir() if p.is_file() and p.suffix in (".txt", ".docx", ".pdf", ".html"))
_CACHE: dict[str, object] = {}


def sample_store(path) -> object:
    """Write :func:`all_facts` into a new store at ``path``; returns the path."""
    from policyparse.store import connect, write_document

    conn = connect(path)
    try:
        for f in all_facts():
            write_document(conn, f)
    finally:
        conn.close()
    return path


def corpus_store(tmp_path_factory):
    """Ingest the whole ``corpus/`` (every rendering) once per test session; returns
    ``(store_path, summary)``."""
    if "corpus" not in _CACHE:
        from policyparse.store import ingest

        store = tmp_path_factory.mktemp("corpus_store") / "policyparse.sqlite"
        summary = ingest(SEED_FILES, store, progress=False)
        _CACHE["corpus"] = (store, summary)
    return _CACHE["corpus"]
