"""The real Bolt app over HTTP on loopback, signed as Slack signs, against a local Web API double."""

from __future__ import annotations

import asyncio
import json
import time

from adapters.slack.blocks import mrkdwn
from chat import texts
from chat.feedback import FeedbackLog
from chat.settings import UserSettings
from state.db import database
from tests.adapters.slack_double import (  # noqa: F401
    BOT_USER,
    actions_of,
    all_text,
    block_action,
    dm,
    harness,
    harness_factory,
    mention,
    slack_double,
)
from tests.conftest import stored_bytes

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


async def test_a_mention_inside_a_thread_is_answered_in_that_thread(harness):
    await harness.slack.event(mention(f"<@{BOT_USER}> {QUESTION}", ts="1700000000.000200", thread_ts="1700000000.000001"))
    [post] = await harness.double.wait_for("chat.postMessage")
    assert post.args["thread_ts"] == "1700000000.000001"


async def test_a_direct_message_is_answered_in_the_dm(harness):
    status, _ = await harness.slack.event(dm(QUESTION))
    assert status == 200
    [post] = await harness.double.wait_for("chat.postMessage")
    assert post.args["channel"] == "D0ASKER"
    assert "thread_ts" not in post.args
    assert "Not allowed" in all_text(post.args["blocks"]) and "AIS 7(i)" in all_text(post.args["blocks"])
    assert "niyam_share" not in actions_of(post.args["blocks"])  # a DM is already private
    assert harness.service.asked == [(QUESTION, "AIS")]


async def test_slash_command_acks_at_once_and_answers_ephemerally_then_shares_on_request(harness):
    d = harness.double
    started = time.monotonic()
    status, body = await harness.slack.command(QUESTION, response_url=d.response_url("cmd"))
    assert status == 200 and body == ""
    assert time.monotonic() - started < 2.5

    [answer] = await d.wait_response("cmd")
    assert answer["response_type"] == "ephemeral"
    assert answer["replace_original"] is False
    assert "AIS 7(i)" in all_text(answer["blocks"]) and answer["blocks"][0]["text"]["text"] == "⛔ Not allowed"
    assert not d.of("chat.postMessage")  # nothing public yet
    share = actions_of(answer["blocks"])["niyam_share"]
    assert share["text"]["text"] == "Share in channel"
    assert QUESTION not in json.dumps(answer["blocks"])  # the draft is not echoed, nor carried in buttons

    status, _ = await harness.slack.interact(block_action({"action_id": "niyam_share", "value": share["value"]},
                                                          response_url=d.response_url("share"), ephemeral=True))
    assert status == 200
    [public] = await d.wait_for("chat.postMessage")
    assert public.args["channel"] == "C0GENERAL"
    assert "Shared by <@U0ASKER>" in all_text(public.args["blocks"])
    assert "AIS 7(i)" in all_text(public.args["blocks"])
    assert "niyam_share" not in actions_of(public.args["blocks"])
    assert "niyam_feedback_helpful" in actions_of(public.args["blocks"])
    [removed] = await d.wait_response("share")
    assert removed.get("delete_original") is True  # the private copy goes away

    # The same button again (or anyone else's click) cannot post a second copy.
    await harness.slack.interact(block_action({"action_id": "niyam_share", "value": share["value"]},
                                              response_url=d.response_url("again"), ephemeral=True))
    [note] = await d.wait_response("again")
    assert "can no longer be shared" in note["text"]
    assert len(d.of("chat.postMessage")) == 1


async def test_share_falls_back_to_the_response_url_when_niyam_is_not_in_the_channel(harness):
    d = harness.double
    d.fail["chat.postMessage"] = "not_in_channel"
    await harness.slack.command(QUESTION, response_url=d.response_url("cmd"))
    [answer] = await d.wait_response("cmd")
    value = actions_of(answer["blocks"])["niyam_share"]["value"]
    await harness.slack.interact(block_action({"action_id": "niyam_share", "value": value},
                                              response_url=d.response_url("share"), ephemeral=True))
    posts = await d.wait_response("share", n=2)
    assert posts[0]["response_type"] == "in_channel" and "AIS 7(i)" in all_text(posts[0]["blocks"])
    assert posts[1].get("delete_original") is True


async def test_share_by_someone_else_is_refused(harness):
    d = harness.double
    await harness.slack.command(QUESTION, response_url=d.response_url("cmd"))
    [answer] = await d.wait_response("cmd")
    value = actions_of(answer["blocks"])["niyam_share"]["value"]
    await harness.slack.interact(block_action({"action_id": "niyam_share", "value": value}, user="U0OTHER",
                                              response_url=d.response_url("share"), ephemeral=True))
    [note] = await d.wait_response("share")
    assert "can no longer be shared" in note["text"]
    await d.quiet(0.2)
    assert not d.of("chat.postMessage")


async def test_slash_command_help_and_service_choice(harness):
    d = harness.double
    await harness.slack.command("", response_url=d.response_url("empty"))
    [note] = await d.wait_response("empty")
    assert note["response_type"] == "ephemeral" and "/niyam" in note["text"]
    await harness.slack.command("service ccs", response_url=d.response_url("svc"))
    [note] = await d.wait_response("svc")
    assert "CCS" in note["text"]
    await harness.slack.command("service XYZ", response_url=d.response_url("bad"))
    [note] = await d.wait_response("bad")
    assert "AIS" in note["text"] and "CCS" in note["text"]
    await harness.slack.command(QUESTION, response_url=d.response_url("q"))
    [answer] = await d.wait_response("q")
    assert "CCS 9(i)" in all_text(answer["blocks"])
    assert harness.service.asked == [(QUESTION, "CCS")]


def _shortcut(text: str | None, *, user: str = "U0ASKER", response_url: str | None = None, files=None) -> dict:
    message = {"type": "message", "user": "U0AUTHOR", "ts": "1700000000.000500"}
    if text is not None:
        message["text"] = text
    if files:
        message["files"] = files
    payload = {"type": "message_action", "callback_id": "check_post", "trigger_id": "1.2.3",
               "team": {"id": "T0001", "domain": "niyam-test"}, "user": {"id": user, "name": "asker"},
               "channel": {"id": "C0GENERAL", "name": "general"}, "message_ts": "1700000000.000500",
               "message": message, "token": "legacy-unused"}
    if response_url:
        payload["response_url"] = response_url
    return payload


async def test_the_check_post_shortcut_answers_privately_to_whoever_used_it(harness):
    d = harness.double
    status, _ = await harness.slack.interact(_shortcut(QUESTION, response_url=d.response_url("sc")))
    assert status == 200
    [answer] = await d.wait_response("sc")
    assert answer["response_type"] == "ephemeral"
    assert "Not allowed" in all_text(answer["blocks"]) and "AIS 7(i)" in all_text(answer["blocks"])
    assert harness.service.asked == [(QUESTION, "AIS")]
    # Shared, it goes into the checked message's thread.
    value = actions_of(answer["blocks"])["niyam_share"]["value"]
    await harness.slack.interact(block_action({"action_id": "niyam_share", "value": value},
                                              response_url=d.response_url("share"), ephemeral=True))
    [public] = await d.wait_for("chat.postMessage")
    assert public.args["channel"] == "C0GENERAL" and public.args["thread_ts"] == "1700000000.000500"


async def test_the_shortcut_without_a_response_url_answers_in_a_dm(harness):
    await harness.slack.interact(_shortcut(QUESTION))
    [post] = await harness.double.wait_for("chat.postMessage")
    assert post.args["channel"] == "U0ASKER"  # posting to a user id is the app's DM with them
    assert "AIS 7(i)" in all_text(post.args["blocks"])


async def test_the_shortcut_on_a_message_without_text_says_so(harness):
    d = harness.double
    await harness.slack.interact(_shortcut(None, files=[{"id": "F1"}], response_url=d.response_url("sc")))
    [note] = await d.wait_response("sc")
    assert "no text" in note["text"]
    assert harness.service.asked == []


async def test_app_home_shows_the_service_select_and_a_choice_is_used_for_later_questions(harness):
    d = harness.double
    await harness.slack.event({"type": "app_home_opened", "user": "U0ASKER", "channel": "D0ASKER", "tab": "home",
                               "event_ts": "1700000000.1"})
    [home] = await d.wait_for("views.publish")
    assert home.args["user_id"] == "U0ASKER"
    view = home.args["view"]
    assert view["type"] == "home"
    select = next(b["accessory"] for b in view["blocks"] if b.get("accessory", {}).get("type") == "static_select")
    assert select["initial_option"]["value"] == "AIS"
    assert {o["value"] for o in select["options"]} == {"AIS", "CCS"}
    assert "/niyam" in all_text(view["blocks"])

    chosen = next(o for o in select["options"] if o["value"] == "CCS")
    status, _ = await harness.slack.interact(block_action(
        {"action_id": select["action_id"], "type": "static_select", "selected_option": chosen}, channel=None,
        view={"id": "V1", "type": "home", "blocks": view["blocks"]}))
    assert status == 200
    _, again = await d.wait_for("views.publish", n=2)
    select = next(b["accessory"] for b in again.args["view"]["blocks"] if "accessory" in b)
    assert select["initial_option"]["value"] == "CCS"
    assert "Saved" in all_text(again.args["view"]["blocks"])
    assert UserSettings(database(harness.data_dir)).profile("slack:U0ASKER").rulebook == "CCS"

    await harness.slack.event(dm(QUESTION))
    [post] = await d.wait_for("chat.postMessage")
    assert harness.service.asked == [(QUESTION, "CCS")]
    assert "CCS 9(i)" in all_text(post.args["blocks"])


async def test_the_messages_tab_does_not_publish_a_home_view(harness):
    await harness.slack.event({"type": "app_home_opened", "user": "U0ASKER", "channel": "D0ASKER", "tab": "messages"})
    await harness.double.quiet(0.2)
    assert not harness.double.of("views.publish")


async def test_an_unsigned_body_that_is_not_utf8_gets_401_without_a_traceback(harness, caplog):
    """Issue 17 (12): the signature is checked on the bytes before anything decodes them."""
    import aiohttp

    async with aiohttp.ClientSession() as session:
        for content_type in ("application/json", "application/x-www-form-urlencoded"):
            async with session.post(harness.slack.url, data=b"\xff\xfe\x00payload=\xc3\x28",
                                    headers={"Content-Type": content_type}) as resp:
                assert resp.status == 401
    assert "Traceback" not in caplog.text and not [r for r in caplog.records if r.levelname == "ERROR"]
    assert harness.service.asked == []


async def test_unsigned_badly_signed_and_stale_requests_get_401(harness):
    body = json.dumps({"type": "event_callback", "event_id": "Ev1", "event": mention(f"<@{BOT_USER}> {QUESTION}")})
    assert (await harness.slack.post(body, "application/json", signed=False))[0] == 401
    assert (await harness.slack.post(body, "application/json",
                                     headers={"X-Slack-Signature": "v0=" + "0" * 64}))[0] == 401
    assert (await harness.slack.post(body, "application/json", timestamp=int(time.time()) - 600))[0] == 401
    assert (await harness.slack.post("payload=%7Bnot-json", "application/x-www-form-urlencoded", signed=False))[0] == 401
    other = type(harness.slack)(harness.slack.url, secret="someone-elses-secret")
    assert (await other.command(QUESTION, response_url=harness.double.response_url("x")))[0] == 401
    await harness.double.quiet(0.2)
    assert harness.service.asked == []
    assert not harness.double.of("chat.postMessage") and not harness.double.responses


async def test_a_retried_event_is_answered_once(harness):
    event = mention(f"<@{BOT_USER}> {QUESTION}")
    assert (await harness.slack.event(event, event_id="EvRETRY1"))[0] == 200
    assert (await harness.slack.event(event, event_id="EvRETRY1", retry=1))[0] == 200
    assert (await harness.slack.event(event, event_id="EvRETRY1", retry=2))[0] == 200
    await harness.double.wait_for("chat.postMessage")
    await harness.double.quiet(0.3)
    assert len(harness.double.of("chat.postMessage")) == 1
    assert len(harness.service.asked) == 1


async def test_feedback_is_stored_with_verdict_and_refs_only(harness):
    d = harness.double
    await harness.slack.event(mention(f"<@{BOT_USER}> {QUESTION}"))
    [post] = await d.wait_for("chat.postMessage")
    buttons = actions_of(post.args["blocks"])
    assert set(buttons) == {"niyam_details", "niyam_feedback_helpful", "niyam_feedback_not_helpful",
                            "niyam_feedback_wrong_rule"}
    assert QUESTION not in json.dumps(buttons)

    status, _ = await harness.slack.interact(block_action(
        {"action_id": "niyam_feedback_wrong_rule", "value": buttons["niyam_feedback_wrong_rule"]["value"]},
        response_url=d.response_url("fb")))
    assert status == 200
    [thanks] = await d.wait_response("fb")
    assert thanks["response_type"] == "ephemeral" and thanks["replace_original"] is False
    assert thanks["text"] == mrkdwn(texts.FEEDBACK_RECORDED)  # the tap says it was recorded
    [row] = FeedbackLog(database(harness.data_dir)).rows()
    assert row["platform"] == "slack" and row["feedback"] == "wrong_rule"
    assert row["verdict"] == "not_allowed" and row["refs"] == ["AIS 7(i)"]
    assert set(row) == {"at", "platform", "feedback", "verdict", "refs"}
    assert b"criticise" not in stored_bytes(harness.data_dir)
    # one per person per answer: a second press by the same person is not stored
    await harness.slack.interact(block_action(
        {"action_id": "niyam_feedback_helpful", "value": buttons["niyam_feedback_helpful"]["value"]},
        response_url=d.response_url("fb2")))
    [again] = await d.wait_response("fb2")
    assert again["text"] == mrkdwn(texts.FEEDBACK_ALREADY) and len(FeedbackLog(database(harness.data_dir)).rows()) == 1


async def test_feedback_with_a_forged_value_is_not_stored(harness):
    d = harness.double
    for i, value in enumerate(["not json", json.dumps({"v": "maybe", "r": []}), json.dumps({"v": "allowed", "r": "x"})]):
        await harness.slack.interact(block_action({"action_id": "niyam_feedback_helpful", "value": value},
                                                  response_url=d.response_url(f"fb{i}")))
        [note] = await d.wait_response(f"fb{i}")
        assert note["text"] == mrkdwn(texts.FEEDBACK_STALE)
    assert FeedbackLog(database(harness.data_dir)).rows() == []


async def test_per_user_rate_limit_replies_politely_and_privately(harness_factory):
    h = await harness_factory(rate_limit=2)
    for i in range(3):
        await h.slack.event(mention(f"<@{BOT_USER}> {QUESTION} {i}", ts=f"1700000000.00030{i}"))
    await h.double.wait_for("chat.postMessage", n=2)
    [limited] = await h.double.wait_for("chat.postEphemeral")
    assert limited.args["user"] == "U0ASKER" and "wait a moment" in limited.args["text"]
    # someone else is not held up
    await h.slack.event(mention(f"<@{BOT_USER}> {QUESTION}", user="U0OTHER"))
    await h.double.wait_for("chat.postMessage", n=3)
    assert len(h.service.asked) == 3


async def test_acknowledgement_does_not_wait_for_a_slow_advisor(harness_factory, fake_service):
    original = fake_service.ask

    def slow(question, service="AIS", **kw):
        time.sleep(1.5)
        return original(question, service)

    fake_service.ask = slow
    h = await harness_factory()
    started = time.monotonic()
    status, _ = await h.slack.command(QUESTION, response_url=h.double.response_url("slow"))
    status2, _ = await h.slack.event(mention(f"<@{BOT_USER}> {QUESTION}"))
    assert status == status2 == 200
    assert time.monotonic() - started < 1.0
    await h.double.wait_response("slow")
    await h.double.wait_for("chat.postMessage")


async def test_many_questions_at_once_are_all_answered(harness_factory):
    h = await harness_factory(rate_limit=100)
    results = await asyncio.gather(*[h.slack.event(mention(f"<@{BOT_USER}> {QUESTION}", user=f"U{i:04d}"))
                                     for i in range(20)])
    assert all(status == 200 for status, _ in results)
    await h.double.wait_for("chat.postMessage", n=20)
