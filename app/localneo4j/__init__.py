"""A project-local Neo4j 5.26 Community server assembled from Maven Central (no Docker).

`server.LocalNeo4j` knows one server home: it assembles the jars once (cached in
`.neo4j/lib`), writes `conf/neo4j.conf`, generates a password, starts the JVM bound to
127.0.0.1, waits for Bolt, and stops it cleanly. The CLI (`crmgraph db …`), `make run`
and the test suite all use it, so tests run against the same kind of server users get.
"""
from app.localneo4j.server import LocalNeo4j, Neo4jUnavailable

__all__ = ["LocalNeo4j", "Neo4jUnavailable"]
