"""Property definitions: validate every write against them, convert values both ways.

HubSpot speaks strings (`"amount": "12.5"`, `"closedate": "2024-05-01T00:00:00.000Z"`);
the graph stores typed values (cypher/README.md): text, phone number and enumeration →
str, number → float, bool → bool, date and datetime → epoch milliseconds (int). Typed
values are what make search comparisons (`amount GT 10`, `closedate LT …`) and merge
rules (`_ts_<p>` comparisons) correct.

Definitions are read from `:PropertyDefinition` nodes once per request (Flask `g`) —
they change rarely, but tests re-seed the database between requests, so nothing is
cached across requests; `invalidate()` drops the cache when the properties API writes.
"""
from __future__ import annotations

import json
import math
from datetime import date, datetime, timezone

from app.errors import ValidationFailed, field_error
from app.repo import property_defs as repo

__all__ = ["definitions", "from_rows", "invalidate", "to_graph", "convert", "to_hubspot", "ms_to_iso", "now_ms",
           "PropertyError", "SYSTEM_KEYS", "node_key", "raise_property_errors"]

# HubSpot names whose values live in system fields of the node, not under their own name.
SYSTEM_KEYS = {"hs_object_id": "_n", "lastmodifieddate": "_updated", "hs_lastmodifieddate": "_updated"}


class PropertyError(Exception):
    """One invalid value: HubSpot's error code and message for property `name`."""

    def __init__(self, name: str, error: str, message: str):
        super().__init__(message)
        self.name, self.error, self.message = name, error, message


def now_ms() -> int:
    return int(datetime.now(timezone.utc).timestamp() * 1000)


def node_key(name: str) -> str:
    """The node property that holds HubSpot property `name` (system names map to `_n`/`_updated`)."""
    return SYSTEM_KEYS.get(name, name)


def _decode(row: dict) -> dict:
    opts = []
    for o in row.get("options") or []:
        try:
            opts.append(json.loads(o) if isinstance(o, str) else dict(o))
        except ValueError:
            continue
    return {**row, "options": opts, "optionValues": {o.get("value") for o in opts}}


def definitions(tx, object_type: str) -> dict[str, dict]:
    """`{name: definition}` for `object_type`, cached for the current request only."""
    cache = _cache()
    if cache is not None and object_type in cache:
        return cache[object_type]
    defs = from_rows([r["definition"] for r in repo.for_type(tx, object_type)])
    if cache is not None:
        cache[object_type] = defs
    return defs


def from_rows(rows: list[dict]) -> dict[str, dict]:
    """`{name: definition}` from `:PropertyDefinition` maps a caller read inside a larger
    statement (activity logging reads them with its facts: one round trip fewer)."""
    return {r["name"]: _decode(r) for r in rows}


def _cache() -> dict | None:
    try:
        from flask import g, has_request_context
    except ImportError:  # pragma: no cover - flask is a dependency
        return None
    if not has_request_context():
        return None
    if "property_defs" not in g:
        g.property_defs = {}
    return g.property_defs


def invalidate(object_type: str | None = None) -> None:
    """Forget cached definitions (after the properties or schemas API changed them)."""
    cache = _cache()
    if cache is None:
        return
    if object_type is None:
        cache.clear()
    else:
        cache.pop(object_type, None)


# ---------------------------------------------------------------- HubSpot → graph

def _parse_ms(value, name: str, kind: str) -> int:
    """Epoch ms (int or digit string) or ISO-8601 (date or date-time; naive = UTC) → epoch ms."""
    if isinstance(value, bool):
        raise PropertyError(name, "INVALID_DATE", f"{value!r} is not a valid {kind} for property \"{name}\"")
    if isinstance(value, (int, float)) and math.isfinite(value):
        return int(value)
    text = str(value).strip()
    if text.lstrip("-").isdigit():
        return int(text)
    try:
        if len(text) == 10:
            parsed = datetime.combine(date.fromisoformat(text), datetime.min.time(), timezone.utc)
        else:
            parsed = datetime.fromisoformat(text.replace("z", "Z"))
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=timezone.utc)
    except ValueError:
        raise PropertyError(name, "INVALID_DATE" if kind == "date" else "INVALID_DATETIME",
                            f"{text!r} is not a valid {kind}: use epoch milliseconds or ISO-8601") from None
    return int(parsed.timestamp() * 1000)


def convert(defn: dict, value, *, skip_options: bool = False):
    """One HubSpot value → its graph value (None clears the property), or `PropertyError`."""
    name, kind = defn["name"], defn.get("type", "string")
    if value is None or (isinstance(value, str) and value == ""):
        return None
    if isinstance(value, (dict, list)):
        raise PropertyError(name, "INVALID_VALUE", f"Property \"{name}\" needs a string value, not {type(value).__name__}")
    if kind == "number":
        if isinstance(value, bool):
            raise PropertyError(name, "INVALID_NUMBER", f"{value!r} is not a valid number")
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise PropertyError(name, "INVALID_NUMBER", f"{value!r} is not a valid number") from None
        if not math.isfinite(number):
            raise PropertyError(name, "INVALID_NUMBER", f"{value!r} is not a valid number")
        return number
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text not in ("true", "false"):
            raise PropertyError(name, "INVALID_BOOLEAN", f"{value!r} is not a valid boolean: use true or false")
        return text == "true"
    if kind in ("date", "datetime"):
        ms = _parse_ms(value, name, kind)
        if kind == "date" and ms % 86_400_000:
            raise PropertyError(name, "INVALID_DATE",
                                f"{value!r} is not midnight UTC: date properties hold whole days")
        return ms
    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    if kind == "enumeration" and not skip_options:
        allowed = defn.get("optionValues") or set()
        parts = text.split(";") if defn.get("fieldType") == "checkbox" else [text]
        bad = [p for p in parts if p not in allowed]
        if bad:
            raise PropertyError(name, "INVALID_OPTION",
                                f"{bad[0]!r} was not one of the allowed options: {sorted(allowed)}")
    return text


def raise_property_errors(problems: list[PropertyError], prefix: str = "properties") -> None:
    """Raise HubSpot's 400 for invalid property values (message lists every problem)."""
    if not problems:
        return
    detail = [{"isValid": False, "message": p.message, "error": p.error, "name": p.name} for p in problems]
    raise ValidationFailed("Property values were not valid: " + json.dumps(detail, separators=(",", ":")),
                           [field_error(f"{prefix}.{p.name}", p.message, p.error) for p in problems],
                           sub_category="PROPERTY_VALIDATION")


def to_graph(defs: dict[str, dict], properties: dict, *, allow_read_only: bool = False,
             skip_options: frozenset | set = frozenset()) -> dict:
    """Validate a `{name: string|null}` map and return `{name: graph value}`.

    Every problem is reported at once (HubSpot lists them all), and nothing is written by
    the caller when this raises.
    """
    problems: list[PropertyError] = []
    out: dict = {}
    if not isinstance(properties, dict):
        raise ValidationFailed("properties must be an object", [field_error("properties", "must be an object")])
    for name, value in properties.items():
        defn = defs.get(name)
        if defn is None:
            problems.append(PropertyError(name, "PROPERTY_DOESNT_EXIST", f"Property \"{name}\" does not exist"))
            continue
        if defn.get("readOnly") and not allow_read_only:
            problems.append(PropertyError(name, "READ_ONLY_VALUE",
                                          f"\"{name}\" is a read only property; its value cannot be set."))
            continue
        try:
            out[name] = convert(defn, value, skip_options=name in skip_options)
        except PropertyError as exc:
            problems.append(exc)
    raise_property_errors(problems)
    return out


# ---------------------------------------------------------------- graph → HubSpot

def ms_to_iso(ms: int | float | None) -> str | None:
    """Epoch ms → `2024-05-01T12:00:00.000Z` (HubSpot's timestamp format)."""
    if ms is None:
        return None
    secs, rem = divmod(int(ms), 1000)
    return datetime.fromtimestamp(secs, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{rem:03d}Z"


def _number(value) -> str:
    number = float(value)
    if number.is_integer() and abs(number) < 1e16:
        return str(int(number))
    return repr(number)


def to_hubspot(defn: dict | None, value) -> str | None:
    """A graph value → HubSpot's string (None stays None)."""
    if value is None:
        return None
    kind = (defn or {}).get("type")
    if isinstance(value, bool):
        return "true" if value else "false"
    if kind == "datetime":
        return ms_to_iso(value)
    if kind == "date":
        return datetime.fromtimestamp(int(value) // 1000, timezone.utc).strftime("%Y-%m-%d")
    if kind == "number" or (kind is None and isinstance(value, float)):
        return _number(value)
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)
