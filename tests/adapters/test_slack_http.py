"""The real Bolt app over HTTP on loopback, signed as Slack signs, against a local Web API double."""

from __future__ import annotations

import asyncio
import json
import time

from tests.adapters.slack_double import (BOT_USER, actions_of, all_text, block_action, dm,  # noqa: F401
                                         harness, harness_factory, mention, slack_double)

QUESTION = "Can I criticise the state government's new transfer policy on Facebook?"


async def test_a_mention_is_answered_in_its_thread_with_verdict_and_cited_rule(harness):
    started = time.monotonic()
    status, _ = await harness.slack.event(mention(f"<@{BOT_USER}> {QUESTION}", ts="1700000000.000100"))
    assert status == 200
    assert time.monotonic() - started < 2.5  # acknowledged well within Slack's 3 seconds

    [post] = await harness.double.wait_for("chat.postMessage")
    assert post.args["channel"] == "C0GENERAL"
    assert post.args["thread_ts"] == "1700000000.000100"
    blocks = post.args["blocks"]
    assert blocks[0] == {"type": "header", "text": {"type": "plain_text", "emoji": True, "text": "⛔ Not allowed"}}
    assert "AIS 7(i)" in all_text(blocks) and "AIS 7(i)" in post.args["text"]
    assert "Not allowed" in post.args["text"]
    assert harness.service.asked == [(QUESTION, "AIS")]
