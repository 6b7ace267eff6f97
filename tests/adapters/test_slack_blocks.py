"""Block Kit rendering: every part of an answer, within Slack's limits, and escaped."""

from __future__ import annotations

import json

import pytest

from adapters.slack.blocks import (
    MAX_BLOCKS,
    answer_message,
    escape,
    fallback_text,
)
from adapters.slack.common import PendingShare, ShareCache
from adapters.slack.home import home_view
from adapters.slack.text import plain_text
from bot.answer import VERDICT_LABELS, VERDICT_MARKERS, Answer, Citation
from chat.seen import SeenEvents
from knowledge.model import Verdict
from tests.adapters.slack_double import check_blocks


def _answer(**kw) -> Answer:
    cit = Citation(ref="AIS 7(i)", rulebook="AIS", rule="7", title="Criticism of Government", document="ais",
                   excerpt="No member of the Service shall <criticise> & publish\nsecond line",
                   url="https://example.invalid/rules?a=1&b=2", status="in_force", source="digest")
    base = dict(verdict=Verdict.not_allowed, summary="You may not post this.", service="AIS", citations=[cit],
                reasons=["Criticising a current policy in public is barred."],
                suggestions=["Raise it through official channels."], caveats=["The exact text is being verified."])
    base.update(kw)
    return Answer(**base)


@pytest.mark.parametrize("verdict", list(Verdict))
def test_the_header_carries_marker_and_label_for_every_verdict(verdict):
    msg = answer_message(_answer(verdict=verdict))
    header = msg["blocks"][0]
    assert header["type"] == "header"
    assert header["text"]["text"] == f"{VERDICT_MARKERS[verdict]} {VERDICT_LABELS[verdict]}"
    assert msg["text"].startswith(f"{VERDICT_MARKERS[verdict]} {VERDICT_LABELS[verdict]} (AIS)")


def test_every_part_is_rendered_and_escaped():
    msg = answer_message(_answer(), feedback="t")
    text = json.dumps(msg["blocks"], ensure_ascii=False)
    types = [b["type"] for b in msg["blocks"]]
    assert types == ["header", "context", "section", "section", "section", "section", "context", "context", "actions"]
    assert "Guidance, not a legal opinion" in msg["blocks"][7]["elements"][0]["text"]
    summary, why, cited, todo = (b["text"]["text"] for b in msg["blocks"][2:6])
    assert summary == "You may not post this."
    assert why.startswith("*Why*\n• Criticising")
    assert cited.startswith("*Rules cited*\n*<https://example.invalid/rules?a=1&amp;b=2|AIS 7(i)>* · Criticism of Government")
    assert ">No member of the Service shall &lt;criticise&gt; &amp; publish\n>second line" in cited
    assert "Niyam's digest" in cited
    assert todo == "*What you can do*\n• Raise it through official channels."
    assert msg["blocks"][6]["elements"][0]["text"] == "⚠️ The exact text is being verified."
    assert "<criticise>" not in text
    assert check_blocks(msg["blocks"]) is None


def test_status_source_and_links_are_shown_safely():
    cit = Citation(ref="GAD-OM-2026-3 para 2", rulebook="GAD-OM-2026-3", rule="", title="", document="om",
                   excerpt="text", url="javascript:alert(1)", status="superseded", source="official")
    cited = answer_message(_answer(citations=[cit]))["blocks"][4]["text"]["text"]
    assert "*GAD-OM-2026-3 para 2*" in cited and "javascript" not in cited
    assert "superseded; official text" in cited


def test_a_long_answer_stays_within_slack_limits_and_says_what_it_left_out():
    cits = [Citation(ref=f"AIS {i}", rulebook="AIS", rule=str(i), title="T" * 400, document="d",
                     excerpt="word " * 2000, url="https://example.invalid") for i in range(30)]
    ans = _answer(reasons=[f"Reason {i}: " + "long <text> & more " * 60 for i in range(200)],
                  suggestions=["do this " * 500] * 30, caveats=[f"caveat {i} " + "c" * 3000 for i in range(15)],
                  citations=cits, summary="S" * 5000)
    msg = answer_message(ans, share_key="k" * 22, shared_by="U1")
    assert len(msg["blocks"]) <= MAX_BLOCKS
    assert check_blocks(msg["blocks"]) is None
    text = json.dumps(msg["blocks"])
    assert "more not shown here" in text and "Also cited: AIS 8" in text and "more caveats" in text
    assert len(msg["text"]) <= 3000
    assert len(json.dumps(msg)) < 40000


def test_feedback_buttons_carry_the_cores_token_only():
    msg = answer_message(_answer(), feedback="tok12345")
    values = {e["value"] for e in msg["blocks"][-1]["elements"]}
    assert values == {"tok12345"}


def test_share_button_only_when_asked_and_feedback_can_be_turned_off():
    plain = answer_message(_answer(), feedback="t")
    ids = [e["action_id"] for e in plain["blocks"][-1]["elements"]]
    assert ids == ["niyam_feedback_helpful", "niyam_feedback_not_helpful", "niyam_feedback_wrong_rule"]
    shared = answer_message(_answer(), share_key="abc")
    assert shared["blocks"][-1]["elements"][0]["action_id"] == "niyam_share"
    bare = answer_message(_answer())
    assert all(b["type"] != "actions" for b in bare["blocks"])


def test_an_answer_with_nothing_but_a_verdict_renders():
    msg = answer_message(Answer(verdict=Verdict.out_of_scope, summary="", service="CCS"))
    assert msg["blocks"][0]["text"]["text"].endswith("Outside the conduct rules")
    assert check_blocks(msg["blocks"]) is None
    assert fallback_text(Answer(verdict=Verdict.unclear, summary="a <b>", service="AIS")).endswith("a &lt;b&gt;")


def test_escape_and_plain_text():
    assert escape("a & <b>") == "a &amp; &lt;b&gt;"
    assert plain_text("<@UNIYAM|niyam>  hi <@U2> <!here> <mailto:a@b.c|mail> &lt;3", bot_user_id="UNIYAM") == \
        "hi @someone @here mail <3"
    assert plain_text(None) == "" and plain_text(["x"]) == ""


@pytest.mark.parametrize("service", ["AIS", "CCS", "bogus"])
def test_home_view_is_valid(service):
    view = home_view(service)
    assert view["type"] == "home" and check_blocks(view["blocks"]) is None
    select = next(b["accessory"] for b in view["blocks"] if "accessory" in b)
    assert select["initial_option"]["value"] == ("CCS" if service == "CCS" else "AIS")
    assert all(len(o["text"]["text"]) <= 75 for o in select["options"])


def test_seen_events_is_bounded_and_forgets_after_a_while():
    now = [0.0]
    seen = SeenEvents(size=3, ttl=10, clock=lambda: now[0])
    assert seen.first_time("a") and not seen.first_time("a")
    for e in "bcd":
        assert seen.first_time(e)
    assert len(seen) == 3 and seen.first_time("a")  # pushed out by size
    now[0] = 11
    assert seen.first_time("d") and len(seen) == 1  # everything else expired


def test_share_cache_is_bounded_and_expires():
    now = [0.0]
    cache = ShareCache(size=2, ttl=5, clock=lambda: now[0])
    keys = [cache.put(PendingShare(_answer(), "U1", "C1", None)) for _ in range(3)]
    assert cache.get(keys[0]) is None and cache.get(keys[2]).user == "U1"
    now[0] = 6
    assert cache.get(keys[2]) is None
    assert cache.get(None) is None and cache.get(5) is None
