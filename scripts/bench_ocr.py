"""Benchmark OCR of PDF pages (the ``ocr`` extra): seconds per page and pages per second per core.

    python scripts/bench_ocr.py                                  # the scanned fixture page, 2 rounds
    python scripts/bench_ocr.py corpus/000_66384f2078c7182b.pdf --pages 2 --rounds 1
    python scripts/bench_ocr.py --threads 2 --json

Each page is rendered with pypdfium2 at :data:`policyparse.readers.pdf_ocr.SCALE` x and read by
RapidOCR with ``--threads`` onnxruntime threads (default 1, as the reader runs in batch workers),
exactly as :func:`policyparse.readers.pdf_ocr.ocr_page` does; any PDF works (text pages are
rasterised and OCR'd all the same). Reported per page: render and OCR wall seconds, lines, mean
confidence; then the median seconds per page and ``pages/s/core`` = 1 / (median s/page x threads).
The engine is loaded (and warmed on the first page) before timing. Wall time on a shared machine
varies: compare medians of several rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "tests" / "fixtures" / "pdf" / "ocr-scanned-page1.pdf"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pdfs", nargs="*", type=Path, default=[DEFAULT])
    ap.add_argument("--pages", type=int, default=2, help="first N pages of each PDF (default 2)")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--threads", type=int, default=1, help="onnxruntime threads (default 1)")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args(argv)
    os.environ["POLICYPARSE_OCR_THREADS"] = str(args.threads)
    from policyparse.readers import pdf_ocr

    if not pdf_ocr.installed():
        print('OCR extra not installed: pip install -e ".[ocr]"', file=sys.stderr)
        return 2
    import pypdfium2 as pdfium

    engine = pdf_ocr._engine()
    docs = [(p, pdfium.PdfDocument(str(p))) for p in args.pdfs]
    engine(pdf_ocr.render(docs[0][1], 0))  # warm-up: first inference allocates
    rows = []
    for r in range(args.rounds):
        for path, pdf in docs:
            for i in range(min(args.pages, len(pdf))):
                t0 = time.perf_counter()
                img = pdf_ocr.render(pdf, i)
                t1 = time.perf_counter()
                result, _ = engine(img)
                t2 = time.perf_counter()
                lines = pdf_ocr.group_lines(pdf_ocr._boxes(result, pdf_ocr.SCALE))
                conf = statistics.fmean(ln.confidence for ln in lines) if lines else 0.0
                rows.append({"round": r + 1, "file": path.name, "page": i + 1, "render_s": round(t1 - t0, 3),
                             "ocr_s": round(t2 - t1, 3), "lines": len(lines), "mean_confidence": round(conf, 4)})
    per_page = [row["render_s"] + row["ocr_s"] for row in rows]
    med = statistics.median(per_page)
    out = {
        "engine": pdf_ocr.ENGINE,
        "scale": pdf_ocr.SCALE,
        "threads": args.threads,
        "pages_timed": len(rows),
        "median_s_per_page": round(med, 3),
        "pages_per_s_per_core": round(1 / (med * args.threads), 4),
        "rows": rows,
    }
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        print(f"round {row['round']} {row['file']} p{row['page']}: render {row['render_s']:.2f} s, "
              f"OCR {row['ocr_s']:.2f} s, {row['lines']} lines, mean confidence {row['mean_confidence']:.3f}")
    print(f"{pdf_ocr.ENGINE} at {pdf_ocr.SCALE}x, {args.threads} thread(s): median {med:.2f} s/page, "
          f"{out['pages_per_s_per_core']:.3f} pages/s/core")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
