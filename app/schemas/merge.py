"""Request and response shapes of the merge routes (HubSpot's `PublicMergeInput`, the preview)."""
from __future__ import annotations

from marshmallow import RAISE, Schema, ValidationError, fields

__all__ = ["ObjectIdField", "MergeInputSchema", "MergedObjectSchema", "MergePreviewSchema"]


class ObjectIdField(fields.Field):
    """An object id: HubSpot sends strings (`"101"`); numbers are accepted too."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise ValidationError("must be an object id (a string of digits)")
        text = str(value).strip()
        if not text:
            raise ValidationError("must not be empty")
        return text


class MergeInputSchema(Schema):
    """`{"primaryObjectId": "101", "objectIdToMerge": "102"}` — both required."""

    class Meta:
        unknown = RAISE

    primaryObjectId = ObjectIdField(required=True, metadata={"description": "the contact that is kept (MRG-1)"})
    objectIdToMerge = ObjectIdField(required=True, metadata={"description": "the contact merged into it"})


class MergedObjectSchema(Schema):
    """HubSpot's SimplePublicObject, as the merge returns it (no `associations`)."""

    id = fields.String(required=True)
    properties = fields.Dict(keys=fields.String(), values=fields.String(allow_none=True), required=True)
    createdAt = fields.String(required=True)
    updatedAt = fields.String(required=True)
    archived = fields.Boolean()
    archivedAt = fields.String(allow_none=True)


class MergePreviewSchema(Schema):
    """What a merge would do: each property with its rule, associations that move or drop."""

    primaryObjectId = fields.String()
    objectIdToMerge = fields.String()
    properties = fields.Dict(keys=fields.String(), values=fields.Dict())
    associations = fields.Dict()
    lists = fields.Dict()
    workflows = fields.Dict()
    ids = fields.Dict()
