"""The pack's acts file and glossary load, and a broken one is a file:line error, never a traceback."""

import pytest

from knowledge.acts import load_acts
from knowledge.glossary import load_glossary
from knowledge.loader import PackError
from knowledge.model import Verdict


def test_bundled_acts_carry_names_authorities_and_moderation():
    acts = load_acts()
    assert acts.name("fundraising") and acts.name("fundraising", "hi") != acts.name("fundraising")
    assert "cadre" in acts.authority("AIS") and acts.authority("CCS", "hi")
    rule = acts.moderate("criticism_of_policy", Verdict.not_allowed, "AIS", {"official"})
    assert rule is not None and rule.verdict == Verdict.allowed_with_care
    assert acts.moderate("criticism_of_policy", Verdict.not_allowed, "AIS", {"association"}) is None  # CCS only
    assert acts.moderate("vindication", Verdict.needs_sanction, "AIS", {"private"}).verdict == Verdict.allowed


def test_bundled_glossary_loads_and_keeps_words_as_words():
    g = load_glossary()
    assert len(g.terms) > 500 and g.hinglish_markers
    assert all(isinstance(v, str) and v != "True" for v in list(g.terms.values())[:2000])


def test_acts_errors_name_the_line(tmp_path):
    bad = tmp_path / "acts.yaml"
    bad.write_text("acts:\n  fundraising: {en: x, hi: y}\nauthorities:\n  AIS: {en: a, hi: b}\n  CCS: {en: a, hi: b}\n"
                   "moderation:\n  - when: telepathy\n    verdict: allowed\n    note: official\n"
                   "notes:\n  official: {en: a, hi: b}\n")
    with pytest.raises(PackError, match=r"acts.yaml:9: moderation: unknown context 'telepathy'"):
        load_acts(bad)


def test_glossary_errors_name_the_line(tmp_path):
    bad = tmp_path / "glossary.yaml"
    bad.write_text("terms:\n  government: [sarkar]\n  policy: [niti, sarkar]\n")
    with pytest.raises(PackError, match=r"glossary.yaml:2: 'sarkar' means both"):
        load_glossary(bad)
    broken = tmp_path / "broken.yaml"
    broken.write_text("terms:\n  government: [sarkar\n")
    with pytest.raises(PackError, match=r"broken.yaml:\d+: invalid YAML"):
        load_glossary(broken)


def test_a_glossary_word_listed_twice_is_an_error_not_a_lost_list(tmp_path):
    # YAML alone would keep the second list and drop sehat without a word
    twice = tmp_path / "glossary.yaml"
    twice.write_text("terms:\n  health: [sehat]\n  policy: [niti]\n  health: [swasthya]\n")
    with pytest.raises(PackError, match=r"glossary.yaml:4: invalid YAML: 'health' is listed twice"):
        load_glossary(twice)


BASE = ("acts:\n  fundraising: {en: x, hi: y}\nauthorities:\n  AIS: {en: a, hi: b}\n  CCS: {en: a, hi: b}\n"
        "contexts:\n  official: 'x'\n  private: 'x'\n  association: 'x'\n  service_conditions: 'x'\n  sanction: 'x'\n")


def test_a_signal_for_an_unknown_act_names_the_line(tmp_path):
    bad = tmp_path / "acts.yaml"
    bad.write_text(BASE + "signals:\n  telepathy: 'mind reading'\n")
    with pytest.raises(PackError, match=r"acts.yaml:13: signals: unknown act 'telepathy'"):
        load_acts(bad)


def test_a_signal_that_is_not_a_pattern_names_the_line(tmp_path):
    bad = tmp_path / "acts.yaml"
    bad.write_text(BASE + "signals:\n  fundraising: 'please (donate'\n")
    with pytest.raises(PackError, match=r"acts.yaml:13: signals: fundraising: not a valid regular expression"):
        load_acts(bad)


def test_bundled_signals_are_narrow():
    """Everyday posts that share words with an act (voting, donating, a code) carry no signal."""
    import re
    signals = {act: re.compile(rx, re.I) for act, rx in load_acts().signals.items()}
    assert {"political_activity", "fundraising", "confidential_information", "commercial_endorsement"} <= set(signals)
    for everyday in ["Please go and vote on the 20th, every vote counts!", "I voted today, ink and all.",
                     "I donated to the PM CARES fund.", "Can I use the code of conduct for guidance?",
                     "Please contribute your ideas for the office picnic.", "The results will be released next week.",
                     "I made a donation to the flood relief fund, receipt attached.",
                     "I donated to the PM CARES fund. Link below to the receipt."]:
        assert not [a for a, rx in signals.items() if rx.search(everyday)], everyday
    assert signals["political_activity"].search("please give him your blessings and your vote on the 20th")
    assert signals["commercial_endorsement"].search("use my code RAHUL10 for 10% off")
    assert signals["fundraising"].search("for the school library donation — ₹500 one book! under link")  # Hindi, as read


def test_words_added_for_hindi_leave_english_text_as_it_was():
    # Devanagari variants apply to every text, Latin spellings of them only to Hinglish (`hinglish_only`)
    from retrieval.reading import default_reader

    reader = default_reader()
    english = "Can I share the new tax regime explainer with my comments on my personal page?"
    assert reader.read(english).text == english
    assert "PM-KISAN" not in reader.read("Who is eligible for pm kisan? Can I post the list?").text
    assert "PM-KISAN" in reader.read("pm kisan ki kisht aayi hai kya, main post kar sakta hoon?").text


def test_signals_read_the_hindi_imperative_and_not_the_past():
    # the reader keeps the polite imperative as "please" (वोट दीजिए: "vote please give"): an appeal is still one;
    # a gift reported in the past (दान दिया: "donation gave") is none
    import re

    from retrieval.reading import default_reader

    reader = default_reader()
    signals = {act: re.compile(rx, re.I) for act, rx in load_acts().signals.items()}
    assert signals["political_activity"].search(reader.read("दिवाली की शुभकामनाएँ! सब लोग भाई को वोट दीजिए").text)
    assert signals["political_activity"].search(reader.read("Diwali ki badhai, sab log bhai ko vote dijiye").text)
    assert signals["fundraising"].search(reader.read("गौशाला के लिए दान दीजिए, सब लोग").text)
    for everyday in ["मैंने पिछले साल गौशाला को दान दिया था, रसीद भी है", "Maine trust ko chanda diya, bas bata raha hoon"]:
        read = reader.read(everyday).text
        assert not [a for a, rx in signals.items() if rx.search(read)], read


def test_glossary_devanagari_is_written_normalised():
    # the header's convention: no nukta, ं for ँ; a variant written otherwise only duplicates its folded form
    from retrieval.reading import fold

    g = load_glossary()
    assert [v for v in (*g.terms, *g.hinglish_only) if fold(v) != v] == []


def test_conduct_words_name_acts_in_devanagari_without_english_boundaries():
    # Devanagari vowel signs are not word characters to `\b`, so the Hindi words are matched as word beginnings
    import re

    rx = re.compile(load_acts().conduct_words, re.I)
    assert rx.search("बयानों") and rx.search("साक्षात्कार") and rx.search("एफएम स्टेशन")
    assert not rx.search("आयकर की गणना") and not rx.search("How do I compute my income tax?")
