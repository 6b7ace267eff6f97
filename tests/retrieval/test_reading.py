"""Hindi and Hinglish read through the pack's glossary: the gloss, the language, the spelling variants."""

import pytest

from retrieval.reading import default_reader, fold, spelling, stem, unvowelled


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


def test_a_form_the_glossary_does_not_list_is_read_by_its_stem(reader):
    # the glossary lists लिखना, लिखा…; a form it lacks meets them at the stem लिख
    assert stem(fold("लिखवाया")) == stem(fold("लिखना")) == "लिख"
    assert stem(fold("नीतियों")) == stem(fold("नीतियां"))
    assert stem("likhkar") == stem("likhna") == "likh" and stem("chhapega") == "chhap"
    # a bare word is never another word's stem: सार (summary) is not सारा (all)
    assert "all" not in reader.read("उसका सार फेसबुक पर डालूँ?").text.split()


def test_hinglish_spellings_and_shortened_words_meet_the_glossary(reader):
    assert spelling("daalna") == spelling("dalna") and spelling("zaroor") == spelling("jarur")
    assert unvowelled("skta") == unvowelled("sakta") and unvowelled("kr") == unvowelled("kar")
    r = reader.read("kya main ye post kr skta hu? koi dikkat to nhi h")
    assert r.lang == "hinglish" and "post can i" in r.text and r.text.endswith("is")
    # a word with as many vowels as the glossary's is another word, not a shortening (kami is not kamai)
    assert "earn" not in reader.read("staff ki kami hai, kya main post kar sakta hoon").text
    # English words in Hinglish stay English
    assert "share" in reader.read("kya main ye news share kar sakta hoon").text.split()


def test_a_shortened_word_keeps_its_last_letter(reader):
    # texters drop the a's inside a word (kr, skta, rha), never its last letter: Chand is a name, not chanda
    assert "donation" not in reader.read("Harish Chand ji kal retire ho rahe hain, post kar sakta hoon?").text
    assert "donation" in reader.read("mandir ke liye chanda maang sakta hoon kya?").text
    assert "can i" in reader.read("kya main ye post kr skta hu").text


def test_everyday_idioms_read_as_a_whole(reader):
    # "ji nahi" alone is "no, sir"; after a name, "ji nahi rahe" is a death
    assert "passed away" in reader.read("Ramesh ji nahi rahe, sunke bahut dukh hua").text
    assert "passed away" in reader.read("रमेश जी नहीं रहे, सुनकर बहुत दुख हुआ").text
    # an honorific has no English of its own
    assert "ji" not in reader.read("Mantri ji ne launch kiya, kya main post kar sakta hoon").text.split()


def test_unread_words_are_counted_and_passed_on_romanised(reader):
    r = reader.read("क्या मैं झुमरीतलैया की फोटो डाल सकता हूँ?")
    assert r.unread == ("झुमरीतलैया",) and "jhumaritalaiyaa" in r.text
    assert reader.read("Can I post this?").unread == ()


def test_state_names_and_words_without_an_english_of_their_own(reader):
    r = reader.read("मैं केरल कैडर का IAS हूँ, हिमाचल की यात्रा की फोटो डालूँ?")
    assert "Kerala" in r.text and "Himachal" in r.text and r.unread == ()
    # the ergative ने and -वाला have no English: they are dropped, not romanised
    assert "ne" not in reader.read("हमारे वन मंडल ने पौधे लगाए").text.split()
    assert "wali" not in reader.read("Tiranga wali DP laga sakta hoon kya?").text.split()


def test_capitals_are_an_acronym_not_a_hinglish_word(reader):
    r = reader.read("news ke liye BJP, Congress aur AAP ke official pages follow kar sakta hoon?")
    assert "AAP" in r.text and "you" not in r.text.split()
    assert "you" in reader.read("aap kya sochte ho, main post kar sakta hoon?").text.split()
    assert "you" in reader.read("AAP KYA SOCHTE HO, MAIN POST KAR SAKTA HOON?").text.split()  # typed in capitals
