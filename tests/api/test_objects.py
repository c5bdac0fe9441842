"""Objects v3 API: create/read/update/archive/list, query-string forms, bad input writes nothing."""
import pytest

BASE = "/crm/v3/objects"


def _counts(db):
    return db.query("admin/counts")


def test_create_read_update_archive_contact(api):
    st, c = api.post(f"{BASE}/contacts", {"properties": {"email": "Ada@Example.com", "firstname": "Ada"}})
    assert st == 201, c
    assert c["properties"]["email"] == "ada@example.com" and c["properties"]["hs_object_id"] == c["id"]
    assert c["properties"]["lastname"] is None and c["archived"] is False
    assert c["createdAt"].endswith("Z") and set(c["properties"]) >= {"createdate", "lastmodifieddate"}
    st, got = api.get(f"{BASE}/contacts/{c['id']}?properties=firstname&properties=lastname,city")
    assert st == 200 and got["properties"]["firstname"] == "Ada" and got["properties"]["city"] is None
    assert "email" not in got["properties"]
    st, up = api.patch(f"{BASE}/contacts/{c['id']}", {"properties": {"lastname": "Lovelace"}})
    assert st == 200 and up["properties"]["lastname"] == "Lovelace"
    st, hist = api.get(f"{BASE}/contacts/{c['id']}?propertiesWithHistory=lastname&archived=False")
    assert st == 200 and hist["propertiesWithHistory"]["lastname"][0]["value"] == "Lovelace"
    st, _ = api.delete(f"{BASE}/contacts/{c['id']}", headers={"Content-Type": "application/json"})
    assert st == 204
    st, err = api.get(f"{BASE}/contacts/{c['id']}")
    assert st == 404 and err["category"] == "OBJECT_NOT_FOUND"
    st, arch = api.get(f"{BASE}/contacts/{c['id']}?archived=TRUE")
    assert st == 200 and arch["archived"] is True and arch["archivedAt"]


def test_get_with_json_content_type_and_empty_body(api):
    st, c = api.post(f"{BASE}/companies", {"properties": {"name": "Acme"}})
    st, got = api.get(f"{BASE}/companies/{c['id']}", headers={"Content-Type": "application/json"})
    assert st == 200 and got["properties"]["name"] == "Acme"


def test_type_ids_and_engagements(api):
    st, c = api.post(f"{BASE}/0-2", {"properties": {"name": "Acme", "numberofemployees": "12"}})
    assert st == 201 and c["properties"]["name"] == "Acme"
    st, got = api.get(f"{BASE}/companies/{c['id']}?properties=numberofemployees")
    assert got["properties"]["numberofemployees"] == "12"
    st, note = api.post(f"{BASE}/notes", {"properties": {"hs_note_body": "x", "hs_timestamp": "2024-05-01T00:00:00Z"}})
    assert st == 201 and note["properties"]["hs_timestamp"] == "2024-05-01T00:00:00.000Z"
    st, err = api.post(f"{BASE}/calls", {"properties": {"hs_call_title": "no timestamp"}})
    assert st == 400 and err["errors"][0]["in"] == "properties.hs_timestamp"


def test_list_paging_omits_paging_on_last_page(api):
    ids = [api.post(f"{BASE}/deals", {"properties": {"dealname": f"d{i}"}})[1]["id"] for i in range(5)]
    st, p1 = api.get(f"{BASE}/deals?limit=3")
    assert st == 200 and [r["id"] for r in p1["results"]] == ids[:3]
    st, p2 = api.get(f"{BASE}/deals?limit=3&after={p1['paging']['next']['after']}")
    assert [r["id"] for r in p2["results"]] == ids[3:] and "paging" not in p2
    st, err = api.get(f"{BASE}/deals?limit=101")
    assert st == 400 and err["errors"][0]["in"] == "limit"


def test_duplicate_email_is_409_with_hubspot_message_and_writes_nothing(api, db):
    st, c = api.post(f"{BASE}/contacts", {"properties": {"email": "a@x.com"}})
    before = _counts(db)
    st, err = api.post(f"{BASE}/contacts", {"properties": {"email": "A@x.com", "firstname": "B"}})
    assert st == 409 and err["category"] == "CONFLICT"
    assert err["message"] == f"Contact already exists. Existing ID: {c['id']}"
    assert _counts(db) == before


@pytest.mark.parametrize("body, field", [
    ({"properties": {"foo": "x"}}, "properties.foo"),
    ({"properties": {"email": "a@x.com", "num_conversion_events": "many"}}, "properties.num_conversion_events"),
    ({"properties": {"lifecyclestage": "king"}}, "properties.lifecyclestage"),
    ({"properties": {"hs_email_optout": "maybe"}}, "properties.hs_email_optout"),
    ({"properties": {"createdate": "yesterday"}}, "properties.createdate"),
    ({"properties": {"hs_object_id": "5"}}, "properties.hs_object_id"),
    ({"properties": {"email": "a@x.com"}, "extra": 1}, "extra"),
])
def test_bad_input_is_400_naming_field_and_writes_nothing(api, db, body, field):
    before = _counts(db)
    st, err = api.post(f"{BASE}/contacts", body)
    assert st == 400, err
    assert err["category"] == "VALIDATION_ERROR" and field in [e["in"] for e in err["errors"]]
    assert _counts(db) == before


def test_unknown_property_message_is_hubspots(api):
    st, err = api.post(f"{BASE}/contacts", {"properties": {"foo": "x"}})
    assert err["message"].startswith('Property values were not valid: [{"isValid":false,'
                                     '"message":"Property \\"foo\\" does not exist","error":"PROPERTY_DOESNT_EXIST"')


def test_unknown_object_type_and_malformed_json_write_nothing(api, db):
    before = _counts(db)
    st, err = api.post(f"{BASE}/unicorns", {"properties": {}})
    assert st == 400 and err["errors"][0]["in"] == "objectType"
    resp = api.client.post(f"{BASE}/contacts", data='{"properties": {', headers={
        "Authorization": f"Bearer {api.token}", "Content-Type": "application/json"})
    assert resp.status_code == 400 and resp.get_json()["category"] == "VALIDATION_ERROR"
    assert _counts(db) == before


def test_deal_pipeline_stage_and_closed_flags(api):
    st, d = api.post(f"{BASE}/deals", {"properties": {"dealname": "D", "dealstage": "closedlost"}})
    assert st == 201 and d["properties"]["hs_is_closed_lost"] == "true" and d["properties"]["closedate"]
    st, err = api.post(f"{BASE}/deals", {"properties": {"dealname": "D", "dealstage": "nowhere"}})
    assert st == 400 and err["errors"][0]["in"] == "properties.dealstage"
    st, t = api.post(f"{BASE}/tickets", {"properties": {"subject": "S", "hs_pipeline_stage": "4"}})
    assert st == 201 and t["properties"]["hs_is_closed"] == "true" and t["properties"]["hs_pipeline"] == "0"


def test_read_by_email_id_property(api):
    st, c = api.post(f"{BASE}/contacts", {"properties": {"email": "z@x.com"}})
    st, got = api.get(f"{BASE}/contacts/Z@x.com?idProperty=email")
    assert st == 200 and got["id"] == c["id"]


def test_create_with_associations_and_read_them(api):
    st, co = api.post(f"{BASE}/companies", {"properties": {"name": "Acme"}})
    st, c = api.post(f"{BASE}/contacts", {"properties": {"email": "p@x.com"}, "associations": [
        {"to": {"id": co["id"]}, "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 1}]}]})
    assert st == 201, c
    st, got = api.get(f"{BASE}/contacts/{c['id']}?associations=companies")
    types = {r["type"] for r in got["associations"]["companies"]["results"]}
    assert types == {"contact_to_company", "contact_to_company_unlabeled"}


def test_readonly_seat_cannot_create(readonly_api, db):
    before = _counts(db)
    st, err = readonly_api.post(f"{BASE}/contacts", {"properties": {"email": "r@x.com"}})
    assert st == 403 and _counts(db) == before
