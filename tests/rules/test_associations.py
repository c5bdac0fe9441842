"""Association rules against a real Neo4j: one edge per pair, the unlabelled type always,
inverse IDs, one Primary company, limits, removal, paging, v3 names (issue 2, point 6; ACT-1, ACT-7)."""
from __future__ import annotations

import pytest

from app.errors import LimitExceeded, NotFound, ValidationFailed
from app.rules import associations as A
from app.rules import association_definitions as D
from tests.rules.assoc_helpers import count_rel, edges, make


@pytest.fixture
def crm(db):
    make(db, "contacts", 101, 102, 103)
    make(db, "companies", 201, 202)
    make(db, "deals", 301)
    make(db, "notes", 401)
    make(db, "contacts", 109, archived=True)
    return db


def test_associate_stores_one_edge_in_canonical_direction_with_unlabelled(crm):
    res = crm.write(A.associate, "contacts", "101", "companies", "201", [1])
    assert res["typeIds"] == [279, 1]
    [e] = edges(crm, 101, 201)
    assert e["rel"] == "CONTACT_COMPANY" and e["start"] == "101" and e["types"] == [279, 1]


def test_inverse_ids_from_the_company_side_are_stored_translated(crm):
    res = crm.write(A.associate, "companies", "201", "contacts", "101", [2])
    assert res["typeIds"] == [280, 2]
    [e] = edges(crm, 101, 201)
    assert e["start"] == "101" and sorted(e["types"]) == [1, 279]
    page = crm.read(A.list_associations, "contacts", "101", "companies")
    assert page["results"][0]["typeIds"] == [279, 1]


def test_repeat_associate_unions_types_and_never_duplicates(crm):
    crm.write(A.associate_default, "contacts", "101", "companies", "201")
    crm.write(A.associate, "companies", "201", "contacts", "101", [2])
    crm.write(A.associate_default, "contacts", "101", "companies", "201")
    [e] = edges(crm, 101, 201)
    assert sorted(e["types"]) == [1, 279]


def test_unknown_type_for_the_pair_is_400_naming_association_type_id(crm):
    with pytest.raises(ValidationFailed) as err:
        crm.write(A.associate, "contacts", "101", "companies", "201", [5])
    assert err.value.errors[0]["in"] == "associationTypeId"
    assert edges(crm, 101, 201) == []


def test_missing_or_archived_object_is_404(crm):
    with pytest.raises(NotFound):
        crm.write(A.associate_default, "contacts", "101", "companies", "999")
    with pytest.raises(NotFound):
        crm.write(A.associate_default, "contacts", "109", "companies", "201")
    with pytest.raises(NotFound):  # a deal id under the contacts path is not a contact
        crm.write(A.associate_default, "contacts", "301", "companies", "201")


def test_self_association_is_refused(crm):
    with pytest.raises(ValidationFailed):
        crm.write(A.associate_default, "contacts", "101", "contacts", "101")


def test_second_primary_company_is_400_and_nothing_written(crm):
    crm.write(A.associate, "contacts", "101", "companies", "201", [1])
    with pytest.raises(ValidationFailed) as err:
        crm.write(A.associate, "contacts", "101", "companies", "202", [1])
    assert err.value.errors[0]["in"] == "associationTypeId"
    assert edges(crm, 101, 202) == []
    # from the company side (type 2) too
    with pytest.raises(ValidationFailed):
        crm.write(A.associate, "companies", "202", "contacts", "101", [2])
    assert edges(crm, 101, 202) == []


def test_two_primaries_in_one_batch_refused_whole_batch(crm):
    pairs = [A.Pair("102", "201", [1]), A.Pair("102", "202", [1]), A.Pair("103", "201", [])]
    with pytest.raises(ValidationFailed):
        crm.write(A.associate_many, "contacts", "companies", pairs)
    assert count_rel(crm, "CONTACT_COMPANY") == 0


def test_same_company_may_be_primary_again(crm):
    crm.write(A.associate, "contacts", "101", "companies", "201", [1])
    assert crm.write(A.associate, "contacts", "101", "companies", "201", [1])["typeIds"] == [279, 1]


def test_act4d_set_primary_company_moves_primary_and_keeps_old_association(crm):
    crm.write(A.associate, "contacts", "101", "companies", "201", [1])
    res = crm.write(A.set_primary_company, "contacts", "101", "202")
    assert res["previous"] == ["201"] and res["typeIds"] == [279, 1]
    assert edges(crm, 101, 201)[0]["types"] == [279]
    assert sorted(edges(crm, 101, 202)[0]["types"]) == [1, 279]


def test_remove_labels_keeps_pair_and_removing_unlabelled_removes_pair(crm):
    crm.write(A.associate, "contacts", "101", "companies", "201", [1])
    crm.write(A.remove_labels, "contacts", "101", "companies", "201", [1])
    assert edges(crm, 101, 201)[0]["types"] == [279]
    crm.write(A.associate, "contacts", "101", "companies", "201", [1])
    crm.write(A.remove_labels, "companies", "201", "contacts", "101", [280])
    assert edges(crm, 101, 201) == []


def test_remove_deletes_every_type(crm):
    crm.write(A.associate, "contacts", "101", "companies", "201", [1])
    assert crm.write(A.remove, "companies", "201", "contacts", "101") == 1
    assert edges(crm, 101, 201) == []


def test_act1_activity_edge_carries_first_provenance(crm):
    crm.write(A.associate_default, "notes", "401", "contacts", "101",
              provenance={"rule": "manual", "by": "u1", "at": 5})
    crm.write(A.associate_default, "contacts", "101", "notes", "401", provenance={"rule": "ACT-3", "by": None, "at": 9})
    [e] = edges(crm, 401, 101)
    assert e["rel"] == "ACTIVITY_CONTACT" and e["start"] == "401" and e["types"] == [202]
    assert (e["props"]["rule"], e["props"]["by"], e["props"]["at"]) == ("manual", "u1", 5)


def test_record_edges_have_no_provenance(crm):
    crm.write(A.associate_default, "contacts", "101", "companies", "201", provenance={"rule": "manual", "by": "1", "at": 1})
    assert "rule" not in edges(crm, 101, 201)[0]["props"]


def test_same_kind_pair_is_one_edge_whichever_side_asks(crm):
    crm.write(A.associate, "contacts", "102", "contacts", "101", [449])
    crm.write(A.associate_default, "contacts", "101", "contacts", "102")
    es = edges(crm, 101, 102)
    assert len(es) == 1 and es[0]["types"] == [449]


def test_parent_child_company_inverse(crm):
    crm.write(A.associate, "companies", "201", "companies", "202", [13])  # 201 is parent of 202
    assert crm.read(A.list_associations, "companies", "202", "companies")["results"][0]["typeIds"] == [450, 14]
    assert crm.read(A.list_associations, "companies", "201", "companies")["results"][0]["typeIds"] == [450, 13]


def test_act7_configured_limit_refuses_and_writes_nothing(crm):
    crm.write(D.set_limits, "contacts", "companies", [{"typeId": 279, "maxToObjectIds": 1}], mode="create")
    crm.write(A.associate_default, "contacts", "101", "companies", "201")
    with pytest.raises(LimitExceeded) as err:
        crm.write(A.associate_default, "contacts", "101", "companies", "202")
    assert "279" in err.value.message and "1" in err.value.message
    assert edges(crm, 101, 202) == []
    # re-associating an existing pair adds nothing, so it is not refused
    crm.write(A.associate_default, "contacts", "101", "companies", "201")


def test_act7_limit_counts_from_the_other_end_too(crm):
    crm.write(D.set_limits, "companies", "contacts", [{"typeId": 280, "maxToObjectIds": 2}], mode="create")
    pairs = [A.Pair(c, "201", []) for c in ("101", "102", "103")]
    with pytest.raises(LimitExceeded):
        crm.write(A.associate_many, "contacts", "companies", pairs)
    assert count_rel(crm, "CONTACT_COMPANY") == 0


def test_paging_by_after(crm):
    make(crm, "companies", *range(210, 215))
    pairs = [A.Pair("101", str(c), []) for c in range(210, 215)]
    crm.write(A.associate_many, "contacts", "companies", pairs)
    seen, after = [], None
    while True:
        page = crm.read(A.list_associations, "contacts", "101", "companies", after, 2)
        seen += [r["toObjectId"] for r in page["results"]]
        after = page["after"]
        if not after:
            break
    assert seen == [str(c) for c in range(210, 215)]


def test_v3_names_for_primary_unlabelled_and_custom_labels(crm):
    [fwd, _inv] = [t["typeId"] for t in crm.write(D.create_label, "contacts", "companies", "Manager", "manager", "Employee")]
    crm.write(A.associate, "contacts", "101", "companies", "201", [1, fwd])
    crm.write(A.associate, "deals", "301", "contacts", "101", [])
    out = crm.read(A.v3_associations, "contacts", ["101", "102"], ["companies", "deals"])
    assert out["101"]["companies"]["results"] == [
        {"id": "201", "type": "contact_to_company_unlabeled"}, {"id": "201", "type": "contact_to_company"},
        {"id": "201", "type": "manager"}]
    assert out["101"]["deals"]["results"] == [{"id": "301", "type": "contact_to_deal"}]
    assert out["102"] == {}


def test_batch_is_one_query_per_step_and_returns_every_pair(crm):
    make(crm, "companies", *range(500, 600))
    pairs = [A.Pair("101", str(c), []) for c in range(500, 600)]
    results, missing = crm.write(A.associate_many, "contacts", "companies", pairs + [A.Pair("101", "999", [])],
                                 skip_missing=True)
    assert len(results) == 100 and missing == ["999"]
    assert count_rel(crm, "CONTACT_COMPANY") == 100


def test_custom_pair_gets_its_unlabelled_type_on_first_use(crm):
    res = crm.write(A.associate_default, "notes", "401", "deals", "301")
    assert res["typeIds"] == [214]
    make(crm, "calls", 402)
    res = crm.write(A.associate_default, "calls", "402", "notes", "401")
    assert res["typeIds"][0] >= 1000  # allocated from the association_types sequence
    assert crm.read(A.list_associations, "notes", "401", "calls")["results"][0]["toObjectId"] == "402"
