"""`crmgraph load --initial` on a throwaway local server: neo4j-admin import, then schema."""
import shutil

import pytest

from app.localneo4j import LocalNeo4j
from app.localneo4j.server import DEFAULT_BASE, free_port
from tests.loaders.helpers import run_cypher, write_csv


@pytest.fixture
def throwaway(tmp_path):
    home = DEFAULT_BASE / f"test-initial-{tmp_path.name}"
    server = LocalNeo4j(home=home, port=free_port(), heap="512m", pagecache="128m")
    yield server
    server.stop()
    shutil.rmtree(home, ignore_errors=True)


def test_initial_load_imports_nodes_like_the_online_loader(throwaway, tmp_path):
    import click
    from click.testing import CliRunner

    from app.db import connect
    from cli.load_initial import run_initial
    from loaders.mapping import infer_spec

    write_csv(tmp_path / "companies.csv", ["Record ID", "Company Name"], [["2001", "Acme"]])
    write_csv(tmp_path / "contacts.csv", ["Record ID", "Email", "First Name", "Associated Company IDs (Primary)"],
              [["1001", "a@x.com", "A", "2001"], ["1002", "bad", "B", ""], ["1003", "c@x.com", "C", "9999"]])
    specs = [infer_spec(tmp_path / "companies.csv"), infer_spec(tmp_path / "contacts.csv")]

    @click.command()
    def go():
        run_initial(specs, batch_size=100, rejects=tmp_path / "r.jsonl", no_progress=True, server=throwaway)

    result = CliRunner().invoke(go)
    assert result.exit_code == 0, result.output
    assert "imported" in result.output and "2 rejected" in result.output
    db = connect({"NEO4J_URI": throwaway.uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": throwaway.password})
    try:
        c = run_cypher(db, "MATCH (c:Contact {id: '1001'})-[h:HAS_EMAIL]->(e) "
                           "MATCH (c)-[r:CONTACT_COMPANY]->(co:Company) RETURN labels(c) AS l, c._n AS n, "
                           "c.archived AS a, size(c._hist_firstname) AS h, h.primary AS p, r.types AS t")
        assert len(c) == 1 and sorted(c[0]["l"]) == ["Contact", "Object", "Record"]
        assert (c[0]["n"], c[0]["a"], c[0]["h"], c[0]["p"], c[0]["t"]) == (1001, False, 1, True, [279, 1])
        assert run_cypher(db, "MATCH (c:Contact) RETURN count(c) AS n")[0]["n"] == 2
        # schema and seed are back: constraints and HubSpot's association types
        assert run_cypher(db, "SHOW CONSTRAINTS YIELD name WHERE name = 'object_id_unique' RETURN name")
        assert run_cypher(db, "MATCH (t:AssociationType {typeId: 279}) RETURN t.typeId AS t") == [{"t": 279}]
        assert run_cypher(db, "MATCH (s:IdSequence {name: 'objects'}) RETURN s.next > 2001 AS ok") == [{"ok": True}]
    finally:
        db.close()
    kinds = sorted(__import__("json").loads(l)["kind"] for l in (tmp_path / "r.jsonl").read_text().splitlines())
    assert kinds == ["dangling_association", "wrong_type"]

    # a second --initial refuses: the database holds objects now
    result = CliRunner().invoke(go)
    assert result.exit_code == 1 and "already holds data" in result.output


def _convert_both(db, tmp_path, specs):
    """Run the conversion with the per-column plans, with the generic path only, and with the
    plans and the definitions read from the seed instead of the (seeded) database."""
    from loaders.initial import convert
    from loaders.rejects import Rejects
    from loaders.seeded import SeedSource

    out = {}
    for fast in (True, False, "seed"):
        folder, rej_path = tmp_path / f"out-{fast}", tmp_path / f"rejects-{fast}.jsonl"
        rejects = Rejects(rej_path)
        if fast == "seed":
            files = convert(None, specs, folder, rejects, now=1_700_000_000_000, source=SeedSource())
        else:
            files = convert(db, specs, folder, rejects, now=1_700_000_000_000, fast=fast)
        rejects.close()
        out[fast] = (files, {p.name: p.read_bytes() for p in sorted(folder.iterdir())}, rej_path.read_bytes())
    return out


def test_seed_source_answers_like_a_seeded_database(db):
    """`--initial` on a never-started home reads definitions, stages and association types from
    the seed: they must be what a seeded database returns, for every built-in type and pair."""
    from app import objecttypes
    from app.rules import properties as props
    from loaders.assoc import PairCache
    from loaders.seeded import NeedsServer, SeedSource

    seed = SeedSource()
    assert seed.stages() == db.query("load/pipeline_stages")
    types = objecttypes.all_types()
    for t in types:
        assert seed.definitions(t.name) == db.read(lambda tx: props.definitions(tx, t.name)), t.name
    live = PairCache(db)
    for a in types:
        for b in types:
            try:
                objecttypes.rel_between(a, b)
                pair = seed.pair(a, b)
            except NeedsServer:
                continue        # activity ↔ activity: the server would allocate type ids
            except Exception:   # noqa: BLE001 - not an associable pair
                continue
            assert pair.by_id == live.get(a, b).by_id, (a.name, b.name)


def test_fast_conversion_writes_the_same_bytes_as_the_generic_path(db, tmp_path):
    """Every kind of row — good, each reject kind, translated labels, pipelines, activities,
    associations in both places — comes out byte-identical from both paths."""
    from loaders.mapping import infer_spec

    write_csv(tmp_path / "companies.csv", ["Record ID", "Company Name", "Company Domain Name", "Number of Employees"],
              [["2001", "Acme", " ACME.com ", "12"], ["2002", "Beta", "", "many"], ["2001", "Dup", "", ""],
               ["x9", "Bad id", "", ""], ["2003", "Gamma", "", "7.5"]])
    write_csv(tmp_path / "contacts.csv", ["Record ID", "Email", "First Name", "Lifecycle Stage", "Create Date",
                                          "Associated Company IDs (Primary)", "Unknown Column"],
              [["1001", "A@X.com", "A", "Marketing Qualified Lead", "2024-05-01", "2001", ""],
               ["1002", "bad", "B", "", "", "", ""], ["1003", "c@x.com", "C", "lead", "", "9999", ""],
               ["1004", "a@x.com", "Dup mail", "", "", "", ""], ["1005", "", "E", "nope", "", "", ""],
               ["1006", "f@x.com", "F", "", "1712486137000", "2001;2003", "oops"], ["1007", "g@x.com", "G", "", "", ""],
               ["", "h@x.com", "No id", "", "", "", ""]])
    write_csv(tmp_path / "deals.csv", ["Record ID", "Deal Name", "Deal Stage", "Amount", "Close Date"],
              [["3001", "Big", "closedwon", "1000", ""], ["3002", "Open", "", "", "2024-06-01T10:00:00Z"],
               ["3003", "Bad stage", "nosuchstage", "", ""], ["3004", "Neg", "appointmentscheduled", "-5", ""]])
    write_csv(tmp_path / "activities.csv", ["Record ID", "type", "Activity date", "Create Date"],
              [["6001", "NOTE", "1712486137000", ""], ["6002", "CALL", "", ""], ["6003", "FAX", "1712486137000", ""],
               ["6004", "incoming_email", "2024-01-02", "2024-01-02"]])
    write_csv(tmp_path / "assoc.csv", ["fromObjectType", "fromId", "toObjectType", "toId", "associationTypeId", "primary"],
              [["contacts", "1001", "companies", "2003", "", ""], ["deals", "3001", "contacts", "1001", "3", ""],
               ["contacts", "1001", "companies", "2003", "", "yes"], ["contacts", "1001", "companies", "2999", "", ""],
               ["notes", "6001", "contacts", "1003", "202", ""], ["contacts", "abc", "companies", "2001", "", ""],
               ["widgets", "1", "contacts", "1001", "", ""], ["contacts", "", "companies", "2001", "", ""],
               ["contacts", "1001", "companies", "2001", "99999", ""], ["companies", "2003", "companies", "2001", "", ""]])
    specs = [infer_spec(tmp_path / n) for n in ("companies.csv", "contacts.csv", "deals.csv", "activities.csv", "assoc.csv")]
    both = _convert_both(db, tmp_path, specs)
    (fast, fast_files, fast_rej), (_, slow_files, slow_rej) = both[True], both[False]
    assert fast_files == slow_files
    assert fast_rej == slow_rej
    assert both["seed"][1] == fast_files and both["seed"][2] == fast_rej
    kinds = sorted(__import__("json").loads(l)["kind"] for l in fast_rej.decode().splitlines())
    assert {"duplicate_key", "wrong_type", "missing_key", "dangling_association", "unknown_property"} <= set(kinds)
    assert fast.node_count > 10 and fast.relationship_count > 3


def test_two_files_of_one_type_keep_their_own_columns(db, tmp_path):
    """Each input file gets its own node file and header: a column only the second file has is kept."""
    from loaders.initial import convert
    from loaders.mapping import infer_spec
    from loaders.rejects import Rejects

    write_csv(tmp_path / "contacts-1.csv", ["Record ID", "First Name"], [["1001", "A"]])
    write_csv(tmp_path / "contacts-2.csv", ["Record ID", "Last Name"], [["1002", "Bee"]])
    rejects = Rejects(tmp_path / "r.jsonl")
    files = convert(db, [infer_spec(tmp_path / "contacts-1.csv"), infer_spec(tmp_path / "contacts-2.csv")],
                    tmp_path / "out", rejects)
    rejects.close()
    contact_files = [(h, d) for labels, h, d in files.nodes if "Contact" in labels]
    assert len(contact_files) == 2
    assert "lastname:string" in contact_files[1][0].read_text() and "Bee" in contact_files[1][1].read_text()
