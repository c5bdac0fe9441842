"""`crmgraph bench act`: the activity-logging benchmark (bench/act_bench.py).

The `bench` group (`cli/bench.py`) adds this sub-command; this module only defines it.
"""
from __future__ import annotations

import click


@click.command("act")
@click.option("--contacts", default=1_000_000, show_default=True, type=click.IntRange(1_000, 10_000_000),
              help="Synthetic CRM size (contacts; as many deals, a tenth as many companies).")
@click.option("--requests", "requests_n", default=4000, show_default=True, type=click.IntRange(100, 1_000_000),
              help="Activities logged per measured run.")
@click.option("--clients", default=8, show_default=True, type=click.IntRange(1, 64),
              help="Concurrent HTTP clients (and in-process threads for the no-HTTP baseline).")
@click.option("--no-docs", is_flag=True, help="Print only; do not update docs/benchmarks.md.")
def act(contacts: int, requests_n: int, clients: int, no_docs: bool) -> None:
    """Log activities through HTTP on a synthetic CRM, beside the same work without HTTP and bare Cypher.

    Starts its own Neo4j (.neo4j/bench-act) and `crmgraph serve` (gunicorn), records p50/p99
    latency and throughput, and writes them to the activities section of docs/benchmarks.md.
    """
    from bench import act_bench

    command = f"crmgraph bench act --contacts {contacts} --requests {requests_n} --clients {clients}"
    act_bench.run(contacts=contacts, requests_n=requests_n, clients=clients, docs=not no_docs, command=command,
                  echo=lambda m: click.echo(m, err=True))
