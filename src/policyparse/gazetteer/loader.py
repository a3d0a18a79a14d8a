"""Load and validate the gazetteer data files (``departments.yaml``, ``indicators.yaml``, ``places.csv``).

Every problem raises :class:`policyparse.errors.GazetteerError` naming the file and the line (and
the entry id when known): YAML syntax errors, missing/ill-typed fields, unknown categories or
sources, duplicate ids, and two different entries whose normalised names/aliases collide (which
would make a lookup ambiguous).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from policyparse.errors import GazetteerError
from policyparse.gazetteer.normalize import department_key, indicator_key, place_key

DEPARTMENT_CATEGORIES = frozenset(
    {
        "government",
        "party",
        "mass_org",
        "vertical",
        "zone",
        "institution",
        "legislature",
        "cppcc",
        "judicial",
        "military",
        "coordination",
        "collective",
    }
)
LEVELS = frozenset({"national", "province", "city", "county"})
INDICATOR_SOURCES = frozenset({"national", "index", "city-specific", "domain"})
PLACE_LEVELS = frozenset({"province", "city", "county"})
PLACE_COLUMNS = ["adcode", "name", "short_name", "level", "province", "city"]

_DEPT_ID = re.compile(r"^dept(\.[a-z][a-z0-9_]*)+$")
_IND_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_ENTITY_FIELDS = {"city", "city_short", "province", "name"}


@dataclass(frozen=True)
class DepartmentType:
    id: str
    name: str
    aliases: tuple[str, ...]
    category: str
    levels: tuple[str, ...]
    level_names: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    entity_format: str = "{city}{name}"
    note: str | None = None
    line: int = 0
    # bare function words ("财政", "发展改革" in "发展改革、财政等部门"): matched as a whole name, after
    # prefixes are stripped, but never given to the EntityRuler or jieba (they are common words)
    bare: tuple[str, ...] = ()
    # aliases valid only right after a bare place name ("上海金融监管局" = 国家金融监督管理总局上海监管局,
    # whereas "市金融监管局" is the city's own bureau)
    place_aliases: tuple[str, ...] = ()
    # the national body of the same function ("国家建设行政主管部门" -> 住房和城乡建设部)
    national: str | None = None
    # "place": each place's body is its own actor (a district's 人民政府 is not the city's), so the
    # grouping key of a match carries the place (see Match.key)
    identity: str = "type"
    file: str = ""


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    unit: str | None
    aliases: tuple[str, ...]
    assessment: bool
    formula: str | None
    source: str
    category: str | None = None
    subcategory: str | None = None
    number: int | None = None
    related: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    note: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Place:
    adcode: str
    name: str
    short_name: str
    level: str
    province: str
    city: str
    line: int = 0


# ----------------------------------------------------------------------------- YAML with lines


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that records the 1-based line of every mapping under ``__line__``."""

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def _read_yaml(path: Path, top: str) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GazetteerError(path, f"cannot read: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise GazetteerError(path, f"not UTF-8: {exc}") from exc
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise GazetteerError(path, f"{where}invalid YAML: {problem}") from exc
    if not isinstance(data, dict) or not isinstance(data.get(top), list):
        raise GazetteerError(path, f"line 1: expected a top-level mapping with a '{top}' list")
    entries = data[top]
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise GazetteerError(path, f"entry {i + 1} of '{top}': expected a mapping, got {entry!r}")
    return entries


def _err(path: Path, entry: dict[str, Any], msg: str) -> GazetteerError:
    ident = entry.get("id")
    label = f" (entry {ident!r})" if ident else ""
    return GazetteerError(path, f"line {entry.get('__line__', '?')}{label}: {msg}")


def _str(path: Path, entry: dict[str, Any], key: str, *, required: bool = True) -> str | None:
    value = entry.get(key)
    if value is None:
        if required:
            raise _err(path, entry, f"missing required field '{key}'")
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _err(path, entry, f"field '{key}' must be a string, got {type(value).__name__}")
    value = str(value).strip()
    if required and not value:
        raise _err(path, entry, f"field '{key}' is empty")
    return value


def _str_list(path: Path, entry: dict[str, Any], key: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _err(path, entry, f"field '{key}' must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _check_keys(path: Path, entries: list[tuple], keyfn) -> None:
    """Reject duplicate ids and normalised-key collisions between different entries.

    An entry is ``(id, line, names)`` or ``(id, line, names, file)`` when it comes from one of
    several files (the error then names that file)."""
    ids: dict[str, tuple[int, Path]] = {}
    keys: dict[str, tuple[str, int, str, Path]] = {}
    for entry in entries:
        ident, line, names = entry[:3]
        where = Path(entry[3]) if len(entry) > 3 else path
        if ident in ids:
            first_line, first_file = ids[ident]
            at = f"line {first_line}" + (f" of {first_file.name}" if first_file != where else "")
            raise GazetteerError(where, f"line {line} (entry {ident!r}): duplicate id (first at {at})")
        ids[ident] = (line, where)
        for name in names:
            key = keyfn(name)
            if not key:
                raise GazetteerError(where, f"line {line} (entry {ident!r}): name {name!r} normalises to nothing")
            other = keys.get(key)
            if other is not None and other[0] != ident:
                of = f" of {other[3].name}" if other[3] != where else ""
                raise GazetteerError(
                    where,
                    f"line {line} (entry {ident!r}): {name!r} collides with {other[2]!r} of entry "
                    f"{other[0]!r} (line {other[1]}{of}) after normalisation ({key!r})",
                )
            keys[key] = (ident, line, name, where)


# ----------------------------------------------------------------------------- loaders


def department_files(root: Path) -> list[Path]:
    """``departments.yaml`` and any ``departments_*.yaml`` beside it (sorted): one catalogue."""
    root = Path(root)
    return [root / "departments.yaml", *sorted(root.glob("departments_*.yaml"))]


def load_departments(path: Path, *more: Path) -> list[DepartmentType]:
    """Parse and validate ``departments.yaml`` (and further files of the same format: ids and
    normalised names must be unique across all of them)."""
    out: list[DepartmentType] = []
    checks: list[tuple[str, int, tuple[str, ...]]] = []
    for p in (path, *more):
        part = _load_department_file(Path(p))
        out.extend(part)
        checks.extend((d.id, d.line, (d.name, *d.aliases, *d.level_names.values(), *d.bare),
                       d.file) for d in part)
    _check_keys(Path(path), checks, department_key)
    ids = {d.id for d in out}
    for d in out:
        if d.national is not None and d.national not in ids:
            raise GazetteerError(Path(d.file), f"line {d.line} (entry {d.id!r}): national id {d.national!r} does not exist")
    return out


def _load_department_file(path: Path) -> list[DepartmentType]:
    out: list[DepartmentType] = []
    for e in _read_yaml(path, "departments"):
        ident = _str(path, e, "id")
        if not _DEPT_ID.match(ident):
            raise _err(path, e, f"id {ident!r} must look like 'dept.<snake_case>[.<snake_case>]'")
        category = _str(path, e, "category")
        if category not in DEPARTMENT_CATEGORIES:
            raise _err(path, e, f"unknown category {category!r} (one of {sorted(DEPARTMENT_CATEGORIES)})")
        levels = _str_list(path, e, "levels")
        if not levels or not set(levels) <= LEVELS:
            raise _err(path, e, f"levels must be a non-empty subset of {sorted(LEVELS)}")
        level_names = e.get("level_names") or {}
        if not isinstance(level_names, dict) or not all(
            k in LEVELS and isinstance(v, str) for k, v in level_names.items() if k != "__line__"
        ):
            raise _err(path, e, "level_names must map a level to a name")
        level_names = {k: v for k, v in level_names.items() if k != "__line__"}
        identity = _str(path, e, "identity", required=False) or "type"
        if identity not in ("type", "place"):
            raise _err(path, e, f"identity must be 'type' or 'place', got {identity!r}")
        entity = _str(path, e, "entity", required=False) or "{city}{name}"
        fields = set(re.findall(r"{(\w+)}", entity))
        if not fields <= _ENTITY_FIELDS:
            raise _err(path, e, f"entity format uses unknown fields {sorted(fields - _ENTITY_FIELDS)}")
        out.append(
            DepartmentType(
                id=ident,
                name=_str(path, e, "name"),
                aliases=_str_list(path, e, "aliases"),
                category=category,
                levels=levels,
                level_names=level_names,
                entity_format=entity,
                note=_str(path, e, "note", required=False),
                line=e["__line__"],
                bare=_str_list(path, e, "bare"),
                place_aliases=_str_list(path, e, "place_aliases"),
                national=_str(path, e, "national", required=False),
                identity=identity,
                file=str(path),
            )
        )
    return out


def load_indicators(path: Path) -> list[Indicator]:
    """Parse and validate ``indicators.yaml``."""
    path = Path(path)
    out: list[Indicator] = []
    for e in _read_yaml(path, "indicators"):
        ident = _str(path, e, "id")
        if not _IND_ID.match(ident):
            raise _err(path, e, f"id {ident!r} must be ASCII snake_case")
        source = _str(path, e, "source")
        if source not in INDICATOR_SOURCES:
            raise _err(path, e, f"unknown source {source!r} (one of {sorted(INDICATOR_SOURCES)})")
        assessment = e.get("assessment", False)
        if not isinstance(assessment, bool):
            raise _err(path, e, "field 'assessment' must be true or false")
        number = e.get("number")
        if number is not None and (isinstance(number, bool) or not isinstance(number, int)):
            raise _err(path, e, "field 'number' must be an integer")
        if "unit" not in e:
            raise _err(path, e, "missing required field 'unit' (use null for none)")
        out.append(
            Indicator(
                id=ident,
                name=_str(path, e, "name"),
                unit=_str(path, e, "unit", required=False),
                aliases=_str_list(path, e, "aliases"),
                assessment=assessment,
                formula=_str(path, e, "formula", required=False),
                source=source,
                category=_str(path, e, "category", required=False),
                subcategory=_str(path, e, "subcategory", required=False),
                number=number,
                related=_str_list(path, e, "related"),
                cities=_str_list(path, e, "cities"),
                note=_str(path, e, "note", required=False),
                line=e["__line__"],
            )
        )
    _check_keys(path, [(i.id, i.line, (i.name, *i.aliases)) for i in out], indicator_key)
    ids = {i.id for i in out}
    for ind in out:
        for rel in ind.related:
            if rel not in ids:
                raise GazetteerError(path, f"line {ind.line} (entry {ind.id!r}): related id {rel!r} does not exist")
    return out


def load_places(path: Path) -> list[Place]:
    """Parse and validate ``places.csv`` (``#`` comment lines allowed before the header)."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GazetteerError(path, f"cannot read: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise GazetteerError(path, f"not UTF-8: {exc}") from exc
    start = 0
    while start < len(lines) and (lines[start].startswith("#") or not lines[start].strip()):
        start += 1
    if start >= len(lines):
        raise GazetteerError(path, "line 1: no header row")
    reader = csv.reader(lines[start:])
    header = next(reader)
    if [h.strip() for h in header] != PLACE_COLUMNS:
        raise GazetteerError(path, f"line {start + 1}: header must be {','.join(PLACE_COLUMNS)}, got {','.join(header)}")
    out: list[Place] = []
    seen: dict[str, int] = {}
    for offset, row in enumerate(reader, start=start + 2):
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if len(row) != len(PLACE_COLUMNS):
            raise GazetteerError(path, f"line {offset}: expected {len(PLACE_COLUMNS)} columns, got {len(row)}")
        adcode, name, short, level, province, city = (c.strip() for c in row)
        if not re.fullmatch(r"[0-9]{6}([0-9]{6})?", adcode):
            raise GazetteerError(path, f"line {offset}: adcode {adcode!r} is not 6 or 12 digits")
        if not name or not short:
            raise GazetteerError(path, f"line {offset}: empty name or short_name")
        if level not in PLACE_LEVELS:
            raise GazetteerError(path, f"line {offset}: unknown level {level!r} (one of {sorted(PLACE_LEVELS)})")
        if adcode in seen:
            raise GazetteerError(path, f"line {offset}: duplicate adcode {adcode} (first at line {seen[adcode]})")
        seen[adcode] = offset
        if not place_key(name):
            raise GazetteerError(path, f"line {offset}: name normalises to nothing")
        out.append(Place(adcode, name, short, level, province, city, offset))
    return out
