"""`crmgraph load --initial`: the offline import path (loaders/initial.py), local server only."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click


def run_initial(specs, *, batch_size: int, rejects: Path, no_progress: bool, server=None) -> dict:
    """Refuse on a remote server, else convert, import, restart, apply schema; print a summary."""
    from app.localneo4j import LocalNeo4j, Neo4jUnavailable
    from loaders.initial import InitialRefused, initial_load
    from loaders.rejects import Rejects

    if os.environ.get("NEO4J_URI") and server is None:
        raise click.ClickException(
            f"--initial rebuilds the local server's store with neo4j-admin and cannot work on a remote server "
            f"(NEO4J_URI={os.environ['NEO4J_URI']}). Load online instead: crmgraph load FILES (without --initial).")
    server = server or LocalNeo4j()
    if rejects.exists():
        rejects.unlink()
    bad = Rejects(rejects)
    server.home.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryDirectory(prefix="crmgraph-import-", dir=server.home) as work:
            result = initial_load(server, specs, Path(work), bad, echo=lambda m: click.echo(m, err=True))
    except (InitialRefused, Neo4jUnavailable) as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        bad.close()
    click.echo(f"initial load: {result['read']} rows read, {result['nodes']} nodes and {result['relationships']} "
               f"relationships imported, {bad.count} rejected, in {result['total_s']:.1f}s "
               f"(convert {result['convert_s']:.1f}s, neo4j-admin import {result['import_s']:.1f}s, "
               f"restart + schema {result['restart_schema_s']:.1f}s)")
    if bad.count:
        click.echo(f"rejected rows: {rejects}", err=True)
    return result
