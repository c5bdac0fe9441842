"""Contact identity beyond the id: user tokens, additional emails, subscriptions (`cypher/mrg/*`)."""
from __future__ import annotations

from app import cypher

__all__ = ["contact_by_token", "link_token", "unlink_additional_email", "subscriptions", "set_subscription"]


def contact_by_token(tx, token: str) -> str | None:
    return cypher.run(tx, "mrg/contact_by_token", token=token)


def link_token(tx, token: str, contact_id: str, now: int) -> str | None:
    """Tie a token to a contact unless it is tied already; returns the contact it identifies."""
    return cypher.run(tx, "mrg/link_token", token=token, contact_id=contact_id, now=now)


def unlink_additional_email(tx, contact_id: str, address: str) -> bool:
    return bool(cypher.run(tx, "mrg/unlink_additional_email", id=contact_id, address=address))


def subscriptions(tx, contact_id: str) -> list[dict]:
    return cypher.run(tx, "mrg/subscriptions", id=contact_id)


def set_subscription(tx, address: str, type_id: str, name: str, status: str, now: int) -> str | None:
    return cypher.run(tx, "mrg/set_subscription", address=address, type_id=type_id, name=name, status=status,
                      now=now)
