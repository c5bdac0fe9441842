"""Deterministic synthetic CRM files: contacts, companies, deals, activities, associations.

Same seed and size → byte-identical files. Skew like real CRMs: companies are picked with a
power law (a few companies hold thousands of contacts), deals pick their contact the same
way (contacts have 0–50+ deals), activities are long-tailed over contacts. Everything is
streamed to disk row by row, so size M (≈1M contacts, 5M activities, ≈10M associations)
needs little memory; it takes minutes, dominated by CSV writing.

Ids are disjoint numeric ranges per type (HubSpot-style numeric strings). Association files
are one per object-type pair, in the loader's association format, with HubSpot's type ids.
"""
from __future__ import annotations

import csv
import json
import random
from dataclasses import dataclass
from pathlib import Path

__all__ = ["SIZES", "Size", "generate"]


@dataclass(frozen=True)
class Size:
    contacts: int
    companies: int
    deals: int
    activities: int


SIZES = {
    "XS": Size(500, 50, 500, 2_000),
    "S": Size(10_000, 1_000, 10_000, 50_000),
    "M": Size(1_000_000, 100_000, 1_000_000, 5_000_000),
    "M10": Size(100_000, 10_000, 100_000, 500_000),   # a tenth of M: steady-state figures in minutes, not an hour
}
BASE = {"companies": 10_000_000, "contacts": 20_000_000, "deals": 40_000_000, "activities": 60_000_000}
FIRST = ["Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Tim", "Margaret", "Linus"]
LAST = ["Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Perlman", "Lee"]
STAGES = ["appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin",
          "contractsent", "closedwon", "closedlost"]
LIFECYCLE = ["subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer"]
INDUSTRIES = ["SOFTWARE", "RETAIL", "BANKING", "HEALTHCARE", "EDUCATION"]
# activity type → (CSV type value, type id activity → contact, → company, → deal)
ACTIVITIES = [("CALL", "calls", 194, 182, 206), ("EMAIL", "emails", 198, 186, 210), ("NOTE", "notes", 202, 190, 214),
              ("MEETING", "meetings", 200, 188, 212), ("TASK", "tasks", 204, 192, 216)]
T0 = 1_672_531_200_000  # 2023-01-01T00:00:00Z
ASSOC_HEADER = ["fromObjectType", "fromId", "toObjectType", "toId", "associationTypeId"]


def _skewed(rng: random.Random, n: int, power: float) -> int:
    """An index in [0, n) biased towards 0: power 1 is uniform, higher is more skewed."""
    return min(n - 1, int(n * rng.random() ** power))


class _Writer:
    def __init__(self, path: Path, header: list[str]):
        self.f = open(path, "w", newline="", encoding="utf-8")
        self.w = csv.writer(self.f)
        self.w.writerow(header)
        self.rows = 0

    def row(self, values) -> None:
        self.w.writerow(values)
        self.rows += 1

    def close(self) -> int:
        self.f.close()
        return self.rows


def generate(size: str, seed: int, out: Path | str) -> dict:
    """Write the dataset into `out`; returns {file name: rows}. Also writes `mapping.json`."""
    s = SIZES[size]
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    counts = {}
    co = _Writer(out / "companies.csv", ["Record ID", "Company Name", "Company Domain Name", "Industry",
                                        "Number of Employees", "Create Date"])
    for i in range(s.companies):
        cid = BASE["companies"] + i
        co.row([cid, f"Company {i}", f"company{i}.example", rng.choice(INDUSTRIES), rng.randint(1, 5000),
                T0 + i * 1000])
    counts["companies.csv"] = co.close()

    ct = _Writer(out / "contacts.csv", ["Record ID", "First Name", "Last Name", "Email", "Lifecycle Stage",
                                       "Job Title", "Create Date"])
    cc = _Writer(out / "assoc_contact_company.csv", ASSOC_HEADER)
    for i in range(s.contacts):
        cid = BASE["contacts"] + i
        ct.row([cid, rng.choice(FIRST), rng.choice(LAST), f"contact{i}@mail{i % 97}.example",
                rng.choice(LIFECYCLE), "Engineer" if i % 3 else "Manager", T0 + i * 100])
        if rng.random() < 0.95:  # most contacts have a primary company; the biggest have thousands
            cc.row(["contacts", cid, "companies", BASE["companies"] + _skewed(rng, s.companies, 3), "279;1"])
    counts["contacts.csv"], counts["assoc_contact_company.csv"] = ct.close(), cc.close()

    de = _Writer(out / "deals.csv", ["Record ID", "Deal Name", "Amount", "Deal Stage", "Close Date", "Create Date"])
    dc = _Writer(out / "assoc_deal_contact.csv", ASSOC_HEADER)
    dco = _Writer(out / "assoc_deal_company.csv", ASSOC_HEADER)
    for i in range(s.deals):
        did = BASE["deals"] + i
        stage = rng.choice(STAGES)
        de.row([did, f"Deal {i}", round(rng.uniform(100, 100_000), 2), stage,
                T0 + 86_400_000 * rng.randint(0, 700), T0 + i * 100])
        dc.row(["deals", did, "contacts", BASE["contacts"] + _skewed(rng, s.contacts, 2), 3])
        dco.row(["deals", did, "companies", BASE["companies"] + _skewed(rng, s.companies, 3), "341;5"])
    counts["deals.csv"], counts["assoc_deal_contact.csv"], counts["assoc_deal_company.csv"] = \
        de.close(), dc.close(), dco.close()

    ac = _Writer(out / "activities.csv", ["Record ID", "type", "Activity date", "Create Date"])
    acc = _Writer(out / "assoc_activity_contact.csv", ASSOC_HEADER)
    aco = _Writer(out / "assoc_activity_company.csv", ASSOC_HEADER)
    for i in range(s.activities):
        aid = BASE["activities"] + i
        kind, name, to_contact, to_company, _to_deal = ACTIVITIES[_skewed(rng, len(ACTIVITIES), 1.5)]
        ts = T0 + rng.randint(0, 700 * 86_400) * 1000
        ac.row([aid, kind, ts, ts])
        acc.row([name, aid, "contacts", BASE["contacts"] + _skewed(rng, s.contacts, 4), to_contact])
        if rng.random() < 0.3:
            aco.row([name, aid, "companies", BASE["companies"] + _skewed(rng, s.companies, 3), to_company])
    counts["activities.csv"], counts["assoc_activity_contact.csv"], counts["assoc_activity_company.csv"] = \
        ac.close(), acc.close(), aco.close()

    files = [{"path": "companies.csv", "type": "companies"}, {"path": "contacts.csv", "type": "contacts"},
             {"path": "deals.csv", "type": "deals"}, {"path": "activities.csv", "type": "activities"}]
    files += [{"path": n, "type": "associations"} for n in sorted(counts) if n.startswith("assoc_")]
    (out / "mapping.json").write_text(json.dumps({"files": files}, indent=2) + "\n")
    (out / "manifest.json").write_text(json.dumps({"size": size, "seed": seed, "rows": counts}, indent=2) + "\n")
    return counts
