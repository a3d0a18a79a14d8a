"""Snapshot the extractor's output, to check that a refactoring changes nothing.

    python scripts/extract_snapshot.py OUT_DIR [--workers 2] [--scale 300]
    python scripts/extract_snapshot.py --compare DIR_A DIR_B

The snapshot runs ``policyparse.api.extract`` over (a) every document in ``corpus/`` (all formats,
sub-folders included, gold and READMEs left out), (b) the annotated real documents in
``/work/shared/real/annotated/docs`` and their renderings, (c) the first ``--scale`` full texts
longer than 500 characters of ``/work/shared/real/scale/records.parquet`` (written to a temporary
folder as .txt), and writes one canonical JSON per document (sorted keys, timing fields removed,
the temporary path replaced by the document's label) into OUT_DIR, and beside it
``<label>.prose.json``: ``find_targets`` on every line of the text under three year contexts
(what prose finds before extraction merges it). ``--compare`` lists the
documents whose output differs (or exists on one side only) and exits 1 when there are any.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = Path("/work/shared/real")
DOC_SUFFIXES = {".pdf", ".docx", ".html", ".htm", ".txt", ".md"}
TIMING_KEYS = {"elapsed", "seconds", "duration", "timing", "timings", "elapsed_seconds", "time_s"}


def _corpus_files() -> list[tuple[str, Path]]:
    """(label, path) of every document under corpus/ (not gold, not READMEs)."""
    out = []
    for p in sorted((ROOT / "corpus").rglob("*")):
        rel = p.relative_to(ROOT / "corpus")
        if (p.is_file() and p.suffix.lower() in DOC_SUFFIXES and "gold" not in rel.parts
                and p.name.lower() != "readme.md" and p.name != "ANNOTATION.md"):
            out.append(("corpus__" + "__".join(rel.parts), p))
    return out


def _real_files() -> list[tuple[str, Path]]:
    """(label, path) of the annotated real documents and their renderings."""
    out = []
    for sub in ("docs", "renderings"):
        for p in sorted((REAL / "annotated" / sub).glob("*")):
            if p.is_file():
                out.append((f"real__{sub}__{p.name}", p))
    return out


def _scale_files(n: int, folder: Path) -> list[tuple[str, Path]]:
    """The first ``n`` full texts longer than 500 characters, written to ``folder`` as .txt."""
    import pyarrow.parquet as pq

    table = pq.read_table(REAL / "scale" / "records.parquet", columns=["record_id", "full_text"])
    out = []
    for rid, text in zip(table.column("record_id").to_pylist(), table.column("full_text").to_pylist(),
                         strict=True):
        if len(out) >= n:
            break
        if text and len(text) > 500:
            safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in str(rid))
            p = folder / f"{len(out):03d}_{safe}.txt"
            p.write_text(text, encoding="utf-8")
            out.append((f"scale__{p.stem}", p))
    return out


def _strip_timing(obj):
    if isinstance(obj, dict):
        return {k: _strip_timing(v) for k, v in obj.items() if k not in TIMING_KEYS}
    if isinstance(obj, list):
        return [_strip_timing(v) for v in obj]
    return obj


def _prose_probe(path: str) -> list:
    """``find_targets`` on every line of the document's text under three year contexts (none, a
    plan period with a past boundary and a document year, a goal cell): what prose finds before
    extraction merges and filters it."""
    from dataclasses import asdict

    from policyparse import api
    from policyparse.extract.prose import YearContext, find_targets

    contexts = ({}, {"context": YearContext(section=None, plan=2025, past_before=2021, document=2024)},
                {"default_year": 2025, "item_indicator": "指标", "goal_cell": True})
    out = []
    for line in api.text(path).split("\n"):
        if line.strip():
            out.append([[asdict(t) for t in find_targets(line, **kw)] for kw in contexts])
    return out


def _dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=1)


def _one(job: tuple[str, str]) -> tuple[str, str, str]:
    """Extract one file; returns (label, canonical JSON, prose probe JSON). A typed error is part
    of the output."""
    from policyparse import api
    from policyparse.errors import PolicyParseError

    label, path = job
    try:
        facts = api.extract(path, timeout=None, max_memory=None)
        facts.get("document", {})["path"] = label
        probe = _prose_probe(path)
    except PolicyParseError as e:
        facts = {"error": type(e).__name__, "message": str(e).replace(path, label)}
        probe = []
    return label, _dump(_strip_timing(facts)), _dump(probe)


def snapshot(out: Path, workers: int, scale: int, probe_prose: bool = True) -> int:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pp_snapshot_") as tmp:
        jobs = [*_corpus_files(), *_real_files(), *_scale_files(scale, Path(tmp))]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for label, text, probe in pool.map(_one, [(lb, str(p)) for lb, p in jobs], chunksize=4):
                (out / f"{label}.json").write_text(text + "\n", encoding="utf-8")
                if probe_prose:
                    (out / f"{label}.prose.json").write_text(probe + "\n", encoding="utf-8")
    print(f"{len(jobs)} documents -> {out}")
    return 0


def compare(a: Path, b: Path) -> int:
    names_a = {p.name for p in a.glob("*.json")}
    names_b = {p.name for p in b.glob("*.json")}
    diff = sorted(n for n in names_a & names_b
                  if (a / n).read_text(encoding="utf-8") != (b / n).read_text(encoding="utf-8"))
    only = sorted(names_a ^ names_b)
    for n in diff:
        print(f"differs: {n}")
    for n in only:
        print(f"only in {'A' if n in names_a else 'B'}: {n}")
    print(f"{len(names_a & names_b)} compared, {len(diff)} differ, {len(only)} on one side only")
    return 1 if diff or only else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", type=Path, help="folder for the snapshot")
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("DIR_A", "DIR_B"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--scale", type=int, default=300, help="how many scale records (default 300)")
    ap.add_argument("--no-prose-probe", action="store_true", help="skip the raw find_targets probe files")
    args = ap.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    if args.out is None:
        ap.error("give OUT_DIR or --compare DIR_A DIR_B")
    return snapshot(args.out, args.workers, args.scale, not args.no_prose_probe)


if __name__ == "__main__":
    sys.exit(main())
