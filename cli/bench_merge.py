"""`crmgraph bench merge`: the contact-merge benchmark (bench/merge_bench.py).

The `bench` group (`cli/bench.py`) adds this sub-command; this module only defines it.
"""
from __future__ import annotations

import click

SIZES = "100,1000,10000,100000"


def _sizes(ctx, param, value: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(x) for x in value.split(",") if x.strip())
    except ValueError:
        raise click.BadParameter("comma-separated integers, e.g. 100,1000,10000") from None
    if not sizes or min(sizes) < 1:
        raise click.BadParameter("at least one size, each ≥ 1")
    return sizes


@click.command("merge")
@click.option("--sizes", default=SIZES, show_default=True, callback=_sizes,
              help="Activities per contact, comma-separated.")
@click.option("--repeats", default=3, show_default=True, type=click.IntRange(1, 20),
              help="Merges timed per size below 100k (the median is reported).")
@click.option("--no-docs", is_flag=True, help="Print only; do not update docs/benchmarks.md.")
def merge(sizes: tuple[int, ...], repeats: int, no_docs: bool) -> None:
    """Time merging two contacts with N activities each, on a throwaway Neo4j.

    Shows that a merge grows linearly with degree (target: ≤ 1 s at 10k each) and writes the
    figures to the merge section of docs/benchmarks.md.
    """
    from bench import merge_bench

    command = "crmgraph bench merge" + ("" if ",".join(map(str, sizes)) == SIZES else f" --sizes {','.join(map(str, sizes))}")
    merge_bench.run(sizes, repeats, docs=not no_docs, command=command, echo=lambda m: click.echo(m, err=True))
