"""Custom object types: /crm/v3/schemas, then records of the type through objects v3."""
from app import objecttypes

S = "/crm/v3/schemas"
O = "/crm/v3/objects"

CARS = {"name": "cars", "labels": {"singular": "Car", "plural": "Cars"}, "primaryDisplayProperty": "model",
        "requiredProperties": ["model"], "searchableProperties": ["model"],
        "properties": [{"name": "model", "label": "Model", "type": "string", "fieldType": "text"},
                       {"name": "year", "label": "Year", "type": "number", "fieldType": "number"}],
        "associatedObjects": ["CONTACT", "0-2"]}


def test_create_schema_then_records_by_name_and_type_id(api, db):
    st, s = api.post(S, CARS)
    assert st == 201, s
    assert s["objectTypeId"].startswith("2-") and s["name"] == "cars"
    assert {"model", "year", "hs_object_id"} <= {p["name"] for p in s["properties"]}
    assert {a["toObjectTypeId"] for a in s["associations"]} == {"0-1", "0-2"}
    st, car = api.post(f"{O}/cars", {"properties": {"model": "T", "year": "1908"}})
    assert st == 201, car
    st, got = api.get(f"{O}/{s['objectTypeId']}/{car['id']}?properties=model,year")
    assert got["properties"] == {**got["properties"], "model": "T", "year": "1908"}
    labels = db.read(lambda tx: tx.run("MATCH (n:Object {id: $id}) RETURN labels(n) AS l", id=car["id"]).single()["l"])
    assert set(labels) == {"Object", "Record", "Custom", "Cars"}
    st, res = api.post(f"{O}/cars/search", {"query": "T"})
    assert res["total"] == 1


def test_custom_records_validate_and_require_properties(api, db):
    api.post(S, CARS)
    before = db.query("admin/counts")
    st, err = api.post(f"{O}/cars", {"properties": {"year": "1908"}})
    assert st == 400 and err["errors"][0]["in"] == "properties.model"
    st, err = api.post(f"{O}/cars", {"properties": {"model": "T", "year": "old"}})
    assert st == 400 and err["errors"][0]["in"] == "properties.year"
    assert db.query("admin/counts") == before


def test_custom_type_reregistered_from_graph_in_a_fresh_process(api):
    st, s = api.post(S, CARS)
    objecttypes.clear_custom()  # as if another process had created it
    st, car = api.post(f"{O}/cars", {"properties": {"model": "T"}})
    assert st == 201
    assert objecttypes.try_resolve(s["objectTypeId"]).name == "cars"


def test_custom_object_gets_unlabelled_association_types(api, db):
    api.post(S, CARS)
    rows = db.read(lambda tx: tx.run("MATCH (t:AssociationType) WHERE t.fromType = 'cars' "
                                     "RETURN t.toType AS to, t.label AS label, t.typeId AS id").data())
    assert {r["to"] for r in rows} == {"contacts", "companies"} and all(r["label"] is None for r in rows)
    assert all(r["id"] >= 1000 for r in rows)  # from the association_types sequence
    contact_to_car = db.read(lambda tx: tx.run("MATCH (t:AssociationType {fromType: 'contacts', toType: 'cars'}) "
                                               "RETURN t.typeId AS id").single()["id"])
    st, car = api.post(f"{O}/cars", {"properties": {"model": "T"}})
    st, c = api.post(f"{O}/contacts", {"properties": {"email": "a@x.com"}, "associations": [
        {"to": {"id": car["id"]}, "types": [{"associationCategory": "USER_DEFINED",
                                             "associationTypeId": contact_to_car}]}]})
    st, got = api.get(f"{O}/cars/{car['id']}?associations=contacts")
    assert st == 200 and got["associations"]["contacts"]["results"][0]["id"] == c["id"]


def test_bad_schemas_are_400_and_write_nothing(api, db):
    before = db.query("admin/counts")
    for body, field in [({**CARS, "name": "contacts"}, "name"),
                        ({**CARS, "requiredProperties": ["nope"]}, "requiredProperties"),
                        ({**CARS, "associatedObjects": ["unicorns"]}, "associatedObjects[0]"),
                        ({**CARS, "properties": [{"name": "model", "label": "M", "type": "string",
                                                  "fieldType": "select"}]}, "properties[0].fieldType"),
                        ({**CARS, "bogus": 1}, "bogus")]:
        st, err = api.post(S, body)
        assert st == 400 and err["errors"][0]["in"] == field, (field, err)
    assert db.query("admin/counts") == before


def test_duplicate_list_get_delete(api, user_api):
    st, s = api.post(S, CARS)
    assert api.post(S, CARS)[0] == 409
    st, lst = api.get(S)
    assert [x["name"] for x in lst["results"]] == ["cars"]
    assert api.get(f"{S}/p_cars")[1]["objectTypeId"] == s["objectTypeId"]
    assert user_api.delete(f"{S}/cars")[0] == 403
    st, car = api.post(f"{O}/cars", {"properties": {"model": "T"}})
    assert api.delete(f"{S}/cars")[0] == 400  # records exist
    api.delete(f"{O}/cars/{car['id']}")
    assert api.delete(f"{S}/cars")[0] == 204
    assert api.get(f"{O}/cars")[0] == 400
