"""An official document's particulars read from its first page as the page writes them: reference number,
issuing authority, date and subject, on English and Hindi letterheads, with and without a reference."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.metadata import detect_metadata
from knowledge.official import _ref_number, slugify

MP = """GOVERNMENT OF MADHYA PRADESH
GENERAL ADMINISTRATION DEPARTMENT
Mantralaya, Vallabh Bhawan, Bhopal
No. F 11-4/2026/1/9                                   Bhopal, dated 12th March, 2026
To,
All Collectors
Subject: Use of social media by government servants.
1. It has come to notice that some officers post on social media about pending matters.
"""
AP_GO = """GOVERNMENT OF ANDHRA PRADESH
ABSTRACT
Public Services – A.P. Civil Services (Conduct) Rules, 1964 – Appeals for funds by
Government servants – Orders – Issued.
GENERAL ADMINISTRATION (SER.C) DEPARTMENT
G.O.Ms. No. 123                                              Dated: 05-06-2025
Read the following:
1. G.O.Ms. No. 468, GA (Ser.C) Department, dated 11-08-1964.
ORDER:
"""
DOPT_OM = """O.M. No. 11013/6/2023-Estt.A
Government of India
Ministry of Personnel, Public Grievances and Pensions
Department of Personnel and Training
North Block, New Delhi
Dated the 18th July, 2023
OFFICE MEMORANDUM
Subject: Participation in social media - reg.
The undersigned is directed to refer to this Department's OM No. 11013/1/2010-Estt.A dated 1.1.2010.
"""
TN_MEMO = """GOVERNMENT OF TAMIL NADU
Personnel and Administrative Reforms (A) Department
Memo No. 4521/A/2026-1                          Dated: 02.01.2026
Sub: Fund raising by Government servants - regarding.
"""
MP_HINDI = """मध्यप्रदेश शासन
सामान्य प्रशासन विभाग
मंत्रालय, भोपाल
क्रमांक एफ 11-4/2026/1/9                       भोपाल, दिनांक १२ मार्च, २०२६
प्रति,
समस्त कलेक्टर
विषय: शासकीय सेवकों द्वारा सोशल मीडिया का उपयोग।
1. यह संज्ञान में आया है कि कुछ अधिकारी सोशल मीडिया पर लंबित मामलों के बारे में लिखते हैं।
"""
DOPT_HINDI = """भारत सरकार
कार्मिक, लोक शिकायत तथा पेंशन मंत्रालय
कार्मिक और प्रशिक्षण विभाग
सं. 11013/6/2023-स्था.(क)
नई दिल्ली, दिनांक 18 जुलाई, 2023
कार्यालय ज्ञापन
विषय: सोशल मीडिया का उपयोग।
"""
KERALA_NO_REF = """GOVERNMENT OF KERALA
General Administration (Political) Department
Circular
Dated: 10/02/2017
Sub: Use of social media by Government employees - instructions issued.
Government employees are reminded that the Kerala Government Servants' Conduct Rules apply online.
"""


@pytest.mark.parametrize("page,reference,issuer,date,title", [
    (MP, "No. F 11-4/2026/1/9", "General Administration Department, Government of Madhya Pradesh",
     dt.date(2026, 3, 12), "Use of social media by government servants"),
    (AP_GO, "G.O.Ms. No. 123", "General Administration (Ser.C) Department, Government of Andhra Pradesh",
     dt.date(2025, 6, 5), "Public Services – A.P. Civil Services (Conduct) Rules, 1964 – Appeals for funds by "
                          "Government servants"),
    (DOPT_OM, "O.M. No. 11013/6/2023-Estt.A", "Department of Personnel and Training", dt.date(2023, 7, 18),
     "Participation in social media"),
    (TN_MEMO, "Memo No. 4521/A/2026-1", "Personnel and Administrative Reforms (A) Department, Government of Tamil Nadu",
     dt.date(2026, 1, 2), "Fund raising by Government servants"),
    (MP_HINDI, "क्रमांक एफ 11-4/2026/1/9", "सामान्य प्रशासन विभाग, मध्यप्रदेश शासन", dt.date(2026, 3, 12),
     "शासकीय सेवकों द्वारा सोशल मीडिया का उपयोग"),
    (DOPT_HINDI, "सं. 11013/6/2023-स्था.(क)", "कार्मिक और प्रशिक्षण विभाग", dt.date(2023, 7, 18),
     "सोशल मीडिया का उपयोग"),
    (KERALA_NO_REF, None, "General Administration (Political) Department, Government of Kerala",
     dt.date(2017, 2, 10), "Use of social media by Government employees - instructions issued"),
], ids=["mp-file-number", "ap-government-order", "dopt-om", "tn-memo", "mp-hindi", "dopt-hindi", "kerala-no-ref"])
def test_first_page_particulars_as_written(page, reference, issuer, date, title):
    meta = detect_metadata(page)
    assert (meta.reference, meta.issuer, meta.date, meta.title) == (reference, issuer, date, title)
    assert meta.kind is not None and meta.kind.value == "circular"


def test_a_reference_cited_in_the_body_or_the_read_list_is_not_the_documents_own():
    body_only = ("Government of India\nMinistry of Home Affairs\n\nSubject: Social media.\n\n"
                 "The undersigned is directed to refer to OM No. 5/5/2010-Pers dated 1.1.2010.\n")
    assert detect_metadata(body_only).reference is None
    assert detect_metadata(AP_GO).reference == "G.O.Ms. No. 123"  # not the G.O.Ms. No. 468 it reads


def test_bare_numbers_need_a_prefix_that_names_them():
    assert detect_metadata("Government of Testland\nNo. 12\nSubject: Something.\n").reference is None
    assert detect_metadata("Circular No. 12\nSubject: Something.\n").reference == "Circular No. 12"


@pytest.mark.parametrize("reference,doc_id", [
    ("No. F 11-4/2026/1/9", "f-11-4-2026-1-9"), ("G.O.Ms. No. 123", "g-o-ms-123"),
    ("O.M. No. 11013/6/2023-Estt.A", "11013-6-2023-estt-a"), ("क्रमांक एफ 11-4/2026/1/9", "11-4-2026-1-9"),
])
def test_the_id_read_from_a_reference_keeps_what_identifies_it(reference, doc_id):
    assert slugify(_ref_number(reference)) == doc_id
