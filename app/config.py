"""Where the app finds Neo4j and how it behaves; read once by `create_app`.

Order: explicit test/config dict → environment (`NEO4J_URI`, `NEO4J_USER`,
`NEO4J_PASSWORD`) → the project-local server in `.neo4j/home` (its generated password).
"""
from __future__ import annotations

import os

from app.localneo4j import LocalNeo4j


def neo4j_settings() -> dict:
    """URI, user and password of the Neo4j to use, by the order above."""
    if os.environ.get("NEO4J_URI"):
        return {"NEO4J_URI": os.environ["NEO4J_URI"],
                "NEO4J_USER": os.environ.get("NEO4J_USER", "neo4j"),
                "NEO4J_PASSWORD": os.environ.get("NEO4J_PASSWORD", "")}
    local = LocalNeo4j()
    password = local.password if local.password_file.exists() else ""
    return {"NEO4J_URI": local.uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": password}


def default_config() -> dict:
    """Every setting with its default; `create_app(config)` overrides any of them."""
    return {
        **neo4j_settings(),
        "NEO4J_DATABASE": os.environ.get("NEO4J_DATABASE", "neo4j"),
        "API_TITLE": "crmgraph",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/",
        "OPENAPI_JSON_PATH": "openapi.json",
        "PAGE_LIMIT_DEFAULT": 10,
        "PAGE_LIMIT_MAX": 100,
        "BATCH_MAX_INPUTS": 100,
        "TOKEN_CACHE_SECONDS": 30,
        "APPLY_SCHEMA_ON_START": True,
    }
