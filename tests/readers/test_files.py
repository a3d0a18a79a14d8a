"""Issue 14: only regular files are read. A FIFO named ``x.txt`` blocked ``open()`` for ever; a
FIFO, socket or device is now refused at once with :class:`NotRegularFileError`."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from policyparse import api
from policyparse.errors import NotRegularFileError, ReadError
from policyparse.readers import read_document, read_raw
from policyparse.readers.batch import expand_paths, read_many
from policyparse.readers.files import read_file

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")


@pytest.fixture
def fifo(tmp_path) -> Path:
    p = tmp_path / "x.txt"
    os.mkfifo(p)
    return p


def test_fifo_is_refused_at_once(fifo):
    for call in (read_document, read_raw, read_file, api.extract):
        with pytest.raises(NotRegularFileError) as e:
            call(fifo)
        assert e.value.path == str(fifo)
        assert "named pipe (FIFO)" in e.value.reason and "only regular files are read" in e.value.reason


def test_socket_and_device_are_refused(tmp_path):
    sock_path = tmp_path / "s.txt"
    s = socket.socket(socket.AF_UNIX)
    try:
        s.bind(str(sock_path))
        with pytest.raises(NotRegularFileError, match="socket"):
            read_document(sock_path)
    finally:
        s.close()
    if Path("/dev/zero").exists():  # a device never ends: behind a .txt name through a link
        link = tmp_path / "zero.txt"
        link.symlink_to("/dev/zero")
        with pytest.raises(NotRegularFileError, match="character device"):
            read_document(link)


def test_directory_and_missing_file(tmp_path):
    with pytest.raises(NotRegularFileError, match="is a directory"):
        read_document(tmp_path)
    with pytest.raises(ReadError, match="no such file"):
        read_document(tmp_path / "missing.txt")


def test_folder_with_fifos_is_read_without_blocking(tmp_path, fifo):
    os.mkfifo(tmp_path / "no_extension")  # sniffing its bytes would block: it is skipped
    (tmp_path / "a.txt").write_bytes((CORPUS / "000_66384f2078c7182b.txt").read_bytes())
    assert [p.name for p in expand_paths([tmp_path])] == ["a.txt", "x.txt"]
    results = {Path(r.path).name: r for r in read_many([tmp_path])}
    assert results["a.txt"].ok
    assert results["x.txt"].status == "failed" and isinstance(results["x.txt"].error, NotRegularFileError)


def test_ingest_records_the_fifo_and_goes_on(tmp_path, fifo):
    (tmp_path / "a.txt").write_bytes((CORPUS / "000_66384f2078c7182b.txt").read_bytes())
    s = api.ingest([tmp_path], tmp_path / "store.sqlite", workers=1, progress=False)
    assert s.documents == 1
    assert [(Path(f["path"]).name, f["error"]) for f in s.failures] == [("x.txt", "NotRegularFileError")]
    s = api.ingest([fifo], tmp_path / "store.sqlite", workers=1, progress=False)  # named explicitly
    assert [f["error"] for f in s.failures] == ["NotRegularFileError"]
