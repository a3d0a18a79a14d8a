"""Character normalisation (text/normalise.py): look-alike code points and punctuation widths of
text copies fold to the same text, and the offset map still points at the characters read."""

from __future__ import annotations

from policyparse.readers import read_document
from policyparse.text.mapped import MappedText
from policyparse.text.normalise import fold_width, normalise

CLEAN = "关于印发《某市文化产业发展行动方案》的通知\n一、主要目标\n到2027年，文化产业增加值达到800亿元，长江沿线门户项目30个；（责任单位：市文旅局）。\n"
# the same document as a PDF text layer or a careless copy gives it: Kangxi radicals (⽂ U+2F42,
# ⾏ U+2F8F, ⽅ U+2F45, ⼀ U+2F00, ⽬ U+2F6C), simplified radicals of the supplement (⻓ U+2ED3,
# ⻔ U+2ED4), half-width punctuation (",;:()" and "｡" U+FF61) and CRLF line ends
DIRTY = (
    "关于印发《某市⽂化产业发展⾏动⽅案》的通知\r\n⼀、主要⽬标\r\n"
    "到2027年,⽂化产业增加值达到800亿元,⻓江沿线⻔户项⽬30个;(责任单位:市⽂旅局)｡\r\n"
)


def test_look_alikes_fold_one_for_one():
    assert fold_width("⽂⾏⽅⼀⽬") == "文行方一目"  # Kangxi radicals (NFKC)
    assert fold_width("⻓⻔⻅⻋⻚⺠") == "长门见车页民"  # simplified radicals (by hand: no NFKC form)
    assert fold_width("\uf9d1\uf900") == "\u516d\u8c48"  # CJK compatibility ideographs -> 六 豈
    assert fold_width("｡､｢｣") == "。、「」"  # half-width ideographic punctuation
    assert fold_width("①㎡²℃") == "①㎡²℃"  # not NFKC beyond those ranges: the rules read these


def test_dirty_copy_reads_as_the_clean_one(tmp_path):
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "dirty.txt").write_bytes(DIRTY.encode("utf-8"))
    clean, dirty = read_document(tmp_path / "clean.txt"), read_document(tmp_path / "dirty.txt")
    assert dirty.text == clean.text
    assert [(b.kind, b.text) for b in dirty.blocks] == [(b.kind, b.text) for b in clean.blocks]
    k = dirty.text.index("文化产业增加值")
    assert "".join(dirty.source_text[i] for i in dirty.source_index[k : k + 4]) == "⽂化产业"  # quotes the copy


def test_offset_map_kept():
    mt = normalise(MappedText.from_source("⻓江⽂化 2027 年", 10))
    assert mt.text == "长江文化2027年"
    assert mt.index == (10, 11, 12, 13, 15, 16, 17, 18, 20)
