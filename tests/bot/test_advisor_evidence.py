"""How the advisor weighs restricted evidence: one act the post commits, not a thin spread over many."""

import numpy as np

from bot.advisor import Advisor, Params


def _advisor() -> Advisor:
    adv = Advisor.__new__(Advisor)  # only the parameters are read: no index is needed for the arithmetic
    adv.params = Params()
    return adv


def test_a_thin_spread_over_many_acts_is_not_one_act():
    spread = {"general_conduct|allowed": 0.55, **{f"act{i}|not_allowed": 0.045 for i in range(10)}}
    one, _ = _advisor()._act_evidence(spread, np.array([], dtype=int), np.zeros(0), [], 0.0)
    assert abs(one - 0.045) < 1e-9  # the ten restricted acts add up to 0.45, but no one of them is committed


def test_one_act_counts_all_its_restricted_verdicts_and_its_neighbours():
    learned = {"fundraising|needs_sanction": 0.2, "fundraising|not_allowed": 0.1, "general_conduct|allowed": 0.7}
    metas = [{"verdict": "needs_sanction", "polarity": "catch", "concern": "fundraising"},
             {"verdict": "allowed", "polarity": "release", "concern": "general_conduct"}]
    sims = np.array([0.9, 0.9])
    one, sanction = _advisor()._act_evidence(learned, np.array([0, 1]), sims, metas, 0.5)
    # half the neighbours' vote (0.5 * 0.5) plus half the classifier's 0.3
    assert abs(one - (0.25 + 0.15)) < 1e-9 and sanction


def test_close_agreeing_neighbours_outweigh_the_classifier():
    adv = _advisor()
    care = {"verdict": "allowed_with_care"}
    sims = np.array([0.70, 0.68, 0.40])
    w = adv._neighbour_weight(np.array([0, 1, 2]), sims, [care, care, {"verdict": "not_allowed"}])
    assert w == adv.params.agree_w > adv.params.blend


def test_neighbours_that_disagree_or_are_far_keep_the_blend():
    adv = _advisor()
    split = adv._neighbour_weight(np.array([0, 1]), np.array([0.70, 0.68]),
                                  [{"verdict": "allowed_with_care"}, {"verdict": "not_allowed"}])
    far = adv._neighbour_weight(np.array([0, 1]), np.array([0.60, 0.50]),
                                [{"verdict": "allowed"}, {"verdict": "allowed"}])
    assert split == far == adv.params.blend
