"""The patterns of target sentences: verbs of attainment, year phrases, qualitative goals and
the words that mark a quantity as something other than a target.

Adding a pattern usually means editing one of these (a verb to :data:`TRIGGER`, a parameter word
to :data:`POLICY_PARAMETER` ...); the recognisers and filters that use them say which.
"""

import re

ENDS_QUANTITY = re.compile(r".*(?:\d|[%‰家人件个篇项户位元亩所座台套条]|以上|左右|以下|以内)$")
SENTENCE_END = re.compile(r"[。;；!?！？\n]")
CLAUSE_SEP = re.compile(r"[,，:：]")
TRIGGER = re.compile(
    r"(?:力争|确保|争取)?(?:实现|达到|下达|(?<![送传抵])达|超过|突破|压缩至|压缩到|压减至|缩减至|提高到|提高至|提升到|提升至|增长到|增长至|增加到|增加至|保持在|稳定在|控制在|降低到|降低至|降至|下降到|下降至|减少到|减少至|缩短到|缩短至|"
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
# Parts of the document's year, one list for the year recogniser and the name cleaner
_PARTS_OF_YEAR = r"全年|今年|年内|上半年|下半年|前三季度|(?:第)?[一二三四]季度|年底前"
THIS_YEAR = re.compile(rf"{_PARTS_OF_YEAR}|本年度?|当年(?!度?[的内])|(?:第)?[1-4]季度"
                       r"|(?<![\d年])(?:[1-9]|1[0-2]|[一二三四五六七八九十]|十[一二])月(?:底|末)?(?:前|以前)")
# A time of the document's year at a name's end: "工业投资上半年(完成1600亿元)" counts 工业投资
TIME_HEAD = re.compile(rf"^(?:{_PARTS_OF_YEAR}|(?:[1-9]|1[0-2])月(?:底|末)?(?:前|以前))[,，]?")
TIME_TAIL = re.compile(rf"(?:{_PARTS_OF_YEAR})$")
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
LIST_SEP = re.compile(r"\s*(?:、|,|，|和|及|与)\s*")
RECURRING_VERB = re.compile(r"每年(新增|选派|培育|引进|培养|举办|开展|组织|认定|建设|支持|资助|实施)$")
# "每年新增高新技术企业50家以上", "市级财政每年安排资金不少于5亿元": a yearly quota, object before the quantity
RECURRING_HEAD = re.compile(r"每年(?:度)?(?P<rest>[^,，;；。]*)$")
VERB_OBJECT = ("引进培育", "引进", "培育", "新增", "建成", "打造", "认定", "建设", "选派", "培养", "新改建", "新建改建",
               "新建", "改建", "改造", "创建", "争创", "盘活", "遴选", "培训", "开行", "安排", "完成")
# Verbs kept in the indicator name: "新建全民健身步道" counts new paths, not all paths
KEEP_VERB = ("新增", "新改建", "新建改建", "新建", "改建")
FILLER = re.compile(r"^(?:其中|同时|并|全面|力争|确保|争取|使(?!用)|推动|实现|到|至|以后|此后|今后|将|把)+")
YEAR_PREFIX = re.compile(r"^(?:力争|确保)?(?:到|至|截至)?\s*(?:19|20)\d{2}\s*年(?:底|末)?(?:前)?[,，]?")

# Indicator cleaning: prefixes and tails that are not part of a name
PLAN_END_PREFIX = re.compile(r"^(?:到|至)?[“\"]?十[一二三四五六]五[”\"]?(?:期末|末)[,，]?")
GOAL_ADVERB_TAIL = re.compile(r"(?:力争|确保|争取|基本|全面|进一步)$")
GOAL_ADVERB_HEAD = re.compile(r"^(?:力争|确保|争取)+")
QUANTIFIER_TAIL = re.compile(r"(?:分别|均|都|全部|首次)$")
YEAR_TAIL = re.compile(r"(?:19|20)\d{2}年$")
ITEM_MARK = re.compile(r"^(?:[(（](?:\d{1,3}|[一二三四五六七八九十]{1,3})[)）]|[一二三四五六七八九十]{1,3}、|\d{1,3}[.．、](?!\d)|\d{1,3}[.．](?=(?:19|20)\d\d年))")

# Years inside a sentence
BASELINE_FROM = re.compile(r"(?:由|从)\s*$")
RANGE_START = re.compile(r"\s*[—\-~至到]\s*(?:19|20)?\d|\s*(?:起|开始|以来)")
YEAR_NUMBER = re.compile(r"(?:19|20)\d\d")

# "储备项目1000个以上", "50个左右": a comparator after the figure marks a goal
GOAL_POST = ("以上", "左右", "以内", "以下", "余", "多")
DURATION_UNITS = ("年", "天", "日", "周", "小时", "分钟", "个月", "月")

# "2022年" is never a target's quantity (not_a_quantity), and no quantity that counts overlaps one: a
# quantity's number never starts inside a run of digits, nor right after a "." ("1.2022年" counts).
YEAR_WITH_NIAN = re.compile(r"(?<![\d.])(?:19|20)\d\d年")

# After a quantity: more conditions in a 、-list, then 的 and the noun they qualify
QUALIFIER_CHAIN = re.compile(r"(?:、[^，,；;。、的]{1,14}?\d[\d.]*[^，,；;。、的\d]{0,6})*的")
# "年产值超100亿元、具备较强国际竞争力的龙头企业": a size that picks out what is counted
MEASURE_QUALIFIER = re.compile(r"(?:、[^，,；;。、]{1,20}?)?的")
COMPARATOR_TAIL = re.compile(r"(?:不少于|不低于|不超过|达到|超过|突破|约|近|为)$")
GOAL_VERB = re.compile(r"实现|完成|达到|开展|建立|具备|通过|接入|配备|纳入")

INDICATOR_END = re.compile(r"(?:率|数|量|额|比重|比例|占比|水平|指数|面积|里程|规模|收入|产值|增加值|支出|投入|强度)$")
