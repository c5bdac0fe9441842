"""Bad rows go to the rejects file with line and reason; good rows around them load."""
import json

import pytest

from tests.loaders.helpers import load, run_cypher, write_csv


def _rejects(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


@pytest.mark.parametrize("header, bad_row, kind, reason_part", [
    (["Record ID", "Email", "Number of form submissions"], ["1002", "b@x.com", "many"], "wrong_type", "not a valid number"),
    (["Record ID", "Email", "favourite_colour"], ["1002", "b@x.com", "blue"], "unknown_property", "favourite_colour"),
    (["Record ID", "Email", "First Name"], ["", "", "Nobody"], "missing_key", "no id"),
    (["Record ID", "Email", "Associated Company IDs"], ["1002", "b@x.com", "777"], "dangling_association", "777"),
    (["Record ID", "Email", "First Name"], ["abc", "b@x.com", "B"], "wrong_type", "numeric"),
])
def test_each_kind_of_bad_row_is_rejected_and_good_rows_load(db, tmp_path, header, bad_row, kind, reason_part):
    good = ["1001", "a@x.com"] + [""] * (len(header) - 2)
    good2 = ["1003", "c@x.com"] + [""] * (len(header) - 2)
    f = write_csv(tmp_path / "contacts.csv", header, [good, bad_row, good2])
    rejects = tmp_path / "r.jsonl"
    summary = load(db, [f], rejects=rejects, batch_size=2)
    entries = _rejects(rejects)
    assert [(e["line"], e["kind"]) for e in entries] == [(3, kind)]
    assert reason_part in entries[0]["reason"] and entries[0]["row"][header[1]] == bad_row[1]
    ids = {r["id"] for r in run_cypher(db, "MATCH (c:Contact) RETURN c.id AS id")}
    assert {"1001", "1003"} <= ids
    assert summary.rejected == 1


def test_email_owned_by_another_contact_is_rejected(db, tmp_path):
    f = write_csv(tmp_path / "contacts.csv", ["Record ID", "Email"], [["1001", "a@x.com"], ["1002", "a@x.com"]])
    rejects = tmp_path / "r.jsonl"
    load(db, [f], rejects=rejects)
    (entry,) = _rejects(rejects)
    assert entry["kind"] == "duplicate_key" and "1001" in entry["reason"]


def test_association_file_rejects_unknown_type_and_dangling_end(db, tmp_path):
    c = write_csv(tmp_path / "contacts.csv", ["Record ID", "Email"], [["1001", "a@x.com"]])
    co = write_csv(tmp_path / "companies.csv", ["Record ID", "Company Name"], [["2001", "Acme"]])
    a = write_csv(tmp_path / "associations.csv", ["fromObjectType", "fromId", "toObjectType", "toId", "associationTypeId"],
                  [["contacts", "1001", "companies", "2001", "279"], ["contacts", "1001", "companies", "2001", "9999"],
                   ["contacts", "1001", "companies", "4242", ""], ["spaceships", "1", "companies", "2001", ""]])
    rejects = tmp_path / "r.jsonl"
    load(db, [c, co, a], rejects=rejects)
    kinds = sorted((e["line"], e["kind"]) for e in _rejects(rejects))
    assert kinds == [(3, "wrong_type"), (4, "dangling_association"), (5, "wrong_type")]
    assert run_cypher(db, "MATCH ()-[r:CONTACT_COMPANY]->() RETURN r.types AS t") == [{"t": [279]}]
