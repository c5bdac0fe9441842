"""Contact identity routes (crmgraph extensions; HubSpot has no public API for these):

- `POST /crmgraph/v1/forms/submissions` — a form submission lands on the contact its user
  token or email identifies (MRG-9: a merged-away email lands on the survivor), else a new one;
- `DELETE /crmgraph/v1/objects/contacts/<id>/additional-emails/<email>` — MRG-2's way back:
  the email is untied and free for a new contact;
- `GET /crmgraph/v1/objects/contacts/<id>/subscriptions` and
  `PUT /crmgraph/v1/subscriptions/<email>/<typeId>` — subscriptions per address (MRG-7).
"""
from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from app.auth import current_user
from app.db import get_db
from app.rules import identity
from app.schemas.identity import (FormSubmissionResultSchema, FormSubmissionSchema, SubscriptionInputSchema,
                                  SubscriptionsSchema)
from app.schemas.merge import MergedObjectSchema

blp = Blueprint("identity", __name__, url_prefix="/crmgraph/v1",
                description="Contact identity: form submissions, additional emails, subscriptions (MRG-2/7/9)")


@blp.route("/forms/submissions")
class FormSubmissions(MethodView):
    @blp.arguments(FormSubmissionSchema())
    @blp.response(200, FormSubmissionResultSchema)
    def post(self, body):
        """Record a form submission on the contact its user token or email identifies."""
        new_id, event_id = current_app.extensions["ids"].take(2)
        return get_db().write(lambda tx: identity.submit_form(
            tx, email=body["email"], user_token=body["userToken"], form_id=body["formId"],
            properties=body["properties"], new_contact_id=new_id, event_id=event_id, user=current_user()))


@blp.route("/objects/contacts/<contact_id>/additional-emails/<email>")
class AdditionalEmail(MethodView):
    @blp.response(200, MergedObjectSchema)
    def delete(self, contact_id, email):
        """Remove an additional email from a contact (the way back from a merge, MRG-2)."""
        return get_db().write(lambda tx: identity.remove_additional_email(tx, contact_id, email,
                                                                          user=current_user()))


@blp.route("/objects/contacts/<contact_id>/subscriptions")
class ContactSubscriptions(MethodView):
    @blp.response(200, SubscriptionsSchema)
    def get(self, contact_id):
        """A contact's subscriptions, one set per email address (MRG-7)."""
        return {"results": get_db().read(identity.subscriptions, contact_id)}


@blp.route("/subscriptions/<email>/<type_id>")
class AddressSubscription(MethodView):
    @blp.arguments(SubscriptionInputSchema())
    @blp.response(204)
    def put(self, body, email, type_id):
        """Subscribe or unsubscribe one email address from a subscription type."""
        get_db().write(lambda tx: identity.set_subscription(tx, email, type_id, body["status"], name=body["name"]))
