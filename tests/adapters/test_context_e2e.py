"""End to end, issue 15: the real Niyam service (real index with a Kerala circular an admin indexed, real
embeddings) behind the real Telegram Application and Bolt app on loopback. Who asks decides which State circular
binds; a reply to an answer is read with the draft it answered; an edited draft gets its answer edited."""

from __future__ import annotations

import shutil

import pytest

from adapters.telegram import build_application
from bot.admin import AdminService
from bot.service import Niyam
from retrieval.embeddings import get_embedder
from tests.adapters.slack_double import all_text, dm, harness_factory, slack_double  # noqa: F401
from tests.adapters.telegram_double import TOKEN, double, running_bot  # noqa: F401 (fixture)

KERALA_CIRCULAR = """No. 12/2026/GAD
Government of Kerala
General Administration (Rules) Department
Dated the 10th October, 2026

CIRCULAR

Subject: Crowdfunding and online appeals for funds by Government servants.

It has come to the notice of Government that some Government servants have been raising money from the public through crowdfunding platforms and social media appeals.

2. Government servants serving in the State shall observe the following:
(i) No Government servant shall start, promote or share a crowdfunding campaign or an online appeal for donations, for any cause, without the prior permission of the Government.
(ii) Relief contributions shall be made only through the Chief Minister's Distress Relief Fund.

3. This issues with the approval of the competent authority.
"""
KERALA_ID = "kerala-crowdfunding-2026"
KERALA_TITLE = "Crowdfunding and online appeals for funds by Government servants"
CROWDFUNDING = "Can I start a crowdfunding campaign on Facebook to raise money for flood victims?"
# a two-sentence draft whose last line is the problem
DRAFT = ("Had a lovely time at my niece's wedding in Kochi this weekend. "
         "Please donate to my crowdfunding campaign for the flood victims, link below.")
FIRST = "Had a lovely time at my niece's wedding in Kochi this weekend."


@pytest.fixture(scope="module")
def kerala_niyam(niyam, data_dir, tmp_path_factory):
    """The session's index (the whole pack) copied, with the Kerala circular indexed for AIS, CCS and KL only.
    (The pack's own Kerala circular, kerala-social-media-2017, is about comment on policy, not fundraising.)"""
    niyam.ask("warm-up", "AIS")
    root = tmp_path_factory.mktemp("kerala")
    copy = root / "data"
    shutil.copytree(data_dir, copy)
    path = root / "kerala-crowdfunding.txt"
    path.write_text(KERALA_CIRCULAR)
    AdminService(copy, embedder=get_embedder()).add(path, actor="cli:test", id=KERALA_ID, applies_to="AIS,CCS,KL")
    return Niyam.open(copy)


@pytest.mark.slow
async def test_telegram_the_kerala_circular_binds_only_the_kerala_officer(kerala_niyam, double, tmp_path):
    app = build_application(kerala_niyam, token=TOKEN, base_url=double.root, data_dir=tmp_path, admins=set())
    officers = {42: "/service AIS KL", 43: "/service AIS UP", 44: "/service CCS DL"}
    async with running_bot(app):
        for user, command in officers.items():
            await double.say(command, user_id=user)
        await double.wait_for("sendMessage", 3)
        for user in officers:
            await double.say(CROWDFUNDING, user_id=user)
        await double.wait_for("sendMessage", 6, timeout=120)
        # the short answer, then its details ("Why? / Rules": the rules cited and the caveats) on a tap
        for user in officers:
            answer = next(m for m in sorted(double.sent.values(), key=lambda m: -m["message_id"])
                          if m["chat"]["id"] == user)
            call = next(c for c in reversed(double.of("sendMessage", chat_id=user)) if c.params.get("reply_markup"))
            data = call.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
            await double.tap(answer, data, user_id=user)
        await double.wait_for("sendMessage", 9, timeout=60)
    answers = {user: "\n".join(double.texts(user)[1:]) for user in officers}
    kerala, up, delhi = answers[42], answers[43], answers[44]
    assert KERALA_TITLE in kerala and "para 2(i)" in kerala
    assert "whether a State instruction binds an AIS officer is not settled" in kerala  # the caveat
    for other in (up, delhi):
        assert KERALA_ID not in other and KERALA_TITLE not in other
    assert "CCS" in delhi


@pytest.mark.slow
async def test_slack_the_kerala_circular_binds_only_the_kerala_officer(kerala_niyam, harness_factory):
    h = await harness_factory(service=kerala_niyam)
    for user, setting in (("UKERALA", "service AIS KL"), ("UUP", "service AIS UP"), ("UDELHI", "service CCS DL")):
        await h.slack.command(setting, user=user, response_url=h.double.response_url(user))
        await h.double.wait_response(user)
        await h.slack.event(dm(CROWDFUNDING, user=user, channel=f"D{user}"))
    posts = await h.double.wait_for("chat.postMessage", n=3, timeout=120)
    by_channel = {p.args["channel"]: all_text(p.args["blocks"]) for p in posts}
    # the short first message names the rule that decides: the circular, for the Kerala officer only (its
    # caveat is in the details, checked on Telegram)
    assert KERALA_TITLE in by_channel["DUKERALA"]
    for other in ("DUUP", "DUDELHI"):
        assert KERALA_ID not in by_channel[other] and KERALA_TITLE not in by_channel[other]


@pytest.mark.slow
async def test_telegram_a_reply_without_the_last_line_and_an_edit(niyam, double, tmp_path):
    app = build_application(niyam, token=TOKEN, base_url=double.root, data_dir=tmp_path, admins=set())
    async with running_bot(app):
        update = await double.say(DRAFT)
        (first,) = await double.wait_for("sendMessage", timeout=120)
        answer = double.sent[max(double.sent)]
        await double.reply_to(answer, "what if I remove the last line?")
        second = (await double.wait_for("sendMessage", 2, timeout=120))[-1].params["text"]
        # the draft message edited to its first sentence: the first answer is edited, no third message
        await double.edit(update["message"], FIRST)
        (edit,) = await double.wait_for("editMessageText", timeout=120)
    assert not first.params["text"].startswith("✅"), first.params["text"][:80]  # the fundraising line restricts
    assert second.startswith("✅ <b>Allowed</b>"), second[:200]
    assert "Checked: your draft without its last sentence" in second
    assert edit.params["message_id"] == answer["message_id"]
    assert edit.params["text"].startswith("✅ <b>Allowed</b>") and "Checked: your edited draft" in edit.params["text"]
    assert len(double.of("sendMessage")) == 2


@pytest.mark.slow
async def test_slack_a_thread_reply_without_the_last_line(niyam, harness_factory):
    h = await harness_factory(service=niyam)
    await h.slack.event(dm(DRAFT))
    await h.double.wait_for("chat.postMessage", timeout=120)
    answer_ts = next(ts for channel, ts in h.double.posted if channel == "D0ASKER")
    await h.slack.event(dm("what if I remove the last line?", thread_ts=answer_ts))
    _, second = await h.double.wait_for("chat.postMessage", n=2, timeout=120)
    assert second.args["blocks"][0]["text"]["text"] == "✅ Allowed"
    assert "Checked: your draft without its last sentence" in all_text(second.args["blocks"])
