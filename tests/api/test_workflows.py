"""`/crmgraph/v1/workflows` over HTTP (WF-1 … WF-5): status codes, error bodies naming the
field, run / dry-run / enrolments, and who may call what."""
from __future__ import annotations

BASE = "/crmgraph/v1/workflows"
WF2 = {"type": "CREATE_ASSOCIATIONS", "toObjectType": "companies", "enrolledProperty": "city",
       "matchProperty": "location"}
EVERY_CONTACT = {"filterGroups": [{"filters": [{"propertyName": "email", "operator": "HAS_PROPERTY"}]}]}


def _create(api, object_type, **props):
    status, body = api.post(f"/crm/v3/objects/{object_type}", json={"properties": props})
    assert status == 201, body
    return body["id"]


def _companies_of(api, contact_id):
    status, body = api.get(f"/crm/v4/objects/contacts/{contact_id}/associations/companies")
    assert status == 200, body
    return {str(r["toObjectId"]) for r in body["results"]}


def test_wf1_crud_roundtrip(api):
    status, w = api.post(BASE, json={"name": "Boston", "objectType": "contacts", "criteria": EVERY_CONTACT,
                                     "actions": [WF2]})
    assert status == 201, w
    assert w["actions"][0]["associationTypeId"] is None and w["indexes"] == ["Company.location"]
    assert api.get(f"{BASE}/{w['id']}")[1]["name"] == "Boston"
    assert [x["id"] for x in api.get(BASE)[1]["results"]] == [w["id"]]
    status, changed = api.put(f"{BASE}/{w['id']}", json={"name": "Renamed", "objectType": "contacts",
                                                         "actions": [], "reenroll": True})
    assert status == 200 and changed["name"] == "Renamed" and changed["reenroll"] and changed["actions"] == []
    assert api.delete(f"{BASE}/{w['id']}")[0] == 204
    status, body = api.get(f"{BASE}/{w['id']}")
    assert status == 404 and body["category"] == "OBJECT_NOT_FOUND"


def test_wf2_article_example_run_and_dry_run_over_http(api):
    ada = _create(api, "contacts", email="ada@x.com", city="Boston")
    acme = _create(api, "companies", name="Acme", location="Boston")
    _, w = api.post(BASE, json={"name": "Boston", "objectType": "contacts", "criteria": EVERY_CONTACT,
                                "actions": [WF2]})
    status, preview = api.post(f"{BASE}/{w['id']}/dry-run")
    assert status == 200 and preview["dryRun"] is True
    assert preview["actions"][0]["changes"] == [{"fromId": ada, "toId": acme, "change": "CREATE", "typeIds": [279]}]
    assert _companies_of(api, ada) == set()
    status, result = api.post(f"{BASE}/{w['id']}/run")
    assert status == 200 and result["actions"][0]["created"] == 1
    assert _companies_of(api, ada) == {acme}
    status, page = api.get(f"{BASE}/{w['id']}/enrollments")
    assert status == 200 and page["results"][0]["recordId"] == ada
    assert page["results"][0]["history"][0]["actions"][0]["ids"] == [acme]


def test_wf1_enrolment_on_create_through_the_objects_api(api):
    acme = _create(api, "companies", name="Acme", location="Boston")
    api.post(BASE, json={"name": "Boston", "objectType": "contacts", "actions": [WF2],
                         "criteria": {"filterGroups": [{"filters": [
                             {"propertyName": "city", "operator": "EQ", "value": "Boston"}]}]}})
    ada = _create(api, "contacts", email="ada@x.com", city="Boston")
    assert _companies_of(api, ada) == {acme}


def test_wf1_validation_errors_are_400_naming_the_field(api):
    cases = [
        ({"name": "x", "objectType": "widgets"}, "objectType"),
        ({"name": "x", "objectType": "contacts", "actions": [dict(WF2, matchProperty="numberofemployees")]},
         "actions[0].matchProperty"),
        ({"name": "x", "objectType": "contacts", "actions": [dict(WF2, associationTypeId=424242)]},
         "actions[0].associationTypeId"),
        ({"name": "x", "objectType": "contacts", "actions": [dict(WF2, associationTypeId=5)]},
         "actions[0].associationTypeId"),
        ({"name": "x", "objectType": "contacts", "bogus": 1}, "bogus"),
        ({"objectType": "contacts"}, "name"),
    ]
    for body, field in cases:
        status, err = api.post(BASE, json=body)
        assert status == 400, (body, err)
        assert err["category"] == "VALIDATION_ERROR" and err["errors"][0]["in"] == field, err
    assert api.get(BASE)[1]["results"] == []


def test_wf1_unknown_workflow_is_404_for_run_dry_run_and_enrollments(api):
    for method, path in (("post", "/run"), ("post", "/dry-run"), ("get", "/enrollments")):
        status, body = getattr(api, method)(f"{BASE}/999{path}")
        assert status == 404, (path, body)


def test_wf1_read_only_seat_may_preview_but_not_change(api, readonly_api):
    _, w = api.post(BASE, json={"name": "Boston", "objectType": "contacts", "actions": [WF2]})
    assert readonly_api.post(f"{BASE}/{w['id']}/dry-run")[0] == 200
    assert readonly_api.post(f"{BASE}/{w['id']}/run")[0] == 403
    assert readonly_api.post(BASE, json={"name": "y", "objectType": "contacts"})[0] == 403
    assert readonly_api.delete(f"{BASE}/{w['id']}")[0] == 403


def test_wf1_custom_object_workflow_creates_associations_to_contacts(api):
    cars = {"name": "cars", "labels": {"singular": "Car", "plural": "Cars"}, "primaryDisplayProperty": "model",
            "requiredProperties": ["model"],
            "properties": [{"name": "model", "label": "Model", "type": "string", "fieldType": "text"},
                           {"name": "owner_city", "label": "Owner city", "type": "string", "fieldType": "text"}],
            "associatedObjects": ["CONTACT"]}
    assert api.post("/crm/v3/schemas", json=cars)[0] == 201
    ada = _create(api, "contacts", email="ada@x.com", city="Boston")
    status, w = api.post(BASE, json={"name": "cars", "objectType": "cars", "actions": [
        {"type": "CREATE_ASSOCIATIONS", "toObjectType": "contacts", "enrolledProperty": "owner_city",
         "matchProperty": "city"}],
        "criteria": {"filterGroups": [{"filters": [{"propertyName": "model", "operator": "HAS_PROPERTY"}]}]}})
    assert status == 201, w
    car = _create(api, "cars", model="T", owner_city="Boston")   # enrolled on create
    status, body = api.get(f"/crm/v4/objects/cars/{car}/associations/contacts")
    assert status == 200 and [str(r["toObjectId"]) for r in body["results"]] == [ada]
