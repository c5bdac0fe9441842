"""Shared fixtures: a real Neo4j per test session, emptied and re-seeded before each test.

`app`/`client` follow Flask's tutorial; `api` is a client that sends a user's bearer token;
`live_server` serves the app over real HTTP for HubSpot's SDK (tests/compat).
"""
from __future__ import annotations

import os
import threading

import pytest

from tests.neo4j_provider import neo4j_for_tests


@pytest.fixture(scope="session")
def neo4j_server():
    with neo4j_for_tests() as (uri, user, password):
        yield {"NEO4J_URI": uri, "NEO4J_USER": user, "NEO4J_PASSWORD": password}


@pytest.fixture(scope="session")
def app(neo4j_server):
    from app import create_app

    application = create_app({**neo4j_server, "TESTING": True, "TOKEN_CACHE_SECONDS": 0})
    yield application
    application.extensions["neo4j"].close()


@pytest.fixture(scope="session")
def db(app):
    return app.extensions["neo4j"]


@pytest.fixture(autouse=True)
def clean_db(request):
    """Every test that touches Neo4j starts from an empty, freshly seeded database."""
    if "app" not in request.fixturenames and "db" not in request.fixturenames and \
            "client" not in request.fixturenames and "api" not in request.fixturenames:
        yield
        return
    application = request.getfixturevalue("app")
    from app import objecttypes
    from app.schema import seed, wipe

    database = application.extensions["neo4j"]
    wipe(database)
    seed(database)
    application.extensions["ids"].reset()
    application.extensions.get("token_cache", {}).clear()
    objecttypes.clear_custom()
    yield


@pytest.fixture
def client(app):
    return app.test_client()


class ApiClient:
    """Flask test client that authenticates as one user and returns (status, json)."""

    def __init__(self, client, token: str):
        self.client = client
        self.token = token

    def _call(self, method, path, json=None, **kw):
        headers = {"Authorization": f"Bearer {self.token}", **kw.pop("headers", {})}
        resp = self.client.open(path, method=method, json=json, headers=headers, **kw)
        return resp.status_code, (resp.get_json(silent=True) if resp.data else None)

    def get(self, path, **kw):
        return self._call("GET", path, **kw)

    def post(self, path, json=None, **kw):
        return self._call("POST", path, json=json, **kw)

    def put(self, path, json=None, **kw):
        return self._call("PUT", path, json=json, **kw)

    def patch(self, path, json=None, **kw):
        return self._call("PATCH", path, json=json, **kw)

    def delete(self, path, **kw):
        return self._call("DELETE", path, **kw)


def make_user(db, email="admin@example.com", super_admin=True, read_only=False):
    """Create a user; returns (user dict, token)."""
    from app.repo import users

    token = users.new_token()
    user = db.write(users.create, email.split("@")[0], email, email, "read_only" if read_only else "full",
                    super_admin, token)
    return user, token


@pytest.fixture
def admin_token(db):
    return make_user(db)[1]


@pytest.fixture
def api(client, admin_token):
    """An API client acting as a super admin with a full seat."""
    return ApiClient(client, admin_token)


@pytest.fixture
def user_api(client, db):
    """A second client: an ordinary (not super admin) user with a full seat."""
    return ApiClient(client, make_user(db, "user@example.com", super_admin=False)[1])


@pytest.fixture
def readonly_api(client, db):
    """A client whose user has a read-only seat."""
    return ApiClient(client, make_user(db, "viewer@example.com", super_admin=False, read_only=True)[1])


@pytest.fixture
def live_server(app):
    """The app on a real HTTP port (threaded), for HubSpot's SDK; yields its base URL."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)


def pytest_report_header(config):
    return f"neo4j: {os.environ.get('NEO4J_URI') or 'local server from Maven Central (tests/neo4j_provider.py)'}"
