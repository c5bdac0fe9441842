"""`crmgraph demo`: a small demo CRM and a token to explore it with.

The data goes in through the app's own HubSpot-compatible routes (in process), so the demo
exercises exactly what API users call. Idempotent: a second run finds the demo data there
and only prints the token again (kept in `<neo4j home>/demo-token`, mode 600, git-ignored).
"""
from __future__ import annotations

import json
import uuid

import click

from app.localneo4j import LocalNeo4j
from app.repo import users as users_repo
from cli.context import Context, pass_ctx

COMPANIES = [("Acme Corp", "acme.example", "Boston"), ("Globex", "globex.example", "Springfield"),
             ("Initech", "initech.example", "Austin")]
CONTACTS = [("ada@acme.example", "Ada", "Lovelace", 0, "Boston"),
            ("grace@acme.example", "Grace", "Hopper", 0, "Boston"),
            ("hank@globex.example", "Hank", "Scorpio", 1, "Springfield"),
            ("peter@initech.example", "Peter", "Gibbons", 2, "Austin")]
DEALS = [("Acme renewal", "contractsent", 0), ("Acme expansion", "qualifiedtobuy", 0),
         ("Globex pilot", "closedwon", 1), ("Initech upgrade", "appointmentscheduled", 2)]


def _token_file():
    return LocalNeo4j().home / "demo-token"


def _ensure_token(db) -> str:
    path = _token_file()
    if path.exists():
        token = path.read_text().strip()
        if db.read(users_repo.by_token, token):
            return token
    token = users_repo.new_token()
    db.write(users_repo.create, "demo-" + uuid.uuid4().hex[:6], "admin@demo.local", "Demo admin", "full", True, token)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(token + "\n")
    path.chmod(0o600)
    return token


class _Api:
    def __init__(self, client, token):
        self.client, self.headers = client, {"Authorization": f"Bearer {token}"}

    def call(self, method, path, body=None):
        resp = self.client.open(path, method=method, json=body, headers=self.headers)
        data = resp.get_json(silent=True)
        if resp.status_code >= 400:
            raise click.ClickException(f"demo: {method} {path} → {resp.status_code}: {json.dumps(data)[:300]}")
        return data


def _assoc(to_id, type_id):
    return {"to": {"id": to_id}, "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": type_id}]}


def build(api: _Api) -> dict:
    """Create the demo records and a few activities; returns counts."""
    companies = [api.call("POST", "/crm/v3/objects/companies",
                          {"properties": {"name": n, "domain": d, "city": c, "location": c}})["id"]
                 for n, d, c in COMPANIES]
    contacts = []
    for email, first, last, company, city in CONTACTS:
        contacts.append(api.call("POST", "/crm/v3/objects/contacts", {
            "properties": {"email": email, "firstname": first, "lastname": last, "city": city},
            "associations": [_assoc(companies[company], 1)]})["id"])
    for name, stage, company in DEALS:
        people = [contacts[i] for i, c in enumerate(CONTACTS) if c[3] == company]
        api.call("POST", "/crm/v3/objects/deals", {
            "properties": {"dealname": name, "dealstage": stage, "pipeline": "default"},
            "associations": [_assoc(companies[company], 5)] + [_assoc(p, 3) for p in people]})
    api.call("POST", "/crm/v3/objects/notes", {
        "properties": {"hs_timestamp": "2026-01-05T10:00:00Z", "hs_note_body": "Kick-off call went well."},
        "associations": [_assoc(contacts[0], 202)]})
    return {"companies": len(companies), "contacts": len(contacts), "deals": len(DEALS)}


@click.command("demo")
@pass_ctx
def demo(ctx: Context) -> None:
    """Load a small demo CRM (companies, contacts, deals, a note) and print an API token."""
    from app import create_app

    token = _ensure_token(ctx.db)
    app = create_app()
    try:
        api = _Api(app.test_client(), token)
        found = api.call("POST", "/crm/v3/objects/contacts/search", {
            "filterGroups": [{"filters": [{"propertyName": "email", "operator": "EQ", "value": CONTACTS[0][0]}]}]})
        if found.get("total"):
            click.echo("demo data already loaded", err=True)
        else:
            counts = build(api)
            click.echo("demo data: " + ", ".join(f"{v} {k}" for k, v in counts.items()), err=True)
    finally:
        app.extensions["neo4j"].close()
    click.echo(f"API token (Authorization: Bearer …): {token}")


commands = [demo]
