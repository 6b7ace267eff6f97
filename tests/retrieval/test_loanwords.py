"""English words and acronyms written in Devanagari, read back as English by their sound and letter names."""

import pytest

from retrieval.loanwords import Loanwords, acronym, devanagari_shape, english_shape, load_pronunciations
from retrieval.reading import default_reader, model_vocabulary


@pytest.fixture(scope="module")
def loanwords():
    vocabulary = model_vocabulary()
    return Loanwords(load_pronunciations(vocabulary), vocabulary)


def test_a_devanagari_spelling_and_the_english_pronunciation_have_one_shape():
    # ऑफ़िसर and OFFICER: f, s, r, with the vowels between them
    assert devanagari_shape("ऑफ़िसर").consonants == english_shape("AO1 F AH0 S ER0".split()).consonants
    # a glide y, an h after a consonant and a g after an n are dropped on both sides: इंडियन, व्हाइट, रिंग
    assert devanagari_shape("इंडियन").consonants == ("N", "D", "N")
    assert devanagari_shape("व्हाइट").consonants == ("V", "T")
    assert devanagari_shape("रिंग").consonants == english_shape("R IH1 NG".split()).consonants


@pytest.mark.parametrize("hindi, english", [
    ("पासपोर्ट", "passport"), ("सेक्शन", "section"), ("ऑफ़िसर", "officer"), ("इंस्पेक्टर", "inspector"),
    ("लाइसेंस", "license"), ("एयरपोर्ट", "airport"), ("इंजीनियरिंग", "engineering"), ("फ़ाइनल", "final"),
    ("चैंपियन", "champion"), ("पेंटिंग", "painting"), ("कस्टम्स", "customs"), ("स्टैंडर्ड", "standard"),
    ("वोटर", "voter"), ("लिस्ट", "list"), ("प्लॉट", "plot"), ("अपॉइंटमेंट", "appointment"),
])
def test_english_words_written_in_devanagari_are_read_as_english(loanwords, hindi, english):
    assert loanwords.english(hindi) == english


@pytest.mark.parametrize("hindi", [
    # Hindi words that sound like an English word are left alone: a letter English never takes (ख, भ, ण),
    # a doubled consonant, a vowel spelt otherwise, or too few consonants to tell
    "शिखर", "भीतर", "नारायण", "सम्मेलन", "मिट्टी", "बारिश", "कल्याण", "जेब", "रूप", "लगी", "दो", "समय", "किताब",
])
def test_hindi_words_are_not_read_as_english_look_alikes(loanwords, hindi):
    assert loanwords.english(hindi) is None


def test_acronyms_spelt_in_letter_names():
    assert acronym("आरटीआई") == "RTI" and acronym("एसडीएम") == "SDM" and acronym("आईएएस") == "IAS"
    assert acronym("डब्ल्यूएचओ") == "WHO"
    # a single letter name is a Hindi word (जी, के, ए), and a word that is not all letter names is a word
    assert acronym("जी") is None and acronym("के") is None and acronym("केस") is None and acronym("वीडियो") is None


def test_a_hindi_question_reads_its_english_words_and_acronyms():
    r = default_reader().read("क्या मैं आरटीआई से मिली जानकारी पर अपने सेक्शन ऑफ़िसर की पोस्ट पर कमेंट कर सकता हूँ?")
    words = r.text.split()
    assert "RTI" in words and "section" in words and "officer" in words and r.unread == ()
    # English text is never read this way: its words are its own
    english = "Can I comment on my section officer's RTI reply?"
    assert default_reader().read(english).text == english
