"""graph/build.py: node/edge vocabulary, counts consistent with the store and with the gold."""

from __future__ import annotations

import json

import pp_samples
import yaml

from policyparse.graph import EdgeKind, NodeKind, build_graph, kind_counts
from policyparse.graph.build import normalise_doc_number, revises, scoped_entity
from policyparse.store import connect, counts


def _edges(g, kind):
    return [(u, v) for u, v, k in g.edges(data="kind") if k == kind]


def test_every_node_and_edge_has_a_vocabulary_kind(sample_store):
    g = build_graph(sample_store)
    assert {k for _, k in g.nodes(data="kind")} <= {str(k) for k in NodeKind}
    assert {k for _, _, k in g.edges(data="kind")} <= {str(k) for k in EdgeKind}
    assert all(key == d["kind"] for _, _, key, d in g.edges(keys=True, data=True))


def test_counts_match_the_store(sample_store):
    g = build_graph(sample_store)
    c = counts(connect(sample_store))
    kc = kind_counts(g)
    assert kc["nodes"]["document"] == c["documents"] == 5
    assert kc["nodes"]["target"] == kc["edges"]["sets"] == c["targets"]
    assert kc["nodes"]["assignment"] == kc["edges"]["assigns"] == c["assignments"]
    assert kc["nodes"]["city"] == 3 and kc["nodes"]["province"] == 2
    assert kc["edges"]["contains"] == 3
    assert kc["edges"]["issued"] == 4  # the national guideline has no city
    # every lead / responsible mention is an edge (no duplicates in the samples)
    assert kc["edges"]["leads"] + kc["edges"]["participates"] == c["dept_mentions"]


def test_cites_by_doc_number_with_bracket_variants(sample_store):
    g = build_graph(sample_store)
    linyi = "document:" + pp_samples.linyi()["document"]["id"]
    national = "document:" + pp_samples.national()["document"]["id"]
    assert _edges(g, "cites") == [(linyi, national)]
    assert normalise_doc_number("国科发创[2016]370号") == normalise_doc_number("国科发创〔2016〕370号")


def test_final_revises_draft(sample_store):
    g = build_graph(sample_store)
    final = "document:" + pp_samples.taian_final()["document"]["id"]
    draft = "document:" + pp_samples.taian_draft()["document"]["id"]
    assert _edges(g, "revises") == [(final, draft)]
    # not between cities, and not draft -> final
    assert revises(pp_samples.taian_draft()["document"], pp_samples.taian_final()["document"]) is None
    other = dict(pp_samples.taian_draft()["document"], city="临沂市")
    assert revises(pp_samples.taian_final()["document"], other) is None


def test_department_entities_are_city_scoped():
    assert scoped_entity("市科学技术局", "泰安市") == "泰安市科学技术局"
    assert scoped_entity("泰安市科学技术局", "泰安市") == "泰安市科学技术局"
    assert scoped_entity("科学技术部", None) == "科学技术部"
    facts = pp_samples.all_facts()
    for f in facts:  # entities resolved without city context
        for t in f["targets"] + f["assignments"]:
            for d in t["lead"] + t["responsible"]:
                d["entity"] = "市科学技术局" if d["id"] == "science_bureau" else d["entity"]
    g = build_graph(facts)
    kj = sorted(n for n, d in g.nodes(data=True) if d.get("dept_id") == "science_bureau"
                and d["kind"] == "department")
    assert kj == ["dept:临沂市科学技术局", "dept:泰安市科学技术局", "dept:陇南市科学技术局"]
    assert all(g.has_edge(n, "dept_type:science_bureau") for n in kj)


def test_lead_edges_point_at_targets_and_assignments(sample_store):
    g = build_graph(sample_store)
    leads = _edges(g, "leads")
    kinds = {g.nodes[v]["kind"] for _, v in leads}
    assert kinds == {"target", "assignment"}
    assert all(g.nodes[u]["kind"] == "department" for u, _ in leads)


# ----------------------------------------------------------------------------- gold annotations


def _gold_facts():
    meta = yaml.safe_load((pp_samples.CORPUS / "metadata.yaml").read_text(encoding="utf-8"))
    out = []
    for p in sorted((pp_samples.CORPUS / "gold").glob("*.json")):
        g = json.loads(p.read_text(encoding="utf-8"))
        key = g["document"] if isinstance(g["document"], str) else p.stem
        m = meta[key]

        def dept(name):
            return {"name": name, "id": None, "entity": None, "score": 0.0, "method": "unmatched"}

        def fact(x):
            x = dict(x)
            x["lead"] = [dept(n) if isinstance(n, str) else n for n in x.get("lead", [])]
            x["responsible"] = [dept(n) if isinstance(n, str) else n for n in x.get("responsible", [])]
            q = x.pop("quote", "") or ""
            x.setdefault("source", {"page": 1, "start": 0, "end": len(q), "text": q})
            return x

        out.append({
            "document": {"id": key, "path": f"corpus/{key}.txt", "format": "txt", "title": m["title"],
                         "issuer": m["issuer"], "doc_number": m["doc_number"], "date": m["date"],
                         "status": m["status"], "city": m["city"], "province": m["province"], "cites": []},
            "targets": [fact(t) for t in g["targets"]],
            "assignments": [fact(a) for a in g["assignments"]],
            "unmatched": [],
        })
    return out


def test_graph_of_the_gold_annotations_has_the_gold_counts():
    gold = _gold_facts()
    g = build_graph(gold, gazetteer_names=False)
    kc = kind_counts(g)
    n_targets = sum(len(f["targets"]) for f in gold)
    n_assign = sum(len(f["assignments"]) for f in gold)
    assert kc["nodes"]["document"] == len(gold) == 5
    assert kc["nodes"]["target"] == kc["edges"]["sets"] == n_targets
    assert kc["nodes"]["assignment"] == kc["edges"]["assigns"] == n_assign
    assert kc["nodes"]["city"] == 3  # 泰安, 陇南, 临沂
    assert kc["edges"]["contains"] == 3
    ids = {f["document"]["id"][:3]: "document:" + f["document"]["id"] for f in gold}
    assert _edges(g, "revises") == [(ids["003"], ids["000"])]
    indicator_ids = {t["indicator_id"] for f in gold for t in f["targets"] + f["assignments"]
                     if t.get("indicator_id")}
    assert kc["nodes"].get("indicator", 0) == len(indicator_ids)
    lead_pairs = set()
    for f in gold:
        for kind, facts in (("target", f["targets"]), ("assignment", f["assignments"])):
            for i, x in enumerate(facts):
                for d in x["lead"]:
                    lead_pairs.add((f["document"]["city"], d["name"], kind, f["document"]["id"], i))
    assert kc["edges"].get("leads", 0) == len(lead_pairs)


# ----------------------------------------------------------------------------- the real corpus


def test_corpus_graph_is_consistent_with_the_store(corpus_store):
    g = build_graph(corpus_store)
    c = counts(connect(corpus_store))
    kc = kind_counts(g)
    assert kc["nodes"]["document"] == c["documents"]
    assert kc["nodes"]["target"] == kc["edges"]["sets"] == c["targets"]
    assert kc["nodes"]["assignment"] == kc["edges"]["assigns"] == c["assignments"]
    assert {g.nodes[n]["name"] for n, k in g.nodes(data="kind") if k == "city"} == {"泰安市", "陇南市", "临沂市"}
    docs = {n: d for n, d in g.nodes(data=True) if d["kind"] == "document"}
    for u, v in _edges(g, "revises"):
        assert "/003_" in docs[u]["path"] and "/000_" in docs[v]["path"]
    assert _edges(g, "revises"), "the Tai'an final (003) revises its draft (000)"
    cites = [(docs[u]["path"], docs[v]["path"]) for u, v in _edges(g, "cites")]
    assert any("/004_" in a and "/001_" in b for a, b in cites), "Linyi cites 国科发创〔2016〕370号"
