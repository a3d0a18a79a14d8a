"""Department names of real documents: how many get an id, and does the grouping agree with the gold?

``python scripts/eval_departments.py [--real ../shared/real] [--no-issuer] [--list]``

Every department surface form of ``<real>/annotated/gold/*.json`` (each file's ``departments`` map:
surface form -> the annotator's canonical key) is resolved with
``Gazetteer.match(form, city=<gold city or province>, parent=<gold issuer>, structure=True)``: the
document's city (or province) and issuing body as the document states them, the same context the
extractor gives the matcher. A form *gets an id* when the catalogue resolves it or it is an
uncatalogued body by structure (``method == "structure"``).

Grouping agreement is pairwise over the surface forms: a pair is *gold-same* when both forms have
the same gold key and *predicted-same* when both have the same grouping key (``Match.group``:
the id, with the level / place / zone name when the type keeps them apart; unresolved forms are
their own group). Precision, recall and F1 of predicted-same against gold-same pairs are given
within each document (pairs inside one document, summed over documents) and pooled (all forms of
all documents as one set, so the same key in two documents must get the same id).

``--no-issuer`` resolves without the issuing body (internal divisions then stay unattached);
``--list`` prints every form with its id, and the disagreeing pairs. The seeds' forms are checked
by ``tests/gazetteer/test_matcher.py`` (all resolve through the catalogue).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from policyparse.gazetteer import load_gazetteer  # noqa: E402


def find_real() -> Path:
    """``../shared/real`` beside the repository (a worktree one level deeper finds it one level up);
    ``POLICYPARSE_REAL`` overrides."""
    import os

    if os.environ.get("POLICYPARSE_REAL"):
        return Path(os.environ["POLICYPARSE_REAL"])
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "real").is_dir():
            return base / "shared" / "real"
    return ROOT.parent / "shared" / "real"


DEFAULT_REAL = find_real()


def load_gold(real: Path) -> list[dict]:
    out = []
    for f in sorted((real / "annotated" / "gold").glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        out.append({"doc": f.stem, "city": d.get("city") or d.get("province"), "issuer": d.get("issuer"),
                    "departments": d.get("departments") or {}})
    return out


def resolve(gold: list[dict], *, issuer: bool = True) -> list[dict]:
    """One row per (document, surface form): gold key, match, grouping key."""
    gaz = load_gazetteer()
    rows = []
    for g in gold:
        for form, key in g["departments"].items():
            m = gaz.match(form, "department", g["city"], g["issuer"] if issuer else None, structure=True)
            rows.append({"doc": g["doc"], "form": form, "gold": key, "id": m.id, "group": m.group,
                         "method": m.method, "entity": m.entity, "body_kind": m.body_kind,
                         "candidates": m.candidates[:2]})
    return rows


def _pairs(rows: list[dict]) -> tuple[int, int, int, list[tuple[str, dict, dict]]]:
    tp = fp = fn = 0
    wrong = []
    for a, b in combinations(rows, 2):
        same_gold = a["gold"] == b["gold"]
        same_pred = a["group"] is not None and a["group"] == b["group"]
        if same_gold and same_pred:
            tp += 1
        elif same_pred:
            fp += 1
            wrong.append(("FP", a, b))
        elif same_gold:
            fn += 1
            wrong.append(("FN", a, b))
    return tp, fp, fn, wrong


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(real: Path = DEFAULT_REAL, *, issuer: bool = True) -> dict:
    rows = resolve(load_gold(real), issuer=issuer)
    methods = Counter(r["method"] for r in rows)
    with_id = sum(1 for r in rows if r["id"] is not None)
    catalogued = sum(1 for r in rows if r["id"] is not None and r["method"] != "structure")
    within = [0, 0, 0]
    per_doc = {}
    wrong_within = []
    for doc in dict.fromkeys(r["doc"] for r in rows):
        tp, fp, fn, wrong = _pairs([r for r in rows if r["doc"] == doc])
        per_doc[doc] = {"forms": sum(1 for r in rows if r["doc"] == doc), "tp": tp, "fp": fp, "fn": fn}
        within = [within[0] + tp, within[1] + fp, within[2] + fn]
        wrong_within += wrong
    ptp, pfp, pfn, wrong_pooled = _pairs(rows)
    return {
        "forms": len(rows), "with_id": with_id, "catalogued": catalogued, "coverage": with_id / len(rows),
        "methods": dict(methods), "within": {"tp": within[0], "fp": within[1], "fn": within[2],
                                             **dict(zip("prf", prf(*within), strict=True))},
        "pooled": {"tp": ptp, "fp": pfp, "fn": pfn, **dict(zip("prf", prf(ptp, pfp, pfn), strict=True))},
        "per_doc": per_doc, "rows": rows, "wrong_within": wrong_within, "wrong_pooled": wrong_pooled,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--real", type=Path, default=DEFAULT_REAL)
    ap.add_argument("--no-issuer", action="store_true", help="resolve without the document's issuing body")
    ap.add_argument("--list", action="store_true", help="print every form and the disagreeing pairs")
    args = ap.parse_args()
    if not (args.real / "annotated" / "gold").is_dir():
        print(f"no gold under {args.real}/annotated/gold", file=sys.stderr)
        return 2
    res = evaluate(args.real, issuer=not args.no_issuer)
    if args.list:
        for r in res["rows"]:
            print(f"{r['doc'][:3]}  {r['form']:<28} {r['method']:<10} {r['group']!s:<60} gold={r['gold']}")
        for kind, a, b in res["wrong_pooled"]:
            print(f"{kind} {a['doc'][:3]}:{a['form']} ({a['group']}) ~ {b['doc'][:3]}:{b['form']} ({b['group']})")
    print(f"department surface forms: {res['forms']} in {len(res['per_doc'])} documents"
          f" ({'with' if not args.no_issuer else 'without'} the issuing body as context)")
    print(f"get an id: {res['with_id']} ({res['coverage']:.1%}): catalogued {res['catalogued']},"
          f" uncatalogued by structure {res['with_id'] - res['catalogued']}, none {res['forms'] - res['with_id']}")
    print("methods: " + ", ".join(f"{k} {v}" for k, v in sorted(res["methods"].items())))
    for name in ("within", "pooled"):
        x = res[name]
        label = "within each document" if name == "within" else "pooled over documents"
        print(f"pairwise grouping {label}: P {x['p']:.3f} R {x['r']:.3f} F1 {x['f']:.3f}"
              f" (tp {x['tp']}, fp {x['fp']}, fn {x['fn']})")
    for doc, d in res["per_doc"].items():
        p, r, f = prf(d["tp"], d["fp"], d["fn"])
        print(f"  {doc}: {d['forms']} forms, pairs tp {d['tp']} fp {d['fp']} fn {d['fn']}  F1 {f:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
