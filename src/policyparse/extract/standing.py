"""Standing notes: a roles line that names bodies for every later item and says it will not repeat them.

Chinese plans often write once, in the first item's roles parenthesis, that every following measure
is also carried out by the lower governments: "以下均需各市、县人民政府落实,不再一一列出",
"以下任务均需各市落实,不再列出", "各项措施责任单位均包括各市〔州〕、各县〔市、区、特区〕人民政府,以下不再列出".
Those bodies are responsible for each later task and target, although no later item names them; the
facts that receive them are flagged ``responsible_from_standing_note``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policyparse.extract.roles import find_roles, looks_like_department, split_names

_NOT_REPEATED = r"(?:不再|不另|不一一)(?:一一|重复|单独|逐一|另行)?列(?:出|明|举)"
# "以下(任务|政策|措施)均需/均由 X (负责)落实, 不再列出"
_BELOW_BY = re.compile(
    r"以下(?:各项)?(?:任务|政策|措施|工作|事项)?(?:均|都|皆)?(?:需|须|由|要|需要)(?P<names>[^。;；]{2,80}?)"
    r"(?:负责)?(?:组织)?(?:落实|实施|执行)[,，。;；]?\s*" + _NOT_REPEATED)
# "各项措施责任单位均包括 X, 以下不再列出"
_ALL_INCLUDE = re.compile(
    r"(?:各项|所有|全部)?(?:措施|任务|政策|工作)?(?:的)?(?:责任单位|落实单位|实施主体)均(?:包括|含|为)"
    r"(?P<names>[^。;；]{2,80}?)[,，;；。]\s*以下" + _NOT_REPEATED)
_OPEN = "(（〔［["
# "各市", "各县": an abbreviation of the bodies the same parenthesis names in full
_SHORT_COLLECTIVE = re.compile(r"^各.{1,2}$")
FLAG = "responsible_from_standing_note"


@dataclass(frozen=True)
class StandingNote:
    end: int  # facts whose source starts after this offset receive the names
    names: tuple[tuple[str, int], ...]  # (surface name, offset in the document text)


def find_standing_notes(text: str) -> list[StandingNote]:
    """Every standing note of a document's text, in order."""
    if "列" not in text:  # every note ends "不再(…)列出/列明/列举": most documents have none
        return []
    notes = []
    for rx in (_BELOW_BY, _ALL_INCLUDE):
        for m in rx.finditer(text):
            names = [(n, p) for n, p in split_names(m.group("names"), m.start("names")) if looks_like_department(n)]
            if names and all(_SHORT_COLLECTIVE.match(n) for n, _ in names):
                names = _same_parenthesis_responsible(text, m.start()) or names
            if names:
                notes.append(StandingNote(m.end(), tuple(names)))
    return sorted(notes, key=lambda n: n.end)


def _same_parenthesis_responsible(text: str, at: int) -> list[tuple[str, int]]:
    """The responsible bodies named before the note inside its own parenthesis."""
    opening = max(text.rfind(c, max(0, at - 200), at) for c in _OPEN)
    if opening < 0:
        return []
    found = find_roles(text[opening + 1 : at])
    return [(n, opening + 1 + p) for n, p in found.responsible]


def apply_standing_notes(notes: list[StandingNote], facts: list[dict], resolve) -> None:
    """Append each note's bodies to the responsible of the facts after it that lack them.

    ``resolve(names)`` turns (name, offset) pairs into department dicts (the extract JSON's form).
    """
    for note in notes:
        bodies = resolve(list(note.names))
        for fact in facts:
            if fact["source"]["start"] < note.end:
                continue
            have = {d.get("id") or d["name"] for d in fact["lead"] + fact["responsible"]}
            have |= {d["name"] for d in fact["lead"] + fact["responsible"]}
            added = [d for d in bodies if (d.get("id") or d["name"]) not in have and d["name"] not in have]
            if added:
                fact["responsible"].extend(dict(d) for d in added)
                if FLAG not in fact["flags"]:
                    fact["flags"].append(FLAG)
