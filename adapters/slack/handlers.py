"""Bolt listeners: mentions, DMs, /niyam, the check_post shortcut, buttons, App Home; the chat core decides.

Every listener acknowledges first and the service runs after, in the core's worker threads, so Slack's
3-second limit never depends on the advisor. Bolt middleware holds the cross-cutting rule (an event id already
handled is not handled again). Nothing here logs what a message says. Admin files: adapters/slack/admin.py.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable

from slack_bolt.async_app import AsyncApp
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError

from adapters.slack.admin import SlackAdmin
from adapters.slack.answers import AnswerActions
from adapters.slack.blocks import (
    DETAILS_ACTION,
    FEEDBACK_PREFIX,
    INDEX_CANCEL,
    INDEX_CONFIRM,
    SHARE_ACTION,
    WITHOUT_ACTION,
    brief_message,
    mrkdwn,
)
from adapters.slack.blocks import notice_message as note_of
from adapters.slack.common import Notice, PendingShare, Send, ShareCache, dict_of, from_a_bot, guarded, log, text_of
from adapters.slack.context import LANGUAGE_SELECT, STATE_SELECT, Context
from adapters.slack.home import SERVICE_SELECT
from adapters.slack.listeners import HomeAndIgnores
from adapters.slack.quiz import SlackQuiz
from adapters.slack.text import INDEX_WORD, plain_text
from chat import texts
from chat.core import ChatCore, Turn
from chat.errors import log_internal


class SlackAdvisor(Context, HomeAndIgnores, AnswerActions):
    """Niyam's Slack behaviour, registered on a Bolt AsyncApp by `register`."""

    def __init__(self, core: ChatCore, admin: SlackAdmin, quiz: SlackQuiz | None = None):
        self.core = core
        self.admin = admin
        self.quiz = quiz
        self.seen = core.seen  # in the shared database: a retry landing on another replica is skipped too
        self.shares = ShareCache()

    def register(self, app: AsyncApp) -> None:
        app.middleware(self.skip_repeated_events)
        app.middleware(self.speak_their_language)
        app.event("app_mention")(self.on_mention)
        app.event({"type": "message", "subtype": "message_changed"})(self.on_message_changed)
        app.event("message")(self.on_message)
        app.event("app_home_opened")(self.on_home_opened)
        app.command(re.compile(r"^/niyam"))(self.on_command)
        app.shortcut("check_post")(self.on_check_post)
        app.action(SHARE_ACTION)(self.on_share)
        app.action(re.compile("^" + re.escape(FEEDBACK_PREFIX)))(self.on_feedback)
        app.action(DETAILS_ACTION)(self.on_details)
        app.action(WITHOUT_ACTION)(self.on_without)
        app.action(SERVICE_SELECT)(self.on_service_select)
        app.action(STATE_SELECT)(self.on_state_select)
        app.action(LANGUAGE_SELECT)(self.on_language_select)
        app.action(INDEX_CONFIRM)(self.admin.on_index_button)
        app.action(INDEX_CANCEL)(self.admin.on_index_button)
        if self.quiz is not None:
            self.quiz.register(app)  # the quiz buttons: before the catch-all ignores
        # Deliberate ignores, registered last: anything else Slack sends is acknowledged without work,
        # so Slack neither retries it nor shows the user an error.
        app.event(re.compile(".*"))(self.ignore_event)
        app.action(re.compile(".*"))(self.ignore_interaction)
        app.view(re.compile(".*"))(self.ignore_interaction)
        app.options(re.compile(".*"))(self.ignore_options)
        app.shortcut(re.compile(".*"))(self.on_unknown_shortcut)
        app.command(re.compile(".*"))(self.on_unknown_command)
        app.error(self.on_error)

    async def skip_repeated_events(self, body, next):
        """Slack retries an event it thinks went unanswered (X-Slack-Retry-Num); answer each event id once."""
        if isinstance(body, dict) and body.get("type") == "event_callback":
            event_id = body.get("event_id")
            if isinstance(event_id, str) and not await asyncio.to_thread(self.seen.first_time, event_id):
                log.info("skipped a repeated delivery of event %s", event_id)
                return BoltResponse(status=200, body="")
        return await next()

    async def on_error(self, error, body):
        kind = body.get("type") if isinstance(body, dict) else None
        log_internal(log, f"slack {kind if isinstance(kind, str) else 'request'}", error)

    # ---- asking

    async def _check_draft(self, *, user: str, text: str, send: Send, notice: Notice, has_files: bool = False,
                           empty_reply: str = texts.SLACK_EMPTY_MENTION,
                           share_to: tuple[str, str | None] | None = None, follows: list[str] | None = None,
                           replied: bool = False, posted: Callable[[Turn, object], None] | None = None) -> None:
        if not text.strip():
            await notice(mrkdwn(texts.SLACK_ONLY_FILES if has_files else empty_reply))
            return
        try:  # a follow-up is read against the draft it follows (chat/followup.py)
            turn = await self.core.check(user, text, follows=follows or [], replied=replied)
        except Exception as exc:  # the service failed: say so; the log has a reference code and the type only
            await notice(mrkdwn(self.core.failure("advisor", exc)))
            return
        answer = turn.answer
        if answer is None:
            if turn.say:
                await notice(mrkdwn(turn.say))
            return
        key = self.shares.put(PendingShare(answer, user, share_to[0], share_to[1])) if share_to else None
        sent = await send(brief_message(answer, details=self.core.details.keep(answer), share_key=key,
                                        feedback=self.core.feedback.offer(answer)))  # short first; Details one tap away
        if posted is not None:
            posted(turn, sent)

    @guarded("app_mention")
    async def on_mention(self, event, context, client):
        """`@Niyam draft` in a channel: the answer goes in the message's thread."""
        event = dict_of(event)
        channel, user, ts = text_of(event.get("channel")), text_of(event.get("user")), text_of(event.get("ts"))
        if from_a_bot(event) or event.get("subtype") or not (channel and user and ts):
            return
        if channel.startswith("D"):  # a mention inside a DM: the message.im listener answers it
            return
        thread_ts = text_of(event.get("thread_ts")) or ts
        text = plain_text(event.get("text"), bot_user_id=context.bot_user_id)

        async def send(message: dict) -> object:
            return await client.chat_postMessage(channel=channel, thread_ts=thread_ts, **message)

        async def notice(note: str) -> None:  # only the asker needs to see help, refusals and limits
            await client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread_ts, **note_of(note))

        follows, replied = self.conversation(channel, text_of(event.get("thread_ts")))
        await self._check_draft(user=user, text=text, has_files=bool(event.get("files")), send=send, notice=notice,
                                follows=follows, replied=replied,
                                posted=lambda turn, sent: self.remember_answer(channel, ts, thread_ts, turn, sent))

    @guarded("message.im")
    async def on_message(self, event, context, client):
        """A direct message: answered in the DM. Everything else (channels, edits, deletions, joins, bots) is ignored."""
        event = dict_of(event)
        channel = text_of(event.get("channel"))
        if not channel or not (event.get("channel_type") == "im" or channel.startswith("D")):
            return
        if event.get("subtype") not in (None, "file_share") or from_a_bot(event):
            return
        user = text_of(event.get("user"))
        if not user or user == context.bot_user_id:
            return
        thread_ts = text_of(event.get("thread_ts"))
        text = plain_text(event.get("text"), bot_user_id=context.bot_user_id)
        files = [f for f in event.get("files") or [] if isinstance(f, dict) and text_of(f.get("id"))]

        async def send(message: dict) -> object:
            return await client.chat_postMessage(channel=channel, thread_ts=thread_ts, **message)

        async def notice(note: str) -> None:
            await send(note_of(note))

        if files and INDEX_WORD.search(text):
            await self.admin.preview_files(client, user=user, files=files, send=send, notice=notice)
            return
        if files and not text and self.core.is_admin(user):
            await notice(mrkdwn(texts.SLACK_ONLY_FILES) + "\n" + mrkdwn(texts.SLACK_FILE_INDEX_HINT))
            return
        follows, replied = self.conversation(channel, thread_ts)
        ts = text_of(event.get("ts")) or ""
        await self._check_draft(user=user, text=text, has_files=bool(files), send=send, notice=notice,
                                empty_reply=texts.SLACK_HELP, follows=follows, replied=replied,
                                posted=lambda turn, sent: self.remember_answer(channel, ts, thread_ts, turn, sent))

    @guarded("/niyam")
    async def on_command(self, ack, command, respond):
        """`/niyam draft`: acknowledged at once, answered ephemerally with a "Share in channel" button."""
        await ack()
        command = dict_of(command)
        user, channel = text_of(command.get("user_id")), text_of(command.get("channel_id"))
        if not user or not text_of(command.get("response_url")):
            log.info("ignored a slash command without a user or response_url")
            return
        text = plain_text(command.get("text"))

        async def send(message: dict) -> None:
            await respond(response_type="ephemeral", replace_original=False, **message)

        async def notice(note: str) -> None:
            await send(note_of(note))

        if text.lower() in ("", "help"):
            await notice(mrkdwn(texts.SLACK_HELP))
            return
        if self.quiz is not None and await self.quiz.on_command(text, user=user, channel=channel, send=send,
                                                                notice=notice):
            return  # quiz, digest, report
        said = await self.settings_command(user, text)  # service CODE [STATE], language en|hi
        if said is not None:
            await notice(mrkdwn(said))
            return
        if await self.reference_command(user, text, send):  # `/niyam rule REF`, `/niyam sources`
            return
        await self._check_draft(user=user, text=text, send=send, notice=notice, empty_reply=texts.SLACK_HELP,
                                share_to=(channel, None) if channel else None)

    @guarded("check_post shortcut")
    async def on_check_post(self, ack, body, respond, client, context):
        """The "Check this post with Niyam" message shortcut: a private answer about that message."""
        await ack()
        body = dict_of(body)
        user = text_of(dict_of(body.get("user")).get("id"))
        if not user:
            return
        channel = text_of(dict_of(body.get("channel")).get("id"))
        message = dict_of(body.get("message"))
        private_url = text_of(body.get("response_url"))

        async def send(msg: dict) -> None:
            if private_url:
                await respond(response_type="ephemeral", replace_original=False, **msg)
            else:  # no response_url: a direct message from the app is private too
                await client.chat_postMessage(channel=user, **msg)

        async def notice(note: str) -> None:
            await send(note_of(note))

        if body.get("type") != "message_action":
            await notice(mrkdwn(texts.SLACK_SHORTCUT_ONLY_MESSAGES))
            return
        text = plain_text(message.get("text"), bot_user_id=context.bot_user_id)
        thread_ts = text_of(message.get("thread_ts")) or text_of(message.get("ts"))
        await self._check_draft(user=user, text=text, send=send, notice=notice,
                                empty_reply=texts.NO_TEXT_IN_MESSAGE, share_to=(channel, thread_ts) if channel else None)

    # ---- buttons

    @guarded("share button")
    async def on_share(self, ack, body, action, respond, client):
        """"Share in channel" on a private answer: post it publicly, then remove the private copy."""
        await ack()
        user = text_of(dict_of(dict_of(body).get("user")).get("id"))
        key = dict_of(action).get("value")
        pending = self.shares.get(key)
        can_respond = bool(text_of(dict_of(body).get("response_url")))

        async def notice(note: str) -> None:
            if can_respond:
                await respond(response_type="ephemeral", replace_original=False, **note_of(note))

        if pending is None or pending.user != user:
            await notice(mrkdwn(texts.SLACK_SHARE_EXPIRED))
            return
        message = brief_message(pending.answer, details=self.core.details.keep(pending.answer), shared_by=user,
                                feedback=self.core.feedback.offer(pending.answer))
        try:
            await client.chat_postMessage(channel=pending.channel, thread_ts=pending.thread_ts, **message)
        except SlackApiError as exc:  # e.g. not_in_channel: the response_url can still post there
            log_internal(log, "share via chat.postMessage", exc)
            if not can_respond:
                return
            try:
                await respond(response_type="in_channel", replace_original=False, **message)
            except Exception as exc2:
                log_internal(log, "share via response_url", exc2)
                await notice(mrkdwn(texts.SLACK_SHARE_FAILED))
                return
        self.shares.drop(key)
        if can_respond:
            await respond(delete_original=True)
