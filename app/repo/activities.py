"""Activity-side storage for the ACT rules: the logging hot path (one read, one write),
conversations, provenance reads, timeline pages, marketing events, ACT-5 settings.

Thin, tx-taking wrappers around `cypher/act/*.cypher`; the decisions live in
`app.rules.act_policy` / `app.rules.act`. Logging writes the activity node and its edges in
`log_write` from rows the records and association rules built (`app.rules.records`,
`app.rules.act_edges`); everything else creates activities through `app.rules.records` and
associates them through `app.rules.associations`.
"""
from __future__ import annotations

from app import cypher

__all__ = ["LOG_WRITE", "LOG_ONE", "log_facts", "log_write", "log_one", "conversation_records", "create_conversation", "activity_meta",
           "activity_records", "timeline_page", "create_event", "past_activities", "settings_list",
           "settings_replace", "search_records"]


def log_facts(tx, record_id: str, activity_type: str, *, setting_keys: list[str], thread_id: str | None,
              exclude_id: str | None, conversation_id: str | None, deals: int, tickets: int,
              contacts: int, definition_keys: list[str]) -> dict:
    """Everything logging (or previewing) an activity reads, one row (`cypher/act/log_facts`):
    the record (`id` None when missing), settings, thread and conversation records, related
    records (at most `deals`/`tickets`/`contacts`), the activity type's association types and
    the property definitions named by `definition_keys`."""
    return cypher.run(tx, "act/log_facts", record_id=str(record_id), activity_type=activity_type,
                      setting_keys=list(setting_keys), thread_id=thread_id, exclude_id=exclude_id,
                      conversation_id=conversation_id, deals=int(deals), tickets=int(tickets),
                      contacts=int(contacts), definition_keys=list(definition_keys))


LOG_WRITE = "act/log_write"


def log_write(tx, logged_on_id: str, activity: dict, edges: list[dict], *, thread_id: str | None,
              conversation_id: str | None, now: int) -> list[str]:
    """Create the activity, its thread/conversation links and its edges (`cypher/act/log_write`);
    returns the ids of the records that got an edge — none, and nothing written, when the
    record `logged_on_id` is gone."""
    return [r["id"] for r in cypher.run(tx, LOG_WRITE, logged_on_id=logged_on_id, activity=activity, edges=edges,
                                        thread_id=thread_id, conversation_id=conversation_id, now=now)]


LOG_ONE = "act/log_one"


def log_one(tx, record_id: str, record_type: str, activity_type: str, *, setting_keys: list[str],
            definition_keys: list[str], expect: dict | None, company: bool, deals: int, tickets: int,
            contacts: int, specs: dict, rule: str, logged_on_rule: str, by: str | None, activity: dict,
            now: int) -> dict:
    """Compare-and-write logging in one statement (`cypher/act/log_one`): writes only if the
    configuration read now equals `expect`. Returns {fresh, live, id, config, linked: [{kind, id}]}."""
    return cypher.run(tx, LOG_ONE, record_id=str(record_id), record_type=record_type, activity_type=activity_type,
                      setting_keys=list(setting_keys), definition_keys=list(definition_keys), expect=expect,
                      company=bool(company), deals=int(deals), tickets=int(tickets), contacts=int(contacts),
                      specs=specs, rule=rule, logged_on_rule=logged_on_rule, by=by, activity=activity, now=now)


def conversation_records(tx, conversation_id: str) -> dict | None:
    """{id, records: [{type, id}]}, None when the conversation does not exist."""
    return cypher.run(tx, "act/conversation_records", conversation_id=conversation_id)


def create_conversation(tx, conversation_id: str, channel: str, record_ids: list[str], now: int) -> dict:
    return cypher.run(tx, "act/conversation_create", conversation_id=conversation_id, channel=channel,
                      record_ids=list(record_ids), now=now)


def activity_meta(tx, activity_id: str) -> dict | None:
    return cypher.run(tx, "act/activity_meta", activity_id=str(activity_id))


def activity_records(tx, activity_id: str) -> list[dict]:
    return cypher.run(tx, "act/activity_records", activity_id=str(activity_id))


def timeline_page(tx, record_id: str, rels: list[str], types: list[str] | None, after: tuple[int, int] | None,
                  limit: int) -> list[dict]:
    ts, n = after if after else (None, None)
    return cypher.run(tx, "act/timeline_page", record_id=record_id, rels=rels, types=types, after_ts=ts,
                      after_n=n, limit=int(limit))


def create_event(tx, *, event_id: str, event_type: str, timestamp: int, props: dict, record_id: str,
                 rel: str, now: int) -> dict | None:
    return cypher.run(tx, "act/event_create", event_id=event_id, n=int(event_id), event_type=event_type,
                      timestamp=timestamp, props=props, record_id=record_id, rel=rel, now=now)


def past_activities(tx, record_id: str, rel: str, since: int) -> list[dict]:
    return cypher.run(tx, "act/past_activities", record_id=record_id, rel=rel, since=since)


def settings_list(tx) -> list[dict]:
    return [r["setting"] for r in cypher.run(tx, "act/settings_list")]


def settings_replace(tx, rows: list[dict], by: str, now: int) -> None:
    cypher.run(tx, "act/settings_replace", rows=rows, by=by, now=now)


def search_records(tx, q: str, labels: list[str], limit: int) -> list[dict]:
    return cypher.run(tx, "act/search_records", q=q, labels=labels, limit=int(limit))
