"""Long drafts are read sentence by sentence, so one bad line is not diluted by a friendly post."""

import pytest

from bot.segments import framing, segments
from knowledge.model import Verdict

TREK = ("Caption for my trek photos: Day 1 at Jobra, rain, maggi and the best chai of my life. Day 2 at Balu ka "
        "Ghera, the river crossing nearly took my shoe. Day 3 at the pass, fourteen thousand feet and a view "
        "nothing prepares you for. Shout-out to our guide from Manali who kept us laughing all week.")


def test_sentences_are_split_and_short_fragments_read_with_their_neighbour():
    text = "Happy Diwali to all! Wishing you light and joy this year.\nJai Hind\nOk."
    parts = segments(text)
    assert parts == ["Happy Diwali to all!", "Wishing you light and joy this year.\nJai Hind\nOk."]
    assert all(part in text for part in parts)  # each a slice, so the deciding one can be quoted and removed


def test_a_short_offending_line_is_kept_with_its_sentence_not_dropped():
    parts = segments("Great work by the team this week. Vote BJP. We did well in the floods and I am proud.")
    assert "Great work by the team this week. Vote BJP." in parts


def test_a_fragment_is_read_with_its_sentence():
    parts = segments("Aaj 15 saal ho gaye. 3 transfer, 2 bacche aur ek ziddi kutta. Sab isne sambhala. "
                     "Happy anniversary Meera, dinner meri taraf se.")
    assert "3 transfer, 2 bacche aur ek ziddi kutta. Sab isne sambhala." in parts


def test_a_sentence_ends_after_a_closing_quote():
    parts = segments('"@FlyHigh lost my bag on the Delhi flight. Is this how you treat passengers?" '
                     "I work in the Ministry of Coal. Any problem tweeting this?")
    assert "Is this how you treat passengers?" in parts and "I work in the Ministry of Coal." in parts


def test_the_askers_words_after_a_quoted_draft_are_not_read_as_its_last_line():
    """'forgive the blur." ok from my personal handle? (IFS, DFO)' read as one piece looked like an official
    handle's post to the classifier; the words after the closing quote are the asker's, a piece of their own."""
    parts = segments('Sunday birding: "Spotted a pair of Indian Pittas near the old bund this morning, first of the '
                     'monsoon! Record shot attached, forgive the blur." ok from my personal handle? (IFS, DFO)',
                     min_words=6)
    assert parts[-1] == "ok from my personal handle? (IFS, DFO" and framing(parts[-1])
    assert not any("ok from" in p for p in parts[:-1])


def test_the_label_announcing_a_draft_is_not_a_word_of_it():
    """'Draft: "So proud of Riya today' is five words of the post: read with its sentence, not alone."""
    parts = segments('Draft: "So proud of Riya today — an MBBS degree from AIIMS Patna, the first doctor in our '
                     "family! Her grandmother cried through the whole convocation.\"", min_words=6)
    assert parts[0].startswith('Draft: "So proud of Riya today — an MBBS degree')


def test_a_single_sentence_is_not_split():
    assert segments("Can I post a Diwali greeting on my Facebook page for all my friends?") == []


def test_one_attack_on_policy_in_a_long_friendly_post_decides_it(niyam):
    bad = TREK + (" PS: the State government's new tourism policy is a total eyewash and a scam, all posters "
                  "and no dustbins. Anyway, mountains are everything. I'm an IFoS officer, good to go?")
    a = niyam.ask(bad, "AIS")
    assert a.verdict == Verdict.not_allowed
    assert a.citations[0].ref.startswith("AIS 7")
    assert a.flagged and "eyewash" in a.flagged[0] and a.flagged[0] in bad
    assert any("The sentence that decides" in r and "eyewash" in r for r in a.reasons)


def test_the_same_post_without_it_stays_permitted(niyam):
    a = niyam.ask(TREK + " I'm an IFoS officer, good to go?", "AIS")
    assert a.verdict in (Verdict.allowed, Verdict.allowed_with_care)
    assert not a.flagged


@pytest.mark.parametrize("sentence", [
    "Can I go ahead?", "Is that allowed for a central government employee?", "Pasting a draft for Facebook.",
    "Does the UP government's 2024 media order affect me?",
    "Draft for my X handle, please check before I post.", "I'm the Collector here and the local papers follow my page.",
    "Main Railways me clerk hoon.", "मैं डाक विभाग में लिपिक हूँ।",
    "Fine to post on my FB? I'm an IPS officer.",  # a question and an introduction, read as one piece
    "Can I attend and post a photo with him?", "central govt employee hu, ye tweet kr skta hu?",  # leave to post it
    "क्या ये ट्वीट अपने पर्सनल X हैंडल से कर सकती हूँ?", "ok from my personal handle? (IFS, DFO)",
])
def test_the_askers_framing_is_recognised(sentence):
    assert framing(sentence)


@pytest.mark.parametrize("sentence", [
    "Can I post a cartoon on Instagram mocking the State's new prohibition law?",  # the act itself, asked
    "I am an admin of a party WhatsApp group.",  # about oneself, but an act
    'Draft: "Our Governor is behaving like an agent of the Centre.',  # the draft itself, quoted
    "Main apna YouTube channel start karna chahta hoon",
    "They're paying ₹15,000 per post.",
    "Loved the book, four stars. What should I read next?",  # the post's own question
    "Can I tweet that the new liquor policy is a disaster for families?",  # leave to post, but it names the act
    "क्या मैं लिख सकता हूँ कि नई शराब नीति परिवारों के लिए आपदा है?",
])
def test_a_sentence_of_the_post_is_not_framing(sentence):
    assert not framing(sentence)


def test_the_deciding_sentence_is_never_the_askers_framing(niyam):
    draft = ("I'm a UDC in the CPWD office here. Pasting a draft for my Facebook page. The Centre's new pension "
             "scheme is a shameless betrayal of every employee who served this country. Can I go ahead?")
    a = niyam.ask(draft, "CCS")
    assert a.verdict == Verdict.not_allowed
    assert a.flagged and "betrayal" in a.flagged[0] and not framing(a.flagged[0])


def test_a_question_about_the_rules_does_not_decide_a_long_text(niyam):
    text = ("I'm a central government employee (Income Tax) posted in Lucknow. I just want to post Diwali greetings "
            "and family photos. Does the UP government's 2024 media order affect me?")
    a = niyam.ask(text, "CCS")
    assert a.verdict in (Verdict.allowed, Verdict.allowed_with_care)
    assert not a.flagged


def test_a_text_whose_every_sentence_is_plainly_allowed_is_not_restricted_by_a_faint_whole_reading(niyam):
    """Read whole, a note about a charity subscription leans to "criticism" (topic words: central government
    employee, Facebook); each of its sentences alone is plainly allowed, and the whole-text restriction is faint,
    so the sentences' verdict stands (`calm_share`). Off, the faint whole-text reading restricts it."""
    import dataclasses

    q = ("I pay a yearly subscription to a charitable trust that runs an eye hospital for poor patients. Is that "
         "allowed for a central government employee? I might mention it in my Facebook 'about' section.")
    assert niyam.ask(q, "CCS").verdict is Verdict.allowed
    params = niyam.advisor.params
    niyam.advisor.params = dataclasses.replace(params, calm_share=0.0)
    try:
        assert niyam.ask(q, "CCS").verdict in (Verdict.not_allowed, Verdict.needs_sanction)
    finally:
        niyam.advisor.params = params


def test_a_hindi_label_announcing_the_draft_is_not_a_word_of_it():
    # "ट्वीट का ड्राफ्ट:" is a label, as "Tweet draft:" is; the short exclamation after it is read with its sentence
    text = ('ट्वीट का ड्राफ्ट: "क्या मैच था! भारतीय हॉकी टीम को एशिया कप जीतने की बधाई — आख़िरी मिनट का वह गोल '
            'हम बरसों याद रखेंगे। शाबाश टीम!" — मेरा निजी हैंडल है, ठीक है?')
    parts = segments(text)
    assert parts and parts[0].startswith("ट्वीट का ड्राफ्ट") and "बधाई" in parts[0], parts


def test_hindi_grammar_words_do_not_make_a_fragment_a_sentence():
    # "मुफ़्त, किसी कोचिंग का नाम नहीं।" has six words and the five of "Free, no coaching name.": a fragment,
    # read with the sentence before it as the English is
    text = ("मेरी पोस्ट में UPSC तैयारी के अपने अनुभव और पढ़ी हुई किताबों की सूची है। मुफ़्त, किसी कोचिंग का नाम "
            "नहीं। आगे भी ऐसे पोस्ट लिखता रहूँगा ताकि नए उम्मीदवारों को मदद मिले।")
    parts = segments(text, min_words=6)
    assert not any(p.startswith("मुफ़्त") for p in parts), parts
    assert any("मुफ़्त, किसी कोचिंग का नाम नहीं।" in p for p in parts), parts


def test_a_hindi_sports_greeting_under_a_label_is_allowed(niyam):
    answer = niyam.advisor.ask('ट्वीट का ड्राफ्ट: "क्या मैच था! भारतीय हॉकी टीम को एशिया कप जीतने की बधाई — '
                               'आख़िरी मिनट का वह गोल हम बरसों याद रखेंगे। शाबाश टीम! 🇮🇳" — मेरा निजी हैंडल है, '
                               'ठीक है?', "AIS")
    assert answer.verdict == Verdict.allowed and not answer.flagged
