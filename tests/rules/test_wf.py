"""Workflows with association actions (SPEC WF-1 … WF-5), against a real Neo4j.

Records are made through the records engine (so the enrolment hook runs as in production);
associations are read back through the association rules, from both sides, so paired labels
are checked the way a user sees them.
"""
from __future__ import annotations

import json

import pytest

from app.errors import AppError
from app.rules import association_definitions as defs
from app.rules import associations as assoc
from app.rules import records, search, wf
from app.repo import workflows as wf_repo

CONTACT_COMPANY, COMPANY_CONTACT = 279, 280
PRIMARY, PRIMARY_INV = 1, 2


# ------------------------------------------------------------------ helpers

def make(app, db, object_type, **props):
    oid = app.extensions["ids"].one()
    return db.write(lambda tx: records.create(tx, object_type, props, object_id=oid))["id"]


def update(db, object_type, oid, **props):
    return db.write(lambda tx: records.update(tx, object_type, oid, props))


def save(db, body):
    saved = db.write(lambda tx: wf.create(tx, {"name": "wf", **body}))
    wf.ensure_indexes(db, saved)
    return saved


def run(db, wid):
    return db.write(wf.run_now, wid)


def types(db, from_type, from_id, to_type, to_id):
    """Association type ids from `from_id`'s side (None when not associated)."""
    page = db.read(lambda tx: assoc.list_associations(tx, from_type, from_id, to_type))
    for r in page["results"]:
        if str(r["toObjectId"]) == str(to_id):
            return sorted(r["typeIds"])
    return None


def label(db, from_type, to_type, text, inverse):
    """A user-defined paired label; returns (from→to id, to→from id)."""
    made = db.write(lambda tx: defs.create_label(tx, from_type, to_type, text, text.lower().replace(" ", "_"), inverse))
    return made[0]["typeId"], made[1]["typeId"]


def associate(db, from_type, a, to_type, b, *type_ids):
    db.write(lambda tx: assoc.associate(tx, from_type, a, to_type, b, list(type_ids)))


def snapshot(db) -> str:
    """The whole graph as canonical JSON: every node (labels, properties) and every relationship
    (ends, type, properties). Two equal snapshots are the same graph byte for byte."""
    def work(tx):
        nodes = [r.data() for r in tx.run(
            "MATCH (n) RETURN elementId(n) AS k, labels(n) AS labels, properties(n) AS props")]
        rels = [r.data() for r in tx.run(
            "MATCH (a)-[r]->(b) RETURN elementId(a) AS a, type(r) AS type, elementId(b) AS b, properties(r) AS props")]
        counts = tx.run("MATCH (n) WITH count(n) AS n MATCH ()-[r]->() RETURN n, count(r) AS r").single().data()
        return counts, nodes, rels

    counts, nodes, rels = db.read(work)
    for n in nodes:
        n["labels"] = sorted(n["labels"])
    return json.dumps({"counts": counts, "nodes": sorted(nodes, key=lambda n: n["k"]),
                       "rels": sorted(rels, key=lambda r: (r["a"], r["type"], r["b"]))}, sort_keys=True, default=str)


def edge_set(db) -> set:
    """Every association edge with its type ids: (start id, rel type, end id, sorted types)."""
    rows = db.read(lambda tx: [r.data() for r in tx.run(
        "MATCH (a:Object)-[r]->(b:Object) WHERE r.types IS NOT NULL "
        "RETURN a.id AS a, type(r) AS t, b.id AS b, r.types AS types")])
    return {(r["a"], r["t"], r["b"], tuple(sorted(r["types"]))) for r in rows}


def bad(db, body):
    with pytest.raises(AppError) as exc:
        db.write(lambda tx: wf.create(tx, {"name": "bad", **body}))
    assert 400 <= exc.value.status < 500
    return exc.value


EVERY_CONTACT = {"filterGroups": [{"filters": [{"propertyName": "email", "operator": "HAS_PROPERTY"}]}]}


# ------------------------------------------------------------------ WF-2 create associations

def test_wf2_article_example_contact_city_matches_company_location_boston(app, db):
    ada = make(app, db, "contacts", email="ada@x.com", city="Boston")
    bob = make(app, db, "contacts", email="bob@x.com", city="Oslo")
    acme = make(app, db, "companies", name="Acme", location="Boston")
    other = make(app, db, "companies", name="Other", location="Paris")
    w = save(db, {"objectType": "contacts", "criteria": EVERY_CONTACT, "actions": [
        {"type": "CREATE_ASSOCIATIONS", "toObjectType": "companies", "enrolledProperty": "city",
         "matchProperty": "location"}]})
    result = run(db, w["id"])
    assert result["actions"][0]["created"] == 1
    assert types(db, "contacts", ada, "companies", acme) == [CONTACT_COMPANY]
    assert types(db, "companies", acme, "contacts", ada) == [COMPANY_CONTACT]  # paired from the other side
    assert types(db, "contacts", ada, "companies", other) is None
    assert types(db, "contacts", bob, "companies", acme) is None


def test_wf2_with_label_creates_labelled_pair_consistent_from_both_sides(app, db):
    fwd, inv = label(db, "contacts", "companies", "Branch contact", "Branch")
    c = make(app, db, "contacts", email="c@x.com", phone="+47 123")
    co = make(app, db, "companies", name="Co", phone="+47 123")
    w = save(db, {"objectType": "contacts", "criteria": EVERY_CONTACT, "actions": [
        {"type": "CREATE_ASSOCIATIONS", "toObjectType": "companies", "enrolledProperty": "phone",
         "matchProperty": "phone", "associationTypeId": fwd}]})
    run(db, w["id"])
    assert types(db, "contacts", c, "companies", co) == sorted([CONTACT_COMPANY, fwd])
    assert types(db, "companies", co, "contacts", c) == sorted([COMPANY_CONTACT, inv])


def test_wf2_company_enrolled_uses_inverse_direction_and_existing_edge_gets_label(app, db):
    fwd, inv = label(db, "companies", "contacts", "Local", "Local company")
    c = make(app, db, "contacts", email="c@x.com", city="Boston")
    co = make(app, db, "companies", name="Co", location="Boston")
    associate(db, "contacts", c, "companies", co)  # already associated, unlabelled
    w = save(db, {"objectType": "companies", "actions": [
        {"type": "CREATE_ASSOCIATIONS", "toObjectType": "contacts", "enrolledProperty": "location",
         "matchProperty": "city", "associationTypeId": fwd}]})
    result = run(db, w["id"])
    assert result["actions"][0]["relabelled"] == 1 and result["actions"][0]["created"] == 0
    assert types(db, "companies", co, "contacts", c) == sorted([COMPANY_CONTACT, fwd])
    assert types(db, "contacts", c, "companies", co) == sorted([CONTACT_COMPANY, inv])


def test_wf2_refuses_number_property_and_accepts_textarea(app, db):
    err = bad(db, {"objectType": "contacts", "actions": [
        {"type": "CREATE_ASSOCIATIONS", "toObjectType": "companies", "enrolledProperty": "city",
         "matchProperty": "numberofemployees"}]})
    assert err.errors[0]["in"] == "actions[0].matchProperty" and err.errors[0]["code"] == "WRONG_PROPERTY_TYPE"
    err = bad(db, {"objectType": "contacts", "actions": [
        {"type": "CREATE_ASSOCIATIONS", "toObjectType": "companies", "enrolledProperty": "lifecyclestage",
         "matchProperty": "location"}]})
    assert err.errors[0]["in"] == "actions[0].enrolledProperty"
    ok = save(db, {"objectType": "deals", "actions": [
        {"type": "CREATE_ASSOCIATIONS", "toObjectType": "tickets", "enrolledProperty": "description",
         "matchProperty": "content"}]})
    assert ok["actions"][0]["matchProperty"] == "content"


def test_wf2_index_is_created_and_plan_is_an_index_seek_without_cartesian_product(app, db):
    from app.rules.wf_identifiers import render
    from app.objecttypes import BUILTIN

    make(app, db, "contacts", email="a@x.com", city="Boston")
    make(app, db, "companies", name="Acme", location="Boston")
    save(db, {"objectType": "contacts", "actions": [
        {"type": "CREATE_ASSOCIATIONS", "toObjectType": "companies", "enrolledProperty": "city",
         "matchProperty": "location"}]})
    indexes = db.read(lambda tx: [r.data() for r in tx.run(
        "SHOW INDEXES YIELD labelsOrTypes, properties, type, state")])
    assert {"labelsOrTypes": ["Company"], "properties": ["location"], "type": "RANGE", "state": "ONLINE"} in indexes

    def profile(tx):
        q = render(tx, "wf/create_candidates", object_type=BUILTIN["companies"], prop="location",
                   rel="CONTACT_COMPANY")
        ids = [r["id"] for r in tx.run("MATCH (c:Contact) RETURN c.id AS id")]
        summary = tx.run("PROFILE " + q.text, ids=ids, enrolled_key="city", want_fwd=[279], want_bwd=[280]).consume()
        ops = []

        def walk(p):
            ops.append(p["operatorType"].split("@")[0])
            for c in p.get("children", []):
                walk(c)
        walk(summary.profile)
        return ops

    ops = db.read(profile)
    assert "NodeIndexSeek" in ops and "CartesianProduct" not in ops and "AllNodesScan" not in ops


def test_wf2_identifiers_outside_the_allow_list_are_refused(app, db):
    from app.rules.wf_identifiers import render
    from app.objecttypes import BUILTIN

    with pytest.raises(ValueError):
        db.read(lambda tx: render(tx, "wf/property_index", object_type=BUILTIN["companies"], prop="x`) DETACH"))
    with pytest.raises(ValueError):
        db.read(lambda tx: render(tx, "wf/property_index", object_type=BUILTIN["companies"], prop="nosuchprop"))
    with pytest.raises(ValueError):
        db.read(lambda tx: render(tx, "wf/associated_pairs", object_type=BUILTIN["companies"], rel="KNOWS"))


def test_wf2_primary_label_skips_contacts_with_a_primary_or_several_candidates(app, db):
    one = make(app, db, "contacts", email="one@x.com", city="Boston")
    two = make(app, db, "contacts", email="two@x.com", city="Oslo")
    has = make(app, db, "contacts", email="has@x.com", city="Boston")
    boston = make(app, db, "companies", name="B", location="Boston")
    oslo1 = make(app, db, "companies", name="O1", location="Oslo")
    oslo2 = make(app, db, "companies", name="O2", location="Oslo")
    elsewhere = make(app, db, "companies", name="E", location="Rome")
    associate(db, "contacts", has, "companies", elsewhere, PRIMARY)
    w = save(db, {"objectType": "contacts", "criteria": EVERY_CONTACT, "actions": [
        {"type": "CREATE_ASSOCIATIONS", "toObjectType": "companies", "enrolledProperty": "city",
         "matchProperty": "location", "associationTypeId": PRIMARY}]})
    result = run(db, w["id"])["actions"][0]
    assert types(db, "contacts", one, "companies", boston) == [PRIMARY, CONTACT_COMPANY]
    assert types(db, "contacts", two, "companies", oslo1) is None  # two candidates: ambiguous
    assert types(db, "contacts", has, "companies", boston) is None  # keeps its Primary
    assert types(db, "contacts", has, "companies", elsewhere) == [PRIMARY, CONTACT_COMPANY]
    assert result["skipped"] == 3 and {s["reason"] for s in result["skippedPairs"]} == {"PRIMARY_ALREADY_SET"}


def test_wf2_respects_configured_association_limit(app, db):
    c = make(app, db, "contacts", email="c@x.com", city="Boston")
    cos = [make(app, db, "companies", name=f"C{i}", location="Boston") for i in range(3)]
    db.write(lambda tx: defs.set_limits(tx, "contacts", "companies",
                                        [{"typeId": CONTACT_COMPANY, "maxToObjectIds": 2}]))
    w = save(db, {"objectType": "contacts", "criteria": EVERY_CONTACT, "actions": [
        {"type": "CREATE_ASSOCIATIONS", "toObjectType": "companies", "enrolledProperty": "city",
         "matchProperty": "location"}]})
    result = run(db, w["id"])["actions"][0]
    assert result["created"] == 0 and result["skipped"] == 3
    assert result["skippedPairs"][0]["reason"] == "ASSOCIATION_LIMIT_EXCEEDED"
    assert all(types(db, "contacts", c, "companies", co) is None for co in cos)


# ------------------------------------------------------------------ WF-3 apply labels

@pytest.fixture
def wf3_graph(app, db):
    """A company with three associated contacts and a 'Decision maker' label company → contact."""
    fwd, inv = label(db, "companies", "contacts", "Decision maker", "Decides for")
    co = make(app, db, "companies", name="Acme", country="Norway", location="Oslo")
    a = make(app, db, "contacts", email="a@x.com", country="Norway", jobtitle="Manager")
    b = make(app, db, "contacts", email="b@x.com", country="Sweden", jobtitle="Engineer")
    c = make(app, db, "contacts", email="c@x.com", jobtitle="Manager")
    for x in (a, b, c):
        associate(db, "companies", co, "contacts", x)
    return {"label": fwd, "inv": inv, "co": co, "a": a, "b": b, "c": c}


def _wf3(db, g, **refine):
    return save(db, {"objectType": "companies", "actions": [
        {"type": "APPLY_ASSOCIATION_LABELS", "toObjectType": "contacts", "associationTypeId": g["label"], **refine}]})


def _labelled(db, g):
    return {k for k in ("a", "b", "c") if g["label"] in (types(db, "companies", g["co"], "contacts", g[k]) or [])}


def test_wf3_all_associated_records_get_the_label_paired_from_both_sides(db, wf3_graph):
    g = wf3_graph
    run(db, _wf3(db, g)["id"])
    assert _labelled(db, g) == {"a", "b", "c"}
    assert g["inv"] in types(db, "contacts", g["a"], "companies", g["co"])


def test_wf3a_matching_property_only(db, wf3_graph):
    g = wf3_graph
    run(db, _wf3(db, g, applyTo="MATCHING_PROPERTY", enrolledProperty="country", associatedProperty="country")["id"])
    assert _labelled(db, g) == {"a"}


def test_wf3b_is_enrolled_record_property_equals_value(db, wf3_graph):
    g = wf3_graph
    run(db, _wf3(db, g, applyTo="ENROLLED_PROPERTY", enrolledProperty="location", operator="EQ", value="Oslo")["id"])
    assert _labelled(db, g) == {"a", "b", "c"}


def test_wf3b_is_not_enrolled_record_property_value(db, wf3_graph):
    g = wf3_graph
    result = run(db, _wf3(db, g, applyTo="ENROLLED_PROPERTY", enrolledProperty="location", operator="NEQ",
                          value="Oslo")["id"])
    assert _labelled(db, g) == set() and result["actions"][0]["relabelled"] == 0


def test_wf3c_is_associated_record_property_equals_value(db, wf3_graph):
    g = wf3_graph
    run(db, _wf3(db, g, applyTo="ASSOCIATED_PROPERTY", associatedProperty="jobtitle", operator="EQ",
                 value="Manager")["id"])
    assert _labelled(db, g) == {"a", "c"}


def test_wf3c_is_not_associated_record_property_value(db, wf3_graph):
    g = wf3_graph
    run(db, _wf3(db, g, applyTo="ASSOCIATED_PROPERTY", associatedProperty="country", operator="NEQ",
                 value="Norway")["id"])
    assert _labelled(db, g) == {"b", "c"}  # c has no country: it "is not" Norway


def test_wf3_refuses_pairs_without_labels_and_the_unlabelled_type(app, db):
    err = bad(db, {"objectType": "deals", "actions": [
        {"type": "APPLY_ASSOCIATION_LABELS", "toObjectType": "tickets", "associationTypeId": 27}]})
    assert err.errors[0]["in"] == "actions[0].toObjectType" and err.errors[0]["code"] == "NO_LABELS_FOR_PAIR"
    err = bad(db, {"objectType": "contacts", "actions": [
        {"type": "APPLY_ASSOCIATION_LABELS", "toObjectType": "companies", "associationTypeId": CONTACT_COMPANY}]})
    assert err.errors[0]["code"] == "NOT_A_LABEL"


# ------------------------------------------------------------------ WF-4 update labels

@pytest.fixture
def wf4_graph(app, db):
    dm, dm_inv = label(db, "contacts", "companies", "Decision maker", "Has decision maker")
    champ, champ_inv = label(db, "contacts", "companies", "Champion", "Has champion")
    c = make(app, db, "contacts", email="c@x.com")
    co1 = make(app, db, "companies", name="One")
    co2 = make(app, db, "companies", name="Two")
    associate(db, "contacts", c, "companies", co1, dm)
    associate(db, "contacts", c, "companies", co2)
    return {"dm": dm, "dm_inv": dm_inv, "champ": champ, "champ_inv": champ_inv, "c": c, "co1": co1, "co2": co2}


def test_wf4_add_label_beside_existing(db, wf4_graph):
    g = wf4_graph
    w = save(db, {"objectType": "contacts", "criteria": EVERY_CONTACT, "actions": [
        {"type": "UPDATE_ASSOCIATION_LABELS", "toObjectType": "companies", "existingAssociationTypeId": g["dm"],
         "mode": "ADD", "associationTypeId": g["champ"]}]})
    run(db, w["id"])
    assert types(db, "contacts", g["c"], "companies", g["co1"]) == sorted([CONTACT_COMPANY, g["dm"], g["champ"]])
    assert types(db, "companies", g["co1"], "contacts", g["c"]) == sorted([COMPANY_CONTACT, g["dm_inv"], g["champ_inv"]])
    assert types(db, "contacts", g["c"], "companies", g["co2"]) == [CONTACT_COMPANY]  # had no "existing" label


def test_wf4_replace_existing_label(db, wf4_graph):
    g = wf4_graph
    w = save(db, {"objectType": "contacts", "criteria": EVERY_CONTACT, "actions": [
        {"type": "UPDATE_ASSOCIATION_LABELS", "toObjectType": "companies", "existingAssociationTypeId": g["dm"],
         "mode": "REPLACE", "associationTypeId": g["champ"]}]})
    result = run(db, w["id"])
    assert result["actions"][0]["relabelled"] == 1
    assert types(db, "contacts", g["c"], "companies", g["co1"]) == sorted([CONTACT_COMPANY, g["champ"]])
    assert types(db, "companies", g["co1"], "contacts", g["c"]) == sorted([COMPANY_CONTACT, g["champ_inv"]])
    assert types(db, "contacts", g["c"], "companies", g["co2"]) == [CONTACT_COMPANY]


# ------------------------------------------------------------------ WF-5 remove labels

def test_wf5_remove_labels_keeps_the_association(db, wf4_graph):
    g = wf4_graph
    w = save(db, {"objectType": "contacts", "criteria": EVERY_CONTACT, "actions": [
        {"type": "REMOVE_ASSOCIATION_LABELS", "toObjectType": "companies", "associationTypeIds": [g["dm"]]}]})
    result = run(db, w["id"])
    assert result["actions"][0]["removed"] == 1
    assert types(db, "contacts", g["c"], "companies", g["co1"]) == [CONTACT_COMPANY]
    assert types(db, "companies", g["co1"], "contacts", g["c"]) == [COMPANY_CONTACT]


def test_wf5_remove_associations_with_the_label(db, wf4_graph):
    g = wf4_graph
    w = save(db, {"objectType": "contacts", "criteria": EVERY_CONTACT, "actions": [
        {"type": "REMOVE_ASSOCIATION_LABELS", "toObjectType": "companies", "associationTypeIds": [g["dm"]],
         "removeAssociations": True}]})
    run(db, w["id"])
    assert types(db, "contacts", g["c"], "companies", g["co1"]) is None
    assert types(db, "contacts", g["c"], "companies", g["co2"]) == [CONTACT_COMPANY]  # no such label: kept


# ------------------------------------------------------------------ WF-1 enrolment

BOSTON = {"filterGroups": [{"filters": [{"propertyName": "city", "operator": "EQ", "value": "boston"}]}]}
WF2_ACTION = {"type": "CREATE_ASSOCIATIONS", "toObjectType": "companies", "enrolledProperty": "city",
              "matchProperty": "location"}


def _enrolments(db, wid):
    return {e["recordId"]: e for e in db.read(lambda tx: wf.enrollments(tx, wid))["results"]}


def test_wf1_enrols_on_create_and_runs_actions_in_the_same_write(app, db):
    co = make(app, db, "companies", name="Acme", location="Boston")
    w = save(db, {"objectType": "contacts", "criteria": BOSTON, "actions": [WF2_ACTION]})
    c = make(app, db, "contacts", email="c@x.com", city="Boston")   # criteria compare like search: any case
    other = make(app, db, "contacts", email="o@x.com", city="Oslo")
    assert types(db, "contacts", c, "companies", co) == [CONTACT_COMPANY]
    enrolled = _enrolments(db, w["id"])
    assert set(enrolled) == {c} and other not in enrolled
    hist = enrolled[c]["history"][0]
    assert hist["cause"] == "create" and hist["actions"][0]["ids"] == [co] and hist["actions"][0]["changed"] == 1


def test_wf1_enrols_on_update_to_meet_criteria(app, db):
    co = make(app, db, "companies", name="Acme", location="Boston")
    w = save(db, {"objectType": "contacts", "criteria": BOSTON, "actions": [WF2_ACTION]})
    c = make(app, db, "contacts", email="c@x.com", city="Oslo")
    assert _enrolments(db, w["id"]) == {}
    update(db, "contacts", c, city="Boston")
    assert _enrolments(db, w["id"])[c]["cause"] == "update"
    assert types(db, "contacts", c, "companies", co) == [CONTACT_COMPANY]


def test_wf1_reenrolment_only_when_the_setting_is_on(app, db):
    off = save(db, {"objectType": "contacts", "criteria": BOSTON, "actions": []})
    on = save(db, {"objectType": "contacts", "criteria": BOSTON, "reenroll": True, "actions": []})
    c = make(app, db, "contacts", email="c@x.com", city="Boston")
    update(db, "contacts", c, firstname="still meets")      # still meeting them is not "again"
    update(db, "contacts", c, city="Oslo")                  # stops meeting them
    update(db, "contacts", c, city="Boston")                # meets them again
    assert _enrolments(db, off["id"])[c]["count"] == 1
    assert _enrolments(db, on["id"])[c]["count"] == 2


def test_wf1_merge_changes_enrol_only_with_enroll_on_merge(app, db):
    plain = save(db, {"objectType": "contacts", "criteria": BOSTON, "actions": []})
    merging = save(db, {"objectType": "contacts", "criteria": BOSTON, "enrollOnMerge": True, "actions": []})
    c = make(app, db, "contacts", email="c@x.com", city="Oslo")
    db.write(lambda tx: wf_repo_set_city(tx, c, "Boston"))
    db.write(lambda tx: wf.on_record_written(tx, "contacts", [c], cause="merge"))
    assert _enrolments(db, plain["id"]) == {}
    assert _enrolments(db, merging["id"])[c]["cause"] == "merge"


def wf_repo_set_city(tx, cid, city):
    """A property change that bypasses records.update (as a merge's own write does)."""
    tx.run("MATCH (c:Object {id: $id}) SET c.city = $city", id=cid, city=city).consume()


def test_wf1_disabled_workflow_neither_enrols_nor_runs(app, db):
    w = save(db, {"objectType": "contacts", "criteria": BOSTON, "enabled": False, "actions": []})
    make(app, db, "contacts", email="c@x.com", city="Boston")
    assert _enrolments(db, w["id"]) == {}
    with pytest.raises(AppError) as exc:
        run(db, w["id"])
    assert exc.value.status == 409


def test_wf1_unenroll_keeps_history(app, db):
    co = make(app, db, "companies", name="Acme", location="Boston")
    w = save(db, {"objectType": "contacts", "criteria": BOSTON, "actions": [WF2_ACTION]})
    c = make(app, db, "contacts", email="c@x.com", city="Boston")
    assert db.write(lambda tx: wf.unenroll(tx, [c])) == [w["id"]]
    e = _enrolments(db, w["id"])[c]
    assert e["status"] == "UNENROLLED" and e["history"][0]["actions"][0]["ids"] == [co]
    update(db, "contacts", c, firstname="still Boston")  # an unenrolled record is not enrolled again
    assert _enrolments(db, w["id"])[c]["count"] == 1


def test_wf1_criteria_select_exactly_what_search_selects(app, db):
    ids = [make(app, db, "contacts", email=f"p{i}@x.com", city=city, num_conversion_events=str(i))
           for i, city in enumerate(["Boston", "boston", "Oslo", None, "Bergen"])]
    criteria = {"filterGroups": [
        {"filters": [{"propertyName": "city", "operator": "IN", "values": ["BOSTON", "bergen"]},
                     {"propertyName": "num_conversion_events", "operator": "GTE", "value": "1"}]},
        {"filters": [{"propertyName": "city", "operator": "NOT_HAS_PROPERTY"}]}]}

    def both(tx):
        groups = search.compile_filter_groups(tx, "contacts", criteria["filterGroups"])
        mine = set(wf_repo.criteria_ids(tx, ids, "contacts", groups))
        theirs = {o["id"] for o in search.search(tx, "contacts", {**criteria, "limit": 100})["results"]}
        return mine, theirs

    mine, theirs = db.read(both)
    assert mine == theirs == {ids[1], ids[3], ids[4]}


def test_wf1_run_now_enrols_every_record_meeting_the_criteria(app, db):
    a = make(app, db, "contacts", email="a@x.com", city="Boston")
    b = make(app, db, "contacts", email="b@x.com", city="Boston")
    make(app, db, "contacts", email="c@x.com", city="Oslo")
    w = db.write(lambda tx: wf.create(tx, {"name": "later", "objectType": "contacts", "criteria": BOSTON,
                                           "enabled": False, "actions": []}))
    db.write(lambda tx: wf.update(tx, w["id"], {**{k: w[k] for k in ("name", "objectType", "criteria", "actions")},
                                                "enabled": True}))
    assert run(db, w["id"])["enrolled"] == 2
    assert set(_enrolments(db, w["id"])) == {a, b}


# ------------------------------------------------------------------ validation (WF-1)

@pytest.mark.parametrize("body, field, code", [
    ({"objectType": "widgets"}, "objectType", "INVALID_OBJECT_TYPE"),
    ({"objectType": "notes"}, "objectType", "INVALID_OBJECT_TYPE"),
    ({"objectType": "contacts", "criteria": {"filterGroups": [{"filters": [
        {"propertyName": "nope", "operator": "EQ", "value": "x"}]}]}},
     "criteria.filterGroups[0].filters[0].propertyName", "PROPERTY_DOESNT_EXIST"),
    ({"objectType": "contacts", "criteria": {"filterGroups": [{"filters": [
        {"propertyName": "city", "operator": "LIKE", "value": "x"}]}]}},
     "criteria.filterGroups[0].filters[0].operator", "INVALID"),
    ({"objectType": "contacts", "actions": [dict(WF2_ACTION, matchProperty="nope")]},
     "actions[0].matchProperty", "PROPERTY_DOESNT_EXIST"),
    ({"objectType": "contacts", "actions": [dict(WF2_ACTION, toObjectType="widgets")]},
     "actions[0].toObjectType", "INVALID_OBJECT_TYPE"),
    ({"objectType": "contacts", "actions": [dict(WF2_ACTION, associationTypeId=987654)]},
     "actions[0].associationTypeId", "UNKNOWN_LABEL"),
    ({"objectType": "contacts", "actions": [dict(WF2_ACTION, associationTypeId=5)]},  # deal → company Primary
     "actions[0].associationTypeId", "LABEL_NOT_FOR_PAIR"),
    ({"objectType": "contacts", "actions": [dict(WF2_ACTION, associationTypeId=2)]},  # company → contact side
     "actions[0].associationTypeId", "LABEL_NOT_FOR_PAIR"),
    ({"objectType": "contacts", "actions": [{"type": "EXPLODE", "toObjectType": "companies"}]},
     "actions[0].type", "INVALID"),
])
def test_wf1_validation_names_the_field_and_writes_nothing(db, body, field, code):
    before = snapshot(db)
    err = bad(db, body)
    assert err.errors[0]["in"] == field and err.errors[0]["code"] == code
    assert snapshot(db) == before


# ------------------------------------------------------------------ idempotence and dry-run

@pytest.fixture
def everything(app, db):
    """A graph and a workflow using every action: WF-2 creates, WF-3 labels, WF-4 adds and
    replaces, WF-5 removes."""
    dm, _ = label(db, "contacts", "companies", "Decision maker", "Has decision maker")
    champ, _ = label(db, "contacts", "companies", "Champion", "Has champion")
    old, _ = label(db, "contacts", "companies", "Former", "Had")
    c1 = make(app, db, "contacts", email="a@x.com", city="Boston", jobtitle="Manager")
    c2 = make(app, db, "contacts", email="b@x.com", city="Oslo")
    b = make(app, db, "companies", name="B", location="Boston")
    o = make(app, db, "companies", name="O", location="Oslo")
    x = make(app, db, "companies", name="X", location="Rome")
    associate(db, "contacts", c2, "companies", x, old)
    w = save(db, {"objectType": "contacts", "criteria": EVERY_CONTACT, "reenroll": True, "actions": [
        WF2_ACTION,
        {"type": "APPLY_ASSOCIATION_LABELS", "toObjectType": "companies", "associationTypeId": dm,
         "applyTo": "ENROLLED_PROPERTY", "enrolledProperty": "jobtitle", "operator": "EQ", "value": "Manager"},
        {"type": "UPDATE_ASSOCIATION_LABELS", "toObjectType": "companies", "existingAssociationTypeId": dm,
         "mode": "ADD", "associationTypeId": champ},
        {"type": "REMOVE_ASSOCIATION_LABELS", "toObjectType": "companies", "associationTypeIds": [old]}]})
    return {"w": w, "c1": c1, "c2": c2, "b": b, "o": o, "x": x, "dm": dm, "champ": champ}


def test_wf_running_twice_changes_nothing_the_second_time(db, everything):
    g = everything
    first = run(db, g["w"]["id"])
    assert [a["created"] + a["relabelled"] + a["removed"] for a in first["actions"]] == [2, 1, 1, 1]
    edges = edge_set(db)
    second = run(db, g["w"]["id"])
    assert second["enrolled"] == 2  # re-enrolled (reenroll on), so the actions really ran again
    assert all(a["created"] + a["relabelled"] + a["removed"] == 0 for a in second["actions"])
    assert edge_set(db) == edges
    assert types(db, "contacts", g["c1"], "companies", g["b"]) == sorted([CONTACT_COMPANY, g["dm"], g["champ"]])


def test_wf_dry_run_previews_the_run_and_leaves_the_graph_byte_for_byte_the_same(db, everything):
    g = everything
    before = snapshot(db)
    preview = wf.dry_run(db, g["w"]["id"])
    assert snapshot(db) == before
    assert preview["dryRun"] is True
    real = run(db, g["w"]["id"])
    assert [a["changes"] for a in preview["actions"]] == [a["changes"] for a in real["actions"]]
    assert preview["actions"][0]["changes"][0]["change"] == "CREATE"
    after = snapshot(db)
    assert after != before
    wf.dry_run(db, g["w"]["id"])
    assert snapshot(db) == after
