"""`crmgraph serve`: run the HTTP API.

Served by gunicorn: `--workers` processes (each with its own app and Neo4j driver, created
after the fork — the driver is not fork-safe) of `--threads` threads. Several processes,
because one Python process runs its Flask, marshmallow and rule code on one core at a time
(the GIL): on the ACT benchmark one process capped HTTP throughput well below what Neo4j
could take. Processes share nothing but the database (ids come in blocks from `:IdSequence`,
reserved under its lock; token caches are per process).
"""
from __future__ import annotations

import os

import click


def default_workers() -> int:
    """One process per core, at least 2 and at most 8."""
    return max(2, min(8, os.cpu_count() or 2))


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535), help="Port.")
@click.option("--workers", default=None, type=click.IntRange(1, 64),
              help="Server processes  [default: one per core, 2 to 8].")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 256),
              help="Threads per process.")
def serve(host: str, port: int, workers: int | None, threads: int) -> None:
    """Serve the HubSpot-compatible API (gunicorn: worker processes × threads)."""
    from app import create_app

    try:  # fail here, with a message, rather than in every worker
        create_app().extensions["neo4j"].close()
    except Exception as exc:  # noqa: BLE001 - no traceback for a user
        raise click.ClickException(f"cannot start: {exc.__class__.__name__}: {exc}") from None
    workers = workers or default_workers()
    click.echo(f"crmgraph API on http://{host}:{port}  (OpenAPI: http://{host}:{port}/openapi.json; "
               f"{workers} processes × {threads} threads)")
    _Gunicorn({"bind": f"{host}:{port}", "workers": workers, "threads": threads, "worker_class": "gthread",
               "loglevel": "warning", "accesslog": None, "graceful_timeout": 10, "timeout": 120,
               "proc_name": "crmgraph"}).run()


def _app():
    from app import create_app

    return create_app()


try:
    from gunicorn.app.base import BaseApplication
except ImportError:  # pragma: no cover - gunicorn is a dependency; only on non-Unix systems
    BaseApplication = object


class _Gunicorn(BaseApplication):
    """gunicorn with our settings and app factory, no command-line parsing of its own."""

    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return _app()


commands = [serve]
