"""Slack listeners around an answer and the reference commands: "Details" (the reasons, excerpts, caveats and
sources of an answer whose first message was short) and "Check without it" (a draft without its deciding
sentences, checked again, to copy), and `/niyam rule REF` and `/niyam sources` as Telegram's /rule and
/sources; a mixin of `SlackAdvisor` (adapters/slack/handlers.py).

The buttons carry the chat core's opaque token, never the draft; the answer waits in memory (chat/details.py),
and a tap after it is gone says so. What they show goes only to whoever tapped (ephemeral).
"""

from __future__ import annotations

import re

from adapters.slack.blocks import answer_message, mrkdwn, rule_message, sources_message, without_message
from adapters.slack.blocks import notice_message as note_of
from adapters.slack.common import Send, dict_of, guarded, text_of
from chat import texts
from chat.core import ChatCore
from chat.say import Say

RULE_COMMAND = re.compile(r"rule(?:\s+(?P<ref>.*))?", re.IGNORECASE | re.DOTALL)
SOURCES_COMMAND = re.compile(r"sources", re.IGNORECASE)


class AnswerActions:
    core: ChatCore

    # ---- buttons under an answer

    @guarded("details button")
    async def on_details(self, ack, body, action, respond, client):
        await ack()
        await self._tap(body, action, respond, client, without=False)

    @guarded("check without it button")
    async def on_without(self, ack, body, action, respond, client):
        await ack()
        await self._tap(body, action, respond, client, without=True)

    async def _tap(self, body, action, respond, client, *, without: bool) -> None:
        body = dict_of(body)
        user = text_of(dict_of(body.get("user")).get("id"))
        channel = text_of(dict_of(body.get("channel")).get("id")) or text_of(
            dict_of(body.get("container")).get("channel_id"))
        thread_ts = text_of(dict_of(body.get("message")).get("thread_ts"))

        async def show(message: dict) -> None:  # only the person who tapped sees it
            if text_of(body.get("response_url")):
                await respond(response_type="ephemeral", replace_original=False, **message)
            elif channel and user:
                await client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread_ts, **message)

        answer = self.core.details.get(dict_of(action).get("value"))
        if answer is None or (without and not answer.without_flagged):
            await show(note_of(mrkdwn(self.core.details.expired())))
            return
        await show(without_message(answer) if without else answer_message(answer))

    # ---- /niyam rule REF, /niyam sources

    async def reference_command(self, user: str, text: str, send: Send) -> bool:
        """Answers `rule REF` or `sources` (True), or leaves the text to be checked as a draft (False)."""
        rule, sources = RULE_COMMAND.fullmatch(text), SOURCES_COMMAND.fullmatch(text)
        if not (rule or sources):
            return False
        ref = " ".join(((rule.group("ref") if rule else "") or "").split())[:64]
        if rule and not ref:
            await send(note_of(mrkdwn(texts.SLACK_RULE_USAGE)))
            return True
        refusal = self.core.within_limit(user)
        if refusal is not None:
            if refusal:
                await send(note_of(mrkdwn(refusal)))
            return True
        if sources:
            await send(sources_message(await self.core.sources()))
            return True
        view = await self.core.rule(user, ref)
        if view is None:
            await send(note_of(mrkdwn(Say(texts.SLACK_RULE_NOT_FOUND,
                                          {"ref": ref, "code": self.core.profile(user).rulebook}))))
            return True
        await send(rule_message(view))
        return True
