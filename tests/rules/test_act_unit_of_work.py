"""Logging as a unit of work (ACT issue point 1: one write transaction): when a log needs its
facts first (an email thread, a conversation, a custom object, a configured limit) `act.log`
runs `act/log_facts` as an auto-commit read and `act/log_write` as one auto-commit write
statement (`Database.reads_then_write`; the usual log is one statement, tests/rules/test_act_one_trip.py). These tests show what makes that safe: the write is refused
unless it is the unit's final statement, a unit that needs another write runs in one managed
transaction instead (all or nothing), and the write re-checks the record it depends on.
"""
from __future__ import annotations

import pytest

from app import cypher
from app.errors import NotFound
from app.rules import act
from tests.rules.act_helpers import Crm

_COUNT = "MATCH (a:Object {id: $id}) RETURN count(a) AS n"


@pytest.fixture
def crm(app, db):
    return Crm(app, db)


def _exists(db, object_id: str) -> bool:
    return db.read(lambda tx: tx.run(_COUNT, id=object_id).single()["n"]) == 1


class _Recorder:
    """Wraps the unit's `tx` to record which queries ran and through what."""

    def __init__(self, tx):
        self.tx, self.names = tx, []

    def run(self, text, parameters=None, **kw):
        q = cypher.registry().by_text(text)
        self.names.append(q.name if q else text[:40])
        return self.tx.run(text, parameters, **kw)


def test_act_log_with_facts_is_two_autocommit_statements_read_then_final_write(crm, db, monkeypatch):
    c, co, deals = crm.contact_with_crm(n_deals=2)
    seen = {}
    real = db.reads_then_write

    def spy(work, *a, final, **kw):
        def wrapped(tx, *aa, **kk):
            rec = _Recorder(tx)
            seen["kind"] = type(tx).__name__
            try:
                return work(rec, *aa, **kk)
            finally:
                seen["names"] = rec.names
        return real(wrapped, *a, final=final, **kw)

    monkeypatch.setattr(db, "reads_then_write", spy)
    out = act.log(db, "contacts", c, "emails", {"hs_timestamp": "1"}, source="DESKTOP_CLIENT", thread_id="uow-1",
                  activity_id=crm.app.extensions["ids"].one(), user={"id": "7"})
    assert seen["kind"] == "_ReadsThenOneWrite"           # auto-commit runner, not a managed transaction
    assert seen["names"] == ["act/log_facts", "act/log_write"]
    assert {(a["objectType"], a["id"]) for a in out["associations"]} == \
        {("contacts", c), ("companies", co), *(("deals", d) for d in deals)}


def test_act_unit_refuses_a_write_that_is_not_its_final_one_before_running_it(db):
    runner_types = []

    def work(tx):
        runner_types.append(type(tx).__name__)
        # a write that is not the declared final statement: refused in auto-commit mode,
        # then the whole unit runs again in one managed transaction
        cypher.run(tx, "ids/allocate_block", name="unit-test", size=1)
        return "done"

    assert db.reads_then_write(work, final="act/log_write") == "done"
    assert runner_types == ["_ReadsThenOneWrite", "ManagedTransaction"]


def test_act_unit_fallback_is_all_or_nothing(db):
    def work(tx):
        cypher.run(tx, "ids/allocate_block", name="unit-rollback", size=5)
        raise RuntimeError("boom after the first write")

    before = db.read(lambda tx: tx.run("MATCH (s:IdSequence {name: 'unit-rollback'}) RETURN count(s) AS n")
                     .single()["n"])
    with pytest.raises(RuntimeError, match="boom"):
        db.reads_then_write(work, final="act/log_write")
    after = db.read(lambda tx: tx.run("MATCH (s:IdSequence {name: 'unit-rollback'}) RETURN count(s) AS n")
                    .single()["n"])
    assert before == after == 0


def test_act_unit_refuses_statements_after_its_final_write(crm, db):
    c = crm.contact()

    def work(tx):
        act.log_activity(tx, "contacts", c, "notes", {}, source="CRM_UI",
                         activity_id=crm.app.extensions["ids"].one())
        cypher.run(tx, "act/activity_meta", activity_id="x")

    with pytest.raises(RuntimeError, match="after act/log_write"):
        db.reads_then_write(work, final="act/log_write")


def test_act_log_writes_nothing_when_the_record_vanishes_between_read_and_write(crm, db, monkeypatch):
    c, co, deals = crm.contact_with_crm(n_deals=1)
    real_plan = act.plan_edges

    def delete_record_then_plan(tx, *a, **kw):
        # another client deletes the contact after the facts were read, before the write
        db.write(lambda t: t.run("MATCH (n:Object {id: $id}) DETACH DELETE n", id=c).consume())
        return real_plan(tx, *a, **kw)

    monkeypatch.setattr(act, "plan_edges", delete_record_then_plan)
    aid = crm.app.extensions["ids"].one()
    with pytest.raises(NotFound):  # an email in a thread: the facts are read before the write
        act.log(db, "contacts", c, "emails", {"hs_timestamp": "1"}, source="DESKTOP_CLIENT", thread_id="uow-2",
                activity_id=aid)
    assert not _exists(db, aid)                        # no orphan activity
    assert _exists(db, co) and _exists(db, deals[0])   # and nothing else touched


def test_act_log_on_a_custom_record_needing_a_new_type_runs_as_one_transaction(api, db, crm, monkeypatch):
    st, _ = api.post("/crm/v3/schemas", {
        "name": "cars", "labels": {"singular": "Car", "plural": "Cars"}, "primaryDisplayProperty": "model",
        "requiredProperties": ["model"], "properties": [{"name": "model", "label": "Model", "type": "string",
                                                         "fieldType": "text"}], "associatedObjects": ["CONTACT"]})
    assert st == 201
    car = crm.create("cars", model="T")
    managed = []
    real_write = db.write
    monkeypatch.setattr(db, "write", lambda work, *a, **kw: managed.append(1) or real_write(work, *a, **kw))
    out = act.log(db, "cars", car, "notes", {"hs_note_body": "x"}, source="CRM_UI",
                  activity_id=crm.app.extensions["ids"].one())
    assert managed == [1]  # the notes ↔ cars type had to be created first: one managed transaction
    assert [(a["objectType"], a["id"], a["rule"]) for a in out["associations"]] == [("cars", car, "ACT-1")]
    assert act.log(db, "cars", car, "notes", {}, source="CRM_UI", activity_id=crm.app.extensions["ids"].one())
    assert managed == [1]  # the type exists now: back to the two auto-commit statements
