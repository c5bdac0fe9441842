"""The example queries in cypher/README.md run against a small graph built through the API
and return what the README promises — so the graph model documentation stays true."""
import pathlib
import re

import pytest

README = pathlib.Path(__file__).resolve().parent.parent / "cypher" / "README.md"


def readme_queries():
    return re.findall(r"```cypher\n(.*?)```", README.read_text(), flags=re.S)


def _build(api):
    """Ada works at Acme (primary), has three open deals and a closed one, and a logged note."""
    def create(t, props):
        status, body = api.post(f"/crm/v3/objects/{t}", json={"properties": props})
        assert status == 201, body
        return body["id"]

    acme = create("companies", {"name": "Acme", "domain": "acme.example"})
    ada = create("contacts", {"email": "ada@example.com", "firstname": "Ada"})
    status, body = api.put(f"/crm/v4/objects/contacts/{ada}/associations/companies/{acme}",
                           json=[{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 1}])
    assert status == 201, body
    for i, stage in enumerate(["qualifiedtobuy", "closedwon", "contractsent", "appointmentscheduled"]):
        deal = create("deals", {"dealname": f"Deal {i}", "dealstage": stage, "pipeline": "default",
                                "createdate": f"2024-01-0{i + 1}T00:00:00Z"})
        status, body = api.put(f"/crm/v4/objects/deals/{deal}/associations/default/contacts/{ada}")
        assert status == 200, body
    status, body = api.post("/crm/v3/objects/notes", json={
        "properties": {"hs_timestamp": "2024-02-01T00:00:00Z", "hs_note_body": "hello"},
        "associations": [{"to": {"id": ada}, "types": [{"associationCategory": "HUBSPOT_DEFINED",
                                                         "associationTypeId": 202}]}]})
    assert status == 201, body


def test_readme_has_examples():
    assert len(readme_queries()) >= 4


def test_readme_examples_return_what_they_promise(api, db):
    _build(api)
    with db.session() as s:
        results = [[r.data() for r in s.run(q)] for q in readme_queries()]
    primary, open_deals, provenance, by_company = results[:4]
    assert primary == [{"company": "Acme"}]
    assert [r["deal"] for r in open_deals] == ["Deal 3", "Deal 2", "Deal 0"]
    assert len(provenance) == 1 and provenance[0]["type"] == "notes" and provenance[0]["rule"]
    assert by_company == [{"company": "Acme", "contacts": 1}]
