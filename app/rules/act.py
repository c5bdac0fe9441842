"""Logging an activity on a record, with auto-association (ACT-1 … ACT-5), preview and explain.

`log_activity` is one unit of work of two statements in the usual case — run by `log` with
`db.reads_then_write` (each statement its own auto-commit transaction: two round trips), or by a
caller inside its own write transaction:

1. `act/log_facts` reads every fact at once — the record (merged ids resolve to the survivor),
   the ACT-5 settings that could apply, the thread's first email and the conversation with
   their records, the related records any plan could want (primary company, newest open deals
   and tickets, a deal's or ticket's newest contacts; static relationship types only), the
   activity type's association types and the property definitions the new activity needs;
2. `act_policy.decide` picks the rule, `_related` cuts the related records down to the plan,
   `records.prepare_activity` validates and builds the node exactly as `records.create` would,
   `act_edges.plan_edges` gives every edge its type IDs, provenance `{rule, by, at}` and ACT-7
   limits; then `act/log_write` creates the activity (with how it was logged: `_autoRule` …),
   its thread and conversation links and every edge.

The answer is built from what was written (no re-read). Extra statements only in rare cases:
a configured per-record limit on activities (`associations/over_limit`), a custom object's first
association with this activity type (its unlabelled type is created). The edge to the record
the activity is logged on is stamped `ACT-1`. A failure anywhere writes nothing: every write is
in the one `act/log_write` statement, which also re-checks that the logged-on record exists.

ACT-2: this is the only place auto-association happens; nothing re-runs it later, so a
contact's new company (ACT-4d), new deals or changed settings never touch past activities.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

from app.errors import NotFound, ValidationFailed, field_error
from app import objecttypes
from app.objecttypes import ObjectType
from app.repo import activities as repo
from app.repo import associations as assoc_repo
from app.rules import act_settings, records
from app.rules.act_edges import one_trip_specs, plan_edges
from app.rules.act_policy import MAX_CONTACTS, MAX_DEALS, MAX_TICKETS, SOURCES, Plan, decide
from app.rules.properties import from_rows as definitions_from_rows

__all__ = ["log", "log_activity", "preview", "explain", "resolve_record", "resolve_activity_type", "Related",
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


def _record_type(tx, object_type: str) -> ObjectType:
    t = records.resolve_type(tx, object_type)
    if t.is_activity:
        raise ValidationFailed("Activities are logged on records (contacts, companies, deals, tickets, custom "
                               "objects).", [field_error("recordType", f"{t.name} is an activity type")])
    return t


def _record_not_found(t: ObjectType, object_id: str) -> NotFound:
    return NotFound("Object not found.  objectId are usually numeric.",
                    [field_error("recordId", f"no {t.name} record {object_id}")], context={"id": [str(object_id)]})


def _live_id(t: ObjectType, object_id: str, resolved: str | None, found_type: str | None, archived: bool) -> str:
    """`resolved`, the live id `object_id` answers to; 404 unless it is a live record of type `t`."""
    if resolved is None or archived or found_type != t.name:
        raise _record_not_found(t, object_id)
    return resolved


def resolve_record(tx, object_type: str, object_id: str) -> tuple[ObjectType, str]:
    """(type, live id) of a record: merged-away ids resolve to the survivor; 404 if missing."""
    t = _record_type(tx, object_type)
    row = assoc_repo.find_objects(tx, [str(object_id)]).get(str(object_id)) or {}
    return t, _live_id(t, object_id, row.get("resolved"), row.get("type"), row.get("archived"))


def _check_source(source: str) -> None:
    if source not in SOURCES:
        raise ValidationFailed(f"Unknown activity source {source!r}.",
                               [field_error("source", f"must be one of {', '.join(SOURCES)}", "INVALID_OPTION")])


def _facts(tx, rt: ObjectType, record_id: str, at: ObjectType, source: str, *, thread_id, conversation_id,
           exclude_id, properties: list[str] = ()) -> tuple[str, dict]:
    """(live record id, the `act/log_facts` row, with the definitions creating an activity with
    `properties` needs); 404 for a missing record."""
    names = records.definition_names(at, list(properties)) if properties else []
    facts = repo.log_facts(tx, record_id, at.name, setting_keys=act_settings.candidate_keys(rt.name, at.name, source),
                           thread_id=thread_id if at.name == "emails" else None, exclude_id=exclude_id,
                           conversation_id=conversation_id, deals=MAX_DEALS, tickets=MAX_TICKETS,
                           contacts=MAX_CONTACTS, definition_keys=[f"{at.name}|{n}" for n in names])
    return _live_id(rt, record_id, facts["id"], facts["type"], facts["archived"]), facts


def _check_conversation(conversation_id: str | None, facts: dict) -> None:
    if conversation_id and facts["conversation_id"] is None:
        raise NotFound(f"Conversation {conversation_id} not found.",
                       [field_error("conversationId", f"no conversation {conversation_id}")])


def _decide(rt: ObjectType, at: ObjectType, source: str, facts: dict, channel) -> Plan:
    setting = act_settings.choose(facts["settings"], rt.name, at.name, source)
    return decide(at.name, source, rt.name, thread_has_first=facts["first_email_id"] is not None,
                  in_conversation=facts["conversation_id"] is not None, channel=channel, setting=setting)


def _related(plan: Plan, rt: ObjectType, record_id: str, facts: dict) -> list[Related]:
    """The logged-on record first, then what the plan adds (from the facts), each record once."""
    out = [Related(rt.name, record_id, LOGGED_ON_RULE)]
    found: list[tuple[str, str]] = []
    if plan.thread:
        found += [(r["type"], r["id"]) for r in facts["thread_records"]]
    if plan.conversation:
        found += [(r["type"], r["id"]) for r in facts["conversation_records"]]
    if rt.name in ("contacts", "deals", "tickets") and plan.company and facts["company_id"]:
        found.append(("companies", facts["company_id"]))
    if rt.name == "contacts":
        found += [("deals", i) for i in facts["deal_ids"][:plan.deals]]
        found += [("tickets", i) for i in facts["ticket_ids"][:plan.tickets]]
    elif rt.name in ("deals", "tickets"):
        found += [("contacts", i) for i in facts["contact_ids"][:plan.contacts]]
    seen = {(rt.name, record_id)}
    for object_type, object_id in found:
        if (object_type, object_id) not in seen:
            seen.add((object_type, object_id))
            out.append(Related(object_type, object_id, plan.rule))
    return out


def preview(tx, record_type: str, record_id: str, activity_type: str, source: str, *, thread_id=None,
            conversation_id=None, channel=None) -> dict:
    """Which records an activity logged here now would be associated with, and by which rule.
    Reads only (run it in `db.read`): the same facts and decision as `log_activity`."""
    _check_source(source)
    at = resolve_activity_type(tx, activity_type)
    rt = _record_type(tx, record_type)
    rid, facts = _facts(tx, rt, record_id, at, source, thread_id=thread_id, conversation_id=conversation_id,
                        exclude_id=None)
    _check_conversation(conversation_id, facts)
    plan = _decide(rt, at, source, facts, channel)
    related = _related(plan, rt, rid, facts)
    return {"rule": plan.rule, "reason": plan.reason, "loggedOn": {"objectType": rt.name, "id": rid},
            "results": [r.to_dict() for r in related]}


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
    rt = _record_type(tx, record_type)
    props = dict(properties or {})
    props.setdefault("hs_timestamp", str(now))
    rid, facts = _facts(tx, rt, record_id, at, source, thread_id=thread_id, conversation_id=conversation_id,
                        exclude_id=activity_id, properties=list(props))
    if thread_id and at.name != "emails":
        raise ValidationFailed("Only emails belong to threads.", [field_error("threadId", "only for type emails")])
    _check_conversation(conversation_id, facts)
    plan = _decide(rt, at, source, facts, props.get("hs_communication_channel_type"))
    by = str(user["id"]) if user and user.get("id") is not None else None
    defs = definitions_from_rows(facts["definitions"])
    row = records.prepare_activity(tx, at, props, object_id=activity_id, user=user, source=source, now=now,
                                   defs=defs)
    # How it was logged, for explain (ACT-2: remembered, never recomputed).
    row["props"].update({"_loggedOnType": rt.name, "_loggedOnId": rid, "_autoRule": plan.rule,
                         "_autoReason": plan.reason, "_loggedBy": by})
    edges = plan_edges(tx, at, activity_id, _related(plan, rt, rid, facts), facts["association_types"], by=by,
                       now=now, logged_on_rule=LOGGED_ON_RULE)
    linked = repo.log_write(tx, rid, row, edges.rows, thread_id=thread_id, conversation_id=conversation_id, now=now)
    if rid not in linked:  # deleted by someone else since the facts were read: nothing stays written
        raise _record_not_found(rt, record_id)
    written = [w for w in edges.written if w["id"] in linked]
    # HubSpot answers a create with the properties that were set (and the always-returned ones).
    activity = records.created_object(at, row, defs, list(props), now)
    return {"activity": activity, "rule": plan.rule, "reason": plan.reason,
            "loggedOn": {"objectType": rt.name, "id": rid}, "associations": written, "skipped": edges.skipped}


def log(db, record_type: str, record_id: str, activity_type: str, properties: dict, *, source: str,
        activity_id: str, user: dict | None = None, thread_id: str | None = None,
        conversation_id: str | None = None) -> dict:
    """`log_activity` as its own unit of work, in as few round trips as its case allows.

    The usual case — no thread, no conversation, a contact, company, deal or ticket, no
    configured limit that could bite — is ONE statement, `act/log_one`: compare-and-write
    against the configuration this process saw last (`_log_one_trip`). Otherwise two
    (`db.reads_then_write`): `act/log_facts` in an auto-commit read, then `act/log_write` — one
    statement, so one atomic transaction — which writes nothing if the logged-on record vanished
    in between. A managed write transaction would add BEGIN and COMMIT round trips and isolate
    nothing more (Neo4j reads are read-committed). The rare log that needs another write first
    (a custom object's first association type) runs as one managed write transaction instead.
    Both paths make the same decision from the same facts (tests/rules/test_act_one_trip.py)."""
    if thread_id is None and conversation_id is None and record_type in _ONE_TRIP_TYPES:
        done = _log_one_trip(db, record_type, record_id, activity_type, properties, source=source,
                             activity_id=activity_id, user=user)
        if done is not None:
            return done
    return db.reads_then_write(
        lambda tx: log_activity(tx, record_type, record_id, activity_type, properties, source=source,
                                activity_id=activity_id, user=user, thread_id=thread_id,
                                conversation_id=conversation_id),
        final=repo.LOG_WRITE)


_ONE_TRIP_TYPES = ("contacts", "companies", "deals", "tickets")
_TYPE_KEYS = ("typeId", "category", "fromType", "toType", "label", "name", "inverseTypeId", "primary",
              "maxToObjectIds")
_STALE = object()
_MEMO_MAX = 1024  # remembered configurations per process (one per record type, activity type, source, properties)


def _most_per_type(logged_on: str, plan: Plan) -> dict[str, int]:
    """The most edges per object type `plan` can give an activity logged on a `logged_on` record
    (the logged-on record included), as `_related` picks them."""
    most = {logged_on: 1}
    if logged_on in ("contacts", "deals", "tickets") and plan.company:
        most["companies"] = 1
    if logged_on == "contacts":
        most.update(deals=plan.deals, tickets=plan.tickets)
    elif logged_on in ("deals", "tickets"):
        most["contacts"] = plan.contacts
    return {k: v for k, v in most.items() if v}


def _one_trip(tx, rt: ObjectType, at: ObjectType, record_id: str, props: dict, config: dict | None, *,
              source: str, activity_id: str, user: dict | None, now: int, keys: dict):
    """One `act/log_one` statement. With `config` None it only reads the configuration (returns
    it); otherwise it decides from `config` and writes if that is still the configuration: the
    answer, `(_STALE, configuration now)`, or None for the two-statement path."""
    if config is None:
        return _STALE, repo.log_one(tx, record_id, rt.name, at.name, **keys, expect=None, company=False, deals=0,
                                    tickets=0, contacts=0, specs={}, rule="", logged_on_rule=LOGGED_ON_RULE,
                                    by=None, activity={}, now=now)["config"]
    type_rows = [{k: t.get(k) for k in _TYPE_KEYS} for t in config["association_types"]]
    plan = decide(at.name, source, rt.name, channel=props.get("hs_communication_channel_type"),
                  setting=act_settings.choose(config["settings"], rt.name, at.name, source))
    most = _most_per_type(rt.name, plan)
    specs = None if plan.thread or plan.conversation else one_trip_specs(at, most, type_rows)
    if specs is None:
        return None
    by = str(user["id"]) if user and user.get("id") is not None else None
    defs = definitions_from_rows(config["definitions"])
    row = records.prepare_activity(tx, at, props, object_id=activity_id, user=user, source=source, now=now,
                                   defs=defs)
    row["props"].update({"_loggedOnType": rt.name, "_loggedOnId": str(record_id), "_autoRule": plan.rule,
                         "_autoReason": plan.reason, "_loggedBy": by})
    res = repo.log_one(tx, record_id, rt.name, at.name, **keys, expect=config, company="companies" in most,
                       deals=most.get("deals", 0) if rt.name == "contacts" else 0,
                       tickets=most.get("tickets", 0), contacts=most.get("contacts", 0) if rt.name != "contacts" else 0,
                       specs=specs, rule=plan.rule, logged_on_rule=LOGGED_ON_RULE, by=by, activity=row, now=now)
    if not res["fresh"]:
        return _STALE, res["config"]
    if not res["live"]:  # missing, archived or another type: the two-statement path answers the 404
        return None
    rid = res["id"]
    row["props"]["_loggedOnId"] = rid
    related = [Related(x["kind"], x["id"], LOGGED_ON_RULE if i == 0 else plan.rule)
               for i, x in enumerate(res["linked"])]
    edges = plan_edges(tx, at, activity_id, related, type_rows, by=by, now=now, logged_on_rule=LOGGED_ON_RULE)
    return {"activity": records.created_object(at, row, defs, list(props), now), "rule": plan.rule,
            "reason": plan.reason, "loggedOn": {"objectType": rt.name, "id": rid}, "associations": edges.written,
            "skipped": edges.skipped}


def _log_one_trip(db, record_type: str, record_id: str, activity_type: str, properties: dict, *, source: str,
                  activity_id: str, user: dict | None) -> dict | None:
    """`log` in one round trip, or None when this case needs `log_activity` (see `log`).

    The configuration a log depends on (the ACT-5 settings that could apply, the activity
    type's association types, the property definitions it needs) is remembered per process in
    `db.memo`, and `act/log_one` writes only if the graph still holds exactly that
    configuration — else it returns the configuration of the moment and the log is decided
    again. The first log of its kind in a process reads the configuration first (two trips)."""
    _check_source(source)
    at, rt = objecttypes.try_resolve(activity_type), objecttypes.try_resolve(record_type)
    if at is None or not at.is_activity or rt is None:  # the two-statement path answers the 400
        return None
    props = dict(properties or {})
    now = _now()
    props.setdefault("hs_timestamp", str(now))
    def_keys = [f"{at.name}|{n}" for n in records.definition_names(at, list(props))]
    keys = {"setting_keys": act_settings.candidate_keys(rt.name, at.name, source), "definition_keys": def_keys}
    memo = db.memo.setdefault(repo.LOG_ONE, {})
    memo_key = (rt.name, at.name, source, tuple(def_keys))
    for _ in range(3):
        out = db.reads_then_write(_one_trip, rt, at, str(record_id), props, memo.get(memo_key), source=source,
                                  activity_id=activity_id, user=user, now=now, keys=keys, final=repo.LOG_ONE)
        if not (isinstance(out, tuple) and out[0] is _STALE):
            return out
        if len(memo) >= _MEMO_MAX:  # keys follow the property names callers send: keep it bounded
            memo.clear()
        memo[memo_key] = out[1]
    return None  # the configuration keeps changing under us: decide from facts read in the log itself


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
