"""The App Home tab: what Niyam does and the user's rulebook, chosen with a select (texts in chat/texts.py)."""

from __future__ import annotations

from chat import texts
from knowledge.model import Rulebook

SERVICE_SELECT = "niyam_service_select"


def _option(code: str) -> dict:  # option text is plain_text, at most 75 characters
    return {"text": {"type": "plain_text", "text": f"{code}: {texts.RULEBOOK_NAMES[code]}"}, "value": code}


def _mrkdwn(text: str) -> dict:
    return {"type": "mrkdwn", "text": text}


def home_view(service: str, *, saved: bool = False) -> dict:
    code = service if service in set(Rulebook) else Rulebook.AIS.value
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": texts.SLACK_HOME_TITLE}},
        {"type": "section", "text": _mrkdwn(texts.SLACK_HOME_ABOUT)},
        {"type": "section", "text": _mrkdwn(texts.SLACK_HOME_HOW)},
        {"type": "divider"},
        {"type": "section", "block_id": "niyam_service", "text": _mrkdwn(texts.SLACK_HOME_RULEBOOK),
         "accessory": {"type": "static_select", "action_id": SERVICE_SELECT,
                       "placeholder": {"type": "plain_text", "text": texts.SLACK_HOME_CHOOSE},
                       "initial_option": _option(code),
                       "options": [_option(c) for c in Rulebook]}},
    ]
    if saved:
        blocks.append({"type": "context", "elements": [_mrkdwn(texts.SLACK_HOME_SAVED.format(code=code))]})
    blocks.append({"type": "context", "elements": [_mrkdwn(texts.SLACK_HOME_PRIVACY)]})
    return {"type": "home", "blocks": blocks}
