"""Who is asking and the conversation they are in, in Telegram (adapters/telegram/context.py): the onboarding,
/service with a State, /language and Hindi replies, /rule in the asker's rulebook, follow-ups and edits. The real
python-telegram-bot Application against the Bot API double, over a fake service that records what it was asked."""

from __future__ import annotations

import pytest

from adapters.telegram import build_application
from chat import texts
from tests.adapters.conftest import FakeService
from tests.adapters.telegram_double import TOKEN, double, running_bot  # noqa: F401 (fixture)
from tests.conftest import stored_profiles

DRAFT = "I am proud of our district team for the flood relief work. The CM's new liquor policy is a disaster."


class RecordingService(FakeService):
    """The fake service, also recording the State and language each question was asked with."""

    def __init__(self):
        super().__init__()
        self.contexts: list[tuple[str, str, str | None, str | None]] = []

    def ask(self, question, service="AIS", *, state=None, lang=None):
        self.contexts.append((question, str(service), state, lang))
        return super().ask(question, service, state=state, lang=lang)


@pytest.fixture
def service():
    return RecordingService()


@pytest.fixture
async def bot(double, tmp_path, service):
    app = build_application(service, token=TOKEN, base_url=double.root, data_dir=tmp_path, admins=set())
    async with running_bot(app) as running:
        yield running


def buttons(message: dict) -> dict[str, str]:
    """callback_data -> label of the buttons under a message the bot sent (or edited)."""
    return {b["callback_data"]: b["text"] for row in (message.get("reply_markup") or {}).get("inline_keyboard", [])
            for b in row}


async def test_onboarding_asks_rulebook_state_and_language_once_and_remembers(double, bot, service, tmp_path):
    await double.say("/start")
    (start,) = await double.wait_for("sendMessage")
    message = double.sent[max(double.sent)]
    assert set(buttons(message)) == {"ob:r:AIS", "ob:r:CCS"}

    await double.tap(message, "ob:r:AIS")
    (edit,) = await double.wait_for("editMessageText")
    assert "cadre State" in edit.params["text"]
    states = buttons(message)
    assert states["ob:s:KL"] == "Kerala" and states["ob:s:UP"] == "Uttar Pradesh" and "ob:s:CENTRE" in states
    assert len(states) == 37  # every State and Union Territory, and the Centre

    await double.tap(message, "ob:s:KL")
    await double.wait_for("editMessageText", 2)
    assert set(buttons(message)) == {"ob:l:en", "ob:l:hi"}
    await double.tap(message, "ob:l:hi")
    done = (await double.wait_for("editMessageText", 3))[-1].params["text"]
    assert "सब तय हो गया" in done and "केरल" in done and "AIS" in done

    assert stored_profiles(tmp_path) == {
        "telegram:42": {"service": "AIS", "state": "KL", "lang": "hi"}}
    await double.say(DRAFT)
    await double.wait_for("sendMessage", 2)
    assert service.contexts == [(DRAFT, "AIS", "KL", "hi")]  # the asker's profile goes into every question


async def test_service_with_a_state_and_the_state_buttons(double, bot, service, tmp_path):
    await double.say("/service CCS DL")
    (said,) = await double.wait_for("sendMessage")
    assert "<b>CCS</b>" in said.params["text"] and "Delhi" in said.params["text"]
    await double.say("/service AIS")
    (_, ask_state) = await double.wait_for("sendMessage", 2)
    assert "cadre State" in ask_state.params["text"]
    await double.tap(double.sent[max(double.sent)], "st:UP")
    (edit,) = await double.wait_for("editMessageText")
    assert "Uttar Pradesh" in edit.params["text"]
    await double.say("/service AIS Atlantis")
    refused = (await double.wait_for("sendMessage", 3))[-1].params["text"]
    assert "I don't know that State" in refused
    assert stored_profiles(tmp_path)["telegram:42"] == {"service": "AIS", "state": "UP"}


async def test_a_hindi_user_gets_hindi_help_and_hindi_replies(double, bot):
    await double.say("/help")
    (english,) = await double.wait_for("sendMessage")
    assert english.params["text"].startswith("<b>How to ask</b>")
    await double.say("/language hi")
    (_, chosen) = await double.wait_for("sendMessage", 2)
    assert "हिन्दी" in chosen.params["text"]
    await double.say("/help")
    hindi = (await double.wait_for("sendMessage", 3))[-1].params["text"]
    assert hindi.startswith("<b>कैसे पूछें</b>") and "/language" in hindi
    await double.say("/nonsense")
    unknown = (await double.wait_for("sendMessage", 4))[-1].params["text"]
    assert "मैं /nonsense नहीं जानता" in unknown
    await double.say("/help", user_id=43)  # another officer still reads English
    other = (await double.wait_for("sendMessage", 5))[-1].params["text"]
    assert other.startswith("<b>How to ask</b>")


async def test_a_telegram_app_in_hindi_gets_hindi_until_a_language_is_chosen(double, bot):
    await double.push({"message": double.message("/help", **{"from": {"id": 44, "is_bot": False, "first_name": "R",
                                                                       "language_code": "hi"}}, chat_id=44)})
    (hindi,) = await double.wait_for("sendMessage")
    assert hindi.params["text"].startswith("<b>कैसे पूछें</b>")


async def test_rule_number_reads_the_askers_rulebook(double, bot):
    await double.say("/rule 7")
    (rule,) = await double.wait_for("sendMessage")
    assert "<b>AIS 7</b> Criticism of Government" in rule.params["text"]
    await double.say("/service CCS")
    await double.wait_for("sendMessage", 2)
    await double.say("/rule 7")
    missing = (await double.wait_for("sendMessage", 3))[-1].params["text"]
    assert "no rule <b>CCS 7</b> in the CCS rules" in missing
    await double.say("/rule ais 7")  # another rulebook, named
    named = (await double.wait_for("sendMessage", 4))[-1].params["text"]
    assert "<b>AIS 7</b>" in named


async def test_a_reply_to_an_answer_checks_the_changed_draft_and_says_so(double, bot, service):
    await double.say(DRAFT)
    (first,) = await double.wait_for("sendMessage")
    answer = double.sent[max(double.sent)]
    await double.reply_to(answer, "what if I remove the last line?")
    second = (await double.wait_for("sendMessage", 2))[-1].params["text"]
    assert service.contexts[-1][0] == "I am proud of our district team for the flood relief work."
    assert "Checked: your draft without its last sentence" in second
    # the short first message says what was checked; the draft as checked is quoted in the details
    assert "Checked: your draft without its last sentence" in second.split("\n")[1]

    # a follow-up of the follow-up reads the changed draft; a plain message in the private chat does too
    await double.say("if I add views are personal")
    await double.wait_for("sendMessage", 3)
    assert service.contexts[-1][0] == "I am proud of our district team for the flood relief work.\nviews are personal"

    # a change that cannot be read is asked about, never guessed
    await double.reply_to(answer, "what if I tone it down?")
    unclear = (await double.wait_for("sendMessage", 4))[-1].params["text"]
    assert "send the whole changed draft" in unclear and len(service.contexts) == 3

    # a new draft in the conversation is a new question
    await double.reply_to(answer, "Can I tweet about the new transfer policy?")
    await double.wait_for("sendMessage", 5)
    assert service.contexts[-1][0] == "Can I tweet about the new transfer policy?"


async def test_a_reply_to_an_answer_whose_draft_is_no_longer_held_asks_for_the_draft(double, bot, service):
    await double.say(DRAFT)
    await double.wait_for("sendMessage")
    answer = double.sent[max(double.sent)]
    niyam = bot.bot_data["niyam"]
    niyam.core.conversations.ttl = 0  # as if FOLLOWUP_MINUTES had passed
    await double.reply_to(answer, "without the last line")
    said = (await double.wait_for("sendMessage", 2))[-1].params["text"]
    assert f"only {texts.FOLLOWUP_MINUTES} minutes" in said and len(service.contexts) == 1


async def test_an_edited_draft_gets_its_answer_edited_not_a_second_answer(double, bot, service):
    update = await double.say(DRAFT)
    (first,) = await double.wait_for("sendMessage")
    answer_id = max(double.sent)
    await double.edit(update["message"], "I am proud of our district team for the flood relief work.")
    (edit,) = await double.wait_for("editMessageText")
    assert edit.params["message_id"] == answer_id
    assert "Checked: your edited draft" in edit.params["text"]
    assert buttons(double.sent[answer_id])  # the feedback buttons are still there
    assert len(double.of("sendMessage")) == 1
    assert service.contexts[-1][0] == "I am proud of our district team for the flood relief work."
