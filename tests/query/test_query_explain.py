"""Answers that say why: places read as cities, provinces or short names, empty answers explained,
compare's kinds, scope and superseded drafts, diff's warnings, departments agreeing with lead."""

from __future__ import annotations

from collections import defaultdict

from typer.testing import CliRunner

from policyparse.cli import app
from policyparse.cli._common import EXIT_NO_ANSWER
from policyparse.query.compare import KIND_ORDER, compare, target_kind
from policyparse.query.departments import departments
from policyparse.query.diff import diff
from policyparse.query.lead import lead

RD = "rd_expenditure_gdp_share"


def _cli(*args):
    r = CliRunner().invoke(app, [str(a) for a in args])
    assert "Traceback" not in r.output
    return r


def test_short_name_and_province(corpus_store):
    full = lead(corpus_store, RD, city="陇南市")
    short = lead(corpus_store, RD, city="陇南")
    assert full.rows and short.rows == full.rows and short.notes
    prov = lead(corpus_store, RD, city="山东省")
    assert {r["city"] for r in prov.rows} == {"泰安市", "临沂市"}
    assert {r["city"] for r in lead(corpus_store, RD, city="山东").rows} == {"泰安市", "临沂市"}


def test_misspelt_or_unknown_place_is_explained_with_close_matches(corpus_store):
    res = lead(corpus_store, RD, city="陇难市")
    assert res.empty and not res.place.found
    text = "\n".join(res.explanation)
    assert "陇难市" in text and "陇南市" in text
    r = _cli("lead", RD, "--city", "陇难市", "--store", corpus_store)
    assert r.exit_code == EXIT_NO_ANSWER and "陇南市" in r.output
    res = compare(corpus_store, RD, city="绵阳市")
    assert res.empty and "绵阳市" in "\n".join(res.explanation)


def test_indicator_without_a_stated_department_is_explained(sample_store):
    res = lead(sample_store, RD, city="泰安市")
    assert res.empty and res.without_departments
    assert "none names a lead" in res.explanation[0]
    r = _cli("lead", RD, "--city", "泰安市", "--store", sample_store)
    assert r.exit_code == EXIT_NO_ANSWER and "none names a lead" in r.output
    assert "documents that name no department" in r.stdout  # the targets are still shown


def test_nothing_for_a_place_says_where_the_indicator_is(corpus_store):
    res = compare(corpus_store, "high_tech_enterprises", city="陇南市")
    assert res.empty
    assert any("泰安市" in ln for ln in res.explanation)


def test_compare_kinds_scope_and_sorting(corpus_store):
    assert target_kind(["recurring_yearly"]) == "yearly" and target_kind(["increment"]) == "increment"
    assert target_kind([]) == "stock"
    res = compare(corpus_store, RD)
    keys = [(KIND_ORDER[r["kind"]], r["city"] or r["province"] or "") for r in res.rows]
    assert keys == sorted(keys)
    scoped = [r for r in res.rows if r["scope"]]
    assert scoped and scoped[0]["scope"].startswith("50%以上的县")
    r = _cli("compare", RD, "--store", corpus_store)
    assert r.exit_code == 0 and "50%以上的县" in r.stdout and "scope" in r.stdout
    csv_out = _cli("compare", RD, "--store", corpus_store, "--format", "csv").stdout
    assert csv_out.splitlines()[0].endswith("kind,scope,superseded_by")
    yearly = compare(corpus_store, "st_commissioners_dispatched")
    assert yearly.rows and all(x["kind"] == "yearly" for x in yearly.rows)


def test_compare_latest_leaves_out_superseded_drafts(corpus_store):
    res = compare(corpus_store, "high_tech_enterprises", city="泰安市")
    drafts = [r for r in res.rows if r["status"] == "draft"]
    assert drafts and all("superseded_draft" in r["flags"] and r["superseded_by"] for r in drafts)
    latest = compare(corpus_store, "high_tech_enterprises", city="泰安市", latest=True)
    assert latest.rows and all(r["status"] == "final" for r in latest.rows)
    assert any("--latest" in n for n in latest.notes)


def test_diff_warns_about_different_plans_and_says_no_differences(corpus_store):
    other = diff(corpus_store, "002_101a49cb13188322.txt", "003_1b4764571c7d463f.txt")
    assert any("different places" in w for w in other.warnings)
    versions = diff(corpus_store, "000_66384f2078c7182b.txt", "003_1b4764571c7d463f.txt")
    assert versions.warnings == [] and not versions.no_differences
    same = diff(corpus_store, "003_1b4764571c7d463f.txt", "003_1b4764571c7d463f.pdf")
    assert same.no_differences
    r = _cli("diff", "003_1b4764571c7d463f.txt", "003_1b4764571c7d463f.pdf", "--store", corpus_store)
    assert r.exit_code == 0 and "no differences" in r.stdout
    r = _cli("diff", "002_101a49cb13188322.txt", "003_1b4764571c7d463f.txt", "--store", corpus_store)
    assert "warning: the documents are of different places" in r.output


def test_departments_count_the_indicators_lead_names(corpus_store):
    import sqlite3

    conn = sqlite3.connect(corpus_store)
    ids = [r[0] for r in conn.execute("SELECT DISTINCT indicator_id FROM indicator_leads WHERE lead IS NOT NULL")]
    conn.close()
    stated: dict[tuple, set] = defaultdict(set)
    anyrole: dict[tuple, set] = defaultdict(set)
    for ind in ids:
        for row in lead(corpus_store, ind).rows:
            place = row["city"] or row["province"] or "国家"
            for d in row["lead"]:
                key = (d["id"] or d["name"], place)
                anyrole[key].add(ind)
                if d["role"] == "stated":
                    stated[key].add(ind)
    rows = departments(corpus_store).rows
    assert rows
    got = {(r["department"], r["place"]): r for r in rows}
    for key, inds in anyrole.items():
        r = got[key]
        assert r["leads_indicators"] == len(stated.get(key, ())), key
        assert r["leads_indicators"] + r["leads_indicators_inferred"] == len(inds), key
    kj = got[("dept.science_technology", "泰安市")]
    assert kj["leads_indicators"] > 0  # it said 0 while `lead` named it
