from knowledge.clauses import binds_state, operative_verdict
from knowledge.model import Verdict


def test_prohibitions_and_permissions():
    assert operative_verdict("(i) No Government servant shall upload file notings to any public AI chat service.") \
        == Verdict.not_allowed
    assert operative_verdict("Officers shall not post photographs of the office on social media.") == Verdict.not_allowed
    assert operative_verdict("The use of personal pen drives is strictly prohibited.") == Verdict.not_allowed
    assert operative_verdict("No officer shall appear on a private channel without the prior permission of the "
                             "Government.") == Verdict.needs_sanction
    assert operative_verdict("It has come to notice that officers are using AI tools.") is None
    assert operative_verdict("Officers may use tools hosted by NIC for routine drafting.") is None


def test_state_documents_bind_their_state_only():
    assert binds_state({"applies_to": "AIS,CCS"}, None)
    assert binds_state({"applies_to": "AIS,CCS,KL"}, "KL") and binds_state({"applies_to": "AIS,KL"}, "kl")
    assert not binds_state({"applies_to": "AIS,CCS,KL"}, "UP")
    assert not binds_state({"applies_to": "AIS,CCS,KL"}, None)
