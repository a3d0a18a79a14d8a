"""The SQLite store's schema: an ordered list of migrations, versioned with ``PRAGMA user_version``.

Each migration is a script that takes the store from version ``i`` to ``i + 1``; :func:`connect`
applies the missing ones in order, inside one transaction each, so an old store is upgraded in
place and a new one is created from scratch by the same path. Never edit a migration that has
shipped: append a new one.

Tables (version 1):

- ``documents``: one row per file content (``id`` = sha256 of the bytes), with its path, format,
  metadata columns, ``ingest_status`` (``ok`` / ``failed``) and ``error``.
- ``blocks``: the document's normalised blocks (offsets into the normalised text).
- ``targets``, ``assignments``: the extraction contract's facts, one column per field, the
  source span, and ``extra`` (JSON of any field this version does not know, so nothing is lost).
- ``dept_mentions``: every department named by a target or assignment: surface, role
  (``lead`` / ``responsible``), position in its list, and the gazetteer resolution (type id,
  city-scoped entity, score, method, inferred flag).
- ``unmatched``: names the gazetteer could not resolve, with candidates.
- ``failures``: the latest failure per path (error type and reason).

Version 2 adds ``indicator_leads``: per (indicator, document), the lead and participating
departments with their evidence (see :mod:`policyparse.store.leads`), so ``lead`` reads one row
per document. It is derived from the facts, and kept in step by the writer and ``renormalise``;
the migration computes it for the documents already stored.

Version 3 adds ``targets.indicator_key``: the catalogue id, or for an indicator the catalogue lacks
``uncatalogued:<normalised name>`` (:func:`policyparse.gazetteer.normalize.indicator_group_key`),
so that ``compare``, ``lead`` and ``indicators`` reach every target. Derived from the target's
``indicator_id`` and ``indicator``; set by the writer and by ``renormalise``; the migration fills it
for the targets already stored and recomputes ``indicator_leads`` (which now also holds the
uncatalogued keys of targets).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from policyparse.errors import StoreError
from policyparse.store.leads import refresh_leads


def _fill_indicator_keys(conn: sqlite3.Connection) -> None:
    from policyparse.gazetteer.normalize import target_indicator_key

    rows = conn.execute("SELECT doc_id, seq, indicator_id, indicator FROM targets").fetchall()
    conn.executemany("UPDATE targets SET indicator_key = ? WHERE doc_id = ? AND seq = ?",
                     [(target_indicator_key(r[2], r[3]), r[0], r[1]) for r in rows])
    refresh_leads(conn)

# A migration is a SQL script, or (script, fill): ``fill(conn)`` then runs in the same transaction
# to compute what the new tables derive from the stored facts.
Migration = str | tuple[str, Callable[[sqlite3.Connection], object]]

MIGRATIONS: list[Migration] = [
    # ---------------------------------------------------------------- 0 -> 1
    """
    CREATE TABLE documents (
        id            TEXT PRIMARY KEY,            -- sha256 of the file's bytes
        path          TEXT NOT NULL UNIQUE,
        format        TEXT,
        title         TEXT,
        issuer        TEXT,
        doc_number    TEXT,
        date          TEXT,
        status        TEXT,                        -- final | draft (document metadata)
        status_text   TEXT,
        city          TEXT,
        province      TEXT,
        cites         TEXT NOT NULL DEFAULT '[]',  -- JSON list of 文号
        pages         INTEGER,
        ingest_status TEXT NOT NULL CHECK (ingest_status IN ('ok', 'failed')),
        error         TEXT,
        warnings      TEXT NOT NULL DEFAULT '[]',
        extra         TEXT NOT NULL DEFAULT '{}',  -- JSON: document fields not in columns
        ingested_at   TEXT NOT NULL
    );
    CREATE INDEX documents_city ON documents(city);
    CREATE INDEX documents_doc_number ON documents(doc_number);

    CREATE TABLE blocks (
        doc_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx     INTEGER NOT NULL,
        kind    TEXT NOT NULL,
        text    TEXT NOT NULL,
        start   INTEGER NOT NULL,
        "end"   INTEGER NOT NULL,
        page    INTEGER NOT NULL,
        level   INTEGER,
        number  TEXT,
        section TEXT,
        rows    TEXT,                               -- JSON of table rows, or NULL
        PRIMARY KEY (doc_id, idx)
    );

    CREATE TABLE targets (
        doc_id         TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq            INTEGER NOT NULL,
        fact_id        TEXT,
        indicator      TEXT NOT NULL,
        indicator_id   TEXT,
        value          REAL,
        value_is_int   INTEGER NOT NULL DEFAULT 0,
        unit           TEXT,
        comparator     TEXT,
        year           INTEGER,
        baseline       TEXT,                         -- JSON object or NULL
        baseline_value REAL,
        baseline_year  INTEGER,
        baseline_unit  TEXT,
        qualitative    TEXT,
        scope          TEXT,
        item           TEXT,
        flags          TEXT NOT NULL DEFAULT '[]',
        page           INTEGER,
        start          INTEGER,
        "end"          INTEGER,
        source_text    TEXT,
        extra          TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (doc_id, seq)
    );
    CREATE INDEX targets_indicator ON targets(indicator_id);

    CREATE TABLE assignments (
        doc_id       TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq          INTEGER NOT NULL,
        fact_id      TEXT,
        item         TEXT,
        kind         TEXT,
        indicator_id TEXT,
        deadline     TEXT,                           -- JSON object or NULL
        deadline_year INTEGER,
        flags        TEXT NOT NULL DEFAULT '[]',
        page         INTEGER,
        start        INTEGER,
        "end"        INTEGER,
        source_text  TEXT,
        extra        TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (doc_id, seq)
    );
    CREATE INDEX assignments_indicator ON assignments(indicator_id);

    CREATE TABLE dept_mentions (
        doc_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        owner      TEXT NOT NULL CHECK (owner IN ('target', 'assignment')),
        owner_seq  INTEGER NOT NULL,
        role       TEXT NOT NULL CHECK (role IN ('lead', 'responsible')),
        position   INTEGER NOT NULL,
        surface    TEXT NOT NULL,
        dept_id    TEXT,
        entity     TEXT,
        score      REAL,
        method     TEXT,
        inferred   INTEGER,                          -- NULL when the key was absent
        extra      TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (doc_id, owner, owner_seq, role, position)
    );
    CREATE INDEX dept_mentions_dept ON dept_mentions(dept_id);
    CREATE INDEX dept_mentions_entity ON dept_mentions(entity);

    CREATE TABLE unmatched (
        doc_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq        INTEGER NOT NULL,
        name       TEXT NOT NULL,
        kind       TEXT,
        candidates TEXT NOT NULL DEFAULT '[]',
        source     TEXT,                             -- JSON object or NULL
        extra      TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (doc_id, seq)
    );

    CREATE TABLE failures (
        path       TEXT PRIMARY KEY,
        doc_id     TEXT,
        error_type TEXT NOT NULL,
        reason     TEXT NOT NULL,
        failed_at  TEXT NOT NULL
    );
    """,
    # ---------------------------------------------------------------- 1 -> 2
    (
        """
        CREATE TABLE indicator_leads (
            indicator_id     TEXT NOT NULL,
            doc_id           TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            item             TEXT,
            page             INTEGER,                -- page of the quoted sentence
            sentence         TEXT,                   -- NULL when no fact names a department
            departments_text TEXT,
            departments_page INTEGER,
            lead             TEXT,                   -- JSON list, NULL when no fact names a department
            participating    TEXT,                   -- JSON list
            PRIMARY KEY (indicator_id, doc_id)
        ) WITHOUT ROWID;
        CREATE INDEX indicator_leads_doc ON indicator_leads(doc_id);
        """,
        # as shipped: leads of the catalogue ids (targets.indicator_key comes with version 3)
        lambda conn: refresh_leads(conn, targets_key="indicator_id"),
    ),
    # ---------------------------------------------------------------- 2 -> 3
    (
        """
        ALTER TABLE targets ADD COLUMN indicator_key TEXT;
        CREATE INDEX targets_indicator_key ON targets(indicator_key);
        """,
        _fill_indicator_keys,
    ),
]

SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, path: str | Path | None = None) -> int:
    """Apply the missing migrations in order; return the resulting version."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(
            path, f"store schema version {version} is newer than this policyparse ({SCHEMA_VERSION})"
        )
    for i in range(version, SCHEMA_VERSION):
        script, fill = MIGRATIONS[i] if isinstance(MIGRATIONS[i], tuple) else (MIGRATIONS[i], None)
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(script):
                conn.execute(statement)
            if fill is not None:
                fill(conn)
            conn.execute(f"PRAGMA user_version = {i + 1}")
            conn.execute("COMMIT")
        except BaseException as exc:
            conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(path, f"migration {i} -> {i + 1} failed: {exc}") from exc
            raise
    return SCHEMA_VERSION


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (no ';' inside our literals)."""
    out = []
    for raw in script.split(";"):
        lines = [ln.split("--", 1)[0] for ln in raw.splitlines()]
        stmt = "\n".join(lines).strip()
        if stmt:
            out.append(stmt)
    return out


SQLITE_HEADER = b"SQLite format 3\x00"


def _check_is_sqlite(path: Path) -> None:
    """Refuse anything at ``path`` that is not an SQLite database (a folder, an empty or text file),
    so that opening a store never turns another file into a database."""
    if path.is_dir():
        raise StoreError(path, "is a folder, not a store (give the .sqlite file, e.g. outputs/policyparse.sqlite)")
    if not path.exists():
        return
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(path, f"cannot open the store: {exc.strerror or exc}") from exc
    if not head:
        raise StoreError(path, "an empty file, not a policyparse store (left untouched)")
    if head != SQLITE_HEADER:
        raise StoreError(path, "not an SQLite file, so not a policyparse store (left untouched)")


def connect(path: str | Path, *, create: bool = True) -> sqlite3.Connection:
    """Open (and create or migrate) the store at ``path``.

    The connection is in autocommit mode (``isolation_level=None``): writers open their own
    ``BEGIN IMMEDIATE`` ... ``COMMIT`` transactions. Foreign keys are on (facts cascade with their
    document); the journal is WAL so readers never block the writer.
    """
    path = Path(path)
    if not create and not path.exists():
        raise StoreError(path, "no store here (run `policyparse ingest` first)")
    _check_is_sqlite(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA busy_timeout = 5000")
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(path, f"cannot open the store: {exc}") from exc
    try:
        if not create and conn.execute("PRAGMA user_version").fetchone()[0] == 0:
            raise StoreError(path, "not a policyparse store (an SQLite database without its tables; "
                                   "run `policyparse ingest` to make one)")
        migrate(conn, path)
    except StoreError:
        conn.close()
        raise
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(path, f"not a policyparse store: {exc}") from exc
    return conn
