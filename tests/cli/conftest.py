"""CLI tests run `crmgraph` in-process (click's CliRunner) against the session's Neo4j."""
import pytest


@pytest.fixture
def cli_env(neo4j_server, monkeypatch, db):
    """Point the CLI at the test server (and start from the cleaned, seeded database)."""
    for key, value in neo4j_server.items():
        monkeypatch.setenv(key, value)
    return neo4j_server


@pytest.fixture
def runner():
    from click.testing import CliRunner

    return CliRunner()
