"""Merging contacts: one test per rule (SPEC MRG-1 … MRG-12), against a real Neo4j."""
from __future__ import annotations

import json

import pytest

from app.errors import Conflict, NotFound, ValidationFailed
from app.rules import identity, mrg
from tests.rules.mrg_helpers import (CONTACT_COMPANY_PRIMARY, DEAL_COMPANY_PRIMARY, associate, create, edge,
                                     get, graph_snapshot, merge, neighbours, note, run, update)

T0 = 1_600_000_000_000  # older
T1 = 1_650_000_000_000
T2 = 1_700_000_000_000  # newer


def _pair(db, app, p_props=None, s_props=None, p_now=T1, s_now=T2):
    p = create(db, app, "contacts", {"email": "ada@example.com", "firstname": "Ada", **(p_props or {})}, now=p_now)
    s = create(db, app, "contacts", {"email": "ada.l@example.org", "firstname": "Augusta", **(s_props or {})},
               now=s_now)
    return p, s


def _hist(db, oid, name):
    return get(db, "contacts", oid, properties=[name], history=[name])["propertiesWithHistory"][name]


# --------------------------------------------------------------------------- MRG-1

def test_mrg1_primary_record_is_kept_and_secondary_merged_into_it(db, app):
    p, s = _pair(db, app)
    p_node = run(db, "MATCH (c:Contact {id: $id}) RETURN elementId(c) AS e", id=p)[0]["e"]
    merged = merge(db, app, p, s)
    assert run(db, "MATCH (c:Contact {id: $id}) RETURN elementId(c) AS e", id=merged["id"])[0]["e"] == p_node
    assert run(db, "MATCH (c:Contact) RETURN count(c) AS n")[0]["n"] == 1
    assert merged["properties"]["email"] == "ada@example.com"


# --------------------------------------------------------------------------- MRG-3

def test_mrg3_most_recently_set_value_wins(db, app):
    p = create(db, app, "contacts", {"email": "p@example.com", "firstname": "Old", "lastname": "Keep"}, now=T1)
    s = create(db, app, "contacts", {"email": "s@example.com", "firstname": "New", "city": "Oslo"}, now=T0)
    update(db, "contacts", s, {"firstname": "Newest"}, now=T2)
    merged = merge(db, app, p, s)
    got = get(db, "contacts", merged["id"], properties=["firstname", "lastname", "city"])["properties"]
    assert got == {**got, "firstname": "Newest", "lastname": "Keep", "city": "Oslo"}


def test_mrg3a_email_primary_stays_secondary_becomes_additional(db, app):
    p, s = _pair(db, app)
    merged = merge(db, app, p, s)
    assert merged["properties"]["email"] == "ada@example.com"
    assert merged["properties"]["hs_additional_emails"] == "ada.l@example.org"
    links = run(db, "MATCH (c:Contact)-[h:HAS_EMAIL]->(e:EmailAddress) RETURN e.address AS a, h.primary AS p "
                    "ORDER BY a")
    assert links == [{"a": "ada.l@example.org", "p": False}, {"a": "ada@example.com", "p": True}]


def test_mrg3a_email_history_shows_merge_only_when_secondary_email_newer(db, app):
    p, s = _pair(db, app, p_now=T1, s_now=T2)          # secondary's email newer
    merged = merge(db, app, p, s)
    assert _hist(db, merged["id"], "email")[0]["sourceType"] == "MERGE_CONTACTS"
    assert _hist(db, merged["id"], "email")[0]["value"] == "ada@example.com"

    q, r = (create(db, app, "contacts", {"email": "q@example.com"}, now=T2, source="CRM_UI"),
            create(db, app, "contacts", {"email": "r@example.com"}, now=T1))  # primary's email newer
    merged2 = merge(db, app, q, r)
    hist = _hist(db, merged2["id"], "email")
    assert [h["sourceType"] for h in hist] == ["CRM_UI"]


def test_mrg3b_lifecycle_stage_furthest_down_the_funnel(db, app):
    p, s = _pair(db, app, {"lifecyclestage": "lead"}, {"lifecyclestage": "customer"}, p_now=T2, s_now=T1)
    merged = merge(db, app, p, s)
    assert get(db, "contacts", merged["id"], ["lifecyclestage"])["properties"]["lifecyclestage"] == "customer"
    q, r = _pair(db, app, {"email": "q@x.com", "lifecyclestage": "evangelist"},
                 {"email": "r@x.com", "lifecyclestage": "subscriber"}, p_now=T0, s_now=T2)
    merged = merge(db, app, q, r)
    assert get(db, "contacts", merged["id"], ["lifecyclestage"])["properties"]["lifecyclestage"] == "evangelist"


def test_mrg3c_create_date_is_the_oldest(db, app):
    p, s = _pair(db, app, p_now=T2, s_now=T0)
    merged = merge(db, app, p, s)
    assert merged["createdAt"] == "2020-09-13T12:26:40.000Z"  # T0
    assert merged["properties"]["createdate"] == "2020-09-13T12:26:40.000Z"


def test_mrg3d_conversions_and_unique_forms_summed(db, app):
    p, s = _pair(db, app, {"num_conversion_events": "3", "num_unique_conversion_events": "2"},
                 {"num_conversion_events": "2", "num_unique_conversion_events": "1"})
    merged = merge(db, app, p, s)
    got = get(db, "contacts", merged["id"], ["num_conversion_events", "num_unique_conversion_events"])
    assert got["properties"]["num_conversion_events"] == "5"
    assert got["properties"]["num_unique_conversion_events"] == "3"


def test_mrg3e_marketing_status_most_marketable(db, app):
    p, s = _pair(db, app, {"hs_marketable_status": "false"}, {"hs_marketable_status": "true"}, p_now=T2, s_now=T1)
    merged = merge(db, app, p, s)
    assert get(db, "contacts", merged["id"], ["hs_marketable_status"])["properties"]["hs_marketable_status"] == "true"


def test_mrg3f_analytics_totals_combined(db, app):
    p, s = _pair(db, app, {"hs_analytics_num_page_views": "10", "hs_analytics_num_visits": "4"},
                 {"hs_analytics_num_page_views": "5", "hs_analytics_num_visits": "1"})
    merged = merge(db, app, p, s)
    got = get(db, "contacts", merged["id"], ["hs_analytics_num_page_views", "hs_analytics_num_visits"])["properties"]
    assert (got["hs_analytics_num_page_views"], got["hs_analytics_num_visits"]) == ("15", "5")
    assert _hist(db, merged["id"], "hs_analytics_num_page_views")[0]["sourceType"] == "MERGE_CONTACTS"


def test_mrg3g_original_source_is_the_oldest(db, app):
    p, s = _pair(db, app, {"hs_analytics_source": "PAID_SEARCH", "hs_analytics_source_data_1": "google"},
                 {"hs_analytics_source": "ORGANIC_SEARCH", "hs_analytics_source_data_1": "bing"},
                 p_now=T2, s_now=T0)
    merged = merge(db, app, p, s)
    got = get(db, "contacts", merged["id"], ["hs_analytics_source", "hs_analytics_source_data_1"])["properties"]
    assert (got["hs_analytics_source"], got["hs_analytics_source_data_1"]) == ("ORGANIC_SEARCH", "bing")


def test_mrg3h_email_information_incl_opt_out_from_primary(db, app):
    p, s = _pair(db, app, {"hs_email_optout": "false"}, {"hs_email_optout": "true"}, p_now=T0, s_now=T2)
    merged = merge(db, app, p, s)
    assert get(db, "contacts", merged["id"], ["hs_email_optout"])["properties"]["hs_email_optout"] == "false"


def test_mrg3i_legal_basis_most_recent_of_both_combined(db, app):
    p, s = _pair(db, app, {"hs_legal_basis": "Legitimate interest – prospect/lead"},
                 {"hs_legal_basis": "Freely given consent from contact"}, p_now=T1, s_now=T2)
    merged = merge(db, app, p, s)
    got = get(db, "contacts", merged["id"], ["hs_legal_basis"])["properties"]["hs_legal_basis"]
    assert got == "Freely given consent from contact;Legitimate interest – prospect/lead"


# --------------------------------------------------------------------------- MRG-4

def test_mrg4_article_example_company_a_deal_a_vs_company_b_deal_b(db, app):
    p, s = _pair(db, app)
    company_a = create(db, app, "companies", {"name": "A"})
    company_b = create(db, app, "companies", {"name": "B"})
    deal_a = create(db, app, "deals", {"dealname": "Deal A", "dealstage": "qualifiedtobuy", "pipeline": "default"})
    deal_b = create(db, app, "deals", {"dealname": "Deal B", "dealstage": "qualifiedtobuy", "pipeline": "default"})
    associate(db, "contacts", p, "companies", company_a, [CONTACT_COMPANY_PRIMARY])
    associate(db, "contacts", s, "companies", company_b, [CONTACT_COMPANY_PRIMARY])
    associate(db, "contacts", p, "deals", deal_a)
    associate(db, "contacts", s, "deals", deal_b)
    associate(db, "deals", deal_a, "companies", company_a, [DEAL_COMPANY_PRIMARY])
    associate(db, "deals", deal_b, "companies", company_b, [DEAL_COMPANY_PRIMARY])

    merged = merge(db, app, p, s)["id"]
    assert neighbours(db, merged, "CONTACT_COMPANY") == [company_a]
    assert 1 in edge(db, merged, company_a)[0]["types"]          # still its Primary company
    assert neighbours(db, merged, "CONTACT_DEAL") == sorted([deal_a, deal_b])
    assert neighbours(db, deal_a, "DEAL_COMPANY") == [company_a]
    assert neighbours(db, deal_b, "DEAL_COMPANY") == [company_b]
    assert neighbours(db, company_b, "CONTACT_COMPANY") == []


def test_mrg4_tickets_move_and_shared_deal_keeps_one_edge_with_united_types(db, app):
    p, s = _pair(db, app)
    deal = create(db, app, "deals", {"dealname": "Shared", "dealstage": "qualifiedtobuy", "pipeline": "default"})
    ticket = create(db, app, "tickets", {"subject": "Help", "hs_pipeline": "0", "hs_pipeline_stage": "1"})
    associate(db, "contacts", p, "deals", deal)
    associate(db, "contacts", s, "deals", deal)
    associate(db, "contacts", s, "tickets", ticket)
    merged = merge(db, app, p, s)["id"]
    assert len(edge(db, merged, deal)) == 1
    assert neighbours(db, merged, "CONTACT_TICKET") == [ticket]


def test_mrg4_company_of_secondary_kept_when_primary_has_none(db, app):
    p, s = _pair(db, app)
    company_b = create(db, app, "companies", {"name": "B"})
    associate(db, "contacts", s, "companies", company_b, [CONTACT_COMPANY_PRIMARY])
    merged = merge(db, app, p, s)["id"]
    assert neighbours(db, merged, "CONTACT_COMPANY") == [company_b]


# --------------------------------------------------------------------------- MRG-5

def test_mrg5_all_activities_on_survivor_with_provenance_plus_merge_event(db, app):
    p, s = _pair(db, app)
    n1 = note(db, app, p, rule="ACT-3", by="7")
    n2 = note(db, app, s, rule="ACT-4f", by="8", at=T1)
    shared = note(db, app, p, s, rule="manual")
    merged = merge(db, app, p, s, user={"id": "42"})["id"]
    assert neighbours(db, merged, "ACTIVITY_CONTACT") == sorted([n1, n2, shared])
    moved = edge(db, n2, merged)[0]["props"]
    assert (moved["rule"], moved["by"], moved["at"]) == ("ACT-4f", "8", T1)
    assert len(edge(db, shared, merged)) == 1
    events = run(db, "MATCH (e:MergeEvent)-[r:EVENT_CONTACT]->(c:Contact {id: $id}) "
                     "RETURN e.primaryObjectId AS p, e.mergedObjectId AS s, e._type AS t, r.by AS by", id=merged)
    assert events == [{"p": p, "s": s, "t": "merge_events", "by": "42"}]


# --------------------------------------------------------------------------- MRG-6

def test_mrg6_secondary_removed_from_static_lists(db, app):
    p, s = _pair(db, app)
    run(db, "CREATE (:List {id: 'L1', name: 'Newsletter', type: 'STATIC'})")
    run(db, "MATCH (l:List {id: 'L1'}), (c:Contact) WHERE c.id IN [$p, $s] CREATE (l)-[:HAS_MEMBER]->(c)", p=p, s=s)
    before = mrg_preview = db.read(mrg.preview, p, s)
    assert [x["id"] for x in before["lists"]["secondaryLeaves"]] == ["L1"]
    merged = merge(db, app, p, s)["id"]
    members = run(db, "MATCH (:List {id: 'L1'})-[:HAS_MEMBER]->(c) RETURN c.id AS id")
    assert members == [{"id": merged}]
    assert mrg_preview["lists"]["rule"] == "MRG-6"


# --------------------------------------------------------------------------- MRG-7

def test_mrg7_subscriptions_stay_with_their_email_address(db, app):
    p, s = _pair(db, app)
    db.write(lambda tx: identity.set_subscription(tx, "ada@example.com", "1", "SUBSCRIBED", name="Newsletter"))
    db.write(lambda tx: identity.set_subscription(tx, "ada.l@example.org", "1", "UNSUBSCRIBED", name="Newsletter"))
    merged = merge(db, app, p, s)["id"]
    subs = db.read(identity.subscriptions, merged)
    assert [(x["address"], x["primary"], [y["status"] for y in x["subscriptions"]]) for x in subs] == [
        ("ada@example.com", True, ["SUBSCRIBED"]), ("ada.l@example.org", False, ["UNSUBSCRIBED"])]


# --------------------------------------------------------------------------- MRG-8

def test_mrg8_secondary_visits_attributed_to_primary(db, app):
    p, s = _pair(db, app, {"hs_analytics_num_visits": "2"}, {"hs_analytics_num_visits": "3"})
    run(db, "MATCH (c:Contact {id: $s}) CREATE (:Object:TimelineEvent:MarketingEvent {id: '990001', _n: 990001, "
            "_type: 'marketing_events', eventType: 'PAGE_VIEW', hs_timestamp: 1, archived: false})"
            "-[:EVENT_CONTACT {types: []}]->(c)", s=s)
    merged = merge(db, app, p, s)["id"]
    views = run(db, "MATCH (e:MarketingEvent {eventType: 'PAGE_VIEW'})-[:EVENT_CONTACT]->(c) RETURN c.id AS id")
    assert views == [{"id": merged}]
    assert get(db, "contacts", merged, ["hs_analytics_num_visits"])["properties"]["hs_analytics_num_visits"] == "5"


# --------------------------------------------------------------------------- MRG-9

def test_mrg9_tokens_and_secondary_email_resolve_to_survivor_forever(db, app):
    p, s = _pair(db, app)
    run(db, "MATCH (c:Contact {id: $s}) CREATE (:UserToken {token: 'hutk-s'})-[:IDENTIFIES]->(c)", s=s)
    run(db, "MATCH (c:Contact {id: $p}) CREATE (:UserToken {token: 'hutk-p'})-[:IDENTIFIES]->(c)", p=p)
    merged = merge(db, app, p, s)["id"]
    assert db.read(identity.contact_for_submission, None, "hutk-s") == (merged, "userToken")
    assert db.read(identity.contact_for_submission, None, "hutk-p") == (merged, "userToken")
    assert db.read(identity.contact_for_submission, "ADA.L@example.org", "never-seen") == (merged, "email")
    new_id, event_id = app.extensions["ids"].take(2)
    out = db.write(lambda tx: identity.submit_form(tx, email="ada.l@example.org", user_token="new-device",
                                                   new_contact_id=new_id, event_id=event_id))
    assert out == {"contactId": merged, "matchedBy": "email", "created": False}
    assert run(db, "MATCH (c:Contact) RETURN count(c) AS n")[0]["n"] == 1


# --------------------------------------------------------------------------- MRG-10

def _workflow(db, name, criteria, enroll_on_merge):
    from app.rules import wf

    body = {"objectType": "contacts", "name": name, "enrollOnMerge": enroll_on_merge, "actions": [],
            "criteria": {"filterGroups": [{"filters": [criteria]}]}}
    return db.write(lambda tx: wf.create(tx, body))["id"]


def _enrolments(db):
    return run(db, "MATCH (w:Workflow)-[:HAS_ENROLLMENT]->(en:Enrollment) "
                   "OPTIONAL MATCH (c:Contact)-[:ENROLLED_IN]->(en) "
                   "RETURN w.name AS w, en.recordId AS record, en.status AS status, c.id AS contact ORDER BY w, record")


def test_mrg10_secondary_unenrolled_survivor_enrolled_only_where_enrol_on_merge_allows(db, app):
    from app.rules import wf

    customer = {"propertyName": "lifecyclestage", "operator": "EQ", "value": "customer"}
    _workflow(db, "customers-no-merge", customer, False)
    _workflow(db, "customers-on-merge", customer, True)
    _workflow(db, "augusta", {"propertyName": "firstname", "operator": "EQ", "value": "Augusta"}, False)
    p, s = _pair(db, app, {"lifecyclestage": "lead"}, {"lifecyclestage": "customer"}, p_now=T1, s_now=T0)
    update(db, "contacts", s, {"firstname": "Augusta"}, now=T2)
    db.write(lambda tx: wf.on_record_written(tx, "contacts", [p, s], cause="create"))
    assert {e["w"] for e in _enrolments(db) if e["record"] == s} == {"customers-no-merge", "customers-on-merge",
                                                                      "augusta"}
    merged = merge(db, app, p, s)["id"]
    rows = _enrolments(db)
    assert {(e["w"], e["status"]) for e in rows if e["record"] == s} == {
        ("customers-no-merge", "UNENROLLED"), ("customers-on-merge", "UNENROLLED"), ("augusta", "UNENROLLED")}
    assert all(e["contact"] is None for e in rows if e["record"] == s)
    # merge-caused changes (lifecycle → customer, firstname → Augusta) enrol only where allowed
    assert [(e["w"], e["status"], e["contact"]) for e in rows if e["record"] == merged] == [
        ("customers-on-merge", "ENROLLED", merged)]


# --------------------------------------------------------------------------- MRG-11

def test_mrg11_only_primary_sync_link_kept(db, app):
    p, s = _pair(db, app, {"salesforcecontactid": "SF-P"}, {"salesforcecontactid": "SF-S"}, p_now=T0, s_now=T2)
    merged = merge(db, app, p, s)["id"]
    assert get(db, "contacts", merged, ["salesforcecontactid"])["properties"]["salesforcecontactid"] == "SF-P"
    q, r = _pair(db, app, {"email": "q@x.com"}, {"email": "r@x.com", "salesforcecontactid": "SF-R"})
    merged = merge(db, app, q, r)["id"]
    assert get(db, "contacts", merged, ["salesforcecontactid"])["properties"]["salesforcecontactid"] is None


# --------------------------------------------------------------------------- MRG-2

def test_mrg2_removing_additional_email_frees_it_for_a_new_contact(db, app):
    p, s = _pair(db, app)
    merged = merge(db, app, p, s)["id"]
    with pytest.raises(Conflict):  # still tied to the merged contact
        create(db, app, "contacts", {"email": "ada.l@example.org"})
    out = db.write(lambda tx: identity.remove_additional_email(tx, merged, "ada.l@example.org"))
    assert out["properties"].get("hs_additional_emails") is None
    fresh = create(db, app, "contacts", {"email": "ada.l@example.org"})
    assert db.read(identity.contact_for_submission, "ada.l@example.org") == (fresh, "email")
    assert get(db, "contacts", p)["id"] == merged  # the merge itself is not undone


# --------------------------------------------------------------------------- MRG-12

def test_mrg12_either_old_id_reads_the_merged_contact_with_new_id(db, app):
    p, s = _pair(db, app)
    merged = merge(db, app, p, s)
    assert merged["id"] not in (p, s)
    assert get(db, "contacts", p)["id"] == merged["id"]
    assert get(db, "contacts", s)["id"] == merged["id"]
    assert sorted(merged["properties"]["hs_merged_object_ids"].split(";")) == sorted([p, s])


def test_mrg12_chained_merges_resolve_every_old_id_in_one_hop(db, app):
    p, s = _pair(db, app)
    third = create(db, app, "contacts", {"email": "third@example.com"})
    first = merge(db, app, p, s)["id"]
    second = merge(db, app, third, first)["id"]
    for old in (p, s, first, third):
        assert get(db, "contacts", old)["id"] == second
    assert run(db, "MATCH (m:MergedId)-[:MERGED_INTO]->(c) RETURN DISTINCT c.id AS id") == [{"id": second}]
    assert set(get(db, "contacts", second, ["hs_merged_object_ids"])["properties"]["hs_merged_object_ids"]
               .split(";")) == {p, s, first, third}


def test_mrg12_no_self_association_between_the_merged_contacts(db, app):
    p, s = _pair(db, app)
    other = create(db, app, "contacts", {"email": "x@example.com"})
    associate(db, "contacts", p, "contacts", s)
    associate(db, "contacts", s, "contacts", other)
    associate(db, "contacts", p, "contacts", other)
    merged = merge(db, app, p, s)["id"]
    assert run(db, "MATCH (c:Contact)-[r:CONTACT_CONTACT]-(c) RETURN count(r) AS n")[0]["n"] == 0
    assert len(edge(db, merged, other)) == 1


@pytest.mark.parametrize("which, error", [("self", ValidationFailed), ("missing", NotFound),
                                          ("merged", Conflict), ("company", ValidationFailed)])
def test_mrg12_bad_ids_refused_and_nothing_written(db, app, which, error):
    p, s = _pair(db, app)
    if which == "self":
        pair = (p, p)
    elif which == "missing":
        pair = (p, "999999999")
    elif which == "merged":
        merge(db, app, p, s)
        third = create(db, app, "contacts", {"email": "third@example.com"})
        pair = (third, s)
    else:
        pair = (p, create(db, app, "companies", {"name": "A"}))
    before = graph_snapshot(db)
    with pytest.raises(error) as exc:
        merge(db, app, *pair)
    assert exc.value.errors[0]["in"] in ("primaryObjectId", "objectIdToMerge")
    assert graph_snapshot(db) == before


def test_mrg12_failure_midway_leaves_nothing_half_merged(db, app, monkeypatch):
    p, s = _pair(db, app)
    deal = create(db, app, "deals", {"dealname": "D", "dealstage": "qualifiedtobuy", "pipeline": "default"})
    associate(db, "contacts", s, "deals", deal)
    note(db, app, s)
    before = graph_snapshot(db)
    from app.repo import merge as repo

    def boom(*a, **k):
        raise RuntimeError("crash after rewiring")

    monkeypatch.setattr(repo, "finish", boom)
    with pytest.raises(RuntimeError):
        merge(db, app, p, s)
    assert graph_snapshot(db) == before


def test_mrg_preview_shows_rules_and_moves_and_writes_nothing(db, app):
    p, s = _pair(db, app, {"lifecyclestage": "lead"}, {"lifecyclestage": "customer"})
    company_b = create(db, app, "companies", {"name": "B"})
    company_a = create(db, app, "companies", {"name": "A"})
    deal_b = create(db, app, "deals", {"dealname": "B", "dealstage": "qualifiedtobuy", "pipeline": "default"})
    associate(db, "contacts", p, "companies", company_a, [CONTACT_COMPANY_PRIMARY])
    associate(db, "contacts", s, "companies", company_b, [CONTACT_COMPANY_PRIMARY])
    associate(db, "contacts", s, "deals", deal_b)
    before = graph_snapshot(db)
    out = db.read(mrg.preview, p, s)
    assert graph_snapshot(db) == before
    assert out["properties"]["lifecyclestage"]["value"] == "customer"
    assert out["properties"]["lifecyclestage"]["rule"] == "MRG-3b"
    assert out["properties"]["hs_additional_emails"]["value"] == "ada.l@example.org"
    assert [(m["type"], m["id"]) for m in out["associations"]["moved"]] == [("deals", deal_b)]
    assert [(m["type"], m["id"]) for m in out["associations"]["dropped"]] == [("companies", company_b)]
    merged = merge(db, app, p, s)
    assert json.loads(json.dumps(merged))["properties"]["email"] == out["properties"]["email"]["value"]
