"""ingest_dask on a LocalCluster with two workers gives the single-process store."""

from __future__ import annotations

import pytest
from parallel_helpers import CORPUS, dump

pytest.importorskip("distributed")


def test_local_cluster_equals_single(single_store, tmp_path):
    from distributed import Client, LocalCluster

    from policyparse.parallel import ingest_dask

    # one document per format and two more (the whole corpus is compared for workers=2)
    files = [CORPUS / n for n in ("000_66384f2078c7182b.txt", "001_2193336686149f8c.pdf",
                                  "002_101a49cb13188322.docx", "003_1b4764571c7d463f.html",
                                  "004_53cef2a0b11e33d7.pdf", "002_101a49cb13188322.txt")]
    store = tmp_path / "dask.sqlite"
    stats: dict = {}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        summary = ingest_dask(files, store, client, stats=stats)
    assert summary.documents == 6 and summary.ok
    assert dump(store) == dump(single_store, files)
    assert len(dump(store)["targets"]) > 50
    assert stats["chars"] > 0 and stats["worker_documents"]


def test_needs_a_client(tmp_path):
    from policyparse.parallel import ingest_dask

    with pytest.raises(ValueError):
        ingest_dask([CORPUS], tmp_path / "x.sqlite", None)


def test_ship_bytes_equals_single(single_store, tmp_path):
    """Workers that do not see the files get their bytes with the task; same store."""
    from distributed import Client, LocalCluster

    from policyparse.parallel import ingest_dask

    files = [CORPUS / "001_2193336686149f8c.txt", CORPUS / "004_53cef2a0b11e33d7.docx"]
    store = tmp_path / "bytes.sqlite"
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        summary = ingest_dask(files, store, client, ship_bytes=True)
    assert summary.documents == 2 and summary.ok
    assert dump(store) == dump(single_store, files)
