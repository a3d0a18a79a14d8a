"""Benchmark ingestion at scale (issue 6): stages, workers, memory, growth, query latency.

    python scripts/bench.py                       # sizes 100,500,2000 (generated with gen_scale_corpus)
    python scripts/bench.py --sizes 100,500       # quicker
    python scripts/bench.py --corpus DIR          # your own files instead (one size: all of them)
    python scripts/bench.py --report-sizes        # only: report size at 100 / 500 / 2,000 plans (minutes)
    python scripts/bench.py --ocr-only            # only: OCR throughput (section 6)

One run, on the same files, prints:

1. per stage (one process, models already loaded): pages/s and chars/s of read (the format
   reader), repair/assemble (text repair, normalisation, structure), extract (spaCy pipeline and
   tables, gazetteer lookups excluded), normalise (gazetteer lookups + metadata completion) and
   store (SQLite write, one transaction per document); characters are those of the normalised text;
   and, apart, extract+normalise on the real plans' TXT files under ``corpus/`` (generated
   documents recombine the seeds, so they repeat more than real plans do);
2. the bare-library baselines on the same files/texts/names: pdfplumber ``extract_text`` (PDF
   pages), jieba ``lcut`` (the documents' texts), rapidfuzz ``process.extractOne`` (every department
   mention against the department catalogue), and each stage as a ratio of its baseline;
   PDF end-to-end (all stages) / pdfplumber extract_text is the issue's "within 1.5x" figure;
3. for every size: end-to-end documents/s with 1 worker (a child process running the single-process
   ingest) and with 2 workers (:func:`policyparse.parallel.ingest_parallel`), with and without the
   one-time model loading, the 2-vs-1 speed-up, and the peak RSS of every worker process;
4. how time per document and memory grow from the smallest to the largest size, and the latency of
   ``lead`` and ``compare`` (median of repeated calls) on each size's store;
5. the size of ``report.html`` at every size (goal: at most 10 MB at 2,000 plans) and of its
   ``sources/`` folder (one source view per document, opened from the report's links);
6. OCR throughput (the ``ocr`` extra): the first ``--ocr-pages`` pages of each corpus PDF rendered
   at 150 dpi (pypdfium2) and read by RapidOCR with one onnxruntime thread, table grids looked for
   as the reader does (:func:`policyparse.readers.pdf_ocr.ocr_page` minus the PDF's own scale):
   render and OCR seconds per page and pages per second per core; skipped, saying why, without the
   extra.

The numbers depend on the machine (and on other load on it: the script prints the load average).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

GOALS = {
    "pdf_vs_pdfplumber": 1.5,  # end-to-end PDF ingest time / bare extract_text time, at most
    "speedup_2_workers": 1.8,  # at least
    "text_extract_chars_per_s": 100_000,  # per worker, at least
    "query_ms": 50.0,  # lead / compare on a 2,000-document store, at most
    "worker_rss_mb": 500.0,  # at most
    "report_mb_2000": 10.0,  # report.html of 2,000 plans, at most
}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------- stages


def measure_stages(files: list[Path], store: Path) -> dict:
    """Run every stage on every file in this process; returns seconds, pages and chars per stage."""
    from policyparse.assemble import assemble
    from policyparse.extract import extract_document
    from policyparse.extract import resolve as resolve_mod
    from policyparse.extract.nlp import build_nlp
    from policyparse.readers import read_raw
    from policyparse.store.enrich import complete_document
    from policyparse.store.schema import connect
    from policyparse.store.writer import write_document

    build_nlp()
    # first-use costs (lazy imports, the metadata.yaml manifest) are not a stage's
    complete_document(extract_document(assemble(read_raw(files[0]), "0" * 64)), files[0])
    match_time = [0.0]
    original = resolve_mod.Resolver._match

    def timed_match(self, name, kind):
        t = time.perf_counter()
        try:
            return original(self, name, kind)
        finally:
            match_time[0] += time.perf_counter() - t

    resolve_mod.Resolver._match = timed_match
    stages = {k: 0.0 for k in ("read", "assemble", "extract", "normalise", "store")}
    by_format: dict[str, dict] = {}
    pages = chars = 0
    texts: list[str] = []
    mentions: list[str] = []
    conn = connect(store)
    try:
        import hashlib

        for f in files:
            fmt = f.suffix.lstrip(".")
            t0 = time.perf_counter()
            raw = read_raw(f)
            t1 = time.perf_counter()
            doc = assemble(raw, hashlib.sha256(f.read_bytes()).hexdigest())
            t2 = time.perf_counter()
            match_time[0] = 0.0
            facts = extract_document(doc)
            t3 = time.perf_counter()
            complete_document(facts, f)
            t4 = time.perf_counter()
            write_document(conn, facts, doc, path=str(f.resolve()))
            t5 = time.perf_counter()
            m = match_time[0]
            row = {"read": t1 - t0, "assemble": t2 - t1, "extract": (t3 - t2) - m, "normalise": m + (t4 - t3),
                   "store": t5 - t4}
            agg = by_format.setdefault(fmt, {"files": 0, "pages": 0, "chars": 0, **{k: 0.0 for k in row}})
            agg["files"] += 1
            agg["pages"] += doc.pages
            agg["chars"] += len(doc.text)
            for k, v in row.items():
                stages[k] += v
                agg[k] += v
            pages += doc.pages
            chars += len(doc.text)
            texts.append(doc.text)
            for fact in facts["targets"] + facts["assignments"]:
                mentions.extend(d["name"] for d in fact["lead"] + fact["responsible"])
    finally:
        conn.close()
        resolve_mod.Resolver._match = original
    return {"seconds": stages, "pages": pages, "chars": chars, "files": len(files), "by_format": by_format,
            "texts": texts, "mentions": mentions}


def baselines(files: list[Path], texts: list[str], mentions: list[str]) -> dict:
    import jieba
    import pdfplumber
    from rapidfuzz import fuzz, process

    from policyparse.gazetteer import load_gazetteer

    pdfs = [f for f in files if f.suffix == ".pdf"]
    t0 = time.perf_counter()
    pdf_pages = 0
    for f in pdfs:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_text()
                pdf_pages += 1
    t_pdf = time.perf_counter() - t0
    jieba.lcut("预热")
    t0 = time.perf_counter()
    for t in texts:
        jieba.lcut(t)
    t_jieba = time.perf_counter() - t0
    choices = sorted(set(load_gazetteer().department_surface_forms()))
    t0 = time.perf_counter()
    for name in mentions:
        process.extractOne(name, choices, scorer=fuzz.ratio)
    t_fuzz = time.perf_counter() - t0
    return {"pdfplumber_seconds": t_pdf, "pdf_files": len(pdfs), "pdf_pages": pdf_pages,
            "jieba_seconds": t_jieba, "jieba_chars": sum(map(len, texts)),
            "rapidfuzz_seconds": t_fuzz, "rapidfuzz_queries": len(mentions), "rapidfuzz_choices": len(choices)}


# ----------------------------------------------------------------------------- end to end

_CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from policyparse.parallel._common import peak_rss_mb, warm_up
warm = warm_up()
t1 = time.perf_counter()
from policyparse.store.ingest import ingest
files = json.load(open(sys.argv[1]))
s = ingest(files, sys.argv[2], progress=False)
t2 = time.perf_counter()
print(json.dumps({"warm_up": t1 - t0, "work": t2 - t1, "documents": s.documents, "failures": len(s.failures),
                  "peak_rss_mb": peak_rss_mb()}))
"""


_REAL_TEXT_CHILD = r"""
import json, sys, time
from pathlib import Path
from policyparse.parallel._common import warm_up
warm_up()
from policyparse.assemble import assemble
from policyparse.extract import extract_document
from policyparse.readers import read_raw
from policyparse.store.enrich import complete_document
import hashlib
chars = seconds = 0.0
for name in json.load(open(sys.argv[1])):
    f = Path(name)
    doc = assemble(read_raw(f), hashlib.sha256(f.read_bytes()).hexdigest())
    t = time.perf_counter()
    complete_document(extract_document(doc), f)
    seconds += time.perf_counter() - t
    chars += len(doc.text)
print(json.dumps({"chars": chars, "seconds": seconds}))
"""


def real_text_rate(work: Path) -> dict:
    """Extract+normalise chars/s on the real plans' TXT files under corpus/ (not generated), one
    pass in a fresh process: nothing cached from other documents flatters the figure."""
    files = sorted(str(p) for p in (ROOT / "corpus").rglob("*.txt") if p.parent.name != "gold")
    lst = work / "real_txt.json"
    lst.write_text(json.dumps(files))
    out = subprocess.run([sys.executable, "-c", _REAL_TEXT_CHILD, str(lst)], capture_output=True, text=True,
                         check=True)
    r = json.loads(out.stdout.strip().splitlines()[-1])
    r["files"] = len(files)
    return r


def one_worker(files: list[Path], store: Path) -> dict:
    """Single-process ingest in a child process (clean memory figure), models loaded first."""
    lst = store.with_suffix(".files.json")
    lst.write_text(json.dumps([str(f) for f in files]))
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _CHILD, str(lst), str(store)], capture_output=True, text=True,
                         check=True)
    wall = time.perf_counter() - t0
    r = json.loads(out.stdout.strip().splitlines()[-1])
    r["wall"] = wall
    return r


def two_workers(files: list[Path], store: Path, workers: int = 2) -> dict:
    from policyparse.parallel import ingest_parallel

    stats: dict = {}
    s = ingest_parallel(files, store, workers=workers, stats=stats)
    steady = stats.get("steady_seconds") or stats["wall_seconds"]
    return {"wall": stats["wall_seconds"], "warm_up": stats["wall_seconds"] - steady, "work": steady,
            "documents": s.documents, "failures": len(s.failures),
            "worker_peak_rss_mb": stats.get("worker_peak_rss_mb", []),
            "worker_documents": stats.get("worker_documents", []), "parent_write_seconds": stats.get("write_seconds")}


def report_size(store: Path, out: Path) -> dict:
    """Write the report of ``store`` into ``out`` and measure it (bytes of report.html and sources/)."""
    from policyparse.report import report

    t = time.perf_counter()
    path = report(store, out / "report.html")
    seconds = time.perf_counter() - t
    views = list((out / "sources").glob("*.html"))
    return {"report_bytes": path.stat().st_size, "sources_bytes": sum(v.stat().st_size for v in views),
            "views": len(views), "seconds": seconds}


def print_report_sizes(sizes: dict) -> None:
    print("\n5. report size by corpus size (report.html self-contained; sources/ = one view per document)")
    print(f"   {'docs':>5} {'report.html MB':>14} {'sources/ MB':>11} {'views':>6} {'seconds':>8}")
    for n, r in sizes.items():
        print(f"   {n:>5} {r['report_bytes'] / 1e6:14.2f} {r['sources_bytes'] / 1e6:11.2f} {r['views']:>6} "
              f"{r['seconds']:8.1f}")
    big = sizes.get(2000) or sizes.get("2000")
    if big:
        mb = big["report_bytes"] / 1e6
        print(f"   report.html at 2,000 plans: {mb:.2f} MB  [goal <= {GOALS['report_mb_2000']:.0f} MB: "
              f"{'met' if mb <= GOALS['report_mb_2000'] else 'NOT met'}]")


def only_report_sizes(sizes: list[int], work: Path) -> dict:
    """Generate the largest corpus once; for each size ingest its first N plans (2 workers) and
    write the report. The fast path of ``--report-sizes``."""
    from gen_scale_corpus import generate

    t0 = time.perf_counter()
    files = generate(max(sizes), work / "corpus")
    log(f"generated {len(files)} documents in {time.perf_counter() - t0:.1f} s")
    out = {}
    for n in sizes:
        log(f"size {n}: ingest (2 workers) and report ...")
        two_workers(files[:n], work / f"two_{n}.sqlite")
        out[n] = report_size(work / f"two_{n}.sqlite", work / f"report_{n}")
    return out


def query_latency(store: Path, repeats: int = 15) -> dict:
    from policyparse.corpus import Corpus

    c = Corpus(store)
    calls = {
        "lead(高新技术企业数)": lambda: c.lead("高新技术企业数"),
        "lead(R&D比重, city)": lambda: c.lead("全社会R&D经费支出占GDP比重", city=_some_city(store)),
        "compare(高新技术企业数)": lambda: c.compare("高新技术企业数"),
        "compare(森林覆盖率)": lambda: c.compare("森林覆盖率"),
    }
    out = {}
    for name, fn in calls.items():
        res = fn()  # first call: imports, gazetteer lookup of the indicator
        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t) * 1000)
        out[name] = {"median_ms": statistics.median(times), "max_ms": max(times), "rows": len(res.rows)}
    return out


_CITY: dict[str, str] = {}


def _some_city(store: Path) -> str | None:
    if str(store) not in _CITY:
        import sqlite3

        conn = sqlite3.connect(store)
        row = conn.execute("SELECT city FROM documents WHERE city IS NOT NULL GROUP BY city ORDER BY count(*) DESC"
                           " LIMIT 1").fetchone()
        conn.close()
        _CITY[str(store)] = row[0] if row else None
    return _CITY[str(store)]


# ----------------------------------------------------------------------------- report


OCR_DPI = 150


def ocr_throughput(pdfs: list[Path] | None = None, pages: int = 1, dpi: int = OCR_DPI) -> dict:
    """Render + OCR of the first ``pages`` pages of each PDF at ``dpi`` on one core:
    ``{pages, render_seconds, ocr_seconds, pages_per_s_per_core, ...}`` or ``{"skipped": why}``."""
    from policyparse.readers import pdf_ocr

    if not pdf_ocr.installed():
        return {"skipped": f"OCR extra not installed ({pdf_ocr.INSTALL_HINT})"}
    os.environ["POLICYPARSE_OCR_THREADS"] = "1"
    import pypdfium2 as pdfium

    pdfs = pdfs if pdfs is not None else sorted((ROOT / "corpus").glob("*.pdf"))
    if not pdfs:
        return {"skipped": "no corpus PDFs"}
    scale = dpi / 72
    engine = pdf_ocr._engine()
    threads = int(os.environ.get("POLICYPARSE_OCR_THREADS", "1"))
    warm = pdfium.PdfDocument(str(pdfs[0]))
    engine(pdf_ocr.render(warm, 0, scale)[:200, :200])  # load the models before timing
    warm.close()
    render_s = ocr_s = 0.0
    n = lines = 0
    per_page = []
    for f in pdfs:
        pdf = pdfium.PdfDocument(str(f))
        for i in range(min(pages, len(pdf))):
            t0 = time.perf_counter()
            img = pdf_ocr.render(pdf, i, scale)
            t1 = time.perf_counter()
            found, tables = pdf_ocr._read_image(img, scale)
            t2 = time.perf_counter()
            render_s += t1 - t0
            ocr_s += t2 - t1
            n += 1
            lines += len(found) + sum(len(t.cells) for t in tables)
            per_page.append(t2 - t0)
        pdf.close()
    total = render_s + ocr_s
    return {"pages": n, "documents": len(pdfs), "dpi": dpi, "threads": threads, "render_seconds": round(render_s, 2),
            "ocr_seconds": round(ocr_s, 2), "median_seconds_per_page": round(statistics.median(per_page), 2),
            "pages_per_s_per_core": round(n / (total * threads), 3) if total else None, "lines": lines}


def print_ocr(o: dict) -> None:
    print("\n6. OCR throughput (render + OCR, one onnxruntime thread)")
    if "skipped" in o:
        print(f"   skipped: {o['skipped']}")
        return
    print(f"   {o['pages']} pages of {o['documents']} corpus PDFs at {o['dpi']} dpi: render {o['render_seconds']:.1f} s, "
          f"OCR {o['ocr_seconds']:.1f} s, median {o['median_seconds_per_page']:.2f} s/page, "
          f"{o['pages_per_s_per_core']:.3f} pages/s/core ({o['lines']} lines and cells)")


def rate(n: float, s: float) -> str:
    return f"{n / s:,.0f}" if s > 0 else "-"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,500,2000", help="corpus sizes (documents), comma-separated")
    ap.add_argument("--corpus", type=Path, default=None, help="use these files instead of a generated corpus")
    ap.add_argument("--work", type=Path, default=None, help="working folder (default: a temporary one)")
    ap.add_argument("--stage-docs", type=int, default=200, help="documents for the per-stage measurement")
    ap.add_argument("--json", type=Path, default=None, help="also write all figures as JSON here")
    ap.add_argument("--keep", action="store_true", help="keep the working folder")
    ap.add_argument("--report-sizes", action="store_true",
                    help="only measure the report's size at each size (generate, ingest, report)")
    ap.add_argument("--ocr-pages", type=int, default=1, help="pages of each corpus PDF for the OCR section")
    ap.add_argument("--ocr-only", action="store_true", help="only the OCR throughput section")
    args = ap.parse_args(argv)
    if args.ocr_only:
        o = ocr_throughput(pages=args.ocr_pages)
        print_ocr(o)
        if args.json:
            args.json.write_text(json.dumps({"ocr": o}, ensure_ascii=False, indent=1), encoding="utf-8")
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="policyparse-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    result: dict = {"cpu_count": os.cpu_count(), "loadavg_start": os.getloadavg()}
    try:
        if args.report_sizes:
            sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
            result["report_sizes"] = only_report_sizes(sizes, work)
            print_report_sizes(result["report_sizes"])
            if args.json:
                args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
            return 0
        if args.corpus is not None:
            from policyparse.store.ingest import expand_paths

            all_files, _ = expand_paths([args.corpus])
            sizes = [len(all_files)]
        else:
            from gen_scale_corpus import generate

            sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
            t0 = time.perf_counter()
            all_files = generate(max(sizes), work / "corpus")
            log(f"generated {len(all_files)} documents in {time.perf_counter() - t0:.1f} s")
        # ---------------------------------------------------------------- stages + baselines
        stage_files = all_files[: min(args.stage_docs, len(all_files))]
        log(f"stages on {len(stage_files)} documents ...")
        st = measure_stages(stage_files, work / "stages.sqlite")
        base = baselines(stage_files, st.pop("texts"), st.pop("mentions"))
        result["stages"], result["baselines"] = st, base
        log("text extraction on the real plans ...")
        result["real_text"] = real_text_rate(work)
        # ---------------------------------------------------------------- sizes
        result["sizes"] = {}
        for n in sizes:
            files = all_files[:n]
            log(f"size {n}: 1 worker ...")
            one = one_worker(files, work / f"one_{n}.sqlite")
            log(f"size {n}: 2 workers ...")
            two = two_workers(files, work / f"two_{n}.sqlite")
            log(f"size {n}: queries ...")
            q = query_latency(work / f"two_{n}.sqlite")
            log(f"size {n}: report ...")
            result["sizes"][n] = {"one": one, "two": two, "queries": q,
                                  "report": report_size(work / f"two_{n}.sqlite", work / f"report_{n}")}
        from policyparse.parallel import renormalise

        big = work / f"two_{sizes[-1]}.sqlite"
        ren = renormalise(big, dry_run=True)  # the whole store, rolled back: the store stays as ingested
        result["renormalise"] = {"documents": ren.documents, "dept_mentions": ren.dept_mentions,
                                 "seconds": ren.seconds, "changed": ren.changed}
        log("OCR throughput ...")
        result["ocr"] = ocr_throughput(pages=args.ocr_pages)
        result["loadavg_end"] = os.getloadavg()
        report(result)
        if args.json:
            args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def report(r: dict) -> None:
    st, base = r["stages"], r["baselines"]
    sec, pages, chars = st["seconds"], st["pages"], st["chars"]
    print(f"machine: {r['cpu_count']} CPUs, load average at start {r['loadavg_start'][0]:.2f}, "
          f"at end {r['loadavg_end'][0]:.2f}")
    print(f"\n1. stages, one process, models loaded ({st['files']} documents, {pages} pages, {chars:,} chars)")
    print(f"   {'stage':10} {'seconds':>8} {'pages/s':>9} {'chars/s':>11}")
    for k, v in sec.items():
        print(f"   {k:10} {v:8.2f} {rate(pages, v):>9} {rate(chars, v):>11}")
    total = sum(sec.values())
    print(f"   {'all':10} {total:8.2f} {rate(pages, total):>9} {rate(chars, total):>11}  "
          f"= {st['files'] / total:.1f} documents/s")
    print("   per format (documents/s end to end | extract chars/s):")
    for fmt, a in sorted(st["by_format"].items()):
        t = sum(a[k] for k in sec)
        print(f"   {fmt:5} {a['files']:4} docs {a['pages']:4} pages  {a['files'] / t:6.1f} docs/s  "
              f"{rate(a['chars'], a['extract'])} chars/s extract  {rate(a['chars'], a['extract'] + a['normalise'])}"
              f" chars/s extract+normalise")
    print("\n2. bare-library baselines (same files / texts / names) and ratios")
    pdf = st["by_format"].get("pdf")
    if pdf and base["pdfplumber_seconds"] > 0:
        pdf_all = sum(pdf[k] for k in sec)
        print(f"   pdfplumber extract_text: {base['pdf_pages']} pages in {base['pdfplumber_seconds']:.2f} s "
              f"({rate(base['pdf_pages'], base['pdfplumber_seconds'])} pages/s); policyparse read stage on the "
              f"PDFs {pdf['read']:.2f} s = {pdf['read'] / base['pdfplumber_seconds']:.2f}x")
        ratio = pdf_all / base["pdfplumber_seconds"]
        print(f"   PDF end to end (read+assemble+extract+normalise+store) {pdf_all:.2f} s = {ratio:.2f}x "
              f"pdfplumber extract_text  [goal <= {GOALS['pdf_vs_pdfplumber']}x: {'met' if ratio <= GOALS['pdf_vs_pdfplumber'] else 'NOT met'}]")
    print(f"   jieba lcut: {base['jieba_chars']:,} chars in {base['jieba_seconds']:.2f} s "
          f"({rate(base['jieba_chars'], base['jieba_seconds'])} chars/s); extract stage "
          f"{sec['extract']:.2f} s = {sec['extract'] / base['jieba_seconds']:.2f}x jieba")
    print(f"   rapidfuzz extractOne: {base['rapidfuzz_queries']} department mentions x {base['rapidfuzz_choices']} "
          f"names in {base['rapidfuzz_seconds']:.3f} s; normalise stage {sec['normalise']:.3f} s = "
          f"{sec['normalise'] / max(base['rapidfuzz_seconds'], 1e-9):.2f}x")
    txt = st["by_format"].get("txt")
    if txt:
        cps = txt["chars"] / (txt["extract"] + txt["normalise"])
        print(f"   text-format extraction (extract+normalise, TXT): {cps:,.0f} chars/s per worker  "
              f"[goal >= {GOALS['text_extract_chars_per_s']:,}: {'met' if cps >= GOALS['text_extract_chars_per_s'] else 'NOT met'}]")
    real = r.get("real_text")
    if real:
        cps = real["chars"] / real["seconds"]
        print(f"   the same on the real plans (corpus/, {real['files']} TXT files, {real['chars']:,.0f} chars, one pass "
              f"in a fresh process): {cps:,.0f} chars/s  [goal >= {GOALS['text_extract_chars_per_s']:,}: "
              f"{'met' if cps >= GOALS['text_extract_chars_per_s'] else 'NOT met'}]")
    print("\n3. end to end by size (documents/s; 'steady' excludes the one-time model loading)")
    print(f"   {'docs':>5} {'1w wall':>8} {'1w steady':>9} {'2w wall':>8} {'2w steady':>9} {'speed-up':>8} "
          f"{'1w RSS MB':>9} {'2w RSS MB (per worker)':>24}")
    rows = []
    for n, s in r["sizes"].items():
        one, two = s["one"], s["two"]
        d1w, d1s = one["documents"] / one["wall"], one["documents"] / one["work"]
        d2w, d2s = two["documents"] / two["wall"], two["documents"] / max(two["work"], 1e-9)
        rows.append((int(n), one, two, d1s, d2s))
        rss = ", ".join(f"{x:.0f}" for x in two["worker_peak_rss_mb"])
        print(f"   {n:>5} {d1w:8.2f} {d1s:9.2f} {d2w:8.2f} {d2s:9.2f} {d2s / d1s:7.2f}x "
              f"{one['peak_rss_mb']:9.0f} {rss:>24}")
    last_two = rows[-1][2]
    print(f"   the parent (one writer: enrich + write, one transaction per document) was busy "
          f"{last_two['parent_write_seconds']:.1f} s of {last_two['wall']:.1f} s at {rows[-1][0]} documents; "
          f"documents per worker: {last_two['worker_documents']}")
    speed = rows[-1][4] / rows[-1][3]
    print(f"   2 workers vs 1 at {rows[-1][0]} documents: {speed:.2f}x  [goal >= {GOALS['speedup_2_workers']}x: "
          f"{'met' if speed >= GOALS['speedup_2_workers'] else 'NOT met'}]")
    peak = max([rows_[1]["peak_rss_mb"] for rows_ in rows] + [x for rows_ in rows for x in rows_[2]["worker_peak_rss_mb"]])
    print(f"   peak RSS of any worker: {peak:.0f} MB  [goal < {GOALS['worker_rss_mb']:.0f}: "
          f"{'met' if peak < GOALS['worker_rss_mb'] else 'NOT met'}]")
    if len(rows) > 1:
        (n0, o0, t0_, _, _), (n1, o1, t1_, _, _) = rows[0], rows[-1]
        print(f"\n4. growth {n0} -> {n1} documents ({n1 / n0:.0f}x): 1-worker time x{o1['work'] / o0['work']:.1f} "
              f"(per document x{(o1['work'] / n1) / (o0['work'] / n0):.2f}), 2-worker time x{t1_['work'] / t0_['work']:.1f} "
              f"(per document x{(t1_['work'] / n1) / (t0_['work'] / n0):.2f}); peak RSS 1 worker "
              f"{o0['peak_rss_mb']:.0f} -> {o1['peak_rss_mb']:.0f} MB, 2 workers max "
              f"{max(t0_['worker_peak_rss_mb']):.0f} -> {max(t1_['worker_peak_rss_mb']):.0f} MB")
    ren = r.get("renormalise")
    if ren:
        print(f"   renormalise (re-resolve every stored name, one transaction) on the largest store: "
              f"{ren['documents']} documents, {ren['dept_mentions']:,} department mentions in {ren['seconds']:.2f} s "
              f"({ren['changed']} changes with the same gazetteers)")
    print_report_sizes({n: s["report"] for n, s in r["sizes"].items() if "report" in s})
    print("\n   query latency (median / max of 15 calls in ms, [result rows]) on each size's store:")
    names = list(next(iter(r["sizes"].values()))["queries"])
    print("   " + f"{'docs':>5} " + " ".join(f"{x:>24}" for x in names))
    worst = 0.0
    for n, s in r["sizes"].items():
        cells = []
        for x in names:
            q = s["queries"][x]
            worst = max(worst, q["median_ms"]) if n == max(r["sizes"]) else worst
            cells.append(f"{q['median_ms']:6.1f} / {q['max_ms']:6.1f} [{q['rows']}]")
        print("   " + f"{n:>5} " + " ".join(f"{c:>24}" for c in cells))
    largest = max(int(n) for n in r["sizes"])
    verdict = ("met" if worst < GOALS["query_ms"] else "NOT met") if largest >= 2000 else \
        f"not measured: the largest store here has {largest} documents"
    print(f"   slowest median on the largest store: {worst:.1f} ms  [goal < {GOALS['query_ms']:.0f} ms on 2,000 "
          f"documents: {verdict}]")
    if "ocr" in r:
        print_ocr(r["ocr"])


if __name__ == "__main__":
    raise SystemExit(main())
