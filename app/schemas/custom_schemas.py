"""Marshmallow schemas of `/crm/v3/schemas` (HubSpot's ObjectSchemaEgg / ObjectSchema)."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from app.schemas.properties import OptionInput, PropertyOut

__all__ = ["SchemaLabels", "SchemaPropertyCreate", "ObjectSchemaEgg", "ObjectSchemaOut", "ObjectSchemaList"]


class SchemaLabels(Schema):
    singular = fields.String(required=True)
    plural = fields.String(required=True)


class SchemaPropertyCreate(Schema):
    name = fields.String(required=True)
    label = fields.String(required=True)
    type = fields.String(required=True)
    fieldType = fields.String(required=True)
    groupName = fields.String()
    description = fields.String()
    options = fields.List(fields.Nested(OptionInput))
    displayOrder = fields.Integer()
    hasUniqueValue = fields.Boolean()
    hidden = fields.Boolean()
    formField = fields.Boolean()
    showCurrencySymbol = fields.Boolean()
    searchableInGlobalSearch = fields.Boolean()
    optionSortStrategy = fields.String()
    textDisplayHint = fields.String()
    numberDisplayHint = fields.String()
    referencedObjectType = fields.String()


class ObjectSchemaEgg(Schema):
    name = fields.String(required=True)
    labels = fields.Nested(SchemaLabels, required=True)
    description = fields.String()
    primaryDisplayProperty = fields.String()
    secondaryDisplayProperties = fields.List(fields.String())
    requiredProperties = fields.List(fields.String(), load_default=list)
    searchableProperties = fields.List(fields.String())
    properties = fields.List(fields.Nested(SchemaPropertyCreate), required=True, validate=validate.Length(min=1))
    associatedObjects = fields.List(fields.String(), load_default=list)


class ObjectSchemaOut(Schema):
    id = fields.String()
    objectTypeId = fields.String()
    name = fields.String()
    fullyQualifiedName = fields.String()
    labels = fields.Dict()
    description = fields.String()
    primaryDisplayProperty = fields.String(allow_none=True)
    secondaryDisplayProperties = fields.List(fields.String())
    requiredProperties = fields.List(fields.String())
    searchableProperties = fields.List(fields.String())
    properties = fields.List(fields.Nested(PropertyOut))
    associations = fields.List(fields.Dict())
    createdAt = fields.String()
    updatedAt = fields.String()
    archived = fields.Boolean()


class ObjectSchemaList(Schema):
    results = fields.List(fields.Nested(ObjectSchemaOut))
