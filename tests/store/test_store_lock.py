"""store/lock.py: one writer per store; a second ingest is refused at once with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyparse import api
from policyparse.errors import StoreError
from policyparse.store.lock import lock_path, writer_lock

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_second_writer_is_refused(tmp_path):
    store = tmp_path / "s.sqlite"
    with writer_lock(store):
        with pytest.raises(StoreError) as e:
            api.ingest([CORPUS / "000_66384f2078c7182b.txt"], store, workers=1, progress=False)
        assert "another ingest (pid" in e.value.reason and "is writing to this store" in e.value.reason
        with pytest.raises(StoreError):
            api.ingest([CORPUS / "000_66384f2078c7182b.txt"], store, workers=2, progress=False)
    s = api.ingest([CORPUS / "000_66384f2078c7182b.txt"], store, workers=1, progress=False)  # released
    assert s.documents == 1 and lock_path(store).exists()


def test_cli_says_so(tmp_path):
    from typer.testing import CliRunner

    from policyparse.cli import app

    store = tmp_path / "s.sqlite"
    with writer_lock(store):
        r = CliRunner().invoke(app, ["ingest", str(CORPUS / "000_66384f2078c7182b.txt"), "--store", str(store),
                                     "--workers", "1", "--no-progress"])
    assert r.exit_code == 2 and "StoreError" in r.output and "another ingest" in r.output
