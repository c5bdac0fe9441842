"""What every command shares: a lazily opened `Database`, closed when the command ends."""
from __future__ import annotations

import click

from app.db import Database, connect


class Context:
    """Owns the driver for one CLI invocation; no globals."""

    def __init__(self):
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        if self._db is None:
            from app.config import default_config

            self._db = connect(default_config())
            try:
                self._db.verify()
            except Exception as exc:  # noqa: BLE001 - turned into a user-facing message
                raise click.ClickException(
                    f"cannot reach Neo4j ({exc.__class__.__name__}). Start it with 'crmgraph db start' "
                    "or set NEO4J_URI.") from None
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


pass_ctx = click.make_pass_decorator(Context, ensure=True)
