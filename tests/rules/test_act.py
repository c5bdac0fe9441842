"""ACT rules: auto-association of activities (SPEC ACT-1 … ACT-8), one test per rule and exception.

Each test builds a small CRM through the real records and associations layers, logs
activities through `app.rules.act.log` (what the API route runs: reads, then one atomic write) and checks the
associations and their provenance (`rule`) — so each fails if its rule breaks.
"""
from __future__ import annotations

import time

import pytest

from app.errors import LimitExceeded, NotFound, ValidationFailed
from app.rules import act, act_conversations, act_manual, act_past, act_settings, act_timeline
from app.rules import association_definitions
from tests.rules.act_helpers import Crm

ADMIN = {"id": "7", "superAdmin": True}
DAY = 86_400_000


@pytest.fixture
def crm(app, db):
    return Crm(app, db)


def _settings(db, items):
    return db.write(lambda tx: act_settings.replace(tx, items, ADMIN))


def _timeline_ids(db, object_type, object_id, **kw):
    page = db.read(lambda tx: act_timeline.timeline(tx, object_type, object_id, **kw))
    return [r["id"] for r in page["results"]]


# ---------------------------------------------------------------- ACT-1

def test_act1_activity_appears_on_the_timeline_of_every_associated_record(crm, db):
    c, co, deals = crm.contact_with_crm(n_deals=1)
    other = crm.contact("Bob")
    note = crm.log("contacts", c)["activity"]["id"]
    db.write(lambda tx: act_manual.associate(tx, note, "contacts", other, user=ADMIN))
    for object_type, object_id in (("contacts", c), ("companies", co), ("deals", deals[0]), ("contacts", other)):
        assert note in _timeline_ids(db, object_type, object_id)
    assert _timeline_ids(db, "contacts", crm.contact("Nobody")) == []


def test_act1_timeline_newest_first_filtered_and_paged(crm, db, app):
    c = crm.contact()
    ids = [crm.log("contacts", c, t, properties={"hs_timestamp": str(1_000_000 + i * DAY)})["activity"]["id"]
           for i, t in enumerate(["notes", "calls", "notes", "tasks"])]
    ev = db.write(lambda tx: act_timeline.record_event(tx, "contacts", c, "PAGE_VIEW", event_id=app.extensions["ids"].one(),
                                                       timestamp=1_000_000 + 10 * DAY, properties={"url": "/x"}))
    assert _timeline_ids(db, "contacts", c) == [ev["id"], ids[3], ids[2], ids[1], ids[0]]
    assert _timeline_ids(db, "contacts", c, types=["notes"]) == [ids[2], ids[0]]
    assert _timeline_ids(db, "contacts", c, types=["PAGE_VIEW"]) == [ev["id"]]
    first = db.read(lambda tx: act_timeline.timeline(tx, "contacts", c, limit=2))
    second = db.read(lambda tx: act_timeline.timeline(tx, "contacts", c, limit=2,
                                                      after=first["paging"]["next"]["after"]))
    third = db.read(lambda tx: act_timeline.timeline(tx, "contacts", c, limit=2,
                                                     after=second["paging"]["next"]["after"]))
    assert [r["id"] for r in first["results"] + second["results"] + third["results"]] == \
        [ev["id"], ids[3], ids[2], ids[1], ids[0]]
    assert "paging" not in third


# ---------------------------------------------------------------- ACT-2

def test_act2_auto_association_happens_once_at_logging_time(crm, db):
    c, co, deals = crm.contact_with_crm(n_deals=1)
    note = crm.log("contacts", c)["activity"]["id"]
    before = crm.records_of(note)
    crm.link("contacts", c, "deals", crm.deal("Later"))           # a new open deal …
    _settings(db, [{"activityType": "notes", "company": "none", "deals": 0}])  # … and new settings
    assert crm.records_of(note) == before                         # … never reach past activities
    assert ("deals", deals[0]) in before


# ---------------------------------------------------------------- ACT-3

def test_act3_contact_activity_gets_primary_company_and_open_deals(crm):
    c, co, deals = crm.contact_with_crm(n_deals=2, closed=1)
    other_company = crm.company("Not primary")
    crm.link("contacts", c, "companies", other_company)
    out = crm.log("contacts", c)
    assert out["rule"] == "ACT-3"
    assert crm.records_of(out["activity"]["id"]) == {
        ("contacts", c): "ACT-1", ("companies", co): "ACT-3",
        ("deals", deals[0]): "ACT-3", ("deals", deals[1]): "ACT-3"}


def test_act3_only_the_five_most_recently_created_open_deals(crm):
    c, co, deals = crm.contact_with_crm(n_deals=7, closed=2)
    got = crm.records_of(crm.log("contacts", c, "calls")["activity"]["id"])
    assert {k[1] for k in got if k[0] == "deals"} == set(deals[-5:])


def test_act3_defaults_for_deals_tickets_and_companies(crm):
    co, c1, c2 = crm.company(), crm.contact("A"), crm.contact("B")
    d = crm.deal()
    crm.primary("deals", d, co)
    crm.link("contacts", c1, "deals", d)
    crm.link("contacts", c2, "deals", d)
    on_deal = crm.records_of(crm.log("deals", d)["activity"]["id"])
    assert on_deal == {("deals", d): "ACT-1", ("companies", co): "ACT-3", ("contacts", c1): "ACT-3",
                       ("contacts", c2): "ACT-3"}
    t = crm.ticket()
    crm.primary("tickets", t, co)
    crm.link("contacts", c1, "tickets", t)
    on_ticket = crm.records_of(crm.log("tickets", t)["activity"]["id"])
    assert on_ticket == {("tickets", t): "ACT-1", ("companies", co): "ACT-3", ("contacts", c1): "ACT-3"}
    crm.primary("contacts", c1, co)
    on_company = crm.records_of(crm.log("companies", co)["activity"]["id"])
    assert on_company == {("companies", co): "ACT-1"}


# ---------------------------------------------------------------- ACT-4

def test_act4a_desktop_reply_gets_the_first_emails_records_even_a_non_recipient(crm):
    a, co, deals = crm.contact_with_crm(n_deals=1)
    b = crm.contact("Bob")  # received the first email only
    first = crm.log("contacts", a, "emails", "DESKTOP_CLIENT", thread_id="t-1",
                    properties={"hs_timestamp": "1000"})["activity"]["id"]
    crm.db.write(lambda tx: act_manual.associate(tx, first, "contacts", b, user=ADMIN))
    later_deal = crm.deal("After the first email")
    crm.link("contacts", a, "deals", later_deal)
    reply = crm.log("contacts", a, "emails", "DESKTOP_CLIENT", thread_id="t-1", properties={"hs_timestamp": "2000"})
    assert reply["rule"] == "ACT-4a"
    got = crm.records_of(reply["activity"]["id"])
    assert got == {("contacts", a): "ACT-1", ("contacts", b): "ACT-4a", ("companies", co): "ACT-4a",
                   ("deals", deals[0]): "ACT-4a"}
    assert ("deals", later_deal) not in got  # the thread decides, not the contact's current deals


def test_act4b_mobile_email_goes_to_the_contact_only(crm):
    a, co, deals = crm.contact_with_crm(n_deals=2)
    crm.log("contacts", a, "emails", "DESKTOP_CLIENT", thread_id="t-m", properties={"hs_timestamp": "1000"})
    reply = crm.log("contacts", a, "emails", "MOBILE_APP", thread_id="t-m", properties={"hs_timestamp": "2000"})
    new = crm.log("contacts", a, "emails", "MOBILE_APP")
    assert reply["rule"] == new["rule"] == "ACT-4b"
    assert crm.records_of(reply["activity"]["id"]) == {("contacts", a): "ACT-1"}
    assert crm.records_of(new["activity"]["id"]) == {("contacts", a): "ACT-1"}


def test_act4c_inbox_messages_go_to_sender_and_conversation_records(crm, db):
    a, co, deals = crm.contact_with_crm(n_deals=2)
    t, other_deal = crm.ticket(), crm.deal("Conversation deal")
    conv = db.write(lambda tx: act_conversations.create(tx, "c-1", "EMAIL", [
        {"objectType": "tickets", "id": t}, {"objectType": "deals", "id": other_deal}]))
    expected = {("contacts", a): "ACT-1", ("tickets", t): "ACT-4c", ("deals", other_deal): "ACT-4c"}
    email = crm.log("contacts", a, "emails", "CONVERSATIONS_INBOX", conversation_id=conv["id"])
    whatsapp = crm.log("contacts", a, "communications", "CONVERSATIONS_INBOX", conversation_id=conv["id"],
                       properties={"hs_communication_channel_type": "WHATS_APP"})
    assert email["rule"] == whatsapp["rule"] == "ACT-4c"
    assert crm.records_of(email["activity"]["id"]) == expected
    assert crm.records_of(whatsapp["activity"]["id"]) == expected
    with pytest.raises(NotFound):
        crm.log("contacts", a, "emails", "CONVERSATIONS_INBOX", conversation_id="no-such")


def test_act4d_new_primary_company_leaves_past_activities_with_the_old_one(crm):
    c, old, _ = crm.contact_with_crm(n_deals=0)
    past = crm.log("contacts", c)["activity"]["id"]
    new = crm.company("NewCo")
    crm.primary("contacts", c, new)  # the associations engineer's primary-company change
    assert crm.records_of(past) == {("contacts", c): "ACT-1", ("companies", old): "ACT-3"}
    later = crm.log("contacts", c)["activity"]["id"]
    assert crm.records_of(later) == {("contacts", c): "ACT-1", ("companies", new): "ACT-3"}


def test_act4e_gmail_extension_tasks_skip_company_and_deals(crm):
    c, co, deals = crm.contact_with_crm(n_deals=1)
    task = crm.log("contacts", c, "tasks", "GMAIL_EXTENSION")
    assert task["rule"] == "ACT-4e"
    assert crm.records_of(task["activity"]["id"]) == {("contacts", c): "ACT-1"}
    call = crm.log("contacts", c, "calls", "GMAIL_EXTENSION")  # only tasks are the exception
    assert ("companies", co) in crm.records_of(call["activity"]["id"])


def test_act4f_sequence_tasks_stay_on_contact_calls_emails_meetings_get_act3(crm):
    c, co, deals = crm.contact_with_crm(n_deals=1)
    task = crm.log("contacts", c, "tasks", "SEQUENCE")
    assert task["rule"] == "ACT-4f"
    assert crm.records_of(task["activity"]["id"]) == {("contacts", c): "ACT-1"}
    for activity_type in ("calls", "emails", "meetings"):
        out = crm.log("contacts", c, activity_type, "SEQUENCE")
        assert crm.records_of(out["activity"]["id"]) == {("contacts", c): "ACT-1", ("companies", co): "ACT-4f",
                                                         ("deals", deals[0]): "ACT-4f"}


# ---------------------------------------------------------------- ACT-5

def test_act5_custom_setting_one_most_recent_deal_and_no_company(crm, db):
    c, co, deals = crm.contact_with_crm(n_deals=3)
    _settings(db, [{"loggedOn": "contacts", "activityType": "meetings", "source": "*", "company": "none", "deals": 1}])
    meeting = crm.log("contacts", c, "meetings")
    assert meeting["rule"] == "ACT-5"
    assert crm.records_of(meeting["activity"]["id"]) == {("contacts", c): "ACT-1", ("deals", deals[-1]): "ACT-5"}
    note = crm.log("contacts", c, "notes")  # other types keep ACT-3
    assert crm.records_of(note["activity"]["id"])[("companies", co)] == "ACT-3"


def test_act5_exact_setting_overrides_a_built_in_exception_wildcard_does_not(crm, db):
    c, co, _ = crm.contact_with_crm(n_deals=0)
    _settings(db, [{"activityType": "tasks", "source": "*", "company": "primary"}])
    assert crm.log("contacts", c, "tasks", "GMAIL_EXTENSION")["rule"] == "ACT-4e"
    _settings(db, [{"activityType": "tasks", "source": "GMAIL_EXTENSION", "company": "primary"}])
    task = crm.log("contacts", c, "tasks", "GMAIL_EXTENSION")
    assert task["rule"] == "ACT-5"
    assert crm.records_of(task["activity"]["id"]) == {("contacts", c): "ACT-1", ("companies", co): "ACT-5"}


def test_act5_settings_are_read_at_logging_time_and_validated(crm, db):
    c, co, _ = crm.contact_with_crm(n_deals=0)
    _settings(db, [{"company": "none"}])
    assert ("companies", co) not in crm.records_of(crm.log("contacts", c)["activity"]["id"])
    _settings(db, [])
    assert ("companies", co) in crm.records_of(crm.log("contacts", c)["activity"]["id"])
    for bad in ({"deals": 6}, {"source": "FAX"}, {"loggedOn": "companies", "company": "primary"},
                {"loggedOn": "deals", "deals": 1}):
        with pytest.raises(ValidationFailed):
            _settings(db, [bad])
    assert db.read(act_settings.list_settings) == []


# ---------------------------------------------------------------- ACT-6

def test_act6_manual_association_list_grouped_search_and_remove(crm, db):
    c = crm.contact("Ada")
    co, d = crm.company("Globex"), crm.deal("Big Globex deal")
    note = crm.log("contacts", c)["activity"]["id"]
    found = db.read(lambda tx: act_manual.search_records(tx, "globex"))
    assert {(r["objectType"], r["id"]) for r in found} == {("companies", co), ("deals", d)}
    for object_type, object_id in (("companies", co), ("deals", d)):
        db.write(lambda tx: act_manual.associate(tx, note, object_type, object_id, user=ADMIN))
    listed = db.read(lambda tx: act_manual.list_records(tx, note))
    assert listed["total"] == 3
    assert {k: v["total"] for k, v in listed["byType"].items()} == {"contacts": 1, "companies": 1, "deals": 1}
    assert crm.records_of(note)[("companies", co)] == "manual"
    manual = next(r for r in listed["results"] if r["id"] == co)
    assert manual["by"] == "7" and manual["at"] > 0
    db.write(lambda tx: act_manual.remove(tx, note, "companies", co))
    assert ("companies", co) not in crm.records_of(note)


# ---------------------------------------------------------------- ACT-7

def test_act7_limit_refuses_with_clear_error_and_nothing_changes(crm, db):
    c1, c2, c3 = crm.contact("A"), crm.contact("B"), crm.contact("C")
    db.write(lambda tx: association_definitions.set_limits(tx, "notes", "contacts",
                                                           [{"typeId": 202, "maxToObjectIds": 2}]))
    note = crm.log("contacts", c1)["activity"]["id"]
    db.write(lambda tx: act_manual.associate(tx, note, "contacts", c2, user=ADMIN))
    with pytest.raises(LimitExceeded) as exc:
        db.write(lambda tx: act_manual.associate(tx, note, "contacts", c3, user=ADMIN))
    assert "limit" in exc.value.message.lower()
    assert set(crm.records_of(note)) == {("contacts", c1), ("contacts", c2)}
    # a call has its own limits: the note's limit does not apply to it
    call = crm.log("contacts", c1, "calls")["activity"]["id"]
    for other in (c2, c3):
        db.write(lambda tx: act_manual.associate(tx, call, "contacts", other, user=ADMIN))
    assert len(crm.records_of(call)) == 3


def test_act7_auto_association_keeps_what_fits_under_a_limit(crm, db):
    c, co, deals = crm.contact_with_crm(n_deals=4)
    db.write(lambda tx: association_definitions.set_limits(tx, "notes", "deals", [{"typeId": 214, "maxToObjectIds": 2}]))
    out = crm.log("contacts", c)
    got = crm.records_of(out["activity"]["id"])
    assert len([k for k in got if k[0] == "deals"]) == 2
    assert ("companies", co) in got
    assert len(out["skipped"]) == 2 and all(s["objectType"] == "deals" for s in out["skipped"])


def test_act7_a_records_own_limit_skips_it_when_auto_associated_and_refuses_a_log_on_it(crm, db):
    c, co, deals = crm.contact_with_crm(n_deals=2)
    # deals → notes (213): a deal may hold one note; contacts → notes (201): a contact two
    db.write(lambda tx: association_definitions.set_limits(tx, "deals", "notes",
                                                           [{"typeId": 213, "maxToObjectIds": 1}]))
    db.write(lambda tx: association_definitions.set_limits(tx, "contacts", "notes",
                                                           [{"typeId": 201, "maxToObjectIds": 2}]))
    first = crm.log("contacts", c)
    assert first["skipped"] == [] and ("deals", deals[0]) in crm.records_of(first["activity"]["id"])
    second = crm.log("contacts", c)  # both deals are full now: left out, reported; the rest is written
    assert {(s["objectType"], s["id"]) for s in second["skipped"]} == {("deals", d) for d in deals}
    assert all("limit" in s["reason"].lower() and s["rule"] == "ACT-3" for s in second["skipped"])
    assert crm.records_of(second["activity"]["id"]) == {("contacts", c): "ACT-1", ("companies", co): "ACT-3"}
    assert crm.log("contacts", c, "calls")["skipped"] == []  # calls have limits of their own
    before = db.query("admin/counts")
    with pytest.raises(LimitExceeded) as exc:  # the contact itself is full: the whole log is refused
        crm.log("contacts", c)
    assert c in exc.value.message and db.query("admin/counts") == before


# ---------------------------------------------------------------- ACT-8

def test_act8_new_deal_gets_past_calls_emails_notes_meetings_tasks_never_marketing_events(crm, db, app):
    co, c = crm.company(), crm.contact()
    now = int(time.time() * 1000)
    recent = {t: crm.log("companies", co, t, properties={"hs_timestamp": str(now - 10 * DAY)})["activity"]["id"]
              for t in ("calls", "emails", "notes", "meetings", "tasks")}
    sms = crm.log("companies", co, "communications", properties={"hs_timestamp": str(now - DAY),
                                                                 "hs_communication_channel_type": "SMS"})
    old = crm.log("contacts", c, properties={"hs_timestamp": str(now - 45 * DAY)})["activity"]["id"]
    contact_recent = crm.log("contacts", c, "calls", properties={"hs_timestamp": str(now - DAY)})["activity"]["id"]
    db.write(lambda tx: act_timeline.record_event(tx, "companies", co, "FORM_SUBMISSION",
                                                  event_id=app.extensions["ids"].one(), timestamp=now - DAY))
    assoc = [{"to": {"id": co}, "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 341}]},
             {"to": {"id": c}, "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 3}]}]
    deal_id = app.extensions["ids"].one()
    out = db.write(lambda tx: act_past.create_with_past_activities(
        tx, "deals", {"dealname": "New"}, assoc, object_id=deal_id, copy_days=30, user=ADMIN))
    timeline = _timeline_ids(db, "deals", deal_id, limit=100)
    assert set(timeline) == set(recent.values()) | {contact_recent}
    assert {a["id"] for a in out["copiedActivities"]} == set(timeline)
    assert old not in timeline and sms["activity"]["id"] not in timeline
    assert crm.records_of(recent["notes"])[("deals", deal_id)] == "ACT-8"
    # a wider window reaches the older note; without the option nothing is copied
    wider = app.extensions["ids"].one()
    db.write(lambda tx: act_past.create_with_past_activities(tx, "deals", {"dealname": "W"}, assoc, object_id=wider,
                                                             copy_days=60, user=ADMIN))
    assert old in _timeline_ids(db, "deals", wider, limit=100)
    none = app.extensions["ids"].one()
    db.write(lambda tx: act_past.create_with_past_activities(tx, "tickets", {"subject": "T"}, None, object_id=none,
                                                             copy_days=None))
    assert _timeline_ids(db, "tickets", none) == []


# ---------------------------------------------------------------- explain / preview

def test_act_preview_matches_logging_and_writes_nothing(crm, db):
    from app import cypher

    c, co, deals = crm.contact_with_crm(n_deals=2)
    before = db.query("admin/counts")
    seen = db.read(lambda tx: act.preview(tx, "contacts", c, "notes", "CRM_UI"))
    assert db.query("admin/counts") == before
    logged = crm.log("contacts", c)
    assert {(r["objectType"], r["id"], r["rule"]) for r in seen["results"]} == \
        {(r["objectType"], r["id"], r["rule"]) for r in logged["associations"]}
    assert seen["rule"] == "ACT-3" and cypher.registry().get("act/log_facts").mode == "read"


def test_act_explain_gives_rule_by_and_at_per_record(crm, db):
    c, co, _ = crm.contact_with_crm(n_deals=0)
    before = int(time.time() * 1000)
    note = crm.log("contacts", c, user={"id": "42"})["activity"]["id"]
    out = db.read(lambda tx: act.explain(tx, note))
    assert out["decision"]["rule"] == "ACT-3" and out["loggedOn"] == {"objectType": "contacts", "id": c}
    by_id = {r["id"]: r for r in out["results"]}
    assert by_id[c]["rule"] == "ACT-1" and by_id[co]["rule"] == "ACT-3"
    assert all(r["by"] == "42" and r["at"] >= before and r["reason"] for r in out["results"])
    one = db.read(lambda tx: act.explain(tx, note, "companies", co))
    assert [r["id"] for r in one["results"]] == [co]
    with pytest.raises(NotFound):
        db.read(lambda tx: act.explain(tx, note, "companies", crm.company("Other")))


def test_act_bad_input_writes_nothing(crm, db):
    c = crm.contact()
    before = db.query("admin/counts")
    for kw in ({"activity_type": "contacts"}, {"source": "FAX"}, {"activity_type": "notes", "thread_id": "t"},
               {"properties": {"hs_note_body": 5, "nope": "x"}}):
        with pytest.raises(ValidationFailed):
            crm.log("contacts", c, **kw)
    with pytest.raises(NotFound):
        crm.log("contacts", "999999")
    assert db.query("admin/counts") == before
