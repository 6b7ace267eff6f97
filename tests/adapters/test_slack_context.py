"""Who is asking and the conversation they are in, in Slack (adapters/slack/context.py): /niyam service with a
State, /niyam language, the App Home's State and language selects, follow-ups in threads and DMs, and an edited
draft whose answer is updated in place. The real Bolt app over HTTP on loopback, against the Slack double."""

from __future__ import annotations

from tests.adapters.slack_double import (  # noqa: F401
    BOT_USER,
    all_text,
    block_action,
    dm,
    harness,
    harness_factory,
    mention,
    slack_double,
)
from tests.conftest import stored_profiles

DRAFT = "I am proud of our district team for the flood relief work. The CM's new liquor policy is a disaster."
FIRST = "I am proud of our district team for the flood relief work."


def message_changed(channel: str, ts: str, old: str, new: str, *, user: str = "U0ASKER") -> dict:
    return {"type": "message", "subtype": "message_changed", "hidden": True, "channel": channel, "channel_type": "im",
            "ts": "1700000099.000001", "event_ts": "1700000099.000001",
            "message": {"type": "message", "user": user, "text": new, "ts": ts, "edited": {"user": user, "ts": "1"}},
            "previous_message": {"type": "message", "user": user, "text": old, "ts": ts}}


async def test_service_with_a_state_and_language_from_the_slash_command(harness):
    d = harness.double
    await harness.slack.command("service CCS DL", response_url=d.response_url("svc"))
    [said] = await d.wait_response("svc")
    assert "*CCS*" in said["text"] and "Delhi" in said["text"]
    await harness.slack.command("language hi", response_url=d.response_url("lang"))
    [hindi] = await d.wait_response("lang")
    assert "हिन्दी" in hindi["text"]
    await harness.slack.command("help", response_url=d.response_url("help"))
    [help_] = await d.wait_response("help")
    assert "मैं आपकी पोस्ट का मसौदा" in help_["text"]  # a Hindi user gets Hindi help
    assert stored_profiles(harness.data_dir)["slack:U0ASKER"] == {
        "service": "CCS", "state": "DL", "lang": "hi"}
    await harness.slack.command("service AIS Atlantis", response_url=d.response_url("bad"))
    [bad] = await d.wait_response("bad")
    assert "राज्य" in bad["text"]


async def test_app_home_offers_the_state_and_language_and_remembers_them(harness):
    d = harness.double
    await harness.slack.event({"type": "app_home_opened", "user": "U0ASKER", "channel": "D0ASKER", "tab": "home",
                               "event_ts": "1700000000.1"})
    [home] = await d.wait_for("views.publish")
    selects = {b["accessory"]["action_id"]: b["accessory"] for b in home.args["view"]["blocks"] if "accessory" in b}
    states = selects["niyam_state_select"]
    assert {o["value"] for o in states["options"]} >= {"KL", "UP", "DL", "CENTRE"} and len(states["options"]) == 37
    kerala = next(o for o in states["options"] if o["value"] == "KL")
    await harness.slack.interact(block_action({"action_id": "niyam_state_select", "type": "static_select",
                                               "selected_option": kerala}, channel=None,
                                              view={"id": "V1", "type": "home", "blocks": []}))
    _, again = await d.wait_for("views.publish", n=2)
    selects = {b["accessory"]["action_id"]: b["accessory"] for b in again.args["view"]["blocks"] if "accessory" in b}
    assert selects["niyam_state_select"]["initial_option"]["value"] == "KL"
    assert "Kerala" in all_text(again.args["view"]["blocks"])
    await harness.slack.event(dm(DRAFT))
    await d.wait_for("chat.postMessage")
    assert stored_profiles(harness.data_dir)["slack:U0ASKER"] == {"state": "KL"}


async def test_a_thread_reply_under_an_answer_checks_the_changed_draft(harness):
    d = harness.double
    await harness.slack.event(dm(DRAFT))
    [answer] = await d.wait_for("chat.postMessage")
    answer_ts = next(ts for channel, ts in d.posted if channel == "D0ASKER")
    await harness.slack.event(dm("what if I remove the last line?", thread_ts=answer_ts))
    _, second = await d.wait_for("chat.postMessage", n=2)
    assert harness.service.asked[-1] == (FIRST, "AIS")
    assert second.args["thread_ts"] == answer_ts
    assert "Checked: your draft without its last sentence" in all_text(second.args["blocks"])
    await harness.slack.event(dm("what if I tone it down?", thread_ts=answer_ts))
    *_, unclear = await d.wait_for("chat.postMessage", n=3)
    assert "send the whole changed draft" in unclear.args["text"] and len(harness.service.asked) == 2


async def test_a_mention_in_the_thread_niyam_answered_is_a_follow_up(harness):
    d = harness.double
    await harness.slack.event(mention(f"<@{BOT_USER}> {DRAFT}", ts="1700000000.000500"))
    await d.wait_for("chat.postMessage")
    await harness.slack.event(mention(f"<@{BOT_USER}> without the last line", ts="1700000000.000600",
                                      thread_ts="1700000000.000500"))
    await d.wait_for("chat.postMessage", n=2)
    assert harness.service.asked[-1] == (FIRST, "AIS")


async def test_an_edited_dm_draft_gets_its_answer_updated_not_a_second_answer(harness):
    d = harness.double
    event = dm(DRAFT)
    await harness.slack.event(event)
    await d.wait_for("chat.postMessage")
    answer_ts = next(ts for channel, ts in d.posted if channel == "D0ASKER")
    await harness.slack.event(message_changed("D0ASKER", event["ts"], DRAFT, FIRST))
    [update] = await d.wait_for("chat.update")
    assert update.args["ts"] == answer_ts and update.args["channel"] == "D0ASKER"
    assert "Checked: your edited draft" in all_text(update.args["blocks"])
    await d.quiet()
    assert len(d.of("chat.postMessage")) == 1
    assert harness.service.asked[-1] == (FIRST, "AIS")
    # an unfurl (same text) or an edit of a message Niyam never answered changes nothing
    await harness.slack.event(message_changed("D0ASKER", event["ts"], FIRST, FIRST))
    await harness.slack.event(message_changed("D0ASKER", "1700000000.999999", "a", "b"))
    await d.quiet()
    assert len(d.of("chat.update")) == 1 and len(harness.service.asked) == 2


async def test_app_home_language_choice_is_saved_and_said_in_that_language(harness):
    d = harness.double
    await harness.slack.event({"type": "app_home_opened", "user": "U0ASKER", "channel": "D0ASKER", "tab": "home",
                               "event_ts": "1700000000.2"})
    [home] = await d.wait_for("views.publish")
    selects = {b["accessory"]["action_id"]: b["accessory"] for b in home.args["view"]["blocks"] if "accessory" in b}
    hindi = next(o for o in selects["niyam_language_select"]["options"] if o["value"] == "hi")
    await harness.slack.interact(block_action({"action_id": "niyam_language_select", "type": "static_select",
                                               "selected_option": hindi}, channel=None,
                                              view={"id": "V1", "type": "home", "blocks": []}))
    _, again = await d.wait_for("views.publish", n=2)
    selects = {b["accessory"]["action_id"]: b["accessory"] for b in again.args["view"]["blocks"] if "accessory" in b}
    assert selects["niyam_language_select"]["initial_option"]["value"] == "hi"
    assert "मेरे संदेश अब" in all_text(again.args["view"]["blocks"])  # the saved note, in the chosen language
    assert stored_profiles(harness.data_dir)["slack:U0ASKER"] == {"lang": "hi"}
