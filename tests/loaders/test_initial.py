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
