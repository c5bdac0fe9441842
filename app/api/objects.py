"""HubSpot's CRM objects v3 API: `/crm/v3/objects/{objectType}` for every object type.

Contacts, companies, deals, tickets, engagements (calls, emails, meetings, notes, tasks,
communications, postal_mail) and custom objects (by name or `2-…` id), also addressed by
type id (`0-1`). Views only parse, call `app.rules.records`/`search` inside one
transaction, and shape the answer; status codes are exactly HubSpot's (the SDK picks its
response model by status): create 201, batch create 201, partial batch 207, archive 204.

Batch semantics (docs/records.md): validation errors reject the whole batch with a 400
naming `inputs[i]…` and nothing is written; ids that do not exist (read, update, upsert by
object id) are reported in a 207 while the other inputs succeed.
"""
from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from app.auth import current_user
from app.db import get_db
from app.errors import NotFound
from app.rules import object_schemas, records, search as search_rules
from app.rules.properties import ms_to_iso, now_ms
from app.schemas.objects import (BatchArchiveInput, BatchCreateInput, BatchReadInput, ObjectBatchResponse,
                                 BatchUpdateInput, BatchUpsertInput, CreateInput, IdPropertyArgs, ListArgs,
                                 ObjectSchema, PageSchema, ReadArgs, ObjectSearchRequest, ObjectSearchResponse, UpdateInput)

__all__ = ["blp"]

blp = Blueprint("objects", __name__, url_prefix="/crm/v3/objects", description="CRM objects (HubSpot objects v3)")


def _type(object_type: str):
    """The object type for a path segment; unknown → 400 before anything is allocated or written."""
    return get_db().read(object_schemas.resolve, object_type)


def _ids(n: int) -> list[str]:
    return current_app.extensions["ids"].take(n) if n else []


def _with_associations(tx, t, objects: list[dict], to_types: list[str] | None) -> list[dict]:
    """Add the v3 `associations` block (read/list only) when asked for."""
    if not to_types or not objects:
        return objects
    from app.rules import associations as assoc

    blocks = assoc.v3_associations(tx, t, [o["id"] for o in objects], to_types)
    for o in objects:
        if blocks.get(o["id"]):
            o["associations"] = blocks[o["id"]]
    return objects


def _iso_now() -> str:
    return ms_to_iso(now_ms())


def _batch(results: list, errors: list[dict], started: str):
    """HubSpot's batch response; 207 with `numErrors`/`errors` when some inputs failed."""
    body = {"status": "COMPLETE", "results": results, "startedAt": started, "completedAt": _iso_now()}
    if errors:
        body.update(numErrors=len(errors), errors=errors)
        return body, 207
    return body


def _missing_error(t, ids: list[str]) -> dict:
    return {"status": "error", "category": "OBJECT_NOT_FOUND",
            "message": f"Could not get some {t.singular.upper()} objects, they may be deleted or not exist. "
                       "Check that ids are valid.",
            "context": {"ids": ids}, "errors": [], "links": {}}


@blp.route("/<object_type>")
class Objects(MethodView):
    @blp.arguments(ListArgs(), location="query")
    @blp.response(200, PageSchema)
    def get(self, args, object_type):
        """List objects of a type, in id order, with cursor paging (`paging` absent on the last page)."""
        t = _type(object_type)

        def work(tx):
            page = records.list_page(tx, t, limit=args["limit"], after=args.get("after"),
                                     properties=args.get("properties"),
                                     properties_with_history=args.get("propertiesWithHistory"),
                                     archived=args["archived"])
            _with_associations(tx, t, page["results"], args.get("associations"))
            return page

        return get_db().read(work)

    @blp.arguments(CreateInput())
    @blp.response(201, ObjectSchema)
    def post(self, body, object_type):
        """Create an object, optionally with associations (201)."""
        t = _type(object_type)
        oid = _ids(1)[0]
        return get_db().write(lambda tx: records.create(tx, t, body["properties"], object_id=oid, user=current_user(),
                                                        associations=body.get("associations") or None))


@blp.route("/<object_type>/<object_id>")
class ObjectById(MethodView):
    @blp.arguments(ReadArgs(), location="query")
    @blp.response(200, ObjectSchema)
    def get(self, args, object_type, object_id):
        """Read one object (`properties`, `propertiesWithHistory`, `associations`, `idProperty`).

        A merged-away id returns the surviving object.
        """
        t = _type(object_type)

        def work(tx):
            obj = records.get(tx, t, object_id, properties=args.get("properties"),
                              properties_with_history=args.get("propertiesWithHistory"),
                              archived=args["archived"], id_property=args.get("idProperty"))
            return _with_associations(tx, t, [obj], args.get("associations"))[0]

        return get_db().read(work)

    @blp.arguments(UpdateInput())
    @blp.arguments(IdPropertyArgs(), location="query")
    @blp.response(200, ObjectSchema)
    def patch(self, body, args, object_type, object_id):
        """Update some properties of an object (only changed values get history)."""
        t = _type(object_type)
        return get_db().write(lambda tx: records.update(tx, t, object_id, body["properties"], user=current_user(),
                                                        id_property=args.get("idProperty")))

    @blp.response(204)
    def delete(self, object_type, object_id):
        """Archive an object (soft delete); 204 also when it does not exist, as HubSpot."""
        t = _type(object_type)
        get_db().write(lambda tx: records.archive(tx, t, [object_id]))


@blp.route("/<object_type>/batch/create")
class BatchCreate(MethodView):
    @blp.arguments(BatchCreateInput())
    @blp.response(201, ObjectBatchResponse)
    @blp.alt_response(207, schema=ObjectBatchResponse)
    def post(self, body, object_type):
        """Create up to 100 objects; any invalid input rejects the whole batch (400), nothing written."""
        t, started = _type(object_type), _iso_now()
        ids = _ids(len(body["inputs"]))
        results = get_db().write(lambda tx: records.create_many(tx, t, body["inputs"], object_ids=ids,
                                                                user=current_user()))
        return _batch(results, [], started)


@blp.route("/<object_type>/batch/read")
class BatchRead(MethodView):
    @blp.arguments(BatchReadInput())
    @blp.arguments(ReadArgs(), location="query")
    @blp.response(200, ObjectBatchResponse)
    @blp.alt_response(207, schema=ObjectBatchResponse)
    def post(self, body, args, object_type):
        """Read up to 100 objects by id or `idProperty`; missing ones are reported (207)."""
        t, started = _type(object_type), _iso_now()

        def work(tx):
            found, missing = [], []
            for inp in body["inputs"]:
                obj = records.find(tx, t, inp["id"], properties=body["properties"] or None,
                                   properties_with_history=body["propertiesWithHistory"] or None,
                                   archived=args["archived"], id_property=body.get("idProperty"))
                (found.append(obj) if obj else missing.append(inp["id"]))
            return found, missing

        found, missing = get_db().read(work)
        return _batch(found, [_missing_error(t, missing)] if missing else [], started)


@blp.route("/<object_type>/batch/update")
class BatchUpdate(MethodView):
    @blp.arguments(BatchUpdateInput())
    @blp.response(200, ObjectBatchResponse)
    @blp.alt_response(207, schema=ObjectBatchResponse)
    def post(self, body, object_type):
        """Update up to 100 objects; invalid values reject the batch (400), missing ids are a 207."""
        t, started, user = _type(object_type), _iso_now(), current_user()

        def work(tx):
            done, missing = [], []
            for i, inp in enumerate(body["inputs"]):
                try:
                    done.append(records.update(tx, t, inp["id"], inp["properties"], user=user,
                                               id_property=inp.get("idProperty"), prefix=f"inputs[{i}]."))
                except NotFound:
                    missing.append(inp["id"])  # raised before anything of this input is written
            return done, missing

        done, missing = get_db().write(work)
        return _batch(done, [_missing_error(t, missing)] if missing else [], started)


@blp.route("/<object_type>/batch/upsert")
class BatchUpsert(MethodView):
    @blp.arguments(BatchUpsertInput())
    @blp.response(200, ObjectBatchResponse)
    @blp.alt_response(207, schema=ObjectBatchResponse)
    def post(self, body, object_type):
        """Create or update up to 100 objects by `idProperty` (e.g. `email`); results carry `new`."""
        t, started, user = _type(object_type), _iso_now(), current_user()
        ids = _ids(len(body["inputs"]))

        def work(tx):
            out, missing = [], []
            for i, (inp, new_id) in enumerate(zip(body["inputs"], ids)):
                id_prop = inp.get("idProperty")
                existing = records.resolve_id(tx, t, inp["id"], id_prop)
                if existing and records.find(tx, t, existing):
                    obj = records.update(tx, t, existing, inp["properties"], user=user, prefix=f"inputs[{i}].")
                    out.append({**obj, "new": False})
                elif not id_prop or id_prop == "hs_object_id":
                    missing.append(inp["id"])  # an object id that does not exist cannot be created
                else:
                    properties = {**inp["properties"], id_prop: inp["id"]}
                    obj = records.create_many(tx, t, [{"properties": properties}], object_ids=[new_id], user=user,
                                              prefix=f"inputs[{i}]")[0]
                    out.append({**obj, "new": True})
            return out, missing

        out, missing = get_db().write(work)
        return _batch(out, [_missing_error(t, missing)] if missing else [], started)


@blp.route("/<object_type>/batch/archive")
class BatchArchive(MethodView):
    @blp.arguments(BatchArchiveInput())
    @blp.response(204)
    def post(self, body, object_type):
        """Archive up to 100 objects (204; unknown ids are ignored, as HubSpot)."""
        t = _type(object_type)
        get_db().write(lambda tx: records.archive(tx, t, [i["id"] for i in body["inputs"]]))


@blp.route("/<object_type>/search")
class Search(MethodView):
    @blp.arguments(ObjectSearchRequest())
    @blp.response(200, ObjectSearchResponse)
    def post(self, body, object_type):
        """Search: filterGroups ORed, filters in a group ANDed, one sort, free-text `query`, `total`."""
        t = _type(object_type)
        return get_db().read(lambda tx: search_rules.search(tx, t, body))

