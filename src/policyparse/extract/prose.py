"""Targets written in sentences.

A target sentence names an indicator, a verb of attainment and a quantity, in a year context:
"到2024年,A达到2.6%以上,B达到800家左右" (two targets), "A力争由2022年的194.76人达到2026年的
197.02人" (baseline and target), "A提升2个位次" (rank), "实现B全覆盖" / "排名在全省有明显提升"
(qualitative). The year comes from the sentence ("到2025年", "2026年达到", "到“十四五”末") or, failing
that, from the enclosing item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policyparse.extract.deadlines import PLAN_END, PLAN_PERIOD, plan_end_year, year_context
from policyparse.extract.phrases import is_verb_phrase, object_after, previous_clause
from policyparse.extract.quantities import (
    COUNT_UNITS,
    HAS_UNIT_QUANTITY,
    QUANTITY,
    Quantity,
    not_a_quantity,
    parse_quantity,
)

_ENDS_QUANTITY = re.compile(r".*(?:\d|[%‰家人件个篇项户位元亩所座台套条]|以上|左右|以下|以内)$")
SENTENCE_END = re.compile(r"[。;；!?！？\n]")
CLAUSE_SEP = re.compile(r"[,，:：]")
TRIGGER = re.compile(
    r"(?:力争|确保|争取)?(?:实现|达到|达|超过|突破|压缩至|压缩到|压减至|缩减至|提高到|提高至|提升到|提升至|增长到|增长至|增加到|增加至|保持在|稳定在|控制在|降低到|降低至|降至|下降到|下降至|减少到|减少至|缩短到|缩短至|"
    r"不低于|不少于|不超过|不高于|高于|低于|缩小到|缩小至|为|提升|提高|增长|增加|下降|降低|减少|缩短|保持|新增|引进培育|引进|培育|建成|打造|认定|"
    r"新改建|新建改建|新建|改建|改造|建设|创建|争创|盘活|遴选|培训|开行|安排|选派|培养|完成|突破)"
)
BASELINE = re.compile(
    r"(?:由|从)\s*(?P<by>(?:19|20)\d{2})\s*年(?:底|末)?的?\s*(?P<bq>[^,，。;；]{1,24}?)\s*"
    r"(?:力争)?(?:达到|提高到|提高至|提升到|提升至|增长到|增长至|增加到|增加至|降低到|下降到|降至|上升到)\s*"
    r"(?:(?P<ty>(?:19|20)\d{2})\s*年(?:底|末)?的?)?\s*(?P<tq>[^,，。;；]{1,24})"
)  # the target year may be the sentence's: "到2025年,A由2022年的600家达到800家"
# (opens with a lookahead on the characters a match can start with, for speed; same matches)
YEAR_HERE = re.compile(r"(?=[到至截于力\s12])(?:到|至|截至|于|力争)?\s*((?:19|20)\d{2})\s*年(?:\s*\d{1,2}\s*月)?(?:底|末)?(?:前|以前)?(?!\d)")
RANK_WORDS = re.compile(r"^(?:全省|全国|全市)?(?:排名|排位|位次|名次)")
QUALITATIVE = re.compile(
    r"(?P<q>(?:全省|全国|全市)?(?:排名|排位|位次)[^,，。;；]{0,14}?(?:水平|提升|前移|前列|靠前|上游|进位|领先)[^,，。;；]{0,6}"
    r"|(?P<verb>超过|高于|优于|不低于|达到|位居|保持)?(?:全省|全国|全市)(?:平均|中等|先进|领先|前列)水平"
    r"|(?:保持在?|位居|稳居|进入|走在)(?:全省|全国|全市)(?:前列|第一方阵|第一梯队)"
    r"|(?:完成|达到)(?:国家|省|市|上级)(?:下达|确定|规定)的?(?:目标|任务|指标)(?:任务)?"
    r"|(?:较|比)(?:19|20)\d{2}年(?:底|末)?(?:翻一番|翻两番|翻番)|(?:翻一番|翻两番|翻番)"
    r"|(?:实现|基本实现|达到)?(?:全面|(?<![健完齐])全)覆盖"
    # a growth rate compared with another one: "收入增速高于城镇居民", "贷款增速不低于各项贷款平均增速"
    r"|(?<=增速|增幅)(?P<cmp>高于|快于|不低于|超过)[^,，。;；\d]{2,16}"
    # more than the year before: "较上一年增加", "比上年有所提高", "以后逐年增加"
    r"|(?P<yoy>(?:较|比)上一?年度?(?:有所)?|逐年)(?:增加|提高|提升|增长|上升))"
)
# Every QUALITATIVE alternative holds one of these words (a cheap test before the slow pattern)
QUALITATIVE_WORD = re.compile(r"排名|排位|位次|水平|前列|第一方阵|第一梯队|下达|确定|规定|翻|覆盖|增速|增幅|上一?年|逐年")
# Verbs that set a level to reach or hold: a target even in an item that states no year
STEADY_VERB = re.compile(r"^(?:保持在|保持|稳定在|控制在|压缩至|压缩到|压减至|缩减至|达到|提高到|提高至|提升到|提升至|不低于|不少于|不超过)$")
# A ratio, coefficient or index is written without a unit: "城乡居民收入比缩小到2.75以内", "PUE不高于1.3"
RATIO_NAME = re.compile(r"(?:比|之比|系数|指数|比值|PUE\)?)(?:缩小到|缩小至|达到|控制在|保持在|下降到|降至|降低到|为)?"
                        r"(?:不高于|不超过|低于|不低于|小于)?$")
RATIO_WINDOW = 12  # RATIO_NAME ends at the number: look only at the characters just before it
RATIO_WORD = re.compile(r"比|系数|指数|PUE")  # held by every RATIO_NAME match
# Incentives and conditions in 若干措施 ("给予最高100万元奖励", "对营业收入首次突破10亿元的企业"): not targets
INCENTIVE = re.compile(r"给予|奖励|补助|补贴(?!性)|资助|最高|^对|^按照?每|^按(?:照)?(?:不低于|不超过|不少于)?$|首个|首次(?:突破|超过|达到|迈上|跨越|认定|入选|纳入)|每同比|每(?:增加|增长|新增)")
GROWTH_TAIL = re.compile(r"(?:年均|年平均)?(?:增长|增速|增幅|增长率)$")
# Parameters of a rule (loans, subsidies, rewards, eligibility): what the policy grants, not a level to reach
POLICY_PARAMETER = re.compile(
    r"(?:额度|限额|上限|下限|倍数|年限|期限|利率|首付(?:款)?比例|缴存比例|(?:提取|补贴|补助|奖励|资助|救助|保障|发放)标准|"
    r"补贴|补助|奖励|奖补|资助|贴息|优惠|减免|费率)(?:[(（][^()（）]*[)）])?$")
# The year the document is dated in: "确保全年…", "今年…", "年底前…", "年内…"
THIS_YEAR = re.compile(r"全年|今年|本年度?|年底前|年内|当年(?!度?[的内])")
# "最低首付款比例调整为20%", "贷款期限最长30年": how a rule's parameter is set
PARAMETER_CHANGE = re.compile(r"(?:分别|统一|均)?(?:调整为|调整至|调整|统一为|下调为|下调至|下调|上调为|上调至|上调|放宽至|放宽到|为)?"
                              r"(?:最长|最高|最低|最多|不超过)?(?:可)?$")
CAP_ONLY = re.compile(r"(?:最长|最高|最低|最多)(?:可|为|不超过)?")
# Goal adverbs: with one of these a quantity is a target even when no year is stated
GOAL_ADVERB = re.compile(r"力争|确保|争取")
# A part of the jurisdiction that a target is limited to: "中心城区公共交通分担率达到45%"
SUB_AREA = re.compile(r"^(中心城区|主城区|城区|市区|城市建成区|建成区|市本级|县城|各县\(市、区\)|各县区|各镇\(街道\)|各乡镇\(街道\))的?")
# Words that describe the present state: such a sentence does not inherit the previous sentence's year
STATUS_QUO = re.compile(r"目前|现有|已有|已经|已达|截至|截止|当前|现已|累计已|现状")
COMPARED_TO = ("高于", "低于", "快于")
RELATIVE = re.compile(r"(?:比|较)\s*((?:19|20)\d{2})\s*年(?:底|末)?")
CHANGE_VERBS = ("增长", "提高", "提升", "增加", "下降", "降低", "减少")
DECREASE_VERBS = ("下降", "降低", "减少", "缩短")
# "A、B、C分别达到x、y和z": one value per listed indicator, in order
RESPECTIVELY = re.compile(r"分别")
_LIST_SEP = re.compile(r"\s*(?:、|,|，|和|及|与)\s*")
RECURRING_VERB = re.compile(r"每年(新增|选派|培育|引进|培养|举办|开展|组织|认定|建设|支持|资助|实施)$")
# "每年新增高新技术企业50家以上", "市级财政每年安排资金不少于5亿元": a yearly quota, object before the quantity
RECURRING_HEAD = re.compile(r"每年(?:度)?(?P<rest>[^,，;；。]*)$")
VERB_OBJECT = ("引进培育", "引进", "培育", "新增", "建成", "打造", "认定", "建设", "选派", "培养", "新改建", "新建改建",
               "新建", "改建", "改造", "创建", "争创", "盘活", "遴选", "培训", "开行", "安排", "完成")
# Verbs kept in the indicator name: "新建全民健身步道" counts new paths, not all paths
KEEP_VERB = ("新增", "新改建", "新建改建", "新建", "改建")
FILLER = re.compile(r"^(?:其中|同时|并|全面|力争|确保|争取|使|推动|实现|到|至|以后|此后|今后|将|把)+")
_YEAR_PREFIX = re.compile(r"^(?:力争|确保)?(?:到|至|截至)?\s*(?:19|20)\d{2}\s*年(?:底|末)?(?:前)?[,，]?")


@dataclass
class ProseTarget:
    indicator: str
    value: float | int | None
    unit: str | None
    comparator: str
    year: int | None
    baseline: dict | None
    qualitative: str | None
    scope: str | None
    start: int  # offsets into the text given to find_targets
    end: int
    flags: list[str] = field(default_factory=list)
    year_source: str | None = None  # stated / sentence / section / plan_period (None: no year)


def _sentences(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in SENTENCE_END.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def _clause_start(text: str, pos: int, floor: int) -> int:
    depth = 0
    for k in range(pos - 1, floor - 1, -1):
        c = text[k]
        if c in ")）":
            depth += 1
        elif c in "(（":
            depth -= 1
        elif depth <= 0 and CLAUSE_SEP.match(c):
            return k + 1
        elif depth <= 0 and c == "、" and k > floor and _ENDS_QUANTITY.match(text[max(floor, k - 4) : k]):
            return k + 1  # "A120家、B100家": a list of quantities
    return floor


def _open_paren(text: str, s0: int, pos: int) -> int | None:
    """Offset of the still-open "(" before ``pos`` in the sentence, if any."""
    stack: list[int] = []
    for k in range(s0, pos):
        if text[k] in "(（":
            stack.append(k)
        elif text[k] in ")）" and stack:
            stack.pop()
    return stack[-1] if stack else None


_PLAN_END_PREFIX = re.compile(r"^(?:到|至)?[“\"]?十[一二三四五六]五[”\"]?(?:期末|末)[,，]?")
_GOAL_ADVERB_TAIL = re.compile(r"(?:力争|确保|争取|基本|全面|进一步)$")
_QUANTIFIER_TAIL = re.compile(r"(?:分别|均|都|全部|首次)$")
_YEAR_TAIL = re.compile(r"(?:19|20)\d{2}年$")


_ITEM_MARK = re.compile(r"^(?:[(（]\d{1,3}[)）]|\d{1,3}[.．、](?!\d)|\d{1,3}[.．](?=(?:19|20)\d\d年))")


def _clean_indicator(s: str) -> str:
    s = _ITEM_MARK.sub("", s.strip().lstrip("、,，;；"))
    s = _YEAR_PREFIX.sub("", s)
    s = _PLAN_END_PREFIX.sub("", s)
    s = FILLER.sub("", s)
    s = _GOAL_ADVERB_TAIL.sub("", s)
    s = _QUANTIFIER_TAIL.sub("", s)
    s = _YEAR_TAIL.sub("", s)
    s = _GOAL_ADVERB_TAIL.sub("", s)
    return s.strip(" ,，“”\"")


_BASELINE_FROM = re.compile(r"(?:由|从)\s*$")
_RANGE_START = re.compile(r"\s*[—\-~至到]\s*(?:19|20)?\d|\s*(?:起|开始|以来)")
_YEAR_NUMBER = re.compile(r"(?:19|20)\d\d")


def _year_for(text: str, s0: int, pos: int, default: int | None) -> int | None:
    """The last year stated in the sentence before ``pos`` (ignoring baselines "由2022年的")."""
    year = None
    for m in YEAR_HERE.finditer(text, s0, pos):
        if m.start() > 0 and text[m.start() - 1] in "比较":
            continue  # "比2020年提高5个百分点": the reference year, not the target year
        tail = text[m.end() : m.end() + 1]
        if tail == "的" and _BASELINE_FROM.search(text[max(s0, m.start() - 2) : m.start()]):
            continue
        if _RANGE_START.match(text[m.end() : m.end() + 6]):
            continue  # a range start ("2023—2025年", "2023年起")
        year = int(m.group(1))
    for m in (*PLAN_END.finditer(text, s0, pos), *PLAN_PERIOD.finditer(text, s0, pos)):
        year = plan_end_year(m.group(1)) or year
    return year if year is not None else default


def _after_previous_target(text: str, c0: int, pos: int, used: list[tuple[int, int]]) -> int:
    """A clause that lists several quantities with one verb ("改扩建现有20个A和35个B") starts the
    second one's words after the first target and its connector."""
    for _a, b in used:
        if c0 < b <= pos:
            c0 = b
    while c0 < pos and text[c0] in "和及与、":
        c0 += 1
    return c0


def _in_title(text: str, s0: int, pos: int) -> bool:
    """Inside 《…》: a title ("《…三年行动计划》"), never a quantity to reach."""
    return text.count("《", s0, pos) > text.count("》", s0, pos)


# "储备项目1000个以上", "50个左右": a comparator after the figure marks a goal
GOAL_POST = ("以上", "左右", "以内", "以下", "余", "多")
DURATION_UNITS = ("年", "天", "日", "周", "小时", "分钟", "个月", "月")


def _plan_goal(trig_text: str, m: re.Match[str], q: Quantity, verb_head: bool = False) -> bool:
    """Whether an undated quantity is a goal due by the plan period's end: it follows a verb of
    attainment or a comparator ("新增…10个以上"), and is not a duration ("三年") nor a partition
    ("分为三个阶段")."""
    return bool((trig_text and trig_text != "为") or m.group("pre") or m.group("post") in GOAL_POST) and q.unit != "年"


def _year_and_source(text: str, s0: int, pos: int, default: int | None, default_source: str) -> tuple[int | None, str | None]:
    """:func:`_year_for` with the rule that gave the year."""
    year = _year_for(text, s0, pos, None)
    if year is not None:
        return year, "stated"
    return (default, default_source) if default is not None else (None, None)


def _first_quantity(s: str, offset: int) -> Quantity | None:
    for m in QUANTITY.finditer(s):
        if m.group("num") and (m.group("unit") or m.group("pct")):
            q = parse_quantity(m, offset)
            if q is not None and not (q.unit == "年" and _YEAR_NUMBER.fullmatch(m.group("num"))):
                return q
    return None


# "2022年" is never a target's quantity (not_a_quantity), and no quantity that counts overlaps one: a
# quantity's number never starts inside a run of digits, nor right after a "." ("1.2022年" counts).
_YEAR_WITH_NIAN = re.compile(r"(?<![\d.])(?:19|20)\d\d年")


def may_hold_target(text: str) -> bool:
    """False when :func:`find_targets` cannot find a target in ``text`` (a cheap test): every target
    needs a quantity with a unit (other than a year's 年), a ratio's bare number after a ratio word,
    or a qualitative goal."""
    return bool(HAS_UNIT_QUANTITY.search(_YEAR_WITH_NIAN.sub(" ", text)) or RATIO_WORD.search(text)
                or (QUALITATIVE_WORD.search(text) and QUALITATIVE.search(text)))


@dataclass(frozen=True)
class YearContext:
    """Where an undated target takes its year from, and which years report the past.

    ``section``: the year a heading or goal paragraph above sets; ``plan``: the end of the plan's
    period; ``past_before``: a year before this one dates an achievement, not a target."""

    section: int | None = None
    plan: int | None = None
    past_before: int | None = None
    document: int | None = None  # the document's year: "全年", "今年", "年底前" mean this one


def find_targets(text: str, default_year: int | None = None, item_indicator: str | None = None,
                 context: YearContext | None = None, goal_cell: bool = False) -> list[ProseTarget]:
    """Targets in a block or item text (offsets relative to ``text``); ``default_year`` is the
    section's year (kept as a parameter for callers that know no more). In a ``goal_cell`` (a
    table's target column: "投运无障碍低地板公交车400辆") a quantity needs no verb to be a target."""
    ctx = context or YearContext(section=default_year)
    default_year = ctx.section if context else default_year
    out: list[ProseTarget] = []
    carried: int | None = None  # "到2025年,A达到x。B达到y。": the year holds for the next sentences
    for s0, s1 in _sentences(text):
        own = year_context(text[s0:s1]) if ("年" in text[s0:s1] or "五" in text[s0:s1]) else []
        year_default = default_year
        default_source = "section"
        if carried is not None and not own and not STATUS_QUO.search(text, s0, s1):
            year_default = carried
            default_source = "sentence"
        if own:
            carried = own[-1][1]
        if year_default is None and ctx.plan is not None and not STATUS_QUO.search(text, s0, s1):
            year_default, default_source = ctx.plan, "plan_period"
        past = ctx.past_before
        sentence_targets: list[ProseTarget] = []
        used: list[tuple[int, int]] = []
        # baseline -> target pairs first
        for m in BASELINE.finditer(text, s0, s1):
            tq = _first_quantity(m.group("tq"), m.start("tq"))
            bq = _first_quantity(m.group("bq"), m.start("bq"))
            if tq is None:
                continue
            c0 = _clause_start(text, m.start(), s0)
            indicator = _clean_indicator(text[c0 : m.start()])
            if not indicator and item_indicator:
                indicator = item_indicator
            ty, ty_source = (int(m.group("ty")), "stated") if m.group("ty") else _year_and_source(
                text, s0, m.start(), year_default, default_source)
            sentence_targets.append(
                ProseTarget(
                    indicator, tq.value, tq.unit, tq.comparator, ty,
                    {"value": bq.value if bq else None, "year": int(m.group("by"))}, None, None,
                    c0, tq.end, year_source=ty_source if ty is not None else None,
                )
            )
            used.append((m.start(), tq.end))
        for m in QUANTITY.finditer(text, s0, s1):
            if not m.group("num"):
                continue
            if not (m.group("unit") or m.group("pct")) and not RATIO_NAME.search(
                    text, max(s0, m.start("num") - RATIO_WINDOW), m.start("num")):
                continue  # a bare number counts nothing, unless it is a ratio or coefficient ("收入比缩小到2.75")
            if any(a <= m.start() < b for a, b in used):
                continue
            q = parse_quantity(m)
            if q is None or not_a_quantity(m, text) or _in_title(text, s0, m.start()):
                continue
            clause0 = _clause_start(text, m.start(), s0)
            c0 = _after_previous_target(text, clause0, m.start(), used)
            head = text[c0 : m.start("pct") if m.group("pct") else m.start("num")]
            paren = _open_paren(text, s0, m.start())
            if paren is not None and sentence_targets:
                # a breakdown of the previous target: "1.20%(市本级2.1%,县区1.1%)"
                prev = sentence_targets[-1]
                scope = text[max(c0, paren + 1) : m.start()].strip()
                if scope and len(scope) <= 12 and not TRIGGER.search(scope):
                    sentence_targets.append(
                        ProseTarget(prev.indicator, q.value, q.unit, q.comparator, prev.year, None, None, scope,
                                    max(c0, paren + 1), q.end, year_source=prev.year_source)
                    )
                    used.append((max(c0, paren + 1), q.end))
                continue
            if INCENTIVE.search(head):
                continue
            trig = None
            for t in TRIGGER.finditer(head):
                if not (trig is not None and trig.group(0) in VERB_OBJECT and t.group(0) in VERB_OBJECT):
                    trig = t  # the last verb; in a chain of building verbs the first ("完成X改造规模")
            recurring = RECURRING_VERB.search(head)
            yearly = None if recurring else RECURRING_HEAD.search(head)
            if yearly and _clean_indicator(_COMPARATOR_TAIL.sub("", yearly.group("rest"))):
                pre = _clean_indicator(head[: yearly.start()])
                indicator = _clean_indicator(_COMPARATOR_TAIL.sub("", yearly.group("rest")))
                end = q.end
                if is_verb_phrase(indicator):
                    after = object_after(text, q.end, s1)
                    if after:  # "每年建设100所基层骨干老年学校": the counted thing follows
                        indicator, end = after, q.end + len(after)
                    elif len(pre) >= 2 and not re.match(r"[和及与、]", pre):
                        indicator = pre  # "A每年提升1～3个百分点": A
                per = re.match(r"^(?:每个?|各)[^,，]{1,12}$", pre)
                # "到2025年每年…": a yearly rate through that year; "2024年和2025年每年…": one per year
                lead_in = text[s0 : c0 + yearly.start()]
                listed = re.fullmatch(r"\D*?((?:(?:19|20)\d{2}\s*年\s*(?:和|、|及)\s*)+(?:19|20)\d{2}\s*年)\s*", lead_in)
                years = ([int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年", listed.group(1))] if listed
                         else [y for _, y in year_context(lead_in)][-1:])
                years = [y for y in years if past is None or y >= past] or [None]
                for y in dict.fromkeys(years):
                    sentence_targets.append(
                        ProseTarget(indicator, q.value, q.unit, q.comparator, y, None, None, per.group(0) if per else None,
                                    c0, end, ["recurring_yearly"], "stated" if y else None)
                    )
                used.append((c0, end))
                continue
            if recurring:
                # "每年选派50余名科技特派员": a yearly quota; the object follows the quantity
                obj = re.split(r"[,，;；。(（]", text[q.end : s1], maxsplit=1)[0]
                indicator = recurring.group(1) + obj
                if obj:
                    sentence_targets.append(
                        ProseTarget(indicator, q.value, q.unit, q.comparator, None, None, None, None,
                                    c0 + recurring.start(), q.end + len(obj), ["recurring_yearly"])
                    )
                    used.append((c0, q.end + len(obj)))
                continue
            # a scoped target: "50%以上的县(市、区)A达到2.8%以上" -> the first quantity is the scope;
            # with no other quantity in its clause it is a share goal: "80%以上的规上企业实现数字化改造"
            if q.unit == "%" and text[m.end() : m.end() + 1] == "的":
                goal = _share_goal(text, m.end() + 1, s1)
                year, g_source = _year_and_source(text, s0, m.start(), year_default, default_source)
                if goal and year is not None and not (past is not None and year < past):
                    sentence_targets.append(
                        ProseTarget(goal[0], q.value, q.unit, q.comparator, year, None, None, None, c0, goal[1],
                                    ["share_goal"], g_source)
                    )
                    used.append((c0, goal[1]))
                continue
            if (trig is None and QUALIFIER_CHAIN.match(text, m.end(), s1)) or (
                    q.unit not in COUNT_UNITS and q.unit != "%" and MEASURE_QUALIFIER.match(text, m.end(), s1)):
                continue  # "入井人数超过30人、井深超过800米的…矿山": conditions that pick out what is meant
            # "形成5项标志性产品": a verb, a count, the counted thing (not "提供365天", "以15分钟为…")
            verb_head = (trig is None and q.unit not in DURATION_UNITS and q.unit != "%"
                         and is_verb_phrase(_clean_indicator(head)))
            if (trig is None and not sentence_targets and not m.group("pre") and not verb_head and not goal_cell
                    and m.group("post") not in GOAL_POST):
                continue  # a list continuation ("A7家,B120家") needs a target before it ("A约300万人次" has one)
            if head.rstrip().endswith(("的", "“", '"')):
                continue  # the quantity qualifies what follows: "具备条件的25户以上自然村", "“15分钟健身圈”"
            trig_text = trig.group(0) if trig else ""
            indicator = _clean_indicator(head[: trig.start()] if trig else head)
            relative = RELATIVE.search(head[: trig.start()] if trig else head)
            baseline = None
            extra_flags: list[str] = []
            relative_words = None
            if relative:  # "A比2020年提高5个百分点": a change against a reference year whose value is not
                # stated: no baseline (that needs a value); the words keep the reference year
                indicator = _clean_indicator(head[: relative.start()])
                relative_words = text[c0 + relative.start() : q.end]
                extra_flags.append("relative_to_baseline")
            elif trig and trig_text in CHANGE_VERBS and q.unit in ("%", "百分点") and head[trig.end() :].strip() == "":
                indicator = _clean_indicator(head[: trig.end()])  # "投入年均增长10%": a growth rate
            margin = bool(trig_text in COMPARED_TO and head[trig.end():].strip())
            if margin:
                # "高于全区税收年均增速3个百分点以上": a margin over another indicator, not a level
                relative_words = text[c0 + trig.start() : q.end]
                indicator = _clean_indicator(head[: trig.start()])
                extra_flags.append("relative_to_other")
            if trig_text in DECREASE_VERBS:
                extra_flags.append("decrease")  # "较2020年下降10%": the value is a reduction
            scope = None
            comparator, end = q.comparator, q.end
            if margin and comparator == "=":
                comparator = "<" if trig_text == "低于" else ">"
            if trig and trig_text in VERB_OBJECT:  # "全市建成省级重点实验室7家": the object is the indicator
                obj = _clean_indicator(head[trig.end() :])
                after = "" if obj else _object_after(text, q.end, s1)
                indicator = obj or after or _clean_indicator(head)
                if trig_text in KEEP_VERB and (obj or after):
                    indicator = trig_text + indicator
                    extra_flags.append("increment")
                if after:  # "每个县(市、区)至少建成1家县域医疗次中心": verb, quantity, object
                    end = q.end + len(after)
                    before = head[: trig.start()]
                    if before.rstrip().endswith("至少") and comparator == "=":
                        comparator = ">="
                    per = re.match(r"^(?:每个?|各)[^,，]{1,12}", _clean_indicator(re.sub(r"至少\s*$", "", before)))
                    scope = per.group(0) if per else None
            if not indicator or is_verb_phrase(indicator):
                # the verb comes first: the object after the quantity, else the clause before
                after = object_after(text, q.end, s1)
                if after:
                    indicator, end = after, q.end + len(after)
                    if m.group("pre") == "突破" and comparator == ">":
                        comparator = "="  # "突破百项前沿技术": the verb (make breakthroughs), not "more than"
                else:
                    prev = previous_clause(text, c0, s0)
                    if prev and QUALITATIVE_WORD.search(prev) and QUALITATIVE.search(prev):
                        prev = ""  # "较上一年增加,力争2023年达到80%": a goal of its own, not a name
                    # a verb phrase that names the activity counted ("报废更新6万台") stays; a bare "完成" does not
                    keep = not is_verb_phrase(indicator) or (len(indicator) >= 4 and not TRIGGER.fullmatch(indicator))
                    indicator = prev or (indicator if keep else "")
            sm = re.match(r"^(\d+(?:\.\d+)?%(?:以上|以下)?的[^\d,，]{1,12}?(?:\([^)]*\))?)", indicator)
            if sm:
                scope = sm.group(1)
                indicator = indicator[len(scope) :]
            year = _year_for(text, s0, m.start(), None)
            year_source = "stated" if year is not None else None
            if year is None and ctx.document is not None and THIS_YEAR.search(text, s0, m.start()):
                year, year_source = ctx.document, "document_date"  # "确保全年新增规上企业40户"
            if year is not None and past is not None and year < past:
                continue  # "2020年…比2015年下降43.3%" in a plan for 2021-2025: an achievement
            if year is None and year_default is not None and (default_source != "plan_period"
                                                              or _plan_goal(trig_text, m, q) or verb_head):
                year, year_source = year_default, default_source
                if past is not None and year < past:
                    continue  # under "“十四五”时期…" in a plan for 2026-2030: an achievement
            if year is None:
                steady = trig and STEADY_VERB.match(trig_text) and not STATUS_QUO.search(text, s0, s1)
                if not (GOAL_ADVERB.search(text, c0, m.start()) or steady or goal_cell):
                    continue  # a quantity without a target year is a fact, not a target
                # "力争贷款余额年均增长10%以上", "合格率稳定在98%以上": a goal, no year stated
                extra_flags.append("year_not_stated")
            if scope is None:
                sub = SUB_AREA.match(indicator)
                if sub and len(indicator) > sub.end() + 1:
                    scope, indicator = sub.group(1), indicator[sub.end() :]
            flags: list[str] = []
            qualitative = relative_words
            if q.unit in ("位", "位次") or RANK_WORDS.match(indicator or ""):
                flags.append("rank")
                own = bool(indicator) and not RANK_WORDS.match(indicator)
                qualitative = _qual_text(text, c0 + trig.start() if own and trig else c0, q.end)
                if not indicator or RANK_WORDS.match(indicator):
                    indicator = sentence_targets[-1].indicator if sentence_targets else (item_indicator or indicator)
            if not indicator and sentence_targets and trig is not None and STEADY_VERB.match(trig_text):
                # "A年均增长12%,到2026年达到520万人次": A again
                indicator = GROWTH_TAIL.sub("", sentence_targets[-1].indicator)
            if indicator and (POLICY_PARAMETER.search(PARAMETER_CHANGE.sub("", indicator)) or CAP_ONLY.fullmatch(indicator)
                              or re.fullmatch(r"按照?", indicator)):
                continue  # "贷款保底额度由30万元提高到60万元", "补贴标准": a rule's parameter, not a goal
            if not indicator and c0 != clause0 and sentence_targets:
                indicator = sentence_targets[-1].indicator  # "A分别达到5万元和2.5万元": A again
            if not indicator:
                indicator = item_indicator or ""
            if not indicator and not goal_cell:
                continue  # (a table's target cell names its indicator in the row)
            if q.upper is not None and qualitative is None:
                qualitative = text[m.start("num") : q.end].strip()  # "1-3个百分点": the range as written
            sentence_targets.append(
                ProseTarget(indicator, None if margin else q.value, None if margin else q.unit,
                            comparator, year, baseline, qualitative, scope, c0, end,
                            flags + extra_flags, year_source)
            )
            used.append((c0, end))
        for m in QUALITATIVE.finditer(text, s0, s1) if QUALITATIVE_WORD.search(text, s0, s1) else ():
            if any(a <= m.start() < b for a, b in used):
                continue
            c0 = _clause_start(text, m.start(), s0)
            if any(a <= c0 < b for a, b in used):
                c0 = m.start()
            head = _clean_indicator(text[c0 : m.start()])
            head = re.sub(r"^(?:实现|达到)", "", head)
            year, q_source = _year_and_source(text, s0, m.start(), year_default, default_source)
            if q_source == "plan_period":
                year, q_source = None, None  # a qualitative goal needs a year of its own or of its section
            if year is not None and past is not None and year < past:
                continue
            explicit_goal = bool(re.match(r"(?:实现|基本实现)", text[c0 : m.start()].lstrip()))
            flags_extra = []
            if m.group("yoy"):
                year, q_source = None, None  # a yearly increase: every year, no target year
                flags_extra = ["recurring_yearly"]
            elif year is None and m.group("cmp"):
                flags_extra = ["year_not_stated"]  # a standing goal of a growth comparison
            elif year is None and not ("覆盖" in m.group(0) and explicit_goal):
                continue
            is_rank = bool(re.search(r"排名|排位|位次", m.group(0)))
            flags = ["qualitative", "rank"] if is_rank else (["coverage", "qualitative"] if "覆盖" in m.group(0) else ["qualitative"])
            indicator = "" if goal_cell and not is_rank else head  # a target cell: the row names it
            if not goal_cell and (is_rank or not indicator or RANK_WORDS.match(indicator)):
                indicator = sentence_targets[-1].indicator if sentence_targets else (item_indicator or head)
            if not goal_cell and (not indicator or is_verb_phrase(indicator)):
                continue
            qual = _qual_text(text, m.start(), m.end()).strip()
            if is_rank:
                qual = _qual_text(text, _clause_start(text, m.start(), s0), m.end())
            comparator = ">" if m.group("yoy") else {"超过": ">", "高于": ">", "优于": ">", "快于": ">", "不低于": ">="}.get(
                m.group("verb") or m.group("cmp") or "", "=")
            sentence_targets.append(
                ProseTarget(indicator, None, None, comparator, year, None, qual, None, c0, m.end(), flags + flags_extra,
                            q_source if year is not None else None)
            )
            used.append((c0, m.end()))
        if "分别" in text[s0:s1]:
            sentence_targets = _respectively(text, s0, s1, sentence_targets, year_default, default_source, past)
        if len(sentence_targets) and any(w in text[s0:s1] for w in ("均", "都", "全部")):
            sentence_targets = _each(sentence_targets, text)
        out.extend(sentence_targets)
    return out


def _object_after(text: str, a: int, s1: int) -> str:
    """The noun phrase right after a quantity ("1家县域医疗次中心" -> "县域医疗次中心"), or ""."""
    obj = re.split(r"[,，;；。(（:：]", text[a:s1], maxsplit=1)[0]
    if not (2 <= len(obj) <= 20) or TRIGGER.match(obj) or re.match(r"的|以上|以下|以内|左右|余|多", obj):
        return ""
    return obj.strip()


# After a quantity: more conditions in a 、-list, then 的 and the noun they qualify
QUALIFIER_CHAIN = re.compile(r"(?:、[^，,；;。、的]{1,14}?\d[\d.]*[^，,；;。、的\d]{0,6})*的")
# "年产值超100亿元、具备较强国际竞争力的龙头企业": a size that picks out what is counted
MEASURE_QUALIFIER = re.compile(r"(?:、[^，,；;。、]{1,20}?)?的")
_COMPARATOR_TAIL = re.compile(r"(?:不少于|不低于|不超过|达到|超过|突破|约|近|为)$")
_GOAL_VERB = re.compile(r"实现|完成|达到|开展|建立|具备|通过|接入|配备|纳入")


def _share_goal(text: str, a: int, s1: int) -> tuple[str, int] | None:
    """The goal clause after "N%以上的" when it holds no quantity of its own: (indicator, end)."""
    m = CLAUSE_SEP.search(text, a, s1)
    b = m.start() if m else s1
    clause = text[a:b]
    if not _GOAL_VERB.search(clause) or any(q.group("num") and (q.group("unit") or q.group("pct"))
                                             for q in QUANTITY.finditer(clause)):
        return None
    return _clean_indicator(clause), b


def _split_list(s: str) -> list[str]:
    """"A、B和C" -> [A, B, C], not splitting inside brackets."""
    out, depth, cur = [], 0, ""
    k = 0
    while k < len(s):
        c = s[k]
        depth += c in "(（"
        depth -= c in ")）"
        if depth == 0 and c in "、和及与":
            out.append(cur)
            cur = ""
        else:
            cur += c
        k += 1
    out.append(cur)
    return [x.strip() for x in out]


def _each(targets: list[ProseTarget], text: str) -> list[ProseTarget]:
    """"A和B均达到90%以上" / "A、B都达到…": the same goal for every listed indicator, when each
    listed name is a whole indicator (ends like one: 率, 数, 量, 比重, 比例, 水平 ...)."""
    out: list[ProseTarget] = []
    for t in targets:
        names = _split_list(t.indicator)
        tail = text[t.start : t.end]
        if (len(names) >= 2 and re.search(r"(?:均|都|全部)(?:达到|达|提高到|保持在|不低于|不少于|控制在)", tail)
                and all(INDICATOR_END.search(n) for n in names)):
            out.extend(ProseTarget(n, t.value, t.unit, t.comparator, t.year, t.baseline, t.qualitative, t.scope,
                                   t.start, t.end, list(t.flags), t.year_source) for n in names)
        else:
            out.append(t)
    return out


INDICATOR_END = re.compile(r"(?:率|数|量|额|比重|比例|占比|水平|指数|面积|里程|规模|收入|产值|增加值|支出|投入|强度)$")


def _respectively(text: str, s0: int, s1: int, targets: list[ProseTarget], default_year: int | None,
                  default_source: str = "section", past: int | None = None) -> list[ProseTarget]:
    """Re-pair "A、B、C分别达到x、y和z" (one target per indicator, in order); a comparator written once
    for the whole list ("x、y和z以下", "分别不低于x、y") applies to every value."""
    for r in RESPECTIVELY.finditer(text, s0, s1):
        c0 = _clause_start(text, r.start(), s0)
        names = [_clean_indicator(n) for n in _split_list(_clean_indicator(text[c0 : r.start()]))]
        qs: list[Quantity] = []
        pos = r.end()
        for m in QUANTITY.finditer(text, r.end(), s1):
            gap = text[pos : m.start()]
            if not m.group("num") or not (m.group("unit") or m.group("pct")) or not_a_quantity(m, text):
                if qs and m.group(0):
                    break
                continue
            if (not qs and len(gap) > 8) or (qs and not _LIST_SEP.fullmatch(gap)):
                break
            q = parse_quantity(m)
            if q is None:
                break
            qs.append(q)
            pos = m.end()
        if len(qs) < 2 or len(names) != len(qs) or not all(names):
            continue
        shared = next((q.comparator for q in (qs[-1], qs[0]) if q.comparator != "="), "=")
        year, source = _year_and_source(text, s0, r.start(), default_year, default_source)
        if year is None:
            continue
        if past is not None and year < past:
            targets = [t for t in targets if t.end <= c0 or t.start >= pos]
            continue
        keep = [t for t in targets if t.end <= c0 or t.start >= pos]
        flags = ["decrease"] if re.match(r"(?:下降|降低|减少)(?![到至])", text[r.end() :]) else []
        made = [ProseTarget(n, q.value, q.unit, q.comparator if q.comparator != "=" else shared, year, None, None,
                            None, c0, q.end, list(flags), source) for n, q in zip(names, qs, strict=True)]
        targets = sorted(keep + made, key=lambda t: t.start)
    return targets


def _qual_text(text: str, a: int, b: int) -> str:
    """The goal words: the clause from ``a`` to the quantity end (plus trailing 左右/以上)."""
    return text[a:b].strip(" ,，")
