"""Departments and their roles, from the ways Chinese plans assign work.

Forms (general patterns of Chinese policy writing, not of one document):

* labelled lines: "牵头单位:市人社局", "责任单位:市教育局、…", "牵头部门/配合部门/参与单位/协办单位";
* "X牵头,Y按职责分工负责" / "X牵头,Y配合" / "X牵头负责" / "X负责,Y配合" (X leads);
* "由X负责" / "X负责" alone: X is responsible, no lead stated;
* "(牵头部门:X;配合部门:Y)": several labels in one parenthesis;
* a trailing parenthesis "(责任单位:A、B、C)" with no lead: all responsible, lead not stated.

Names are split on 、 , ， ; and "和/及" only between department names. Resolution to gazetteer
ids happens later (:mod:`policyparse.extract.resolve`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LEAD_LABEL = r"牵头责任单位|牵头责任部门|牵头单位|牵头部门|主责单位|主责部门|牵头"
RESP_LABEL = (
    r"责任单位|责任部门|责任主体|配合单位|配合部门|参与单位|参与部门|参加单位|参加部门|协办单位|协助单位|协同单位|协同部门|"
    r"支持单位|实施单位|实施主体|落实单位|落实部门|"
    r"贵任单位"  # a frequent slip for 责任单位 on real portals (8 of 1,794 scale texts)
)
LABELLED = re.compile(
    rf"(?P<label>{LEAD_LABEL}|{RESP_LABEL})\s*[:：]\s*(?P<names>(?:(?!(?:{LEAD_LABEL}|{RESP_LABEL})\s*[:：])[^:：。;；\n])+)"
)
PAREN = re.compile(
    rf"[(（]\s*(?P<label>{LEAD_LABEL}|{RESP_LABEL})\s*[:：]\s*(?P<names>(?:[^()（）]|[(（][^()（）]*[)）])+?)\s*[)）]"
)
# "按职责分工负责", "按照责任分工抓好落实" …: how helpers or the responsible are told to act
BY_DUTY = r"按照?(?:职责|责任)分工(?:负责|抓好落实|抓好|做好|落实)?|按照?各自(?:职责|职能)(?:负责)?|按职责负责|分工负责"
# "市建设行政主管部门应当建立…", "各级财政要合理保障…": a government body given a duty in prose
# (regulations and 组织实施 sections); companies, builders and other 单位 are not government bodies
SHALL = re.compile(
    r"(?:^|(?<=[。;；,，:：\s]))(?:第[一二三四五六七八九十百]+条\s*)?(?P<names>[^,，;；。:：()（）\s]{2,30}?"
    r"(?:主管部门|管理部门|部门|局|委|厅|政府|管委会|办公室|财政))(?:应当|必须)(?=[\u4e00-\u9fa5])"
)
_NOT_GOVERNMENT = re.compile(r"单位$|企业|机构$|公司|个人|学校|医院")
# "X牵头,Y按职责分工负责" / "X牵头,Y配合" / "X牵头负责" / "X牵头负责,Y负责落实"
LEAD_VERB = re.compile(
    r"(?P<lead>[^,，;；。:：()（）]{2,80}?)牵头(?:负责|实施|推进)?(?:[,，、]\s*(?P<resp>[^;；。]{2,200}?)"
    rf"(?:{BY_DUTY}|配合|参与|协同|共同负责|负责(?:组织)?(?:落实|实施)|负责))?(?=$|[,，;；。)）])"
)
# "X负责,Y配合": the one in charge and its helpers (X leads)
DUTY_HELPED = re.compile(
    r"(?:由)?(?P<lead>[^,，;；。:：()（）]{2,60}?)负责[,，、]\s*(?P<resp>[^,，;；。:：()（）][^;；。:：()（）]{1,120}?)"
    r"(?:配合|参与|协助|协同|共同参与)(?=$|[,，;；。)）])"
)
# "由X负责" / "X按职责分工负责" / "X负责"
DUTY = re.compile(
    r"(?:由)?(?P<names>(?:[^,，;；。:：()（）]|[(（][^()（）]{1,12}[)）]){2,120}?)[,，]?(?:要|应|须|应当)?"
    rf"(?:{BY_DUTY}|负责(?!同志|人[,，。;；、]|人员|制[,，。;；、]|制度|解释))"
)
# "X会同Y建立…": X leads, Y takes part (会同 = "together with, X in charge").
TOGETHER = re.compile(r"(?P<lead>[^,，;；。:：()（）]{2,60}?(?:[(（][^()（）]{2,12}[)）])?)会同(?P<resp>[^,，;；。:：]{2,60})")
_LONG_SUFFIX = re.compile(r"^(?:[\u4e00-\u9fa5]|[(（][^()（）]{1,10}[)）]){1,20}(?:部门|单位|政府|管委会|委员会|办公室)")
# where a short name may end, within the text up to the next separator
_SHORT_END = re.compile(r"(?:局|委|办|部|厅|院|协|集团|公司|中心|督查室|海关|支队|大队|队|联|社|站|支行|分行)")
_SEGMENT = re.compile(r"(?:[\u4e00-\u9fa5]|[(（][^()（）]{1,10}[)）]){0,20}")  # "各县(市、区)…" stays whole
_JOINER = re.compile(r"(?<=[局委办部院会厅室府协行队区门位联社站)])(?:和|及|与)")
# Verbs that never occur inside a department name: a candidate holding one ran into the sentence.
_VERBISH = re.compile(r"建立|编制|制定|加强|开展|推进|组织|研究|完善|落实|实施|建设")


def _name_prefix(text: str) -> str | None:
    """The department name at the start of running text ("国务院有关部门加强…" -> "国务院有关部门"):
    the longest prefix ending in a collective suffix (部门, 单位, 政府), else the longest prefix before
    the next list separator that ends like a department ("市公安局交警支队、", "县残联建立…") and
    holds no verb; None when no name is certain."""
    long = _LONG_SUFFIX.match(text)
    segment = _SEGMENT.match(text).group(0)
    joiner = _JOINER.search(segment)
    segment = segment[: joiner.start()] if joiner else segment  # "A支队和B局": two names
    short = None
    for m in reversed(list(_SHORT_END.finditer(segment))):
        cand = segment[: m.end()]
        if len(cand) >= 2 and not _VERBISH.search(cand) and cand.count("(") == cand.count(")"):
            short = cand
            break
    if long and not (short and len(short) > len(long.group(0))):
        name = long.group(0)  # "省政府" unless a longer name goes on: "省政府督查室"
    elif short:
        name = short
    else:
        return None
    alias = _ALIAS_PAREN.match(text, len(name))  # "市发改委(市数字办)": the second name of one body
    if alias and looks_like_department(alias.group(1)):
        name += alias.group(0)
    return name


# "和/及/与" between two department names splits them, but not before a bare collective noun:
# "各相关部门和单位" is one collective actor
SPLIT = re.compile(r"[、,，;；。]|(?<=[府局委会])(?:或者|或)|(?<=[局委办部院会厅室府协行队区门位)])(?:和|及|与)(?!(?:单位|部门|机构|企业)(?:[、,，;；]|$))")
# "市交通委（计划财务处）", "市交通委（科信处、宣传处）": divisions of a body, named by their parent
DIVISION_PAREN = re.compile(r"^(?P<parent>[^()（）]{2,20}?)[(（](?P<inner>[^()（）]{2,40})[)）]$")
DIVISION_END = re.compile(r"(?:处|科|室|办公室|中心|支队|大队)$")
# What a department name ends with (also collective actors such as "各县(市、区)", "相关部门").
DEPT_END = re.compile(
    r"(?:局|委|委员会|办|办公室|部|厅|院|协|会|中心|分局|支行|分行|管委会|政府|人民政府|法院|检察院|队|公司|集团|部门|单位|"
    r"县\(市、区\)|县\(市区\)|县区|县市区|功能区|开发区|高新区|新区|园区|大学|学校|院校|校区|学院|医院|电视台|报社|站|所|"
    r"联|社|海关|机场|办事处|督查室|研究室|金融机构|机构|街道|乡镇|镇|处|科|室|^各[^、,，]{0,6}[区县市])$"
)
_PARENS_COMMA = re.compile(r"[(（〔〈［\[]([^()（）〔〕〈〉［］\[\]]*)[)）〕〉］\]]")
# "(以下简称“公积金中心”)": a name's abbreviation note, not part of it
_ALIAS_NOTE = re.compile(r"[(（]\s*以下简称[^()（）]*[)）]")
# Notes of a table and verbs that never start a body's name: list fragments, not names
_NOT_A_NAME = re.compile(r"为牵头|牵头单位$|^(?:用好|同意|意并|并报|报请|以下均)")
_ALIAS_PAREN = re.compile(r"[(（]([^()（）]{2,12})[)）]")
# "市林业局(牵头)": a lead marked inside a list of responsible departments
_LEAD_MARK = re.compile(r"\s*[(（]牵头[)）]$")


@dataclass
class RoleFinding:
    lead: list[tuple[str, int]] = field(default_factory=list)  # (surface name, offset in text)
    responsible: list[tuple[str, int]] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # where the role phrases are
    stated_lead: bool = False

    def add_names(self, names: str, offset: int, target: list) -> None:
        """Add the department names of a list to ``target``; one marked "(牵头)" goes to ``lead``."""
        for name, pos in split_names(names, offset):
            marked = _LEAD_MARK.search(name)
            if marked:  # "责任单位:市林业局(牵头),…"
                name = name[: marked.start()]
            into = self.lead if marked else target
            if looks_like_department(name) and all(n != name for n, _ in into):
                into.append((name, pos))
                self.stated_lead |= bool(marked)


_BY_WHOM = re.compile(r"^.*(?<!自)由(?=.{2,})")
_NAME_LEAD_IN = re.compile(r"^(?:由|会同|联合|和|及|与)")
_NAME_ROLE_TAIL = re.compile(r"(?:等(?:相关|有关)?(?:部门|单位)?|按职责分工负责|分工负责|负责|配合|参与)$")
_TRAILING_BRACKET = re.compile(r"[(〔\[][^()〔〕\[\]]*[)〕\]]$")  # "各县区(开发区)", "各市〔州〕"


def split_names(names: str, offset: int) -> list[tuple[str, int]]:
    """Split a list of department names; keep "各县(市、区)" whole (commas inside parentheses)."""
    protected = _PARENS_COMMA.sub(
        lambda m: m.group(0)[0] + m.group(1).replace("、", "\0").replace(",", "\1") + m.group(0)[-1], names)
    out: list[tuple[str, int]] = []
    pos = 0
    for part in SPLIT.split(protected):
        k = protected.find(part, pos)
        pos = k + len(part)
        raw = part.replace("\0", "、").replace("\1", ",")
        name = raw.strip().strip("等")
        name = _NAME_LEAD_IN.sub("", _ALIAS_NOTE.sub("", name))
        if _NOT_A_NAME.search(name):
            continue
        by = _BY_WHOM.search(name)
        if by:  # "本措施由市住建局", "以上购房补贴由房屋所在地区县政府": the body after 由
            name = name[by.end() :]
        name = _NAME_ROLE_TAIL.sub("", name).strip()
        if len(name) < 2:
            continue
        at = offset + k + raw.find(name[:1])
        div = DIVISION_PAREN.match(name)
        inner = [x.strip() for x in re.split(r"[、,，]", div.group("inner"))] if div else []
        if inner and all(DIVISION_END.search(x) and len(x) >= 2 for x in inner):
            base = at + name.find(div.group("inner"))
            for x in inner:
                out.append((x, base + div.group("inner").find(x)))
            continue
        out.append((name, at))
    return out


def looks_like_department(name: str) -> bool:
    """Ends like a department name; a trailing qualifier in brackets ("各县区(开发区)") is ignored."""
    if len(name) > 30:
        return False
    return bool(DEPT_END.search(name) or DEPT_END.search(_TRAILING_BRACKET.sub("", name)))


def _all_departments(names: list[tuple[str, int]]) -> bool:
    """A role formula only counts when every name it binds looks like a department."""
    return bool(names) and all(looks_like_department(n) for n, _ in names)


def _leading_names(text: str, base: int) -> list[tuple[str, int]]:
    """Department names at the start of running text, joined by 、/和/及/与 ("有关部门和地方建立…")."""
    out: list[tuple[str, int]] = []
    while text:
        name = _name_prefix(text)
        if not name:
            break
        out.append((name, base))
        k = len(name)
        if k >= len(text) or text[k] not in "、和及与":
            break
        text, base = text[k + 1 :], base + k + 1
    return out


# Held by every role formula: each label ends in 单位/部门/主体 (or is 牵头) before its colon; a
# "负责" that assigns is never "负责同志" (DUTY refuses it, DUTY_HELPED wants a comma after 负责)
# unless in "按职责负责".
_ROLE_WORD = re.compile(r"牵头|会同|负责(?!同志)|按职责负责|分工|各自职|(?:单位|部门|主体)\s*[:：]"
                        r"|(?:部门|局|委|厅|政府|管委会|办公室|财政)(?:应当|必须)")


def may_name_roles(text: str) -> bool:
    """False when :func:`find_roles` cannot find a department in ``text`` (a cheap test)."""
    return _ROLE_WORD.search(text) is not None


def find_roles(text: str) -> RoleFinding:
    """Lead and responsible departments named in one item's text."""
    f = RoleFinding()
    seen: set[tuple[int, int]] = set()

    def add(target: list, names: str, offset: int) -> None:
        f.add_names(names, offset, target)

    def labelled(m: re.Match[str]) -> None:
        """A "label: names" match; "责任单位:X牵头,Y按职责分工负责" still yields a lead."""
        is_lead = re.fullmatch(LEAD_LABEL, m.group("label")) is not None
        names = m.group("names")
        lv = LEAD_VERB.fullmatch(names.strip())
        if not is_lead and lv and lv.group("resp"):
            add(f.lead, lv.group("lead"), m.start("names") + lv.start("lead"))
            add(f.responsible, lv.group("resp"), m.start("names") + lv.start("resp"))
            f.stated_lead = True
        else:
            add(f.lead if is_lead else f.responsible, names, m.start("names"))
            f.stated_lead |= is_lead
        seen.add((m.start(), m.end()))
        f.spans.append((m.start(), m.end()))

    # each formula is tried only when its key word occurs (the regexes are lazy and slow to fail)
    has_colon = ":" in text or "：" in text
    for m in PAREN.finditer(text) if has_colon else ():
        inner = list(LABELLED.finditer(text, m.start() + 1, m.end() - 1))
        if len(inner) > 1:  # "(牵头部门:X;配合部门:Y)": several labels in one parenthesis
            for lm in inner:
                labelled(lm)
            seen.add((m.start(), m.end()))
        else:
            labelled(m)
    for m in LABELLED.finditer(text) if has_colon else ():
        if not any(s <= m.start() < e for s, e in seen):
            labelled(m)
    if f.lead or f.responsible:
        return f
    for m in LEAD_VERB.finditer(text) if "牵头" in text else ():
        if not _all_departments(split_names(m.group("lead"), 0)):
            continue
        add(f.lead, m.group("lead"), m.start("lead"))
        if m.group("resp"):
            add(f.responsible, m.group("resp"), m.start("resp"))
        f.stated_lead = True
        f.spans.append((m.start(), m.end()))
    if f.lead:
        return f
    for m in TOGETHER.finditer(text) if "会同" in text else ():
        lead = split_names(m.group("lead"), m.start("lead"))
        if not _all_departments(lead):
            continue
        resp = _leading_names(m.group("resp"), m.start("resp"))
        f.lead += [x for x in lead if x not in f.lead]
        f.responsible += [x for x in resp if looks_like_department(x[0])]
        f.stated_lead = True
        f.spans.append((m.start(), m.end()))
    if f.lead:
        return f
    helped = "负责" in text and any(w in text for w in ("配合", "参与", "协助", "协同"))
    for m in DUTY_HELPED.finditer(text) if helped else ():
        lead, resp = split_names(m.group("lead"), m.start("lead")), split_names(m.group("resp"), m.start("resp"))
        if not (_all_departments(lead) and _all_departments(resp)):
            continue
        f.lead += [x for x in lead if x not in f.lead]
        f.responsible += [x for x in resp if x not in f.responsible]
        f.stated_lead = True
        f.spans.append((m.start(), m.end()))
    if f.lead:
        return f
    for m in DUTY.finditer(text) if ("负责" in text or "分工" in text or "职责" in text) else ():
        names = re.sub(r"^第[一二三四五六七八九十百]+条\s*", "", m.group("names"))
        offset = m.start("names") + len(m.group("names")) - len(names)
        if not _all_departments(split_names(names, offset)):
            continue
        add(f.responsible, names, offset)
        f.spans.append((m.start(), m.end()))
    if f.responsible:
        return f
    for m in SHALL.finditer(text) if ("应" in text or "要" in text or "须" in text) else ():
        names = m.group("names")
        if _NOT_GOVERNMENT.search(names) or not _all_departments(split_names(names, m.start("names"))):
            continue
        add(f.responsible, names, m.start("names"))
        f.spans.append((m.start(), m.end()))
    return f


def parse_department_cell(cell: str) -> RoleFinding:
    """A table's 责任单位 cell: "X牵头,Y按职责分工负责", or a plain list (all responsible)."""
    f = find_roles(cell)
    if f.lead or f.responsible:
        return f
    plain = RoleFinding()
    plain.add_names(cell, 0, plain.responsible)
    return plain
