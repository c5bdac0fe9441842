"""`crmgraph bench …`: the `bench` group (other topics add their sub-commands to it), with
`generate` (synthetic CRM files) and `load` (the loading benchmark)."""
from __future__ import annotations

from pathlib import Path

import click


@click.group("bench")
def bench() -> None:
    """Benchmarks on throwaway Neo4j servers; results go to docs/benchmarks.md."""


@bench.command("generate")
@click.option("--size", type=click.Choice(["XS", "S", "M10", "M"]), default="S", show_default=True,
              help="S ≈ 10k contacts; M ≈ 1M contacts, 100k companies, 1M deals, 5M activities; M10 = a tenth of M.")
@click.option("--seed", default=1, show_default=True, help="Same seed, same files.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True, help="Output folder.")
def generate(size: str, seed: int, out: Path) -> None:
    """Write a deterministic synthetic CRM (CSV files + mapping.json for crmgraph load)."""
    from bench.generate import generate as gen

    counts = gen(size, seed, out)
    click.echo(f"{sum(counts.values()):,} rows in {len(counts)} files in {out} "
               f"(load with: crmgraph load --mapping {out / 'mapping.json'})")


@bench.command("load")
@click.option("--size", type=click.Choice(["XS", "S", "M10", "M"]), default="S", show_default=True,
              help="Dataset size (M10 = a tenth of M).")
@click.option("--seed", default=1, show_default=True, help="Generator seed.")
@click.option("--note", default="", help="A sentence added to the docs section (e.g. why a size was skipped).")
@click.option("--no-docs", is_flag=True, help="Print only; do not update docs/benchmarks.md.")
@click.option("--ways", default="loader,load-csv,initial", show_default=True,
              help="Which ways to run, comma-separated (a subset prints its figures; only all three update the docs).")
def load(size: str, seed: int, note: str, no_docs: bool, ways: str) -> None:
    """Load the same files with crmgraph load, LOAD CSV … IN TRANSACTIONS and neo4j-admin import
    (each on its own throwaway server) and record nodes/s, relationships/s and the ratios."""
    from bench import load_bench

    chosen = tuple(w.strip() for w in ways.split(",") if w.strip())
    unknown = [w for w in chosen if w not in load_bench.WAYS]
    if unknown or not chosen:
        raise click.BadParameter(f"{', '.join(unknown) or 'nothing'}: choose from {', '.join(load_bench.WAYS)}",
                                 param_hint="--ways")
    load_bench.run(size, seed, docs=not no_docs, note=note, echo=lambda m: click.echo(m, err=True), ways=chosen)


from cli.bench_act import act  # noqa: E402 - the sub-commands live in their topic modules
from cli.bench_merge import merge  # noqa: E402
from cli.bench_wf import wf  # noqa: E402

for _command in (act, merge, wf):
    bench.add_command(_command)

commands = [bench]
