"""Input files → `neo4j-admin database import` files, validated like the online loader.

Output, in `folder`:

    nodes-<type>-<k>.csv (+ .header.csv; one pair per object type *and* input file, because
    each input file has its own columns), emails.csv, has_email.csv, rels-<REL>.csv

Record rows of CSV files go through `import_rows.RowPlan` (columns resolved and converters
built once per file and type); a row the plan cannot convert exactly, and every JSONL row, take
the generic path (`prepare.prepare_record` + `prepare.node_row`, the online loader's), which also
writes every reject. Association rows likewise: the id-independent part of an edge
(`assoc.edge_shape`) is computed once per (types, type ids, primary) and reused, anything
unusual goes through `assoc.edge_row`. Rows the importer would choke on (duplicate ids or
emails, dangling ends) are rejected here. Every node id and association pair is kept in memory
(about 100 bytes each): fine for millions, not for billions.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from app.rules import properties as props
from app.rules.associations import _id_key
from loaders.assoc import AssocRow, PairCache, edge_row, edge_shape, from_association_file, resolve_types
from loaders.engine import order_specs
from loaders.import_rows import ARRAY_DELIMITER, Bail, CsvPlans, NodeLayout
from loaders.mapping import ColumnResolver, FileSpec
from loaders.prepare import LoadContext, Rejected, node_row, pipeline_derived, prepare_record
from loaders.readers import csv_values, detect_format, read_rows
from loaders.rejects import Rejects

__all__ = ["ImportFiles", "convert"]


@dataclass
class ImportFiles:
    """What `neo4j-admin database import full` gets, and what went into it."""

    folder: Path
    nodes: list[tuple[str, Path | None, Path]] = field(default_factory=list)      # (labels, header, data)
    relationships: list[tuple[str, Path | None, Path]] = field(default_factory=list)
    node_count: int = 0
    relationship_count: int = 0
    max_id: int = 0
    read: int = 0


class _CsvOut:
    def __init__(self, path: Path):
        self.path = path
        self.f = open(path, "w", newline="", encoding="utf-8")
        self.w = csv.writer(self.f)
        self.rows = 0

    def row(self, values) -> None:
        self.w.writerow(values)
        self.rows += 1

    def close(self) -> None:
        self.f.close()


class _NodeFile:
    """One node file (and its header file) per (input file, object type), opened when its
    first row is written (a type whose rows are all rejected leaves no empty file behind)."""

    def __init__(self, folder: Path, k: int, layout: NodeLayout):
        self.layout = layout
        stem = f"nodes-{layout.t.name}-{k}"
        self.head, self.out = folder / f"{stem}.header.csv", _CsvOut(folder / f"{stem}.csv")

    def close(self) -> None:
        self.out.close()
        with open(self.head, "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerow(self.layout.header)


def _names(targets) -> list[str]:
    return [t for t in targets if not t.startswith("@") and t != "id"]


def _jsonl_names(spec: FileSpec, resolver: ColumnResolver, type_name: str) -> list[str]:
    """Property names a JSONL file's keys map to (the file is scanned once for its keys)."""
    keys: dict[str, None] = {}
    for row in read_rows(spec.path, spec.format):
        data = row.data.get("properties") if isinstance(row.data.get("properties"), dict) else row.data
        keys.update(dict.fromkeys(data))
    return _names(resolver.target(k, type_name) for k in keys)


class _Converter:
    """The state of one conversion: ids seen, emails, edges, open files."""

    def __init__(self, db, folder: Path, rejects: Rejects, now: int, fast: bool, source=None):
        self.folder, self.rejects, self.now, self.fast = folder, rejects, now, fast
        self.ctx, self.pairs = LoadContext(db, source), PairCache(db, source)
        self.files = ImportFiles(folder)
        self.node_files: list[_NodeFile] = []
        self.ids: dict[int, str] = {}           # every node id → its type (to check association ends)
        self.emails: dict[str, str] = {}
        self.email_out, self.has_email = _CsvOut(folder / "emails.csv"), _CsvOut(folder / "has_email.csv")
        self.email_out.row(["address:ID(email)", ":LABEL", "linkedAt:long"])
        self.has_email.row([":START_ID(obj)", ":END_ID(email)", ":TYPE", "primary:boolean"])
        self.edges: dict[tuple[str, str, str], list] = {}     # (rel, start, end) → type ids start → end
        self.pending: list[AssocRow] = []
        self.shapes: dict[tuple, object] = {}

    # -- records ------------------------------------------------------------------
    def records(self, k: int, spec: FileSpec) -> None:
        resolver = ColumnResolver(spec, self.ctx.labels([spec.type]) if spec.type != "activities" else {})
        if self.fast and detect_format(spec.path, spec.format) == "csv":
            self._records_csv(k, spec, resolver)
            return
        per_type: dict[str, _NodeFile] = {}
        for row in read_rows(spec.path, spec.format):
            self.files.read += 1
            self._generic_record(k, spec, resolver, row.line, row.data, row.error, per_type)

    def _records_csv(self, k: int, spec: FileSpec, resolver: ColumnResolver) -> None:
        header, rows = csv_values(spec.path)
        layouts: dict[str, NodeLayout] = {}

        def layout_for(t, targets) -> NodeLayout:
            return layouts.setdefault(t.name, NodeLayout(t, self.ctx.defs(t.name), _names(targets)))

        plans = CsvPlans(self.ctx, spec, resolver, header, self.now, layout_for)
        per_type: dict[str, _NodeFile] = {}
        ids, emails = self.ids, self.emails
        for line, values, error in rows:
            self.files.read += 1
            try:
                if error:
                    raise Bail()
                t, plan = plans.plan(values)
                out, gid, email, assoc = plan.row(self.ctx, values)
                n = out[2]
                if n in ids or (email and email in emails):
                    raise Bail()
            except Bail:
                self._generic_record(k, spec, resolver, line, dict(zip(header, values)), error, per_type, layouts)
                continue
            nf = per_type.get(t.name) or self._node_file(k, t, layouts[t.name], per_type)
            nf.out.row(out)
            self._node_written(t.name, gid, n, email, assoc, line)

    def _node_file(self, k: int, t, layout: NodeLayout, per_type: dict) -> _NodeFile:
        nf = per_type[t.name] = _NodeFile(self.folder, k, layout)
        self.node_files.append(nf)
        return nf

    def _generic_record(self, k, spec, resolver, line, raw, error, per_type, layouts=None) -> None:
        """The online loader's validation for one row: a node row, or a reject."""
        try:
            if error:
                raise Rejected("malformed", error)
            rec = prepare_record(self.ctx, spec, resolver, line, raw)
            if rec.given_id is None:
                raise Rejected("missing_key", "--initial needs an id (Record ID) on every row")
            if int(rec.given_id) in self.ids:
                raise Rejected("duplicate_key", f"id {rec.given_id} appears twice")
            if rec.email and rec.email in self.emails:
                raise Rejected("duplicate_key", f"email {rec.email} belongs to contact {self.emails[rec.email]}")
            rec.id = rec.given_id
            node = node_row(self.ctx, rec, self.now, pipeline_derived(self.ctx, rec, self.now))
        except Rejected as r:
            self.rejects.add(spec.path.name, "records", line, raw, r.kind, r.reason)
            return
        nf = per_type.get(rec.type.name)
        if nf is None:
            layouts = {} if layouts is None else layouts
            if rec.type.name not in layouts:
                if detect_format(spec.path, spec.format) == "csv":
                    names = _names(resolver.target(c, rec.type.name) for c in raw)
                else:
                    names = _jsonl_names(spec, resolver, rec.type.name)
                layouts[rec.type.name] = NodeLayout(rec.type, self.ctx.defs(rec.type.name), names)
            nf = self._node_file(k, rec.type, layouts[rec.type.name], per_type)
        nf.out.row(nf.layout.generic_row(node, self.now))
        self._node_written(rec.type.name, rec.id, int(rec.id), rec.email, rec.assoc, line)

    def _node_written(self, type_name, node_id, n, email, assoc, line) -> None:
        self.ids[n] = type_name
        if n > self.files.max_id:
            self.files.max_id = n
        if email:
            self.emails[email] = node_id
            self.email_out.row([email, "EmailAddress", self.now])
            self.has_email.row([node_id, email, "HAS_EMAIL", "true"])
        for to_type, to_ids, primary in assoc:
            self.pending += [AssocRow(line, type_name, node_id, to_type, i, [], primary) for i in to_ids]

    # -- associations ---------------------------------------------------------------
    def associations(self, spec: FileSpec) -> None:
        resolver = ColumnResolver(spec)
        if self.fast and detect_format(spec.path, spec.format) == "csv":
            header, rows = csv_values(spec.path)
            targets = [resolver.target(c) for c in header]
            at = {t: i for i, t in enumerate(targets) if t.startswith("@")}
            simple = len(set(header)) == len(header) and len(at) == sum(t.startswith("@") for t in targets)
            extra = [i for i, t in enumerate(targets) if not t.startswith("@")]
            need = [at.get(n) for n in ("@from_type", "@from_id", "@to_type", "@to_id")]
            types_at, primary_at = at.get("@types"), at.get("@primary")
            for line, values, error in rows:
                self.files.read += 1
                if error is None and simple and None not in need and not any(values[i] for i in extra) \
                        and self._fast_edge(values, need, types_at, primary_at):
                    continue
                raw = dict(zip(header, values))
                self._generic_assoc(spec, resolver, line, raw, error)
            return
        for row in read_rows(spec.path, spec.format):
            self.files.read += 1
            self._generic_assoc(spec, resolver, row.line, row.data, row.error)

    def _fast_edge(self, values, need, types_at, primary_at) -> bool:
        """Add the edge of a well-formed association file row; False sends it to the generic path."""
        ft, fid, tt, tid = (values[i].strip() for i in need)
        if not (ft and fid and tt and tid):
            return False
        types = ()
        if types_at is not None and values[types_at]:
            types = tuple(t.strip() for t in values[types_at].replace(",", ";").split(";") if t.strip())
        primary = primary_at is not None and values[primary_at].strip().lower() in ("true", "yes", "1", "y", "primary")
        return self._add_edge(ft, fid, tt, tid, types, primary)

    def _add_edge(self, ft, fid, tt, tid, types, primary) -> bool:
        if not (fid.isdigit() and tid.isdigit()):
            return False
        key = (ft, tt, types, primary)
        shape = self.shapes.get(key)
        if shape is None:
            try:
                a = AssocRow(0, ft, fid, tt, tid, list(types), primary)
                shape = edge_shape(self.pairs, *resolve_types(a), types, primary, self.now)
            except Rejected:
                shape = False
            self.shapes[key] = shape
        if shape is False:
            return False
        forward = _id_key(fid) <= _id_key(tid) if shape.same_kind else shape.from_is_start
        if forward:
            start, end, st, s_type, e_type = fid, tid, shape.forward, shape.from_type, shape.to_type
        else:
            start, end, st, s_type, e_type = tid, fid, shape.inverse, shape.to_type, shape.from_type
        ids = self.ids
        if ids.get(int(start)) != s_type or ids.get(int(end)) != e_type:
            return False
        self._union(shape.rel, start, end, st)
        return True

    def _union(self, rel, start, end, st) -> None:
        key = (rel, start, end)
        have = self.edges.get(key)
        if have is None:
            self.edges[key] = list(st)
        else:   # one relationship per pair: union of the types
            have += [x for x in st if x not in have]

    def _generic_assoc(self, spec, resolver, line, raw, error) -> None:
        # `error` (a CSV row with the wrong number of fields) is not a reject of its own here:
        # the row is judged by the fields it has, as `--initial` always did
        try:
            a = from_association_file(line, raw, resolver)
        except Rejected as r:
            self.rejects.add(spec.path.name, "associations", 0, {}, r.kind, r.reason)
            return
        self._generic_edge(a, raw, spec.path.name)

    def _generic_edge(self, a: AssocRow, raw, file_name: str) -> None:
        try:
            rel, row = edge_row(self.pairs, a, self.now)
            for end, t in ((row["start"], row["start_type"]), (row["end"], row["end_type"])):
                if self.ids.get(int(end)) != t:
                    raise Rejected("dangling_association", f"no {t} record with id {end} in the files")
        except Rejected as r:
            self.rejects.add(file_name, "associations", a.line, raw, r.kind, r.reason)
            return
        self._union(rel, row["start"], row["end"], row["st"])

    def record_associations(self) -> None:
        """`Associated … IDs` columns of record files, after every association file."""
        for a in self.pending:
            if not (self.fast and self._add_edge(a.from_type, a.from_id, a.to_type, a.to_id, (), a.primary)):
                self._generic_edge(a, {"from": a.from_id, "to": a.to_id}, "records")

    # -- output ---------------------------------------------------------------------------
    def finish(self) -> ImportFiles:
        files, now = self.files, self.now
        rels: dict[str, _CsvOut] = {}
        for (rel, start, end), st in self.edges.items():
            out = rels.get(rel)
            if out is None:
                out = rels[rel] = _CsvOut(self.folder / f"rels-{rel}.csv")
                out.row([":START_ID(obj)", ":END_ID(obj)", ":TYPE", "types:int[]", "createdAt:long", "rule", "at:long"])
            activity = rel.startswith(("ACTIVITY_", "EVENT_"))
            out.row([start, end, rel, ARRAY_DELIMITER.join(map(str, st)), now,
                     "IMPORT" if activity else "", now if activity else ""])
        for nf in self.node_files:
            nf.close()
            files.nodes.append((":".join(nf.layout.t.labels), nf.head, nf.out.path))
            files.node_count += nf.out.rows
        self.email_out.close()
        self.has_email.close()
        files.nodes.append(("EmailAddress", None, self.email_out.path))
        files.relationships.append(("HAS_EMAIL", None, self.has_email.path))
        files.node_count += self.email_out.rows - 1
        files.relationship_count += self.has_email.rows - 1
        for rel, out in rels.items():
            out.close()
            files.relationships.append((rel, None, out.path))
            files.relationship_count += out.rows - 1
        return files


def convert(db, specs: list[FileSpec], folder: Path, rejects: Rejects, now: int | None = None,
            fast: bool = True, source=None) -> ImportFiles:
    """Validate every input row and write the import files into `folder`.

    `fast=False` runs only the generic path (tests compare both, byte for byte). `source`
    (`loaders.seeded.SeedSource`, with `db` None): definitions from the seed, no server."""
    folder.mkdir(parents=True, exist_ok=True)
    conv = _Converter(db, folder, rejects, now or props.now_ms(), fast, source)
    specs = order_specs(specs)
    for k, spec in enumerate(specs):
        if not spec.is_associations:
            conv.records(k, spec)
    for spec in specs:
        if spec.is_associations:
            conv.associations(spec)
    conv.record_associations()
    return conv.finish()
