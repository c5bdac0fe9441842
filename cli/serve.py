"""`crmgraph serve`: run the HTTP API."""
from __future__ import annotations

import click


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535), help="Port.")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 256), help="Worker threads.")
def serve(host: str, port: int, threads: int) -> None:
    """Serve the HubSpot-compatible API (waitress if installed, else Flask's threaded server)."""
    from app import create_app

    try:
        app = create_app()
    except Exception as exc:  # noqa: BLE001 - no traceback for a user
        raise click.ClickException(f"cannot start: {exc.__class__.__name__}: {exc}") from None
    click.echo(f"crmgraph API on http://{host}:{port}  (OpenAPI: http://{host}:{port}/openapi.json)")
    try:
        from waitress import serve as waitress_serve
    except ImportError:
        app.run(host=host, port=port, threaded=True)
    else:
        waitress_serve(app, host=host, port=port, threads=threads, ident="crmgraph")


commands = [serve]
