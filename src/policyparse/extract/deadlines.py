"""Years and deadlines: "到2025年", "到“十四五”末", "2022年11月—2023年12月", "每年3月底前", "2—3年"."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Five-year plan periods: the N-th plan ends in 1955 + 5N ("十四五" -> 2025).
_PLAN_NUMERALS = {"十一": 11, "十二": 12, "十三": 13, "十四": 14, "十五": 15, "十六": 16}
PLAN_END = re.compile(r"[“\"']?(十[一二三四五六])五[”\"']?\s*(?:期末|末|时期末|结束)")
# "到2025年", "到2024年6月底", "2023年12月底前", "2025年底前": a year, optionally a month
# (BY_YEAR and FROM_YEAR open with a lookahead on the characters a match can start with: the regex
# engine then passes over every other position quickly; the matches are the same.)
BY_YEAR = re.compile(
    r"(?=[到至截力于12])"
    r"(?:(?:到|至|截至|截止到?|力争到|于)\s*(?P<y1>(?:19|20)\d{2})\s*年(?:\s*(?P<m1>\d{1,2})\s*月)?(?:底|末)?"
    r"|(?P<y2>(?:19|20)\d{2})\s*年(?:\s*(?P<m2>\d{1,2})\s*月)?(?:底|末)?(?:前|以前))"
)
YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
RANGE = re.compile(
    r"((?:19|20)\d{2})\s*年\s*(\d{1,2})?\s*月?\s*[—–\-~至到]+\s*(?:((?:19|20)\d{2})\s*年)?\s*(\d{1,2})\s*月"
)
RECURRING = re.compile(r"每(?:年|季度|月|半年)(?:\s*(\d{1,2})\s*月)?(?:\s*(\d{1,2})\s*日)?(?:底|末|中旬|上旬|下旬)?前?")
# "2023—2025年": a span of years
YEAR_RANGE = re.compile(r"((?:19|20)\d{2})\s*年?\s*[—–\-~至到]+\s*((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)")
# "2023年起", "自2024年开始": from that year on (a range with no end)
FROM_YEAR = re.compile(r"(?=[自从\s12])(?:自|从)?\s*((?:19|20)\d{2})\s*年(?:\s*(\d{1,2})\s*月)?(?:起|开始)")
# "“十四五”期间": the plan period (2021-2025)
PLAN_PERIOD = re.compile(r"[“\"']?(十[一二三四五六])五[”\"']?\s*(?:期间|时期)")
DURATION = re.compile(r"(?:期限|周期)[^。,;()（）\d]{0,6}(\d{1,2}(?:\s*[—–\-~至]\s*\d{1,2})?)\s*个?年")


@dataclass(frozen=True)
class Deadline:
    kind: str  # "by" | "range" | "recurring" | "duration"
    text: str
    year: int | None = None
    month: int | None = None
    end_year: int | None = None
    end_month: int | None = None
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "text": self.text,
            "year": self.year,
            "month": self.month,
            "end_year": self.end_year,
            "end_month": self.end_month,
        }


def plan_end_year(numeral: str) -> int | None:
    n = _PLAN_NUMERALS.get(numeral)
    return 1955 + 5 * n if n else None


def find_deadlines(text: str) -> list[Deadline]:
    """Every deadline expression in ``text``, in order."""
    out: list[Deadline] = []
    for m in RANGE.finditer(text):
        y1 = int(m.group(1))
        y2 = int(m.group(3)) if m.group(3) else y1
        out.append(
            Deadline("range", m.group(0), y1, int(m.group(2)) if m.group(2) else None, y2, int(m.group(4)), m.start(), m.end())
        )
    for m in YEAR_RANGE.finditer(text):
        if all(m.end() <= d.start or m.start() >= d.end for d in out):
            out.append(Deadline("range", m.group(0), int(m.group(1)), None, int(m.group(2)), None, m.start(), m.end()))
    for m in FROM_YEAR.finditer(text):
        out.append(Deadline("range", m.group(0), int(m.group(1)), int(m.group(2)) if m.group(2) else None,
                            start=m.start(), end=m.end()))
    for m in PLAN_PERIOD.finditer(text):
        end = plan_end_year(m.group(1))
        if end:
            out.append(Deadline("range", m.group(0), end - 4, None, end, None, m.start(), m.end()))
    taken = [(d.start, d.end) for d in out]

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in BY_YEAR.finditer(text):
        if free(m.start(), m.end()):
            month = m.group("m1") or m.group("m2")
            out.append(Deadline("by", m.group(0), int(m.group("y1") or m.group("y2")), int(month) if month else None,
                                start=m.start(), end=m.end()))
    for m in PLAN_END.finditer(text):
        out.append(Deadline("by", m.group(0), plan_end_year(m.group(1)), start=m.start(), end=m.end()))
    for m in RECURRING.finditer(text):
        if m.group(1) or "前" in m.group(0):
            out.append(Deadline("recurring", m.group(0), None, int(m.group(1)) if m.group(1) else None, start=m.start(), end=m.end()))
    for m in DURATION.finditer(text):
        out.append(Deadline("duration", m.group(0), start=m.start(), end=m.end()))
    return sorted(out, key=lambda d: d.start)


def year_context(text: str) -> list[tuple[int, int]]:
    """(offset, year) pairs where a target year is set ("到2024年", "2026年达到", "“十四五”末")."""
    marks: list[tuple[int, int]] = []
    for m in BY_YEAR.finditer(text):
        marks.append((m.start(), int(m.group("y1") or m.group("y2"))))
    for m in (*PLAN_END.finditer(text), *PLAN_PERIOD.finditer(text)):
        y = plan_end_year(m.group(1))
        if y:
            marks.append((m.start(), y))
    return sorted(marks)


_CELL_DATE = re.compile(r"^(?:到|至|于)?\s*((?:19|20)\d{2})\s*年(?:\s*(\d{1,2})\s*月)?(?:底|末|中旬|上旬|下旬)?(?:前|以前)?$")


def parse_deadline_cell(text: str) -> Deadline | None:
    """A 完成时限 cell: "2025年底前", "2024年12月", "每年6月底前", "长期坚持" (-> None)."""
    s = re.sub(r"\s+", "", text)
    m = _CELL_DATE.match(s)
    if m:
        return Deadline("by", s, int(m.group(1)), int(m.group(2)) if m.group(2) else None, end=len(s))
    found = find_deadlines(s)
    return found[0] if found else None
