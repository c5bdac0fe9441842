"""Marshmallow schemas of `/crm/v3/properties` (HubSpot's PropertyCreate / PropertyUpdate / Property)."""
from __future__ import annotations

from marshmallow import Schema, fields

from app.schemas.objects import LooseBool

__all__ = ["OptionInput", "PropertyCreate", "PropertyUpdate", "PropertyOut", "PropertyList", "PropertyListArgs"]


class OptionInput(Schema):
    label = fields.String(required=True)
    value = fields.String(required=True)
    displayOrder = fields.Integer()
    hidden = fields.Boolean()
    description = fields.String(allow_none=True)


class PropertyUpdate(Schema):
    label = fields.String()
    type = fields.String()
    fieldType = fields.String()
    groupName = fields.String()
    description = fields.String()
    options = fields.List(fields.Nested(OptionInput))
    displayOrder = fields.Integer()
    hidden = fields.Boolean()
    formField = fields.Boolean()
    calculationFormula = fields.String()


class PropertyCreate(PropertyUpdate):
    name = fields.String(required=True)
    label = fields.String(required=True)
    type = fields.String(required=True)
    fieldType = fields.String(required=True)
    groupName = fields.String(required=True)
    hasUniqueValue = fields.Boolean()
    referencedObjectType = fields.String()
    externalOptions = fields.Boolean()


class PropertyOut(Schema):
    name = fields.String()
    label = fields.String()
    type = fields.String()
    fieldType = fields.String()
    description = fields.String()
    groupName = fields.String()
    options = fields.List(fields.Dict())
    displayOrder = fields.Integer()
    calculated = fields.Boolean()
    externalOptions = fields.Boolean()
    hasUniqueValue = fields.Boolean()
    hidden = fields.Boolean()
    hubspotDefined = fields.Boolean()
    formField = fields.Boolean()
    modificationMetadata = fields.Dict()
    createdAt = fields.String()
    updatedAt = fields.String()
    archived = fields.Boolean()
    archivedAt = fields.String()


class PropertyList(Schema):
    results = fields.List(fields.Nested(PropertyOut))


class PropertyListArgs(Schema):
    archived = LooseBool(load_default=False)
    properties = fields.String()
