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

    python scripts/evaluate_ocr.py --confidence         # engine score vs per-line CER

``--confidence`` measures what the engine's score says about a line's errors (what
``pdf_ocr.LOW_CONFIDENCE`` is chosen from): the first ``--pages`` pages of every corpus PDF are
rendered clean at 150 dpi and degraded (:data:`DEGRADATIONS`: lower resolution, blur, noise,
coarse JPEG), each render is OCR'd, and each text line the engine returns (one detection box, one
score) is compared with the text-layer characters whose centres lie inside its box (CER of that
line). Lines are binned by score; the table gives per bin the lines, their reference characters,
the pooled CER (edit distance / reference characters) and the share of lines with any error.
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


# how the pages are degraded for --confidence: (name, dpi, Gaussian blur sigma in pixels, noise
# standard deviation in grey levels, JPEG quality or 0 for none)
DEGRADATIONS = [
    ("clean 150 dpi", 150, 0.0, 0.0, 0),
    ("100 dpi, JPEG q30", 100, 0.0, 0.0, 30),
    ("150 dpi, blur 1.2, noise 25", 150, 1.2, 25.0, 0),
    ("96 dpi, blur 1.0, noise 30, JPEG q25", 96, 1.0, 30.0, 25),
    ("72 dpi, blur 0.8, noise 20", 72, 0.8, 20.0, 0),
]
CONFIDENCE_BINS = [0.0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 1.0001]


def degrade(img, blur: float, noise: float, jpeg: int, seed: int = 0):
    """A grayscale PIL image blurred, noised and JPEG-compressed as given (deterministic)."""
    import io

    import numpy as np
    from PIL import Image, ImageFilter

    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    if noise:
        a = np.asarray(img, dtype=np.float32)
        a = a + np.random.default_rng(seed).normal(0.0, noise, a.shape)
        img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if jpeg:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=jpeg)
        img = Image.open(io.BytesIO(buf.getvalue())).convert("L")
    return img


def _comparable(text: str) -> str:
    """Whitespace removed, full-width forms and curly quotes folded (as the reader's normalised
    text has them), so that only what the engine misread counts."""
    import unicodedata

    text = unicodedata.normalize("NFKC", text)
    text = text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))
    return re.sub(r"\s+", "", text)


def line_scores(args: tuple[str, int]) -> list[dict]:
    """Every engine line of page ``index`` of corpus PDF ``stem`` under every degradation:
    ``{degradation, score, ref, hyp, chars, errors}``."""
    stem, index = args
    os.environ.setdefault("POLICYPARSE_OCR_THREADS", "1")
    import numpy as np
    import pdfplumber
    import pypdfium2 as pdfium
    from rapidfuzz.distance import Levenshtein

    from policyparse.readers import pdf_ocr
    from policyparse.readers.pdf import line_chars, page_chars

    src = CORPUS / f"{stem}.pdf"
    with pdfplumber.open(str(src)) as plumber:
        chars = [c for c in page_chars(plumber.pages[index]) if not c["text"].isspace()]
    pdf = pdfium.PdfDocument(str(src))
    out: list[dict] = []
    for k, (name, dpi, blur, noise, jpeg) in enumerate(DEGRADATIONS):
        page = pdf[index]
        scale = dpi / 72
        img = degrade(page.render(scale=scale).to_pil().convert("L"), blur, noise, jpeg, seed=index * 31 + k)
        page.close()
        result, _ = pdf_ocr._engine()(np.asarray(img.convert("RGB")))
        for text, x0, x1, top, bottom, score in pdf_ocr._boxes(result, scale):
            # a box ends at the ink; a CJK punctuation glyph's em box reaches half an em beyond
            pad = 0.5 * (bottom - top)
            inside = [c for c in chars if x0 - pad <= (c["x0"] + c["x1"]) / 2 <= x1 + pad
                      and top <= (c["top"] + c["bottom"]) / 2 <= bottom]
            ref = _comparable("".join(c["text"] for ln in line_chars(inside) for c in ln))
            hyp = _comparable(text)
            if not ref:
                continue  # nothing of the text layer there (a rule or a stamp read as text)
            out.append({"degradation": name, "score": score, "ref": ref, "hyp": hyp, "chars": len(ref),
                        "errors": Levenshtein.distance(ref, hyp)})
    pdf.close()
    return out


def confidence_table(lines: list[dict], bins: list[float] = CONFIDENCE_BINS) -> list[dict]:
    """Lines binned by engine score: lines, reference chars, pooled CER, share of lines with an
    error, and the pooled CER of all lines below the bin's upper edge (what a threshold there flags)."""
    rows = []
    for lo, hi in zip(bins, bins[1:], strict=False):
        sel = [ln for ln in lines if lo <= ln["score"] < hi]
        below = [ln for ln in lines if ln["score"] < hi]
        n = sum(ln["chars"] for ln in sel)
        rows.append({
            "from": lo, "to": min(hi, 1.0), "lines": len(sel), "chars": n,
            "cer": sum(ln["errors"] for ln in sel) / n if n else None,
            "lines_with_errors": sum(1 for ln in sel if ln["errors"]) / len(sel) if sel else None,
            "cer_below": sum(ln["errors"] for ln in below) / max(sum(ln["chars"] for ln in below), 1) if below else None,
        })
    return rows


def confidence_main(pages: int, workers: int, as_json: bool) -> int:
    from policyparse.readers import pdf_ocr

    jobs = []
    for src in sorted(CORPUS.glob("*.pdf")):
        import pypdfium2 as pdfium

        n = len(pdfium.PdfDocument(str(src)))
        jobs += [(src.stem, i) for i in range(min(pages, n))]
    t0 = time.perf_counter()
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            per_page = list(pool.map(line_scores, jobs))
    else:
        per_page = [line_scores(j) for j in jobs]
    lines = [ln for page in per_page for ln in page]
    table = confidence_table(lines)
    by_degradation = {}
    for name, *_ in DEGRADATIONS:
        sel = [ln for ln in lines if ln["degradation"] == name]
        by_degradation[name] = {
            "lines": len(sel), "cer": sum(ln["errors"] for ln in sel) / max(sum(ln["chars"] for ln in sel), 1),
            "median_score": sorted(ln["score"] for ln in sel)[len(sel) // 2] if sel else None,
        }
    out = {"pages": len(jobs), "renders": len(jobs) * len(DEGRADATIONS), "lines": len(lines),
           "bins": table, "degradations": by_degradation, "low_confidence": pdf_ocr.LOW_CONFIDENCE,
           "seconds": round(time.perf_counter() - t0, 1)}
    if as_json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print(f"engine score vs line CER: {len(jobs)} corpus pages x {len(DEGRADATIONS)} renders, "
          f"{len(lines)} engine lines ({out['seconds']:.0f} s)")
    for name, d in by_degradation.items():
        print(f"  {name:38} {d['lines']:5} lines, CER {d['cer']:.2%}, median score {d['median_score']:.3f}")
    print(f"{'score':>13} {'lines':>6} {'chars':>7} {'CER':>7} {'lines w/ err':>12} {'CER below':>10}")
    for r in table:
        c = f"{r['cer']:.2%}" if r["cer"] is not None else "-"
        e = f"{r['lines_with_errors']:.0%}" if r["lines_with_errors"] is not None else "-"
        b = f"{r['cer_below']:.2%}" if r["cer_below"] is not None else "-"
        print(f"{r['from']:.2f} - {r['to']:.2f} {r['lines']:6} {r['chars']:7} {c:>7} {e:>12} {b:>10}")
    print(f"LOW_CONFIDENCE = {pdf_ocr.LOW_CONFIDENCE} (policyparse.readers.pdf_ocr)")
    return 0


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
    ap.add_argument("--confidence", action="store_true", help="engine score vs per-line CER (see above)")
    ap.add_argument("--pages", type=int, default=3, help="--confidence: pages per corpus PDF")
    args = ap.parse_args(argv)
    from policyparse.readers import pdf_ocr

    if not pdf_ocr.installed():
        print('OCR extra not installed: pip install -e ".[ocr]"', file=sys.stderr)
        return 2
    if args.confidence:
        return confidence_main(args.pages, args.workers, args.json)
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
