"""End to end: the real Niyam service behind the real Bolt app, over HTTP on loopback."""

from __future__ import annotations

import pytest

from tests.adapters.slack_double import BOT_USER, all_text, harness_factory, mention, slack_double  # noqa: F401

QUESTION = "Can I criticise the state government's new transfer policy on Facebook?"


@pytest.mark.slow
async def test_a_mention_gets_a_thread_reply_with_a_verdict_and_ais_7(niyam, harness_factory):
    h = await harness_factory(service=niyam)
    status, _ = await h.slack.event(mention(f"<@{BOT_USER}> {QUESTION}", ts="1700000000.000777"))
    assert status == 200
    [post] = await h.double.wait_for("chat.postMessage", timeout=60)
    assert post.args["thread_ts"] == "1700000000.000777"
    header = post.args["blocks"][0]["text"]["text"]
    labels = ("Allowed", "Allowed with care", "Needs prior sanction", "Not allowed", "Unclear", "Outside the conduct rules")
    assert any(label in header for label in labels), header
    assert "AIS 7" in all_text(post.args["blocks"])
    assert "AIS 7" in post.args["text"]
