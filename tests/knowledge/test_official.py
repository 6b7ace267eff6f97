"""Official files become Documents (source official): real files in, refs, titles and particulars out; the
admin's metadata wins; bad files and bad metadata are refused in one line; a 300-page PDF is read and split."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.metadata import detect_metadata, parse_date
from knowledge.model import Kind, Source, Status
from knowledge.official import InvalidMetadata, build_official_document, inspect_official, slugify
from knowledge.readers import UnreadableDocument, UnsupportedDocument
from tests.knowledge.official_files import (
    OM_HTML,
    OM_PAGES,
    RULES_TEXT,
    make_big_pdf,
    make_om_docx,
    make_pdf,
    make_scan_pdf,
)


@pytest.fixture(scope="module")
def big_pdf(tmp_path_factory):
    return make_big_pdf(tmp_path_factory.mktemp("big") / "compilation.pdf", pages=300)


def test_pdf_memorandum_with_detected_metadata(tmp_path):
    doc = build_official_document(make_pdf(tmp_path / "om.pdf", OM_PAGES))
    assert doc.id == "11013-6-2026-gad-iii"
    assert doc.title == "Use of social media by Government servants - guidelines regarding"
    assert doc.reference == "No. 11013/6/2026-GAD-III"
    assert doc.date == dt.date(2026, 3, 18)
    assert doc.issuer == "Department of Personnel and Training"
    assert (doc.kind, doc.source, doc.status, doc.url, doc.verified) == (
        Kind.circular, Source.official, Status.in_force, "", True)
    assert doc.code == doc.id
    p = "11013-6-2026-gad-iii"
    assert [s.ref for s in doc.sections] == [
        f"{p} preamble", f"{p} para 1", f"{p} para 2", f"{p} para 3", f"{p} para 3(i)", f"{p} para 3(ii)",
        f"{p} para 3(iii)", f"{p} para 3 proviso", f"{p} para 4", f"{p} closing"]
    s = {x.ref: x for x in doc.sections}
    # a paragraph that runs over the page break keeps its text, without the page footer
    assert s[f"{p} para 3(iii)"].text == "(iii) official handles are run only by the officer authorised to do so."
    assert s[f"{p} para 2"].text == (
        "2. It has been observed that some officers post content on social media platforms which is critical of "
        "the policies of the Government. Such posts attract rule 7 of the conduct rules.")
    assert s[f"{p} para 1"].text.startswith("The undersigned is directed to refer to this Department's OM")
    assert s[f"{p} para 3 proviso"].text == "Provided that an officer may share a press release of the Department as issued."


def test_admin_metadata_wins_over_what_is_found(tmp_path):
    build = inspect_official(
        make_pdf(tmp_path / "upload.bin", OM_PAGES), filename="GAD OM 3.pdf", id="GAD-OM-2026-3",
        title="Social media guidelines", issuer="GAD", date="2026-03-20", applies_to="AIS,ccs",
        supersedes="mha-social-media-2014", url="https://example.invalid/om.pdf")
    doc = build.document
    assert (doc.id, doc.title, doc.issuer, doc.date) == (
        "gad-om-2026-3", "Social media guidelines", "GAD", dt.date(2026, 3, 20))
    assert doc.applies_to == ["AIS", "CCS"]
    assert doc.supersedes == ["mha-social-media-2014"]
    assert doc.url == "https://example.invalid/om.pdf"
    assert doc.reference == "No. 11013/6/2026-GAD-III"  # still found in the text
    assert "gad-om-2026-3 para 3(i)" in [s.ref for s in doc.sections]
    assert build.origins == {"id": "given", "kind": "found", "title": "given", "issuer": "given", "date": "given",
                             "applies_to": "given", "reference": "found"}
    summary = build.summary().split("\n")
    assert summary[0] == "gad-om-2026-3: Social media guidelines [given]"
    assert "reference: No. 11013/6/2026-GAD-III [found]" in summary
    assert "date: 2026-03-20 [given]" in summary
    assert summary[-1] == "from: GAD OM 3.pdf (PDF, 2 pages)"


def test_docx_circular_with_word_numbering(tmp_path):
    doc = build_official_document(make_om_docx(tmp_path / "gifts.docx"))
    assert doc.id == "22-4-2026-gad-ii"
    assert doc.title == "Acceptance of gifts by officers on festivals"
    assert (doc.reference, doc.date) == ("No. 22/4/2026-GAD-II", dt.date(2026, 2, 5))
    assert doc.issuer == "General Administration Department, Government of Kerala"
    assert [s.ref for s in doc.sections] == [
        "22-4-2026-gad-ii preamble", "22-4-2026-gad-ii para 1", "22-4-2026-gad-ii para 2",
        "22-4-2026-gad-ii para 2(i)", "22-4-2026-gad-ii para 2(ii)"]
    assert doc.sections[2].text == "2. Gifts from persons with official dealings shall not be accepted."


def test_html_circular_and_the_assumed_services_warning(tmp_path):
    (tmp_path / "media.html").write_text(OM_HTML, encoding="utf-8")
    build = inspect_official(tmp_path / "media.html")
    doc = build.document
    assert (doc.id, doc.reference, doc.date, doc.issuer) == (
        "5-2-2026-mha-media", "No. 5/2/2026-MHA-Media", dt.date(2026, 1, 12), "Ministry of Home Affairs")
    assert doc.title == "Interviews to the media by police officers"
    assert [s.ref.removeprefix(doc.id + " ") for s in doc.sections] == [
        "preamble", "para 1", "para 2", "para 2(i)", "para 2(ii)"]
    assert doc.applies_to == ["AIS", "CCS"]
    assert build.warnings == ["applies_to not given and not found in the text; assumed AIS, CCS"]


def test_official_text_of_a_rulebook_uses_the_rulebook_code(tmp_path):
    (tmp_path / "ais-rules.txt").write_text(RULES_TEXT, encoding="utf-8")
    doc = build_official_document(tmp_path / "ais-rules.txt", code="ais")
    assert (doc.id, doc.code, doc.kind, doc.applies_to) == (
        "ais-conduct-rules-1968-official", "AIS", Kind.rulebook, ["AIS"])
    assert doc.title == "The All India Services (Conduct) Rules, 1968"
    assert doc.rulebook == "AIS"
    refs = [s.ref for s in doc.sections]
    assert {"AIS 3(1A)(ii)", "AIS 7(1)(a)", "AIS 7(1) proviso", "AIS 9 Explanation"} <= set(refs)
    assert {s.ref: s.title for s in doc.sections}["AIS 7(1)(a)"] == "Criticism of Government"


def test_without_a_reference_the_id_comes_from_the_file_name(tmp_path):
    (tmp_path / "Media Advisory (2026).md").write_text("# Media advisory\n\nOfficers may speak about schemes.\n")
    doc = build_official_document(tmp_path / "Media Advisory (2026).md")
    assert (doc.id, doc.title, doc.reference, doc.issuer) == ("media-advisory-2026", "Media advisory", "unknown", "unknown")
    assert [s.ref for s in doc.sections] == ["media-advisory-2026 part 1"]


def test_bad_files_are_refused_with_one_line(tmp_path):
    with pytest.raises(UnreadableDocument, match=r"^scan\.pdf has no text layer \(a scan\?\)"):
        build_official_document(make_scan_pdf(tmp_path / "scan.pdf"))
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(UnreadableDocument, match=r"^empty\.txt is empty$"):
        build_official_document(tmp_path / "empty.txt")
    (tmp_path / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    with pytest.raises(UnsupportedDocument):
        build_official_document(tmp_path / "x.png")


@pytest.mark.parametrize("kwargs,message", [
    ({"id": "GAD OM 3"}, "id must be lowercase letters, digits and hyphens, got 'GAD OM 3'"),
    ({"date": "18.03.2026"}, "date must be YYYY-MM-DD, got '18.03.2026'"),
    ({"supersedes": "Old Circular!"}, "id must be lowercase letters, digits and hyphens, got 'Old Circular!'"),
    ({"kind": "memo"}, "kind must be one of rulebook, circular, guideline, case, comparative, got 'memo'"),
])
def test_bad_admin_metadata(tmp_path, kwargs, message):
    path = make_pdf(tmp_path / "om.pdf", OM_PAGES)
    with pytest.raises(InvalidMetadata) as e:
        build_official_document(path, **kwargs)
    assert str(e.value) == message


def test_a_300_page_pdf_is_read_and_split(big_pdf):
    build = inspect_official(big_pdf)
    doc = build.document
    assert build.extracted.pages == 300
    assert (doc.id, doc.reference, doc.date) == ("1-1-2026-comp", "No. 1/1/2026-COMP", dt.date(2026, 4, 1))
    refs = [s.ref for s in doc.sections]
    assert len(refs) == len(set(refs))
    for n in (1, 150, 300):
        assert f"1-1-2026-comp para {n}" in refs
        assert f"1-1-2026-comp para {n}(ii)" in refs
    # the long third item of every paragraph is cut into overlapping parts under its own ref
    assert "1-1-2026-comp para 300(iii) part 2" in refs
    assert all(len(s.text) <= 1600 for s in doc.sections)
    para = {s.ref: s for s in doc.sections}["1-1-2026-comp para 150"]
    assert para.title == "Instruction number 150 of the compilation"


# ---------------------------------------------------------------------------------------------- metadata alone

@pytest.mark.parametrize("text,iso", [
    ("dated 18th July, 2016", "2016-07-18"),
    ("Dated the 1st Sept. 2016", "2016-09-01"),
    ("18.07.2016", "2016-07-18"),
    ("18/07/2016", "2016-07-18"),
    ("18-07-2016", "2016-07-18"),
    ("July 18, 2016", "2016-07-18"),
    ("2016-07-18", "2016-07-18"),
])
def test_dates(text, iso):
    assert parse_date(text).isoformat() == iso


def test_impossible_dates_and_reference_numbers_are_not_dates():
    assert parse_date("31.02.2016") is None
    assert parse_date("No. 11011/01/2015-AIS-III") is None


@pytest.mark.parametrize("header,reference", [
    ("No. 11011/01/2015-AIS-III\nGovernment of India", "No. 11011/01/2015-AIS-III"),
    ("F.No. 11013/6/2025-Estt. A-III\nGovernment of India", "F.No. 11013/6/2025-Estt. A-III"),
    ("OM No. 1/2/2020-AIS-III dated July 18, 2016", "OM No. 1/2/2020-AIS-III"),
    ("NOTIFICATION\nNew Delhi, the 18th July, 2016\nG.S.R. 573(E).—In exercise of the powers", "G.S.R. 573(E)"),
    ("No. 8/91/62-AIS(III) dated 18.12.1968", "No. 8/91/62-AIS(III)"),
])
def test_reference_numbers(header, reference):
    assert detect_metadata(header).reference == reference


def test_a_cited_memorandum_is_not_taken_for_the_document_itself():
    meta = detect_metadata("Government of India\nMinistry of Home Affairs\n"
                           "The undersigned is directed to refer to OM No. 5/5/2010-Pers dated 1.1.2010.\n")
    assert (meta.reference, meta.date, meta.issuer) == (None, None, "Ministry of Home Affairs")


def test_subject_kind_and_title():
    om = detect_metadata("OM No. 1/2/2020-AIS-III dated July 18, 2016\nSub:- Guidelines for use of social media by\n"
                         "officers - regarding\nThe undersigned is directed to say")
    assert om.subject == "Guidelines for use of social media by officers - regarding"
    assert (om.title, om.kind, om.date) == ("Guidelines for use of social media by officers", Kind.circular,
                                            dt.date(2016, 7, 18))
    assert detect_metadata("Framework for responsible use of social media\nThis framework sets out principles."
                           ).kind == Kind.guideline
    rules = detect_metadata(RULES_TEXT)
    assert (rules.kind, rules.title, rules.applies_to) == (
        Kind.rulebook, "The All India Services (Conduct) Rules, 1968", ["AIS"])
    amendment = detect_metadata("NOTIFICATION\nG.S.R. 573(E).—The Central Government makes these rules.\n"
                                "1. (1) These rules may be called the All India Services (Conduct) Amendment Rules, 2016.")
    assert amendment.title == "The All India Services (Conduct) Amendment Rules, 2016"


def test_slugify():
    assert slugify("No. 11011/01/2015-AIS-III") == "no-11011-01-2015-ais-iii"
    assert slugify("GAD OM 3 (2026)") == "gad-om-3-2026"
