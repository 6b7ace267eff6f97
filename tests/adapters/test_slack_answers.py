"""Slack: an answer short first with "Details" and "Check without it" one tap away, and `/niyam rule`,
`/niyam sources` as in Telegram; the real Bolt app over HTTP on loopback against the Web API double."""

from __future__ import annotations

import json

from adapters.slack.blocks import mrkdwn
from chat import texts
from tests.adapters.conftest import FakeService
from tests.adapters.slack_double import (  # noqa: F401
    BOT_USER,
    actions_of,
    all_text,
    block_action,
    harness,
    harness_factory,
    mention,
    slack_double,
)
from tests.user_text import slack_visible as visible

QUESTION = "Can I criticise the state government's new transfer policy on Facebook?"
DRAFT = ("Proud of our flood relief volunteers this week. But the State Government's new relief policy is a blunder. "
         "Thank you all for your support.")
REST = "Proud of our flood relief volunteers this week. Thank you all for your support."


async def test_a_mention_gets_a_short_answer_and_details_on_a_tap(harness):
    d = harness.double
    await harness.slack.event(mention(f"<@{BOT_USER}> {QUESTION}"))
    [post] = await d.wait_for("chat.postMessage")
    blocks = post.args["blocks"]
    shown = visible(blocks)
    assert blocks[0]["text"]["text"] == "⛔ Not allowed"
    assert "You may not post criticism of a current policy (AIS 7(i))." in shown
    assert "Raise it through official channels." in shown and texts.GUIDANCE in shown  # the disclaimer, as Telegram
    assert "adverse criticism" not in shown and "being verified" not in shown  # excerpts, caveats: one tap away
    assert len(shown) <= texts.BRIEF_LIMIT
    buttons = actions_of(blocks)
    assert buttons["niyam_details"]["text"]["text"] == texts.SLACK_DETAILS_BUTTON
    assert "niyam_without" not in buttons  # not a draft checked again
    assert QUESTION not in json.dumps(buttons)

    await harness.slack.interact(block_action({"action_id": "niyam_details", "value": buttons["niyam_details"]["value"]},
                                              response_url=d.response_url("details")))
    [details] = await d.wait_response("details")
    assert details["response_type"] == "ephemeral" and details["replace_original"] is False
    text = all_text(details["blocks"])
    for part in ("Criticising a current policy in public is barred", "AIS 7(i)", "adverse criticism of any current",
                 "being verified", texts.RULES_CITED, texts.GUIDANCE):
        assert part in text


async def test_a_draft_names_its_sentence_and_check_without_it_gives_the_rest_to_copy(harness_factory, fake_service):
    def ask(q, s="AIS", **kw):
        return FakeService.ask(fake_service, q, s).model_copy(update={
            "flagged": ["But the State Government's new relief policy is a blunder."],
            "without_flagged": {"verdict": "allowed_with_care", "text": REST}})
    fake_service.ask = ask
    h = await harness_factory()
    d = h.double
    await h.slack.command(DRAFT, response_url=d.response_url("cmd"))
    [answer] = await d.wait_response("cmd")
    shown = visible(answer["blocks"])
    assert "“But the State Government's new relief policy is a blunder.”" in shown
    assert texts.BRIEF_FLAGGED in shown and len(shown) <= texts.BRIEF_LIMIT
    buttons = actions_of(answer["blocks"])
    assert {"niyam_details", "niyam_without", "niyam_share"} <= set(buttons)
    assert "blunder" not in json.dumps(buttons)  # the buttons carry a token, never the draft
    await h.slack.interact(block_action({"action_id": "niyam_without", "value": buttons["niyam_without"]["value"]},
                                        response_url=d.response_url("without"), ephemeral=True))
    [rest] = await d.wait_response("without")
    text = all_text(rest["blocks"])
    assert "Checked again without the quoted sentence: 🟡 *Allowed with care*." in text
    assert f"```{REST}```" in text and "blunder" not in text.replace(REST, "")


async def test_an_expired_or_forged_details_button_says_so(harness):
    d = harness.double
    for action in ("niyam_details", "niyam_without"):
        await harness.slack.interact(block_action({"action_id": action, "value": "forged-token"},
                                                  response_url=d.response_url(action)))
        [note] = await d.wait_response(action)
        assert note["text"] == mrkdwn(texts.DETAILS_EXPIRED, minutes=texts.DETAILS_TTL_MINUTES)
    assert not harness.service.asked


async def test_niyam_rule_and_sources_as_in_telegram(harness):
    d = harness.double
    await harness.slack.command("rule AIS 7", response_url=d.response_url("rule"))
    [rule] = await d.wait_response("rule")
    text = all_text(rule["blocks"])
    assert rule["response_type"] == "ephemeral"
    assert "AIS 7" in text and "Criticism of Government" in text and "No adverse criticism." in text
    assert texts.IN_SHORT in text and texts.NO_OFFICIAL_TEXT in text

    await harness.slack.command("rule ais 7", response_url=d.response_url("lower"))
    [lower] = await d.wait_response("lower")
    assert "Criticism of Government" in all_text(lower["blocks"])

    await harness.slack.command("rule AIS 99", response_url=d.response_url("missing"))
    [missing] = await d.wait_response("missing")
    assert missing["text"] == mrkdwn(texts.SLACK_RULE_NOT_FOUND, ref="AIS 99", code="AIS")

    await harness.slack.command("rule", response_url=d.response_url("usage"))
    [usage] = await d.wait_response("usage")
    assert usage["text"] == mrkdwn(texts.SLACK_RULE_USAGE)

    await harness.slack.command("sources", response_url=d.response_url("sources"))
    [sources] = await d.wait_response("sources")
    text = all_text(sources["blocks"])
    assert "All India Services (Conduct) Rules, 1968" in text and "1969-01-04" in text and "in force" in text
    assert harness.service.asked == []  # none of these was checked as a draft

    await harness.slack.command("help", response_url=d.response_url("help"))
    [helped] = await d.wait_response("help")
    assert "/niyam rule AIS 7" in helped["text"] and "/niyam sources" in helped["text"]
