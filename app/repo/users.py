"""Users and their API tokens."""
from __future__ import annotations

import hashlib
import secrets
import time

from app import cypher

__all__ = ["hash_token", "new_token", "create", "by_token", "list_all"]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    """A HubSpot-style private-app token (`pat-local-…`)."""
    return "pat-local-" + secrets.token_urlsafe(24)


def create(tx, user_id: str, email: str, name: str, seat: str, super_admin: bool, token: str) -> dict:
    return cypher.run(tx, "users/create", id=user_id, email=email, name=name, seat=seat,
                      super_admin=super_admin, token_hash=hash_token(token),
                      now=int(time.time() * 1000))["user"]


def by_token(tx, token: str) -> dict | None:
    row = cypher.run(tx, "users/by_token", token_hash=hash_token(token))
    return row["user"] if row else None


def list_all(tx) -> list[dict]:
    return [r["user"] for r in cypher.run(tx, "users/list")]
