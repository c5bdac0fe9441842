"""Who is calling: bearer tokens → users, and the role checks, in one place.

HubSpot-shaped answers: no or unknown token → 401 INVALID_AUTHENTICATION; a read-only seat
that tries to write, or a non-super-admin changing settings → 403.
"""
from __future__ import annotations

import time

from flask import current_app, g, request

from app.errors import Forbidden, Unauthorized
from app.repo import users

__all__ = ["init_app", "current_user", "require_super_admin", "require_full_seat"]

# POST routes that only read: a read-only seat may call them.
_READ_ONLY_POSTS = ("/search", "/batch/read", "/preview", "/explain", "/dry-run", "/query")
_PUBLIC = ("/openapi.json", "/health")


def _lookup(token: str) -> dict | None:
    cache = current_app.extensions.setdefault("token_cache", {})
    hit = cache.get(token)
    now = time.monotonic()
    if hit and hit[1] > now:
        return hit[0]
    db = current_app.extensions["neo4j"]
    user = db.read(users.by_token, token)
    if user:
        cache[token] = (user, now + current_app.config["TOKEN_CACHE_SECONDS"])
    return user


def _authenticate():
    path = request.path
    if not (path.startswith("/crm/") or path.startswith("/crmgraph/")):
        return None
    header = request.headers.get("Authorization", "")
    token = header[7:].strip() if header.lower().startswith("bearer ") else ""
    user = _lookup(token) if token else None
    if not user:
        raise Unauthorized("Authentication credentials not found. This API supports OAuth 2.0 authentication "
                           "and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview")
    g.user = user
    writes = request.method in ("POST", "PUT", "PATCH", "DELETE") and not path.endswith(_READ_ONLY_POSTS)
    if writes and user["seat"] == "read_only":
        raise Forbidden("This user has a read-only seat and cannot change CRM data.",
                        sub_category="READ_ONLY_SEAT")
    return None


def init_app(app) -> None:
    app.before_request(_authenticate)


def current_user() -> dict | None:
    """The authenticated user of this request (None outside a request)."""
    return g.get("user")


def require_super_admin() -> dict:
    """403 unless the caller is a super admin (ACT-5 settings and other account settings)."""
    user = current_user()
    if not user or not user.get("superAdmin"):
        raise Forbidden("Only super admins can change these settings.", sub_category="SUPER_ADMIN_REQUIRED")
    return user


def require_full_seat() -> dict:
    """403 for read-only seats (LOG-4: they cannot log email by BCC or forwarding)."""
    user = current_user()
    if not user or user.get("seat") == "read_only":
        raise Forbidden("Users with a read-only seat cannot do this.", sub_category="READ_ONLY_SEAT")
    return user
