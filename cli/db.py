"""`crmgraph db …`: the local Neo4j server and the database schema."""
from __future__ import annotations

import os

import click

from app.localneo4j import LocalNeo4j, Neo4jUnavailable
from cli.context import Context, pass_ctx


def _local() -> LocalNeo4j:
    return LocalNeo4j()


@click.group("db")
def db_group() -> None:
    """Run the local Neo4j server and manage the database (NEO4J_URI overrides the local server)."""


@db_group.command("start")
@click.option("--timeout", default=120, show_default=True, help="Seconds to wait for Bolt to answer.")
def start(timeout: int) -> None:
    """Assemble (first time), configure and start the local Neo4j 5.26 server."""
    if os.environ.get("NEO4J_URI"):
        click.echo(f"NEO4J_URI is set ({os.environ['NEO4J_URI']}): using that server, not starting one.")
        return
    server = _local()
    try:
        server.start(timeout=timeout, echo=lambda m: click.echo(m, err=True))
    except Neo4jUnavailable as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Neo4j {server.status()['version']} running at {server.uri} (home {server.home})")


@db_group.command("stop")
def stop() -> None:
    """Stop the local Neo4j server cleanly."""
    click.echo("stopped" if _local().stop() else "not running")


@db_group.command("status")
@pass_ctx
def status(ctx: Context) -> None:
    """Say whether Neo4j is running, where, and how big the graph is."""
    if os.environ.get("NEO4J_URI"):
        click.echo(f"server: {os.environ['NEO4J_URI']} (from NEO4J_URI)")
    else:
        s = _local().status()
        click.echo(f"server: {'running' if s['running'] else 'stopped'} at {s['uri']} "
                   f"(Neo4j {s['version']}, home {s['home']})")
        if not s["running"]:
            return
    counts = ctx.db.query("admin/counts")
    click.echo(f"graph: {counts['nodes']} nodes, {counts['relationships']} relationships")


@db_group.command("init")
@pass_ctx
def init(ctx: Context) -> None:
    """Apply constraints and indexes and seed HubSpot's defaults (idempotent)."""
    from app.schema import apply_schema, seed

    names = apply_schema(ctx.db)
    seed(ctx.db)
    click.echo(f"schema: {len(names)} constraints/indexes in place; defaults seeded")


@db_group.command("reset")
@click.confirmation_option(prompt="Delete every node and relationship?")
@pass_ctx
def reset(ctx: Context) -> None:
    """Delete all data (keeps the schema), then re-seed the defaults."""
    from app.schema import seed, wipe

    n = wipe(ctx.db)
    seed(ctx.db)
    click.echo(f"deleted {n} nodes; defaults seeded")


commands = [db_group]
