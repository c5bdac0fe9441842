"""`crmgraph query`: read-only ad-hoc Cypher; every refusal is proven here."""
import json

import pytest

from cli.main import cli
from tests.loaders.helpers import graph_counts


@pytest.mark.parametrize("text, reason", [
    ("CREATE (n:Contact {id: 'x'}) RETURN n", "only read queries"),
    ("MATCH (n) SET n.hacked = true", "only read queries"),
    ("MATCH (n) DETACH DELETE n", "only read queries"),
    ("CREATE INDEX evil IF NOT EXISTS FOR (n:X) ON (n.y)", "only read queries"),
    ("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", "LOAD CSV"),
    ("load   csv with headers from 'https://example.com/x.csv' AS r RETURN r", "LOAD CSV"),
    ("CALL db.ping()", "procedure db.ping is not allowed"),
    ("CALL dbms.listConfig()", "only read queries"),
    ("PROFILE MATCH (n) RETURN n", "EXPLAIN/PROFILE"),
    ("MATCH (n RETURN n", "cannot plan"),
])
def test_query_refuses_writes_load_csv_and_procedures(cli_env, runner, db, text, reason):
    before = graph_counts(db)
    result = runner.invoke(cli, ["query", text])
    assert result.exit_code == 1
    assert "refused" in result.output and reason in result.output
    assert "Traceback" not in result.output
    assert graph_counts(db) == before


def test_query_runs_reads_as_table_and_json_with_row_cap(cli_env, runner):
    table = runner.invoke(cli, ["query", "MATCH (t:AssociationType) RETURN t.typeId AS id ORDER BY id", "--limit", "3"])
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    assert lines[0].strip() == "id" and [l.strip() for l in lines[2:]] == ["1", "2", "3"]
    out = runner.invoke(cli, ["query", "UNWIND range(1, 10) AS x RETURN x", "--json", "--limit", "4"])
    assert json.loads(out.stdout) == [{"x": 1}, {"x": 2}, {"x": 3}, {"x": 4}]


def test_query_allows_catalogue_procedures(cli_env, runner):
    result = runner.invoke(cli, ["query", "CALL db.labels() YIELD label RETURN label ORDER BY label", "--json"])
    assert result.exit_code == 0, result.output
    assert {"label": "AssociationType"} in json.loads(result.stdout)


def test_query_timeout_stops_a_long_query(cli_env, runner):
    result = runner.invoke(cli, ["query", "UNWIND range(1, 100000000) AS x WITH x WHERE x < 0 RETURN count(x)",
                                 "--timeout", "0.5"])
    assert result.exit_code == 1 and "query failed" in result.output
