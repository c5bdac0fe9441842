"""Association label definitions v4: list, paired create (200), rename (204), delete (204) — issue 2 point 6."""
from __future__ import annotations

import pytest

from tests.rules.assoc_helpers import edges, make

LABELS = "/crm/v4/associations/contacts/companies/labels"


@pytest.fixture
def crm(db):
    make(db, "contacts", 101)
    make(db, "companies", 201)
    return db


def test_get_lists_hubspot_defined_types(api, crm):
    status, body = api.get(LABELS)
    assert status == 200
    assert body["results"] == [{"category": "HUBSPOT_DEFINED", "typeId": 279, "label": None},
                               {"category": "HUBSPOT_DEFINED", "typeId": 1, "label": "Primary"}]


def test_paired_label_creates_two_inverse_types_usable_both_ways(api, crm):
    status, body = api.post(LABELS, json={"label": "Manager", "name": "manager", "inverseLabel": "Managed company"})
    assert status == 200
    [fwd, inv] = body["results"]
    assert fwd["category"] == inv["category"] == "USER_DEFINED"
    assert (fwd["label"], inv["label"]) == ("Manager", "Managed company") and fwd["typeId"] != inv["typeId"]
    assert api.get(LABELS)[1]["results"][-1] == fwd
    status, back = api.get("/crm/v4/associations/companies/contacts/labels")
    assert inv in back["results"]
    # used from the company side, read from the contact side as the forward label
    status, _ = api.put("/crm/v4/objects/companies/201/associations/contacts/101",
                        json=[{"associationCategory": "USER_DEFINED", "associationTypeId": inv["typeId"]}])
    assert status == 201
    _, page = api.get("/crm/v4/objects/contacts/101/associations/companies")
    assert {"category": "USER_DEFINED", "typeId": fwd["typeId"], "label": "Manager"} in page["results"][0]["associationTypes"]
    assert {t["typeId"] for t in page["results"][0]["associationTypes"]} == {279, fwd["typeId"]}


def test_unpaired_label_between_different_types_still_has_an_inverse(api, crm):
    _, body = api.post(LABELS, json={"label": "Billing", "name": "billing"})
    assert [r["label"] for r in body["results"]] == ["Billing", "Billing"]


def test_duplicate_name_is_409_and_missing_fields_400(api, crm):
    assert api.post(LABELS, json={"label": "A", "name": "dup"})[0] == 200
    status, body = api.post(LABELS, json={"label": "B", "name": "dup"})
    assert status == 409 and body["errors"][0]["in"] == "name"
    status, body = api.post(LABELS, json={"name": "nolabel"})
    assert status == 400 and body["errors"][0]["in"] == "label"
    assert len(api.get(LABELS)[1]["results"]) == 3


def test_rename_is_204(api, crm):
    _, body = api.post(LABELS, json={"label": "Manager", "name": "manager", "inverseLabel": "Employer"})
    fwd, inv = body["results"]
    status, _ = api.put(LABELS, json={"associationTypeId": fwd["typeId"], "label": "Boss", "inverseLabel": "Firm"})
    assert status == 204
    labels = {r["typeId"]: r["label"] for r in api.get(LABELS)[1]["results"]}
    assert labels[fwd["typeId"]] == "Boss"
    back = {r["typeId"]: r["label"] for r in api.get("/crm/v4/associations/companies/contacts/labels")[1]["results"]}
    assert back[inv["typeId"]] == "Firm"
    status, body = api.put(LABELS, json={"associationTypeId": 1, "label": "Main"})
    assert status == 400 and body["errors"][0]["in"] == "associationTypeId"


def test_delete_label_removes_it_and_its_inverse_from_edges(api, crm):
    _, body = api.post(LABELS, json={"label": "Manager", "name": "manager", "inverseLabel": "Employer"})
    fwd, inv = body["results"]
    api.put("/crm/v4/objects/contacts/101/associations/companies/201",
            json=[{"associationCategory": "USER_DEFINED", "associationTypeId": fwd["typeId"]},
                  {"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 1}])
    status, _ = api.delete(f"{LABELS}/{fwd['typeId']}")
    assert status == 204
    assert sorted(edges(crm, 101, 201)[0]["types"]) == [1, 279]
    ids = {r["typeId"] for r in api.get("/crm/v4/associations/companies/contacts/labels")[1]["results"]}
    assert inv["typeId"] not in ids
    assert api.delete(f"{LABELS}/279")[0] == 400


def test_docs_alias_path(api, crm):
    status, body = api.get("/crm/associations/v4/contacts/companies/labels")
    assert status == 200 and body["results"][0]["typeId"] == 279


def test_same_type_unpaired_label_is_its_own_inverse(api, crm):
    status, body = api.post("/crm/v4/associations/contacts/contacts/labels", json={"label": "Sibling", "name": "sibling"})
    assert status == 200 and len(body["results"]) == 1
