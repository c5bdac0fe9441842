"""Activity-side storage for the ACT rules: related-record discovery, threads, conversations,
logging metadata, provenance reads, timeline pages, marketing events, ACT-5 settings.

Thin, tx-taking wrappers around `cypher/act/*.cypher`; the decisions live in
`app.rules.act_policy` / `app.rules.act`. Activities themselves are created by
`app.rules.records` and associated by `app.rules.associations`.
"""
from __future__ import annotations

from app import cypher

__all__ = ["contact_related", "deal_related", "ticket_related", "thread_first_email", "link_thread",
           "conversation_records", "create_conversation", "link_conversation", "mark_logged",
           "activity_meta", "activity_records", "timeline_page", "create_event", "past_activities",
           "settings_list", "settings_replace", "settings_for", "search_records"]


def contact_related(tx, contact_id: str, *, with_company: bool, deals: int, tickets: int) -> dict | None:
    """{company_id, deal_ids, ticket_ids} of a contact (ACT-3), None if it is no contact."""
    return cypher.run(tx, "act/contact_related", contact_id=contact_id, with_company=with_company,
                      deals=int(deals), tickets=int(tickets))


def deal_related(tx, deal_id: str, *, with_company: bool, contacts: int) -> dict | None:
    return cypher.run(tx, "act/deal_related", deal_id=deal_id, with_company=with_company, contacts=int(contacts))


def ticket_related(tx, ticket_id: str, *, with_company: bool, contacts: int) -> dict | None:
    return cypher.run(tx, "act/ticket_related", ticket_id=ticket_id, with_company=with_company,
                      contacts=int(contacts))


def thread_first_email(tx, thread_id: str, exclude_id: str | None = None) -> dict | None:
    """{email_id, records: [{type, id}]} of the thread's first email, None for an empty thread."""
    return cypher.run(tx, "act/thread_first_email", thread_id=thread_id, exclude_id=exclude_id)


def link_thread(tx, thread_id: str, email_id: str, now: int) -> None:
    cypher.run(tx, "act/link_thread", thread_id=thread_id, email_id=email_id, now=now)


def conversation_records(tx, conversation_id: str) -> dict | None:
    """{id, records: [{type, id}]}, None when the conversation does not exist."""
    return cypher.run(tx, "act/conversation_records", conversation_id=conversation_id)


def create_conversation(tx, conversation_id: str, channel: str, record_ids: list[str], now: int) -> dict:
    return cypher.run(tx, "act/conversation_create", conversation_id=conversation_id, channel=channel,
                      record_ids=list(record_ids), now=now)


def link_conversation(tx, conversation_id: str, activity_id: str) -> None:
    cypher.run(tx, "act/link_conversation", conversation_id=conversation_id, activity_id=activity_id)


def mark_logged(tx, activity_id: str, logged_on_type: str, logged_on_id: str, rule: str, reason: str,
                by: str | None) -> None:
    cypher.run(tx, "act/mark_logged", activity_id=activity_id, logged_on_type=logged_on_type,
               logged_on_id=logged_on_id, rule=rule, reason=reason, by=by)


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


def settings_for(tx, keys: list[str]) -> list[dict]:
    return [r["setting"] for r in cypher.run(tx, "act/settings_for", keys=keys)]


def search_records(tx, q: str, labels: list[str], limit: int) -> list[dict]:
    return cypher.run(tx, "act/search_records", q=q, labels=labels, limit=int(limit))
