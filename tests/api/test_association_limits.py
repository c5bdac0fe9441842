"""Association limits (definitions/configurations) — ACT-7 and issue 2 point 6: a limit refuses
with a clear 400 naming the type and limit, and nothing is written."""
from __future__ import annotations

import pytest

from tests.rules.assoc_helpers import count_rel, make

CONF = "/crm/v4/associations/definitions/configurations"


@pytest.fixture
def crm(db):
    make(db, "notes", 401)
    make(db, "contacts", 101, 102, 103)
    make(db, "companies", 201, 202)
    return db


def test_act7_create_list_update_purge(api, crm):
    status, body = api.post(f"{CONF}/notes/contacts/batch/create",
                            json={"inputs": [{"category": "HUBSPOT_DEFINED", "typeId": 202, "maxToObjectIds": 2}]})
    assert status == 201 and body["results"][0]["userEnforcedMaxToObjectIds"] == 2
    status, body = api.get(f"{CONF}/notes/contacts")
    assert status == 200 and body["results"] == [
        {"category": "HUBSPOT_DEFINED", "typeId": 202, "label": None, "userEnforcedMaxToObjectIds": 2}]
    status, body = api.get(f"{CONF}/all")
    assert status == 200 and [r["typeId"] for r in body["results"]] == [202]
    status, body = api.post(f"{CONF}/notes/contacts/batch/update",
                            json={"inputs": [{"category": "HUBSPOT_DEFINED", "typeId": 202, "maxToObjectIds": 3}]})
    assert status == 200 and body["results"][0]["userEnforcedMaxToObjectIds"] == 3
    status, _ = api.post(f"{CONF}/notes/contacts/batch/purge", json={"inputs": [{"category": "HUBSPOT_DEFINED", "typeId": 202}]})
    assert status == 204 and api.get(f"{CONF}/all")[1]["results"] == []


def test_act7_activity_limit_refuses_clearly_and_writes_nothing(api, crm):
    api.post(f"{CONF}/notes/contacts/batch/create",
             json={"inputs": [{"category": "HUBSPOT_DEFINED", "typeId": 202, "maxToObjectIds": 2}]})
    base = "/crm/v4/objects/notes/401/associations/default/contacts"
    assert api.put(f"{base}/101")[0] == 200 and api.put(f"{base}/102")[0] == 200
    status, body = api.put(f"{base}/103")
    assert status == 400 and body["category"] == "VALIDATION_ERROR"
    assert "202" in body["message"] and "limit of 2" in body["message"]
    assert body["errors"][0]["in"] == "associationTypeId"
    assert count_rel(crm, "ACTIVITY_CONTACT") == 2


def test_act7_batch_over_limit_writes_nothing(api, crm):
    api.post(f"{CONF}/companies/contacts/batch/create",
             json={"inputs": [{"category": "HUBSPOT_DEFINED", "typeId": 280, "maxToObjectIds": 1}]})
    status, _ = api.post("/crm/v4/associations/contacts/companies/batch/associate/default", json={"inputs": [
        {"from": {"id": "101"}, "to": {"id": "201"}}, {"from": {"id": "102"}, "to": {"id": "201"}}]})
    assert status == 400 and count_rel(crm, "CONTACT_COMPANY") == 0


def test_limit_validation(api, crm):
    status, body = api.post(f"{CONF}/notes/contacts/batch/create",
                            json={"inputs": [{"category": "HUBSPOT_DEFINED", "typeId": 202, "maxToObjectIds": 10001}]})
    assert status == 400 and body["errors"][0]["in"] == "inputs[0].maxToObjectIds"
    status, body = api.post(f"{CONF}/notes/contacts/batch/create",
                            json={"inputs": [{"category": "HUBSPOT_DEFINED", "typeId": 279, "maxToObjectIds": 5}]})
    assert status == 400 and body["errors"][0]["in"] == "inputs[0].typeId"
    # a label's limit cannot exceed the pair's limit
    api.post(f"{CONF}/contacts/companies/batch/create",
             json={"inputs": [{"category": "HUBSPOT_DEFINED", "typeId": 279, "maxToObjectIds": 5}]})
    status, _ = api.post(f"{CONF}/contacts/companies/batch/create",
                         json={"inputs": [{"category": "HUBSPOT_DEFINED", "typeId": 1, "maxToObjectIds": 6}]})
    assert status == 400
    assert api.get(f"{CONF}/all")[1]["results"] == [
        {"category": "HUBSPOT_DEFINED", "typeId": 279, "label": None, "userEnforcedMaxToObjectIds": 5}]


def test_default_cap_is_reported_in_docs_constant():
    from app.rules.association_types import DEFAULT_MAX_TO_OBJECT_IDS

    assert DEFAULT_MAX_TO_OBJECT_IDS == 10_000
