"""Find department-like and indicator-like names in document text (for ``gazetteer check``).

Department names are taken only where documents list responsible units, so that prose is not
mistaken for names:

* ``(责任单位：A、B、C)`` parentheticals (nested brackets such as ``各县(市、区)`` allowed);
* label lines ``牵头单位:`` / ``责任单位:`` / ``责任部门:`` / ``配合单位:`` ...;
* table cells and lines that consist only of a list of department-like items, optionally with
  role words (``市科技局牵头,相关部门及各县(市、区)按职责分工负责``; ``市教育局``).

Lists are split on ``、 , ， ; ；``, on ``及`` and on ``和`` only between two complete names; role
words (牵头, 按职责分工负责, 负责, 配合, 等) are removed. An item is department-like when it is at most
30 characters and ends with a department suffix (局 委 办 部 厅 院 协 会 中心 分局 支行 管委会 人民政府
办公室 调查队 ...). Items naming an institution that is not a department (a university, 校区) are
reported with ``kind="institution"``; items that are place names are dropped.

Indicator names are taken from numbered items and table cells: an item ``1.万人专业技术人员数。``, a
cell following a cell that holds only its row number, or a short stand-alone line/cell ending with
an indicator word (比重, 率, 数, 量, 额, 指数, 系数 ...) plus optional unit brackets and ``*``.

Lines broken inside a name (``市工业和信\\n息化局``, ``...支出\\n占地区生产总值...``) are re-joined
first when the break is inside a list or before a connector (占 与 及 按职责分工负责 ...). Offsets of
:class:`Mention` refer to the repaired text returned by :func:`repair_breaks`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CJK = r"\u4e00-\u9fff"
DEPT_SUFFIXES = (
    "管委会",
    "管理委员会",
    "人民政府",
    "办公室",
    "调查队",
    "中心支行",
    "支行",
    "分局",
    "中心",
    "部门",
    "单位",
    "(市、区)",
    "县区",
    "区县",
    "高新区",
    "新区",
    "集团",
    "电视台",
    "院校",
    "局",
    "委",
    "办",
    "部",
    "厅",
    "院",
    "协",
    "会",
    "联",
    "队",
)
STRONG_SUFFIXES = ("局", "委", "办", "部", "厅", "协", "分局", "支行", "管委会", "人民政府", "办公室", "调查队")
INSTITUTION_SUFFIXES = ("大学", "学院", "校区", "学校")
ROLE_WORDS = ("按职责分工负责", "按职责分工", "分工负责", "牵头负责", "配合", "牵头", "负责", "参与", "等")
LABELS = ("责任单位", "牵头单位", "责任部门", "牵头部门", "配合单位", "参与单位", "协办单位", "主办单位", "承办单位")
INDICATOR_ENDINGS = (
    "比重",
    "比例",
    "比值",
    "占比",
    "之比",
    "率",
    "数",
    "量",
    "额",
    "指数",
    "系数",
    "收入",
    "支出",
    "能耗",
    "区位熵",
    "区位商",
    "政策",
    "队伍",
    "新格局",
    "普遍认可",
    "市场环境",
    "落实情况",
    "增幅",
)
_UNIT_TAIL = re.compile(r"(?:\s*[(（][^()（）]{1,16}[)）])*\s*[*＊]?\s*$")
_CONNECT_NEXT = re.compile(r"^(?:按职责分工负责|按职责分工|牵头|负责|配合|占|与|及|和|的)")
_HEADING = re.compile(r"^(?:[(（][一二三四五六七八九十0-9]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|[0-9]{1,3}[.、．])")
_NUMBER_ONLY = re.compile(r"^\s*[0-9]{1,3}\s*$")
_NUMBERED = re.compile(r"^\s*[(（]?[0-9]{1,3}\s*[.、．)）]\s*(?![0-9])")


@dataclass(frozen=True)
class Mention:
    """A department- or indicator-like name found in a text (offsets into the repaired text)."""

    text: str
    kind: str  # department | indicator | institution
    start: int
    end: int
    context: str  # responsibility | label | table | numbered | cell
    line: int


def repair_breaks(text: str) -> str:
    """Join lines broken inside names (see module docstring); everything else is kept as is."""
    lines = text.split("\n")
    out: list[str] = [lines[0]] if lines else []
    for nxt in lines[1:]:
        prev = out[-1]
        p, n = prev.rstrip(), nxt
        join = False
        if p and n and not n[0].isspace() and re.match(f"[{_CJK}(（]", n[0]) and not _HEADING.match(n):
            last = p[-1]
            tail = re.split(r"[、,，;；\t]", p)[-1]
            if _CONNECT_NEXT.match(n) and (re.match(f"[{_CJK})）]", last)):
                join = True
            elif (
                "、" in p
                and re.match(f"[{_CJK}]", last)
                and not tail.endswith(DEPT_SUFFIXES)
                and _strip_roles(tail) == tail.strip()  # no 负责/牵头 at the end: the name goes on
            ):
                join = True  # 市工业和信 / 息化局
            elif last in "占与及和的、" and len(p.strip()) < 80:
                join = True
        if join:
            out[-1] = p + n
        else:
            out.append(nxt)
    return "\n".join(out)


def _split_items(seg: str) -> list[tuple[str, int]]:
    """Split a list segment into (item, offset within seg)."""
    items: list[tuple[str, int]] = []
    depth = 0
    start = 0
    for i, ch in enumerate(seg):
        if ch in "(（〔[【":  # 各县(市、区〕: a closing bracket of another shape still closes
            depth += 1
        elif ch in ")）〕]】":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in "、,，;；":
            items.append((seg[start:i], start))
            start = i + 1
    items.append((seg[start:], start))
    out: list[tuple[str, int]] = []
    for item, off in items:
        for part, poff in _split_connectors(item):
            out.append((part, off + poff))
    return out


def _split_connectors(item: str) -> list[tuple[str, int]]:
    """Split on 及 / 和 / 与 / 会同 only between two complete names."""
    for m in re.finditer(r"及|和|与|会同", item):
        left, right = item[: m.start()], item[m.end() :]
        if _strip_roles(left).endswith(DEPT_SUFFIXES) and re.match(r"^(?:[各市县区省相有]|人行|国家)", right):
            return [(left, 0), *[(p, m.end() + o) for p, o in _split_connectors(right)]]
    return [(item, 0)]


def _strip_roles(item: str) -> str:
    s = item.strip()
    changed = True
    while changed:
        changed = False
        for w in ROLE_WORDS:
            if s.endswith(w) and len(s) > len(w):
                s = s[: -len(w)].rstrip()
                changed = True
    return s.strip(" \t:：")


def _dept_like(item: str) -> bool:
    return 2 <= len(item) <= 30 and item.endswith(DEPT_SUFFIXES) and not re.search(r"[0-9。:：]", item)


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


class _Collector:
    def __init__(self, text: str):
        self.text = text
        self.out: dict[tuple[int, int, str], Mention] = {}

    def add_list(self, seg: str, seg_start: int, context: str, require_all: bool) -> bool:
        items = []
        for raw, off in _split_items(seg):
            name = _strip_roles(raw)
            if not name:
                continue
            lead = len(raw) - len(raw.lstrip())
            items.append((name, seg_start + off + lead))
        if not items:
            return False
        kinds = []
        for name, _ in items:
            if name.endswith(INSTITUTION_SUFFIXES) or (
                "有关" not in name and "各" not in name and name.endswith(("院校", "高校"))
            ):
                kinds.append("institution")
            elif _dept_like(name):
                kinds.append("department")
            else:
                kinds.append(None)
        if require_all and (None in kinds or not any(n.endswith(STRONG_SUFFIXES) for n, _ in items)):
            return False
        for (name, pos), kind in zip(items, kinds, strict=True):
            if kind is None:
                continue
            self.out[(pos, pos + len(name), kind)] = Mention(name, kind, pos, pos + len(name), context, _line_of(self.text, pos))
        return True

    def add_indicator(self, name: str, pos: int, context: str) -> None:
        self.out[(pos, pos + len(name), "indicator")] = Mention(
            name, "indicator", pos, pos + len(name), context, _line_of(self.text, pos)
        )


def _paren_lists(text: str, col: _Collector) -> None:
    label_re = re.compile(r"[(（]\s*(?:" + "|".join(LABELS) + r")\s*[:：]")
    for m in label_re.finditer(text):
        depth, i = 1, m.end()
        while i < len(text) and depth:
            if text[i] in "(（":
                depth += 1
            elif text[i] in ")）":
                depth -= 1
            elif text[i] == "\n" and text[i + 1 : i + 2] == "\n":
                break
            i += 1
        end = i - 1 if depth == 0 else i
        col.add_list(text[m.end() : end], m.end(), "responsibility", require_all=False)


def _label_lines(text: str, col: _Collector) -> None:
    label_re = re.compile(r"(?:^|(?<=[\s。;；]))(?:" + "|".join(LABELS) + r")\s*[:：]\s*(?P<list>[^\n]+)", re.M)
    for m in label_re.finditer(text):
        col.add_list(m.group("list").rstrip(), m.start("list"), "label", require_all=False)


def _cells(text: str) -> list[tuple[str, int]]:
    """Non-empty tab/line separated cells with their offsets."""
    return [(m.group(0), m.start()) for m in re.finditer(r"[^\t\n]+", text) if m.group(0).strip()]


def _indicator_name(cell: str) -> str | None:
    s = cell.strip()
    core = _UNIT_TAIL.sub("", s)
    if not (3 <= len(core) <= 120) or "。" in core:
        return None
    if not core.endswith(INDICATOR_ENDINGS) or re.match(r"^(?:与|占|及|和|的|[(（])", core):
        return None
    return s


def _table_cells(text: str, col: _Collector) -> None:
    cells = _cells(text)
    prev_number = False
    for cell, pos in cells:
        s = cell.strip()
        lead = len(cell) - len(cell.lstrip())
        if _NUMBER_ONLY.match(s):
            prev_number = True
            continue
        after_number, prev_number = prev_number, False
        if "责任单位" in s or "牵头单位" in s:
            continue
        # department list cells
        if len(s) <= 200 and col.add_list(s, pos + lead, "table", require_all=True):
            continue
        # indicator cells / numbered indicator items
        m = _NUMBERED.match(s)
        body = s[m.end() :] if m else s
        bpos = pos + lead + (m.end() if m else 0)
        if m and "。" in body:
            first = body.split("。", 1)[0]
            name = _indicator_name(first)
            if name and len(first) <= 60:
                col.add_indicator(name, bpos, "numbered")
            continue
        name = _indicator_name(body)
        if name is None:
            continue
        if after_number or m:
            col.add_indicator(name, bpos, "numbered" if m else "table")
        elif len(name) <= 60 and not re.search(r"[,，;；:：]", name) and re.search(r"[(（][^()（）]*[)）]\s*\*?$", name):
            col.add_indicator(name, bpos, "cell")  # stand-alone cell with a unit: 每万人发明专利拥有量(件/万人)


def find_mentions(text: str, *, repaired: bool = False) -> tuple[str, list[Mention]]:
    """Return (repaired text, mentions sorted by position)."""
    if not repaired:
        text = repair_breaks(text)
    col = _Collector(text)
    _paren_lists(text, col)
    _label_lines(text, col)
    _table_cells(text, col)
    mentions = sorted(col.out.values(), key=lambda m: (m.start, m.end, m.kind))
    # drop mentions nested inside another mention of the same kind
    kept: list[Mention] = []
    for m in mentions:
        if any(k.kind == m.kind and k.start <= m.start and m.end <= k.end and k != m for k in kept[-5:]):
            continue
        kept.append(m)
    return text, kept


def find_department_mentions(text: str) -> list[Mention]:
    return [m for m in find_mentions(text)[1] if m.kind == "department"]


def find_indicator_mentions(text: str) -> list[Mention]:
    return [m for m in find_mentions(text)[1] if m.kind == "indicator"]
