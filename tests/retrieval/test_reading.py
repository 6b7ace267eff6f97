"""Hindi and Hinglish read through the pack's glossary: the gloss, the language, the spelling variants."""

import re

import pytest

from knowledge.glossary import Glossary
from retrieval.reading import Reader, default_reader, fold, spelling, stem, unvowelled


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


def test_a_yes_no_kya_is_read_where_hinglish_writers_put_it(reader):
    # "क्या अनुमति चाहिए?" is "do I need permission?", never "what permission should?"
    r = reader.read("मैं वैज्ञानिक हूँ। क्या अनुमति चाहिए?").text
    assert "do i need" in r and "what" not in r.split(), r
    # no phrase to join at the end: the particle is not read at all
    assert "what" not in reader.read("क्या यह पोस्ट ठीक है?").text.split()
    # a क्या that is a "what" stays one: with a phrase of its own, a question word, or no question mark
    assert "what should i do" in reader.read("क्या करूँ?").text
    assert "can i" in reader.read("क्या मैं यह फोटो डाल सकता हूँ?").text
    assert "what" in reader.read("क्या फ़ाइनल था! बधाई हो").text.split()
    assert "how" in reader.read("क्या यह कैसे बनता है?").text.split()


def test_a_word_spelt_with_the_english_o_is_read_by_its_sound(reader):
    # कॉल is "call", not the romanised kal ("tomorrow"); ऑफिस is "office"
    r = reader.read("कोई जानकारी हो तो 112 पर कॉल करें").text
    assert "call" in r.split() and "tomorrow" not in r, r


def test_a_gloss_said_twice_running_is_said_once(reader):
    # जवाब दे दूँ: "reply give give"; पोस्ट डाल सकता हूँ: "post post"; अपने निजी: "own personal", not "own own"
    r = reader.read("क्या मैं अपने निजी हैंडल से ख़ुद जवाब दे दूँ?").text
    assert "give give" not in r and "own own" not in r and "personal" in r, r
    assert "post post" not in reader.read("विमोचन की पोस्ट डाल सकता हूँ?").text


def test_a_polite_imperative_is_read_as_a_request(reader):
    assert "please go" in reader.read("रविवार की रैली है, सब चलिए और सफल बनाइए").text
    assert "please" in reader.read("Sab log rally me chaliye, safal banana hai").text.split()
    # -िए that is no imperative: के लिए (for), चाहिए (should), दिए (gave), इसलिए (so)
    r = reader.read("इसलिए बच्चों के लिए मैंने 5000 रुपये दिए, क्या अनुमति चाहिए?").text
    assert "please" not in re.findall(r"\w+", r) and "gave" in re.findall(r"\w+", r), r
    # one please is enough: कृपया दान दीजिए
    assert reader.read("कृपया दान दीजिए").text.split().count("please") == 1


def test_a_gift_given_is_past_not_an_appeal(reader):
    assert "gave" in re.findall(r"\w+", reader.read("Maine apni jeb se trust ko 5000 diye, family group me bata skta hu?").text)
    assert "give" in reader.read("आप सब दान दें").text.split()


def test_a_number_with_separators_is_one_word(reader):
    r = reader.read("शनिवार की रैली में 2,000 से ज़्यादा छात्र आए").text
    assert "2,000" in r.split() and "000" not in r.split(), r


def test_kar_before_a_tax_word_is_tax_not_do(reader):
    r = reader.read("नई कर व्यवस्था में डिडक्शन के बाद कितना आयकर बनेगा?").text
    assert "tax regime" in r and "deduction" in r, r


def test_a_sentence_of_a_hinglish_draft_is_read_as_hinglish(reader):
    # alone it has too few Hinglish words to be taken for Hinglish; cut from a Hinglish draft it is Hinglish
    sentence = "Hassan me 30 saal me paanch Collectors ki gaadi chalayi unhone."
    assert reader.read(sentence).lang == "en"
    within = reader.read(sentence, "hinglish")
    assert within.lang == "hinglish" and "five" in within.text.split() and "vehicle" in within.text.split()
    # an English sentence of a Hinglish text, with no Hinglish word, stays English
    english = "This is not true."
    assert reader.read(english, "hinglish").text == english


def test_a_devanagari_word_is_not_read_as_a_latin_spelling_that_lost_its_long_a():
    # kamal is how Hinglish writers type कमाल (amazing); Devanagari keeps the long a, so कमल (lotus) is another word
    reader = Reader(Glossary(terms={"कमाल": "amazing", "kamal": "amazing", "lagati": "put up", "लगती": "seems"}))
    assert reader.read("कमाल").text == "amazing"
    lotus = reader.read("कमल")
    assert "amazing" not in lotus.text and lotus.unread == ("कमल",)
    # an inflected form is still read through its Latin spelling: the glossary lists bare words' spellings only
    assert reader.read("लगाती").text == "put up"


def test_everyday_hindi_of_posts_is_read(reader):
    # a vote for a party symbol, a channel's appeal, an office letter: no word left unread
    r = reader.read("मैंने कमल का बटन दबाया")
    assert {"lotus", "button", "press"} <= set(r.text.split()) and "amazing" not in r.text and r.unread == ()
    r = reader.read("चैनल को सब्सक्राइब करें और बेल आइकन दबाएं")
    assert "subscribe" in r.text and "bell icon" in r.text and r.unread == ()
    r = reader.read("महोदय, संलग्न विकल्पों में से योग्य उम्मीदवार नियुक्त करने की रणनीति बताइए; परिणाम कब निकलेगा?")
    assert r.unread == (), r.unread
    for word in ("sir", "attached", "option", "eligible", "appointed", "strategy", "come out"):
        assert word in r.text, (word, r.text)


def test_words_with_a_political_and_an_everyday_sense_read_the_everyday_way_alone(reader):
    # bare संघ is any association ("not an office-bearer of any association"); the RSS only by its own phrases
    assert "association" in reader.read("मैं किसी संघ का पदाधिकारी नहीं हूँ").text
    assert "rss" in reader.read("संघ की शाखा में जाना ठीक है?").text.lower()
    # जमा is a deposit, never the son-in-law its stem resembles; कोई छूट नहीं: no exceptions
    levy = reader.read("प्रत्येक तहसीलदार सोमवार तक 5,000 रुपये जमा करे। कोई छूट नहीं।").text
    assert "deposit" in levy and "son-in-law" not in levy and "no exceptions" in levy
