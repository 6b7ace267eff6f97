"""End to end: an admin indexes a State circular through `niyam index add` (no id, no title given); its
reference number, issuer, date and subject are read from its first page; a question committing the act its
operative paragraph 2(i) forbids cites 2(i) first (not the background paragraph 1), named by the circular's
title and reference number, never by a slug of its id, in every renderer."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from adapters.slack import blocks as slack
from adapters.telegram import render as telegram
from bot.service import Niyam
from knowledge.model import Verdict
from niyam.cli import app
from tests.user_text import slack_visible, telegram_visible

CIRCULAR = """GOVERNMENT OF MADHYA PRADESH
GENERAL ADMINISTRATION DEPARTMENT
Mantralaya, Vallabh Bhawan, Bhopal

No. F 11-4/2026/1/9                                        Bhopal, dated 12th March, 2026

To,
All Additional Chief Secretaries / Principal Secretaries / Secretaries,
All Collectors

Subject: Posting of AI-generated images of public functionaries on social media.

1. It has come to notice that some Government servants have been posting on social media platforms images and videos of constitutional functionaries, Ministers and public officials made or altered with generative artificial intelligence tools, which lowers the dignity of public offices and misleads the public.

2. The State Government has therefore decided that:
(i) No Government servant shall create, post or share on any social media platform AI-generated or digitally altered images or videos of constitutional functionaries, Ministers or public officials.
(ii) Government servants may use AI tools hosted by the National Informatics Centre for drafting routine correspondence.

3. These instructions come into force at once.

Deputy Secretary
General Administration Department
"""
QUESTION = "Can I post an AI-generated image of our Chief Minister as a superhero on Instagram, labelled AI?"
REFERENCE = "No. F 11-4/2026/1/9"


@pytest.fixture
def full_copy(data_dir, niyam, tmp_path):
    """A private copy of the session's full index (the whole pack), so adding a circular touches no other test."""
    niyam.ask("warm-up", "AIS")
    copy = tmp_path / "data"
    shutil.copytree(data_dir, copy)
    return copy


def test_a_circular_added_from_the_cli_is_read_from_its_page_and_its_operative_clause_cited_first(
        full_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("NIYAM_DATA_DIR", str(full_copy))
    path = tmp_path / "gad_circular_scan_final(2).txt"
    path.write_text(CIRCULAR)
    run = CliRunner().invoke
    res = run(app, ["index", "add", str(path), "--applies-to", "AIS,CCS"])
    assert res.exit_code == 0, res.output
    # what the admin sees: the particulars as the page writes them (the terminal may wrap the lines)
    shown = " ".join(res.stdout.split())
    assert f"reference: {REFERENCE} [found]" in shown
    assert "issuer: General Administration Department, Government of Madhya Pradesh [found]" in shown
    assert "date: 2026-03-12 [found]" in shown
    assert "Posting of AI-generated images of public functionaries on social media [found]" in shown
    listed = {d["id"]: d for d in json.loads(run(app, ["index", "list", "--json"]).stdout)}
    doc_id = "f-11-4-2026-1-9"  # from the reference number, not from the file's name
    assert listed[doc_id]["title"] == "Posting of AI-generated images of public functionaries on social media"
    assert f"{doc_id} para 1" in listed[doc_id]["refs"] and f"{doc_id} para 2(i)" in listed[doc_id]["refs"]

    answer = Niyam.open(full_copy).ask(QUESTION, "AIS")
    first = answer.citations[0]
    assert answer.verdict == Verdict.not_allowed
    assert first.ref == f"{doc_id} para 2(i)", [c.ref for c in answer.citations]
    assert "No Government servant shall create, post or share" in first.excerpt and first.excerpt in CIRCULAR
    assert REFERENCE in answer.summary and REFERENCE in answer.reasons[0] and "para 2(i)" in answer.reasons[0]
    said = [answer.summary, *answer.reasons, *answer.suggestions, *answer.caveats, *(c.title for c in answer.citations)]
    assert not any(doc_id in text for text in said), said
    assert first.label == ("Posting of AI-generated images of public functionaries on social media "
                           f"({REFERENCE}), para 2(i)")
    # every renderer names it so; the id's slug shows nowhere
    rendered = [telegram_visible(telegram.brief_html(answer)), telegram_visible("\n".join(telegram.answer_messages(answer))),
             slack_visible(slack.brief_message(answer, details="t")["blocks"]),
             slack_visible(slack.answer_message(answer)["blocks"])]
    assert REFERENCE in rendered[1] and REFERENCE in rendered[3]
    for text in rendered:
        assert doc_id not in text and "gad-circular" not in text
