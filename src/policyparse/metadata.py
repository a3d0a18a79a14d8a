"""Document-level metadata from the normalised text: title, issuer, 文号, date, status, place, citations."""

from __future__ import annotations

import re

from policyparse.model import Block, BlockKind, Metadata

# 文号: issuer abbreviation + 〔year〕 + number + 号 ("泰政发〔2022〕13号", "国科发创〔2016〕370号").
DOC_NUMBER = re.compile(r"[\u4e00-\u9fa5]{1,8}[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*\d{1,4}\s*号")
# Characters that never occur in an issuer's 文号 abbreviation but do precede one in running
# text ("发文字号临政字…", "…的通知临政字…"): the abbreviation starts after the last of them.
_NOT_IN_ABBREVIATION = re.compile(r"^.*[号的知文件和及与、印转《》“”:：,，]")


def _doc_number(raw: str) -> str:
    raw = re.sub(r"\s+", "", raw)
    cut = re.search(r"[〔\[【(（]", raw).start()
    return _NOT_IN_ABBREVIATION.sub("", raw[:cut]) + raw[cut:]
DATE_CN = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
DATE_ISO = re.compile(r"((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})")
DRAFT = re.compile(r"(讨论稿|征求意见稿|送审稿|草案|试行稿|修改稿|初稿)")
ISSUER = re.compile(
    r"^([\u4e00-\u9fa5、]{2,40}?(?:人民政府办公室|人民政府办公厅|人民政府|委员会|办公室|办公厅|部|委|局|厅))(?:\s*文件)?$"
)
TITLE_HINT = re.compile(r"(关于|意见|方案|计划|通知|办法|规划|指引|决定|措施|纲要)")
DATE_LABEL = re.compile(r"成文日期\s*[:：]?\s*((?:19|20)\d{2})[-年.](\d{1,2})[-月.](\d{1,2})")


def _iso(y: str, m: str, d: str) -> str:
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


# A title broken over lines ("关于印发推动2025年第一季度经济" / "“开门红”若干政策措施的通知") goes on
# until it ends like a title
TITLE_END = re.compile(r"(?:通知|意见|方案|计划|规划|纲要|办法|规定|措施|细则|决定|要点|条例|批复|函|公告|通告|报告)[》”]?$")


def _title(blocks: list[Block]) -> str | None:
    for k, b in enumerate(blocks[:15]):
        t = b.text.strip()
        if b.kind is BlockKind.TABLE or len(t) < 6 or len(t) > 80:
            continue
        if t.startswith("关于") and not TITLE_END.search(t):
            for nxt in blocks[k + 1 : k + 3]:
                n = nxt.text.strip()
                if nxt.kind is BlockKind.TABLE or len(t + n) > 80 or n.endswith("。") or DOC_NUMBER.fullmatch(n):
                    break
                t += n
                if TITLE_END.search(t):
                    break
            if not TITLE_END.search(t):
                t = b.text.strip()
        if TITLE_HINT.search(t) and not t.endswith("。") and not DOC_NUMBER.fullmatch(t):
            t = re.sub(r"^标题\s*", "", t)
            return re.sub(r"\s*[(（](讨论稿|征求意见稿|送审稿)[)）]\s*$", "", t)
    return None


def _date(text: str, blocks: list[Block]) -> str | None:
    m = DATE_LABEL.search(text)
    if m:
        return _iso(*m.groups())
    # the signature date line near the end of the body (before attachments), else the first date line
    body = [b for b in blocks if b.section is None and b.kind is not BlockKind.TABLE]
    for b in reversed(body):
        m = DATE_CN.fullmatch(b.text.strip()) or DATE_ISO.match(b.text.strip())
        if m:
            return _iso(*m.groups()[:3])
    for b in blocks[:10]:
        m = DATE_CN.fullmatch(b.text.strip()) or DATE_ISO.match(b.text.strip())
        if m:
            return _iso(*m.groups()[:3])
    return None


def _issuer(blocks: list[Block]) -> str | None:
    for b in blocks[:12]:
        t = re.sub(r"\s+", "", b.text)
        m = re.search(r"发文机关([\u4e00-\u9fa5]{2,30}?)(?:发文字号|$)", t)
        if m:
            return m.group(1)
    for b in blocks[:12]:  # the red header: "XX人民政府文件", "科学技术部 国家发展改革委 文件"
        t = re.sub(r"\s+", "", b.text)
        if t.endswith("文件") and len(t) <= 40:
            m = ISSUER.match(t)
            if m:
                return m.group(1)
    for b in blocks[:12]:
        t = b.text.strip()
        m = ISSUER.match(t.replace(" ", ""))
        if m and not TITLE_HINT.search(t):
            return m.group(1)
    # the signature line: an organ name right before the closing date
    body = [b for b in blocks if b.section is None]
    for i in range(len(body) - 1, 0, -1):
        if DATE_CN.fullmatch(body[i].text.strip()):
            m = ISSUER.match(body[i - 1].text.strip())
            if m:
                return m.group(1)
    return None


def read_metadata(text: str, blocks: list[Block]) -> Metadata:
    head = text[:1500]
    numbers = [_doc_number(m.group(0)) for m in DOC_NUMBER.finditer(text)]
    own = None
    for b in blocks[:20]:
        m = DOC_NUMBER.search(b.text)
        if m and (len(b.text.strip()) <= len(m.group(0)) + 12 or "发文字号" in b.text):
            own = _doc_number(m.group(0))
            break
    cites = tuple(dict.fromkeys(n for n in numbers if n != own))
    draft = DRAFT.search(head)
    issuer = _issuer(blocks)
    title = _title(blocks)
    city, province = _place(issuer or "", title or "")
    if city is None and province is None:
        body = "\n".join(b.text for b in blocks if b.section is None and b.kind is not BlockKind.TABLE)
        city, province = _dominant_city(body)
    return Metadata(
        title=title,
        issuer=issuer,
        doc_number=own,
        date=_date(text, blocks),
        status="draft" if draft else "final",
        status_text=draft.group(1) if draft else None,
        city=city,
        province=province,
        cites=cites,
    )


def _place(issuer: str, title: str) -> tuple[str | None, str | None]:
    """City and province of the issuer (or, failing that, of the title), from the place gazetteer.
    Other places in the text (receipt stamps, cited provinces) do not make a document theirs."""
    try:
        from policyparse.gazetteer import load_gazetteer

        gaz = load_gazetteer()
    except Exception:  # gazetteer not available: metadata without place
        return None, None
    for source in (issuer, title):
        place = gaz.find_place(source) if hasattr(gaz, "find_place") else None
        if place is not None:
            return place
    return None, None


# The city a document is about when its issuer does not say: the city named at least this many
# times in the body, and at least twice as often as any other city.
DOMINANT_CITY_MIN_MENTIONS = 3


def _dominant_city(body: str) -> tuple[str | None, str | None]:
    try:
        from policyparse.gazetteer import load_gazetteer

        gaz = load_gazetteer()
        pattern = _place_pattern(gaz)
    except Exception:  # noqa: BLE001 - no gazetteer: no place
        return None, None
    counts: dict[tuple[str, str], int] = {}
    for m in pattern.finditer(body):
        place = gaz.place(m.group(0))
        if place is None or place.level != "city":
            continue
        key = (place.name, place.province)
        counts[key] = counts.get(key, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < DOMINANT_CITY_MIN_MENTIONS:
        return None, None
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None, None
    return ranked[0][0]


_PATTERN_CACHE: dict[int, re.Pattern[str]] = {}


def _place_pattern(gaz) -> re.Pattern[str]:
    key = id(gaz)
    if key not in _PATTERN_CACHE:
        forms = sorted({f for f in gaz.place_surface_forms() if len(f) >= 2}, key=len, reverse=True)
        _PATTERN_CACHE[key] = re.compile("|".join(map(re.escape, forms)))
    return _PATTERN_CACHE[key]
