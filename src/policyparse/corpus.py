"""``Corpus``: a handle on one store, with the analyst's questions as methods.

>>> from policyparse import api
>>> c = api.Corpus("outputs/policyparse.sqlite")  # doctest: +SKIP
>>> c.lead("全社会R&D经费支出占GDP比重", city="陇南市").rows[0]["lead"][0]["name"]  # doctest: +SKIP
'市科技局'
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from policyparse.store.ingest import DEFAULT_STORE, IngestSummary


class Corpus:
    """The facts of an ingested corpus (a SQLite store made by :func:`policyparse.api.ingest`)."""

    def __init__(self, store_path: str | Path = DEFAULT_STORE):
        self.store_path = Path(store_path)

    def __repr__(self) -> str:
        return f"Corpus({str(self.store_path)!r})"

    def ingest(self, paths: Any, *, progress: bool = False, **kwargs: Any) -> IngestSummary:
        """Ingest into this corpus's store; options as :func:`policyparse.api.ingest` (``workers``,
        ``dask``)."""
        from policyparse import api

        return api.ingest(paths, self.store_path, progress=progress, **kwargs)

    def lead(self, indicator: str, city: str | None = None):
        from policyparse.query.lead import lead

        return lead(self.store_path, indicator, city=city)

    def compare(self, indicator: str, year: int | None = None, city: str | None = None, latest: bool = False):
        from policyparse.query.compare import compare

        return compare(self.store_path, indicator, year=year, city=city, latest=latest)

    def diff(self, doc_a: str, doc_b: str):
        from policyparse.query.diff import diff

        return diff(self.store_path, doc_a, doc_b)

    def departments(self, city: str | None = None):
        from policyparse.query.departments import departments

        return departments(self.store_path, city=city)

    def indicators(self, kind: str = "all", city: str | None = None, used: bool = False):
        from policyparse.query.indicators import indicators

        return indicators(self.store_path, kind=kind, city=city, used=used)

    def graph(self) -> nx.MultiDiGraph:
        from policyparse.graph.build import build_graph

        return build_graph(self.store_path)

    def export_graph(self, out_dir: str | Path = "outputs", *, graphml_name: str = "graph.graphml") -> dict:
        """Write ``graph.graphml``, ``graph.json`` (node-link) and ``neo4j/*.csv`` into ``out_dir``."""
        from policyparse.graph.export import export_graph

        out = Path(out_dir)
        return export_graph(self.graph(), out / graphml_name, node_link=out / "graph.json",
                            neo4j_dir=out / "neo4j")

    def counts(self) -> dict[str, int]:
        from policyparse.store.reader import counts
        from policyparse.store.schema import connect

        conn = connect(self.store_path, create=False)
        try:
            return counts(conn)
        finally:
            conn.close()

    def facts(self) -> list[dict]:
        """Every stored document's facts (the ``extract`` JSON contract)."""
        from policyparse.store.reader import iter_facts
        from policyparse.store.schema import connect

        conn = connect(self.store_path, create=False)
        try:
            return iter_facts(conn)
        finally:
            conn.close()
