"""Extract every real full text of ``../shared/real/scale/records.parquet`` and report what came out.

For each record with a full text over 500 characters: write it as a UTF-8 ``.txt`` file into a
temporary folder (the texts are data of that database, not of this repository), run
``policyparse.api.extract`` in worker processes, and count targets, assignments and unmatched names.
Prints: documents, uncaught exceptions (must be 0), typed errors by class, facts per document
(mean / median / max), documents with no fact, the 20 most frequent unmatched department names
(catalogue miss and not recognised by structure either) and the 20 most frequent indicator names
with no catalogue id, and the extraction rate.

Usage: python scripts/scale_report.py [--parquet PATH] [--workers 2] [--limit N] [--json OUT]
Needs pyarrow (the ``dev`` extra).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PARQUET = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared")
                        if (p / "real" / "scale" / "records.parquet").exists()),
                       ROOT.parent / "shared") / "real" / "scale" / "records.parquet"
MIN_CHARS = 500


def _one(path: str) -> dict:
    from policyparse import api
    from policyparse.errors import PolicyParseError

    try:
        facts = api.extract(path)
    except PolicyParseError as e:
        return {"path": path, "error": type(e).__name__, "message": str(e)}
    except Exception:  # noqa: BLE001 - counted as uncaught: the figure this script exists for
        return {"path": path, "uncaught": traceback.format_exc(limit=3)}
    unmatched_depts = [u["name"] for u in facts["unmatched"] if u.get("kind", "department") == "department"
                       and not u.get("uncatalogued")]
    uncatalogued = [u["name"] for u in facts["unmatched"] if u.get("uncatalogued")]
    no_indicator = [t["indicator"] for t in facts["targets"] if not t.get("indicator_id")]
    return {"path": path, "targets": len(facts["targets"]), "assignments": len(facts["assignments"]),
            "unmatched_departments": unmatched_depts, "uncatalogued_departments": uncatalogued,
            "uncatalogued_indicators": no_indicator, "chars": len(Path(path).read_text(encoding="utf-8"))}


def write_texts(parquet: Path, out: Path, limit: int | None) -> list[str]:
    import pyarrow.parquet as pq

    table = pq.read_table(parquet, columns=["record_id", "full_text"]).to_pylist()
    paths = []
    for row in table:
        text = row["full_text"] or ""
        if len(text) <= MIN_CHARS:
            continue
        p = out / f"{row['record_id']}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
        if limit and len(paths) >= limit:
            break
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--parquet", type=Path, default=DEFAULT_PARQUET)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    args = ap.parse_args(argv)
    if not args.parquet.exists():
        print(f"no records file at {args.parquet} (../shared/real is not beside this checkout)")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_texts(args.parquet, Path(tmp), args.limit)
        t0 = time.perf_counter()
        with ProcessPoolExecutor(args.workers) as pool:
            results = list(pool.map(_one, paths, chunksize=8))
        elapsed = time.perf_counter() - t0
    ok = [r for r in results if "targets" in r]
    uncaught = [r for r in results if "uncaught" in r]
    errors = Counter(r["error"] for r in results if "error" in r)
    facts = [r["targets"] + r["assignments"] for r in ok]
    none = sum(1 for f in facts if f == 0)
    depts = Counter(n for r in ok for n in r["unmatched_departments"])
    unc = Counter(n for r in ok for n in r["uncatalogued_departments"])
    inds = Counter(n for r in ok for n in r["uncatalogued_indicators"])
    chars = sum(r["chars"] for r in ok)
    report = {
        "documents": len(results), "extracted": len(ok), "uncaught_exceptions": len(uncaught),
        "typed_errors": dict(errors),
        "targets": sum(r["targets"] for r in ok), "assignments": sum(r["assignments"] for r in ok),
        "facts_per_document": {"mean": round(statistics.mean(facts), 2) if facts else 0,
                               "median": statistics.median(facts) if facts else 0, "max": max(facts, default=0)},
        "documents_with_no_fact": none,
        "top_unmatched_departments": depts.most_common(20),
        "top_uncatalogued_departments": unc.most_common(20),
        "top_uncatalogued_indicators": inds.most_common(20),
        "seconds": round(elapsed, 1), "chars_per_second": round(chars / elapsed) if elapsed else None,
    }
    print(f"documents {report['documents']}  extracted {report['extracted']}  "
          f"uncaught exceptions {report['uncaught_exceptions']}  typed errors {dict(errors) or 0}")
    print(f"targets {report['targets']}  assignments {report['assignments']}  facts per document "
          f"mean {report['facts_per_document']['mean']} median {report['facts_per_document']['median']} "
          f"max {report['facts_per_document']['max']}  documents with no fact {none}")
    print(f"{elapsed:.1f} s with {args.workers} workers, {report['chars_per_second']} chars/s")
    for title, key in (("unmatched department names (no catalogue entry, not a body by structure)",
                        "top_unmatched_departments"),
                       ("uncatalogued bodies (kept under an uncatalogued: id)", "top_uncatalogued_departments"),
                       ("indicator names without a catalogue id", "top_uncatalogued_indicators")):
        print(f"\ntop 20 {title}:")
        for name, n in report[key]:
            print(f"  {n:5d}  {name}")
    for r in uncaught[:5]:
        print("\nUNCAUGHT", r["path"], r["uncaught"], file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if uncaught else 0


if __name__ == "__main__":
    sys.exit(main())
