"""Conversations of the conversations inbox, as data for ACT-4c.

A `(:Conversation {id, channel})` is associated with records (`CONVERSATION_RECORD`); a
message logged from the inbox (`source` CONVERSATIONS_INBOX, `conversationId`) joins it
(`IN_CONVERSATION`) and is associated with the sender contact and these records only.
"""
from __future__ import annotations

import time

from app.errors import NotFound, field_error
from app.repo import activities as repo
from app.rules.act import resolve_record

__all__ = ["create", "get"]


def create(tx, conversation_id: str, channel: str, record_refs: list[dict]) -> dict:
    """Create a conversation associated with `record_refs` ([{objectType, id}]); 404 naming
    `associations[i]` for a missing record, before anything is written."""
    ids = []
    for i, ref in enumerate(record_refs):
        try:
            _, rid = resolve_record(tx, ref["objectType"], ref["id"])
        except NotFound:
            raise NotFound(f"Record {ref['id']} not found.",
                           [field_error(f"associations[{i}].id", f"no {ref['objectType']} record {ref['id']}")]) \
                from None
        ids.append(rid)
    repo.create_conversation(tx, conversation_id, channel, ids, int(time.time() * 1000))
    return get(tx, conversation_id, channel)


def get(tx, conversation_id: str, channel: str | None = None) -> dict:
    row = repo.conversation_records(tx, conversation_id)
    if row is None:
        raise NotFound(f"Conversation {conversation_id} not found.",
                       [field_error("conversationId", f"no conversation {conversation_id}")])
    return {"id": row["id"], "channel": row.get("channel") or channel,
            "records": [{"objectType": r["type"], "id": r["id"]} for r in row["records"]]}
