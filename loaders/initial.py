"""`crmgraph load --initial`: build an empty database with `neo4j-admin database import`.

The offline importer is the fastest way Neo4j has to create a store, but it only takes CSV
in its own header format. So this module converts the input files — validated by the same
`prepare` step as the online loader, so nodes come out identical (labels, system fields,
typed values, `_ts_<p>`, `_hist_<p>` with sourceType IMPORT, `:EmailAddress` + `HAS_EMAIL`,
derived `closed`, one relationship per pair with `types`) — into import files, streaming:

    nodes-<type>.csv (+ a header file), emails.csv, has_email.csv, rels-<REL>.csv

`run_import` then runs `neo4j-admin database import full --overwrite-destination` against
a *stopped* local server. Afterwards the caller starts it and applies schema and seed.
Rows the importer would choke on (duplicates, dangling ends) are rejected here first.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from app import objecttypes
from app.rules import properties as props
from loaders.assoc import AssocRow, PairCache, edge_row, from_association_file
from loaders.engine import order_specs
from loaders.mapping import ColumnResolver, FileSpec
from loaders.prepare import LoadContext, Rejected, node_row, pipeline_derived, prepare_record
from loaders.readers import read_rows
from loaders.rejects import Rejects

__all__ = ["ImportFiles", "convert", "admin_args"]

ARRAY_DELIMITER = "\u001f"   # history entries are JSON: `;` (the default) can occur inside them
_KIND = {"number": "double", "bool": "boolean", "date": "long", "datetime": "long"}


@dataclass
class ImportFiles:
    """What `neo4j-admin database import full` gets, and what went into it."""

    folder: Path
    nodes: list[tuple[str, Path, Path]] = field(default_factory=list)      # (labels, header, data)
    relationships: list[tuple[str, Path, Path]] = field(default_factory=list)
    node_count: int = 0
    relationship_count: int = 0
    max_id: int = 0
    read: int = 0


class _CsvOut:
    def __init__(self, path: Path):
        self.f = open(path, "w", newline="", encoding="utf-8")
        self.w = csv.writer(self.f)
        self.rows = 0

    def row(self, values) -> None:
        self.w.writerow(values)
        self.rows += 1

    def close(self) -> None:
        self.f.close()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(str(v) for v in value)
    return str(value)


class _NodeFile:
    """One node file per object type; columns fixed by the input's header (names known up front)."""

    def __init__(self, folder: Path, t, defs: dict, names: list[str]):
        self.t = t
        self.names = [n for n in dict.fromkeys(names) if n != "createdate"]
        extra = ["pipeline", "dealstage", "closedate"] if t.name == "deals" else \
            ["hs_pipeline", "hs_pipeline_stage"] if t.name == "tickets" else []
        self.names += [n for n in extra if n not in self.names]
        self.header = ["id:ID(obj)", ":LABEL", "_n:long", "_type", "createdate:long", "_updated:long",
                       "archived:boolean", "_ts_createdate:long", "_hist_createdate:string[]"]
        for n in self.names:
            kind = _KIND.get((defs.get(n) or {}).get("type"), "string")
            self.header += [f"{n}:{kind}", f"_ts_{n}:long", f"_hist_{n}:string[]"]
        self.derived = ["closed", "closedWon"] if t.name in ("deals", "tickets") else []
        self.header += [f"{d}:boolean" for d in self.derived]
        if t.is_activity:
            self.header.append("source")
        self.label = ARRAY_DELIMITER.join(t.labels)
        self.data = folder / f"nodes-{t.name}.csv"
        self.head = folder / f"nodes-{t.name}.header.csv"
        self.out = _CsvOut(self.data)

    def write(self, row: dict, now: int) -> None:
        p = row["props"]
        values = [row["id"], self.label, row["n"], row["type"], row["createdate"], now, "true",
                  p.get("_ts_createdate"), _cell(p.get("_hist_createdate"))]
        for n in self.names:
            values += [_cell(p.get(n)), _cell(p.get(f"_ts_{n}")), _cell(p.get(f"_hist_{n}"))]
        values += [_cell(p.get(d)) for d in self.derived]
        if self.t.is_activity:
            values.append("IMPORT")
        values[6] = "false"   # archived
        self.out.row(values)

    def close(self) -> None:
        self.out.close()
        with open(self.head, "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerow(self.header)


def _columns(spec: FileSpec, resolver: ColumnResolver, type_name: str) -> list[str]:
    """Property names the file's columns map to (a JSONL file is scanned once for its keys)."""
    keys: dict[str, None] = {}
    for row in read_rows(spec.path, spec.format):
        data = row.data.get("properties") if isinstance(row.data.get("properties"), dict) else row.data
        keys.update(dict.fromkeys(data))
        if (spec.format or spec.path.suffix.lower()) not in ("jsonl", ".jsonl", ".ndjson", ".json"):
            break  # CSV: every row has the header's columns
    return [resolver.target(k, type_name) for k in keys if not resolver.target(k, type_name).startswith("@")
            and resolver.target(k, type_name) != "id"]


def convert(db, specs: list[FileSpec], folder: Path, rejects: Rejects, now: int | None = None) -> ImportFiles:
    """Validate every input row and write the import files into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    now = now or props.now_ms()
    ctx, pairs = LoadContext(db), PairCache(db)
    files = ImportFiles(folder)
    node_files: dict[str, _NodeFile] = {}
    ids: dict[int, str] = {}           # every node id → its type (to check association ends)
    emails: dict[str, str] = {}
    email_out, has_email = _CsvOut(folder / "emails.csv"), _CsvOut(folder / "has_email.csv")
    email_out.row(["address:ID(email)", ":LABEL", "linkedAt:long"])
    has_email.row([":START_ID(obj)", ":END_ID(email)", ":TYPE", "primary:boolean"])
    rels: dict[str, _CsvOut] = {}
    edges: dict[tuple[str, str, str], dict] = {}
    pending_assoc: list[AssocRow] = []
    specs = order_specs(specs)
    for spec in specs:
        if spec.is_associations:
            continue
        resolver = ColumnResolver(spec, ctx.labels([spec.type]) if spec.type != "activities" else {})
        for row in read_rows(spec.path, spec.format):
            files.read += 1
            try:
                if row.error:
                    raise Rejected("malformed", row.error)
                rec = prepare_record(ctx, spec, resolver, row.line, row.data)
                if rec.given_id is None:
                    raise Rejected("missing_key", "--initial needs an id (Record ID) on every row")
                if int(rec.given_id) in ids:
                    raise Rejected("duplicate_key", f"id {rec.given_id} appears twice")
                if rec.email and rec.email in emails:
                    raise Rejected("duplicate_key", f"email {rec.email} belongs to contact {emails[rec.email]}")
                rec.id = rec.given_id
                node = node_row(ctx, rec, now, pipeline_derived(ctx, rec, now))
            except Rejected as r:
                rejects.add(spec.path.name, "records", row.line, row.data, r.kind, r.reason)
                continue
            nf = node_files.get(rec.type.name)
            if nf is None:
                names = _columns(spec, resolver, rec.type.name)
                nf = node_files[rec.type.name] = _NodeFile(folder, rec.type, ctx.defs(rec.type.name), names)
            nf.write(node, now)
            ids[int(rec.id)] = rec.type.name
            files.max_id = max(files.max_id, int(rec.id))
            if rec.email:
                emails[rec.email] = rec.id
                email_out.row([rec.email, "EmailAddress", now])
                has_email.row([rec.id, rec.email, "HAS_EMAIL", "true"])
            for to_type, to_ids, primary in rec.assoc:
                pending_assoc += [AssocRow(row.line, rec.type.name, rec.id, to_type, i, [], primary) for i in to_ids]
    for spec in specs:
        rows = ((r.line, r.data, from_association_file(r.line, r.data, ColumnResolver(spec)))
                for r in read_rows(spec.path, spec.format)) if spec.is_associations else ()
        for line, raw, a in _safe(rows, spec, rejects):
            files.read += 1
            _edge(pairs, a, raw, spec, ids, edges, rejects, now)
    for a in pending_assoc:
        _edge(pairs, a, {"from": a.from_id, "to": a.to_id}, FileSpec(Path("records"), "associations"),
              ids, edges, rejects, now)
    for (rel, start, end), e in edges.items():
        out = rels.get(rel)
        if out is None:
            out = rels[rel] = _CsvOut(folder / f"rels-{rel}.csv")
            out.row([":START_ID(obj)", ":END_ID(obj)", ":TYPE", "types:int[]", "createdAt:long", "rule", "at:long"])
        out.row([start, end, rel, _cell(e["st"]), now, e["prov"].get("rule", ""), e["prov"].get("at", "")])
    for nf in node_files.values():
        nf.close()
        files.nodes.append((":".join(nf.t.labels), nf.head, nf.data))
        files.node_count += nf.out.rows
    email_out.close()
    has_email.close()
    files.nodes.append(("EmailAddress", None, email_out.f.name))
    files.relationships.append(("HAS_EMAIL", None, has_email.f.name))
    files.node_count += email_out.rows - 1
    files.relationship_count += has_email.rows - 1
    for rel, out in rels.items():
        out.close()
        files.relationships.append((rel, None, Path(out.f.name)))
        files.relationship_count += out.rows - 1
    return files


def _safe(rows, spec, rejects):
    """Association file rows that parse; the others go to the rejects file."""
    it = iter(rows)
    while True:
        try:
            yield next(it)
        except StopIteration:
            return
        except Rejected as r:
            rejects.add(spec.path.name, "associations", 0, {}, r.kind, r.reason)


def _edge(pairs, a: AssocRow, raw, spec, ids, edges, rejects, now) -> None:
    try:
        rel, row = edge_row(pairs, a, now)
        for end, t in ((row["start"], row["start_type"]), (row["end"], row["end_type"])):
            if ids.get(int(end)) != t:
                raise Rejected("dangling_association", f"no {t} record with id {end} in the files")
    except Rejected as r:
        rejects.add(spec.path.name, "associations", a.line, raw, r.kind, r.reason)
        return
    key = (rel, row["start"], row["end"])
    if key in edges:   # one relationship per pair: union of the types
        edges[key]["st"] += [x for x in row["st"] if x not in edges[key]["st"]]
    else:
        edges[key] = row


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

    1. start the server if needed, apply schema + seed (validation reads the definitions),
       and refuse unless the database holds nothing but those defaults;
    2. convert the input files into import files (server still up, read only);
    3. stop the server and run `neo4j-admin database import full --overwrite-destination`;
    4. start it again, apply schema + seed, move the id sequence above the loaded ids.
    Returns timings in seconds and counts.
    """
    import time

    from app.db import connect
    from app.schema import init_database
    from loaders import writers

    t0 = time.monotonic()
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
