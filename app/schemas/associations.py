"""Marshmallow schemas of the associations v4 API (records, labels, limits), HubSpot's field names.

Inputs accept object ids as strings or numbers (the SDK sends strings, scripts often numbers);
outputs use numbers where HubSpot does (`toObjectId`, `fromObjectId`) and strings elsewhere.
"""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

__all__ = ["IdField", "V4AssociationSpecSchema", "V4ObjectIdSchema", "V4DefaultPairSchema", "V4BatchDefaultSchema",
           "V4MultiPostSchema", "V4BatchMultiPostSchema", "V4MultiArchiveSchema", "V4BatchMultiArchiveSchema",
           "V4FetchSchema", "V4BatchFetchSchema", "V4ListArgsSchema", "V4LabelCreateSchema", "V4LabelUpdateSchema",
           "V4ConfigInputSchema", "V4BatchConfigSchema", "V4ConfigPurgeInputSchema", "V4BatchConfigPurgeSchema",
           "V4BatchResponseSchema", "V4LabelsBetweenSchema", "V4AssociationPageSchema", "V4SpecListSchema",
           "V4ConfigListSchema", "BATCH_MAX", "BATCH_READ_MAX"]

BATCH_MAX = 100          # HubSpot: 100 inputs per batch
BATCH_READ_MAX = 1000    # HubSpot changelog 2025-02-10: 1,000 per associations batch read
CATEGORY = validate.OneOf(["HUBSPOT_DEFINED", "USER_DEFINED", "INTEGRATOR_DEFINED"])


class IdField(fields.Field):
    """An object id given as string or integer; always a non-empty string inside."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, (str, int)) or str(value).strip() == "":
            raise ValidationError("must be an object id (string or number)")
        return str(value).strip()

    def _serialize(self, value, attr, obj, **kwargs):
        return value


def _inputs(schema, maximum: int):
    return fields.List(fields.Nested(schema), required=True, validate=validate.Length(max=maximum))


class V4AssociationSpecSchema(Schema):
    associationCategory = fields.String(required=True, validate=CATEGORY)
    associationTypeId = fields.Integer(required=True)


class V4ObjectIdSchema(Schema):
    id = IdField(required=True)


class V4DefaultPairSchema(Schema):
    from_ = fields.Nested(V4ObjectIdSchema, required=True, data_key="from")
    to = fields.Nested(V4ObjectIdSchema, required=True)


class V4BatchDefaultSchema(Schema):
    inputs = _inputs(V4DefaultPairSchema, BATCH_MAX)


class V4MultiPostSchema(V4DefaultPairSchema):
    types = fields.List(fields.Nested(V4AssociationSpecSchema), required=True)


class V4BatchMultiPostSchema(Schema):
    inputs = _inputs(V4MultiPostSchema, BATCH_MAX)


class V4MultiArchiveSchema(Schema):
    from_ = fields.Nested(V4ObjectIdSchema, required=True, data_key="from")
    to = fields.List(fields.Nested(V4ObjectIdSchema), required=True)


class V4BatchMultiArchiveSchema(Schema):
    inputs = _inputs(V4MultiArchiveSchema, BATCH_MAX)


class V4FetchSchema(Schema):
    id = IdField(required=True)
    after = fields.String(allow_none=True)


class V4BatchFetchSchema(Schema):
    inputs = _inputs(V4FetchSchema, BATCH_READ_MAX)


class V4ListArgsSchema(Schema):
    limit = fields.Integer(load_default=500, validate=validate.Range(min=1, max=500))
    after = fields.String(load_default=None)


class V4LabelCreateSchema(Schema):
    label = fields.String(required=True, validate=validate.Length(min=1, max=100))
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    inverseLabel = fields.String(allow_none=True, validate=validate.Length(min=1, max=100))


class V4LabelUpdateSchema(Schema):
    associationTypeId = fields.Integer(required=True)
    label = fields.String(required=True, validate=validate.Length(min=1, max=100))
    inverseLabel = fields.String(allow_none=True, validate=validate.Length(min=1, max=100))


class V4ConfigInputSchema(Schema):
    category = fields.String(required=True, validate=CATEGORY)
    typeId = fields.Integer(required=True)
    maxToObjectIds = fields.Integer(required=True, strict=True)


class V4BatchConfigSchema(Schema):
    inputs = _inputs(V4ConfigInputSchema, BATCH_MAX)


class V4ConfigPurgeInputSchema(Schema):
    category = fields.String(required=True, validate=CATEGORY)
    typeId = fields.Integer(required=True)


class V4BatchConfigPurgeSchema(Schema):
    inputs = _inputs(V4ConfigPurgeInputSchema, BATCH_MAX)


# ---------------------------------------------------------------- responses (documented, passed through)

class V4BatchResponseSchema(Schema):
    """HubSpot's BatchResponse…: `status`, `results`, times; on 207 also `numErrors`, `errors`."""

    status = fields.String()
    results = fields.List(fields.Raw())
    startedAt = fields.String()
    completedAt = fields.String()
    numErrors = fields.Integer()
    errors = fields.List(fields.Raw())


class V4LabelsBetweenSchema(Schema):
    fromObjectTypeId = fields.String()
    fromObjectId = fields.Raw()
    toObjectTypeId = fields.String()
    toObjectId = fields.Raw()
    labels = fields.List(fields.String())


class V4AssociationPageSchema(Schema):
    results = fields.List(fields.Raw())
    paging = fields.Raw()


class V4SpecListSchema(Schema):
    results = fields.List(fields.Raw())


class V4ConfigListSchema(Schema):
    results = fields.List(fields.Raw())
