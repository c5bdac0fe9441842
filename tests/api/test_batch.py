"""Objects v3 batch endpoints: 100-input cap, all-or-nothing validation, 207 for missing ids."""
BASE = "/crm/v3/objects"


def _counts(db):
    return db.query("admin/counts")


def test_batch_create_100_then_read_and_page(api):
    inputs = [{"properties": {"email": f"u{i}@x.com"}, "objectWriteTraceId": str(i)} for i in range(100)]
    st, body = api.post(f"{BASE}/contacts/batch/create", {"inputs": inputs})
    assert st == 201 and body["status"] == "COMPLETE" and len(body["results"]) == 100
    ids = [r["id"] for r in body["results"]]
    st, page = api.get(f"{BASE}/contacts?limit=100")
    assert [r["id"] for r in page["results"]] == ids and "paging" not in page


def test_batch_101_inputs_is_400_naming_inputs_and_writes_nothing(api, db):
    before = _counts(db)
    st, err = api.post(f"{BASE}/contacts/batch/create",
                       {"inputs": [{"properties": {"email": f"u{i}@x.com"}} for i in range(101)]})
    assert st == 400 and err["errors"][0]["in"] == "inputs"
    assert _counts(db) == before


def test_batch_create_one_invalid_input_rejects_all(api, db):
    before = _counts(db)
    st, err = api.post(f"{BASE}/companies/batch/create", {"inputs": [
        {"properties": {"name": "ok"}}, {"properties": {"name": "bad", "numberofemployees": "lots"}}]})
    assert st == 400 and err["errors"][0]["in"] == "inputs[1].properties.numberofemployees"
    assert _counts(db) == before


def test_batch_read_reports_missing_ids_with_207(api):
    st, c = api.post(f"{BASE}/companies", {"properties": {"name": "Acme"}})
    st, body = api.post(f"{BASE}/companies/batch/read?archived=false",
                        {"inputs": [{"id": c["id"]}, {"id": "999999"}], "properties": ["name"],
                         "propertiesWithHistory": []})
    assert st == 207 and body["numErrors"] == 1
    assert body["errors"][0]["category"] == "OBJECT_NOT_FOUND" and body["errors"][0]["context"]["ids"] == ["999999"]
    assert body["results"][0]["properties"]["name"] == "Acme"


def test_batch_read_by_email_id_property(api):
    api.post(f"{BASE}/contacts", {"properties": {"email": "a@x.com", "firstname": "A"}})
    st, body = api.post(f"{BASE}/contacts/batch/read", {"idProperty": "email", "inputs": [{"id": "a@x.com"}],
                                                        "properties": ["firstname"]})
    assert st == 200 and body["results"][0]["properties"]["firstname"] == "A"


def test_batch_update_writes_found_and_reports_missing(api):
    st, c = api.post(f"{BASE}/companies", {"properties": {"name": "Acme"}})
    st, body = api.post(f"{BASE}/companies/batch/update", {"inputs": [
        {"id": c["id"], "properties": {"city": "Oslo"}, "objectWriteTraceId": "t"},
        {"id": "424242", "properties": {"city": "X"}}]})
    assert st == 207 and body["results"][0]["properties"]["hs_object_id"] == c["id"]
    st, got = api.get(f"{BASE}/companies/{c['id']}?properties=city")
    assert got["properties"]["city"] == "Oslo"


def test_batch_update_invalid_value_rejects_all(api):
    st, c = api.post(f"{BASE}/companies", {"properties": {"name": "Acme"}})
    st, err = api.post(f"{BASE}/companies/batch/update", {"inputs": [
        {"id": c["id"], "properties": {"city": "Oslo"}}, {"id": c["id"], "properties": {"annualrevenue": "x"}}]})
    assert st == 400 and err["errors"][0]["in"] == "inputs[1].properties.annualrevenue"
    st, got = api.get(f"{BASE}/companies/{c['id']}?properties=city")
    assert got["properties"]["city"] is None


def test_batch_upsert_by_email_creates_and_updates(api):
    st, c = api.post(f"{BASE}/contacts", {"properties": {"email": "old@x.com"}})
    st, body = api.post(f"{BASE}/contacts/batch/upsert", {"inputs": [
        {"id": "old@x.com", "idProperty": "email", "properties": {"firstname": "Old"}},
        {"id": "new@x.com", "idProperty": "email", "properties": {"firstname": "New"}}]})
    assert st == 200, body
    by_new = {r["new"]: r for r in body["results"]}
    assert by_new[False]["id"] == c["id"] and by_new[True]["properties"]["email"] == "new@x.com"


def test_batch_archive_is_204(api):
    ids = [api.post(f"{BASE}/deals", {"properties": {"dealname": f"d{i}"}})[1]["id"] for i in range(3)]
    st, _ = api.post(f"{BASE}/deals/batch/archive", {"inputs": [{"id": i} for i in ids[:2]] + [{"id": "1"}]})
    assert st == 204
    st, page = api.get(f"{BASE}/deals")
    assert [r["id"] for r in page["results"]] == ids[2:]
