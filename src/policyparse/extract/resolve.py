"""Resolve surface names to gazetteer entries; keep what does not resolve, with its candidates."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def gazetteer() -> Any | None:
    try:
        from policyparse.gazetteer import load_gazetteer

        return load_gazetteer()
    except Exception:  # noqa: BLE001 - extraction still works without gazetteers (ids stay null)
        return None


class Resolver:
    """Per-document resolution with a cache and a list of unmatched names.

    ``issuer`` (the document's issuing body) is the body an internal division named on its own
    (设施养护处) belongs to. A department the catalogue does not hold but that is a body by its
    structure gets its ``uncatalogued:`` id (``method`` "structure", ``uncatalogued`` true, its
    ``body_kind``, the ``parent`` it belongs to) and is still listed in ``unmatched`` with its
    catalogue candidates.
    """

    def __init__(self, city: str | None, issuer: str | None = None):
        self.city = city
        self.issuer = issuer
        self.gaz = gazetteer()
        self.unmatched: dict[tuple[str, str], dict] = {}
        self._cache: dict[tuple[str, str], Any] = {}

    def _match(self, name: str, kind: str) -> Any | None:
        key = (name, kind)
        if key not in self._cache:
            if self.gaz is None:
                self._cache[key] = None
            elif kind == "department":
                self._cache[key] = self.gaz.match(name, kind=kind, city=self.city,
                                                  parent=getattr(self, "issuer", None), structure=True)
            else:
                self._cache[key] = self.gaz.match(name, kind=kind, city=self.city)
        return self._cache[key]

    def department(self, name: str, source: dict | None = None, inferred: bool = False) -> dict:
        m = self._match(name, "department")
        uncatalogued = m is not None and getattr(m, "uncatalogued", False)
        if m is None or m.id is None or uncatalogued:
            cands = [] if m is None else [{"id": c[0], "name": c[1], "score": float(c[2])} for c in m.candidates]
            self.unmatched.setdefault(
                (name, "department"), {"name": name, "kind": "department", "candidates": cands,
                                       **({"source": source} if source else {}),
                                       **({"uncatalogued": {"id": m.id, "body_kind": m.body_kind}}
                                          if uncatalogued else {})}
            )
        if m is None or m.id is None:
            d = {"name": name, "id": None, "entity": None, "score": float(m.score) if m else 0.0, "method": "unmatched"}
        else:
            d = {"name": name, "id": m.id, "entity": m.entity, "score": float(m.score), "method": m.method}
            if m.key and m.key != m.id:
                d["key"] = m.key
            if uncatalogued:
                d["uncatalogued"] = True
                d["body_kind"] = m.body_kind
                if m.parent:
                    d["parent"] = m.parent
        if inferred:
            d["inferred"] = True
        return d

    def indicator(self, name: str, *, strict: bool = False) -> str | None:
        """Canonical indicator id; ``strict`` refuses fuzzy matches (for item titles, where a
        task such as "培优高新技术企业" must not become the indicator it resembles)."""
        if not name:
            return None
        m = self._match(name, "indicator")
        if m is None or m.id is None or (strict and m.method == "fuzzy"):
            return None
        return m.id
