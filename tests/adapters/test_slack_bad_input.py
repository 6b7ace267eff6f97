"""Bad input to the Slack adapter: a clear reply or a deliberate ignore, never a crash, never text in the logs."""

from __future__ import annotations

import json
import logging
import time
from urllib.parse import urlencode

import pytest

from chat.texts import MAX_DRAFT_CHARS
from tests.adapters.slack_double import (  # noqa: F401
    BOT_ID,
    BOT_USER,
    block_action,
    dm,
    event_callback,
    harness,
    harness_factory,
    mention,
    slack_double,
)

QUESTION = "Can I criticise the state government's new transfer policy on Facebook?"


@pytest.fixture(autouse=True)
def _capture_everything_niyam_logs(caplog):
    caplog.set_level(logging.DEBUG, logger="niyam")
    yield
    assert "criticise" not in caplog.text and "SECRET-DRAFT" not in caplog.text, "message text reached the logs"


async def test_an_empty_mention_gets_help_privately(harness):
    await harness.slack.event(mention(f"<@{BOT_USER}>   "))
    [note] = await harness.double.wait_for("chat.postEphemeral")
    assert note.args["user"] == "U0ASKER" and note.args["channel"] == "C0GENERAL"
    assert "Mention me together with the draft" in note.args["text"]
    assert harness.service.asked == []
    assert not harness.double.of("chat.postMessage")


async def test_a_huge_draft_is_refused_with_the_limit(harness):
    draft = "SECRET-DRAFT " + "x" * (MAX_DRAFT_CHARS + 500)
    await harness.slack.event(mention(f"<@{BOT_USER}> {draft}"))
    [note] = await harness.double.wait_for("chat.postEphemeral")
    assert f"{MAX_DRAFT_CHARS:,}" in note.args["text"]
    await harness.slack.event(dm(draft))
    [post] = await harness.double.wait_for("chat.postMessage")
    assert "characters" in post.args["text"]
    assert harness.service.asked == []


async def test_a_message_with_only_attachments_asks_for_text(harness):
    await harness.slack.event(dm("", subtype="file_share", files=[{"id": "F1", "name": "draft.png"}]))
    [post] = await harness.double.wait_for("chat.postMessage")
    assert "I can only read text" in post.args["text"]
    await harness.slack.event(mention(f"<@{BOT_USER}>", files=[{"id": "F2", "name": "draft.png"}]))
    [note] = await harness.double.wait_for("chat.postEphemeral")
    assert "I can only read text" in note.args["text"]
    assert harness.service.asked == []


@pytest.mark.parametrize("event", [
    {"type": "message", "subtype": "message_changed", "channel": "D0ASKER", "channel_type": "im", "hidden": True,
     "message": {"type": "message", "user": "U0ASKER", "text": QUESTION, "ts": "1.1", "edited": {"ts": "1.2"}},
     "previous_message": {"text": "old"}, "ts": "1.2"},
    {"type": "message", "subtype": "message_deleted", "channel": "D0ASKER", "channel_type": "im", "hidden": True,
     "deleted_ts": "1.1", "previous_message": {"text": QUESTION}, "ts": "1.3"},
    {"type": "message", "subtype": "channel_join", "channel": "C0GENERAL", "channel_type": "channel",
     "user": "U0NEW", "text": "<@U0NEW> has joined the channel", "ts": "1.4"},
    {"type": "member_joined_channel", "user": BOT_USER, "channel": "C0GENERAL", "channel_type": "C"},
    {"type": "message", "channel": "C0GENERAL", "channel_type": "channel", "user": "U0ASKER", "text": QUESTION,
     "ts": "1.5"},
    {"type": "message", "channel": "D0ASKER", "channel_type": "im", "bot_id": "B0OTHER", "text": QUESTION, "ts": "1.6"},
    {"type": "message", "subtype": "bot_message", "channel": "D0ASKER", "channel_type": "im", "bot_id": "B0OTHER",
     "text": QUESTION, "ts": "1.7"},
    {"type": "message", "channel": "D0ASKER", "channel_type": "im", "user": BOT_USER, "bot_id": BOT_ID,
     "text": QUESTION, "ts": "1.8"},
    {"type": "app_mention", "channel": "C0GENERAL", "bot_id": "B0OTHER", "text": f"<@{BOT_USER}> {QUESTION}",
     "ts": "1.9"},
    {"type": "reaction_added", "user": "U0ASKER", "reaction": "thumbsup", "item": {"type": "message"}},
    {"type": "app_mention", "text": f"<@{BOT_USER}> {QUESTION}"},  # no channel, user or ts
    {"type": "message", "channel_type": "im"},
], ids=["edited", "deleted", "channel-join", "member-joined", "channel-message", "other-bot", "bot-message",
        "own-message", "bot-mention", "unknown-event", "mention-without-fields", "empty-message"])
async def test_events_niyam_deliberately_ignores(harness, event):
    status, _ = await harness.slack.event(event)
    assert status == 200
    await harness.double.quiet(0.25)
    assert [c.method for c in harness.double.calls if c.method != "auth.test"] == []
    assert harness.service.asked == []


async def test_unknown_interactions_are_acknowledged_and_ignored(harness):
    d = harness.double
    assert (await harness.slack.interact(block_action({"action_id": "something_else", "value": "x"},
                                                      response_url=d.response_url("u"))))[0] == 200
    assert (await harness.slack.interact({"type": "view_submission", "user": {"id": "U0ASKER"},
                                          "view": {"id": "V9", "type": "modal", "callback_id": "nope"}}))[0] == 200
    assert (await harness.slack.interact({"type": "block_suggestion", "action_id": "nope", "block_id": "b",
                                          "value": "", "user": {"id": "U0ASKER"}}))[0] == 200
    status, _ = await harness.slack.interact({"type": "shortcut", "callback_id": "mystery", "trigger_id": "1",
                                              "user": {"id": "U0ASKER"}, "team": {"id": "T0001"}})
    assert status == 200
    status, body = await harness.slack.command(QUESTION, response_url=d.response_url("c"), command="/other")
    assert status == 200 and "/niyam" in json.loads(body)["text"]
    await d.quiet(0.25)
    assert [c.method for c in d.calls if c.method != "auth.test"] == [] and not d.responses
    assert harness.service.asked == []


async def test_a_global_shortcut_with_the_check_post_id_explains_itself(harness):
    d = harness.double
    await harness.slack.interact({"type": "shortcut", "callback_id": "check_post", "trigger_id": "1",
                                  "user": {"id": "U0ASKER"}, "team": {"id": "T0001"},
                                  "response_url": d.response_url("g")})
    [note] = await d.wait_response("g")
    assert "message" in note["text"]


@pytest.mark.parametrize("body,content_type", [
    ("payload=%7Bnot-json", "application/x-www-form-urlencoded"),
    ("payload=%5B1%2C2%5D", "application/x-www-form-urlencoded"),
    ("{truncated", "application/json"),
    (json.dumps({"type": "event_callback", "event_id": "EvX", "event": "not an object"}), "application/json"),
    (json.dumps({"type": "event_callback", "event_id": "EvY"}), "application/json"),
    (json.dumps({"type": "event_callback", "event_id": "EvZ", "event": {"type": "app_mention", "user": 5,
                                                                         "text": ["x"], "channel": None}}),
     "application/json"),
    ("payload=" + json.dumps({"type": "block_actions", "actions": []}), "application/x-www-form-urlencoded"),
    ("payload=" + json.dumps({"type": "block_actions", "actions": [{"action_id": "niyam_share"}]}),
     "application/x-www-form-urlencoded"),
    ("payload=" + json.dumps({"type": "block_actions", "user": {"id": "U0ASKER"},
                              "actions": [{"action_id": "niyam_service_select"}]}), "application/x-www-form-urlencoded"),
    ("payload=" + json.dumps({"type": "block_actions", "actions": [{"action_id": "niyam_index_confirm"}]}),
     "application/x-www-form-urlencoded"),
    ("payload=" + json.dumps({"type": "block_actions", "user": {"id": "U0ADMIN"},
                              "actions": [{"action_id": "niyam_index_cancel", "value": ["x"]}]}),
     "application/x-www-form-urlencoded"),
    ("payload=" + json.dumps({"type": "message_action", "callback_id": "check_post", "message": "x"}),
     "application/x-www-form-urlencoded"),
    ("payload=" + json.dumps({"type": "mystery"}), "application/x-www-form-urlencoded"),
    (urlencode({"command": "/niyam"}), "application/x-www-form-urlencoded"),
    ("", "application/json"),
], ids=["payload-not-json", "payload-a-list", "json-truncated", "event-a-string", "event-missing",
        "mention-wrong-types", "actions-empty", "share-without-user", "select-without-option",
        "index-without-user", "cancel-with-a-list-value",
        "shortcut-message-a-string", "unknown-type", "command-without-user", "empty-body"])
async def test_malformed_signed_payloads_never_crash(harness, body, content_type):
    status, _ = await harness.slack.post(body, content_type)
    assert status in (200, 400, 404), status
    await harness.double.quiet(0.2)
    assert harness.service.asked == []
    # and the app still answers afterwards
    await harness.slack.event(mention(f"<@{BOT_USER}> {QUESTION}"))
    await harness.double.wait_for("chat.postMessage")


async def test_a_non_numeric_timestamp_is_refused(harness):
    body = json.dumps(event_callback(mention(f"<@{BOT_USER}> {QUESTION}")))
    status, _ = await harness.slack.post(body, "application/json", signed=False,
                                         headers={"X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": "v0=ab"})
    assert status == 401
    await harness.double.quiet(0.1)
    assert harness.service.asked == []


async def test_an_advisor_failure_gets_an_apology_and_a_log_line_without_text(harness, caplog):
    await harness.slack.event(mention(f"<@{BOT_USER}> SECRET-DRAFT boom"))
    [note] = await harness.double.wait_for("chat.postEphemeral")
    assert "something went wrong" in note.args["text"]
    assert "in slack advisor: RuntimeError" in caplog.text and "internal error" in caplog.text
    await harness.slack.command("SECRET-DRAFT boom", response_url=harness.double.response_url("c"))
    [note] = await harness.double.wait_response("c")
    assert "something went wrong" in note["text"]


async def test_a_failing_web_api_is_logged_without_text_and_does_not_stop_the_app(harness, caplog):
    harness.double.fail["chat.postMessage"] = "channel_not_found"
    await harness.slack.event(dm(QUESTION))
    await harness.double.wait_for("chat.postMessage")
    await harness.double.quiet(0.2)
    assert "channel_not_found" in caplog.text
    del harness.double.fail["chat.postMessage"]
    await harness.slack.event(dm(QUESTION))
    await harness.double.wait_for("chat.postMessage", n=2)


async def test_slack_markup_is_made_plain_for_the_advisor(harness):
    await harness.slack.event(mention(f"<@{BOT_USER}> can I share <https://x.example/a|this article> with "
                                      "<#C123|general> &amp; tag <@U0FRIEND>?"))
    await harness.double.wait_for("chat.postMessage")
    assert harness.service.asked == [("can I share this article with #general & tag @someone?", "AIS")]


async def test_a_stale_but_correctly_signed_retry_is_still_refused(harness):
    body = json.dumps(event_callback(mention(f"<@{BOT_USER}> {QUESTION}")))
    status, _ = await harness.slack.post(body, "application/json", timestamp=int(time.time()) - 3600,
                                         headers={"X-Slack-Retry-Num": "2"})
    assert status == 401
