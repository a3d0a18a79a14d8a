"""Grade `policyparse.api.extract` against the hand-written gold in `corpus/gold/`.

For every corpus document that has a gold file (`corpus/gold/STEM.json`, rules in
`corpus/gold/ANNOTATION.md`) and every rendering of it that exists (`corpus/STEM.txt`, `.docx`,
`.pdf`, `.html`; missing formats are skipped), run `extract(path)` and compare with the gold.

Matching (per document, greedy one-to-one by descending pair score):

* Targets. Indicator similarity = rapidfuzz ratio of the normalised indicator texts (NFKC, so
  full/half-width brackets and digits agree; whitespace, parenthesised parts such as "(R&D)" or
  "(%)" and a leading "全市" removed), or 0.9 * partial_ratio when it is higher and the shorter text has
  at least 4 characters. A pair is possible when the similarity is >= INDICATOR_THRESHOLD (0.6) or both
  sides carry the same non-null indicator_id, AND year and value are compatible: not both of them
  disagree (a value/year "agrees" when equal, numbers within 1e-6, or when either side is null). So a
  prediction with the right indicator and year but a wrong value is paired (and its value counts as
  wrong), whereas one with a wrong value and a wrong year is not a pair. The pair score adds
  agreement bonuses for year, value, unit and qualitative so that, e.g., a value target and a rank
  target of the same indicator pair with the right gold items.
* Assignments. Item similarity on the normalised item label (numbering like "1." / "(一)" removed),
  same formula, threshold ITEM_THRESHOLD (0.6); same kind and overlapping departments add to the score
  (kind is not required to agree; it is scored as a field).

Detection: "found" precision = pairs / predicted items, recall = pairs / gold items.

Fields, on paired items only. For each field a value is "present" when it is not null / not empty.
A field is correct when present on both sides and equal. Field precision = correct / pairs where the
prediction has the field present; field recall = correct / pairs where the gold has it present; a
field that is null (empty) on both sides counts as correct for neither. Equality:

* numbers (value, year, baseline value/year): |a - b| <= 1e-6; baseline = value and year equal;
* unit, comparator, indicator_id, kind: normalised string equality (unit: NFKC, no whitespace);
* qualitative, scope: normalised texts equal or one contains the other;
* lead, responsible: sets of normalised surface names (NFKC -> half-width brackets, whitespace
  removed). Predicted departments marked "inferred": true are ignored (gold states only stated leads);
* deadline: same kind, year and month.

Run with the default corpus, it also scores the real-document sets of ``../shared/real`` when they
are present (``scripts/evaluate_real.py``: the shared scorer on the eight annotated documents, their
renderings and the first-sight set; ``--no-real`` leaves them out).

Usage:
    python scripts/evaluate.py [--docs STEM ...] [--formats txt,pdf] [--format table|json]
                               [--show-errors] [--min-f1 X] [--predictions DIR]

`--predictions DIR` reads `DIR/STEM.FORMAT.json` (extract output saved earlier) instead of running the
extractor. Exit status is 0 (this is a measurement) unless --min-f1 is given and some target-detection
F1 (per format or overall) is below it, then 1.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import traceback
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
GOLD_DIR = CORPUS / "gold"
FORMATS = ("txt", "docx", "pdf", "html")
TOL = 1e-6
INDICATOR_THRESHOLD = 0.6
ITEM_THRESHOLD = 0.6

TARGET_FIELDS = ("value", "unit", "comparator", "year", "baseline", "qualitative", "scope", "lead",
                 "responsible", "indicator_id")
ASSIGNMENT_FIELDS = ("kind", "lead", "responsible", "deadline", "indicator_id")


# ----------------------------------------------------------------------------- normalisation
def norm(s: Any) -> str:
    """NFKC (full-width -> half-width), no whitespace, lower case."""
    if s is None:
        return ""
    s = unicodedata.normalize("NFKC", str(s))
    s = s.replace("\u3000", "")
    return re.sub(r"\s+", "", s).lower()


_PAREN = re.compile(r"\([^()]*\)")


def norm_indicator(s: Any) -> str:
    s = norm(s)
    prev = None
    while prev != s:
        prev, s = s, _PAREN.sub("", s)
    s = s.rstrip("*")
    return s[2:] if s.startswith("全市") else s


_NUMBERING = re.compile(r"^(?:\d+[.、．]|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)+")


def norm_item(s: Any) -> str:
    s = norm(s)
    s = _NUMBERING.sub("", s)
    return s.rstrip("。*")


def similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    r = fuzz.ratio(a, b) / 100.0
    if min(len(a), len(b)) >= 4:
        r = max(r, 0.9 * fuzz.partial_ratio(a, b) / 100.0)
    return r


def present(v: Any) -> bool:
    if v is None:
        return False
    if isinstance(v, (str, list, tuple, set, frozenset, dict)):
        return len(v) > 0
    return True


def num_eq(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return abs(float(a) - float(b)) <= TOL
    except (TypeError, ValueError):
        return False


def dept_names(depts: Any, *, drop_inferred: bool = False) -> frozenset[str]:
    out = set()
    for d in depts or []:
        if isinstance(d, dict):
            if drop_inferred and d.get("inferred"):
                continue
            name = d.get("name")
        else:
            name = d
        if name:
            out.add(norm(name))
    return frozenset(out)


def text_eq(a: Any, b: Any) -> bool:
    a, b = norm(a), norm(b)
    return bool(a and b) and (a == b or a in b or b in a)


def field_value(item: dict, name: str, *, predicted: bool) -> Any:
    """The comparable form of a field (None / empty when absent)."""
    v = item.get(name)
    if name in ("lead", "responsible"):
        return dept_names(v, drop_inferred=predicted and name == "lead")
    if name == "baseline":
        if not isinstance(v, dict) or (v.get("value") is None and v.get("year") is None):
            return None
        return v
    if name == "deadline":
        return v if isinstance(v, dict) and v.get("kind") else None
    if name == "year":
        return _year(item, predicted)
    if name == "value":
        return _magnitude(item)[0]
    if name == "unit" and present(v):
        return _magnitude(item)[1]
    if name in ("unit", "comparator", "indicator_id", "kind", "qualitative", "scope"):
        return v if present(v) else None
    return v


_MULTIPLIED = re.compile(r"^(万|亿)(人次|人|户|家|个|件|项|亩|套|辆|台|张|名)$")  # keep in step with UNITS


def _magnitude(item: dict) -> tuple[Any, Any]:
    """(value, unit) with a count's 万/亿 folded in: "28万人" and "280000人" are one quantity (the
    house gold folds some, the real-document gold keeps the unit as written)."""
    v, u = item.get("value"), item.get("unit")
    m = _MULTIPLIED.match(u or "")
    if m and isinstance(v, (int, float)):
        return v * (1e4 if m.group(1) == "万" else 1e8), m.group(2)
    return v, u


def _year(item: dict, predicted: bool) -> Any:
    """The house gold (corpus/gold/ANNOTATION.md) leaves a target year null when the text states none;
    a predicted year that came from the plan period (``year_source: plan_period``, since extract
    schema 1.1) is that same "not stated" reading, so it compares as null."""
    if predicted and item.get("year_source") == "plan_period":
        return None
    return item.get("year")


def field_equal(name: str, g: Any, p: Any) -> bool:
    if name in ("value", "year"):
        return num_eq(g, p)
    if name == "baseline":
        return num_eq(g.get("value"), p.get("value")) and num_eq(g.get("year"), p.get("year"))
    if name in ("lead", "responsible"):
        return g == p
    if name in ("qualitative", "scope"):
        return text_eq(g, p)
    if name == "deadline":
        return (g.get("kind") == p.get("kind") and num_eq(g.get("year"), p.get("year"))
                and num_eq(g.get("month"), p.get("month")))
    return norm(g) == norm(p)


# ----------------------------------------------------------------------------- matching
def _agree(a: Any, b: Any) -> bool:
    """Compatible: equal, or at least one side unknown."""
    return a is None or b is None or num_eq(a, b)


def target_pair_score(g: dict, p: dict) -> float | None:
    sim = similarity(norm_indicator(g.get("indicator")), norm_indicator(p.get("indicator")))
    same_id = g.get("indicator_id") is not None and g.get("indicator_id") == p.get("indicator_id")
    if sim < INDICATOR_THRESHOLD and not same_id:
        return None
    year_ok = _agree(g.get("year"), _year(p, True))
    value_ok = _agree(_magnitude(g)[0], _magnitude(p)[0])
    if not year_ok and not value_ok:
        return None
    score = 2.0 * max(sim, 1.0 if same_id else 0.0)
    score += 1.0 if num_eq(g.get("year"), _year(p, True)) else (0.3 if year_ok else 0.0)
    if g.get("value") is not None and p.get("value") is not None:
        score += 1.5 if num_eq(_magnitude(g)[0], _magnitude(p)[0]) else 0.0
    elif g.get("value") is None and p.get("value") is None:
        score += 1.0
    if present(g.get("unit")) and norm(_magnitude(g)[1]) == norm(_magnitude(p)[1]):
        score += 0.5
    gb, pb = field_value(g, "baseline", predicted=False), field_value(p, "baseline", predicted=True)
    if (gb is None) == (pb is None) and (gb is None or field_equal("baseline", gb, pb)):
        score += 0.4  # the restatement with the baseline pairs with the gold item that has it
    if norm(g.get("comparator") or "=") == norm(p.get("comparator") or "="):
        score += 0.2
    if present(g.get("qualitative")) == present(p.get("qualitative")):
        score += 0.3
        if text_eq(g.get("qualitative"), p.get("qualitative")):
            score += 0.3
    if text_eq(g.get("scope"), p.get("scope")) or (not present(g.get("scope")) and not present(p.get("scope"))):
        score += 0.3
    return score


def assignment_pair_score(g: dict, p: dict) -> float | None:
    sim = similarity(norm_item(g.get("item")), norm_item(p.get("item")))
    if sim < ITEM_THRESHOLD:
        return None
    score = 2.0 * sim
    if g.get("kind") == p.get("kind"):
        score += 0.2
    gd = dept_names(g.get("lead")) | dept_names(g.get("responsible"))
    pd = dept_names(p.get("lead")) | dept_names(p.get("responsible"))
    if gd or pd:
        score += 0.5 * len(gd & pd) / max(1, len(gd | pd))
    return score


def greedy_match(gold: list[dict], pred: list[dict], scorer) -> list[tuple[int, int]]:
    cands = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            s = scorer(g, p)
            if s is not None:
                cands.append((s, i, j))
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g, used_p, pairs = set(), set(), []
    for _s, i, j in cands:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j))
    return sorted(pairs)


# ----------------------------------------------------------------------------- counting
@dataclass
class PRF:
    correct: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: PRF) -> None:
        self.correct += other.correct
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.correct / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None and r is None:
            return None
        p, r = p or 0.0, r or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"correct": self.correct, "predicted": self.predicted, "gold": self.gold,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class Score:
    metrics: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    errors: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for k, v in other.metrics.items():
            self.metrics[k].add(v)
        self.errors.extend(other.errors)


METRIC_ORDER = (["targets found"] + [f"target {f}" for f in TARGET_FIELDS]
                + ["assignments found"] + [f"assignment {f}" for f in ASSIGNMENT_FIELDS])


def _fields(score: Score, prefix: str, fields, g: dict, p: dict, label: str, show: bool) -> None:
    for name in fields:
        gv = field_value(g, name, predicted=False)
        pv = field_value(p, name, predicted=True)
        m = score.metrics[f"{prefix} {name}"]
        gp, pp = present(gv), present(pv)
        m.gold += gp
        m.predicted += pp
        ok = gp and pp and field_equal(name, gv, pv)
        m.correct += ok
        if show and (gp or pp) and not ok:
            score.errors.append(f"  wrong {prefix} {name} [{label}]: gold={_show(gv)} predicted={_show(pv)}")


def _show(v: Any) -> str:
    if isinstance(v, frozenset):
        v = sorted(v)
    return json.dumps(v, ensure_ascii=False)


def score_document(gold: dict, pred: dict, *, show_errors: bool = False, where: str = "") -> Score:
    """Score one predicted extract dict against one gold dict (both need 'targets', 'assignments')."""
    score = Score()
    gt, pt = gold.get("targets", []), pred.get("targets", []) or []
    pairs = greedy_match(gt, pt, target_pair_score)
    m = score.metrics["targets found"]
    m.correct, m.predicted, m.gold = len(pairs), len(pt), len(gt)
    for i, j in pairs:
        label = f"{where} {gt[i].get('indicator')} {gt[i].get('year')} {gt[i].get('value')}"
        _fields(score, "target", TARGET_FIELDS, gt[i], pt[j], label, show_errors)

    ga, pa = gold.get("assignments", []), pred.get("assignments", []) or []
    apairs = greedy_match(ga, pa, assignment_pair_score)
    m = score.metrics["assignments found"]
    m.correct, m.predicted, m.gold = len(apairs), len(pa), len(ga)
    for i, j in apairs:
        _fields(score, "assignment", ASSIGNMENT_FIELDS, ga[i], pa[j], f"{where} {ga[i].get('item')}",
                show_errors)

    if show_errors:
        pg = {i for i, _ in pairs}
        pp = {j for _, j in pairs}
        for i, g in enumerate(gt):
            if i not in pg:
                score.errors.append(f"  missed target [{where}]: {g.get('indicator')} {g.get('value')} "
                                    f"{g.get('unit')} {g.get('year')} «{g.get('quote')}»")
        for j, p in enumerate(pt):
            if j not in pp:
                src = (p.get("source") or {}).get("text")
                score.errors.append(f"  spurious target [{where}]: {p.get('indicator')} {p.get('value')} "
                                    f"{p.get('unit')} {p.get('year')} «{src}»")
        ag = {i for i, _ in apairs}
        ap = {j for _, j in apairs}
        for i, g in enumerate(ga):
            if i not in ag:
                score.errors.append(f"  missed assignment [{where}]: {g.get('item')} «{g.get('quote')}»")
        for j, p in enumerate(pa):
            if j not in ap:
                score.errors.append(f"  spurious assignment [{where}]: {p.get('item')}")
    return score


# ----------------------------------------------------------------------------- running
def load_gold(gold_dir: Path = GOLD_DIR, docs: list[str] | None = None) -> dict[str, dict]:
    out = {}
    for p in sorted(gold_dir.glob("*.json")):
        if docs and p.stem not in docs:
            continue
        out[p.stem] = json.loads(p.read_text(encoding="utf-8"))
    return out


def predict(path: Path, predictions: Path | None) -> dict:
    if predictions is not None:
        f = predictions / f"{path.stem}.{path.suffix.lstrip('.')}.json"
        return json.loads(f.read_text(encoding="utf-8"))
    from policyparse.api import extract  # imported late: the scorer itself needs no extractor

    return extract(path)


def evaluate(docs: list[str] | None = None, formats: tuple[str, ...] = FORMATS, *,
             corpus: Path = CORPUS, gold_dir: Path = GOLD_DIR, predictions: Path | None = None,
             show_errors: bool = False) -> dict:
    gold = load_gold(gold_dir, docs)
    per_format: dict[str, Score] = {}
    per_doc: list[dict] = []
    failures: list[str] = []
    for fmt in formats:
        fscore = Score()
        seen = False
        for stem, g in gold.items():
            path = corpus / f"{stem}.{fmt}"
            if not path.exists():
                continue
            seen = True
            try:
                pred = predict(path, predictions)
            except Exception as exc:  # a crash is measured as an empty prediction
                failures.append(f"{path.name}: {type(exc).__name__}: {exc}")
                if show_errors:
                    failures.append(traceback.format_exc(limit=3))
                pred = {"targets": [], "assignments": []}
            s = score_document(g, pred, show_errors=show_errors, where=f"{stem}.{fmt}")
            fscore.add(s)
            per_doc.append({"document": stem, "format": fmt,
                            **{k: s.metrics[k].as_dict() for k in ("targets found", "assignments found")},
                            "errors": s.errors})
        if seen:
            per_format[fmt] = fscore
    overall = Score()
    for s in per_format.values():
        overall.add(s)
    return {
        "per_format": {f: {k: s.metrics[k].as_dict() for k in METRIC_ORDER} for f, s in per_format.items()},
        "overall": {k: overall.metrics[k].as_dict() for k in METRIC_ORDER},
        "documents": per_doc,
        "failures": failures,
    }


def _fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def print_tables(result: dict, show_errors: bool) -> None:
    try:
        from rich.console import Console
        from rich.table import Table
    except ImportError:  # pragma: no cover - rich is a dependency, plain text is the fallback
        Console = None
    tables = list(result["per_format"].items()) + [("overall", result["overall"])]
    console = Console() if Console else None
    for name, metrics in tables:
        if console:
            t = Table(title=f"{name}")
            for col in ("metric", "P", "R", "F1", "correct", "pred", "gold"):
                t.add_column(col, justify="left" if col == "metric" else "right")
            for k in METRIC_ORDER:
                m = metrics[k]
                t.add_row(k, _fmt(m["precision"]), _fmt(m["recall"]), _fmt(m["f1"]),
                          str(m["correct"]), str(m["predicted"]), str(m["gold"]))
            console.print(t)
        else:
            print(f"== {name}")
            print(f"{'metric':26} {'P':>6} {'R':>6} {'F1':>6} {'ok':>5} {'pred':>5} {'gold':>5}")
            for k in METRIC_ORDER:
                m = metrics[k]
                print(f"{k:26} {_fmt(m['precision']):>6} {_fmt(m['recall']):>6} {_fmt(m['f1']):>6} "
                      f"{m['correct']:>5} {m['predicted']:>5} {m['gold']:>5}")
    print("\nper document (targets P/R/F1 | assignments P/R/F1):")
    for d in result["documents"]:
        t, a = d["targets found"], d["assignments found"]
        print(f"  {d['format']:5} {d['document']}  targets {_fmt(t['precision'])}/{_fmt(t['recall'])}/"
              f"{_fmt(t['f1'])} ({t['correct']}/{t['predicted']}/{t['gold']})  assignments "
              f"{_fmt(a['precision'])}/{_fmt(a['recall'])}/{_fmt(a['f1'])} ({a['correct']}/{a['predicted']}/{a['gold']})")
        if show_errors:
            for e in d["errors"]:
                print(e)
    if result["failures"]:
        print("\nextraction failures (scored as empty predictions):")
        for f in result["failures"]:
            print("  " + f)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", nargs="*", help="document stems to evaluate (default: all with gold)")
    ap.add_argument("--formats", default=",".join(FORMATS), help="comma-separated: txt,docx,pdf,html")
    ap.add_argument("--format", choices=("table", "json"), default="table", dest="output")
    ap.add_argument("--show-errors", action="store_true", help="list unmatched and wrong items")
    ap.add_argument("--min-f1", type=float, default=None, help="exit 1 if a target-detection F1 is below")
    ap.add_argument("--predictions", type=Path, default=None,
                    help="read DIR/STEM.FORMAT.json instead of running the extractor")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--gold", type=Path, default=GOLD_DIR)
    ap.add_argument("--real", action=argparse.BooleanOptionalAction, default=None,
                    help="also score the real-document sets of ../shared/real (default: when the house "
                         "corpus is evaluated in table form and ../shared/real is present)")
    args = ap.parse_args(argv)
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        ap.error(f"unknown format(s): {', '.join(bad)}")
    result = evaluate(args.docs or None, formats, corpus=args.corpus, gold_dir=args.gold,
                      predictions=args.predictions, show_errors=args.show_errors)
    if args.output == "json":
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print_tables(result, args.show_errors)
    real = args.real if args.real is not None else (args.output == "table" and args.corpus == CORPUS and not args.docs)
    if real:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import evaluate_real

        scores = evaluate_real.evaluate()
        print("\nreal documents (../shared/real, scorer ../shared/real/annotated/score.py):")
        print(evaluate_real.table(scores) if scores else "  ../shared/real is absent: skipped")
    if args.min_f1 is not None:
        f1s = [m["targets found"]["f1"] for m in result["per_format"].values()]
        f1s.append(result["overall"]["targets found"]["f1"])
        if any(f is None or f < args.min_f1 for f in f1s):
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
