"""Every answer of the development set through the three renderers (Telegram, Slack, terminal): nothing internal
reaches a user (confidence markers, research notes, document or concern ids), and the first message in Telegram
and Slack is at most texts.BRIEF_LIMIT characters as the person reads it. Shares the session's answers
(`dev_answers` in tests/conftest.py) with the test over the Answer's fields."""

from __future__ import annotations

from rich.console import Console

from adapters import terminal
from adapters.slack import blocks as slack
from adapters.telegram import render as telegram
from chat import texts
from tests.user_text import leaks, slack_visible, telegram_visible


def _terminal_text(answer) -> str:
    console = Console(record=True, width=120, color_system=None)
    with console.capture():
        console.print(terminal.render(answer))
    return console.export_text()


def test_every_renderer_shows_nothing_internal_and_a_short_first_message(dev_answers):
    assert len(dev_answers) >= 200
    problems = []
    for q, a in dev_answers:
        first_tg = telegram_visible(telegram.brief_html(a))
        first_slack = slack_visible(slack.brief_message(a, details="t", feedback="f")["blocks"])
        shown = {
            "telegram first": first_tg,
            "telegram details": telegram_visible("\n".join(telegram.answer_messages(a))),
            "slack first": first_slack,
            "slack details": slack_visible(slack.answer_message(a)["blocks"]),
            "terminal": _terminal_text(a),
        }
        if a.without_flagged:
            shown["telegram without"] = telegram_visible("\n".join(telegram.pack(telegram.without_sections(a))))
            shown["slack without"] = slack_visible(slack.without_message(a)["blocks"])
        for where, text in shown.items():
            if found := leaks(text):
                problems.append((q.id, where, found))
        for where, text in (("telegram", first_tg), ("slack", first_slack)):
            if len(text) > texts.BRIEF_LIMIT:
                problems.append((q.id, f"{where} first message is {len(text)} characters"))
            if not text.startswith(f"{a.marker} {a.label}") or texts.GUIDANCE not in text:
                problems.append((q.id, f"{where} first message lacks the verdict or the disclaimer"))
    assert not problems, problems[:10]


def test_the_leak_check_catches_what_it_is_for():
    """The check itself can fail: each kind of internal text is caught, a link is not."""
    for text in ("[R] wording", "rests on [V+I]", "Recalled wording: …", "see kerala-ias-suspensions-2024",
                 "concern official_accounts"):
        assert leaks(text), text
    assert not leaks("source: https://example.org/all-india-services-conduct-rules-1968 (AIS 7(i))")
