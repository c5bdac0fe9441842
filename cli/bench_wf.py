"""`crmgraph bench wf`: the workflow WF-2 benchmark (bench/wf_bench.py).

The `bench` group belongs to `cli/bench.py` (the loader engineer's) when it exists; otherwise
to whichever topic module made one first (`cli/bench_merge.py`). This module adds its `wf`
sub-command to that group, and only makes a `bench` group of its own when there is none.
"""
from __future__ import annotations

import importlib

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


def _attach() -> list:
    for name in ("cli.bench", "cli.bench_merge"):
        try:
            owner = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        for command in getattr(owner, "commands", []):
            if isinstance(command, click.Group) and command.name == "bench":
                command.add_command(wf)
                return []

    @click.group("bench")
    def bench() -> None:
        """Benchmarks (results go to docs/benchmarks.md)."""

    bench.add_command(wf)
    return [bench]


commands = _attach()
