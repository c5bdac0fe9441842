"""Loading records: nodes look like API-created ones, upserts are idempotent, keys resolve."""
import json

from tests.loaders.helpers import graph_counts, history_lengths, load, run_cypher, write_csv, write_jsonl

CONTACT_HEADER = ["Record ID", "First Name", "Last Name", "Email", "Lifecycle Stage", "Associated Company IDs"]


def _files(tmp_path):
    companies = write_csv(tmp_path / "companies.csv", ["Record ID", "Company Name", "Company Domain Name",
                                                       "Number of Employees"],
                          [["2001", "Acme", "acme.com", "50"], ["2002", "Globex", "globex.com", "7"]])
    contacts = write_csv(tmp_path / "contacts.csv", CONTACT_HEADER, [
        ["1001", "Ada", "Lovelace", "Ada@Example.com", "Marketing Qualified Lead", "2001"],
        ["1002", "Alan", "Turing", "alan@example.com", "customer", "2001;2002"],
        ["", "Grace", "Hopper", "grace@example.com", "", ""],
    ])
    deals = write_csv(tmp_path / "deals.csv", ["Record ID", "Deal Name", "Amount", "Deal Stage", "Close Date"],
                      [["3001", "Big", "1200.5", "closedwon", "2024-05-01"], ["3002", "Open", "10", "qualifiedtobuy", ""]])
    return [companies, contacts, deals]


def test_load_nodes_look_like_api_created_ones(db, tmp_path):
    summary = load(db, _files(tmp_path), batch_size=2)
    assert (summary.created, summary.rejected) == (7, 0)
    ada = run_cypher(db, "MATCH (c:Contact {id: '1001'})-[h:HAS_EMAIL]->(e:EmailAddress) "
                         "RETURN labels(c) AS labels, properties(c) AS p, h.primary AS primary, e.address AS address")[0]
    assert sorted(ada["labels"]) == ["Contact", "Object", "Record"]
    assert ada["primary"] is True and ada["address"] == "ada@example.com"
    props = ada["p"]
    assert props["_n"] == 1001 and props["_type"] == "contacts" and props["archived"] is False
    assert props["email"] == "ada@example.com"
    assert props["lifecyclestage"] == "marketingqualifiedlead"  # export label → internal value
    entry = json.loads(props["_hist_firstname"][0])
    assert entry["sourceType"] == "IMPORT" and entry["value"] == "Ada"
    assert props["_ts_firstname"] == entry["timestamp"] and "_hist_createdate" in props
    deals = {r["id"]: r for r in run_cypher(db, "MATCH (d:Deal) RETURN d.id AS id, d.closed AS closed, "
                                                "d.amount AS amount, d.pipeline AS pipeline")}
    assert deals["3001"]["closed"] is True and deals["3002"]["closed"] is False
    assert deals["3001"]["amount"] == 1200.5 and deals["3002"]["pipeline"] == "default"
    grace = run_cypher(db, "MATCH (c:Contact {email: 'grace@example.com'}) RETURN c.id AS id")
    assert len(grace) == 1 and int(grace[0]["id"]) >= 100001  # allocated by the id sequence


def test_load_associations_from_export_columns_get_unlabelled_type(db, tmp_path):
    load(db, _files(tmp_path))
    rows = run_cypher(db, "MATCH (c:Contact)-[r:CONTACT_COMPANY]->(co:Company) "
                          "RETURN c.id AS c, co.id AS co, r.types AS types ORDER BY c, co")
    assert rows == [{"c": "1001", "co": "2001", "types": [279]}, {"c": "1002", "co": "2001", "types": [279]},
                    {"c": "1002", "co": "2002", "types": [279]}]


def test_load_twice_changes_nothing(db, tmp_path):
    files = _files(tmp_path)
    load(db, files)
    counts, history = graph_counts(db), history_lengths(db)
    second = load(db, files)
    assert (second.created, second.updated, second.associations) == (0, 0, 0)
    assert second.unchanged == 7
    assert graph_counts(db) == counts
    assert history_lengths(db) == history


def test_changed_value_updates_with_one_history_entry(db, tmp_path):
    load(db, _files(tmp_path))
    changed = write_csv(tmp_path / "contacts2.csv", ["Record ID", "First Name", "Last Name"],
                        [["1001", "Augusta", "Lovelace"]])
    summary = load(db, [changed], batch_size=10)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 0)
    row = run_cypher(db, "MATCH (c:Contact {id: '1001'}) RETURN c.firstname AS f, c._hist_firstname AS hf, "
                         "c._hist_lastname AS hl")[0]
    assert row["f"] == "Augusta"
    assert [json.loads(h)["value"] for h in row["hf"]] == ["Augusta", "Ada"]
    assert len(row["hl"]) == 1  # unchanged value: no new history


def test_upsert_by_email_and_domain_without_ids(db, tmp_path):
    first = write_csv(tmp_path / "contacts.csv", ["Email", "First Name"], [["a@x.com", "A"], ["A@X.com", "A2"]])
    companies = write_csv(tmp_path / "companies.csv", ["Company Domain Name", "Company Name"], [["x.com", "X"]])
    load(db, [first, companies], batch_size=1)
    load(db, [first, companies], batch_size=5)
    rows = run_cypher(db, "MATCH (c:Contact) RETURN c.email AS email, c.firstname AS first")
    assert rows == [{"email": "a@x.com", "first": "A2"}]  # one contact; the later row's value won
    assert len(run_cypher(db, "MATCH (c:Company {domain: 'x.com'}) RETURN c")) == 1


def test_id_sequence_moves_above_loaded_ids(db, tmp_path):
    f = write_csv(tmp_path / "contacts.csv", ["Record ID", "Email"], [["900000", "big@x.com"]])
    load(db, [f])
    nxt = run_cypher(db, "MATCH (s:IdSequence {name: 'objects'}) RETURN s.next AS n")[0]["n"]
    assert nxt > 900000


def test_jsonl_flat_and_hubspot_shapes(db, tmp_path):
    f = write_jsonl(tmp_path / "contacts.jsonl", [
        {"id": "1001", "email": "j@x.com", "firstname": "J"},
        {"properties": {"email": "k@x.com", "lastname": "K"}, "id": "1002"},
    ])
    summary = load(db, [f])
    assert (summary.created, summary.rejected) == (2, 0)
    rows = run_cypher(db, "MATCH (c:Contact) RETURN c.id AS id, c.email AS e ORDER BY id")
    assert rows == [{"id": "1001", "e": "j@x.com"}, {"id": "1002", "e": "k@x.com"}]


def test_activities_and_association_file_with_primary(db, tmp_path):
    load(db, _files(tmp_path))
    calls = write_csv(tmp_path / "activities.csv", ["Record ID", "type", "Activity date", "hs_call_title"],
                      [["5001", "CALL", "2024-05-01T10:00:00Z", "Intro"], ["5002", "NOTE", "2024-05-02T10:00:00Z", ""]])
    assoc = write_csv(tmp_path / "associations.csv", ["fromObjectType", "fromId", "toObjectType", "toId", "primary"],
                      [["contacts", "1002", "companies", "2002", "true"], ["calls", "5001", "contacts", "1001", ""],
                       ["companies", "2001", "notes", "5002", ""]])
    summary = load(db, [calls, assoc])
    assert summary.rejected == 0
    call = run_cypher(db, "MATCH (a:Activity:Call {id: '5001'})-[r:ACTIVITY_CONTACT]->(c:Contact {id: '1001'}) "
                          "RETURN a.source AS source, a.hs_timestamp AS ts, r.rule AS rule, r.types AS types")[0]
    assert call == {"source": "IMPORT", "ts": 1714557600000, "rule": "IMPORT", "types": [194]}
    note = run_cypher(db, "MATCH (:Note {id: '5002'})-[r:ACTIVITY_COMPANY]->(:Company {id: '2001'}) RETURN r.types AS t")
    assert note == [{"t": [190]}]
    prim = run_cypher(db, "MATCH (:Contact {id: '1002'})-[r:CONTACT_COMPANY]->(co) RETURN co.id AS co, r.types AS t "
                          "ORDER BY co")
    assert prim == [{"co": "2001", "t": [279]}, {"co": "2002", "t": [279, 1]}]
    # a second Primary moves it: at most one primary company per contact
    move = write_csv(tmp_path / "associations2.csv", ["fromObjectType", "fromId", "toObjectType", "toId", "primary"],
                     [["contacts", "1002", "companies", "2001", "yes"]])
    load(db, [move])
    prim = run_cypher(db, "MATCH (:Contact {id: '1002'})-[r:CONTACT_COMPANY]->(co) RETURN co.id AS co, r.types AS t "
                          "ORDER BY co")
    assert prim == [{"co": "2001", "t": [279, 1]}, {"co": "2002", "t": [279]}]


def test_dry_run_writes_nothing(db, tmp_path):
    before = graph_counts(db)
    summary = load(db, _files(tmp_path), dry_run=True)
    assert summary.dry_run and summary.read == 7 and summary.rejected == 0 and summary.created == 7
    assert graph_counts(db) == before


def test_ids_are_claimed_ahead_once_per_sixteen_batches_and_never_handed_out_by_the_api(db, tmp_path, monkeypatch):
    from app.ids import IdAllocator
    from loaders import writers

    claims = []
    real_claim = writers.claim_ids
    monkeypatch.setattr(writers, "claim_ids", lambda db_, top: claims.append(top) or real_claim(db_, top))
    rows = [[str(700001 + i), f"p{i}@x.com"] for i in range(40)]
    summary = load(db, [write_csv(tmp_path / "contacts.csv", ["Record ID", "Email"], rows)], batch_size=2)
    assert summary.created == 40 and summary.batches == 20
    # batch 1 (700001-700002, spacing 2) claims up to 700002 + 15 × 2 = 700032; batch 17 claims again
    assert claims == [700032, 700064]
    nxt = run_cypher(db, "MATCH (s:IdSequence {name: 'objects'}) RETURN s.next AS n")[0]["n"]
    assert nxt == 700065
    # the ids claimed ahead and not used (700041-700064) are skipped by the API's allocator
    assert int(IdAllocator(db).one()) >= 700065
    assert run_cypher(db, "MATCH (c:Contact) WHERE c._n > 700040 RETURN count(c) AS n") == [{"n": 0}]


def test_one_primary_company_when_primary_and_plain_edges_of_a_new_contact_arrive_in_separate_batches(db, tmp_path):
    """The Primary strip is skipped only for the first Primary-carrying edge of a start this run
    created: plain edges sent before it hold no Primary, later Primary edges must take it off.
    Batches of one row on two lanes: every edge is its own transaction. The ids are above the
    id sequence, so the run knows it creates these records (`Loader._fresh_ids`)."""
    load(db, _files(tmp_path))
    contacts = write_csv(tmp_path / "contacts2.csv", ["Record ID", "First Name", "Email"],
                         [["9101101", "Kay", "kay@example.com"], ["9101102", "Lin", "lin@example.com"]])
    companies = write_csv(tmp_path / "companies2.csv", ["Record ID", "Company Name", "Company Domain Name"],
                          [["9201101", "One", "one.example"], ["9201102", "Two", "two.example"],
                           ["9201103", "Three", "three.example"]])
    assoc = write_csv(tmp_path / "assoc.csv", ["fromObjectType", "fromId", "toObjectType", "toId", "primary"], [
        ["contacts", "9101101", "companies", "9201101", ""], ["contacts", "9101101", "companies", "9201102", "true"],
        ["contacts", "9101101", "companies", "9201103", "true"],
        ["contacts", "9101102", "companies", "9201101", "true"], ["contacts", "9101102", "companies", "9201102", ""],
        ["contacts", "9101102", "companies", "9201103", ""],
    ])
    summary = load(db, [companies, contacts, assoc], batch_size=1, workers=2)
    assert summary.rejected == 0
    got = run_cypher(db, "MATCH (c:Contact)-[r:CONTACT_COMPANY]->(co) WHERE c.id IN ['9101101', '9101102'] "
                         "RETURN c.id AS c, co.id AS co, 1 IN r.types AS primary ORDER BY c, co")
    assert got == [{"c": "9101101", "co": "9201101", "primary": False}, {"c": "9101101", "co": "9201102", "primary": False},
                   {"c": "9101101", "co": "9201103", "primary": True},
                   {"c": "9101102", "co": "9201101", "primary": True}, {"c": "9101102", "co": "9201102", "primary": False},
                   {"c": "9101102", "co": "9201103", "primary": False}]
