"""Stress the ingest on real documents at scale (issue 14): no uncaught exception, no hang, bounded
memory, a no-op second run, kill -9 at random moments, two ingests into one store.

What it does, in a temporary folder (or ``--keep DIR``):

1. writes the full texts of ``records.parquet`` longer than 500 characters (1,794 of them) as
   UTF-8 files, and the Markdown copies of ``../shared/real`` as ``.txt`` (the README says they
   are read as plain text); the inputs are those plus all of ``../shared/real/`` itself (the
   ingest picks the documents: HTML, DOCX, PDF, TXT);
2. ingests them with 2 workers (``ingest_parallel``, per-document budget 120 s / 2 GiB) into a
   store and prints documents ingested, failures by error type, hangs (documents stopped by the
   time budget or killed), uncaught exceptions (anything that escaped the ingest, and failures
   whose type is not a policyparse error), peak RSS per worker; then ingests again (a no-op);
3. ``--kill-trials N`` times: a fresh store, ``policyparse ingest`` in a subprocess, ``kill -9`` of
   its whole process group at a random moment after its first write; then ``PRAGMA
   integrity_check`` and ``foreign_key_check``, no orphan rows, no half-written document (every
   stored document has exactly the rows the clean run gave it), a re-run to completion and the
   same counts as the clean run (every table, per document);
4. two ``policyparse ingest`` at once into one store: the second is refused at once with a clear
   message (the store's writer lock), the first completes to the clean counts.

Usage::

    python scripts/stress.py                       # everything (about 15 min on the 2-core VM)
    python scripts/stress.py --limit 200 --kill-trials 5
    python scripts/stress.py --json out.json

Exit code 0 when every check passed. ``tests/test_stress.py`` runs a short version.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real"
if not REAL.exists():
    REAL = Path("/work/shared/real")
FACT_TABLES = ("blocks", "targets", "assignments", "dept_mentions", "unmatched", "indicator_leads")
ALL_TABLES = ("documents", "failures", *FACT_TABLES)


# --------------------------------------------------------------------------- inputs


def write_inputs(out: Path, real: Path | None, limit: int | None, min_chars: int = 500) -> tuple[list[Path], dict]:
    """The folders to ingest, and what was written."""
    import pyarrow.parquet as pq

    info: dict = {}
    paths: list[Path] = []
    parquet = real / "scale" / "records.parquet" if real else None
    if parquet and parquet.exists():
        scale = out / "scale"
        scale.mkdir(parents=True, exist_ok=True)
        texts = [t for t in pq.read_table(parquet, columns=["full_text"]).column("full_text").to_pylist()
                 if t and len(t) > min_chars]
        info["records_over_500_chars"] = len(texts)
        if limit is not None:
            texts = texts[:limit]
        for k, t in enumerate(texts):
            (scale / f"record_{k:04d}.txt").write_text(t, encoding="utf-8")
        info["records_written"] = len(texts)
        info["record_chars"] = sum(map(len, texts))
        paths.append(scale)
    if real and real.exists() and limit is None:
        md = out / "markdown"
        md.mkdir(parents=True, exist_ok=True)
        n = 0
        for f in sorted(real.rglob("*.md")):
            if f.name in ("README.md", "SCHEMA.md"):
                continue
            (md / f"{f.parent.name}__{f.stem}.txt").write_bytes(f.read_bytes())
            n += 1
        info["markdown_as_txt"] = n
        paths += [md, real]
    return paths, info


# --------------------------------------------------------------------------- store checks


def snapshot(store: Path) -> dict:
    """Per-table row counts, per-document row counts, and the documents' statuses."""
    conn = sqlite3.connect(store)
    try:
        snap = {"tables": {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ALL_TABLES}}
        per_doc: dict[str, dict[str, int]] = {}
        for t in FACT_TABLES:
            for doc, n in conn.execute(f"SELECT doc_id, count(*) FROM {t} GROUP BY doc_id"):
                per_doc.setdefault(doc, {})[t] = n
        snap["per_doc"] = per_doc
        snap["documents"] = {r[0]: r[1] for r in conn.execute("SELECT id, ingest_status FROM documents")}
        snap["failures"] = sorted(r[0] for r in conn.execute("SELECT path FROM failures"))
        return snap
    finally:
        conn.close()


def check_store(store: Path, clean: dict) -> list[str]:
    """Problems of an interrupted store (empty list = healthy): integrity, orphans, half-written."""
    problems = []
    conn = sqlite3.connect(store)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if ok != "ok":
            problems.append(f"integrity_check: {ok}")
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append(f"foreign_key_check: {len(fk)} rows")
        for t in FACT_TABLES:
            n = conn.execute(f"SELECT count(*) FROM {t} WHERE doc_id NOT IN (SELECT id FROM documents)").fetchone()[0]
            if n:
                problems.append(f"{n} orphan rows in {t}")
    finally:
        conn.close()
    snap = snapshot(store)
    for doc, status in snap["documents"].items():
        if doc not in clean["documents"]:
            problems.append(f"document {doc[:12]} is not in the clean run")
        elif status == "ok" and snap["per_doc"].get(doc, {}) != clean["per_doc"].get(doc, {}):
            problems.append(f"half-written document {doc[:12]}: {snap['per_doc'].get(doc)} != "
                            f"{clean['per_doc'].get(doc)}")
    return problems


def same_as_clean(store: Path, clean: dict) -> list[str]:
    snap = snapshot(store)
    diffs = [f"{t}: {snap['tables'][t]} rows, clean {clean['tables'][t]}" for t in ALL_TABLES
             if snap["tables"][t] != clean["tables"][t]]
    if snap["per_doc"] != clean["per_doc"]:
        diffs.append("per-document rows differ")
    if snap["failures"] != clean["failures"]:
        diffs.append("failures differ")
    return diffs


def doc_count(store: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


# --------------------------------------------------------------------------- subprocess ingests


def cli(paths: list[Path], store: Path, workers: int) -> list[str]:
    exe = shutil.which("policyparse", path=str(Path(sys.executable).parent)) or shutil.which("policyparse")
    base = [exe] if exe else [sys.executable, "-c", "from policyparse.cli import main; main()"]
    return [*base, "ingest", *map(str, paths), "--store", str(store), "--workers", str(workers),
            "--no-progress", "--json"]


def start(paths: list[Path], store: Path, workers: int) -> subprocess.Popen:
    return subprocess.Popen(cli(paths, store, workers), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)  # its own process group: kill -9 all of it


def run_to_end(paths: list[Path], store: Path, workers: int, timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run(cli(paths, store, workers), capture_output=True, text=True, timeout=timeout)


def _remove_store(store: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(str(store) + suffix).unlink(missing_ok=True)


def kill_trial(paths, store: Path, workers: int, clean: dict, clean_seconds: float, rng: random.Random,
               timeout: float, attempts: int = 3) -> dict:
    """One kill -9 at a random moment after the first document is written, checks, re-run. An
    attempt whose ingest finished before the chosen moment is started again (fresh store, a new
    moment), so a counted trial is a kill in the middle of the run."""
    for attempt in range(1, attempts + 1):
        _remove_store(store)
        proc = start(paths, store, workers)
        t0 = time.time()
        while doc_count(store) == 0 and proc.poll() is None and time.time() - t0 < timeout:
            time.sleep(0.05)
        first_write = time.time() - t0
        # the clean run's time less what this run spent before its first write (start-up included)
        remaining = max(0.5, clean_seconds - first_write + 3.0)
        delay = rng.uniform(0, 0.8 * remaining)
        time.sleep(delay)
        finished_first = proc.poll() is not None
        if not finished_first:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        if not finished_first or attempt == attempts:
            break
    at_kill = doc_count(store)
    problems = check_store(store, clean)
    rerun = run_to_end(paths, store, workers, timeout)
    diffs = same_as_clean(store, clean)
    return {"killed_after_s": round(first_write + delay, 1), "documents_at_kill": at_kill, "attempts": attempt,
            "finished_before_kill": finished_first, "problems_after_kill": problems,
            "rerun_exit": rerun.returncode, "differences_after_rerun": diffs,
            "passed": not problems and not diffs and rerun.returncode in (0, 1)}


def concurrent_trial(paths, store: Path, workers: int, clean: dict, timeout: float) -> dict:
    """Two ingests into one store: the second must be refused at once (or both complete right)."""
    a = start(paths, store, workers)
    lock = store.with_name(store.name + ".lock")
    t0 = time.time()
    while not (lock.exists() and lock.read_text(errors="replace").strip()) and time.time() - t0 < 60:
        time.sleep(0.05)
    tb = time.time()
    b = run_to_end(paths, store, workers, timeout)
    b_seconds = time.time() - tb
    a_out, a_err = a.communicate(timeout=timeout)
    diffs = same_as_clean(store, clean)
    refused = b.returncode == 2 and "another ingest" in b.stderr
    message = (b.stderr.strip().splitlines() or [""])[-1]
    return {"second": "refused" if refused else f"exit {b.returncode}", "second_seconds": round(b_seconds, 1),
            "message": message, "first_exit": a.returncode, "differences": diffs,
            "passed": a.returncode in (0, 1) and not diffs and (refused or (b.returncode in (0, 1)))}


# --------------------------------------------------------------------------- main


def stress(work: Path, *, real: Path | None = REAL, limit: int | None = None, kill_trials: int = 5,
           workers: int = 2, seed: int = 14, extra_inputs: list[Path] | None = None, out=print) -> dict:
    from policyparse.budget import Budget
    from policyparse.errors import PolicyParseError
    from policyparse.parallel import ingest_parallel

    rng = random.Random(seed)
    paths, info = write_inputs(work / "inputs", real, limit)
    paths += list(extra_inputs or [])
    out(f"inputs: {info}; folders {[str(p) for p in paths]}")
    report: dict = {"inputs": info}

    store = work / "clean.sqlite"
    stats: dict = {}
    uncaught = []
    t0 = time.time()
    try:
        summary = ingest_parallel(paths, store, workers=workers, stats=stats, budget=Budget())
    except Exception as exc:  # the figure that must be 0
        uncaught.append(f"{type(exc).__name__}: {exc}")
        raise
    clean_seconds = time.time() - t0
    errors = Counter(f["error"] for f in summary.failures)
    typed = {c.__name__ for c in _subclasses(PolicyParseError)}
    untyped = {k: v for k, v in errors.items() if k not in typed}
    hangs = errors.get("DocumentTimeoutError", 0)
    report["clean"] = {
        "seconds": round(clean_seconds, 1), "seen": summary.seen, "documents": summary.documents,
        "duplicates": len(summary.duplicates), "failures": dict(errors.most_common()),
        "hangs": hangs, "uncaught_exceptions": len(uncaught) + sum(untyped.values()),
        "untyped_failures": untyped, "reader_bugs": errors.get("ReaderBugError", 0),
        "targets": summary.targets, "assignments": summary.assignments,
        "worker_peak_rss_mb": [round(x) for x in stats.get("worker_peak_rss_mb", [])],
        "chars": stats.get("chars"),
    }
    c = report["clean"]
    out(f"documents ingested: {c['documents']} of {c['seen']} files seen ({c['duplicates']} duplicates) in "
        f"{c['seconds']} s; {c['targets']} targets, {c['assignments']} assignments")
    out(f"failures by error type: {c['failures'] or 'none'}")
    out(f"hangs (over the time budget or killed): {hangs}")
    out(f"uncaught exceptions: {c['uncaught_exceptions']}" + (f" {untyped}" if untyped else ""))
    out(f"peak RSS per worker: {', '.join(f'{x} MB' for x in c['worker_peak_rss_mb'])}")
    for f in summary.failures:
        if f["error"] in ("ReaderBugError", "DocumentTimeoutError", "ResourceLimitError", "WorkerCrash") \
                or f["error"] in untyped:
            out(f"  {f['error']}: {f['path']}: {f['reason'][:160]}")
    clean = snapshot(store)

    again = ingest_parallel(paths, store, workers=workers)
    report["second_run"] = {"unchanged": again.unchanged, "documents": again.documents,
                            "failures_retried": len(again.failures)}
    out(f"second run: {again.unchanged} unchanged (no-op), {again.documents} written, "
        f"{len(again.failures)} failed files retried")

    trials = []
    for k in range(kill_trials):
        t = kill_trial(paths, work / f"kill{k}.sqlite", workers, clean, clean_seconds, rng, timeout=clean_seconds * 4 + 300)
        trials.append(t)
        when = "after it had finished" if t["finished_before_kill"] else f"at {t['killed_after_s']} s"
        out(f"kill -9 trial {k + 1}: {when}, {t['documents_at_kill']} documents stored, "
            f"{'passed' if t['passed'] else 'FAILED'}"
            + ("" if t["passed"] else f" {t['problems_after_kill']} {t['differences_after_rerun']}"))
    report["kill_trials"] = trials
    passed = sum(t["passed"] for t in trials)
    out(f"kill -9 trials passed: {passed}/{len(trials)}")

    conc = concurrent_trial(paths, work / "concurrent.sqlite", workers, clean, timeout=clean_seconds * 4 + 300)
    report["concurrent"] = conc
    out(f"concurrent ingest: second {conc['second']} after {conc['second_seconds']} s "
        f"({conc['message']}); first exit {conc['first_exit']}, "
        f"{'same as the clean run' if not conc['differences'] else conc['differences']}")
    report["passed"] = (c["uncaught_exceptions"] == 0 and again.documents == 0 and passed == len(trials)
                        and conc["passed"])
    out(f"all checks passed: {report['passed']}")
    return report


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--real", type=Path, default=REAL, help="the shared/real folder")
    ap.add_argument("--limit", type=int, default=None, help="only the first N records (and not shared/real)")
    ap.add_argument("--kill-trials", type=int, default=5)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    ap.add_argument("--json", type=Path, default=None, help="also write the report as JSON")
    args = ap.parse_args(argv)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        report = stress(args.keep, real=args.real, limit=args.limit, kill_trials=args.kill_trials,
                        workers=args.workers, seed=args.seed)
    else:
        with tempfile.TemporaryDirectory(prefix="pp-stress-") as tmp:
            report = stress(Path(tmp), real=args.real, limit=args.limit, kill_trials=args.kill_trials,
                            workers=args.workers, seed=args.seed)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0 if report["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
