"""Site furniture of government web pages: which blocks inside a located body are not the document.

The body finder (:mod:`policyparse.readers.html`) keeps the element that holds the article; what
portals put inside or right next to it is removed block by block here: tool bars ("【打印】
【关闭】", "A+大 A+中", "打印 关闭"), share bars ("分享到", "扫一扫在手机打开当前页"), breadcrumbs
("您当前所在的位置：首页 > ..."), links to the site's other pages ("点击查看政策解读：..."), the
article's date/source/hit-count line ("发表时间：... 信息
来源：... 浏览量："), labels of boxes the site fills by script ("相关附件", "相关链接"), metadata
tables (索引号 / 发布机构 / 主题分类 / 成文日期 ...) and footers (网站标识码, ICP备, 版权所有, two
of 主办单位 / 联系电话 / 地址 ... in a trailing block). Each rule is written against a whole block
(or a whole table) so that the same words inside a sentence stay ("设置无障碍坡道等无障碍设施",
"上传相关附件材料", "微信扫一扫下方二维码").
"""

from __future__ import annotations

import re

_CHROME_TOKEN = re.compile(r"^(?:\s*[【\[][^】\]]{1,10}[】\]]\s*)+$")
_CHROME_START = re.compile(
    r"^\s*(?:分享到|分享至|扫一扫在手机|【?\s*字[体号]\s*[:：]|字号\s*[:：]|字体大小|打印本页|关闭窗口|返回顶部|"
    r"上一篇|下一篇|相关链接|相关文章|相关阅读|相关文件|您?当前(?:所在的?)?位置|您(?:所在|的)位置|所在位置|"
    r"浏览次数|阅读次数|点击数|责任编辑|点击查看|点击阅读|点击下载)"
)
# a whole block that is one of these labels / tool links (a box the site fills by script)
_CHROME_BLOCK = re.compile(
    r"^(?:相关附件|附件下载|相关下载|相关文件下载|相关链接|相关文章|相关阅读|相关新闻|相关稿件|扫一扫|"
    r"(?:[【\[]?\s*(?:打印(?:本页|此页|文章)?|关闭(?:窗口|本页)?|收藏(?:本页)?|分享|返回(?:顶部|首页)?|"
    r"回到顶部|纠错|字号|字体|[大中小]|默认|A\s*[+\-]?\s*[大中小]?)\s*[】\]]?\s*[|｜丨/·]?\s*)+)[:：]?$"
)
# the article's own date / source / hit-count line, and label-value lines of a metadata box
# ("公开方式：主动公开" is not one: Guangdong prints it in the document itself)
_META_LABEL = (
    r"(?:发表|发布|更新|成文)(?:时间|日期)|信息来源|文章来源|稿件来源|来源|作者|编辑|"
    r"浏览(?:量|次数)|访问量|点击(?:量|数|率)|索引号|统一编号|发布机构|发布机关|发文机关|主题分类|"
    r"信息分类|组配分类|体裁分类|文件状态|有效性|主题词"
)
_META_LINE = re.compile(rf"^(?:\s*(?:{_META_LABEL})\s*[:：](?:[^:：]|(?<=\d)[:：](?=\d)){{0,60}})+$")
# labels of a metadata table ("索引号 | 11440100... | 分类 | ..."): three of them make the table one
_META_TABLE_LABELS = (
    "索引号", "统一编号", "发布机构", "发布机关", "发文机关", "主题分类", "信息分类", "组配分类", "成文日期",
    "发布日期", "实施日期", "失效日期", "文件状态", "有效性", "主题词",
)  # fmt: skip
# never in a policy text: a block carrying one of these is site furniture wherever it is
_SITE_MARKS = re.compile(r"网站标识码|ICP\s*备|公网安备|版权所有|Copyright|©|网站地图|政府网站找错")
# footer words that can also occur in a body ("主办单位：市科技局" in an event notice): only a
# trailing block with two of them (and not a sentence) is taken for a footer
_FOOTER_WORDS = ("主办单位", "承办单位", "技术支持", "联系电话", "服务热线", "地址", "邮编", "传真", "电子邮箱")
_WORDLIKE = re.compile(r"[0-9A-Za-z\u3400-\u9fff\uf900-\ufaff]")


def is_chrome(text: str) -> bool:
    """Whether a text block (as the walker emits it) is site furniture."""
    t = text.strip()
    if not t or not _WORDLIKE.search(t):
        return True  # empty, or symbols only ("-", "|", "→")
    if _CHROME_TOKEN.match(t) or _CHROME_START.match(t) or _CHROME_BLOCK.match(t):
        return True
    if len(t) <= 80 and _META_LINE.match(t):
        return True
    return bool(_SITE_MARKS.search(t)) and len(t) < 200


def is_footer(text: str) -> bool:
    """A trailing block that is a site footer / contact advert rather than body text."""
    t = text.strip()
    if is_chrome(t):
        return True
    words = sum(1 for w in _FOOTER_WORDS if w in t)
    return words >= 2 and "联系人" not in t and not t.endswith(("。", "；", ";")) and len(t) < 200


def is_metadata_table(cell_texts: list[str]) -> bool:
    """A table of the page's metadata (索引号 / 发布机构 / 主题分类 / 成文日期 ...), not of the document:
    three or more cells that are such a label (optionally with its colon and value)."""
    labels = 0
    for text in cell_texts:
        t = re.sub(r"\s+", "", text)
        m = re.match(r"^([^:：]{2,5})[:：]?", t)
        if m and m.group(1) in _META_TABLE_LABELS and (len(t) <= len(m.group(0)) or t[len(m.group(1))] in ":："):
            labels += 1
    return labels >= 3
