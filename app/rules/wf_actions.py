"""The association actions of a workflow (WF-2 … WF-5), each run set-based over ALL enrolled records.

Every action is two steps, never a query per record:
1. **select** — one `UNWIND $ids` query finds the pairs to change (`wf/create_candidates`: an
   index seek on the candidate's property; `wf/associated_pairs`: an expansion of the pair's
   relationship type only), already leaving out pairs that need nothing — which is what makes a
   second run change nothing (idempotence);
2. **write** — through the association rules (`app.rules.associations`), which write in
   `UNWIND` batches and keep one edge per pair, the unlabelled type beside every label, and
   paired labels consistent from both sides (IDs stored in the edge's direction, inverses read
   from `:AssociationType`).

Limits and Primary uniqueness: a workflow must not fail half-way through a run, so instead of
refusing (what the API does) a run *skips* what would break a rule. The write is tried first
(the association rules check before they write anything); only if they refuse does the run
sort the pairs with the same checks (`associations/over_limit`, `associations/primary_holders`): a record that
would pass a limit gets none of this action's additions, a record that already has another
Primary company keeps it, and a record offered several Primary companies at once gets none.
Skips are reported with the run.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from app import objecttypes
from app.errors import AppError
from app.objecttypes import ObjectType
from app.repo import associations as assoc_repo
from app.rules import associations as assoc
from app.rules import properties as props
from app.rules.association_types import PairTypes, load_pair
from app.rules.wf_identifiers import render

__all__ = ["run_action", "ActionResult", "Change"]


@dataclass
class Change:
    """One pair an action changed (or, in a dry-run, would change); type ids from the enrolled side."""

    from_id: str
    to_id: str
    change: str  # CREATE, ADD_LABEL, REPLACE_LABEL, REMOVE_LABEL, DELETE
    type_ids: list[int]

    def to_dict(self) -> dict:
        return {"fromId": self.from_id, "toId": self.to_id, "change": self.change, "typeIds": self.type_ids}


@dataclass
class ActionResult:
    index: int
    type: str
    changes: list[Change] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)

    def counts(self) -> dict:
        c = {"created": 0, "relabelled": 0, "removed": 0}
        for ch in self.changes:
            key = {"CREATE": "created", "DELETE": "removed", "REMOVE_LABEL": "removed"}.get(ch.change, "relabelled")
            c[key] += 1
        c["skipped"] = len(self.skipped)
        return c


@dataclass
class _Ctx:
    """One action's object types, relationship and label definitions."""

    wid: str
    e: ObjectType
    t: ObjectType
    rel: str
    pair: PairTypes

    def inverse(self, ids: list[int]) -> list[int]:
        return [self.pair.inverse(i) for i in ids]

    @property
    def unlabelled(self) -> int:
        return self.pair.unlabelled(self.e.name, self.t.name)


def _dedupe(ctx: _Ctx, rows: list[dict]) -> list[dict]:
    """Same-type pairs come back from both ends when both are enrolled: keep one of each.
    (Only for WF-2, where both directions mean the same thing; a label's meaning depends on the side.)"""
    if ctx.e.kind != ctx.t.kind:
        return rows
    seen, out = set(), []
    for r in rows:
        key = frozenset((r["from_id"], r["to_id"]))
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _guard(tx, ctx: _Ctx, pairs: list[tuple[str, str]], adding: list[int]) -> tuple[list[tuple[str, str]], list[dict]]:
    """Drop the pairs that would pass an association limit or give a record a second Primary
    company; returns (admissible pairs, skipped). Same checks as `app.rules.associations`."""
    skipped: list[dict] = []
    primaries = [t for t in adding if ctx.pair.is_primary(t)]
    if primaries and pairs:
        pairs, skipped = _primary_guard(tx, ctx, pairs, primaries[0])
    gains: dict[tuple[str, int], list[str]] = {}
    for a, b in pairs:
        for t in dict.fromkeys([ctx.unlabelled, *adding]):
            gains.setdefault((a, t), []).append(b)
            gains.setdefault((b, ctx.pair.inverse(t)), []).append(a)
    rows = [{"node": n, "type": t, "type_inv": ctx.pair.inverse(t), "others": others, "limit": ctx.pair.limit(t)}
            for (n, t), others in gains.items() if ctx.pair.limit(t) is not None]
    over = {h["node"]: h for h in assoc_repo.over_limit(tx, ctx.rel, rows)}
    if over:
        keep = []
        for a, b in pairs:
            hit = over.get(a) or over.get(b)
            if hit:
                skipped.append({"fromId": a, "toId": b, "reason": "ASSOCIATION_LIMIT_EXCEEDED",
                                "detail": f"object {hit['node']} would pass the limit of {hit['limit']} "
                                          f"for type {hit['type']}"})
            else:
                keep.append((a, b))
        pairs = keep
    return pairs, skipped


def _primary_guard(tx, ctx: _Ctx, pairs, primary: int):
    """One Primary company per contact/deal/ticket (the non-company side owns the Primary)."""
    e_owns = ctx.pair.by_id[primary]["fromType"] != "companies"
    owner_type = primary if e_owns else ctx.pair.inverse(primary)  # owner → company direction
    by_owner: dict[str, set[str]] = {}
    for a, b in pairs:
        owner, company = (a, b) if e_owns else (b, a)
        by_owner.setdefault(owner, set()).add(company)
    rows = [{"start": o, "end": next(iter(cs)), "type": owner_type} for o, cs in by_owner.items() if len(cs) == 1]
    taken = {h["start"] for h in assoc_repo.primary_holders(tx, ctx.rel, rows)}
    keep, skipped = [], []
    for a, b in pairs:
        owner = a if e_owns else b
        if len(by_owner[owner]) > 1 or owner in taken:
            why = "several Primary candidates" if len(by_owner[owner]) > 1 else "already has a Primary company"
            skipped.append({"fromId": a, "toId": b, "reason": "PRIMARY_ALREADY_SET", "detail": f"{owner}: {why}"})
        else:
            keep.append((a, b))
    return keep, skipped


def _associate(tx, ctx: _Ctx, pairs: list[tuple[str, str]], type_ids: list[int]) -> None:
    if pairs:
        assoc.associate_many(tx, ctx.e, ctx.t, [assoc.Pair(a, b, list(type_ids)) for a, b in pairs],
                             provenance={"rule": f"WF:{ctx.wid}"}, skip_missing=True)


_REFUSALS = ("ASSOCIATION_LIMIT_EXCEEDED", "PRIMARY_ALREADY_SET")


def _add(tx, ctx: _Ctx, pairs: list[tuple[str, str]], adding: list[int]) -> tuple[list[tuple[str, str]], list[dict]]:
    """Write the additions; when the association rules refuse (a limit, a second Primary) —
    which they do before writing anything — drop what breaks the rule and write the rest.
    Optimistic because the usual run breaks nothing, and then the checks run only once."""
    try:
        _associate(tx, ctx, pairs, adding)
        return pairs, []
    except AppError as exc:
        if not any(e.get("code") in _REFUSALS for e in exc.errors):
            raise
    pairs, skipped = _guard(tx, ctx, pairs, adding)
    _associate(tx, ctx, pairs, adding)
    return pairs, skipped


def _select(tx, ctx: _Ctx, ids: list[str], *, require: list[int] = (), absent: list[int] = (),
            refine: str = "ALL", enrolled_key: str = "", associated_key: str = "", op: str = "EQ",
            value=None) -> list[dict]:
    q = render(tx, "wf/associated_pairs", object_type=ctx.t, rel=ctx.rel)
    return q.run(tx, {"ids": ids, "require_fwd": list(require), "require_bwd": ctx.inverse(list(require)),
                      "absent_fwd": list(absent), "absent_bwd": ctx.inverse(list(absent)), "refine": refine,
                      "enrolled_key": enrolled_key, "associated_key": associated_key, "op": op, "value": value})


# ------------------------------------------------------------------ the four actions

def _create_associations(tx, ctx: _Ctx, a: dict, ids: list[str], res: ActionResult) -> None:
    """WF-2: associate every candidate whose `matchProperty` equals the enrolled `enrolledProperty`."""
    want = [ctx.unlabelled] + ([a["associationTypeId"]] if a.get("associationTypeId") else [])
    q = render(tx, "wf/create_candidates", object_type=ctx.t, prop=a["matchProperty"], rel=ctx.rel)
    rows = _dedupe(ctx, q.run(tx, {"ids": ids, "enrolled_key": props.node_key(a["enrolledProperty"]),
                                   "want_fwd": want, "want_bwd": ctx.inverse(want)}))
    existed = {(r["from_id"], r["to_id"]): r["existed"] for r in rows}
    pairs, res.skipped = _add(tx, ctx, list(existed), want[1:])
    res.changes = [Change(x, y, "ADD_LABEL" if existed[(x, y)] else "CREATE", want) for x, y in pairs]


def _apply_labels(tx, ctx: _Ctx, a: dict, ids: list[str], res: ActionResult) -> None:
    """WF-3: add a label to associated records (all, or refined a/b/c) that lack it."""
    label = a["associationTypeId"]
    refine = a.get("applyTo", "ALL")
    value = None
    if refine == "ENROLLED_PROPERTY":
        value = _typed(tx, ctx.e, a["enrolledProperty"], a["value"])
    elif refine == "ASSOCIATED_PROPERTY":
        value = _typed(tx, ctx.t, a["associatedProperty"], a["value"])
    rows = _select(tx, ctx, ids, absent=[label], refine=refine,
                   enrolled_key=props.node_key(a.get("enrolledProperty") or "") if a.get("enrolledProperty") else "",
                   associated_key=props.node_key(a["associatedProperty"]) if a.get("associatedProperty") else "",
                   op=a.get("operator", "EQ"), value=value)
    pairs, res.skipped = _add(tx, ctx, [(r["from_id"], r["to_id"]) for r in rows], [label])
    res.changes = [Change(x, y, "ADD_LABEL", [label]) for x, y in pairs]


def _typed(tx, t: ObjectType, name: str, value):
    return props.convert(props.definitions(tx, t.name)[name], value, skip_options=True)


def _update_labels(tx, ctx: _Ctx, a: dict, ids: list[str], res: ActionResult) -> None:
    """WF-4: where the existing label is, add the new one beside it (ADD) or instead (REPLACE)."""
    old, new = a["existingAssociationTypeId"], a["associationTypeId"]
    if a["mode"] == "ADD":
        rows = _select(tx, ctx, ids, require=[old], absent=[new])
        pairs, res.skipped = _add(tx, ctx, [(r["from_id"], r["to_id"]) for r in rows], [new])
        res.changes = [Change(x, y, "ADD_LABEL", [new]) for x, y in pairs]
        return
    rows = _select(tx, ctx, ids, require=[old])
    pairs, res.skipped = _guard(tx, ctx, [(r["from_id"], r["to_id"]) for r in rows], [new])
    if pairs:
        assoc.remove_labels_many(tx, ctx.e, ctx.t, [assoc.Pair(x, y, [old]) for x, y in pairs])
    _associate(tx, ctx, pairs, [new])
    res.changes = [Change(x, y, "REPLACE_LABEL", [old, new]) for x, y in pairs]


def _remove_labels(tx, ctx: _Ctx, a: dict, ids: list[str], res: ActionResult) -> None:
    """WF-5: remove chosen labels from the associations that have them; optionally the associations."""
    labels = a["associationTypeIds"]
    rows = _select(tx, ctx, ids, require=labels)
    pairs = [(r["from_id"], r["to_id"]) for r in rows]
    if a.get("removeAssociations"):
        if pairs:
            assoc.remove_many(tx, ctx.e, ctx.t, pairs)
        res.changes = [Change(x, y, "DELETE", []) for x, y in pairs]
        return
    present = {(r["from_id"], r["to_id"]): _held(ctx, r, labels) for r in rows}
    if pairs:
        assoc.remove_labels_many(tx, ctx.e, ctx.t, [assoc.Pair(x, y, present[(x, y)]) for x, y in pairs])
    res.changes = [Change(x, y, "REMOVE_LABEL", present[(x, y)]) for x, y in pairs]


def _held(ctx: _Ctx, row: dict, labels: list[int]) -> list[int]:
    """Which of `labels` (enrolled side) the stored edge of `row` holds."""
    return [t for t in labels if (t if row["forward"] else ctx.pair.inverse(t)) in row["stored"]]


_RUNNERS = {"CREATE_ASSOCIATIONS": _create_associations, "APPLY_ASSOCIATION_LABELS": _apply_labels,
            "UPDATE_ASSOCIATION_LABELS": _update_labels, "REMOVE_ASSOCIATION_LABELS": _remove_labels}


def run_action(tx, wid: str, e: ObjectType, action: dict, index: int, ids: list[str]) -> ActionResult:
    """Run one (validated) action over every enrolled record in `ids`, in `tx`."""
    from app.rules.object_schemas import resolve

    t = resolve(tx, action["toObjectType"])
    rel, _ = objecttypes.rel_between(e, t)
    ctx = _Ctx(wid, e, t, rel, load_pair(tx, e, t, create=action["type"] == "CREATE_ASSOCIATIONS"))
    res = ActionResult(index, action["type"])
    if ids and ctx.unlabelled is not None:
        _RUNNERS[action["type"]](tx, ctx, action, ids, res)
    return res
