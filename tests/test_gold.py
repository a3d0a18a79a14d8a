"""The hand-written gold (corpus/gold/*.json) is well-formed, and scripts/evaluate.py scores correctly."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from script_modules import load_script

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
GOLD_DIR = CORPUS / "gold"
CATALOGUE = ROOT / "gazetteers" / "indicators.yaml"
EVAL_SETS = (CORPUS / "heldout", CORPUS / "unseen", CORPUS / "unseen2")
# seed gold and the evaluation sets' gold (corpus/heldout/gold, corpus/unseen/gold, documents next to them)
GOLD_FILES = sorted(GOLD_DIR.glob("*.json")) + [p for d in EVAL_SETS for p in sorted((d / "gold").glob("*.json"))]

COMPARATORS = {">=", ">", "=", "~", "<=", "<"}
DEADLINE_KINDS = {"by", "range", "recurring", "duration"}
TARGET_KEYS = {"indicator": str, "indicator_id": (str, type(None)), "value": (int, float, type(None)),
               "unit": (str, type(None)), "comparator": str, "year": (int, type(None)),
               "baseline": (dict, type(None)), "qualitative": (str, type(None)), "scope": (str, type(None)),
               "lead": list, "responsible": list, "flags": list, "quote": str}
ASSIGNMENT_KEYS = {"item": str, "kind": str, "indicator_id": (str, type(None)), "deadline": (dict, type(None)),
                   "lead": list, "responsible": list, "flags": list, "quote": str}


ev = load_script("evaluate")


def _gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_seed_and_evaluation_document_has_gold():
    stems = {p.stem for p in CORPUS.glob("*.txt")} | {p.stem for d in EVAL_SETS for p in d.glob("*.txt")}
    assert len(stems) >= 15, "seeds in corpus/, evaluation plans in corpus/heldout/, corpus/unseen/, corpus/unseen2/"
    assert stems == {p.stem for p in GOLD_FILES}


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_schema(path: Path):
    g = _gold(path)
    assert set(g) == {"document", "targets", "assignments"}
    assert g["document"] == path.stem
    for t in g["targets"]:
        for k, typ in TARGET_KEYS.items():
            assert k in t, (k, t)
            assert isinstance(t[k], typ) and not isinstance(t[k], bool), (k, t)
        assert t["comparator"] in COMPARATORS, t
        assert t["indicator"].strip()
        if t["baseline"] is not None:
            assert set(t["baseline"]) == {"value", "year"}
            assert isinstance(t["baseline"]["value"], (int, float))
            assert isinstance(t["baseline"]["year"], int)
        if t["value"] is None:
            assert t["qualitative"], f"a target without a value needs its goal words: {t}"
            assert "qualitative" in t["flags"]
        if t["year"] is not None:
            assert 2000 <= t["year"] <= 2050
        assert all(isinstance(d, str) and d for d in t["lead"] + t["responsible"])
        assert not set(t["lead"]) & set(t["responsible"]), "a lead is never repeated in responsible"
        if t["responsible"] and not t["lead"]:
            assert "lead_not_stated" in t["flags"], t
    for a in g["assignments"]:
        for k, typ in ASSIGNMENT_KEYS.items():
            assert k in a, (k, a)
            assert isinstance(a[k], typ), (k, a)
        assert a["kind"] in {"task", "indicator"}
        assert a["lead"] or a["responsible"], f"an assignment names departments: {a}"
        assert not set(a["lead"]) & set(a["responsible"])
        if not a["lead"]:
            assert "lead_not_stated" in a["flags"], a
        dl = a["deadline"]
        if dl is not None:
            assert dl["kind"] in DEADLINE_KINDS and dl["text"]
            for k in ("year", "month", "end_year", "end_month"):
                assert dl.get(k) is None or isinstance(dl[k], int)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_quotes_are_exact_substrings(path: Path):
    g = _gold(path)
    text = (path.parents[1] / f"{path.stem}.txt").read_text(encoding="utf-8")
    for item in g["targets"] + g["assignments"]:
        q = item["quote"]
        assert q and "\n" not in q
        assert q in text, f"quote not in {path.stem}.txt: {q!r}"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_indicator_ids_exist_in_catalogue(path: Path):
    if not CATALOGUE.exists():
        pytest.skip("gazetteers/indicators.yaml not written yet")
    yaml = pytest.importorskip("yaml")
    ids = {x["id"] for x in yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))["indicators"]}
    g = _gold(path)
    for item in g["targets"] + g["assignments"]:
        if item["indicator_id"] is not None:
            assert item["indicator_id"] in ids, item


# ------------------------------------------------------------------ scorer on hand-made predictions
GOLD = {
    "document": "x",
    "targets": [
        {"indicator": "高新技术企业", "indicator_id": "high_tech_enterprises", "value": 800, "unit": "家",
         "comparator": "~", "year": 2024, "baseline": None, "qualitative": None, "scope": None,
         "lead": [], "responsible": [], "flags": [], "quote": "高新技术企业达到800家左右"},
        {"indicator": "万人专业技术人员数", "indicator_id": None, "value": 197.02, "unit": "人",
         "comparator": "=", "year": 2026, "baseline": {"value": 194.76, "year": 2022}, "qualitative": None,
         "scope": None, "lead": ["市人社局"], "responsible": ["市教育局", "市科技局"], "flags": [], "quote": "q"},
        {"indicator": "万人专业技术人员数", "indicator_id": None, "value": None, "unit": None,
         "comparator": "=", "year": 2026, "baseline": None, "qualitative": "排名达到全省中等水平",
         "scope": None, "lead": ["市人社局"], "responsible": ["市教育局", "市科技局"],
         "flags": ["qualitative"], "quote": "q"},
    ],
    "assignments": [
        {"item": "1.万人专业技术人员数", "kind": "indicator", "indicator_id": None,
         "deadline": {"kind": "by", "year": 2026, "month": None, "end_year": None, "end_month": None,
                      "text": "2026年"},
         "lead": ["市人社局"], "responsible": ["市教育局", "市科技局"], "flags": [], "quote": "q"},
        {"item": "(一)统筹布局", "kind": "task", "indicator_id": None, "deadline": None, "lead": [],
         "responsible": ["各县(市、区)"], "flags": ["lead_not_stated"], "quote": "q"},
    ],
}


def _as_prediction(gold: dict) -> dict:
    """Gold -> extract-shaped dict (departments as dept objects, a source instead of the quote)."""
    p = copy.deepcopy(gold)
    for item in p["targets"] + p["assignments"]:
        for k in ("lead", "responsible"):
            item[k] = [{"name": n, "id": None, "entity": None, "score": 1.0, "method": "exact"} for n in item[k]]
        item["source"] = {"page": 1, "start": 0, "end": len(item["quote"]), "text": item.pop("quote")}
    return p


def _m(score, name):
    return score.metrics[name]


def test_perfect_prediction_scores_one():
    s = ev.score_document(GOLD, _as_prediction(GOLD))
    for name in ev.METRIC_ORDER:
        m = _m(s, name)
        if m.gold or m.predicted:
            assert m.f1 == 1.0, name


def test_surface_variants_still_pair():
    p = _as_prediction(GOLD)
    p["targets"][1]["indicator"] = "全市万人专业技术人员数"
    p["assignments"][0]["item"] = "1. 万人专业技术人员数"
    p["assignments"][1]["item"] = "（一） 统筹布局"
    p["assignments"][1]["responsible"][0]["name"] = "各县（市、区）"
    s = ev.score_document(GOLD, p)
    assert _m(s, "targets found").f1 == 1.0
    assert _m(s, "assignments found").f1 == 1.0
    assert _m(s, "assignment responsible").f1 == 1.0


def test_wrong_value_lowers_value_precision_only():
    p = _as_prediction(GOLD)
    p["targets"][0]["value"] = 900
    s = ev.score_document(GOLD, p)
    assert _m(s, "targets found").f1 == 1.0
    assert _m(s, "target value").precision < 1.0
    assert _m(s, "target unit").f1 == 1.0


def test_missing_target_lowers_recall():
    p = _as_prediction(GOLD)
    del p["targets"][2]
    s = ev.score_document(GOLD, p)
    m = _m(s, "targets found")
    assert m.precision == 1.0 and m.recall < 1.0
    # the remaining value target is still paired with its own gold item
    assert _m(s, "target baseline").f1 == 1.0


def test_wrong_value_and_wrong_year_do_not_pair():
    p = _as_prediction(GOLD)
    p["targets"][0].update(value=900, year=2030)
    s = ev.score_document(GOLD, p)
    m = _m(s, "targets found")
    assert m.correct == 2 and m.precision < 1.0 and m.recall < 1.0


def test_inferred_lead_is_ignored_and_null_fields_count_for_neither():
    p = _as_prediction(GOLD)
    inferred = {"name": "各县(市、区)", "id": None, "entity": None, "score": 0.5, "method": "rule", "inferred": True}
    p["assignments"][1]["lead"] = [inferred]
    s = ev.score_document(GOLD, p)
    lead = _m(s, "assignment lead")
    assert lead.gold == 1 and lead.predicted == 1 and lead.f1 == 1.0
    # scope is null on both sides everywhere: neither predicted nor gold counts
    assert _m(s, "target scope").gold == 0 and _m(s, "target scope").predicted == 0


def test_wrong_departments_and_deadline():
    p = _as_prediction(GOLD)
    p["assignments"][0]["responsible"] = p["assignments"][0]["responsible"][:1]
    p["assignments"][0]["deadline"]["year"] = 2025
    s = ev.score_document(GOLD, p)
    assert _m(s, "assignments found").f1 == 1.0
    assert _m(s, "assignment responsible").precision < 1.0
    assert _m(s, "assignment deadline").recall == 0.0


def test_min_f1_exit_status(tmp_path: Path):
    corpus = tmp_path / "corpus"
    gold_dir = corpus / "gold"
    preds = tmp_path / "preds"
    gold_dir.mkdir(parents=True)
    preds.mkdir()
    (corpus / "x.txt").write_text("x", encoding="utf-8")
    (gold_dir / "x.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    (preds / "x.txt.json").write_text(json.dumps(_as_prediction(GOLD), ensure_ascii=False), encoding="utf-8")
    args = ["--corpus", str(corpus), "--gold", str(gold_dir), "--predictions", str(preds), "--format", "json"]
    assert ev.main(args + ["--min-f1", "0.95"]) == 0
    half = _as_prediction(GOLD)
    half["targets"] = half["targets"][:1]
    (preds / "x.txt.json").write_text(json.dumps(half, ensure_ascii=False), encoding="utf-8")
    assert ev.main(args) == 0
    assert ev.main(args + ["--min-f1", "0.95"]) == 1
