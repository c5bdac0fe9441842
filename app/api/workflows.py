"""Workflows with association actions: `/crmgraph/v1/workflows` (WF-1 … WF-5).

HubSpot has no public API for these, so they live under `/crmgraph/v1` in the same style:
create 201, list/get 200, full update (PUT) 200, delete 204, `POST …/run` runs the workflow
now over every record meeting its criteria, `POST …/dry-run` previews that run and writes
nothing (a read-only seat may call it), `GET …/enrollments` pages the enrolments with their
per-action history. Views only parse, call `app.rules.wf`, and shape the answer.
"""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from app.db import get_db
from app.rules import wf
from app.schemas.workflows import (EnrollmentArgs, EnrollmentPage, RunResult, WorkflowInput, WorkflowList,
                                   WorkflowSchema)

__all__ = ["blp"]

blp = Blueprint("workflows", __name__, url_prefix="/crmgraph/v1/workflows",
                description="Workflows with association actions (WF-1 … WF-5)")


def _save(work) -> dict:
    """Save, then make sure the WF-2 candidate indexes exist (a schema transaction of its own)."""
    db = get_db()
    saved = db.write(work)
    saved["indexes"] = wf.ensure_indexes(db, saved)
    return saved


@blp.route("")
class Workflows(MethodView):
    @blp.response(200, WorkflowList)
    def get(self):
        """List workflows."""
        return {"results": get_db().read(wf.list_all)}

    @blp.arguments(WorkflowInput())
    @blp.response(201, WorkflowSchema)
    def post(self, body):
        """Create a workflow (validated: 400 naming the field)."""
        return _save(lambda tx: wf.create(tx, body))


@blp.route("/<workflow_id>")
class WorkflowById(MethodView):
    @blp.response(200, WorkflowSchema)
    def get(self, workflow_id):
        """Read a workflow."""
        return get_db().read(wf.get, workflow_id)

    @blp.arguments(WorkflowInput())
    @blp.response(200, WorkflowSchema)
    def put(self, body, workflow_id):
        """Replace a workflow's definition."""
        return _save(lambda tx: wf.update(tx, workflow_id, body))

    @blp.response(204)
    def delete(self, workflow_id):
        """Delete a workflow and its enrolments (associations it made stay)."""
        get_db().write(wf.delete, workflow_id)


@blp.route("/<workflow_id>/run")
class WorkflowRun(MethodView):
    @blp.response(200, RunResult)
    def post(self, workflow_id):
        """Run now: enrol every record meeting the criteria and run the actions over all of them."""
        return get_db().write(wf.run_now, workflow_id)


@blp.route("/<workflow_id>/dry-run")
class WorkflowDryRun(MethodView):
    @blp.response(200, RunResult)
    def post(self, workflow_id):
        """Preview a run: what would be created, relabelled or removed. Writes nothing."""
        return wf.dry_run(get_db(), workflow_id)


@blp.route("/<workflow_id>/enrollments")
class WorkflowEnrollments(MethodView):
    @blp.arguments(EnrollmentArgs(), location="query")
    @blp.response(200, EnrollmentPage)
    def get(self, args, workflow_id):
        """Enrolments, most recent first, each with what every action did (history)."""
        return get_db().read(lambda tx: wf.enrollments(tx, workflow_id, limit=args["limit"], after=args["after"]))
