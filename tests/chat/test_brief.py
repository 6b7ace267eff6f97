"""The short first message of an answer (chat/brief.py): what it holds, and that it fits however long the parts."""

from __future__ import annotations

from bot.answer import Answer, Citation
from chat import texts
from chat.brief import brief, clip_words, first_sentence
from chat.details import AnswerDetails
from knowledge.model import Verdict

CIT = Citation(ref="AIS 7(i)", rulebook="AIS", rule="7", title="Criticism", document="ais-conduct-rules-1968",
               excerpt="No adverse criticism.")


def _answer(**kw) -> Answer:
    base = dict(verdict=Verdict.not_allowed, service="AIS", citations=[CIT],
                summary="Not allowed: adverse public criticism of a current policy is barred by AIS 7(i). More words.",
                suggestions=["Raise disagreement inside government. In public, stay factual."])
    return Answer(**(base | kw))


def test_the_verdict_once_why_naming_the_rule_one_thing_to_do_and_the_disclaimer():
    b = brief(_answer())
    assert b.lines() == ["⛔ Not allowed", "Adverse public criticism of a current policy is barred by AIS 7(i).",
                         "What to do: Raise disagreement inside government.", texts.GUIDANCE]


def test_a_why_that_names_no_rule_gets_the_first_cited_one_and_an_indexed_document_its_label():
    cit = CIT.model_copy(update={"ref": "f-11-4 para 2(i)", "label": "AI images (No. F 11-4/2026/1/9), para 2(i)"})
    b = brief(_answer(summary="Not allowed: this is forbidden.", citations=[cit]))
    assert b.why == "This is forbidden (AI images (No. F 11-4/2026/1/9), para 2(i))."
    assert "f-11-4" not in b.plain()


def test_long_parts_are_cut_at_words_to_fit_the_limit():
    long = "word " * 400
    a = _answer(summary="Not allowed: " + long, flagged=["Sentence " + long, "Another " + long],
                suggestions=[long], without_flagged={"verdict": "allowed", "text": "rest"})
    b = brief(a)
    assert len(b.plain()) <= texts.BRIEF_LIMIT and b.plain().startswith("⛔ Not allowed\n")
    assert b.flagged_label == texts.BRIEF_FLAGGED_MANY and len(b.flagged) == 2
    for part in (b.why, *b.flagged, b.todo):
        assert part.endswith("…") and "wor…" not in part and part


def test_when_the_rest_of_a_draft_is_still_restricted_the_thing_to_do_is_the_next_suggestion():
    a = _answer(flagged=["Bad sentence."], without_flagged={"verdict": "not_allowed", "text": "rest of it"},
                suggestions=["Without the sentence quoted above, the rest was checked again: Not allowed.",
                             "Raise it inside government."])
    assert brief(a).todo == "Raise it inside government."
    ok = a.model_copy(update={"without_flagged": {"verdict": "allowed", "text": "rest of it"}})
    assert brief(ok).todo.startswith("Without the sentence quoted above")


def test_sentences_and_words():
    assert first_sentence("Barred by X (No. F 11-4/2026/1/9), para 2(i). Next.") == \
        "Barred by X (No. F 11-4/2026/1/9), para 2(i)."
    assert first_sentence("See O.M. No. 5/5 of 1.1.2010. Next.") == "See O.M. No. 5/5 of 1.1.2010."
    assert first_sentence("पहला वाक्य। दूसरा।") == "पहला वाक्य।"
    assert clip_words("one two three", 9) == "one two…" and clip_words("short", 10) == "short"


def test_details_are_kept_for_a_stated_time_only():
    now = [0.0]
    details = AnswerDetails(ttl=120.0, clock=lambda: now[0])
    token = details.keep(_answer())
    assert len(token) <= 20 and details.get(token) is not None and details.minutes == 2
    now[0] = 121.0
    assert details.get(token) is None and details.get("forged") is None and details.get(None) is None
    assert details.expired().params == {"minutes": 2}


def test_a_hindi_answer_gets_its_labels_and_disclaimer_in_hindi():
    b = brief(_answer(language="hi", summary="अनुमति नहीं: AIS 7(i) के तहत नीति की आलोचना की अनुमति नहीं है।",
                      flagged=["यह नीति बेकार है।"], suggestions=["अपनी असहमति सरकार के भीतर रखें।"]))
    assert b.todo_label == texts.HI["BRIEF_TODO"] and b.flagged_label == texts.HI["BRIEF_FLAGGED"]
    assert b.guidance == texts.HI["GUIDANCE"] and "What to do" not in b.plain()


def test_a_follow_up_says_what_it_checked():
    b = brief(_answer(checked_note="Checked: your draft without its last sentence"))
    assert b.lines()[1] == "🔁 Checked: your draft without its last sentence"
    assert len(b.plain()) <= texts.BRIEF_LIMIT
