"""The structure splitter: refs a citation can point at, titles, provisos and Explanations, the memorandum's
unnumbered first paragraph, and the fallback for text with no structure."""

from __future__ import annotations

import re

from knowledge.model import Document, rule_key
from knowledge.structure import CHUNK_SIZE, LONG, split_official
from tests.knowledge.official_files import RULES_TEXT


def _refs(sections):
    return [s.ref for s in sections]


def _by_ref(sections):
    return {s.ref: s for s in sections}


def test_rulebook_official_text_refs_line_up_with_the_digest():
    secs = split_official(RULES_TEXT, doc_id="ais-conduct-rules-1968-official", code="AIS")
    assert _refs(secs) == [
        "AIS preamble",
        "AIS 3(1)", "AIS 3(1A)", "AIS 3(1A)(i)", "AIS 3(1A)(ii)", "AIS 3(2)",
        "AIS 7", "AIS 7(1)", "AIS 7(1)(a)", "AIS 7(1)(b)", "AIS 7(1) proviso", "AIS 7(2)",
        "AIS 9", "AIS 9 Explanation",
    ]
    s = _by_ref(secs)
    # titles: the rule heading, carried down to its sub-rules, clauses and provisos
    assert s["AIS 3(1A)(ii)"].title == "General"
    assert s["AIS 7"].title == "Criticism of Government"
    assert s["AIS 7(1)(a)"].title == "Criticism of Government"
    assert s["AIS 9 Explanation"].title == "Unauthorised communication of information"
    # text: verbatim, marker included, one section per unit
    assert s["AIS 7"].text.startswith("7. Criticism of Government.—No member of the Service shall")
    assert s["AIS 7(1)(a)"].text == ("(a) has the effect of an adverse criticism of any current or recent policy or "
                                     "action of the Central Government or a State Government; or")
    assert s["AIS 7(1) proviso"].text.startswith("Provided that nothing in this rule shall apply")
    assert s["AIS 9 Explanation"].text.startswith("Explanation.—Quotation by a member of the Service")
    assert s["AIS 3(1)"].text.startswith("(1) Every member of the Service shall at all times")
    assert rule_key("AIS 7(1)(a)") == "AIS 7" and rule_key("AIS 7(1) proviso") == "AIS 7"
    # the line each section starts on, for messages
    assert s["AIS 7"].line == RULES_TEXT.split("\n").index(s["AIS 7"].text.split("\n")[0]) + 1
    # the refs are valid for a Document with the rulebook's code
    Document(id="ais-conduct-rules-1968-official", title="t", kind="rulebook", issuer="x", applies_to=["AIS"],
             code="AIS", sections=secs)


def test_office_memorandum_paragraphs_and_unnumbered_first_paragraph():
    text = """No. 11013/6/2026-GAD-III
Government of India
Department of Personnel and Training
Dated the 18th March, 2026
OFFICE MEMORANDUM
Subject: Use of social media by Government servants - reg.
The undersigned is directed to say that references have been received about posts by officers.
2. Officers shall observe the following:
(i) no classified document shall be shared;
(ii) views shall be stated as personal.
2.1 Official handles are run by the authorised officer.
2.1.1 The password is held by the head of office.
3. This issues with approval.
(R. K. Sharma)
Under Secretary to the Government of India
To
All Ministries/Departments
Copy to: (i) NIC
"""
    secs = split_official(text, doc_id="gad-om-2026-3")
    assert _refs(secs) == [
        "gad-om-2026-3 preamble", "gad-om-2026-3 para 1", "gad-om-2026-3 para 2", "gad-om-2026-3 para 2(i)",
        "gad-om-2026-3 para 2(ii)", "gad-om-2026-3 para 2.1", "gad-om-2026-3 para 2.1.1", "gad-om-2026-3 para 3",
        "gad-om-2026-3 closing",
    ]
    s = _by_ref(secs)
    assert s["gad-om-2026-3 preamble"].title == "Use of social media by Government servants"
    assert s["gad-om-2026-3 para 1"].text == ("The undersigned is directed to say that references have been "
                                             "received about posts by officers.")
    assert s["gad-om-2026-3 para 1"].title == "The undersigned is directed to say that references have been…"
    assert s["gad-om-2026-3 para 2"].title == "Officers shall observe the following"
    assert s["gad-om-2026-3 para 2(i)"].title == "no classified document shall be shared"
    assert s["gad-om-2026-3 para 2(i)"].text == "(i) no classified document shall be shared;"
    assert s["gad-om-2026-3 para 2.1.1"].text == "2.1.1 The password is held by the head of office."
    assert s["gad-om-2026-3 closing"].text.split("\n")[:2] == ["(R. K. Sharma)", "Under Secretary to the Government of India"]
    assert "NIC" not in s["gad-om-2026-3 para 3"].text  # the distribution list is not part of the last paragraph


def test_first_paragraph_numbered_1_has_no_implicit_paragraph():
    text = "Subject: Gifts.\n1. Gifts above Rs. 5,000 are reported.\n2. Cash is never accepted.\n"
    assert _refs(split_official(text, doc_id="c1")) == ["c1 preamble", "c1 para 1", "c1 para 2"]


def test_clause_items_before_paragraph_2_belong_to_paragraph_1():
    text = ("Subject: Media.\nThe undersigned is directed to say that officers shall not:\n(i) give interviews;\n"
            "(ii) write articles.\n2. This issues with approval.\n")
    assert _refs(split_official(text, doc_id="c2")) == [
        "c2 preamble", "c2 para 1", "c2 para 1(i)", "c2 para 1(ii)", "c2 para 2"]


def test_letter_i_after_h_and_roman_lists_nested_in_letters():
    letters = "\n".join(f"({c}) item {c};" for c in "abcdefghij")
    text = "5. Definitions.—In these rules—\n" + letters + "\n6. Other.—(1) First:\n(a) thing;\n(i) one;\n(ii) two;\n(b) other.\n"
    refs = _refs(split_official(text, doc_id="x", code="CCS"))
    assert refs[:11] == ["CCS 5"] + [f"CCS 5({c})" for c in "abcdefghij"]
    assert refs[11:] == ["CCS 6(1)", "CCS 6(1)(a)", "CCS 6(1)(a)(i)", "CCS 6(1)(a)(ii)", "CCS 6(1)(b)"]


def test_provisos_explanations_and_a_list_that_resumes_after_a_proviso():
    text = """5. Taking part in politics.—(1) No member shall take part in politics.
(2) No member shall canvass—
(a) in any election;
(b) in any by-election:
Provided that he may vote.
Provided further that he shall give no indication of how he has voted.
(c) in any local election.
Explanation I.—Display of an electoral symbol is canvassing.
Explanation II.—A vehicle is part of one's person.
Note.—This rule applies on social media too.
"""
    assert _refs(split_official(text, doc_id="x", code="AIS")) == [
        "AIS 5(1)", "AIS 5(2)", "AIS 5(2)(a)", "AIS 5(2)(b)", "AIS 5(2) proviso", "AIS 5(2) proviso 2",
        "AIS 5(2)(c)", "AIS 5(2) Explanation I", "AIS 5(2) Explanation II", "AIS 5(2) Note"]


def test_inline_proviso_and_rule_prefix_and_heading_on_its_own_line():
    text = ("Rule 7. Criticism of Government\nNo member of the Service shall criticise any policy of the Government: "
            "Provided that nothing in this rule applies in his official capacity.\n"
            "Rule 8. Evidence before committees\n(1) No member shall give evidence.\n(2) Sub-rule (1) does not apply.\n")
    secs = split_official(text, doc_id="x", code="AIS")
    assert _refs(secs) == ["AIS 7", "AIS 7 proviso", "AIS 8(1)", "AIS 8(2)"]
    s = _by_ref(secs)
    assert s["AIS 7"].title == "Criticism of Government"
    assert s["AIS 7"].text.endswith("any policy of the Government:")
    assert s["AIS 8(2)"].title == "Evidence before committees"


def test_cross_references_at_a_line_start_are_not_clauses():
    text = ("3. General.—(1) Every member shall maintain integrity, subject to the provisions of clause\n"
            "(a) of sub-rule (2) and of rule\n7 of these rules.\n(2) Every member shall be courteous.\n"
            "4. Employment.—(1) No member shall use his position.\n")
    secs = split_official(text, doc_id="x", code="AIS")
    assert _refs(secs) == ["AIS 3(1)", "AIS 3(2)", "AIS 4(1)"]
    assert "clause (a) of sub-rule (2)" in _by_ref(secs)["AIS 3(1)"].text  # wrapped lines re-joined


def test_repeated_numbers_get_unique_refs_and_annexures_their_own():
    text = ("Subject: Leave.\n1. Leave is applied for online.\n2. Leave is sanctioned in time.\n"
            "(i) earned leave;\n(ii) half pay leave;\n(i) commuted leave;\n"
            "ANNEXURE-I\nForm of application\n1. Name of the officer.\n2. Period of leave.\n")
    refs = _refs(split_official(text, doc_id="leave-om"))
    assert refs == ["leave-om preamble", "leave-om para 1", "leave-om para 2", "leave-om para 2(i)",
                    "leave-om para 2(ii)", "leave-om para 2(i) #2", "leave-om annexure I",
                    "leave-om annexure I para 1", "leave-om annexure I para 2"]
    assert len(set(refs)) == len(refs)


def test_other_rulebooks_can_number_by_rule():
    text = "3. General.—(1) Every officer shall be honest.\n(2) Every officer shall be courteous.\n"
    assert _refs(split_official(text, doc_id="kerala-conduct-rules-1960", numbering="rule")) == [
        "kerala-conduct-rules-1960 rule 3(1)", "kerala-conduct-rules-1960 rule 3(2)"]
    assert _refs(split_official(text, doc_id="om-x")) == ["om-x para 3(1)", "om-x para 3(2)"]


def test_unstructured_text_falls_back_to_overlapping_parts():
    sentences = [f"Sentence {i} explains how officers should conduct themselves online in matter {i}." for i in range(120)]
    text = "A note on conduct online\n\n" + "\n".join(" ".join(sentences[i:i + 4]) for i in range(0, 120, 4))
    secs = split_official(text, doc_id="note-2026")
    assert _refs(secs) == [f"note-2026 part {i}" for i in range(1, len(secs) + 1)]
    assert len(secs) >= 6
    assert all(len(s.text) <= CHUNK_SIZE for s in secs)
    # neighbouring parts overlap, and together they cover every sentence
    for before, after in zip(secs, secs[1:], strict=False):
        first_sentence = re.split(r"(?<=\.)\s", after.text)[0]
        assert len(first_sentence) > 20 and first_sentence in before.text
    joined = " ".join(s.text for s in secs)
    assert all(sentence in joined for sentence in sentences)
    assert secs[0].title == "A note on conduct online"


def test_short_unstructured_text_is_one_part():
    secs = split_official("Officers may wear civil dress on holidays.", doc_id="n")
    assert [(s.ref, s.text) for s in secs] == [("n part 1", "Officers may wear civil dress on holidays.")]


def test_a_long_paragraph_is_cut_into_parts_under_its_own_ref():
    long_para = " ".join(f"Sentence {i} of a very long paragraph about official handles." for i in range(80))
    text = f"Subject: Handles.\n1. Short one.\n2. {long_para}\n3. Short again.\n"
    secs = split_official(text, doc_id="h")
    refs = _refs(secs)
    assert len(long_para) > LONG
    assert refs[:2] == ["h preamble", "h para 1"] and refs[-1] == "h para 3"
    parts = refs[2:-1]
    assert parts == [f"h para 2 part {i}" for i in range(1, len(parts) + 1)] and len(parts) >= 3
    assert all(s.title.startswith("Sentence 0 of a very long paragraph") for s in secs[2:-1])


def test_empty_text_gives_no_sections():
    assert split_official("\n  \n", doc_id="e") == []
