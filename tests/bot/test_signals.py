"""Words that commit an act on their face decide even inside a friendly post: the models read topic, and a
festival greeting with a vote appeal reads as a greeting (acts.yaml `signals`)."""

from knowledge.model import Verdict

PERMITTED = (Verdict.allowed, Verdict.allowed_with_care)


def test_a_vote_appeal_inside_a_festival_greeting_is_not_allowed(niyam):
    draft = ("Home for Diwali with the whole family, the lamps on the ghat looked lovely this year. My cousin is "
             "standing for the municipal ward from here, so the house is full of guests. Please give him your "
             "blessings and your vote on the 14th! Happy Diwali to all. I'm an IAS officer, okay to post?")
    a = niyam.ask(draft, "AIS")
    assert a.verdict == Verdict.not_allowed
    assert a.flagged and "vote" in a.flagged[0] and a.flagged[0] in draft
    assert a.citations


def test_the_same_greeting_without_the_appeal_stays_permitted(niyam):
    draft = ("Home for Diwali with the whole family, the lamps on the ghat looked lovely this year. The house is "
             "full of guests. Happy Diwali to all. I'm an IAS officer, okay to post?")
    assert niyam.ask(draft, "AIS").verdict in PERMITTED


def test_a_discount_code_in_a_thank_you_note_is_restricted(niyam):
    a = niyam.ask("Thank you Vidya Coaching for guiding me through the exam! Aspirants, their new batch starts in "
                  "June, use my code ANU10 for 10% off.", "AIS")
    assert a.verdict in (Verdict.not_allowed, Verdict.needs_sanction)


def test_figures_from_a_report_not_yet_released_are_not_allowed(niyam):
    a = niyam.ask("Our department's internal survey report hasn't been released yet, but the numbers on school "
                  "dropouts are shocking. Can I tweet the key figures so parents know?", "CCS")
    assert a.verdict == Verdict.not_allowed


def test_a_vote_appeal_in_hindi_is_read_too(niyam):
    a = niyam.ask("दिवाली की शुभकामनाएँ! मेरे भाई इस बार पार्षद का चुनाव लड़ रहे हैं, कृपया 14 तारीख़ को उन्हें वोट दें।", "AIS")
    assert a.verdict == Verdict.not_allowed


def test_a_hindi_donation_appeal_with_a_link_is_read_as_an_appeal(niyam):
    """Hindi loses the imperative when read ("दान करें" reads "donation"), so the appeal is read from what goes
    with it: a link or UPI id to pay, "दिल खोलकर" (generously)."""
    import dataclasses

    draft = "“गाँव के स्कूल की लाइब्रेरी के लिए दान करें — ₹500 में एक किताब! लिंक नीचे।” — मैं SDM हूँ, क्या यह पोस्ट कर सकता हूँ?"
    a = niyam.ask(draft, "AIS")
    assert a.verdict == Verdict.needs_sanction and a.citations[0].rule_key == "AIS 10"
    params = niyam.advisor.params
    niyam.advisor.params = dataclasses.replace(params, signals=False)
    try:
        assert niyam.ask(draft, "AIS").verdict in PERMITTED  # what the models alone read: a charity note
    finally:
        niyam.advisor.params = params


def test_giving_from_ones_own_salary_in_hindi_is_not_an_appeal(niyam):
    a = niyam.ask("मैं हर महीने अपनी तनख्वाह से एक वृद्धाश्रम को ₹2,000 दान देता हूँ। क्या यह नियमों के ख़िलाफ़ है?", "CCS")
    assert a.verdict in PERMITTED
