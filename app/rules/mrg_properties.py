"""Which value each property of a merged contact gets (SPEC MRG-3 a–i, MRG-11) — pure.

No database: the repository reads both contacts into `ContactState`s (values, per-property
last-set timestamps `_ts_<p>`, histories `_hist_<p>`), `decide` returns one `Decision` per
property, and the merge writes them — or the preview shows them. Keeping the decision pure
means the preview and the merge can never disagree, and every rule is testable without Neo4j.

Rules (the default first, then the exceptions of MRG-3):
- default: the most recently set value wins (larger `_ts_<p>`; a tie keeps the primary's).
  A value beats no value: an empty property never overwrites a filled one.
- a. `email`: the primary's stays; the secondary's becomes an additional email. The history
  shows the merge as source only when the secondary's email was set more recently.
- b. `lifecyclestage`: furthest down the funnel (`seed_data.LIFECYCLE_STAGES`; `other` is off
  the funnel and ranks lowest).
- c. `createdate`: the oldest.
- d. `num_conversion_events`, `num_unique_conversion_events`: summed.
- e. `hs_marketable_status`: the most marketable (`true` beats `false`).
- f. analytics counters `hs_analytics_num_*`: summed; `hs_analytics_first_*`: the oldest.
- g. original source `hs_analytics_source*`: the oldest — taken as a group from one contact,
  so the source and its drill-downs stay consistent.
- h. email information (`hs_email_*`, opt-out included): the primary's values.
- i. `hs_legal_basis`: the most recent values of both, combined (newest first, no repeats).
- MRG-11: external-sync links (`salesforce*`): the primary's only.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.seed_data import LIFECYCLE_STAGES

__all__ = ["ContactState", "Decision", "decide", "MERGE_SOURCE", "as_text", "parse_history",
           "changed_properties"]

MERGE_SOURCE = "MERGE_CONTACTS"  # sourceType of history entries the merge writes (HubSpot: "Merge contacts")

EMAIL = "email"
ADDITIONAL_EMAILS = "hs_additional_emails"
MERGED_IDS = "hs_merged_object_ids"
LIFECYCLE = "lifecyclestage"
CREATEDATE = "createdate"
CONVERSIONS = ("num_conversion_events", "num_unique_conversion_events")
MARKETABLE = "hs_marketable_status"
LEGAL_BASIS = "hs_legal_basis"
ORIGINAL_SOURCE = ("hs_analytics_source", "hs_analytics_source_data_1", "hs_analytics_source_data_2")
# Computed by the merge itself (ids, timestamps of the write), never decided from the two sides.
SYSTEM = {"hs_object_id", "lastmodifieddate", "hs_lastmodifieddate"}

_FUNNEL = {stage: rank for rank, stage in enumerate(s for s in LIFECYCLE_STAGES if s != "other")}


@dataclass(frozen=True)
class ContactState:
    """One side of a merge as the rules see it.

    :param values: property name → stored value (None or "" = no value).
    :param ts: property name → when it was last set (epoch ms); missing = unknown (oldest).
    :param hist: property name → history entries (dicts), newest first.
    """

    id: str
    values: dict[str, Any]
    ts: dict[str, int] = field(default_factory=dict)
    hist: dict[str, list[dict]] = field(default_factory=dict)

    def has(self, name: str) -> bool:
        return _present(self.values.get(name))


@dataclass(frozen=True)
class Decision:
    """The merged value of one property and why.

    `rule` is the SPEC rule that decided it (`MRG-3`, `MRG-3a` … `MRG-11`); `source` says where
    the value came from (`primary`, `secondary`, `both` for computed values, `none`).
    `ts`/`history` are what the survivor's `_ts_<p>`/`_hist_<p>` become; `changed` says whether
    the survivor's value differs from the primary's before the merge.
    """

    name: str
    value: Any
    rule: str
    source: str
    ts: int | None
    history: list[dict]
    changed: bool

    def as_preview(self) -> dict:
        return {"value": as_text(self.value), "rule": self.rule, "source": self.source,
                "changed": self.changed}


def _present(v: Any) -> bool:
    return v is not None and v != "" and v != []


def as_text(v: Any) -> str | None:
    """A stored value as HubSpot shows it: a string (`true`, `5`, `2.5`) or None."""
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _ms(ts: Any) -> int:
    """A history timestamp (epoch ms, numeric string or ISO-8601) as epoch ms; unknown → 0."""
    if isinstance(ts, (int, float)) and not isinstance(ts, bool):
        return int(ts)
    if isinstance(ts, str) and ts:
        if ts.lstrip("-").isdigit():
            return int(ts)
        try:
            return int(datetime.fromisoformat(ts.replace("Z", "+00:00")).timestamp() * 1000)
        except ValueError:
            return 0
    return 0


def parse_history(raw: list | None) -> list[dict]:
    """`_hist_<p>` as stored (JSON strings, or dicts already) → list of dicts."""
    out = []
    for item in raw or []:
        if isinstance(item, dict):
            out.append(item)
        else:
            try:
                out.append(json.loads(item))
            except (TypeError, ValueError):
                continue
    return out


def _union_history(p: list[dict], s: list[dict]) -> list[dict]:
    """Both histories, newest first; at equal times the primary's entry comes first."""
    tagged = [(-_ms(e.get("timestamp")), 0, i, e) for i, e in enumerate(p)] + \
             [(-_ms(e.get("timestamp")), 1, i, e) for i, e in enumerate(s)]
    return [e for *_, e in sorted(tagged, key=lambda t: t[:3])]


class _Ctx:
    """Both sides plus what every rule needs to write a decision."""

    def __init__(self, primary: ContactState, secondary: ContactState, now: int, merge_ref: str | None,
                 to_text=None):
        self.p, self.s, self.now, self.merge_ref = primary, secondary, now, merge_ref
        self._to_text = to_text

    def text(self, name: str, value: Any) -> str | None:
        """A value as its history entries spell it (the property definition decides)."""
        return self._to_text(name, value) if self._to_text else as_text(value)

    def side(self, which: str) -> ContactState:
        return self.p if which == "primary" else self.s

    def merge_entry(self, name: str, value: Any) -> dict:
        return {"value": self.text(name, value), "timestamp": self.now, "sourceType": MERGE_SOURCE,
                "sourceId": self.merge_ref, "sourceLabel": "Merge contacts", "updatedByUserId": None}

    def taken(self, name: str, which: str, rule: str, history: str = "union") -> Decision:
        """The value of one side, with that side's last-set time."""
        side = self.side(which)
        value = side.values.get(name) if side.has(name) else None
        hist = self.p.hist.get(name, []) if history == "primary" else \
            _union_history(self.p.hist.get(name, []), self.s.hist.get(name, []))
        return self._finish(name, value, rule, which if _present(value) else "none", side.ts.get(name), hist)

    def computed(self, name: str, value: Any, rule: str) -> Decision:
        """A value made from both sides (a sum, a combination): set by the merge, now."""
        hist = _union_history(self.p.hist.get(name, []), self.s.hist.get(name, []))
        ts = max(self.p.ts.get(name) or 0, self.s.ts.get(name) or 0) or None
        return self._finish(name, value, rule, "both" if _present(value) else "none", ts, hist)

    def _finish(self, name, value, rule, source, ts, hist) -> Decision:
        # A history whose newest entry is not the current value would lie about who set it:
        # the merge set it, now.
        if _present(value) and (not hist or str(hist[0].get("value")) != self.text(name, value)):
            hist = [self.merge_entry(name, value), *hist]
            ts = self.now
        changed = self.text(name, value) != self.text(name, self.p.values.get(name) if self.p.has(name) else None)
        return Decision(name, value, rule, source, ts, hist, changed)


# --- the rules -------------------------------------------------------------------------------

def _most_recent(c: _Ctx, name: str) -> Decision:
    """Default of MRG-3: the most recently set value; a value beats none; ties keep the primary's."""
    if c.p.has(name) and c.s.has(name):
        which = "secondary" if (c.s.ts.get(name) or 0) > (c.p.ts.get(name) or 0) else "primary"
    else:
        which = "secondary" if c.s.has(name) else "primary"
    return c.taken(name, which, "MRG-3")


def _email(c: _Ctx) -> Decision:
    """MRG-3a: the primary's email stays (the secondary's only if the primary has none)."""
    if not c.p.has(EMAIL):
        return c.taken(EMAIL, "secondary", "MRG-3a")
    d = c.taken(EMAIL, "primary", "MRG-3a", history="primary")
    if c.s.has(EMAIL) and (c.s.ts.get(EMAIL) or 0) > (c.p.ts.get(EMAIL) or 0):
        # The secondary's email was newer: the primary's email is (re)confirmed by the merge,
        # and the history says so. Otherwise the history keeps the original source.
        return Decision(EMAIL, d.value, d.rule, d.source, c.now, [c.merge_entry(EMAIL, d.value), *d.history], False)
    return d


def split_list(v: Any) -> list[str]:
    """A `;`-joined multi-value property as a list (empties dropped)."""
    if not _present(v):
        return []
    items = v if isinstance(v, list) else str(v).split(";")
    return [str(x).strip() for x in items if str(x).strip()]


def _dedupe(items, exclude=()) -> list[str]:
    seen, out = {x.lower() for x in exclude if x}, []
    for x in items:
        if x.lower() not in seen:
            seen.add(x.lower())
            out.append(x)
    return out


def _additional_emails(c: _Ctx, primary_email: Any) -> Decision:
    """MRG-3a: the secondary's email (and its own additional emails) join the primary's."""
    items = split_list(c.p.values.get(ADDITIONAL_EMAILS)) + split_list(c.s.values.get(EMAIL)) + \
        split_list(c.s.values.get(ADDITIONAL_EMAILS))
    merged = _dedupe(items, exclude=[str(primary_email or "")])
    return c.computed(ADDITIONAL_EMAILS, ";".join(merged) or None, "MRG-3a")


def _lifecycle(c: _Ctx) -> Decision:
    """MRG-3b: the stage furthest down the funnel."""
    rank = lambda s: _FUNNEL.get(str(s.values.get(LIFECYCLE) or "").lower(), -1) if s.has(LIFECYCLE) else -2  # noqa: E731
    if not c.s.has(LIFECYCLE) or (c.p.has(LIFECYCLE) and rank(c.p) >= rank(c.s)):
        return c.taken(LIFECYCLE, "primary", "MRG-3b")
    return c.taken(LIFECYCLE, "secondary", "MRG-3b")


def _oldest_value(c: _Ctx, name: str, rule: str) -> Decision:
    """MRG-3c: the smaller value (dates as epoch ms)."""
    if c.p.has(name) and c.s.has(name):
        which = "secondary" if _ms(c.s.values[name]) < _ms(c.p.values[name]) else "primary"
    else:
        which = "secondary" if c.s.has(name) else "primary"
    return c.taken(name, which, rule)


def _oldest_set(c: _Ctx, names: tuple[str, ...] | list[str], rule: str) -> list[Decision]:
    """MRG-3g (and `hs_analytics_first_*`): the side whose value was set first, as a group."""
    lead = names[0]
    if c.p.has(lead) and c.s.has(lead):
        which = "secondary" if (c.s.ts.get(lead) or 0) < (c.p.ts.get(lead) or 0) else "primary"
    else:
        which = "secondary" if c.s.has(lead) and not c.p.has(lead) else "primary"
    return [c.taken(n, which, rule) for n in names]


def _sum(c: _Ctx, name: str, rule: str) -> Decision:
    """MRG-3d / f: both counts added (missing = 0; both missing stays empty)."""
    if not c.p.has(name) and not c.s.has(name):
        return c.taken(name, "primary", rule)
    total = sum(float(side.values[name]) for side in (c.p, c.s) if side.has(name) and _is_number(side.values[name]))
    return c.computed(name, total, rule)


def _is_number(v: Any) -> bool:
    try:
        float(v)
        return not isinstance(v, bool)
    except (TypeError, ValueError):
        return False


def _marketable(c: _Ctx) -> Decision:
    """MRG-3e: marketing beats non-marketing."""
    good = lambda s: str(s.values.get(MARKETABLE)).lower() in ("true", "marketing")  # noqa: E731
    if good(c.s) and not good(c.p):
        return c.taken(MARKETABLE, "secondary", "MRG-3e")
    if not c.p.has(MARKETABLE) and c.s.has(MARKETABLE):
        return c.taken(MARKETABLE, "secondary", "MRG-3e")
    return c.taken(MARKETABLE, "primary", "MRG-3e")


def _legal_basis(c: _Ctx) -> Decision:
    """MRG-3i: the most recent values of both records, combined (newer side first)."""
    sides = sorted((c.p, c.s), key=lambda s: -(s.ts.get(LEGAL_BASIS) or 0))
    merged = _dedupe([x for s in sides for x in split_list(s.values.get(LEGAL_BASIS))])
    return c.computed(LEGAL_BASIS, ";".join(merged) or None, "MRG-3i")


def _merged_ids(c: _Ctx) -> Decision:
    """MRG-12: every id merged into the survivor, both old ids included."""
    items = split_list(c.p.values.get(MERGED_IDS)) + split_list(c.s.values.get(MERGED_IDS)) + [c.p.id, c.s.id]
    return c.computed(MERGED_IDS, ";".join(_dedupe(items)), "MRG-12")


def _is_email_info(name: str) -> bool:
    return name.startswith("hs_email_") or name in ("hs_emailconfirmationstatus",)


def _is_sync_link(name: str) -> bool:
    return name.startswith("salesforce")


def decide(primary: ContactState, secondary: ContactState, *, now: int,
           merge_ref: str | None = None, to_text=None) -> dict[str, Decision]:
    """Every property of the merged contact, each with the rule that decided it.

    :param now: epoch ms of the merge (history entries and `_ts_` of values the merge sets).
    :param merge_ref: `sourceId` written on the merge's history entries (the merge event id).
    :param to_text: `(name, value) -> str | None`, how history entries spell a value (the
        property definitions know: dates as ISO, numbers without `.0`); default `as_text`.
    """
    c = _Ctx(primary, secondary, now, merge_ref, to_text)
    names = {n for s in (primary, secondary) for n in (*s.values, *s.ts) if not n.startswith("_")}
    out: dict[str, Decision] = {}
    out[EMAIL] = _email(c)
    out[ADDITIONAL_EMAILS] = _additional_emails(c, out[EMAIL].value)
    out[MERGED_IDS] = _merged_ids(c)
    for d in _oldest_set(c, [n for n in ORIGINAL_SOURCE if n in names] or [ORIGINAL_SOURCE[0]], "MRG-3g"):
        out[d.name] = d
    firsts = sorted(n for n in names if n.startswith("hs_analytics_first_"))
    for n in firsts:
        out[n] = _oldest_set(c, (n,), "MRG-3f")[0]
    for name in sorted(names - set(out) - SYSTEM):
        if name == LIFECYCLE:
            out[name] = _lifecycle(c)
        elif name == CREATEDATE:
            out[name] = _oldest_value(c, name, "MRG-3c")
        elif name in CONVERSIONS:
            out[name] = _sum(c, name, "MRG-3d")
        elif name == MARKETABLE:
            out[name] = _marketable(c)
        elif name.startswith("hs_analytics_num_"):
            out[name] = _sum(c, name, "MRG-3f")
        elif _is_email_info(name):
            out[name] = c.taken(name, "primary", "MRG-3h", history="primary")
        elif name == LEGAL_BASIS:
            out[name] = _legal_basis(c)
        elif _is_sync_link(name):
            out[name] = c.taken(name, "primary", "MRG-11", history="primary")
        else:
            out[name] = _most_recent(c, name)
    return {n: d for n, d in out.items() if _present(d.value) or primary.has(n) or secondary.has(n)
            or n in primary.ts or n in secondary.ts}


def changed_properties(decisions: dict[str, Decision]) -> list[str]:
    """Names whose survivor value differs from the primary's (what the merge changes)."""
    return sorted(n for n, d in decisions.items() if d.changed)
