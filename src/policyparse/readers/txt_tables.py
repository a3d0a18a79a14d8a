"""Rebuild tables that plain-text extraction flattened into line runs.

Text copied out of PDF/Word tables arrives in three shapes, all handled here:

* **tab rows**: one row per line, cells separated by tabs ("1\\t北京\\t海淀区");
* **tab cells**: one cell per line, each starting with a tab, rows separated by blank lines; a
  line without a leading tab continues the previous (wrapped) cell;
* **line cells**: one cell per line, cells separated by blank lines, after a header run of short
  column labels ("指标", "2021年", "单位", "责任单位"). Rows are split at serial numbers
  (1, 2, 3 ...) when the table has them, else every ``len(header)`` cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADER_WORD = re.compile(
    r"^(?:序号|编号|[一二三]级指标|指\s*标(?:名称)?|指标项|单位|计量单位|责任单位|牵头单位|责任部门|牵头部门|配合单位|"
    r"目标值?|现状值?|基期值?|基准值|(?:19|20)\d\d年(?:目标|现状|基数)?|省份|省\(区、市\)|城市|名称|类别|备注|权重|分值)$"
)
SERIAL = re.compile(r"^\d{1,3}$")
NOTE = re.compile(r"^(?:注|备注|说明|标注|资料来源|数据来源)")
UNIT_CELL = re.compile(r"^(?:%|‰|[个家人件项篇户元台所座位次年天]|人年|万元|亿元|万人|万美元|[^\s]{1,4}/[^\s]{1,4}|[^\s]{1,3};[^\s]{1,3})$")


@dataclass
class TableRun:
    """A table found in a list of lines: ``rows`` of cell texts spanning lines[first:last+1]."""

    first: int
    last: int
    rows: list[list[str]]


def _is_prose(line: str) -> bool:
    s = line.strip()
    return len(s) > 60 or (s.endswith("。") and len(s) > 30)


def find_tab_tables(lines: list[str]) -> list[TableRun]:
    """Tables whose cells are marked by tabs (either tab rows or tab cells)."""
    runs: list[TableRun] = []
    i, n = 0, len(lines)
    while i < n:
        if "\t" not in lines[i]:
            i += 1
            continue
        # extend the run over tab lines, blank lines and tab-less continuation lines
        j, last = i, i
        while j < n:
            s = lines[j]
            if "\t" in s:
                last = j
            elif s.strip():
                nxt = next((k for k in range(j + 1, min(n, j + 3)) if lines[k].strip()), None)
                if nxt is None or "\t" not in lines[nxt] or _is_prose(s) and not lines[j - 1].startswith("\t"):
                    break
            j += 1
        block = lines[i : last + 1]
        cells_per_line = _is_tab_cells(block)
        if not cells_per_line:  # one row per line: a blank line followed by a header starts a new table
            cut = next(
                (k for k in range(1, len(block) - 1) if not block[k].strip() and _is_header_line(block[k + 1])), None
            )
            if cut is not None:
                block, last = block[:cut], i + cut - 1
        rows = _tab_cell_rows(block) if cells_per_line else _tab_row_rows(block)
        rows = [r for r in rows if any(c.strip() for c in r)]
        if len(rows) >= 2:
            runs.append(TableRun(i, last, rows))
        i = last + 1
    return runs


def _is_header_line(line: str) -> bool:
    """A tab row of column labels ("序号\t指标\t单位\t2020年\t2025年目标")."""
    cells = [c.strip() for c in line.split("\t") if c.strip()]
    labels = sum(1 for c in cells if HEADER_WORD.match(c) or "指标" in c or "目标" in c or "单位" in c)
    return len(cells) >= 2 and labels >= 2 and not any(SERIAL.match(c) for c in cells)


def _is_tab_cells(block: list[str]) -> bool:
    tabbed = [s for s in block if "\t" in s]
    single = sum(1 for s in tabbed if s.startswith("\t") and s.count("\t") == 1)
    return single >= 0.8 * len(tabbed)


def _tab_cell_rows(block: list[str]) -> list[list[str]]:
    rows: list[list[str]] = []
    row: list[str] = []
    for s in block:
        if not s.strip() and "\t" not in s:
            if row:
                rows.append(row)
            row = []
        elif s.startswith("\t"):
            row.append(s[1:].strip())
        elif row:
            row[-1] += "\n" + s.strip()  # wrapped cell: keep the break for the assembler
    if row:
        rows.append(row)
    return rows


def _tab_row_rows(block: list[str]) -> list[list[str]]:
    return [[c.strip() for c in s.rstrip().split("\t")] for s in block if s.strip()]


def find_line_tables(lines: list[str], taken: set[int]) -> list[TableRun]:
    """Tables flattened to one cell per line after a run of header labels."""
    runs: list[TableRun] = []
    nonblank = [k for k, s in enumerate(lines) if s.strip() and k not in taken]
    pos = 0
    while pos < len(nonblank):
        header: list[int] = []
        q = pos
        while q < len(nonblank) and HEADER_WORD.match(lines[nonblank[q]].strip()):
            header.append(nonblank[q])
            q += 1
        if len(header) < 2 or not any("指" in lines[h] or "单位" in lines[h] for h in header):
            pos += 1
            continue
        body: list[int] = []
        while q < len(nonblank):
            s = lines[nonblank[q]].strip()
            if _is_prose(s) or NOTE.match(s) or re.match(r"^(?:[一二三四五六七八九十]+、|附件)", s):
                break
            body.append(nonblank[q])
            q += 1
        if not body:
            pos = q
            continue
        head = [lines[h].strip() for h in header]
        cells = [lines[b].strip() for b in body]
        rows = [head, *_split_rows(head, cells)]
        runs.append(TableRun(header[0], body[-1], rows))
        pos = q
    return runs


def _split_rows(head: list[str], cells: list[str]) -> list[list[str]]:
    """Split body cells into rows (mutates ``head`` to add a serial column the header lacked)."""
    ncols = len(head)
    serials = _serial_positions(cells)
    if not serials:
        return [cells[k : k + ncols] for k in range(0, len(cells), ncols)]
    if not any(h in ("序号", "编号") for h in head):
        free = [k for k, h in enumerate(head) if not _is_unit_or_dept_header(h)]
        head.insert(free[-1] if free else 0, "序号")
    rows: list[list[str]] = []
    carry: list[str] = cells[: serials[0]]
    for r, start in enumerate(serials):
        end = serials[r + 1] if r + 1 < len(serials) else len(cells)
        row = carry + cells[start:end]
        carry = []
        # a merged first-column label printed just before the next serial belongs to the next row
        if r + 1 < len(serials) and len(row) > 3 and _looks_like_label(row[-1]) and not _looks_like_departments(row[-1]):
            carry = [row.pop()]
        rows.append(_align(head, row))
    return rows


def _is_unit_or_dept_header(h: str) -> bool:
    return "单位" in h or "部门" in h


def _serial_positions(cells: list[str]) -> list[int]:
    out, expect = [], 1
    for k, c in enumerate(cells):
        if SERIAL.match(c) and int(c) == expect:
            out.append(k)
            expect += 1
    return out if len(out) >= 2 else []


def _looks_like_departments(s: str) -> bool:
    return bool(re.search(r"(?:局|委|办|部|院|协|会|区|县|政府|中心|公司|单位)(?:[、,，]|$)", s))


def _looks_like_label(s: str) -> bool:
    return 2 <= len(s) <= 16 and not SERIAL.match(s) and not re.search(r"\d", s)


def _align(head: list[str], row: list[str]) -> list[str]:
    """Place a row's cells under the header, anchored on the serial number: departments go to the
    department column, cells after the serial fill the columns after it, labels before it the
    columns before it (merged cells left empty)."""
    ncols = len(head)
    if len(row) >= ncols:
        return row
    out = [""] * ncols
    dept_col = next((k for k, h in enumerate(head) if _is_unit_or_dept_header(h) and h not in ("单位", "计量单位")), None)
    rest = list(row)
    if dept_col is not None and rest and _looks_like_departments(rest[-1]):
        out[dept_col] = rest.pop()
    serial_col = next((k for k, h in enumerate(head) if h in ("序号", "编号")), None)
    pos = next((k for k, c in enumerate(rest) if SERIAL.match(c)), None)
    if serial_col is None or pos is None:
        free = [k for k in range(ncols) if k != dept_col]
        for k, cell in zip(free[max(0, len(free) - len(rest)) :], rest, strict=False):
            out[k] = cell
        return out
    out[serial_col] = rest[pos]
    after = [k for k in range(serial_col + 1, ncols) if k != dept_col]
    for k, cell in zip(after, rest[pos + 1 :], strict=False):
        out[k] = cell
    before = [k for k in range(serial_col - 1, -1, -1) if k != dept_col]
    for k, cell in zip(before, reversed(rest[:pos]), strict=False):
        out[k] = cell
    return out
