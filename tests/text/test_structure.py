from pathlib import Path

from policyparse.model import BlockKind
from policyparse.readers import read_document
from policyparse.text.structure import attachment_label, classify, numbering

CORPUS = Path(__file__).parents[2] / "corpus"


def test_numbering_levels():
    assert numbering("一、总体要求") == (1, "一、")
    assert numbering("(三)加强监测考核。") == (2, "(三)")
    assert numbering("12.培育科技型中小微企业。") == (3, "12.")
    assert numbering("(2)完善机制") == (4, "(2)")
    assert numbering("2.6%以上") == (None, None)


def test_heading_vs_task():
    assert classify("二、主要任务")[0] is BlockKind.HEADING
    assert classify("1.优化区域创新空间布局。抢抓济泰同城化发展机遇,加快重大创新平台建设。")[0] is BlockKind.LIST_ITEM


def test_attachments():
    assert attachment_label("附件1") == "附件1"
    assert attachment_label("附件:") == "附件"
    assert attachment_label("附件:临沂市建设国家创新型城市指标及责任分工") is None


def test_attachment_sections_and_tables_in_seed():
    doc = read_document(CORPUS / "000_66384f2078c7182b.txt")
    tables = [b for b in doc.blocks if b.kind is BlockKind.TABLE]
    assert [t.section for t in tables] == ["附件1", "附件2"]
    assert len(tables[0].rows) == 31  # header + 30 indicators
    assert [c.text for c in tables[0].rows[0]] == ["一级指标", "二级指标", "序号", "三级指标", "责任单位"]


def test_metadata_of_seeds():
    m = read_document(CORPUS / "003_1b4764571c7d463f.txt").metadata
    assert (m.doc_number, m.issuer, m.date, m.status) == ("泰政发〔2022〕13号", "泰安市人民政府", "2022-12-07", "final")
    assert "鲁政字〔2019〕142号" in m.cites
    d = read_document(CORPUS / "000_66384f2078c7182b.txt").metadata
    assert d.status == "draft" and d.status_text == "讨论稿"
    n = read_document(CORPUS / "001_2193336686149f8c.txt").metadata
    assert n.doc_number == "国科发创〔2016〕370号"
