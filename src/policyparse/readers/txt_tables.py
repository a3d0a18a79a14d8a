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
    r"^(?:序号|编号|[一二三]级指标|指\s*标(?:名称|内容)?|指标项|主要指标|单位|计量单位|责任单位|牵头单位|责任部门|牵头部门|配合单位|配合部门|"
    r"协同单位|协同部门|参与单位|参与部门|实施主体|责任主体|牵头|配合|"
    r"目标值?|预期值|预期目标|现状值?|基期值?|基准值|属性|指标属性|指标性质|性质|"
    r"(?:(?:19|20)\d\d|[“\"]?十[一二三四五六]五[”\"]?)(?:年|年末|末|期末)?(?:目标值?|现状|基数|计划|工作项目|工作任务|任务|预期值?|实际值?)?|"
    r"任务分类|主要方向|(?:重点|主要|工作|具体)?任务(?:[(（][^()（）]{0,14}[)）])?|工作内容|任务内容|具体措施|主要内容|"
    r"完成时限|完成时间|时间节点|时限|进度安排|领域|省份|省\(区、市\)|城市|名称|类别|备注|权重|分值)$"
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


# Words that only make a column label together with the next line: "牵头 / 部门", "任务 / 分类".
HEADER_FRAGMENT = re.compile(r"^(?:任务|分类|牵头|配合|协同|参与|实施|责任|主要|重点|完成|工作|计量|指标|目标|主体|部门|单位|时限|方向)$")
# A row marker in a task column: "(3)建设…", "（12）…"
ROW_MARKER = re.compile(r"^[(（]\d{1,3}[)）]\s*\S")
# Merged group labels printed once before a group of rows: "（一）", "1、改善城市道路环境", "一、…"
GROUP_LABEL = re.compile(r"^(?:[(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[、.．](?!\d))")


def _cells(lines: list[str], nonblank: list[int], blank_separated: bool) -> list[tuple[int, int, str]]:
    """(first line, last line, text) of each cell: one per line, or, when cells are separated by
    blank lines, one per run of consecutive lines (a wrapped cell: "与全市经济增速 / 保持同步")."""
    out: list[tuple[int, int, str]] = []
    for k in nonblank:
        if blank_separated and out and out[-1][1] == k - 1:
            a, _, t = out[-1]
            out[-1] = (a, k, t + "\n" + lines[k].strip())
        else:
            out.append((k, k, lines[k].strip()))
    return out


def _header_run(cells: list[tuple[int, int, str]], pos: int) -> tuple[list[str], int]:
    """Column labels starting at ``cells[pos]`` (split labels joined) and the index after them."""
    head: list[str] = []
    q = pos
    while q < len(cells):
        t = re.sub(r"\s+", "", cells[q][2])
        if "\n" in cells[q][2] and HEADER_WORD.match(t):
            head.append(t)
            q += 1
            continue
        nxt = re.sub(r"\s+", "", cells[q + 1][2]) if q + 1 < len(cells) else ""
        if HEADER_FRAGMENT.match(t) and nxt and HEADER_WORD.match(t + nxt) and not (HEADER_WORD.match(t) and HEADER_WORD.match(nxt)):
            head.append(t + nxt)
            q += 2
        elif HEADER_WORD.match(cells[q][2].strip()) or HEADER_WORD.match(t):
            head.append(t)
            q += 1
        else:
            break
    return head, q


def _is_table_header(head: list[str]) -> bool:
    if len(head) < 3 and not (len(head) == 2 and any("指" in h for h in head)):
        return False
    return any("指" in h or "单位" in h or "部门" in h or "任务" in h or "牵头" in h or "主体" in h for h in head)


def find_line_tables(lines: list[str], taken: set[int]) -> list[TableRun]:
    """Tables flattened to one cell per line (or per blank-separated line run) after a run of header labels."""
    runs: list[TableRun] = []
    nonblank = [k for k, s in enumerate(lines) if s.strip() and k not in taken]
    by_mode = {mode: _cells(lines, nonblank, mode) for mode in (False, True)}
    line = 0  # the first line not yet used
    k = 0
    while k < len(nonblank):
        if nonblank[k] < line:
            k += 1
            continue
        first = lines[nonblank[k]].strip()
        if not HEADER_WORD.match(re.sub(r"\s+", "", first)) and not HEADER_FRAGMENT.match(first):
            k += 1
            continue
        near = nonblank[k : k + 24]
        seps = [b - a for a, b in zip(near, near[1:], strict=False)]
        mode = bool(seps) and sum(1 for d in seps if d >= 2) >= 0.6 * len(seps)
        cells = by_mode[mode]
        pos = next((i for i, c in enumerate(cells) if c[0] == nonblank[k]), None)
        if pos is None:  # the line continues a wrapped cell: no table starts here
            k += 1
            continue
        run = _table_at(cells, pos)
        if run is None:
            k += 1
            continue
        runs.append(run)
        line = run.last + 1
    return runs


def _table_at(cells: list[tuple[int, int, str]], pos: int) -> TableRun | None:
    head, q = _header_run(cells, pos)
    if not _is_table_header(head):
        return None
    markers = any(ROW_MARKER.match(cells[k][2]) for k in range(q, min(len(cells), q + 12)))
    body: list[int] = []
    while q < len(cells):
        s = cells[q][2]
        note_in_row = markers and any(ROW_MARKER.match(cells[k][2]) for k in range(q + 1, min(len(cells), q + 12)))
        if (NOTE.match(s) and not note_in_row) or re.match(r"^(?:附件|附表)\s*\d*\s*[:：]?$", s) or (
                re.match(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])", s) and not markers):
            break
        if _is_prose(s) and not markers and not _continues_serial_row(cells, body, q):
            break
        if HEADER_WORD.match(re.sub(r"\s+", "", s)) and body and _header_run(cells, q)[1] - q >= 3:
            break  # the next table's header
        body.append(q)
        q += 1
    if not body:
        return None
    texts = [cells[b][2] for b in body]
    rows = [head, *(_marker_rows(head, texts) if markers else _split_rows(head, texts))]
    return TableRun(cells[pos][0], cells[body[-1]][1], rows)


def _continues_serial_row(cells: list[tuple[int, int, str]], body: list[int], q: int) -> bool:
    """A long cell inside a serial-numbered table (a target written as a sentence) when a serial
    number follows within the next few cells."""
    if not body:
        return False
    nxt = [cells[k][2] for k in range(q + 1, min(len(cells), q + 6))]
    return any(SERIAL.match(c) for c in nxt) and any(SERIAL.match(cells[k][2]) for k in body)


def _dept_cols(head: list[str]) -> list[int]:
    return [k for k, h in enumerate(head) if re.search(r"牵头|配合|协同|参与|责任|实施主体|主体|部门", h)
            and h not in ("单位", "计量单位")]


def _looks_like_body(s: str) -> bool:
    """A cell naming bodies ("设施养护处", "市交通委（计划财务处）", "各行业主管部门、各区"): short, no
    figures, ending in a body suffix."""
    s = s.strip()
    if len(s) > 60 or re.search(r"\d", s) or s.endswith("。"):
        return False
    return bool(re.search(r"(?:局|委|办|部|厅|院|协|会|区|县|市|政府|中心|公司|集团|单位|处|科|室|站|队|所|行)"
                          r"(?:[)）])?(?:[、,，；;]|$)", s))


def _marker_rows(head: list[str], cells: list[str]) -> list[list[str]]:
    """Rows of a task table whose rows open with "(N)…" in the task column. Group labels before a
    row fill the columns before it (and hold for the rows below, as merged cells do); value cells
    fill the columns after it; trailing body names fill the department columns from the right
    (extra names join the first one, a lead cell written on two lines); a row with no department
    cells takes the previous row's (a merged department cell)."""
    ncols = len(head)
    depts = _dept_cols(head)
    task_col = next((k for k, h in enumerate(head) if "任务" in h and "分类" not in h), None)
    if task_col is None:
        task_col = next((k for k in range(ncols) if k not in depts), 0)
    values = [k for k in range(task_col + 1, ncols) if k not in depts]
    labels_cols = list(range(task_col))
    groups: list[list[str]] = []
    for c in cells:
        if ROW_MARKER.match(c) or not groups:
            groups.append([c])
        else:
            groups[-1].append(c)
    rows: list[list[str]] = []
    labels = [""] * len(labels_cols)
    prev_depts = [""] * len(depts)
    pending: list[str] = []
    for g in groups:
        if not ROW_MARKER.match(g[0]):
            pending = g
            continue
        body = g[1:]
        # trailing group labels belong to the next row
        # the label run at the end (group labels and the short texts following them) opens the next row
        tail: list[str] = []
        cut = next((j for j in range(len(body)) if GROUP_LABEL.match(body[j]) and all(
            not _looks_like_body(x) or GROUP_LABEL.match(x) or len(x) <= 16 for x in body[j:])), None)
        if cut is not None:
            tail = body[cut:] + tail
            body = body[:cut]
        new_labels = _group_labels(pending, len(labels_cols))
        for j, lab in enumerate(new_labels):
            if lab:
                labels[j] = lab
                for jj in range(j + 1, len(labels)):
                    labels[jj] = ""
        pending = tail
        n_dept = 0
        while n_dept < len(body) and _looks_like_body(body[len(body) - 1 - n_dept]):
            n_dept += 1
        dept_cells = body[len(body) - n_dept :]
        value_cells = body[: len(body) - n_dept]
        row = [""] * ncols
        for j, col in enumerate(labels_cols):
            row[col] = labels[j]
        row[task_col] = g[0]
        for col, v in zip(values, value_cells, strict=False):
            row[col] = v
        if dept_cells:
            if len(dept_cells) > len(depts):
                extra = len(dept_cells) - len(depts) + 1
                dept_cells = ["、".join(dept_cells[:extra]), *dept_cells[extra:]]
            row_depts = [""] * (len(depts) - len(dept_cells)) + dept_cells
            prev_depts = row_depts
        else:
            row_depts = prev_depts
        for col, v in zip(depts, row_depts, strict=False):
            row[col] = v
        rows.append(row)
    return rows


def _group_labels(cells: list[str], n: int) -> list[str]:
    """Group label texts for ``n`` label columns: "（一）" + "提升…" join; "1、改善…" is the next level."""
    out: list[str] = []
    k = 0
    while k < len(cells):
        c = cells[k]
        if re.fullmatch(r"[(（][一二三四五六七八九十]{1,3}[)）]", c) and k + 1 < len(cells):
            out.append(c + cells[k + 1])
            k += 2
            continue
        out.append(c)
        k += 1
    out = out[-n:] if n else []
    if len(out) < n:
        # only the deeper level changed: align to the right
        out = [""] * (n - len(out)) + out
    return out


def _split_rows(head: list[str], cells: list[str]) -> list[list[str]]:
    """Split body cells into rows (mutates ``head`` to add a serial column the header lacked)."""
    ncols = len(head)
    serials = _serial_positions(cells)
    if not serials:
        return [cells[k : k + ncols] for k in range(0, len(cells), ncols)]
    if not any(h in ("序号", "编号") for h in head):
        free = [k for k, h in enumerate(head) if not _is_unit_or_dept_header(h)]
        head.insert(free[-1] if free else 0, "序号")
    # a column before the serial one holds merged group labels ("一级指标 | 序号 | 二级指标")
    labels_first = next((k for k, h in enumerate(head) if h in ("序号", "编号")), 0) > 0
    rows: list[list[str]] = []
    carry: list[str] = cells[: serials[0]]
    for r, start in enumerate(serials):
        end = serials[r + 1] if r + 1 < len(serials) else len(cells)
        row = carry + cells[start:end]
        carry = []
        # a merged first-column label printed just before the next serial belongs to the next row
        if r + 1 < len(serials) and labels_first and len(row) > 3 and _looks_like_label(row[-1]) and not _looks_like_departments(row[-1]):
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
