"""Score extraction on the real-document sets of ``../shared/real`` with the scorer that ships there.

Sets (each skipped when its files are absent):

* ``real-source``: the eight annotated documents in their source formats (portal HTML, Markdown
  copies extracted as plain text, a legal-database TXT);
* ``real-docx`` / ``real-pdf``: their independent renderings (five documents);
* ``real-firstsight``, ``real-firstsight2``: real texts of the scale records set aside for a first-sight
  measurement (``corpus/real_firstsight``, ``corpus/real_firstsight2``; texts written out from the parquet
  file by the record ids their README lists).

Usage: python scripts/evaluate_real.py [--sets real-source,real-docx,...] [--json]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# ../shared/real beside the checkout (one level further up from a git worktree); POLICYPARSE_REAL overrides
REAL = next((p for p in ([Path(os.environ["POLICYPARSE_REAL"])] if os.environ.get("POLICYPARSE_REAL") else [])
             + [ROOT.parent / "shared" / "real", ROOT.parent.parent / "shared" / "real"] if p.is_dir()),
            ROOT.parent / "shared" / "real")
ANNOTATED = REAL / "annotated"
FIRSTSIGHT = {"real-firstsight": ROOT / "corpus" / "real_firstsight",
              "real-firstsight2": ROOT / "corpus" / "real_firstsight2"}
SETS = ("real-source", "real-docx", "real-pdf", *FIRSTSIGHT)


def scorer():
    """The shared scorer module (``../shared/real/annotated/score.py``)."""
    spec = importlib.util.spec_from_file_location("real_score", ANNOTATED / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _firstsight_texts(folder: Path, out: Path) -> dict[str, Path]:
    """Write a first-sight set's texts from the records file (ids listed in the set's README)."""
    import pyarrow.parquet as pq

    ids = dict(re.findall(r"^\| (fs\d+_\w+) \| (POL_\w+) \|", (folder / "README.md").read_text(encoding="utf-8"), re.M))
    rows = pq.read_table(REAL / "scale" / "records.parquet", columns=["record_id", "full_text"]).to_pylist()
    by_id = {r["record_id"]: r["full_text"] for r in rows}
    paths = {}
    for key, rid in ids.items():
        p = out / f"{key}.txt"
        p.write_text(by_id[rid], encoding="utf-8")
        paths[key] = p
    return paths


def inputs(name: str, tmp: Path) -> tuple[Path, dict[str, Path]] | None:
    """(gold folder, stem -> file to extract) of one set, or None when its files are absent."""
    if name in FIRSTSIGHT:
        folder = FIRSTSIGHT[name]
        if (not (folder / "README.md").exists() or not (REAL / "scale" / "records.parquet").exists()
                or importlib.util.find_spec("pyarrow") is None):
            return None
        return folder / "gold", _firstsight_texts(folder, tmp)
    if not ANNOTATED.exists():
        return None
    if name == "real-source":
        files = {}
        for f in sorted((ANNOTATED / "docs").iterdir()):
            if f.suffix == ".md":  # Markdown copies are extracted as plain text (the scorer's rule)
                g = tmp / (f.stem + ".txt")
                shutil.copy(f, g)
                f = g
            files[f.stem] = f
        return ANNOTATED / "gold", files
    ext = name.split("-")[1]
    files = {f.stem: f for f in sorted((ANNOTATED / "renderings").glob(f"*.{ext}"))}
    gold = tmp / f"gold-{ext}"
    gold.mkdir()
    for stem in files:
        shutil.copy(ANNOTATED / "gold" / f"{stem}.json", gold / f"{stem}.json")
    return gold, files


def evaluate(names: tuple[str, ...] = SETS) -> dict[str, dict]:
    """Scores per set (the shared scorer's result dict); sets whose files are absent are left out."""
    from policyparse import api
    from policyparse.errors import PolicyParseError

    score = scorer().score if ANNOTATED.exists() else None
    out: dict[str, dict] = {}
    if score is None:
        return out
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        for name in names:
            work = tmp / name
            work.mkdir()
            found = inputs(name, work)
            if found is None:
                continue
            gold, files = found
            pred = work / "pred"
            pred.mkdir()
            for stem, path in files.items():
                try:
                    facts = api.extract(path)
                except PolicyParseError as e:
                    facts = {"targets": [], "assignments": [], "error": str(e)}
                (pred / f"{stem}.json").write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
            out[name] = score(gold, pred)
    return out


def table(results: dict[str, dict]) -> str:
    def f(t) -> str:
        return " / ".join(f"{x:.3f}" for x in t)

    lines = [f"{'set':16s} {'targets P / R / F1':24s} {'assignments P / R / F1':24s} fields (unit comparator baseline lead responsible)"]
    for name, r in results.items():
        tf = r["target_fields"]
        fields = " ".join("-" if tf[k][0] is None else f"{tf[k][0]:.3f}"
                          for k in ("unit", "comparator", "baseline", "lead", "responsible"))
        lines.append(f"{name:16s} {f(r['targets']):24s} {f(r['assignments']):24s} {fields}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    results = evaluate(tuple(s for s in args.sets.split(",") if s))
    if not results:
        print("../shared/real is not beside this checkout: no real-document set scored")
        return 0
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    else:
        print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
