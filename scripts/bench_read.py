"""Benchmark the PDF reader against bare pdfplumber text extraction, and check memory is flat.

    python scripts/bench_read.py                 # corpus/*.pdf, 3 rounds, 20- vs 200-page PDFs
    python scripts/bench_read.py --rounds 1 --no-long
    python scripts/bench_read.py --profile       # pyinstrument/cProfile profile of our reader

Each measurement runs in a fresh subprocess (so peak memory is that run's own): it reads every
file once and reports pages, wall seconds and peak resident memory (``ru_maxrss``) above the
baseline taken after imports. Modes:

- ``ours``: :func:`policyparse.readers.pdf.read_raw` (lines, paragraphs, tables with spans,
  cross-page stitching, running heads);
- ``bare``: ``pdfplumber.open`` + ``page.extract_text()`` + ``page.close()`` per page.

Rounds alternate the two modes; the median seconds are compared (goal: ours <= 1.5x bare).
Memory: the same two modes on a generated 20-page and 200-page PDF (text with a ruled table on
every tenth page, ``scripts/make_bad_fixtures.make_long_pdf``); streamed reading keeps the
200-page peak close to the 20-page one.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
mode, files = sys.argv[1], sys.argv[2:]
import pdfplumber
from policyparse.readers import pdf as reader
def rss_kb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
base = rss_kb()
pages = 0
t0 = time.perf_counter()
for f in files:
    if mode == "ours":
        data = Path(f).read_bytes()
        pages += reader.read_raw(Path(f), data).pages
    else:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
                pages += 1
seconds = time.perf_counter() - t0
print(json.dumps({"mode": mode, "pages": pages, "seconds": seconds, "peak_kb": rss_kb() - base,
                  "baseline_kb": base}))
"""


def run(mode: str, files: list[Path]) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, mode, *map(str, files)],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_corpus(files: list[Path], rounds: int) -> dict:
    res: dict[str, list[dict]] = {"ours": [], "bare": []}
    for r in range(rounds):
        order = ["bare", "ours"] if r % 2 == 0 else ["ours", "bare"]
        for mode in order:
            res[mode].append(run(mode, files))
    summary = {}
    for mode, runs in res.items():
        secs = statistics.median(x["seconds"] for x in runs)
        pages = runs[0]["pages"]
        summary[mode] = {
            "pages": pages,
            "seconds": secs,
            "pages_per_s": pages / secs,
            "peak_mb": max(x["peak_kb"] for x in runs) / 1024,
        }
    summary["ratio"] = summary["ours"]["seconds"] / summary["bare"]["seconds"]
    return summary


def bench_memory(tmp: Path) -> dict:
    sys.path.insert(0, str(ROOT / "scripts"))
    from make_bad_fixtures import make_long_pdf

    out = {}
    for n in (20, 200):
        path = make_long_pdf(tmp / f"long-{n}.pdf", pages=n)
        out[n] = {mode: run(mode, [path]) for mode in ("ours", "bare")}
    return out


def profile(files: list[Path]) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from policyparse.readers import pdf as reader

    try:
        from pyinstrument import Profiler
    except ImportError:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        for f in files:
            reader.read_raw(f, f.read_bytes())
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        return
    p = Profiler()
    p.start()
    for f in files:
        reader.read_raw(f, f.read_bytes())
    p.stop()
    print(p.output_text(unicode=True, color=False))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path, help="PDFs (default: corpus/*.pdf)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--no-long", action="store_true", help="skip the 20/200-page memory check")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args(argv)
    files = args.files or sorted((ROOT / "corpus").glob("*.pdf"))
    if args.profile:
        profile(files)
        return 0
    s = bench_corpus(files, args.rounds)
    print(f"PDF corpus: {len(files)} files, {s['ours']['pages']} pages, median of {args.rounds} round(s)")
    print(f"{'':26}{'seconds':>9}{'pages/s':>10}{'peak MB':>10}")
    for mode, label in (("bare", "bare pdfplumber text"), ("ours", "policyparse read_raw")):
        m = s[mode]
        print(f"{label:26}{m['seconds']:9.2f}{m['pages_per_s']:10.1f}{m['peak_mb']:10.1f}")
    verdict = "OK" if s["ratio"] <= 1.5 else "OVER BUDGET"
    print(f"overhead ours/bare: {s['ratio']:.2f}x (goal <= 1.5x, tables included): {verdict}")
    ok = s["ratio"] <= 1.5
    if not args.no_long:
        with tempfile.TemporaryDirectory() as tmp:
            m = bench_memory(Path(tmp))
        print("\nmemory on generated PDFs (peak RSS above the post-import baseline):")
        print(f"{'':26}{'20 pages':>10}{'200 pages':>11}{'ratio':>8}")
        for mode, label in (("bare", "bare pdfplumber text"), ("ours", "policyparse read_raw")):
            a, b = m[20][mode]["peak_kb"] / 1024, m[200][mode]["peak_kb"] / 1024
            print(f"{label:26}{a:9.1f}M{b:10.1f}M{b / max(a, 0.1):8.2f}")
        a, b = m[20]["ours"]["peak_kb"], m[200]["ours"]["peak_kb"]
        flat = b <= 2 * max(a, 1024) + 10 * 1024  # 10x the pages, at most ~2x the memory
        print(f"streamed (200-page peak within 2x of the 20-page peak): {'OK' if flat else 'NOT FLAT'}")
        t200 = m[200]["ours"]["seconds"]
        print(f"200-page read: {t200:.1f} s ({200 / t200:.1f} pages/s)")
        ok = ok and flat
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
