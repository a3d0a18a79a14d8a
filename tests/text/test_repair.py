"""Repair and normalisation rules, each with the seed passage that needs it."""

from pathlib import Path

import pytest

from policyparse.readers import read_document
from policyparse.text.mapped import MappedText
from policyparse.text.normalise import fold_width, normalise, to_simplified
from policyparse.text.repair import continues, is_page_furniture

CORPUS = Path(__file__).parents[2] / "corpus"


@pytest.mark.parametrize("line", ["— 3 —", "- 12 -", "第 3 页", "第3页 共12页", "3/12", "甘肃招商网络> 正文",
                                  "【下载Word】【下载PDF】【关闭窗口】"])
def test_page_furniture_is_dropped(line):
    assert is_page_furniture(line)


@pytest.mark.parametrize("line", ["1", "2024年", "一、总体要求", "市科技局牵头"])
def test_body_lines_are_not_furniture(line):
    assert not is_page_furniture(line)


def test_broken_sentence_is_joined():
    prev = "大力推动“强科技”行动走深走实,着力解决影响综合科技进步水平指数的突出问题,为实"
    assert continues(prev, "现目标提供支撑。")


def test_heading_and_title_are_not_joined():
    assert not continues("一、总体要求", "坚持以习近平新时代中国特色社会主义思想为指导")
    assert not continues("陇南市提升综合科技进步水平指数实施方案", "2024-01-03 00:00")
    assert not continues("科技部国家发展改革委关于印发建设创新型城市工作指引的通知", "各省、自治区、直辖市科技厅:")


def test_width_digits_and_traditional():
    assert fold_width("２０２４年（％）") == "2024年(%)"
    assert to_simplified("國家創新型城市") == "国家创新型城市"


def test_spaces_inside_numbers_removed_offsets_kept():
    src = "到 2024年, 全社会 R&D 经费 GDP ratio"
    mt = normalise(MappedText.from_source(src))
    assert mt.text == "到2024年,全社会R&D经费GDP ratio"
    # every output character maps back to the same character in the source
    assert all(src[i] == c for c, i in zip(mt.text, mt.index, strict=True))


def test_seed_words_broken_across_lines_are_repaired():
    doc = read_document(CORPUS / "000_66384f2078c7182b.txt")
    # "市工业和信\n息化局" in a wrapped table cell of the seed
    assert "市工业和信息化局、各县(市、区)按职责分工负责" in doc.text
    assert "信\n息" not in doc.text


def test_offsets_are_exact_for_every_block_and_cell():
    for path in sorted(CORPUS.glob("*.txt")):
        doc = read_document(path)
        for b in doc.blocks:
            assert doc.text[b.start : b.end] == b.text
            for row in b.rows or ():
                for c in row:
                    assert doc.text[c.start : c.end] == c.text
        # and every normalised character maps into the reader's text
        assert len(doc.source_index) == len(doc.text)


def test_seed_sentence_broken_by_a_blank_line_is_joined():
    """Seed 003 breaks "为实\\n\\n现" across a page break; the paragraph comes out whole."""
    doc = read_document(CORPUS / "003_1b4764571c7d463f.txt")
    assert "着力推动绿色低碳高质量发展,为实现“三个走在前”" in doc.text
