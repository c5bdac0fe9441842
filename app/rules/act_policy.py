"""Which records an activity is auto-associated with (ACT-3, ACT-4a–f, ACT-5) — pure decisions.

No database here: `decide` gets the facts a logging call has (activity type, source, the
type of the record it is logged on, whether its thread already has a first email, whether
it belongs to a conversation, the matching custom settings) and returns a `Plan` saying
which related records to look up and which rule to stamp on their edges. `app.rules.act`
then runs the lookups and writes the edges in one transaction.

Precedence, first match wins (docs/activities.md explains why):

1. ACT-4c — email or WhatsApp message from the conversations inbox: the sender contact and
   the conversation's records, nothing else. Data-driven, never overridden by settings.
2. ACT-4a — email reply from a desktop client (sales extension / add-in, Gmail extension,
   reply tracking) in a thread that already has a first email: that email's records.
   Data-driven, never overridden by settings.
3. ACT-5 — a custom setting for exactly this activity type *and* source (overrides the
   built-in defaults of 4b, 4e, 4f as well as ACT-3).
4. ACT-4b / ACT-4e / ACT-4f (tasks) — only the record the activity is logged on.
5. ACT-5 — a wildcard setting (`*` type and/or source) for the logged-on object type.
6. ACT-4f (sequence calls, emails, meetings) / ACT-3 — the built-in default for the
   logged-on object type.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

__all__ = ["SOURCES", "THREAD_SOURCES", "LOGGED_ON_TYPES", "Setting", "Plan", "DEFAULTS", "decide",
           "setting_keys", "pick_setting", "MAX_DEALS", "MAX_TICKETS", "MAX_CONTACTS"]

# Where an activity was created (SPEC vocabulary, cypher/README.md).
SOURCES = ("CRM_UI", "API", "DESKTOP_CLIENT", "MOBILE_APP", "CONVERSATIONS_INBOX", "GMAIL_EXTENSION",
           "SEQUENCE", "BCC", "FORWARDING", "REPLY_TRACKING", "WORKFLOW", "IMPORT")
# Sources whose email replies follow their thread (ACT-4a; RPL-2 for reply tracking). The Gmail
# Chrome extension is HubSpot's sales extension for Gmail, i.e. a desktop client too.
THREAD_SOURCES = frozenset({"DESKTOP_CLIENT", "GMAIL_EXTENSION", "REPLY_TRACKING"})
LOGGED_ON_TYPES = ("contacts", "companies", "deals", "tickets")
MAX_DEALS = 5
MAX_TICKETS = 5
MAX_CONTACTS = 50
WILDCARD = "*"


@dataclass(frozen=True)
class Setting:
    """What to add to an activity logged on a `logged_on` record (ACT-5; also the defaults).

    - `company`: "primary" (the logged-on record's primary company) or "none";
    - `deals` / `tickets`: N most recently created open deals / tickets of a contact (0–5);
    - `contacts`: N most recently created contacts of a deal or ticket (0–50).
    """

    logged_on: str
    activity_type: str = WILDCARD
    source: str = WILDCARD
    company: str = "none"
    deals: int = 0
    tickets: int = 0
    contacts: int = 0

    @property
    def key(self) -> str:
        return f"{self.logged_on}|{self.activity_type}|{self.source}"

    def to_dict(self) -> dict:
        return {"loggedOn": self.logged_on, "activityType": self.activity_type, "source": self.source,
                "company": self.company, "deals": self.deals, "tickets": self.tickets, "contacts": self.contacts}

    @classmethod
    def from_dict(cls, d: dict) -> "Setting":
        return cls(d["loggedOn"], d.get("activityType") or WILDCARD, d.get("source") or WILDCARD,
                   d.get("company") or "none", int(d.get("deals") or 0), int(d.get("tickets") or 0),
                   int(d.get("contacts") or 0))


# Built-in defaults per logged-on object type. Contacts: ACT-3 as the article states it.
# Companies, deals, tickets: SPEC is silent; our choice (docs/activities.md, "Defaults").
DEFAULTS: dict[str, Setting] = {
    "contacts": Setting("contacts", company="primary", deals=5),
    "deals": Setting("deals", company="primary", contacts=10),
    "tickets": Setting("tickets", company="primary", contacts=10),
    "companies": Setting("companies"),
}


@dataclass(frozen=True)
class Plan:
    """The decision for one activity: the rule, why, and what to look up."""

    rule: str
    reason: str
    company: bool = False
    deals: int = 0
    tickets: int = 0
    contacts: int = 0
    thread: bool = False        # ACT-4a: copy the thread's first email's records
    conversation: bool = False  # ACT-4c: the conversation's records
    setting: Setting | None = None

    @property
    def adds_nothing(self) -> bool:
        return not (self.company or self.deals or self.tickets or self.contacts or self.thread or self.conversation)


def setting_keys(logged_on: str, activity_type: str, source: str) -> list[str]:
    """Candidate setting keys, most specific first."""
    return [f"{logged_on}|{t}|{s}" for t, s in ((activity_type, source), (activity_type, WILDCARD),
                                                (WILDCARD, source), (WILDCARD, WILDCARD))]


def pick_setting(settings: list[Setting], logged_on: str, activity_type: str, source: str) -> Setting | None:
    """The most specific of `settings` that matches, or None."""
    by_key = {s.key: s for s in settings}
    for key in setting_keys(logged_on, activity_type, source):
        if key in by_key:
            return by_key[key]
    return None


def _from_setting(s: Setting, logged_on: str, rule: str, reason: str) -> Plan:
    """A plan adding what `s` says, restricted to what makes sense for the logged-on type."""
    contact = logged_on == "contacts"
    return Plan(rule, reason, company=s.company == "primary" and logged_on in ("contacts", "deals", "tickets"),
                deals=min(s.deals, MAX_DEALS) if contact else 0,
                tickets=min(s.tickets, MAX_TICKETS) if contact else 0,
                contacts=min(s.contacts, MAX_CONTACTS) if logged_on in ("deals", "tickets") else 0,
                setting=s)


def decide(activity_type: str, source: str, logged_on: str, *, thread_has_first: bool = False,
           in_conversation: bool = False, channel: str | None = None,
           setting: Setting | None = None) -> Plan:
    """The auto-association plan for an activity of `activity_type` created from `source`,
    logged on a record of type `logged_on` (see the module docstring for the precedence).

    :param thread_has_first: the email's thread already holds an earlier email (a reply).
    :param in_conversation: the message belongs to a conversations-inbox conversation.
    :param channel: `hs_communication_channel_type` of a communication (WHATS_APP, SMS …).
    :param setting: the most specific custom setting matching (logged_on, type, source).
    """
    email = activity_type == "emails"
    whatsapp = activity_type == "communications" and channel == "WHATS_APP"
    if source == "CONVERSATIONS_INBOX" and (email or whatsapp):
        return Plan("ACT-4c", "Created in the conversations inbox: associated with the contact who sent it "
                              "and the conversation's records only.", conversation=in_conversation)
    if email and source in THREAD_SOURCES and thread_has_first:
        return Plan("ACT-4a", "Email reply logged from a desktop client: associated with the same records "
                              "as the first email of its thread.", thread=True)
    exact = setting is not None and setting.activity_type == activity_type and setting.source == source
    if exact:
        return _from_setting(setting, logged_on, "ACT-5",
                             f"Custom auto-association setting for {activity_type} from {source}.")
    if email and source == "MOBILE_APP":
        return Plan("ACT-4b", "Email sent from the mobile app: associated only with the contact it was sent to.")
    if activity_type == "tasks" and source == "GMAIL_EXTENSION":
        return Plan("ACT-4e", "Task created from the Gmail Chrome extension: not associated with the "
                              "contact's company or open deals.")
    if activity_type == "tasks" and source == "SEQUENCE":
        return Plan("ACT-4f", "Task created by a sequence: associated with the contact only.")
    if setting is not None:
        return _from_setting(setting, logged_on, "ACT-5",
                             f"Custom auto-association setting ({setting.activity_type} from {setting.source}).")
    default = DEFAULTS.get(logged_on, Setting(logged_on))
    if source == "SEQUENCE" and activity_type in ("calls", "emails", "meetings"):
        return replace(_from_setting(default, logged_on, "ACT-4f",
                                     "Call, email or meeting created by a sequence: the contact's primary "
                                     "company and five most recent open deals."), setting=None)
    return replace(_from_setting(default, logged_on, "ACT-3", _default_reason(logged_on)), setting=None)


def _default_reason(logged_on: str) -> str:
    return {
        "contacts": "Default for activities logged on a contact: its primary company and its five most "
                    "recently created open deals.",
        "deals": "Default for activities logged on a deal: the deal's primary company and its contacts.",
        "tickets": "Default for activities logged on a ticket: the ticket's primary company and its contacts.",
        "companies": "Default for activities logged on a company: the company only.",
    }.get(logged_on, "Logged on a custom-object record: that record only.")
