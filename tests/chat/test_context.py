"""The asker's context in the chat core: State and language settings, /rule in the asker's rulebook, follow-ups
against the held draft (memory only), the Hindi texts, and the State table."""

from __future__ import annotations

import string

import pytest

from chat import texts
from chat.conversations import Checked, Conversations
from chat.core import ChatCore, rule_ref
from chat.say import Say, speak
from knowledge.errors import BadInput
from knowledge.states import CENTRE, codes, parse_state, state_code, state_name
from tests.adapters.conftest import FakeService
from tests.conftest import stored_profiles

DRAFT = "I am proud of our district team for the flood relief work. The CM's new liquor policy is a disaster."


@pytest.fixture
def core(tmp_path):
    return ChatCore(FakeService(), platform="telegram", data_dir=tmp_path, admins=set())


async def test_state_and_language_are_kept_with_the_rulebook(core, tmp_path):
    assert await core.set_state(42, "kerala") == "KL"
    assert await core.set_state(42, " up ") == "UP"
    assert await core.set_lang(42, "हिन्दी") == "hi"
    with pytest.raises(BadInput):
        await core.set_state(42, "Atlantis")
    with pytest.raises(BadInput):
        await core.set_lang(42, "fr")
    p = core.profile(42)
    assert (p.rulebook, p.state, p.lang) == ("AIS", "UP", "hi")
    assert stored_profiles(tmp_path) == {"telegram:42": {"state": "UP", "lang": "hi"}}


def test_rule_refs_read_the_askers_rulebook():
    assert rule_ref("7", "CCS") == "CCS 7"
    assert rule_ref("rule 7(i)", "AIS") == "AIS 7(i)"
    assert rule_ref("१३A", "AIS") == "AIS 13A"
    assert rule_ref("ccs 9", "AIS") == "CCS 9" and rule_ref("AIS7", "CCS") == "AIS 7"
    assert rule_ref("kerala-social-media-2017 para 1", "AIS") == "kerala-social-media-2017 para 1"


async def test_a_follow_up_is_checked_as_the_changed_draft_and_says_so(core):
    core.conversations.remember(["chat:1"], Checked(DRAFT))
    turn = await core.check(42, "without the last line", follows=["ans:1:9", "chat:1"])
    first = "I am proud of our district team for the flood relief work."
    assert turn.answer is not None and core.service.asked[-1] == (first, "AIS")
    assert turn.answer.checked_text == first and turn.draft == first and turn.base == DRAFT
    assert turn.answer.checked_note == "Checked: your draft without its last sentence"
    assert "checked_note" not in turn.answer.to_json() and turn.answer.to_json()["checked_text"] == first

    unclear = await core.check(42, "what if I tone it down?", follows=["chat:1"])
    assert unclear.answer is None and unclear.say == Say(texts.FOLLOWUP_UNCLEAR)
    new = await core.check(42, "Can I tweet about the transfer policy?", follows=["chat:1"])
    assert new.answer is not None and new.answer.checked_text is None and new.draft == "Can I tweet about the transfer policy?"


async def test_a_reply_whose_draft_is_gone_asks_for_it_and_a_new_question_is_answered(core):
    gone = await core.check(42, "without the last line", follows=["ans:1:9"], replied=True)
    assert gone.say == Say(texts.FOLLOWUP_EXPIRED, {"minutes": texts.FOLLOWUP_MINUTES}) and not core.service.asked
    fresh = await core.check(42, "without the last line", follows=["ans:1:9"], replied=False)
    assert fresh.answer is not None  # not a reply to Niyam: a question like any other


def test_drafts_are_held_only_for_the_stated_time():
    now = [0.0]
    held = Conversations(ttl=60.0, size=2, clock=lambda: now[0])
    held.remember(["a", "b"], Checked("draft one"))
    assert held.first(["x", "b"]).draft == "draft one"
    now[0] = 61.0
    assert held.get("a") is None and len(held) == 0
    held.remember(["1", "2", "3"], Checked("d"))
    assert held.get("1") is None and held.get("3") is not None  # at most `size` keys, oldest out first


def test_every_hindi_text_has_the_english_texts_placeholders():
    fields = string.Formatter()
    for name, hindi in texts.HI.items():
        english = getattr(texts, name)
        assert {f[1] for f in fields.parse(english) if f[1]} == {f[1] for f in fields.parse(hindi) if f[1]}, name
        assert any("\u0900" <= ch <= "\u097f" for ch in hindi), name


def test_replies_are_said_in_the_language_set_for_the_update():
    speak("hi")
    try:
        assert Say(texts.RATE_LIMITED, {"limit": 10}).render(str).startswith("आप मेरी")
        assert Say("{x} unknown text", {"x": 1}).render(str) == "1 unknown text"
    finally:
        speak(None)
    assert Say(texts.RATE_LIMITED, {"limit": 10}).render(str).startswith("You are asking")


def test_states_are_iso_codes_with_english_and_hindi_names():
    assert len(codes()) == 36 and {"KL", "UP", "DL", "JK", "TN"} <= set(codes())
    assert state_code("Kerala") == state_code("केरल") == state_code("IN-KL") == "KL"
    assert state_code("Orissa") == "OD" and state_code("centre") == CENTRE and state_code("Narnia") is None
    assert state_name("UP") == "Uttar Pradesh" and state_name("UP", "hi") == "उत्तर प्रदेश"
    assert state_name("BR") == "Bihar"  # ISO's romanisation marks dropped
    with pytest.raises(BadInput):
        parse_state("ZZ")


def test_a_document_naming_a_state_in_words_keeps_its_code():
    from knowledge.model import Document

    doc = Document(id="kl-x", title="t", kind="circular", issuer="i", applies_to=["Kerala", "AIS", "KL"])
    assert doc.applies_to == ["KL", "AIS"]
