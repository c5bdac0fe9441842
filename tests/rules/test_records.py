"""The shared object layer (`app.rules.records`): typed values, history, email uniqueness,
stage-derived `closed`, merged-id resolution — called directly inside transactions."""
import json

import pytest

from app.errors import Conflict, NotFound, ValidationFailed
from app.rules import records


def _create(db, app, t, properties, **kw):
    oid = app.extensions["ids"].one()
    return db.write(lambda tx: records.create(tx, t, properties, object_id=oid, **kw))


def test_create_get_update_roundtrip_with_typed_values(app, db):
    deal = _create(db, app, "deals", {"dealname": "Big", "amount": "12.50", "closedate": "2024-05-01T12:00:00Z"})
    assert deal["properties"]["amount"] == "12.5"
    assert deal["properties"]["closedate"] == "2024-05-01T12:00:00.000Z"
    assert deal["properties"]["pipeline"] == "default" and deal["properties"]["dealstage"] == "appointmentscheduled"
    assert deal["properties"]["hs_is_closed"] == "false"
    got = db.read(lambda tx: records.get(tx, "deals", deal["id"], properties=["amount", "dealname", "description"]))
    assert got["properties"]["amount"] == "12.5" and got["properties"]["description"] is None
    assert got["properties"]["hs_object_id"] == deal["id"]
    # stored typed: amount float, closedate epoch ms
    node = db.read(lambda tx: __import__("app.repo.objects", fromlist=["x"]).fetch(tx, "deals", [deal["id"]]))[0]
    assert node["amount"] == 12.5 and node["closedate"] == 1714564800000 and node["closed"] is False


def test_mrg3_update_appends_history_only_for_changed_values(app, db):
    c = _create(db, app, "contacts", {"email": "Ada@Example.com", "firstname": "Ada"})
    assert c["properties"]["email"] == "ada@example.com"
    db.write(lambda tx: records.update(tx, "contacts", c["id"], {"firstname": "Ada", "lastname": "L"}))
    db.write(lambda tx: records.update(tx, "contacts", c["id"], {"firstname": "Augusta"}, source="CRM_UI"))
    got = db.read(lambda tx: records.get(tx, "contacts", c["id"], properties_with_history=["firstname", "lastname"]))
    hist = got["propertiesWithHistory"]["firstname"]
    assert [h["value"] for h in hist] == ["Augusta", "Ada"]
    assert hist[0]["sourceType"] == "CRM_UI" and hist[1]["sourceType"] == "API"
    assert [h["value"] for h in got["propertiesWithHistory"]["lastname"]] == ["L"]


def test_contact_email_unique_409_and_nothing_written(app, db):
    c = _create(db, app, "contacts", {"email": "a@x.com"})
    before = db.query("admin/counts")
    with pytest.raises(Conflict) as exc:
        _create(db, app, "contacts", {"email": "A@X.com", "firstname": "dup"})
    assert exc.value.message == f"Contact already exists. Existing ID: {c['id']}"
    assert db.query("admin/counts") == before


def test_unknown_and_wrong_type_properties_are_400(app, db):
    with pytest.raises(ValidationFailed) as exc:
        _create(db, app, "contacts", {"foo": "x", "num_conversion_events": "abc"})
    assert 'Property \\"foo\\" does not exist' in exc.value.message
    assert {e["in"] for e in exc.value.errors} == {"properties.foo", "properties.num_conversion_events"}


def test_deal_stage_closed_sets_closed_and_closedate(app, db):
    d = _create(db, app, "deals", {"dealname": "D"})
    up = db.write(lambda tx: records.update(tx, "deals", d["id"], {"dealstage": "closedwon"}))
    assert up["properties"]["hs_is_closed_won"] == "true" and up["properties"]["closedate"]
    with pytest.raises(ValidationFailed):
        db.write(lambda tx: records.update(tx, "deals", d["id"], {"dealstage": "nope"}))


def test_engagement_requires_hs_timestamp(app, db):
    with pytest.raises(ValidationFailed) as exc:
        _create(db, app, "notes", {"hs_note_body": "hi"})
    assert exc.value.errors[0]["in"] == "properties.hs_timestamp"
    n = _create(db, app, "notes", {"hs_note_body": "hi", "hs_timestamp": "1714564800000"}, source="SEQUENCE")
    assert n["properties"]["hs_timestamp"] == "2024-05-01T12:00:00.000Z"


def test_archive_then_get_is_404_and_list_pages(app, db):
    ids = [_create(db, app, "companies", {"name": f"c{i}"})["id"] for i in range(5)]
    db.write(lambda tx: records.archive(tx, "companies", [ids[0]]))
    with pytest.raises(NotFound):
        db.read(lambda tx: records.get(tx, "companies", ids[0]))
    p1 = db.read(lambda tx: records.list_page(tx, "companies", limit=2))
    assert [r["id"] for r in p1["results"]] == ids[1:3]
    p2 = db.read(lambda tx: records.list_page(tx, "companies", limit=2, after=p1["paging"]["next"]["after"]))
    assert [r["id"] for r in p2["results"]] == ids[3:5] and "paging" not in p2


def test_get_by_email_id_property(app, db):
    c = _create(db, app, "contacts", {"email": "b@x.com"})
    got = db.read(lambda tx: records.get(tx, "contacts", "B@x.com", id_property="email"))
    assert got["id"] == c["id"]
