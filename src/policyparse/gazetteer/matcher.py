"""Resolve surface forms to gazetteer entries: exact -> alias -> rule -> fuzzy -> unmatched.

Order of evidence (first hit wins; every result says which one it was):

1. ``exact``: the query (outer whitespace stripped) is an entry's standard name.
2. ``alias``: the query is one of the entry's listed aliases.
3. ``rule``: after normalisation (:mod:`policyparse.gazetteer.normalize`: NFKC, brackets,
   whitespace, unit parentheses of indicators) and, for departments, after removing by rule a
   place prefix (泰安市 / 临沂 / 陇南市 / 肥城市, found in the places gazetteer), a level prefix
   (市/县/区/省/州/盟/旗/自治州/自治县), a ``政府``/``人民政府`` prefix (市政府国资委), an embedded place
   name (人行泰安市中心支行, 国家统计局泰安调查队) or a proper-name prefix before a zone type
   (沂河新区管委会), the rest equals a name or alias.
4. ``fuzzy``: :func:`rapidfuzz.fuzz.ratio` (normalised Indel similarity on characters) between the
   normalised, prefix-stripped query and every normalised name/alias of the kind; the best entry
   is accepted only if its score reaches the kind's threshold AND beats the best *other* entry by
   :data:`FUZZY_MARGIN`.
5. ``unmatched``: otherwise; ``id``/``entity`` are None and the top candidates are reported.
   Nothing below threshold is ever mapped silently.
6. ``structure`` (only with ``match(..., structure=True)``, as extraction and ``renormalise``
   ask): an unmatched name that is a body by its structure (:mod:`policyparse.gazetteer.structure`)
   gets an ``uncatalogued:<normalised name>`` id, flagged ``uncatalogued`` with its kind; its
   catalogue candidates stay listed. Without ``structure`` the unmatched result carries it in
   ``structural``.

Rules of step 3 beyond prefixes (issue 13): ``国家`` + a local function is its national body
(``national`` in the data); ``各级`` / ``各县(市、区)`` / ``各地(市)`` + a function is a collective of
that type (``Match.key`` ``@all_levels`` / ``@each``); a zone prefix (示范区 / 高新区 / 经开区 …) + a
function is that type scoped to the zone; ``place_aliases`` apply only right after a bare place name
(上海金融监管局); a duty description (负有…职责的部门) is ``dept.collective.relevant_departments``; a
catalogued body written behind its host's name (市委组织部人才办) is that body. ``Match.key`` is the
grouping key: the id, or the id with the level whose standard name differs (省住房和城乡建设厅:
``@province``; a municipality names its bodies as a city does), the place of a body whose identity
is its place (each district's 人民政府), or a zone's proper name.

Thresholds (measured with ``python scripts/bench_gazetteer.py --measure``): leave-one-out over the
seeds. Every distinct department/indicator surface form found in the five seed documents
(``gazetteer.mentions``) is resolved, the catalogue key it matched is removed from the index, and
the form is fuzzy-matched against the remaining keys; the result is compared with the entry it
really belongs to. Numbers from that run (55 department keys, 118 indicator keys):

* raw ``fuzz.ratio`` alone is not safe at any useful threshold: 4 of 55 department forms map to
  a wrong entry at >= 82 (工业和信息化局 -> 工业和信息化部 85.7, 市场监管局 -> 市场监管总局 90.9,
  高新区管委会 -> 新区管委会 90.9), 1 of 118 indicators even at >= 92
  (高技术产业主营业务收入占规上工业企业主营业务收入比重 -> 高新技术企业主营业务收入... 94.3).
* hence four guards on the best fuzzy entry (:meth:`Gazetteer._compatible`): marker terms must
  agree (:data:`INDICATOR_MARKERS`, :data:`DEPARTMENT_MARKERS`: 高价值, 每万家, 高技术产业 vs
  高新技术企业, 国家, 考试 ...), a department's final type character must agree (局/厅, 委/会, 办/室
  are one class), a local name never fuzzes into a national-only body, and a query that merely
  extends a catalogue name (高新区管委会 ⊃ 新区管委会) is not reduced to it.
* with guards + :data:`FUZZY_MARGIN` = 4: indicators map 0 wrong at every threshold >= 75 and 2
  wrong at 70 (84 of 118 held-out forms recovered at 80, 58 at 90): :data:`INDICATOR_FUZZY_THRESHOLD`
  = 80, five points above the first wrong mapping. Departments map 0 wrong down to 60 on the seeds
  (14 of 55 recovered at 85, 23 at 60), but department names are short and one substituted
  character between two different departments scores 66.7 (3 characters: 林业局/农业局), 75 (4), 80
  (5), 83.3 (6 characters: 文化和旅游局/文化和体育局): :data:`DEPARTMENT_FUZZY_THRESHOLD` = 85 keeps all
  of these out while accepting the long spelling variants (人力资源和社会保障局 ~ 人力资源社会保障局
  94.7, 住房城乡建设局 93.3, 发展和改革委 90.9, 地方金融监管局 87.5).
* places: names are 2-5 characters, so a one-character difference scores 67-80; fuzzy place
  matches need :data:`PLACE_FUZZY_THRESHOLD` = 90 (only typos in long names).

Measured again on real names (``python scripts/bench_gazetteer.py --measure --real``, issue 13):
the department forms of the eight annotated real documents (``../shared/real/annotated/gold``)
and every name in the 责任单位 lists of the 1,794 real texts of ``../shared/real/scale`` (1,198
distinct forms, 7,030 mentions), same leave-one-out over the 369 distinct catalogue keys they
resolve through, with the national-coverage catalogue (349 types):

* with the four guards above, 10 of 369 held-out real keys mapped to a wrong entry at 85 (6 at 88,
  2 at 92): 国家金融监督管理总局监管局 -> …监管分局 96.3, 金融监管分局/支局 -> 地方金融监管局 90.9,
  开发区管委会 / 园区管委会 -> 各功能区管委会 92.3 / 90.9, 人民政府 -> 镇人民政府 88.9, 金融办 ->
  委金融办 85.7, 各部门 -> 委各部门 85.7. Raw ratio alone maps 20 wrong at 85.
* hence three more guards: markers 地方 / 分局 / 支局 / 镇 / 乡 must agree; a collective (各…, 有关…,
  …部门/单位) never fuzzes into one body nor one body into a collective; a party committee's office
  (委…) never fuzzes into the government's and back.
* with them: 0 wrong at every threshold >= 82, 1 at 78-80, 4 at 60-75; correct recoveries 136 at
  85, 153 at 82, 205 at 80. :data:`DEPARTMENT_FUZZY_THRESHOLD` stays 85: five points above the
  first wrong real mapping (80), the same margin the indicator threshold keeps. The seeds still map
  0 wrong (20 of 55 recovered at 85).
* on the scale corpus as it is resolved (no key held out), 36 of 7,030 mentions are fuzzy
  matches; read by hand, none is wrong any more once 金融监管支局 (the NFRA's county office, 90.9
  against 地方金融监管局 before) and 不动产交易中心 are aliases.

The results of the measurement are printed by the bench script; the constants below are what the
tests pin (``tests/gazetteer/test_matcher.py`` tests both sides of each boundary).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from policyparse.gazetteer.loader import DepartmentType, Indicator, Place
from policyparse.gazetteer.normalize import department_key, indicator_key, place_key
from policyparse.gazetteer.structure import UNCATALOGUED, body_kind

DEPARTMENT_FUZZY_THRESHOLD = 85.0
INDICATOR_FUZZY_THRESHOLD = 80.0
PLACE_FUZZY_THRESHOLD = 90.0
FUZZY_MARGIN = 4.0
CANDIDATE_FLOOR = 50.0  # candidates below this similarity are not listed (and let rapidfuzz exit early)
TOP_K = 5
KINDS = ("department", "indicator", "place")

LEVEL_PREFIXES = ("自治州", "自治县", "自治旗", "地区", "市", "县", "区", "省", "州", "盟", "旗")
# a zone with its own departments (示范区发展改革局, 高新区财政局): the function type, scoped to the zone
ZONE_LEVELS = ("示范区", "高新区", "经开区", "开发区", "新片区", "新区", "功能区", "园区")
GOV_PREFIXES = ("人民政府", "政府")
ZONE_TYPES = (
    "自由贸易试验区",
    "自贸试验区",
    "农业高新技术产业示范区",
    "临空经济示范区",
    "临空经济区",
    "中央商务区",
    "旅游度假区",
    "自主创新示范区",
    "高新技术产业开发区",
    "经济技术开发区",
    "综合保税区",
    "经济开发区",
    "工业园区",
    "产业园区",
    "高新区",
    "经开区",
    "开发区",
    "保税区",
    "旅游区",
    "风景区",
    "新片区",
    "自贸区",
    "商务区",
    "示范区",
    "科学城",
    "科技城",
    "度假区",
    "新区",
    "园区",
    "景区",
)
_NAMED_ZONE = re.compile(
    r"^(?P<zname>[\u4e00-\u9fff]{2,6}?)(?P<rest>(?:" + "|".join(ZONE_TYPES) + r")(?:管委会|管理委员会)?)$"
)
_ZONE_ENDINGS = (*ZONE_TYPES, "管委会", "管理委员会")
_LEVEL1 = frozenset(p for p in LEVEL_PREFIXES if len(p) == 1)
# prefixes that are not a place's level: 各级 / 地方各级 (a collective of the type at every level) and
# 国家 (the national body of a local function: 国家建设行政主管部门 -> 住房和城乡建设部)
SPECIAL_PREFIXES = {"地方各级": "各级", "各级": "各级", "国家": "国家"}
# "each place's" bodies of one function (各县(市、区)科技局, 各地(市)住建局): a collective of the type
EACH_PREFIXES = ("各县(市、区)", "各县(市,区)", "各县(区、市)", "各地(市)", "各市(州)", "各市(地)", "各区(县)", "各县(区)",
                 "各县区", "各区县", "各县市", "各地市", "各地", "各市", "各县", "各区")
CITY_SELF = ("本市", "我市", "全市", "该市", "市")
PROVINCE_SELF = ("本省", "我省", "全省", "该省", "省")
PLACE_LEVEL_RANK = {"province": 0, "city": 1, "county": 2}

Candidate = tuple[str, str, float]

# Fuzzy guards: a fuzzy best match is only accepted when it is *compatible* with the query.
# Marker terms must be present in both or in neither (a more specific indicator is a different
# indicator: 高价值 发明专利, 每万家企业法人中 高新技术企业数, 高技术产业 vs 高新技术企业).
INDICATOR_MARKERS = (
    "高价值",
    "每万家",
    "十万人",
    "万名",
    "博士",
    "研究人员",
    "下降率",
    "增幅",
    "增长",
    "累计",
    "利润率",
    "劳动生产率",
    "区位",
    "出口",
    "外资",
    "论文",
    "申请",
    "吸纳",
    "输出",
    "新增",
    "在孵",
    "孵化器",
    "高新技术企业",
    "高新技术产业",
    "高技术产业",
    "高技术产品",
    "高技术制造业",
    "知识密集型",
    "信息传输",
    "装备制造",
    "农业",
    "国家和省级",
    "全社会",
    "企业R&D",
    "财政",
    "能耗",
    "指数",
    "系数",
)
DEPARTMENT_MARKERS = (
    "高新",
    "经济技术",
    "农业高新",
    "综合保税",
    "考试",
    "国家",
    "总局",
    "调查",
    "支行",
    "银保监",
    "人民银行",
    "纪律",
    "监察",
    "人大",
    "政协",
    "法院",
    "检察",
    "各",
    "直",
    "有关",
    "相关",
    # measured on real names (see the module docstring): the NFRA's 分局/支局 vs 地方金融监管局,
    # a township's government vs a government
    "地方",
    "分局",
    "支局",
    "镇",
    "乡",
)
# final characters that may stand for each other in a department type (厅 = province-level 局 ...)
_SUFFIX_CLASS = {"厅": "局", "局": "局", "会": "委", "委": "委", "室": "办", "办": "办"}


@dataclass(frozen=True)
class Match:
    """One lookup result. ``to_dict()`` gives the JSON shape of issue 3."""

    query: str
    kind: str
    id: str | None
    name: str | None
    entity: str | None
    score: float
    method: str  # exact | alias | rule | fuzzy | unmatched
    runner_up: Candidate | None = None
    candidates: tuple[Candidate, ...] = ()
    place: Place | None = field(default=None, compare=False)
    # departments: what tells bodies apart when facts are grouped (see Gazetteer.match): the id,
    # or the id with the level whose standard name differs (dept.housing_urban_rural@province for
    # 省住房和城乡建设厅), the place of a body whose identity is its place (dept.people_government@闵行区),
    # the name of a named zone (dept.zone.new_area@沂河), or @all_levels (各级财政)
    key: str | None = None
    uncatalogued: bool = False  # recognised by structure (method "structure"), not in the catalogue
    body_kind: str | None = None  # of an uncatalogued body: internal_division | public_institution | ...
    parent: str | None = None  # the body an uncatalogued division or institution belongs to
    # an unmatched department name that is a body by its structure: that uncatalogued match
    # (returned itself by ``match(..., structure=True)``)
    structural: Match | None = field(default=None, compare=False, repr=False)

    @property
    def matched(self) -> bool:
        return self.id is not None

    @property
    def catalogued(self) -> bool:
        return self.id is not None and not self.uncatalogued

    @property
    def group(self) -> str | None:
        """The grouping key (``key``, else ``id``)."""
        return self.key or self.id

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "kind": self.kind,
            "match": None
            if self.id is None
            else {
                "id": self.id,
                "name": self.name,
                "entity": self.entity,
                "score": round(float(self.score), 1),
                "method": self.method,
                **({"key": self.key} if self.key and self.key != self.id else {}),
                **({"uncatalogued": True, "body_kind": self.body_kind} if self.uncatalogued else {}),
                **({"parent": self.parent} if self.parent else {}),
            },
            "candidates": [{"id": i, "name": n, "score": round(float(s), 1)} for i, n, s in self.candidates],
            **({"uncatalogued": self.structural.to_dict()["match"]} if self.structural is not None else {}),
        }


def _certain(query: str, kind: str, ident: str, name: str, entity: str | None, method: str, runner,
             key: str | None = None) -> Match:
    """A match found by exact, alias or rule lookup (score 100), with its nearest other entry."""
    return Match(
        query=query,
        kind=kind,
        id=ident,
        name=name,
        entity=entity,
        score=100.0,
        method=method,
        runner_up=runner,
        candidates=((ident, name, 100.0),) + ((runner,) if runner else ()),
        key=key,
    )


class _Index:
    """Names and aliases of one kind: dicts for exact/alias/normalised lookup, lists for rapidfuzz."""

    def __init__(self, entries: Iterable[tuple[str, str, Iterable[str], Iterable[str]]], keyfn):
        self.keyfn = keyfn
        self.name_of: dict[str, str] = {}
        self.exact: dict[str, str] = {}
        self.alias: dict[str, str] = {}
        self.keys: dict[str, str] = {}
        for ident, name, exact_forms, aliases in entries:
            self.name_of[ident] = name
            for form in exact_forms:
                self.exact.setdefault(form, ident)
                self.keys.setdefault(keyfn(form), ident)
            for form in aliases:
                self.alias.setdefault(form, ident)
                self.keys.setdefault(keyfn(form), ident)
        self._neighbour: dict[str, Candidate | None] = {}
        self.rebuild()

    def rebuild(self) -> None:
        """Recompute the rapidfuzz choice lists after ``keys`` changed (used by the threshold study)."""
        self.choices: list[str] = list(self.keys)
        self.choice_ids: list[str] = [self.keys[k] for k in self.choices]
        self.forms_of: dict[str, list[str]] = {}
        for k, i in self.keys.items():
            self.forms_of.setdefault(i, []).append(k)
        self._neighbour.clear()
        self._prefilter()

    def _prefilter(self) -> None:
        """Character-count matrix for the exact candidate prefilter of :meth:`fuzzy`.

        ``fuzz.ratio(q, k) = 200 * LCS / (len(q) + len(k))`` and the LCS is at most the size of the
        multiset intersection of the characters of ``q`` and ``k``. :meth:`fuzzy` computes that bound
        for every key with one numpy operation and scores only keys whose bound reaches the
        cutoff, so the result is the same as scoring every key (rapidfuzz spends most of a
        single-query call converting the choice strings, so scoring fewer keys is what pays).
        """
        vocab: dict[str, int] = {}
        for k in self.choices:
            for ch in k:
                vocab.setdefault(ch, len(vocab))
        counts = np.zeros((len(self.choices), max(1, len(vocab))), dtype=np.int16)
        for i, k in enumerate(self.choices):
            for ch in k:
                counts[i, vocab[ch]] += 1
        self._vocab = vocab
        self._counts = np.ascontiguousarray(counts.T)  # one row per character: a query gathers whole rows
        self._lens = np.array([len(k) for k in self.choices], dtype=np.float64)

    def _candidates(self, key: str, cutoff: float) -> np.ndarray:
        qc: dict[int, int] = {}
        for ch in key:
            col = self._vocab.get(ch)
            if col is not None:
                qc[col] = qc.get(col, 0) + 1
        if not qc:
            return np.empty(0, dtype=np.intp)
        cols = np.fromiter(qc.keys(), dtype=np.intp, count=len(qc))
        want = np.fromiter(qc.values(), dtype=np.int16, count=len(qc))
        shared = np.minimum(self._counts[cols], want[:, None]).sum(axis=0)
        bound = 200.0 * shared / (len(key) + self._lens)
        return np.flatnonzero(bound >= cutoff - 1e-9)

    def fuzzy(self, key: str, cutoff: float = CANDIDATE_FLOOR, exclude: str | None = None) -> list[Candidate]:
        """Best score per entry (descending), at most TOP_K+1 entries, scores >= cutoff."""
        if not key:
            return []
        cand = self._candidates(key, cutoff)
        if not len(cand):
            return []
        order = cand.tolist()
        sub = [self.choices[i] for i in order]
        hits = [
            (c, s, order[j])
            for c, s, j in process.extract(
                key, sub, scorer=fuzz.ratio, processor=None, limit=4 * (TOP_K + 1), score_cutoff=cutoff
            )
        ]
        best: dict[str, float] = {}
        for _choice, score, idx in hits:
            ident = self.choice_ids[idx]
            if ident != exclude and score > best.get(ident, -1):
                best[ident] = score
        ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[: TOP_K + 1]
        return [(i, self.name_of[i], float(s)) for i, s in ranked]

    def neighbour(self, key: str, ident: str) -> Candidate | None:
        """The closest other entry to a matched key (cached: evidence for exact/alias/rule hits)."""
        cache_key = key + "\x00" + ident
        if cache_key not in self._neighbour:
            near = self.fuzzy(key, exclude=ident)
            self._neighbour[cache_key] = near[0] if near else None
        return self._neighbour[cache_key]


def extract_one(
    query: str, index: _Index, score_cutoff: float, margin: float = FUZZY_MARGIN
) -> tuple[str, float, str] | None:
    """Like :func:`rapidfuzz.process.extractOne`: ``(name, score, id)`` of the best entry, or None.

    ``None`` when the best score is below ``score_cutoff`` or the best other entry is within
    ``margin`` (ambiguous).
    """
    ranked = index.fuzzy(index.keyfn(query))
    if not ranked or ranked[0][2] < score_cutoff:
        return None
    if len(ranked) > 1 and ranked[0][2] - ranked[1][2] < margin:
        return None
    ident, name, score = ranked[0]
    return name, score, ident


@dataclass
class _Strip:
    """What a rule removed from a department query (used to build the entity)."""

    rest: str
    place: Place | None = None
    level: str | None = None
    zone_name: str | None = None
    # the place was cut from inside the name (人行泰安市中心支行): for exact use only, never a fuzzy key
    # ("市长安管理局" minus 长安 is "市管理局", 89 against 城市管理局)
    embedded: bool = False
    short_place: bool = False  # the place was a bare short name (上海, not 上海市): place_aliases apply
    full: str | None = None  # the key before the place was cut (for names whose "place" is not one)


def _naming_level(place: Place) -> str:
    """The level whose standard names a place's bodies carry: a municipality (北京市, 上海市, 天津市,
    重庆市) is province-level but names its bodies as a city does (上海市科学技术委员会, not 厅)."""
    if place.level == "province" and place.name.endswith("市"):
        return "city"
    return place.level


# a collective described by its duty: 负有安全生产监管监察职责的部门, 承担…职能的有关单位
_DESCRIBED_COLLECTIVE = re.compile(
    r"^(?:各|其他|相关|有关)?(?:负有|承担|具有|履行|有)[\u4e00-\u9fff、]{2,24}(?:职责|职能|责任|任务)的"
    r"(?:各|有关|相关)?(?:部门|单位|机构|部门和单位|部门\(单位\))$"
)
RELEVANT_DEPARTMENTS = "dept.collective.relevant_departments"


class Gazetteer:
    """All three gazetteers with their indexes. Build with :func:`policyparse.gazetteer.load_gazetteer`."""

    def __init__(self, departments: list[DepartmentType], indicators: list[Indicator], places: list[Place]):
        self.departments = {d.id: d for d in departments}
        self.indicators = {i.id: i for i in indicators}
        self.places = places
        self._dept = _Index(
            ((d.id, d.name, (d.name, *d.level_names.values()), (*d.aliases, *d.bare)) for d in departments),
            department_key,
        )
        self._dept_heads = {k[:i] for k in self._dept.keys for i in range(1, len(k))}
        # catalogued bodies that may stand in front of a sub-unit (交通委 in 交通委设施养护处): no bare words
        self._body_heads = {department_key(f): d.id for d in departments for f in (d.name, *d.aliases)
                            if len(department_key(f)) >= 3 and d.category != "collective"}
        self._place_alias = {department_key(f): d.id for d in departments for f in d.place_aliases}
        self._ind = _Index(((i.id, i.name, (i.name,), i.aliases) for i in indicators), indicator_key)
        self._place_by_adcode = {p.adcode: p for p in places}
        self._place_full: dict[str, list[Place]] = {}
        self._place_short: dict[str, list[Place]] = {}
        for p in places:
            self._place_full.setdefault(place_key(p.name), []).append(p)
            if len(p.short_name) >= 2:
                self._place_short.setdefault(place_key(p.short_name), []).append(p)
        self._place_names = sorted(set(self._place_full) | set(self._place_short), key=len, reverse=True)
        self._place_lens = sorted({len(k) for k in self._place_names}, reverse=True)
        self._place_index = _Index(
            ((p.adcode, p.name, (p.name,), (p.short_name,) if len(p.short_name) >= 2 else ()) for p in places),
            place_key,
        )
        self._cache: dict[tuple[str, str, str | None], Match] = {}
        self._city_cache: dict[str | None, Place | None] = {}

    # ------------------------------------------------------------------ public API

    def match(self, name: str, kind: str = "department", city: str | None = None,
              parent: str | None = None, *, structure: bool = False) -> Match:
        """Resolve ``name`` of ``kind`` (department | indicator | place); ``city`` scopes entities.

        Against the catalogue only: a name it does not hold is ``unmatched`` (``id`` None, with
        candidates). A department name that is nevertheless a body by its structure
        (:mod:`policyparse.gazetteer.structure`) carries that recognition in ``structural``; with
        ``structure=True`` it is returned itself: ``method="structure"``, an ``uncatalogued:`` id,
        ``uncatalogued=True``, the catalogue candidates still listed. ``parent`` (the document's
        issuing body, e.g. ``上海市交通委员会``) is the body an internal division named on its own
        (设施养护处) belongs to.
        """
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
        # indicators do not depend on the city; only departments on the parent
        ck = (name, kind, None if kind == "indicator" else city, parent if kind == "department" else None)
        hit = self._cache.get(ck)
        if hit is None:
            if kind == "department":
                hit = self._match_department(name, city, parent)
            elif kind == "indicator":
                hit = self._match_indicator(name)
            else:
                hit = self._match_place(name, city)
            if len(self._cache) > 500_000:
                self._cache.clear()
            self._cache[ck] = hit
        if structure and hit.structural is not None:
            return hit.structural
        return hit

    def clear_cache(self) -> None:
        self._cache.clear()

    def indicator(self, ident: str) -> Indicator:
        return self.indicators[ident]

    def department(self, ident: str) -> DepartmentType:
        return self.departments[ident]

    def place(self, name: str, city: str | None = None) -> Place | None:
        """The place called ``name`` (full or short name), disambiguated by ``city`` context."""
        m = self._match_place(name, city)
        return m.place if m.id is not None else None

    def find_place(self, text: str) -> tuple[str | None, str | None] | None:
        """(city, province) of the first city- or county-level place named in ``text`` (full names
        of at least 3 characters, e.g. 泰安市, 陇南市, 石河子市); ``(None, province)`` if only a province
        is named; None if no place is named. A county-level place gives its prefecture city (or
        itself when it has none, e.g. 省直辖 石河子市)."""
        if not text:
            return None
        key = place_key(text[:5000])
        lens = [n for n in self._place_lens if n >= 3]
        province: str | None = None
        for i in range(len(key)):
            for n in lens:
                cands = self._place_full.get(key[i : i + n])
                if not cands or len(key[i : i + n]) < n:
                    continue
                p = self._pick_place(cands, None)
                if p.level == "province":
                    province = province or p.name
                    break
                if p.level == "city":
                    return p.name, p.province or None
                return (p.city or p.name), p.province or None
        return (None, province) if province else None

    def department_surface_forms(self) -> list[str]:
        """All department names and aliases (no prefixes), for EntityRuler patterns and jieba."""
        out: list[str] = []
        for d in self.departments.values():
            out.extend((d.name, *d.aliases, *d.level_names.values()))
        return list(dict.fromkeys(out))

    def indicator_surface_forms(self) -> list[str]:
        out: list[str] = []
        for i in self.indicators.values():
            out.extend((i.name, *i.aliases))
        return list(dict.fromkeys(out))

    def place_surface_forms(self) -> list[str]:
        out: list[str] = []
        for p in self.places:
            out.append(p.name)
            if len(p.short_name) >= 2:
                out.append(p.short_name)
        return list(dict.fromkeys(out))

    def register_jieba(self, tokenizer: Any = None, *, places: bool = False) -> int:
        """Add gazetteer names as jieba user words so they stay single tokens; returns the count.

        Departments are added bare and with the level prefixes 市/县/区/省 (市科技局, 县教育局).
        Forms containing characters jieba's default cut splits on anyway (brackets, 、, commas) are
        skipped, since jieba never sees them as one run.
        """
        if tokenizer is None:
            import jieba as tokenizer  # noqa: N813
        if hasattr(tokenizer, "setLogLevel"):
            tokenizer.setLogLevel(logging.WARNING)  # no "Building prefix dict" chatter
        ok = re.compile(r"^[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+$")
        words: list[str] = []
        for form in self.department_surface_forms():
            words.append(form)
            words.extend(p + form for p in ("市", "县", "区", "省"))
        words.extend(self.indicator_surface_forms())
        if places:
            words.extend(p.name for p in self.places)
        n = 0
        for w in dict.fromkeys(words):
            if len(w) >= 2 and ok.match(w):
                tokenizer.add_word(w, freq=max(1000, 200 * len(w)))
                n += 1
        return n

    # ------------------------------------------------------------------ departments

    def _resolve_city(self, city: str | None) -> Place | None:
        if city not in self._city_cache:
            place = None
            if city:
                key = place_key(city)
                cands = self._place_full.get(key) or self._place_short.get(key) or []
                if cands:
                    place = sorted(cands, key=lambda p: (p.level != "city", PLACE_LEVEL_RANK[p.level], p.adcode))[0]
            self._city_cache[city] = place
        return self._city_cache[city]

    def _pick_place(self, cands: list[Place], ctx: Place | None) -> Place:
        return min(cands, key=lambda p: self._pick_rank(p, ctx))

    def _place_prefixes(self, key: str) -> Iterator[tuple[str, str]]:
        """(place string, rest) for every place name the key starts with, longest first."""
        for n in self._place_lens:
            if n >= len(key):
                continue
            head = key[:n]
            if head in self._place_full or head in self._place_short:
                yield head, key[n:]

    def _place_for(self, head: str, ctx: Place | None) -> Place:
        return self._pick_place(self._place_full.get(head) or self._place_short[head], ctx)

    def _dept_variants(self, key: str, ctx: Place | None) -> Iterator[_Strip]:
        def after_place(rest: str, place: Place | None, short: bool = False) -> Iterator[_Strip]:
            yield _Strip(rest, place, short_place=short)
            for lv in ZONE_LEVELS:
                if rest.startswith(lv) and len(rest) > len(lv) + 1:
                    yield _Strip(rest[len(lv):], place, lv)
                    break
            for lv in SPECIAL_PREFIXES:
                if rest.startswith(lv) and len(rest) > len(lv) + 1:
                    yield _Strip(rest[len(lv):], place, SPECIAL_PREFIXES[lv])
            for lv in EACH_PREFIXES:
                if rest.startswith(lv) and len(rest) > len(lv) + 1:
                    yield _Strip(rest[len(lv):], place, lv)
                    break
            for lv in LEVEL_PREFIXES:
                if rest.startswith(lv) and len(rest) > len(lv):
                    r2 = rest[len(lv) :]
                    yield _Strip(r2, place, lv)
                    for g in GOV_PREFIXES:
                        if r2.startswith(g) and len(r2) > len(g):
                            yield _Strip(r2[len(g) :], place, lv)
                    break
            for g in GOV_PREFIXES:
                if rest.startswith(g) and len(rest) > len(g):
                    yield _Strip(rest[len(g) :], place)

        yield from after_place(key, None)
        for head, rest in self._place_prefixes(key):
            for v in after_place(rest, self._place_for(head, ctx),
                                 head in self._place_short and head not in self._place_full):
                v.full = key
                yield v
        # embedded place name: 人行泰安市中心支行, 国家统计局泰安调查队 (only after a head that begins
        # some catalogue key, so the scan stops at once for ordinary names)
        for i in range(1, len(key) - 1):
            if key[:i] not in self._dept_heads:
                break
            for n in self._place_lens:
                if i + n >= len(key):
                    continue
                mid = key[i : i + n]
                if mid in self._place_full or mid in self._place_short:
                    yield _Strip(key[:i] + key[i + n :], self._place_for(mid, ctx), embedded=True)
        # proper-name prefix before a zone type: 沂河新区管委会
        if not key.endswith(_ZONE_ENDINGS):
            return
        for s in list(after_place(key, None)):
            m = _NAMED_ZONE.match(s.rest)
            if m:
                rest = m.group("rest")
                if not rest.endswith(("管委会", "管理委员会")):
                    rest += "管委会"
                yield _Strip(rest, s.place, s.level, m.group("zname"))

    def _match_department(self, name: str, city: str | None, parent: str | None = None) -> Match:
        q = name.strip()
        ctx = self._resolve_city(city)
        idx = self._dept
        ident = idx.exact.get(q)
        method = "exact"
        if ident is None:
            ident = idx.alias.get(q)
            method = "alias"
        strip = _Strip(q)
        if ident is None:
            key = department_key(q)
            method = "rule"
            ident = idx.keys.get(key)
            strip = _Strip(key)
            if ident is None and RELEVANT_DEPARTMENTS in self.departments and _DESCRIBED_COLLECTIVE.match(key):
                ident = RELEVANT_DEPARTMENTS
            if ident is None and key[:1] in _LEVEL1 and key[1:] in idx.keys:
                # fast path, same result as the first level-prefix variant of _dept_variants
                ident, strip = idx.keys[key[1:]], _Strip(key[1:], None, key[:1])
            if ident is None:
                fuzzy_key = key
                for s in self._dept_variants(key, ctx):
                    found = None
                    if s.short_place and s.level is None:
                        found = self._place_alias.get(s.rest)  # 上海金融监管局
                    if found is None:
                        found = idx.keys.get(s.rest)
                    if found is not None and s.level == "国家":
                        # 国家 + a local function: the national body of that function, if the catalogue has one
                        dtype = self.departments[found]
                        found = dtype.national or (found if "national" in dtype.levels else None)
                    if found is not None:
                        ident, strip = found, s
                        break
                    if (s.zone_name is None and not s.embedded and len(s.rest) < len(fuzzy_key)
                            and (s.place or s.level) and s.level not in SPECIAL_PREFIXES.values()
                            and s.level not in ZONE_LEVELS and s.level not in EACH_PREFIXES):
                        fuzzy_key = s.rest  # most stripped prefix form for fuzzy matching
                        strip = s
                if ident is None:
                    m = self._fuzzy_result(name, "department", idx, fuzzy_key, strip, ctx)
                    if m.id is None:
                        st = self._structure(name, m, strip if strip.rest == fuzzy_key else _Strip(fuzzy_key),
                                             ctx, city, parent)
                        if st is not None and not st.uncatalogued:
                            return st  # a catalogued body behind its host's name (市委组织部人才办)
                        return m if st is None else replace(m, structural=st)
                    return m
        dtype = self.departments[ident]
        runner = idx.neighbour(department_key(dtype.name), ident)
        entity, gkey = self._entity_key(dtype, strip, ctx)
        return _certain(name, "department", ident, dtype.name, entity, method, runner, gkey)

    def _structure(self, query: str, unmatched: Match, strip: _Strip, ctx: Place | None, city: str | None,
                   parent: str | None) -> Match | None:
        """A name the catalogue does not hold: an uncatalogued body if its structure says so."""
        if strip.place is not None and not self._plausible_place(strip, ctx):
            # a place name the document is not about at the head of an unknown name (东方 of 东方枢纽…
            # is 东方市 in Hainan): part of the name, not a prefix
            strip = _Strip(strip.full or strip.rest)
        rest = strip.rest
        body = body_kind(rest)
        if body is None:
            return None
        scope = strip.place or ctx
        prefix = scope.name if scope is not None else (strip.level or "")
        parent_id = parent_entity = None
        unit = rest
        if body.kind != "collective":
            # a catalogued body in front of a sub-unit: 交通委设施养护处, 国家药监局…审评检查长三角分中心
            for i in range(len(rest) - 3, 1, -1):
                pid = self._body_heads.get(rest[:i])
                if pid is not None and body_kind(rest[i:]) is not None:
                    tail = self._dept.keys.get(rest[i:])
                    if tail is not None:  # a catalogued body named with its host in front: 市委组织部人才办
                        dtype = self.departments[tail]
                        entity, gkey = self._entity_key(dtype, _Strip(rest[i:], strip.place, strip.level), ctx)
                        return _certain(query, "department", tail, dtype.name, entity, "rule",
                                        unmatched.runner_up, gkey)
                    parent_id, unit = pid, rest[i:]
                    parent_entity, _ = self._entity_key(self.departments[pid], _Strip(rest[:i], strip.place,
                                                                                      strip.level), ctx)
                    break
        if parent_id is None and body.kind == "internal_division" and parent:
            pm = self._parent_match(parent, city)
            if pm is not None:
                parent_id, parent_entity = pm.id, pm.entity
        ident = f"{UNCATALOGUED}{parent_id}/{unit}" if parent_id else f"{UNCATALOGUED}{rest}"
        entity = f"{parent_entity}{unit}" if parent_entity else f"{prefix}{rest}"
        return Match(query, "department", ident, unit, entity, unmatched.score, "structure", unmatched.runner_up,
                     unmatched.candidates, key=ident, uncatalogued=True, body_kind=body.kind, parent=parent_id)

    def _plausible_place(self, strip: _Strip, ctx: Place | None) -> bool:
        """A place cut from the head of an uncatalogued name is a prefix when it is the document's
        place or lies in its province (浦东 in a 上海市 document), or, without a context, when it
        was written in full (泰安市, not 泰安)."""
        p = strip.place
        if ctx is None:
            return not strip.short_place
        prov = ctx.province or ctx.name
        return p.adcode == ctx.adcode or p.name == prov or (p.province or p.name) == prov

    def _parent_match(self, parent: str, city: str | None) -> Match | None:
        """The issuing body a stand-alone division belongs to: the first body the issuer names."""
        for part in re.split(r"[、,，;；\s]+", parent.strip()):
            if not part:
                continue
            m = self.match(part, "department", city)
            if m.id is not None and m.body_kind != "internal_division":
                return m
            return None
        return None

    def _fuzzy_result(
        self, query: str, kind: str, idx: _Index, key: str, strip: _Strip | None, ctx: Place | None
    ) -> Match:
        threshold = {"department": DEPARTMENT_FUZZY_THRESHOLD, "indicator": INDICATOR_FUZZY_THRESHOLD}.get(
            kind, PLACE_FUZZY_THRESHOLD
        )
        ranked = idx.fuzzy(key)
        top = tuple(ranked[:TOP_K])
        runner = ranked[1] if len(ranked) > 1 else None
        if (
            ranked
            and ranked[0][2] >= threshold
            and (runner is None or ranked[0][2] - runner[2] >= FUZZY_MARGIN)
            and self._compatible(kind, idx, key, ranked[0][0])
        ):
            ident, cname, score = ranked[0]
            entity = None
            place = None
            gkey = None
            if kind == "department":
                entity, gkey = self._entity_key(self.departments[ident], strip or _Strip(key), ctx)
            elif kind == "indicator":
                entity = cname
            else:
                place = self._place_by_adcode[ident]
                entity = place.name
            return Match(query, kind, ident, cname, entity, score, "fuzzy", runner, top, place, key=gkey)
        return Match(query, kind, None, None, None, ranked[0][2] if ranked else 0.0, "unmatched", runner, top)

    def _compatible(self, kind: str, idx: _Index, key: str, ident: str) -> bool:
        """Guards on a fuzzy best match (see the module docstring): markers, type suffix, level."""
        forms = idx.forms_of.get(ident, [])
        if kind == "indicator":
            return any(all((mk in key) == (mk in f) for mk in INDICATOR_MARKERS) for f in forms)
        if kind != "department":
            return True
        dtype = self.departments[ident]
        if dtype.levels == ("national",) and not (
            key.startswith(("国家", "中国", "中华人民共和国", "国务院")) or key.endswith(("部", "总局", "总署"))
        ):
            return False  # a local name never becomes a ministry by fuzzy similarity
        best = max(forms, key=lambda f: fuzz.ratio(key, f), default=None)
        if best is not None and best != key and key.endswith(best):
            return False  # the query is a more specific name (高新区管委会 vs 新区管委会)
        query_collective = key.startswith(("各", "有关", "相关", "其他")) or key.endswith(("部门", "单位"))
        if (dtype.category == "collective") != query_collective:
            return False  # a collective never fuzzes into one body, nor one body into a collective
        if best is not None and key.startswith("委") != best.startswith("委"):
            return False  # the party committee's office (委金融办) is not the government's (金融办)
        last = _SUFFIX_CLASS.get(key[-1:], key[-1:])
        return any(
            _SUFFIX_CLASS.get(f[-1:], f[-1:]) == last and all((mk in key) == (mk in f) for mk in DEPARTMENT_MARKERS)
            for f in forms
        )

    def _entity(self, dtype: DepartmentType, strip: _Strip, ctx: Place | None) -> str:
        return self._entity_key(dtype, strip, ctx)[0]

    def _entity_key(self, dtype: DepartmentType, strip: _Strip, ctx: Place | None) -> tuple[str, str]:
        """The city-scoped entity of a match and its grouping key (see :attr:`Match.key`)."""
        fmt = dtype.entity_format
        ident = dtype.id
        if strip.level == "各级":
            return f"各级{dtype.name}", f"{ident}@all_levels"
        if strip.level in EACH_PREFIXES:
            where = strip.place or ctx
            return f"{where.name if where else ''}{strip.level}{dtype.name}", f"{ident}@each"
        if "national" in dtype.levels and len(dtype.levels) == 1 or fmt == "{name}":
            return dtype.name, ident
        if strip.level in ZONE_LEVELS:
            where = strip.place or ctx
            return f"{where.name if where else ''}{strip.level}{dtype.name}", ident
        scope = strip.place or ctx
        level = strip.level
        if strip.place is None and level in ("省",) and ctx is not None:
            prov = ctx.province or ctx.name
            cands = self._place_full.get(place_key(prov))
            scope = cands[0] if cands else None
        elif strip.place is None and level in ("县", "区", "旗", "自治县", "自治旗"):
            name = dtype.level_names.get("county", dtype.name)
            key = f"{ident}@{level}" if dtype.identity == "place" else (ident if name == dtype.name else f"{ident}@county")
            return f"{level}{name}", key
        if scope is None:
            return f"{level or ''}{dtype.name}", (f"{ident}@{strip.zone_name}" if strip.zone_name else ident)
        level_of = _naming_level(scope)
        name = dtype.level_names.get(level_of, dtype.name)
        key = ident if name == dtype.name else f"{ident}@{level_of}"
        if dtype.identity == "place":
            key = f"{ident}@{scope.name}"
        if strip.zone_name:
            return f"{scope.name}{strip.zone_name}{strip.rest}", f"{ident}@{strip.zone_name}"
        return fmt.format(
            city=scope.name,
            city_short=scope.short_name,
            province=scope.province or scope.name,
            name=name,
        ), key

    # ------------------------------------------------------------------ indicators

    def _match_indicator(self, name: str) -> Match:
        q = name.strip()
        idx = self._ind
        ident = idx.exact.get(q)
        method = "exact"
        if ident is None:
            ident = idx.alias.get(q)
            method = "alias"
        if ident is None:
            key = indicator_key(q)
            ident = idx.keys.get(key)
            method = "rule"
            if ident is None:
                return self._fuzzy_result(name, "indicator", idx, key, None, None)
        ind = self.indicators[ident]
        runner = idx.neighbour(indicator_key(ind.name), ident)
        return _certain(name, "indicator", ident, ind.name, ind.name, method, runner)

    # ------------------------------------------------------------------ places

    def _match_place(self, name: str, city: str | None) -> Match:
        q = name.strip()
        ctx = self._resolve_city(city)
        key = place_key(q)
        cands: list[Place] = []
        method = "exact"
        if ctx is not None and key in CITY_SELF:
            cands, method = [ctx], "rule"
        elif ctx is not None and key in PROVINCE_SELF:
            prov = ctx.province or ctx.name
            cands, method = list(self._place_full.get(place_key(prov), [])), "rule"
        if not cands:
            cands = self._place_full.get(key, [])
            method = "exact" if cands and q == cands[0].name else "rule"
        if not cands:
            cands = self._place_short.get(key, [])
            method = "alias" if cands and q == cands[0].short_name else "rule"
        if not cands:
            return self._fuzzy_result(name, "place", self._place_index, key, None, ctx)
        ordered = sorted(cands, key=lambda p: self._pick_rank(p, ctx))
        best = ordered[0]
        runner = (ordered[1].adcode, ordered[1].name, 100.0) if len(ordered) > 1 else None
        top = tuple((p.adcode, p.name, 100.0) for p in ordered[:TOP_K])
        return Match(name, "place", best.adcode, best.name, best.name, 100.0, method, runner, top, best)

    def _pick_rank(self, p: Place, ctx: Place | None) -> tuple:
        same_city = ctx is not None and (p.city == ctx.name or p.adcode == ctx.adcode)
        same_prov = ctx is not None and (p.province == (ctx.province or ctx.name) or p.name == ctx.province)
        return (not same_city, not same_prov, PLACE_LEVEL_RANK[p.level], p.adcode)
