"""Quantities: a number (Arabic or Chinese, via cn2an), a unit, and the comparator words around it.

Recognised on the raw text, before tokenisation, so that "23.4%" or "1.72万亿元" stay one unit
(jieba splits them). Comparators follow the wording of Chinese targets:

* 以上 / 不低于 / 不少于 / 至少 -> ">="      * 超过 / 突破 / 高于 / 余 / 多 -> ">"
* 左右 / 约 / 近 / 大约 -> "~"                 * 以下 / 以内 / 不超过 / 控制在 / 低于 -> "<=" ("低于" -> "<")
* plain 达到 / 力争达到 / 为 -> "="
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
# Units, longest first so that "万元/人年" wins over "万元".
UNITS = (
    "万元/人年", "万元/人", "人年/万人", "件/万人", "家/万人", "人/万人", "个/万人", "项/万人",
    "万美元", "亿美元", "万亿元", "亿元", "万元", "万个", "万家", "万件", "万辆", "万台", "万套", "万张", "万名", "元/人年", "元/人", "元", "万人次", "人次", "人年", "万人", "万户", "万亩", "亩",
    "/10万", "/万", "/千", "岁", "%", "‰", "个百分点", "百分点", "个位次", "位次", "位", "名", "家", "人", "件", "个", "篇", "项", "户",
    "所", "座", "台", "套", "条", "张", "类", "辆", "艘", "架", "次", "场", "批", "处", "棵", "株",
    "平方公里", "公里", "千米", "万平方米", "平方米", "㎡", "对", "立方米", "公顷", "万吨", "吨", "万千瓦", "千瓦", "兆瓦",
    "万标箱", "标箱", "亿吨", "批次", "列", "班", "微克/立方米", "毫克/立方米", "毫克/升", "头", "只", "羽", "场次", "家次", "户次", "支", "分钟", "小时", "倍", "个工作日", "工作日", "周岁", "周", "天", "年",
)
_UNIT_RE = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))  # longest first
_NUM = rf"(?:\d+(?:\.\d+)?|[{_CN_DIGITS}]+(?:点[{_CN_DIGITS}]+)?)"
# A quantity starts with a comparator word, 每, 百分之 or a numeral; the lookahead lets the regex
# engine pass over every other position without trying each optional group (same matches).
_QUANTITY_START = rf"(?=[不超突高低达至大小约近控每百\d{_CN_DIGITS}])"
QUANTITY = re.compile(
    _QUANTITY_START + rf"(?P<pre>不低于|不少于|不超过|不高于|超过|超(?=\d)|突破|高于|低于|大于|小于|达到|至少|大约|约|近|控制在)?"
    rf"(?P<perpre>每(?:10万|千|万|百)人口?)?(?P<pct>百分之)?(?P<num>{_NUM})(?:\s*[-—–～~]\s*(?P<num2>\d+(?:\.\d+)?(?!\d)|[{_CN_DIGITS}]+))?(?P<mult>万亿|万|亿|千(?![米瓦克]))?(?P<yu>余|多)?(?P<unit>{_UNIT_RE})?(?P<per>/(?:千人口|万人口|千人|万人|10万人|百人))?"
    rf"(?P<post>以上|以下|以内|左右|上下|余|多|(?<=[时天日钟周])内)?"
)
# What every QUANTITY match with a unit contains: a number, its multiplier and the unit, or 百分之.
HAS_UNIT_QUANTITY = re.compile(rf"{_NUM}(?:万亿|万|亿|千)?(?:余|多)?(?:{_UNIT_RE})|百分之")
PRE_COMPARATOR = {
    "不低于": ">=", "不少于": ">=", "至少": ">=", "超过": ">", "超": ">", "突破": ">", "高于": ">", "低于": "<",
    "不超过": "<=", "不高于": "<=", "控制在": "<=", "大约": "~", "约": "~", "近": "~", "大于": ">", "小于": "<",
}
POST_COMPARATOR = {"以上": ">=", "以下": "<=", "以内": "<=", "内": "<=", "左右": "~", "上下": "~", "余": ">", "多": ">"}
# Count units: a 千 multiplier folds into the value ("3千家" -> 3000 家); 万/亿 stay in the unit as written.
_COUNT_UNITS = {"类", "家", "人", "件", "个", "篇", "项", "户", "名", "所", "座", "台", "套", "条", "人次", "张", "辆", "艘",
                "架", "次", "场", "批", "处", "棵", "株", "人年", "批次", "列", "班", "头", "只", "羽", "场次", "家次", "户次", "支"}
_MULT = {"千": 1e3, "万": 1e4, "亿": 1e8, "万亿": 1e12}


COUNT_UNITS = frozenset(_COUNT_UNITS)


def count_base(unit: str | None) -> tuple[str | None, float]:
    """A count unit with a multiplier ("万人年", "亿件") -> (base unit, factor); units customarily kept with
    their multiplier (listed in UNITS: 万人次, 万户, 万标箱) and all others unchanged, as in prose."""
    if unit in UNITS:
        return unit, 1
    for mult in ("万亿", "万", "亿", "千"):
        if unit and unit.startswith(mult) and unit[len(mult) :] in _COUNT_UNITS:
            return unit[len(mult) :], _MULT[mult]
    return unit, 1


def scale(value: float, factor: float) -> float:
    return _clean(round(value * factor, 6))


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str | None
    comparator: str
    start: int  # offsets in the text the quantity was found in
    end: int
    text: str
    upper: float | None = None  # a range's upper end ("3—5家": value 3, upper 5)


@lru_cache(maxsize=4096)
def to_number(s: str) -> float | None:
    """Arabic or Chinese numeral -> float ("2.6" -> 2.6, "两千" -> 2000, "十二" -> 12)."""
    try:
        return float(s)
    except ValueError:
        pass
    import cn2an

    if s[0] in "十百千万亿":
        s = "一" + s  # "百项", "千亿级", "万家": one hundred, one thousand ...
    try:
        return float(cn2an.cn2an(s, "smart"))
    except (ValueError, KeyError):
        return None


def _clean(v: float) -> float:
    return int(v) if float(v).is_integer() else round(v, 6)


def parse_quantity(m: re.Match[str], offset: int = 0) -> Quantity | None:
    num = to_number(m.group("num"))
    if num is None:
        return None
    unit = m.group("unit")
    mult = m.group("mult")
    if m.group("pct"):
        unit = "%"
    if unit == "个百分点":
        unit = "百分点"
    if unit == "个位次":
        unit = "位次"
    if unit == "个工作日":
        unit = "工作日"
    if mult:
        if unit is None or (unit in _COUNT_UNITS and mult == "千"):
            num *= _MULT[mult]
        else:
            unit = mult + unit  # 亿元, 万人, 万人次, 万家次, 万户: the multiplier stays in the unit, as written
    if unit == "名":
        unit = "人"
    if unit and m.group("per"):
        unit += m.group("per")  # "4批次/千人"
    elif unit and m.group("perpre"):
        unit += "/" + m.group("perpre")[1:].removesuffix("口")  # "每千人4批次"
    comparator = "="
    if m.group("pre") in PRE_COMPARATOR:
        comparator = PRE_COMPARATOR[m.group("pre")]
    if m.group("yu"):
        comparator = ">"
    if m.group("post"):
        comparator = POST_COMPARATOR[m.group("post")]
    upper = None
    if m.group("num2"):
        upper = to_number(m.group("num2"))
        if upper is None or upper <= num:
            return None  # "2023-2025": not a range of one quantity
        if mult and (m.group("unit") is None or (unit in _COUNT_UNITS and mult == "千")):
            upper *= _MULT[mult]
        if comparator == "=":
            comparator = ">="  # "3—5家": at least the lower end
    return Quantity(_clean(num), unit, comparator, m.start() + offset, m.end() + offset, m.group(0),
                    _clean(upper) if upper is not None else None)


# After a measure (not a count: "培育10家以上龙头企业" is a goal) such as "N岁以下": a character that goes on with a noun, not a clause break, 的 (a scope:
# "50%以上的县") or a verb/particle that ends a goal ("2.6%以上,", "800家以上。").
_NAME_CONTINUES = re.compile(r"[\u4e00-\u9fff](?<![的和及或与为是])")
_YEAR_NUMBER = re.compile(r"(?:19|20)\d\d")


def not_a_quantity(m: re.Match[str], text: str) -> bool:
    """Numbers that count nothing: years ("2024年"), ordinals ("第17次"), qualifiers inside a name
    ("5岁以下儿童", "二级以上公立医院"), and the article-like "一" of "形成一批", "开展一次" (a, an)."""
    if m.group("unit") == "年" and _YEAR_NUMBER.fullmatch(m.group("num")):
        return True
    if m.start("num") > 0 and text[m.start("num") - 1] in "第×*÷/":
        return True  # an ordinal ("第17次") or a factor of a formula ("…/全年实际天数)×100%")
    if m.group("post") in ("以上", "以下", "以内") and m.group("unit") not in _COUNT_UNITS and _NAME_CONTINUES.match(text, m.end()):
        return True  # a qualifier inside a name: "5岁以下儿童死亡率", "二级以上医院"
    if m.group("num") in _BARE_MULTIPLIERS:
        if m.start("num") > 0 and text[m.start("num") - 1] == "每":
            return True  # "每千人", "每百户": a per-unit, not a count
        if m.group("unit") not in _COUNT_UNITS and _NAME_CONTINUES.match(text, m.end()):
            return True  # "超百亿元企业", "千亿级产业集群": the size of what follows
    return m.group("num") == "一" and not m.group("pre") and not m.group("post") and not m.group("mult")


_BARE_MULTIPLIERS = {"十", "百", "千", "万", "亿", "千亿", "百亿", "万亿"}


def find_quantities(text: str, matches: Iterable[re.Match[str]] | None = None) -> list[Quantity]:
    """All quantities with a unit (bare numbers are left alone: they are usually not targets);
    ``matches``: the :data:`QUANTITY` matches over ``text`` when a scan already found them."""
    out: list[Quantity] = []
    for m in QUANTITY.finditer(text) if matches is None else matches:
        if not m.group("num") or not (m.group("unit") or m.group("pct")):
            continue
        if not_a_quantity(m, text):
            continue
        q = parse_quantity(m)
        if q is not None:
            out.append(q)
    return out


CELL_COMPARATOR = {"≥": ">=", ">=": ">=", ">": ">", "≤": "<=", "<=": "<=", "<": "<", "~": "~", "约": "~", "≈": "~"}
_CELL_PREFIX = re.compile(r"^(≥|>=|>|≤|<=|<|~|约|≈)\s*")
_CELL_SUFFIX = re.compile(r"\s*(以上|以下|以内|左右)$")


def cell_comparator(cell: str) -> tuple[str, str]:
    """Strip a comparator sign or word from a table cell: "≥60" -> (">=", "60")."""
    s = cell.strip()
    comp = "="
    m = _CELL_PREFIX.match(s)
    if m:
        comp, s = CELL_COMPARATOR[m.group(1)], s[m.end() :]
    m = _CELL_SUFFIX.search(s)
    if m:
        comp, s = POST_COMPARATOR[m.group(1)], s[: m.start()]
    return comp, s


@dataclass(frozen=True)
class CellValue:
    """A table cell read as a value: "≥95%" -> 95, "%", ">="; "[13.5]" -> 13.5, cumulative."""

    value: float | None
    unit: str | None
    comparator: str
    star: bool  # a footnote mark ("2.02*": see the note under the table)
    cumulative: bool  # in brackets: the total over the plan period (十四五 plan convention)


_BRACKETED = re.compile(r"^[\[〔【]\s*(.+?)\s*[\]〕】]$")
_CELL_VALUE = re.compile(rf"({_NUM})(万亿|万|亿)?({_UNIT_RE})?")


def parse_cell(cell: str) -> CellValue:
    s = cell.strip()
    star = "*" in s or "※" in s
    s = s.replace("*", "").replace("※", "").strip()
    b = _BRACKETED.match(s)
    if b:
        s = b.group(1)
    comparator, s = cell_comparator(s)
    m = _CELL_VALUE.fullmatch(s)
    v = to_number(m.group(1)) if m else None
    if v is None:
        return CellValue(None, None, comparator, star, bool(b))
    unit, mult = m.group(3), m.group(2)
    if mult:
        if unit in _COUNT_UNITS or unit is None:
            v *= _MULT[mult]
        else:
            unit = mult + unit
    return CellValue(_clean(v), unit, comparator, star, bool(b))


def parse_cell_value(cell: str) -> tuple[float | None, bool]:
    """A table cell's number and whether it carries a footnote star ("2.02*" -> (2.02, True))."""
    c = parse_cell(cell)
    return c.value, c.star
