"""Fill document metadata the extractor left empty, before storing.

Two sources, in order, and only for fields that are null (what the document itself says always
wins); every filled field is recorded in ``document["filled"]`` (field -> source):

1. a corpus manifest: ``metadata.yaml`` beside the file, mapping a file stem (or a ``files:`` list)
   to ``title``, ``issuer``, ``doc_number``, ``date``, ``status``, ``city``, ``province``;
2. the places gazetteer: a city named at the start of the issuer or the title (``陇南市提升...``,
   ``泰安市人民政府``), and the province of a known city.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

FIELDS = ("title", "issuer", "doc_number", "date", "city", "province")
_LEADING_PLACE = re.compile(r"^([\u4e00-\u9fff]{2,8}?(?:市|州|盟|地区))")


@functools.lru_cache(maxsize=64)
def _manifest(folder: str, mtime: float) -> dict[str, dict]:
    import yaml

    try:
        data = yaml.safe_load((Path(folder) / "metadata.yaml").read_text(encoding="utf-8")) or {}
    except Exception:
        return {}
    out: dict[str, dict] = {}
    if not isinstance(data, dict):
        return {}
    for key, entry in data.items():
        if not isinstance(entry, dict):
            continue
        out[str(key)] = entry
        for f in entry.get("files") or []:
            out[str(f)] = entry
    return out


def manifest_entry(path: str | Path) -> dict | None:
    p = Path(path)
    m = p.parent / "metadata.yaml"
    if not m.is_file():
        return None
    table = _manifest(str(p.parent), m.stat().st_mtime)
    return table.get(p.name) or table.get(p.stem)


def _gazetteer():
    try:
        from policyparse.gazetteer import load_gazetteer

        return load_gazetteer()
    except Exception:
        return None


def _city_from(text: str | None, gaz: Any) -> Any:
    if not text or gaz is None:
        return None
    m = _LEADING_PLACE.match(text.strip())
    if not m:
        return None
    place = gaz.place(m.group(1))
    if place is not None and place.level == "city":
        return place
    return None


def complete_document(facts: dict, path: str | Path) -> dict:
    """Fill null metadata of ``facts["document"]`` in place (see module doc); returns ``facts``."""
    doc = facts["document"]
    filled: dict[str, str] = dict(doc.get("filled") or {})
    entry = manifest_entry(path)
    if entry:
        for k in FIELDS:
            if doc.get(k) in (None, "") and entry.get(k) not in (None, ""):
                doc[k] = str(entry[k])
                filled[k] = "metadata.yaml"
    if not doc.get("city") or not doc.get("province"):
        gaz = _gazetteer()
        if not doc.get("city"):
            for field in ("issuer", "title"):
                place = _city_from(doc.get(field), gaz)
                if place is not None:
                    doc["city"] = place.name
                    filled["city"] = f"gazetteer:{field}"
                    break
        if doc.get("city") and not doc.get("province") and gaz is not None:
            place = gaz.place(doc["city"])
            if place is not None and place.province:
                doc["province"] = place.province
                filled["province"] = "gazetteer:city"
    if filled:
        doc["filled"] = filled
    return facts
