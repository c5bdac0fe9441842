"""What a new crmgraph database holds before anyone writes: HubSpot's defaults.

Pure data (no database): association type IDs exactly as in HubSpot's SDK
(`hubspot/crm/association_type.py`), default property definitions per object type, and
the default deal and ticket pipelines with HubSpot's stages. `app.schema.seed` writes
them with `cypher/seed/*.cypher`; tests re-seed after emptying the database.
"""
from __future__ import annotations

import json

__all__ = ["association_types", "property_definitions", "pipelines", "LIFECYCLE_STAGES"]

# (fromType, toType, unlabelled id, inverse unlabelled id, primary id, inverse primary id)
_RECORD_PAIRS = [
    ("contacts", "companies", 279, 280, 1, 2),
    ("deals", "companies", 341, 342, 5, 6),
    ("tickets", "companies", 339, 340, 26, 25),
    ("deals", "contacts", 3, 4, None, None),
    ("contacts", "tickets", 15, 16, None, None),
    ("deals", "tickets", 27, 28, None, None),
]
_SAME_TYPE = {"contacts": 449, "companies": 450, "deals": 451, "tickets": 452}
# engagement -> (contact, company, deal, ticket) as (forward, inverse)
_ENGAGEMENTS = {
    "calls": ((194, 193), (182, 181), (206, 205), (220, 219)),
    "emails": ((198, 197), (186, 185), (210, 209), (224, 223)),
    "meetings": ((200, 199), (188, 187), (212, 211), (226, 225)),
    "notes": ((202, 201), (190, 189), (214, 213), (228, 227)),
    "tasks": ((204, 203), (192, 191), (216, 215), (230, 229)),
    "communications": ((81, 82), (87, 88), (85, 86), (83, 84)),
    "postal_mail": ((453, 454), (459, 460), (457, 458), (455, 456)),
}

_PRIMARY_LABELS = {("contacts", "companies"): "Primary", ("companies", "contacts"): "Primary",
                   ("deals", "companies"): "Primary", ("companies", "deals"): "Primary",
                   ("tickets", "companies"): "Primary", ("companies", "tickets"): "Primary"}


def _row(type_id, from_type, to_type, inverse, label=None, name=None, primary=False):
    return {"typeId": type_id, "category": "HUBSPOT_DEFINED", "fromType": from_type, "toType": to_type,
            "label": label, "name": name or f"{from_type}_to_{to_type}".upper(), "inverseTypeId": inverse,
            "primary": primary}


def association_types() -> list[dict]:
    """Every HubSpot-defined association type, each with its inverse."""
    rows = []
    for f, t, fwd, inv, pf, pi in _RECORD_PAIRS:
        rows.append(_row(fwd, f, t, inv))
        rows.append(_row(inv, t, f, fwd))
        if pf:
            rows.append(_row(pf, f, t, pi, "Primary", f"{f}_to_{t}_primary".upper(), True))
            rows.append(_row(pi, t, f, pf, "Primary", f"{t}_to_{f}_primary".upper(), True))
    for t, type_id in _SAME_TYPE.items():
        rows.append(_row(type_id, t, t, type_id))
    rows.append(_row(13, "companies", "companies", 14, "Parent Company", "PARENT_TO_CHILD_COMPANY"))
    rows.append(_row(14, "companies", "companies", 13, "Child Company", "CHILD_TO_PARENT_COMPANY"))
    for eng, pairs in _ENGAGEMENTS.items():
        for record, (fwd, inv) in zip(("contacts", "companies", "deals", "tickets"), pairs):
            rows.append(_row(fwd, eng, record, inv))
            rows.append(_row(inv, record, eng, fwd))
    return rows


LIFECYCLE_STAGES = ["subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead",
                    "opportunity", "customer", "evangelist", "other"]


def _p(name, label, type_="string", field="text", options=None, read_only=False):
    opts = [json.dumps({"label": o.replace("_", " ").title(), "value": o, "displayOrder": i,
                        "hidden": False}) for i, o in enumerate(options or [])]
    return {"name": name, "label": label, "type": type_, "fieldType": field, "options": opts,
            "readOnly": read_only, "groupName": "default"}


_COMMON = [_p("createdate", "Create date", "datetime", "date"),
           _p("hs_object_id", "Record ID", "number", "number", read_only=True),
           _p("hubspot_owner_id", "Owner", "string", "text")]
_TEXT = lambda *names: [_p(n, n.replace("_", " ").capitalize()) for n in names]  # noqa: E731
_ACTIVITY_COMMON = [_p("hs_timestamp", "Activity date", "datetime", "date"),
                    _p("hs_attachment_ids", "Attachments")]

_DEFS = {
    "contacts": [
        _p("email", "Email"), *_TEXT("firstname", "lastname", "company", "website", "city", "state",
                                     "country", "jobtitle", "address", "zip", "salesforcecontactid",
                                     "hs_analytics_source", "hs_analytics_source_data_1", "hs_legal_basis"),
        _p("phone", "Phone number", "string", "phonenumber"),
        _p("mobilephone", "Mobile phone number", "string", "phonenumber"),
        _p("lifecyclestage", "Lifecycle stage", "enumeration", "select", LIFECYCLE_STAGES),
        _p("hs_lead_status", "Lead status", "enumeration", "select",
           ["NEW", "OPEN", "IN_PROGRESS", "OPEN_DEAL", "UNQUALIFIED", "ATTEMPTED_TO_CONTACT", "CONNECTED", "BAD_TIMING"]),
        _p("hs_marketable_status", "Marketing contact status", "enumeration", "select",
           ["true", "false"]),
        _p("hs_email_optout", "Unsubscribed from all email", "bool", "booleancheckbox"),
        _p("num_conversion_events", "Number of form submissions", "number", "number"),
        _p("num_unique_conversion_events", "Number of unique forms submitted", "number", "number"),
        _p("hs_analytics_num_page_views", "Number of pageviews", "number", "number"),
        _p("hs_analytics_num_visits", "Number of sessions", "number", "number"),
        _p("hs_additional_emails", "Additional email addresses", read_only=True),
        _p("hs_merged_object_ids", "Merged record IDs", read_only=True),
        _p("lastmodifieddate", "Last modified date", "datetime", "date", read_only=True),
    ],
    "companies": [
        *_TEXT("name", "domain", "city", "state", "country", "industry", "website", "address",
               "description", "location"),
        _p("phone", "Phone number", "string", "phonenumber"),
        _p("numberofemployees", "Number of employees", "number", "number"),
        _p("annualrevenue", "Annual revenue", "number", "number"),
        _p("hs_merged_object_ids", "Merged record IDs", read_only=True),
        _p("hs_lastmodifieddate", "Last modified date", "datetime", "date", read_only=True),
    ],
    "deals": [
        _p("dealname", "Deal name"), _p("amount", "Amount", "number", "number"),
        _p("closedate", "Close date", "datetime", "date"),
        _p("pipeline", "Pipeline", "enumeration", "select", ["default"]),
        _p("dealstage", "Deal stage", "enumeration", "select",
           ["appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin",
            "contractsent", "closedwon", "closedlost"]),
        _p("dealtype", "Deal type", "enumeration", "select", ["newbusiness", "existingbusiness"]),
        _p("description", "Deal description", "string", "textarea"),
        _p("hs_is_closed", "Is closed", "bool", "booleancheckbox", read_only=True),
        _p("hs_is_closed_won", "Is closed won", "bool", "booleancheckbox", read_only=True),
        _p("hs_is_closed_lost", "Is closed lost", "bool", "booleancheckbox", read_only=True),
        _p("hs_merged_object_ids", "Merged record IDs", read_only=True),
        _p("hs_lastmodifieddate", "Last modified date", "datetime", "date", read_only=True),
    ],
    "tickets": [
        _p("subject", "Ticket name"), _p("content", "Ticket description", "string", "textarea"),
        _p("hs_pipeline", "Pipeline", "enumeration", "select", ["0"]),
        _p("hs_pipeline_stage", "Ticket status", "enumeration", "select", ["1", "2", "3", "4"]),
        _p("hs_ticket_priority", "Priority", "enumeration", "select", ["LOW", "MEDIUM", "HIGH", "URGENT"]),
        _p("hs_ticket_category", "Category", "enumeration", "select",
           ["PRODUCT_ISSUE", "BILLING_ISSUE", "FEATURE_REQUEST", "GENERAL_INQUIRY"]),
        _p("hs_is_closed", "Is closed", "bool", "booleancheckbox", read_only=True),
        _p("hs_merged_object_ids", "Merged record IDs", read_only=True),
        _p("hs_lastmodifieddate", "Last modified date", "datetime", "date", read_only=True),
    ],
    "notes": [_p("hs_note_body", "Note body", "string", "textarea")],
    "calls": [*_TEXT("hs_call_title", "hs_call_disposition", "hs_call_recording_url"),
              _p("hs_call_body", "Call notes", "string", "textarea"),
              _p("hs_call_direction", "Call direction", "enumeration", "select", ["INBOUND", "OUTBOUND"]),
              _p("hs_call_duration", "Call duration", "number", "number"),
              _p("hs_call_status", "Call status", "enumeration", "select",
                 ["BUSY", "CALLING_CRM_USER", "CANCELED", "COMPLETED", "CONNECTING", "FAILED",
                  "IN_PROGRESS", "NO_ANSWER", "QUEUED", "RINGING"]),
              _p("hs_call_from_number", "From number", "string", "phonenumber"),
              _p("hs_call_to_number", "To number", "string", "phonenumber")],
    "emails": [*_TEXT("hs_email_subject", "hs_email_headers", "hs_email_from_email", "hs_email_to_email",
                      "hs_email_cc_email", "hs_email_message_id", "hs_email_thread_id"),
               _p("hs_email_text", "Email body", "string", "textarea"),
               _p("hs_email_html", "Email HTML body", "string", "textarea"),
               _p("hs_email_direction", "Email direction", "enumeration", "select",
                  ["EMAIL", "INCOMING_EMAIL", "FORWARDED_EMAIL"]),
               _p("hs_email_status", "Email status", "enumeration", "select",
                  ["BOUNCED", "FAILED", "SCHEDULED", "SENDING", "SENT"])],
    "meetings": [*_TEXT("hs_meeting_title", "hs_meeting_location", "hs_meeting_external_url", "hs_activity_type"),
                 _p("hs_meeting_body", "Meeting description", "string", "textarea"),
                 _p("hs_internal_meeting_notes", "Internal notes", "string", "textarea"),
                 _p("hs_meeting_start_time", "Start time", "datetime", "date"),
                 _p("hs_meeting_end_time", "End time", "datetime", "date"),
                 _p("hs_meeting_outcome", "Outcome", "enumeration", "select",
                    ["SCHEDULED", "COMPLETED", "RESCHEDULED", "NO_SHOW", "CANCELED"])],
    "tasks": [_p("hs_task_subject", "Task title"), _p("hs_task_body", "Notes", "string", "textarea"),
              _p("hs_task_status", "Task status", "enumeration", "select",
                 ["NOT_STARTED", "IN_PROGRESS", "WAITING", "COMPLETED", "DEFERRED"]),
              _p("hs_task_priority", "Priority", "enumeration", "select", ["NONE", "LOW", "MEDIUM", "HIGH"]),
              _p("hs_task_type", "Task type", "enumeration", "select", ["EMAIL", "CALL", "TODO", "LINKED_IN"]),
              _p("hs_task_reminders", "Reminder", "string", "text")],
    "communications": [_p("hs_communication_channel_type", "Channel type", "enumeration", "select",
                          ["SMS", "WHATS_APP", "LINKEDIN_MESSAGE"]),
                       _p("hs_communication_logged_from", "Logged from", "enumeration", "select", ["CRM"]),
                       _p("hs_communication_body", "Body", "string", "textarea")],
    "postal_mail": [_p("hs_postal_mail_body", "Body", "string", "textarea")],
}


def property_definitions() -> list[dict]:
    """Default property definitions for every built-in object type."""
    rows = []
    for object_type, defs in _DEFS.items():
        extra = _ACTIVITY_COMMON if object_type in _ENGAGEMENTS else []
        for d in [*_COMMON, *extra, *defs]:
            rows.append({**d, "objectType": object_type, "key": f"{object_type}|{d['name']}",
                         "hubspotDefined": True})
    return rows


def pipelines() -> list[dict]:
    """HubSpot's default deal pipeline (stages with probability; closed = won or lost) and
    the default ticket pipeline (status "Closed" is closed)."""
    deal_stages = [("appointmentscheduled", "Appointment scheduled", 0.2), ("qualifiedtobuy", "Qualified to buy", 0.4),
                   ("presentationscheduled", "Presentation scheduled", 0.6),
                   ("decisionmakerboughtin", "Decision maker bought-in", 0.8), ("contractsent", "Contract sent", 0.9),
                   ("closedwon", "Closed won", 1.0), ("closedlost", "Closed lost", 0.0)]
    ticket_stages = [("1", "New", False), ("2", "Waiting on contact", False), ("3", "Waiting on us", False),
                     ("4", "Closed", True)]
    return [
        {"id": "default", "objectType": "deals", "label": "Sales Pipeline", "displayOrder": 0,
         "stages": [{"id": s, "label": label, "displayOrder": i, "probability": p,
                     "closed": s in ("closedwon", "closedlost"), "closedWon": s == "closedwon"}
                    for i, (s, label, p) in enumerate(deal_stages)]},
        {"id": "0", "objectType": "tickets", "label": "Support Pipeline", "displayOrder": 0,
         "stages": [{"id": s, "label": label, "displayOrder": i, "probability": None, "closed": c,
                     "closedWon": False} for i, (s, label, c) in enumerate(ticket_stages)]},
    ]
