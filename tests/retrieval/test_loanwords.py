"""English words and acronyms written in Devanagari, read back as English by their sound and letter names."""

import pytest

from knowledge.glossary import load_glossary
from retrieval.loanwords import Loanwords, acronym, devanagari_shape, english_shape, load_pronunciations
from retrieval.reading import default_reader, model_vocabulary, words_in_pieces


@pytest.fixture(scope="module")
def loanwords():
    vocabulary = model_vocabulary()
    return Loanwords(load_pronunciations(vocabulary), vocabulary)


@pytest.fixture(scope="module")
def with_pack_words():
    """The loanwords the default reader uses: the model's whole words and the pack's English words in pieces."""
    vocabulary = model_vocabulary()
    extra = words_in_pieces(vocabulary, load_glossary())
    return Loanwords(load_pronunciations((*vocabulary, *extra)), vocabulary, extra)


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


# Everyday Hindi words, written down for this test from general Hindi, that sound like an English word of the
# model's or the pack's: none may be read as English (वेतन is not "waiting", आर्थिक not "arctic", करें not "crane")
COMMON_HINDI = (
    "वेतन आर्थिक अंदर तरफ शांति विवाद बातें अदालत संदेश योगदान शर्त शर्तें अंतर समेत दरें बर्तन दशक प्राप्त स्तर स्थान "
    "रसीद करें काटें मिलीं बनाएं सालों उसमें इसमें बेटों देकर मानती मांगती केंद्रीय प्रदेश ग्रंथ किस्त इंदौर गेंद सल्तनत "
    "कमल हाथी क्षमता मात्रा घाटा दवा भूलना दीया पढ़ाई आसन काल पथ मन कट"
).split()
# Still read as English look-alikes, and so listed in the glossary: निकल (nickel), सामान (salmon), इनकार (encore),
# कौशल (causal) and names the model knows (आसमान: Osman, जवानी: Giovanni). A proper name cannot be told from a word
# in the model's uncased vocabulary.


@pytest.mark.parametrize("hindi", COMMON_HINDI)
def test_common_hindi_words_are_not_read_as_english(with_pack_words, hindi):
    assert with_pack_words.english(hindi) is None, hindi


def test_dental_letters_are_not_english_t_and_d():
    # English t and d are written ट ड; त थ द ध write its th sounds (थ्रेड: thread), so वेतन is not "waiting"
    assert devanagari_shape("वेतन").places == ("", "d", "")
    assert english_shape("W EY1 T IH0 NG".split()).places[1] == "r"
    vocabulary = ("waiting", "thread", "trade")
    words = Loanwords(load_pronunciations(vocabulary), vocabulary)
    assert words.english("वेतन") is None and words.english("थ्रेड") == "thread"


@pytest.mark.parametrize("hindi, english", [
    # Hindi's plural endings on an English noun: read without them when the rest is surely English
    ("इंजीनियरों", "engineer"), ("कंपनियों", "company"), ("ऑफ़िसरों", "officer"), ("फाइलों", "file"),
    # a diphthong opening a word is English's (आइकन), as inside one (टाइम)
    ("आइकन", "icon"),
    # the pack's own English words the model reads in pieces; the British -ise said as cmudict's -ize
    ("सब्सक्राइब", "subscribe"), ("स्क्रीनशॉट", "screenshot"), ("अपलोड", "upload"), ("हैशटैग", "hashtag"),
    ("मॉनेटाइज़", "monetise"),
])
def test_more_english_words_are_recovered(with_pack_words, hindi, english):
    assert with_pack_words.english(hindi) == english


def test_words_said_alike_are_told_apart_by_the_hindi_letter():
    # mains and Mainz sound alike; मेन्स is spelt with स, so it is the word spelt with an s
    words = Loanwords(load_pronunciations(("mainz", "mains")), ("mainz",), ("mains",))
    assert words.english("मेन्स") == "mains" and words.english("मेन्ज़") == "mainz"


def test_words_in_pieces_are_the_packs_english_not_its_names_or_hinglish():
    extra = set(words_in_pieces(model_vocabulary(), load_glossary()))
    assert {"subscribe", "selfie", "hashtag", "honorarium"} <= extra
    assert not extra & set(model_vocabulary())  # whole words are offered already
    assert not {"sarkar", "bina", "kuch", "sanjiv", "kannan"} & extra  # Hinglish and names stay out


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
