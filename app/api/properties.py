"""HubSpot's properties v3 API: `/crm/v3/properties/{objectType}` — the definitions every
object write is validated against (list, read, create 201, update, archive 204)."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from app.db import get_db
from app.rules import object_schemas, property_definitions as defs
from app.schemas.properties import PropertyCreate, PropertyList, PropertyListArgs, PropertyOut, PropertyUpdate

__all__ = ["blp"]

blp = Blueprint("properties", __name__, url_prefix="/crm/v3/properties", description="Property definitions")


def _type_name(object_type: str) -> str:
    return get_db().read(object_schemas.resolve, object_type).name


@blp.route("/<object_type>")
class Properties(MethodView):
    @blp.arguments(PropertyListArgs(), location="query")
    @blp.response(200, PropertyList)
    def get(self, args, object_type):
        """List the property definitions of an object type."""
        name = _type_name(object_type)
        return {"results": get_db().read(defs.list_for_type, name, args["archived"])}

    @blp.arguments(PropertyCreate())
    @blp.response(201, PropertyOut)
    def post(self, body, object_type):
        """Create a property (single-line/multi-line text, phone number, number, date, datetime,
        enumeration, bool)."""
        name = _type_name(object_type)
        return get_db().write(defs.create, name, body)


@blp.route("/<object_type>/<property_name>")
class PropertyByName(MethodView):
    @blp.response(200, PropertyOut)
    def get(self, object_type, property_name):
        """Read one property definition."""
        return get_db().read(defs.get, _type_name(object_type), property_name)

    @blp.arguments(PropertyUpdate())
    @blp.response(200, PropertyOut)
    def patch(self, body, object_type, property_name):
        """Update a property definition (its type stays)."""
        return get_db().write(defs.update, _type_name(object_type), property_name, body)

    @blp.response(204)
    def delete(self, object_type, property_name):
        """Archive a user-defined property (values already stored stay on the records)."""
        get_db().write(defs.archive, _type_name(object_type), property_name)
