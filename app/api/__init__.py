"""HTTP API: one flask-smorest Blueprint per module, each exported as `blp`.

`create_app` registers every module here that defines `blp`, so a new domain adds a file
and touches nothing else. Views parse input with marshmallow schemas (`@blp.arguments`)
and call `app.rules`/`app.repo`; no Cypher and no driver here.
"""
