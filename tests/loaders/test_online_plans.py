"""The online loader's per-column fast path (`import_rows.RowPlan.record`) against the generic
path (`prepare.prepare_record` + `node_row`): same graph, same history, same rejects, same
summary — for a fresh load, a re-load with changes, and rows of one object merged in a batch.
The generic run also skips `assoc.edge_row`'s cache of edge shapes, so that is checked too."""
import json

from tests.loaders.helpers import load, run_cypher, write_csv

NOW = 1_700_000_000_000


def _files(tmp_path):
    companies = write_csv(tmp_path / "companies.csv", ["Record ID", "Company Name", "Company Domain Name",
                                                       "Number of Employees"],
                          [["2001", "Acme", " ACME.com ", "12"], ["2002", "Beta", "", "many"],
                           ["2001", "Acme again", "", "13"], ["x9", "Bad id", "", ""], ["2003", "Gamma", "", "7.5"],
                           ["", "No id", "noid.com", ""]])
    contacts = write_csv(tmp_path / "contacts.csv", ["Record ID", "Email", "First Name", "Lifecycle Stage",
                                                     "Create Date", "Associated Company IDs (Primary)", "Unknown Column"],
                         [["1001", "A@X.com", "A", "Marketing Qualified Lead", "2024-05-01", "2001", ""],
                          ["1002", "bad", "B", "", "", "", ""], ["1003", "c@x.com", "C", "lead", "", "9999", ""],
                          ["1004", "a@x.com", "Dup mail", "", "", "", ""], ["1005", "", "E", "nope", "", "", ""],
                          ["1006", "f@x.com", "F", "", "1712486137000", "2001;2003", "oops"],
                          ["1007", "g@x.com", "G", "", "", "", ""], ["1007", "", "G2", "customer", "", "", ""],
                          ["", "h@x.com", "No id", "", "", "", ""]])
    deals = write_csv(tmp_path / "deals.csv", ["Record ID", "Deal Name", "Deal Stage", "Amount", "Close Date"],
                      [["3001", "Big", "closedwon", "1000", ""], ["3002", "Open", "", "", "2024-06-01T10:00:00Z"],
                       ["3003", "Bad stage", "nosuchstage", "", ""], ["3004", "Neg", "appointmentscheduled", "-5", ""]])
    activities = write_csv(tmp_path / "activities.csv", ["Record ID", "type", "Activity date", "Create Date"],
                           [["6001", "NOTE", "1712486137000", ""], ["6002", "CALL", "", ""],
                            ["6003", "FAX", "1712486137000", ""], ["6004", "incoming_email", "2024-01-02", "2024-01-02"]])
    assoc = write_csv(tmp_path / "assoc.csv", ["fromObjectType", "fromId", "toObjectType", "toId",
                                               "associationTypeId", "primary"],
                      [["contacts", "1001", "companies", "2003", "", ""], ["deals", "3001", "contacts", "1001", "3", ""],
                       ["contacts", "1001", "companies", "2003", "", "yes"], ["contacts", "1001", "companies", "2999", "", ""],
                       ["notes", "6001", "contacts", "1003", "202", ""], ["contacts", "abc", "companies", "2001", "", ""],
                       ["widgets", "1", "contacts", "1001", "", ""], ["contacts", "", "companies", "2001", "", ""],
                       ["contacts", "1001", "companies", "2001", "99999", ""],
                       ["companies", "2003", "companies", "2001", "", ""]])
    return [companies, contacts, deals, activities, assoc]


def _changes(tmp_path):
    return [write_csv(tmp_path / "contacts2.csv", ["Record ID", "Email", "First Name", "Lifecycle Stage"],
                      [["1001", "a@x.com", "Ada", "customer"], ["1003", "c@x.com", "C", "lead"],
                       ["1006", "new@x.com", "F", ""]]),
            write_csv(tmp_path / "deals2.csv", ["Record ID", "Deal Name", "Deal Stage"],
                      [["3002", "Open", "closedlost"], ["3001", "Bigger", ""]])]


def _snapshot(db) -> dict:
    nodes = run_cypher(db, "MATCH (n) WHERE n:Object OR n:EmailAddress "
                           "RETURN coalesce(n.id, n.address) AS k, labels(n) AS l, properties(n) AS p")
    rels = run_cypher(db, "MATCH (a)-[r]->(b) WHERE (a:Object OR a:EmailAddress) AND (b:Object OR b:EmailAddress) "
                          "RETURN coalesce(a.id, a.address) AS a, type(r) AS t, coalesce(b.id, b.address) AS b, "
                          "properties(r) AS p")
    seq = run_cypher(db, "MATCH (s:IdSequence {name: 'objects'}) RETURN s.next AS next")
    return {"nodes": sorted((n["k"], sorted(n["l"]), json.dumps(n["p"], sort_keys=True)) for n in nodes),
            "rels": sorted((r["a"], r["t"], r["b"], json.dumps(r["p"], sort_keys=True)) for r in rels),
            "seq": seq}


def _run(app, db, tmp_path, monkeypatch, fast: bool, sequence_at: int | None = None) -> list:
    from app import objecttypes
    from app.schema import seed, wipe
    from loaders import engine
    from loaders.import_rows import Bail, CsvPlans

    wipe(db)
    seed(db)
    if sequence_at is not None:   # ids at or above the sequence are created by `load/create_objects`
        run_cypher(db, "MATCH (s:IdSequence {name: 'objects'}) SET s.next = $n", n=sequence_at)
    app.extensions["ids"].reset()
    objecttypes.clear_custom()
    monkeypatch.setattr(engine.props, "now_ms", lambda: NOW)
    used = []
    real_plan = CsvPlans.plan

    def plan(self, values):
        if not fast:
            raise Bail()
        used.append(1)
        return real_plan(self, values)
    monkeypatch.setattr(CsvPlans, "plan", plan)
    if not fast:   # and association rows without the per-load cache of edge shapes
        real_edge_row = engine.edge_row
        monkeypatch.setattr(engine, "edge_row", lambda pairs, a, now, shapes=None: real_edge_row(pairs, a, now))
    out = []
    for step, files in (("first", _files(tmp_path)), ("again", _files(tmp_path)), ("changes", _changes(tmp_path))):
        rejects = tmp_path / f"rejects-{fast}-{sequence_at}-{step}.jsonl"
        s = load(db, files, batch_size=3, rejects=rejects)
        out.append((step, (s.read, s.created, s.updated, s.unchanged, s.associations, s.rejected, s.reject_kinds),
                    sorted(rejects.read_text().splitlines()), _snapshot(db)))
    assert bool(used) == fast
    return out


def test_online_fast_path_loads_the_same_graph_as_the_generic_path(app, db, tmp_path, monkeypatch):
    fast = _run(app, db, tmp_path, monkeypatch, fast=True)
    generic = _run(app, db, tmp_path, monkeypatch, fast=False)
    for (step, *got), (_, *want) in zip(fast, generic):
        assert got == want, step
    first, again, changes = fast
    assert first[1][1] > 10 and first[1][5] >= 8          # created, rejected
    assert again[1][1:3] == (0, 0)                          # re-load: nothing created or updated
    assert changes[1][2] >= 3                               # updated


def _given_ids_only(snapshot: dict) -> dict:
    """A snapshot without what depends on where the id sequence stood: ids the loader allocated
    (rows without one) and the sequence itself."""
    given = {str(i) for i in (*range(1001, 1008), *range(2001, 2004), *range(3001, 3005), *range(6001, 6005))}
    keep = lambda k: k in given or "@" in k   # noqa: E731 - objects with given ids, email addresses
    return {"nodes": [n for n in snapshot["nodes"] if keep(n[0])],
            "rels": [r for r in snapshot["rels"] if keep(r[0]) and keep(r[2])]}


def test_nodes_the_loader_knows_are_new_are_created_exactly_as_upserted_ones(app, db, tmp_path, monkeypatch):
    """With the id sequence below the files' ids, every record is new to the run and goes through
    `prepare.create_props` + `load/create_objects` (the map a RowPlan built, completed in place);
    above them, through `node_row` + `load/upsert_objects`. Same graph, history and rejects."""
    created = _run(app, db, tmp_path, monkeypatch, fast=True, sequence_at=1)
    upserted = _run(app, db, tmp_path, monkeypatch, fast=True)
    generic_created = _run(app, db, tmp_path, monkeypatch, fast=False, sequence_at=1)
    for (step, summary, rejects, snap), (_, summary2, rejects2, snap2), (_, summary3, rejects3, snap3) in \
            zip(created, upserted, generic_created):
        assert summary == summary2 == summary3, step
        assert rejects == rejects2 == rejects3, step
        assert _given_ids_only(snap) == _given_ids_only(snap2) == _given_ids_only(snap3), step
    assert created[0][1][1] > 10
