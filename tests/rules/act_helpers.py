"""Builders for the ACT tests: real records (through `app.rules.records`) and real associations
(through `app.rules.associations`), so the engine is tested against the graph the API writes."""
from __future__ import annotations

from app.rules import act, associations, records

_CREATED = [1_000]


class Crm:
    """A tiny CRM builder bound to the test app's database and id allocator."""

    def __init__(self, app, db):
        self.app, self.db = app, db

    def _id(self) -> str:
        return self.app.extensions["ids"].one()

    def create(self, object_type: str, **props) -> str:
        oid = self._id()
        _CREATED[0] += 1
        props.setdefault("createdate", str(_CREATED[0]))  # strictly increasing: "most recently created" is stable
        self.db.write(lambda tx: records.create(tx, object_type, {k: str(v) for k, v in props.items()}, object_id=oid))
        return oid

    def contact(self, name="Ada", **props) -> str:
        return self.create("contacts", firstname=name, **props)

    def company(self, name="Acme", **props) -> str:
        return self.create("companies", name=name, **props)

    def deal(self, name="Deal", stage="appointmentscheduled", **props) -> str:
        return self.create("deals", dealname=name, dealstage=stage, **props)

    def ticket(self, subject="Help", stage="1", **props) -> str:
        return self.create("tickets", subject=subject, hs_pipeline_stage=stage, **props)

    def link(self, from_type, from_id, to_type, to_id, types=()):
        return self.db.write(lambda tx: associations.associate(tx, from_type, from_id, to_type, to_id, list(types)))

    def primary(self, object_type, object_id, company_id):
        return self.db.write(lambda tx: associations.set_primary_company(tx, object_type, object_id, company_id))

    def log(self, record_type, record_id, activity_type="notes", source="CRM_UI", properties=None, user=None,
            **kw) -> dict:
        aid = self._id()
        return act.log(self.db, record_type, record_id, activity_type, properties or {}, source=source,
                       activity_id=aid, user=user, **kw)

    def records_of(self, activity_id) -> dict[tuple[str, str], str]:
        """{(objectType, id): rule} of every record the activity is associated with."""
        _, rows = self.db.read(lambda tx: act.activity_records(tx, activity_id))
        return {(r["objectType"], r["id"]): r["rule"] for r in rows}

    def contact_with_crm(self, n_deals=2, closed=0):
        """A contact with a primary company and `n_deals` open (+ `closed` closed) deals."""
        c, co = self.contact(), self.company()
        self.primary("contacts", c, co)
        deals = [self.deal(f"D{i}") for i in range(n_deals)]
        for d in deals:
            self.link("contacts", c, "deals", d)
        for i in range(closed):
            self.link("contacts", c, "deals", self.deal(f"Closed{i}", stage="closedwon"))
        return c, co, deals
