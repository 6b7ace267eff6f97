"""The rules an asker names: read by number in English, Hinglish and Hindi, never a year or a count."""

import pytest

from bot.named import named_rules


@pytest.mark.parametrize("text, keys", [
    ("Does rule 17A on cultural norms stop me from posting swimsuit photos?", ["AIS 17A"]),
    ("नियम 17A (सांस्कृतिक मानदंडों का पालन) के तहत क्या मैं डांस की रील डाल सकती हूँ?", ["AIS 17A"]),
    ("rule 17 me press conference ki permission maangi thi", ["AIS 17"]),
    ("Is AIS rule 6 on the press in force?", ["AIS 6"]),
    ("The asker names the sub-rule: rule 3(1A)(ii)", ["AIS 3"]),
    ("CCS rule 9 and Rule No. 7, and rule 9 again", ["CCS 9", "AIS 7", "AIS 9"]),
])
def test_a_named_rule_is_read_at_rule_level_in_the_askers_rulebook(text, keys):
    assert named_rules(text, "AIS") == keys


@pytest.mark.parametrize("text", [
    "The Karnataka State Civil Services (Conduct) Rules 2021 say otherwise",
    "AIS officer, 2014 batch, posted in Kerala",
    "Under the CCS (Conduct) Rules, 1964, can I post this?",
    "",
])
def test_a_year_a_batch_or_a_rulebook_title_names_no_rule(text):
    assert named_rules(text, "CCS") == []


def test_an_unnamed_rulebook_is_the_askers_own():
    assert named_rules("Does rule 9 stop me?", "CCS") == ["CCS 9"]
