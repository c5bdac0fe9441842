"""Merging contacts: HubSpot's `POST /crm/v3/objects/contacts/merge` and crmgraph's preview.

The merge returns HubSpot's plain object (200, no associations) of the survivor, which has a
new id; both old ids keep resolving to it (MRG-12). The preview is a POST that writes nothing
(read-only seats may call it).
"""
from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from app.auth import current_user
from app.db import get_db
from app.rules import mrg
from app.schemas.merge import MergedObjectSchema, MergeInputSchema, MergePreviewSchema

blp = Blueprint("merge", __name__, description="Merge contacts (MRG-1 … MRG-12)")


@blp.route("/crm/v3/objects/contacts/merge")
class ContactMerge(MethodView):
    @blp.arguments(MergeInputSchema())
    @blp.response(200, MergedObjectSchema)
    def post(self, body):
        """Merge two contacts (the secondary into the primary); irreversible.

        The merged contact gets a new id; `GET` of either old id returns it.
        """
        new_id, event_id = current_app.extensions["ids"].take(2)
        return get_db().write(mrg.merge, body["primaryObjectId"], body["objectIdToMerge"],
                              new_id=new_id, event_id=event_id, user=current_user())


@blp.route("/crmgraph/v1/objects/contacts/merge/preview")
class ContactMergePreview(MethodView):
    @blp.arguments(MergeInputSchema())
    @blp.response(200, MergePreviewSchema)
    def post(self, body):
        """Preview a merge: merged properties with the rule that decided each, associations
        that move or drop, lists and workflows the secondary leaves. Writes nothing."""
        return get_db().read(mrg.preview, body["primaryObjectId"], body["objectIdToMerge"])
