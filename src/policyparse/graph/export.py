"""Write the graph as GraphML, node-link JSON, and CSV files for ``neo4j-admin database import``.

GraphML cannot hold list, dict or None attribute values (networkx's writer rejects them): lists and
dicts are written as JSON strings and their attribute names recorded in the graph attribute
``policyparse_json_attrs``; None values are left out (an absent attribute). :func:`read_graphml`
decodes them again, so ``read_graphml(write_graphml(g))`` equals ``g``.

The Neo4j CSVs follow the import tool's header format: one ``nodes_<Label>.csv`` per node kind
(``id:ID``, ``:LABEL``, typed properties such as ``year:int``, ``value:float``, ``flags:string[]``
with ``;`` as array delimiter) and one ``relationships_<TYPE>.csv`` per edge kind (``:START_ID``,
``:END_ID``, ``:TYPE`` and properties). ``import.sh`` holds the matching command line.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx

from policyparse.graph.build import NODE_LABELS, NodeKind

JSON_ATTRS = "policyparse_json_attrs"
ARRAY_DELIMITER = ";"


def _encode(items, scope: str, json_names: dict[str, set[str]]):
    for *head, data in items:
        clean = {}
        for k, v in data.items():
            if v is None:
                continue
            if isinstance(v, (list, tuple, dict)):
                json_names[scope].add(k)
                clean[k] = json.dumps(v, ensure_ascii=False, sort_keys=True)
            else:
                clean[k] = v
        yield (*head, clean)


def graphml_safe(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``g`` whose attributes GraphML can hold (see module doc)."""
    names: dict[str, set[str]] = {"node": set(), "edge": set(), "graph": set()}
    h = nx.MultiDiGraph()
    h.add_nodes_from((n, d) for n, d in _encode(g.nodes(data=True), "node", names))
    h.add_edges_from((u, v, k, d) for u, v, k, d in _encode(g.edges(keys=True, data=True), "edge", names))
    (_, graph_attrs), = _encode([(None, dict(g.graph))], "graph", names)
    h.graph.update(graph_attrs)
    h.graph[JSON_ATTRS] = json.dumps({k: sorted(v) for k, v in names.items()}, sort_keys=True)
    return h


def write_graphml(g: nx.MultiDiGraph, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(graphml_safe(g), path, encoding="utf-8")
    return path


def read_graphml(path: str | Path) -> nx.MultiDiGraph:
    """Read a GraphML file written by :func:`write_graphml`, decoding its JSON attributes."""
    h = nx.read_graphml(path, force_multigraph=True)
    names = json.loads(h.graph.pop(JSON_ATTRS, "{}"))
    for reader_default in ("node_default", "edge_default"):  # added by networkx's reader
        h.graph.pop(reader_default, None)
    g = nx.MultiDiGraph()
    g.graph.update({k: (json.loads(v) if k in names.get("graph", []) else v) for k, v in h.graph.items()})
    node_json = set(names.get("node", []))
    edge_json = set(names.get("edge", []))
    for n, d in h.nodes(data=True):
        g.add_node(n, **{k: (json.loads(v) if k in node_json else v) for k, v in d.items()})
    for u, v, k, d in h.edges(keys=True, data=True):
        d = dict(d)
        d.pop("id", None)
        g.add_edge(u, v, key=k, **{a: (json.loads(x) if a in edge_json else x) for a, x in d.items()})
    return g


def to_node_link(g: nx.MultiDiGraph) -> dict:
    return nx.node_link_data(g, edges="edges")


def from_node_link(data: dict) -> nx.MultiDiGraph:
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")


def write_node_link(g: nx.MultiDiGraph, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(to_node_link(g), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def read_node_link(path: str | Path) -> nx.MultiDiGraph:
    return from_node_link(json.loads(Path(path).read_text(encoding="utf-8")))


# ----------------------------------------------------------------------------- neo4j


def _neo_type(values: list[Any]) -> str:
    vals = [v for v in values if v is not None]
    if not vals:
        return "string"
    if all(isinstance(v, bool) for v in vals):
        return "boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in vals):
        return "long"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in vals):
        return "double"
    if all(isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v) for v in vals):
        return "string[]"
    return "string"


def _neo_cell(v: Any, t: str) -> str:
    if v is None:
        return ""
    if t == "boolean":
        return "true" if v else "false"
    if t == "string[]":
        return ARRAY_DELIMITER.join(str(x).replace(ARRAY_DELIMITER, ",") for x in v)
    if isinstance(v, (dict, list, tuple)):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    return str(v)


def _write_csv(path: Path, fixed: list[str], rows: list[tuple[list[str], dict]]) -> None:
    keys = sorted({k for _, d in rows for k in d})
    types = {k: _neo_type([d.get(k) for _, d in rows]) for k in keys}
    header = fixed + [k if types[k] == "string" else f"{k}:{types[k]}" for k in keys]
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for head, d in rows:
            w.writerow(head + [_neo_cell(d.get(k), types[k]) for k in keys])


def write_neo4j_csv(g: nx.MultiDiGraph, out_dir: str | Path) -> list[Path]:
    """Write ``nodes_<Label>.csv`` / ``relationships_<TYPE>.csv`` and ``import.sh`` into ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for old in list(out.glob("nodes_*.csv")) + list(out.glob("relationships_*.csv")):
        old.unlink()
    written: list[Path] = []
    by_label: dict[str, list[tuple[list[str], dict]]] = {}
    for n, d in g.nodes(data=True):
        label = NODE_LABELS.get(NodeKind(d["kind"]), "Node") if d.get("kind") in set(NodeKind) else "Node"
        props = {k: v for k, v in d.items() if k != "kind"}
        by_label.setdefault(label, []).append(([n, label], props))
    for label, rows in sorted(by_label.items()):
        p = out / f"nodes_{label}.csv"
        _write_csv(p, ["id:ID", ":LABEL"], rows)
        written.append(p)
    by_type: dict[str, list[tuple[list[str], dict]]] = {}
    for u, v, _k, d in g.edges(keys=True, data=True):
        rtype = str(d.get("kind", "related")).upper()
        props = {k: x for k, x in d.items() if k != "kind"}
        by_type.setdefault(rtype, []).append(([u, v, rtype], props))
    for rtype, rows in sorted(by_type.items()):
        p = out / f"relationships_{rtype}.csv"
        _write_csv(p, [":START_ID", ":END_ID", ":TYPE"], rows)
        written.append(p)
    args = " ".join(
        [f"--nodes={p.name}" for p in written if p.name.startswith("nodes_")]
        + [f"--relationships={p.name}" for p in written if p.name.startswith("relationships_")]
    )
    script = out / "import.sh"
    script.write_text(
        "#!/bin/sh\n# Run from this folder; the database must not exist yet (or add --overwrite-destination).\n"
        f'neo4j-admin database import full --array-delimiter="{ARRAY_DELIMITER}" --multiline-fields=true {args} "${{1:-policyparse}}"\n',
        encoding="utf-8",
    )
    written.append(script)
    return written


def export_graph(g: nx.MultiDiGraph, graphml: str | Path, *, node_link: str | Path | None = None,
                 neo4j_dir: str | Path | None = None) -> dict[str, Any]:
    """Write all three exports; returns the paths written."""
    graphml = Path(graphml)
    node_link = Path(node_link) if node_link else graphml.with_suffix(".json")
    neo4j_dir = Path(neo4j_dir) if neo4j_dir else graphml.parent / "neo4j"
    return {
        "graphml": str(write_graphml(g, graphml)),
        "node_link": str(write_node_link(g, node_link)),
        "neo4j": [str(p) for p in write_neo4j_csv(g, neo4j_dir)],
    }
