"""Hindi and Hinglish read through the pack's glossary: the gloss, the language, the spelling variants."""

import pytest

from bot.language import default_reader, fold


@pytest.fixture(scope="module")
def reader():
    return default_reader()


def test_devanagari_question_is_glossed_into_the_words_the_model_knows(reader):
    r = reader.read("क्या मैं सरकार की नई तबादला नीति की आलोचना फ़ेसबुक पर कर सकता हूँ?")
    assert r.lang == "hi" and r.answer_lang == "hi"
    for word in ("government", "transfer", "policy", "criticism", "facebook"):
        assert word in r.text.lower(), r.text


def test_hinglish_is_detected_and_glossed_but_english_is_left_alone(reader):
    r = reader.read("Kya main sarkar ki niti pe post kar sakta hoon?")
    assert r.lang == "hinglish" and "government" in r.text and "policy" in r.text
    english = "The main issue is whether I can post the policy on my page."
    assert reader.read(english).text == english and reader.read(english).lang == "en"


def test_spelling_variants_and_numerals_meet(reader):
    assert fold("फ़ेसबुक") == fold("फेसबुक") and fold("हूँ") == fold("हूं")
    assert reader.read("व्हाट्सऐप ग्रुप").text == reader.read("व्हाट्सएप ग्रुप").text or \
        "whatsapp" in reader.read("व्हाट्सएप ग्रुप").text.lower()
    assert "12" in reader.read("मेरे १२ साथी").text


def test_mixed_script_keeps_english_words(reader):
    r = reader.read("मेरी post पर views are personal लिखा है")
    assert r.lang == "hi" and "views are personal" in r.text and "post" in r.text
