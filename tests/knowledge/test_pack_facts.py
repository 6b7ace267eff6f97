"""Pins key facts of the bundled pack against the team's facts file, so an edit cannot quietly break them."""

import datetime as dt
import json
import re

import pytest
from typer.testing import CliRunner

from knowledge.loader import load_pack
from knowledge.model import Kind, Status


@pytest.fixture(scope="module")
def pack():
    return {d.id: d for d in load_pack()}


def section(pack, doc_id, ref):
    return next(s for s in pack[doc_id].sections if s.ref == ref)


def text_of(pack, doc_id, ref):
    s = section(pack, doc_id, ref)
    return f"{s.title}\n{s.text}\n{s.notes}"


AIS, CCS = "ais-conduct-rules-1968", "ccs-conduct-rules-1964"


def test_ais_rule_list_is_complete(pack):
    rules = {s.rule_key for s in pack[AIS].sections}
    expected = {f"AIS {n}" for n in [*range(1, 24), "11A", "13A", "16A", "17A", "19A"]}
    assert expected <= rules


def test_no_ais_3a_3b_3c_but_ccs_has_them(pack):
    ais_keys = {s.rule_key for s in pack[AIS].sections}
    assert not {"AIS 3A", "AIS 3B", "AIS 3C"} & ais_keys
    assert {"CCS 3A", "CCS 3B", "CCS 3C"} <= {s.rule_key for s in pack[CCS].sections}


def test_ais_7_proviso_says_and_ccs_9_says_or(pack):
    assert "official capacity and in the due performance" in " ".join(section(pack, AIS, "AIS 7 proviso").text.split())
    ccs9 = " ".join(t for s in pack[CCS].sections if s.rule_key == "CCS 9" for t in (s.text, s.notes))
    assert re.search(r'official capacity\W+or\W', ccs9) or '"or"' in ccs9


def test_ais_7_limbs(pack):
    refs = {s.ref for s in pack[AIS].sections}
    assert {"AIS 7(i)", "AIS 7(ii)", "AIS 7(iii)"} <= refs
    assert "current or recent policy" in " ".join(section(pack, AIS, "AIS 7(i)").text.split())


def test_2014_amendment_date_and_items(pack):
    t = " ".join(text_of(pack, AIS, "AIS 3(1A)").split())
    assert "573(E)" in t or "6 Aug" in t or "2014" in t
    assert section(pack, AIS, "AIS 3(1A)(ii)").title.lower().startswith("political neutrality")
    assert len([s for s in pack[AIS].sections if s.ref.startswith("AIS 3(2B)(")]) == 13


def test_2015_gift_thresholds(pack):
    t = " ".join(" ".join(text_of(pack, AIS, r) for r in ("AIS 11", "AIS 11(1)", "AIS 11(2)")).split())
    assert "25,000" in t and "5,000" in t and ("10.04.2015" in t or "10 April 2015" in t)


def test_rule_17_twelve_week_deemed_sanction_and_official_acts_only(pack):
    t = " ".join(text_of(pack, AIS, "AIS 17").split()).lower()
    assert "12 weeks" in t or "twelve weeks" in t
    assert "badrinath" in t and "official" in t


def test_rule_6_is_uncertain_and_17a_undescribed(pack):
    assert section(pack, AIS, "AIS 6").effective_status(pack[AIS]) is Status.uncertain
    s17a = section(pack, AIS, "AIS 17A")
    assert s17a.effective_verified(pack[AIS]) is False or "not known" in s17a.text or "unverified" in s17a.text


def test_2016_amendment_is_a_draft_and_never_guides_a_verdict(pack):
    d = pack["dopt-ais-draft-amendment-2016"]
    assert d.status is Status.draft
    assert "11011/01/2015-AIS-III" in d.reference and d.date == dt.date(2016, 7, 18)
    assert not any(s.guidance for s in d.sections)


def test_rss_om_2024(pack):
    d = pack["dopt-rss-om-2024"]
    assert "34013/1(s)/2016-Estt.(B)" in d.reference and d.date == dt.date(2024, 7, 9)
    assert "CCS" in d.applies_to


def test_kerala_2024_cases(pack):
    d = pack["kerala-ias-suspensions-2024"]
    assert d.kind is Kind.case
    body = " ".join(f"{s.title} {s.text}" for s in d.sections)
    assert "Prasanth" in body and "Gopalakrishnan" in body
    assert d.date == dt.date(2024, 11, 11)
    for rule in ("3(1)", "3(1A)(i)", "3(1A)(iv)", "3(2B)(iii)", "3(2B)(xi)", "3(2B)(xiii)"):
        assert rule in body, rule  # the rules Kerala cited against Prasanth, as reported


def test_smita_sabharwal_was_not_a_conduct_rule_proceeding(pack):
    s = next(s for s in pack["indian-social-media-cases"].sections if "Sabharwal" in s.title)
    assert "179" in s.text and "not" in s.text.lower()


def test_uk_code_is_not_binding(pack):
    d = pack["uk-civil-service-code"]
    assert d.kind is Kind.comparative and "not binding" in (d.notes + " ".join(s.text for s in d.sections)).lower()


def test_every_document_has_an_address_and_every_governing_section_labelled_examples(pack):
    for d in pack.values():
        assert d.url.startswith("http"), d.id
        for s in d.sections:
            for g in s.guidance:
                assert len(g.catches) >= 3 and len(g.does_not_catch) >= 2, (d.id, s.ref)


def test_index_list_json_shows_every_document_with_refs(tmp_path, monkeypatch, pack):
    from niyam.cli import app

    monkeypatch.setenv("NIYAM_DATA_DIR", str(tmp_path))
    res = CliRunner().invoke(app, ["index", "list", "--json"])
    assert res.exit_code == 0, res.output
    docs = json.loads(res.stdout)
    assert {d["id"] for d in docs} == set(pack)
    for d in docs:
        assert set(d) == {"id", "title", "kind", "status", "date", "url", "source", "refs"}
        assert d["refs"] == [s.ref for s in pack[d["id"]].sections]
