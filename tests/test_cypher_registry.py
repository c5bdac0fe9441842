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
