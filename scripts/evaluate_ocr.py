"""Score OCR on the corpus: every corpus PDF rasterised to an image-only PDF, extracted, graded.

    python scripts/evaluate_ocr.py                      # all corpus PDFs with gold, 150 dpi
    python scripts/evaluate_ocr.py --docs 000_66384f2078c7182b --dpi 150 --workers 2 --json

Each ``corpus/STEM.pdf`` that has ``corpus/gold/STEM.json`` is rendered page by page with
pypdfium2 at ``--dpi`` (grayscale, JPEG q75) into an image-only PDF of the same page size (no
text layer: every page goes through OCR). Both the original and the scan are extracted
(``policyparse.api.extract``) and scored against the gold with ``scripts/evaluate.py``'s scorer;
the character error rate of the OCR text against the text layer (rapidfuzz Levenshtein distance,
whitespace removed) and the reading seconds (render + OCR + layout) per page are reported. Documents run in
``--workers`` processes (default: all cores), one onnxruntime thread each. Needs the ``ocr`` extra.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
GOLD = CORPUS / "gold"


def _evaluate_module():
    spec = importlib.util.spec_from_file_location("policyparse_scripts_evaluate", ROOT / "scripts" / "evaluate.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def rasterise(src: Path, dst: Path, dpi: int) -> int:
    """``src`` as an image-only PDF at ``dpi`` (same page sizes); returns the page count."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(src))
    images = []
    for i in range(len(pdf)):
        page = pdf[i]
        images.append(page.render(scale=dpi / 72).to_pil().convert("L"))
        page.close()
    images[0].save(str(dst), "PDF", resolution=dpi, quality=75, save_all=True, append_images=images[1:])
    return len(images)


def cer(reference: str, hypothesis: str) -> float:
    from rapidfuzz.distance import Levenshtein

    ref, hyp = re.sub(r"\s+", "", reference), re.sub(r"\s+", "", hypothesis)
    return Levenshtein.distance(ref, hyp) / max(len(ref), 1)


def _one(args: tuple[str, str, int]) -> dict:
    stem, tmp, dpi = args
    os.environ.setdefault("POLICYPARSE_OCR_THREADS", "1")
    from policyparse.extract import extract_document
    from policyparse.readers import read_document

    src = CORPUS / f"{stem}.pdf"
    scan = Path(tmp) / f"{stem}.pdf"
    pages = rasterise(src, scan, dpi)
    ref_doc = read_document(src)
    ref = extract_document(ref_doc)
    t0 = time.perf_counter()
    try:
        doc = read_document(scan)  # every page OCR'd
        seconds = time.perf_counter() - t0
        ocr = extract_document(doc)
        error, rate = None, cer(ref_doc.text, doc.text)
    except Exception as e:  # measured as an empty prediction
        seconds = time.perf_counter() - t0
        ocr, error, rate = {"targets": [], "assignments": [], "document": {}}, f"{type(e).__name__}: {e}", None
    return {"document": stem, "pages": pages, "ocr_seconds": round(seconds, 1),
            "seconds_per_page": round(seconds / pages, 2), "cer": rate, "error": error,
            "ocr_pages": len(ocr["document"].get("ocr_pages", [])), "text_layer": ref, "ocr": ocr}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", nargs="*", help="stems (default: every corpus PDF with gold)")
    ap.add_argument("--dpi", type=int, default=150)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    from policyparse.readers import pdf_ocr

    if not pdf_ocr.installed():
        print('OCR extra not installed: pip install -e ".[ocr]"', file=sys.stderr)
        return 2
    ev = _evaluate_module()
    gold = ev.load_gold(GOLD, args.docs)
    stems = [s for s in gold if (CORPUS / f"{s}.pdf").exists()]
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="policyparse-ocr-") as tmp:
        jobs = [(s, tmp, args.dpi) for s in stems]
        if args.workers > 1:
            with ProcessPoolExecutor(max_workers=args.workers) as pool:
                results = list(pool.map(_one, jobs))
        else:
            results = [_one(j) for j in jobs]
    wall = time.perf_counter() - t0
    totals = {"text_layer": ev.Score(), "ocr": ev.Score()}
    rows = []
    for r in results:
        row = {k: v for k, v in r.items() if k not in ("text_layer", "ocr")}
        for kind in totals:
            s = ev.score_document(gold[r["document"]], r[kind], where=r["document"])
            totals[kind].add(s)
            row[f"{kind} targets F1"] = s.metrics["targets found"].f1
            row[f"{kind} assignments F1"] = s.metrics["assignments found"].f1
        rows.append(row)
    pages = sum(r["pages"] for r in results)
    ocr_s = sum(r["ocr_seconds"] for r in results)
    out = {
        "dpi": args.dpi,
        "workers": args.workers,
        "documents": rows,
        "overall": {kind: {k: s.metrics[k].as_dict() for k in ("targets found", "assignments found")}
                    for kind, s in totals.items()},
        "pages": pages,
        "ocr_seconds_per_page": round(ocr_s / max(pages, 1), 2),  # per worker process (one core each)
        "wall_seconds": round(wall, 1),
    }
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    f = ev._fmt if hasattr(ev, "_fmt") else (lambda x: f"{x:.3f}")
    print(f"corpus PDFs rasterised at {args.dpi} dpi, read by OCR ({args.workers} workers)")
    print(f"{'document':26} {'pages':>5} {'s/page':>7} {'CER':>7} {'targets F1 text/OCR':>20} {'assign. F1 text/OCR':>20}")
    for row in rows:
        c = f"{row['cer']:.2%}" if row["cer"] is not None else "failed"
        print(f"{row['document']:26} {row['pages']:5} {row['seconds_per_page']:7.2f} {c:>7} "
              f"{f(row['text_layer targets F1']):>9} / {f(row['ocr targets F1']):<9} "
              f"{f(row['text_layer assignments F1']):>9} / {f(row['ocr assignments F1']):<9}")
        if row["error"]:
            print(f"  error: {row['error']}")
    for kind, s in totals.items():
        t, a = s.metrics["targets found"], s.metrics["assignments found"]
        print(f"overall {kind:10}: targets P {f(t.precision)} R {f(t.recall)} F1 {f(t.f1)}; "
              f"assignments P {f(a.precision)} R {f(a.recall)} F1 {f(a.f1)}")
    print(f"{pages} pages, OCR {out['ocr_seconds_per_page']:.2f} s/page per core, wall {wall:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
