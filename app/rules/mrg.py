"""Merging two contacts (SPEC MRG-1 … MRG-12), and its preview.

A merge is ONE write transaction (MRG-12) composed of `app/repo/merge.py` steps:

1. check the ids (4xx naming `primaryObjectId`/`objectIdToMerge`: missing, archived, already
   merged, not a contact, the same contact twice);
2. lock both contacts in id order — concurrent merges sharing a contact serialise, and a merge
   that waited for a contact another merge deleted or renamed is refused, never half-applied;
3. decide every property (`app/rules/mrg_properties.py`, pure, MRG-3 a–i / MRG-11);
4. the secondary leaves lists and is unenrolled from workflows (MRG-6, MRG-10; the
   workflow engineer's `wf.unenroll`, enrolment history kept);
5. rewire the secondary's edges onto the primary's node (MRG-4, MRG-5, MRG-7, MRG-8, MRG-9):
   companies dropped when the primary has one, deals/tickets/custom records/contacts/activities
   /events moved (one edge per pair, types united, provenance kept), email addresses and user
   tokens and earlier tombstones re-pointed, anything else moved as is;
6. finish: the survivor — the primary's node, so none of its own edges move — gets a NEW id
   (HubSpot's current behaviour), both old ids become `(:MergedId)` tombstones, the merge event
   goes on its timeline, the secondary node is deleted;
7. enrol-on-merge: `wf.on_record_written(cause="merge")` checks only workflows whose
   `enrollOnMerge` is on (MRG-10).

The preview runs steps 1 and 3 and reads what step 5 would move, writing nothing.
"""
from __future__ import annotations

import json
import uuid

from app.errors import Conflict, NotFound, ValidationFailed, field_error
from app.repo import merge as repo
from app.repo.objects import HISTORY_KEEP
from app.rules import mrg_properties as mp
from app.rules import properties as props
from app.rules import records, wf
from app.rules.record_output import DEFAULT_PROPERTIES

__all__ = ["merge", "preview", "check", "MAX_MERGED_IDS", "RESPONSE_PROPERTIES"]

PRIMARY, SECONDARY = "primaryObjectId", "objectIdToMerge"
MAX_MERGED_IDS = 250  # HubSpot refuses merges past 250 combined merges (KB "Merge records")
RESPONSE_PROPERTIES = [*DEFAULT_PROPERTIES["contacts"], "hs_additional_emails", "hs_merged_object_ids"]
# Node keys that are not property values (system fields, locks). `createdate` IS a value (MRG-3c).
_NOT_VALUES = {"id", "_n", "_type", "_updated", "archived", "archivedAt", "source"}


# --------------------------------------------------------------------------- checks

def check(tx, primary_id, secondary_id) -> tuple[str, str]:
    """Both ids as strings, or the 4xx that names the field at fault (nothing written)."""
    pid, sid = str(primary_id or "").strip(), str(secondary_id or "").strip()
    for field, value in ((PRIMARY, pid), (SECONDARY, sid)):
        if not value:
            raise ValidationFailed(f"{field} is required", [field_error(field, "required", "REQUIRED")])
    if pid == sid:
        raise ValidationFailed("Cannot merge a contact into itself.",
                               [field_error(SECONDARY, "is the same contact as primaryObjectId", "MERGE_SELF")])
    found = repo.resolve_ids(tx, [pid, sid])
    for field, value in ((PRIMARY, pid), (SECONDARY, sid)):
        row = found.get(value) or {}
        if row.get("mergedInto"):
            raise Conflict(f"Contact {value} was already merged into {row['mergedInto']}; merge that contact instead.",
                           [field_error(field, f"{value} was already merged into {row['mergedInto']}",
                                        "ALREADY_MERGED")], context={"id": [value]})
        if not row.get("exists"):
            raise NotFound("Object not found.  objectId are usually numeric.",
                           [field_error(field, f"no contact with id {value}", "OBJECT_NOT_FOUND")],
                           context={"id": [value]})
        if row.get("type") != "contacts":
            raise ValidationFailed(f"{value} is not a contact ({row.get('type')})",
                                   [field_error(field, f"{value} is a {row.get('type')} record, not a contact",
                                                "WRONG_OBJECT_TYPE")])
        if row.get("archived"):
            raise ValidationFailed(f"Contact {value} is archived and cannot be merged.",
                                   [field_error(field, f"contact {value} is archived", "ARCHIVED")])
    return pid, sid


def _lock_both(tx, pid: str, sid: str, token: str) -> None:
    """Lock in a fixed order; refuse if a concurrent merge took a contact while we waited."""
    for field, value in sorted(((PRIMARY, pid), (SECONDARY, sid)), key=lambda fv: fv[1]):
        got = repo.lock(tx, value, token)
        if got != value:
            raise Conflict(f"Contact {value} was merged by a concurrent request; nothing was changed.",
                           [field_error(field, f"{value} was merged concurrently", "ALREADY_MERGED")],
                           context={"id": [value]})


# --------------------------------------------------------------------------- decisions

def _state(node: dict) -> mp.ContactState:
    """A contact node (all its keys) → what the property rules compare."""
    values, ts, hist = {}, {}, {}
    for key, value in node.items():
        if key.startswith("_ts_"):
            ts[key[4:]] = value
        elif key.startswith("_hist_"):
            hist[key[6:]] = mp.parse_history(value)
        elif not key.startswith("_") and key not in _NOT_VALUES:
            values[key] = value
    return mp.ContactState(str(node["id"]), values, ts, hist)


def _decide(tx, p_node: dict, s_node: dict, now: int, ref: str | None) -> dict[str, mp.Decision]:
    defs = props.definitions(tx, "contacts")

    def to_text(name, value):
        return props.to_hubspot(defs.get(name), value)

    return mp.decide(_state(p_node), _state(s_node), now=now, merge_ref=ref, to_text=to_text)


def _node_props(decisions: dict[str, mp.Decision]) -> dict:
    """Decisions → the node keys `finish` sets (value, `_ts_`, `_hist_`; None removes)."""
    out = {}
    for name, d in decisions.items():
        out[props.node_key(name)] = d.value
        out[f"_ts_{name}"] = d.ts
        out[f"_hist_{name}"] = [json.dumps(e, separators=(",", ":")) for e in d.history[:HISTORY_KEEP]] or None
    return out


def _check_merge_count(decisions: dict[str, mp.Decision]) -> None:
    ids = mp.split_list(decisions[mp.MERGED_IDS].value)
    if len(ids) > MAX_MERGED_IDS:
        raise ValidationFailed(f"A contact can be the result of at most {MAX_MERGED_IDS} merges.",
                               [field_error(SECONDARY, f"the merged contact would combine {len(ids)} ids",
                                            "MERGE_LIMIT")])


# --------------------------------------------------------------------------- the merge

def merge(tx, primary_id, secondary_id, *, new_id: str, event_id: str, user: dict | None = None,
          now: int | None = None, batch: int = repo.BATCH) -> dict:
    """Merge `secondary_id` into `primary_id` inside `tx`; returns the survivor (SimplePublicObject).

    `new_id` and `event_id` are allocated by the caller outside the transaction (a retried
    transaction then reuses them). Run as `db.write(merge, pid, sid, new_id=…, event_id=…)`.
    """
    now = now or props.now_ms()
    pid, sid = check(tx, primary_id, secondary_id)
    token = str(uuid.uuid4())
    _lock_both(tx, pid, sid, token)
    p_node, s_node = repo.state(tx, pid), repo.state(tx, sid)
    decisions = _decide(tx, p_node, s_node, now, event_id)
    _check_merge_count(decisions)

    lists_left = repo.leave_lists(tx, sid)                               # MRG-6
    workflows_left = wf.unenroll(tx, [sid])                              # MRG-10 (history kept)
    repo.detach_enrollments(tx, sid)
    if repo.degrees(tx, pid).get("companies"):                           # MRG-4: primary's company kept
        repo.drop_company_links(tx, sid)
    repo.move_record_links(tx, sid, pid, ["CONTACT_CONTACT"])            # deals, tickets, custom (+ companies)
    repo.move_contact_links(tx, sid, pid)                                # no self-association
    moved = repo.move_activity_links(tx, sid, pid, batch)                # MRG-5, provenance kept
    events = repo.move_event_links(tx, sid, pid, batch)                  # MRG-8: visits → primary
    email = decisions[mp.EMAIL].value
    repo.move_emails(tx, sid, pid, email.lower() if email else None, now)  # MRG-7, MRG-9
    repo.move_identities(tx, sid, pid)                                   # MRG-9, MRG-12
    repo.move_other_links(tx, sid, pid)
    event = {"id": event_id, "n": int(event_id), "primaryObjectId": pid, "mergedObjectId": sid,
             "newObjectId": new_id, "by": str((user or {}).get("id")) if user else None,
             "properties": json.dumps({"changed": mp.changed_properties(decisions), "activitiesMoved": moved,
                                       "eventsMoved": events, "listsLeft": lists_left,
                                       "workflowsLeft": workflows_left})}
    repo.finish(tx, pid, sid, new_id, _node_props(decisions), event, now)
    repo.rekey_enrollments(tx, new_id)
    # MRG-10: the survivor's values are written by `finish`, not `records.update`, so no
    # update-triggered enrolment fires; only workflows that allow enrolment on merge look.
    wf.on_record_written(tx, "contacts", [new_id], cause="merge")
    return records.get(tx, "contacts", new_id, properties=RESPONSE_PROPERTIES)


# --------------------------------------------------------------------------- the preview

def _links(tx, contact_id: str) -> list[dict]:
    from app import objecttypes

    contacts = objecttypes.resolve("contacts")
    rels = sorted({objecttypes.rel_between(contacts, t)[0] for t in objecttypes.all_types()
                   if not t.is_activity and objecttypes.rel_between(contacts, t)[1]})
    return repo.record_links(tx, contact_id, rels)


def _association_plan(tx, pid: str, sid: str) -> dict:
    """What the merge would do to each of the secondary's record associations."""
    p_links, s_links = _links(tx, pid), _links(tx, sid)
    p_has = {(link["type"], link["id"]) for link in p_links}
    primary_has_company = any(link["type"] == "companies" for link in p_links)
    kept = [{"type": link["type"], "id": link["id"]} for link in p_links if link["id"] != sid]
    moved, merged, dropped = [], [], []
    for link in s_links:
        item = {"type": link["type"], "id": link["id"]}
        if link["id"] == pid:
            dropped.append({**item, "rule": "MRG-12", "reason": "would associate the merged contact with itself"})
        elif link["type"] == "companies" and primary_has_company:
            dropped.append({**item, "rule": "MRG-4", "reason": "the primary's company is kept"})
        elif (link["type"], link["id"]) in p_has:
            merged.append({**item, "rule": "MRG-4", "reason": "already associated with the primary: types united"})
        else:
            moved.append({**item, "rule": "MRG-4", "reason": "moves to the merged contact"})
    pd, sd = repo.degrees(tx, pid), repo.degrees(tx, sid)
    return {"kept": kept, "moved": moved, "merged": merged, "dropped": dropped,
            "activities": {"primary": pd.get("activities", 0), "secondary": sd.get("activities", 0),
                           "rule": "MRG-5"},
            "timelineEvents": {"primary": pd.get("events", 0), "secondary": sd.get("events", 0),
                               "rule": "MRG-5 / MRG-8"}}


def preview(tx, primary_id, secondary_id, *, now: int | None = None) -> dict:
    """What merging would produce — properties with their rule, associations that move or drop,
    lists and workflows the secondary leaves — without writing anything."""
    now = now or props.now_ms()
    pid, sid = check(tx, primary_id, secondary_id)
    p_node, s_node = repo.state(tx, pid), repo.state(tx, sid)
    decisions = _decide(tx, p_node, s_node, now, None)
    defs = props.definitions(tx, "contacts")
    text = lambda name, v: props.to_hubspot(defs.get(name), v)  # noqa: E731
    p_state, s_state = _state(p_node), _state(s_node)
    properties = {name: {"value": text(name, d.value), "rule": d.rule, "source": d.source, "changed": d.changed,
                         "primary": text(name, p_state.values.get(name)),
                         "secondary": text(name, s_state.values.get(name))}
                  for name, d in sorted(decisions.items())}
    member = repo.memberships(tx, sid)
    return {PRIMARY: pid, SECONDARY: sid, "properties": properties,
            "associations": _association_plan(tx, pid, sid),
            "lists": {"secondaryLeaves": member.get("lists", []), "rule": "MRG-6"},
            "workflows": {"secondaryUnenrolledFrom": member.get("workflows", []), "rule": "MRG-10"},
            "ids": {"survivorGetsNewId": True, "tombstones": [pid, sid], "rule": "MRG-12"}}
