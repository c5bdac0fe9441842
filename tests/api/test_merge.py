"""Merge over HTTP: HubSpot's route and SDK, the preview, the identity routes (MRG-2/7/9/12)."""
from __future__ import annotations

BASE = "/crm/v3/objects/contacts"
MERGE = f"{BASE}/merge"
PREVIEW = "/crmgraph/v1/objects/contacts/merge/preview"


def _contact(api, email, **props):
    st, c = api.post(BASE, {"properties": {"email": email, **props}})
    assert st == 201, c
    return c["id"]


def _counts(db):
    return db.query("admin/counts")


def test_mrg12_merge_route_returns_plain_object_with_new_id_and_old_ids_resolve(api):
    p, s = _contact(api, "ada@example.com", firstname="Ada"), _contact(api, "ada.l@example.org")
    st, merged = api.post(MERGE, {"primaryObjectId": p, "objectIdToMerge": s})
    assert st == 200, merged
    assert merged["id"] not in (p, s) and "associations" not in merged
    assert merged["properties"]["email"] == "ada@example.com"
    assert merged["properties"]["hs_additional_emails"] == "ada.l@example.org"
    assert set(merged["properties"]["hs_merged_object_ids"].split(";")) == {p, s}
    for old in (p, s):
        st, got = api.get(f"{BASE}/{old}")
        assert st == 200 and got["id"] == merged["id"]


def test_mrg12_merge_errors_name_the_field_and_write_nothing(api, db):
    p, s = _contact(api, "a@example.com"), _contact(api, "b@example.com")
    before = _counts(db)
    cases = [({"primaryObjectId": p, "objectIdToMerge": p}, 400, "objectIdToMerge"),
             ({"primaryObjectId": p, "objectIdToMerge": "987654321"}, 404, "objectIdToMerge"),
             ({"primaryObjectId": "987654321", "objectIdToMerge": s}, 404, "primaryObjectId"),
             ({"primaryObjectId": p}, 400, "objectIdToMerge"),
             ({"primaryObjectId": p, "objectIdToMerge": s, "extra": 1}, 400, "extra")]
    for body, status, field in cases:
        st, err = api.post(MERGE, body)
        assert st == status, (body, err)
        assert err["status"] == "error" and field in [e["in"] for e in err["errors"]], err
    assert _counts(db) == before
    st, merged = api.post(MERGE, {"primaryObjectId": p, "objectIdToMerge": s})
    assert st == 200
    st, err = api.post(MERGE, {"primaryObjectId": _contact(api, "c@example.com"), "objectIdToMerge": s})
    assert st == 409 and err["errors"][0]["in"] == "objectIdToMerge" and merged["id"] in err["message"]


def test_mrg_preview_route_writes_nothing_and_read_only_seat_may_call_it(api, readonly_api, db):
    p = _contact(api, "p@example.com", lifecyclestage="lead")
    s = _contact(api, "s@example.com", lifecyclestage="customer")
    before = _counts(db)
    st, out = readonly_api.post(PREVIEW, {"primaryObjectId": p, "objectIdToMerge": s})
    assert st == 200, out
    assert out["properties"]["lifecyclestage"] == {**out["properties"]["lifecyclestage"], "value": "customer",
                                                   "rule": "MRG-3b", "changed": True}
    assert out["properties"]["email"]["rule"] == "MRG-3a"
    assert _counts(db) == before
    st, _ = readonly_api.post(MERGE, {"primaryObjectId": p, "objectIdToMerge": s})
    assert st == 403


def test_mrg5_merges_timeline_filter_finds_the_merge_event(api):
    p, s = _contact(api, "p@example.com"), _contact(api, "s@example.com")
    st, merged = api.post(MERGE, {"primaryObjectId": p, "objectIdToMerge": s})
    st, page = api.get(f"/crmgraph/v1/objects/contacts/{merged['id']}/timeline?types=merges")
    assert st == 200, page
    assert [(r["objectType"], r["properties"]["mergedObjectId"]) for r in page["results"]] == [("merge_events", s)]


def test_mrg9_form_submission_with_merged_away_email_lands_on_survivor(api):
    p, s = _contact(api, "p@example.com"), _contact(api, "s@example.com")
    st, merged = api.post(MERGE, {"primaryObjectId": p, "objectIdToMerge": s})
    st, out = api.post("/crmgraph/v1/forms/submissions", {"email": "S@example.com", "userToken": "hutk-1"})
    assert st == 200 and out == {"contactId": merged["id"], "matchedBy": "email", "created": False}
    st, out = api.post("/crmgraph/v1/forms/submissions", {"email": "other@example.com", "userToken": "hutk-1"})
    assert out == {"contactId": merged["id"], "matchedBy": "userToken", "created": False}
    st, out = api.post("/crmgraph/v1/forms/submissions", {"email": "new@example.com"})
    assert out["created"] is True and out["contactId"] != merged["id"]


def test_mrg2_delete_additional_email_then_create_contact_with_it(api):
    p, s = _contact(api, "p@example.com"), _contact(api, "s@example.com")
    st, merged = api.post(MERGE, {"primaryObjectId": p, "objectIdToMerge": s})
    st, err = api.post(BASE, {"properties": {"email": "s@example.com"}})
    assert st == 409
    st, out = api.delete(f"/crmgraph/v1/objects/contacts/{merged['id']}/additional-emails/s@example.com")
    assert st == 200 and out["properties"].get("hs_additional_emails") in (None, "")
    st, again = api.delete(f"/crmgraph/v1/objects/contacts/{merged['id']}/additional-emails/s@example.com")
    assert st == 404
    st, fresh = api.post(BASE, {"properties": {"email": "s@example.com"}})
    assert st == 201 and fresh["id"] != merged["id"]


def test_mrg7_subscriptions_routes_one_set_per_address(api):
    p, s = _contact(api, "p@example.com"), _contact(api, "s@example.com")
    assert api.put("/crmgraph/v1/subscriptions/s@example.com/42", {"status": "UNSUBSCRIBED"})[0] == 204
    st, merged = api.post(MERGE, {"primaryObjectId": p, "objectIdToMerge": s})
    st, subs = api.get(f"/crmgraph/v1/objects/contacts/{merged['id']}/subscriptions")
    assert st == 200
    assert [(r["address"], [x["status"] for x in r["subscriptions"]]) for r in subs["results"]] == [
        ("p@example.com", []), ("s@example.com", ["UNSUBSCRIBED"])]


def test_mrg12_hubspot_sdk_merge_against_live_server(live_server, admin_token, api):
    import hubspot
    from hubspot.crm.contacts import PublicMergeInput

    p, s = _contact(api, "p@example.com", firstname="P"), _contact(api, "s@example.com")
    client = hubspot.Client.create(access_token=admin_token, host=live_server, base_url=live_server)
    merged = client.crm.contacts.basic_api.merge(PublicMergeInput(primary_object_id=p, object_id_to_merge=s))
    assert merged is not None and merged.id not in (p, s)
    assert merged.properties["email"] == "p@example.com"
    again = client.crm.contacts.basic_api.get_by_id(s, properties=["hs_additional_emails"])
    assert again.id == merged.id and again.properties["hs_additional_emails"] == "s@example.com"
