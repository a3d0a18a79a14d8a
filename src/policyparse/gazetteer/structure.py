"""Bodies no catalogue holds are still bodies: recognise a department-like name by its structure.

A name the catalogue does not resolve (:mod:`policyparse.gazetteer.matcher`, after its exact /
alias / rule / fuzzy steps) is still a body when, once the matcher has removed its place and level
prefixes (上海市 / 市 / 浦东 …), what is left is a run of function words ending with a body suffix:

=====================  ==========================================================================
kind                   suffix (longest first)
=====================  ==========================================================================
``collective``         a name that starts with 各 / 有关 / 相关 / 其他 (各项目公司, 各有关医院)
``enterprise``         股份有限公司, 有限责任公司, 有限公司, 集团公司, 分公司, 公司, 集团
``internal_division``  处, 科, 股, 室 (not 办公室 / 研究室 / 实验室 / 工作室)
``public_institution`` 中心, 院, 所, 站, 馆, 台, 社, 协会, 学会, 商会, 基金会, 实验室, 学校, 医院 …
``unknown``            局, 委, 办, 厅, 署, 部, 委员会, 管委会, 办公室, 领导小组(办公室), 指挥部, 队 …
=====================  ==========================================================================

Such a body gets a stable id derived from its normalised name, ``uncatalogued:<name>`` (the same
name in any document and city gives the same id, as a catalogue type does), and is flagged
``uncatalogued``. An internal division (设施养护处, 科教处) belongs to a body: to the body named in
front of it (交通委设施养护处) or, when the name stands alone, to the issuing body of the document
(passed by the caller as ``parent``); its id then carries that body's id
(``uncatalogued:dept.transport/设施养护处``), so 宣传处 of a health commission and 宣传处 of a
transport commission are two bodies. A public institution named after a catalogued body
(国家药监局医疗器械技术审评检查长三角分中心) is attached to it the same way.

What is NOT a body: a name with sentence punctuation, a date (2024年) or verbs of a task (推进, 建立, 加强 …)
unless it is a leading group, task force or headquarters named after its task (…领导小组办公室, …指挥部),
a name of one character before the suffix, a name longer than :data:`MAX_LEN` characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNCATALOGUED = "uncatalogued:"
MAX_LEN = 30
KINDS = ("internal_division", "public_institution", "enterprise", "collective", "unknown")

ENTERPRISE_SUFFIXES = ("股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "集团公司", "分公司", "公司", "集团")
DIVISION_SUFFIXES = ("处", "科", "股", "室")
NOT_DIVISION = ("办公室", "研究室", "实验室", "工作室", "参事室")
INSTITUTION_SUFFIXES = (
    "分中心", "中心", "研究院", "设计院", "科学院", "医院", "学院", "大学", "学校", "院", "研究所", "所", "站", "馆",
    "电视台", "台", "报社", "出版社", "社", "协会", "学会", "商会", "基金会", "促进会", "联合会", "实验室", "园", "库",
)
BODY_SUFFIXES = (
    "领导小组办公室", "工作领导小组", "领导小组", "指挥部办公室", "指挥部", "委员会办公室", "管理委员会", "管委会", "委员会",
    "办公室", "办事处", "管理局", "执法局", "监管局", "总局", "分局", "支队", "总队", "大队", "中队", "局", "委", "办", "厅",
    "署", "部", "队", "工委", "部门", "单位", "机构",
)
COLLECTIVE_HEADS = ("各", "有关", "相关", "其他", "其它")
COORDINATION_SUFFIXES = ("领导小组办公室", "工作领导小组", "领导小组", "指挥部办公室", "指挥部", "联席会议办公室", "工作专班")
_DATE = re.compile(r"[0-9]+[年月日号]")
_NAME = re.compile(r"^[\u4e00-\u9fffA-Z0-9()·]+$")
_TASK_WORDS = re.compile(r"推进|建立|加强|完善|开展|实施|落实|组织(?!部)|负责|牵头|配合|做好|推动|加快|支持|鼓励|确保|按照|根据"
                         r"|[0-9]+[年月日号]")


@dataclass(frozen=True)
class Body:
    """A structurally recognised body: its kind and the normalised name its id derives from."""

    name: str
    kind: str
    suffix: str

    @property
    def id(self) -> str:
        return UNCATALOGUED + self.name


def is_uncatalogued(ident: str | None) -> bool:
    return bool(ident) and ident.startswith(UNCATALOGUED)


def body_kind(name: str) -> Body | None:
    """The structural kind of a prefix-free, normalised department name, or None if it is no body."""
    if not (2 <= len(name) <= MAX_LEN) or not _NAME.match(name):
        return None
    # a leading group or task force is named after its task (推动房地产市场平稳健康发展领导小组办公室)
    if _TASK_WORDS.search(name) and not (name.endswith(COORDINATION_SUFFIXES) and not _DATE.search(name)):
        return None
    if name.startswith(COLLECTIVE_HEADS):
        for suf in (*ENTERPRISE_SUFFIXES, *INSTITUTION_SUFFIXES, *BODY_SUFFIXES, "企业", "医院", "学校"):
            if name.endswith(suf) and len(name) > len(suf) + 1:
                return Body(name, "collective", suf)
        return None
    for kind, suffixes in (("enterprise", ENTERPRISE_SUFFIXES), ("internal_division", DIVISION_SUFFIXES),
                           ("public_institution", INSTITUTION_SUFFIXES), ("unknown", BODY_SUFFIXES)):
        for suf in suffixes:
            if not name.endswith(suf):
                continue
            if kind == "internal_division" and name.endswith(NOT_DIVISION):
                break
            if len(name) - len(suf) < 2:
                return None  # at most one character before the suffix (总局, 该委, 本处): not a name
            return Body(name, kind, suf)
    return None
