"""HubSpot's associations v4 API for records (`/crm/v4/objects/.../associations`, batch
`/crm/v4/associations/{from}/{to}/batch/*`) and crmgraph's change-primary-company route.

Status codes are HubSpot's exactly (the SDK picks its response model by status): default
PUT 200, labelled PUT 201, list 200, delete 204, batch create 201/207, batch read 200/207,
batch associate-default 200/207, batch archives 204. Every rule lives in `app.rules.associations`.
"""
from __future__ import annotations

from datetime import datetime, timezone

from flask.views import MethodView
from flask_smorest import Blueprint

from app.auth import current_user
from app.db import get_db
from app.errors import ValidationFailed
from app.rules import associations as rules
from app.schemas import associations as s

blp = Blueprint("associations_v4", __name__, description="Associations v4: record associations")

_OBJ = "/crm/v4/objects/<object_type>/<object_id>/associations"
_BATCH = "/crm/v4/associations/<from_type>/<to_type>/batch"


def _iso(ms: int | None = None) -> str:
    dt = datetime.now(timezone.utc) if ms is None else datetime.fromtimestamp(ms / 1000, timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def _num(object_id: str):
    """v4 ids are numbers where HubSpot's are."""
    return int(object_id) if str(object_id).isdigit() else object_id


def _type(name: str, field: str):
    """Resolve a path segment: built-ins from memory, custom types from the graph if needed."""
    try:
        return rules.resolve_type(name, field)
    except ValidationFailed:
        return get_db().read(lambda tx: rules.resolve_type(name, field, tx))


def _provenance() -> dict:
    """v4 calls are manual associations (ACT-6) by the calling user."""
    user = current_user() or {}
    return {"rule": "manual", "by": user.get("id"), "at": rules.now_ms()}


def _batch(results: list, missing: list[str], started: str) -> tuple[dict, int | None]:
    """HubSpot's BatchResponse; with missing ids a 207 carrying one OBJECT_NOT_FOUND error."""
    body = {"status": "COMPLETE", "results": results, "startedAt": started, "completedAt": _iso()}
    if not missing:
        return body, None
    body["numErrors"] = 1
    body["errors"] = [{"status": "error", "category": "OBJECT_NOT_FOUND",
                       "message": f"Object not found: {', '.join(missing)}", "context": {"ids": missing},
                       "errors": [], "links": {}}]
    return body, 207


def _default_entries(result: dict, ft, tt, pt_specs) -> list[dict]:
    """The unlabelled association in both directions (HubSpot answers with one per direction)."""
    fwd, inv = pt_specs
    return [{"from": {"id": result["fromId"]}, "to": {"id": result["toId"]},
             "associationSpec": {"associationCategory": fwd["category"], "associationTypeId": fwd["typeId"]}},
            {"from": {"id": result["toId"]}, "to": {"id": result["fromId"]},
             "associationSpec": {"associationCategory": inv["category"], "associationTypeId": inv["typeId"]}}]


def _associate_default_many(tx, from_type, to_type, pairs, skip_missing=True):
    results, missing = rules.associate_many(tx, from_type, to_type, pairs, provenance=_provenance(),
                                            skip_missing=skip_missing)
    ft, tt = rules.resolve_type(from_type, "fromObjectType", tx), rules.resolve_type(to_type, "toObjectType", tx)
    labels = rules.labels_of(tx, ft, tt)
    unl = labels.unlabelled(ft.name, tt.name)
    specs = (labels.spec(unl), labels.spec(labels.inverse(unl)))
    return [e for r in results for e in _default_entries(r, ft, tt, specs)], missing


def _labels_between(ft, tt, result: dict) -> dict:
    return {"fromObjectTypeId": ft.type_id, "fromObjectId": _num(result["fromId"]),
            "toObjectTypeId": tt.type_id, "toObjectId": _num(result["toId"]),
            "labels": [spec["label"] for spec in result["specs"] if spec["label"]]}


def _to_entry(r: dict) -> dict:
    return {"toObjectId": _num(r["toObjectId"]), "associationTypes": r["specs"]}


@blp.route(_OBJ + "/default/<to_type>/<to_id>")
class DefaultAssociation(MethodView):
    @blp.response(200, s.V4BatchResponseSchema)
    def put(self, object_type, object_id, to_type, to_id):
        """Associate two records with the default (unlabelled) type"""
        started = _iso()
        entries, _ = get_db().write(_associate_default_many, object_type, to_type,
                                    [rules.Pair(object_id, to_id, [])], skip_missing=False)
        return _batch(entries, [], started)[0]


@blp.route(_OBJ + "/<to_type>/<to_id>")
class LabelledAssociation(MethodView):
    @blp.arguments(s.V4AssociationSpecSchema(many=True))
    @blp.response(201, s.V4LabelsBetweenSchema)
    def put(self, specs, object_type, object_id, to_type, to_id):
        """Associate two records with the given types (body: a bare JSON array of specs)"""
        ft, tt = _type(object_type, "fromObjectType"), _type(to_type, "toObjectType")
        result = get_db().write(rules.associate, ft, object_id, tt, to_id, specs, provenance=_provenance())
        return _labels_between(ft, tt, result)

    @blp.response(204)
    def delete(self, object_type, object_id, to_type, to_id):
        """Remove every association type between two records"""
        get_db().write(rules.remove, _type(object_type, "fromObjectType"), object_id, _type(to_type, "toObjectType"), to_id)


@blp.route(_OBJ + "/<to_type>")
class AssociationList(MethodView):
    @blp.arguments(s.V4ListArgsSchema(), location="query")
    @blp.response(200, s.V4AssociationPageSchema)
    def get(self, args, object_type, object_id, to_type):
        """List a record's associations to an object type, paged"""
        page = get_db().read(rules.list_associations, _type(object_type, "fromObjectType"), object_id,
                             _type(to_type, "toObjectType"), args["after"], args["limit"])
        body = {"results": [_to_entry(r) for r in page["results"]]}
        if page["after"]:
            body["paging"] = {"next": {"after": page["after"], "link": f"?after={page['after']}"}}
        return body


@blp.route(_BATCH + "/associate/default")
class BatchDefault(MethodView):
    @blp.arguments(s.V4BatchDefaultSchema())
    @blp.response(200, s.V4BatchResponseSchema)
    def post(self, body, from_type, to_type):
        """Associate many pairs with the default (unlabelled) type"""
        started = _iso()
        pairs = [rules.Pair(i["from_"]["id"], i["to"]["id"], []) for i in body["inputs"]]
        entries, missing = get_db().write(_associate_default_many, from_type, to_type, pairs)
        return _batch(entries, missing, started)


@blp.route(_BATCH + "/create")
class BatchCreate(MethodView):
    @blp.arguments(s.V4BatchMultiPostSchema())
    @blp.response(201, s.V4BatchResponseSchema)
    def post(self, body, from_type, to_type):
        """Associate many pairs with the given types"""
        started = _iso()
        ft, tt = _type(from_type, "fromObjectType"), _type(to_type, "toObjectType")
        pairs = [rules.Pair(i["from_"]["id"], i["to"]["id"], i["types"]) for i in body["inputs"]]

        def work(tx):
            results, missing = rules.associate_many(tx, ft, tt, pairs, provenance=_provenance(), skip_missing=True)
            return rules.with_specs(tx, ft, tt, results), missing

        results, missing = get_db().write(work)
        return _batch([_labels_between(ft, tt, r) for r in results], missing, started)


@blp.route(_BATCH + "/read")
class BatchRead(MethodView):
    @blp.arguments(s.V4BatchFetchSchema())
    @blp.response(200, s.V4BatchResponseSchema)
    def post(self, body, from_type, to_type):
        """Read the associations of many records to an object type"""
        started = _iso()
        results, missing = get_db().read(rules.batch_read, _type(from_type, "fromObjectType"),
                                         _type(to_type, "toObjectType"), body["inputs"])
        out = []
        for r in results:
            item = {"from": {"id": r["fromId"]}, "to": [_to_entry(t) for t in r["to"]]}
            if r["after"]:
                item["paging"] = {"next": {"after": r["after"]}}
            out.append(item)
        return _batch(out, missing, started)


@blp.route(_BATCH + "/archive")
class BatchArchive(MethodView):
    @blp.arguments(s.V4BatchMultiArchiveSchema())
    @blp.response(204)
    def post(self, body, from_type, to_type):
        """Remove every association between many pairs"""
        pairs = [(i["from_"]["id"], t["id"]) for i in body["inputs"] for t in i["to"]]
        get_db().write(rules.remove_many, _type(from_type, "fromObjectType"), _type(to_type, "toObjectType"), pairs)


@blp.route(_BATCH + "/labels/archive")
class BatchLabelsArchive(MethodView):
    @blp.arguments(s.V4BatchMultiPostSchema())
    @blp.response(204)
    def post(self, body, from_type, to_type):
        """Remove only the given types from many pairs (the unlabelled type removes the pair)"""
        pairs = [rules.Pair(i["from_"]["id"], i["to"]["id"], i["types"]) for i in body["inputs"]]
        get_db().write(rules.remove_labels_many, _type(from_type, "fromObjectType"), _type(to_type, "toObjectType"), pairs)


@blp.route("/crmgraph/v1/objects/<object_type>/<object_id>/primary-company/<company_id>")
class PrimaryCompany(MethodView):
    @blp.response(200, s.V4LabelsBetweenSchema)
    def put(self, object_type, object_id, company_id):
        """Make a company the Primary company of a contact, deal or ticket (the old one stays associated)"""
        ft, co = _type(object_type, "fromObjectType"), _type("companies", "toObjectType")
        result = get_db().write(rules.set_primary_company, ft, object_id, company_id, provenance=_provenance())
        return _labels_between(ft, co, result)
