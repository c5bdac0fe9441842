"""Turn one mapped input row into what the writers need — or a reason to reject it.

Validation is the records engine's (`app.rules.properties.to_graph`, the same checks the
API runs); history entries are built by `app.rules.records._hist`, so a loaded node is
indistinguishable from an API-created one except for `sourceType: IMPORT`. Pipeline stages
and definitions are read once per load (`LoadContext`) instead of once per row.

Two small adapters sit in front of validation because HubSpot *exports* write labels where
the API wants internal values: enumeration option labels ("Marketing Qualified Lead" →
`marketingqualifiedlead`) and Yes/No booleans. They translate; they do not validate.
"""
from __future__ import annotations

import json

import re
from dataclasses import dataclass, field

from app import cypher, objecttypes
from app.errors import ValidationFailed
from app.objecttypes import ObjectType
from app.rules import pipeline_fields
from app.rules import properties as props
from app.rules.records import _EMAIL, _PIPELINE_PROPS, _hist  # one definition of a history entry
from loaders.mapping import KEYS, ColumnResolver, FileSpec

__all__ = ["LoadContext", "Record", "Rejected", "prepare_record", "node_row", "create_props", "SOURCE"]

SOURCE = "IMPORT"
def _squash(text) -> str:
    """Case, spaces and punctuation folded away: "Marketing Qualified Lead" ~ `marketingqualifiedlead`."""
    return re.sub(r"[^a-z0-9]", "", str(text).lower())


_YES = {"yes": "true", "no": "false", "y": "true", "n": "false", "1": "true", "0": "false"}


class Rejected(Exception):
    """A row that cannot load: `kind` (wrong_type, unknown_property, missing_key, duplicate_key,
    dangling_association, malformed) and a readable reason."""

    def __init__(self, kind: str, reason: str):
        super().__init__(reason)
        self.kind, self.reason = kind, reason


@dataclass(slots=True)
class Record:
    """A validated record or activity row, before its key is resolved."""

    line: int
    type: ObjectType
    given_id: str | None
    values: dict                       # property name → graph value (None values dropped)
    raw: dict
    assoc: list[tuple[str, list[str], bool]] = field(default_factory=list)  # (to type, ids, primary)
    id: str | None = None              # resolved object id
    existing: dict | None = None       # the lookup row when the object exists
    props: dict | None = None          # from a `RowPlan`: {p: value, _ts_p, _hist_p: [entry]} per value

    @property
    def email(self) -> str | None:
        return self.values.get("email") if self.type.name == "contacts" else None

    @property
    def domain(self) -> str | None:
        return self.values.get("domain") if self.type.name == "companies" else None


class LoadContext:
    """Definitions, option labels and pipeline stages, read once per load."""

    def __init__(self, db, source=None):
        """`source`: answers instead of `db` (`loaders.seeded.SeedSource`: a never-started database)."""
        self.db, self.source = db, source
        self._defs: dict[str, dict] = {}
        self._option_labels: dict[str, dict[str, dict[str, str]]] = {}
        self.stages = source.stages() if source else db.query("load/pipeline_stages")

    def defs(self, type_name: str) -> dict:
        if type_name not in self._defs:
            self._defs[type_name] = self.source.definitions(type_name) if self.source else \
                self.db.read(lambda tx: props.definitions(tx, type_name))
            self._option_labels[type_name] = {
                n: {_squash(x): o["value"] for o in d.get("options", []) if "value" in o
                    for x in (o["value"], o.get("label", ""))}
                for n, d in self._defs[type_name].items() if d.get("type") == "enumeration"}
        return self._defs[type_name]

    def labels(self, type_names) -> dict[str, dict[str, str]]:
        """{type: {lower-case label: property name}} for the mapping's label fallback."""
        return {t: {str(d.get("label", "")).lower(): n for n, d in self.defs(t).items()} for t in type_names}

    def translate(self, type_name: str, name: str, value):
        """Export spelling → API spelling for enumeration labels and Yes/No booleans."""
        if not isinstance(value, str):
            return value
        defn = self._defs[type_name].get(name)
        if defn is None:
            return value
        if defn.get("type") == "bool":
            return _YES.get(value.strip().lower(), value)
        if defn.get("type") == "enumeration" and value not in defn.get("optionValues", ()):
            return self._option_labels[type_name].get(name, {}).get(_squash(value), value)
        return value

    def stage(self, type_name: str, pipeline: str, stage_id: str | None) -> dict | None:
        """The stage (first by display order when `stage_id` is None), or None."""
        for s in self.stages:
            if s["objectType"] == type_name and s["pipeline"] == pipeline and stage_id in (None, s["stage"]):
                return s
        return None


def _row_type(spec: FileSpec, raw: dict, resolver: ColumnResolver) -> ObjectType:
    if not spec.is_activities or spec.type != "activities":
        return objecttypes.try_resolve(spec.type)
    for column, value in raw.items():
        if resolver.target(column, "activities") == "@type":
            t = objecttypes.try_resolve(str(value).strip().lower().replace("incoming_", ""))
            if t is None or not t.is_activity:
                raise Rejected("wrong_type", f"{column}: {value!r} is not an activity type")
            return t
    raise Rejected("missing_key", "activities file row without an activity type column (type / Activity Type)")


def _split(raw: dict, spec: FileSpec, resolver: ColumnResolver, t: ObjectType):
    """(given id, {property: raw value}, association columns) of a row."""
    given_id, values, assoc = None, {}, []
    flat = raw
    if isinstance(raw.get("properties"), dict):   # HubSpot API input shape: {id?, properties, associations?}
        flat = {**raw["properties"], **({"id": raw["id"]} if raw.get("id") not in (None, "") else {})}
    for column, value in flat.items():
        target = resolver.target(column, t.name)
        if target in ("@ignore", "@type"):
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            continue                           # an empty cell never clears a value
        if target == "id":
            given_id = str(value).strip()
        elif target.startswith("@assoc"):
            primary, to_type = target.startswith("@assoc_primary"), target.split(":", 1)[1]
            ids = [x.strip() for x in str(value).replace(",", ";").split(";") if x.strip()]
            assoc.append((to_type, ids, primary))
        else:
            values[target] = value.strip() if isinstance(value, str) else value
    return given_id, values, assoc


def prepare_record(ctx: LoadContext, spec: FileSpec, resolver: ColumnResolver, line: int, raw: dict) -> Record:
    """Validate and convert one row of a record or activity file; raises `Rejected`."""
    t = _row_type(spec, raw, resolver)
    given_id, values, assoc = _split(raw, spec, resolver, t)
    if given_id is not None and not given_id.isdigit():
        raise Rejected("wrong_type", f"id {given_id!r} is not numeric (HubSpot record ids are numbers)")
    defs = ctx.defs(t.name)
    values = {n: ctx.translate(t.name, n, v) for n, v in values.items()}
    try:
        typed = props.to_graph(defs, values, skip_options=_PIPELINE_PROPS)
    except ValidationFailed as exc:
        unknown = [e for e in exc.errors if e.get("code") == "PROPERTY_DOESNT_EXIST"]
        kind = "unknown_property" if unknown else "wrong_type"
        raise Rejected(kind, "; ".join(f"{e['in'].split('.', 1)[-1]}: {e['message']}" for e in exc.errors)) from None
    typed = {n: v for n, v in typed.items() if v is not None}
    if t.name == "contacts" and "email" in typed:
        typed["email"] = typed["email"].strip().lower()
        if not _EMAIL.match(typed["email"]):
            raise Rejected("wrong_type", f"email: {typed['email']!r} is not a valid email address")
    if t.name == "companies" and "domain" in typed:
        typed["domain"] = typed["domain"].strip().lower()
    if t.is_activity and "hs_timestamp" not in typed:
        raise Rejected("missing_key", "hs_timestamp (Activity date) is required for activities")
    key = spec.key or KEYS.get(t.name)
    if given_id is None and (key is None or key == "id" or typed.get(key) is None):
        wanted = f"id (Record ID) or {key}" if key and key != "id" else "id (Record ID)"
        raise Rejected("missing_key", f"no {wanted}: the row cannot be matched on a re-load")
    return Record(line, t, given_id, typed, raw, assoc)


def pipeline_derived(ctx: LoadContext, rec: Record, now: int) -> dict:
    """`pipeline_fields.apply` over the cached stage table: fill pipeline/stage, derive
    `closed`/`closedWon`, set a deal's closedate when it moves into a closed stage."""
    if rec.type.name not in pipeline_fields.FIELDS:
        return {}
    pk, sk = pipeline_fields.FIELDS[rec.type.name]
    cur = rec.existing or {}
    values = rec.values
    if rec.existing is not None and pk not in values and sk not in values:
        return {}
    pipeline = values.get(pk) or cur.get(pk) or pipeline_fields.DEFAULT_PIPELINE[rec.type.name]
    stage_id = values.get(sk)
    if stage_id is None and pipeline == cur.get(pk):
        stage_id = cur.get(sk)
    stage = ctx.stage(rec.type.name, pipeline, stage_id)
    if stage is None:
        raise Rejected("wrong_type", f"{sk}: {stage_id!r} is not a stage of {rec.type.name} pipeline {pipeline!r}")
    values[pk], values[sk] = pipeline, stage["stage"]
    moving_into_closed = stage["closed"] and not (cur.get("closed") and cur.get(sk) == stage["stage"])
    if rec.type.name == "deals" and moving_into_closed and "closedate" not in values:
        values["closedate"] = now
    return {"closed": stage["closed"], "closedWon": stage["closedWon"]}


_HIST_TAILS: dict[int, str] = {}


def _load_hist(defs: dict, name: str, value, now: int) -> str:
    """`_hist(defs, name, value, now, SOURCE, None)`, byte for byte, without a json.dumps of the
    whole entry per value: only the value varies within a load (a hot path: one per cell)."""
    tail = _HIST_TAILS.get(now)
    if tail is None:
        probe = _hist({}, "x", "", now, SOURCE, None)
        tail = _HIST_TAILS[now] = probe[len('{"value":""'):]
    text = props.to_hubspot(defs.get(name), value)
    return '{"value":' + json.dumps("" if text is None else text) + tail


_NODE_KEYS: dict[str, tuple[str, str]] = {}


def _node_keys(name: str) -> tuple[str, str]:
    """(`_ts_<name>`, `_hist_<name>`), formatted once per property name, not once per cell."""
    keys = _NODE_KEYS.get(name)
    if keys is None:
        keys = _NODE_KEYS[name] = (f"_ts_{name}", f"_hist_{name}")
    return keys


def node_row(ctx: LoadContext, rec: Record, now: int, derived: dict) -> dict:
    """The `load/upsert_objects` row: a full node for a create, values + history for an update.

    One pass over the values (a hot path: once per loaded row)."""
    defs = ctx.defs(rec.type.name)
    key_of = props.SYSTEM_KEYS.get
    values = {}
    hist = {}
    pre = rec.props or {}
    new_props = dict(derived)
    for n, v in rec.values.items():
        k = key_of(n, n)
        ts_key, hist_key = _node_keys(k)
        # an entry a RowPlan built is used only for that very value object: values changed
        # since (pipeline defaults, rows merged in the batch) get theirs computed here
        h = pre[hist_key][0] if pre.get(n) is v else _load_hist(defs, n, v, now)
        values[k] = v
        hist[k] = h
        if k != "createdate":
            new_props[k] = v
        new_props[ts_key] = now
        new_props[hist_key] = [h]
    createdate = values.get("createdate", now)
    if "createdate" not in values:
        new_props["_ts_createdate"] = now
        new_props["_hist_createdate"] = [_load_hist(defs, "createdate", now, now)]
    if rec.type.is_activity:
        new_props["source"] = SOURCE
    return {"id": rec.id, "n": int(rec.id), "labels": rec.type.labels, "type": rec.type.name,
            "createdate": createdate, "props": new_props, "values": values, "hist": hist, "derived": derived}


def create_props(ctx: LoadContext, rec: Record, now: int, derived: dict) -> dict:
    """Every property of a node known to be new (`load/create_objects`): what `node_row` and
    `load/upsert_objects`' create branch give it, system fields included.

    A row a `RowPlan` converted already carries most of this map (`Record.props`); it is
    completed in place — no second map per row, which at a million rows is what the loader's
    Python spends its time on. Values changed since the plan (pipeline defaults, rows merged
    in the batch) get their entries here, as in `node_row`."""
    p = rec.props
    if p is None:
        node = node_row(ctx, rec, now, derived)
        p = node["props"]
        p["createdate"] = node["createdate"]
    else:
        defs = None
        for n, v in rec.values.items():
            if p.get(n) is not v:
                defs = defs or ctx.defs(rec.type.name)
                ts_key, hist_key = _node_keys(n)
                p[n], p[ts_key], p[hist_key] = v, now, [_load_hist(defs, n, v, now)]
        if "createdate" not in p:
            p["createdate"], p["_ts_createdate"] = now, now
            p["_hist_createdate"] = [_load_hist(ctx.defs(rec.type.name), "createdate", now, now)]
        if derived:
            p.update(derived)
        if rec.type.is_activity:
            p["source"] = SOURCE
    p["id"], p["_n"], p["_type"], p["_updated"], p["archived"] = rec.id, int(rec.id), rec.type.name, now, False
    return p


def lookup(db, recs: list[Record], fresh_ids: frozenset[str] | set[str] = frozenset()) -> list[dict]:
    """The `load/lookup_records` answer for a batch, in row order.

    `fresh_ids`: given ids known not to exist (see `load/claim_ids`); they are not looked up,
    and a row with nothing else to look up (no email, no domain) is not sent at all — a fresh
    load of files with ids then skips the round trip entirely.
    """
    rows = []
    for i, r in enumerate(recs):
        given = None if r.given_id in fresh_ids else r.given_id
        domain = r.domain if r.given_id is None else None
        if given is not None or r.email is not None or domain is not None:
            rows.append({"i": i, "id": given, "email": r.email, "domain": domain})
    found = db.read(lambda tx: cypher.run(tx, "load/lookup_records", rows=rows)) if rows else []
    by_i = {f["i"]: f for f in found}
    return [by_i.get(i, {}) for i in range(len(recs))]
