"""Hybrid search over the bundled pack puts the governing AIS rule first for questions officers ask."""

import pytest

from knowledge.model import rule_key

CASES = [
    ("can I criticise the government's policy on Facebook", "AIS 7"),
    ("Can I tweet that the Centre is starving our State of funds and the Governor is its agent?", "AIS 7"),
    ("Can I post a screenshot of a file noting on WhatsApp?", "AIS 9"),
    ("May I become a member of a political party or attend its rally?", "AIS 5"),
    ("Can I display a party flag and election symbol on my car during the polls?", "AIS 5"),
    ("Can I collect donations from the public for a relief fund through a Facebook appeal?", "AIS 10"),
    ("A company sent me a free smartphone to review on my Instagram, can I accept it?", "AIS 11"),
    ("My supporters want to organise a felicitation function in my honour", "AIS 12"),
    ("Can I act in a sponsored TV show or a privately produced web series?", "AIS 13"),
    ("Can I start a paid YouTube channel and earn money from brand deals?", "AIS 13"),
    ("A newspaper defamed me over an official decision; can I go to court or hold a press conference?", "AIS 17"),
    ("Can I ask an MLA to speak to my superior to get me a better posting?", "AIS 18"),
]


@pytest.mark.parametrize("question, rule", CASES)
def test_right_rule_first(niyam, question, rule):
    hits = niyam.index.search(question, "AIS", 3)
    assert rule_key(hits[0].ref) == rule, [h.ref for h in hits]
