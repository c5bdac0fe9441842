"""`crmgraph load --initial`: build an empty database with `neo4j-admin database import`.

The offline importer is the fastest way Neo4j has to create a store, but it only takes CSV
in its own header format and only into a stopped server. `import_convert.convert` turns the
input files into that format (validated like the online loader, so nodes come out identical);
this module runs the whole flow against the local server (`initial_load`) and builds the
`neo4j-admin` command line (`admin_args`).
"""
from __future__ import annotations

import json
from pathlib import Path

from loaders.import_convert import ImportFiles, convert
from loaders.import_rows import ARRAY_DELIMITER
from loaders.mapping import FileSpec
from loaders.rejects import Rejects
from loaders.seeded import NeedsServer, SeedSource

__all__ = ["ImportFiles", "convert", "admin_args", "initial_load", "InitialRefused"]


def admin_args(files: ImportFiles, database: str = "neo4j") -> list[str]:
    """The `neo4j-admin` arguments that import `files` (replacing the database)."""
    # the database name goes first: --nodes/--relationships take several files and would swallow it
    args = ["database", "import", "full", database, "--overwrite-destination=true", f"--array-delimiter={_u(ARRAY_DELIMITER)}",
            "--multiline-fields=true", "--ignore-empty-strings=true", "--id-type=string"]
    for labels, head, data in files.nodes:
        args.append(f"--nodes={labels}=" + (f"{head},{data}" if head else f"{data}"))
    for rel, head, data in files.relationships:
        args.append(f"--relationships={data}")
    return args


def _u(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def describe(files: ImportFiles) -> str:
    return json.dumps({"nodes": files.node_count, "relationships": files.relationship_count,
                       "files": [str(d) for _, _, d in files.nodes + files.relationships]})


def initial_load(server, specs: list[FileSpec], workdir: Path, rejects: Rejects, echo=print) -> dict:
    """The whole `--initial` flow against a local server (`app.localneo4j.LocalNeo4j`).

    1. a home whose database was never created can only hold the seed: convert the input
       files into import files with the definitions read from the seed (`loaders.seeded`), no
       server. Otherwise (or for a pair of types the seed has no association types for):
       start the server if needed, apply schema + seed, refuse unless the database holds
       nothing but those defaults, and convert with the definitions read from it;
    2. stop the server and run `neo4j-admin database import full --overwrite-destination`;
    3. start it again, apply schema + seed, move the id sequence above the loaded ids.
    Returns timings in seconds and counts.
    """
    import time

    from app.db import connect
    from app.schema import init_database
    from loaders import writers

    t0 = time.monotonic()
    files = None
    if server.pid() is None and not (server.home / "data" / "databases" / "neo4j").exists():
        # never started: the database can only be the seed, so the conversion reads the
        # definitions from it and the server is not started just to answer them
        server.assemble(echo=echo)
        server.configure()
        mark = rejects.mark()
        try:
            files = convert(None, specs, workdir, rejects, source=SeedSource())
        except NeedsServer:
            rejects.rewind(mark)
            for f in workdir.iterdir():
                f.unlink()
    if files is None:
        server.start(echo=echo)
        db = connect({"NEO4J_URI": server.uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": server.password})
        try:
            init_database(db)
            blockers = {k: v for k, v in db.query("load/initial_blockers").items() if v}
            if blockers:
                raise InitialRefused("--initial replaces the whole database, and this one already holds data ("
                                     + ", ".join(f"{v} {k}" for k, v in blockers.items())
                                     + "). Use 'crmgraph load' without --initial, or 'crmgraph db reset' first.")
            files = convert(db, specs, workdir, rejects)
        finally:
            db.close()
    t1 = time.monotonic()
    server.stop()
    proc = server.admin(*admin_args(files), check=False)
    if proc.returncode != 0:
        server.start(echo=echo)
        raise InitialRefused("neo4j-admin database import failed (the database was left as it was "
                             "before only if the import had not started writing):\n"
                             + (proc.stdout + proc.stderr)[-2500:])
    t2 = time.monotonic()
    server.start(echo=echo)
    db = connect({"NEO4J_URI": server.uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": server.password})
    try:
        init_database(db)
        if files.max_id:
            writers.bump_sequence(db, files.max_id)
    finally:
        db.close()
    t3 = time.monotonic()
    return {"convert_s": t1 - t0, "import_s": t2 - t1, "restart_schema_s": t3 - t2, "total_s": t3 - t0,
            "nodes": files.node_count, "relationships": files.relationship_count, "read": files.read,
            "files": files}


class InitialRefused(RuntimeError):
    """`--initial` cannot run here; the message says why and what to do instead."""
