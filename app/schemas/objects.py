"""Marshmallow schemas of the objects v3 API (HubSpot's field names).

JSON bodies RAISE on unknown fields (a typo is a 400 naming it), but accept every field
HubSpot's SDK v12 sends (`objectWriteTraceId`, `idProperty`…). Query strings accept lists
both repeated (`properties=a&properties=b`, the SDK) and comma-separated (`properties=a,b`,
HubSpot's docs), and booleans in any case (`archived=False`).
"""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

from app.rules.search import MAX_LIMIT, OPERATORS

__all__ = ["CsvList", "LooseBool", "ReadArgs", "ListArgs", "IdPropertyArgs", "CreateInput", "UpdateInput",
           "BatchCreateInput", "BatchReadInput", "BatchUpdateInput", "BatchUpsertInput", "BatchArchiveInput",
           "ObjectSearchRequest", "ObjectSchema", "PageSchema", "ObjectBatchResponse", "ObjectSearchResponse", "BATCH_MAX"]

BATCH_MAX = 100  # HubSpot: at most 100 inputs per object batch


class CsvList(fields.List):
    """A query list: repeated keys and/or comma-separated values, blanks dropped."""

    def __init__(self, **kw):
        super().__init__(fields.String(), **kw)

    def _deserialize(self, value, attr, data, **kwargs):
        items = value if isinstance(value, list) else [value]
        out = [part.strip() for item in items for part in str(item).split(",") if part.strip()]
        return list(dict.fromkeys(out))


class LooseBool(fields.Boolean):
    """`true`/`false` in any letter case (the SDK sends `False`)."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = str(value).strip().lower()
        if text in ("true", "1"):
            return True
        if text in ("false", "0", ""):
            return False
        raise ValidationError("must be true or false")


class IdField(fields.Field):
    """An object id as string or number."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, (str, int)) or str(value).strip() == "":
            raise ValidationError("must be an object id (string or number)")
        return str(value).strip()

    def _serialize(self, value, attr, obj, **kwargs):
        return value


# ------------------------------------------------------------------ query strings

class IdPropertyArgs(Schema):
    idProperty = fields.String()


class ReadArgs(IdPropertyArgs):
    properties = CsvList()
    propertiesWithHistory = CsvList()
    associations = CsvList()
    archived = LooseBool(load_default=False)


class ListArgs(Schema):
    limit = fields.Integer(load_default=10, validate=validate.Range(min=1, max=100))
    after = fields.String()
    properties = CsvList()
    propertiesWithHistory = CsvList()
    associations = CsvList()
    archived = LooseBool(load_default=False)


# ------------------------------------------------------------------ bodies

_Properties = lambda **kw: fields.Dict(keys=fields.String(), values=fields.Raw(allow_none=True), **kw)  # noqa: E731


class V3AssociationSpec(Schema):
    associationCategory = fields.String(required=True, validate=validate.OneOf(
        ["HUBSPOT_DEFINED", "USER_DEFINED", "INTEGRATOR_DEFINED"]))
    associationTypeId = fields.Integer(required=True)


class ObjectIdInput(Schema):
    id = IdField(required=True)


class AssociationInput(Schema):
    to = fields.Nested(ObjectIdInput, required=True)
    types = fields.List(fields.Nested(V3AssociationSpec), required=True, validate=validate.Length(min=1))


class CreateInput(Schema):
    properties = _Properties(load_default=dict)
    associations = fields.List(fields.Nested(AssociationInput), load_default=list)
    objectWriteTraceId = fields.String()


class UpdateInput(Schema):
    properties = _Properties(required=True)
    objectWriteTraceId = fields.String()


class BatchUpdateItem(Schema):
    id = IdField(required=True)
    idProperty = fields.String()
    properties = _Properties(required=True)
    objectWriteTraceId = fields.String()


def _inputs(item):
    return fields.List(fields.Nested(item), required=True,
                       validate=validate.Length(max=BATCH_MAX, error=f"at most {BATCH_MAX} inputs per batch"))


class BatchCreateInput(Schema):
    inputs = _inputs(CreateInput)


class BatchReadInput(Schema):
    inputs = _inputs(ObjectIdInput)
    properties = fields.List(fields.String(), load_default=list)
    propertiesWithHistory = fields.List(fields.String(), load_default=list)
    idProperty = fields.String()


class BatchUpdateInput(Schema):
    inputs = _inputs(BatchUpdateItem)


class BatchUpsertInput(Schema):
    inputs = _inputs(BatchUpdateItem)


class BatchArchiveInput(Schema):
    inputs = _inputs(ObjectIdInput)


class Filter(Schema):
    propertyName = fields.String(required=True)
    operator = fields.String(required=True, validate=validate.OneOf(OPERATORS))
    value = fields.Raw(allow_none=True)
    highValue = fields.Raw(allow_none=True)
    values = fields.List(fields.Raw())


class FilterGroup(Schema):
    filters = fields.List(fields.Nested(Filter), load_default=list, validate=validate.Length(max=10))


class ObjectSearchRequest(Schema):
    filterGroups = fields.List(fields.Nested(FilterGroup), load_default=list, validate=validate.Length(max=5))
    sorts = fields.List(fields.Raw(), load_default=list)
    query = fields.String(allow_none=True)
    properties = fields.List(fields.String(), load_default=list)
    limit = fields.Integer(load_default=10, validate=validate.Range(min=1, max=MAX_LIMIT))
    after = fields.Raw(allow_none=True)


# ------------------------------------------------------------------ responses

class ObjectSchema(Schema):
    """HubSpot's SimplePublicObject (with `associations` on reads)."""

    id = fields.String(required=True)
    properties = fields.Dict(keys=fields.String(), values=fields.String(allow_none=True))
    propertiesWithHistory = fields.Dict(keys=fields.String(), values=fields.List(fields.Dict()))
    createdAt = fields.String()
    updatedAt = fields.String()
    archived = fields.Boolean()
    archivedAt = fields.String()
    associations = fields.Dict()
    new = fields.Boolean()


class PageSchema(Schema):
    results = fields.List(fields.Nested(ObjectSchema))
    paging = fields.Dict()


class ObjectBatchResponse(Schema):
    status = fields.String()
    results = fields.List(fields.Nested(ObjectSchema))
    numErrors = fields.Integer()
    errors = fields.List(fields.Dict())
    startedAt = fields.String()
    completedAt = fields.String()


class ObjectSearchResponse(Schema):
    total = fields.Integer()
    results = fields.List(fields.Nested(ObjectSchema))
    paging = fields.Dict()
