"""HTML reader: the article body of government pages, chrome removed, tables kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policyparse.errors import EmptyFileError
from policyparse.model import BlockKind
from policyparse.readers import html as html_reader

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
SEEDS = sorted(p.stem for p in CORPUS.glob("*.txt"))
SEEDS_WITH_TABLES = ["000_66384f2078c7182b", "001_2193336686149f8c", "004_53cef2a0b11e33d7"]
CHROME = ["下载Word", "下载PDF", "【打印】", "关闭窗口", "分享到", "主办单位", "网站标识码", "ICP备",
          "公网安备", "当前位置", "您所在的位置", "首页", "网站地图", "浏览次数", "字号"]  # fmt: skip


def _all_text(doc) -> str:
    parts = []
    for b in doc.blocks:
        if b.is_table:
            parts.extend(c.text for r in b.rows for c in r)
        else:
            parts.extend(b.lines)
    return "\n".join(parts)


def _read_bytes(data: bytes, name: str = "page.html"):
    return html_reader.read_raw(Path(name), data)


@pytest.mark.parametrize("seed", SEEDS)
def test_chrome_removed(seed, raw):
    page = (CORPUS / f"{seed}.html").read_text(encoding="utf-8")
    doc = raw(CORPUS / f"{seed}.html")
    text = _all_text(doc)
    present = [w for w in CHROME if w in page]
    assert present, "the rendering has site chrome around the body"
    assert [w for w in present if w in text] == []
    assert doc.format == "html" and doc.pages == 1 and doc.encoding == "utf-8"


@pytest.mark.parametrize("seed", SEEDS)
def test_body_same_as_docx(seed, raw, helpers):
    assert helpers.body_text(raw(CORPUS / f"{seed}.html")) == helpers.body_text(raw(CORPUS / f"{seed}.docx"))


@pytest.mark.parametrize("seed", SEEDS_WITH_TABLES)
def test_tables_same_as_docx(seed, raw, helpers):
    assert helpers.tables(raw(CORPUS / f"{seed}.html")) == helpers.tables(raw(CORPUS / f"{seed}.docx"))


def test_headings_from_h_tags(raw):
    doc = raw(CORPUS / "003_1b4764571c7d463f.html")
    h = {"".join(b.lines): b for b in doc.blocks if b.hint is BlockKind.HEADING}
    assert h["一、总体要求"].level == 1
    assert h["(一) 加快推动区域创新协调发展"].level == 2


def test_gbk_page_same_blocks(raw):
    """A GBK page (declared or not) reads into the same blocks as the UTF-8 page."""
    page = (CORPUS / "004_53cef2a0b11e33d7.html").read_text(encoding="utf-8")
    utf8 = raw(CORPUS / "004_53cef2a0b11e33d7.html")
    declared = page.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=gbk">')
    doc = _read_bytes(declared.encode("gb18030"))
    assert doc.encoding == "gb18030" and doc.blocks == utf8.blocks
    undeclared = re.sub(r"<meta[^>]*charset[^>]*>", "", page)
    doc2 = _read_bytes(undeclared.encode("gb18030"))
    assert doc2.encoding == "gb18030" and doc2.blocks == utf8.blocks


SYNTHETIC = """<html><head><title>x</title><style>p{color:red}</style><script>var a="正文假";</script></head>
<body>
<div class="hd"><a href="/">首页</a> | <a href="/a">政务公开</a> | <a href="/b">政策文件</a> | <a href="/c">互动交流</a></div>
<div class="sidebar"><ul><li><a href="/1">关于印发某某办法的通知</a></li><li><a href="/2">关于开展某某工作的通知</a></li>
<li><a href="/3">市科技局2023年工作总结</a></li></ul></div>
<div class="c1">
 <h1>某市科技创新实施方案</h1>
 <div class="x9">
  　　为深入实施创新驱动发展战略，结合我市实际，制定本方案。<br>
  　　一、总体目标<br>
  　　到2025年，全市高新技术企业达到1200家，研发经费投入强度达到2.8%。<br><br>
  <p>附件：重点指标表</p>
  <table border="1"><tr><th rowspan="2">指标</th><th colspan="2">目标值</th></tr>
  <tr><td>2024年</td><td>2025年</td></tr>
  <tr><td>高新技术企业数<br>（家）</td><td>1000</td><td>1200</td></tr></table>
  <p><strong>二、保障措施</strong></p>
  <p>联系人：张三，联系电话：0538-1234567。</p>
  <div>【下载Word】【打印】【关闭窗口】</div>
  <div>分享到：<a href="#">微信</a><a href="#">微博</a></div>
 </div>
</div>
<div class="ft">主办单位：某市科学技术局 网站标识码：3709000000 鲁ICP备00000000号 联系电话：0538-0000000</div>
</body></html>"""


def test_synthetic_page_body_only():
    doc = _read_bytes(SYNTHETIC.encode("utf-8"))
    paras = ["".join(b.lines) for b in doc.blocks if not b.is_table]
    assert paras[0] == "某市科技创新实施方案"
    assert "　　为深入实施创新驱动发展战略，结合我市实际，制定本方案。" in paras
    assert any(p.endswith("一、总体目标") for p in paras)
    assert "附件：重点指标表" in paras
    assert "联系人：张三，联系电话：0538-1234567。" in paras  # body contact line kept
    text = _all_text(doc)
    for chrome in ["政务公开", "关于印发某某办法", "下载Word", "分享到", "主办单位", "ICP", "正文假", "color"]:
        assert chrome not in text
    (table,) = [b for b in doc.blocks if b.is_table]
    assert [[(c.text, c.rowspan, c.colspan) for c in r] for r in table.rows] == [
        [("指标", 2, 1), ("目标值", 1, 2)],
        [("2024年", 1, 1), ("2025年", 1, 1)],
        [("高新技术企业数\n（家）", 1, 1), ("1000", 1, 1), ("1200", 1, 1)],
    ]
    bold = next(b for b in doc.blocks if b.lines == ["二、保障措施"])
    assert bold.hint is BlockKind.HEADING


def test_title_outside_body_added_once():
    """The page heading before the body becomes the first block unless the body repeats it."""
    doc = _read_bytes(SYNTHETIC.encode("utf-8"))
    assert sum("某市科技创新实施方案" in "".join(b.lines) for b in doc.blocks) == 1


LAYOUT_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>关于做好2024年科技项目申报工作的通知-某市科学技术局</title></head>
<body><table width="1000"><tr><td colspan="2"><div>某市科学技术局</div><a href="/">网站首页</a> <a href="/x">机构概况</a></td></tr>
<tr><td width="200" valign="top"><table><tr><td><a href="/1">通知公告</a></td></tr><tr><td><a href="/2">政策法规</a></td></tr></table>
<p>服务热线：12345 联系电话：0538-8888888（工作日）</p></td>
<td valign="top"><table width="100%"><tr><td align="center"><font size="5"><b>关于做好2024年科技项目申报工作的通知</b></font></td></tr>
<tr><td align="center">发布日期：2024-03-01 &nbsp; 来源：市科技局 &nbsp; 【字体：大 中 小】</td></tr>
<tr><td>&nbsp;&nbsp;&nbsp;&nbsp;各县（市、区）科技局，各有关单位：<br>&nbsp;&nbsp;&nbsp;&nbsp;为做好2024年度市级科技计划项目申报工作，现将有关事项通知如下。<br>
&nbsp;&nbsp;&nbsp;&nbsp;一、申报时间：2024年3月1日至3月31日。<br>&nbsp;&nbsp;&nbsp;&nbsp;二、联系方式：市科技局计划科，联系电话：0538-6991234。
<p align="right">某市科学技术局<br>2024年3月1日</p></td></tr></table></td></tr>
<tr><td colspan="2" align="center">版权所有：某市科学技术局 技术支持：某某网络公司 鲁ICP备12345678号<br>地址：某市某路1号</td></tr>
</table></body></html>"""


def test_layout_table_page_gbk():
    """An old table-layout site in GB2312: body cell found, title taken from before it (the page
    <title> starts with it), signature lines split, sidebar hotline and footer dropped."""
    doc = _read_bytes(LAYOUT_PAGE.encode("gb18030"), "notice.htm")
    paras = ["".join(b.lines).strip("\xa0 ") for b in doc.blocks]
    assert paras == [
        "关于做好2024年科技项目申报工作的通知",
        "各县（市、区）科技局，各有关单位：",
        "为做好2024年度市级科技计划项目申报工作，现将有关事项通知如下。",
        "一、申报时间：2024年3月1日至3月31日。",
        "二、联系方式：市科技局计划科，联系电话：0538-6991234。",
        "某市科学技术局",
        "2024年3月1日",
    ]
    assert doc.blocks[0].hint is BlockKind.HEADING and doc.encoding == "gb18030"


def test_footer_words_inside_the_body_are_kept():
    page = """<html><head><title>大赛通知</title></head><body><div><a href="/">首页</a></div>
    <div class="main"><p>关于举办2024年创新创业大赛的通知</p>
    <p>一、主办单位：市科学技术局；承办单位：某大学科技园。</p>
    <p>二、大赛时间：2024年5月至9月，分初赛、复赛和决赛三个阶段进行。</p>
    <p>三、报名方式：登录大赛官网填写报名表，联系人：李四，联系电话：0538-6990000。</p>
    <p>主办单位：某市科学技术局　地址：某市某路1号　联系电话：0538-0000000</p></div>
    <div class="f">网站标识码：3709000000 鲁ICP备00000000号</div></body></html>"""
    doc = _read_bytes(page.encode("utf-8"))
    paras = ["".join(b.lines) for b in doc.blocks]
    assert "一、主办单位：市科学技术局；承办单位：某大学科技园。" in paras
    assert "三、报名方式：登录大赛官网填写报名表，联系人：李四，联系电话：0538-6990000。" in paras
    assert not any("地址" in p or "网站标识码" in p for p in paras)  # the trailing footer goes


PORTAL_PAGE = """<html><head><title>关于印发某市养老服务办法的通知</title></head>
<body style='visibility: hidden'>
<div class="top"><span>无障碍</span> <span>长者模式</span> <a href="/f">繁體</a></div>
<span style="display: none;">网站支持IPV6</span>
<div class="article">
 <div class="crumb">您当前所在的位置：<a href="/">首页</a>&gt;<a href="/z">政务公开</a></div>
 <div class="title">关于印发某市养老服务办法的通知</div>
 <div class="meta"><span>发表时间：2024-07-19 14:45:09</span></div>
 <div class="meta"><span>信息来源：市民政局</span></div><div>浏览量：</div><div>-</div>
 <div>A+大</div><div>A+中</div>
 <table><tr><td>索引号：</td><td>1144/2024-0031</td><td>发布机构：</td><td>市民政局</td></tr>
 <tr><td>成文日期：</td><td>2024-03-14</td><td>主题分类：</td><td>民政</td></tr></table>
 <div class="content">
  <p>点击查看政策解读：关于《某市养老服务办法》的解读</p>
  <p>第一条 为规范养老服务，制定本办法。</p>
  <p>第二条 长者饭堂应设置在首层；设置在其他楼层的应配备电梯、无障碍坡道等无障碍设施。</p>
  <p>第三条 申请人可通过系统上传相关附件材料，微信扫一扫下方二维码即可查询网点。</p>
  <p>第四条 本办法自印发之日起施行，有效期5年。</p>
  <table border="1"><tr><td colspan="3">附件1<br>某市养老服务任务分工表</td></tr>
  <tr><td>任务</td><td>牵头单位</td><td>配合单位</td></tr>
  <tr><td>建设长者饭堂</td><td rowspan="2">市民政局</td><td>市财政局</td></tr>
  <tr><td>开展上门服务</td><td>市卫生健康委</td></tr></table>
  <p>相关附件</p>
 </div>
 <div class="qr">扫一扫在手机打开当前页</div>
 <div><a href="javascript:print()">打印</a><a href="javascript:close()">关闭</a></div>
</div>
<div class="ft">网站标识码：4401000000 粤ICP备00000000号</div>
</body></html>"""


def test_portal_page_hidden_body_and_chrome_blocks():
    """A portal page whose <body> a script reveals (visibility: hidden), with the article's
    breadcrumb, date/source/hit-count lines, font-size and print/close tools, a metadata table,
    a link to the interpretation and the empty "相关附件" box around the text: only the text stays,
    and the same words inside its sentences are kept."""
    doc = _read_bytes(PORTAL_PAGE.encode("utf-8"))
    paras = ["".join(b.lines) for b in doc.blocks if not b.is_table]
    assert paras == [
        "关于印发某市养老服务办法的通知",
        "第一条 为规范养老服务，制定本办法。",
        "第二条 长者饭堂应设置在首层；设置在其他楼层的应配备电梯、无障碍坡道等无障碍设施。",
        "第三条 申请人可通过系统上传相关附件材料，微信扫一扫下方二维码即可查询网点。",
        "第四条 本办法自印发之日起施行，有效期5年。",
        "附件1",
        "某市养老服务任务分工表",
    ]
    (table,) = [b for b in doc.blocks if b.is_table]  # the metadata table is gone
    assert [[(c.text, c.rowspan) for c in r] for r in table.rows] == [
        [("任务", 1), ("牵头单位", 1), ("配合单位", 1)],  # the caption row went before the table
        [("建设长者饭堂", 1), ("市民政局", 2), ("市财政局", 1)],
        [("开展上门服务", 1), ("市卫生健康委", 1)],
    ]


def test_caption_row_opens_the_attachment(tmp_path):
    from policyparse.readers import read_document

    path = tmp_path / "page.html"
    path.write_text(PORTAL_PAGE, encoding="utf-8")
    doc = read_document(path)
    (table,) = [b for b in doc.blocks if b.kind is BlockKind.TABLE]
    assert table.section == "附件1"
    assert doc.text[table.start : table.end] == table.text


def test_word_sections_after_the_body_are_kept():
    """Word's "save as HTML" puts each section into its own div: forms after the text score low
    (little punctuation) but are the document's attachments."""
    body = "".join(f"<p>第{n}条 本条规定见习单位应当履行的义务，包括签订协议、购买保险、按月发放补贴。</p>" for n in "一二三四五六七八")
    page = f"""<html><head><title>见习办法</title></head><body><div><a href="/">首页</a></div>
    <div class="info"><div class="WordSection1"><p>某市就业见习管理办法</p>{body}</div>
    <div class="WordSection2"><p>附表1</p><table border="1"><tr><td>单位名称</td><td></td></tr>
    <tr><td>单位地址/邮政编码</td><td></td></tr><tr><td>开展见习活动的主要做法和措施</td><td></td></tr></table></div></div>
    <div class="f">网站标识码：4401000000</div></body></html>"""
    doc = _read_bytes(page.encode("utf-8"))
    assert ["".join(b.lines) for b in doc.blocks if not b.is_table][-1] == "附表1"
    assert [b for b in doc.blocks if b.is_table][0].rows[0][0].text == "单位名称"


def test_column_page_reads_as_its_list():
    """A column page is a list of links to notices: with no article text, its list is the content."""
    items = "".join(
        f'<li><h4><a href="/n{k}">关于第{k}批劳动人事争议仲裁案件的公告</a><span>[ 2025-01-1{k} ]</span></h4></li>'
        for k in range(5)
    )
    page = f"""<html><head><title>仲裁公告-某市人力资源和社会保障局网站</title></head><body>
    <div class="nav"><a href="/">首页</a><a href="/a">政务公开</a><a href="/b">政策法规</a></div>
    <div class="main"><ul class="list">{items}</ul>
    <div class="pages"><a href="/1">第一页</a><a href="/2">下一页</a></div></div>
    <div class="f">版权所有：某市人力资源和社会保障局</div></body></html>"""
    doc = _read_bytes(page.encode("utf-8"))
    assert doc.blocks[0].lines == ["仲裁公告"] and doc.blocks[0].hint is BlockKind.HEADING
    assert [b.hint for b in doc.blocks[1:]] == [BlockKind.LIST_ITEM] * 5
    assert doc.blocks[1].lines == ["关于第0批劳动人事争议仲裁案件的公告[ 2025-01-10 ]"]


def test_page_of_navigation_only_is_still_empty():
    page = """<html><head><title>首页</title></head><body><a href="/">首页</a><a href="/a">政务公开</a>
    <div>网站标识码：4401000000</div></body></html>"""
    with pytest.raises(EmptyFileError):
        _read_bytes(page.encode("utf-8"))
