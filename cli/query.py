"""`crmgraph query "<cypher>"`: ad-hoc read-only Cypher, printed as a table or JSON."""
from __future__ import annotations

import json
import logging

import click

from cli.context import Context, pass_ctx


def _cell(value) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, default=str, ensure_ascii=False)


def _table(columns: list[str], rows: list[dict], max_width: int = 60) -> str:
    cells = [[_cell(r.get(c))[:max_width] for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    line = lambda vals: " | ".join(v.ljust(w) for v, w in zip(vals, widths)).rstrip()  # noqa: E731
    out = [line(columns), "-+-".join("-" * w for w in widths)]
    out += [line(row) for row in cells]
    return "\n".join(out)


@click.command("query")
@click.argument("cypher")
@click.option("--json", "as_json", is_flag=True, help="Print the rows as a JSON list of objects.")
@click.option("--limit", default=1000, show_default=True, type=click.IntRange(1, 1_000_000),
              help="Keep at most this many rows (the rest are not fetched).")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(0.1, 3600),
              help="Seconds before the server stops the query.")
@pass_ctx
def query(ctx: Context, cypher: str, as_json: bool, limit: int, timeout: float) -> None:
    """Run a read-only Cypher query and print its rows.

    The query is planned first and refused if it would write, uses LOAD CSV, or calls a
    procedure other than the catalogue ones (db.labels, db.relationshipTypes,
    db.propertyKeys, db.schema.*, dbms.components). The graph model is in cypher/README.md.

    Example: crmgraph query "MATCH (c:Contact) RETURN c.email AS email LIMIT 5"
    """
    from app.adhoc import AdhocRefused, run

    logging.getLogger("neo4j").setLevel(logging.ERROR)  # the server's "unknown label" hints are noise here
    try:
        result = run(ctx.db, cypher, timeout=timeout, limit=limit)
    except AdhocRefused as exc:
        raise click.ClickException(f"refused: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - timeouts and runtime errors, one line each
        raise click.ClickException(f"query failed: {getattr(exc, 'message', None) or exc}") from None
    if as_json:
        click.echo(json.dumps(result.rows, default=str, ensure_ascii=False, indent=2))
    else:
        click.echo(_table(result.columns, result.rows))
    if result.truncated:
        click.echo(f"(stopped at --limit {limit} rows)", err=True)
    elif not as_json:
        click.echo(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})", err=True)


commands = [query]
