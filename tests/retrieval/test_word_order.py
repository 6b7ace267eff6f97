"""Glossed Hindi put in English word order: postpositions before their noun phrase, genitive chains reversed."""

import pytest

from retrieval.reading import default_reader
from retrieval.word_order import Word, english_order


def words(text: str, english: str = "") -> list[Word]:
    """`text` as glossed words; the words listed in `english` are ones the asker typed (never moved)."""
    typed = set(english.split())
    return [Word(t, glossed=t not in typed) for t in text.split()]


@pytest.fixture(scope="module")
def reader():
    return default_reader()


def test_a_postposition_goes_before_its_noun_phrase_with_its_determiners():
    assert english_order(words("i own facebook page on post can i")) == \
        "i on own facebook page post can i".split()
    # a long run gives the postposition only its last words (wife tiger conservation ke liye)
    assert english_order(words("wife tiger conservation for")) == "wife for tiger conservation".split()


def test_a_genitive_chain_is_reversed_and_keeps_its_adjectives():
    assert english_order(words("government of new transfer policy of criticism")) == \
        "criticism of new transfer policy of government".split()


def test_a_postposition_after_a_chain_takes_the_last_word_only():
    # "सरकार की नीति की आलोचना फेसबुक पर": the postposition's noun is facebook, not criticism
    assert english_order(words("government of policy of criticism facebook on")) == \
        "criticism of policy of government on facebook".split()
    # a one-word link: the whole chain is the postposition's noun (सरकार की वेबसाइट पर)
    assert english_order(words("government of website on")) == "on website of government".split()


def test_a_pronoun_genitive_before_a_postposition():
    assert english_order(words("its for permission")) == "for its permission".split()


def test_words_the_asker_typed_in_english_are_never_moved():
    assert english_order(words("news of on facebook", english="of on")) == "news of on facebook".split()


def test_the_light_verb_after_a_noun_is_dropped_but_not_after_a_pronoun():
    assert english_order(words("post do can i")) == "post can i".split()
    assert english_order(words("what i do")) == "what i do".split()


def test_readings_follow_english_order_and_english_text_is_left_alone(reader):
    hindi = reader.read("क्या मैं अपने फेसबुक पेज पर सरकार की वेबसाइट का लिंक डाल सकता हूँ?").text
    assert "on own facebook page" in hindi and "of website of government" in hindi, hindi
    hinglish = reader.read("kya main apne facebook page pe sarkari yojana ka link daal sakta hoon?").text
    assert "on own facebook page" in hinglish, hinglish
    english = "Can I share the link of the scheme on my Facebook page?"
    assert reader.read(english).text == english


def test_reordering_stops_at_punctuation(reader):
    r = reader.read("मैं अधिकारी हूँ। सरकार की वेबसाइट पर लिंक डालूँ?").text
    assert r.startswith("i am officer।") and "on website of government" in r, r


def test_bina_before_its_noun_reads_without_and_drops_the_closing_ke():
    assert english_order(words("whatsapp group in without any comment of forward")) == \
        "in whatsapp group without any comment forward".split()
    # after its noun (के बिना) it is a postposition like any other
    assert english_order(words("permission without post can i")) == "without permission post can i".split()


def test_a_hyphenated_word_is_one_word_in_lookups_and_in_order(reader):
    assert reader.read("मैं ग्रुप-सी कर्मचारी हूँ").text.startswith("i am Group C employee"), \
        reader.read("मैं ग्रुप-सी कर्मचारी हूँ").text
    assert "in PM-KISAN" in reader.read("पीएम-किसान में कौन पात्र है").text  # the scheme's name, across the hyphen


def test_the_copula_follows_its_subject():
    assert english_order(words("i income tax inspector am")) == "i am income tax inspector".split()
    assert english_order(words("IFoS am", english="IFoS")) == "i am IFoS".split()


def test_shortened_hinglish_auxiliaries_read_like_the_full_ones(reader):
    assert reader.read("X pe condolence msg daal skta hoon?").text == \
        reader.read("X pe condolence msg daal sakta hoon?").text


def test_based_on_goes_before_its_noun(reader):
    # के आधार पर is "based on", not "on Aadhaar": a postposition of three words
    r = reader.read("अपने फ़ील्ड अवलोकनों के आधार पर एक शोध-पत्र").text
    assert r.startswith("based on own field observations") and "aadhaar" not in r and "research paper" in r, r
