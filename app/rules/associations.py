"""The association rules every other part of crmgraph builds on.

One relationship per associated pair (type from `objecttypes.rel_between`), holding the
HubSpot type IDs valid start → end; the other side reads their inverses. Every association
carries the pair's unlabelled type; at most one Primary company per contact, deal and ticket;
per-record limits (`maxToObjectIds`, else `DEFAULT_MAX_TO_OBJECT_IDS`). A violation raises
before anything is written, and callers run these functions inside one write transaction,
so a refused batch leaves the graph untouched.

All functions take a transaction (`db.write(lambda tx: associate(tx, ...))`). Batches are
one `UNWIND` query per step, never a query per pair.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from app import objecttypes
from app.errors import LimitExceeded, NotFound, ValidationFailed, field_error
from app.objecttypes import ObjectType
from app.repo import associations as repo
from app.rules.association_types import PairTypes, load_pair

__all__ = ["Pair", "associate", "associate_many", "associate_default", "remove", "remove_many",
           "remove_labels", "remove_labels_many", "list_associations", "batch_read", "v3_associations",
           "set_primary_company", "resolve_type", "labels_of", "with_specs", "not_found", "limit_error", "now_ms",
           "LIST_LIMIT_MAX"]

LIST_LIMIT_MAX = 500
_PROVENANCE_KINDS = ("ACTIVITY_", "EVENT_")


def now_ms() -> int:
    return int(time.time() * 1000)


@dataclass
class Pair:
    """One requested association: ids as given, type specs from `from`'s side."""

    from_id: str
    to_id: str
    types: list = field(default_factory=list)


@dataclass
class _Ctx:
    """What every step of one batch needs: both types, the relationship, the definitions."""

    ft: ObjectType
    tt: ObjectType
    rel: str
    from_is_start: bool
    same_kind: bool
    pt: PairTypes

    @classmethod
    def build(cls, tx, from_type, to_type, *, create: bool) -> "_Ctx":
        ft, tt = resolve_type(from_type, "fromObjectType", tx), resolve_type(to_type, "toObjectType", tx)
        rel, from_is_start = objecttypes.rel_between(ft, tt)
        return cls(ft, tt, rel, from_is_start, ft.kind == tt.kind, load_pair(tx, ft, tt, create=create))

    def inverse(self, ids: list[int]) -> list[int]:
        return [self.pt.inverse(i) for i in ids]

    def from_side(self, from_id: str, start_id: str, stored: list[int]) -> list[int]:
        """Stored (start → end) IDs as seen from `from_id`."""
        return [i for i in stored if i in self.pt.by_id] if start_id == from_id else \
            [self.pt.inverse(i) for i in stored if i in self.pt.by_id]


def resolve_type(t, field_name: str, tx=None) -> ObjectType:
    """An object type from a path segment; unknown → 400 naming `field_name` (fromObjectType…).
    With `tx`, custom types made by another process are found in the graph too."""
    if isinstance(t, ObjectType):
        return t
    found = objecttypes.try_resolve(t)
    if found is None and tx is not None:
        from app.rules import object_schemas  # the records engineer's graph-backed lookup

        found = object_schemas.try_resolve(tx, t)
    if found is None:
        raise ValidationFailed(f"Unable to infer object type from: {t}",
                               [field_error(field_name, f"unknown object type {t!r}", "INVALID_OBJECT_TYPE")])
    return found


def _id_key(object_id: str):
    """Numeric order for numeric ids (the canonical start of a same-kind edge is the lower id)."""
    return (0, int(object_id), "") if str(object_id).isdigit() else (1, 0, str(object_id))


def _lookup(tx, pairs: list[Pair], ft: ObjectType, tt: ObjectType) -> tuple[dict, set]:
    """Map every given id to its live node id; collect the ids that have none."""
    ids = {str(p.from_id) for p in pairs} | {str(p.to_id) for p in pairs}
    found = repo.find_objects(tx, sorted(ids))
    want_type = {}
    for p in pairs:
        want_type.setdefault(str(p.from_id), set()).add(ft.name)
        want_type.setdefault(str(p.to_id), set()).add(tt.name)
    resolved, missing = {}, set()
    for i in ids:
        row = found.get(i)
        if not row or row["resolved"] is None or row["archived"] or row["type"] not in want_type[i]:
            missing.add(i)
        else:
            resolved[i] = row["resolved"]
    return resolved, missing


def _not_found(ids) -> NotFound:
    ids = sorted(ids, key=_id_key)
    return NotFound("Object not found.  objectId are usually numeric.", [field_error("objectId", f"no object {i}")
                                                                        for i in ids], context={"id": ids})


def associate_many(tx, from_type, to_type, pairs: list[Pair], *, provenance: dict | None = None,
                   skip_missing: bool = False) -> tuple[list[dict], list[str]]:
    """Create or extend associations from `from_type` records to `to_type` records.

    Each result is `{"fromId", "toId", "typeIds"}` with every type the pair now has, from the
    `from` side. Unknown type → 400 `associationTypeId`; a second Primary company or a passed
    limit → 400, nothing written. Missing objects: 404, or with `skip_missing` left out and
    returned as the second value (batch endpoints answer 207 with them).
    """
    ctx = _Ctx.build(tx, from_type, to_type, create=True)
    unlabelled = ctx.pt.unlabelled(ctx.ft.name, ctx.tt.name)
    wanted: dict[tuple[str, str], list[int]] = {}
    for p in pairs:
        ids = ctx.pt.validate(ctx.ft.name, ctx.tt.name, p.types)
        key = (str(p.from_id), str(p.to_id))
        merged = wanted.setdefault(key, [unlabelled])
        merged.extend(i for i in ids if i not in merged)
    resolved, missing = _lookup(tx, [Pair(a, b) for a, b in wanted], ctx.ft, ctx.tt)
    if missing and not skip_missing:
        raise _not_found(missing)
    rows, live = [], {}
    for (a, b), ids in wanted.items():
        if a in missing or b in missing:
            continue
        ra, rb = resolved[a], resolved[b]
        if ra == rb:
            raise ValidationFailed("An object cannot be associated with itself.",
                                   [field_error("toObjectId", f"{b} is the from object")])
        merged = live.setdefault((ra, rb), [])
        merged.extend(i for i in ids if i not in merged)
    now = now_ms()
    prov = _provenance(ctx, provenance, now)
    for (a, b), ids in live.items():
        rows.append(_edge_row(ctx, a, b, ids, prov))
    _check_primary(tx, ctx, rows)
    _check_limits(tx, ctx, live)
    written = repo.merge_edges(tx, ctx.rel, rows, now)
    results = []
    for w in written:
        edge_start = w["start"] if w["forward"] else w["end"]
        to_id = w["end"] if w["from_id"] == w["start"] else w["start"]
        results.append({"fromId": w["from_id"], "toId": to_id,
                        "typeIds": ctx.from_side(w["from_id"], edge_start, w["types"])})
    return results, sorted(missing, key=_id_key)


def _provenance(ctx: _Ctx, provenance: dict | None, now: int) -> dict:
    """Who/why/when, kept only on activity and event edges (README: provenance)."""
    if not ctx.rel.startswith(_PROVENANCE_KINDS):
        return {"rule": None, "by": None, "at": None}
    p = provenance or {}
    by = p.get("by")
    return {"rule": p.get("rule") or "API", "by": str(by) if by is not None else None, "at": p.get("at") or now}


def _edge_row(ctx: _Ctx, a: str, b: str, ids: list[int], prov: dict) -> dict:
    """A merge_edges row: canonical start/end and the IDs from both ends."""
    inv = ctx.inverse(ids)
    if ctx.same_kind:
        a_first = _id_key(a) <= _id_key(b)
    else:
        a_first = ctx.from_is_start
    start, end, st, ts = (a, b, ids, inv) if a_first else (b, a, inv, ids)
    return {"from": a, "start": start, "end": end, "st": st, "ts": ts, **prov}


def _check_primary(tx, ctx: _Ctx, rows: list[dict]) -> None:
    """One Primary company per contact/deal/ticket: refuse a second one (in the request or stored)."""
    wants = [{"start": r["start"], "end": r["end"], "type": t}
             for r in rows for t in r["st"] if ctx.pt.is_primary(t)
             and ctx.pt.by_id[t]["fromType"] != "companies"]
    if not wants:
        return
    seen: dict[str, str] = {}
    for w in wants:
        if seen.setdefault(w["start"], w["end"]) != w["end"]:
            raise _primary_error(w["start"], seen[w["start"]], w["end"])
    for h in repo.primary_holders(tx, ctx.rel, wants):
        raise _primary_error(h["start"], h["holder"], h["wanted"])


def _primary_error(record_id: str, holder: str, wanted: str) -> ValidationFailed:
    return ValidationFailed(
        f"Object {record_id} already has a Primary company ({holder}); it cannot also have {wanted} as Primary. "
        "Change the primary company instead (PUT /crmgraph/v1/objects/{type}/{id}/primary-company/{companyId}).",
        [field_error("associationTypeId", "only one Primary company per record", "PRIMARY_ALREADY_SET")],
        context={"id": [record_id], "primaryCompanyId": [holder]})


def _check_limits(tx, ctx: _Ctx, live: dict[tuple[str, str], list[int]]) -> None:
    """Refuse when any record would pass the cap of a type it gains (from either end)."""
    gains: dict[tuple[str, int], list[str]] = {}
    for (a, b), ids in live.items():
        for t in ids:
            gains.setdefault((a, t), []).append(b)
            gains.setdefault((b, ctx.pt.inverse(t)), []).append(a)
    rows = []
    for (node, t), others in gains.items():
        limit = ctx.pt.limit(t)
        if limit is not None:
            rows.append({"node": node, "type": t, "type_inv": ctx.pt.inverse(t), "others": others, "limit": limit})
    for hit in repo.over_limit(tx, ctx.rel, rows):
        raise limit_error(ctx.pt, hit)


def limit_error(pt: PairTypes, hit: dict) -> LimitExceeded:
    """The 400 for a passed limit: `hit` is an `over_limit` row {node, type, have, adding, limit}
    (`type` as seen from `node`). Activity logging builds its own hits for the activity side."""
    r = pt.by_id[hit["type"]]
    label = r["label"] or "unlabelled"
    return LimitExceeded(
        f"Association limit exceeded: object {hit['node']} has {hit['have']} associations of type "
        f"{hit['type']} ({label}, {r['fromType']} → {r['toType']}); adding {hit['adding']} would pass "
        f"the limit of {hit['limit']}.",
        [field_error("associationTypeId", f"type {hit['type']} allows at most {hit['limit']} per record",
                     "ASSOCIATION_LIMIT_EXCEEDED")],
        context={"id": [hit["node"]], "typeId": [str(hit["type"])], "limit": [str(hit["limit"])]},
        sub_category="ASSOCIATION_LIMIT_EXCEEDED")


def associate(tx, from_type, from_id, to_type, to_id, type_ids, *, provenance: dict | None = None) -> dict:
    """Associate one pair with `type_ids` (ints or {associationCategory, associationTypeId}),
    plus the unlabelled type. Returns `{"fromId", "toId", "typeIds", "specs"}`."""
    results, _ = associate_many(tx, from_type, to_type, [Pair(str(from_id), str(to_id), list(type_ids))],
                                provenance=provenance)
    return with_specs(tx, from_type, to_type, results)[0]


def associate_default(tx, from_type, from_id, to_type, to_id, *, provenance: dict | None = None) -> dict:
    """The unlabelled association only (HubSpot's `.../associations/default/...`)."""
    return associate(tx, from_type, from_id, to_type, to_id, [], provenance=provenance)


def labels_of(tx, from_type, to_type) -> PairTypes:
    """The association type definitions between two object types (read-only)."""
    return load_pair(tx, resolve_type(from_type, "fromObjectType", tx), resolve_type(to_type, "toObjectType", tx), create=False)


def with_specs(tx, from_type, to_type, results: list[dict]) -> list[dict]:
    """Add `specs` ({category, typeId, label} per type) to `associate_many` results."""
    pt = labels_of(tx, from_type, to_type)
    return [{**r, "specs": [pt.spec(i) for i in r["typeIds"]]} for r in results]


def not_found(ids) -> NotFound:
    """HubSpot's 404 for missing objects (raise it)."""
    return _not_found(ids)


def remove_many(tx, from_type, to_type, pairs: list[tuple[str, str]]) -> int:
    """Delete the associations between each pair (every type, both directions); returns how many."""
    ft, tt = resolve_type(from_type, "fromObjectType", tx), resolve_type(to_type, "toObjectType", tx)
    rel, _ = objecttypes.rel_between(ft, tt)
    return repo.delete_edges(tx, rel, [{"a": str(a), "b": str(b)} for a, b in pairs])


def remove(tx, from_type, from_id, to_type, to_id) -> int:
    """Delete the association between one pair; 0 if there was none."""
    return remove_many(tx, from_type, to_type, [(from_id, to_id)])


def remove_labels_many(tx, from_type, to_type, pairs: list[Pair]) -> int:
    """Remove only the given types from each pair; removing the unlabelled type removes the pair."""
    ctx = _Ctx.build(tx, from_type, to_type, create=False)
    unlabelled = ctx.pt.unlabelled(ctx.ft.name, ctx.tt.name)
    rows = []
    for p in pairs:
        ids = ctx.pt.validate(ctx.ft.name, ctx.tt.name, p.types)
        rows.append({"a": str(p.from_id), "b": str(p.to_id), "ab": ids, "ba": ctx.inverse(ids),
                     "drop_all": unlabelled in ids})
    return repo.remove_edge_types(tx, ctx.rel, rows)


def remove_labels(tx, from_type, from_id, to_type, to_id, type_ids) -> int:
    return remove_labels_many(tx, from_type, to_type, [Pair(str(from_id), str(to_id), list(type_ids))])


def _parse_after(after) -> int:
    if after in (None, ""):
        return -1
    try:
        return int(after)
    except (TypeError, ValueError):
        raise ValidationFailed(f"Invalid paging cursor {after!r}.", [field_error("after", "not a cursor from this API")]) \
            from None


def _page(tx, ctx: _Ctx, inputs: list[dict], limit: int) -> dict[str, dict]:
    """{from id: {"results": [{toObjectId, typeIds}], "after": next cursor or None}}."""
    rows = [{"id": str(i["id"]), "after": _parse_after(i.get("after"))} for i in inputs]
    out = {r["id"]: {"results": [], "after": None} for r in rows}
    for hit in repo.list_for_objects(tx, ctx.rel, ctx.tt.label, rows, limit):
        page = out[hit["id"]]
        if len(page["results"]) == limit:
            page["after"] = str(page["results"][-1]["_n"])
            continue
        stored = hit["types"] if hit["forward"] else [ctx.pt.inverse(i) for i in hit["types"] if i in ctx.pt.by_id]
        ids = [i for i in stored if i in ctx.pt.by_id]
        page["results"].append({"toObjectId": hit["to_id"], "_n": hit["to_n"], "typeIds": ids})
    for page in out.values():
        for r in page["results"]:
            r.pop("_n")
    return out


def list_associations(tx, from_type, from_id, to_type, after=None, limit: int = LIST_LIMIT_MAX) -> dict:
    """One page of a record's associations to a type: `{"results": [{"toObjectId", "typeIds",
    "specs"}], "after"}` (`after` None on the last page). 404 if the record is missing."""
    ctx = _Ctx.build(tx, from_type, to_type, create=False)
    resolved, missing = _lookup(tx, [Pair(str(from_id), str(from_id))], ctx.ft, ctx.ft)
    if missing:
        raise _not_found(missing)
    page = _page(tx, ctx, [{"id": resolved[str(from_id)], "after": after}], _clamp(limit))
    page = page[resolved[str(from_id)]]
    for r in page["results"]:
        r["specs"] = [ctx.pt.spec(i) for i in r["typeIds"]]
    return page


def _clamp(limit) -> int:
    return max(1, min(int(limit or LIST_LIMIT_MAX), LIST_LIMIT_MAX))


def batch_read(tx, from_type, to_type, inputs: list[dict], limit: int = LIST_LIMIT_MAX) -> tuple[list[dict], list[str]]:
    """Pages for many records at once (`inputs` = [{"id", "after"?}]); returns (results, missing
    ids). Each result: `{"fromId", "to": [{"toObjectId", "typeIds", "specs"}], "after"}`."""
    ctx = _Ctx.build(tx, from_type, to_type, create=False)
    given = [str(i["id"]) for i in inputs]
    resolved, missing = _lookup(tx, [Pair(i, i) for i in given], ctx.ft, ctx.ft)
    live = [{"id": resolved[str(i["id"])], "after": i.get("after")} for i in inputs if str(i["id"]) not in missing]
    pages = _page(tx, ctx, live, _clamp(limit)) if live else {}
    results = []
    for i in given:
        if i in missing:
            continue
        page = pages[resolved[i]]
        for r in page["results"]:
            r["specs"] = [ctx.pt.spec(t) for t in r["typeIds"]]
        results.append({"fromId": i, "to": page["results"], "after": page["after"]})
    return results, sorted(missing, key=_id_key)


def v3_associations(tx, object_type, object_ids: list[str], to_types: list[str], limit: int = LIST_LIMIT_MAX) -> dict:
    """The v3 read/list `associations=` block for each object:
    `{object_id: {to_plural: {"results": [{"id", "type"}], "paging"?}}}`. Every (object, type)
    pair yields one entry per association type (`contact_to_company` and
    `contact_to_company_unlabeled` for a Primary company). Types without associations are omitted."""
    out: dict[str, dict] = {str(i): {} for i in object_ids}
    ft = resolve_type(object_type, "objectType", tx)
    for name in dict.fromkeys(to_types):
        try:
            tt = resolve_type(name, "associations", tx)
        except ValidationFailed:
            continue  # HubSpot ignores an unknown `associations` type on reads
        ctx = _Ctx.build(tx, ft, tt, create=False)
        pages = _page(tx, ctx, [{"id": str(i), "after": None} for i in object_ids], _clamp(limit))
        for oid, page in pages.items():
            if not page["results"]:
                continue
            entries = [{"id": r["toObjectId"], "type": ctx.pt.v3_name(t)} for r in page["results"] for t in r["typeIds"]]
            block = {"results": entries}
            if page["after"]:
                block["paging"] = {"next": {"after": page["after"]}}
            out[oid][tt.name] = block
    return out


def set_primary_company(tx, object_type, object_id, company_id, *, provenance: dict | None = None) -> dict:
    """Make `company_id` the Primary company of a contact, deal or ticket, atomically: the old
    Primary edge keeps its other types (it becomes an ordinary association), the new pair gets
    unlabelled + Primary. ACT-4d relies on this leaving past activities where they are."""
    ft = resolve_type(object_type, "objectType", tx)
    co = objecttypes.BUILTIN["companies"]
    if ft.name not in ("contacts", "deals", "tickets"):
        raise ValidationFailed(f"{ft.name} have no primary company.",
                               [field_error("objectType", "must be contacts, deals or tickets")])
    ctx = _Ctx.build(tx, ft, co, create=False)
    primary = next(r["typeId"] for r in ctx.pt.direction(ft.name, co.name) if r["primary"])
    resolved, missing = _lookup(tx, [Pair(str(object_id), str(company_id))], ft, co)
    if missing:
        raise _not_found(missing)
    rid, cid = resolved[str(object_id)], resolved[str(company_id)]
    holders = repo.primary_holders(tx, ctx.rel, [{"start": rid, "end": cid, "type": primary}])
    repo.remove_edge_types(tx, ctx.rel, [{"a": rid, "b": h["holder"], "ab": [primary], "ba": [ctx.pt.inverse(primary)],
                                          "drop_all": False} for h in holders])
    result = associate(tx, ft, rid, co, cid, [primary], provenance=provenance)
    return {**result, "previous": [h["holder"] for h in holders]}
