"""The activities engine routes (`/crmgraph/v1/...`): status codes, bodies, roles, concurrency."""
from __future__ import annotations

import threading
import time

import pytest
import requests

from tests.rules.act_helpers import Crm

V1 = "/crmgraph/v1"


@pytest.fixture
def crm(app, db):
    return Crm(app, db)


def test_act3_log_route_returns_activity_and_associations_with_provenance(api, crm):
    c, co, deals = crm.contact_with_crm(n_deals=1)
    status, body = api.post(f"{V1}/objects/contacts/{c}/activities",
                            {"type": "notes", "source": "CRM_UI", "properties": {"hs_note_body": "hi"}})
    assert status == 201, body
    assert body["activity"]["properties"]["hs_note_body"] == "hi"
    assert body["rule"] == "ACT-3"
    got = {(a["objectType"], a["id"]): a for a in body["associations"]}
    assert set(got) == {("contacts", c), ("companies", co), ("deals", deals[0])}
    assert got[("companies", co)]["rule"] == "ACT-3" and got[("companies", co)]["by"] and got[("companies", co)]["at"]


@pytest.mark.parametrize("body, field", [
    ({"type": "notes", "source": "FAX"}, "source"),
    ({"type": "contacts"}, "type"),
    ({"type": "notes", "bogus": 1}, "bogus"),
    ({"type": "notes", "properties": {"nope": "x"}}, "properties.nope"),
])
def test_act_log_route_bad_input_is_400_naming_the_field_and_writes_nothing(api, crm, db, body, field):
    c = crm.contact()
    before = db.query("admin/counts")
    status, err = api.post(f"{V1}/objects/contacts/{c}/activities", body)
    assert status == 400, err
    assert any(field in e["in"] for e in err["errors"])
    assert db.query("admin/counts") == before


def test_act_log_route_unknown_record_is_404(api):
    status, err = api.post(f"{V1}/objects/contacts/424242/activities", {"type": "notes"})
    assert status == 404 and err["category"] == "OBJECT_NOT_FOUND"


def test_act_preview_and_explain_routes(api, crm, db):
    c, co, deals = crm.contact_with_crm(n_deals=1)
    before = db.query("admin/counts")
    status, preview = api.post(f"{V1}/objects/contacts/{c}/activities/preview", {"type": "tasks",
                                                                              "source": "SEQUENCE"})
    assert status == 200 and preview["rule"] == "ACT-4f"
    assert [(r["objectType"], r["id"]) for r in preview["results"]] == [("contacts", c)]
    assert db.query("admin/counts") == before
    _, logged = api.post(f"{V1}/objects/contacts/{c}/activities", {"type": "calls", "source": "SEQUENCE"})
    aid = logged["activity"]["id"]
    status, why = api.get(f"{V1}/activities/{aid}/associations/explain?objectType=companies&objectId={co}")
    assert status == 200
    assert [(r["id"], r["rule"]) for r in why["results"]] == [(co, "ACT-4f")]
    assert why["decision"]["rule"] == "ACT-4f" and why["results"][0]["by"]
    status, _ = api.get(f"{V1}/activities/999999/associations/explain")
    assert status == 404


def test_act5_settings_need_a_super_admin(api, user_api, crm):
    body = {"settings": [{"loggedOn": "contacts", "activityType": "meetings", "source": "*", "company": "none",
                          "deals": 1}]}
    status, err = user_api.put(f"{V1}/settings/auto-association", body)
    assert status == 403, err
    status, got = user_api.get(f"{V1}/settings/auto-association")
    assert status == 200 and got["settings"] == []
    status, got = api.put(f"{V1}/settings/auto-association", body)
    assert status == 200 and got["settings"][0]["deals"] == 1 and got["settings"][0]["updatedBy"]
    status, err = api.put(f"{V1}/settings/auto-association", {"settings": [{"deals": 9}]})
    assert status == 400 and err["errors"][0]["in"].startswith("settings")
    c, co, deals = crm.contact_with_crm(n_deals=2)
    _, logged = user_api.post(f"{V1}/objects/contacts/{c}/activities", {"type": "meetings"})
    assert logged["rule"] == "ACT-5"
    assert {(a["objectType"], a["id"]) for a in logged["associations"]} == {("contacts", c), ("deals", deals[-1])}


def test_act6_manual_association_routes_list_grouped_and_search(api, crm):
    c = crm.contact("Ada", lastname="Lovelace")
    co = crm.company("Initech")
    _, logged = api.post(f"{V1}/objects/contacts/{c}/activities", {"type": "notes"})
    aid = logged["activity"]["id"]
    status, hits = api.get(f"{V1}/records/search?q=initech")
    assert status == 200 and hits["results"] == [{"objectType": "companies", "id": co, "name": "Initech"}]
    status, row = api.put(f"{V1}/activities/{aid}/associations/companies/{co}")
    assert status == 200 and row["rule"] == "manual"
    status, listed = api.get(f"{V1}/activities/{aid}/associations")
    assert status == 200 and listed["total"] == 2
    assert listed["byType"]["companies"]["results"][0]["name"] == "Initech"
    assert listed["byType"]["contacts"]["results"][0]["name"] == "Ada Lovelace"
    status, _ = api.delete(f"{V1}/activities/{aid}/associations/companies/{co}")
    assert status == 204
    assert api.get(f"{V1}/activities/{aid}/associations")[1]["total"] == 1
    # the v4 route removes an auto-made association too
    status, _ = api.delete(f"/crm/v4/objects/notes/{aid}/associations/contacts/{c}")
    assert status == 204 and api.get(f"{V1}/activities/{aid}/associations")[1]["total"] == 0


def test_act7_limit_through_the_configuration_api_gives_a_clear_400(api, crm, db):
    c1, c2 = crm.contact("A"), crm.contact("B")
    status, body = api.post("/crm/v4/associations/definitions/configurations/notes/contacts/batch/create",
                            {"inputs": [{"category": "HUBSPOT_DEFINED", "typeId": 202, "maxToObjectIds": 1}]})
    assert status in (200, 201), body
    _, logged = api.post(f"{V1}/objects/contacts/{c1}/activities", {"type": "notes"})
    aid = logged["activity"]["id"]
    before = db.query("admin/counts")
    status, err = api.put(f"{V1}/activities/{aid}/associations/contacts/{c2}")
    assert status == 400 and "limit" in err["message"].lower()
    assert db.query("admin/counts") == before


def test_act1_timeline_and_event_routes(api, crm):
    c = crm.contact()
    _, note = api.post(f"{V1}/objects/contacts/{c}/activities", {"type": "notes",
                                                                "properties": {"hs_timestamp": "1000"}})
    status, ev = api.post(f"{V1}/objects/contacts/{c}/events", {"eventType": "EMAIL_CLICK", "timestamp": 2000,
                                                               "properties": {"url": "https://x"}})
    assert status == 201 and ev["eventType"] == "EMAIL_CLICK"
    status, page = api.get(f"{V1}/objects/contacts/{c}/timeline?limit=1")
    assert status == 200 and page["results"][0]["id"] == ev["id"]
    status, page2 = api.get(f"{V1}/objects/contacts/{c}/timeline?limit=1&after={page['paging']['next']['after']}")
    assert [r["id"] for r in page2["results"]] == [note["activity"]["id"]] and "paging" not in page2
    _, only_notes = api.get(f"{V1}/objects/contacts/{c}/timeline?types=notes")
    assert [r["objectType"] for r in only_notes["results"]] == ["notes"]
    status, err = api.get(f"{V1}/objects/contacts/{c}/timeline?types=bogus")
    assert status == 400 and err["errors"][0]["in"] == "types"
    assert api.post(f"{V1}/objects/contacts/{c}/events", {"eventType": "CALL"})[0] == 400


def test_act8_create_deal_route_copies_past_activities(api, crm):
    co = crm.company()
    now = int(time.time() * 1000)
    _, note = api.post(f"{V1}/objects/companies/{co}/activities",
                       {"type": "notes", "properties": {"hs_timestamp": str(now - 5 * 86_400_000)}})
    api.post(f"{V1}/objects/companies/{co}/events", {"eventType": "PAGE_VIEW", "timestamp": now - 1000})
    status, body = api.post(f"{V1}/objects/deals", {
        "properties": {"dealname": "Fresh"},
        "associations": [{"to": {"id": co}, "types": [{"associationCategory": "HUBSPOT_DEFINED",
                                                       "associationTypeId": 341}]}],
        "copyActivities": {}})
    assert status == 201, body
    assert [a["id"] for a in body["copiedActivities"]] == [note["activity"]["id"]]
    assert body["copiedActivities"][0]["from"] == [co]
    _, tl = api.get(f"{V1}/objects/deals/{body['object']['id']}/timeline")
    assert [r["id"] for r in tl["results"]] == [note["activity"]["id"]]
    status, err = api.post(f"{V1}/objects/contacts", {"properties": {}, "copyActivities": {"days": 30}})
    assert status == 400


def test_act4c_conversation_routes(api, crm):
    c, t = crm.contact(), crm.ticket()
    status, conv = api.post(f"{V1}/conversations", {"channel": "WHATS_APP",
                                                    "associations": [{"objectType": "tickets", "id": t}]})
    assert status == 201 and conv["records"] == [{"objectType": "tickets", "id": t}]
    status, logged = api.post(f"{V1}/objects/contacts/{c}/activities", {
        "type": "communications", "source": "CONVERSATIONS_INBOX", "conversationId": conv["id"],
        "properties": {"hs_communication_channel_type": "WHATS_APP", "hs_communication_logged_from": "CRM"}})
    assert status == 201, logged
    assert {(a["objectType"], a["id"], a["rule"]) for a in logged["associations"]} == \
        {("contacts", c, "ACT-1"), ("tickets", t, "ACT-4c")}
    assert api.post(f"{V1}/conversations", {"associations": [{"objectType": "tickets", "id": "999999"}]})[0] == 404


def test_act_concurrent_logging_on_one_contact_and_its_deals(live_server, admin_token, crm, db):
    """8 clients log at once on the same contact and its deals: every activity once, every edge there."""
    c, co, deals = crm.contact_with_crm(n_deals=3)
    targets = [("contacts", c)] + [("deals", d) for d in deals]
    headers = {"Authorization": f"Bearer {admin_token}"}
    per_thread, results, errors = 6, [], []
    lock = threading.Lock()

    def client(k):
        with requests.Session() as s:
            for i in range(per_thread):
                record_type, record_id = targets[(k + i) % len(targets)]
                r = s.post(f"{live_server}{V1}/objects/{record_type}/{record_id}/activities", headers=headers,
                           json={"type": "calls", "source": "CRM_UI",
                                 "properties": {"hs_call_title": f"t{k}-{i}"}}, timeout=60)
                with lock:
                    (results if r.status_code == 201 else errors).append((record_type, record_id, r.json()))

    threads = [threading.Thread(target=client, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert len(results) == 8 * per_thread
    ids = [body["activity"]["id"] for _, _, body in results]
    assert len(set(ids)) == len(ids)
    with db.session() as s:  # test-only Cypher: count what was stored
        stored = s.run("MATCH (a:Call) RETURN count(a) AS n, count(DISTINCT a.hs_call_title) AS titles").single()
        assert stored["n"] == stored["titles"] == len(ids)
    for record_type, record_id, body in results:
        aid = body["activity"]["id"]
        expected = {(record_type, record_id)}
        if record_type == "contacts":
            expected |= {("companies", co)} | {("deals", d) for d in deals}
        else:  # a deal: its primary company (none here) and its contacts
            expected |= {("contacts", c)}
        assert set(crm.records_of(aid)) == expected
