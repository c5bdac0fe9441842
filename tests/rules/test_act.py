"""ACT rules: auto-association of activities (SPEC ACT-1 … ACT-8), one test per rule/exception."""
from __future__ import annotations

import pytest

from tests.rules.act_helpers import Crm


@pytest.fixture
def crm(app, db):
    return Crm(app, db)


def test_act3_contact_activity_gets_primary_company_and_open_deals(crm):
    c, co, deals = crm.contact_with_crm(n_deals=2, closed=1)
    out = crm.log("contacts", c)
    got = crm.records_of(out["activity"]["id"])
    assert got == {("contacts", c): "ACT-1", ("companies", co): "ACT-3",
                   ("deals", deals[0]): "ACT-3", ("deals", deals[1]): "ACT-3"}
