"""graph/export.py: GraphML and node-link round trips lose nothing; Neo4j import CSVs."""

from __future__ import annotations

import csv

import networkx as nx

from policyparse.graph import build_graph, read_graphml, read_node_link, write_graphml, write_node_link
from policyparse.graph.export import export_graph, write_neo4j_csv


def _same(g, h):
    assert dict(g.nodes(data=True)) == dict(h.nodes(data=True))
    assert sorted(g.edges(keys=True, data=True), key=str) == sorted(h.edges(keys=True, data=True), key=str)
    assert g.graph == h.graph
    assert nx.utils.graphs_equal(g, h)


def test_graphml_round_trip(sample_store, tmp_path):
    g = build_graph(sample_store)
    assert any(isinstance(v, list) for _, d in g.nodes(data=True) for v in d.values())  # flags, cites
    assert any(isinstance(v, dict) for _, d in g.nodes(data=True) for v in d.values())  # deadline
    p = write_graphml(g, tmp_path / "g.graphml")
    _same(g, read_graphml(p))
    # and other GraphML readers see plain strings, never a Python repr
    raw = nx.read_graphml(p)
    assert all(not isinstance(v, (list, dict)) for _, d in raw.nodes(data=True) for v in d.values())


def test_node_link_round_trip(sample_store, tmp_path):
    g = build_graph(sample_store)
    p = write_node_link(g, tmp_path / "g.json")
    assert "泰安市" in p.read_text(encoding="utf-8")  # ensure_ascii=False
    _same(g, read_node_link(p))


def test_round_trips_on_the_corpus(corpus_store, tmp_path):
    g = build_graph(corpus_store)
    assert all(v is not None for _, d in g.nodes(data=True) for v in d.values())
    assert all(v is not None for _, _, d in g.edges(data=True) for v in d.values())
    paths = export_graph(g, tmp_path / "graph.graphml")
    _same(g, read_graphml(paths["graphml"]))
    _same(g, read_node_link(paths["node_link"]))


def test_neo4j_csv(sample_store, tmp_path):
    g = build_graph(sample_store)
    files = write_neo4j_csv(g, tmp_path / "neo4j")
    names = {p.name for p in files}
    assert {"nodes_Document.csv", "nodes_City.csv", "nodes_Target.csv", "relationships_SETS.csv",
            "relationships_LEADS.csv", "import.sh"} <= names
    ids = set()
    n_nodes = 0
    for p in (tmp_path / "neo4j").glob("nodes_*.csv"):
        rows = list(csv.reader(p.open(encoding="utf-8")))
        header = rows[0]
        assert header[:2] == ["id:ID", ":LABEL"]
        assert len(set(header)) == len(header)
        for r in rows[1:]:
            assert len(r) == len(header)
            ids.add(r[0])
        n_nodes += len(rows) - 1
    assert n_nodes == g.number_of_nodes() == len(ids)
    n_edges = 0
    for p in (tmp_path / "neo4j").glob("relationships_*.csv"):
        rows = list(csv.reader(p.open(encoding="utf-8")))
        assert rows[0][:3] == [":START_ID", ":END_ID", ":TYPE"]
        for r in rows[1:]:
            assert r[0] in ids and r[1] in ids and r[2] == p.stem.split("_", 1)[1]
        n_edges += len(rows) - 1
    assert n_edges == g.number_of_edges()
    header = next(csv.reader((tmp_path / "neo4j" / "nodes_Target.csv").open(encoding="utf-8")))
    assert "year:long" in header and "value:double" in header and "flags:string[]" in header
    script = (tmp_path / "neo4j" / "import.sh").read_text()
    assert "neo4j-admin database import full" in script and "--nodes=nodes_Document.csv" in script
