"""Which input column feeds which property: mapping files and HubSpot's export headers.

A column resolves, first match wins, to:
1. the mapping file's `columns` entry for the file (`null` there = ignore the column);
2. a HubSpot export header (`Record ID`, `First Name`, `Email`, `Associated Company IDs` …);
3. a property whose label equals the header (case-insensitive) — HubSpot exports use labels;
4. the header itself, taken as an internal property name (`firstname`, as the API uses).

Targets are property names or one of the special targets: `id` (the record id), `@type`
(an activity file's per-row activity type), `@ignore`, `@assoc:<type>` /
`@assoc_primary:<type>` (ids to associate with), and in association files `@from_type`,
`@from_id`, `@to_type`, `@to_id`, `@types`, `@primary`.

Mapping file (JSON, or TOML with the same shape)::

    {"files": [{"path": "people.csv", "type": "contacts", "key": "email",
                "columns": {"Given name": "firstname", "Notes (internal)": null}},
               {"path": "links.csv", "type": "associations"}]}
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from app import objecttypes

__all__ = ["FileSpec", "load_mapping", "infer_spec", "ColumnResolver", "HUBSPOT_COLUMNS", "KEYS",
           "ASSOCIATION_COLUMNS", "MappingError"]

# Upsert keys besides `id`: a contact is found by email, a company by domain (HubSpot's import dedupe).
KEYS = {"contacts": "email", "companies": "domain"}

_COMMON = {"record id": "id", "hs_object_id": "id", "id": "id", "object id": "id",
           "create date": "createdate",
           # read-only or not ours to set: HubSpot computes them (owners export as names, not ids)
           "last modified date": "@ignore", "last activity date": "@ignore", "contact owner": "@ignore",
           "company owner": "@ignore", "deal owner": "@ignore", "ticket owner": "@ignore",
           "activity assigned to": "@ignore", "associated company": "@ignore", "associated contact": "@ignore",
           "associated deal": "@ignore", "associated ticket": "@ignore",
           "activity date": "hs_timestamp", "activity type": "@type", "type": "@type"}
HUBSPOT_COLUMNS: dict[str, dict[str, str]] = {
    "contacts": {"first name": "firstname", "last name": "lastname", "email": "email",
                 "phone number": "phone", "mobile phone number": "mobilephone", "job title": "jobtitle",
                 "company name": "company", "website url": "website", "city": "city",
                 "state/region": "state", "country/region": "country", "street address": "address",
                 "postal code": "zip", "lifecycle stage": "lifecyclestage", "lead status": "hs_lead_status",
                 "marketing contact status": "hs_marketable_status",
                 "unsubscribed from all email": "hs_email_optout",
                 "number of form submissions": "num_conversion_events",
                 "number of pageviews": "hs_analytics_num_page_views",
                 "number of sessions": "hs_analytics_num_visits", "original source": "hs_analytics_source",
                 "legal basis for processing contact's data": "hs_legal_basis"},
    "companies": {"company name": "name", "name": "name", "company domain name": "domain",
                  "domain": "domain", "industry": "industry", "city": "city", "state/region": "state",
                  "country/region": "country", "phone number": "phone",
                  "number of employees": "numberofemployees", "annual revenue": "annualrevenue",
                  "description": "description", "street address": "address", "website url": "website"},
    "deals": {"deal name": "dealname", "amount": "amount", "close date": "closedate", "pipeline": "pipeline",
              "deal stage": "dealstage", "deal type": "dealtype", "deal description": "description"},
    "tickets": {"ticket name": "subject", "ticket description": "content", "pipeline": "hs_pipeline",
                "ticket status": "hs_pipeline_stage", "priority": "hs_ticket_priority",
                "category": "hs_ticket_category"},
}
ASSOCIATION_COLUMNS = {
    "fromobjecttype": "@from_type", "from_type": "@from_type", "from type": "@from_type",
    "fromid": "@from_id", "from_id": "@from_id", "from id": "@from_id", "fromobjectid": "@from_id",
    "toobjecttype": "@to_type", "to_type": "@to_type", "to type": "@to_type",
    "toid": "@to_id", "to_id": "@to_id", "to id": "@to_id", "toobjectid": "@to_id",
    "associationtypeid": "@types", "associationtypeids": "@types", "types": "@types", "type_ids": "@types",
    "type ids": "@types", "primary": "@primary",
}
_ASSOC_HEADER = re.compile(r"^(primary )?associated (.+?) ids?( \(primary\))?$")


class MappingError(ValueError):
    """The mapping file or a file's type cannot be understood; the message says which and why."""


@dataclass
class FileSpec:
    """One input file and how to read it."""

    path: Path
    type: str                      # an object type name, "activities" (per-row type), or "associations"
    columns: dict[str, str | None] = field(default_factory=dict)
    key: str | None = None         # upsert key besides id: "email" (contacts), "domain" (companies)
    format: str | None = None

    @property
    def is_associations(self) -> bool:
        return self.type == "associations"

    @property
    def is_activities(self) -> bool:
        t = objecttypes.try_resolve(self.type)
        return self.type == "activities" or bool(t and t.is_activity)


def _type_from_name(path: Path) -> str | None:
    stem = path.name.split(".")[0].lower()
    stem = re.sub(r"[-_ ]?(export|all|\d+)$", "", stem)
    if stem.startswith(("associations", "assoc")):
        return "associations"
    if stem.startswith(("activities", "engagements")):
        return "activities"
    t = objecttypes.try_resolve(stem) or objecttypes.try_resolve(stem.rstrip("s"))
    return t.name if t else None


def infer_spec(path: Path | str, type_: str | None = None, fmt: str | None = None) -> FileSpec:
    """A spec for a file given on the command line: `--type`, else guessed from its name."""
    path = Path(path)
    name = type_ or _type_from_name(path)
    if name is None:
        raise MappingError(f"{path.name}: cannot tell what it holds; pass --type (contacts, companies, deals, "
                           "tickets, calls, emails, meetings, notes, tasks, activities, associations or a custom "
                           "object name) or list it in a mapping file")
    return FileSpec(path, _canonical_type(name, path), {}, None, fmt)


def _canonical_type(name: str, path: Path) -> str:
    if name in ("associations", "activities"):
        return name
    t = objecttypes.try_resolve(name)
    if t is None:
        raise MappingError(f"{path.name}: unknown object type {name!r}")
    return t.name


def _parse_text(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".toml":
        import tomllib

        return tomllib.loads(text)
    try:
        return json.loads(text)
    except ValueError as exc:
        raise MappingError(f"{path}: not valid JSON ({exc})") from None


def load_mapping(path: Path | str) -> list[FileSpec]:
    """The file specs of a mapping file; relative `path`s are relative to the mapping file."""
    path = Path(path)
    doc = _parse_text(path)
    files = doc.get("files") if isinstance(doc, dict) else None
    if not isinstance(files, list) or not files:
        raise MappingError(f"{path}: needs a non-empty \"files\" list")
    specs = []
    for i, entry in enumerate(files):
        if not isinstance(entry, dict) or "path" not in entry:
            raise MappingError(f"{path}: files[{i}] needs a \"path\"")
        file_path = (path.parent / entry["path"]).resolve()
        spec = infer_spec(file_path, entry.get("type"), entry.get("format"))
        columns = entry.get("columns") or {}
        if not isinstance(columns, dict):
            raise MappingError(f"{path}: files[{i}].columns must map column → property")
        spec.columns = {str(k).strip(): v for k, v in columns.items()}
        spec.key = entry.get("key")
        if spec.key not in (None, "id", "email", "domain"):
            raise MappingError(f"{path}: files[{i}].key must be id, email or domain")
        specs.append(spec)
    return specs


class ColumnResolver:
    """Resolves a file's column names to targets once per distinct column (cached)."""

    def __init__(self, spec: FileSpec, labels: dict[str, dict[str, str]] | None = None):
        self.spec = spec
        self.labels = labels or {}   # object type → {lower-case label: property name}
        self._cache: dict[tuple[str, str], str] = {}

    def target(self, column: str, object_type: str | None = None) -> str:
        """The target of `column` for rows of `object_type` (defaults to the file's type)."""
        object_type = object_type or self.spec.type
        key = (column, object_type)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._resolve(column, object_type)
        return found

    def _resolve(self, column: str, object_type: str) -> str:
        if column in self.spec.columns:
            return self.spec.columns[column] or "@ignore"
        low = column.strip().lower()
        if self.spec.is_associations:
            return ASSOCIATION_COLUMNS.get(low, ASSOCIATION_COLUMNS.get(low.replace(" ", ""), column))
        found = HUBSPOT_COLUMNS.get(object_type, {}).get(low) or _COMMON.get(low)
        if found == "@type" and not self.spec.is_activities:
            found = None
        if found:
            return found
        m = _ASSOC_HEADER.match(low)
        if m:
            t = objecttypes.try_resolve(m.group(2)) or objecttypes.try_resolve(m.group(2).replace(" ", "_"))
            if t:
                return f"@assoc_primary:{t.name}" if (m.group(1) or m.group(3)) else f"@assoc:{t.name}"
        by_label = self.labels.get(object_type, {}).get(low)
        return by_label or column
