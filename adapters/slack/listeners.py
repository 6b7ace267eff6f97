"""Slack listeners that need no question: the App Home tab and its rulebook select, and the deliberate ignores
(anything else Slack sends is acknowledged without work), and the feedback buttons; a mixin of `SlackAdvisor` (adapters/slack/handlers.py)."""

from __future__ import annotations

from adapters.slack.blocks import FEEDBACK_PREFIX, mrkdwn
from adapters.slack.blocks import notice_message as note_of
from adapters.slack.common import dict_of, guarded, log, text_of
from adapters.slack.home import home_view
from chat import texts
from chat.core import ChatCore


class HomeAndIgnores:
    core: ChatCore

    # ---- feedback

    @guarded("feedback button")
    async def on_feedback(self, ack, body, action, respond):
        await ack()
        action = dict_of(action)
        user = text_of(dict_of(dict_of(body).get("user")).get("id")) or "?"
        kind = str(action.get("action_id", "")).removeprefix(FEEDBACK_PREFIX)
        said = self.core.feedback.record(action.get("value"), self.core.key(user), kind)
        if text_of(dict_of(body).get("response_url")):
            await respond(response_type="ephemeral", replace_original=False, **note_of(mrkdwn(said)))

    # ---- App Home

    @guarded("app_home_opened")
    async def on_home_opened(self, event, client):
        event = dict_of(event)
        user = text_of(event.get("user"))
        if not user or event.get("tab", "home") != "home":
            return
        p = self.core.profile(user)
        await client.views_publish(user_id=user, view=home_view(p.rulebook, state=p.state, lang=p.lang))

    # ---- deliberate ignores

    @guarded("ignored event")
    async def ignore_event(self, event):
        etype = dict_of(event).get("type")
        log.debug("ignored a %s event", etype if isinstance(etype, str) else "malformed")

    @guarded("ignored interaction")
    async def ignore_interaction(self, ack, body):
        await ack()
        log.info("ignored an unknown %s interaction", dict_of(body).get("type"))

    @guarded("options")
    async def ignore_options(self, ack):
        await ack(options=[])

    @guarded("unknown shortcut")
    async def on_unknown_shortcut(self, ack, body, respond):
        await ack()
        if text_of(dict_of(body).get("response_url")):
            await respond(response_type="ephemeral", **note_of(mrkdwn(texts.SLACK_UNKNOWN_SHORTCUT)))

    @guarded("unknown command")
    async def on_unknown_command(self, ack):
        await ack(response_type="ephemeral", text=mrkdwn(texts.SLACK_UNKNOWN_COMMAND))
