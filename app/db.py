"""The only module that imports the Neo4j driver.

One `Driver` per app, kept in `app.extensions["neo4j"]` and closed explicitly (driver 6.x
no longer closes itself). Units of work run through `read`/`write`, which use managed
transactions: they retry transient errors, so the work functions must be idempotent and
must materialise their results inside the transaction.
"""
from __future__ import annotations

import random
import time
from typing import Any, Callable, TypeVar

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import ConstraintError, Neo4jError, ServiceUnavailable, SessionExpired, TransientError

from app import cypher

T = TypeVar("T")

__all__ = ["Database", "ConstraintError", "Neo4jError", "ServiceUnavailable", "TransientError",
           "connect", "get_db", "init_app", "NeedsTransaction"]

_RETRIES = 8  # attempts of a `reads_then_write` unit on transient errors (deadlocks, lock timeouts)


class NeedsTransaction(Exception):
    """A `reads_then_write` unit asked for a write other than its final one (nothing was written)."""


class _ReadsThenOneWrite:
    """What a `reads_then_write` work function gets as `tx`: every statement runs in its own
    auto-commit transaction, which is safe because only the reads run before the write and the
    write is one statement — atomic on its own. Any write other than the named `final` one is
    refused *before* it runs (`NeedsTransaction`), and nothing may run after the final write."""

    def __init__(self, session: neo4j.Session, final: str):
        self._session = session
        self._final = final
        self._done = False

    def run(self, text: str, parameters: dict | None = None, **kw: Any) -> neo4j.Result:
        if self._done:
            raise RuntimeError(f"statement after {self._final}, the unit's final write")
        q = cypher.registry().by_text(text)
        if q is None or q.mode != "read":
            if q is None or q.name != self._final:
                raise NeedsTransaction(q.name if q else text[:60])
            self._done = True
        return self._session.run(text, parameters, **kw)


class Database:
    """A driver plus the database name: what every repository and rule needs."""

    def __init__(self, uri: str, user: str, password: str, database: str = "neo4j"):
        # Notifications off: generic queries mention properties a fresh graph has not seen yet
        # (e.g. `maxToObjectIds`), and the server's "unknown property" warnings drown real logs.
        self.driver = GraphDatabase.driver(uri, auth=(user, password), max_connection_pool_size=64,
                                           notifications_min_severity="OFF")
        self.database = database
        # Per-driver memory for rules that compare-and-write (`act/log_one`): whatever is kept
        # here is re-checked by the statement that relies on it, so it never needs invalidating.
        self.memo: dict = {}

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

    def reads_then_write(self, work: Callable[..., T], *args: Any, final: str, **kwargs: Any) -> T:
        """Run `work(tx, …)` — reads, then the one write statement named `final` — in the fewest
        round trips: each statement is its own auto-commit transaction (no BEGIN and COMMIT
        messages; the write commits with its own result). The write is one statement, so it is
        atomic; Neo4j reads are read-committed even inside an explicit transaction, so reading
        first in its own transaction gives the same guarantee, and `final` itself must check
        what it relies on (e.g. that its records still exist) and write nothing otherwise.

        If `work` needs another write first (a rare case, e.g. a missing type definition), it is
        stopped before writing anything and re-run in one managed write transaction. Transient
        errors (deadlocks, lock timeouts) and lost connections retry the whole unit, as
        `write` does.
        """
        for attempt in range(_RETRIES):
            try:
                with self.session() as s:
                    return work(_ReadsThenOneWrite(s, final), *args, **kwargs)
            except NeedsTransaction:
                return self.write(work, *args, **kwargs)
            except (TransientError, ServiceUnavailable, SessionExpired) as exc:
                if attempt == _RETRIES - 1 or (isinstance(exc, TransientError) and not exc.is_retryable()):
                    raise
                time.sleep(min(0.005 * 2 ** attempt, 0.5) * (0.5 + random.random()))
        raise AssertionError("unreachable")

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
