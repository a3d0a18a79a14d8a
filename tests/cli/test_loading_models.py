"""The "loading models…" phase on stderr before extraction starts (and its time), silenced by -q."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policyparse.cli import app
from policyparse.phases import listened, listening, phase

CORPUS = Path(__file__).parents[2] / "corpus"
TXT = CORPUS / "002_101a49cb13188322.txt"
DONE = re.compile(r"loading models… done \(\d+\.\d s\)")


def _run(args):
    r = CliRunner().invoke(app, [str(a) for a in args])
    assert r.exit_code == 0, r.output
    return r


def _docs(tmp_path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / TXT.name).write_bytes(TXT.read_bytes())
    return docs


def _args(command, tmp_path, run):
    """The command on a new store (an unchanged file loads no models)."""
    return {"extract": ["extract", TXT],
            "ingest": ["ingest", _docs(tmp_path), "--store", tmp_path / f"s{run}.sqlite", "--workers", "1"],
            "run": ["run", _docs(tmp_path), "--out", tmp_path / f"out{run}"]}[command]


@pytest.mark.parametrize("command", ["extract", "ingest", "run"])
def test_models_phase_is_announced_on_stderr(command, tmp_path):
    r = _run(_args(command, tmp_path, 1))
    assert r.stderr.startswith("loading models…\n") or "\nloading models…\n" in r.stderr, r.stderr
    assert DONE.search(r.stderr), r.stderr
    assert "loading models" not in r.stdout
    if command != "extract":  # before the progress bar
        assert r.stderr.index("loading models… done") < r.stderr.index("ingest ")
    quiet = _run(["-q", *_args(command, tmp_path, 2)])
    assert "loading models" not in quiet.stderr


def test_models_phase_with_worker_processes(tmp_path):
    r = _run(["ingest", _docs(tmp_path), "--store", tmp_path / "s.sqlite", "--workers", "2"])
    assert DONE.search(r.stderr) and r.stderr.index("loading models… done") < r.stderr.index("ingest ")
    assert "1 documents written" in r.stderr


def test_phases_are_silent_without_a_listener():
    seen = []

    class Listener:
        def start(self, name):
            seen.append(("start", name))

        def done(self, name, seconds):
            seen.append(("done", name, seconds >= 0))

    with phase("loading models"):
        pass
    assert seen == [] and not listened()
    with listening(Listener()):
        assert listened()
        with phase("loading models"):
            pass
    assert seen == [("start", "loading models"), ("done", "loading models", True)] and not listened()
