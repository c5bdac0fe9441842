"""`crmgraph bench wf`: the workflow WF-2 benchmark (bench/wf_bench.py).

The `bench` group (`cli/bench.py`) adds this sub-command; this module only defines it.
"""
from __future__ import annotations

import click


@click.command("wf")
@click.option("--size", default=100_000, show_default=True, type=click.IntRange(100, 10_000_000),
              help="Contacts and companies each (about 10 % of contacts match a company).")
@click.option("--no-docs", is_flag=True, help="Print only; do not update docs/benchmarks.md.")
def wf(size: int, no_docs: bool) -> None:
    """Time WF-2 "create associations" over SIZE enrolled contacts × SIZE companies, on a
    throwaway Neo4j; checks the plan is an index seek without a cartesian product and writes
    the figures to the workflow section of docs/benchmarks.md (target ≤ 30 s at 100k)."""
    from bench import wf_bench

    command = "crmgraph bench wf" + ("" if size == 100_000 else f" --size {size}")
    wf_bench.run(size, docs=not no_docs, command=command, echo=lambda m: click.echo(m, err=True))
