"""Record rows of a CSV file → rows of a `neo4j-admin` node file, with per-column converters
built once per (file, object type).

Why: the generic path (`prepare.prepare_record` + `prepare.node_row`, shared with the online
loader) builds several dicts per row, resolves every column name per row and formats every
history timestamp with `strftime`; for `--initial`, which only writes files, that was most of
the conversion (cProfile, size S: 71k record rows, ~10 s of 13 s). A `RowPlan` resolves the
columns, definitions and the history entry's constant part once and fills a template row.

It only takes rows it can convert *exactly* as the generic path would. Anything else — a value
that fails validation, an unknown or read-only column, a duplicate id or email, a stage that does
not exist, a date it would format differently — raises `Bail`, and the caller runs the generic
path for that row, which produces the reject (same kind, same reason) or the node. So the
rejects file and the validation rules stay those of `prepare`, by construction; a test checks
that both paths write the same bytes.

The online loader (`engine.Loader`) uses the same plans through `RowPlan.record`: the typed
values and history entries `prepare_record` + `node_row` would compute, without the node-file
row; it falls back to the generic path on exactly the same `Bail`s. `CsvPlans` picks a row's
plan (per object type; an activities file mixes types) for both callers.
"""
from __future__ import annotations

import time
from json.encoder import encode_basestring_ascii   # what json.dumps(str) runs, without the call overhead

from app import objecttypes
from app.objecttypes import ObjectType
from app.rules import pipeline_fields
from app.rules import properties as props
from app.rules.records import _EMAIL, _PIPELINE_PROPS
from loaders.prepare import SOURCE, LoadContext, _load_hist

__all__ = ["Bail", "NodeLayout", "RowPlan", "CsvPlans", "ARRAY_DELIMITER"]

ARRAY_DELIMITER = "\u001f"   # history entries are JSON: `;` (the default) can occur inside them
_KIND = {"number": "double", "bool": "boolean", "date": "long", "datetime": "long"}


class Bail(Exception):
    """This row needs the generic path (usually: it will be rejected)."""


class NodeLayout:
    """The columns of one node file: fixed system fields, then value/_ts_/_hist_ per property."""

    def __init__(self, t: ObjectType, defs: dict, names: list[str]):
        self.t = t
        self.names = [n for n in dict.fromkeys(names) if n != "createdate"]
        extra = ["pipeline", "dealstage", "closedate"] if t.name == "deals" else \
            ["hs_pipeline", "hs_pipeline_stage"] if t.name == "tickets" else []
        self.names += [n for n in extra if n not in self.names]
        self.header = ["id:ID(obj)", ":LABEL", "_n:long", "_type", "createdate:long", "_updated:long",
                       "archived:boolean", "_ts_createdate:long", "_hist_createdate:string[]"]
        self.slot: dict[str, int] = {}        # property → index of its value cell (_ts_ +1, _hist_ +2)
        for n in self.names:
            kind = _KIND.get((defs.get(n) or {}).get("type"), "string")
            self.slot[n] = len(self.header)
            self.header += [f"{n}:{kind}", f"_ts_{n}:long", f"_hist_{n}:string[]"]
        self.derived = ["closed", "closedWon"] if t.name in ("deals", "tickets") else []
        self.derived_at = len(self.header)
        self.header += [f"{d}:boolean" for d in self.derived]
        if t.is_activity:
            self.header.append("source")
        self.label = ARRAY_DELIMITER.join(t.labels)

    def template(self, now: int) -> list:
        row = [""] * len(self.header)
        row[1], row[3], row[5], row[6], row[7] = self.label, self.t.name, now, "false", now
        if self.t.is_activity:
            row[-1] = SOURCE
        return row

    def generic_row(self, node: dict, now: int) -> list:
        """The file row of a `prepare.node_row` result (the generic path)."""
        p = node["props"]
        values = [node["id"], self.label, node["n"], node["type"], node["createdate"], now, "false",
                  p.get("_ts_createdate"), _cell(p.get("_hist_createdate"))]
        for n in self.names:
            values += [_cell(p.get(n)), _cell(p.get(f"_ts_{n}")), _cell(p.get(f"_hist_{n}"))]
        values += [_cell(p.get(d)) for d in self.derived]
        if self.t.is_activity:
            values.append(SOURCE)
        return values


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(str(v) for v in value)
    return str(value)


_DAYS: dict[int, str] = {}    # day number → "YYYY-MM-DDT" (a load's dates fall on a few thousand days)


def _iso(ms: int) -> str:
    """`props.ms_to_iso` without strftime (and without `gmtime` but once per day); years before
    1000 (strftime pads them differently) bail."""
    day, rem = divmod(ms, 86_400_000)
    prefix = _DAYS.get(day)
    if prefix is None:
        t = time.gmtime(day * 86_400)
        if t.tm_year < 1000:
            raise Bail()
        if len(_DAYS) > 100_000:
            _DAYS.clear()
        prefix = _DAYS[day] = f"{t.tm_year}-{t.tm_mon:02d}-{t.tm_mday:02d}T"
    hours, rem = divmod(rem, 3_600_000)
    minutes, rem = divmod(rem, 60_000)
    secs, millis = divmod(rem, 1000)
    return f"{prefix}{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}Z"


def _day(ms: int) -> str:
    t = time.gmtime(ms // 1000)
    if t.tm_year < 1000:
        raise Bail()
    return f"{t.tm_year}-{t.tm_mon:02d}-{t.tm_mday:02d}"


class _Column:
    """One input column that feeds a property: index, converter, where its cells go."""

    __slots__ = ("index", "name", "convert", "slot", "ts_key", "hist_key")

    def __init__(self, index, name, convert, slot):
        self.index, self.name, self.convert, self.slot = index, name, convert, slot
        self.ts_key, self.hist_key = f"_ts_{name}", f"_hist_{name}"


class RowPlan:
    """Converts the CSV rows of one (file, object type) into node-file rows (`row`) or the online
    loader's values and history entries (`record`), or raises `Bail`. `layout` is None for
    `record`-only plans (the online loader writes no node file)."""

    def __init__(self, ctx: LoadContext, t: ObjectType, targets: list[str], layout: NodeLayout | None, now: int):
        self.t, self.layout, self.now = t, layout, now
        defs = ctx.defs(t.name)
        self.defs = defs
        self.hist_tail = _load_hist({}, "x", "", now)[len('{"value":""'):]
        self.id_at: int | None = None
        self.columns: list[_Column] = []
        self.assoc: list[tuple[int, str, bool]] = []
        seen: set[str] = set()
        for i, target in enumerate(targets):
            if target in ("@ignore", "@type"):
                continue
            if target == "id":
                if self.id_at is not None:
                    raise Bail()            # two id columns: the generic path knows which wins
                self.id_at = i
            elif target.startswith("@assoc"):
                self.assoc.append((i, target.split(":", 1)[1], target.startswith("@assoc_primary")))
            else:
                if target in seen:
                    raise Bail()            # two columns for one property: leave the order rules to prepare
                seen.add(target)
                slot = 4 if target == "createdate" else layout.slot.get(target) if layout else None
                self.columns.append(_Column(i, target, self._converter(ctx, target), slot))
        self.pipeline = pipeline_fields.FIELDS.get(t.name)
        self._stages: dict = {}
        self._createdate_hist = self._hist("createdate", now)

    # -- per-column converters ------------------------------------------------
    def _converter(self, ctx: LoadContext, name: str):
        defn = self.defs.get(name)
        if defn is None or defn.get("readOnly") or props.node_key(name) != name:
            def refuse(_value):
                raise Bail()
            return refuse
        kind = defn.get("type")
        t_name = self.t.name
        translate = kind in ("bool", "enumeration")
        skip = name in _PIPELINE_PROPS
        convert = props.convert
        email = name == "email" and t_name == "contacts"
        domain = name == "domain" and t_name == "companies"
        tail = self.hist_tail
        to_text = _iso if kind == "datetime" else _day if kind == "date" else None
        to_hubspot = props.to_hubspot

        epoch_ms = kind == "datetime" and not translate

        def conv(value: str):
            if epoch_ms and value.isascii() and value.isdigit():
                # what `props.convert` does with epoch milliseconds (the usual export), minus its dispatch
                typed = int(value)
                try:
                    text = _iso(typed)
                except (OverflowError, OSError, ValueError):
                    raise Bail() from None
                return typed, str(typed), '{"value":"' + text + '"' + tail
            if translate:
                value = ctx.translate(t_name, name, value)
            try:
                typed = convert(defn, value, skip_options=skip)
            except props.PropertyError:
                raise Bail() from None
            if typed is None:
                return None, None, None
            if email:
                typed = typed.strip().lower()
                if not _EMAIL.match(typed):
                    raise Bail()
            elif domain:
                typed = typed.strip().lower()
            try:
                text = to_text(typed) if to_text else to_hubspot(defn, typed)
            except (OverflowError, OSError, ValueError):
                raise Bail() from None
            cell = ("true" if typed else "false") if typed is True or typed is False else str(typed)
            return typed, cell, '{"value":' + encode_basestring_ascii(text) + tail
        return conv

    def _hist(self, name: str, value) -> str:
        return _load_hist(self.defs, name, value, self.now)

    def _stage(self, ctx: LoadContext, pipeline: str, stage_id):
        key = (pipeline, stage_id)
        if key not in self._stages:
            self._stages[key] = ctx.stage(self.t.name, pipeline, stage_id)
        return self._stages[key]

    # -- a row ------------------------------------------------------------------
    def _id(self, values: list[str]) -> str:
        """The row's id; rows without a numeric one take the generic path (it rejects or keys them)."""
        if self.id_at is None:
            raise Bail()
        gid = values[self.id_at].strip()
        if not gid.isdigit():
            raise Bail()
        return gid

    def _assoc(self, values: list[str]) -> list:
        assoc = []
        for i, to_type, primary in self.assoc:
            v = values[i]
            if v and v.strip():
                assoc.append((to_type, [x.strip() for x in v.strip().replace(",", ";").split(";") if x.strip()],
                              primary))
        return assoc

    def record(self, values: list[str]) -> tuple[str, dict, dict, list]:
        """(id, {property: graph value}, node map, associations) of a row — `prepare_record`'s
        values, and for each of them the value, `_ts_<p>` and `_hist_<p>` that `node_row` would
        give a new node (`prepare.create_props` completes the map in place) — or `Bail`.

        Pipeline fields are not derived here: online, they depend on the existing record, so the
        loader runs `prepare.pipeline_derived` after key resolution, as for generic rows."""
        gid = self._id(values)
        typed_of: dict = {}
        node: dict = {}
        now = self.now
        for c in self.columns:
            v = values[c.index]
            if not v or not (v := v.strip()):
                continue
            typed, _cell, hist = c.convert(v)
            if typed is None:
                continue
            typed_of[c.name] = node[c.name] = typed
            node[c.ts_key] = now
            node[c.hist_key] = [hist]
        if self.t.is_activity and "hs_timestamp" not in typed_of:
            raise Bail()
        return gid, typed_of, node, self._assoc(values)

    def row(self, ctx: LoadContext, values: list[str]) -> tuple[list, str, str | None, list]:
        """(file row, id, email or None, [(to type, ids, primary)]) of a row; `Bail` otherwise."""
        gid = self._id(values)
        now = self.now
        out = self.layout.template(now)
        out[0], out[2], out[4], out[8] = gid, int(gid), now, self._createdate_hist
        typed_of: dict = {}
        email = None
        for c in self.columns:
            v = values[c.index]
            if not v or not (v := v.strip()):
                continue
            typed, cell, hist = c.convert(v)
            if typed is None:
                continue
            typed_of[c.name] = typed
            if c.slot == 4:
                out[4], out[8] = cell, hist
            else:
                s = c.slot
                out[s], out[s + 1], out[s + 2] = cell, now, hist
            if c.name == "email" and self.t.name == "contacts":
                email = typed
        if self.t.is_activity and "hs_timestamp" not in typed_of:
            raise Bail()
        if self.pipeline:
            self._pipeline(ctx, out, typed_of)
        return out, gid, email, self._assoc(values)

    def _pipeline(self, ctx: LoadContext, out: list, typed: dict) -> None:
        """`prepare.pipeline_derived` for a new record, with the stage table lookups cached."""
        pk, sk = self.pipeline
        pipeline = typed.get(pk) or pipeline_fields.DEFAULT_PIPELINE[self.t.name]
        stage = self._stage(ctx, pipeline, typed.get(sk))
        if stage is None:
            raise Bail()
        now, slot = self.now, self.layout.slot
        for name, value in ((pk, pipeline), (sk, stage["stage"])):
            if typed.get(name) != value or name not in typed:
                s = slot[name]
                out[s], out[s + 1], out[s + 2] = value, now, self._hist(name, value)
        if self.t.name == "deals" and stage["closed"] and "closedate" not in typed:
            s = slot["closedate"]
            out[s], out[s + 1], out[s + 2] = now, now, self._hist("closedate", now)
        d = self.layout.derived_at
        out[d], out[d + 1] = ("true" if stage["closed"] else "false"), ("true" if stage["closedWon"] else "false")


class CsvPlans:
    """The `RowPlan` for each row of one CSV file: one plan per object type, built on first use.

    `Bail` when the file or row is not plannable: a repeated column name (dict rows keep the
    last one; the generic path knows that rule), an activities file without a type column, a
    type that is not an activity, or a plan that could not be built. `layout_for(t, targets)`
    gives the node layout (`--initial`) or None (online)."""

    def __init__(self, ctx: LoadContext, spec, resolver, header: list[str], now: int, layout_for):
        self.ctx, self.resolver, self.header, self.now, self.layout_for = ctx, resolver, header, now, layout_for
        self.simple = len(set(header)) == len(header)
        self.type_at = None
        if spec.is_activities and spec.type == "activities":
            self.type_at = next((i for i, c in enumerate(header) if resolver.target(c, "activities") == "@type"), None)
        self.fixed = None if spec.type == "activities" else objecttypes.try_resolve(spec.type)
        self.plans: dict[str, RowPlan | None] = {}
        self.types: dict[str, ObjectType] = {}

    def plan(self, values: list[str]) -> tuple[ObjectType, RowPlan]:
        if not self.simple:
            raise Bail()
        t = self.fixed
        if t is None:
            if self.type_at is None:
                raise Bail()
            raw_type = values[self.type_at]
            t = self.types.get(raw_type)
            if t is None:
                t = objecttypes.try_resolve(str(raw_type).strip().lower().replace("incoming_", ""))
                if t is None or not t.is_activity:
                    raise Bail()
                self.types[raw_type] = t
        plan = self.plans.get(t.name, False)
        if plan is False:
            targets = [self.resolver.target(c, t.name) for c in self.header]
            try:
                plan = RowPlan(self.ctx, t, targets, self.layout_for(t, targets), self.now)
            except Bail:
                plan = None
            self.plans[t.name] = plan
        if plan is None:
            raise Bail()
        return t, plan
