"""Errors with HubSpot's error body, raised anywhere and rendered in one place.

HubSpot's body: `{"status":"error","message","correlationId","category","errors":[{"message","in","code"}],"context"}`.
Every 4xx names the field (`errors[].in`) when one is to blame. A 500 says nothing of
internals: the detail goes to the log under the same correlation id.
"""
from __future__ import annotations

import logging
import uuid

from flask import jsonify
from werkzeug.exceptions import HTTPException

__all__ = ["AppError", "BadRequest", "ValidationFailed", "NotFound", "Conflict", "Unauthorized",
           "Forbidden", "LimitExceeded", "register_error_handlers", "field_error"]

log = logging.getLogger(__name__)


def field_error(field: str, message: str, code: str = "INVALID") -> dict:
    """One entry of `errors[]`: which field, what is wrong."""
    return {"message": message, "in": field, "code": code}


class AppError(Exception):
    """Root of our errors. `status` and `category` pick the HTTP status and HubSpot category."""

    status = 400
    category = "VALIDATION_ERROR"

    def __init__(self, message: str, errors: list[dict] | None = None, context: dict | None = None,
                 sub_category: str | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or []
        self.context = context
        self.sub_category = sub_category

    def body(self, correlation_id: str) -> dict:
        body = {"status": "error", "message": self.message, "correlationId": correlation_id,
                "category": self.category}
        if self.sub_category:
            body["subCategory"] = self.sub_category
        if self.context:
            body["context"] = self.context
        if self.errors:
            body["errors"] = self.errors
        return body


class BadRequest(AppError):
    """Malformed request (bad JSON, wrong shape)."""


class ValidationFailed(AppError):
    """Well-formed but invalid: unknown property, wrong type, unknown label…"""


class LimitExceeded(AppError):
    """An association or batch limit would be passed; nothing was written."""


class NotFound(AppError):
    status = 404
    category = "OBJECT_NOT_FOUND"


class Conflict(AppError):
    status = 409
    category = "CONFLICT"


class Unauthorized(AppError):
    status = 401
    category = "INVALID_AUTHENTICATION"


class Forbidden(AppError):
    status = 403
    category = "MISSING_SCOPES"


def _respond(err: AppError):
    cid = str(uuid.uuid4())
    resp = jsonify(err.body(cid))
    resp.status_code = err.status
    resp.headers["X-HubSpot-Correlation-Id"] = cid
    return resp


def _from_webargs(exc: HTTPException) -> AppError:
    """flask-smorest's 422 (marshmallow messages by location) → HubSpot 400 naming fields."""
    messages = (getattr(exc, "data", None) or {}).get("messages") or {}
    errors = []

    def walk(prefix, value):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(f"{prefix}.{k}" if prefix else str(k), v)
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            errors.append(field_error(prefix, "; ".join(value)))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(f"{prefix}[{i}]", v)
        else:
            errors.append(field_error(prefix, str(value)))

    for _location, fields in messages.items():
        walk("", fields)
    summary = "; ".join(f"{e['in']}: {e['message']}" for e in errors) or "Invalid input"
    return ValidationFailed(f"Invalid input JSON on line 1: {summary}" if errors else summary, errors)


def register_error_handlers(app) -> None:
    """Every error leaves as HubSpot's body; nothing else does."""

    @app.errorhandler(AppError)
    def _app_error(err: AppError):
        return _respond(err)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        if exc.code == 422:
            return _respond(_from_webargs(exc))
        if exc.code == 400:
            return _respond(BadRequest("Invalid input JSON: the request body is not valid JSON.",
                                       [field_error("body", "malformed JSON", "INVALID_JSON")]))
        err = AppError(exc.description or exc.name)
        err.status = exc.code or 500
        err.category = {404: "OBJECT_NOT_FOUND", 405: "VALIDATION_ERROR", 415: "VALIDATION_ERROR"}.get(
            exc.code, "VALIDATION_ERROR")
        if exc.code == 404:
            err.message = "Resource not found."
        return _respond(err)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        cid = str(uuid.uuid4())
        log.exception("unhandled error, correlationId=%s", cid)
        resp = jsonify({"status": "error", "message": "Internal error.", "correlationId": cid,
                        "category": "INTERNAL_ERROR"})
        resp.status_code = 500
        return resp
