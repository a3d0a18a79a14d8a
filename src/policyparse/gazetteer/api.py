"""Functions wrapped by ``policyparse gazetteer lookup`` / ``check`` (re-exported by policyparse.api)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policyparse.errors import PolicyParseError, ReadError
from policyparse.gazetteer import load_gazetteer
from policyparse.gazetteer.matcher import Match
from policyparse.gazetteer.mentions import Mention, find_mentions

CHECK_KINDS = ("department", "indicator")


def lookup(name: str, city: str | None = None, kind: str = "department", root: Path | None = None,
           parent: str | None = None) -> Match:
    """Resolve one name (department, indicator or place); ``city`` scopes department entities.

    Against the catalogue: a department name it lacks that is a body by its structure is unmatched
    and carries its uncatalogued recognition in ``structural`` (``to_dict()["uncatalogued"]``);
    ``parent`` is the issuing body an internal division belongs to."""
    return load_gazetteer(root).match(name, kind=kind, city=city, parent=parent)


@dataclass(frozen=True)
class Unresolved:
    """A department/indicator-like name found in a document that does not resolve."""

    path: str
    line: int
    kind: str
    name: str
    context: str
    candidates: tuple[tuple[str, str, float], ...] = ()
    uncatalogued: tuple[str, str] | None = None  # (id, body kind) when the name is a body by its structure

    def to_dict(self) -> dict[str, Any]:
        return {
            **({"uncatalogued": {"id": self.uncatalogued[0], "body_kind": self.uncatalogued[1]}}
               if self.uncatalogued else {}),
            "path": self.path,
            "line": self.line,
            "kind": self.kind,
            "name": self.name,
            "context": self.context,
            "candidates": [{"id": i, "name": n, "score": round(float(s), 1)} for i, n, s in self.candidates],
        }


class CheckResult(list):
    """The unresolved names (a list of :class:`Unresolved`) plus what was checked."""

    def __init__(self, items: Iterable[Unresolved] = ()):
        super().__init__(items)
        self.documents: list[str] = []
        self.checked: dict[str, int] = {k: 0 for k in CHECK_KINDS}
        self.resolved: dict[str, int] = {k: 0 for k in CHECK_KINDS}
        self.skipped: list[dict[str, Any]] = []  # institutions (universities ...) that are not departments
        self.methods: dict[str, int] = {}

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "checked": self.checked,
            "resolved": self.resolved,
            "methods": self.methods,
            "unresolved": [u.to_dict() for u in self],
            "skipped": self.skipped,
        }


@dataclass
class _Doc:
    path: str
    text: str
    city: str | None = None
    mentions: list[Mention] = field(default_factory=list)


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".") and f.suffix
                              in {".txt", ".pdf", ".docx", ".html", ".htm"}))
        else:
            out.append(p)
    return out


def _read(path: Path) -> tuple[str, str | None]:
    """Normalised text (policyparse.readers.read_document) and the document's city if known."""
    try:
        from policyparse.readers import read_document

        doc = read_document(path)
        city = getattr(getattr(doc, "metadata", None), "city", None)
        return doc.text, city
    except PolicyParseError:
        raise
    except Exception as exc:  # noqa: BLE001 - reader stack unavailable: plain text files still work
        if path.suffix.lower() == ".txt":
            try:
                return path.read_text(encoding="utf-8"), None
            except (OSError, UnicodeDecodeError) as inner:
                raise ReadError(path, f"cannot read text: {inner}") from inner
        raise ReadError(path, f"cannot read: {exc}") from exc


def check(
    paths: Iterable[str | Path],
    kinds: Iterable[str] = CHECK_KINDS,
    root: Path | None = None,
) -> CheckResult:
    """Find department/indicator-like names in the documents and return those that do not resolve.

    Directories are searched recursively for .txt/.pdf/.docx/.html files. Raises
    :class:`~policyparse.errors.ReadError` (naming the file) for unreadable files.
    """
    gaz = load_gazetteer(root)
    kinds = tuple(kinds)
    result = CheckResult()
    for path in _expand(paths):
        text, city = _read(path)
        if city is None:
            found = gaz.find_place(text[:2000])
            city = found[0] if found else None
        result.documents.append(str(path))
        _, mentions = find_mentions(text)
        for m in mentions:
            if m.kind == "institution":
                result.skipped.append({"path": str(path), "line": m.line, "name": m.text, "kind": m.kind})
                continue
            if m.kind not in kinds:
                continue
            result.checked[m.kind] += 1
            match = gaz.match(m.text, kind=m.kind, city=city)
            if match.id is None:
                st = match.structural
                result.append(Unresolved(str(path), m.line, m.kind, m.text, m.context, match.candidates,
                                         (st.id, st.body_kind) if st is not None else None))
            else:
                result.resolved[m.kind] += 1
                result.methods[match.method] = result.methods.get(match.method, 0) + 1
    return result
