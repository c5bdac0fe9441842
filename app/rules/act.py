"""Logging an activity on a record, with auto-association (ACT-1 … ACT-5), preview and explain.

`log_activity` is one unit of work (`db.write(lambda tx: log_activity(tx, ...))`): it reads
the facts (the record, the ACT-5 setting, the thread's first email, the conversation),
lets `act_policy.decide` pick the rule, creates the activity through `records.create`,
looks up the related records with static-relationship queries (`cypher/act/*_related`)
and associates everything through `associations.associate_many`, every edge carrying its
provenance `{rule, by, at}`. The edge to the record the activity is logged on is stamped
`ACT-1`. A failure anywhere rolls the whole thing back.

ACT-2: this is the only place auto-association happens; nothing re-runs it later, so a
contact's new company (ACT-4d), new deals or changed settings never touch past activities.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

from app.errors import LimitExceeded, NotFound, ValidationFailed, field_error
from app.objecttypes import ObjectType
from app.repo import activities as repo
from app.repo import associations as assoc_repo
from app.rules import act_settings, associations, records
from app.rules.act_policy import SOURCES, Plan, decide

__all__ = ["log_activity", "preview", "explain", "resolve_record", "resolve_activity_type", "Related",
           "RULE_TEXT", "LOGGED_ON_RULE", "activity_records", "record_name"]

LOGGED_ON_RULE = "ACT-1"
# What each provenance rule means, for explain.
RULE_TEXT = {
    "ACT-1": "The activity was logged on this record.",
    "ACT-3": "Auto-associated when the activity was logged: a related record of the record it was logged on.",
    "ACT-4a": "Auto-associated because the first email of the thread was associated with this record.",
    "ACT-4c": "Auto-associated because the conversation is associated with this record.",
    "ACT-4f": "Auto-associated when a sequence created the call, email or meeting (ACT-3 associations).",
    "ACT-5": "Auto-associated by a custom auto-association setting.",
    "ACT-8": "Added from an associated record's timeline when this deal or ticket was created.",
    "manual": "Associated by hand.",
    "API": "Associated through the CRM API (objects v3 / associations v4).",
}


@dataclass(frozen=True)
class Related:
    """One record an activity is (to be) associated with, and the rule that picked it."""

    object_type: str
    object_id: str
    rule: str

    def to_dict(self) -> dict:
        return {"objectType": self.object_type, "id": self.object_id, "rule": self.rule}


def _now() -> int:
    return int(time.time() * 1000)


def resolve_activity_type(tx, name: str) -> ObjectType:
    """An activity type from `type` (notes, calls, emails …); 400 naming `type` otherwise."""
    t = records.resolve_type(tx, name) if name else None
    if t is None or not t.is_activity:
        raise ValidationFailed(f"{name!r} is not an activity type.",
                               [field_error("type", "must be calls, emails, meetings, notes, tasks, communications "
                                                    "or postal_mail", "INVALID_OBJECT_TYPE")])
    return t


def resolve_record(tx, object_type: str, object_id: str) -> tuple[ObjectType, str]:
    """(type, live id) of a record: merged-away ids resolve to the survivor; 404 if missing."""
    t = records.resolve_type(tx, object_type)
    if t.is_activity:
        raise ValidationFailed("Activities are logged on records (contacts, companies, deals, tickets, custom "
                               "objects).", [field_error("recordType", f"{t.name} is an activity type")])
    row = assoc_repo.find_objects(tx, [str(object_id)]).get(str(object_id))
    if not row or row["resolved"] is None or row["archived"] or row["type"] != t.name:
        raise NotFound("Object not found.  objectId are usually numeric.",
                       [field_error("recordId", f"no {t.name} record {object_id}")], context={"id": [str(object_id)]})
    return t, row["resolved"]


def _check_source(source: str) -> None:
    if source not in SOURCES:
        raise ValidationFailed(f"Unknown activity source {source!r}.",
                               [field_error("source", f"must be one of {', '.join(SOURCES)}", "INVALID_OPTION")])


def _plan(tx, rt: ObjectType, record_id: str, at: ObjectType, source: str, *, thread_id, conversation_id,
          channel, exclude_id) -> tuple[Plan, dict | None, dict | None]:
    """Read the facts and decide: (plan, thread's first email, conversation)."""
    first = repo.thread_first_email(tx, thread_id, exclude_id) if thread_id and at.name == "emails" else None
    conversation = None
    if conversation_id:
        conversation = repo.conversation_records(tx, conversation_id)
        if conversation is None:
            raise NotFound(f"Conversation {conversation_id} not found.",
                           [field_error("conversationId", f"no conversation {conversation_id}")])
    setting = act_settings.for_activity(tx, rt.name, at.name, source)
    plan = decide(at.name, source, rt.name, thread_has_first=first is not None,
                  in_conversation=conversation is not None, channel=channel, setting=setting)
    return plan, first, conversation


def _related(tx, plan: Plan, rt: ObjectType, record_id: str, first: dict | None,
             conversation: dict | None) -> list[Related]:
    """The logged-on record first, then what the plan adds, each record once."""
    out = [Related(rt.name, record_id, LOGGED_ON_RULE)]
    found: list[tuple[str, str]] = []
    if plan.thread and first:
        found += [(r["type"], r["id"]) for r in first["records"] if r.get("id")]
    if plan.conversation and conversation:
        found += [(r["type"], r["id"]) for r in conversation["records"]]
    if rt.name == "contacts" and (plan.company or plan.deals or plan.tickets):
        row = repo.contact_related(tx, record_id, with_company=plan.company, deals=plan.deals,
                                   tickets=plan.tickets) or {}
        found += [("companies", row["company_id"])] if row.get("company_id") else []
        found += [("deals", i) for i in row.get("deal_ids") or []]
        found += [("tickets", i) for i in row.get("ticket_ids") or []]
    elif rt.name in ("deals", "tickets") and (plan.company or plan.contacts):
        lookup = repo.deal_related if rt.name == "deals" else repo.ticket_related
        key = "deal_id" if rt.name == "deals" else "ticket_id"
        row = lookup(tx, **{key: record_id}, with_company=plan.company, contacts=plan.contacts) or {}
        found += [("companies", row["company_id"])] if row.get("company_id") else []
        found += [("contacts", i) for i in row.get("contact_ids") or []]
    seen = {(rt.name, record_id)}
    for object_type, object_id in found:
        if (object_type, object_id) not in seen:
            seen.add((object_type, object_id))
            out.append(Related(object_type, object_id, plan.rule))
    return out


def preview(tx, record_type: str, record_id: str, activity_type: str, source: str, *, thread_id=None,
            conversation_id=None, channel=None) -> dict:
    """Which records an activity logged here now would be associated with, and by which rule.
    Reads only (run it in `db.read`)."""
    _check_source(source)
    at = resolve_activity_type(tx, activity_type)
    rt, rid = resolve_record(tx, record_type, record_id)
    plan, first, conversation = _plan(tx, rt, rid, at, source, thread_id=thread_id,
                                      conversation_id=conversation_id, channel=channel, exclude_id=None)
    related = _related(tx, plan, rt, rid, first, conversation)
    return {"rule": plan.rule, "reason": plan.reason, "loggedOn": {"objectType": rt.name, "id": rid},
            "results": [r.to_dict() for r in related]}


def _associate_all(tx, at: ObjectType, activity_id: str, related: list[Related], by,
                   now: int) -> tuple[list[dict], list[dict]]:
    """Associate the activity with every related record, grouped by (type, rule): one batch each.

    ACT-7: a limit passed by an auto-associated record (the activity's cap for that type, or
    the record's own cap) drops that record and is reported as skipped; a limit passed by the
    record the activity is logged on refuses the whole log (400, nothing written).
    """
    groups: dict[tuple[str, str], list[str]] = {}
    for r in related:
        groups.setdefault((r.object_type, r.rule), []).append(r.object_id)
    written, skipped = [], []
    for (object_type, rule), ids in groups.items():
        provenance = {"rule": rule, "by": by, "at": now}
        while ids:
            pairs = [associations.Pair(activity_id, i, []) for i in ids]
            try:
                results, _ = associations.associate_many(tx, at, object_type, pairs, provenance=provenance)
            except LimitExceeded as exc:
                if rule == LOGGED_ON_RULE:
                    raise
                culprit = ((exc.context or {}).get("id") or [None])[0]
                drop = culprit if culprit in ids else ids[-1]
                ids = [i for i in ids if i != drop]
                skipped.append({"objectType": object_type, "id": drop, "rule": rule, "reason": exc.message})
                continue
            written += [{"objectType": object_type, "id": r["toId"], "typeIds": r["typeIds"], "rule": rule,
                         "by": by, "at": now} for r in results]
            break
    return written, skipped


def log_activity(tx, record_type: str, record_id: str, activity_type: str, properties: dict, *, source: str,
                 activity_id: str, user: dict | None = None, thread_id: str | None = None,
                 conversation_id: str | None = None, now: int | None = None) -> dict:
    """Create an activity logged on a record and auto-associate it (ACT-3/4/5), atomically.

    Returns `{"activity", "rule", "reason", "loggedOn", "associations": [{objectType, id,
    typeIds, rule, by, at}], "skipped": [...]}`. `activity_id` comes from the id allocator,
    outside the transaction, so a retried transaction writes the same activity.
    """
    _check_source(source)
    now = now or _now()
    at = resolve_activity_type(tx, activity_type)
    rt, rid = resolve_record(tx, record_type, record_id)
    if thread_id and at.name != "emails":
        raise ValidationFailed("Only emails belong to threads.", [field_error("threadId", "only for type emails")])
    props = dict(properties or {})
    props.setdefault("hs_timestamp", str(now))
    channel = props.get("hs_communication_channel_type")
    plan, first, conversation = _plan(tx, rt, rid, at, source, thread_id=thread_id,
                                      conversation_id=conversation_id, channel=channel, exclude_id=activity_id)
    by = str(user["id"]) if user and user.get("id") is not None else None
    activity = records.create(tx, at, props, object_id=activity_id, user=user, source=source, now=now)
    # HubSpot answers a create with the properties that were set; records.create gives the defaults.
    activity = records.get_many(tx, at, [activity_id], properties=list(props))[0] or activity
    if thread_id:
        repo.link_thread(tx, thread_id, activity_id, now)
    if conversation_id:
        repo.link_conversation(tx, conversation_id, activity_id)
    related = _related(tx, plan, rt, rid, first, conversation)
    written, skipped = _associate_all(tx, at, activity_id, related, by, now)
    repo.mark_logged(tx, activity_id, rt.name, rid, plan.rule, plan.reason, by)
    return {"activity": activity, "rule": plan.rule, "reason": plan.reason,
            "loggedOn": {"objectType": rt.name, "id": rid}, "associations": written, "skipped": skipped}


def record_name(fields: dict) -> str | None:
    full = " ".join(x for x in (fields.get("firstname"), fields.get("lastname")) if x)
    return fields.get("name") or fields.get("dealname") or fields.get("subject") or full or \
        fields.get("email") or fields.get("domain")


def activity_records(tx, activity_id: str) -> tuple[dict, list[dict]]:
    """(meta, every associated record with provenance); 404 if `activity_id` is no activity."""
    meta = repo.activity_meta(tx, activity_id)
    if meta is None or meta["archived"]:
        raise NotFound(f"Activity {activity_id} not found.", [field_error("activityId", f"no activity {activity_id}")],
                       context={"id": [str(activity_id)]})
    rows = [{"objectType": r["objectType"], "id": r["id"], "name": record_name(r["fields"] or {}),
             "typeIds": r["typeIds"], "rule": r["rule"], "by": r["by"], "at": r["at"]}
            for r in repo.activity_records(tx, activity_id)]
    return meta, rows


def explain(tx, activity_id: str, object_type: str | None = None, object_id: str | None = None) -> dict:
    """Why is this activity associated with each record (or with one record): rule, by, at."""
    meta, rows = activity_records(tx, activity_id)
    if object_id is not None:
        rows = [r for r in rows if r["id"] == str(object_id) and (object_type is None or r["objectType"] ==
                                                                  records.resolve_type(tx, object_type).name)]
        if not rows:
            raise NotFound(f"Activity {activity_id} is not associated with {object_type or 'record'} {object_id}.",
                           [field_error("objectId", f"not associated with {object_id}")])
    for r in rows:
        r["reason"] = RULE_TEXT.get(r["rule"] or "", f"Made by {r['rule']}." if r["rule"] else
                                    "Made before provenance was recorded.")
        if r["rule"] == meta["rule"] and meta["reason"]:
            r["reason"] = meta["reason"]
    logged_on = {"objectType": meta["loggedOnType"], "id": meta["loggedOnId"]} if meta["loggedOnId"] else None
    return {"activityId": meta["id"], "activityType": meta["type"], "source": meta["source"], "loggedOn": logged_on,
            "decision": {"rule": meta["rule"], "reason": meta["reason"]} if meta["rule"] else None,
            "results": rows}
