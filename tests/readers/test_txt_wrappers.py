"""Crawler and browser wrappers around text copies (readers/txt_wrappers.py): not document text.

Every fixture is the same small document, wrapped the ways real copies are (YAML front matter,
a generated "basic info" block, download links, an update-time trailer, browser print headers and
footers, a legal database's citation code); each must read into the text of the bare document,
with the offset contract kept.
"""

from __future__ import annotations

import pytest

from policyparse.model import BlockKind
from policyparse.readers import read_document
from policyparse.readers.txt_wrappers import unwrap

TITLE = "某市关于印发《某市科技创新三年行动方案》的通知"
BODY = [
    "某政发〔2025〕3号",
    "各区人民政府，市政府各部门：",
    "现将《某市科技创新三年行动方案》印发给你们，请认真贯彻执行。",
    "一、主要目标",
    "到2027年，全市高新技术企业达到1200家，研发经费投入强度达到3%。（牵头单位：市科技局）",
    "二、保障措施",
    "加强组织领导，建立工作机制，定期开展评估。",
]


def _write(tmp_path, name: str, lines: list[str], newline: str = "\n"):
    path = tmp_path / name
    path.write_bytes(newline.join(lines).encode("utf-8"))
    return path


@pytest.fixture
def bare(tmp_path):
    return read_document(_write(tmp_path, "bare.txt", [TITLE, "", *BODY]))


def _check(doc, bare) -> None:
    assert doc.text == bare.text
    for b in doc.blocks:
        assert doc.text[b.start : b.end] == b.text
    k = doc.text.index("1200家")
    assert "".join(doc.source_text[i] for i in doc.source_index[k : k + 5]) == "1200家"


YAML_MD = [
    "---",
    f"标题: {TITLE}",
    "文号: 某政发〔2025〕3号",
    "发布日期: 2025-01-07",
    "官方链接: https://www.example.gov.cn/zhengce/detail?id=1",
    "---",
    "",
    "> 本文正文由脚本自某市官方公开页面提取，仅供检索查阅；以[官方链接](https://www.example.gov.cn/x)发布版本为准。",
    "> 依《中华人民共和国著作权法》第五条第一项，具有立法、行政、司法性质的文件不适用著作权法。",
    "",
    f"# {TITLE}",
    "",
    *[x for line in BODY for x in (line, "")],
]

INFO_BLOCK_MD = [
    f"# {TITLE}",
    "",
    "**发布日期**: 2025-10-31",
    "**发布机构**: 某市科学技术委员会",
    "**原文链接**: [http://kjj.example.gov.cn/a.html](http://kjj.example.gov.cn/a.html)",
    "**检索时间**: 2026-02-02 15:25:09",
    "**检索关键词**: 人工智能, 北斗",
    "",
    "---",
    "",
    *BODY,
    "",
    "【原文下载】",
    f"- [{TITLE}.pdf](/cmsres/b0/55276bbe0f76da602d1a47354363f154.pdf )",
]

BASIC_INFO_MD = [
    "## 文档 ：某市科技创新三年行动方案.md",
    "",
    "### 基本信息",
    "- **文档类型**：政策类",
    "- **原文链接**：无",
    "- **发布机构**：某市相关部门",
    "- **文件编号**：无",
    "",
    TITLE,
    *BODY,
]

TRAILER_MD = [
    f"# {TITLE}",
    "",
    "**发布日期**: 2025年1月",
    "**发布机构**: ",
    "**来源**: https://www.gov.cn/zhengce/content/x.htm",
    "",
    "---",
    "",
    "## 政策全文",
    "",
    *BODY,
    "---",
    "",
    "**更新时间**: 2026-01-26 11:25:35",
    "",
]

LEGAL_EXPORT = ["    【法宝引证码】 CLI.12.748997", "原文链接：https://www.pkulaw.com/lar/b64c.html", TITLE, *BODY]

PRINTED = [
    f"2026/1/26 11:25 {TITLE}",
    TITLE,
    *BODY[:4],
    "到2027年，全市高新技术企业达到1200家，研发经费投入",
    "https://www.example.gov.cn/zhengce/detail?id=1 1/2",
    f"2026/1/26 11:25 {TITLE}",
    "强度达到3%。（牵头单位：市科技局）",
    *BODY[5:],
    "https://www.example.gov.cn/zhengce/detail?id=1 2/2",
]


@pytest.mark.parametrize(
    "name,lines",
    [
        ("yaml.md", YAML_MD),
        ("info.md", INFO_BLOCK_MD),
        ("info_saved_as.txt", INFO_BLOCK_MD),  # a Markdown copy renamed X.txt (score.py does that)
        ("basic.md", BASIC_INFO_MD),
        ("trailer.md", TRAILER_MD),
        ("legal.txt", LEGAL_EXPORT),
        ("printed.txt", PRINTED),
    ],
)
def test_wrapped_copy_reads_as_the_bare_document(tmp_path, bare, name, lines):
    doc = read_document(_write(tmp_path, name, lines))
    _check(doc, bare)
    assert any("dropped" in w for w in doc.warnings)  # the reader says what it left out


def test_crlf_copy_reads_the_same(tmp_path, bare):
    _check(read_document(_write(tmp_path, "crlf.md", INFO_BLOCK_MD, newline="\r\n")), bare)


def test_markdown_headings_and_bold():
    out = unwrap(["# 标题", "", "**一、主要目标**", "正文有**重点**和[链接](http://x)。", "---"], markdown=True)
    assert out.lines == ["标题", "", "一、主要目标", "正文有重点和链接。", ""]
    assert out.headings == {0, 2}


def test_markdown_title_becomes_the_heading(tmp_path):
    doc = read_document(_write(tmp_path, "info.md", INFO_BLOCK_MD))
    assert doc.blocks[0].kind is BlockKind.HEADING and doc.blocks[0].text == TITLE
    assert doc.metadata.title == TITLE


def test_document_lines_that_look_like_labels_stay():
    """Only crawler forms go: a plain "发布日期：" line of the document itself, a portal metadata
    line in the house layout, a single date-time line and '---' in a .txt file stay."""
    lines = [
        "发布日期：2024年1月1日",
        "索引号 1585729837/zfb/2022-0000031 主题分类 科技",
        TITLE,
        "2024/3/1 10:00 召开推进会",
        "---",
        *BODY,
    ]
    assert unwrap(lines).lines == lines


def test_only_a_wrapper_is_empty(tmp_path):
    from policyparse.errors import EmptyFileError

    with pytest.raises(EmptyFileError):
        read_document(_write(tmp_path, "empty.md", ["---", "标题: x", "---", "", "**检索时间**: 2026-02-02"]))
