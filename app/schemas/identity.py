"""Shapes of the identity routes: form submissions (MRG-9), subscriptions (MRG-7)."""
from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

__all__ = ["FormSubmissionSchema", "FormSubmissionResultSchema", "SubscriptionsSchema", "SubscriptionInputSchema"]


class FormSubmissionSchema(Schema):
    """A minimal form submission: who (email, optional `hutk` user token) and what."""

    class Meta:
        unknown = RAISE

    email = fields.Email(required=True)
    userToken = fields.String(load_default=None, validate=validate.Length(min=1, max=200))
    formId = fields.String(load_default=None)
    properties = fields.Dict(keys=fields.String(), values=fields.String(allow_none=True), load_default=dict)


class FormSubmissionResultSchema(Schema):
    contactId = fields.String()
    matchedBy = fields.String(allow_none=True, metadata={"description": "userToken, email, or null (new contact)"})
    created = fields.Boolean()


class SubscriptionSchema(Schema):
    id = fields.String()
    name = fields.String(allow_none=True)
    status = fields.String()
    at = fields.Integer(allow_none=True)


class AddressSubscriptionsSchema(Schema):
    address = fields.String()
    primary = fields.Boolean()
    subscriptions = fields.List(fields.Nested(SubscriptionSchema))


class SubscriptionsSchema(Schema):
    results = fields.List(fields.Nested(AddressSubscriptionsSchema))


class SubscriptionInputSchema(Schema):
    class Meta:
        unknown = RAISE

    status = fields.String(required=True, validate=validate.OneOf(["SUBSCRIBED", "UNSUBSCRIBED"]))
    name = fields.String(load_default=None)
