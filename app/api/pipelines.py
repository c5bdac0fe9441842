"""HubSpot's pipelines v3 API for deals and tickets: list, read, create (201), update, and
stages (create 201, update). Changing whether a stage is closed re-derives `closed` on the
deals/tickets in it (SPEC vocabulary: "open deal")."""
from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from app.db import get_db
from app.rules import pipelines
from app.schemas.pipelines import (PipelineInput, PipelineList, PipelineOut, PipelinePatch, StageInput, StageList,
                                   StageOut, StagePatch)

__all__ = ["blp"]

blp = Blueprint("pipelines", __name__, url_prefix="/crm/v3/pipelines", description="Deal and ticket pipelines")


@blp.route("/<object_type>")
class Pipelines(MethodView):
    @blp.response(200, PipelineList)
    def get(self, object_type):
        """List the pipelines of deals or tickets, with their stages."""
        return {"results": get_db().read(pipelines.list_pipelines, object_type)}

    @blp.arguments(PipelineInput())
    @blp.response(201, PipelineOut)
    def post(self, body, object_type):
        """Create a pipeline with stages (deal stages need `metadata.probability`)."""
        ids = current_app.extensions["ids"].take(1 + len(body["stages"]))
        return get_db().write(pipelines.create, object_type, body, ids[0], ids[1:])


@blp.route("/<object_type>/<pipeline_id>")
class PipelineById(MethodView):
    @blp.response(200, PipelineOut)
    def get(self, object_type, pipeline_id):
        """Read one pipeline."""
        return get_db().read(pipelines.get, object_type, pipeline_id)

    @blp.arguments(PipelinePatch())
    @blp.response(200, PipelineOut)
    def patch(self, body, object_type, pipeline_id):
        """Update a pipeline's label or display order."""
        return get_db().write(pipelines.update, object_type, pipeline_id, body)


@blp.route("/<object_type>/<pipeline_id>/stages")
class Stages(MethodView):
    @blp.response(200, StageList)
    def get(self, object_type, pipeline_id):
        """List the stages of a pipeline."""
        return {"results": get_db().read(pipelines.get, object_type, pipeline_id)["stages"]}

    @blp.arguments(StageInput())
    @blp.response(201, StageOut)
    def post(self, body, object_type, pipeline_id):
        """Add a stage to a pipeline."""
        stage_id = current_app.extensions["ids"].one()
        return get_db().write(pipelines.create_stage, object_type, pipeline_id, stage_id, body)


@blp.route("/<object_type>/<pipeline_id>/stages/<stage_id>")
class StageById(MethodView):
    @blp.arguments(StagePatch())
    @blp.response(200, StageOut)
    def patch(self, body, object_type, pipeline_id, stage_id):
        """Update a stage; making it closed or open re-derives `closed` on its deals/tickets."""
        return get_db().write(pipelines.update_stage, object_type, pipeline_id, stage_id, body)
