"""Objects v3 search: OR of groups, AND within, every operator, sorts, total, paging."""
import pytest

BASE = "/crm/v3/objects"


@pytest.fixture
def deals(api):
    rows = [("alpha deal", "10", "appointmentscheduled"), ("beta deal", "20", "closedwon"),
            ("gamma", "30", "closedlost"), ("delta", None, "contractsent")]
    out = {}
    for name, amount, stage in rows:
        props = {"dealname": name, "dealstage": stage}
        if amount:
            props["amount"] = amount
        out[name] = api.post(f"{BASE}/deals", {"properties": props})[1]["id"]
    return out


def _names(api, body):
    st, res = api.post(f"{BASE}/deals/search", body)
    assert st == 200, res
    return sorted(r["properties"]["dealname"] for r in res["results"]), res


def f(prop, op, value=None, **kw):
    d = {"propertyName": prop, "operator": op, **kw}
    if value is not None:
        d["value"] = value
    return d


@pytest.mark.parametrize("flt, expected", [
    (f("amount", "EQ", "20"), ["beta deal"]),
    (f("amount", "NEQ", "20"), ["alpha deal", "delta", "gamma"]),
    (f("amount", "LT", "20"), ["alpha deal"]),
    (f("amount", "LTE", "20"), ["alpha deal", "beta deal"]),
    (f("amount", "GT", "20"), ["gamma"]),
    (f("amount", "GTE", "20"), ["beta deal", "gamma"]),
    (f("amount", "BETWEEN", "15", highValue="30"), ["beta deal", "gamma"]),
    (f("dealstage", "IN", values=["closedwon", "closedlost"]), ["beta deal", "gamma"]),
    (f("dealstage", "NOT_IN", values=["closedwon", "closedlost"]), ["alpha deal", "delta"]),
    (f("amount", "HAS_PROPERTY"), ["alpha deal", "beta deal", "gamma"]),
    (f("amount", "NOT_HAS_PROPERTY"), ["delta"]),
    (f("dealname", "CONTAINS_TOKEN", "DEAL"), ["alpha deal", "beta deal"]),
    (f("dealname", "NOT_CONTAINS_TOKEN", "deal"), ["delta", "gamma"]),
    (f("dealname", "EQ", "Gamma"), ["gamma"]),
    (f("hs_is_closed", "EQ", "true"), ["beta deal", "gamma"]),
])
def test_each_operator(api, deals, flt, expected):
    names, res = _names(api, {"filterGroups": [{"filters": [flt]}], "properties": ["dealname"]})
    assert names == expected and res["total"] == len(expected)


def test_groups_are_ored_and_filters_anded(api, deals):
    names, _ = _names(api, {"filterGroups": [
        {"filters": [f("amount", "GTE", "10"), f("amount", "LTE", "10")]},
        {"filters": [f("dealname", "EQ", "delta")]}]})
    assert names == ["alpha deal", "delta"]


def test_sort_total_and_paging(api, deals):
    body = {"sorts": [{"propertyName": "amount", "direction": "DESCENDING"}], "limit": 2,
            "filterGroups": [{"filters": [f("amount", "HAS_PROPERTY")]}]}
    st, p1 = api.post(f"{BASE}/deals/search", body)
    assert p1["total"] == 3 and [r["properties"]["amount"] for r in p1["results"]] == ["30", "20"]
    st, p2 = api.post(f"{BASE}/deals/search", {**body, "after": p1["paging"]["next"]["after"]})
    assert [r["properties"]["amount"] for r in p2["results"]] == ["10"] and "paging" not in p2
    st, asc = api.post(f"{BASE}/deals/search", {"sorts": ["amount"], "properties": ["amount"],
                                                "filterGroups": [{"filters": [f("amount", "HAS_PROPERTY")]}]})
    assert [r["properties"]["amount"] for r in asc["results"]] == ["10", "20", "30"]


def test_empty_body_and_free_text_query(api, deals):
    st, res = api.post(f"{BASE}/deals/search", {})
    assert st == 200 and res["total"] == 4
    names, _ = _names(api, {"query": "alp"})
    assert names == ["alpha deal"]


def test_email_eq_matches_case_insensitively(api):
    st, c = api.post(f"{BASE}/contacts", {"properties": {"email": "ada@x.com"}})
    st, res = api.post(f"{BASE}/contacts/search", {"filterGroups": [{"filters": [f("email", "EQ", "ADA@x.com")]}]})
    assert res["total"] == 1 and res["results"][0]["id"] == c["id"]


def test_email_eq_matches_additional_email(api, db):
    st, c = api.post(f"{BASE}/contacts", {"properties": {"email": "main@x.com"}})
    db.write(lambda tx: tx.run("MATCH (c:Contact {id: $id}) MERGE (e:EmailAddress {address: 'alt@x.com'}) "
                               "MERGE (c)-[:HAS_EMAIL {primary: false}]->(e)", id=c["id"]).consume())
    st, res = api.post(f"{BASE}/contacts/search", {"filterGroups": [{"filters": [f("email", "EQ", "alt@x.com")]}]})
    assert [r["id"] for r in res["results"]] == [c["id"]]


@pytest.mark.parametrize("body, field", [
    ({"filterGroups": [{"filters": [f("nope", "EQ", "1")]}]}, "filterGroups[0].filters[0].propertyName"),
    ({"filterGroups": [{"filters": [f("amount", "EQ", "abc")]}]}, "filterGroups[0].filters[0].value"),
    ({"filterGroups": [{"filters": [f("amount", "BETWEEN", "1")]}]}, "filterGroups[0].filters[0].highValue"),
    ({"filterGroups": [{"filters": [f("amount", "LIKE", "1")]}]}, "filterGroups.0.filters.0.operator"),
    ({"limit": 201}, "limit"),
    ({"sorts": [{"propertyName": "nope"}]}, "sorts[0].propertyName"),
])
def test_bad_search_is_400_naming_field(api, body, field):
    st, err = api.post(f"{BASE}/deals/search", body)
    assert st == 400 and field in [e["in"] for e in err["errors"]], err


def test_archived_objects_are_not_found(api, deals):
    api.delete(f"{BASE}/deals/{deals['gamma']}")
    names, res = _names(api, {})
    assert "gamma" not in names and res["total"] == 3
