"""Associations v4 record API: HubSpot's paths, bodies and exact status codes (issue 2, point 6)."""
from __future__ import annotations

import pytest

from tests.rules.assoc_helpers import count_rel, edges, make

V4 = "/crm/v4/objects"


@pytest.fixture
def crm(db):
    make(db, "contacts", 101, 102)
    make(db, "companies", 201, 202)
    make(db, "deals", 301)
    make(db, "notes", 401)
    return db


def test_default_put_is_200_with_an_entry_per_direction(api, crm):
    status, body = api.put(f"{V4}/contacts/101/associations/default/companies/201")
    assert status == 200 and body["status"] == "COMPLETE"
    specs = [(r["from"]["id"], r["to"]["id"], r["associationSpec"]["associationTypeId"]) for r in body["results"]]
    assert specs == [("101", "201", 279), ("201", "101", 280)]
    assert body["results"][0]["associationSpec"]["associationCategory"] == "HUBSPOT_DEFINED"


def test_default_put_accepts_empty_json_content_type_like_the_sdk(api, crm):
    status, _ = api.put(f"{V4}/contacts/101/associations/default/companies/201",
                        headers={"Content-Type": "application/json"})
    assert status == 200


def test_labelled_put_takes_bare_array_and_answers_201(api, crm):
    status, body = api.put(f"{V4}/contacts/101/associations/companies/201",
                           json=[{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 1}])
    assert status == 201
    assert body == {"fromObjectTypeId": "0-1", "fromObjectId": 101, "toObjectTypeId": "0-2", "toObjectId": 201,
                    "labels": ["Primary"]}
    assert sorted(edges(crm, 101, 201)[0]["types"]) == [1, 279]


def test_every_association_carries_the_unlabelled_type_and_inverse_reads(api, crm):
    api.put(f"{V4}/contacts/101/associations/companies/201",
            json=[{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 1}])
    status, body = api.get(f"{V4}/companies/201/associations/contacts")
    assert status == 200
    assert body["results"] == [{"toObjectId": 101, "associationTypes": [
        {"category": "HUBSPOT_DEFINED", "typeId": 280, "label": None},
        {"category": "HUBSPOT_DEFINED", "typeId": 2, "label": "Primary"}]}]
    assert "paging" not in body


def test_second_primary_is_400_naming_the_field_and_writes_nothing(api, crm):
    primary = [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 1}]
    assert api.put(f"{V4}/contacts/101/associations/companies/201", json=primary)[0] == 201
    status, body = api.put(f"{V4}/contacts/101/associations/companies/202", json=primary)
    assert status == 400 and body["category"] == "VALIDATION_ERROR"
    assert body["errors"][0]["in"] == "associationTypeId"
    assert edges(crm, 101, 202) == []


def test_unknown_type_id_and_missing_object(api, crm):
    status, body = api.put(f"{V4}/contacts/101/associations/companies/201",
                           json=[{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 3}])
    assert status == 400 and body["errors"][0]["in"] == "associationTypeId"
    status, body = api.put(f"{V4}/contacts/101/associations/default/companies/999")
    assert status == 404 and body["category"] == "OBJECT_NOT_FOUND"
    status, body = api.put(f"{V4}/contacts/101/associations/planets/201", json=[])
    assert status == 400 and body["errors"][0]["in"] == "toObjectType"
    assert count_rel(crm, "CONTACT_COMPANY") == 0


def test_labelled_put_with_object_body_is_400(api, crm):
    status, body = api.put(f"{V4}/contacts/101/associations/companies/201",
                           json={"inputs": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 1}]})
    assert status == 400


def test_delete_is_204_and_removes_every_type(api, crm):
    api.put(f"{V4}/contacts/101/associations/companies/201",
            json=[{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 1}])
    status, _ = api.delete(f"{V4}/companies/201/associations/contacts/101")
    assert status == 204 and edges(crm, 101, 201) == []


def test_list_pages_with_limit_and_after(api, crm):
    make(crm, "deals", *range(310, 315))
    for d in range(310, 315):
        api.put(f"{V4}/contacts/101/associations/default/deals/{d}")
    seen, after = [], None
    while True:
        status, body = api.get(f"{V4}/contacts/101/associations/deals?limit=2" + (f"&after={after}" if after else ""))
        assert status == 200
        seen += [r["toObjectId"] for r in body["results"]]
        after = body.get("paging", {}).get("next", {}).get("after")
        if not after:
            break
    assert seen == list(range(310, 315))
    assert api.get(f"{V4}/contacts/101/associations/deals?limit=501")[0] == 400


def test_batch_default_create_read_archive(api, crm):
    base = "/crm/v4/associations/contacts/companies/batch"
    status, body = api.post(f"{base}/associate/default", json={"inputs": [
        {"from": {"id": "101"}, "to": {"id": "201"}}, {"from": {"id": 102}, "to": {"id": 201}}]})
    assert status == 200 and len(body["results"]) == 4
    status, body = api.post(f"{base}/create", json={"inputs": [
        {"from": {"id": "101"}, "to": {"id": "202"},
         "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 1}]}]})
    assert status == 201 and body["results"][0]["labels"] == ["Primary"]
    status, body = api.post(f"{base}/read", json={"inputs": [{"id": "101"}, {"id": "102"}]})
    assert status == 200
    got = {r["from"]["id"]: sorted(t["toObjectId"] for t in r["to"]) for r in body["results"]}
    assert got == {"101": [201, 202], "102": [201]}
    status, _ = api.post(f"{base}/archive", json={"inputs": [{"from": {"id": "101"}, "to": [{"id": "201"}, {"id": "202"}]}]})
    assert status == 204
    assert edges(crm, 101, 201) == [] and edges(crm, 101, 202) == [] and len(edges(crm, 102, 201)) == 1


def test_batch_with_missing_object_is_207(api, crm):
    status, body = api.post("/crm/v4/associations/contacts/companies/batch/create", json={"inputs": [
        {"from": {"id": "101"}, "to": {"id": "201"}, "types": [{"associationCategory": "HUBSPOT_DEFINED",
                                                                "associationTypeId": 279}]},
        {"from": {"id": "101"}, "to": {"id": "999"}, "types": []}]})
    assert status == 207 and body["numErrors"] == 1 and body["errors"][0]["context"]["ids"] == ["999"]
    assert len(body["results"]) == 1
    status, body = api.post("/crm/v4/associations/contacts/companies/batch/read", json={"inputs": [{"id": "998"}]})
    assert status == 207 and body["results"] == []


def test_batch_labels_archive_only_removes_listed_types_and_unlabelled_removes_pair(api, crm):
    api.put(f"{V4}/contacts/101/associations/companies/201",
            json=[{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 1}])
    api.put(f"{V4}/contacts/102/associations/companies/201",
            json=[{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 1}])
    base = "/crm/v4/associations/contacts/companies/batch/labels/archive"
    status, _ = api.post(base, json={"inputs": [{"from": {"id": "101"}, "to": {"id": "201"},
                                                 "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 1}]}]})
    assert status == 204 and edges(crm, 101, 201)[0]["types"] == [279]
    status, _ = api.post(base, json={"inputs": [{"from": {"id": "102"}, "to": {"id": "201"},
                                                 "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 279}]}]})
    assert status == 204 and edges(crm, 102, 201) == []


def test_batch_of_101_inputs_is_400_naming_inputs(api, crm):
    inputs = [{"from": {"id": "101"}, "to": {"id": "201"}}] * 101
    status, body = api.post("/crm/v4/associations/contacts/companies/batch/associate/default", json={"inputs": inputs})
    assert status == 400 and body["errors"][0]["in"] == "inputs"
    assert count_rel(crm, "CONTACT_COMPANY") == 0
    status, body = api.post("/crm/v4/associations/contacts/companies/batch/read",
                            json={"inputs": [{"id": "101"}] * 1001})
    assert status == 400 and body["errors"][0]["in"] == "inputs"


def test_act6_v4_activity_association_is_manual_by_the_caller(api, crm):
    status, _ = api.put(f"{V4}/notes/401/associations/default/contacts/101")
    assert status == 200
    [e] = edges(crm, 401, 101)
    assert e["props"]["rule"] == "manual" and e["props"]["by"] == "admin"


def test_act4d_change_primary_company_route(api, crm):
    api.put(f"{V4}/contacts/101/associations/companies/201",
            json=[{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 1}])
    status, body = api.put("/crmgraph/v1/objects/contacts/101/primary-company/202")
    assert status == 200 and body["toObjectId"] == 202 and body["labels"] == ["Primary"]
    assert edges(crm, 101, 201)[0]["types"] == [279]
    status, _ = api.put("/crmgraph/v1/objects/companies/201/primary-company/202")
    assert status == 400
