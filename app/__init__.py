"""crmgraph: an association engine for CRM data on Neo4j that speaks HubSpot's CRM API."""
from __future__ import annotations

import importlib
import pkgutil

from flask import Flask
from flask_smorest import Api

__all__ = ["create_app"]


def create_app(config: dict | None = None) -> Flask:
    """Build the app: config → Neo4j driver → schema → API blueprints → errors → auth.

    :param config: overrides for `app.config.default_config()` (tests pass a dict).
    """
    from app import auth, cypher, db, errors, schema
    from app.config import default_config
    from app.ids import IdAllocator

    app = Flask(__name__)
    app.config.update(default_config())
    app.config.update(config or {})
    app.json.sort_keys = False
    cypher.registry()  # strict: a broken .cypher file stops start-up here
    db.init_app(app)
    database = app.extensions["neo4j"]
    app.extensions["ids"] = IdAllocator(database, "objects")
    if app.config["APPLY_SCHEMA_ON_START"]:
        schema.init_database(database)
    api = Api(app, spec_kwargs={"info": {"description": "HubSpot-compatible CRM API on Neo4j"}})
    app.extensions["crmgraph_api"] = api
    for module in _api_modules():
        if hasattr(module, "blp"):
            api.register_blueprint(module.blp)
    errors.register_error_handlers(app)
    auth.init_app(app)
    return app


def _api_modules():
    """Every `app/api/*.py` module, in name order: a blueprint module registers by existing."""
    import app.api as api_pkg

    for info in sorted(pkgutil.iter_modules(api_pkg.__path__), key=lambda i: i.name):
        if not info.name.startswith("_"):
            yield importlib.import_module(f"app.api.{info.name}")
