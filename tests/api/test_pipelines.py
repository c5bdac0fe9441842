"""Pipelines v3 API: HubSpot's default stages, custom pipelines, closed stages as data."""
PL = "/crm/v3/pipelines"
O = "/crm/v3/objects"


def test_default_deal_pipeline_has_hubspots_stages(api):
    st, body = api.get(f"{PL}/deals")
    assert st == 200
    default = body["results"][0]
    assert default["id"] == "default"
    assert [s["id"] for s in default["stages"]][-2:] == ["closedwon", "closedlost"]
    won = default["stages"][-2]
    assert won["metadata"] == {"isClosed": "true", "probability": "1.0"}


def test_create_pipeline_and_deal_in_it(api):
    st, p = api.post(f"{PL}/deals", {"label": "Partners", "displayOrder": 1, "stages": [
        {"label": "Talk", "displayOrder": 0, "metadata": {"probability": "0.5"}},
        {"label": "Signed", "displayOrder": 1, "metadata": {"probability": "1.0"}}]})
    assert st == 201, p
    talk, signed = p["stages"]
    st, d = api.post(f"{O}/deals", {"properties": {"dealname": "x", "pipeline": p["id"]}})
    assert st == 201 and d["properties"]["dealstage"] == talk["id"] and d["properties"]["hs_is_closed"] == "false"
    st, d2 = api.patch(f"{O}/deals/{d['id']}", {"properties": {"dealstage": signed["id"]}})
    assert d2["properties"]["hs_is_closed_won"] == "true"
    st, err = api.patch(f"{O}/deals/{d['id']}", {"properties": {"dealstage": "closedwon"}})
    assert st == 400 and err["errors"][0]["in"] == "properties.dealstage"


def test_changing_closed_stages_updates_deals_closed_flag(api, db):
    st, d = api.post(f"{O}/deals", {"properties": {"dealname": "x", "dealstage": "contractsent"}})
    assert d["properties"]["hs_is_closed"] == "false"
    st, stage = api.patch(f"{PL}/deals/default/stages/contractsent", {"metadata": {"isClosed": "true",
                                                                                  "probability": "0.9"}})
    assert st == 200 and stage["metadata"]["isClosed"] == "true"
    st, got = api.get(f"{O}/deals/{d['id']}")
    assert got["properties"]["hs_is_closed"] == "true"
    st, res = api.post(f"{O}/deals/search", {"filterGroups": [{"filters": [
        {"propertyName": "hs_is_closed", "operator": "EQ", "value": "false"}]}]})
    assert res["total"] == 0


def test_ticket_pipeline_is_closed_metadata(api):
    st, p = api.post(f"{PL}/tickets", {"label": "Bugs", "displayOrder": 1, "stages": [
        {"label": "Open", "displayOrder": 0, "metadata": {"isClosed": "false"}},
        {"label": "Done", "displayOrder": 1, "metadata": {"isClosed": "true"}}]})
    assert st == 201 and p["stages"][1]["metadata"]["ticketState"] == "CLOSED"
    st, t = api.post(f"{O}/tickets", {"properties": {"subject": "s", "hs_pipeline": p["id"],
                                                     "hs_pipeline_stage": p["stages"][1]["id"]}})
    assert st == 201 and t["properties"]["hs_is_closed"] == "true"


def test_bad_pipeline_input_is_400_and_writes_nothing(api, db):
    before = db.query("admin/counts")
    st, err = api.post(f"{PL}/deals", {"label": "X", "displayOrder": 1, "stages": [
        {"label": "A", "displayOrder": 0, "metadata": {"probability": "high"}}]})
    assert st == 400 and err["errors"][0]["in"] == "stages[0].metadata.probability"
    st, err = api.get(f"{PL}/contacts")
    assert st == 400
    assert db.query("admin/counts") == before
