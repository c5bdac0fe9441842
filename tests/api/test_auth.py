"""Auth (issue 2 point 7): bearer tokens, HubSpot-shaped 401/403, read-only seats cannot write."""
from __future__ import annotations

import pytest

from tests.rules.assoc_helpers import count_rel, make


@pytest.fixture
def crm(db):
    make(db, "contacts", 101)
    make(db, "companies", 201)
    return db


def _hubspot_error(body, status, category):
    assert body["status"] == "error" and body["category"] == category
    assert body["message"] and body["correlationId"]


def test_no_token_is_401(client, crm):
    resp = client.get("/crm/v4/objects/contacts/101/associations/companies")
    assert resp.status_code == 401
    _hubspot_error(resp.get_json(), 401, "INVALID_AUTHENTICATION")
    assert "Authentication credentials not found" in resp.get_json()["message"]


def test_bad_token_is_401(client, crm):
    resp = client.get("/crm/v4/associations/contacts/companies/labels", headers={"Authorization": "Bearer pat-nope"})
    assert resp.status_code == 401
    _hubspot_error(resp.get_json(), 401, "INVALID_AUTHENTICATION")
    resp = client.get("/crm/v4/associations/contacts/companies/labels", headers={"Authorization": "Basic abc"})
    assert resp.status_code == 401


def test_read_only_seat_can_read_and_batch_read(readonly_api, api, crm):
    api.put("/crm/v4/objects/contacts/101/associations/default/companies/201")
    status, body = readonly_api.get("/crm/v4/objects/contacts/101/associations/companies")
    assert status == 200 and body["results"][0]["toObjectId"] == 201
    status, _ = readonly_api.post("/crm/v4/associations/contacts/companies/batch/read", json={"inputs": [{"id": "101"}]})
    assert status == 200
    status, _ = readonly_api.post("/crm/v3/objects/contacts/search", json={})
    assert status != 403


@pytest.mark.parametrize("method, path, body", [
    ("put", "/crm/v4/objects/contacts/101/associations/default/companies/201", None),
    ("post", "/crm/v4/associations/contacts/companies/batch/associate/default",
     {"inputs": [{"from": {"id": "101"}, "to": {"id": "201"}}]}),
    ("post", "/crm/v3/objects/contacts", {"properties": {"email": "x@example.com"}}),
    ("patch", "/crm/v3/objects/contacts/101", {"properties": {"firstname": "X"}}),
    ("delete", "/crm/v4/objects/contacts/101/associations/companies/201", None),
])
def test_read_only_seat_cannot_write(readonly_api, crm, method, path, body):
    kw = {"json": body} if body is not None else {}
    status, resp = getattr(readonly_api, method)(path, **kw)
    assert status == 403
    _hubspot_error(resp, 403, "MISSING_SCOPES")
    assert count_rel(crm, "CONTACT_COMPANY") == 0


def test_read_only_seat_delete_writes_nothing(readonly_api, api, crm):
    api.put("/crm/v4/objects/contacts/101/associations/default/companies/201")
    assert readonly_api.delete("/crm/v4/objects/contacts/101/associations/companies/201")[0] == 403
    assert count_rel(crm, "CONTACT_COMPANY") == 1


def test_require_super_admin_helper(app, db):
    from app.auth import require_super_admin
    from app.errors import Forbidden
    from flask import g

    with app.test_request_context():
        g.user = {"id": "u", "superAdmin": False, "seat": "full"}
        with pytest.raises(Forbidden):
            require_super_admin()
        g.user = {"id": "u", "superAdmin": True, "seat": "full"}
        assert require_super_admin()["id"] == "u"
