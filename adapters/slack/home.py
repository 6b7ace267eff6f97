"""The App Home tab: what Niyam does and the user's service, chosen with a select."""

from __future__ import annotations

SERVICE_SELECT = "niyam_service_select"

SERVICE_OPTIONS = {  # option text is plain_text, at most 75 characters
    "AIS": "AIS: All India Services (Conduct) Rules, 1968",
    "CCS": "CCS: Central Civil Services (Conduct) Rules, 1964",
}


def _option(code: str) -> dict:
    return {"text": {"type": "plain_text", "text": SERVICE_OPTIONS[code]}, "value": code}


def home_view(service: str, *, saved: bool = False) -> dict:
    service = service if service in SERVICE_OPTIONS else "AIS"
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": "Niyam: can I post this?"}},
        {"type": "section", "text": {"type": "mrkdwn", "text": (
            "Niyam checks a draft post, tweet or comment against the conduct rules for civil servants "
            "and answers with a verdict (*allowed*, *allowed with care*, *needs prior sanction*, *not allowed*), "
            "the reasons, and the rules it rests on, quoted.")}},
        {"type": "section", "text": {"type": "mrkdwn", "text": (
            "*How to ask*\n"
            "• `/niyam your draft`: a private answer only you see, with a button to share it in the channel\n"
            "• Send me a direct message with the draft\n"
            "• Mention `@Niyam` with the draft in a channel: I answer in the thread\n"
            "• On any message, *More actions ⋯ → Check this post with Niyam*: a private answer about that message")}},
        {"type": "divider"},
        {"type": "section", "block_id": "niyam_service",
         "text": {"type": "mrkdwn", "text": "*Your service*\nWhich conduct rules apply to you?"},
         "accessory": {"type": "static_select", "action_id": SERVICE_SELECT,
                       "placeholder": {"type": "plain_text", "text": "Choose your service"},
                       "initial_option": _option(service),
                       "options": [_option(code) for code in SERVICE_OPTIONS]}},
    ]
    if saved:
        blocks.append({"type": "context", "elements": [
            {"type": "mrkdwn", "text": f"✅ Saved: your questions are now checked against the *{service}* rules."}]})
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": (
        "Niyam is guidance, not a ruling: when in doubt, ask your cadre authority. "
        "It keeps your chosen service and, if you press a feedback button, the verdict and rule references; "
        "never the text of your drafts.")}]})
    return {"type": "home", "blocks": blocks}
