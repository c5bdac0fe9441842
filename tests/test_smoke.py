"""The app starts against a real Neo4j, answers health, serves OpenAPI, and demands a token."""


def test_health_reports_neo4j_connected(client):
    resp = client.get("/health")
    assert resp.status_code == 200
    assert resp.get_json() == {"status": "ok", "neo4j": "connected"}


def test_openapi_is_served(client):
    resp = client.get("/openapi.json")
    assert resp.status_code == 200
    assert resp.get_json()["info"]["title"] == "crmgraph"


def test_missing_token_is_hubspot_401(client):
    resp = client.get("/crm/v3/objects/contacts")
    body = resp.get_json()
    assert resp.status_code == 401
    assert body["category"] == "INVALID_AUTHENTICATION" and body["status"] == "error" and body["correlationId"]


def test_seed_has_hubspot_association_types(db):
    from app import cypher

    counts = db.query("admin/counts")
    assert counts["nodes"] > 100
    assert "admin/counts" in cypher.registry()
