"""``report(store, out)``: one self-contained HTML file from an ingested store."""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import tempfile
from pathlib import Path

from policyparse.errors import StoreError
from policyparse.store.ingest import DEFAULT_STORE

log = logging.getLogger(__name__)
VIEW_NAME = re.compile(r"[0-9a-f]{12}\.html")
PAGE_NAME = re.compile(r"[0-9a-f]{12}-p\d+\.jpg")
PAGES = "pages"  # under sources/: the page images of ``report --pages``
DEFAULT_OUT = Path("outputs/report.html")


def report(store: str | Path | sqlite3.Connection = DEFAULT_STORE, out: str | Path = DEFAULT_OUT, *,
           pages: bool = False) -> Path:
    """Write the report for ``store`` to ``out`` (atomically) and return its path.

    The page has an overview, per-indicator comparison charts with their sources, the department
    responsibility matrix, the cross-city graph and what could not be resolved. Everything is
    inlined (styles, a subset CJK font, the script): it opens offline and fetches nothing.
    With ``pages``, each PDF's source view also shows its pages that hold facts as images
    (``sources/pages/*.jpg``) with every fact's box drawn.
    """
    from policyparse.report.data import collect
    from policyparse.report.html import page

    if isinstance(store, (str, Path)) and not Path(store).is_file():
        raise StoreError(Path(store), "no store here; run `policyparse ingest` or `policyparse run` first")
    data = collect(store)
    text, font_note = page(data)
    if "system fonts" in font_note:  # the page still works, but its Chinese depends on the reader's fonts
        log.warning("report %s: %s", out, font_note)
    else:
        log.info("report font: %s", font_note)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".report-", suffix=".html", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    write_sources(store, data, out, pages=pages)
    return out


def write_sources(store: str | Path | sqlite3.Connection, data, out: Path, *, pages: bool = False) -> Path:
    """Write each stored document's source view into ``sources/`` next to the report (one small
    page per document, so the report itself only carries links), linking each fact back to its row
    in the report; source views of documents no longer in the store are removed, and so are page
    images no view shows (all of them without ``pages``)."""
    from policyparse.report.data import _connect
    from policyparse.report.sections import SOURCES
    from policyparse.report.source import from_store, page, view_name

    folder = out.parent / SOURCES
    folder.mkdir(exist_ok=True)
    written: set[str] = set()
    images: set[str] = set()
    conn, owned = _connect(store)
    try:
        for facts in data.facts:
            view = from_store(conn, facts)
            view.back = data.back
            view.home = f"../{out.name}"
            if pages and facts["document"].get("format") == "pdf":
                _add_pages(view, facts, folder / PAGES, images)
            name = view_name(facts["document"]["id"])
            (folder / name).write_text(page(view), encoding="utf-8")
            written.add(name)
    finally:
        if owned:
            conn.close()
    for old in folder.glob("*.html"):
        if old.name not in written and VIEW_NAME.fullmatch(old.name):
            old.unlink()
    for old in (folder / PAGES).glob("*.jpg"):
        if old.name not in images and PAGE_NAME.fullmatch(old.name):
            old.unlink()
    return folder


def _add_pages(view, facts: dict, folder: Path, images: set[str]) -> None:
    from policyparse.report.pages import page_images

    doc = facts["document"]
    view.pages, view.pages_note = page_images(doc.get("path") or "", doc["id"], facts, view.text, view.blocks,
                                              folder, doc["id"][:12])
    if view.pages_note:
        log.warning("report --pages: %s: %s", doc.get("path"), view.pages_note)
    images.update(Path(p.src).name for p in view.pages)
