"""Properties v3 API: the 8 types, validation of definitions, and writes validated against them."""
import pytest

P = "/crm/v3/properties"
O = "/crm/v3/objects"


@pytest.mark.parametrize("kind, field, good, stored, bad", [
    ("string", "text", "hello", "hello", None),
    ("string", "textarea", "a\nb", "a\nb", None),
    ("string", "phonenumber", "+47 1234", "+47 1234", None),
    ("number", "number", "3.50", "3.5", "three"),
    ("date", "date", "2024-05-01", "2024-05-01", "2024-05-01T10:00:00Z"),
    ("datetime", "date", "1714564800000", "2024-05-01T12:00:00.000Z", "soon"),
    ("enumeration", "select", "b", "b", "z"),
    ("bool", "booleancheckbox", "TRUE", "true", "yes"),
])
def test_each_property_type_validates_writes(api, db, kind, field, good, stored, bad):
    body = {"name": "my_prop", "label": "My", "type": kind, "fieldType": field, "groupName": "contactinformation"}
    if kind == "enumeration":
        body["options"] = [{"label": "A", "value": "a"}, {"label": "B", "value": "b"}]
    st, created = api.post(f"{P}/contacts", body)
    assert st == 201, created
    assert created["type"] == kind and created["fieldType"] == field and created["hubspotDefined"] is False
    st, c = api.post(f"{O}/contacts", {"properties": {"my_prop": good}})
    assert st == 201, c
    st, got = api.get(f"{O}/contacts/{c['id']}?properties=my_prop")
    assert got["properties"]["my_prop"] == stored
    if bad is not None:
        before = db.query("admin/counts")
        st, err = api.post(f"{O}/contacts", {"properties": {"my_prop": bad}})
        assert st == 400 and err["errors"][0]["in"] == "properties.my_prop"
        assert db.query("admin/counts") == before


@pytest.mark.parametrize("body, field", [
    ({"name": "x", "label": "X", "type": "string", "fieldType": "select", "groupName": "g"}, "fieldType"),
    ({"name": "x", "label": "X", "type": "money", "fieldType": "number", "groupName": "g"}, "type"),
    ({"name": "Bad Name", "label": "X", "type": "string", "fieldType": "text", "groupName": "g"}, "name"),
    ({"name": "x", "label": "X", "type": "enumeration", "fieldType": "select", "groupName": "g"}, "options"),
    ({"label": "X", "type": "string", "fieldType": "text", "groupName": "g"}, "name"),
])
def test_bad_definitions_are_400_and_write_nothing(api, db, body, field):
    before = db.query("admin/counts")
    st, err = api.post(f"{P}/companies", body)
    assert st == 400 and err["errors"][0]["in"] == field, err
    assert db.query("admin/counts") == before


def test_list_get_update_archive(api):
    body = {"name": "tier", "label": "Tier", "type": "enumeration", "fieldType": "select", "groupName": "g",
            "options": [{"label": "Gold", "value": "gold"}]}
    assert api.post(f"{P}/companies", body)[0] == 201
    assert api.post(f"{P}/companies", body)[0] == 409
    st, lst = api.get(f"{P}/companies")
    assert st == 200 and "tier" in {p["name"] for p in lst["results"]} and "name" in {p["name"] for p in lst["results"]}
    st, up = api.patch(f"{P}/companies/tier", {"label": "Level", "options": [{"label": "Gold", "value": "gold"},
                                                                               {"label": "Silver", "value": "silver"}]})
    assert st == 200 and up["label"] == "Level" and len(up["options"]) == 2
    assert api.post(f"{O}/companies", {"properties": {"tier": "silver"}})[0] == 201
    assert api.patch(f"{P}/companies/tier", {"type": "number"})[0] == 400
    assert api.delete(f"{P}/companies/tier")[0] == 204
    assert api.get(f"{P}/companies/tier")[0] == 404
    st, err = api.post(f"{O}/companies", {"properties": {"tier": "gold"}})
    assert st == 400 and err["errors"][0]["code"] == "PROPERTY_DOESNT_EXIST"
    assert api.delete(f"{P}/companies/name")[0] == 400  # HubSpot-defined


def test_read_only_property_is_refused(api):
    st, err = api.post(f"{O}/deals", {"properties": {"dealname": "x", "hs_is_closed": "true"}})
    assert st == 400 and err["errors"][0]["code"] == "READ_ONLY_VALUE"
