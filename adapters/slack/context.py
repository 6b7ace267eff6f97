"""Who is asking and the conversation they are in, in Slack: the language replies are said in, `/niyam service
AIS KL` and `/niyam language hi`, the App Home's State and language selects, follow-ups in a thread Niyam answered
(or the next DM), and edits (`message_changed` of a draft Niyam answered: its answer is updated with chat.update).
A mixin of `SlackAdvisor` (handlers.py); the chat core decides, this module speaks Bolt.

Conversation keys: `thr:CHANNEL:THREAD_TS` for a thread Niyam answered in (a top-level answer's own ts is the
root of the thread under it), `chat:CHANNEL` for a DM's last draft, `edit:CHANNEL:TS` for where the answer to
a message is.
"""

from __future__ import annotations

import re

from adapters.slack.blocks import brief_message, mrkdwn
from adapters.slack.blocks import notice_message as note_of
from adapters.slack.common import dict_of, from_a_bot, guarded, log, selection, text_of
from adapters.slack.home import LANGUAGE_SELECT, STATE_SELECT, home_view
from adapters.slack.text import plain_text
from chat import texts
from chat.conversations import Checked
from chat.core import ChatCore, Turn
from chat.say import Say, speak
from knowledge.errors import BadInput
from knowledge.states import state_name

SETTINGS_COMMAND = re.compile(r"(service|language|lang|bhasha|भाषा)\b\s*(.*)", re.IGNORECASE | re.S)
__all__ = ["LANGUAGE_SELECT", "STATE_SELECT", "Context"]


def _user_of(body: object) -> str | None:
    body = dict_of(body)
    return (text_of(dict_of(body.get("event")).get("user")) or text_of(dict_of(body.get("user")).get("id"))
            or text_of(body.get("user_id")) or text_of(body.get("user")))


class Context:
    core: ChatCore

    async def speak_their_language(self, body, next):
        """Bolt middleware: every reply to this request is said in the person's chosen language (else English)."""
        user = _user_of(body)
        speak(self.core.profile(user).lang if user else None)
        return await next()

    # ---- /niyam service, /niyam language

    async def settings_command(self, user: str, text: str) -> Say | None:
        """`service CODE [STATE]` or `language en|hi`: saved, and what to say; None for any other text."""
        m = SETTINGS_COMMAND.fullmatch(text.strip())
        if not m:
            return None
        word, rest = m.group(1).lower(), m.group(2).split()
        if word == "service":
            if not rest:
                return self.core.describe(user)
            try:
                code = await self.core.set_rulebook(user, rest[0])
            except BadInput:
                return Say(texts.SERVICE_UNKNOWN, {"example": "`/niyam service CCS DL`"})
            if len(rest) > 1:
                try:
                    await self.core.set_state(user, " ".join(rest[1:]))
                except BadInput:
                    return Say(texts.STATE_UNKNOWN, {"example": "`/niyam service AIS KL`"})
                return self.core.describe(user)
            return Say(texts.SERVICE_SET, {"code": code, "name": texts.RULEBOOK_NAMES[code],
                                           "command": "`/niyam service`"})
        if not rest:
            return Say(texts.LANGUAGE_UNKNOWN, {"example": "`/niyam language hi`"})
        try:
            lang = await self.core.set_lang(user, rest[0])
        except BadInput:
            return Say(texts.LANGUAGE_UNKNOWN, {"example": "`/niyam language hi`"})
        speak(lang)
        return Say(texts.LANGUAGE_SET, {"language": texts.LANGUAGE_NAMES[lang]})

    # ---- App Home selects

    @guarded("service select")
    async def on_service_select(self, ack, body, action, client):
        await ack()
        await self.publish_choice(body, action, client, self.core.set_rulebook, "rulebook",
                                  lambda code, p: {"service": code, "saved": True})

    @guarded("state select")
    async def on_state_select(self, ack, body, action, client):
        await ack()

        def saved(state: str, p) -> dict:
            return {"note": mrkdwn(Say(texts.STATE_SET, {"state": state_name(state, p.lang or "en")}))}

        await self.publish_choice(body, action, client, self.core.set_state, "State", saved)

    @guarded("language select")
    async def on_language_select(self, ack, body, action, client):
        await ack()

        def saved(lang: str, p) -> dict:
            speak(lang)
            return {"note": mrkdwn(Say(texts.LANGUAGE_SET, {"language": texts.LANGUAGE_NAMES[lang]}))}

        await self.publish_choice(body, action, client, self.core.set_lang, "language", saved)

    async def publish_choice(self, body, action, client, choose, what: str, saved) -> None:
        """One App Home choice (rulebook, State, language): the pick set through `choose` (an unknown value is
        ignored), then the Home tab published again; `saved(result, profile)` adds to or overrides the view's
        arguments (the note that says the choice was saved)."""
        chosen = selection(body, action)
        if chosen is None:
            return
        user, value = chosen
        try:
            result = await choose(user, value)
        except BadInput:
            log.info("ignored an unknown %s choice", what)
            return
        p = self.core.profile(user)
        args = {"service": p.rulebook, "state": p.state, "lang": p.lang} | saved(result, p)
        await client.views_publish(user_id=user, view=home_view(**args))

    # ---- conversations

    @staticmethod
    def conversation(channel: str, thread_ts: str | None) -> tuple[list[str], bool]:
        """Where a message may follow a draft from, most specific first, and whether it is a thread reply."""
        keys = [f"thr:{channel}:{thread_ts}"] if thread_ts else []
        if channel.startswith("D"):
            keys.append(f"chat:{channel}")
        return keys, bool(thread_ts)

    def remember_answer(self, channel: str, ts: str, thread_ts: str | None, turn: Turn, posted: object) -> None:
        """After an answer was posted: its draft under the conversation's keys, and where it is for an edit of
        the message it answers (`ts`)."""
        answer_ts = text_of(dict_of(getattr(posted, "data", posted)).get("ts"))
        keys = [f"thr:{channel}:{thread_ts or answer_ts}"] if (thread_ts or answer_ts) else []
        if channel.startswith("D"):
            keys.append(f"chat:{channel}")
        self.core.remember(keys, turn)
        if turn.draft is not None and answer_ts:
            self.core.conversations.remember([f"edit:{channel}:{ts}"], Checked(turn.draft, (answer_ts,), turn.base))

    @guarded("message_changed")
    async def on_message_changed(self, event, context, client):
        """An edited draft Niyam answered: checked again, and the answer updated in place (chat.update)."""
        event = dict_of(event)
        channel = text_of(event.get("channel"))
        message, before = dict_of(event.get("message")), dict_of(event.get("previous_message"))
        ts, user = text_of(message.get("ts")), text_of(message.get("user"))
        if not (channel and ts and user) or from_a_bot(message) or user == context.bot_user_id:
            return
        if message.get("text") == before.get("text"):
            return  # an unfurl or an attachment changed, not the draft
        held = self.core.conversations.get(f"edit:{channel}:{ts}")
        if held is None:
            return  # never answered, or longer ago than a conversation is held
        text = plain_text(message.get("text"), bot_user_id=context.bot_user_id)
        if not text:
            return
        turn = await self.core.check(user, text, base=held.base, edited=held.base is None)
        thread_ts = text_of(message.get("thread_ts"))
        if turn.answer is None:
            if turn.say:
                await client.chat_postMessage(channel=channel, thread_ts=thread_ts or ts, **note_of(mrkdwn(turn.say)))
            return
        [answer_ts] = held.answer_refs
        await client.chat_update(channel=channel, ts=answer_ts,
                                 **brief_message(turn.answer, details=self.core.details.keep(turn.answer),
                                                 feedback=self.core.feedback.offer(turn.answer)))
        root = thread_ts if channel.startswith("D") else (thread_ts or ts)  # where the answer was posted
        self.remember_answer(channel, ts, root, turn, {"ts": answer_ts})
        log.info("re-checked an edited draft: %s", turn.answer.verdict.value)
