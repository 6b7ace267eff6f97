"""Reading a follow-up as a change to the draft an answer checked (chat/followup.py)."""

import pytest

from chat.followup import UNCLEAR, Change, looks_like_change, parts, read

DRAFT = ("I am proud of our district team for the flood relief work. "
         "The Chief Minister's new liquor policy is a disaster.")
FIRST, LAST = ("I am proud of our district team for the flood relief work.",
               "The Chief Minister's new liquor policy is a disaster.")


@pytest.mark.parametrize("message", [
    "what if I remove the last line?", "without the last line", "And without the last sentence?",
    "drop the final sentence", "last line hata du to?", "last line ke bina?", "आखिरी लाइन हटा दूँ तो?",
    "अंतिम वाक्य के बिना?",
])
def test_without_the_last_part(message):
    change = read(message, DRAFT)
    assert isinstance(change, Change) and change.kind == "without"
    assert change.draft == FIRST
    assert change.params == {"position": "last", "unit": "sentence"}


def test_lines_are_parts_when_the_draft_has_several():
    draft = "Line one about the fair.\nLine two about the fair, too.\nThe policy is a disaster"
    assert parts(draft) == (["Line one about the fair.", "Line two about the fair, too.", "The policy is a disaster"],
                            "line")
    change = read("without the first line", draft)
    assert isinstance(change, Change) and change.draft == "Line two about the fair, too.\nThe policy is a disaster"
    assert change.params["unit"] == "line"


def test_removing_the_only_part_or_one_that_does_not_exist_is_unclear():
    assert read("without the last line", "Just one sentence here") == UNCLEAR
    assert read("without the third sentence", DRAFT) == UNCLEAR


def test_without_the_part_about_some_words():
    change = read("without the line about liquor", DRAFT)
    assert isinstance(change, Change) and change.draft == FIRST
    assert read("without the line about elections", DRAFT) == UNCLEAR  # no such line: asked, not guessed


@pytest.mark.parametrize("message, words", [
    ("if I add views are personal", "views are personal"),
    ('what if I add "Views are personal" at the end?', "Views are personal"),
    ("what if I add a disclaimer?", "Views are personal."),
    ("agar main views are personal likh doon?", "views are personal"),
    ('अगर मैं इसमें "विचार व्यक्तिगत हैं" जोड़ दूँ तो?', "विचार व्यक्तिगत हैं"),
])
def test_added_words_go_at_the_end(message, words):
    change = read(message, DRAFT)
    assert isinstance(change, Change) and change.kind == "added"
    assert change.draft == f"{DRAFT}\n{words}" and change.params == {"words": words}


@pytest.mark.parametrize("message, place", [
    ("from the official handle instead", "from the official handle"),
    ("and if I post it on LinkedIn instead?", "on LinkedIn"),
    ("official handle se post karun to?", "from official handle"),
])
def test_a_different_place_is_stated_with_the_draft(message, place):
    change = read(message, DRAFT)
    assert isinstance(change, Change) and change.kind == "setting" and change.params == {"place": place}
    assert change.draft.startswith(DRAFT) and change.draft.endswith(f"(I would post this {place}.)")


@pytest.mark.parametrize("message", ["if I only share it without comment", "just retweet it",
                                     "bina comment ke share karun to?", "बिना टिप्पणी के शेयर करूँ तो?"])
def test_sharing_without_comment(message):
    change = read(message, DRAFT)
    assert isinstance(change, Change) and change.kind == "share_only" and change.draft.endswith(DRAFT)


def test_replacing_words_that_are_in_the_draft():
    change = read("change disaster to failure", DRAFT)
    assert isinstance(change, Change) and change.draft == DRAFT.replace("disaster", "failure")
    assert read("replace scheme with programme", DRAFT) == UNCLEAR  # "scheme" is not in the draft


@pytest.mark.parametrize("message", ["what if I tone it down?", "and if I make it softer?", "what if I rephrase it?",
                                     "agar ise badal doon to?"])
def test_a_change_that_cannot_be_read_is_unclear(message):
    assert read(message, DRAFT) == UNCLEAR
    assert looks_like_change(message)


@pytest.mark.parametrize("message", [
    "Can I tweet about the new transfer policy?", "what if I tweet criticism of the CM?", "thanks",
    "Proud to share that our district won the national award for water conservation. Thank you all "
    "for the support, and special thanks to the Collector for leading the team from the front every day "
    "of the campaign without fail.",
])
def test_a_new_draft_or_question_is_not_a_change(message):
    assert read(message, DRAFT) is None
