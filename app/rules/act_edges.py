"""The edges of a newly logged activity (ACT-1, ACT-7): type IDs, limits, provenance.

`associations.associate_many` serves any pair of objects, so per target object type it reads
the type definitions, resolves ids, checks Primary and limits and merges edges — four round
trips. For an activity being logged most of that cannot matter, and this module does the rest
without a round trip in the usual case:

- the activity is new: there is no edge to merge with (`act/log_write` CREATEs), it has no
  associations yet, and no activity ↔ record type is a Primary;
- the records were found in this transaction (the logged-on one resolved by `act/log_facts`,
  the others by traversal), so there is nothing to resolve;
- type IDs come from the `:AssociationType` rows `act/log_facts` read in the same transaction.
  Nothing is cached across requests: labels, limits and custom-object pairs change through the
  API (from any process) and tests wipe the graph, so a cache could go stale; the rows cost a
  few dozen db hits inside a statement that runs anyway;
- ACT-7, activity side: the activity's cap per record type is counted here, in Python (it
  starts at zero);
- ACT-7, record side: a record's own cap on activities of this type is uncapped unless an admin
  configured one (`association_types.PairTypes.limit`); only then is it counted, with
  `associations/over_limit` — one extra read per configured relationship type.

Records are taken in the order given (logged-on record first, then company, deals newest
first …). A limit passed by an auto-associated record leaves it out (`skipped`, with the
error's message); passed by the record the activity is logged on, it raises and the whole log
is refused.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from app import objecttypes
from app.errors import LimitExceeded
from app.objecttypes import ObjectType
from app.repo import associations as assoc_repo
from app.rules import associations, records
from app.rules.association_types import PairTypes, load_pair

__all__ = ["EdgePlan", "plan_edges", "one_trip_specs"]


@dataclass
class EdgePlan:
    """What to write and what to answer: `log_write` edge rows, the response's `associations`
    (`{objectType, id, typeIds, rule, by, at}`) and `skipped`."""

    rows: list[dict] = field(default_factory=list)
    written: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class _Pair:
    """The activity type ↔ one record type: relationship, unlabelled type IDs, definitions."""

    rel: str
    forward: int   # activity → record (stored on the edge, which starts at the activity)
    inverse: int   # record → activity
    pt: PairTypes


def _rel(at: ObjectType, rt: ObjectType) -> str:
    rel, activity_is_start = objecttypes.rel_between(at, rt)
    if not activity_is_start:  # ACTIVITY_* ranks first: would mean a broken object-type table
        raise RuntimeError(f"{rel}: an activity must be the start of its association edges")
    return rel


def _known_pair(at: ObjectType, rt: ObjectType, type_rows: list[dict]) -> _Pair | None:
    """The pair from the rows read, None if the pair has no unlabelled type yet."""
    pt = PairTypes(at, rt, [r for r in type_rows if {r["fromType"], r["toType"]} == {at.name, rt.name}])
    forward = pt.unlabelled(at.name, rt.name)
    return None if forward is None else _Pair(_rel(at, rt), forward, pt.inverse(forward), pt)


def _pair(tx, at: ObjectType, object_type: str, type_rows: list[dict]) -> _Pair:
    rt = records.resolve_type(tx, object_type)
    found = _known_pair(at, rt, type_rows)
    if found is not None:
        return found
    pt = load_pair(tx, at, rt, create=True)  # a custom object's first association with this activity type
    forward = pt.unlabelled(at.name, rt.name)
    return _Pair(_rel(at, rt), forward, pt.inverse(forward), pt)


def one_trip_specs(at: ObjectType, most: dict[str, int], type_rows: list[dict]) -> dict[str, dict] | None:
    """`{object type: {rel, types}}` for `act/log_one`, which writes edges without counting; or
    None when a limit could matter and `plan_edges` must count (the two-statement path): a type
    with no unlabelled type yet (custom objects), a record-side cap configured, or an
    activity-side cap below `most[type]`, the most edges to that type the plan can make."""
    specs = {}
    for object_type, count in most.items():
        rt = objecttypes.try_resolve(object_type)
        p = _known_pair(at, rt, type_rows) if rt is not None else None
        if p is None or p.pt.limit(p.inverse) is not None:
            return None
        cap = p.pt.limit(p.forward)
        if cap is not None and cap < count:
            return None
        specs[object_type] = {"rel": p.rel, "types": [p.forward]}
    return specs


def _record_caps(tx, activity_id: str, related: list, pairs: dict[str, _Pair]) -> dict[tuple, LimitExceeded]:
    """{(objectType, id): error} for records whose configured own cap this edge would pass."""
    by_rel: dict[str, tuple[str, list[dict]]] = {}
    for r in related:
        p = pairs[r.object_type]
        limit = p.pt.limit(p.inverse)
        if limit is not None:
            by_rel.setdefault(p.rel, (r.object_type, []))[1].append(
                {"node": r.object_id, "type": p.inverse, "type_inv": p.forward, "others": [activity_id],
                 "limit": limit})
    refused = {}
    for rel, (object_type, rows) in by_rel.items():
        for hit in assoc_repo.over_limit(tx, rel, rows):
            refused[(object_type, hit["node"])] = associations.limit_error(pairs[object_type].pt, hit)
    return refused


def plan_edges(tx, at: ObjectType, activity_id: str, related: list, type_rows: list[dict], *, by: str | None,
               now: int, logged_on_rule: str) -> EdgePlan:
    """Edges from the new activity to every `related` record (`act.Related`: object_type,
    object_id, rule), limits applied (module docstring). Raises `LimitExceeded` when the record
    stamped `logged_on_rule` cannot take it."""
    pairs = {t: _pair(tx, at, t, type_rows) for t in dict.fromkeys(r.object_type for r in related)}
    refused = _record_caps(tx, activity_id, related, pairs)
    kept: dict[str, int] = {}
    plan = EdgePlan()
    groups: dict[tuple[str, str], list[dict]] = {}  # the answer lists edges by (type, rule), as before
    for r in related:
        p = pairs[r.object_type]
        have = kept.get(r.object_type, 0)
        error = refused.get((r.object_type, r.object_id))
        limit = p.pt.limit(p.forward)
        if error is None and limit is not None and have + 1 > limit:
            error = associations.limit_error(p.pt, {"node": activity_id, "type": p.forward, "have": have,
                                                    "adding": 1, "limit": limit})
        if error is not None:
            if r.rule == logged_on_rule:
                raise error
            plan.skipped.append({"objectType": r.object_type, "id": r.object_id, "rule": r.rule,
                                 "reason": error.message})
            continue
        kept[r.object_type] = have + 1
        plan.rows.append({"rel": p.rel, "id": r.object_id, "types": [p.forward], "rule": r.rule, "by": by,
                          "at": now})
        groups.setdefault((r.object_type, r.rule), []).append(
            {"objectType": r.object_type, "id": r.object_id, "typeIds": [p.forward], "rule": r.rule, "by": by,
             "at": now})
    plan.written = [w for ws in groups.values() for w in ws]
    return plan
