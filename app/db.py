"""The only module that imports the Neo4j driver.

One `Driver` per app, kept in `app.extensions["neo4j"]` and closed explicitly (driver 6.x
no longer closes itself). Units of work run through `read`/`write`, which use managed
transactions: they retry transient errors, so the work functions must be idempotent and
must materialise their results inside the transaction.
"""
from __future__ import annotations

from typing import Any, Callable, TypeVar

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import ConstraintError, Neo4jError, ServiceUnavailable, TransientError

from app import cypher

T = TypeVar("T")

__all__ = ["Database", "ConstraintError", "Neo4jError", "ServiceUnavailable", "TransientError",
           "connect", "get_db", "init_app"]


class Database:
    """A driver plus the database name: what every repository and rule needs."""

    def __init__(self, uri: str, user: str, password: str, database: str = "neo4j"):
        # Notifications off: generic queries mention properties a fresh graph has not seen yet
        # (e.g. `maxToObjectIds`), and the server's "unknown property" warnings drown real logs.
        self.driver = GraphDatabase.driver(uri, auth=(user, password), max_connection_pool_size=64,
                                           notifications_min_severity="OFF")
        self.database = database

    def close(self) -> None:
        self.driver.close()

    def verify(self) -> None:
        """Fail fast (ServiceUnavailable / AuthError) if the server is not there."""
        self.driver.verify_connectivity()

    def session(self, **kw) -> neo4j.Session:
        return self.driver.session(database=self.database, **kw)

    def read(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run `work(tx, *args, **kwargs)` in one managed read transaction."""
        with self.session() as s:
            return s.execute_read(work, *args, **kwargs)

    def write(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run `work(tx, *args, **kwargs)` in one managed write transaction (atomic)."""
        with self.session() as s:
            return s.execute_write(work, *args, **kwargs)

    def query(self, query_name: str, /, **params: Any) -> Any:
        """Run one named query in its own transaction, read or write as its header says."""
        q = cypher.registry().get(query_name)
        fn = self.write if q.mode == "write" else self.read
        return fn(lambda tx: q.run(tx, params))

    def auto_commit(self, query_name: str, /, **params: Any) -> list[dict]:
        """Run one named query in an auto-commit transaction.

        Only for statements that cannot run in a managed transaction: `CALL {…} IN
        TRANSACTIONS` (LOAD CSV benchmark) and schema commands. Not retried.
        """
        q = cypher.registry().get(query_name)
        with self.session() as s:
            return [r.data() for r in s.run(q.text, params)]


def connect(config: dict) -> Database:
    """A `Database` from a config mapping (`NEO4J_URI`, `NEO4J_USER`, …)."""
    return Database(config["NEO4J_URI"], config["NEO4J_USER"], config["NEO4J_PASSWORD"],
                    config.get("NEO4J_DATABASE", "neo4j"))


def init_app(app) -> None:
    """Open the app's driver and close it when the process exits."""
    import atexit

    db = connect(app.config)
    app.extensions["neo4j"] = db
    atexit.register(db.close)


def get_db() -> Database:
    """The current app's `Database`."""
    from flask import current_app

    return current_app.extensions["neo4j"]
