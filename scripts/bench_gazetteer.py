"""Benchmark the gazetteer matcher, and measure the fuzzy thresholds on the seed documents.

``python scripts/bench_gazetteer.py``
    Builds 10,000 mixed department/indicator names (exact names, aliases, level/place-prefixed
    forms, perturbed "fuzzy" spellings, unmatched strings), pins the process to one core, and
    prints lookups/second of ``Gazetteer.match`` with a cold result cache (every name new to the
    matcher; normalisation caches cleared) and with a warm cache (second pass), plus the rate of a
    bare ``rapidfuzz.process.extractOne(name, all_keys, scorer=fuzz.ratio)`` over the same names as a
    baseline ratio. Goal: > 20,000 lookups/s cold.

``python scripts/bench_gazetteer.py --measure``
    Leave-one-out measurement behind the thresholds in ``policyparse.gazetteer.matcher``: every
    distinct department/indicator surface form found in the seed documents (corpus/*.txt) is
    resolved; the key that matched is removed from the index and the form is fuzzy-matched
    against the remaining keys. Prints, per kind, the score of the correct entry (if still
    reachable through another name/alias) and the best score of a wrong entry, then the smallest
    threshold that keeps every wrong best-match out and how many correct variants it accepts.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from policyparse.gazetteer import load_gazetteer  # noqa: E402
from policyparse.gazetteer import normalize as N  # noqa: E402
from policyparse.gazetteer.matcher import (  # noqa: E402
    DEPARTMENT_FUZZY_THRESHOLD,
    FUZZY_MARGIN,
    INDICATOR_FUZZY_THRESHOLD,
)
from policyparse.gazetteer.mentions import find_mentions  # noqa: E402

FILLER = "的和及与在对从为向关于有关推进加快建设发展工作服务管理创新体系机制平台项目资金政策"


def _one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        try:
            cpu = sorted(os.sched_getaffinity(0))[0]
            os.sched_setaffinity(0, {cpu})
            return f"pinned to CPU {cpu}"
        except OSError:
            pass
    return "not pinned (no sched_setaffinity)"


def _perturb(s: str, rng: random.Random) -> str:
    if len(s) < 5:
        return s + rng.choice("的等")
    i = rng.randrange(1, len(s) - 1)
    op = rng.choice(("del", "ins", "sub"))
    if op == "del":
        return s[:i] + s[i + 1 :]
    if op == "ins":
        return s[:i] + rng.choice(FILLER) + s[i:]
    return s[:i] + rng.choice(FILLER) + s[i + 1 :]


def mixed_names(gaz, n: int = 10_000, seed: int = 7) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    depts = list(gaz.departments.values())
    inds = list(gaz.indicators.values())
    cities = [p.name for p in gaz.places if p.level == "city"]
    prefixes = ["市", "县", "区", "省"]
    out: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    while len(out) < n:
        r = rng.random()
        if r < 0.15:  # exact
            if rng.random() < 0.6:
                item = (rng.choice(depts).name, "department")
            else:
                item = (rng.choice(inds).name, "indicator")
        elif r < 0.30:  # alias
            d = rng.choice(depts)
            i = rng.choice(inds)
            pool = [(a, "department") for a in d.aliases] + [(a, "indicator") for a in i.aliases]
            if not pool:
                continue
            item = rng.choice(pool)
        elif r < 0.65:  # prefixed (rule)
            d = rng.choice(depts)
            form = rng.choice((d.name, *d.aliases))
            head = rng.choice(prefixes) if rng.random() < 0.4 else rng.choice(cities)
            item = (head + form, "department")
        elif r < 0.85:  # fuzzy spelling
            if rng.random() < 0.5:
                d = rng.choice(depts)
                item = (rng.choice(cities) + _perturb(rng.choice((d.name, *d.aliases)), rng), "department")
            else:
                i = rng.choice(inds)
                item = (_perturb(rng.choice((i.name, *i.aliases)), rng), "indicator")
        else:  # unmatched
            k = rng.randint(3, 12)
            item = ("".join(rng.choice(FILLER) for _ in range(k)) + rng.choice("局委办中心"), "department")
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


def bench(n: int) -> None:
    print(_one_core())
    t0 = time.perf_counter()
    gaz = load_gazetteer()
    print(f"load_gazetteer: {time.perf_counter() - t0:.2f} s "
          f"({len(gaz.departments)} department types, {len(gaz.indicators)} indicators, {len(gaz.places)} places)")
    names = mixed_names(gaz, n)
    # warm the lazily computed runner-up neighbours of entries (part of loading, not of lookups)
    for d in gaz.departments.values():
        gaz.match(d.name)
    for i in gaz.indicators.values():
        gaz.match(i.name, kind="indicator")
    gaz.clear_cache()
    for fn in (N.norm_text, N.indicator_key, N.department_key, N.place_key):
        fn.cache_clear()

    w0, t0 = time.perf_counter(), time.process_time()
    results = [gaz.match(q, kind=k, city="泰安市") for q, k in names]
    cold, cold_wall = time.process_time() - t0, time.perf_counter() - w0
    t0 = time.process_time()
    for q, k in names:
        gaz.match(q, kind=k, city="泰安市")
    warm = max(time.process_time() - t0, 1e-9)

    methods: dict[str, int] = {}
    for m in results:
        methods[m.method] = methods.get(m.method, 0) + 1
    keys = gaz._dept.choices + gaz._ind.choices  # noqa: SLF001 - benchmark baseline over the same keys
    t0 = time.process_time()
    for q, _k in names:
        process.extractOne(q, keys, scorer=fuzz.ratio, processor=None)
    base = time.process_time() - t0

    print(f"names: {len(names)} (methods: {dict(sorted(methods.items()))})")
    print("rates are per CPU-second of this process (time.process_time), i.e. one core")
    print(f"Gazetteer.match, cold cache : {len(names) / cold:10,.0f} lookups/s ({cold * 1e6 / len(names):.1f} µs each; "
          f"wall clock {len(names) / cold_wall:,.0f}/s)")
    print(f"Gazetteer.match, warm cache : {len(names) / warm:10,.0f} lookups/s")
    print(f"bare rapidfuzz extractOne   : {len(names) / base:10,.0f} lookups/s over {len(keys)} keys")
    print(f"ratio cold / bare extractOne: {base / cold:.2f}x")
    print("goal > 20,000 lookups/s cold:", "met" if len(names) / cold > 20_000 else "NOT met")


def seed_forms() -> dict[tuple[str, str], None]:
    forms: dict[tuple[str, str], None] = {}
    for f in sorted((ROOT / "corpus").glob("*.txt")):
        for m in find_mentions(f.read_text(encoding="utf-8"))[1]:
            if m.kind in ("department", "indicator"):
                forms[(m.text, m.kind)] = None
    return forms


def real_forms() -> dict[tuple[str, str], None]:
    """Department names of real documents: the gold forms of ``../shared/real/annotated`` and the
    names in the 责任单位 lists of the scale corpus (``records.parquet``, needs pyarrow)."""
    import json

    sys.path.insert(0, str(ROOT / "scripts"))
    from eval_departments import find_real

    real = find_real()
    forms: dict[tuple[str, str], None] = {}
    for f in sorted((real / "annotated" / "gold").glob("*.json")):
        for name in json.loads(f.read_text(encoding="utf-8")).get("departments") or {}:
            forms[(name, "department")] = None
    try:
        import pyarrow.parquet as pq

        table = pq.read_table(real / "scale" / "records.parquet", columns=["full_text"])
        for text in table.column("full_text").to_pylist():
            if text and len(text) > 500:
                for m in find_mentions(text)[1]:
                    if m.kind == "department":
                        forms[(m.text, "department")] = None
    except (ImportError, OSError) as exc:
        print(f"(scale corpus not read: {exc})")
    return forms


def measure(real: bool = False) -> None:
    gaz = load_gazetteer()
    forms = real_forms() if real else seed_forms()
    label = "real" if real else "seed"
    near_misses = [
        ("市教育考试院", "department", "dept.education"),
        ("万人发明专利拥有量", "indicator", "high_value_invention_patents_per_10k"),
        ("高新技术企业数", "indicator", "high_tech_enterprises_per_10k_legal_entities"),
    ]
    for kind, idx, keyfn, threshold in (
        ("department", gaz._dept, N.department_key, DEPARTMENT_FUZZY_THRESHOLD),  # noqa: SLF001
        ("indicator", gaz._ind, N.indicator_key, INDICATOR_FUZZY_THRESHOLD),  # noqa: SLF001
    )[: 1 if real else 2]:
        rows = []
        sweep: dict[str, tuple] = {}
        for text, k in forms:
            if k != kind:
                continue
            m = gaz.match(text, kind=kind)
            if m.id is None or m.method == "fuzzy":
                continue
            key = _matched_key(gaz, text, kind, keyfn, idx)
            if idx.keys.get(key) != m.id:
                continue  # resolved by a rule, not by a catalogue key of its own (负有…职责的部门, 国家+function)
            choices = [c for c in idx.choices if c != key]
            ids = [idx.keys[c] for c in choices]
            hits = process.extract(key, choices, scorer=fuzz.ratio, processor=None, limit=None)
            correct = max((s for _c, s, i in hits if ids[i] == m.id), default=0.0)
            wrong = max(((s, ids[i]) for _c, s, i in hits if ids[i] != m.id), default=(0.0, None))
            # the full fuzzy decision (threshold, margin, guards) with the key held out
            owner = idx.keys.pop(key)
            idx.rebuild()
            try:
                decided = gaz._fuzzy_result(text, kind, idx, key, None, None)  # noqa: SLF001
                ranked = idx.fuzzy(key)
                top = ranked[0] if ranked else None
                margin_ok = len(ranked) < 2 or ranked[0][2] - ranked[1][2] >= FUZZY_MARGIN
                guard_ok = top is not None and gaz._compatible(kind, idx, key, top[0])  # noqa: SLF001
            finally:
                idx.keys[key] = owner
                idx.rebuild()
            sweep[key] = (m.id, top, margin_ok and guard_ok)
            rows.append((text, key, m.id, correct, wrong[0], wrong[1], decided.id))
        rows = list({r[1]: r for r in rows}.values())
        print(f"\n== {kind}: {len(rows)} distinct {label} keys held out one at a time")
        print(f"{'correct':>8} {'wrong':>6}  key  (wrong entry)")
        for _text, key, ident, correct, wrong, wid, decided in sorted(rows, key=lambda r: -r[3]):
            verdict = "fuzzy OK" if decided == ident else ("WRONG -> " + decided if decided else "unmatched")
            print(f"{correct:8.1f} {wrong:6.1f}  {key}  -> {ident}  (best wrong: {wid})  [{verdict}]")
        worst_wrong = max((r[4] for r in rows if r[4] > r[3]), default=0.0)
        ok = sum(1 for r in rows if r[6] == r[2])
        bad = sum(1 for r in rows if r[6] is not None and r[6] != r[2])
        print(f"highest raw wrong score that beats the correct entry: {worst_wrong:.1f}")
        print(f"threshold {threshold} (margin {FUZZY_MARGIN}, guards on): {ok}/{len(rows)} held-out forms recovered by "
              f"fuzzy, {bad} mapped wrong, {len(rows) - ok - bad} left unmatched")
        for t in (60, 65, 70, 75, 78, 80, 82, 85, 88, 90, 92, 95):
            acc = sum(1 for ident, top, ok in sweep.values() if ok and top and top[2] >= t and top[0] == ident)
            wr = sum(1 for ident, top, ok in sweep.values() if ok and top and top[2] >= t and top[0] != ident)
            print(f"   with guards + margin, threshold {t}: {acc} correct, {wr} wrong")
        for t in (75, 80, 82, 85, 88, 90, 92, 95):
            acc = sum(1 for r in rows if r[3] >= t and r[3] - r[4] >= FUZZY_MARGIN)
            wr = sum(1 for r in rows if r[4] >= t and r[4] - r[3] >= FUZZY_MARGIN)
            print(f"   raw ratio only, threshold {t}: {acc} correct, {wr} wrong (no guards)")
    print("\n== near misses (must not map to the other entry)")
    for text, kind, other in near_misses:
        idx = gaz._dept if kind == "department" else gaz._ind  # noqa: SLF001
        keyfn = N.department_key if kind == "department" else N.indicator_key
        key = _matched_key(gaz, text, kind, keyfn, idx)
        other_keys = [c for c in idx.choices if idx.keys[c] == other]
        best = max(fuzz.ratio(key, c) for c in other_keys)
        print(f"{text} vs {other}: {best:.1f} -> {gaz.match(text, kind=kind).id}")


def _matched_key(gaz, text: str, kind: str, keyfn, idx) -> str:
    key = keyfn(text)
    if key in idx.keys or kind != "department":
        return key
    for s in gaz._dept_variants(key, None):  # noqa: SLF001
        if s.rest in idx.keys:
            return s.rest
    return key


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--measure", action="store_true", help="threshold measurement on the seeds instead")
    ap.add_argument("--real", action="store_true", help="with --measure: on the department names of real documents")
    ap.add_argument("-n", type=int, default=10_000, help="number of names (default 10000)")
    args = ap.parse_args(argv)
    if args.measure:
        measure(real=args.real)
    else:
        bench(args.n)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
