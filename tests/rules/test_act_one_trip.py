"""Logging in one round trip (`act/log_one`, compare-and-write; `app.rules.act._log_one_trip`).

The usual log — no thread, no conversation, a contact, company, deal or ticket — is one
statement that decides from the configuration the process remembered and writes only if the
graph still holds exactly that configuration. These tests show it is one statement, that it
makes the same decision and writes the same edges as the two-statement path (`act/log_facts`
+ `act/log_write`, which reads everything in the log itself), and that a remembered
configuration can never be written from once it is stale: a setting changed after it was
remembered, or a memory poisoned on purpose, still gives the graph's answer.
"""
from __future__ import annotations

import pytest

from app import cypher
from app.errors import NotFound
from app.repo import activities as repo
from app.rules import act, act_settings
from tests.rules.act_helpers import Crm

ADMIN = {"id": "1", "superAdmin": True}


@pytest.fixture
def crm(app, db):
    return Crm(app, db)


class _Statements:
    """Every named query `db.reads_then_write` units run, in order."""

    def __init__(self, db, monkeypatch):
        self.names: list[str] = []
        real = db.reads_then_write

        def spy(work, *a, final, **kw):
            def wrapped(tx, *aa, **kk):
                return work(_Recorder(tx, self.names), *aa, **kk)
            return real(wrapped, *a, final=final, **kw)

        monkeypatch.setattr(db, "reads_then_write", spy)


class _Recorder:
    def __init__(self, tx, names):
        self.tx, self.names = tx, names

    def run(self, text, parameters=None, **kw):
        q = cypher.registry().by_text(text)
        self.names.append(q.name if q else text[:40])
        return self.tx.run(text, parameters, **kw)


def _two_statement_log(crm, record_type, record_id, activity_type="notes", source="CRM_UI", properties=None):
    """The same log through `act/log_facts` + `act/log_write` (what `act.log` falls back to)."""
    aid = crm.app.extensions["ids"].one()
    return crm.db.reads_then_write(
        lambda tx: act.log_activity(tx, record_type, record_id, activity_type, properties or {}, source=source,
                                    activity_id=aid, user={"id": "7"}),
        final=repo.LOG_WRITE)


def _shape(out: dict) -> dict:
    """An answer without what differs between two logs (ids, times)."""
    return {"rule": out["rule"], "reason": out["reason"], "loggedOn": out["loggedOn"], "skipped": out["skipped"],
            "associations": [(a["objectType"], a["id"], a["typeIds"], a["rule"], a["by"]) for a in out["associations"]],
            "properties": sorted(k for k in out["activity"]["properties"])}


def test_act_one_trip_usual_log_is_one_statement(crm, db, monkeypatch):
    c, co, deals = crm.contact_with_crm(n_deals=2)
    db.memo.clear()  # a process that never logged a note on a contact from the CRM UI
    seen = _Statements(db, monkeypatch)
    first = crm.log("contacts", c, "notes", "CRM_UI", properties={"hs_note_body": "a"}, user={"id": "7"})
    assert seen.names == ["act/log_one", "act/log_one"]   # read the configuration, then compare-and-write
    seen.names.clear()
    second = crm.log("contacts", c, "notes", "CRM_UI", properties={"hs_note_body": "b"}, user={"id": "7"})
    assert seen.names == ["act/log_one"]                  # one round trip from then on
    expected = {("contacts", c): "ACT-1", ("companies", co): "ACT-3", **{("deals", d): "ACT-3" for d in deals}}
    assert crm.records_of(first["activity"]["id"]) == crm.records_of(second["activity"]["id"]) == expected
    seen.names.clear()
    crm.log("contacts", c, "emails", "DESKTOP_CLIENT", thread_id="t-one-trip")  # a thread needs the facts
    assert seen.names == ["act/log_facts", "act/log_write"]


def _scenarios(crm):
    c, co, deals = crm.contact_with_crm(n_deals=6, closed=1)
    t = crm.ticket()
    crm.link("contacts", c, "tickets", t)
    d = deals[0]
    crm.primary("deals", d, co)
    crm.primary("tickets", t, co)
    return [("contacts", c, "notes", "CRM_UI"), ("contacts", c, "calls", "MOBILE_APP"),
            ("contacts", c, "tasks", "GMAIL_EXTENSION"), ("contacts", c, "tasks", "SEQUENCE"),
            ("contacts", c, "emails", "MOBILE_APP"), ("contacts", c, "meetings", "SEQUENCE"),
            ("deals", d, "notes", "CRM_UI"), ("tickets", t, "calls", "API"), ("companies", co, "notes", "CRM_UI")]


def test_act_one_trip_decides_and_writes_as_the_two_statement_path(crm, db):
    act_settings_rows = [{"loggedOn": "contacts", "activityType": "calls", "source": "*", "company": "none",
                          "deals": 2, "tickets": 1},
                         {"loggedOn": "deals", "activityType": "*", "source": "*", "company": "primary",
                          "contacts": 3}]
    db.write(lambda tx: act_settings.replace(tx, act_settings_rows, ADMIN))
    for record_type, record_id, activity_type, source in _scenarios(crm):
        one = crm.log(record_type, record_id, activity_type, source, properties={"hs_timestamp": "5"},
                      user={"id": "7"})
        two = _two_statement_log(crm, record_type, record_id, activity_type, source, {"hs_timestamp": "5"})
        case = (record_type, activity_type, source)
        assert _shape(one) == _shape(two), case
        assert crm.records_of(one["activity"]["id"]) == crm.records_of(two["activity"]["id"]), case
        assert len(one["associations"]) >= 1, case


def test_act_one_trip_follows_a_setting_changed_after_it_was_remembered(crm, db):
    c, co, deals = crm.contact_with_crm(n_deals=2)
    before = crm.log("contacts", c, "notes", "CRM_UI")        # the configuration is remembered now
    assert len(before["associations"]) == 4
    # another process (or hand-written Cypher) changes the settings: this process is not told
    db.write(lambda tx: act_settings.replace(tx, [{"activityType": "notes", "company": "none", "deals": 0}], ADMIN))
    after = crm.log("contacts", c, "notes", "CRM_UI")
    assert after["rule"] == "ACT-5"
    assert crm.records_of(after["activity"]["id"]) == {("contacts", c): "ACT-1"}


def test_act_one_trip_never_writes_from_a_stale_memory(crm, db):
    c, co, deals = crm.contact_with_crm(n_deals=1)
    db.memo.clear()
    crm.log("contacts", c, "notes", "CRM_UI")
    memo = db.memo[repo.LOG_ONE]
    (key, real), = [(k, v) for k, v in memo.items() if k[:3] == ("contacts", "notes", "CRM_UI")]
    # poison the memory: a setting that says "nothing but the contact", which the graph does not hold
    memo[key] = {**real, "settings": [{"key": "contacts|notes|CRM_UI", "loggedOn": "contacts",
                                       "activityType": "notes", "source": "CRM_UI", "company": "none",
                                       "deals": 0, "tickets": 0, "contacts": 0}]}
    out = crm.log("contacts", c, "notes", "CRM_UI")
    assert out["rule"] == "ACT-3"                             # the graph's configuration, not the memory's
    assert crm.records_of(out["activity"]["id"]) == {("contacts", c): "ACT-1", ("companies", co): "ACT-3",
                                                      ("deals", deals[0]): "ACT-3"}
    assert memo[key] == real                                  # and the memory is the graph's again


def test_act_one_trip_missing_or_mistyped_record_is_404_and_writes_nothing(crm, db):
    c = crm.contact()
    count = "MATCH (a:Activity) RETURN count(a) AS n"
    n = db.read(lambda tx: tx.run(count).single()["n"])
    with pytest.raises(NotFound):
        crm.log("contacts", "987654321", "notes", "CRM_UI")
    with pytest.raises(NotFound):
        crm.log("deals", c, "notes", "CRM_UI")                # a contact's id is no deal
    assert db.read(lambda tx: tx.run(count).single()["n"]) == n
