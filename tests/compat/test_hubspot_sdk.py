"""HubSpot's official Python SDK (hubspot-api-client 12.0.0) against crmgraph over real HTTP.

Exactly the check of issue 2 ("How it is checked"): create contacts and companies, set a
Primary association (type 1), create a user-defined paired label and use it, read a contact
with `associations=["companies"]`, search by email, batch-create 100 contacts and page
through them all with `get_all()`. Every SDK call must get HubSpot's status code, or the SDK
silently returns None — so each result is asserted.
"""
from __future__ import annotations

import pytest

hubspot = pytest.importorskip("hubspot")

from hubspot.crm.associations.v4 import AssociationSpec  # noqa: E402
from hubspot.crm.associations.v4.schema import PublicAssociationDefinitionCreateRequest  # noqa: E402
from hubspot.crm.companies import SimplePublicObjectInputForCreate as CompanyInput  # noqa: E402
from hubspot.crm.contacts import (BatchInputSimplePublicObjectBatchInputForCreate, Filter, FilterGroup,  # noqa: E402
                                  PublicObjectSearchRequest, SimplePublicObjectBatchInputForCreate,
                                  SimplePublicObjectInputForCreate)
from hubspot.crm.contacts.exceptions import ApiException  # noqa: E402


@pytest.fixture
def sdk(live_server, admin_token):
    return hubspot.Client.create(access_token=admin_token, host=live_server)


def test_sdk_contacts_companies_primary_labels_search_batch_and_get_all(sdk):
    # contacts and companies
    ada = sdk.crm.contacts.basic_api.create(SimplePublicObjectInputForCreate(
        properties={"email": "ada@example.com", "firstname": "Ada", "lastname": "Lovelace"}))
    assert ada is not None and ada.id and ada.properties["email"] == "ada@example.com"
    acme = sdk.crm.companies.basic_api.create(CompanyInput(properties={"name": "Acme", "domain": "acme.example"}))
    globex = sdk.crm.companies.basic_api.create(CompanyInput(properties={"name": "Globex"}))
    assert acme is not None and globex is not None

    # Primary company (type 1), HUBSPOT_DEFINED
    pair = sdk.crm.associations.v4.basic_api.create(
        "contacts", ada.id, "companies", acme.id,
        [AssociationSpec(association_category="HUBSPOT_DEFINED", association_type_id=1)])
    assert pair is not None and pair.labels == ["Primary"]
    assert str(pair.from_object_id) == ada.id and str(pair.to_object_id) == acme.id

    # a second Primary is refused
    with pytest.raises(Exception) as err:
        sdk.crm.associations.v4.basic_api.create(
            "contacts", ada.id, "companies", globex.id,
            [AssociationSpec(association_category="HUBSPOT_DEFINED", association_type_id=1)])
    assert getattr(err.value, "status", None) == 400

    # a user-defined paired label, used from the company side
    created = sdk.crm.associations.v4.schema.definitions_api.create(
        "contacts", "companies",
        PublicAssociationDefinitionCreateRequest(label="Former employee", name="former_employee",
                                                 inverse_label="Former employer"))
    assert created is not None and len(created.results) == 2
    fwd = next(r for r in created.results if r.label == "Former employee")
    inv = next(r for r in created.results if r.label == "Former employer")
    used = sdk.crm.associations.v4.basic_api.create(
        "companies", globex.id, "contacts", ada.id,
        [AssociationSpec(association_category="USER_DEFINED", association_type_id=inv.type_id)])
    assert used is not None and used.labels == ["Former employer"]
    labels = sdk.crm.associations.v4.schema.definitions_api.get_all("contacts", "companies")
    assert fwd.type_id in {r.type_id for r in labels.results}

    page = sdk.crm.associations.v4.basic_api.get_page("contacts", ada.id, "companies")
    by_company = {r.to_object_id: {t.type_id for t in r.association_types} for r in page.results}
    assert by_company == {acme.id: {279, 1}, globex.id: {279, fwd.type_id}}

    # read with associations=companies (v3 names)
    read = sdk.crm.contacts.basic_api.get_by_id(ada.id, associations=["companies"])
    assert read is not None
    entries = {(a.id, a.type) for a in read.associations["companies"].results}
    assert entries == {(acme.id, "contact_to_company"), (acme.id, "contact_to_company_unlabeled"),
                       (globex.id, "contact_to_company_unlabeled"), (globex.id, "former_employee")}

    # search by email
    found = sdk.crm.contacts.search_api.do_search(PublicObjectSearchRequest(
        filter_groups=[FilterGroup(filters=[Filter(property_name="email", operator="EQ", value="ada@example.com")])],
        properties=["email", "firstname"]))
    assert found is not None and found.total == 1 and found.results[0].id == ada.id

    # batch-create 100 contacts, then page through every contact with get_all()
    batch = sdk.crm.contacts.batch_api.create(BatchInputSimplePublicObjectBatchInputForCreate(inputs=[
        SimplePublicObjectBatchInputForCreate(properties={"email": f"bulk{i}@example.com", "firstname": f"Bulk {i}"})
        for i in range(100)]))
    assert batch is not None and batch.status == "COMPLETE" and len(batch.results) == 100
    everyone = sdk.crm.contacts.get_all()
    emails = {c.properties["email"] for c in everyone}
    assert len(everyone) == 101 and len(emails) == 101
    assert {f"bulk{i}@example.com" for i in range(100)} <= emails

    # the SDK's archive of an association answers 204 (None) and it is gone
    assert sdk.crm.associations.v4.basic_api.archive("contacts", ada.id, "companies", globex.id) is None
    page = sdk.crm.associations.v4.basic_api.get_page("contacts", ada.id, "companies")
    assert [r.to_object_id for r in page.results] == [acme.id]


def test_sdk_bad_token_is_401(live_server):
    client = hubspot.Client.create(access_token="pat-wrong", host=live_server)
    with pytest.raises(ApiException) as err:
        client.crm.contacts.basic_api.get_page()
    assert err.value.status == 401
