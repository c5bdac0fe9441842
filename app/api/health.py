"""Liveness: is the API up and does Neo4j answer (never echoes credentials)."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from app.db import get_db

blp = Blueprint("health", __name__, url_prefix="/health", description="Health check")


class HealthSchema(Schema):
    status = fields.String()
    neo4j = fields.String()


@blp.route("")
class Health(MethodView):
    @blp.response(200, HealthSchema)
    def get(self):
        """Report whether the API and Neo4j answer."""
        try:
            get_db().verify()
            return {"status": "ok", "neo4j": "connected"}
        except Exception:  # noqa: BLE001 - health reports, never raises
            return {"status": "degraded", "neo4j": "unreachable"}
