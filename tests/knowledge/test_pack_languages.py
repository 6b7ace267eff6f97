"""Guards the Hindi and Hinglish examples of the bundled pack's restricted guidance blocks.

Hindi and Hinglish questions are decided by the labelled examples nearest to their reading and by a classifier
fitted on all examples, so a block that warns (needs_sanction, not_allowed) should teach its act in the two other
ways officers write too. The language of each example is told by the same reader that reads questions.
"""

import pytest

from knowledge.loader import load_pack
from knowledge.model import RESTRICTIVE
from retrieval.reading import default_reader

# Restricted blocks still short of two Hindi and two Hinglish catches. Versions of their English catches were
# written and measured on the tuning sets together with the other voting blocks' (branch trans7-rejected):
# Hindi+Hinglish accuracy rose by two questions but missed warnings rose by four, so they are not shipped yet.
# A block leaves this list when it gets its examples; the test fails if the list goes stale either way.
SHORT = {
    ("ais-conduct-rules-1968", "AIS 3(2B)(vii)", "official_accounts"),
    ("ais-conduct-rules-1968", "AIS 5 voting proviso", "political_activity"),
    ("ais-conduct-rules-1968", "AIS 13(1)(a)", "commercial_endorsement"),
    ("ccs-conduct-rules-1964", "CCS 3(1)(iii)", "official_accounts"),
    ("deity-social-media-framework-2012", "deity-social-media-framework-2012 para 2", "official_accounts"),
    ("finance-ministry-criticism-2017", "finance-ministry-criticism-2017 para 1", "criticism_of_policy"),
    ("mha-social-media-2014", "mha-social-media-2014 para 2", "confidential_information"),
}


@pytest.fixture(scope="module")
def reader():
    return default_reader()


@pytest.fixture(scope="module")
def restricted():
    return [(d, s, g) for d in load_pack() for s in d.sections for g in s.guidance if g.verdict in RESTRICTIVE]


def _counts(reader, texts):
    counts = {"en": 0, "hinglish": 0, "hi": 0}
    for t in texts:
        counts[reader.language(t)] += 1
    return counts


def test_every_restricted_block_teaches_its_act_in_hindi_and_hinglish(reader, restricted):
    short = set()
    for d, s, g in restricted:
        c = _counts(reader, g.catches)
        if c["hi"] < 2 or c["hinglish"] < 2:
            short.add((d.id, s.ref, g.concern))
    assert short == SHORT


def test_state_circulars_warn_in_hindi_and_hinglish_too(reader, restricted):
    # a State's own instruction binds only its employees and never votes, but its blocks are what a State
    # employee asking in Hindi is shown: each teaches its act in both other ways officers write
    states = [(d.id, s.ref, _counts(reader, g.catches)) for d, s, g in restricted
              if any(a not in ("AIS", "CCS") for a in d.applies_to)]
    assert len(states) >= 15
    for doc, ref, c in states:
        assert c["hi"] >= 2 and c["hinglish"] >= 2 and c["en"] >= 2, (doc, ref, c)
