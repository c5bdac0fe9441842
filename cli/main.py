"""Entry point of `crmgraph`: the root group and its sub-commands, one module per topic."""
from __future__ import annotations

import importlib
import logging

import click

from cli.context import Context

# topic modules, each exporting `commands` (a list of click commands or groups)
_TOPICS = ["cli.db", "cli.serve", "cli.users", "cli.demo", "cli.load", "cli.query", "cli.bench"]


class _FriendlyGroup(click.Group):
    """Turns unexpected errors into one line on stderr (exit 1); `-v` shows the traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:  # noqa: BLE001 - the user gets a message, not a traceback
            if logging.getLogger().isEnabledFor(logging.INFO):
                raise
            raise click.ClickException(f"{exc.__class__.__name__}: {exc}") from None


@click.group(cls=_FriendlyGroup, context_settings={"help_option_names": ["-h", "--help"], "auto_envvar_prefix": "CRMGRAPH"})
@click.option("-v", "--verbose", is_flag=True, help="Log more detail to stderr.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool) -> None:
    """crmgraph — a HubSpot-compatible association engine for CRM data on Neo4j."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    ctx.obj = Context()
    ctx.call_on_close(ctx.obj.close)


for _name in _TOPICS:
    try:
        _module = importlib.import_module(_name)
    except ModuleNotFoundError as exc:  # a topic not written yet
        if exc.name != _name:
            raise
        continue
    for _command in _module.commands:
        cli.add_command(_command)
