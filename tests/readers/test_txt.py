from pathlib import Path

import pytest

from policyparse.errors import EncodingError, UnsupportedFormatError
from policyparse.readers import read_document
from policyparse.readers.txt import decode

CORPUS = Path(__file__).parents[2] / "corpus"


def test_gb18030_is_detected_not_guessed_silently(tmp_path):
    text = "到2024年,全社会研发经费支出占地区生产总值的比重达到2.6%以上,高新技术企业达到800家左右。" * 3
    p = tmp_path / "gbk.txt"
    p.write_bytes(text.encode("gb18030"))
    decoded, enc, warnings = decode(p, p.read_bytes())
    assert decoded == text and enc == "gb18030" and warnings


def test_binary_is_rejected(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes(bytes(range(256)) * 4)
    with pytest.raises((UnsupportedFormatError, EncodingError)) as e:
        decode(p, p.read_bytes())
    assert "x.txt" in str(e.value)


def test_flattened_line_cell_table_is_rebuilt():
    doc = read_document(CORPUS / "004_53cef2a0b11e33d7.txt")
    target, annex = [b for b in doc.blocks if b.rows]
    assert [c.text for c in target.rows[2]] == ["高新技术企业数(家)及占规模以上工业企业数量比重(%)", "1117/30.7", "1600/35"]
    row5 = next(r for r in annex.rows if r[1].text == "5")
    assert row5[2].text == "全社会R&D经费支出占地区GDP比重*" and row5[3].text == "%"
    assert row5[4].text == "市科技局、市教育局、市工业和信息化局、市财政局"


def test_traditional_big5_is_converted_and_spans_map_back():
    path = Path(__file__).parents[1] / "fixtures/bad/big5_traditional.txt"
    doc = read_document(path)
    assert "国家创新型城市建设" in doc.text  # simplified
    k = doc.text.index("国家创新型城市建设")
    original = "".join(doc.source_text[i] for i in doc.source_index[k : k + 9])
    assert original == "國家創新型城市建設"  # the offset map points at the traditional source


def test_a_header_word_that_continues_a_wrapped_cell_starts_no_table():
    """Regression (a scale-corpus text): in a blank-separated table a line that continues the cell
    above it once made the flattened-table finder stop with StopIteration."""
    from pathlib import Path

    from policyparse.readers import read_document

    doc = read_document(Path(__file__).parents[1] / "fixtures" / "other" / "wrapped-cell-header-word.txt")
    assert "责任单位" in doc.text and "数量" in doc.text
