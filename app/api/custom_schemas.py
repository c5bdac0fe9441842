"""HubSpot's schemas v3 API: custom object types (`/crm/v3/schemas`): create (201), list,
read, delete (204). A created type is usable at once under `/crm/v3/objects/<name>` and
`/crm/v3/objects/2-<n>`, in this process and (via the graph) in every other."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from app.auth import require_super_admin
from app.db import get_db
from app.rules import custom_schemas
from app.schemas.custom_schemas import ObjectSchemaEgg, ObjectSchemaList, ObjectSchemaOut

__all__ = ["blp"]

blp = Blueprint("custom_schemas", __name__, url_prefix="/crm/v3/schemas", description="Custom object types")


@blp.route("")
class Schemas(MethodView):
    @blp.response(200, ObjectSchemaList)
    def get(self):
        """List custom object types."""
        return {"results": get_db().read(custom_schemas.list_schemas)}

    @blp.arguments(ObjectSchemaEgg())
    @blp.response(201, ObjectSchemaOut)
    def post(self, body):
        """Create a custom object type with its properties and associations (super admins only)."""
        require_super_admin()
        return get_db().write(custom_schemas.create, body)


@blp.route("/<object_type>")
class SchemaById(MethodView):
    @blp.response(200, ObjectSchemaOut)
    def get(self, object_type):
        """Read a custom object type by name, `p_<name>` or `2-…` id."""
        return get_db().read(custom_schemas.get, object_type)

    @blp.response(204)
    def delete(self, object_type):
        """Delete (archive) a custom object type that has no live records (super admins only)."""
        require_super_admin()
        get_db().write(custom_schemas.delete, object_type)
