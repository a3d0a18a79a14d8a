"""``renormalise``: re-apply updated gazetteers to the stored facts, without re-reading any file.

What is re-resolved, from the surface names kept in the store, exactly as extraction resolves
them (:class:`policyparse.extract.resolve.Resolver`, with the city the extractor saw):

* every department mention (``dept_mentions``: type id, city-scoped entity, score, method);
* every target's ``indicator_id`` (its indicator name, the scope-free form, then the enclosing
  numbered item's indicator, as :func:`policyparse.extract.extract_document` does) and its
  ``indicator_key`` (that id, else the uncatalogued key of its normalised name);
* the ``indicator_id`` (and ``kind`` indicator/task) of assignments made from a numbered item
  (strict match of the item title) or an indicator-table row;
* the ``indicator_leads`` rows (the answers of ``lead``) of every document with a change;
* the ``unmatched`` list of each document (names that now resolve leave it, names that no longer
  resolve join it with their candidates and first position in the text).

Everything happens in ONE transaction (all or nothing) and takes seconds for the whole store: one
gazetteer lookup per distinct (name, city). What renormalise cannot do: find facts the extractor
did not detect (new phrasings, a changed segmentation): that needs a re-ingest.
"""

from __future__ import annotations

import bisect
import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from policyparse.extract.resolve import Resolver
from policyparse.gazetteer.normalize import target_indicator_key
from policyparse.store.leads import refresh_leads
from policyparse.store.schema import connect

MAX_LISTED = 200  # changes listed in the summary (all are counted)
# keys of a department resolution kept in dept_mentions.extra (see Resolver.department)
RESOLUTION_EXTRA = ("key", "uncatalogued", "body_kind", "parent")


@dataclass
class RenormaliseSummary:
    """What one ``renormalise`` run changed (counts of changed resolutions)."""

    store: str
    gazetteers: str
    documents: int = 0
    dept_mentions: int = 0  # mentions examined
    departments_changed: int = 0  # mentions whose id/entity/score/method changed
    target_indicators_changed: int = 0
    assignment_indicators_changed: int = 0  # includes kind task <-> indicator
    unmatched_added: int = 0
    unmatched_removed: int = 0
    seconds: float = 0.0
    changes: list[dict] = field(default_factory=list)  # first MAX_LISTED: {kind, name, city, old, new}

    @property
    def changed(self) -> int:
        return (self.departments_changed + self.target_indicators_changed + self.assignment_indicators_changed
                + self.unmatched_added + self.unmatched_removed)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["changed"] = self.changed
        return d


class _StoreResolver(Resolver):
    """The extractor's resolver, on a given gazetteer instead of the process-wide cached one."""

    def __init__(self, city: str | None, gaz: Any, issuer: str | None = None):
        self.city = city
        self.issuer = issuer
        self.gaz = gaz
        self.unmatched = {}
        self._cache = {}


def fresh_gazetteer(root: str | Path | None = None) -> tuple[Any, Path]:
    """Load the gazetteer files under ``root`` (default: :func:`policyparse.gazetteer.default_root`)
    from disk now, bypassing the per-process cache (the files may have changed since)."""
    from policyparse.gazetteer import default_root
    from policyparse.gazetteer.loader import department_files, load_departments, load_indicators, load_places
    from policyparse.gazetteer.matcher import Gazetteer

    root = Path(root) if root is not None else default_root()
    root = root.resolve()
    return Gazetteer(load_departments(*department_files(root)), load_indicators(root / "indicators.yaml"),
                     load_places(root / "places.csv")), root


def _j(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


def _items(blocks: list[tuple]) -> list[tuple[int, int, str, str]]:
    """(start, end, label, title) of the numbered items, as :func:`policyparse.extract.items.find_items`."""
    from policyparse.extract.items import item_label
    from policyparse.model import Block, BlockKind

    items = []
    current: list[tuple] = []

    def close() -> None:
        if current:
            first = current[0]
            b = Block(index=first[0], kind=BlockKind.LIST_ITEM, text=first[5] or "", start=first[2],
                      end=first[3], page=1, number=first[4])
            label, title = item_label(b)
            items.append((first[2], current[-1][3], label, title))

    for blk in blocks:  # (idx, kind, start, end, number, text)
        kind = blk[1]
        if kind == "list_item":
            close()
            current = [blk]
        elif kind == "paragraph" and current:
            current.append(blk)
        else:
            close()
            current = []
    close()
    return items


def _item_at(items: list[tuple], starts: list[int], offset: int | None, label: str | None) -> tuple | None:
    if offset is None or label is None:
        return None
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and items[i][0] <= offset < items[i][1] and items[i][2] == label:
        return items[i]
    return None


def renormalise(store: str | Path, *, gazetteers: str | Path | None = None, dry_run: bool = False
                ) -> RenormaliseSummary:
    """Re-resolve the stored facts of ``store`` with the gazetteers under ``gazetteers``
    (default: the ``POLICYPARSE_GAZETTEERS`` / source-tree gazetteers, read from disk now).

    Returns a :class:`RenormaliseSummary` with the counts of changed resolutions and the first
    changes. ``dry_run`` computes everything and rolls back.
    """
    from policyparse.extract import _Builder

    t0 = time.perf_counter()
    gaz, root = fresh_gazetteer(gazetteers)
    summary = RenormaliseSummary(store=str(store), gazetteers=str(root))
    conn = connect(store, create=False)
    try:
        city_of: dict[str, str | None] = {}
        issuer_of: dict[str, str | None] = {}
        for r in conn.execute("SELECT id, city, issuer, extra FROM documents WHERE ingest_status = 'ok'"):
            filled = (json.loads(r["extra"] or "{}").get("filled") or {})
            city_of[r["id"]] = None if "city" in filled else r["city"]  # the city extraction saw
            issuer_of[r["id"]] = None if "issuer" in filled else r["issuer"]  # and the issuer
        summary.documents = len(city_of)
        resolvers: dict[tuple[str | None, str | None], _StoreResolver] = {}

        def resolver(doc_id: str) -> _StoreResolver:
            ck = (city_of.get(doc_id), issuer_of.get(doc_id))
            if ck not in resolvers:
                resolvers[ck] = _StoreResolver(ck[0], gaz, ck[1])
            return resolvers[ck]

        def note(kind: str, name: str, doc_id: str, old: Any, new: Any) -> None:
            if len(summary.changes) < MAX_LISTED:
                summary.changes.append({"kind": kind, "name": name, "city": city_of.get(doc_id),
                                        "doc_id": doc_id, "old": old, "new": new})

        conn.execute("BEGIN IMMEDIATE")
        try:
            # ---------------------------------------------------------------- departments
            dept_updates = []
            unresolved: dict[str, dict[str, None]] = {}  # doc -> names (ordered) unmatched now
            for r in conn.execute(
                "SELECT doc_id, owner, owner_seq, role, position, surface, dept_id, entity, score, method, extra"
                " FROM dept_mentions ORDER BY doc_id, owner DESC, owner_seq, role, position"
            ):
                if r["doc_id"] not in city_of:
                    continue
                summary.dept_mentions += 1
                d = resolver(r["doc_id"]).department(r["surface"])
                # the resolution's own keys in the row's extra (key, uncatalogued, body_kind, parent)
                extra = {k: v for k, v in json.loads(r["extra"] or "{}").items() if k not in RESOLUTION_EXTRA}
                extra.update({k: d[k] for k in RESOLUTION_EXTRA if k in d})
                new_extra = _j(extra) if extra else "{}"
                new = (d["id"], d["entity"], d["score"], d["method"], new_extra)
                old = (r["dept_id"], r["entity"], r["score"], r["method"], r["extra"] or "{}")
                if d["id"] is None or d.get("uncatalogued"):  # not in the catalogue: listed as unmatched
                    unresolved.setdefault(r["doc_id"], {})[r["surface"]] = None
                if new != old:
                    summary.departments_changed += 1
                    note("department", r["surface"], r["doc_id"], old[0] or old[3], new[0] or new[3])
                    dept_updates.append((*new, r["doc_id"], r["owner"], r["owner_seq"], r["role"], r["position"]))
            conn.executemany(
                "UPDATE dept_mentions SET dept_id = ?, entity = ?, score = ?, method = ?, extra = ?"
                " WHERE doc_id = ? AND owner = ? AND owner_seq = ? AND role = ? AND position = ?",
                dept_updates,
            )
            # ---------------------------------------------------------------- items per document
            blocks: dict[str, list[tuple]] = {}
            for r in conn.execute(
                "SELECT doc_id, idx, kind, start, \"end\", number,"
                " CASE WHEN kind = 'list_item' THEN text END FROM blocks ORDER BY doc_id, idx"
            ):
                blocks.setdefault(r[0], []).append(tuple(r)[1:])
            items = {d: _items(b) for d, b in blocks.items()}
            item_starts = {d: [it[0] for it in v] for d, v in items.items()}
            tables = {d: [(b[2], b[3]) for b in v if b[1] == "table"] for d, v in blocks.items()}

            def in_table(doc_id: str, offset: int | None) -> bool:
                return offset is not None and any(s <= offset < e for s, e in tables.get(doc_id, ()))

            # ---------------------------------------------------------------- targets
            t_updates = []
            for r in conn.execute("SELECT doc_id, seq, indicator, indicator_id, indicator_key, item, start FROM targets"):
                if r["doc_id"] not in city_of:
                    continue
                res = resolver(r["doc_id"])
                it = _item_at(items.get(r["doc_id"], []), item_starts.get(r["doc_id"], []), r["start"], r["item"])
                context = (it[3], res.indicator(it[3], strict=True)) if it else None
                new = _Builder.indicator_id(SimpleNamespace(resolver=res), r["indicator"], context)
                # the key compare reaches it by: the id, else the uncatalogued key of its name
                new_key = target_indicator_key(new, r["indicator"])
                if new != r["indicator_id"] or new_key != r["indicator_key"]:
                    summary.target_indicators_changed += 1
                    note("target_indicator", r["indicator"], r["doc_id"], r["indicator_key"], new_key)
                    t_updates.append((new, new_key, r["doc_id"], r["seq"]))
            conn.executemany("UPDATE targets SET indicator_id = ?, indicator_key = ? WHERE doc_id = ? AND seq = ?",
                             t_updates)
            # ---------------------------------------------------------------- assignments
            a_updates = []
            for r in conn.execute("SELECT doc_id, seq, item, kind, indicator_id, start FROM assignments"):
                if r["doc_id"] not in city_of:
                    continue
                res = resolver(r["doc_id"])
                it = _item_at(items.get(r["doc_id"], []), item_starts.get(r["doc_id"], []), r["start"], r["item"])
                if it is not None:  # a numbered item: strict match of its title, kind follows
                    new = res.indicator(it[3], strict=True)
                    kind = "indicator" if new else "task"
                elif r["kind"] == "indicator" and r["item"] and in_table(r["doc_id"], r["start"]):
                    new, kind = res.indicator(r["item"]), "indicator"  # an indicator-table row
                else:
                    continue
                if (new, kind) != (r["indicator_id"], r["kind"]):
                    summary.assignment_indicators_changed += 1
                    note("assignment_indicator", r["item"], r["doc_id"], r["indicator_id"], new)
                    a_updates.append((new, kind, r["doc_id"], r["seq"]))
            conn.executemany("UPDATE assignments SET indicator_id = ?, kind = ? WHERE doc_id = ? AND seq = ?",
                             a_updates)
            # ---------------------------------------------------------------- unmatched
            _unmatched(conn, city_of, unresolved, resolver, summary, note)
            # ---------------------------------------------------------------- lead answers
            # the document id in each update tuple: (id, entity, score, method, extra, DOC, ...),
            # (indicator_id, indicator_key, DOC, seq), (indicator_id, kind, DOC, seq)
            changed_docs = sorted({u[5] for u in dept_updates} | {u[2] for u in t_updates}
                                  | {u[2] for u in a_updates})
            if changed_docs:
                refresh_leads(conn, changed_docs)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("ROLLBACK" if dry_run else "COMMIT")
    finally:
        conn.close()
    summary.seconds = time.perf_counter() - t0
    return summary


def _unmatched(conn, city_of, unresolved, resolver, summary, note) -> None:
    """Bring each document's ``unmatched`` department names in line with the new resolutions."""
    stored: dict[str, list[dict]] = {}
    for r in conn.execute("SELECT doc_id, seq, name, kind, candidates, source, extra FROM unmatched ORDER BY doc_id, seq"):
        stored.setdefault(r["doc_id"], []).append(dict(r))
    for doc_id in sorted(set(stored) | set(unresolved)):
        if doc_id not in city_of:
            continue
        now = unresolved.get(doc_id, {})
        rows = stored.get(doc_id, [])
        res = resolver(doc_id)
        keep, changed = [], False
        for row in rows:
            if row["kind"] not in (None, "department"):
                keep.append(row)
                continue
            if row["name"] not in now:
                summary.unmatched_removed += 1
                note("unmatched_removed", row["name"], doc_id, "unmatched", "resolved")
                changed = True
                continue
            u = res.unmatched.get((row["name"], "department"), {})
            cands = _j(u.get("candidates") or [])
            if cands != row["candidates"]:
                row["candidates"], changed = cands, True
            extra = {k: v for k, v in json.loads(row["extra"] or "{}").items() if k != "uncatalogued"}
            if u.get("uncatalogued"):
                extra["uncatalogued"] = u["uncatalogued"]
            if _j(extra) != _j(json.loads(row["extra"] or "{}")):
                row["extra"], changed = _j(extra), True
            keep.append(row)
        known = {row["name"] for row in keep}
        added = [name for name in now if name not in known]
        if not added and not changed:
            continue
        for name in added:
            summary.unmatched_added += 1
            note("unmatched_added", name, doc_id, "resolved", "unmatched")
            u = res.unmatched.get((name, "department"), {})
            keep.append({"name": name, "kind": "department", "candidates": _j(u.get("candidates") or []),
                         "source": _first_source(conn, doc_id, name),
                         "extra": _j({"uncatalogued": u["uncatalogued"]}) if u.get("uncatalogued") else "{}"})
        conn.execute("DELETE FROM unmatched WHERE doc_id = ?", (doc_id,))
        conn.executemany(
            "INSERT INTO unmatched (doc_id, seq, name, kind, candidates, source, extra) VALUES (?,?,?,?,?,?,?)",
            [(doc_id, seq, r["name"], r["kind"], r["candidates"], r["source"], r["extra"]) for seq, r in enumerate(keep)],
        )


def _first_source(conn, doc_id: str, name: str) -> str | None:
    """The first place ``name`` occurs in the document's stored blocks, as a source JSON."""
    for r in conn.execute('SELECT text, start, page FROM blocks WHERE doc_id = ? ORDER BY idx', (doc_id,)):
        pos = (r["text"] or "").find(name)
        if pos >= 0:
            start = r["start"] + pos
            return _j({"page": r["page"], "start": start, "end": start + len(name), "text": name})
    return None
