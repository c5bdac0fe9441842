"""The query registry is strict (aiosql-style): bad headers and parameters fail loading."""
import pytest

from app.cypher import RegistryError, load, parse

OK_HEADER = "// why\n// mode: read\n// returns: many\n"


def test_every_cypher_file_loads():
    reg = load()
    assert "schema/object_id_unique" in reg
    assert reg.get("ids/allocate_block").mode == "write"


@pytest.mark.parametrize("source, problem", [
    ("// mode: read\nRETURN 1", "returns"),
    ("// returns: one\nRETURN 1", "mode"),
    ("// mode: sometimes\n// returns: one\nRETURN 1", "mode"),
    (OK_HEADER + "RETURN $x", "undeclared"),
    (OK_HEADER + "// param y: int\nRETURN 1", "unused"),
    (OK_HEADER, "no Cypher"),
])
def test_broken_files_are_refused(source, problem):
    with pytest.raises(RegistryError, match=problem):
        parse("broken", source)


def test_dollar_in_string_literal_is_not_a_param():
    q = parse("q", OK_HEADER + "// param a: string\nMATCH (n:$($a)) WHERE n.x = '$notaparam' RETURN n")
    assert set(q.params) == {"a"}


def test_no_cypher_in_python_outside_cypher_folder():
    """Cypher lives only in cypher/: no MATCH/MERGE statements in app/, loaders/ or cli/."""
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parent.parent
    pattern = re.compile(r"""["'](\s*)(MATCH|MERGE|UNWIND|CREATE \(|CALL \{)\b""")

    def statements(path):
        # usage examples in --help text (`crmgraph query "MATCH …"`) are documentation, not queries
        return [line for line in path.read_text().splitlines()
                if pattern.search(line) and "crmgraph query" not in line]

    offenders = [str(p.relative_to(root)) for folder in ("app", "loaders", "cli")
                 for p in (root / folder).rglob("*.py") if statements(p)]
    assert offenders == []


def test_long_list_parameters_reach_neo4j_whole_but_are_not_formatted_for_the_driver_log(db, caplog):
    """`Query.run` wraps long list parameters in `cypher.Batch`: the driver formats every RUN's
    parameters for its DEBUG line even when that level is off, which cost more than packing a
    loader batch. The rows must still arrive unchanged."""
    import logging

    from app import cypher

    rows = [{"id": str(990_000 + i), "_n": 990_000 + i, "_type": "contacts",
             "firstname": f"batch-probe-{i}", "archived": False} for i in range(100)]
    groups = [{"labels": ["Object", "Record", "Contact"], "rows": rows}]
    with caplog.at_level(logging.DEBUG, logger="neo4j.io"):
        created = db.write(lambda tx: cypher.run(tx, "load/create_objects", groups=groups))
    assert created.nodes_created == 100
    runs = [r.getMessage() for r in caplog.records if " C: RUN " in r.getMessage() and "create" in r.getMessage().lower()]
    assert runs and all("<100 items>" in m and "batch-probe-" not in m for m in runs)
    got = db.read(lambda tx: cypher.run(tx, "load/lookup_records",
                                        rows=[{"i": i, "id": str(990_000 + i), "email": None, "domain": None}
                                              for i in range(100)]))
    assert sorted(int(g["id"]) for g in got) == [990_000 + i for i in range(100)]
    assert all(g["type"] == "contacts" for g in got)
    assert repr(cypher.Batch([1, 2])) == "<2 items>" and cypher.Batch([1, 2]) == [1, 2]
