"""`crmgraph load`: bulk-load CSV/JSONL files (records, activities, associations)."""
from __future__ import annotations

import logging
from pathlib import Path

import click

from cli.context import Context, pass_ctx


def _specs(files, mapping, type_, fmt):
    from loaders.mapping import MappingError, infer_spec, load_mapping

    try:
        specs = load_mapping(mapping) if mapping else []
        specs += [infer_spec(Path(f), type_, fmt) for f in files]
    except MappingError as exc:
        raise click.BadParameter(str(exc)) from None
    for s in specs:
        if not s.path.exists():
            raise click.BadParameter(f"{s.path} does not exist")
    if not specs:
        raise click.UsageError("give files to load, or --mapping with a \"files\" list")
    return specs


def summary_line(s) -> str:
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(s.reject_kinds.items()))
    verb = "checked" if s.dry_run else "read"
    text = (f"{verb} {s.read} rows in {s.elapsed:.1f}s ({s.rows_per_second:,.0f} rows/s): "
            f"{s.created} created, {s.updated} updated, {s.unchanged} unchanged, "
            f"{s.associations} associations created, {s.rejected} rejected")
    return text + (f" ({kinds})" if kinds else "") + (" — dry run, nothing written" if s.dry_run else "")


@click.command("load")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--mapping", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Mapping file (JSON or TOML): files, their types and column → property names.")
@click.option("--type", "type_", metavar="TYPE",
              help="What FILES hold: contacts, companies, deals, tickets, calls, emails, meetings, notes, tasks, "
                   "communications, postal_mail, activities (type per row), associations, or a custom object. "
                   "Default: guessed from the file name.")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), help="Input format (default: by suffix).")
@click.option("--batch-size", default=5000, show_default=True, type=click.IntRange(1, 100_000),
              help="Rows per transaction.")
@click.option("--workers", default=None, type=click.IntRange(1, 32),
              help="Batches written in parallel (default: 1 on a machine with 2 cores or fewer, else 2).")
@click.option("--rejects", default=Path("load.rejects.jsonl"), show_default=True, type=click.Path(path_type=Path),
              help="Where bad rows go (JSONL: file, line, row, kind, reason).")
@click.option("--checkpoint", default=Path("load.checkpoint.json"), show_default=True,
              type=click.Path(path_type=Path), help="Progress file that --resume continues from.")
@click.option("--resume", is_flag=True, help="Continue an interrupted load from its checkpoint.")
@click.option("--dry-run", is_flag=True, help="Validate and resolve keys, write nothing.")
@click.option("--initial", is_flag=True,
              help="Empty local database only: build the data with neo4j-admin database import (fastest), "
                   "then apply the schema. Stops and restarts the local server.")
@click.option("--no-progress", is_flag=True, help="No progress bar.")
@pass_ctx
def load(ctx: Context, files, mapping, type_, fmt, batch_size, workers, rejects, checkpoint, resume, dry_run,
         initial, no_progress) -> None:
    """Load contacts, companies, deals, tickets, custom objects, activities and associations.

    FILES are CSV (header line first) or JSONL. HubSpot export columns ("Record ID",
    "First Name", "Email", "Associated Company IDs" …) are understood; other names come
    from --mapping or are taken as property names. Rows are upserted by id, contact email
    or company domain, so loading the same file twice changes nothing. Bad rows go to the
    rejects file while good rows load. See docs/loader.md.
    """
    specs = _specs(files, mapping, type_, fmt)
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    if initial:
        from cli.load_initial import run_initial

        run_initial(specs, batch_size=batch_size, rejects=rejects, no_progress=no_progress)
        return
    from tqdm import tqdm

    from loaders.dispatch import LoadError
    from loaders.engine import Loader

    if rejects.exists() and not resume:
        rejects.unlink()  # a fresh run starts a fresh rejects file; --resume appends
    bar = tqdm(unit=" rows", unit_scale=True, disable=True if no_progress else None, desc="load", leave=False)
    loader = Loader(ctx.db, batch_size=batch_size, workers=workers, dry_run=dry_run, rejects=rejects,
                    checkpoint=None if dry_run else checkpoint, resume=resume, on_rows=bar.update)
    try:
        summary = loader.run(specs)
    except LoadError as exc:
        raise click.ClickException(f"{exc}\nNothing after the last committed batch was written; "
                                   "fix the cause and run again with --resume.") from None
    finally:
        bar.close()
    click.echo(summary_line(summary))
    if summary.rejected:
        click.echo(f"rejected rows: {rejects}", err=True)


commands = [load]
