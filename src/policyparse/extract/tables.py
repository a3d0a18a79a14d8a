"""Indicator tables: target tables (指标 / 2021年 / 2024年) and responsibility tables (指标 / 责任单位).

Columns are recognised by their header words, a general layout of Chinese plans' attachments:
an indicator column (the 指标 column with the longest texts: 三级指标 beats 一级指标), year or
现状/目标 columns (earliest = baseline, latest = target), a 单位 column, and 牵头/责任 columns.
Composite cells ("1117/30.7" under "高新技术企业数(家)及占…比重(%)") give one value per unit; a
footnote star ("2.02*") with a note "标注*为2020年数据" moves the baseline year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policyparse.extract.deadlines import parse_deadline_cell, plan_end_year
from policyparse.extract.prose import YearContext
from policyparse.extract.quantities import count_base, parse_cell, parse_cell_value, scale
from policyparse.extract.roles import RoleFinding, parse_department_cell
from policyparse.model import Block, Cell

# Task responsibility tables (任务分工表): 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限.
TASK_HEAD = re.compile(r"^(?:重点|主要|工作|具体)?(?:任务|措施|工作|工作内容|事项|项目)(?:名称|内容)?$")
DEADLINE_HEAD = re.compile(r"时限|时间|期限|完成时间|进度")
YEAR_HEAD = re.compile(r"((?:19|20)\d{2})\s*年?")
# "“十五五”目标", "十四五期末": a five-year plan's end year
PLAN_HEAD = re.compile(r"十([一二三四五六])五")
# "重点任务（2024-2026）", "主要任务(2024—2026年)": a period written after the column label
PERIOD_HEAD = re.compile(r"[(（]\s*(?:19|20)\d{2}\s*年?\s*[—–\-~至到]+\s*((?:19|20)\d{2})\s*年?\s*[)）]")
# "2025年计划", "2024年工作项目", "2026年任务": what is planned for that year is a target
PLAN_YEAR_HEAD = re.compile(r"计划|工作项目|工作任务|任务|安排|目标")
BASELINE_HEAD = re.compile(r"现状|基期|基准|基数|实际|完成值")
TARGET_HEAD = re.compile(r"目标|预期值|规划值|(?:评价|考核|考评)标准|目标要求")
# A second header row: years and value labels only ("2024年", "目标值", "2020年基期值").
SUBHEADER = re.compile(r"^(?:(?:19|20)\d{2}年?(?:底|末)?)?(?:目标值?|现状值?|基期值?|基准值?|预期值?|实际值?|年|值)?$")
UNIT_IN_NAME = re.compile(r"[(（]([^()（）]{1,8})[)）]")
STAR_NOTE = re.compile(r"(?:\*|※)[^。;]{0,6}?((?:19|20)\d{2})\s*年")
_UNIT_ALIASES = {"％": "%", "个百分点": "百分点"}


@dataclass
class Columns:
    indicator: int | None = None
    unit: int | None = None
    lead: int | None = None
    responsible: int | None = None
    baseline: int | None = None
    baseline_year: int | None = None
    targets: list[tuple[int, int | None]] = field(default_factory=list)  # (column, target year)
    serial: int | None = None
    task: bool = False  # the item column lists tasks (任务分工表), not indicators
    task_year: int | None = None  # "重点任务（2024-2026）": the task cells' own targets are due by 2026
    deadline: int | None = None
    attribute: int | None = None  # 属性: 约束性 / 预期性
    task_targets: bool = False
    # every 牵头 column ("牵头单位", "市卫健委内牵头处室") and every other department column
    leads: list[int] = field(default_factory=list)
    responsibles: list[int] = field(default_factory=list)


@dataclass
class TableRow:
    indicator: str
    indicator_cell: Cell
    units: list[str | None]
    assessment: bool
    roles: RoleFinding | None
    dept_cells: list[Cell]
    targets: list[dict] = field(default_factory=list)  # value, unit, comparator, year, baseline, qualitative, flags, cell
    row_cells: tuple[Cell, ...] = ()
    is_task: bool = False
    deadline_cell: Cell | None = None


def _columns(texts: list[str]) -> Columns:
    """Column roles from the header texts (one text per grid column, multi-row headers joined)."""
    cols = Columns()
    ind_cols: list[int] = []
    plain_years: list[tuple[int, int]] = []
    target_years: list[tuple[int, int | None]] = []
    for k, text in enumerate(texts):
        h = re.sub(r"\s+", "", text)
        period = PERIOD_HEAD.search(h)
        if period:
            h = h[: period.start()] + h[period.end() :]
        year = YEAR_HEAD.search(h)
        plan = PLAN_HEAD.search(h)
        if year is None and plan:
            year = _PlanYear(plan_end_year("十" + plan.group(1)))
        if h in ("序号", "编号"):
            cols.serial = k
        elif "牵头" in h:
            cols.leads.append(k)
        elif re.search(r"责任|配合|参与|协同|协办|实施主体|责任主体", h):
            cols.responsibles.append(k)
        elif h in ("单位", "计量单位"):
            cols.unit = k
        elif re.search(r"含义|说明|解释|定义|来源|口径|方法", h):
            pass  # "指标含义", "数据来源": what an indicator means or where it comes from
        elif "指标" in h and not year or h in ("名称", "项目"):
            ind_cols.append(k)
        elif TASK_HEAD.search(h):
            ind_cols.append(k)
            cols.task = True
            cols.task_year = int(period.group(1)) if period else None
        elif h in ("属性", "指标属性", "指标性质", "性质"):
            cols.attribute = k
        elif year and PLAN_YEAR_HEAD.search(h):
            target_years.append((k, int(year.group(1))))
        elif DEADLINE_HEAD.search(h):
            cols.deadline = k
        elif BASELINE_HEAD.search(h):
            cols.baseline, cols.baseline_year = k, int(year.group(1)) if year else None
        elif TARGET_HEAD.search(h):
            target_years.append((k, int(year.group(1)) if year else None))
        elif year:
            plain_years.append((int(year.group(1)), k))
    plain_years.sort()
    if plain_years and cols.baseline is None:
        first_target = min((y for _, y in target_years if y), default=None)
        if target_years:  # "2020年 | 2025年目标": the plain years before the targets are baselines
            before = [(y, k) for y, k in plain_years if first_target is None or y < first_target]
            if before:
                cols.baseline_year, cols.baseline = before[-1]
                plain_years = [p for p in plain_years if p != before[-1]]
        elif len(plain_years) >= 2:  # "2021年 | 2024年": earliest is the baseline
            cols.baseline_year, cols.baseline = plain_years[0]
            plain_years = plain_years[1:]
    cols.targets = sorted(target_years + [(k, y) for y, k in plain_years], key=lambda t: t[0])
    if ind_cols:
        cols.indicator = ind_cols[-1]
    cols.lead = cols.leads[0] if cols.leads else None
    cols.responsible = cols.responsibles[0] if cols.responsibles else None
    return cols


class _PlanYear:
    """A plan's end year in the shape of a YEAR_HEAD match (``group(1)``)."""

    def __init__(self, year: int | None) -> None:
        self.year = year

    def group(self, _: int) -> str:
        return str(self.year)

    def __bool__(self) -> bool:
        return self.year is not None


def header_depth(rows: tuple[tuple[Cell, ...], ...]) -> int:
    """How many rows the header takes: "目标值" over "2024年 | 2026年" is two rows."""
    depth = 1
    while depth < min(len(rows) - 1, 3):
        row, above = rows[depth], rows[depth - 1]
        own = [c for k, c in enumerate(row) if c is not above[k] and c.text.strip()]
        if not own or not all(SUBHEADER.match(re.sub(r"\s+", "", c.text)) for c in own):
            break
        depth += 1
    return depth


def header_texts(rows: tuple[tuple[Cell, ...], ...], depth: int) -> list[str]:
    texts = []
    for k in range(len(rows[0])):
        parts: list[str] = []
        for r in range(depth):
            c = rows[r][k]
            if (r == 0 or c is not rows[r - 1][k]) and c.text.strip():
                parts.append(c.text.strip())
        texts.append("".join(parts))
    return texts


def _indicator_col(rows: tuple[tuple[Cell, ...], ...], cols: Columns, texts: list[str], depth: int) -> int | None:
    """Of several 指标 columns, the one whose cells are longest (the indicator names)."""
    cands = [k for k, t in enumerate(texts) if (("指标" in t and not YEAR_HEAD.search(t)) or t.strip() in ("名称", "项目"))
             and not re.search(r"含义|说明|解释|定义|来源|口径|方法", t)]
    if len(cands) <= 1:
        return cols.indicator

    def mean_len(k: int) -> float:
        vals = [len(r[k].text) for r in rows[depth:] if k < len(r) and r[k].text]
        return sum(vals) / len(vals) if vals else 0
    return max(cands, key=mean_len)


def _split_name(name: str) -> tuple[str, list[str | None], bool]:
    """"高新技术企业数(家)及占…比重(%)" -> (name without units, ["家", "%"], assessment star)."""
    assessment = "*" in name or "※" in name
    name = name.replace("*", "").replace("※", "").strip()
    units = [_UNIT_ALIASES.get(u, u) for u in UNIT_IN_NAME.findall(name) if _is_unit(u)]
    clean = UNIT_IN_NAME.sub(lambda m: "" if _is_unit(m.group(1)) else m.group(0), name).strip()
    return clean, units or [None], assessment


def _is_unit(u: str) -> bool:
    return bool(re.fullmatch(r"%|％|‰|[个家人件项篇户元所座位次台套条]|人年|万元|亿元|万人|万美元|万亩|[^()]{1,4}/[^()]{1,4}", u.strip()))


def _star_year(notes: str) -> int | None:
    m = STAR_NOTE.search(notes)
    return int(m.group(1)) if m else None


def grid(table: Block) -> tuple[tuple[Cell, ...], ...]:
    """Rows indexed by grid column: a merged cell is repeated in every position it covers, and
    positions no cell covers get an empty cell, so ``row[k]`` is always column ``k``."""
    rows = table.rows or ()
    ncols = max((c.col + c.colspan for row in rows for c in row), default=0)
    out: list[list[Cell | None]] = [[None] * ncols for _ in rows]
    for row in rows:
        for c in row:
            for dr in range(max(c.rowspan, 1)):
                for dc in range(max(c.colspan, 1)):
                    if c.row + dr < len(out) and c.col + dc < ncols:
                        out[c.row + dr][c.col + dc] = c
    filled = []
    for r, row in enumerate(out):
        pos = rows[r][-1].end if rows[r] else table.start
        filled.append(tuple(c if c is not None else Cell("", pos, pos, r, k) for k, c in enumerate(row)))
    return tuple(filled)


def read_table(table: Block, notes: str = "", years: YearContext | None = None) -> list[TableRow]:
    """Rows of an indicator table with their targets and department roles ([] if not one).
    ``years`` (the section's year, the plan period's end) date a target column without a year."""
    years = years or YearContext()
    rows = grid(table)
    if len(rows) < 2:
        return []
    depth = header_depth(rows)
    texts = header_texts(rows, depth)
    cols = _columns(texts)
    cols.indicator = _indicator_col(rows, cols, texts, depth)
    if cols.indicator is None:
        return []
    if cols.task and cols.indicator is not None and not any(k == cols.indicator for k, _ in cols.targets):
        # the task cells' own quantities ("(1)建设精品道路300条。") are targets, due by the period's end
        cols.task_targets = True
    has_values = bool(cols.targets) or cols.task
    has_depts = bool(cols.leads or cols.responsibles)
    if not (has_values or has_depts):
        return []
    star_year = _star_year(notes)
    out: list[TableRow] = []
    for row in rows[depth:]:
        if cols.indicator >= len(row) or not row[cols.indicator].text.strip():
            continue
        cell = row[cols.indicator]
        name, units, assessment = _split_name(cell.text)
        if cols.unit is not None and cols.unit < len(row) and row[cols.unit].text.strip():
            units = [u.strip() for u in re.split(r"[;；]", row[cols.unit].text) if u.strip()] or units
        dept_cells = [row[k] for k in (*cols.leads, *cols.responsibles) if k < len(row) and row[k].text.strip()]
        roles = _row_roles(row, cols) if dept_cells else None
        if cols.task:
            name, units = cell.text.strip(), [None]
        deadline_cell = row[cols.deadline] if cols.deadline is not None and cols.deadline < len(row) else None
        tr = TableRow(name, cell, units, assessment, roles, dept_cells, row_cells=row, is_task=cols.task,
                      deadline_cell=deadline_cell)
        if cols.task_targets:
            tr.targets += _prose_targets(cell, *_cell_year(cols.task_year, deadline_cell, years), years)
        if has_values:
            for col, year in cols.targets:
                if col >= len(row):
                    continue
                year, source = _cell_year(year, deadline_cell, years)
                # "新建高标准农田500万亩" in a 具体目标 column reads as prose; "全省平均水平" stays a cell goal
                sentence = _is_prose(row[col].text)
                prose = _prose_targets(row[col], year, source, years) if sentence else []
                if prose and all(t["value"] is None for t in prose) and len(row[col].text.strip()) <= QUALITATIVE_CELL_MAX:
                    prose = []  # "全省平均水平": a cell goal, read with the row's unit and baseline
                if prose or not sentence or (len(row[col].text.strip()) <= QUALITATIVE_CELL_MAX
                                             and not PROCESS_CELL.match(row[col].text.strip())):
                    found = prose or _row_targets(row, col, year, cols, units, star_year)
                    for t in found:
                        t.setdefault("year_source", source if t["year"] is not None else None)
                    tr.targets += found
        out.append(tr)
    return out


# "持续推进。", "稳步实施": how work goes on, not a level to reach
PROCESS_CELL = re.compile(r"^(?:(?:持续|稳步|积极|加快|全面|深入|继续|不断)?(?:推进|开展|实施|落实|推动|完善|深化|做好|加强)[^\d]{0,6}"
                          r"|定性指标.*)[。.]?$")  # "定性指标,查看落实情况": assessed by inspection, no level
QUALITATIVE_CELL_MAX = 12  # "全省平均水平" is a goal; a long sentence with no quantity is a task description
EMPTY_CELL = re.compile(r"^[—–\-/／~～—\s]*$")


def _row_roles(row: tuple[Cell, ...], cols: Columns) -> RoleFinding:
    """Lead and other departments of a row: every name in a 牵头 column leads; names in the other
    department columns are responsible unless the cell itself marks them as leading."""
    roles = RoleFinding()
    seen: set[str] = set()

    def add(target: list, names: list[tuple[str, int]], base: int) -> None:
        for n, p in names:
            if n not in seen:
                seen.add(n)
                target.append((n, p + base))

    for k in cols.leads:
        if k < len(row) and row[k].text.strip():
            found = parse_department_cell(row[k].text)
            add(roles.lead, found.lead + found.responsible, row[k].start)
    roles.stated_lead = bool(roles.lead)
    for k in cols.responsibles:
        if k < len(row) and row[k].text.strip():
            found = parse_department_cell(row[k].text)
            if found.lead:
                add(roles.lead, found.lead, row[k].start)
                roles.stated_lead = True
            add(roles.responsible, found.responsible, row[k].start)
    return roles


def _is_prose(text: str) -> bool:
    """A target cell written as a sentence rather than a value ("完成营造林1.5万亩以上")."""
    return not EMPTY_CELL.match(text) and parse_cell(text).value is None and bool(re.search(r"[\u4e00-\u9fff]{2}", text))


def _deadline_year(cell: Cell | None) -> int | None:
    d = parse_deadline_cell(cell.text) if cell is not None and cell.text.strip() else None
    return (d.end_year or d.year) if d else None


def _cell_year(column_year: int | None, deadline_cell: Cell | None, years: YearContext) -> tuple[int | None, str | None]:
    """A cell's target year and its rule: the column's or the row's deadline (stated), else the
    section's, else the plan period's end."""
    stated = column_year or _deadline_year(deadline_cell)
    if stated:
        return stated, "stated"
    if years.section:
        return years.section, "section"
    if years.plan:
        return years.plan, "plan_period"
    return None, None


def _prose_targets(cell: Cell, year: int | None, source: str | None = None, years: YearContext | None = None) -> list[dict]:
    """Targets in a sentence-like cell, read like prose (the row's year as context); offsets in ``span``."""
    from policyparse.extract.prose import find_targets

    past = years.past_before if years else None
    found = find_targets(cell.text, year, None, YearContext(year, None, past, years.document if years else None),
                         goal_cell=True)
    return [{"indicator": t.indicator, "value": t.value, "unit": t.unit, "comparator": t.comparator, "year": t.year,
             "year_source": source if t.year_source == "section" else t.year_source,
             "baseline": t.baseline, "qualitative": t.qualitative, "scope": t.scope, "flags": t.flags,
             "cell": cell, "span": (t.start, t.end)} for t in found]


def _row_targets(row: tuple[Cell, ...], col: int, year: int | None, cols: Columns, units: list[str | None],
                 star_year: int | None) -> list[dict]:
    tcell = row[col]
    bcell = row[cols.baseline] if cols.baseline is not None and cols.baseline < len(row) else None
    tparts = [p for p in re.split(r"[/／]", tcell.text)] if tcell.text.strip() else []
    bparts = [p for p in re.split(r"[/／]", bcell.text)] if bcell is not None and bcell.text.strip() else []
    if len(tparts) > 1 and len(units) == 1 and units[0] and "/" in units[0]:
        units = units[0].split("/")  # "家/%" over composite cells "1117/30.7"
    out = []
    for k, tp in enumerate(tparts or [""]):
        if EMPTY_CELL.match(tp) and tp:
            continue  # "—": no target in this cell
        cv = parse_cell(tp)
        value = cv.value
        flags: list[str] = ["cumulative_over_period"] if cv.cumulative else []
        qualitative = None
        if value is None:
            if not tp.strip():
                continue
            qualitative = tp.strip()
            flags.append("qualitative")
        baseline = None
        if k < len(bparts):
            bv, star = parse_cell_value(bparts[k])
            if bv is not None:
                by = cols.baseline_year
                if star and star_year:
                    by = star_year
                    flags.append("baseline_year_differs")
                baseline = {"value": bv, "year": by}
        unit = units[k] if k < len(units) else (units[0] if len(tparts) == 1 else None)
        unit = unit or cv.unit
        unit, factor = count_base(unit)  # a "(万人年)" column holds counts in ten-thousands
        if factor != 1:
            value = None if value is None else scale(value, factor)
            if baseline and baseline["value"] is not None:
                baseline["value"] = scale(baseline["value"], factor)
        out.append(
            {
                "value": value,
                "unit": unit,
                "comparator": cv.comparator,
                "year": year,
                "baseline": baseline,
                "qualitative": qualitative,
                "flags": flags,
                "cell": tcell,
            }
        )
    return out
