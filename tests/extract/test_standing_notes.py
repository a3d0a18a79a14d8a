"""Standing notes ("以下均需…落实,不再列出") and measures under a numbered heading, on real texts."""

from __future__ import annotations

import importlib.util

import pytest
from tests.real_data import REAL, SKIP_REASON

from policyparse import api
from policyparse.extract.roles import find_roles
from policyparse.extract.standing import FLAG, find_standing_notes


@pytest.mark.parametrize(("text", "names"), [
    ("(省发展改革委等按职责分工负责,各市、县人民政府负责落实。以下均需各市、县人民政府落实,不再一一列出)",
     ["各市", "县人民政府"]),
    ("(责任单位:市税务局,各园区管委会,各镇(街)人民政府(办事处),以下均需各园区管委会,各镇(街)人民政府(办事处)落实,不再列出)",
     ["各园区管委会", "各镇(街)人民政府(办事处)"]),
    ("(责任单位:省工业和信息化厅。各项措施责任单位均包括各市〔州〕、各县〔市、区、特区〕人民政府,以下不再列出)",
     ["各市〔州〕", "各县〔市、区、特区〕人民政府"]),
    ("(责任单位:市税务局、市财政局,以下措施均需江北新区管委会、各区政府落实,不再单独列出)",
     ["江北新区管委会", "各区政府"]),
    # "各市" abbreviates the bodies its own parenthesis names in full
    ("(省市场监管局、商务厅牵头负责,各地级以上市政府负责落实。以下任务均需各市落实,不再列出)", ["各地级以上市政府"]),
])
def test_standing_note_names(text, names):
    notes = find_standing_notes(text)
    assert [n for n, _ in notes[0].names] == names
    assert all(text[p : p + len(n)] == n for n, p in notes[0].names)


def test_no_note_without_its_not_repeated_clause():
    assert find_standing_notes("(以下均需各市、县人民政府落实)") == []
    assert find_standing_notes("具体名单不再列出。") == []


def test_lead_then_bodies_that_carry_it_out():
    f = find_roles("(省市场监管局、商务厅牵头负责,各地级以上市政府负责落实。)")
    assert [n for n, _ in f.lead] == ["省市场监管局", "商务厅"]
    assert [n for n, _ in f.responsible] == ["各地级以上市政府"]


def _record_text(tmp_path, record_id: str):
    if REAL is None:
        pytest.skip(SKIP_REASON)
    if importlib.util.find_spec("pyarrow") is None:
        pytest.skip("pyarrow is not installed (the records file is parquet)")
    import pyarrow.parquet as pq

    table = pq.read_table(REAL / "scale" / "records.parquet", columns=["record_id", "full_text"],
                          filters=[("record_id", "=", record_id)])
    path = tmp_path / f"{record_id}.txt"
    path.write_text(table.column("full_text")[0].as_py(), encoding="utf-8")
    return path


def test_standing_note_reaches_every_later_measure(tmp_path):
    """福清's first measure says the parks and towns carry out every measure; 40 later ones get them."""
    facts = api.extract(_record_text(tmp_path, "POL_F1185956715F2F1C0C13"))
    later = facts["assignments"][1:]
    assert len(later) >= 35
    for a in later:
        names = {d["name"] for d in a["responsible"]}
        assert {"各园区管委会", "各镇(街)人民政府(办事处)"} <= names, a["item"]
    assert sum(FLAG in a["flags"] for a in later) >= 35  # all but those whose own line names them again
    assert FLAG not in facts["assignments"][0]["flags"]  # the measure that states the note names them itself


def test_measure_is_its_heading(tmp_path):
    """运城's measures are "二、降低…" headings over one paragraph ending "(牵头单位:…;责任单位:…)"."""
    facts = api.extract(_record_text(tmp_path, "POL_671A38219708F8DBB179"))
    items = [a["item"] for a in facts["assignments"]]
    assert "二、降低预售资金监管账户资金留存额度" in items
    assert "四、加大住房公积金支持力度" in items
