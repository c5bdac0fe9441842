"""Where the test suite's Neo4j comes from, in this order:

1. `NEO4J_URI` (+ `NEO4J_USER`, `NEO4J_PASSWORD`) — a server you run.
2. testcontainers' `Neo4jContainer("neo4j:5.26-community")` when a Docker engine answers.
3. A throwaway local server built the same way `crmgraph db start` builds one (Maven
   Central jars), in its own home under `.neo4j/test-<pid>` on a free port, deleted after.

There is no fallback to skipping: without a Neo4j the suite fails.
"""
from __future__ import annotations

import contextlib
import os
import shutil

from app.localneo4j import LocalNeo4j
from app.localneo4j.server import DEFAULT_BASE, free_port


def _docker_answers() -> bool:
    try:
        import docker  # installed with testcontainers

        docker.from_env(timeout=3).ping()
        return True
    except Exception:  # noqa: BLE001 - any failure means "no Docker here"
        return False


@contextlib.contextmanager
def neo4j_for_tests():
    """Yield (uri, user, password) of a Neo4j server for this test session."""
    if os.environ.get("NEO4J_URI"):
        yield os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", "")
        return
    if os.environ.get("CRMGRAPH_TEST_DOCKER", "auto") != "never" and _docker_answers():
        from testcontainers.neo4j import Neo4jContainer

        with Neo4jContainer("neo4j:5.26-community") as container:
            yield container.get_connection_url(), "neo4j", container.password
        return
    home = DEFAULT_BASE / f"test-{os.getpid()}"
    shutil.rmtree(home, ignore_errors=True)
    server = LocalNeo4j(home=home, port=free_port(), heap=os.environ.get("CRMGRAPH_TEST_HEAP", "1g"),
                        pagecache="256m")
    server.start(echo=lambda m: print(m, flush=True))
    try:
        yield server.uri, "neo4j", server.password
    finally:
        server.stop()
        shutil.rmtree(home, ignore_errors=True)
