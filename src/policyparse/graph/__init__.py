"""The cross-city graph: ``build_graph`` (networkx MultiDiGraph) and its exports."""

from __future__ import annotations

from policyparse.graph.build import EdgeKind, NodeKind, build_graph, kind_counts
from policyparse.graph.export import (
    export_graph,
    read_graphml,
    read_node_link,
    write_graphml,
    write_neo4j_csv,
    write_node_link,
)

__all__ = [
    "EdgeKind", "NodeKind", "build_graph", "export_graph", "kind_counts", "read_graphml", "read_node_link",
    "write_graphml", "write_neo4j_csv", "write_node_link",
]
