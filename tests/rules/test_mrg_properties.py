"""The pure property rules of a merge (MRG-3 a–i, MRG-11), without a database."""
from __future__ import annotations

from app.rules.mrg_properties import MERGE_SOURCE, ContactState, decide

NOW = 2_000_000_000_000


def _side(cid, ts, **values):
    return ContactState(cid, values, {k: ts for k in values},
                        {k: [{"value": str(v), "timestamp": ts, "sourceType": "API"}] for k, v in values.items()})


def _decide(p, s):
    return decide(p, s, now=NOW, merge_ref="ev1")


def test_mrg3_default_newer_wins_tie_keeps_primary_value_beats_empty():
    d = _decide(_side("1", 10, firstname="A", lastname="P", jobtitle="X"),
                _side("2", 20, firstname="B", city="Oslo", jobtitle=""))
    assert (d["firstname"].value, d["firstname"].source, d["firstname"].ts) == ("B", "secondary", 20)
    assert d["city"].value == "Oslo" and d["lastname"].value == "P"
    assert d["jobtitle"].value == "X"  # an empty value never overwrites a filled one
    tie = _decide(_side("1", 10, firstname="A"), _side("2", 10, firstname="B"))
    assert tie["firstname"].value == "A"


def test_mrg3a_email_history_entry_only_when_secondary_newer():
    newer = _decide(_side("1", 10, email="p@x.com"), _side("2", 20, email="s@x.com"))
    assert newer["email"].value == "p@x.com" and newer["email"].history[0]["sourceType"] == MERGE_SOURCE
    assert newer["hs_additional_emails"].value == "s@x.com"
    older = _decide(_side("1", 20, email="p@x.com"), _side("2", 10, email="s@x.com"))
    assert [h["sourceType"] for h in older["email"].history] == ["API"] and older["email"].ts == 20
    none = _decide(_side("1", 20, firstname="P"), _side("2", 10, email="s@x.com"))
    assert none["email"].value == "s@x.com" and none.get("hs_additional_emails") is None


def test_mrg3a_additional_emails_united_without_repeats():
    p = _side("1", 10, email="p@x.com", hs_additional_emails="a@x.com")
    s = _side("2", 10, email="s@x.com", hs_additional_emails="A@x.com;p@x.com;b@x.com")
    assert _decide(p, s)["hs_additional_emails"].value == "a@x.com;s@x.com;b@x.com"


def test_mrg3b_lifecycle_furthest_down_funnel_other_ranks_lowest():
    assert _decide(_side("1", 20, lifecyclestage="lead"),
                   _side("2", 10, lifecyclestage="opportunity"))["lifecyclestage"].value == "opportunity"
    assert _decide(_side("1", 10, lifecyclestage="other"),
                   _side("2", 20, lifecyclestage="subscriber"))["lifecyclestage"].value == "subscriber"
    assert _decide(_side("1", 10, lifecyclestage="customer"),
                   _side("2", 20, lifecyclestage="lead"))["lifecyclestage"].value == "customer"


def test_mrg3c_createdate_oldest_value():
    assert _decide(_side("1", 10, createdate=500), _side("2", 20, createdate=100))["createdate"].value == 100


def test_mrg3d_f_sums_and_merge_history():
    d = _decide(_side("1", 10, num_conversion_events=3.0, hs_analytics_num_page_views=7.0),
                _side("2", 20, num_conversion_events=2.0, hs_analytics_num_page_views=1.0,
                      num_unique_conversion_events=4.0))
    assert d["num_conversion_events"].value == 5.0 and d["num_conversion_events"].rule == "MRG-3d"
    assert d["num_unique_conversion_events"].value == 4.0
    assert d["hs_analytics_num_page_views"].value == 8.0 and d["hs_analytics_num_page_views"].rule == "MRG-3f"
    assert d["hs_analytics_num_page_views"].history[0] == {**d["hs_analytics_num_page_views"].history[0],
                                                          "value": "8", "sourceType": MERGE_SOURCE,
                                                          "timestamp": NOW, "sourceId": "ev1"}


def test_mrg3e_most_marketable():
    d = _decide(_side("1", 20, hs_marketable_status="false"), _side("2", 10, hs_marketable_status="true"))
    assert d["hs_marketable_status"].value == "true"


def test_mrg3g_original_source_group_from_the_oldest_side():
    d = _decide(_side("1", 10, hs_analytics_source="DIRECT", hs_analytics_source_data_1="a"),
                _side("2", 20, hs_analytics_source="PAID", hs_analytics_source_data_1="b"))
    assert (d["hs_analytics_source"].value, d["hs_analytics_source_data_1"].value) == ("DIRECT", "a")


def test_mrg3h_email_information_from_primary_even_if_older():
    d = _decide(_side("1", 10, hs_email_optout=False, hs_email_bounce=0.0),
                _side("2", 20, hs_email_optout=True, hs_email_bounce=3.0))
    assert d["hs_email_optout"].value is False and d["hs_email_bounce"].value == 0.0
    assert d["hs_email_optout"].rule == "MRG-3h"


def test_mrg3i_legal_basis_both_combined_newest_first():
    d = _decide(_side("1", 10, hs_legal_basis="Legitimate interest"), _side("2", 20, hs_legal_basis="Consent"))
    assert d["hs_legal_basis"].value == "Consent;Legitimate interest"


def test_mrg11_sync_link_only_primary():
    assert _decide(_side("1", 10, firstname="a"), _side("2", 20, salesforcecontactid="SF"))[
        "salesforcecontactid"].value is None
    assert _decide(_side("1", 10, salesforcecontactid="P"),
                   _side("2", 20, salesforcecontactid="S"))["salesforcecontactid"].value == "P"


def test_mrg12_merged_ids_accumulate():
    d = _decide(_side("1", 10, hs_merged_object_ids="5;6"), _side("2", 20, hs_merged_object_ids="7"))
    assert d["hs_merged_object_ids"].value == "5;6;7;1;2"
