"""Extraction: Document in, facts out (the JSON contract of ``policyparse extract``), no I/O.

Targets come from prose (via the spaCy pipeline in :mod:`policyparse.extract.nlp`) and from
indicator tables (:mod:`policyparse.extract.tables`); assignments from items (numbered tasks and
the lines that follow them) and from table rows with department columns. Targets inside an item
or row carry its departments. Every fact has ``source`` = {page, start, end, text}:
``start``/``end`` index the normalised ``document.text``; ``text`` quotes the file's own characters
for that span (:func:`policyparse.text.verbatim.verbatim`: full-width punctuation, spaces).
"""

from __future__ import annotations

import re
from pathlib import Path

from rapidfuzz import fuzz

from policyparse.extract.deadlines import parse_deadline_cell, year_context
from policyparse.extract.items import Item, find_items, heading_item
from policyparse.extract.nlp import analyse
from policyparse.extract.periods import past_before, plan_period
from policyparse.extract.prose import TRIGGER, YearContext, may_hold_target
from policyparse.extract.resolve import Resolver
from policyparse.extract.roles import find_roles, may_name_roles
from policyparse.extract.standing import apply_standing_notes, find_standing_notes
from policyparse.extract.tables import read_table
from policyparse.gazetteer.normalize import indicator_key
from policyparse.model import Block, BlockKind, Document
from policyparse.text.verbatim import verbatim

SCHEMA_VERSION = 1
# A text unit is analysed only if a target or a role rule could match it (may_hold_target,
# may_name_roles: cheap necessary conditions kept next to those rules); the rest of the prose skips
# the (tokenising) pipeline, which would find nothing in it.
INCREMENT = re.compile(r"^(?:新增|新改建|新建改建|新建|改建)")
# A target inside an item takes the item's indicator when its own name is this similar (0-100).
ITEM_INDICATOR_SIMILARITY = 80


class _Builder:
    def __init__(self, doc: Document):
        self.doc = doc
        self.period = plan_period(doc.metadata.title, doc.text)
        self.past_before = past_before(self.period, doc.metadata.date)
        self.doc_year = int(doc.metadata.date[:4]) if doc.metadata.date and doc.metadata.date[:4].isdigit() else None
        self.resolver = Resolver(doc.metadata.city, doc.metadata.issuer)
        self.targets: list[dict] = []
        self.from_table: list[bool] = []  # parallel to targets: read from a task table's row
        self.task_rows: list[tuple[str, list[dict], list[dict]]] = []  # (row text, lead, responsible)
        self.assignments: list[dict] = []

    def source(self, start: int, end: int) -> dict:
        text = self.doc.text
        while start < end and text[start] in " \n\t":
            start += 1
        while end > start and text[end - 1] in " \n\t":
            end -= 1
        # the quote is the file's own characters (full-width ：；, traditional characters, spaces), mapped
        # back through the offset map; start/end index the normalised text (``policyparse text``)
        return {"page": self.doc.page_at(start), "start": start, "end": end,
                "text": verbatim(text, self.doc.source_index, self.doc.source_text, start, end)}

    def depts(self, names: list[tuple[str, int]], base: int) -> list[dict]:
        out = []
        for name, pos in names:
            src = self.source(base + pos, base + pos + len(name))
            out.append(self.resolver.department(name, src))
        return out

    def indicator_id(self, name: str, context: tuple[str, str | None] | None = None) -> str | None:
        """Canonical id of a target's indicator; failing that, the enclosing item's indicator when
        the target names that same indicator (compared as gazetteer keys: scope words such as 全市
        and unit brackets dropped by the gazetteer's own normalisation)."""
        ident = self.resolver.indicator(name)
        if ident is None and INCREMENT.match(name):  # "新增高新技术企业": an increment of that indicator
            ident = self.resolver.indicator(INCREMENT.sub("", name))
        if ident is None and context is not None and context not in (TABLE_ORIGIN, TASK_TABLE_ORIGIN):
            title, item_id = context
            a, b = indicator_key(name), indicator_key(title)
            if item_id and a and b and (a in b or b in a or fuzz.ratio(a, b) >= ITEM_INDICATOR_SIMILARITY):
                ident = item_id
        return ident

    def add_target(self, t: dict, lead: list[dict], resp: list[dict], item: str | None,
                   context: tuple[str, str | None] | None = None) -> None:
        flags = list(dict.fromkeys(t.get("flags", [])))
        if resp and not lead:
            flags.append("lead_not_stated")
        if t["value"] is None and "qualitative" not in flags:
            flags.append("qualitative")
        t = {
            "id": f"{self.doc.id[:12]}:t{len(self.targets) + 1}",
            "indicator": t["indicator"],
            "indicator_id": self.indicator_id(t["indicator"], context),
            "value": t["value"],
            "unit": t["unit"],
            "comparator": t["comparator"],
            "year": t["year"],
            "year_source": t.get("year_source") if t["year"] is not None else None,
            "baseline": t["baseline"],
            "qualitative": t["qualitative"],
            "scope": t.get("scope"),
            "lead": lead,
            "responsible": resp,
            "flags": flags,
            "item": item,
            "source": t["source"],
        }
        self.targets.append(t)
        self.from_table.append(context == TASK_TABLE_ORIGIN)

    def add_assignment(self, item: str, kind: str, indicator_id, deadline, lead, resp, source, flags=()) -> None:
        flags = list(flags)
        if not lead:
            flags.append("lead_not_stated")
        self.assignments.append(
            {
                "id": f"{self.doc.id[:12]}:a{len(self.assignments) + 1}",
                "item": item,
                "kind": kind,
                "indicator_id": indicator_id,
                "deadline": deadline,
                "lead": lead,
                "responsible": resp,
                "flags": flags,
                "source": source,
            }
        )

    # ------------------------------------------------------------------ prose

    def years(self, section: int | None) -> YearContext:
        return YearContext(section, self.period.end if self.period else None, self.past_before, self.doc_year)

    def text_unit(self, start: int, end: int, item: Item | None, year: int | None = None,
                  group: tuple[int, int] | None = None) -> None:
        """Facts of one item or paragraph; ``year`` is the target year its section sets, if any;
        ``group`` is the span of a roles line that covers the item's whole group."""
        text = self.doc.text[start:end]
        if not _worth_analysing(text) and group is None:
            return
        indicator_id = self.resolver.indicator(item.title, strict=True) if item else None
        sdoc = analyse(text, year, item.title if indicator_id else None, self.years(year))
        roles = sdoc.user_data["roles"]
        lead = self.depts(roles.lead, start)
        resp = self.depts(roles.responsible, start)
        group_flags: list[str] = []
        if not (lead or resp) and group is not None:
            # "一、…(一)…(二)…牵头单位:市商务局,责任单位:…": the section's line names the bodies of each item
            g0, g1 = group
            groles = find_roles(self.doc.text[g0:g1])
            lead, resp = self.depts(groles.lead, g0), self.depts(groles.responsible, g0)
            roles = groles
            start_roles = g0
            group_flags = ["roles_from_group_line"]
        else:
            start_roles = start
        found = sdoc.user_data["targets"]
        for t in found:
            self.add_target(
                {
                    "indicator": t.indicator, "value": t.value, "unit": t.unit, "comparator": t.comparator,
                    "year": t.year, "baseline": t.baseline, "qualitative": t.qualitative, "scope": t.scope,
                    "flags": t.flags, "source": self.source(start + t.start, start + t.end),
                    "year_source": t.year_source,
                },
                lead, resp, item.label if item else None, (item.title, indicator_id) if item else None,
            )
        if not (lead or resp):
            return
        deadline = None
        for d in sdoc.user_data["deadlines"]:
            deadline = d.to_dict()
            break
        if deadline is None:
            deadline = _deadline_by([t.year for t in found if t.year_source != "plan_period"])
        spans = roles.spans or [(0, len(text))]
        src = self.source(start_roles + min(s for s, _ in spans), start_roles + max(e for _, e in spans))
        label = item.label if item else _first_clause(text)
        kind = "indicator" if indicator_id else "task"
        self.add_assignment(label, kind, indicator_id, deadline, lead, resp, src, group_flags)

    # ------------------------------------------------------------------ tables

    def table(self, block: Block, notes: str, year: int | None = None) -> None:
        for row in read_table(block, notes, self.years(year)):
            roles = row.roles
            lead = self.depts(roles.lead, 0) if roles else []
            resp = self.depts(roles.responsible, 0) if roles else []
            ind_id = self.resolver.indicator(row.indicator)
            for t in row.targets:
                cell = t["cell"]
                a, b = t.get("span") or (0, cell.end - cell.start)  # a sentence-like cell: the target's own words
                self.add_target(
                    {"scope": None, **t, "indicator": _cell_indicator(t.get("indicator"), row.indicator),
                     "source": self.source(cell.start + a, cell.start + b)},
                    lead, resp, row.indicator, TASK_TABLE_ORIGIN if row.is_task else TABLE_ORIGIN,
                )
            if row.is_task and (lead or resp):
                self.task_rows.append((_squash(" ".join(c.text for c in row.row_cells)), lead, resp))
            if roles and (lead or resp):
                cells = row.dept_cells
                src = self.source(min(c.start for c in cells), max(c.end for c in cells))
                flags = ["assessment_indicator"] if row.assessment else []
                deadline = None
                if row.deadline_cell is not None and row.deadline_cell.text.strip():
                    found = parse_deadline_cell(row.deadline_cell.text)
                    deadline = found.to_dict() if found else None
                elif row.deadline_cell is None:
                    deadline = _deadline_by([t["year"] for t in row.targets if t.get("year_source") != "plan_period"])
                kind = "task" if row.is_task else "indicator"
                self.add_assignment(row.indicator, kind, None if row.is_task else ind_id, deadline, lead, resp, src, flags)


# "截至2023年底，全县…5.2万人": the present state, not a target year for what follows
STATUS_AS_OF = re.compile(r"截至|截止")


TABLE_ORIGIN = ("<table>", None)
TASK_TABLE_ORIGIN = ("<task table>", None)
# A target restated in prose and in an annex task list (the body's "建设精品道路300条" and the annex
# row "(1)建设精品道路300条。"): one fact. Indicator tables are not merged: their prose twins carry
# the baseline and the lead ("由2022年的…提高到…"), a reading of their own.
RESTATEMENT_SIMILARITY = 80


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


# A quote this long found inside a task table's row is that row's text restated (not a chance match)
MIN_RESTATED_CHARS = 8


def roles_from_task_rows(targets: list[dict], task_rows: list[tuple[str, list[dict], list[dict]]]) -> list[dict]:
    """A body target with no departments whose sentence an annex task table restates (the body's task
    text is the row's 主要内容 cell) takes that row's departments (flag ``roles_from_task_table``)."""
    if not task_rows:
        return targets
    for t in targets:
        if t["lead"] or t["responsible"]:
            continue
        quote = _squash(t["source"]["text"])
        if len(quote) < MIN_RESTATED_CHARS:
            continue
        row = next((r for r in task_rows if quote in r[0]), None)
        if row is not None:
            t["lead"], t["responsible"] = list(row[1]), list(row[2])
            t["flags"] = [f for f in t["flags"] if f != "lead_not_stated"] + (
                ["roles_from_task_table"] + (["lead_not_stated"] if not row[1] else []))
    return targets


def merge_restatements(targets: list[dict], from_table: list[bool]) -> list[dict]:
    """Drop a prose target with no baseline or departments of its own that a task table's target
    restates (same value, unit and year, indicators of partial similarity >=
    RESTATEMENT_SIMILARITY); the table's copy keeps the prose source in
    ``restated_at``. Ids are renumbered in document order."""
    tables = [t for t, tb in zip(targets, from_table, strict=True) if tb and t["value"] is not None]
    out = []
    for t, tb in zip(targets, from_table, strict=True):
        adds = t["baseline"] or t["lead"] or t["responsible"]  # a reading of its own: kept
        twin = None if tb or t["value"] is None or adds else next(
            (x for x in tables if x["value"] == t["value"] and x["unit"] == t["unit"] and x["year"] == t["year"]
             and fuzz.partial_ratio(indicator_key(x["indicator"]) or x["indicator"],
                                    indicator_key(t["indicator"]) or t["indicator"]) >= RESTATEMENT_SIMILARITY), None)
        if twin is not None:
            twin.setdefault("restated_at", []).append(t["source"])
            if "restated" not in twin["flags"]:
                twin["flags"].append("restated")
            continue
        out.append(t)
    return out


# A line that only names bodies: "牵头单位:市商务局,责任单位:各县区人民政府,市政府相关单位"
ROLE_LINE = re.compile(r"^\s*[(（]?\s*(?:牵头单位|牵头部门|责任单位|责任部门|牵头领导)\s*[:：][^。]*[)）]?\s*[。.]?\s*$")


def group_role_lines(doc: Document, items: list[Item]) -> dict[int, tuple[int, int]]:
    """Items covered by a roles line written once after their group (the numbered measures of a
    section, then "牵头单位:X,责任单位:Y"): first block index of each item -> the line's span. The
    group starts after the previous heading outside items or the previous such line."""
    item_of = {blk.index: it for it in items for blk in it.blocks}
    out: dict[int, tuple[int, int]] = {}
    group: list[Item] = []
    for blk in doc.blocks:
        it = item_of.get(blk.index)
        if it is None and blk.kind is BlockKind.HEADING:
            group = []
            continue
        if it is not None and blk.index == it.blocks[0].index:
            group.append(it)
        if blk.kind is not BlockKind.TABLE and ROLE_LINE.match(blk.text):
            for g in group:
                if not (g.start <= blk.start < g.end):
                    out[g.blocks[0].index] = (blk.start, blk.end)
            group = []
    return out


class SectionYears:
    """The target year a section's lead sets for what it heads: "二、主要目标 / 到2025年,…:" then
    "(一)…达到78.6岁" (no year of its own) means 2025. A year stated in a heading, paragraph or item
    at depth L holds for the blocks nested below it, until the next block at depth <= L."""

    def __init__(self) -> None:
        self.depth = 0  # depth of the innermost numbered heading/item seen
        self.stack: list[tuple[int, int]] = []  # (depth that states it, year)

    def enter(self, blk: Block) -> None:
        if blk.level is not None and blk.kind in (BlockKind.HEADING, BlockKind.LIST_ITEM):
            self.depth = blk.level
            self.stack = [(d, y) for d, y in self.stack if d < blk.level]
        elif blk.section and self.stack and blk.kind is BlockKind.HEADING:
            self.stack, self.depth = [], 0  # an attachment starts afresh

    def state(self, text: str) -> None:
        """Record the one target year ``text`` sets (none when it sets several: "到2025年…到2030年")."""
        if "年" not in text and "五" not in text:
            return
        found = {y for pos, y in year_context(text) if not STATUS_AS_OF.match(text, pos)}
        if len(found) == 1:
            self.stack.append((self.depth, found.pop()))

    def current(self) -> int | None:
        return self.stack[-1][1] if self.stack else None


def _renumber(targets: list[dict], doc_id: str) -> list[dict]:
    for k, t in enumerate(targets, 1):
        t["id"] = f"{doc_id[:12]}:t{k}"
    return targets


def _cell_indicator(found: str | None, row_indicator: str) -> str:
    """A target read from a sentence-like cell keeps the row's indicator unless the cell names its
    own ("下降15%" under 生产安全事故死亡人数: a bare verb is not an indicator)."""
    if not found or TRIGGER.fullmatch(found):
        return row_indicator
    return found


def _worth_analysing(text: str) -> bool:
    return may_hold_target(text) or may_name_roles(text)


def _deadline_by(target_years: list[int | None]) -> dict | None:
    """An item or row with no deadline of its own is due by its latest target year ("由2022年的…达到
    2026年的…", a "2025年" target column)."""
    years = [y for y in target_years if y]
    if not years:
        return None
    return {"kind": "by", "text": f"{max(years)}年", "year": max(years), "month": None, "end_year": None,
            "end_month": None}


def _first_clause(text: str) -> str:
    return re.split(r"[。;；,，]", text.strip(), maxsplit=1)[0][:60]


def extract_document(doc: Document) -> dict:
    """All targets and assignments of ``doc``, in the extract JSON contract."""
    b = _Builder(doc)
    items = find_items(doc)
    in_item = {blk.index for it in items for blk in it.blocks}
    item_at = {it.blocks[0].index: it for it in items}
    blocks = doc.blocks
    groups = group_role_lines(doc, items)
    years = SectionYears()
    for k, blk in enumerate(blocks):
        years.enter(blk)
        if blk.index in item_at:
            it = item_at[blk.index]
            b.text_unit(it.start, it.end, it, years.current(), groups.get(it.blocks[0].index))
            years.state(doc.text[it.start : it.end])
        elif blk.kind is BlockKind.TABLE:
            notes = " ".join(x.text for x in blocks[k + 1 : k + 3] if x.kind is not BlockKind.TABLE)
            b.table(blk, notes, years.current())
        elif blk.index not in in_item and blk.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.HEADING):
            if blk.kind is not BlockKind.HEADING:
                b.text_unit(blk.start, blk.end, heading_item(blocks, k), years.current())
            years.state(blk.text)
    apply_standing_notes(find_standing_notes(doc.text), b.targets + b.assignments, lambda names: b.depts(names, 0))
    _flag_ocr(doc, b.targets + b.assignments)
    m = doc.metadata
    out = {
        "schema_version": SCHEMA_VERSION,
        "document": {
            "id": doc.id,
            "path": doc.path,
            "format": doc.format,
            "title": m.title,
            "issuer": m.issuer,
            "doc_number": m.doc_number,
            "date": m.date,
            "status": m.status,
            "status_text": m.status_text,
            "city": m.city,
            "province": m.province,
            "cites": list(m.cites),
            "pages": doc.pages,
        },
        "targets": _renumber(roles_from_task_rows(merge_restatements(b.targets, b.from_table), b.task_rows), doc.id),
        "assignments": b.assignments,
        "unmatched": list(b.resolver.unmatched.values()),
    }
    if doc.ocr_pages:
        out["document"]["ocr_pages"] = list(doc.ocr_pages)
    if doc.ocr_image_pages:
        out["document"]["ocr_image_pages"] = list(doc.ocr_image_pages)
    return out


def _flag_ocr(doc: Document, facts: list[dict]) -> None:
    """Flag ``ocr`` on facts whose source page was read by OCR or whose quote comes from lines read
    by OCR (an image on a text page), and ``low_confidence`` too when the engine's lowest score of
    those lines is below :data:`policyparse.readers.pdf_ocr.LOW_CONFIDENCE` (an analyst should
    check them first)."""
    if not doc.ocr_pages and not doc.ocr_lines:
        return
    from policyparse.readers.pdf_ocr import low_confidence

    pages = set(doc.ocr_pages)
    for f in facts:
        src = f["source"]
        score = doc.ocr_confidence(src["start"], src["end"])
        if (src["page"] in pages or score is not None) and "ocr" not in f["flags"]:
            f["flags"].append("ocr")
        if score is not None and low_confidence(score) and "low_confidence" not in f["flags"]:
            f["flags"].append("low_confidence")


def extract_file(path: str | Path) -> dict:
    """Read ``path`` (any supported format) and extract its facts."""
    from policyparse.readers import read_document

    return extract_document(read_document(path))


__all__ = ["extract_document", "extract_file"]
