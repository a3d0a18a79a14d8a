"""A short version of scripts/stress.py (issue 14): a few documents, one kill -9 trial at a random
moment, and two ingests into one store. The full run: ``python scripts/stress.py``."""

from __future__ import annotations

import shutil
from pathlib import Path

from script_modules import load_script

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
BAD = ROOT / "tests" / "fixtures" / "bad"


def test_stress_short(tmp_path, capsys):
    stress = load_script("stress")
    real = stress.REAL if (stress.REAL / "scale" / "records.parquet").exists() else None
    extra = tmp_path / "extra"
    extra.mkdir()
    for name in ("000_66384f2078c7182b.txt", "002_101a49cb13188322.docx", "003_1b4764571c7d463f.html",
                 "003_1b4764571c7d463f.pdf"):
        shutil.copy(CORPUS / name, extra / name)
    for name in ("pdf-length-self-reference.pdf", "html-control-character.html", "utf16-bom-odd-length.txt"):
        shutil.copy(BAD / name, extra / name)
    lines: list[str] = []
    report = stress.stress(tmp_path / "work", real=real, limit=12, kill_trials=1, workers=2,
                           extra_inputs=[extra], out=lines.append)
    with capsys.disabled():
        print("\n" + "\n".join(f"stress: {ln}" for ln in lines))
    clean = report["clean"]
    assert clean["uncaught_exceptions"] == 0 and clean["hangs"] == 0
    assert clean["documents"] == (12 if real else 0) + 5
    assert clean["failures"] == {"CorruptFileError": 1, "ReaderBugError": 1}
    assert report["second_run"]["documents"] == 0
    assert all(t["passed"] for t in report["kill_trials"]), report["kill_trials"]
    assert report["concurrent"]["second"] == "refused" and report["concurrent"]["passed"]
    assert report["passed"]


def test_without_shared_real_the_script_still_runs(tmp_path):
    stress = load_script("stress")
    paths, info = stress.write_inputs(tmp_path, None, 5)
    assert paths == [] and info == {}
