"""The quiz, the weekly digest and the report in Slack: the real Bolt app over HTTP on loopback, signed as Slack
signs, against the Web API double; the digest runs on the app's APScheduler job with a clock the test moves."""

from __future__ import annotations

import asyncio
import datetime as dt
import json

import pytest

from adapters.slack.quiz import quiz_of
from chat.quiz import CODE_OF
from tests.adapters.slack_double import all_text, block_action, harness_factory, slack_double  # noqa: F401

ADMIN = "U0ADMIN"


class Clock:
    def __init__(self, now: dt.datetime):
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock():
    return Clock(dt.datetime(2026, 12, 2, 12, 0, tzinfo=dt.timezone.utc))


@pytest.fixture
async def h(harness_factory, clock):
    harness = await harness_factory(admins={f"slack:{ADMIN}"}, clock=clock, digest_every=0.05)
    yield harness
    quiz = quiz_of(harness.app)
    if quiz is not None:
        quiz.stop()


def item_of(h, blocks):
    text = json.loads(blocks)[0]["text"]["text"] if isinstance(blocks, str) else blocks[0]["text"]["text"]
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    found = [i for i in quiz_of(h.app).training.bank.items.values() if i.text in text]
    assert len(found) == 1, text
    return found[0]


def quiz_buttons(blocks) -> dict[str, dict]:
    return {e["action_id"]: e for b in blocks if b["type"] == "actions" for e in b["elements"]}


async def test_a_private_round_of_five_with_a_wrong_answer_and_the_score(h):
    d = h.double
    await h.slack.command("quiz", response_url=d.response_url("q"))
    (first,) = await d.wait_response("q")
    assert first["response_type"] == "ephemeral"
    message, shown, posts = first, [], 0
    for n in range(1, 6):
        assert f"question {n} of 5" in message["blocks"][0]["text"]["text"]
        buttons = quiz_buttons(message["blocks"])
        assert [b["text"]["text"] for b in buttons.values()] == ["✅ Allowed", "🟡 Allowed with care",
                                                                 "📝 Needs prior sanction", "⛔ Not allowed"]
        item = item_of(h, message["blocks"])
        shown.append(item.id)
        choice = CODE_OF[item.verdict] if n != 3 else next(c for c in "acsn" if c != CODE_OF[item.verdict])
        button = buttons["niyam_quiz_" + choice]
        await h.slack.interact(block_action({"action_id": button["action_id"], "value": button["value"]},
                                            response_url=d.response_url(f"tap{n}"), ephemeral=True))
        replies = await d.wait_response(f"tap{n}", 2 if n < 5 else 1)
        reveal = replies[0]
        assert reveal["replace_original"] is True
        text = reveal["blocks"][0]["text"]["text"]
        assert ("Not quite" in text) == (n == 3) and item.ref.split("(")[0] in text and "*Why:*" in text
        assert "niyam_quiz_a" not in json.dumps(reveal["blocks"])  # the buttons are gone
        if n < 5:
            message = replies[1]
            assert message["replace_original"] is False
        posts += 1
    assert "Round over: 4 of 5 right." in text and "/niyam quiz" in text
    assert len(set(shown)) == 5
    store = quiz_of(h.app).training.store
    assert store.scores("slack:U0ASKER") == [(4, 5)]
    counts = {(r.kind, r.key): r.n for r in store.counts()}
    assert sum(n for (k, _), n in counts.items() if k == "quiz_asked") == 5
    assert sum(n for (k, _), n in counts.items() if k == "quiz_right") == 4


async def test_digest_and_report_are_for_admins_and_the_weekly_post_follows_the_clock(h, clock):
    d = h.double
    await h.slack.command("digest here", response_url=d.response_url("no"), channel="C0DEPT")
    (no,) = await d.wait_response("no")
    assert "Only Niyam's administrators" in no["text"]
    await h.slack.command("report", response_url=d.response_url("no2"))
    (no2,) = await d.wait_response("no2")
    assert "Only Niyam's administrators" in no2["text"]

    await h.slack.command("digest here", response_url=d.response_url("on"), user=ADMIN, channel="C0DEPT")
    (on,) = await d.wait_response("on")
    assert "every Monday at 10:00" in on["text"] and "/invite @Niyam" in on["text"]

    quiz_of(h.app).start()
    await asyncio.sleep(0.3)
    assert not d.of("chat.postMessage")
    clock.now = dt.datetime(2026, 12, 7, 4, 30, tzinfo=dt.timezone.utc)
    (question,) = await d.wait_for("chat.postMessage")
    assert question.args["channel"] == "C0DEPT" and "Question of the week" in question.args["text"]
    item = item_of(h, question.args["blocks"])
    await asyncio.sleep(0.3)
    assert len(d.of("chat.postMessage")) == 1
    clock.now += dt.timedelta(days=1)
    answer = (await d.wait_for("chat.postMessage", 2))[-1]
    assert "Answer to this week" in answer.args["text"] and item.ref.split("(")[0] in answer.args["text"]

    await h.slack.command("report 2026-13-45", response_url=d.response_url("bad"), user=ADMIN)
    (bad,) = await d.wait_response("bad")
    assert "2026-11-01" in bad["text"] and not d.of("files.getUploadURLExternal")
    await h.slack.command("report 2026-11-01", response_url=d.response_url("rep"), user=ADMIN)
    (sent,) = await d.wait_response("rep")
    assert "direct messages" in sent["text"]
    (done,) = d.of("files.completeUploadExternal")
    assert done.args["channel_id"] == "D" + ADMIN
    (png,) = d.uploads.values()
    assert png.startswith(b"\x89PNG")


async def test_a_draft_that_starts_with_quiz_is_still_checked(h):
    d = h.double
    await h.slack.command("quiz night at the officers' club, can I post the photos?", response_url=d.response_url("x"))
    (answer,) = await d.wait_response("x")
    assert "Not allowed" in all_text(answer["blocks"])  # the fake service answered it as a draft
