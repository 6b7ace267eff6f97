"""The App Home tab: what Niyam does and the user's rulebook, State and language, each chosen with a select
(texts in chat/texts.py, said in the language `chat.say.speak` set)."""

from __future__ import annotations

from chat import texts
from chat.say import SPEAKING
from knowledge.model import Rulebook
from knowledge.states import CENTRE, codes, state_name

SERVICE_SELECT = "niyam_service_select"
STATE_SELECT = "niyam_state_select"
LANGUAGE_SELECT = "niyam_language_select"


def _plain(text: str, limit: int = 75) -> dict:
    return {"type": "plain_text", "text": text[:limit]}


def _state_option(code: str, lang: str) -> dict:
    name = texts.localize(texts.CENTRE_BUTTON, lang) if code == CENTRE else state_name(code, lang)
    return {"text": _plain(name), "value": code}


def _context_blocks(rulebook: str, state: str | None, lang: str | None) -> list[dict]:
    """The State (the Centre and every State and Union Territory: 37 options, within Slack's 100) and the language."""
    speaking = SPEAKING.get()
    prompt = texts.STATE_CHOOSE_AIS if rulebook == Rulebook.AIS else texts.STATE_CHOOSE_OTHER
    state_select: dict = {"type": "static_select", "action_id": STATE_SELECT,
                          "placeholder": _plain(texts.localize(texts.STATE_NOT_SET, speaking)),
                          "options": [_state_option(c, speaking) for c in [CENTRE] + codes()]}
    if state:
        state_select["initial_option"] = _state_option(state, speaking)
    lang_options = [{"text": _plain(name), "value": code} for code, name in texts.LANGUAGE_NAMES.items()]
    lang_select: dict = {"type": "static_select", "action_id": LANGUAGE_SELECT,
                         "placeholder": _plain(texts.LANGUAGE_NAMES["en"]), "options": lang_options}
    if lang in texts.LANGUAGE_NAMES:
        lang_select["initial_option"] = next(o for o in lang_options if o["value"] == lang)
    return [
        {"type": "section", "block_id": "niyam_state", "text": _mrkdwn(texts.localize(prompt, speaking)),
         "accessory": state_select},
        {"type": "section", "block_id": "niyam_language",
         "text": _mrkdwn(texts.localize(texts.LANGUAGE_CHOOSE, speaking)), "accessory": lang_select},
    ]


def _option(code: str) -> dict:  # option text is plain_text, at most 75 characters
    return {"text": {"type": "plain_text", "text": f"{code}: {texts.RULEBOOK_NAMES[code]}"}, "value": code}


def _say(text: str) -> str:
    return texts.localize(text, SPEAKING.get())


def _mrkdwn(text: str) -> dict:
    return {"type": "mrkdwn", "text": text}


def home_view(service: str, *, saved: bool = False, state: str | None = None, lang: str | None = None,
              note: str | None = None) -> dict:
    code = service if service in set(Rulebook) else Rulebook.AIS.value
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": _say(texts.SLACK_HOME_TITLE)}},
        {"type": "section", "text": _mrkdwn(_say(texts.SLACK_HOME_ABOUT))},
        {"type": "section", "text": _mrkdwn(_say(texts.SLACK_HOME_HOW))},
        {"type": "divider"},
        {"type": "section", "block_id": "niyam_service", "text": _mrkdwn(_say(texts.SLACK_HOME_RULEBOOK)),
         "accessory": {"type": "static_select", "action_id": SERVICE_SELECT,
                       "placeholder": {"type": "plain_text", "text": _say(texts.SLACK_HOME_CHOOSE)},
                       "initial_option": _option(code),
                       "options": [_option(c) for c in Rulebook]}},
    ] + _context_blocks(code, state, lang)
    if saved:
        blocks.append({"type": "context", "elements": [_mrkdwn(_say(texts.SLACK_HOME_SAVED).format(code=code))]})
    if note:
        blocks.append({"type": "context", "elements": [_mrkdwn(note)]})
    blocks.append({"type": "context", "elements": [_mrkdwn(_say(texts.SLACK_HOME_PRIVACY))]})
    return {"type": "home", "blocks": blocks}
