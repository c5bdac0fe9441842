"""The bulk loader: files in, batches of idempotent writes out, a summary at the end.

Order of work: record and activity files first (companies, contacts, deals, tickets,
custom objects, activities), then associations — from association files and from record
files' `Associated … IDs` columns — so every association finds both of its ends.

Per batch, the main thread validates rows (`prepare`), resolves keys with one read
(`load/lookup_records`: id, contact email, company domain) and allocates ids for new rows;
a worker lane then writes the batch in one managed transaction (`writers`). Keys are
resolved in file order in the main thread and remembered for the run, so two rows with the
same email in different in-flight batches still become one contact.
"""
from __future__ import annotations

import gc
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from app import objecttypes
from app.ids import IdAllocator
from app.rules import properties as props
from loaders import writers
from loaders.assoc import AssocRow, PairCache, csv_association_reader, edge_row, from_association_file
from loaders.batching import LaneBuffer, lane_of
from loaders.checkpoint import Checkpoint, Progress
from loaders.dispatch import Dispatcher, LoadError
from loaders.mapping import ColumnResolver, FileSpec
from loaders.prepare import (LoadContext, Record, Rejected, create_props, lookup, node_row, pipeline_derived,
                             prepare_record)
from loaders.import_rows import Bail, CsvPlans
from loaders.readers import Row, csv_values, detect_format, read_rows
from loaders.rejects import Rejects, trim_after

__all__ = ["Loader", "Summary", "LoadError", "order_specs", "default_workers"]

_TYPE_ORDER = {"companies": 0, "contacts": 1, "deals": 2, "tickets": 3}
_SECOND_KEY = ("contacts", "companies")   # types keyed by email / domain as well as by id


_CLAIM_AHEAD_MAX = 10_000_000   # ids a claim may reach past the batch's highest (see `Loader._fresh_ids`)


def default_workers() -> int:
    """Worker lanes by default: one per core, at most 2. While one lane's transaction runs in
    Neo4j, the other lane's waits for its commit and the reading thread prepares the next batch;
    on 2 cores that keeps both busy. Measured (2026-11-23, 2 cores): 1/10 of size M, record
    files, 92-97 s with two lanes vs 110-141 s with one; size S 26-30 s either way (an earlier
    version of the loader, with more Python per row, was slower with two lanes at S)."""
    return max(1, min(2, os.cpu_count() or 2))


@dataclass
class Summary:
    """What a load did; `rows_per_second` counts every row read."""

    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    associations: int = 0
    rejected: int = 0
    reject_kinds: dict = field(default_factory=dict)
    batches: int = 0
    elapsed: float = 0.0
    dry_run: bool = False

    @property
    def written(self) -> int:
        return self.created + self.updated + self.associations

    @property
    def rows_per_second(self) -> float:
        return self.read / self.elapsed if self.elapsed else 0.0


def order_specs(specs: list[FileSpec]) -> list[FileSpec]:
    """Records before activities before association files; stable otherwise."""
    def rank(s: FileSpec):
        if s.is_associations:
            return 3
        if s.is_activities:
            return 2
        return 1 if s.type in _TYPE_ORDER else 1.5
    return sorted(specs, key=lambda s: (rank(s), _TYPE_ORDER.get(s.type, 9)))


class Loader:
    """One load run over a list of files (see the module docstring for the flow)."""

    def __init__(self, db, *, batch_size: int = 5000, workers: int | None = None, dry_run: bool = False,
                 rejects: Path | None = None, checkpoint: Path | None = None, resume: bool = False,
                 on_rows: Callable[[int], None] | None = None):
        self.db = db
        self.batch_size = max(1, batch_size)
        self.dry_run = dry_run
        self.checkpoint = Checkpoint(checkpoint, resume=resume)
        if resume and rejects and checkpoint:
            trim_after(Path(rejects), {self._reject_key(k): v for k, v in self.checkpoint.state.items()})
        self.rejects = Rejects(rejects)
        self.on_rows = on_rows or (lambda n: None)
        self.dispatcher = Dispatcher(1 if dry_run else workers or default_workers())
        self.summary = Summary(dry_run=dry_run)
        self.now = props.now_ms()
        self.ids = IdAllocator(db, block=max(1000, self.batch_size))
        self.run_keys: dict[tuple[str, str], str] = {}   # ("email"|"domain", value) → id, this run
        self._sequence_above = 0
        self._claimed: list[tuple[int, int]] = []   # [from, to): id ranges this run claimed, none written before
        self._batch_no = 0
        self._inflight: dict[str, int] = {}
        self._run_ids: set[str] = set()         # object ids this run has written or will write
        self._created: dict[str, str] = {}      # id → type of objects this run created with load/create_objects
        self._pairs_seen: dict[str, set] = {}   # rel → {(start, end)} this run has sent to be written
        self._fresh: set[str] = set()           # the current batch's ids known not to exist yet
        self._starts_sent: set[tuple] = set()   # (rel, start) this run has sent Primary-carrying edges of
        self._strip_skipped: set[tuple] = set()  # (rel, start) sent without the Primary strip, in flight
        self._shapes: dict = {}                 # `assoc.edge_row`'s per-load cache of edge shapes
        self._dry_ids: dict[str, str] = {}     # --dry-run: id → type of records it would create
        self._headers: dict[Path, list[str]] = {}   # CSV header per file: `Record.raw` of planned rows is the value list

    @staticmethod
    def _reject_key(checkpoint_key: str) -> str:
        path, phase = checkpoint_key.rsplit("#", 1)
        return f"{Path(path).name}#{phase}"

    # ------------------------------------------------------------------ run
    def run(self, specs: list[FileSpec]) -> Summary:
        started = time.monotonic()
        # Python's cyclic GC, at its default thresholds, runs a collection every 700 container
        # allocations and full ones over every object the run keeps (ids, pairs, keys): a third
        # of the loader's CPU at size S (11.3-12.3 s -> 7.9 s with these), on a 2-core machine
        # shared with Neo4j. Rows hold no reference cycles; the defaults come back after.
        thresholds = gc.get_threshold()
        gc.set_threshold(50_000, 50, 1000)
        try:
            ctx = LoadContext(self.db)
            specs = order_specs(specs)
            pairs = PairCache(self.db)
            for spec in specs:
                if not spec.is_associations:
                    self._records(ctx, spec)
            self.dispatcher.wait()      # every node is in before any association
            for spec in specs:
                if spec.is_associations:
                    self._associations(pairs, spec, ctx)
                elif self._has_assoc_columns(ctx, spec):
                    self._associations(pairs, spec, ctx, from_records=True)
            self.dispatcher.wait()
            if not self.dry_run:
                self.checkpoint.finish()
        finally:
            gc.set_threshold(*thresholds)
            self.dispatcher.close()
            self.rejects.close()
            self.summary.rejected = self.rejects.count
            self.summary.reject_kinds = dict(self.rejects.kinds)
            self.summary.elapsed = time.monotonic() - started
        return self.summary

    def _reject(self, spec: FileSpec, phase: str, line: int, raw: dict | list, kind: str, reason: str) -> None:
        if type(raw) is list:   # a planned CSV row keeps its values only; the dict is made for the few rejected
            raw = dict(zip(self._headers[spec.path], raw))
        self.rejects.add(spec.path.name, phase, line, raw, kind, reason)

    def _resolver(self, ctx: LoadContext, spec: FileSpec) -> ColumnResolver:
        names = [t.name for t in objecttypes.all_types()] if spec.type == "activities" else [spec.type]
        return ColumnResolver(spec, {} if spec.is_associations else ctx.labels(
            [n for n in names if spec.type != "activities" or objecttypes.try_resolve(n).is_activity]))

    def _has_assoc_columns(self, ctx: LoadContext, spec: FileSpec) -> bool:
        resolver = self._resolver(ctx, spec)
        for row in read_rows(spec.path, spec.format):
            cols = row.data.get("properties", row.data) if isinstance(row.data.get("properties"), dict) else row.data
            return any(resolver.target(c).startswith("@assoc") for c in cols)
        return False

    def _commit(self, spec: FileSpec, phase: str, progress: Progress, lines: list[int]) -> None:
        """A batch is durable: advance the file's checkpoint and the progress bar."""
        progress.done(lines)
        if not self.dry_run:
            self.checkpoint.save(spec.path, phase, progress.committed)
        self.rejects.flush()

    # ------------------------------------------------------------------ records
    def _records(self, ctx: LoadContext, spec: FileSpec) -> None:
        phase = "records"
        progress = Progress(self.checkpoint.start_after(spec.path, phase))
        resolver = self._resolver(ctx, spec)
        recs: list[Record] = []
        lines: list[int] = []
        rows = self._csv_records(ctx, spec, resolver, progress.committed) \
            if detect_format(spec.path, spec.format) == "csv" else read_rows(spec.path, spec.format, progress.committed)
        for row in rows:
            self.summary.read += 1
            lines.append(row.line)
            if isinstance(row, Record):
                recs.append(row)
            elif row.error:
                self._reject(spec, phase, row.line, row.data, "malformed", row.error)
            else:
                try:
                    recs.append(prepare_record(ctx, spec, resolver, row.line, row.data))
                except Rejected as r:
                    self._reject(spec, phase, row.line, row.data, r.kind, r.reason)
            if len(lines) >= self.batch_size:
                self._flush_records(ctx, spec, progress, recs, lines)
                recs, lines = [], []
        if lines:
            self._flush_records(ctx, spec, progress, recs, lines)

    def _csv_records(self, ctx: LoadContext, spec: FileSpec, resolver: ColumnResolver, start_after: int):
        """A CSV file's rows as `Record`s converted by the per-column `RowPlan`s (built once per
        file and type, `import_rows`), or as `Row`s for the generic path (`prepare_record`) —
        every row a plan cannot convert exactly, so rejects and values stay the generic path's."""
        header, rows = csv_values(spec.path)
        self._headers[spec.path] = header
        plans = CsvPlans(ctx, spec, resolver, header, self.now, lambda t, targets: None)
        for line, values, error in rows:
            if line <= start_after:
                continue
            if error is None:
                try:
                    t, plan = plans.plan(values)
                    gid, typed, node, assoc = plan.record(values)
                except Bail:
                    pass
                else:
                    yield Record(line, t, gid, typed, values, assoc, props=node)
                    continue
            yield Row(line, dict(zip(header, values)), error)

    def _resolve_keys(self, spec: FileSpec, recs: list[Record]) -> list[Record]:
        """Give every row its object id (existing or new); reject key conflicts.

        A row with a fresh id (see `_fresh_ids`) of a type without a second key (not a contact's
        email, not a company's domain) is a new object with that id: nothing to look up or check."""
        self._fresh = fresh = self._fresh_ids(recs) if recs else set()
        run_ids = self._run_ids
        plain = [r.given_id in fresh and r.type.name not in _SECOND_KEY for r in recs]
        looked = [r for r, p in zip(recs, plain) if not p]
        found = iter(lookup(self.db, looked, fresh) if looked else ())
        ok = []
        for rec, p in zip(recs, plain):
            if p:
                rec.id = rec.given_id
                run_ids.add(rec.id)
                ok.append(rec)
                continue
            try:
                self._resolve_one(rec, next(found))
            except Rejected as r:
                self._reject(spec, "records", rec.line, rec.raw, r.kind, r.reason)
                continue
            if rec.id is None:
                rec.id = self.ids.one()   # from the allocator's in-memory block: no round trip
            run_ids.add(rec.id)
            # remembered at once, so a later row with the same key — even in this batch — finds it
            if rec.email:
                self.run_keys[("email", rec.email)] = rec.id
            if rec.domain:
                self.run_keys.setdefault(("domain", rec.domain), rec.id)
            ok.append(rec)
        return ok

    def _fresh_ids(self, recs: list[Record]) -> set[str]:
        """Given ids of this batch that cannot exist yet, so need no lookup by id.

        Ids are claimed from the id sequence (`load/claim_ids`, which also keeps the API from
        ever allocating them): everything from where the sequence stood up to the claim was
        never written, unless this run wrote it (`_run_ids`). A claim reaches past the batch's
        highest id by 15 more batches of the same id spacing (at most `_CLAIM_AHEAD_MAX` ids),
        so a file with ascending ids makes one claim — one write transaction, waited for by
        the reading thread — per 16 batches, not one per batch. The ids claimed ahead are only
        skipped by the API's allocator (ids are not dense anyway). A dry run writes nothing,
        so it looks every row up.
        """
        given = [int(r.given_id) for r in recs if r.given_id is not None]
        if self.dry_run or not given:
            return set()
        top = max(given)
        if not any(lo <= top < hi for lo, hi in self._claimed):
            ahead = min(_CLAIM_AHEAD_MAX, (top - min(given) + 1) * 15)
            before = writers.claim_ids(self.db, top + ahead)
            if before <= top + ahead:
                self._claimed.append((before, top + ahead + 1))
            self._sequence_above = max(self._sequence_above, top + ahead + 1)
        claimed, run_ids = self._claimed[::-1], self._run_ids   # the newest range is the likely one
        fresh = set()
        for r in recs:
            g = r.given_id
            if g is None or g in run_ids:
                continue
            n = int(g)
            for lo, hi in claimed:
                if lo <= n < hi:
                    fresh.add(g)
                    break
        return fresh

    def _resolve_one(self, rec: Record, f: dict) -> None:
        owner = None
        if rec.email:
            owner = self.run_keys.get(("email", rec.email)) or f.get("emailOwner")
        if rec.given_id is not None:
            if f.get("id"):
                if f["type"] != rec.type.name:
                    raise Rejected("duplicate_key", f"id {rec.given_id} belongs to a {f['type']} record")
                if f["archived"]:
                    raise Rejected("duplicate_key", f"record {rec.given_id} is archived")
                rec.id, rec.existing = f["id"], f
            else:
                rec.id = rec.given_id
            if owner and owner != rec.id:
                raise Rejected("duplicate_key", f"email {rec.email} belongs to contact {owner}")
            return
        if rec.email:
            rec.id = owner
            rec.existing = {"email": rec.email} if owner else None
        elif rec.domain:
            rec.id = self.run_keys.get(("domain", rec.domain)) or f.get("domainOwner")
            rec.existing = {} if rec.id else None

    def _flush_records(self, ctx, spec: FileSpec, progress: Progress, recs: list[Record], lines: list[int]) -> None:
        progress.issue(lines)
        recs = _merge_same_object(self._resolve_keys(spec, recs))
        rows, emails = [], []
        groups: dict[str, dict] = {}       # type → `load/create_objects` group of nodes known to be new
        new_ids: dict[str, str] = {}
        ids = []
        fresh = self._fresh
        for rec in recs:
            try:
                derived = pipeline_derived(ctx, rec, self.now)
            except Rejected as r:
                self._reject(spec, "records", rec.line, rec.raw, r.kind, r.reason)
                continue
            ids.append(rec.id)
            if rec.existing is None and rec.id in fresh:
                t = rec.type
                group = groups.get(t.name)
                if group is None:
                    group = groups[t.name] = {"labels": t.labels, "contacts": t.name == "contacts", "rows": []}
                group["rows"].append(create_props(ctx, rec, self.now, derived))
                new_ids[rec.id] = t.name
                continue
            rows.append(node_row(ctx, rec, self.now, derived))
            if rec.email and (rec.existing or {}).get("email") != rec.email:
                emails.append({"id": rec.id, "email": rec.email})
        n = len(lines)
        if self.dry_run or not ids:
            if self.dry_run:  # what a real run would create; ids kept so associations to them check out
                new = [r for r in recs if r.existing is None]
                self.summary.created += len(new)
                self.summary.unchanged += len(rows) - len(new)
                self._dry_ids.update((r.id, r.type.name) for r in new)
            with self.dispatcher.lock:
                self._commit(spec, "records", progress, lines)
            self.on_rows(n)
            return
        top = max(map(int, ids))
        if top >= self._sequence_above:
            writers.bump_sequence(self.db, top)   # before the ids exist: the API never reuses one
            self._sequence_above = top + 1
        self._batch_no += 1
        self.summary.batches += 1
        with self.dispatcher.lock:
            clash = any(i in self._inflight for i in ids)
        if clash:
            # the same object in a batch still in flight on another lane: let it commit first,
            # so rows of one object are applied in file order
            self.dispatcher.wait()
        with self.dispatcher.lock:
            for i in ids:
                self._inflight[i] = self._inflight.get(i, 0) + 1
        written = len(ids)

        def done(counts):
            self._created.update(new_ids)
            for i in ids:
                left = self._inflight.pop(i) - 1
                if left:
                    self._inflight[i] = left
            self.summary.created += counts["created"]
            self.summary.updated += counts["updated"]
            self.summary.unchanged += written - counts["created"] - counts["updated"]
            self._commit(spec, "records", progress, lines)
            self.on_rows(n)

        where = f"{spec.path.name} lines {lines[0]}–{lines[-1]}"
        new_groups = list(groups.values())
        self.dispatcher.submit(self._batch_no,
                               lambda: writers.write_records(self.db, rows, emails, self.now, new_groups),
                               done, where)

    # ------------------------------------------------------------------ associations
    def _associations(self, pairs: PairCache, spec: FileSpec, ctx: LoadContext, from_records: bool = False) -> None:
        phase = "associations"
        progress = Progress(self.checkpoint.start_after(spec.path, phase))
        resolver = self._resolver(ctx, spec)
        buffers = LaneBuffer(self.batch_size)
        lanes = self.dispatcher.lanes
        pending: list[tuple[int, dict, list[AssocRow]]] = []

        now, shapes, issue, add = self.now, self._shapes, progress.issue_one, buffers.add

        def place_one(line: int, raw, a: AssocRow) -> None:
            try:
                rel, row = edge_row(pairs, a, now, shapes)
            except Rejected as r:
                self._reject(spec, phase, line, raw, r.kind, r.reason)
                return
            issue(line)
            full = add((rel, lane_of(row["end"], lanes)), (line, raw, rel, row))
            if full:
                self._submit_edges(spec, progress, full)

        def place(items: list[tuple[int, dict, AssocRow]]) -> None:
            for line, raw, a in items:
                place_one(line, raw, a)

        count = 0
        rows = read_rows(spec.path, spec.format, progress.committed)
        if not from_records and detect_format(spec.path, spec.format) == "csv":
            header, values_of = csv_values(spec.path)
            self._headers[spec.path] = header
            reader = csv_association_reader(header, resolver)
            if reader is not None:
                rows = self._csv_associations(header, values_of, reader, progress.committed)
        for row in rows:
            if isinstance(row, tuple):     # (line, raw, AssocRow) from `csv_association_reader`
                count += 1
                self.summary.read += 1
                place_one(*row)
                if count % self.batch_size == 0:
                    self.dispatcher.raise_if_failed()
                continue
            count += 1
            if not from_records:
                self.summary.read += 1
            if row.error:
                if not from_records:
                    self._reject(spec, phase, row.line, row.data, "malformed", row.error)
                continue
            try:
                if from_records:
                    rec = prepare_record(ctx, spec, resolver, row.line, row.data)
                    if rec.assoc:
                        pending.append((row.line, row.data, rec))
                else:
                    place_one(row.line, row.data, from_association_file(row.line, row.data, resolver))
            except Rejected as r:
                if not from_records:
                    self._reject(spec, phase, row.line, row.data, r.kind, r.reason)
            if len(pending) >= self.batch_size:
                place(self._expand_record_assoc(pending))
                pending = []
            if count % self.batch_size == 0:
                self.dispatcher.raise_if_failed()
        if pending:
            place(self._expand_record_assoc(pending))
        for _slot_no, full in buffers.drain():
            self._submit_edges(spec, progress, full)

    def _csv_associations(self, header, values_of, reader, start_after: int):
        """An association CSV's rows as (line, raw, AssocRow), read by the per-file
        `csv_association_reader`; rows it refuses, and malformed ones, as `Row`s whose error or
        reject the generic loop writes (`Rejected` from the reader is raised again there)."""
        for line, values, error in values_of:
            if line <= start_after:
                continue
            if error is None:
                try:
                    yield line, values, reader(line, values)   # raw as values: see `_reject`
                    continue
                except Rejected:
                    pass
            yield Row(line, dict(zip(header, values)), error)

    def _expand_record_assoc(self, pending) -> list[tuple[int, dict, AssocRow]]:
        """Record rows with `Associated … IDs` columns → association rows (from side = the record)."""
        recs = [rec for _, _, rec in pending]
        unknown = [r for r in recs if r.given_id is None and not self._known_key(r)]
        found = dict(zip(map(id, unknown), lookup(self.db, unknown))) if unknown else {}
        out = []
        for line, raw, rec in pending:
            from_id = rec.given_id or self._known_key(rec) or \
                (found.get(id(rec), {}).get("emailOwner") if rec.email else found.get(id(rec), {}).get("domainOwner"))
            if not from_id:
                continue  # the record itself was rejected in the records phase
            for to_type, ids, primary in rec.assoc:
                for to_id in ids:
                    out.append((line, raw, AssocRow(line, rec.type.name, from_id, to_type, to_id, [], primary)))
        return out

    def _known_key(self, rec: Record) -> str | None:
        if rec.email:
            return self.run_keys.get(("email", rec.email))
        if rec.domain:
            return self.run_keys.get(("domain", rec.domain))
        return None

    def _submit_edges(self, spec: FileSpec, progress: Progress, items: list) -> None:
        rel = items[0][2]
        rows = [item[3] for item in items]
        created, seen = self._created, self._pairs_seen.setdefault(rel, set())
        for i, row in enumerate(rows):
            row["i"] = i
            # both ends created by this run (as the row's types: the write then checks only
            # that both exist) and the pair not sent before: no edge can exist yet
            pair = (row["start"], row["end"])
            row["new"] = created.get(pair[0]) == row["start_type"] and \
                created.get(pair[1]) == row["end_type"] and pair not in seen
            seen.add(pair)
        # A Primary-carrying edge whose start this run created, the only one of `rel` from that
        # start the run has sent so far: no other edge of the start can hold a Primary to take
        # off (`load/strip_primary` is skipped). Only edges with a Primary type are tracked: an
        # edge without one has nothing for a later strip to take off.
        prim = [row for row in rows if row["primary"]]
        skipped = []
        if prim:
            starts = Counter(row["start"] for row in prim)
            for row in prim:
                start = row["start"]
                skey = (rel, start)
                if start in created and skey not in self._starts_sent and starts[start] == 1:
                    row["strip"] = False
                    skipped.append(skey)
            with self.dispatcher.lock:
                wait = any((rel, r["start"]) in self._strip_skipped for r in prim)
            if wait:
                # an edge of one of these starts went out without the strip and is still in
                # flight: let it commit first, so this batch's strip sees it (at most one Primary)
                self.dispatcher.wait()
            self._starts_sent.update((rel, r["start"]) for r in prim)
            with self.dispatcher.lock:
                self._strip_skipped.update(skipped)
        lines = [item[0] for item in items]
        self._batch_no += 1
        self.summary.batches += 1

        def done(result):
            self._strip_skipped.difference_update(skipped)
            written, dangling = result
            self.summary.associations += 0 if self.dry_run else written
            for i, reason in dangling:
                line, raw = items[i][0], items[i][1]
                self._reject(spec, "associations", line, raw, "dangling_association", reason)
            self._commit(spec, "associations", progress, lines)
            self.on_rows(len(set(lines)))

        where = f"{spec.path.name} associations, lines {min(lines)}–{max(lines)}"
        lane = lane_of(rows[0]["end"], self.dispatcher.lanes)
        work = lambda: writers.write_associations(self.db, rel, rows, self.now, dry_run=self.dry_run,  # noqa: E731
                                                  pending=self._dry_ids)
        if self.dry_run:
            with self.dispatcher.lock:
                done(work())
        else:
            self.dispatcher.submit(lane, work, done, where)


def _merge_same_object(recs: list[Record]) -> list[Record]:
    """Rows of one batch that hit the same object become one row, later values winning.

    Why: one UNWIND statement plans its reads before its writes (Eager), so two rows for
    the same node would both be compared with the node as it was before the batch — and
    the earlier row could win. Merging keeps "the last row in the file wins".
    """
    by_id: dict[str, Record] = {}
    for rec in recs:
        first = by_id.get(rec.id)
        if first is None:
            by_id[rec.id] = rec
        else:
            first.values.update(rec.values)
            if first.props is not None and rec.props is not None:
                first.props.update(rec.props)   # values not from `rec`'s map get new entries (`node_row`)
    return list(by_id.values())
