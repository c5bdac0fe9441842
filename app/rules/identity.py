"""Who a contact is besides its id — and how merges keep that true (MRG-2, MRG-7, MRG-9).

- Form submissions (MRG-9): a submission lands on the contact its user token (`hutk` cookie)
  identifies, else on the contact owning the submitted email — primary *or additional*, so a
  merged-away email lands on the survivor forever — else on a new contact.
- The way back from a merge (MRG-2): removing an additional email unties it; the address is
  then free for a new contact.
- Subscriptions (MRG-7) belong to `:EmailAddress` nodes, so a merged contact has one set per
  address.
"""
from __future__ import annotations

from app.errors import NotFound, ValidationFailed, field_error
from app.repo import identity as repo
from app.repo import objects as objects_repo
from app.rules import mrg_properties as mp
from app.rules import properties as props
from app.rules import records

__all__ = ["contact_for_submission", "submit_form", "remove_additional_email", "subscriptions",
           "set_subscription", "SUBSCRIPTION_STATUSES"]

SUBSCRIPTION_STATUSES = ("SUBSCRIBED", "UNSUBSCRIBED")


def _address(email) -> str:
    address = str(email or "").strip().lower()
    if "@" not in address:
        raise ValidationFailed(f"Email address {email} is invalid", [field_error("email", "not an email address",
                                                                                  "INVALID_EMAIL")])
    return address


def contact_for_submission(tx, email: str | None, user_token: str | None = None) -> tuple[str | None, str | None]:
    """(contact id, matched by `userToken`/`email`) for a submission, or (None, None)."""
    if user_token:
        cid = repo.contact_by_token(tx, user_token)
        if cid:
            return cid, "userToken"
    if email:
        cid = objects_repo.contact_by_email(tx, _address(email))
        if cid:
            return cid, "email"
    return None, None


def submit_form(tx, *, email: str, user_token: str | None = None, form_id: str | None = None,
                properties: dict | None = None, new_contact_id: str, event_id: str, user=None,
                now: int | None = None) -> dict:
    """Record a form submission (minimal): find or create the contact, tie the token to it,
    put a FORM_SUBMISSION event on its timeline. Returns `{contactId, matchedBy, created}`."""
    from app import cypher  # the event query belongs to the timeline (cypher/act/event_create)

    now = now or props.now_ms()
    address = _address(email)
    cid, matched = contact_for_submission(tx, address, user_token)
    created = cid is None
    if created:
        cid = records.create(tx, "contacts", {**(properties or {}), "email": address}, object_id=new_contact_id,
                             user=user, source="FORM", now=now)["id"]
    if user_token:
        repo.link_token(tx, user_token, cid, now)
    cypher.run(tx, "act/event_create", event_id=event_id, n=int(event_id), event_type="FORM_SUBMISSION",
               timestamp=now, props={"formId": str(form_id or ""), "email": address}, record_id=cid,
               rel="EVENT_CONTACT", now=now)
    return {"contactId": cid, "matchedBy": matched, "created": created}


def remove_additional_email(tx, contact_id: str, email: str, *, user=None, now: int | None = None) -> dict:
    """MRG-2: untie an additional email from a contact (and drop it from `hs_additional_emails`)."""
    address = _address(email)
    contact = records.get(tx, "contacts", contact_id, properties=["hs_additional_emails"])
    if not repo.unlink_additional_email(tx, contact["id"], address):
        raise NotFound(f"{address} is not an additional email of contact {contact['id']}",
                       [field_error("email", f"{address} is not an additional email of this contact",
                                    "OBJECT_NOT_FOUND")], context={"id": [contact["id"]]})
    rest = [e for e in mp.split_list(contact["properties"].get("hs_additional_emails")) if e.lower() != address]
    return records.update(tx, "contacts", contact["id"], {"hs_additional_emails": ";".join(rest) or None},
                          user=user, source="CRM_UI", allow_read_only=True, now=now)


def subscriptions(tx, contact_id: str) -> list[dict]:
    """MRG-7: `[{address, primary, subscriptions: [{id, name, status, at}]}]`."""
    contact = records.get(tx, "contacts", contact_id, properties=[])
    return repo.subscriptions(tx, contact["id"])


def set_subscription(tx, email: str, type_id: str, status: str, *, name: str | None = None,
                     now: int | None = None) -> None:
    """Subscribe or unsubscribe an email address from one subscription type."""
    if status not in SUBSCRIPTION_STATUSES:
        raise ValidationFailed(f"status must be one of {SUBSCRIPTION_STATUSES}",
                               [field_error("status", "unknown status", "INVALID_OPTION")])
    if not repo.set_subscription(tx, _address(email), str(type_id), name or str(type_id), status,
                                 now or props.now_ms()):
        raise NotFound(f"No email address {email}", [field_error("email", "unknown email address",
                                                                 "OBJECT_NOT_FOUND")])
