"""`crmgraph load` from the command line: summary, rejects, dry run, clear errors."""
import json

from cli.main import cli
from tests.loaders.helpers import graph_counts, run_cypher, write_csv


def _contacts(tmp_path):
    return write_csv(tmp_path / "contacts.csv", ["Record ID", "Email", "First Name", "Number of pageviews"],
                     [["1001", "a@x.com", "A", "3"], ["1002", "b@x.com", "B", "lots"]])


def test_load_prints_summary_and_writes_rejects(cli_env, runner, db, tmp_path):
    f, rejects = _contacts(tmp_path), tmp_path / "bad.jsonl"
    result = runner.invoke(cli, ["load", str(f), "--rejects", str(rejects), "--checkpoint", str(tmp_path / "c.json"),
                                 "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "read 2 rows" in result.stdout and "1 created" in result.stdout and "1 rejected (wrong_type 1)" in result.stdout
    entry = json.loads(rejects.read_text())
    assert entry["line"] == 3 and entry["kind"] == "wrong_type" and entry["row"]["Record ID"] == "1002"
    assert not (tmp_path / "c.json").exists()  # a finished load leaves no checkpoint


def test_load_dry_run_writes_nothing(cli_env, runner, db, tmp_path):
    before = graph_counts(db)
    result = runner.invoke(cli, ["load", str(_contacts(tmp_path)), "--dry-run", "--rejects", str(tmp_path / "r.jsonl"),
                                 "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "dry run, nothing written" in result.stdout
    assert graph_counts(db) == before


def test_load_with_mapping_file(cli_env, runner, db, tmp_path):
    write_csv(tmp_path / "people.csv", ["Mail", "Given", "Internal"], [["m@x.com", "Mo", "secret"]])
    mapping = tmp_path / "m.json"
    mapping.write_text(json.dumps({"files": [{"path": "people.csv", "type": "contacts", "key": "email",
                                              "columns": {"Mail": "email", "Given": "firstname", "Internal": None}}]}))
    result = runner.invoke(cli, ["load", "--mapping", str(mapping), "--rejects", str(tmp_path / "r.jsonl"),
                                 "--no-progress"])
    assert result.exit_code == 0, result.output
    assert run_cypher(db, "MATCH (c:Contact) RETURN c.email AS e, c.firstname AS f, c.Internal AS i") == \
        [{"e": "m@x.com", "f": "Mo", "i": None}]


def test_load_errors_are_one_line_without_traceback(cli_env, runner, tmp_path):
    f = write_csv(tmp_path / "stuff.csv", ["a"], [["1"]])
    result = runner.invoke(cli, ["load", str(f)])
    assert result.exit_code == 2 and "cannot tell what it holds" in result.output
    assert "Traceback" not in result.output


def test_initial_refuses_a_remote_server(cli_env, runner, tmp_path):
    result = runner.invoke(cli, ["load", "--initial", str(_contacts(tmp_path))])
    assert result.exit_code == 1 and "remote server" in result.output


def test_bench_load_refuses_an_unknown_way_in_one_line(runner):
    result = runner.invoke(cli, ["bench", "load", "--ways", "loader,fastest"])
    assert result.exit_code == 2
    assert "fastest: choose from loader, load-csv, initial" in result.output
    assert "Traceback" not in result.output
