"""A circular an admin indexes decides verdicts: its operative clauses are acts, with no example written."""

import shutil

import pytest

from bot.admin import AdminService
from bot.service import Niyam
from knowledge.model import Verdict
from retrieval.embeddings import get_embedder

AI_OM = """No. F 11-4/2026/1/9
Government of India
Ministry of Personnel, Public Grievances and Pensions
Department of Personnel and Training
Dated the 2nd November, 2026

OFFICE MEMORANDUM

Subject: Use of generative artificial intelligence tools by Government servants.

It has come to notice that some Government servants have been using generative artificial intelligence tools in ways that affect the dignity of public offices and the security of official records.

2. All Government servants shall observe the following:
(i) No Government servant shall create, post or share on any social media platform AI-generated or digitally altered images or videos of constitutional functionaries, Ministers or public officials.
(ii) No Government servant shall upload file notings, inspection reports or other official documents to any public AI chat service.
(iii) Government servants may use AI tools hosted by the National Informatics Centre for drafting routine correspondence.

3. This issues with the approval of the competent authority.
"""
IMAGE = "Can I post an AI-generated image of our Chief Minister as a superhero on Instagram, labelled AI?"
UPLOAD = "Can I dictate a summary of an inspection report into ChatGPT on my personal phone?"


@pytest.fixture
def full_copy(data_dir, niyam, tmp_path):
    """A private copy of the session's full index (the whole pack), so adding a circular touches no other test."""
    niyam.ask("warm-up", "AIS")
    copy = tmp_path / "data"
    shutil.copytree(data_dir, copy)
    return copy


def om_refs(answer):
    return [c.ref for c in answer.citations if c.document == "dopt-ai-om-2026"]


def test_indexed_circular_decides_and_stops_after_remove(full_copy, tmp_path):
    admin = AdminService(full_copy, embedder=get_embedder())
    path = tmp_path / "ai-om.txt"
    path.write_text(AI_OM)
    res = admin.add(path, actor="cli:test", id="dopt-ai-om-2026", applies_to="AIS,CCS")
    assert res.document_id == "dopt-ai-om-2026"
    niyam = Niyam.open(full_copy)
    for question, clause in ((IMAGE, "dopt-ai-om-2026 para 2(i)"), (UPLOAD, "dopt-ai-om-2026 para 2(ii)")):
        for service in ("AIS", "CCS"):
            a = niyam.ask(question, service)
            assert a.verdict == Verdict.not_allowed, (question, service, a.verdict)
            assert a.citations[0].ref == clause, (question, [c.ref for c in a.citations])
            assert a.citations[0].excerpt in AI_OM
            # the clause and the rule deciding with it, each named in the reasons; nothing merely near
            assert len(a.citations) <= 2 and all(c.ref in " ".join(a.reasons) for c in a.citations[1:]), \
                ([c.ref for c in a.citations], a.reasons)
            assert a.summary.count(a.citations[0].shown_ref) == 1 and a.summary.count("para 2") == 1, a.summary
    admin.remove("dopt-ai-om-2026", actor="cli:test")
    for question in (IMAGE, UPLOAD):
        assert om_refs(niyam.ask(question, "AIS")) == []


def test_a_state_circular_binds_only_its_state(full_copy, tmp_path):
    admin = AdminService(full_copy, embedder=get_embedder())
    path = tmp_path / "kl-ai.txt"
    path.write_text(AI_OM.replace("Government of India", "Government of Kerala"))
    admin.add(path, actor="cli:test", id="kl-ai-om-2026", applies_to="AIS,CCS,KL")
    niyam = Niyam.open(full_copy)
    kerala = niyam.ask(IMAGE, "AIS", state="KL")
    assert kerala.citations[0].document == "kl-ai-om-2026" and kerala.verdict == Verdict.not_allowed
    for state in ("UP", None):
        other = niyam.ask(IMAGE, "AIS", state=state)
        assert "kl-ai-om-2026" not in [c.document for c in other.citations]
